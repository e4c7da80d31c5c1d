"""Strings of the approval audit export: its column headings and yes/no cells."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "audit.column.at": {"da": "Tidspunkt", "sv": "Tidpunkt", "en": "Time"},
    "audit.column.action": {"da": "Handling", "sv": "Händelse", "en": "Action"},
    "audit.column.request": {"da": "Anmodning", "sv": "Begäran", "en": "Request"},
    "audit.column.activity_id": {"da": "Aktivitet nr.", "sv": "Aktivitet nr", "en": "Activity no."},
    "audit.column.activity": {"da": "Aktivitet", "sv": "Aktivitet", "en": "Activity"},
    "audit.column.version": {"da": "Versionsnr.", "sv": "Versionsnr", "en": "Version"},
    "audit.column.content_hash": {
        "da": "Versionens indholds-hash (SHA-256)",
        "sv": "Versionens innehållshash (SHA-256)",
        "en": "Version content hash (SHA-256)",
    },
    "audit.column.who": {"da": "Hvem", "sv": "Vem", "en": "Who"},
    "audit.column.capacity": {"da": "Som", "sv": "Som", "en": "As"},
    "audit.column.surface": {"da": "Hvorfra", "sv": "Varifrån", "en": "From"},
    "audit.detail.decision": {"da": "Beslutning", "sv": "Beslut", "en": "Decision"},
    "audit.detail.comment": {"da": "Kommentar", "sv": "Kommentar", "en": "Comment"},
    "audit.detail.on_behalf_of": {"da": "På vegne af", "sv": "För", "en": "On behalf of"},
    "audit.detail.for_group": {
        "da": "På styregruppens vegne",
        "sv": "För styrgruppen",
        "en": "For the steering group",
    },
    "audit.detail.voided": {
        "da": "Ophævede udfald",
        "sv": "Upphävt utfall",
        "en": "Outcome voided",
    },
    "audit.detail.reason": {"da": "Begrundelse", "sv": "Skäl", "en": "Reason"},
    "audit.detail.attempted": {"da": "Forsøgt", "sv": "Försökt", "en": "Attempted"},
    "audit.detail.permission": {"da": "Tilladelse", "sv": "Behörighet", "en": "Permission"},
    "audit.yes": {"da": "ja", "sv": "ja", "en": "yes"},
    "audit.no": {"da": "nej", "sv": "nej", "en": "no"},
}
