"""A change to a text, word by word, for the history pages of the admin.

django-simple-history shows a changed value as "old → new", shortened to
"[403 chars]" when long: a letter's body then says nothing of what changed. Here a text
too long for that is shown once, with the words taken out in ``<del>`` and the words
put in ``<ins>`` (difflib over words), and only a few words of context around each
change.
"""

import difflib
import re

from django.utils.html import format_html, format_html_join
from simple_history.template_utils import HistoricalRecordContextHelper

#: a value this long or shorter is shown whole, old → new (simple-history's own limit)
WHOLE_UP_TO = HistoricalRecordContextHelper.DEFAULT_MAX_DISPLAYED_DELTA_CHANGE_CHARS
#: unchanged words kept on each side of a change
CONTEXT_WORDS = 8

_WORDS = re.compile(r"\S+|\s+")


def _words(text):
    return _WORDS.findall(text)


def _unchanged(tokens, *, first, last):
    """Unchanged words, shortened to the context next to the changes around them."""
    words = [i for i, t in enumerate(tokens) if not t.isspace()]
    keep = 2 * CONTEXT_WORDS
    if len(words) <= keep:
        return "".join(tokens)
    head = "" if first else "".join(tokens[: words[CONTEXT_WORDS - 1] + 1])
    tail = "" if last else "".join(tokens[words[-CONTEXT_WORDS] :])
    if first:
        return "… " + tail
    if last:
        return head + " …"
    return head + " … " + tail


def word_diff(old, new):
    """Safe HTML of the change from ``old`` to ``new``: <del>, <ins>, context."""
    before, after = _words(old or ""), _words(new or "")
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    opcodes = matcher.get_opcodes()
    pieces = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            text = _unchanged(
                before[i1:i2], first=index == 0, last=index == len(opcodes) - 1
            )
            pieces.append(format_html("{}", text))
            continue
        if i2 > i1:
            pieces.append(format_html("<del>{}</del>", "".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(format_html("<ins>{}</ins>", "".join(after[j1:j2])))
    return format_html_join("", "{}", ((piece,) for piece in pieces))


class HistoryChanges(HistoricalRecordContextHelper):
    """simple-history's list of changes, with a word diff for long texts (``diff``)
    and no "None" for an empty value."""

    def context_for_delta_changes(self, delta):
        context = super().context_for_delta_changes(delta)
        for item, change in zip(context, delta.changes, strict=True):
            old, new = change.old, change.new
            long_text = isinstance(old, str | None) and isinstance(new, str | None)
            long_text = long_text and max(len(old or ""), len(new or "")) > WHOLE_UP_TO
            item["diff"] = word_diff(old, new) if long_text else None
        return context
