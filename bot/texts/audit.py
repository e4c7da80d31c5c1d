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
    "audit.detail.outcome": {"da": "Udfald", "sv": "Utfall", "en": "Outcome"},
    "audit.detail.self_approval": {
        "da": "Egen anmodning",
        "sv": "Egen begäran",
        "en": "Own request",
    },
    "audit.yes": {"da": "ja", "sv": "ja", "en": "yes"},
    "audit.no": {"da": "nej", "sv": "nej", "en": "no"},
    # What happened, by the audit's action code (the export shows words; JSON keeps codes).
    "audit.action.approval.request": {
        "da": "anmodning om godkendelse",
        "sv": "begäran om godkännande",
        "en": "approval requested",
    },
    "audit.action.approval.version": {
        "da": "ny version",
        "sv": "ny version",
        "en": "new version",
    },
    "audit.action.approval.decide": {"da": "beslutning", "sv": "beslut", "en": "decision"},
    "audit.action.approval.refused": {
        "da": "beslutning afvist",
        "sv": "beslut avvisat",
        "en": "decision refused",
    },
    "audit.action.approval.withdraw": {
        "da": "trukket tilbage",
        "sv": "återkallad",
        "en": "withdrawn",
    },
    "audit.action.approval.expire": {"da": "udløbet", "sv": "utgången", "en": "expired"},
    "audit.action.permission.refused": {
        "da": "ingen adgang",
        "sv": "ingen behörighet",
        "en": "not permitted",
    },
    "audit.action.activity.add": {
        "da": "tilføje en aktivitet",
        "sv": "lägga till en aktivitet",
        "en": "add an activity",
    },
    "audit.action.activity.edit": {
        "da": "rette en aktivitet",
        "sv": "ändra en aktivitet",
        "en": "edit an activity",
    },
    "audit.action.activity.done": {
        "da": "markere en aktivitet som udført",
        "sv": "markera en aktivitet som utförd",
        "en": "mark an activity done",
    },
    "audit.action.activity.move": {
        "da": "flytte en aktivitet",
        "sv": "flytta en aktivitet",
        "en": "move an activity",
    },
    "audit.action.activity.cancel": {
        "da": "aflyse en aktivitet",
        "sv": "ställa in en aktivitet",
        "en": "cancel an activity",
    },
    "audit.action.activity.snooze": {
        "da": "udsætte en påmindelse",
        "sv": "skjuta upp en påminnelse",
        "en": "snooze a reminder",
    },
    "audit.action.activity.followup": {
        "da": "registrere en opfølgning",
        "sv": "registrera en uppföljning",
        "en": "record a follow-up",
    },
    "audit.action.plan.import": {
        "da": "indlæse planen",
        "sv": "läsa in planen",
        "en": "import the plan",
    },
    "audit.action.other": {"da": "en ændring", "sv": "en ändring", "en": "a change"},
    "audit.capacity.member": {"da": "medlem", "sv": "ledamot", "en": "member"},
    "audit.capacity.chair": {"da": "formand", "sv": "ordförande", "en": "chair"},
    "audit.capacity.deputy": {"da": "stedfortræder", "sv": "ersättare", "en": "deputy"},
    "audit.surface.cli": {"da": "kommandolinjen", "sv": "kommandoraden", "en": "command line"},
    "audit.surface.console": {"da": "konsollen", "sv": "konsolen", "en": "console"},
    "audit.surface.slack": {"da": "Slack", "sv": "Slack", "en": "Slack"},
    "audit.surface.msteams": {"da": "Teams", "sv": "Teams", "en": "Teams"},
    "audit.surface.email": {"da": "e-mail", "sv": "e-post", "en": "e-mail"},
    "audit.surface.web": {"da": "web", "sv": "webb", "en": "web"},
    "audit.surface.scheduler": {"da": "planlæggeren", "sv": "schemaläggaren", "en": "scheduler"},
    "audit.reason.not_member": {
        "da": "ikke medlem af styregruppen",
        "sv": "inte ledamot i styrgruppen",
        "en": "not a member of the steering group",
    },
    "audit.reason.chair_only": {
        "da": "kun formanden beslutter",
        "sv": "bara ordföranden beslutar",
        "en": "only the chair decides",
    },
    "audit.reason.already_decided": {
        "da": "har allerede besluttet",
        "sv": "har redan beslutat",
        "en": "already decided",
    },
    "audit.reason.closed": {
        "da": "anmodningen var lukket",
        "sv": "begäran var stängd",
        "en": "the request was closed",
    },
    "audit.reason.stale_version": {
        "da": "forældet version",
        "sv": "inaktuell version",
        "en": "an outdated version",
    },
    "audit.reason.own_request": {
        "da": "egen anmodning (fire øjne)",
        "sv": "egen begäran (fyra ögon)",
        "en": "own request (four eyes)",
    },
}
