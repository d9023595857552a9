"""When two names are one person: certainly (the same name written another way) or
only likely (a candidate duplicate, for an editor to merge or not).

- ``name_key``: a name with case, spacing, full stops and apostrophes levelled, so
  "G. V. Chicherin", "G.V. Chicherin" and "g.v. chicherin" are one key. Equal keys
  are the same name: the importer links the person who has it.
- ``likely_same``: the same surname, and given names that do not contradict each
  other ("Kamenev" and "L.B. Kamenev"; "G. Zinoviev" and "Grigory Zinoviev"). That
  is a guess, never acted on: the importer creates the record and reports both, and
  ``candidate_duplicates`` lists such pairs for the editors (``manage.py
  candidate_duplicates``, the people admin's "Possible duplicate" filter).
- ``relative_to``: a name that says whose relative it is ("His Mother", "Her Sister
  Anna") means nothing without that person; the importer reads it as "Lenin’s
  Mother" where the letter says whose.

Pure Python on strings; ``candidate_duplicates`` reads the people it is given.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: apostrophes and quotes a document may print for "'"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})
#: one word of a name, and whether a full stop follows it ("Ye." is an initial)
_WORD = re.compile(r"([^\W\d_]+(?:'[^\W\d_]+)*)(\.?)")
#: "His Mother", "her sister Anna", "their friends"
_RELATIVE = re.compile(r"^(?:his|her|their)\s+(?P<rest>\S.*)$", re.IGNORECASE)
#: "Lenin’s Mother": the possessor named before a relative
_POSSESSIVE = re.compile(r"^(?P<owner>.+?)['’]s\s+\S")
#: words that make a name a description or a body, not a person's name
_NOT_A_PERSONAL_NAME = {
    "the", "of", "to", "and", "for", "in", "committee", "soviet", "council", "bureau",
    "party", "comrades", "editors", "board", "cheka", "commission", "his", "her",
}  # fmt: skip


@lru_cache(maxsize=100_000)
def name_key(name):
    """``name`` with case, spacing, full stops and apostrophes levelled."""
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).casefold()
    return " ".join(text.replace(".", " ").split())


def relative_to(name, owner):
    """ "Lenin’s Mother" for ("His Mother", "Lenin"); None when ``name`` is not a
    relative or there is no ``owner``."""
    match = _RELATIVE.match(name.strip())
    if match is None or not owner:
        return None
    return f"{owner}’s {match['rest']}"


def is_relative(name):
    return _RELATIVE.match(name.strip()) is not None


def possessor(name):
    """ "Lenin" for "Lenin’s Mother"; None for a name that is no one's relative."""
    match = _POSSESSIVE.match(name.strip())
    return match["owner"] if match else None


@dataclass(frozen=True)
class _Part:
    word: str
    initial: bool


@lru_cache(maxsize=100_000)
def _parts(name):
    """The words of a personal name, or None for a description or a body ("Lenin’s
    Mother", "Rodniki Executive Committee")."""
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES)
    words = _WORD.findall(text)
    if not words or "'" in text or len(words) > 4:
        return None
    parts = tuple(_Part(w.casefold(), bool(dot) or len(w) == 1) for w, dot in words)
    if any(p.word in _NOT_A_PERSONAL_NAME for p in parts) or parts[-1].initial:
        return None
    return parts


def _agree(a: _Part, b: _Part):
    """Two given names at the same place that may be the same name."""
    if a.initial or b.initial:
        # "Y." and "Ye.", "G." and "Grigory": one transliterates or spells out the other
        short, long = sorted((a.word, b.word), key=len)
        return long.startswith(short)
    return a.word == b.word


def likely_same(a, b):
    """Whether names ``a`` and ``b``, not the same name, may name one person: the same
    surname (three letters at least) and given names that agree as far as both go."""
    if name_key(a) == name_key(b):
        return False
    pa, pb = _parts(a), _parts(b)
    if not pa or not pb or pa[-1].word != pb[-1].word or len(pa[-1].word) < 3:
        return False
    return all(_agree(x, y) for x, y in zip(pa[:-1], pb[:-1], strict=False))


@dataclass(frozen=True)
class Candidate:
    """Two records that may be one person, and the names that make it likely."""

    first: object
    second: object
    first_name: str
    second_name: str

    def __str__(self):
        if name_key(self.first_name) == name_key(self.second_name):
            why = f"both go by “{self.first_name}”"
        elif (self.first_name, self.second_name) == (self.first.name, self.second.name):
            why = "the same surname"
        else:
            why = f"“{self.first_name}” and “{self.second_name}”"
        return (
            f"{self.first.name} ({self.first.slug}) may be {self.second.name} "
            f"({self.second.slug}): {why}"
        )


def may_be_one(a, b):
    """Names of two records that may be one person's: the same name (two records of
    one name are a duplicate too), or ``likely_same``. Relatives ("His Mother") are
    anyone's: never."""
    if is_relative(a) or is_relative(b):
        return False
    return name_key(a) == name_key(b) or likely_same(a, b)


def names_of(person):
    """A person's name and other names (``names`` prefetched)."""
    return [person.name, *(n.name for n in person.names.all())]


def _handles(name):
    """What a name is found by: its key, and its surname where it is a personal name
    (names sharing neither are never compared)."""
    if is_relative(name):
        return set()
    parts = _parts(name)
    surname = {("surname", parts[-1].word)} if parts else set()
    return {("key", name_key(name))} | surname


def candidates_for(person, names, others):
    """The candidates pairing ``person`` (going by ``names``) with any of ``others``,
    (person, names) pairs: one per other person, the first likely pair of names."""
    handles = set().union(*map(_handles, names))
    found = []
    for other, their_names in others:
        if other.pk == person.pk or not any(handles & _handles(n) for n in their_names):
            continue
        pair = next(
            (
                (mine, theirs)
                for mine in names
                for theirs in their_names
                if may_be_one(mine, theirs)
            ),
            None,
        )
        if pair:
            found.append(Candidate(person, other, *pair))
    return found


def candidate_duplicates(people):
    """Every pair of ``people`` (with ``names`` prefetched) that may be one person,
    each pair once: the later-created record first. Only people sharing a surname or a
    name are compared, so a large edition is read in one pass."""
    named = [(p, names_of(p)) for p in sorted(people, key=lambda p: p.pk)]
    by_handle = {}
    found = []
    for later, names in named:
        handles = set().union(*map(_handles, names))
        earlier = {}
        for handle in handles:
            for person, their_names in by_handle.get(handle, []):
                earlier[person.pk] = (person, their_names)
        found.extend(candidates_for(later, names, sorted(earlier.values(), key=_pk)))
        for handle in handles:
            by_handle.setdefault(handle, []).append((later, names))
    return found


def _pk(pair):
    return pair[0].pk
