"""Strings only Microsoft Teams shows: the labels of card inputs, and what a card cannot hold."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "teams.input.draft": {
        "da": "Udkast: teksten eller et link",
        "sv": "Utkast: texten eller en länk",
        "en": "Draft: the text or a link",
    },
    "teams.input.comment": {
        "da": "Kommentar (valgfri)",
        "sv": "Kommentar (valfri)",
        "en": "Comment (optional)",
    },
    "teams.input.note": {
        "da": "Note (valgfri)",
        "sv": "Notering (valfri)",
        "en": "Note (optional)",
    },
    "teams.input.when": {
        "da": "Hvornår",
        "sv": "När",
        "en": "When",
    },
    "teams.input.responsible": {
        "da": "Ansvarlig",
        "sv": "Ansvarig",
        "en": "Responsible",
    },
    "teams.input.channel": {
        "da": "Kanal",
        "sv": "Kanal",
        "en": "Channel",
    },
    "teams.input.required": {
        "da": "Skriv udkastet eller indsæt et link.",
        "sv": "Skriv utkastet eller klistra in en länk.",
        "en": "Write the draft or paste a link.",
    },
    "teams.send": {"da": "Send", "sv": "Skicka", "en": "Send"},
    "teams.save": {"da": "Gem", "sv": "Spara", "en": "Save"},
    "teams.more": {
        "da": "… og {count} til (se planens side).",
        "sv": "… och {count} till (se planens sida).",
        "en": "… and {count} more (see the plan's page).",
    },
    "teams.unmapped": {
        "da": "Ikke koblet til en person: {names}. Kobl dem med commplan people link.",
        "sv": "Inte kopplade till en person: {names}. Koppla dem med commplan people link.",
        "en": "Not linked to a person: {names}. Link them with commplan people link.",
    },
    "teams.welcome": {
        "da": "Hej! Jeg minder dig om dine aktiviteter i kommunikationsplanen. Skriv help.",
        "sv": "Hej! Jag påminner dig om dina aktiviteter i kommunikationsplanen. Skriv help.",
        "en": "Hello! I remind you of your activities in the communication plan. Type help.",
    },
}
