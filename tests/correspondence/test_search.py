"""Full-text search: the query language, the index, ranking and snippets, on either
database.

The seed letters are real excerpts of the edition's sources (fixtures/documents/000_…
for Documents 6 and 9 of "The Unknown Lenin", 002_… for the letter to Shahumyan).
"""

import datetime as dt
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import ProgrammingError, connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browse.search import (
    MAX_QUERY_LENGTH,
    NOTHING_TO_SEARCH,
    ONLY_EXCLUSIONS,
    PLAIN_WORDS,
    SHORTENED,
    TOO_MANY_WORDS,
    AllOf,
    AnyOf,
    Not,
    Term,
    matching_letters,
    parse_query,
    search_letters,
    snippets_for,
    windows,
)
from browse.search.postgresql import PostgreSQL
from browse.search.sqlite import SQLite
from correspondence import search_index
from correspondence.models import Footnote, Letter
from people.models import PersonName
from tests.factories import make_letter, make_person

DOCUMENT_6_BODY = """\
I am always very busy now & worried with the same story of Malinowsky. He is here & \
it is very hard to see him -- so useless & helpless now. And the liquidators[^2] \
continue their infamous compagn of slander & chantage. Wiring [sic] with brother[^3] \
& small misunderstandings with him do not cease.

The liquidators have published (if we understood rightly the wire [news]) that we \
knew oui dire (rumors) about political improbity (dishonesty) of Malinovsky! In fact, \
we heard it from the Viennese (the liquidators), who blabbed — but we, of course, \
rejected the rumors, submitting [them] to a collegium of three members of the Central \
Committee.[^4] We are sending you the new newspaper.[^5]

If possible, do not be angry against me. I have caused you a great pain, I know it."""

DOCUMENT_9_BODY = """\
Best greetings for the commencing revolution in Russia. We are here without news. The \
idiot Brussels conference can be forgotten in such time.[^1] (I understand that the \
liquidators & Plekhanov[^2] & other canailles are preparing a common manifesto.)

This summer is extremely unhappy: at first "affair" of Malinovsky, then the \
conference at Brussels.

Here extremely unpleasant "stories" with the stupid wife of the army.[^5] Both hate \
Malinowsky & repeat: the wife ... is "convinced", that he is an agent-provocateur!!

Confrontation of her with Malinovsky. She is blamed — she has mixed personal affairs \
& intimities with the politics. Malinovsky reveals her intime discourses. Now come \
"the three" (army & both friends) & will have almost a duel with Malinovsky & soon & \
soon ... Oh, quelle misère! These hysterical stupid creatures, I am so angry, so \
angry!!"""

SHAHUMYAN_BODY = """\
Many thanks for your letter. We are delighted with your firm and resolute policy. Be \
capable of combining with it the most cautious diplomacy, unquestionably required by \
the present most difficult, situation—and we shall be victorious.

The difficulties are immeasurable. So far we are being saved only by the \
contradictions and conflicts and struggles among the imperialists. Be capable of \
making use of these conflicts: for the time being we have to learn diplomacy.[^1]"""


