# Salary figures within a yearly range, and a plain message for a low end above the high end.

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0004_discipline_anchors"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalsalaryband",
            name="high",
            field=models.PositiveIntegerField(
                help_text="High end, in whole units of the currency.",
                validators=[
                    django.core.validators.MinValueValidator(
                        1000, "A yearly salary is at least 1,000: check for a missing digit."
                    ),
                    django.core.validators.MaxValueValidator(
                        5000000, "A yearly salary is at most 5,000,000: check for an extra digit."
                    ),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="historicalsalaryband",
            name="low",
            field=models.PositiveIntegerField(
                help_text="Low end, in whole units of the currency.",
                validators=[
                    django.core.validators.MinValueValidator(
                        1000, "A yearly salary is at least 1,000: check for a missing digit."
                    ),
                    django.core.validators.MaxValueValidator(
                        5000000, "A yearly salary is at most 5,000,000: check for an extra digit."
                    ),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="salaryband",
            name="high",
            field=models.PositiveIntegerField(
                help_text="High end, in whole units of the currency.",
                validators=[
                    django.core.validators.MinValueValidator(
                        1000, "A yearly salary is at least 1,000: check for a missing digit."
                    ),
                    django.core.validators.MaxValueValidator(
                        5000000, "A yearly salary is at most 5,000,000: check for an extra digit."
                    ),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="salaryband",
            name="low",
            field=models.PositiveIntegerField(
                help_text="Low end, in whole units of the currency.",
                validators=[
                    django.core.validators.MinValueValidator(
                        1000, "A yearly salary is at least 1,000: check for a missing digit."
                    ),
                    django.core.validators.MaxValueValidator(
                        5000000, "A yearly salary is at most 5,000,000: check for an extra digit."
                    ),
                ],
            ),
        ),
        migrations.AlterConstraint(
            model_name="salaryband",
            name="salary_low_le_high",
            constraint=models.CheckConstraint(
                condition=models.Q(("low__lte", models.F("high"))),
                name="salary_low_le_high",
                violation_error_message="The low end is above the high end: swap them, or correct the one that is wrong.",
            ),
        ),
    ]
