from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "correspondence"
    verbose_name = "Correspondence"

    def ready(self):
        from correspondence import signals  # noqa: F401 -- keeps the search index current
