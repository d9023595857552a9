"""Rendering a letter's text as the documents give it.

The stored text is plain: paragraphs separated by blank lines, footnote markers kept as
``[^N]`` at their exact place, the editors' own insertions in square brackets ("[sic]",
"[Latvian]"). Everything is escaped first; only then do markers become links to their
notes and brackets become editorial spans, so no stored text can inject markup.
Editors' annotations (notes, headnotes) may carry a little markup; they go through
``correspondence.annotations.annotation_html``, the allow-list, and nothing else.

    {% load letter_text %}
    {% letter_text letter.body %}        paragraphs, markers linked, brackets styled
    {% letter_inline letter.salutation %} the same, without paragraphs
    {{ letter.heading|with_markers }}    a line away from its notes: markers unlinked
    {{ footnote.text|note_paragraphs }}  notes, headnotes: allowed markup, paragraphs
    {% letter_date letter %}             date as written, Gregorian and Old Style
"""

import re

from django import template
from django.utils.dates import MONTHS
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from correspondence.annotations import annotation_html

register = template.Library()

MARKER = re.compile(r"\[\^(\d+)\]")
#: an editorial insertion: brackets around anything but a marker or another bracket
EDITORIAL = re.compile(r"\[(?!\^)([^\[\]\n]+)\]")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
NOTES_HEADING_ID = "notes-heading"

_SEEN_KEY = "letter_text_noterefs"


#: U+2060 WORD JOINER before each marker: no line may break between a word and its
#: marker, whatever ends the word ("fatherland”?" + "2" may break otherwise)
JOINER = "\u2060"


def _noteref(number, seen, known):
    """The marker for note ``number``: a superscript link, with a unique id; a plain
    superscript where the note is not on the page (``seen`` is None) or missing."""
    if seen is None:
        return format_html('{}<sup class="noteref">{}</sup>', JOINER, number)
    if known is not None and number not in known:
        return format_html(
            '{}<sup class="noteref noteref-orphan">{}</sup>', JOINER, number
        )
    seen[number] = seen.get(number, 0) + 1
    ref_id = (
        f"noteref-{number}" if seen[number] == 1 else f"noteref-{number}-{seen[number]}"
    )
    return format_html(
        '{}<sup class="noteref" id="{}">'
        '<a href="#note-{}" aria-describedby="{}">{}</a></sup>',
        JOINER,
        ref_id,
        number,
        NOTES_HEADING_ID,
        number,
    )


def render_inline(text, *, seen=None, known=None, linked=True):
    """One run of letter text as safe HTML: escaped, markers linked (superscripts
    only, unless ``linked``), brackets styled."""
    seen = None if not linked else {} if seen is None else seen
    html = escape(text or "")
    html = MARKER.sub(lambda m: _noteref(int(m.group(1)), seen, known), html)
    html = EDITORIAL.sub(
        lambda m: (
            f'<span class="editorial" title="Editorial insertion">[{m.group(1)}]</span>'
        ),
        html,
    )
    return mark_safe(html.strip().replace("\n", "<br>\n"))


def split_paragraphs(text):
    return [p for p in PARAGRAPH_BREAK.split((text or "").strip()) if p.strip()]


def render_paragraphs(text, *, seen=None, known=None):
    """Letter text as paragraphs (<p>), split on blank lines."""
    seen = {} if seen is None else seen
    return format_html_join(
        "\n",
        "<p>{}</p>",
        ((render_inline(p, seen=seen, known=known),) for p in split_paragraphs(text)),
    )


def _page_state(context):
    """Marker ids already used on this page, and the note numbers that exist.

    Kept in the render context so that a marker repeated in the dateline, body or
    postscript still gets a unique id; ``footnote_numbers`` (if the view gives it)
    keeps a marker without a note from linking to nothing.
    """
    seen = context.render_context.setdefault(_SEEN_KEY, {})
    known = context.get("footnote_numbers")
    return seen, (set(known) if known is not None else None)


@register.simple_tag(takes_context=True)
def letter_text(context, text):
    seen, known = _page_state(context)
    return render_paragraphs(text, seen=seen, known=known)


@register.simple_tag(takes_context=True)
def letter_inline(context, text):
    seen, known = _page_state(context)
    return render_inline(text, seen=seen, known=known)


@register.filter(is_safe=True)
def with_markers(text):
    """A line of letter text shown away from its notes (a heading in a list): the
    markers as superscript numbers, not links."""
    return render_inline(text, linked=False)


@register.filter(is_safe=True)
def note_paragraphs(text):
    """Editorial prose (a note, a headnote): its allowed markup kept, everything else
    removed, one <p> per paragraph (``correspondence.annotations``)."""
    return annotation_html(text)


@register.filter(is_safe=True)
def note_inline(text):
    """The same without <p>, for a line in a list (a topic's description)."""
    return annotation_html(text, paragraphs=False)


@register.filter
def without_markers(text):
    """Plain text with the footnote markers taken out (for titles, excerpts)."""
    return MARKER.sub("", text or "")


# Dates ------------------------------------------------------------------------


def day_text(day):
    return f"{day.day} {MONTHS[day.month]} {day.year}"


def _time(day, text=None, fmt="%Y-%m-%d"):
    return format_html(
        '<time datetime="{}">{}</time>', day.strftime(fmt), text or day_text(day)
    )


def gregorian_html(letter):
    """The normalised Gregorian date, in words, with <time> elements."""
    start, end, precision = letter.date_start, letter.date_end, letter.date_precision
    known = start or end
    if precision == "before" and end:
        return format_html("before {}", _time(end))
    if precision == "after" and start:
        return format_html("after {}", _time(start))
    if known is None:
        return "undated"
    if precision == "year":
        return _time(known, str(known.year), "%Y")
    if precision == "month":
        return _time(known, f"{MONTHS[known.month]} {known.year}", "%Y-%m")
    if start and end and start != end:
        return format_html("between {} and {}", _time(start), _time(end))
    return _time(known)


def julian_text(letter):
    day = letter.date_julian
    if not day:
        return ""
    prefix = {"before": "before ", "after": "after "}.get(letter.date_precision, "")
    return prefix + day_text(day)


#: the title of the "[sic]" after a date as written that the editors corrected
SIC_TITLE = "So printed: the date is wrong"


def as_written_html(letter):
    """The date as printed; "[sic]" after it where the editors corrected it."""
    text = letter.date_as_written or "undated"
    sic = (
        format_html(' <span class="sic" title="{}">[sic]</span>', SIC_TITLE)
        if letter.date_corrected and letter.date_as_written
        else ""
    )
    if not letter.date_supplied:
        return format_html("{}{}", text, sic)
    if not text.startswith("["):
        text = f"[{text}]"
    return format_html(
        '<span class="supplied" title="Date supplied by the editor">{}</span>{}',
        text,
        sic,
    )


@register.simple_tag
def date_as_written(letter):
    """The date as the source prints it; a supplied date is marked as the editor's."""
    return as_written_html(letter)


@register.simple_tag
def gregorian_date(letter):
    return gregorian_html(letter)


@register.inclusion_tag("correspondence/snippets/letter_date.html")
def letter_date(letter):
    """Date as written, then the Gregorian day and the Old Style one beside it."""
    return {
        "as_written": as_written_html(letter),
        "supplied": letter.date_supplied,
        "gregorian": gregorian_html(letter),
        "julian": julian_text(letter),
        "corrected": letter.date_corrected,
        "correction": letter.date_correction,
    }
