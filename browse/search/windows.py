"""The part of a letter's body PostgreSQL's ``ts_headline`` needs for a query of one
word or of a phrase of two.

``ts_headline`` parses and stems the whole text it is given (half a millisecond for a
letter of 600 words, 50 ms for a page of 100), though for a single word it shows only
the first two occurrences that do not overlap (it takes the earliest of covers that
tie, and every cover of one word ties), each stretched by at most ``MaxWords`` (20)
words. The search document already knows where the word is: its positions count the
words of the text as :func:`correspondence.search_index.words` splits them, the names'
words first. So the headline is asked of a window from ``MARGIN`` words before the
first occurrence to ``MARGIN`` words after the second fragment's, and the answer is
trusted only where it cannot differ from the whole body's (:func:`trusted`); elsewhere
the whole body is asked, as before.

Where the second fragment may be far from the first, the window is two pieces, each
occurrence that may hold a fragment with its margins, joined by :data:`SEAM`: the text
between them holds no occurrence, so no fragment, and no fragment stretches into it
(the margins are twice the stretch). For letters that use the word twice far apart
the window was a third of the body; in two pieces it is a sixth.

A phrase of two words (:func:`phrase_window`) is windowed in one piece. Its covers
start at any of its words, so a fragment may hold a word of it far before the phrase
("I understand that ... is "convinced", that he" for "convinced that"), and which
fragments win depends on every cover. But a cover ends where an occurrence of the
phrase does and holds at most 400 tokens: the piece from :data:`PHRASE_REACH` words
before the first occurrence to the last holds every cover whole, and so the same
fragments.
"""

import re
import unicodedata

from correspondence.search_index import words

from .query import START, STOP, counted_alike

#: words kept either side of an occurrence: twice the most a fragment stretches
MARGIN = 40
#: how many words before a phrase a fragment of it may start: ``ts_headline``'s covers
#: (where fragments are cut from) hold at most 10 * MaxWords * MaxFragments = 400 of
#: its parser's tokens, each word one at least, and end where the phrase does
PHRASE_REACH = 400
#: PostgreSQL's largest word position: past it every position is this one
MAX_POSITION = 16383
#: a word as search_index.words splits text
_WORD = re.compile(r"[^\W_]+")
#: where PostgreSQL's parser reads two words as one ("3.5", "12.05.1918", "W.L.",
#: "a@b.org", "a/b"): a margin holds that many fewer of its words than it seems.
#: The pattern opens with the joining character so that the search skips to those
#: (a third of the time of a lookahead tried at every character)
_JOINS = re.compile(r"[./@](?<=[^\W_][./@])(?=[^\W_])")
#: the most joins a trusted window may hold: its margins keep more than the 20 words
#: a fragment stretches
MOST_JOINS = MARGIN - 25
#: between fragments in a windowed headline: a control character, never in the text
DELIMITER = "\x04"
#: between the pieces of a window: a control character, never in the text
SEAM = " \x05 "


class Window:
    """Pieces of a body (``spans``: character ranges, in order, apart), joined by
    :data:`SEAM` as ``text``, and what the headline of the whole body would show
    beyond them: ``second`` (an occurrence after the first fragment lies in the
    window), ``whole_start``, ``whole_end`` (the window reaches that end)."""

    def __init__(self, body, spans, second):
        self.pieces = [body[start:end] for start, end in spans]
        self.text = SEAM.join(self.pieces)
        self.whole_start, self.whole_end = spans[0][0] == 0, spans[-1][1] == len(body)
        self.second = second


def window(body, hits, names=""):
    """The :class:`Window` of ``body`` for a word at ``hits`` (its positions in the
    document, whose first words are those of ``names``); None where the whole body is
    needed: a window as long, text whose words cannot be counted as the document
    counted them, positions at the largest."""
    found = _offsets(body, hits, names)
    if found is None:
        return None
    lower, at = found
    first = at[0] if at else 0
    # the second fragment's occurrence is one of those near the first, or the first
    # beyond them (the first fragment stretches less than MARGIN)
    near = [i for i in at if i <= first + MARGIN] or [first]
    beyond = next((i for i in at if i > first + MARGIN), None)
    pieces = [(max(0, first - MARGIN), near[-1])]
    if beyond is not None:
        if beyond - MARGIN <= near[-1] + MARGIN + 1:  # the margins meet: one piece
            pieces = [(pieces[0][0], beyond)]
        else:
            pieces.append((beyond - MARGIN, beyond))
    return _window(body, lower, pieces, second=beyond is not None)


