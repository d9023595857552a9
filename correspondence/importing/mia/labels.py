"""The label block of a MIA page: "Written:", "Published:", "Source:", "Translated:",
"Transcription\\Markup:", "Public Domain:", "Other Formats:" and their variants, with
values on the same line or on the lines below; a value line whose label the page
dropped is filed by what it says. Also the "# url:" line and the year in the URL.
"""

from __future__ import annotations

import re

from correspondence.importing.letterparts import (
    ends_sentence,
    is_salutation,
    is_signature,
)

LABEL = re.compile(
    r"^(?P<label>Written|Wired|Dictated|First Published|Published|Source"
    r"|Translated(?:\s*/\s*Edited)?|Transcription\s*[\\/]\s*(?:HTML\s+)?Markup"
    r"|Public Domain|Copyleft|Other Formats)\s*:\s*(?P<value>.*)$",
    re.I,
)
_KEYS = {
    "written": "date", "wired": "date", "dictated": "date",
    "published": "published", "first published": "published", "source": "source",
    "public domain": "licence", "copyleft": "licence", "other formats": "formats",
}  # fmt: skip
_OPENING = re.compile(
    r"^(?:my\s+)?(?:dear|dearest|comrades?|cher|chère|chers|liebe[rn]?)\b", re.I
)
URL_LINE = re.compile(r"^#\s*url:\s*(?P<url>\S+)\s*$")


def read_labels(lines, start):
    """{key: {"label", "line", "values"}} and the index of the first line after the
    block."""
    labels, current, index = {}, None, start
    while index < len(lines):
        line = lines[index].strip()
        match = LABEL.match(line)
        if match:
            label = " ".join(match["label"].split())
            key = _KEYS.get(label.lower())
            if key is None:
                key = (
                    "translated"
                    if label.lower().startswith("translated")
                    else "transcription"
                )
            value = match["value"].strip()
            ended = value.endswith("README")
            if ended:
                value = value[: -len("README")].strip()
            current = key
            entry = labels.setdefault(
                key, {"label": label, "line": index + 1, "values": []}
            )
            if value:
                entry["values"].append(value)
            index += 1
            if ended:
                break
            continue
        if not line:
            following = next(
                (j for j in range(index + 1, len(lines)) if lines[j].strip()),
                len(lines),
            )
            if following < len(lines) and (
                LABEL.match(lines[following].strip())
                or (
                    "published" not in labels
                    and _PUBLICATION_NOTE.match(lines[following].strip())
                )
            ):
                index = following
                continue
            index = following
            break
        if re.match(r"^(?:•\s*)?(?:Text\s*)?README$", line):
            index += 1
            break
        if current == "formats":
            if line == "Text":
                index += 1
                continue
            break
        if (
            current == "licence"
            and labels["licence"]["values"]
            and re.search(r"(source|above)\.?$", labels["licence"]["values"][-1])
        ):
            break
        if is_salutation(line) and _OPENING.match(line):
            # the letter follows the labels with no blank line between ("Dear Engels,")
            break
        unlabelled = _unlabelled_key(line, current, labels)
        if unlabelled:
            current = unlabelled
            labels[current] = {"label": "", "line": index + 1, "values": [line]}
        else:
            labels[current]["values"].append(line)
        index += 1
    return labels, index


_PUBLICATION_NOTE = re.compile(
    r"^(?:First\s+published|Published\s+in|Printed\s+from|Sent\s+(?:from|to))\b", re.I
)
_EDITION_CITATION = re.compile(
    r"^(?:[A-Z][\w.]*(?:['’]s)?\s+)?(?:Collected|Selected|Complete)\s+Works\b"
)


def _unlabelled_key(line, current, labels):
    """The label a value line belongs to when the page dropped that label: a publication
    note ("First published in ...", "Printed from ...") where there is no Published:
    label, an edition citation ("Collected Works, ...") after a finished sentence where
    there is no Source: label, a second name under Translated: where there is no
    Transcription label (the transcriber's). None: the line continues ``current``."""
    values = labels[current]["values"]
    previous = values[-1] if values else ""
    if (
        "published" not in labels
        and current not in ("published", "source")
        and _PUBLICATION_NOTE.match(line)
    ):
        return "published"
    if (
        "source" not in labels
        and current != "source"
        and (not previous or ends_sentence(previous) or current != "published")
        and _EDITION_CITATION.match(line)
    ):
        return "source"
    if (
        current == "translated"
        and "transcription" not in labels
        and previous
        and not re.search(r"(?:\band|&|,)$", previous)
        and is_signature(line)
    ):
        return "transcription"
    return None


def year_from_url(url, labels):
    if match := re.search(r"/(1[0-9]{3}|20[0-9]{2})/", url):
        return int(match.group(1))
    return None
