"""Every notifier as the contract suites drive it: commplan's services on a real database, the
notifier as `serve` builds it, and the surface's service faked where commplan reaches it (the
fake Slack Web API and Teams Bot Connector of tests/fakes/, a real SMTP server with aiosmtpd,
the console's stream, the test-only surface's board). The same world on each: a plan in
English with an activity due, a person reachable on the surface and one who is not.

As APScheduler tests every data store: each contract test takes the ``rig`` fixture, which is
parametrized over the surfaces (tests/transports/contract/conftest.py).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from bot import registry
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.console.notifier import ConsoleNotifier
from bot.transports.email.setup import email_notifier
from bot.transports.msteams.notifier import MsTeamsNotifier
from bot.transports.msteams.sdk import msteams_app
from bot.transports.msteams.sender import MsTeamsSender
from bot.transports.slack.notifier import SlackNotifier, slack_client
from config import load_settings
from scheduler.notifier import Notifier
from storage.database import make_engine
from storage.models import Origin, Surface
from tests.fakes.msteams_connector import FakeConnector
from tests.fakes.slack_api import FakeSlack
from tests.transports.contract.toy import SPEC as TOY_SPEC
from tests.transports.contract.toy import TOY
from tests.transports.contract.toy.board import BOARD
from tests.transports.email.conftest import Mailbox, body_of, smtp_server
from tests.transports.msteams.harness import APP_ID, TENANT, TOKEN, token_source

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
TIMEOUT = 5.0  # one call to the surface's service, at most


@dataclass
class Rig:
    """One surface's notifier and what its reader sees."""

    name: str
    services: Services
    notifier: Notifier
    sent: Callable[[], list[str]]  # the messages the reachable person sees, as text
    leased: bool = True  # posts only inside the claim's lease
    removable: bool = False  # a message posted can be taken back
    rewrites: bool = True  # a channel-message update is its concern (not the console's)
    reader: int = 0  # a person reachable on the surface
    unreachable: int | None = None  # a person who is not (None: everyone is: the console)
    activity: int = 0
    plan: int = 0
    # Make the service answer the next N posts with HTTP 429 and this Retry-After, posting
    # nothing; None where the surface has no rate limit (mail, print, the toy).
    rate_limit: Callable[[int, str], None] | None = None
    rate_limited: Callable[[], int] = lambda: 0  # how many 429s the service answered

    def has(self, need: str) -> bool:
        """Whether the built rig does ``need`` (the names of ``LACKS``)."""
        return {
            "lease": self.leased,
            "unreachable": self.unreachable is not None,
            "rewrites": self.rewrites,
            "rate_limit": self.rate_limit is not None,
        }[need]


def world(services: Services, reach: dict[str, Any]) -> tuple[int, int | None, int, int]:
    """A team, Frida (reachable by ``reach``: people.add's arguments) and Bo (not), the plan
    in English, owned by Bo (who would be told of a failure), and Frida's activity; their ids:
    (Frida, Bo, activity, plan)."""
    services.teams.add("Udbud", CLI)
    frida = services.people.add("Frida", CLI, team="udbud", **reach)
    bo = services.people.add("Bo", CLI, team="udbud")
    services.plans.create("Plan", "udbud", CLI, language="en", owner="Bo")
    added = services.activities.add(
        "Plan", "Pressemeddelelse", CLI, fields={"when": "2 April 2027", "responsible": "Frida"}
    )
    plan = services.plans.get("Plan").id
    return frida.id, bo.id, added.activity.id, plan


def settings_on(url: str, **more: str) -> Any:
    return load_settings(
        COMMPLAN_DATABASE_URL=url,
        COMMPLAN_LANGUAGE="en",
        COMMPLAN_TIMEZONE="Europe/Copenhagen",
        COMMPLAN_PUBLIC_URL="https://commplan.example.dk",
        **more,
    )


@contextmanager
def services_on(url: str, **more: str) -> Iterator[Services]:
    engine = make_engine(url)
    try:
        yield Services.create(settings_on(url, **more), engine)
    finally:
        engine.dispose()


@contextmanager
def console(url: str) -> Iterator[Rig]:
    stream = io.StringIO()
    with services_on(url) as services:
        frida, _, activity, plan = world(services, {})

        def sent() -> list[str]:
            return re.split(r"^--- to .*$", stream.getvalue(), flags=re.M)[1:]

        notifier = ConsoleNotifier(services, stream)
        yield Rig(
            "console",
            services,
            notifier,
            sent,
            leased=False,
            rewrites=False,
            reader=frida,
            activity=activity,
            plan=plan,
        )


@contextmanager
def slack(url: str) -> Iterator[Rig]:
    fake = FakeSlack().start()
    more = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "COMMPLAN_SLACK_API_URL": fake.url,
    }
    try:
        with services_on(url, **more) as services:
            frida, bo, activity, plan = world(services, {"addresses": {Surface.SLACK: "UF"}})
            notifier = SlackNotifier(services, slack_client(services.context.settings, TIMEOUT))

            def sent() -> list[str]:
                return [m.text for m in fake.posted if m.channel == "DUF" and not m.deleted]

            def limit(count: int, retry_after: str) -> None:
                fake.limit_next, fake.retry_after = count, retry_after

            yield Rig(
                "slack",
                services,
                notifier,
                sent,
                removable=True,
                reader=frida,
                unreachable=bo,
                activity=activity,
                plan=plan,
                rate_limit=limit,
                rate_limited=lambda: fake.rate_limited,
            )
    finally:
        fake.stop()


