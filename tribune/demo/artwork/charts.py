"""Bar charts of an article's key figures, drawn with Pillow in the outlet's graphics style: only figures that
share a unit are compared, each bar labelled with its value and what it measures."""

import re
import textwrap
from dataclasses import dataclass

from PIL import Image, ImageDraw

from .common import Colour, font

SIZE = (1600, 900)
PAPER: Colour = (250, 248, 244)
INK: Colour = (30, 30, 34)
MUTED: Colour = (110, 106, 100)
RULE: Colour = (222, 217, 208)
BARS: tuple[Colour, ...] = ((26, 92, 120), (46, 134, 150), (198, 120, 58), (150, 60, 70))

# "4.1%", "$210bn", "€3.2 trillion", "+420bp", "12,000 t": a number with whatever stands before and after it.
FIGURE = re.compile(r"^(?P<prefix>[^\d+\-−]*)(?P<sign>[+\-−]?)(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[^\d]*)$")


@dataclass(frozen=True)
class Figure:
    value: float
    shown: str
    label: str
    unit: str


def comparable_figures(blocks: list) -> tuple[str, list[Figure], str] | None:
    """The first key-figures block whose figures (at least two) share a unit: its title, the figures and its
    source; None when no block has comparable figures."""
    for block_type, value in blocks:
        if block_type != "key_figures":
            continue
        figures = []
        for figure in value["figures"]:
            match = FIGURE.match(figure["value"].strip())
            if not match:
                break
            number = float(match["number"].replace(",", "")) * (-1 if match["sign"] in "-−" and match["sign"] else 1)
            unit = f"{match['prefix'].strip()}|{match['unit'].strip()}"
            figures.append(Figure(number, figure["value"], figure["label"], unit))
        else:
            if len(figures) >= 2 and len({f.unit for f in figures}) == 1 and all(f.value >= 0 for f in figures):
                # "Trust in electoral bodies (Quito Civic Research Centre survey, illustrative)": the source is
                # the block's own, else the title's bracket.
                title, _bracket, noted = value["title"].partition(" (")
                return title, figures, value.get("source") or noted.rstrip(")") or "Tribune estimates"
    return None


def key_figures_chart(title: str, figures: list[Figure], source: str) -> Image.Image:
    """Horizontal bars, largest scale at the longest bar, the value at the end of each."""
    width, height = SIZE
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    left, right = 90, width - 90
    draw.rectangle([left, 70, left + 70, 78], fill=BARS[0])
    heading = textwrap.wrap(title, 52)[:2]
    for i, line in enumerate(heading):
        draw.text((left, 100 + i * 58), line, font=font(48), fill=INK)
    top = 100 + len(heading) * 58 + 50
    bottom = height - 110
    rows = len(figures)
    row = (bottom - top) / rows
    bar_left, bar_right = left, right - 200
    largest = max(f.value for f in figures) or 1
    for i, figure in enumerate(figures):
        y = top + i * row
        label = textwrap.shorten(figure.label[:1].upper() + figure.label[1:], 90, placeholder="…")
        draw.text((bar_left, y + 4), label, font=font(27), fill=MUTED)
        bar_top = y + 44
        bar_height = min(row - 70, 64)
        length = max((bar_right - bar_left) * figure.value / largest, 6)
        draw.rectangle([bar_left, bar_top, bar_left + length, bar_top + bar_height], fill=BARS[i % len(BARS)])
        draw.text(
            (bar_left + length + 18, bar_top + bar_height / 2), figure.shown, font=font(40), fill=INK, anchor="lm"
        )
    draw.line([(bar_left, top - 12), (bar_left, bottom)], fill=RULE, width=3)
    draw.line([(left, height - 84), (right, height - 84)], fill=RULE, width=2)
    note = f"Source: {source}"
    draw.text((left, height - 50), note, font=font(24), fill=MUTED, anchor="lm")
    draw.text((right, height - 50), "Tribune graphics", font=font(24), fill=MUTED, anchor="rm")
    return image