def phrase_window(body, hits, names=""):
    """The :class:`Window` of ``body`` for a phrase of two words whose occurrences
    are at ``hits`` (the positions of both words of each, in the document), in one
    piece: from :data:`PHRASE_REACH` and ``MARGIN`` words before the first to
    ``MARGIN`` words past the last. Every cover ends at an occurrence and is held
    whole, and none starts past the last; None as for :func:`window`."""
    found = _offsets(body, hits, names)
    if found is None:
        return None
    lower, at = found
    if not at:  # no cover: the headline is the body's first words
        return _window(body, lower, [(0, 0)], second=False)
    return _window(
        body, lower, [(max(0, at[0] - PHRASE_REACH - MARGIN), at[-1])], second=False
    )


def _offsets(body, hits, names):
    """``body`` lower-cased and ``hits`` counted from its first word; None where they
    could not be counted as the document counted them."""
    lower = body.lower()
    if not unicodedata.is_normalized("NFC", body) or len(lower) != len(body):
        return None  # words() splits the NFC lower-case text: offsets would differ
    if not (counted_alike(body) and counted_alike(names)):
        return None  # the document's positions would drift from the words counted
    # the names' words come first in the document, one position each
    names_end = len(words(names))
    at = [p - names_end - 1 for p in hits or ()]
    if any(i < 0 for i in at) or (hits and hits[-1] >= MAX_POSITION):
        return None
    return lower, at


def _window(body, lower, pieces, second):
    spans = _spans(lower, pieces)
    if spans is None or spans == [(0, len(body))]:
        return None  # fewer words than the document counted, or the whole body
    return Window(body, spans, second=second)


def _spans(lower, pieces):
    """The character ranges of ``pieces``, (first word, last occurrence) each, the
    piece to ``MARGIN`` words past its occurrence; None if the text has fewer words
    than an occurrence's position. One walk through the text, word by word."""
    spans, at, walked = [], 0, 0  # ``walked`` words end at character ``at``
    for n, (low, last) in enumerate(pieces, start=1):
        before_low = _after(lower, at, low - walked)
        if before_low is None:
            return None
        end_of_last = _after(lower, before_low, last + 1 - low)
        if end_of_last is None:
            return None
        start = _WORD.search(lower, before_low).start() if low else 0
        end = _after(lower, end_of_last, MARGIN)
        if end is None or _WORD.search(lower, end) is None:
            if n < len(pieces):
                return None  # a later occurrence past the last word
            end = len(lower)  # the piece reaches the last word
        spans.append((start, end))
        at, walked = end, last + 1 + MARGIN
    return spans


def _after(text, start, count):
    """Where the ``count``-th word of ``text`` from ``start`` ends, or None if there
    are fewer. The words are stepped over by a power of two at a time, by regular
    expressions compiled once, without a Python object for each word."""
    for power in range(count.bit_length()):
        if count >> power & 1:
            found = _WORDS[power].match(text, start)
            if found is None:
                return None
            start = found.end()
    return start


#: 1, 2, 4, ... words (possessive: a word is never split to make up the count)
_WORDS = [re.compile(rf"(?:[\W_]*+[^\W_]++){{{2**power}}}") for power in range(15)]


def _plain(text):
    """``text`` without marks, its runs of white space one space (``str.split`` and
    ``\\s`` know the same white space; the split is three times as fast)."""
    return " ".join(text.replace(START, "").replace(STOP, "").split())


def trusted(headline, window, marked):
    """True if ``headline`` (of ``window``, fragments split by :data:`DELIMITER`) is
    what the whole body's would be: it marks the word where the document holds it
    (``marked``), has its second fragment where one is due, and no fragment reaches an
    edge of a piece that is not the body's (there a fragment could have stretched
    further), and its margins hold enough of PostgreSQL's words."""
    fragments = [_plain(f) for f in headline.split(DELIMITER)]
    if marked and (START not in headline or (window.second and len(fragments) < 2)):
        return False
    if SEAM.strip() in headline:
        return False  # a fragment ran from one piece into the next
    if len(_JOINS.findall(window.text)) > MOST_JOINS:
        return False
    pieces = [_plain(piece) for piece in window.pieces]
    for n, piece in enumerate(pieces):
        opens = n > 0 or not window.whole_start
        closes = n < len(pieces) - 1 or not window.whole_end
        for fragment in fragments:
            if (opens and piece.startswith(fragment)) or (
                closes and piece.endswith(fragment)
            ):
                return False
    return True
