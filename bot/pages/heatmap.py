"""The organisation's calendar as a PNG heat map: audiences × weeks and channels × weeks.

Drawn with Pillow as the plan picture is (``bot/pages/picture.py``): one table per section, a
row per audience or channel, a column per ISO week and the total; each cell shaded by its count
(``bot/pages/heat.py``) with the number written in it, and under each table the legend of its
shades. The geometry is fixed, so the size is known before drawing (``Layout.size``):
``2 × 16 + 260 + 64 × weeks + 72`` pixels wide.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from bot.pages.fonts import font as _font
from bot.pages.heat import SHADES, legend, level

MARGIN = 16
LABEL = 260  # the names' column
CELL = 64  # a week
TOTAL = 72
ROW = 28
TOP = 76  # the title and the subtitle
HEADING = 34  # a section's heading
GAP = 16  # after a section
# A picture lists at most this many rows per table (the largest totals first); the rest counted.
MAX_ROWS = 60
INK, LINE, HEAD = "#1a1a1a", "#767676", "#eef2f5"
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True, slots=True)
class HeatmapSection:
    heading: str  # "Activities by audience and week"
    label: str  # the names' column heading: "Audience"
    rows: tuple[tuple[str, tuple[int, ...]], ...]  # (name, a count per week)
    more: str = ""  # "… and 3 more" when rows were left out


@dataclass(frozen=True, slots=True)
class Layout:
    """Where everything goes, from the number of weeks and of rows per section."""

    weeks: int
    rows: tuple[int, ...]  # rows drawn per section (a "more" line counts as one)

    @property
    def width(self) -> int:
        return 2 * MARGIN + LABEL + CELL * self.weeks + TOTAL

    def top_of(self, section: int) -> int:
        """The y of the section's heading."""
        return TOP + sum(self._height_of(n) for n in self.rows[:section])

    @staticmethod
    def _height_of(rows: int) -> int:
        # Heading, the weeks' row, the rows (at least one: "none"), the legend.
        return HEADING + ROW * (1 + max(rows, 1) + 1) + GAP

    @property
    def height(self) -> int:
        return self.top_of(len(self.rows))

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height

    def cell(self, section: int, row: int, week: int) -> tuple[int, int, int, int]:
        """The box (left, top, right, bottom) of a week's count; ``week == weeks``: the total."""
        x = MARGIN + LABEL + CELL * week
        y = self.top_of(section) + HEADING + ROW * (1 + row)
        return x, y, x + (TOTAL if week == self.weeks else CELL), y + ROW


def fit(
    rows: Sequence[tuple[str, tuple[int, ...]]],
) -> tuple[list[tuple[str, tuple[int, ...]]], int]:
    """At most ``MAX_ROWS`` rows, keeping those with the largest totals (in their order)."""
    if len(rows) <= MAX_ROWS:
        return list(rows), 0
    kept = set(sorted(range(len(rows)), key=lambda i: -sum(rows[i][1]))[:MAX_ROWS])
    return [row for i, row in enumerate(rows) if i in kept], len(rows) - MAX_ROWS


def heatmap_png(
    title: str,
    subtitle: str,
    weeks: Sequence[str],
    sections: Sequence[HeatmapSection],
    *,
    total: str,
    none: str,
) -> bytes:
    """The heat map as PNG bytes; ``weeks`` are the columns' labels ("W12"), ``total`` the
    totals' heading and ``none`` what an empty table says."""
    layout = Layout(len(weeks), tuple(len(s.rows) + (1 if s.more else 0) for s in sections))
    image = Image.new("RGB", layout.size, "white")
    draw = ImageDraw.Draw(image)
    big, normal, small = _font(22), _font(15), _font(13)
    draw.text((MARGIN, 14), title, fill=INK, font=big)
    draw.text((MARGIN, 46), subtitle, fill=INK, font=normal)

    def centred(box: tuple[int, int, int, int], text: str, colour: str, font: Font) -> None:
        width = draw.textlength(text, font=font)
        x = box[0] + (box[2] - box[0] - width) / 2
        draw.text((x, box[1] + 6), text, fill=colour, font=font)

    for index, section in enumerate(sections):
        y = layout.top_of(index)
        draw.text((MARGIN, y + 6), section.heading, fill=INK, font=normal)
        head = layout.cell(index, -1, 0)
        draw.rectangle(
            [(MARGIN, head[1]), (layout.width - MARGIN, head[3])], fill=HEAD, outline=LINE
        )
        draw.text((MARGIN + 6, head[1] + 6), section.label, fill=INK, font=small)
        for week, name in enumerate([*weeks, total]):
            centred(layout.cell(index, -1, week), name, INK, small)
        top = max((count for _, counts in section.rows for count in counts), default=0)
        for row, (name, counts) in enumerate(section.rows):
            box = layout.cell(index, row, 0)
            draw.rectangle([(MARGIN, box[1]), (box[0], box[3])], outline=LINE)
            label = name if len(name) <= 30 else name[:29] + "…"
            draw.text((MARGIN + 6, box[1] + 6), label, fill=INK, font=normal)
            for week, count in enumerate(counts):
                box = layout.cell(index, row, week)
                background, text = SHADES[level(count, top)]
                draw.rectangle(box, fill=background, outline=LINE)
                centred(box, str(count), text, normal)
            box = layout.cell(index, row, len(counts))
            draw.rectangle(box, fill="white", outline=LINE)
            centred(box, str(sum(counts)), INK, normal)
        below = layout.cell(index, len(section.rows), 0)[1]
        if not section.rows:
            draw.text((MARGIN + 6, below + 6), none, fill=INK, font=normal)
            below += ROW
        elif section.more:
            draw.text((MARGIN + 6, below + 6), section.more, fill=INK, font=normal)
            below += ROW
        x = MARGIN
        for step in legend(top) if section.rows else []:
            width = max(CELL, int(draw.textlength(step.label, font=small)) + 16)
            box = (x, below + 4, x + width, below + ROW - 2)
            draw.rectangle(box, fill=step.background, outline=LINE)
            centred((box[0], box[1] - 3, box[2], box[3]), step.label, step.text, small)
            x += width + 6
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
