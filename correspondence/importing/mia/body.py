"""The letter's own parts on a MIA page: datelines, address lines and "Copy to ..."
lines before the salutation, the body, the closing, the signature, the postscript; and
the place a dateline names.
"""

from __future__ import annotations

import re

from correspondence.dates import parse_date
from correspondence.importing.letterparts import (
    ends_sentence,
    is_closing,
    is_salutation,
    is_signature,
    salutation_run_in,
    strip_marker_text,
    words,
)
from correspondence.importing.mia.people import names_listed
from correspondence.importing.records import ParseError

_POSTSCRIPT = re.compile(r"^P\.\s*(?:P\.\s*)?S\.")
WEEKDAY = re.compile(
    r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.I
)
_MARKING = re.compile(r"^(?:top secret|secret|confidential|urgent|priority)\b", re.I)
_COPY_TO = re.compile(r"^Cop(?:y|ies)\s+to\s+(?P<to>.+?)\.?$", re.I)


def _is_date(text, context_year):
    bare = strip_marker_text(text).strip()
    if WEEKDAY.match(bare):
        return True
    if len(words(bare)) > 8:
        return False
    try:
        parse_date(bare, context_year=context_year)
    except ParseError:
        return False
    return True


def _date_then_signature(text, context_year):
    """("29/XI.", "Lenin") for "29/XI. Lenin"; None for anything else."""
    tokens = text.split(" ")
    for cut in range(1, len(tokens)):
        head, tail = " ".join(tokens[:cut]), " ".join(tokens[cut:]).strip()
        if (
            tail
            and is_signature(tail)
            and _is_date(head, context_year)
            and not WEEKDAY.match(head)
        ):
            return head, tail
    return None


def _motto_before_closing(text, following):
    """A short line of the closing above its valediction: "For the Revolution" above
    "Your old comrade,"."""
    bare = strip_marker_text(text).strip()
    return (
        is_closing(following)
        and strip_marker_text(following).rstrip().endswith(",")
        and len(words(bare)) <= 4
        and not ends_sentence(bare)
        and not bare.endswith(",")
    )


def _leads_into_signature(text):
    return bool(re.search(r"\byours?$", strip_marker_text(text).strip(), re.I))


def _unsigned_closing(text):
    bare = strip_marker_text(text).strip()
    return bare.endswith(",") and len(words(bare)) <= 5


def closing_then_signature(text):
    """("Yours,", "Lenin") for "Yours, Lenin"; ("Fondest love.", "R.") for "Fondest
    love. R."; None for anything else ("Your W.L." stays a signature)."""
    match = re.match(r"^(?P<closing>.+?[,.])\s+(?P<signature>[^,]+)$", text)
    if (
        match
        and is_closing(match["closing"])
        and is_signature(match["signature"])
        and len(words(match["signature"])) <= 3
    ):
        return match["closing"], match["signature"]
    return None


def _pre_body(text, context_year):
    bare = strip_marker_text(text)
    return (
        _is_date(text, context_year)
        or (not ends_sentence(bare) and len(words(bare)) <= 10)
        or _street_line(bare)
    )


def _street_line(text):
    """An address's last line with its full stop: "Bakhmetyevskaya Street." (two to
    four capitalised words, no sentence)."""
    tokens = words(text.strip().rstrip("."))
    return (
        text.strip().endswith(".")
        and 2 <= len(tokens) <= 4
        and all(token[:1].isupper() for token in tokens)
    )


