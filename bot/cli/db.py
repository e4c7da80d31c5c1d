"""`commplan db ...`"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli import context, gate
from bot.cli.output import say
from bot.services.errors import Invalid
from bot.texts import t
from bot.texts.local import number_text

app = typer.Typer(help="The database.", no_args_is_help=True)


@app.command("upgrade")
@gate.admin_only
def upgrade() -> None:
    """Apply the schema migrations (also done on every `serve`)."""
    from storage.database import check_connection, make_engine, safe_url
    from storage.migrate import upgrade as apply_migrations

    settings = context.settings()
    engine = make_engine(settings.database_url)
    try:
        check_connection(engine)
        apply_migrations(engine, language=settings.language)
    finally:
        engine.dispose()
    say(t("cli.database_current", settings.language, url=safe_url(settings.database_url)))


@app.command("backup")
@gate.admin_only
def backup(
    file: Annotated[Path, typer.Argument(help="The backup file to write (must not exist).")],
) -> None:
    """A consistent copy of the database, safe while commplan serves and sends.

    SQLite: the online backup API, one snapshot. PostgreSQL: pg_dump --format=custom.
    """
    from storage.backup import BackupError
    from storage.backup import backup as make_backup
    from storage.database import check_connection, make_engine

    settings = context.settings()
    engine = make_engine(settings.database_url)
    check_connection(engine)
    try:
        info = make_backup(engine, file)
    except BackupError as err:
        raise Invalid(err.key, **err.values) from None
    finally:
        engine.dispose()
    language = settings.language
    size = t("size.bytes", language, count=number_text(info.size, language))
    say(t("cli.backup_written", language, path=info.path, size=size, revision=info.revision))


@app.command("restore")
@gate.admin_only
def restore(
    file: Annotated[Path, typer.Argument(help="A file `commplan db backup` wrote.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace a database that already holds data.")
    ] = False,
) -> None:
    """Load a backup into the configured database, then migrate it to this release.

    Stop `commplan serve` first (on SQLite it is refused while one runs).
    """
    from scheduler.single_runner import SingleRunnerLock, sqlite_file
    from storage.backup import BackupError
    from storage.backup import restore as load_backup
    from storage.database import check_connection, make_engine, safe_url
    from storage.migrate import upgrade as apply_migrations

    settings = context.settings()
    engine = make_engine(settings.database_url)
    check_connection(engine)
    database = sqlite_file(engine)
    lock = SingleRunnerLock(database) if database is not None else None
    if lock is not None:
        lock.acquire()  # SchedulerRefused while `commplan serve` holds the file
    try:
        load_backup(engine, file, force=force)
        apply_migrations(engine, language=settings.language)
    except BackupError as err:
        raise Invalid(err.key, **err.values) from None
    finally:
        if lock is not None:
            lock.release()
        engine.dispose()
    say(t("cli.restored", settings.language, file=file, url=safe_url(settings.database_url)))
