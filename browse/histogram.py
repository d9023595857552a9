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
each bar then picks a range of years instead of one. Only the years that hold letters
are drawn: an empty stretch of more than ``MAX_EMPTY_BARS`` bars (a misprinted year
far from the rest) is one break in the axis, so it cannot squeeze every other bar.

Axis labels are thinned to at most ``MOST_LABELS`` on a wide screen and
``MOST_LABELS_NARROW`` on a phone (``show_label``, ``show_label_narrow``), the first
and last bars always labelled, so labels never run into each other.
"""

import math
from collections import Counter
from dataclasses import dataclass

from .facets import MONTH_NAMES
from .spans import month_spans, year_spans

MAX_BARS = 60
BIN_SIZES = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000)
#: an empty stretch of more bars than this is drawn as one break
MAX_EMPTY_BARS = 10
#: axis labels at most, on a wide screen and on a phone
MOST_LABELS, MOST_LABELS_NARROW = 12, 5
LABEL_STEPS = (1, 2, 5, 10, 20, 25, 50)


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
    #: False for bars whose axis label is hidden when bars are many
    show_label: bool = True
    #: False for bars whose axis label is hidden on a phone as well
    show_label_narrow: bool = True
    #: True for the break standing for years without letters between two runs
    is_break: bool = False
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
        if self.is_break:
            return f"{self.label}: no letters (these years are left out)"
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
    included, so the scale stays true, except long empty stretches: one break each),
    one per year or per bin of years."""
    return bars_of_years(year_spans(qs))


def _runs(spans, size):
    """[first bin, last bin] of each run of bins of ``size`` years holding letters: a
    run goes on across at most ``MAX_EMPTY_BARS`` empty bins."""
    runs = []
    for first, last in sorted({(f // size, t // size) for f, t, _, _ in spans}):
        if runs and first - runs[-1][1] - 1 <= MAX_EMPTY_BARS:
            runs[-1][1] = max(runs[-1][1], last)
        else:
            runs.append([first, last])
    return runs


def _layout(spans):
    """(size, runs): the narrowest bins whose runs, and a break between each two,
    take ``MAX_BARS`` bars at most."""
    for size in BIN_SIZES:
        runs = _runs(spans, size)
        if sum(last - first + 1 for first, last in runs) + len(runs) - 1 <= MAX_BARS:
            break
    return size, runs


def _label_step(count, most, of=1):
    """Label every how many bars (a multiple of ``of``), for at most ``most`` labels
    among ``count``."""
    steps = [s for s in LABEL_STEPS if s % of == 0]
    return next((s for s in steps if math.ceil(count / s) <= most), 100)


def _thin_labels(bars, size):
    """Label the first and last bars, and bars on round numbers of bins
    far enough from the first and last not to run into their labels; on a phone a
    subset of these."""
    ends, step = (0, len(bars) - 1), 1
    for attribute, most in (
        ("show_label", MOST_LABELS),
        ("show_label_narrow", MOST_LABELS_NARROW),
    ):
        step = _label_step(len(bars), most, of=step)
        room = (step + 1) // 2  # bars between a round label and an end's
        for n, bar in enumerate(bars):
            shown = not bar.is_break and (
                n in ends
                or (
                    (bar.first // size) % step == 0
                    and all(abs(n - end) >= room for end in ends)
                )
            )
            setattr(bar, attribute, shown)


def bars_of_years(spans):
    """``year_bars`` of the letters whose year spans are ``spans``."""
    if not spans:
        return []
    size, runs = _layout(spans)
    bars, index_of_bin = [], {}
    for n, (first_bin, last_bin) in enumerate(runs):
        if n:  # the years without letters since the last run
            first, last = (runs[n - 1][1] + 1) * size, first_bin * size - 1
            label = f"{first}–{last}"
            # no axis label: the dashed gap shows it, beside a year's label
            bars.append(Bar(label, "", first, last, is_break=True))
        for index in range(first_bin, last_bin + 1):
            first, last = index * size, index * size + size - 1
            label = str(first) if size == 1 else f"{first}–{last}"
            index_of_bin[index] = len(bars)
            bars.append(Bar(label=label, short=str(first), first=first, last=last))
    _thin_labels(bars, size)
    return _count(bars, spans, lambda year: index_of_bin[year // size])


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
        if bar.is_break:
            continue  # no letters to choose
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
