"""``GET /ical/{token}.ics``: the calendar feeds that Outlook, Google and Apple Calendar fetch."""

from __future__ import annotations

from email.utils import format_datetime

from fastapi import APIRouter, Request, Response

from bot.services.feeds import FeedService

CALENDAR = "text/calendar; charset=utf-8"


def feed_router(feeds: FeedService) -> APIRouter:
    router = APIRouter()

    # A plain (sync) endpoint: FastAPI runs it in its thread pool, beside the event loop.
    @router.api_route("/ical/{token}.ics", methods=["GET", "HEAD"])
    def calendar_feed(token: str, request: Request) -> Response:
        feed = feeds.open(token, request.headers.get("if-none-match"))
        if feed is None:
            # Nothing says whether the token ever existed.
            return Response(status_code=404, content="Not Found\n", media_type="text/plain")
        headers = {
            "ETag": feed.etag,
            # The URL is the credential: no shared cache may keep a copy.
            "Cache-Control": "private, no-cache",
            "Referrer-Policy": "no-referrer",
            "X-Robots-Tag": "noindex",
        }
        if feed.last_modified is not None:
            headers["Last-Modified"] = format_datetime(feed.last_modified, usegmt=True)
        if feed.body is None:
            return Response(status_code=304, headers=headers)
        headers["Content-Disposition"] = 'inline; filename="commplan.ics"'
        return Response(content=feed.body.encode("utf-8"), media_type=CALENDAR, headers=headers)

    return router