@pytest.fixture
def seed(db):
    lenin = make_person("Lenin", slug="lenin", variants=[("W.L.", "signature")])
    armand = make_person("Armand", slug="armand")
    malinovsky = make_person(
        "Malinovsky", slug="malinovsky", variants=[("Malinowsky", "spelling")]
    )
    kamenev = make_person(
        "Kamenev", slug="kamenev", variants=[("brother", "pseudonym")]
    )
    plekhanov = make_person("Plekhanov", slug="plekhanov")
    shahumyan = make_person("Shahumyan", slug="shahumyan")
    zinoviev = make_person("Zinoviev", slug="zinoviev")
    document_6 = make_letter(
        slug="document-6",
        heading="Document 6. Letter to Armand (p 26)",
        date_as_written="25 May (7 June) 1914",
        dateline="7 June 1914[^1]",
        salutation="Dear friend!",
        body=DOCUMENT_6_BODY,
        closing="Yours truly",
        postscript="After your depart from Paris — you will not accomplish anything "
        "there!",
        senders=[lenin],
        recipients=[armand],
        mentions=[malinovsky, kamenev],
        footnotes=[
            "The date is recorded in the hand of Armand.",
            "A term of opprobrium coined by Lenin for Mensheviks who wanted the "
            "movement to adapt itself to the workers' desires and needs and thereby to"
            ' "liquidate" the revolution.',
            "L.B. Kamenev.",
            "The reference is to a Central Committee commission of inquiry made up of "
            "Lenin, G.Ye. Zinoviev, and Ya.S. Ganetsky, established to investigate the"
            " charges of provocation against Malinovsky.",
            "Reference to the newspaper Rabochii [The workerj, the first issue of "
            "which was published on 22 April (5 May) 1914.",
        ],
    )
    document_9 = make_letter(
        slug="document-9",
        heading="Document 9. Letter to Armand. (p 27-30)",
        headnote="The importance of Document 9 lies in the opening sentence, which "
        "reveals that Lenin saw the outbreak of the First World War as "
        "inevitably leading to a revolution in Russia.",
        date=dt.date(1914, 7, 25),
        salutation="My dear & dearest friend!",
        body=DOCUMENT_9_BODY,
        signature="Your W.L.",
        postscript="The brother[^6] must be safe, because I've got a despatch from "
        "Finland.",
        senders=[lenin],
        recipients=[armand],
        mentions=[malinovsky, plekhanov, kamenev],
        footnotes=[
            "Reference to conference in Brussels of the International Socialist "
            "Bureau, 16-18 July 1914 (NS).",
            "Georgy Valentinovich Plekhanov (18/6/1918): founding father of Russian "
            "Social Democracy.",
            "Ya A. Berzin (1881-1938). Old Bolshevik of Latvian origin.",
            "Reference to major industrial strike in St Petersburg on 12-14 July 1914 "
            "(NS).",
            "Possibly A.A. Troianovsky (1881-?): Russian writer and economist. "
            "Vacillated between the Bolsheviks and Mensheviks. In the 1920s emigrated "
            "to the United States.",
            "L.B. Kamenev.",
        ],
    )
    to_shahumyan = make_letter(
        slug="lenin-to-shahumyan",
        date=dt.date(1918, 5, 14),
        salutation="Dear Comrade Shahumyan,",
        body=SHAHUMYAN_BODY,
        closing="Yours,",
        signature="Lenin",
        senders=[lenin],
        recipients=[shahumyan],
        footnotes=[
            "The defeat of the anti-Soviet revolt of the Mussavatists at the end of "
            "March 1918 consolidated Soviet power in Baku."
        ],
    )
    # Its text spells the name only "Malinovsky"; "Malinowsky" is his variant name.
    about_malinovsky = make_letter(
        slug="zinoviev-on-malinovsky",
        body="The commission has heard Malinovsky again.",
        senders=[zinoviev],
        recipients=[kamenev],
        mentions=[malinovsky],
    )
    return {
        "document_6": document_6,
        "document_9": document_9,
        "to_shahumyan": to_shahumyan,
        "about_malinovsky": about_malinovsky,
        "malinovsky": malinovsky,
        "lenin": lenin,
    }


def found(q):
    return set(search_letters(q).values_list("slug", flat=True))


# -- the seed expectations -------------------------------------------------------------
def test_diplomacy_finds_the_letter_to_shahumyan(seed):
    assert found("diplomacy") == {"lenin-to-shahumyan"}


def test_a_quoted_phrase_finds_only_the_letter_with_the_words_together(seed):
    assert found('"great pain"') == {"document-6"}
    assert found("great pain") >= {"document-6"}


def test_an_excluded_word_removes_the_letters_that_contain_it(seed):
    result = found("Malinovsky -Plekhanov")
    assert "document-6" in result
    assert "document-9" not in result
    assert found('Malinovsky -"great pain"') == {"document-9", "zinoviev-on-malinovsky"}


def test_a_footnote_is_searched(seed):
    assert found("Troianovsky") == {"document-9"}


