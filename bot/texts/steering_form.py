"""Strings of the steering group form (Slack modal, Teams card, console prompts)."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "steering.pick_unlinked": {
        "da": "{name} har ikke skrevet til commplan endnu; bed dem sende en besked én gang, og "
        "prøv igen.",
        "sv": "{name} har inte skrivit till commplan än; be dem skicka ett meddelande en gång, "
        "och försök igen.",
        "en": "{name} has not written to commplan yet; ask them to send it a message once, "
        "then try again.",
    },
    "steering.form.title": {"da": "Ny styregruppe", "sv": "Ny styrgrupp", "en": "Steering group"},
    "steering.form.plan": {"da": "Plan", "sv": "Plan", "en": "Plan"},
    "steering.form.name": {"da": "Navn", "sv": "Namn", "en": "Name"},
    "steering.form.chair": {"da": "Formand", "sv": "Ordförande", "en": "Chair"},
    "steering.form.members": {"da": "Medlemmer", "sv": "Ledamöter", "en": "Members"},
    "steering.form.rule": {
        "da": "Hvem skal godkende",
        "sv": "Vem ska godkänna",
        "en": "Who must approve",
    },
    "steering.form.deputies": {
        "da": "Formandens stedfortrædere",
        "sv": "Ordförandens ersättare",
        "en": "The chair's deputies",
    },
    "steering.form.submit": {"da": "Opret", "sv": "Skapa", "en": "Create"},
    "steering.rule.any": {"da": "Ét medlem", "sv": "En ledamot", "en": "Any one member"},
    "steering.rule.chair": {"da": "Formanden", "sv": "Ordföranden", "en": "The chair"},
    "steering.rule.all": {"da": "Alle medlemmer", "sv": "Alla ledamöter", "en": "All members"},
    "steering.rule.majority": {"da": "Et flertal", "sv": "En majoritet", "en": "A majority"},
    "steering.form.no_plan": {
        "da": "Du kan ikke ændre nogen plan endnu: send først din plans fil her.",
        "sv": "Du kan inte ändra någon plan än: skicka först din plans fil här.",
        "en": "You may change no plan yet: send your plan's file here first.",
    },
    "steering.form.open": {
        "da": "Udfyld styregruppen i formularen.",
        "sv": "Fyll i styrgruppen i formuläret.",
        "en": "Fill in the steering group in the form.",
    },
    "button.steering_form": {"da": "Åbn formular", "sv": "Öppna formulär", "en": "Open the form"},
    "steering.created": {
        "da": "Styregruppen {name} er oprettet for {plan}: formand {chair}, {members} medlemmer. "
        "Skriv forbind {name} i styregruppens kanal.",
        "sv": "Styrgruppen {name} är skapad för {plan}: ordförande {chair}, {members} ledamöter. "
        "Skriv koppla {name} i styrgruppens kanal.",
        "en": "The steering group {name} is set up for {plan}: chair {chair}, {members} members. "
        "Type connect {name} in the group's channel.",
    },
    "steering.notice.chair": {
        "da": "{by} har oprettet styregruppen {group} for planen {plan} med dig som formand "
        "({members} medlemmer). Anmodninger om godkendelse kommer til dig; skriv forbind "
        "{group} i styregruppens kanal.",
        "sv": "{by} har skapat styrgruppen {group} för planen {plan} med dig som ordförande "
        "({members} ledamöter). Begäranden om godkännande kommer till dig; skriv koppla "
        "{group} i styrgruppens kanal.",
        "en": "{by} set up the steering group {group} for the plan {plan} with you as its chair "
        "({members} members). Approval requests come to you; type connect {group} in the "
        "group's channel.",
    },
    "steering.form.stopped": {
        "da": "Stoppet: ingen styregruppe er oprettet.",
        "sv": "Avbrutet: ingen styrgrupp skapades.",
        "en": "Stopped: no steering group was made.",
    },
    "steering.ask.plan": {
        "da": "Plan (navn eller #nr):",
        "sv": "Plan (namn eller #nr):",
        "en": "Plan (name or #id):",
    },
    "steering.ask.name": {
        "da": "Styregruppens navn:",
        "sv": "Styrgruppens namn:",
        "en": "Name of the steering group:",
    },
    "steering.ask.chair": {
        "da": "Formand (navn eller e-mail):",
        "sv": "Ordförande (namn eller e-post):",
        "en": "Chair (name or e-mail):",
    },
    "steering.ask.members": {
        "da": "Medlemmer (adskilt af komma, må være tom):",
        "sv": "Ledamöter (åtskilda med komma, får vara tomt):",
        "en": "Members (separated by commas, may be empty):",
    },
    "steering.ask.rule": {
        "da": "Hvem skal godkende: any (ét medlem), chair, all eller majority [any]:",
        "sv": "Vem ska godkänna: any (en ledamot), chair, all eller majority [any]:",
        "en": "Who must approve: any (one member), chair, all or majority [any]:",
    },
    "steering.ask.deputies": {
        "da": "Formandens stedfortrædere (adskilt af komma, må være tom):",
        "sv": "Ordförandens ersättare (åtskilda med komma, får vara tomt):",
        "en": "The chair's deputies (separated by commas, may be empty):",
    },
}
