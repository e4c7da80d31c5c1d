"""`commplan people ...`"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bot.cli import context, gate
from bot.cli.addresses import SurfaceOption, given, shown, surface_of
from bot.cli.context import actor
from bot.cli.output import Format, print_json, print_table, say
from bot.cli.teams import print_link
from bot.services.errors import Invalid
from bot.texts import t
from bot.texts.local import count_text
from storage.private_files import FileExists, write_private

app = typer.Typer(
    help="People: who is responsible, and the names plans use for them.", no_args_is_help=True
)

AliasOption = Annotated[
    list[str] | None,
    typer.Option("--alias", help="Another name the plans use: initials or a role. Repeatable."),
]


@app.command("add")
@gate.by_service("administer")
def add(
    name: Annotated[str, typer.Argument(help="Full name.")],
    email: Annotated[str | None, typer.Option(help="E-mail (used to find the chat user).")] = None,
    alias: AliasOption = None,
    surface: SurfaceOption = None,
    slack_user: Annotated[str | None, typer.Option(help="Slack user id (U...).")] = None,
    teams_user: Annotated[str | None, typer.Option(help="Teams user id.")] = None,
    locale: Annotated[str | None, typer.Option(help="da, sv or en.")] = None,
    time_zone: Annotated[str | None, typer.Option(help="IANA zone, e.g. Europe/Stockholm.")] = None,
    team: Annotated[str | None, typer.Option(help="Make the person a member of this team.")] = None,
) -> None:
    """Add a person."""
    from storage.models import Surface

    person = context.services().people.add(
        name,
        actor(),
        email=email,
        aliases=alias or [],
        addresses=given(surface, {Surface.SLACK: slack_user, Surface.MSTEAMS: teams_user}),
        locale=locale,
        time_zone=time_zone,
        team=team,
    )
    say(f"#{person.id}\t{person.name}")


@app.command("link")
@gate.by_service("administer")
def link(
    who: Annotated[str, typer.Argument(help="The person: a name, alias, e-mail or #id.")],
    alias: AliasOption = None,
    email: Annotated[str | None, typer.Option()] = None,
    surface: SurfaceOption = None,
    slack_user: Annotated[str | None, typer.Option()] = None,
    teams_user: Annotated[str | None, typer.Option()] = None,
    team: Annotated[str | None, typer.Option(help="Add the person to this team.")] = None,
) -> None:
    """Attach aliases ("FC"), an e-mail, chat user ids or a team to a person."""
    from storage.models import Surface

    person = context.services().people.link(
        who,
        actor(),
        aliases=alias or [],
        email=email,
        addresses=given(surface, {Surface.SLACK: slack_user, Surface.MSTEAMS: teams_user}),
        team=team,
    )
    say(f"#{person.id}\t{person.name}\t{', '.join(person.aliases)}")


@app.command("prefer")
@gate.by_service("self")
def prefer(
    who: Annotated[str, typer.Argument(help="The person: a name, alias, e-mail or #id.")],
    surface: Annotated[str, typer.Argument(help="slack, teams or email.")],
) -> None:
    """Where a person reachable on more than one surface gets each reminder (once)."""
    chosen = surface_of(surface)
    person = context.services().people.prefer(who, chosen, actor())
    say(f"#{person.id}\t{person.name}\t{chosen.word}")


@app.command("link-slack")
@gate.admin_only
def link_slack() -> None:
    """Link people who have an e-mail to their Slack user (users.lookupByEmail)."""
    from bot.transports.slack.directory import email_lookup
    from bot.transports.slack.notifier import slack_client
    from storage.models import Surface

    services = context.services()
    settings = services.context.settings
    if not settings.slack_enabled:
        raise Invalid("error.no_slack")
    lookup = email_lookup(slack_client(settings))
    for name in services.people.link_by_email(Surface.SLACK, lookup, actor()):
        say(name)


@app.command("digest")
@gate.by_service("self")
def digest(
    who: Annotated[str, typer.Argument(help="The person: a name, alias, e-mail or #id.")],
    on: Annotated[bool, typer.Option("--on/--off", help="A Monday message with their week.")],
) -> None:
    """Opt a person in to (or out of) the personal weekly digest."""
    person = context.services().people.set_weekly_digest(who, on, actor())
    switch = t("cli.on" if on else "cli.off", context.language())
    say(t("cli.linked", context.language(), id=person.id, name=person.name, what=switch))


@app.command("list")
@gate.admin_only
def list_(fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE) -> None:
    """List people and their aliases."""
    people = context.services().people.list()
    if fmt is Format.JSON:
        print_json([person.as_json() for person in people])
        return
    print_table(
        None,
        ["column.id", "column.name", "column.aliases", "column.email", "column.chat"],
        [(f"#{p.id}", p.name, ", ".join(p.aliases), p.email, shown(p.addresses)) for p in people],
    )


@app.command("feed")
@gate.by_service("self")
def feed(
    who: Annotated[str, typer.Argument(help="The person: a name, alias, e-mail or #id.")],
    rotate: Annotated[
        bool, typer.Option("--rotate", help="A new secret URL; the old one stops working.")
    ] = False,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """The person's own calendar feed URL (made the first time it is asked for)."""
    print_link(context.services().feeds.person_link(who, actor(), rotate=rotate), fmt)


