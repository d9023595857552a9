"""What an import did, file by file and letter by letter: the report
``import_documents`` prints and the tests read. No database access here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError


class ImportFailure(Exception):
    """A document that parses but cannot be written; the message names file and line."""


@dataclass
class LetterResult:
    slug: str
    #: "added", "updated" or "unchanged"
    action: str
    #: where the letter starts in its file
    line: int
    #: what was written: field names, "senders", "footnote 2", "sources"
    changed: list[str] = field(default_factory=list)
    #: what was kept from the database, and why
    kept: list[str] = field(default_factory=list)
    #: things an editor may want to look at
    notes: list[str] = field(default_factory=list)
    footnotes: int = 0


@dataclass
class FileResult:
    path: str
    letters: list[LetterResult] = field(default_factory=list)
    people_added: list[str] = field(default_factory=list)
    sources_added: list[str] = field(default_factory=list)
    #: people added who may be people the edition has: "Kamenev (kamenev-2) may be
    #: L.B. Kamenev (kamenev): the same surname", for an editor to merge or not
    candidates: list[str] = field(default_factory=list)
    #: "file:line: what was expected" when the file failed (nothing of it was written)
    error: str | None = None

    @property
    def failed(self):
        return self.error is not None

    def lines(self, verbosity=1):
        """(kind, text) pairs saying what the file added or changed; kind is one of
        "added", "updated", "unchanged", "kept", "note", "error"."""
        name = Path(self.path).name
        if self.failed:
            return [("error", f"failed: {self.error}")]
        out = []
        for letter in self.letters:
            quiet = not (letter.notes or letter.kept)
            if letter.action == "unchanged" and verbosity < 2 and quiet:
                continue
            text = f"{name}: {letter.action} {letter.slug}"
            if letter.action == "added":
                text += f" ({count(letter.footnotes, 'footnote')})"
            elif letter.changed:
                text += f": {', '.join(letter.changed)}"
            out.append((letter.action, text))
            out.extend(("kept", f"  kept {kept}") for kept in letter.kept)
            out.extend(("note", f"  note: {note}") for note in letter.notes)
        if self.people_added:
            out.append(("added", f"  new people: {'; '.join(self.people_added)}"))
        if self.sources_added:
            out.append(("added", f"  new sources: {'; '.join(self.sources_added)}"))
        return out


@dataclass
class ImportReport:
    dry_run: bool = False
    files: list[FileResult] = field(default_factory=list)
    #: letters of earlier files that mention people added by later ones
    late_mentions: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def _letters(self, action):
        return sum(letter.action == action for f in self.files for letter in f.letters)

    @property
    def added(self):
        return self._letters("added")

    @property
    def updated(self):
        return self._letters("updated")

    @property
    def unchanged(self):
        return self._letters("unchanged")

    @property
    def failed(self):
        return [f for f in self.files if f.failed]

    @property
    def people_added(self):
        return sum(len(f.people_added) for f in self.files)

    @property
    def sources_added(self):
        return sum(len(f.sources_added) for f in self.files)

    @property
    def candidates(self):
        """Every candidate duplicate the import reported."""
        return [c for f in self.files for c in f.candidates]

    def summary(self):
        """ "34 files: 34 letters added, 0 updated, ..."; a dry run says "would be"."""
        files, failed = len(self.files), len(self.failed)
        verb = "would be " if self.dry_run else ""
        text = (
            f"{count(files, 'file')}: {self.added} letters {verb}added, "
            f"{self.updated} {verb}updated, {self.unchanged} unchanged, {failed} "
            f"{'file' if failed == 1 else 'files'} failed; "
            f"{count(self.people_added, 'person', 'people')} and "
            f"{count(self.sources_added, 'source')} {verb}added"
        )
        if self.candidates:
            text += (
                f"; {count(len(self.candidates), 'candidate duplicate')} to review "
                "with manage.py candidate_duplicates"
            )
        if self.dry_run:
            text += " (dry run: nothing was written)"
        return text + "."


def count(n, singular, plural=None):
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def error_message(error, path):
    """The message for an error writing ``path``: the failure's own, or the fields a
    validation error names."""
    if isinstance(error, ImportFailure):
        return str(error)
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return f"{path}: " + "; ".join(
            f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    text = " ".join(getattr(error, "messages", None) or [str(error)])
    return f"{path}: {type(error).__name__}: {text}"