def test_liquidators_is_highlighted_without_its_footnote_marker(seed):
    assert "document-6" in found("liquidators")
    snippet = snippets_for([seed["document_6"]], "liquidators")[seed["document_6"].pk]
    assert "<mark>liquidators</mark>" in snippet
    assert "[^2]" not in snippet
    assert "liquidators2" not in snippet


def test_diacritics_do_not_matter(seed):
    assert found("misere") == {"document-9"}
    assert found("misère") == {"document-9"}
    assert (
        "<mark>misère</mark>"
        in snippets_for([seed["document_9"]], "misere")[seed["document_9"].pk]
    )


def test_a_variant_name_finds_the_letters_of_its_person(seed):
    assert found("Malinowsky") == {"document-6", "document-9", "zinoviev-on-malinovsky"}


def test_initials_find_the_letters_of_their_person(seed):
    assert found("W.L.") == {"document-6", "document-9", "lenin-to-shahumyan"}


def test_a_pseudonym_finds_its_person(seed):
    assert (
        found("Kamenev")
        == found("brother")
        == {
            "document-6",
            "document-9",
            "zinoviev-on-malinovsky",
        }
    )


def test_search_ignores_case(seed):
    assert found("DIPLOMACY") == found("dIpLoMaCy") == {"lenin-to-shahumyan"}
    assert found('"GREAT PAIN"') == {"document-6"}


def test_stemming_finds_other_forms_of_a_word(seed):
    assert "document-6" in found("liquidator")
    assert (
        found("diplomatic diplomacies") == set()
    )  # different stems: diplomat, diplomaci
    assert found("diplomacies") == {"lenin-to-shahumyan"}


def test_or_finds_either(seed):
    assert found("Troianovsky OR diplomacy") == {"document-9", "lenin-to-shahumyan"}
    assert found('Troianovsky OR "great pain" OR diplomacy') == {
        "document-6",
        "document-9",
        "lenin-to-shahumyan",
    }
    # OR binds tighter than the implied AND
    assert found("Lenin Troianovsky OR diplomacy") == {
        "document-9",
        "lenin-to-shahumyan",
    }


def test_exclusions_alone_keep_every_letter_without_them(seed):
    assert found("-Plekhanov") == {
        "document-6",
        "lenin-to-shahumyan",
        "zinoviev-on-malinovsky",
    }
    assert found("-Plekhanov -diplomacy") == {"document-6", "zinoviev-on-malinovsky"}


def test_an_empty_or_meaningless_query_filters_nothing(seed):
    everything = set(Letter.objects.values_list("slug", flat=True))
    for q in ["", "   ", "*", '"', "-", "OR OR", "()", "\x00"]:
        assert found(q) == everything, q


def test_stop_words_are_searchable_as_on_sqlite(seed):
    # PostgreSQL's english configuration would drop "the"; ours keeps it, as FTS5 does.
    assert found('"the liquidators have published"') == {"document-6"}


# -- ranking ---------------------------------------------------------------------------
def test_results_carry_a_search_rank_higher_for_names_than_for_notes(db):
    kropotkin = make_person("Kropotkin")
    in_names = make_letter(body="A short letter.", mentions=[kropotkin])
    in_body = make_letter(body="A short letter about Kropotkin.")
    in_notes = make_letter(body="A short letter.", footnotes=["About Kropotkin."])
    ranked = list(search_letters("Kropotkin").order_by("-search_rank"))
    assert ranked == [in_names, in_body, in_notes]
    assert all(letter.search_rank > 0 for letter in ranked)


def test_exclusions_do_not_spoil_the_rank(seed):
    ranked = search_letters("Malinovsky -Plekhanov")
    assert all(letter.search_rank > 0 for letter in ranked)


def test_an_empty_query_ranks_every_letter_zero(seed):
    assert {letter.search_rank for letter in search_letters("*")} == {0.0}


