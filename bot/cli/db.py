"""`commplan db ...`"""

from __future__ import annotations

import typer

from bot.cli import context
from bot.cli.output import say
from storage.database import check_connection, make_engine, safe_url
from storage.migrate import upgrade as apply_migrations

app = typer.Typer(help="The database.", no_args_is_help=True)


@app.command("upgrade")
def upgrade() -> None:
    """Apply the schema migrations (also done on every `serve`)."""
    settings = context.settings()
    engine = make_engine(settings.database_url)
    check_connection(engine)
    apply_migrations(engine)
    say(f"database is current: {safe_url(settings.database_url)}")
