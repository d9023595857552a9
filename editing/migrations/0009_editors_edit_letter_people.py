"""Editors edit a letter's senders and recipients, with their roles and order, as
they did when these were plain many-to-many fields of the letter (correspondence
0009): view, add, change and delete the links (deleting a link unlinks a person from
the letter; the person stays)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"

PERMISSIONS = {
    "correspondence": {
        "lettersender": ["view", "add", "change", "delete"],
        "letterrecipient": ["view", "add", "change", "delete"],
    },
}


def _codenames():
    return [
        (label, f"{action}_{model}")
        for label, models in PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]


def grant(apps, schema_editor):
    db = schema_editor.connection.alias
    for label in PERMISSIONS:
        app_config = apps.get_app_config(label)
        # as in 0002: the migration's registry leaves models_module None
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, verbosity=0, using=db)
        finally:
            app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(db).get_or_create(name=GROUP)
    for label, codename in _codenames():
        group.permissions.add(
            Permission.objects.using(db).get(
                content_type__app_label=label, codename=codename
            )
        )


def revoke(apps, schema_editor):
    db = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.using(db).filter(name=GROUP):
        for label, codename in _codenames():
            group.permissions.remove(
                *Permission.objects.using(db).filter(
                    content_type__app_label=label, codename=codename
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("editing", "0008_history_of_letter_people_roles"),
        ("correspondence", "0009_letter_people_roles_and_order"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
