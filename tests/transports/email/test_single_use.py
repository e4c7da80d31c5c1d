"""One link, two confirmations at the same moment (a double click, two devices): one acts, the
other is told the link was used, on SQLite and on PostgreSQL. And the settings e-mail needs."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.chat.replies import Action
from bot.registry import checked_settings
from bot.services.actor import Actor
from bot.transports.email.setup import action_links
from config import load_settings
from config.logs import redact
from config.settings import SettingsError
from storage.models import AuditEntry, Origin, UsedEmailLink
from tests.transports.email.conftest import Mailbox, Served, fetch, serve_email

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)


@pytest.fixture
def served_on_each(db_url: str, mailbox: Mailbox) -> Iterator[Served]:
    yield from serve_email(db_url, mailbox)


def _post(url: str, answers: list[int], start: threading.Barrier) -> None:
    start.wait()
    answers.append(fetch(url, b"text=")[0])


@pytest.mark.parametrize("posts", [2])
def test_two_confirmations_of_one_link_act_once(served_on_each: Served, posts: int) -> None:
    services = served_on_each.services
    services.teams.add("Udbud", CLI)
    frida = services.people.add("Frida", CLI, team="udbud", email="frida@kommune.dk").id
    services.plans.create("Plan", "udbud", CLI, language="en")
    activity = services.activities.add(
        "Plan", "Nyhed", CLI, fields={"when": "2 April 2027", "responsible": "Frida"}
    ).activity
    token = action_links(services).token(Action.DONE, str(activity.id), frida, "en")
    url = f"{served_on_each.base}/email/{token}"
    answers: list[int] = []
    start = threading.Barrier(posts)
    threads = [threading.Thread(target=_post, args=(url, answers, start)) for _ in range(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(answers) == [200] + [409] * (posts - 1)
    with services.context.sessions() as session:
        done = select(func.count()).where(AuditEntry.action == "activity.done")
        assert session.scalar(done) == 1
        assert session.scalar(select(func.count()).select_from(UsedEmailLink)) == 1


def test_the_smtp_url_is_a_secret_from_a_file_and_needs_a_sender_and_link_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "smtp-url"
    secret.write_text("smtps://mail%40kommune.dk:Hemmelig-1@mail.kommune.dk\n")
    monkeypatch.setenv("COMMPLAN_SMTP_URL_FILE", str(secret))
    settings = load_settings(
        COMMPLAN_MAIL_FROM="commplan@kommune.dk", COMMPLAN_LINK_SECRET="x" * 32
    )
    assert settings.smtp_url is not None and settings.email_enabled
    url = settings.smtp_url.get_secret_value()
    assert url.endswith("@mail.kommune.dk") and "Hemmelig-1" not in repr(settings)
    assert (
        redact(f"sending via {url} failed")
        == "sending via smtps://[redacted]@mail.kommune.dk failed"
    )
    assert settings.email_link_hours == 72
    with pytest.raises(SettingsError, match="COMMPLAN_MAIL_FROM: required"):
        checked_settings(COMMPLAN_LINK_SECRET="x" * 32)
    with pytest.raises(SettingsError, match="COMMPLAN_LINK_SECRET: required"):
        checked_settings(COMMPLAN_MAIL_FROM="commplan@kommune.dk")
    monkeypatch.delenv("COMMPLAN_SMTP_URL_FILE")
    with pytest.raises(SettingsError, match=r"COMMPLAN_SMTP_URL: .*smtp:// or smtps://"):
        load_settings(COMMPLAN_SMTP_URL="http://mail.kommune.dk")


def test_a_post_not_from_the_form_is_refused_and_changes_nothing(served_email: Served) -> None:
    services = served_email.services
    services.teams.add("Udbud", CLI)
    frida = services.people.add("Frida", CLI, team="udbud", email="frida@kommune.dk").id
    services.plans.create("Plan", "udbud", CLI, language="en")
    fields = {"when": "2 April 2027", "responsible": "Frida"}
    activity = services.activities.add("Plan", "Nyhed", CLI, fields=fields)
    token = action_links(services).token(Action.DONE, str(activity.activity.id), frida, "en")
    url = f"{served_email.base}/email/{token}"
    status, page = fetch(url, b"&".join([b"a=1"] * 10))
    assert status == 400 and "This link is not valid." in page
    with services.context.sessions() as session:
        assert session.scalar(select(func.count()).select_from(UsedEmailLink)) == 0
    assert services.activities.get(activity.activity.id).status != "done"
    assert fetch(url, b"text=")[0] == 200  # the link itself still works, once
    assert services.activities.get(activity.activity.id).status == "done"


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Origin": "https://evil.example"}, 403),
        ({"Origin": "null", "Sec-Fetch-Site": "cross-site"}, 403),
        # What Chromium sends from the link's own page (its Referrer-Policy is no-referrer).
        ({"Origin": "null", "Sec-Fetch-Site": "same-origin"}, 200),
        ({"Sec-Fetch-Site": "cross-site"}, 403),
        ({"Sec-Fetch-Site": "same-site", "Origin": "https://other.kommune.dk"}, 403),
        ({"Sec-Fetch-Site": "same-origin"}, 200),
        ({}, 200),  # a client that says nothing: the token alone decides, as before
    ],
)
def test_a_confirmation_from_another_site_is_refused(
    served_email: Served, headers: dict[str, str], status: int
) -> None:
    services = served_email.services
    services.teams.add("Udbud", CLI)
    frida = services.people.add("Frida", CLI, team="udbud", email="frida@kommune.dk").id
    services.plans.create("Plan", "udbud", CLI, language="en")
    activity = services.activities.add(
        "Plan", "Nyhed", CLI, fields={"when": "2 April 2027", "responsible": "Frida"}
    ).activity
    token = action_links(services).token(Action.DONE, str(activity.id), frida, "en")
    url = f"{served_email.base}/email/{token}"
    request = urllib.request.Request(url, data=b"text=", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            got, page = int(answer.status), answer.read().decode()
    except urllib.error.HTTPError as err:
        got, page = err.code, err.read().decode()
    assert got == status
    done = services.activities.get(activity.id).status == "done"
    assert done is (status == 200)
    if status == 403:
        assert "can only be confirmed from its own page" in page
        # Its own page's form (same origin) still works afterwards: nothing was used up.
        same = urllib.request.Request(url, data=b"text=", headers={"Origin": served_email.base})
        with urllib.request.urlopen(same, timeout=20) as answer:
            assert answer.status == 200
        assert services.activities.get(activity.id).status == "done"
