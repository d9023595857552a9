from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    """The synthetic corpus generator and its ``generate_corpus`` command: an app only
    so that ``manage.py`` finds the command; it has no models."""

    name = "benchmarks.synthetic"
    label = "synthetic"
    verbose_name = "Synthetic editions for benchmarks"
