"""Feed and page tokens at rest: revision 0013 turns the tokens a 0012 database holds into
digests only, on SQLite and PostgreSQL, and the URLs made before keep working; a URL made
afterwards is shown once, and neither it nor its token is anywhere in the database."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from bot.services import Services
from bot.services.actor import Actor
from config import load_settings
from storage.database import make_engine
from storage.migrate import downgrade, upgrade
from storage.models import Origin
from tests.conftest import POSTGRES_URL
from tests.storage.test_chat_addresses import _empty_schema

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = "'2026-01-01 00:00:00'"
TEAM_TOKEN = "team-token-made-by-0012-aaaaaaaaaaaaaaaaaaaaaaaaaaa"
PERSON_TOKEN = "person-token-made-by-0012-bbbbbbbbbbbbbbbbbbbbbbbbb"
PAGE_TOKEN = "page-token-made-by-0012-ccccccccccccccccccccccccccc"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# A 0012 database as the old release left it: each token beside its digest.
ROWS_OLD = (
    "INSERT INTO teams (id, slug, name, feed_token, feed_token_hash, created_at) VALUES"
    f" (1, 'udbud', 'Udbud', '{TEAM_TOKEN}', '{_digest(TEAM_TOKEN)}', {NOW})",
    "INSERT INTO people (id, name, email, feed_token, feed_token_hash, active, weekly_digest,"
    f" is_admin, created_at) VALUES (7, 'Mette Holm', 'mette@kommune.dk', '{PERSON_TOKEN}',"
    f" '{_digest(PERSON_TOKEN)}', true, false, false, {NOW})",
    "INSERT INTO team_members (team_id, person_id, is_admin) VALUES (1, 7, true)",
    "INSERT INTO plans (id, team_id, name, owner_id, country, time_zone, language, status,"
    " visibility, view_token, view_token_hash, created_at, updated_at, changes) VALUES"
    f" (3, 1, 'Kommunikationsplan', 7, 'DK', 'Europe/Copenhagen', 'da', 'active', 'team',"
    f" '{PAGE_TOKEN}', '{_digest(PAGE_TOKEN)}', {NOW}, {NOW}, 0)",
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def at_0012(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
        engine = make_engine(url)
    else:
        request.getfixturevalue("postgres_migrated")  # skips without PostgreSQL
        assert POSTGRES_URL is not None
        url = POSTGRES_URL
        engine = make_engine(url)
        _empty_schema(engine)
    try:
        upgrade(engine, "0012")
        with engine.begin() as connection:
            for statement in ROWS_OLD:
                connection.execute(text(statement))
        yield url, engine
    finally:
        if request.param != "sqlite":
            _empty_schema(engine)
            upgrade(engine)
        engine.dispose()


def _dump(engine: Engine) -> str:
    """Every value of every table, as text: what a backup or a leak would hand out."""
    names = inspect(engine).get_table_names()
    with engine.connect() as connection:
        return "\n".join(
            repr(tuple(row))
            for name in names
            for row in connection.execute(text(f'SELECT * FROM "{name}"'))
        )


def test_0013_keeps_only_digests_and_old_urls_keep_working(at_0012: tuple[str, Engine]) -> None:
    url, engine = at_0012
    upgrade(engine)
    columns = {
        table: {c["name"] for c in inspect(engine).get_columns(table)}
        for table in ("teams", "people", "plans")
    }
    assert "feed_token" not in columns["teams"] | columns["people"]
    assert "view_token" not in columns["plans"]
    dump = _dump(engine)
    for token in (TEAM_TOKEN, PERSON_TOKEN, PAGE_TOKEN):
        assert token not in dump and _digest(token) in dump

    settings = load_settings(COMMPLAN_DATABASE_URL=url, COMMPLAN_LANGUAGE="en")
    services = Services.create(settings, engine)
    # The subscriptions made before the upgrade still open their feeds and the page.
    team_feed = services.feeds.open(TEAM_TOKEN)
    person_feed = services.feeds.open(PERSON_TOKEN)
    assert team_feed is not None and team_feed.body and "BEGIN:VCALENDAR" in team_feed.body
    assert person_feed is not None and person_feed.body
    page = services.pages.page(PAGE_TOKEN, {})
    assert page is not None
    assert services.feeds.open(TEAM_TOKEN[:-1] + "x") is None

    # Asked for again, an existing URL is not shown (it is not kept); rotating shows a new one
    # once, and the old one stops working.
    assert services.feeds.team_link("udbud", CLI).url is None
    assert services.feeds.person_link("#7", CLI).url is None
    assert services.pages.link("#3", CLI) is None
    rotated = services.feeds.rotate_team("udbud", CLI)
    assert rotated.url is not None and services.feeds.open(TEAM_TOKEN) is None
    new_token = rotated.url.rsplit("/", 1)[1].removesuffix(".ics")
    assert services.feeds.open(new_token) is not None
    page_url = services.pages.link("#3", CLI, rotate=True)
    assert page_url is not None and services.pages.page(PAGE_TOKEN, {}) is None
    page_token = page_url.rsplit("/", 1)[1]
    dump = _dump(engine)
    assert new_token not in dump and page_token not in dump
    assert _digest(new_token) in dump and _digest(page_token) in dump


def test_0013_goes_back_to_0012(at_0012: tuple[str, Engine]) -> None:
    _, engine = at_0012
    upgrade(engine)
    downgrade(engine, "0012")
    with engine.connect() as connection:
        team_token, team_digest = connection.execute(
            text("SELECT feed_token, feed_token_hash FROM teams")
        ).one()
        assert team_token and team_digest == _digest(team_token)  # the old release's shape
        assert connection.execute(text("SELECT feed_token FROM people")).scalar() is None
    upgrade(engine)  # and forward again
    assert "feed_token" not in {c["name"] for c in inspect(engine).get_columns("teams")}
