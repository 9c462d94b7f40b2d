from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments and teams"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.urls import register_converter

        from assessments import tokens, visitors
        from assessments.ids import IdConverter

        user_logged_in.connect(visitors.on_login, dispatch_uid="assessments.visitors")
        user_logged_in.connect(tokens.note_login, dispatch_uid="assessments.tokens")

        # `<id:pk>` in URLs: ids the database can hold, or no match (a 404).
        register_converter(IdConverter, "id")
