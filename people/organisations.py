"""Whether a name a document gives a correspondent is plainly an organisation's: a
committee, a council, a Soviet, the Cheka, an editorial board, "the comrades in Baku".

The importer and the fixture build ask this only of a name nobody in the edition has
yet, when they create its record; an editor's choice in the admin or the register is
never overridden. The rules are general, each with a synthetic test
(tests/people/test_organisations.py):

- the name's head, the words before what qualifies it ("of ...", "in ...", "for ...",
  "at ...", or a comma), holds a word for a body: "Rodniki Executive Committee",
  "Council of People’s Commissars", "Presidium of the Baku Soviet" (but "Secretary of
  the Edinburgh branch of the SDF" and "Stalin, Member of the Revolutionary Military
  Council" are people: their heads are "Secretary" and "Stalin");
- the head is a plural that addresses a group as one: "the comrades in Baku", "Members
  of the Central Committee", "the Editors";
- the name is a body's own one-word name or acronym: "the Cheka", "Sovnarkom",
  "Comintern", "Orgbureau".

Pure Python on strings.
"""

from __future__ import annotations

import re
import unicodedata

#: words that name a body (English, and the German, French and transliterated Russian
#: the documents print), singular; their plurals count too ("All Executive Committees")
BODIES = {
    "administration", "assembly", "association", "board", "branch", "bureau",
    "collegium", "commissariat", "commission", "committee", "conference", "congress",
    "council", "department", "directorate", "executive", "federation", "government",
    "group", "headquarters", "league", "ministry", "office", "party", "presidium",
    "secretariat", "section", "society", "soviet", "union",
    "komitee", "parteivorstand", "partei", "redaktion", "vorstand", "verein",
    "comité", "conseil", "fédération", "ligue", "parti", "rédaction",
}  # fmt: skip

#: plurals that address a group of people as one correspondent
GROUPS = {"comrades", "members", "editors", "workers", "delegates"}

#: bodies known by a one-word name or an acronym
NAMED_BODIES = {
    "cheka", "vecheka", "vchk", "gubcheka", "gpu", "ogpu", "sovnarkom", "ispolkom",
    "revkom", "gubkom", "comintern", "profintern", "politbureau", "politburo",
    "orgbureau", "orgburo", "rsdlp", "narkomindel",
}  # fmt: skip

#: where a name's head ends: what qualifies it follows
_QUALIFIER = re.compile(
    r",|\s(?:of|in|at|for|de|du|des|der|für|von|im|am|à)\s", re.IGNORECASE
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_ARTICLES = {"the", "all", "die", "der", "das", "le", "la", "les"}


def _words(text):
    return [w.casefold() for w in _WORD.findall(unicodedata.normalize("NFKC", text))]


def _is_body(word):
    singular = {word, word.removesuffix("s"), word.removesuffix("ies") + "y"}
    return not singular.isdisjoint(BODIES)


def is_organisation_name(name):
    """True where ``name`` is plainly an organisation's (see the module)."""
    text = " ".join((name or "").split())
    head = _QUALIFIER.split(f" {text} ", maxsplit=1)[0]
    words = [w for w in _words(head) if w not in _ARTICLES]
    if not words:
        return False
    if any(_is_body(word) or word in GROUPS for word in words):
        return True
    # "Cheka", "the Cheka", "R.S.D.L.P." (a person's initials, "W.L.", spell no body)
    return "".join(words) in NAMED_BODIES
