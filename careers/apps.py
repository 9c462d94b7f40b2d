from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Catalogue"

    def ready(self):
        from careers import versioning

        # Every catalogue model, so any change gives the catalogue a new version.
        versioning.connect(
            model for model in self.get_models() if not model.__name__.startswith("Historical")
        )
