# The quick start: a whole discipline rated at once.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0004_staged_imports"),
        ("careers", "0003_catalogue_slug_rule"),
    ]

    operations = [
        migrations.CreateModel(
            name="QuickRating",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "level",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (0, "No exposure"),
                            (1, "Aware"),
                            (2, "Working"),
                            (3, "Proficient"),
                            (4, "Advanced"),
                            (5, "Expert"),
                        ]
                    ),
                ),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="quick_ratings",
                        to="assessments.assessment",
                    ),
                ),
                (
                    "discipline",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="careers.discipline",
                    ),
                ),
            ],
            options={
                "ordering": ["assessment", "discipline"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("assessment", "discipline"), name="quick_rating_unique_discipline"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("level__gte", 0), ("level__lte", 5)),
                        name="quick_rating_level_0_to_5",
                    ),
                ],
            },
        ),
    ]
