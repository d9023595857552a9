"""The timeline over /letters/: letters per year (or per month of one year), with the
letters whose dates are uncertain told apart from those dated within the bar.

A letter belongs to every year (month) its known Gregorian range meets, as the year
facet counts it (DESIGN.md: "with one bound null, the known bound's year"). Within a
bar it is **dated** when both bounds are known and fall in that one bar, and
**uncertain** otherwise: a range over several years (months), or a single bound
("[Before 12 (25) July 1914]"). An uncertain letter is drawn in each bar its range
meets, so a span shows as a run of hatched bars rather than a point.

One GROUP BY over the distinct (first, last, open) spans of the letters, whatever
their number (correspondence/spans.py); the spans are spread over bars in Python. With
more years than ``MAX_BARS`` the years are grouped into decades (or wider bins) and
each bar then picks a range of years instead of one.
"""

from collections import Counter
from dataclasses import dataclass

from .facets import MONTH_NAMES
from .spans import month_spans, year_spans

MAX_BARS = 60
BIN_SIZES = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000)


@dataclass
class Bar:
    label: str
    #: what the axis shows ("1914", "Jul", "1910s")
    short: str
    #: first and last year (or the month number twice) the bar covers
    first: int
    last: int
    dated: int = 0
    uncertain: int = 0
    selected: bool = False
    url: str = ""
    #: False for bars whose axis label may be hidden when bars are many
    show_label: bool = True
    #: heights in percent of the tallest bar, for drawing
    dated_height: float = 0.0
    uncertain_height: float = 0.0

    @property
    def dated_y(self):
        return round(100 - self.dated_height, 2)

    @property
    def uncertain_y(self):
        return round(100 - self.dated_height - self.uncertain_height, 2)

    @property
    def count(self):
        return self.dated + self.uncertain

    @property
    def description(self):
        """The text alternative of the bar."""
        letters = f"{self.count} letter{'s' if self.count != 1 else ''}"
        if not self.count:
            return f"{self.label}: no letters"
        if not self.uncertain:
            return f"{self.label}: {letters}"
        return f"{self.label}: {letters}, {self.uncertain} with an uncertain date"


def bin_size(first, last, max_bars=MAX_BARS):
    return next(
        (s for s in BIN_SIZES if last // s - first // s + 1 <= max_bars), BIN_SIZES[-1]
    )


def _count(bars, spans, key):
    """Add each span's letters to the bars it meets (``key`` maps a year or month to
    its bar's index)."""
    dated, uncertain = Counter(), Counter()
    for first, last, is_open, n in spans:
        first_bar, last_bar = key(first), key(last)
        if not is_open and first_bar == last_bar:
            dated[first_bar] += n
        else:
            for index in range(first_bar, last_bar + 1):
                uncertain[index] += n
    for index, bar in enumerate(bars):
        bar.dated, bar.uncertain = dated[index], uncertain[index]
    tallest = max((bar.count for bar in bars), default=0) or 1
    for bar in bars:
        bar.dated_height = round(100 * bar.dated / tallest, 2)
        bar.uncertain_height = round(100 * bar.uncertain / tallest, 2)
    return bars


def year_bars(qs):
    """Bars from the first to the last year of the letters in ``qs`` (empty years
    included, so the scale stays true), one per year or per bin of years."""
    return bars_of_years(year_spans(qs))


def bars_of_years(spans):
    """``year_bars`` of the letters whose year spans are ``spans``."""
    if not spans:
        return []
    lowest = min(first for first, _, _, _ in spans)
    highest = max(last for _, last, _, _ in spans)
    size = bin_size(lowest, highest)
    bars = []
    for index in range(lowest // size, highest // size + 1):
        first, last = index * size, index * size + size - 1
        label = str(first) if size == 1 else f"{first}–{last}"
        bars.append(Bar(label=label, short=str(first), first=first, last=last))
    step = 5 if len(bars) > 12 else 1
    for n, bar in enumerate(bars):
        bar.show_label = n in (0, len(bars) - 1) or (bar.first // size) % step == 0
    offset = lowest // size
    return _count(bars, spans, lambda year: year // size - offset)


def month_bars(qs, year):
    """Twelve bars, one per month of ``year``."""
    return bars_of_months(month_spans(qs, year), year)


def bars_of_months(spans, year):
    """``month_bars`` of the letters whose month spans in ``year`` are ``spans``."""
    bars = [
        Bar(label=f"{MONTH_NAMES[m]} {year}", short=MONTH_NAMES[m][:3], first=m, last=m)
        for m in range(1, 13)
    ]
    if not spans:
        return []
    return _count(bars, spans, lambda month: month - 1)


def for_filterset(filterset):
    """The histogram of a ``LetterFilter``: ``{"unit": "year"|"month", "bars",
    "year"}``, each bar with its ``url`` and ``selected``.

    By year, the letters filtered by everything but the date choices (so every bar
    says what choosing it gives); a bar of one year chooses that year, a bar of
    several years chooses that range. Within one chosen year, by month, filtered by
    everything but the month; a bar chooses its month.
    """
    year = filterset.one_year
    if year is not None:
        month = filterset.cleaned("month")
        bars = bars_of_months(filterset.selection.month_spans(("month",), year), year)
        for bar in bars:
            bar.selected = bar.first == month
            bar.url = filterset.url(month=[bar.first])
        up_url = filterset.url(year=None, month=None)
        return {"unit": "month", "year": year, "bars": bars, "up_url": up_url}

    bars = bars_of_years(filterset.selection.year_spans(filterset.DATES))
    years = {int(y) for y in filterset.selected("year")}
    low, high = filterset.cleaned("year_from"), filterset.cleaned("year_to")
    ranged = low is not None or high is not None
    clear_dates = {"year_from": None, "year_to": None, "month": None}
    for bar in bars:
        in_range = (
            ranged
            and (low or bar.first) <= bar.first
            and bar.last <= (high or bar.last)
        )
        bar.selected = in_range or any(bar.first <= y <= bar.last for y in years)
        if bar.first == bar.last:
            bar.url = filterset.url(year=[bar.first], **clear_dates)
        else:
            bar.url = filterset.url(
                year=None, year_from=[bar.first], year_to=[bar.last], month=None
            )
    return {"unit": "year", "year": None, "bars": bars, "up_url": None}
