"""Strings only Microsoft Teams shows: the labels of card inputs, and what a card cannot hold."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "msteams.input.draft": {
        "da": "Udkast: teksten eller et link",
        "sv": "Utkast: texten eller en länk",
        "en": "Draft: the text or a link",
    },
    "msteams.input.comment": {
        "da": "Kommentar (valgfri)",
        "sv": "Kommentar (valfri)",
        "en": "Comment (optional)",
    },
    "msteams.input.note": {
        "da": "Note (valgfri)",
        "sv": "Notering (valfri)",
        "en": "Note (optional)",
    },
    "msteams.input.when": {
        "da": "Hvornår",
        "sv": "När",
        "en": "When",
    },
    "msteams.input.responsible": {
        "da": "Ansvarlig",
        "sv": "Ansvarig",
        "en": "Responsible",
    },
    "msteams.input.channel": {
        "da": "Kanal",
        "sv": "Kanal",
        "en": "Channel",
    },
    "msteams.input.required": {
        "da": "Skriv udkastet eller indsæt et link.",
        "sv": "Skriv utkastet eller klistra in en länk.",
        "en": "Write the draft or paste a link.",
    },
    "msteams.send": {"da": "Send", "sv": "Skicka", "en": "Send"},
    "msteams.save": {"da": "Gem", "sv": "Spara", "en": "Save"},
    "msteams.more": {
        "da": "… og {count} til (se planens side).",
        "sv": "… och {count} till (se planens sida).",
        "en": "… and {count} more (see the plan's page).",
    },
    "msteams.unmapped": {
        "da": "Ikke koblet til en person: {names}. Kobl dem med commplan people link.",
        "sv": "Inte kopplade till en person: {names}. Koppla dem med commplan people link.",
        "en": "Not linked to a person: {names}. Link them with commplan people link.",
    },
    "msteams.welcome": {
        "da": "Hej! Jeg minder dig om dine aktiviteter i kommunikationsplanen. Skriv help.",
        "sv": "Hej! Jag påminner dig om dina aktiviteter i kommunikationsplanen. Skriv help.",
        "en": "Hello! I remind you of your activities in the communication plan. Type help.",
    },
}
