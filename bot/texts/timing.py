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
}
