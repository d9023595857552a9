"""The preamble above a MIA page's labels: the author line and a "To: ..." heading
(item numbers are skipped).
"""

from __future__ import annotations

import re

HEADING = re.compile(
    r"^(?:(?:telegram|letter|note|message)\s+)?to\b\s*:?\s*(?P<to>.+)$", re.I
)


def read_preamble(lines, first, stop):
    """(author, (line, heading) or None, every line of the preamble)."""
    author, heading, texts = "", None, []
    for index in range(first, stop):
        line = lines[index].strip()
        if not line or line.isdigit():
            continue
        texts.append(line)
        if HEADING.match(line):
            heading = (index + 1, line)
        elif not author:
            author = " ".join(line.split())
    return author, heading, texts
