"""The timeline of the next 8 weeks as a PNG picture (for a chat message, or a file).

Drawn with Pillow from the same geometry as the page's timeline (``bot/pages/timeline.py``):
a row per dated activity, weeks as columns, today marked; each item's kind shown by colour and
by its symbol, with a legend.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from PIL import Image, ImageDraw

from bot.pages.colours import COLOURS, LABELS, STATES, SYMBOLS
from bot.pages.fonts import font as _font
from bot.pages.timeline import Timeline, TimelineActivity, kind_of, layout
from bot.texts import t
from config.languages import Language

WIDTH = 1400
LABEL = 420  # the width of the labels column
ROW = 26
WEEKS = 8
# A chat picture shows at most this many activities (the earliest first); the rest are counted.
MAX_ROWS = 40


def timeline_png(
    title: str, views: Sequence[TimelineActivity], today: dt.date, language: Language
) -> bytes:
    """The next ``WEEKS`` weeks from this week's Monday, as PNG bytes."""
    timeline, more = window(views, today)
    return _draw(title, timeline, more, language)


def window(views: Sequence[TimelineActivity], today: dt.date) -> tuple[Timeline, int]:
    """What the picture shows: the items drawn, and how many more there are."""
    first = today - dt.timedelta(days=today.weekday())
    last = first + dt.timedelta(weeks=WEEKS) - dt.timedelta(days=1)
    # What is due in the window, and what is overdue however long ago (the legend lists
    # "overdue": such an item is drawn at the window's start). Overdue first, then by date.
    dated = sorted(
        (
            view
            for view in views
            if view.next_due is not None
            and (first <= view.next_due <= last or kind_of(view, today) == "overdue")
        ),
        key=lambda view: (kind_of(view, today) != "overdue", view.next_due or first, view.id),
    )
    timeline = layout(
        dated[:MAX_ROWS], today, first=first, last=last, ticks="week", overdue_at_start=True
    )
    return timeline, max(0, len(dated) - MAX_ROWS)


def _draw(title: str, timeline: Timeline, more: int, language: Language) -> bytes:
    height = 110 + ROW * (max(len(timeline.items), 1) + (1 if more else 0)) + 50
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    big, normal, small = _font(22), _font(15), _font(13)
    draw.text((16, 14), title, fill="#1a1a1a", font=big)
    span = WIDTH - LABEL - 20

    def x(at: float) -> float:
        return LABEL + at * span

    week_word = t("page.week", language)
    for tick in timeline.ticks:
        draw.line([(x(tick.at), 60), (x(tick.at), height - 50)], fill="#c8c8c8", width=1)
        draw.text((x(tick.at) + 4, 62), f"{week_word} {tick.label}", fill="#1a1a1a", font=small)
    if timeline.today is not None:
        draw.line(
            [(x(timeline.today), 80), (x(timeline.today), height - 50)], fill="#1a1a1a", width=2
        )
        draw.text(
            (x(timeline.today) + 4, height - 48),
            t("page.today", language),
            fill="#1a1a1a",
            font=small,
        )
    for item in timeline.items:
        y = 90 + item.row * ROW
        label = f"{item.symbol} #{item.activity_id} {item.label}"
        if len(label) > 48:
            label = label[:47] + "…"
        draw.text((16, y), label, fill="#1a1a1a", font=normal)
        if item.is_point:
            cx = x(item.start)
            draw.ellipse([(cx - 7, y + 2), (cx + 7, y + 16)], fill=item.colour)
        else:
            draw.rounded_rectangle(
                [(x(item.start), y + 3), (max(x(item.end), x(item.start) + 4), y + 15)],
                radius=3,
                fill=item.colour,
            )
    if not timeline.items:
        # An empty grid alone reads as a drawing error: say that nothing is due.
        draw.text(
            (16, 90),
            t("page.picture_empty", language, weeks=WEEKS),
            fill="#1a1a1a",
            font=normal,
        )
    if more:
        y = 90 + len(timeline.items) * ROW
        draw.text((16, y), t("digest.more", language, count=more), fill="#1a1a1a", font=normal)
    legend_x = 16
    for kind in STATES:
        text = f"{SYMBOLS[kind]} {t(LABELS[kind], language)}"
        draw.text((legend_x, height - 28), text, fill=COLOURS[kind], font=normal)
        legend_x += int(draw.textlength(text, font=normal)) + 30
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
