"""Strings of reminder messages."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "reminder.due": {
        "da": "Påmindelse: {title} har frist {date}.",
        "sv": "Påminnelse: {title} har deadline {date}.",
        "en": "Reminder: {title} is due {date}.",
    },
    "reminder.overdue": {
        "da": "Forsinket: {title} havde frist {date}.",
        "sv": "Försenad: {title} hade deadline {date}.",
        "en": "Overdue: {title} was due {date}.",
    },
    "reminder.late": {
        "da": "(sendt for sent: commplan var nede)",
        "sv": "(skickad sent: commplan var nere)",
        "en": "(sent late: commplan was down)",
    },
}
