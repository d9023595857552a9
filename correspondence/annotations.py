"""Editors' annotations: the little markup they may carry, and the one way to show it.

Footnotes, headnotes, topic descriptions and person notes are the editors' prose, not
the letter's text. They may carry a small set of markup, kept by an allow-list
(nh3, the Rust "ammonia" sanitiser):

    <i>, <em>        titles, foreign words
    <b>, <strong>    emphasis
    <span class="smallcaps">   small capitals (no other class, no other attribute)
    <a href title>   links: http, https and mailto, or a path on this site
                     ("/letters/..."); rel="noopener noreferrer" is added

Everything else goes: other tags (their text stays; a <script>'s or <style>'s content
goes too), event handlers, style attributes, javascript: and data: URLs however they are
encoded, comments. Paragraphs are still separated by blank lines.

Three functions:

- ``annotation_clean(text)`` is what the admin forms save (write side);
- ``annotation_html(text)`` is what the pages show: it sanitises again (idempotent, so
  text that never went through a form, e.g. imported or loaded, is safe too) and is the
  only place the project marks annotation markup safe. Templates reach it through the
  ``note_paragraphs`` and ``note_inline`` filters (``letter_text``); the API returns
  ``annotation_clean``'s string;
- ``annotation_text(text)`` is the annotation as plain text, for search and the
  exports (TEI, CSV): tags dropped, entities turned back into characters.
"""

import html
import re
from collections import Counter
from html.parser import HTMLParser

import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = frozenset({"i", "em", "b", "strong", "a", "span"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_CLASSES = {"span": {"smallcaps"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: shown to editors beside every annotation field
HELP_TEXT = (
    'Allowed markup: <i>, <em>, <b>, <strong>, <span class="smallcaps">, '
    '<a href="https://…">; anything else is removed on saving. '
    "Separate paragraphs with a blank line."
)

_WHITESPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _attribute_filter(tag, attribute, value):
    # One line per attribute value, so a line break never lands inside a tag.
    return _WHITESPACE.sub(" ", value).strip()


_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes=ALLOWED_CLASSES,
    url_schemes=set(URL_SCHEMES),
    attribute_filter=_attribute_filter,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def annotation_clean(text):
    """``text`` as it may be saved: sanitised by the allow-list, line ends normalised.

    Plain text passes unchanged except that ``&``, ``<`` and ``>`` become entities.
    Empty or missing text is "".
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _cleaner.clean(text).strip()


_no_tags = nh3.Cleaner(tags=set(), strip_comments=True)


def annotation_text(text):
    """``text`` without its markup: "<i>Pravda</i> &amp; Co." -> "Pravda & Co."."""
    return html.unescape(_no_tags.clean(text or ""))


def _paragraph_html(paragraph):
    return _cleaner.clean(paragraph).strip().replace("\n", "<br>\n")


def annotation_html(text, *, paragraphs=True):
    """An annotation ready for a page: sanitised again, one <p> per paragraph.

    With ``paragraphs=False`` the paragraphs are joined by line breaks and no <p> is
    added (for a line in a list). The only ``mark_safe`` for annotations: everything
    it marks has just been through the allow-list, paragraph by paragraph, so a tag
    can never be left open across paragraphs.
    """
    parts = [
        html
        for html in (
            _paragraph_html(p)
            for p in _PARAGRAPH_BREAK.split((text or "").replace("\r\n", "\n").strip())
        )
        if html
    ]
    if paragraphs:
        return mark_safe("\n".join(f"<p>{html}</p>" for html in parts))
    return mark_safe("<br>\n".join(parts))


class _Markup(HTMLParser):
    """The elements, attributes and comments of a piece of markup, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.attributes, self.comments = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)
        for name, value in attrs:
            self.attributes.append((tag, name, _WHITESPACE.sub("", value or "")))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.comments += 1


def _markup(text):
    parser = _Markup()
    parser.feed(text or "")
    parser.close()
    return parser


def annotation_removals(text):
    """What ``annotation_clean(text)`` takes out, in words for the editor: e.g.
    ``["the <script> element", "the onclick attribute of <b>", "a javascript: link"]``.
    Empty when the text is saved as written (but for entities)."""
    before, after = _markup(text), _markup(annotation_clean(text))
    kept_elements = Counter(after.elements)
    removed = []
    for tag in dict.fromkeys(before.elements):
        if Counter(before.elements)[tag] > kept_elements[tag]:
            removed.append(f"the <{tag}> element")
    kept_attributes = set(after.attributes)
    for tag, name, value in dict.fromkeys(before.attributes):
        if tag not in ALLOWED_TAGS or (tag, name, value) in kept_attributes:
            continue
        if name == "href":
            scheme = value.split(":", 1)[0].lower() if ":" in value else value
            removed.append(f"a {scheme}: link" if ":" in value else "a link")
        else:
            removed.append(f"the {name} attribute of <{tag}>")
    if before.comments:
        removed.append("a comment")
    return list(dict.fromkeys(removed))