@contextmanager
def msteams(url: str) -> Iterator[Rig]:
    connector = FakeConnector(TOKEN).start()
    more = {
        "TEAMS_APP_ID": APP_ID,
        "TEAMS_APP_PASSWORD": "not-used-the-tests-give-a-token",
        "TEAMS_TENANT_ID": TENANT,
        "COMMPLAN_TEAMS_SERVICE_URL": connector.url,
    }
    with ExitStack() as stack:
        stack.callback(connector.stop)
        services = stack.enter_context(services_on(url, **more))
        reach = {"addresses": {Surface.MSTEAMS: "aad-frida"}}
        frida, bo, activity, plan = world(services, reach)
        # Frida wrote to the app once: her personal chat is kept, reminders go there.
        actor = Actor(Origin.MSTEAMS, None, "Frida", surface_user="aad-frida")
        services.people.chat_contact(
            Surface.MSTEAMS,
            "aad-frida",
            None,
            actor,
            conversation="a:29:frida",
            route=connector.url,
            tenant=TENANT,
        )
        sender = MsTeamsSender(msteams_app(services.context.settings, token=token_source), TIMEOUT)
        stack.callback(sender.close)

        def sent() -> list[str]:
            return [
                str(call.body.get("text") or call.cards) for call in connector.visible("a:29:frida")
            ]

        given = [0]  # 429s the connector was told to answer

        def limit(count: int, retry_after: str) -> None:
            given[0] += count
            connector.limit_next, connector.retry_after = count, retry_after

        yield Rig(
            "msteams",
            services,
            MsTeamsNotifier(services, sender),
            sent,
            removable=True,
            reader=frida,
            unreachable=bo,
            activity=activity,
            plan=plan,
            rate_limit=limit,
            rate_limited=lambda: given[0] - connector.limit_next,
        )


@contextmanager
def email(url: str) -> Iterator[Rig]:
    with ExitStack() as stack:
        box = stack.enter_context(smtp_server(Mailbox()))
        more = {
            "COMMPLAN_SMTP_URL": f"smtp://127.0.0.1:{box.port}",
            "COMMPLAN_MAIL_FROM": "commplan@kommune.dk",
            "COMMPLAN_LINK_SECRET": "the-contract-link-secret",
        }
        services = stack.enter_context(services_on(url, **more))
        frida, bo, activity, plan = world(services, {"email": "frida@kommune.dk"})
        notifier = email_notifier(services, TIMEOUT)
        stack.callback(notifier.sender.close)

        def sent() -> list[str]:
            return [body_of(m, "plain") for m in box.messages("frida@kommune.dk")]

        yield Rig(
            "email",
            services,
            notifier,
            sent,
            reader=frida,
            unreachable=bo,
            activity=activity,
            plan=plan,
        )


@contextmanager
def toy(url: str) -> Iterator[Rig]:
    remove = registry.add(TOY_SPEC)  # the one line that makes the folder a surface
    try:
        with services_on(url) as services:
            frida, bo, activity, plan = world(services, {"addresses": {TOY: "toy-frida"}})
            notifier = TOY_SPEC.build_notifier(services, TIMEOUT)
            BOARD.messages.clear()
            yield Rig(
                "toy",
                services,
                notifier,
                lambda: BOARD.texts("toy-frida"),
                removable=True,
                reader=frida,
                unreachable=bo,
                activity=activity,
                plan=plan,
            )
    finally:
        remove()


RIGS: dict[str, Callable[[str], Any]] = {
    "console": console,
    "slack": slack,
    "msteams": msteams,
    "email": email,
    "toy": toy,
}

# What a surface's notifier does not do, so the tests of it are not made for that surface
# (rather than made and skipped): the console prints (no lease, no channel message to rewrite,
# everyone reachable), mail and the toy have no rate limit. `Rig.has` checks the built rig
# agrees, so this table cannot drift from the rigs.
LACKS: dict[str, frozenset[str]] = {
    "console": frozenset({"lease", "unreachable", "rewrites", "rate_limit"}),
    "email": frozenset({"rate_limit"}),
    "toy": frozenset({"rate_limit"}),
}


NEEDS = ("lease", "unreachable", "rewrites", "rate_limit")


def rigs_with(*needs: str) -> list[str]:
    """The rigs whose surface does all of ``needs``."""
    return [name for name in RIGS if not LACKS.get(name, frozenset()) & set(needs)]


# Every surface of the registry has its rig (a new entry without one fails here), besides the
# console and the test-only surface.
assert {spec.surface.name.lower() for spec in registry.SURFACES} <= set(RIGS), (
    "a registered surface has no rig in tests/transports/contract/rigs.py"
)
