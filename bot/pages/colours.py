"""What each state of an activity looks like, in one place: the page, its legend, the PNG
picture and the Word/Excel exports all take their colours and symbols from here.

Green means done everywhere; red means overdue and nothing else (exports used to mark done rows
red, which the page read as overdue). Each colour has a contrast of at least 4.5:1 against white
(checked by axe in the browser test), and each state also has a symbol, so colour is never the
only sign (WCAG 1.4.1).
"""

from __future__ import annotations

# The states, in the order the legends list them. Each has one name, from one texts key, used
# by the legend, the status filter, the table and the picture alike (the plan's own status
# names for the statuses; "overdue" is the page's, for any open activity past its date).
STATES = ("planned", "in_progress", "waiting", "approved", "overdue", "done")
LABELS = {
    "planned": "status.planned",
    "in_progress": "status.in_progress",
    "waiting": "status.awaiting_approval",
    "approved": "status.approved",
    "overdue": "page.kind.overdue",
    "done": "status.done",
}
SYMBOLS = {
    "done": "✓",
    "overdue": "!",
    "waiting": "…",
    "approved": "◆",
    "in_progress": "◐",
    "planned": "○",
}
COLOURS = {
    "done": "#1b6e2e",
    "overdue": "#b3261e",
    "waiting": "#8a5300",
    "approved": "#00666b",
    "in_progress": "#5b3f8c",
    "planned": "#1d4f73",
}
DONE = COLOURS["done"]
