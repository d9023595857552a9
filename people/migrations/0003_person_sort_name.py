from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0002_people_is_the_plural")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="sort_name",
            field=models.CharField(
                blank=True,
                help_text="The name the list of people files them under, surname "
                "first (e.g. “Troianovsky, A.A.”); empty: the name itself.",
                max_length=200,
            ),
        ),
    ]
