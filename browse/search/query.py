"""The reader's query language, parsed into a small tree (see the package docstring).

No input raises: :func:`parse_query` always returns a :class:`ParsedQuery` whose
``messages`` the page can show. Words are split as the index splits them
(:func:`correspondence.search_index.words`), so a query finds what was indexed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from correspondence.search_index import clean_text, words

#: long enough for a quoted sentence or two
MAX_QUERY_LENGTH = 1000
#: words searched at most (each one an index lookup): what 200 characters allowed
#: ("a b c ..."), so a longer query costs no more than the shortest could
MAX_QUERY_WORDS = 100

PLAIN_WORDS = "Your query was treated as plain words."
SHORTENED = f"Query shortened to {MAX_QUERY_LENGTH} characters."
TOO_MANY_WORDS = (
    f"Only the first {MAX_QUERY_WORDS} words of your query were searched for."
)
ONLY_EXCLUSIONS = "Your query only excludes words: showing every letter without them."
NOTHING_TO_SEARCH = "Your query has no words to search for: showing all letters."

#: characters with a meaning in other search syntaxes (prefix, grouping, columns...)
_SYNTAX_CHARS = frozenset("*()[]{}:^~+")
#: quotation marks readers type that mean '"'
_QUOTES = str.maketrans({c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"})
SPACES = re.compile(r"\s+")

#: what snippets mark matches with in SQL; never in indexed text (see _clean_text)
START, STOP = "\x02", "\x03"


#: word characters beyond ASCII letters and digits (PostgreSQL splits a word at ½,
#: ², ₂ or a digit not ASCII, which Python counts as word characters)
_OTHER = re.compile(r"[^\W_a-zA-Z0-9]")


def one_token(word):
    """True if PostgreSQL's parser reads ``word`` (one word of search_index.words)
    as one word too, so that its tsquery is one lexeme, not a phrase ("6½d" is
    '6' <-> 'd')."""
    return " " not in word and counted_alike(word)


def counted_alike(text):
    """True if PostgreSQL's parser finds in ``text`` the words search_index.words
    finds: no word character but letters and ASCII digits (ASCII text has none other:
    asked first, it spares most bodies the scan)."""
    return text.isascii() or all(c.isalpha() for c in set(_OTHER.findall(text)))


# -- the query tree --------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """One word or phrase, as the lower-case words the index splits it into."""

    text: str
    #: True when the reader quoted it (both kinds match as a phrase of their words)
    phrase: bool = False


@dataclass(frozen=True)
class AnyOf:
    """``a OR b OR c``."""

    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Not:
    """``-a``: only at the top level, never inside an OR."""

    term: Term


@dataclass(frozen=True)
class AllOf:
    """The whole query: every item must hold."""

    items: tuple[Term | AnyOf | Not, ...]


@dataclass(frozen=True)
class ParsedQuery:
    #: what the reader typed
    raw: str
    #: the query after cleaning and shortening
    text: str
    #: None when nothing is left to search for
    tree: AllOf | None
    #: short notes for the page, e.g. "Query shortened to 200 characters."
    messages: tuple[str, ...] = field(default=())

    @property
    def is_empty(self):
        """True when no search filter applies."""
        return self.tree is None

    @property
    def required(self):
        """The positive items (terms and OR groups)."""
        return (
            tuple(i for i in self.tree.items if not isinstance(i, Not))
            if self.tree
            else ()
        )

    @property
    def excluded(self):
        """The excluded terms."""
        return (
            tuple(i.term for i in self.tree.items if isinstance(i, Not))
            if self.tree
            else ()
        )


def _tokens(text):
    """(kind, text, negated) with kind "word", "phrase" or "or"; sets ``repaired``."""
    tokens, repaired, i, n = [], False, 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = False
        if text[i] == "-":
            j = i
            while j < n and text[j] == "-":
                j += 1
            if j == n or text[j].isspace():  # a lone "-"
                repaired, i = True, j
                continue
            negated, i = True, j
        if text[i] == '"':
            close = text.find('"', i + 1)  # quotes are balanced by parse_query
            tokens.append(("phrase", text[i + 1 : close], negated))
            i = close + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] != '"':
            j += 1
        word = text[i:j]
        i = j
        if word in ("OR", "AND") and not negated:
            tokens.append((word.lower(), word, False))
        else:
            repaired |= any(c in _SYNTAX_CHARS for c in word)
            tokens.append(("word", word, negated))
    return tokens, repaired


def parse_query(raw):
    """Parse reader input into a :class:`ParsedQuery`; never raises, whatever ``raw``
    is."""
    raw = raw if isinstance(raw, str) else ""
    messages = []
    text = SPACES.sub(" ", clean_text(raw).translate(_QUOTES)).strip()
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rstrip()
        messages.append(SHORTENED)
    repaired = False
    if text.count('"') % 2:  # an unmatched quote: drop the last one
        cut = text.rindex('"')
        text_for_tokens = text[:cut] + " " + text[cut + 1 :]
        repaired = True
    else:
        text_for_tokens = text
    tokens, repaired_tokens = _tokens(text_for_tokens)
    repaired |= repaired_tokens

    items, pending_or, budget, cut = [], False, MAX_QUERY_WORDS, False
    for kind, value, negated in tokens:
        if kind == "and":
            continue
        if kind == "or":
            if items and not isinstance(items[-1], Not) and not pending_or:
                pending_or = True
            else:
                repaired = True
            continue
        value_words = words(value)
        if not value_words:
            repaired, pending_or = True, False
            continue
        if len(value_words) > budget:  # the rest is left out, the words so far kept
            value_words, cut = value_words[:budget], True
        if not value_words:
            break
        budget -= len(value_words)
        term = Term(" ".join(value_words), phrase=kind == "phrase")
        if negated:
            repaired |= pending_or  # "a OR -b": the OR is dropped
            pending_or = False
            items.append(Not(term))
        elif pending_or:
            previous = items.pop()
            terms = previous.terms if isinstance(previous, AnyOf) else (previous,)
            items.append(AnyOf((*terms, term)))
            pending_or = False
        else:
            items.append(term)
    repaired |= pending_or and not cut  # a trailing OR
    if cut:
        messages.append(TOO_MANY_WORDS)

    tree = AllOf(tuple(items)) if items else None
    if tree is None and text:
        # one notice: "treated as plain words" would promise a search that is not made
        messages.append(NOTHING_TO_SEARCH)
    elif repaired:
        messages.append(PLAIN_WORDS)
    if tree is not None and not any(not isinstance(i, Not) for i in items):
        messages.append(ONLY_EXCLUSIONS)
    return ParsedQuery(raw=raw, text=text, tree=tree, messages=tuple(messages))


def _parsed(query):
    return query if isinstance(query, ParsedQuery) else parse_query(query)


def one_word(items):
    """The word of ``items`` (a query's required items) if they are one term of one
    word that PostgreSQL's parser reads as one too (:func:`one_token`), else None."""
    if len(items) == 1 and isinstance(items[0], Term) and one_token(items[0].text):
        return items[0].text
    return None
