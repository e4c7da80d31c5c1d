"""What each state of an activity looks like, in one place: the page, its legend, the PNG
picture and the Word/Excel exports all take their colours and symbols from here.

Green means done everywhere; red means overdue and nothing else (exports used to mark done rows
red, which the page read as overdue). Each colour has a contrast of at least 4.5:1 against white
(checked by axe in the browser test), and each state also has a symbol, so colour is never the
only sign (WCAG 1.4.1).
"""

from __future__ import annotations

SYMBOLS = {"done": "✓", "overdue": "!", "waiting": "…", "planned": "○"}
COLOURS = {"done": "#1b6e2e", "overdue": "#b3261e", "waiting": "#8a5300", "planned": "#1d4f73"}
DONE = COLOURS["done"]
