from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments and teams"

    def ready(self):
        from django.urls import register_converter

        from assessments.ids import IdConverter

        # `<id:pk>` in URLs: ids the database can hold, or no match (a 404).
        register_converter(IdConverter, "id")
