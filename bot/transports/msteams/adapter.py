"""The Teams SDK's HTTP seam, onto commplan's own FastAPI app, with the tenant allow-list.

The SDK registers its messaging endpoint through an ``HttpServerAdapter``; this one puts it on
an ``APIRouter`` that ``commplan serve`` mounts beside /slack/events and the feeds, so one
process and one port serve everything.

Before any handler, in this order: the body is at most the registry's ``max_body`` for Teams (else
413, unread) and a JSON object (else 400); the Bot Framework token is validated with the SDK's own
validator and must carry an expiry (``exp``: PyJWT checks one only when it is there); then the
tenant must be on ``COMMPLAN_TEAMS_TENANTS`` (403): commplan holds one organisation's plans, and
another tenant's users must not reach them even with a valid app installation. The tenant is read
from the validated token when it names one (``tid``: Entra-issued tokens); the Bot Connector's own
tokens name none, and then the activity's tenant counts, which the valid token shows the Bot
Framework sent. The SDK validates the token again inside the handler."""

from __future__ import annotations

import json
import logging
from typing import Any

import jwt
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from microsoft_teams.api.auth.cloud_environment import CloudEnvironment
from microsoft_teams.apps.auth import InboundActivityTokenValidator
from microsoft_teams.apps.http.adapter import HttpMethod, HttpRouteHandler

from bot import registry
from storage.models import Surface

log = logging.getLogger(__name__)


def body_tenant(body: dict[str, Any]) -> str | None:
    """The Entra tenant an activity says it comes from, as Teams writes it (two places)."""
    conversation = body.get("conversation") or {}
    channel_data = body.get("channelData") or {}
    tenant = conversation.get("tenantId") or (channel_data.get("tenant") or {}).get("id")
    return str(tenant) if tenant else None


def tenant_of(body: dict[str, Any], claims: dict[str, Any] | None) -> str | None:
    """The tenant to check: the validated token's ``tid`` when it has one (an activity naming
    another tenant is then no one's: None), else the activity's."""
    said = body_tenant(body)
    signed = claims.get("tid") if claims else None
    if isinstance(signed, str) and signed:
        return signed if said in (None, signed) else None
    return said


def token_validator(
    app_id: str, cloud: CloudEnvironment | None = None
) -> InboundActivityTokenValidator:
    return InboundActivityTokenValidator(app_id, cloud=cloud)


class RouterAdapter:
    """An ``HttpServerAdapter`` whose routes live on a FastAPI router. ``validator`` is None
    only in tests that switch the SDK's validation off too (bot/transports/msteams/sdk.py)."""

    def __init__(
        self, tenants: frozenset[str], validator: InboundActivityTokenValidator | None
    ) -> None:
        self.router = APIRouter()
        self.tenants = tenants
        self.validator = validator

    async def claims(self, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
        """The validated token's claims; ``jwt.PyJWTError`` when there is none valid."""
        assert self.validator is not None
        authorization = headers.get("authorization", "")
        if not authorization.startswith("Bearer "):
            raise jwt.InvalidTokenError("no bearer token")
        service_url = body.get("serviceUrl")
        claims = await self.validator.validate_token(
            authorization.removeprefix("Bearer "),
            service_url if isinstance(service_url, str) else None,
        )
        if not isinstance(claims.get("exp"), int | float):
            raise jwt.MissingRequiredClaimError("exp")
        return claims

    def register_route(self, method: HttpMethod, path: str, handler: HttpRouteHandler) -> None:
        if method != "POST":
            raise ValueError(f"unsupported method {method}")

        async def endpoint(request: Request) -> Response:
            raw = await request.body()  # over the limit: 413 before it is read
            try:
                body = json.loads(raw)
            except ValueError:
                return Response(status_code=400)
            if not isinstance(body, dict):
                return Response(status_code=400)
            headers = dict(request.headers)
            claims: dict[str, Any] | None = None
            if self.validator is not None:
                try:
                    claims = await self.claims(headers, body)
                except (jwt.PyJWTError, ValueError) as err:
                    log.warning("teams: refused a request: %s", err)
                    return Response(status_code=401)
            tenant = tenant_of(body, claims)
            if self.tenants and tenant not in self.tenants:
                log.warning("teams: refused an activity from tenant %r", body_tenant(body))
                return Response(status_code=403)
            answer = await handler({"body": body, "headers": headers})
            content = answer.get("body")
            if content is None:
                return Response(status_code=answer["status"])
            return JSONResponse(content=content, status_code=answer["status"])

        self.router.add_api_route(
            path, endpoint, methods=["POST"], max_body_size=registry.spec(Surface.MSTEAMS).max_body
        )

    def serve_static(self, path: str, directory: str) -> None:
        raise NotImplementedError("commplan serves no static files through the Teams SDK")

    async def start(self, port: int) -> None:
        raise NotImplementedError("commplan serve runs the web server")

    async def stop(self) -> None:
        return None
