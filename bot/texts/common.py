"""Strings shared by every surface: errors, confirmations, table headings."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "error.unknown_team": {
        "da": "Ukendt team: {name}",
        "sv": "Okänt team: {name}",
        "en": "Unknown team: {name}",
    },
}
