"""``GET /calendar/{token}`` and ``/calendar/{token}.png``: the organisation's communication
calendar (docs/coordination.md) behind a signed, expiring link, as a page and as a picture.

The token is a signed link (bot/web/signed_links.py, purpose "calendar") carrying whose reading
rights apply (a person, or none: the admin's link), how many weeks, which audience and until
when. Nothing is stored: the link is its own record, and the rights are looked up when it is
opened, so a person who loses a plan stops seeing it at once. A refused link is a 404 (not
ours, altered, its person gone) or a 410 (expired) with one line, and nothing else.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from bot.chat.overlaps import overlap_lines
from bot.pages.heat import SHADES, legend, level
from bot.pages.heatmap import HeatmapSection, fit, heatmap_png
from bot.services.calendar import (
    NO_AUDIENCE,
    CalendarLinkGrant,
    CalendarReader,
    CalendarRow,
    CalendarService,
    CalendarSheet,
)
from bot.services.context import Context
from bot.services.digests import parse_week
from bot.services.errors import ServiceError
from bot.texts import t
from bot.web.calendar_limits import MAX_DAYS
from bot.web.plan_page import _TEMPLATES
from bot.web.signed_links import LinkProblem, LinkRefused, LinkSigner
from config import Settings
from config.languages import Language
from storage.rules.overlaps import MAX_NAMED
from storage.types import utcnow

PURPOSE = "calendar"
HEADERS = {
    "Cache-Control": "no-store",  # a page of what people may read: no copy anywhere
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
}


@dataclass(frozen=True, slots=True)
class CalendarLink:
    """What an opened link shows (its signed payload)."""

    person_id: int | None
    weeks: int
    audience: str | None
    generation: int = 0  # its owner's link generation when made (0: made before there were)


class CalendarLinks:
    """Makes and reads the calendar's signed links."""

    def __init__(self, context: Context) -> None:
        self._signer = LinkSigner(context.settings, PURPOSE)
        self._context = context

    def token(self, grant: CalendarLinkGrant) -> str:
        return self._signer.sign(
            {
                "p": grant.person_id,
                "w": grant.weeks,
                "g": grant.audience,
                "e": int(grant.expires.timestamp()),
                "r": grant.generation,
            }
        )

    def url(self, grant: CalendarLinkGrant) -> str:
        return self._context.public_url(f"calendar/{self.token(grant)}")

    def read(self, token: str) -> CalendarLink:
        """The link's payload, or ``LinkRefused``: not ours, altered, or past its end."""
        value = self._signer.read(token, MAX_DAYS * 86_400)
        person, weeks, audience, ends = (value.get(k) for k in ("p", "w", "g", "e"))
        generation = value.get("r", 0)
        well_formed = (
            (person is None or type(person) is int)
            and type(weeks) is int
            and (audience is None or isinstance(audience, str))
            and type(ends) is int
            and type(generation) is int
        )
        if not well_formed:
            raise LinkRefused(LinkProblem.BAD)
        assert isinstance(weeks, int) and isinstance(ends, int) and isinstance(generation, int)
        if utcnow().timestamp() >= ends:
            raise LinkRefused(LinkProblem.EXPIRED)
        person_id = person if isinstance(person, int) else None
        return CalendarLink(person_id, weeks, audience, generation)


def _refused(problem: LinkProblem, language: Language) -> Response:
    if problem is LinkProblem.EXPIRED:
        return Response(t("calendar.link_expired", language) + "\n", 410, media_type="text/plain")
    return Response(t("calendar.link_bad", language) + "\n", 404, media_type="text/plain")


def week_labels(mondays: tuple[dt.date, ...], language: Language) -> list[tuple[str, str, str]]:
    """Per week: its heading ("Uge 53"), its Monday in words (the year on the first and when
    it changes: 2026-W53 is followed by 2027-W01) and its ISO name for links ("2026-W53")."""
    months = t("page.months", language).split(",")
    word = t("page.week", language)
    labels = []
    year = None
    for monday in mondays:
        iso_year, week, _ = monday.isocalendar()
        day = f"{monday.day} {months[monday.month - 1]}"
        if monday.year != year:
            day += f" {monday.year}"
            year = monday.year
        labels.append((f"{word} {week}", day, f"{iso_year}-W{week:02d}"))
    return labels


