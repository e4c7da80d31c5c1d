"""Strings of timing: activities with no date, the import's notice of unreadable "when" cells,
and meeting calendars (docs/timing.md)."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "timing.no_date": {"da": "Uden dato", "sv": "Utan datum", "en": "No date"},
    "timing.unread.notice": {
        "da": "Importen af {plan} kunne ikke læse tidspunktet i {count} række(r); de står"
        " uden dato og får ingen påmindelser, til tidspunktet er rettet:",
        "sv": "Importen av {plan} kunde inte läsa tiden på {count} rad(er); de står utan"
        " datum och får inga påminnelser förrän tiden är rättad:",
        "en": "The import of {plan} could not read the timing of {count} row(s); they have no"
        " date and get no reminders until it is corrected:",
    },
    "timing.unread.row": {
        "da": "{table}, række {row}: {title}: \u201c{text}\u201d",
        "sv": "{table}, rad {row}: {title}: \u201d{text}\u201d",
        "en": "{table}, row {row}: {title}: \u201c{text}\u201d",
    },
    "timing.unread.more": {
        "da": "… og {count} række(r) mere",
        "sv": "… och {count} rad(er) till",
        "en": "… and {count} more row(s)",
    },
    "timing.unread.how": {
        "da": "Ret dem med: commplan activities move ID TID (fx uge 12 2027, hver måned,"
        " senest uge 12), eller i planens fil og importér den igen.",
        "sv": "Rätta dem med: commplan activities move ID TID (t.ex. vecka 12 2027, varje"
        " månad, senast vecka 12), eller i planens fil och importera den igen.",
        "en": "Correct them with: commplan activities move ID TIME (e.g. week 12 2027, every"
        " month, by week 12), or in the plan's file and import it again.",
    },
    "timing.meetings.notice": {
        "da": "{plan} har aktiviteter knyttet til møder, som commplan ikke kender datoerne for:"
        " {names}. Indtil møderne er tilføjet, er de “ved behov” og får ingen"
        " påmindelser.",
        "sv": "{plan} har aktiviteter knutna till möten som commplan inte känner datumen för:"
        " {names}. Tills mötena är tillagda är de ”vid behov” och får inga"
        " påminnelser.",
        "en": "{plan} has activities tied to meetings whose days commplan does not know:"
        " {names}. Until the meetings are added they are “on a trigger” and get no"
        " reminders.",
    },
    "timing.meetings.how": {
        "da": "Tilføj møderne: commplan meetings add ORGAN --dates 2027-03-04,2027-04-01 (eller"
        " --ical FIL-ELLER-URL) --alias NAVN",
        "sv": "Lägg till mötena: commplan meetings add ORGAN --dates 2027-03-04,2027-04-01"
        " (eller --ical FIL-ELLER-URL) --alias NAMN",
        "en": "Add the meetings: commplan meetings add BODY --dates 2027-03-04,2027-04-01 (or"
        " --ical FILE-OR-URL) --alias NAME",
    },
    "meeting.error.nothing": {
        "da": "Angiv møderne: --dates, --ical eller --alias",
        "sv": "Ange mötena: --dates, --ical eller --alias",
        "en": "Name the meetings: --dates, --ical or --alias",
    },
    "meeting.error.bad_date": {
        "da": "Det er ikke en dag: {text} (fx 2027-03-04 eller 4. marts 2027)",
        "sv": "Det är inte en dag: {text} (t.ex. 2027-03-04 eller 4 mars 2027)",
        "en": "That is not a day: {text} (e.g. 2027-03-04 or 4 March 2027)",
    },
    "meeting.error.no_file": {
        "da": "Filen findes ikke: {path}",
        "sv": "Filen finns inte: {path}",
        "en": "No such file: {path}",
    },
    "meeting.error.too_large": {
        "da": "Kalenderen er {size} byte; grænsen er {limit}",
        "sv": "Kalendern är {size} byte; gränsen är {limit}",
        "en": "The calendar is {size} bytes; the limit is {limit}",
    },
    "meeting.error.fetch": {
        "da": "Kalenderen kunne ikke hentes fra {url} ({error})",
        "sv": "Kalendern kunde inte hämtas från {url} ({error})",
        "en": "The calendar could not be fetched from {url} ({error})",
    },
    "meeting.error.unreadable_ical": {
        "da": "Det er ikke en iCalendar-fil (.ics)",
        "sv": "Det är inte en iCalendar-fil (.ics)",
        "en": "That is not an iCalendar file (.ics)",
    },
    "meeting.error.no_events": {
        "da": "Kalenderen har ingen møder (VEVENT)",
        "sv": "Kalendern har inga möten (VEVENT)",
        "en": "The calendar holds no meetings (VEVENT)",
    },
    "meeting.error.too_many": {
        "da": "Højst {limit} møder pr. organ",
        "sv": "Högst {limit} möten per organ",
        "en": "At most {limit} meetings a body",
    },
    "meeting.error.unknown_body": {
        "da": "Intet organ med møder hedder {name} (commplan meetings list)",
        "sv": "Inget organ med möten heter {name} (commplan meetings list)",
        "en": "No body with meetings is called {name} (commplan meetings list)",
    },
    "meeting.error.alias_taken": {
        "da": "Navnet {name} bruges allerede om {body}s møder",
        "sv": "Namnet {name} används redan om mötena i {body}",
        "en": "The name {name} already means the meetings of {body}",
    },
    "meeting.said": {
        "da": "{slug}\t{name}\t{count} møder:",
        "sv": "{slug}\t{name}\t{count} möten:",
        "en": "{slug}\t{name}\t{count} meetings:",
    },
    "meeting.said_aliases": {
        "da": "kaldenavne: {aliases}",
        "sv": "smeknamn: {aliases}",
        "en": "aliases: {aliases}",
    },
    "meeting.said_replanned": {
        "da": "aktiviteter dateret igen: {count}",
        "sv": "aktiviteter daterade på nytt: {count}",
        "en": "activities dated again: {count}",
    },
    "meeting.column.count": {"da": "møder", "sv": "möten", "en": "meetings"},
    "meeting.column.days": {"da": "de næste", "sv": "de närmaste", "en": "the next"},
}