def test_the_rank_works_inside_other_querysets(seed):
    # The rank subquery follows the outer alias: it composes with joins and subqueries.
    ranked = search_letters("Malinovsky").filter(senders__slug="lenin")
    assert set(ranked.order_by("-search_rank").values_list("slug", flat=True)) == {
        "document-6",
        "document-9",
    }
    assert (
        Letter.objects.filter(pk__in=search_letters("diplomacy").values("pk")).count()
        == 1
    )


# -- snippets --------------------------------------------------------------------------
def test_snippets_are_escaped_html_with_only_mark_tags(db):
    letter = make_letter(
        body='<script>alert("x")</script> & the liquidators & <b>say</b> x < y'
    )
    snippet = snippets_for([letter], "liquidators")[letter.pk]
    assert "<mark>liquidators</mark>" in snippet
    text = snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in text and ">" not in text
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", text)
    if connection.vendor == "sqlite":
        assert "&lt;script&gt;" in snippet and "&amp;" in snippet
    # (PostgreSQL's ts_headline leaves XML tags out of its passages altogether.)


def test_a_snippet_comes_from_the_notes_when_only_they_match(seed):
    snippet = snippets_for([seed["document_9"]], "Troianovsky")[seed["document_9"].pk]
    assert "<mark>Troianovsky</mark>" in snippet


def test_a_match_the_body_holds_but_cannot_mark_is_shown_in_the_notes(db):
    # The index splits "www.example.com" into words; PostgreSQL's headline parser
    # keeps it whole and marks nothing there, so the notes show the match.
    letter = make_letter(
        body="Write to me at www.example.com now.",
        footnotes=["An example of the address."],
    )
    snippet = snippets_for([letter], "example")[letter.pk]
    assert "<mark>example</mark>" in snippet


def test_a_letter_found_only_by_a_name_says_which_name_and_whose(seed):
    # Document 6 never says "W.L.": its sender goes by it
    letter = seed["document_6"]
    snippet = snippets_for([letter], "W.L.")[letter.pk]
    assert snippet == "Matched the name <mark>W.L.</mark> (Lenin)"
    heading = snippets_for([letter], '"p 26"')[letter.pk]
    assert heading == (
        "Matched the heading “<mark>Document 6. Letter to Armand (p 26)</mark>”"
    )


def test_a_letter_found_in_its_text_shows_the_passage_not_the_name(seed):
    letter = seed["document_9"]  # it mentions Plekhanov, and names him
    snippet = snippets_for([letter], "Plekhanov")[letter.pk]
    assert not snippet.startswith("Matched")
    assert "<mark>Plekhanov</mark>" in snippet


def test_without_a_match_in_the_text_the_snippet_is_the_opening(seed):
    letter = seed["about_malinovsky"]
    assert snippets_for([letter], "-Plekhanov")[letter.pk] == (
        "The commission has heard Malinovsky again."
    )


def _recorded_windows(monkeypatch, name):
    """The windows ``windows.<name>`` gives the PostgreSQL back end, as it asks."""
    used, make = [], getattr(windows, name)

    def recorded(*args):
        used.append(make(*args))
        return used[-1]

    monkeypatch.setattr(f"browse.search.postgresql.{name}", recorded)
    return used


