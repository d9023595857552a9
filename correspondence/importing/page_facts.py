"""What kind of document a letter is, what language it was written in and which place
records it names, where its page says so: nothing is guessed from how a letter reads.

- kind: the heading names it ("TELEGRAM TO V. N. ANDRONNIKOV", "Telegram To J. V.
  Stalin", "Document 6. Letter to Armand", "Mandate", "Note to ..."); the date line
  says it was "Dictated by phone" (a message by telephone); a note of the editors
  speaks of the document itself as "this telegram" / "the telegram" ("Lenin wrote this
  telegram ...", "The last sentence of the telegram is in Lenin's handwriting") or
  "This letter (postcard)". "The telegram from Ekaterinburg" is another document.
- languages: the edition's own remark "Translated from the German." (kept as the
  source note of the letter's printing). A translator's name alone says nothing of
  the original's language.

- places: the place texts as printed, linked to place records (places/linking.py).

``fill_from_page(letters)`` sets these only where they are empty, so what an editor
recorded stays; used by the importer (after a file's letters are written) and by
``load_edition``.
"""

import re

#: (kind, pattern on the heading)
HEADING_KINDS = [
    ("telegram", re.compile(r"^\W*(?:document\s+\d+\.\s*)?telegram\b", re.I)),
    ("mandate", re.compile(r"^\W*(?:document\s+\d+\.\s*)?mandate\b", re.I)),
    ("note", re.compile(r"^\W*(?:document\s+\d+\.\s*)?note\s+to\b", re.I)),
    (
        "letter",
        re.compile(
            r"^\W*(?:document\s+\d+\.\s*)?(?:excerpt of a\s+)?letter\s+to\b", re.I
        ),
    ),
]
TELEPHONE = re.compile(r"\bdictated\s+by\s+(?:tele)?phone\b", re.I)
#: (kind, pattern on the editors' notes and headnote)
NOTE_KINDS = [
    (
        "postcard",
        re.compile(r"\bthis\s+letter\s+\(postcard\)|\bthis\s+postcard\b", re.I),
    ),
    (
        "telegram",
        re.compile(r"\b(?:this|the)\s+telegram\b(?!\s+(?:from|of|to|sent)\b)", re.I),
    ),
]
TRANSLATED_FROM = re.compile(r"\b(?i:translated\s+from\s+the)\s+([A-Z][a-z]+)\b")

#: the English names of languages and their ISO 639-1 codes, for a language the page
#: names that the editors' list lacks (a name not here is left for an editor)
LANGUAGE_CODES = {
    "English": "en",
    "French": "fr",
    "German": "de",
    "Italian": "it",
    "Latvian": "lv",
    "Polish": "pl",
    "Russian": "ru",
    "Georgian": "ka",
    "Ukrainian": "uk",
    "Yiddish": "yi",
    "Swedish": "sv",
    "Czech": "cs",
}


def kind_of(*, heading="", date_as_written="", notes=()):
    """The kind the page gives the document, or "" if it says none."""
    for kind, pattern in HEADING_KINDS:
        if pattern.search(heading or ""):
            return kind
    if TELEPHONE.search(date_as_written or ""):
        return "telephone"
    for kind, pattern in NOTE_KINDS:
        if any(pattern.search(note or "") for note in notes):
            return kind
    return ""


def languages_of(source_notes):
    """The languages the page says the letter was translated from, in order."""
    found = []
    for note in source_notes:
        for name in TRANSLATED_FROM.findall(note or ""):
            if name in LANGUAGE_CODES and name not in found:
                found.append(name)
    return found


def fill_kind_and_languages(letters):
    """Record kind and languages of ``letters`` where the page gives them and the
    letter has none yet. Writes with UPDATE and link rows (no history: part of the
    import, not an edit); returns how many letters changed."""
    from correspondence.models import Language, Letter

    letters = list(
        Letter.objects.filter(
            pk__in=[letter.pk for letter in letters]
        ).prefetch_related("footnotes", "letter_sources", "languages")
    )
    changed = 0
    for letter in letters:
        touched = False
        if not letter.kind:
            notes = [letter.headnote] + [note.text for note in letter.footnotes.all()]
            kind = kind_of(
                heading=letter.heading,
                date_as_written=letter.date_as_written,
                notes=notes,
            )
            if kind:
                Letter.objects.filter(pk=letter.pk).update(kind=kind)
                touched = True
        if not letter.languages.all():
            names = languages_of(link.note for link in letter.letter_sources.all())
            for name in names:
                language = Language.objects.filter(name=name).first()
                if language is None:
                    language, _ = Language.objects.get_or_create(
                        code=LANGUAGE_CODES[name], defaults={"name": name}
                    )
                # the link row itself: add() would record an edit in the history
                Letter.languages.through.objects.get_or_create(
                    letter_id=letter.pk, language_id=language.pk
                )
                touched = True
        changed += touched
    return changed


def fill_from_page(letters):
    """Kind, languages and place records of ``letters`` (see the module docstring)."""
    from places.linking import link_letter_places

    letters = list(letters)
    link_letter_places(letters)
    fill_kind_and_languages(letters)
