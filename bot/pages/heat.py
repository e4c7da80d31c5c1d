"""The calendar's heat map colours: how dark a cell is says how many activities it counts.

Colour is never the only sign (WCAG 1.4.1): the number is written in every cell, and the legend
names the counts each shade stands for. Each shade carries its own text colour, chosen so that
the number has a contrast of at least 4.5:1 on it (``contrast``; tests and axe check it). The
page's table, its legend and the PNG picture all take their shades from here.
"""

from __future__ import annotations

from dataclasses import dataclass

# Level 0 (nothing) is white; 1..5 grow darker with the count. (background, text)
SHADES: tuple[tuple[str, str], ...] = (
    ("#ffffff", "#595959"),
    ("#deebf7", "#1a1a1a"),
    ("#b6d3ea", "#1a1a1a"),
    ("#86b3d9", "#1a1a1a"),
    ("#2f6a99", "#ffffff"),
    ("#173f5f", "#ffffff"),
)
LEVELS = len(SHADES) - 1  # shades for a count above zero


def level(count: int, top: int) -> int:
    """The shade of ``count`` in a table whose largest count is ``top``: 0 for none, else
    1..LEVELS in equal steps of ``top`` (the largest count is always the darkest)."""
    if count <= 0 or top <= 0:
        return 0
    return max(1, min(LEVELS, -(-count * LEVELS // top)))


@dataclass(frozen=True, slots=True)
class Step:
    """One shade of a legend: the counts from ``low`` to ``high`` are drawn in it."""

    level: int
    low: int
    high: int

    @property
    def background(self) -> str:
        return SHADES[self.level][0]

    @property
    def text(self) -> str:
        return SHADES[self.level][1]

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


def legend(top: int) -> list[Step]:
    """The shades a table whose largest count is ``top`` uses, with the counts of each."""
    steps = [Step(0, 0, 0)]
    for shade in range(1, LEVELS + 1):
        # The counts c with level(c, top) == shade: ceil(c * L / top) == shade.
        low = max(1, (shade - 1) * top // LEVELS + 1)
        high = min(top, shade * top // LEVELS)
        if low <= high:
            steps.append(Step(shade, low, high))
    return steps


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of ``#rrggbb``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(one: str, other: str) -> float:
    """WCAG 2's contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)