def read_letter_parts(items, context_year):
    texts = [text for _, text in items]
    parts = dict(
        dateline="",
        salutation="",
        body="",
        closing="",
        signature="",
        postscript="",
        address=[],
        copies=[],
    )
    datelines = []
    index = 0
    while index < len(texts):
        text = texts[index]
        following = texts[index + 1] if index + 1 < len(texts) else ""
        if (
            is_salutation(text)
            and not _is_date(text, context_year)
            and not (following and _pre_body(following, context_year))
        ):
            parts["salutation"] = text
            index += 1
            break
        if not _pre_body(text, context_year) or index == len(texts) - 1:
            break
        if _is_date(text, context_year):
            datelines.append(text)
        elif match := _COPY_TO.match(strip_marker_text(text)):
            parts["copies"].extend(names_listed(match["to"]))
        elif not _MARKING.match(text):
            parts["address"].append(text)
        index += 1
    body = texts[index:]
    if body and not parts["salutation"] and (run_in := salutation_run_in(body[0])):
        parts["salutation"], body[0] = run_in
    postscript = []
    for position, text in enumerate(body):
        if position and _POSTSCRIPT.match(text):
            postscript = body[position:]
            body = body[:position]
            break
    # a date alone after the letter ("May 7, 1919", "Tsaritsyn, July 7, 1918")
    after_letter = []
    if (
        len(body) > 1
        and _is_date(body[-1], context_year)
        and not _date_then_signature(body[-1], context_year)
    ):
        after_letter = [body.pop()]
    end = len(body)
    for position in range(1, len(body)):
        text = body[position]
        if (
            is_closing(text)
            or (is_signature(text) and not ends_sentence(text))
            or _date_then_signature(text, context_year)
            or closing_then_signature(text)
        ):
            end = position
            break
    if 1 < end < len(body) and _leads_into_signature(body[end - 1]):
        # "... the most sincere compliments of your" / "Karl Marx": the sentence that
        # leads into the signature is the closing
        end -= 1
    if end == len(body) > 1 and _unsigned_closing(body[-1]):
        # "Every good wish," ends a letter that has no signature
        end -= 1
    tail, body = body[end:], body[:end]
    closing, signature = [], []
    while tail and (
        is_closing(tail[0])
        or (len(tail) > 1 and _motto_before_closing(tail[0], tail[1]))
        or (len(tail) == 1 and not closing and _unsigned_closing(tail[0]))
        or (len(tail) > 1 and _leads_into_signature(tail[0]))
    ):
        closing.append(tail.pop(0))
    if tail and not signature and (split := closing_then_signature(tail[0])):
        closing.append(split[0])
        tail[0] = split[1]
    while tail:
        split = _date_then_signature(tail[0], context_year)
        if split and not signature:
            datelines.append(split[0])
            signature.append(split[1])
            tail.pop(0)
        elif is_signature(tail[0]) or (
            # "Your old comrade," / "James Connolly,": a name after a closing
            closing and not signature and is_signature(tail[0].rstrip().rstrip(","))
        ):
            signature.append(tail.pop(0))
        else:
            break
    if tail and signature and _is_date(tail[0], context_year):
        datelines.append(tail.pop(0))
    datelines += after_letter
    parts["dateline"] = "\n".join(datelines)
    parts["body"] = "\n\n".join(body)
    parts["closing"] = "\n".join(closing)
    parts["signature"] = "\n".join(signature)
    parts["postscript"] = "\n\n".join(tail + postscript)
    return parts


_PLACE = re.compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}")


def dateline_place(datelines, context_year):
    """The place a dateline names beside its date or weekday: "Geneva" in "Salzburg,
    May 14, 1895" or in "Tuesday, Geneva". The letter's own word for where it was
    written goes before an editor's "Sent from"."""
    for dateline in datelines.split("\n"):
        # an editor's brackets around the place: "[London,] 13 November 1857"
        bare = re.sub(r"[\[\]]", "", strip_marker_text(dateline))
        pieces = [piece.strip() for piece in bare.split(",")]
        if len(pieces) < 2:
            continue
        for place, rest in ((pieces[0], pieces[1:]), (pieces[-1], pieces[:-1])):
            rest = ", ".join(rest)
            if (
                _PLACE.fullmatch(place)
                and not _is_date(place, context_year)
                and _is_date(rest, context_year)
            ):
                return place
    return ""
