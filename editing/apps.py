from django.apps import AppConfig


class EditingConfig(AppConfig):
    """Editors' work in the admin: the history of every change, and the Editors group.

    The historical tables of the edition's models live here (``editing/models.py``), so
    their migrations never clash with the apps that own the models.
    """

    name = "editing"
    verbose_name = "Editing"
    default_auto_field = "django.db.models.BigAutoField"
