"""Loading the example plan: a real Danish plan (tests/samples/udbud-kommunikationsplan.csv)
with its dates moved so that several activities fall in the coming weeks.

The packaged CSV keeps the sample's rows; its "when" cells that name a date hold placeholders
(``{date:+4}``: four days from today; ``{week:+1}``: next week), written out in Danish as a
plan would ("26. november 2026", "Uge 49 2026") and then read by the same timing reader as any
imported plan.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources

from bot.importing.row_words import needs_approval
from bot.importing.titles import derive_title
from bot.services import Services
from bot.services.actor import Actor
from bot.services.views import PlanView

TEAM_SLUG = "udbud"
PLAN_NAME = "Kommunikationsplan – udbud af dokumentationssystem"
PURPOSE = (
    "At sikre, at ledere, medarbejdere og samarbejdspartnere får rettidig og ensartet "
    "information om udbuddet af et nyt fælles dokumentationssystem på socialområdet."
)
# Who the sample's ANSVARLIG column names: made-up people, reachable only on the console.
PEOPLE = (
    ("Mette Holm", "mette.holm@example.invalid", ("Projektleder", "MH")),
    ("Jonas Berg", "jonas.berg@example.invalid", ("Kommunikationsmedarbejder", "JB")),
    ("Anne Lund", "anne.lund@example.invalid", ("Styregruppeformand", "AL")),
)
# The sample's columns, in the order the activity fields take them.
COLUMNS = {
    "HVEM": "target_group",
    "HVAD": "message",
    "HVORDAN": "channel",
    "HVORNÅR": "when",
    "ANSVARLIG": "responsible",
    "FORVENTET REAKTION": "expected_reaction",
    "BEMÆRKNINGER": "remarks",
}
DANISH_MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
_PLACEHOLDER = re.compile(r"\{(date|week):([+-]\d+)\}")


@dataclass(frozen=True, slots=True)
class Loaded:
    plan: PlanView
    activities: int
    unmapped: tuple[str, ...]


def fill_when(text: str, today: dt.date) -> str:
    """Replace a placeholder with the Danish text a plan writer would use."""

    def replace(match: re.Match[str]) -> str:
        unit, offset = match.group(1), int(match.group(2))
        if unit == "date":
            day = today + dt.timedelta(days=offset)
            return f"{day.day}. {DANISH_MONTHS[day.month - 1]} {day.year}"
        year, week, _ = (today + dt.timedelta(weeks=offset)).isocalendar()
        return f"Uge {week} {year}"

    return _PLACEHOLDER.sub(replace, text)


def example_rows() -> list[dict[str, str]]:
    text = (
        resources.files("bot.example")
        .joinpath("udbud-kommunikationsplan.csv")
        .read_text(encoding="utf-8")
    )
    return list(csv.DictReader(text.splitlines(), delimiter=";"))


def load_example(services: Services, today: dt.date) -> Loaded | None:
    """Create the example team, people and plan; None if the plan is there already."""
    actor = Actor.cli()
    existing = [plan for plan in services.plans.list() if plan.name == PLAN_NAME]
    if existing:
        return None
    if TEAM_SLUG not in {team.slug for team in services.teams.list()}:
        services.teams.add("Udbud Socialområdet", actor, slug=TEAM_SLUG)
    known = {person.name for person in services.people.list()}
    for name, email, aliases in PEOPLE:
        if name not in known:
            services.people.add(
                name, actor, email=email, aliases=aliases, team=TEAM_SLUG, locale="da"
            )
    plan = services.plans.create(
        PLAN_NAME,
        TEAM_SLUG,
        actor,
        purpose=PURPOSE,
        language="da",
        country="DK",
        owner="Projektleder",
        source_name="udbud-kommunikationsplan.csv",
    )
    unmapped: list[str] = []
    rows = example_rows()
    for row in rows:
        fields = {COLUMNS[column]: value for column, value in row.items() if column in COLUMNS}
        fields["when"] = fill_when(fields.get("when") or "", today)
        saved = services.activities.add(
            f"#{plan.id}",
            derive_title(fields),
            actor,
            fields=fields,
            requires_approval=needs_approval(fields.get("remarks")),
        )
        unmapped.extend(name for name in saved.unmapped if name not in unmapped)
    return Loaded(plan, len(rows), tuple(unmapped))