def _assert_whole_body_headline(cursor, pk, query, words):
    """The body's snippet of ``query`` for the letter ``pk`` is ``ts_headline`` of
    its whole body for ``words`` (read as a phrase)."""
    backend = PostgreSQL()
    node = AllOf(parse_query(query).required)
    [(_, passage, _, _)] = backend.snippets(cursor, [pk], node)
    cursor.execute(
        "SELECT ts_headline('letters', body, phraseto_tsquery('letters', %s), %s) "
        "FROM correspondence_letter_search WHERE letter_id = %s",
        [words, backend.headline_options, pk],
    )
    assert passage == cursor.fetchone()[0], (pk, query)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's headline windows"
)
def test_a_one_word_snippet_is_the_headline_of_the_whole_body(seed, monkeypatch):
    # the headline is asked of a window of the body (windows.py): it must be the
    # whole body's, for every letter of the edition and a long letter of hyphens,
    # addresses, decimals, accents and initials, each word at its first occurrence,
    # the middle of the text and the end
    filler = " ".join(f"word{i}" for i in range(60))
    make_letter(
        body=f"Misère begins. {filler} The well-known www.example.com at 3.5 per "
        f"cent; Lenin's misère. {filler} Misere again, e-mail to W.L. {filler} "
        "The end: misère."
    )
    # words PostgreSQL reads otherwise than the index splits them: joined ("3.5",
    # dates), split ("6½d", "H₂SO₄")
    make_letter(
        body="The dog wrote on " + "12.05.1918 " * 14 + "and then on the many "
        "other days of that year we did more work here " + filler
    )
    make_letter(body="H₂SO₄ " * 60 + "dog " + "word " * 39 + "dog " + filler + " dog")
    make_letter(
        body="6½d " + "x " * 11 + "d " + "x " * 6 + "6½d " + "x " * 4 + "d "
        + "x " * 14 + "6 " + "x " * 10 + "6 " + "x " * 13 + "d " + "x " * 17 + "6½d"
    )  # fmt: skip
    used = _recorded_windows(monkeypatch, "window")
    with connection.cursor() as cursor:
        cursor.execute("SELECT letter_id, body FROM correspondence_letter_search")
        for pk, body in cursor.fetchall():
            found = search_index.words(body)
            for word in {found[0], found[len(found) // 2], found[-1], "misere", "dog"}:
                _assert_whole_body_headline(cursor, pk, word, word)
            # a phrase to PostgreSQL
            _assert_whole_body_headline(cursor, pk, "6½d", "6½d")
    assert sum(part is not None for part in used) >= 4


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's headline windows"
)
def test_a_two_word_phrase_snippet_is_the_headline_of_the_whole_body(seed, monkeypatch):
    # the headline is asked of one piece of the body (windows.phrase_window): it must
    # be the whole body's, for every letter of the edition and long letters where the
    # phrase's words stand alone far before it, the phrase comes twice far apart or
    # at either end, or a word is doubled ("that that")
    filler = " ".join(f"word{i}" for i in range(300))
    make_letter(
        body=f"I understand that {filler} he is convinced, that he {filler} is "
        f"convinced that it is so. {filler} Convinced that again."
    )
    near = " ".join(f"near{i}" for i in range(97))
    make_letter(
        body=f"{filler} he said that {near} that {near} convinced that {filler}"
    )
    make_letter(body=f"Convinced that, said he. {filler} {filler} The end that")
    make_letter(body=f"{filler} that that {filler} that is all, that that.")
    make_letter(
        body=f"{filler} at 3.5 per cent, W.L. wrote on 12.05.1918 that the "
        f"well-known convinced that {filler}"
    )
    used = _recorded_windows(monkeypatch, "phrase_window")
    with connection.cursor() as cursor:
        cursor.execute("SELECT letter_id, body FROM correspondence_letter_search")
        for pk, body in cursor.fetchall():
            found = search_index.words(body)
            pairs = {
                f"{found[i]} {found[i + 1]}"
                for i in {0, len(found) // 2, len(found) - 2}
                if len(found) > 1
            }
            for phrase in pairs | {"convinced that", "that that", "that he"}:
                _assert_whole_body_headline(cursor, pk, f'"{phrase}"', phrase)
    assert sum(part is not None for part in used) >= 6


def test_snippets_for_a_page_cost_a_fixed_number_of_queries(
    db, django_assert_max_num_queries
):
    letters = [
        make_letter(body=f"Letter {n} about the liquidators.") for n in range(50)
    ]
    with django_assert_max_num_queries(1):
        page = list(search_letters("liquidators").order_by("-search_rank")[:50])
    with django_assert_max_num_queries(2):
        snippets = snippets_for(page, "liquidators")
    assert len(snippets) == len(letters) == 50
    assert all("<mark>liquidators</mark>" in s for s in snippets.values())


# -- keeping the index current ---------------------------------------------------------
def test_editing_a_footnote_changes_the_results(seed):
    note = Footnote.objects.get(letter=seed["document_9"], number=5)
    note.text = "Possibly A.A. Zhitomirsky."
    note.save()
    assert found("Troianovsky") == set()
    assert found("Zhitomirsky") == {"document-9"}
    note.delete()
    assert found("Zhitomirsky") == set()


def test_adding_a_variant_name_changes_the_results(seed):
    assert found("Roman") == set()
    PersonName.objects.create(person=seed["malinovsky"], name="Roman", kind="short")
    assert found("Roman") == {"document-6", "document-9", "zinoviev-on-malinovsky"}
    PersonName.objects.filter(name="Roman").delete()
    assert found("Roman") == set()


def test_renaming_a_person_changes_the_results(seed):
    lenin = seed["lenin"]
    lenin.name = "Ulyanov"
    lenin.save()
    assert found("Ulyanov") == {"document-6", "document-9", "lenin-to-shahumyan"}


def test_changing_the_people_of_a_letter_changes_the_results_from_either_side(seed):
    letter, malinovsky = seed["to_shahumyan"], seed["malinovsky"]
    letter.mentions.add(malinovsky)
    assert "lenin-to-shahumyan" in found("Malinowsky")
    malinovsky.mentioned_in.remove(letter)
    assert "lenin-to-shahumyan" not in found("Malinowsky")
    malinovsky.mentioned_in.add(letter)
    malinovsky.mentioned_in.clear()
    assert found("Malinowsky") == {"document-6", "document-9"}  # through their own text
    seed["about_malinovsky"].recipients.clear()
    assert found("Kamenev") == {"document-6", "document-9"}  # through their footnotes


def test_deleting_a_person_or_a_letter_changes_the_results(seed):
    seed["malinovsky"].delete()
    assert found("Malinowsky") == {"document-6", "document-9"}
    seed["document_9"].delete()
    assert found("Troianovsky") == set()
    assert found("-diplomacy") == {"document-6", "zinoviev-on-malinovsky"}


def test_editing_a_letter_changes_the_results(seed):
    letter = seed["to_shahumyan"]
    letter.body = letter.body.replace("diplomacy", "tact")
    letter.save()
    assert found("diplomacy") == set()
    assert found("tact") == {"lenin-to-shahumyan"}


def test_deferred_indexing_indexes_once_at_the_end(db):
    with search_index.deferred_indexing():
        letter = make_letter(body="Deferred Zasulich.")
        assert found("Zasulich") == set()
    assert found("Zasulich") == {letter.slug}


def test_loaddata_needs_a_rebuild_which_the_command_does(db, tmp_path):
    letter = make_letter(
        slug="loaded", body="Plain body.", footnotes=["About Zasulich."]
    )
    fixture = tmp_path / "letter.json"
    from django.core import serializers

    fixture.write_text(
        serializers.serialize("json", [letter, *letter.footnotes.all()]),
        encoding="utf-8",
    )
    letter.delete()
    call_command("loaddata", str(fixture), verbosity=0)
    assert json.loads(fixture.read_text())[1]["fields"]["text"] == "About Zasulich."
    assert found("Zasulich") == set()  # raw saves are not indexed
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Indexed 1 letters" in out.getvalue()
    assert found("Zasulich") == {"loaded"}


def test_the_rebuild_works_in_batches(seed):
    out = StringIO()
    call_command("rebuild_search_index", batch_size=1, verbosity=2, stdout=out)
    assert out.getvalue().count("indexed ") == 4
    assert found("Troianovsky") == {"document-9"}


# -- the parser ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("q", "items"),
    [
        ("Malinovsky", (Term("malinovsky"),)),
        ("great pain", (Term("great"), Term("pain"))),
        ('"great pain"', (Term("great pain", phrase=True),)),
        ("W.L.", (Term("w l"),)),
        ("Misère", (Term("misère"),)),
        ("Malinovsky -Plekhanov", (Term("malinovsky"), Not(Term("plekhanov")))),
        ('-"great pain"', (Not(Term("great pain", phrase=True)),)),
        ("a OR b", (AnyOf((Term("a"), Term("b"))),)),
        ('a OR "b c" OR d', (AnyOf((Term("a"), Term("b c", phrase=True), Term("d"))),)),
        ("x a OR b y", (Term("x"), AnyOf((Term("a"), Term("b"))), Term("y"))),
        ("a AND b", (Term("a"), Term("b"))),
        ("a or b", (Term("a"), Term("or"), Term("b"))),
        ("agent-provocateur", (Term("agent provocateur"),)),
        ("\u201cgreat pain\u201d", (Term("great pain", phrase=True),)),
    ],
)
def test_the_parser_builds_a_tree_for_each_form(q, items):
    parsed = parse_query(q)
    assert parsed.tree == AllOf(items)
    assert parsed.messages == ((ONLY_EXCLUSIONS,) if q.startswith("-") else ())


@pytest.mark.parametrize(
    ("q", "items"),
    [
        ('"great pain', (Term("great"), Term("pain"))),
        ('great "pain" "', (Term("great"), Term("pain", phrase=True))),
        ("a -", (Term("a"),)),
        ("OR a OR", (Term("a"),)),
        ("a OR OR b", (AnyOf((Term("a"), Term("b"))),)),
        ("a OR -b", (Term("a"), Not(Term("b")))),
        ("-a OR b", (Not(Term("a")), Term("b"))),
        ("lenin*", (Term("lenin"),)),
        ("NEAR(a b)", (Term("near a"), Term("b"))),
        ("body:pain", (Term("body pain"),)),
        ("a\x00b", (Term("a"), Term("b"))),
        ('""', None),
        ("*", None),
    ],
)
def test_the_parser_repairs_garbage_and_says_so(q, items):
    parsed = parse_query(q)
    assert parsed.tree == (AllOf(items) if items else None)
    if items:
        assert PLAIN_WORDS in parsed.messages or q == "a\x00b"
    else:  # nothing left to search: that alone is said
        assert parsed.messages == (NOTHING_TO_SEARCH,)


def test_an_empty_query_is_empty_without_a_message():
    for q in ["", "   ", None, 42]:
        parsed = parse_query(q)
        assert parsed.is_empty and parsed.messages == ()


def test_a_query_with_nothing_to_search_says_so():
    assert parse_query("* ( )").messages == (NOTHING_TO_SEARCH,)


@pytest.mark.parametrize("q", ["OR", "OR OR", "AND", "-", '""'])
def test_a_query_of_only_operators_gets_one_notice_not_two_contradictory_ones(q):
    # "treated as plain words" beside "no words to search for" said both
    assert parse_query(q).messages == (NOTHING_TO_SEARCH,)


def test_a_long_query_is_shortened_and_says_so():
    parsed = parse_query("pain " * 1000)
    assert len(parsed.text) <= MAX_QUERY_LENGTH
    # 1,000 characters of it are 200 words, of which 100 are searched
    assert parsed.messages == (SHORTENED, TOO_MANY_WORDS)
    assert not parsed.is_empty


def test_only_exclusions_say_what_they_do():
    parsed = parse_query("-Plekhanov")
    assert parsed.required == () and parsed.excluded == (Term("plekhanov"),)
    assert parsed.messages == (ONLY_EXCLUSIONS,)


def test_every_fts5_term_is_a_quoted_string():
    sql, params = SQLite().render(parse_query('NEAR(a, b) col:x "c d" OR e -f').tree)
    assert sql == "%s"
    assert params == ['("near a" AND "b" AND "col x" AND ("c d" OR "e")) NOT ("f")']


def test_postgresql_terms_are_bound_parameters():
    sql, params = PostgreSQL().render(parse_query("a'); DROP TABLE x; -- OR b").tree)
    assert "DROP" not in sql and "'a'" not in sql
    assert params == ["a", "drop", "table", "x", "b"]


# -- no input raises -------------------------------------------------------------------
SYNTAX = st.text(
    alphabet=st.sampled_from(list("ab é\"-()*:^ORANDNEAR\x00\t\u201c\\'")), max_size=60
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(q=st.one_of(st.text(max_size=300), SYNTAX))
def test_no_query_raises_on_this_database(seed, q):
    letters = list(search_letters(q).order_by("-search_rank"))
    snippets_for(letters or [seed["document_6"]], q)
    assert len(parse_query(q).text) <= MAX_QUERY_LENGTH


def test_a_very_long_query_of_garbage_does_not_raise(seed):
    q = ('"' * 7 + "NEAR( col:* -" + "\x00" + "Malinovsky OR ") * 400
    assert len(q) > 5000
    list(search_letters(q))
    assert connection.vendor in ("sqlite", "postgresql")


def _seqscan():
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        return cursor.fetchone()[0]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL planner setting"
)
def test_the_search_s_planner_setting_ends_with_its_query(client, seed):
    # the matches are read with sequential scans off (postgresql.py); nothing after
    # them is planned so, whether the query succeeded or failed
    assert client.get("/letters/?q=diplomacy").status_code == 200
    assert _seqscan() == "on"
    with connection.cursor() as cursor, pytest.raises(ProgrammingError):
        PostgreSQL().fetch_matches(cursor, "SELECT no_such_column FROM letter", [])
    assert _seqscan() == "on"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's word pairs (0010)"
)
def test_a_phrase_s_word_pairs_narrow_the_letters_read_never_the_results(db):
    # the pairs are a necessary condition only: every phrase finds exactly the
    # letters whose document matches it, across the parts of a letter, stemmed,
    # unaccented, with repeated words and with the words apart or reversed
    lenin = make_person("Lenin", slug="lenin")
    make_letter(body="Him with the great pain. With him, great pains.", senders=[lenin])
    make_letter(body="The liquidators of Baku; misère with him", footnotes=["Great"])
    make_letter(body="Pain great, with with him him", heading="Great pain")
    make_letter(body="Pain. Lenin wrote", senders=[lenin])
    make_letter(body="Great pain. Pain with care.")  # both pairs of "great pain with"
    phrases = [
        "him with", "with him", "great pain", "pain great", "with with",
        "liquidator of baku", "misere with him", "pain lenin", "lenin pain",
        "great pain with", "him him great",
    ]  # fmt: skip
    for phrase in phrases:
        query = parse_query(f'"{phrase}" -nothing')
        with CaptureQueriesContext(connection) as queries:
            ids, _ = matching_letters(query, "default")
        assert any("pairs @>" in q["sql"] for q in queries)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT letter_id FROM correspondence_letter_search "
                "WHERE document @@ phraseto_tsquery('letters', %s)",
                [phrase],
            )
            expected = sorted(row[0] for row in cursor.fetchall())
        assert sorted(ids) == expected, phrase
        if len(phrase.split()) == 2:  # two words side by side: the pairs alone
            found_by = [q["sql"] for q in queries if "pairs @>" in q["sql"]]
            assert not any("document @@" in sql for sql in found_by), phrase
    # a phrase of two words beside a word; one of three words (checked on documents)
    for text, phrase, word in [
        ('"with him" pain', "with him", "pain"),
        ('"with him great" pains', "with him great", "pains"),
    ]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT letter_id FROM correspondence_letter_search WHERE document @@ "
                "(phraseto_tsquery('letters', %s) && phraseto_tsquery('letters', %s))",
                [phrase, word],
            )
            expected = sorted(row[0] for row in cursor.fetchall())
        assert expected, text
        assert sorted(matching_letters(parse_query(text), "default")[0]) == expected
    assert (
        sum(
            bool(matching_letters(parse_query(f'"{p}"'), "default")[0]) for p in phrases
        )
        >= 8
    )  # most phrases find something: the comparison is not of empty lists


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's word pairs (0010)"
)
def test_a_letter_s_word_pairs_follow_its_text_and_go_with_it(db):
    letter = make_letter(body="Alpha beta gamma.")
    assert found('"alpha beta"') == {letter.slug}
    letter.body = "Beta alpha gamma."
    letter.save()
    assert found('"alpha beta"') == set()
    assert found('"beta alpha"') == {letter.slug}
    letter.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM correspondence_letter_search_pairs")
        assert cursor.fetchone()[0] == 0
