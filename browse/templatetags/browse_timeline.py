"""The bars of the timeline over /letters/, rendered in Python.

Up to 60 bars, a dozen values each: through the template engine they cost about 4 ms
a page at 100,000 letters (nothing cached), as much as counting them.
"""

from django import template
from django.utils.safestring import mark_safe

from config.html import escaped

register = template.Library()

_BREAK = (
    '<li class="timeline__bar timeline__bar--break">\n'
    '  <span class="timeline__gap" aria-hidden="true"></span>\n'
    '  <span class="timeline__label" aria-hidden="true"></span>\n'
    '  <span class="visually-hidden">{}</span>\n</li>\n'
)
_CURRENT = ' aria-current="true"'


def _label_class(bar):
    if not bar.show_label:
        return " timeline__label--minor"
    return "" if bar.show_label_narrow else " timeline__label--wide"


@register.simple_tag
def timeline_bars(bars):
    """One <li> a bar (``browse.histogram.Bar``): a link choosing its years (or
    month), its count, its dated and uncertain heights drawn, and its text
    alternative; a break for a stretch without letters."""
    rows = []
    for bar in bars:
        if bar.is_break:
            rows.append(_BREAK.format(escaped(bar.description)))
            continue
        count = bar.count
        rows.append(
            f'<li class="timeline__bar{" is-selected" if bar.selected else ""}'
            f'{"" if count else " is-empty"}">\n'
            f'  <a href="{escaped(bar.url)}"{_CURRENT if bar.selected else ""}>\n'
            f'    <span class="timeline__n" aria-hidden="true">{count or ""}</span>\n'
            '    <svg class="timeline__svg" viewBox="0 0 10 100" '
            'preserveAspectRatio="none" aria-hidden="true" focusable="false">'
            f'<rect class="timeline__uncertain" x="0" y="{bar.uncertain_y}" width="10" '
            f'height="{bar.uncertain_height}" fill="url(#timeline-hatch)"></rect>'
            f'<rect class="timeline__dated" x="0" y="{bar.dated_y}" width="10" '
            f'height="{bar.dated_height}"></rect></svg>\n'
            f'    <span class="timeline__label{_label_class(bar)}" aria-hidden="true">'
            f"{escaped(bar.short)}</span>\n"
            f'    <span class="visually-hidden">{escaped(bar.description)}</span>\n'
            "  </a>\n</li>\n"
        )
    return mark_safe("".join(rows))
