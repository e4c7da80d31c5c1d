"""`commplan audiences ...`: the organisation's target groups ("audiences", since "team" names
people who share plans and "group" the steering groups)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import Format, print_json, print_table, say
from bot.texts import t

if TYPE_CHECKING:
    from bot.services.audiences import Relinked

app = typer.Typer(
    help="Audiences: the organisation's target groups, and the names plans give them.",
    no_args_is_help=True,
)

Language = Annotated[
    str | None,
    typer.Option("--language", help="The alias's language: da, sv or en (default: settings)."),
]


@app.command("list")
@gate.admin_only
def list_(fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE) -> None:
    """The audiences, their aliases and how many activities address each."""
    found = context.services().audiences.list()
    if fmt is Format.JSON:
        print_json([audience.as_json() for audience in found])
        return
    print_table(
        None,
        ["column.slug", "column.name", "column.aliases", "column.activities"],
        [
            (
                view.slug,
                view.name,
                ", ".join(f"{alias.name} ({alias.language})" for alias in view.aliases),
                view.activities,
            )
            for view in found
        ],
    )


@app.command("add")
@gate.by_service("administer")
def add(
    name: Annotated[str, typer.Argument(help="The audience's name, e.g. 'Medarbejdere'.")],
    language: Language = None,
    slug: Annotated[
        str | None, typer.Option(help="Short name used in commands (default: from the name).")
    ] = None,
) -> None:
    """Add an audience (the organisation's admin); its name is its first alias."""
    _said(context.services().audiences.add(name, actor(), language=language, slug=slug))


@app.command("seed")
@gate.by_service("administer")
def seed(fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE) -> None:
    """Merge the vocabulary commplan ships (Danish and Swedish public-sector audiences) into
    this database (the organisation's admin): adds the audiences and names missing, never
    renames an audience or moves a name there already."""
    done = context.services().audiences.seed(actor())
    if fmt is Format.JSON:
        print_json(done.as_json())
        return
    language = context.settings().language
    for kept_language, name, audience in done.kept:
        say(t("audience.seed_kept", language, name=name, language=kept_language, audience=audience))
    say(
        t(
            "audience.seeded",
            language,
            audiences=len(done.added),
            aliases=done.aliases,
            relinked=done.relinked,
        )
    )


@app.command("alias")
@gate.by_service("administer")
def alias(
    audience: Annotated[str, typer.Argument(help="The audience's short name.")],
    name: Annotated[str, typer.Argument(help="Another name for it: 'Alle medarbejdere'.")],
    language: Language = None,
) -> None:
    """Another name for an audience (the organisation's admin); activities are read anew."""
    _said(context.services().audiences.alias(audience, name, actor(), language=language))


@app.command("map")
@gate.by_service("change")
def map_(
    plan: Annotated[str, typer.Argument(help="The plan (name or #id).")],
    name: Annotated[str, typer.Argument(help="A target group the plan names, as written.")],
    audience: Annotated[str, typer.Argument(help="The audience it means (short name).")],
) -> None:
    """Say what a target group of your plan means (its owner or editors): an alias in the
    plan's language, for every plan from now on."""
    _said(context.services().audiences.map(plan, name, audience, actor()))


@app.command("budget")
@gate.by_service("administer")
def budget(
    audience: Annotated[str, typer.Argument(help="The audience's short name.")],
    channel: Annotated[str, typer.Argument(help="The channel as plans write it: 'Intranet'.")],
    per_week: Annotated[int, typer.Argument(help="At most this many a week (0: no budget).")],
) -> None:
    """At most so many activities a week on a channel to the audience, across all plans (the
    organisation's admin); more is an overlap."""
    view = context.services().audiences.budget(audience, channel, per_week, actor())
    for name, count in view.budgets:
        say(f"{view.slug}\t{name}\t{count}")


@app.command("unplaced")
@gate.by_service("read")
def unplaced(
    plan: Annotated[str, typer.Argument(help="The plan (name or #id).")],
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """The plan's target groups that mean no audience yet, with how many rows name each."""
    names = context.services().audiences.unplaced(plan, actor())
    if fmt is Format.JSON:
        print_json([{"name": name, "rows": rows} for name, rows in names.items()])
        return
    language = context.language()
    if not names:
        say(t("audience.none_unplaced", language, plan=plan))
        return
    print_table(None, ["column.target_group", "column.rows"], list(names.items()))
    say(t("audience.unplaced_how", language))


def _said(done: Relinked) -> None:
    view = done.audience
    text = t(
        "audience.relinked",
        context.language(),
        audience=view.slug,
        count=view.activities,
        relinked=done.relinked,
    )
    say(text)
