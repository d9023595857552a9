"""The Editors group: what an editor may do in the admin (README, "Editing").

Editors view, add and change letters, footnotes, topics, sources, a letter's sources,
people and their names; they may also delete footnotes. They cannot delete letters
(or anything else) and cannot manage users or groups. Reversing removes the group
unless someone is in it (then it stays, so migrating back and forward again loses no
editor's membership).

Permissions are normally created after all migrations (post_migrate); they are created
here first so the group can be given them on a fresh database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"

#: app label -> model -> actions
PERMISSIONS = {
    "correspondence": {
        "letter": ["view", "add", "change"],
        "footnote": ["view", "add", "change", "delete"],
        "topic": ["view", "add", "change"],
        "source": ["view", "add", "change"],
        "lettersource": ["view", "add", "change"],
    },
    "people": {
        "person": ["view", "add", "change"],
        "personname": ["view", "add", "change"],
    },
}


def create_editors(apps, schema_editor):
    db = schema_editor.connection.alias
    for label in PERMISSIONS:
        app_config = apps.get_app_config(label)
        # The migration's app registry leaves models_module None, which
        # create_permissions takes to mean "no models".
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, verbosity=0, using=db)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(db).get_or_create(name=GROUP)
    wanted = [
        (label, f"{action}_{model}")
        for label, models in PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    permissions = []
    for label, codename in wanted:
        permissions.append(
            Permission.objects.using(db).get(
                content_type__app_label=label, codename=codename
            )
        )
    group.permissions.set(permissions)


def remove_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    groups = Group.objects.using(schema_editor.connection.alias).filter(name=GROUP)
    groups.filter(user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editing", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("correspondence", "0003_letter_imported"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
