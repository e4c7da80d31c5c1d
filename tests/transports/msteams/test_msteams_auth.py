"""The messaging endpoint with the SDK's token validation on, as in production.

The Bot Framework signs each request's token with keys it publishes; here the keys are the
test's own (an RSA key served by the fake as the JWKS), so the SDK's real validation runs: the
right signature, issuer, audience, expiry and service URL are let in, anything else is 401 and
changes nothing. Then the tenant allow-list refuses another organisation (403).
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
import time_machine
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from microsoft_teams.api.auth.cloud_environment import PUBLIC

from bot.services import Services
from bot.services.actor import Actor
from storage.models import Origin, Surface
from tests.fakes.msteams_connector import FakeConnector
from tests.transports.msteams.conftest import START
from tests.transports.msteams.harness import APP_ID, TENANT, MsTeamsHarness, build

ISSUER = "https://api.botframework.com"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def guarded(msteams_services: Services, connector: FakeConnector) -> Iterator[MsTeamsHarness]:
    public = json.loads(RSAAlgorithm.to_jwk(KEY.public_key()))
    connector.jwks = {"keys": [public | {"kid": "commplan-test", "use": "sig", "alg": "RS256"}]}
    cloud = dataclasses.replace(
        PUBLIC, openid_metadata_url=f"{connector.url}v1/.well-known/openidconfiguration"
    )
    with time_machine.travel(START, tick=True):
        built = build(msteams_services, connector, authenticate=True, cloud=cloud)
        with built.client:
            yield built


def bearer(service_url: str, *, key: Any = KEY, **claims: Any) -> dict[str, str]:
    now = int(time.time())
    payload = {
        "iss": ISSUER,
        "aud": APP_ID,
        "serviceurl": service_url,
        "nbf": now - 60,
        "exp": now + 3600,
        **claims,
    }
    token = jwt.encode(payload, key, algorithm="RS256", headers={"kid": "commplan-test"})
    return {"Authorization": f"Bearer {token}"}


def test_a_request_signed_by_the_bot_framework_is_answered(guarded: MsTeamsHarness) -> None:
    guarded.services.teams.add("Udbud", Actor(Origin.CLI, None, "cli:test", admin=True))
    body = guarded.activity("29:anyone", type="message", text="help")
    response = guarded.post(body, bearer(guarded.fake.url))
    assert response.status_code == 200
    assert len(guarded.fake.posted("a:29:anyone")) == 1


@pytest.mark.parametrize(
    "forgery",
    [
        "no token",
        "not a bearer",
        "garbage",
        "another key",
        "wrong audience",
        "wrong issuer",
        "expired",
        "other service url",
    ],
)
def test_a_request_without_a_valid_token_is_401_and_changes_nothing(
    guarded: MsTeamsHarness, forgery: str
) -> None:
    url = guarded.fake.url
    headers: dict[str, str] = {
        "no token": {},
        "not a bearer": {"Authorization": "Basic dXNlcjpwYXNz"},
        "garbage": {"Authorization": "Bearer not.a.jwt"},
        "another key": bearer(url, key=OTHER_KEY),
        "wrong audience": bearer(url, aud="someone-elses-bot"),
        "wrong issuer": bearer(url, iss="https://evil.example"),
        "expired": bearer(url, exp=int(time.time()) - 3600, nbf=int(time.time()) - 7200),
        "other service url": bearer("https://smba.evil.example/"),
    }[forgery]
    guarded.fake.emails["29:mallory"] = "mallory@kommune.dk"
    body = guarded.activity("29:mallory", type="message", text="upcoming")
    response = guarded.post(body, headers)
    assert response.status_code == 401
    assert guarded.fake.calls == []
    assert guarded.services.people.by_chat_user(Surface.MSTEAMS, "aad-29:mallory") is None


def test_another_tenant_is_refused_even_with_a_valid_token(guarded: MsTeamsHarness) -> None:
    body = guarded.activity("29:outsider", type="message", text="help", tenant="other-tenant")
    response = guarded.post(body, bearer(guarded.fake.url))
    assert response.status_code == 403
    assert guarded.fake.calls == []


def test_the_tenant_a_token_names_counts_over_the_one_the_body_says(
    guarded: MsTeamsHarness,
) -> None:
    # The body names our tenant; the validated token was issued for another one.
    body = guarded.activity("29:outsider", type="message", text="help", tenant=TENANT)
    response = guarded.post(body, bearer(guarded.fake.url, tid="other-tenant"))
    assert response.status_code == 403
    assert guarded.fake.calls == []
    # The token's tenant is ours and the body agrees: answered.
    guarded.services.teams.add("Udbud", Actor(Origin.CLI, None, "cli:test", admin=True))
    body = guarded.activity("29:insider", type="message", text="help", tenant=TENANT)
    assert guarded.post(body, bearer(guarded.fake.url, tid=TENANT)).status_code == 200


def test_a_token_is_checked_before_the_tenant(guarded: MsTeamsHarness) -> None:
    # A forged request learns nothing of the allow-list: 401 whatever tenant it names.
    for tenant in (TENANT, "other-tenant"):
        body = guarded.activity("29:mallory", type="message", text="help", tenant=tenant)
        assert guarded.post(body, {"Authorization": "Bearer not.a.jwt"}).status_code == 401


def test_a_token_without_an_expiry_is_refused(guarded: MsTeamsHarness) -> None:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": APP_ID, "serviceurl": guarded.fake.url, "nbf": now - 60}
    token = jwt.encode(claims, KEY, algorithm="RS256", headers={"kid": "commplan-test"})
    body = guarded.activity("29:mallory", type="message", text="help")
    response = guarded.post(body, {"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert guarded.fake.calls == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"[1, 2]", 400),
        (b"{not json", 400),
        (b'{"type": "message", "text": "' + b"x" * 300_000 + b'"}', 413),
    ],
)
def test_a_body_that_is_no_activity_is_refused_before_any_handler(
    guarded: MsTeamsHarness, body: bytes, status: int
) -> None:
    response = guarded.client.post(
        "/api/messages",
        content=body,
        headers={"Content-Type": "application/json", **bearer(guarded.fake.url)},
    )
    assert response.status_code == status
    assert guarded.fake.calls == []
