"""The part of a letter's body PostgreSQL's ``ts_headline`` needs for a one-word query.

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

Not for a phrase: its covers start at any of its words, so a fragment may hold a word
of it far before the phrase, and which fragments win depends on the whole text ("I
understand that ... is "convinced", that he" for "convinced that").
"""

import re
import unicodedata

from correspondence.search_index import words

from .query import START, STOP, counted_alike

#: words kept either side of an occurrence: twice the most a fragment stretches
MARGIN = 40
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


class Window:
    """Characters ``start``-``end`` of a body, and what the headline of the whole body
    would show beyond them: ``second`` (an occurrence after the first fragment lies in
    the window), ``whole_start``, ``whole_end`` (the window reaches that end)."""

    def __init__(self, body, start, end, second):
        self.text = body[start:end]
        self.whole_start, self.whole_end = start == 0, end == len(body)
        self.second = second


def window(body, hits, names=""):
    """The :class:`Window` of ``body`` for a word at ``hits`` (its positions in the
    document, whose first words are those of ``names``); None where the whole body is
    needed: a window as long, text whose words cannot be counted as the document
    counted them, positions at the largest."""
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
    first = at[0] if at else 0
    beyond = next((i for i in at if i > first + MARGIN), None)
    last = beyond if beyond is not None else (at[-1] if at else 0)
    low, high = max(0, first - MARGIN), last + MARGIN
    # one walk through the body: to the window's first word, on to the last hit's
    before_low = _after(lower, 0, low)
    if before_low is None:
        return None  # fewer words than the document counted
    end_of_last = _after(lower, before_low, last + 1 - low)
    if end_of_last is None:
        return None
    end = _after(lower, end_of_last, high - last)
    if end is None or _WORD.search(lower, end) is None:
        end = len(body)  # the window reaches the last word
    start = _WORD.search(lower, before_low).start() if low else 0
    if start == 0 and end == len(body):
        return None
    return Window(body, start, end, second=beyond is not None)


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
    edge of the window that is not the body's (there a fragment could have stretched
    further), and its margins hold enough of PostgreSQL's words."""
    fragments = [_plain(f) for f in headline.split(DELIMITER)]
    if marked and (START not in headline or (window.second and len(fragments) < 2)):
        return False
    if len(_JOINS.findall(window.text)) > MOST_JOINS:
        return False
    text = _plain(window.text)
    if not window.whole_start and text.startswith(fragments[0]):
        return False
    return window.whole_end or not text.endswith(fragments[-1])
