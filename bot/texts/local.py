"""Times, dates, numbers and plurals as a reader reads them, through Babel (CLDR).

One reader is a language and a time zone: the person's zone, else the plan's, else the
organisation's (``zone_for``). What people read never carries seconds, microseconds or "UTC":
a moment is shown in the reader's zone the local way (``7. dec. 2026 kl. 05.05``,
``7 dec. 2026 kl. 05:05``, ``7 Dec 2026, 05:05``). Machine files (JSON, iCalendar, the CSV's
ISO column) keep ISO 8601 with the offset: ``machine_moment``.

English is British English here (day before month), as the organisations are Danish and Swedish.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import format_date, format_time, get_timezone_name
from babel.numbers import format_decimal

from bot.texts.catalog import LOCALES, Messages, t
from config.languages import Language

MESSAGES: Messages = {
    # A moment: the date, then the time of day, joined the way each language joins them.
    "time.moment": {
        "da": "{date} kl. {time}",
        "sv": "{date} kl. {time}",
        "en": "{date}, {time}",
    },
    # What an activity or a row without a date shows where its date would be.
    "time.no_date": {"da": "ingen dato", "sv": "inget datum", "en": "no date"},
    # A heading naming the zone the times under it are in: "Tidspunkt (Europe/Copenhagen)".
    "time.zone_heading": {
        "da": "{heading} ({zone})",
        "sv": "{heading} ({zone})",
        "en": "{heading} ({zone})",
    },
}


@cache
def _locale(language: Language) -> Locale:
    return Locale.parse(LOCALES[language])


def zone_for(*names: str | None, default: str = "UTC") -> ZoneInfo:
    """The first of ``names`` that is a known IANA zone (the person's, the plan's, the
    organisation's), else ``default``."""
    for name in names:
        if not name:
            continue
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return ZoneInfo(default)


def local_moment(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """``moment`` in ``zone``; a naive moment is UTC (how the database keeps them)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone)


def moment_text(moment: dt.datetime, language: Language, zone: ZoneInfo) -> str:
    """``7. dec. 2026 kl. 05.05`` (da), ``7 dec. 2026 kl. 05:05`` (sv), ``7 Dec 2026, 05:05``
    (en): in the reader's zone, to the minute."""
    local = local_moment(moment, zone)
    locale = _locale(language)
    return t(
        "time.moment",
        language,
        date=format_date(local.date(), "medium", locale=locale),
        time=format_time(local.time().replace(second=0, microsecond=0), "short", locale=locale),
    )


def date_text(day: dt.date, language: Language) -> str:
    """``7. dec. 2026`` (da), ``7 dec. 2026`` (sv), ``7 Dec 2026`` (en)."""
    return format_date(day, "medium", locale=_locale(language))


def long_date_text(day: dt.date, language: Language) -> str:
    """``7. december 2026`` (da), ``7 december 2026`` (sv), ``7 December 2026`` (en)."""
    return format_date(day, "long", locale=_locale(language))


def number_text(value: int | float | Decimal, language: Language) -> str:
    """``1.234,5`` (da), ``1 234,5`` (sv), ``1,234.5`` (en)."""
    return format_decimal(value, locale=_locale(language))


def plural_form(count: int, language: Language) -> str:
    """The CLDR plural category of ``count`` in ``language``: ``one`` or ``other`` (for the
    three languages commplan speaks, those two)."""
    return _locale(language).plural_form(abs(count))


def count_text(key: str, count: int, language: Language, /, **values: object) -> str:
    """The catalogue text ``key.one`` or ``key.other`` (by CLDR's plural rule for ``count``),
    with ``{count}`` filled in as a number in the reader's way: "1 aktivitet", "2 aktiviteter"."""
    form = plural_form(count, language)
    return t(f"{key}.{form}", language, count=number_text(count, language), **values)


def zone_name(zone: ZoneInfo, language: Language) -> str:
    """The zone as people know it ("Centraleuropæisk tid"); its IANA name where CLDR has none."""
    try:
        return str(get_timezone_name(zone, "long", locale=_locale(language)))
    except (LookupError, ValueError):
        return zone.key


def machine_moment(moment: dt.datetime, zone: dt.tzinfo) -> str:
    """ISO 8601 with the offset, to the second, in ``zone``: for files programs read."""
    return local_moment(moment, zone).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class Reader:
    """Who reads: their language and their zone. Every time, date and count they see is made
    here, so that every surface shows one the same way."""

    language: Language
    zone: ZoneInfo

    def moment(self, moment: dt.datetime) -> str:
        return moment_text(moment, self.language, self.zone)

    def day(self, day: dt.date | None) -> str:
        return t("time.no_date", self.language) if day is None else date_text(day, self.language)

    def long_day(self, day: dt.date | None) -> str:
        if day is None:
            return t("time.no_date", self.language)
        return long_date_text(day, self.language)

    def number(self, value: int | float | Decimal) -> str:
        return number_text(value, self.language)

    def count(self, key: str, count: int, /, **values: object) -> str:
        return count_text(key, count, self.language, **values)

    def value(self, value: object) -> str:
        """Any value a table or a file shows: a moment or a day read the local way, a number
        in the reader's way, a text as it is, nothing as empty."""
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            return self.moment(value)
        if isinstance(value, dt.date):
            return self.day(value)
        if isinstance(value, bool):
            return t("audit.yes" if value else "audit.no", self.language)
        if isinstance(value, int | float | Decimal):
            return self.number(value)
        return str(value)
