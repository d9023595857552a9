"""The window of a body PostgreSQL's headline is asked of for a one-word query or a
phrase of two words (browse/search/windows.py): where it starts and ends, and when
its headline is trusted. That it gives the whole body's headline is tested on
PostgreSQL in tests/correspondence/test_search.py."""

from browse.search.query import START, STOP, counted_alike, one_token
from browse.search.windows import (
    DELIMITER,
    MARGIN,
    MAX_POSITION,
    PHRASE_REACH,
    SEAM,
    phrase_window,
    trusted,
    window,
)


def _body(count, marked=()):
    """A body of ``count`` words, "w0" ... , with "hit" at the indices ``marked``."""
    return " ".join("hit" if i in marked else f"w{i}" for i in range(count)) + "."


def _positions(indices, names=0):
    return [names + 1 + i for i in indices]


def test_the_window_runs_from_the_margin_before_the_word_to_the_margin_after():
    body = _body(500, marked={200})
    part = window(body, _positions([200]))
    words = part.text.split()
    assert words[0] == f"w{200 - MARGIN}" and words[-1] == f"w{200 + MARGIN}"
    assert "hit" in words and not part.second
    assert not part.whole_start and not part.whole_end


def test_the_names_words_come_before_the_body_s():
    body = _body(500, marked={200})
    part = window(
        body, _positions([200], names=7), "The Seven Names Of Those Who Wrote"
    )
    assert part.text.split()[MARGIN] == "hit"


def test_an_occurrence_past_the_first_fragment_is_kept_with_its_margin():
    body = _body(600, marked={100, 110, 300})
    part = window(body, _positions([100, 110, 300]))
    words = part.text.split()
    assert words[0] == f"w{100 - MARGIN}" and words[-1] == f"w{300 + MARGIN}"
    assert part.second


def test_occurrences_far_apart_are_two_pieces_without_the_text_between():
    body = _body(600, marked={100, 110, 400})
    part = window(body, _positions([100, 110, 400]))
    first, second = (piece.split() for piece in part.pieces)
    assert first[0] == f"w{100 - MARGIN}" and first[-1] == f"w{110 + MARGIN}"
    assert second[0] == f"w{400 - MARGIN}" and second[-1] == f"w{400 + MARGIN}"
    assert part.text == SEAM.join(part.pieces) and part.second
    # margins that meet make one piece, the text between kept
    part = window(body, _positions([100, 110, 110 + 2 * MARGIN + 1]))
    assert len(part.pieces) == 1 and f"w{110 + MARGIN}" in part.text


def test_occurrences_close_together_need_no_second_fragment():
    part = window(_body(600, marked={100, 110}), _positions([100, 110]))
    assert part.text.split()[-1] == f"w{110 + MARGIN}" and not part.second


def test_a_window_reaching_an_end_of_the_body_says_so():
    part = window(_body(100, marked={5, 60}), _positions([5, 60]))
    assert part is None  # from the first word to the last: the whole body
    part = window(_body(500, marked={5}), _positions([5]))
    assert part.whole_start and part.text.startswith("w0")
    part = window(_body(500, marked={480}), _positions([480]))
    assert part.whole_end and part.text.endswith("w499.")


def test_without_the_word_the_window_is_the_opening():
    part = window(_body(500), None)
    assert part.text.split() == [f"w{i}" for i in range(MARGIN + 1)]


def test_the_whole_body_where_the_words_cannot_be_counted_as_the_index_did():
    assert window(_body(60, marked={30}), _positions([30])) is None  # short
    decomposed = "cafe\u0301 " + _body(500, marked={200})
    assert window(decomposed, _positions([201])) is None  # not NFC
    assert window(_body(100), _positions([150])) is None  # past the last word
    # past the last word, beyond a first piece that reaches it
    assert window(_body(100, marked={60}), _positions([60, 300])) is None
    assert window(_body(500), [MAX_POSITION]) is None  # positions saturated
    # PostgreSQL counts "6½d" as more words than the index: the positions drift
    assert window(_body(500, marked={200}), _positions([200], 2), "Smith 6½d") is None


def _headline(*fragments):
    return DELIMITER.join(fragments)


def test_a_headline_inside_its_window_is_trusted():
    part = window(_body(600, marked={100, 300}), _positions([100, 300]))
    first = f"w98 w99 {START}hit{STOP} w101"
    second = f"w299 {START}hit{STOP} w301"
    assert trusted(_headline(first, second), part, marked=True)


