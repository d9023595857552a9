"""An editor corrects a footnote in the admin, reads it on the public page, and
restores the earlier version from the note's history: all in Chromium."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from correspondence.importing.build import FIXTURE_FILES
from correspondence.models import Letter
from tests.editing.helpers import make_editor

from .conftest import describe_violations

# The live server runs in another thread: the data must be committed. The rollback is
# serialised so the Editors group (a data migration) is there for the test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-editor-passphrase"
ORIGINAL = "L.B. Kamenev."
CORRECTED = "Lev Borisovich Kamenev (1883–1936), <i>brother</i> in Lenin's code."


@pytest.fixture
def letter():
    fixtures = Path(settings.BASE_DIR) / "fixtures"
    call_command("loaddata", *(fixtures / name for name in FIXTURE_FILES), verbosity=0)
    make_editor("editor", password=PASSWORD)
    return Letter.objects.get(slug="lenin-to-armand-1914-06-07")


def log_in(page):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label(re.compile("Username")).fill("editor")
    page.get_by_label(re.compile("Password")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Letters")).to_be_visible()


def note_3(page):
    return page.locator("#note-3")


def test_an_editor_corrects_a_note_sees_it_and_restores_the_original(
    page, letter, axe_violations
):
    log_in(page)

    # The letter's admin page: the notes in order, each with its marker in context.
    page.goto(f"/admin/correspondence/letter/{letter.pk}/change/")
    row = page.locator("tr.form-row", has=page.locator("input[value='3']"))
    expect(row.locator("td.field-context")).to_contain_text("with brother[^3]")
    row.locator("textarea").fill(CORRECTED)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # The public page shows the correction at once, its markup kept.
    page.goto(letter.get_absolute_url())
    expect(note_3(page)).to_contain_text("Lev Borisovich Kamenev (1883–1936)")
    expect(note_3(page).locator("i")).to_have_text("brother")
    expect(page.locator(".annotations-changed")).to_contain_text(
        "Annotations last changed on"
    )
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)

    # The note's history: who changed what, and the version as loaded.
    page.goto(f"/admin/correspondence/letter/{letter.pk}/change/")
    page.get_by_role("link", name="History of note 3").click()
    history = page.locator("#change-history")
    expect(history).to_contain_text("editor")
    expect(history).to_contain_text(ORIGINAL)
    history.locator("tbody tr").last.get_by_role("link", name="Note 3").click()
    expect(page.locator("textarea[name='text']")).to_have_value(ORIGINAL)
    page.get_by_role("button", name="Revert").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # The public page shows the original again.
    page.goto(letter.get_absolute_url())
    expect(note_3(page)).to_contain_text(ORIGINAL)
    expect(note_3(page)).not_to_contain_text("Lev Borisovich")


def snapshot(page, letter):
    """What a reader and another system see of the letter's own text: the body's
    paragraphs on the page, the TEI export's letter (notes left out), the stored
    parts."""
    page.goto(letter.get_absolute_url())
    on_page = page.locator("div.body p").all_inner_texts()
    tei = page.request.get(f"{letter.get_absolute_url()}tei.xml").text()
    tei_body = re.search(r'<div type="letter".*?</div>', tei, re.S).group(0)
    tei_body = re.sub(r"<note .*?</note>", "<note/>", tei_body, flags=re.S)
    stored = Letter.objects.filter(pk=letter.pk).values(*Letter.MARKED_PARTS).get()
    return on_page, tei_body, stored


def test_editing_one_note_in_chromium_changes_nothing_else(page, letter):
    before = snapshot(page, letter)
    assert len(before[0]) >= 3  # the body's paragraphs, each its own <p>
    log_in(page)
    page.goto(f"/admin/correspondence/letter/{letter.pk}/change/")
    row = page.locator("tr.form-row", has=page.locator("input[value='3']"))
    row.locator("textarea").fill("L.B. Kamenev,\nthe brother of the letters.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    assert snapshot(page, letter) == before
    note = letter.footnotes.get(number=3)
    assert note.text == "L.B. Kamenev,\nthe brother of the letters."

    # The letter's history records the save and no change to any of its fields.
    page.goto(f"/admin/correspondence/letter/{letter.pk}/history/")
    history = page.locator("#change-history")
    expect(history.locator("tbody tr")).to_have_count(2)
    expect(history).not_to_contain_text("Body")
    latest = letter.history.latest()
    assert not latest.diff_against(latest.prev_record).changes
