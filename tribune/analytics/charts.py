"""A bar chart computed on the server, drawn by the template as SVG: no script, and every bar has its number
written beside it, so the chart reads without colour or a pointer."""

from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 900, 260
TOP, BOTTOM, LEFT = 24, 40, 8  # room for the value labels above and the date labels below


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    day: date
    show_label: bool
    centre: float
    value_y: float
    label_y: float


def bars(series: list[tuple], *, label_every: int = 5) -> list[Bar]:
    """One bar per (day, value), scaled to the largest value; every ``label_every``-th day and the last get a date."""
    if not series:
        return []
    largest = max(value for _day, value in series) or 1
    slot = (WIDTH - LEFT) / len(series)
    drawable = HEIGHT - TOP - BOTTOM
    result = []
    for index, (day, value) in enumerate(series):
        height = drawable * value / largest
        x = LEFT + index * slot + slot * 0.1
        result.append(
            Bar(
                x=round(x, 1),
                y=round(TOP + drawable - height, 1),
                width=round(slot * 0.8, 1),
                height=round(height, 1),
                value=value,
                day=day,
                show_label=index % label_every == 0 or index == len(series) - 1,
                centre=round(x + slot * 0.4, 1),
                value_y=round(TOP + drawable - height - 4, 1),
                label_y=HEIGHT - BOTTOM + 16,
            )
        )
    return result
