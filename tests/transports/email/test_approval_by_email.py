"""An approval request by e-mail, end to end: each decider gets the draft with Approve / Reject /
Request changes in their own language; a link decides through the same rules as a chat button
(four eyes, members only, each refusal in the audit log); Request changes takes its comment in
a form, confirmed in Chromium."""

from __future__ import annotations

import time_machine
from sqlalchemy import select

from bot.chat.replies import Action
from bot.cli.serve import make_tick
from bot.services.actor import Actor
from bot.transports.email.setup import action_links
from storage.models import AuditEntry, Origin
from tests.conftest import REPO
from tests.transports.email.conftest import Served, body_of, fetch, links_of, open_in_chromium

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
ARTIFACTS = REPO / "test-artifacts"


def _refusals(served: Served) -> list[tuple[str | None, str]]:
    with served.services.context.sessions() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "approval.refused")
        ).all()
        return [(row.surface_user, str((row.details or {}).get("reason"))) for row in rows]


def test_approval_by_email(served_email: Served) -> None:
    services = served_email.services
    services.teams.add("Udbud", CLI)
    ids = {}
    for name, locale in (("Rikke", "da"), ("Sofie", "en"), ("Carl", "sv"), ("Otto", "en")):
        ids[name] = services.people.add(
            name, CLI, team="udbud", email=f"{name.lower()}@kommune.dk", locale=locale
        ).id
    services.plans.create("Plan", "udbud", CLI, language="da")
    services.steering.create(
        "Styregruppen", "udbud", CLI, chair="Carl", rule="any", members=("Sofie", "Rikke")
    )
    services.steering.assign("Styregruppen", "Plan", CLI)
    activity = services.activities.add(
        "Plan", "Intranetartikel", CLI, fields={"when": "9. april 2027", "responsible": "Rikke"}
    ).activity
    rikke = Actor(Origin.CLI, ids["Rikke"], "Rikke")
    ARTIFACTS.mkdir(exist_ok=True)
    with time_machine.travel("2027-03-24T10:00:30+00:00", tick=True):
        request = services.approvals.request(activity.id, rikke, text="https://intranet/udkast")
        make_tick(services, served_email.notifier)()
        box = served_email.mailbox
        # The group has no chat channel: the waited-for member and the chair, each by e-mail;
        # not the requester, and not the outsider.
        assert {to for _, recipients, _ in box.received for to in recipients} == {
            "sofie@kommune.dk",
            "carl@kommune.dk",
        }
        [to_sofie] = box.messages("sofie@kommune.dk")
        [to_carl] = box.messages("carl@kommune.dk")
        assert to_carl["Content-Language"] == "sv" and "https://intranet/udkast" in body_of(
            to_carl, "plain"
        )
        assert set(links_of(to_carl)) == {"Godkänn", "Avslå", "Begär ändringar"}
        links = links_of(to_sofie)
        assert set(links) == {"Approve", "Reject", "Request changes"}

        # The same rules as chat: the requester may not decide (four eyes), an outsider not at
        # all; each attempt is refused in their language and logged, nothing decided.
        made = action_links(services)
        value = f"{request.id}:{request.version}"
        own = f"{served_email.base}/email/{made.token(Action.APPROVE, value, ids['Rikke'], 'da')}"
        status, page = fetch(own, b"text=")
        assert status == 200 and "fire øjne" in page
        other = made.token(Action.APPROVE, value, ids["Otto"], "en")
        status, page = fetch(f"{served_email.base}/email/{other}", b"text=")
        assert status == 200 and "you are not a member of the steering group" in page
        assert services.approvals.get(request.id).decisions == ()
        assert sorted(_refusals(served_email)) == [
            ("otto@kommune.dk", "not_member"),
            ("rikke@kommune.dk", "own_request"),
        ]

        # Request changes, with a comment typed in the page's form, in Chromium.
        [seen] = open_in_chromium(
            [
                {
                    "url": links["Request changes"],
                    "text": "Shorter, <please> & sooner",
                    "screenshot": str(ARTIFACTS / "email-request-changes.png"),
                }
            ]
        )
        assert seen["status"] == 200 and "Comment (optional)" in seen["text"]
        assert "Draft (v1): https://intranet/udkast" in seen["text"]
        assert seen["after"]["status"] == 200
        assert seen["violations"] == [] and seen["after"]["violations"] == []
        assert (ARTIFACTS / "email-request-changes.png").stat().st_size > 5_000
        decided = services.approvals.get(request.id)
        [decision] = decided.decisions
        assert decided.status == "changes_requested"
        assert (decision.person, decision.decision, decision.surface) == (
            "Sofie",
            "request_changes",
            "email",
        )
        assert decision.comment == "Shorter, <please> & sooner"
        # The chair's Approve, after the request closed: refused as in chat.
        status, page = fetch(links_of(to_carl)["Godkänn"], b"text=")
        assert status == 200 and "inte längre öppen" in page
