"""How long a calendar link may open the calendar page: a module of its own, so that the command
line's `calendar --days` reads the bound without loading the web app."""

from __future__ import annotations

# The longest lifetime a link may be given (COMMPLAN_CALENDAR_LINK_DAYS, --days); the signature
# is refused after it whatever the payload says, the payload's own end before.
MAX_DAYS = 366