def test_a_headline_that_could_differ_from_the_whole_body_s_is_not_trusted():
    part = window(_body(600, marked={100, 300}), _positions([100, 300]))
    first = f"w99 {START}hit{STOP}"
    # nothing marked, though the document holds the word
    assert not trusted(_headline("w60 w61 w62"), part, marked=True)
    # one fragment where a second is due
    assert not trusted(_headline(first), part, marked=True)
    # a fragment at an edge of the window: it might have stretched further
    at_start = f"w{100 - MARGIN} w{101 - MARGIN} w{102 - MARGIN}"
    assert not trusted(_headline(at_start, f"{START}hit{STOP} w301"), part, True)
    at_end = f"w{298 + MARGIN} w{299 + MARGIN} w{300 + MARGIN}"
    assert not trusted(_headline(first, at_end), part, marked=True)
    assert trusted(_headline(first, f"{START}hit{STOP} w301"), part, marked=True)


def test_a_fragment_at_a_seam_is_not_trusted():
    part = window(_body(600, marked={100, 400}), _positions([100, 400]))
    first, second = f"w99 {START}hit{STOP} w101", f"w399 {START}hit{STOP} w401"
    assert trusted(_headline(first, second), part, marked=True)
    # the end of the first piece, the start of the second: either might stretch on
    end_of_first = f"w{99 + MARGIN} w{100 + MARGIN}"
    assert not trusted(_headline(first, end_of_first), part, marked=True)
    start_of_second = f"w{400 - MARGIN} w{401 - MARGIN}"
    assert not trusted(_headline(first, start_of_second), part, marked=True)
    across = f"w{100 + MARGIN}{SEAM}w{400 - MARGIN}"
    assert not trusted(_headline(first, across), part, marked=True)


def test_words_postgresql_counts_otherwise_give_the_whole_body():
    # PostgreSQL's parser splits "H₂SO₄" in two: the positions would drift
    body = "H₂SO₄ " * 60 + _body(500, marked={200})
    assert window(body, _positions([260])) is None
    assert counted_alike("misère naïve 1917 abc123") and not counted_alike("6½d")


def test_a_word_postgresql_reads_as_a_phrase_is_not_one_word():
    assert one_token("misère") and one_token("abc123")
    assert not one_token("6½d") and not one_token("h₂o") and not one_token("a b")


def test_a_margin_of_words_postgresql_joins_is_not_trusted():
    # "12.05.1918" is three words here and one to PostgreSQL: the margin is shorter
    dates = " on 12.05.1918" * 14  # two joins each
    part = window(_body(35, marked={30}) + dates + _body(100), _positions([30]))
    assert "12.05.1918" in part.text and not part.whole_end
    assert not trusted(f"w29 {START}hit{STOP} w31", part, marked=True)
    # a few are allowed for: initials, a date
    part = window(_body(60, marked={30}) + " M.Z. " + _body(100), _positions([30]))
    assert "M.Z." in part.text
    assert trusted(f"w29 {START}hit{STOP} w31", part, marked=True)


def test_a_phrase_window_holds_every_cover_ending_at_an_occurrence():
    # covers start at any word of the phrase up to PHRASE_REACH words before an
    # occurrence: one piece from there (and a margin) to the margin past the last
    first, last = PHRASE_REACH + 200, PHRASE_REACH + 900
    body = _body(2000, marked={first, first + 1, last, last + 1})
    part = phrase_window(body, _positions([first, first + 1, last, last + 1]))
    words = part.text.split()
    assert len(part.pieces) == 1 and not part.second
    assert words[0] == f"w{first - PHRASE_REACH - MARGIN}"
    assert words[-1] == f"w{last + 1 + MARGIN}"


def test_a_phrase_window_near_the_opening_starts_there():
    body = _body(2000, marked={100, 101})
    part = phrase_window(body, _positions([100, 101]))
    assert part.whole_start and part.text.split()[-1] == f"w{101 + MARGIN}"
    # without the phrase in the body the headline is its opening
    assert phrase_window(body, []).text.split() == [f"w{i}" for i in range(MARGIN + 1)]
    # a phrase reaching from the opening to the end: the whole body
    body = _body(PHRASE_REACH, marked={PHRASE_REACH - 3, PHRASE_REACH - 2})
    assert phrase_window(body, _positions([PHRASE_REACH - 3, PHRASE_REACH - 2])) is None
    assert phrase_window(_body(2000), _positions([2500, 2501])) is None  # past the end