@dataclass(frozen=True, slots=True)
class HeatTable:
    """One heat-map table of the page: its rows with each cell's count and shade."""

    id: str
    caption: str
    label: str
    rows: list[tuple[str, list[tuple[int, int]], int]]  # name, (count, shade) per week, total
    legend: list[Any]


def _table(
    table_id: str, caption: str, label: str, rows: tuple[CalendarRow, ...], language: Language
) -> HeatTable:
    top = max((count for row in rows for count in row.counts), default=0)
    return HeatTable(
        table_id,
        caption,
        label,
        [
            (
                _name(row.name, language),
                [(count, level(count, top)) for count in row.counts],
                sum(row.counts),
            )
            for row in rows
        ],
        legend(top) if rows else [],
    )


def _name(name: str, language: Language) -> str:
    return t("calendar.no_audience", language) if name == NO_AUDIENCE else name


def _subtitle(sheet: CalendarSheet) -> str:
    language, names = sheet.language, sheet.view.week_names
    values = {"first": names[0], "last": names[-1]}
    text = (
        t("calendar.for_all", language, **values)
        if sheet.reader is None
        else t("calendar.for_person", language, name=sheet.reader, **values)
    )
    if sheet.audience is not None:
        text += " " + t("calendar.only_group", language, group=sheet.audience)
    return text


def render_calendar(sheet: CalendarSheet, *, overlap_days: int, picture: str) -> str:
    """The page's HTML; ``picture`` is the PNG's URL relative to the page."""
    language = sheet.language
    view = sheet.view
    weeks = len(view.weeks)
    shift = dt.timedelta(weeks=weeks)

    def iso(day: dt.date) -> str:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"

    overlaps = []
    for found in sheet.overlaps:
        # As an owner's notice: at most MAX_NAMED activities (the earliest), the rest counted.
        payload = found.as_json()  # what the page's reader may see of other plans
        payload["more"] = max(0, len(payload["activities"]) - MAX_NAMED)
        payload["activities"] = payload["activities"][:MAX_NAMED]
        lines = overlap_lines(payload, language, overlap_days)
        closing = t("calendar.intended", language) if found.intended else lines[-1]
        overlaps.append((lines[0], [line.strip() for line in lines[1:-1]], closing))
    return _TEMPLATES.get_template("calendar.html").render(
        language=language,
        subtitle=_subtitle(sheet),
        weeks=week_labels(view.weeks, language),
        tables=[
            _table(
                "by-audience",
                t("calendar.by_audience", language),
                t("calendar.audience", language),
                view.audiences,
                language,
            ),
            _table(
                "by-channel",
                t("calendar.by_channel", language),
                t("calendar.channel", language),
                view.channels,
                language,
            ),
        ],
        shades=SHADES,
        overlaps=overlaps,
        earlier=iso(view.weeks[0] - shift),
        later=iso(view.weeks[0] + shift),
        count=weeks,
        picture=picture,
        t=lambda key, **values: t(key, language, **values),
    )


def sheet_png(sheet: CalendarSheet) -> bytes:
    """The sheet's heat map as a PNG (the page's tables; the overlaps are the page's)."""
    language = sheet.language
    sections = []
    for heading, label, rows in (
        ("calendar.by_audience", "calendar.audience", sheet.view.audiences),
        ("calendar.by_channel", "calendar.channel", sheet.view.channels),
    ):
        kept, more = fit([(_name(row.name, language), row.counts) for row in rows])
        sections.append(
            HeatmapSection(
                t(heading, language),
                t(label, language),
                tuple(kept),
                t("digest.more", language, count=more) if more else "",
            )
        )
    return heatmap_png(
        t("calendar.title", language),
        _subtitle(sheet),
        [label for label, _, _ in week_labels(sheet.view.weeks, language)],
        sections,
        total=t("calendar.total", language),
        none=t("calendar.none", language),
    )


