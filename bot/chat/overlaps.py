"""An overlap as lines any surface shows: what collides, and what to do about it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from bot.texts import t
from bot.texts.dates import day_text
from config.languages import Language


def overlap_lines(overlap: Mapping[str, Any], language: Language, days: int) -> list[str]:
    """The heading line, one line per colliding activity, and the suggestion.

    ``overlap`` is the JSON of scheduler.overlaps.Overlap (an outbox notice's payload).
    """
    entries = list(overlap.get("activities", ()))
    if overlap.get("kind") == "budget":
        week = dt.date.fromisoformat(str(overlap["first"])).isocalendar()[1]
        head = t(
            "overlap.budget",
            language,
            audience=overlap.get("audience", ""),
            count=len(entries),
            channel=overlap.get("channel", ""),
            week=week,
            per_week=overlap.get("per_week", ""),
        )
    else:
        # Every plan, those the reader may not read too (notices written before: the list).
        plans = int(overlap.get("plan_count") or len(overlap.get("plans", ())))
        # A name no audience holds, the same in several plans: said so (docs/coordination.md).
        kind = "overlap.same_name" if overlap.get("same_name") else "overlap.near"
        head = t(kind, language, audience=overlap.get("audience", ""), plans=plans, days=days)
    lines = [head]
    for entry in entries:
        if entry.get("hidden"):
            # A plan the reader may not read: its team, its owner to ask, the week, the channel.
            number = str(entry.get("week", "")).rpartition("W")[2].lstrip("0")
            lines.append(
                "  "
                + t(
                    "overlap.hidden_entry",
                    language,
                    week=number,
                    team=entry.get("team") or "?",
                    owner=entry.get("owner") or "–",
                    channel=entry.get("channel") or "–",
                )
            )
            continue
        day = day_text(dt.date.fromisoformat(str(entry["day"])), language)
        # No words of its own: the day, the activity and its plan.
        lines.append(f"  {day}: {entry['title']} ({entry['plan']})")
    more = int(overlap.get("more", 0))
    if more:
        lines.append("  " + t("digest.more", language, count=more))
    kind = "budget" if overlap.get("kind") == "budget" else "near"
    lines.append(t(f"overlap.suggest.{kind}", language, key=overlap.get("key", "")))
    return lines
