"""The data version follows the new tables, and the languages facet has its index.

On SQLite, 0005 rebuilt the letter table (adding a NOT NULL column copies the table),
which drops what raw SQL had put on it: 0002's trigger that keeps the search index from
holding deleted letters, 0004's date-span index and data-version triggers. They are
made again here, exactly as there.

Then: place records for the letters already stored, from their place text as printed
(identical texts become one place; the text fields stay as they are), and the
editors' starting list of languages. Nothing else is filled in: a place gets no
coordinates or authority record here, a letter no kind or language.

A frozen copy of places.linking's rule, as migrations must not import app code that
may change later.
"""

from django.db import migrations
from django.utils.text import slugify

#: ISO 639-1 code, English name: the languages of the corpus' documents and pages
LANGUAGES = [
    ("de", "German"),
    ("en", "English"),
    ("fr", "French"),
    ("it", "Italian"),
    ("lv", "Latvian"),
    ("pl", "Polish"),
    ("ru", "Russian"),
]

PLACE_FIELDS = (("place_sent", "sent_from"), ("place_received", "sent_to"))

#: tables whose writes change what pages show (see 0004: the same triggers)
TABLES = ["places_place", "correspondence_language", "correspondence_letter_languages"]
#: the language facet reads letters by language, as 0004's topic index does
INDEX = (
    "CREATE INDEX letter_languages_language_letter ON "
    "correspondence_letter_languages (language_id, letter_id)"
)


#: what 0002 and 0004 put on correspondence_letter on SQLite, made again if missing
SQLITE_LETTER = [
    "CREATE TRIGGER IF NOT EXISTS letter_fts_forget AFTER DELETE ON "
    "correspondence_letter BEGIN DELETE FROM letter_fts WHERE rowid = OLD.id; END",
    "CREATE INDEX IF NOT EXISTS letter_date_span ON correspondence_letter "
    "(date_min, date_max)",
    *(
        f"CREATE TRIGGER IF NOT EXISTS correspondence_letter_version_{event.lower()} "
        f"AFTER {event} ON correspondence_letter BEGIN UPDATE letters_data_version "
        "SET value = lower(hex(randomblob(8))) WHERE id = 1; END"
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_LETTER:
            schema_editor.execute(statement)
    schema_editor.execute(INDEX)
    for table in TABLES:
        if vendor == "sqlite":
            for event in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_version_{event.lower()} "
                    f"AFTER {event} ON {table} BEGIN UPDATE letters_data_version "
                    "SET value = lower(hex(randomblob(8))) WHERE id = 1; END"
                )
        elif vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_version "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION letters_data_version_bump()"
            )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute("DROP INDEX IF EXISTS letter_languages_language_letter")
    for table in TABLES:
        if vendor == "sqlite":
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_version_{event}")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")


def forwards(apps, schema_editor):
    Language = apps.get_model("correspondence", "Language")
    for code, name in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name": name})

    Letter = apps.get_model("correspondence", "Letter")
    Place = apps.get_model("places", "Place")
    places = {place.name: place for place in Place.objects.order_by("slug")}
    taken = set(Place.objects.values_list("slug", flat=True))
    for text_field, link_field in PLACE_FIELDS:
        texts = (
            Letter.objects.filter(**{f"{link_field}__isnull": True})
            .exclude(**{text_field: ""})
            .values_list(text_field, flat=True)
            .distinct()
        )
        for text in sorted(set(texts)):
            name = text.strip()
            if not name:
                continue
            place = places.get(name)
            if place is None:
                base = slugify(name)[:90] or "place"
                slug, number = base, 1
                while slug in taken:
                    number += 1
                    slug = f"{base}-{number}"
                taken.add(slug)
                place = places[name] = Place.objects.create(slug=slug, name=name)
            Letter.objects.filter(
                **{text_field: text, f"{link_field}__isnull": True}
            ).update(**{link_field: place})


def backwards(apps, schema_editor):
    """The links go with the columns when 0005 is reversed; the places stay, unlinked
    (an editor may have extended them)."""


class Migration(migrations.Migration):
    dependencies = [
        ("correspondence", "0005_letter_kind_languages_places"),
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
        migrations.RunPython(forwards, backwards),
    ]
