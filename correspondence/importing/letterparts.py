"""What the parsers share: footnote markers and the parts of a letter. Pure Python.

Footnote markers are found, not guessed from known strings: a bracketed number ("[1]",
"[263]"; a note the page lost or never had, such as an edition's endnote, is listed in
``missing``; a bracketed year "[1865]" with no note is the editor's date), or a run of
digits glued to the end of a word or of punctuation
("liquidators2", "Central Committee.4", "friend!1") or to a four-digit year ("19141"),
when its number is the next note expected in reading order and that note exists.
On a page whose notes are numbered "(1) ...", a parenthesised number after a word or
punctuation ("Lenin,(1)", "Baku. (2)") is a marker where its note exists. Any other
digit stays text ("2-3 women", "16-18 July 1914", "12.45", "(1) Rogova", "1) Rogova").
"""

from __future__ import annotations

import re

from correspondence.importing.records import MARKER_FORMAT

_NUMBER = re.compile(r"\[(\d+)\]|\((\d+)\)|\d+")
_GLUE_PUNCTUATION = set(".,;:!?)]\"”’'")
_MARKER = re.compile(r"\[\^(\d+)\]")


def strip_marker_text(text):
    """``text`` without its "[^N]" markers."""
    return _MARKER.sub("", text)


def marker_numbers(text):
    return [int(number) for number in _MARKER.findall(text)]


class Markers:
    """Turns printed footnote markers into "[^N]", part by part, in reading order."""

    def warnings(self):
        """What an editor should know about markers whose note is not on the page."""
        return [
            f"line {line}: footnote marker [{number}] has no note on the page (kept "
            "as a marker; the note may be in the printed edition)"
            for line, number in self.missing
        ]

    def __init__(self, path, note_numbers, parenthesised=False):
        self.path = path
        #: the notes are numbered "(1) ...", so a "(1)" in the text may be a marker
        self.parenthesised = parenthesised
        self.notes = set(note_numbers)
        self.last = 0
        #: (line, number) of bracketed markers whose note is not on the page
        self.missing = []

    def convert(self, text, line):
        out, position = [], 0
        for match in _NUMBER.finditer(text):
            number = self._marker(text, match, line)
            if number is None:
                continue
            start, end = match.span()
            if (
                match.group(1) is None
                and match.group(2) is None
                and number is not None
                and len(match.group()) > 4
                and (_year_glued(text, match))
            ):
                start = end - len(str(number))
            out.append(text[position:start])
            out.append(MARKER_FORMAT.format(number))
            position = end
            if number in self.notes:
                self.last = max(self.last, number)
        out.append(text[position:])
        return "".join(out)

    def _marker(self, text, match, line):
        if match.group(2) is not None:
            # "(1)" is a marker only where its note exists and it follows a word or
            # punctuation ("Lenin,(1)", "Baku. (2)"), not a list's "(1) Rogova"
            number = int(match.group(2))
            before = text[: match.start()].rstrip(" ")
            glued = bool(before) and (before[-1].isalpha() or before[-1] in ".,;:!?")
            return (
                number
                if self.parenthesised and number in self.notes and glued
                else None
            )
        if match.group(1) is not None:
            number = int(match.group(1))
            if number not in self.notes:
                if len(match.group(1)) == 4 and 1000 <= number <= 2099:
                    return None
                self.missing.append((line, number))
            return number
        expected = self.last + 1
        if expected not in self.notes:
            return None
        digits = match.group()
        start, end = match.span()
        if end < len(text) and (text[end].isalnum() or text[end] in "/-–"):
            return None
        if _year_glued(text, match):
            return expected if digits[4:] == str(expected) else None
        if digits != str(expected) or start == 0:
            return None
        before = text[start - 1]
        if before.isalpha():
            return expected
        if before in _GLUE_PUNCTUATION and start >= 2:
            previous = text[start - 2]
            if previous.isalpha() or previous in _GLUE_PUNCTUATION:
                return expected
            # "in July 1914.1": punctuation after a four-digit year
            if re.search(r"(?<![\d.,/])\d{4}$", text[: start - 1]):
                return expected
        return None


def _year_glued(text, match):
    digits = match.group()
    start = match.start()
    if len(digits) <= 4 or (start > 0 and not text[start - 1].isspace()):
        return False
    return 1000 <= int(digits[:4]) <= 2099


# -- the parts of a letter -------------------------------------------------------------