class PersonDataFormat(StrEnum):
    JSON = "json"
    ZIP = "zip"


@app.command("export")
@gate.by_service("self")
def export(
    who: Annotated[str, typer.Argument(help="The person: a name, alias, e-mail or #id.")],
    fmt: Annotated[PersonDataFormat, typer.Option("--format")] = PersonDataFormat.JSON,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file (zip: required).")
    ] = None,
) -> None:
    """Everything commplan holds about a person (GDPR art. 15 and 20), as JSON or a zip."""
    if fmt is PersonDataFormat.ZIP and output is None:
        raise Invalid("people.zip_needs_file")
    result = context.services().personal_data.export(who, actor(), fmt=fmt.value)
    if output is None:
        print_json(result.as_json())
        return
    if fmt is PersonDataFormat.ZIP:
        content = result.as_zip()
    else:
        content = (json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n").encode()
    try:
        # Personal data: a new 0600 file, never through a link planted at the name.
        write_private(output, content)
    except FileExists:
        raise Invalid("db.backup_exists", path=str(output)) from None
    say(t("cli.written", context.language(), path=output))


@app.command("forget")
@gate.by_service("administer")
def forget(
    who: Annotated[str, typer.Argument(help="The person: a name, alias, e-mail or #id.")],
    reassign_to: Annotated[
        str | None,
        typer.Option("--reassign-to", help="Who takes over open activities, plans and chairs."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """Erase a person (GDPR art. 17): their decisions stay on record under a pseudonym."""
    result = context.services().personal_data.forget(who, actor(), reassign_to=reassign_to)
    if fmt is Format.JSON:
        print_json(result.as_json())
        return
    language = context.language()
    pseudonym = result.forgotten.pseudonym
    say(t("cli.forgotten", language, id=result.person_id, pseudonym=pseudonym))
    # People read how many rows; which tables (their names are code) --format json says.
    for what, counts in (
        ("deleted", result.forgotten.deleted),
        ("cleared", result.forgotten.cleared),
        ("kept", result.forgotten.kept),
        ("rewritten", result.forgotten.rewritten),
    ):
        if counts:
            rows = count_text("count.rows", sum(counts.values()), language)
            say(t(f"forget.{what}", language, rows=rows))
    # The record's texts kept as the law keeps them that still name the person, by row id.
    for column, ids in result.forgotten.kept_texts.items():
        where = f"{column} " + ", ".join(f"#{i}" for i in ids)
        say(t("forget.kept_texts", language, where=where))
    say(t("forget.details", language))
