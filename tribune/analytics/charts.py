"""Charts computed on the server, drawn by the templates as SVG: no script, and nothing told by colour alone. Bars
carry their numbers (where there is room) and a text title each, today's unfinished day is hatched and says so,
every chart has a title and description for screen readers and a table of the same figures beside it."""

import math
from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 900, 260
TOP, BOTTOM, LEFT, RIGHT = 24, 40, 8, 24  # room for the value labels above, the dates below, the last date's end
MIN_SLOT_FOR_VALUES = 24  # narrower bars would have their numbers run into each other
DATE_LABELS = 7  # about this many dates under a chart, whatever its period
SPARK_WIDTH, SPARK_HEIGHT = 180, 32


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    day: date
    show_label: bool
    show_value: bool
    partial: bool
    centre: float
    value_y: float
    label_y: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    baseline: float
    total: int
    peak: Bar | None

    @property
    def first_day(self) -> date | None:
        return self.bars[0].day if self.bars else None

    @property
    def last_day(self) -> date | None:
        return self.bars[-1].day if self.bars else None

    @property
    def has_partial_day(self) -> bool:
        return any(bar.partial for bar in self.bars)


def _bars(series, *, width, height, top, bottom, left, partial_day, labels, right=0) -> list[Bar]:
    if not series:
        return []
    largest = max(value for _day, value in series) or 1
    peak_index = max(range(len(series)), key=lambda index: (series[index][1], index))
    slot = (width - left - right) / len(series)
    drawable = height - top - bottom
    label_every = max(1, math.ceil(len(series) / DATE_LABELS))
    room_for_values = slot >= MIN_SLOT_FOR_VALUES
    result = []
    for index, (day, value) in enumerate(series):
        bar_height = drawable * value / largest
        x = left + index * slot + slot * 0.1
        last = index == len(series) - 1
        result.append(
            Bar(
                x=round(x, 1),
                y=round(top + drawable - bar_height, 1),
                width=round(slot * 0.8, 1),
                height=round(bar_height, 1),
                value=value,
                day=day,
                show_label=labels and (index % label_every == 0 or last),
                # Where the bars are too narrow for every number: the peak's and the latest day's.
                show_value=labels and bool(value) and (room_for_values or index == peak_index or last),
                partial=day == partial_day,
                centre=round(x + slot * 0.4, 1),
                value_y=round(top + drawable - bar_height - 4, 1),
                label_y=height - bottom + 16,
            )
        )
    return result


def bar_chart(series: list[tuple], *, partial_day: date | None = None) -> BarChart:
    """One bar per (day, value), scaled to the largest value; the bar of ``partial_day`` (today, still counting) is
    drawn hatched."""
    bars = _bars(
        series,
        width=WIDTH,
        height=HEIGHT,
        top=TOP,
        bottom=BOTTOM,
        left=LEFT,
        right=RIGHT,
        partial_day=partial_day,
        labels=True,
    )
    return BarChart(
        bars=bars,
        width=WIDTH,
        height=HEIGHT,
        baseline=HEIGHT - BOTTOM,
        total=sum(value for _day, value in series),
        peak=max(bars, key=lambda bar: bar.value) if bars and any(bar.value for bar in bars) else None,
    )


def sparkline(series: list[tuple], *, partial_day: date | None = None) -> BarChart:
    """A small chart without labels, for a row of a table that gives its total in words."""
    bars = _bars(
        series, width=SPARK_WIDTH, height=SPARK_HEIGHT, top=2, bottom=0, left=0, partial_day=partial_day, labels=False
    )
    return BarChart(
        bars=bars,
        width=SPARK_WIDTH,
        height=SPARK_HEIGHT,
        baseline=SPARK_HEIGHT,
        total=sum(value for _day, value in series),
        peak=max(bars, key=lambda bar: bar.value) if bars and any(bar.value for bar in bars) else None,
    )


def with_shares(rows: list[dict], *, key: str = "total") -> list[dict]:
    """Each row with its share of the whole (``share``, per cent, written beside the bar) and its bar's length
    (``bar``, per cent of the largest row)."""
    whole = sum(row[key] for row in rows) or 1
    largest = max((row[key] for row in rows), default=0) or 1
    return [{**row, "share": round(100 * row[key] / whole), "bar": round(100 * row[key] / largest, 1)} for row in rows]
