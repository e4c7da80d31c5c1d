"""The Teams SDK's HTTP seam, onto commplan's own FastAPI app, with the tenant allow-list.

The SDK registers its messaging endpoint through an ``HttpServerAdapter``; this one puts it on
an ``APIRouter`` that ``commplan serve`` mounts beside /slack/events and the feeds, so one
process and one port serve everything. The SDK checks the Bot Framework token inside the
handler; before it, an activity from a tenant that is not on ``COMMPLAN_TEAMS_TENANTS`` is
refused (403): commplan holds one organisation's plans, and another tenant's users must not
reach them even with a valid app installation.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from microsoft_teams.apps.http.adapter import HttpMethod, HttpRouteHandler

from bot.web.edge import TEAMS_MAX_BODY

log = logging.getLogger(__name__)


def tenant_of(body: dict[str, Any]) -> str | None:
    """The Entra tenant an activity comes from, as Teams writes it (two places)."""
    conversation = body.get("conversation") or {}
    channel_data = body.get("channelData") or {}
    tenant = conversation.get("tenantId") or (channel_data.get("tenant") or {}).get("id")
    return str(tenant) if tenant else None


class RouterAdapter:
    """An ``HttpServerAdapter`` whose routes live on a FastAPI router."""

    def __init__(self, tenants: frozenset[str]) -> None:
        self.router = APIRouter()
        self.tenants = tenants

    def register_route(self, method: HttpMethod, path: str, handler: HttpRouteHandler) -> None:
        if method != "POST":
            raise ValueError(f"unsupported method {method}")

        async def endpoint(request: Request) -> Response:
            raw = await request.body()  # over TEAMS_MAX_BODY: 413 before it is read
            try:
                body = json.loads(raw)
            except ValueError:
                return Response(status_code=400)
            if not isinstance(body, dict):
                return Response(status_code=400)
            headers = dict(request.headers)
            authorised = headers.get("authorization", "").startswith("Bearer ")
            # Without a token the SDK answers 401 whatever the tenant; with one, the tenant is
            # checked first so no other organisation's activity reaches a handler.
            if authorised and self.tenants and tenant_of(body) not in self.tenants:
                log.warning("teams: refused an activity from tenant %r", tenant_of(body))
                return Response(status_code=403)
            answer = await handler({"body": body, "headers": headers})
            content = answer.get("body")
            if content is None:
                return Response(status_code=answer["status"])
            return JSONResponse(content=content, status_code=answer["status"])

        self.router.add_api_route(path, endpoint, methods=["POST"], max_body_size=TEAMS_MAX_BODY)

    def serve_static(self, path: str, directory: str) -> None:
        raise NotImplementedError("commplan serves no static files through the Teams SDK")

    async def start(self, port: int) -> None:
        raise NotImplementedError("commplan serve runs the web server")

    async def stop(self) -> None:
        return None