class PageCache:
    """The pages and pictures made per reader, kept by what they are made from
    (``CalendarService.stamp``: the plans the reader may read, every plan's change counter, the
    vocabulary, the intended overlaps, the day): a page opened again with nothing changed costs
    the stamp's few queries. An entry lives at most ``TTL`` seconds, since an activity's next
    deadline moved by the scheduler (a monthly activity's next month) does not move the plan's
    counter. Bounded (least recently used out first); per process, each replica its own."""

    TTL = 300.0
    SIZE = 256

    def __init__(self) -> None:
        self._kept: OrderedDict[Hashable, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            found = self._kept.get(key)
            if found is None or time.monotonic() - found[0] > self.TTL:
                self._kept.pop(key, None)
                return None
            self._kept.move_to_end(key)
            return found[1]

    def put(self, key: Hashable, content: bytes) -> None:
        with self._lock:
            self._kept[key] = (time.monotonic(), content)
            self._kept.move_to_end(key)
            while len(self._kept) > self.SIZE:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def calendar_page_router(
    calendar: CalendarService, settings: Settings, cache: PageCache | None = None
) -> APIRouter:
    router = APIRouter()
    links = CalendarLinks(calendar.context)
    kept = cache if cache is not None else PageCache()

    def made(
        token: str, request: Request, kind: str, make: Callable[[CalendarSheet], bytes]
    ) -> bytes | Response:
        """The page or picture of the opened link, from the cache when nothing it is made from
        changed."""
        try:
            link = links.read(token)
        except LinkRefused as refused:
            return _refused(refused.problem, settings.language)
        reader = calendar.reader(link.person_id)
        # A revoked link (its owner's generation moved on since) opens nothing: a 404.
        if reader is None or link.generation != reader.generation:
            return _refused(LinkProblem.BAD, settings.language)
        key = (kind, link, request.query_params.get("from"), calendar.stamp(reader))
        content = kept.get(key)
        if content is None:
            sheet = opened(link, reader, request, overlaps=kind == "page")
            if isinstance(sheet, Response):
                return sheet
            content = make(sheet)
            kept.put(key, content)
        return content

    def opened(
        link: CalendarLink, reader: CalendarReader, request: Request, *, overlaps: bool
    ) -> CalendarSheet | Response:
        first = None
        try:
            first = parse_week(request.query_params.get("from"), calendar.context.today())
        except ServiceError:
            first = None  # a week that is none: this week, as without one
        try:
            return calendar.sheet(
                reader, weeks=link.weeks, audience=link.audience, first=first, overlaps=overlaps
            )
        except ServiceError:
            return _refused(LinkProblem.BAD, settings.language)  # its audience was removed

    # The picture first: "/calendar/{token}" would take "….png" as a token too.
    @router.get("/calendar/{token}.png")
    def calendar_picture(token: str, request: Request) -> Response:
        content = made(token, request, "png", sheet_png)  # the picture has no overlaps
        if isinstance(content, Response):
            return content
        return Response(content, media_type="image/png", headers=HEADERS)

    @router.get("/calendar/{token}", response_class=HTMLResponse)
    def calendar_page(token: str, request: Request) -> Response:
        chosen = request.query_params.get("from")

        def page(sheet: CalendarSheet) -> bytes:
            # The picture of the same weeks (the week as parsed, never the request's own text).
            picture = f"{token}.png" + (f"?from={sheet.view.week_names[0]}" if chosen else "")
            days = settings.overlap_working_days
            return render_calendar(sheet, overlap_days=days, picture=picture).encode("utf-8")

        content = made(token, request, "page", page)
        if isinstance(content, Response):
            return content
        return HTMLResponse(
            content,
            headers={
                **HEADERS,
                # Nothing runs on the page: no scripts at all.
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                "img-src 'self'",
            },
        )

    return router
