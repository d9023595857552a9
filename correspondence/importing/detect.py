"""Read a source document, recognise its format and parse it into LetterRecords.

Pure Python: no Django. Every error is a ParseError naming the file and the line.
"""

from __future__ import annotations

from pathlib import Path

from correspondence.importing.mia import looks_like_mia, parse_mia
from correspondence.importing.ozleft import looks_like_ozleft, parse_ozleft
from correspondence.importing.records import LetterRecord, ParseError


def read_document(path):
    """The text of ``path``: UTF-8 (a byte-order mark is dropped), not empty, not
    binary."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ParseError(
            path, 0, f"cannot read the file: {error.strerror or error}"
        ) from error
    if not data.strip():
        raise ParseError(path, 1, "the file is empty: expected a letter page")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ParseError(
            path, line, "a NUL byte: expected a text file, not a binary one"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError(
            path,
            line,
            f"byte {data[error.start]:#04x} is not UTF-8: expected UTF-8 text",
        ) from error
    return text.removeprefix("\ufeff")


def parse_document(path) -> list[LetterRecord]:
    """The letters in the document at ``path``, whichever known format it is in."""
    path = Path(path)
    text = read_document(path)
    lines = text.splitlines()
    if looks_like_ozleft(lines):
        return parse_ozleft(text, path=path, name=path.name)
    if looks_like_mia(lines):
        return parse_mia(text, path=path, name=path.name)
    raise ParseError(
        path,
        1,
        "unknown format: expected an Ozleft page ('Document N.' headings) or a "
        "Marxists Internet Archive page ('Written:'/'Source:' labels)",
    )