_WORD = re.compile(r"\S+")
_VALEDICTION = re.compile(
    r"^(yours|your|ihr|ihre|votre|vôtre|respectfully|sincerely|cordially|faithfully"
    r"|best\b|beste\b|all the best|regards|greetings|kind regards|warm|with\b[^.?]*\b"
    r"(greetings|regards|gratitude|wishes|thanks)|many\s+(?:kisses|regards|greetings)"
    r"|kisses"
    r"|(?:fondest\s+)?love\b"
    r"|gruss|grüss|salut\b|in\s+(?:great\s+)?haste\b)",
    re.I,
)
_OPENING = re.compile(
    r"^(?:(?:my|ma|mon|mes)\s+)?(?:dear|dearest|cher|chère|chers|liebe[rn]?)\s", re.I
)
_SALUTATION_WORDS = {
    "dear", "dearest", "my", "comrade", "comrades", "friend", "friends", "liebe",
    "lieber", "cher", "chère", "chers", "chères", "mother", "father", "sir", "madam",
    "citizen", "citizens", "mon", "ma", "mes",
}  # fmt: skip
_MINOR = {
    "of",
    "and",
    "the",
    "for",
    "de",
    "von",
    "van",
    "du",
    "la",
    "le",
    "in",
    "to",
    "&",
}


def words(text):
    return _WORD.findall(text)


def ends_sentence(text):
    """True for text that ends like a sentence (not a name, a title or an address)."""
    bare = strip_marker_text(text).rstrip()
    return bool(bare) and bare[-1] in '.?!:;…»”"' and not _ends_with_initial(bare)


def _ends_with_initial(text):
    last = text.split()[-1] if text.split() else ""
    return bool(re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]?\.(?:[A-Z]\.)*", last))


def is_salutation(text):
    """A short line addressing the reader: "Dear friend!", "Comrade Stalin:",
    "Alexei Maximovich:"."""
    bare = strip_marker_text(text).strip()
    if _OPENING.match(bare) and len(words(bare)) <= 4 and bare[-1].isalpha():
        # no punctuation after it: "Dear Kugelmann", "Cher camarade Grylewicz"
        return True
    if not bare or bare[-1] not in ",:!" or len(words(bare)) > 8:
        return False
    tokens = [token.strip(",:!").lower() for token in words(bare)]
    if any(token in _SALUTATION_WORDS for token in tokens):
        return True
    # a name alone: "Alexei Maximovich:" (not an address line: "Sharonov’s House,")
    return (
        len(tokens) <= 4
        and all(token[:1].isupper() for token in words(bare))
        and not re.search(r"\w[’']s\b", bare)
    )


def salutation_run_in(text):
    """("Ma chère petite Sonitschka,", "j’ai appris ...") for a first paragraph that
    opens with its salutation, the sentence going on in lower case; None otherwise."""
    match = re.match(r"^(?P<salutation>[^,]{3,60},)\s+(?P<rest>\S.*)$", text, re.S)
    if (
        match
        and _OPENING.match(match["salutation"])
        and len(words(match["salutation"])) <= 5
        and match["rest"][:1].islower()
    ):
        return match["salutation"], match["rest"]
    return None


def is_closing(text):
    """A valediction: "Yours truly", "Yours,", "Best regards,",
    "With communist greetings,"."""
    bare = strip_marker_text(text).strip()
    if not bare or not _VALEDICTION.match(bare):
        return False
    if bare[-1] in ",!":
        return not bare.lower().startswith(("your ", "yours ")) or len(words(bare)) <= 4
    if bare[-1] == "." and len(words(bare)) <= 3 and ends_sentence(bare):
        # a formula that ends with a full stop: "Salut.", "Best greetings."
        return True
    if bare[-1] in ".?:;":
        return False
    # no closing punctuation: "Yours truly", but not "Your W.L." (a signature)
    return len(words(bare)) <= 4 and not any(
        token[:1].isupper() for token in words(bare)[1:]
    )


def is_signature(text):
    """A name, initials or a title, as signed: "Lenin", "V. U.", "Your W.L.",
    "V. Ulyanov (Lenin)", "Lenin, Zinoviev, Ulyanova", "Chairman, Defence Council"."""
    bare = strip_marker_text(text).strip()
    tokens = words(bare)
    if not tokens or len(tokens) > 7 or re.search(r"\d", bare):
        return False
    if bare[-1] in ",:;!?" or (bare[-1] == "." and not _ends_with_initial(bare)):
        return False
    for token in tokens:
        core = token.strip("(),")
        if core.lower() in _MINOR:
            continue
        if not core[:1].isupper():
            return False
    return True
