"""Strings of backups and restores, a person's data (export, forget) and the audit archive."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "db.backup_exists": {
        "da": "{path} findes allerede; vælg et nyt filnavn",
        "sv": "{path} finns redan; välj ett nytt filnamn",
        "en": "{path} already exists; choose a new file name",
    },
    "db.backup_folder": {
        "da": "Mappen {path} findes ikke",
        "sv": "Mappen {path} finns inte",
        "en": "The folder {path} does not exist",
    },
    "db.backup_missing": {
        "da": "Backupfilen {path} findes ikke",
        "sv": "Säkerhetskopian {path} finns inte",
        "en": "The backup file {path} does not exist",
    },
    "db.not_a_backup": {
        "da": "{path} er ikke en commplan-backup (eller den er beskadiget)",
        "sv": "{path} är inte en säkerhetskopia av commplan (eller så är den skadad)",
        "en": "{path} is not a commplan backup (or it is damaged)",
    },
    "db.newer_backup": {
        "da": "{path} er lavet af en nyere commplan (skema {revision}); opgradér først",
        "sv": "{path} är gjord av en nyare commplan (schema {revision}); uppgradera först",
        "en": "{path} was made by a newer commplan (schema {revision}); upgrade first",
    },
    "db.not_empty": {
        "da": "Databasen indeholder allerede data; gendan i en tom database eller brug --force",
        "sv": "Databasen innehåller redan data; återställ till en tom databas eller använd --force",
        "en": "The database already holds data; restore into an empty one or use --force",
    },
    "db.no_file": {
        "da": "En database i hukommelsen kan ikke sikkerhedskopieres",
        "sv": "En databas i minnet kan inte säkerhetskopieras",
        "en": "An in-memory database cannot be backed up",
    },
    "db.tool_missing": {
        "da": "{tool} blev ikke fundet; installér PostgreSQL-klientværktøjerne",
        "sv": "{tool} hittades inte; installera PostgreSQL:s klientverktyg",
        "en": "{tool} was not found; install the PostgreSQL client tools",
    },
    "db.tool_failed": {
        "da": "{tool} mislykkedes: {reason}",
        "sv": "{tool} misslyckades: {reason}",
        "en": "{tool} failed: {reason}",
    },
    "people.forget_busy": {
        "da": (
            "{name} har stadig {activities} åbne aktiviteter, {plans} planer og {chairs} "
            "formandsposter; giv dem videre med --reassign-to"
        ),
        "sv": (
            "{name} har fortfarande {activities} öppna aktiviteter, {plans} planer och {chairs} "
            "ordförandeskap; lämna över dem med --reassign-to"
        ),
        "en": (
            "{name} still holds {activities} open activities, {plans} plans and {chairs} "
            "chairs; hand them over with --reassign-to"
        ),
    },
    "people.already_forgotten": {
        "da": "{name} er allerede glemt",
        "sv": "{name} är redan glömd",
        "en": "{name} has already been forgotten",
    },
    "people.bad_successor": {
        "da": "{name} kan ikke overtage ansvaret (samme person eller ikke aktiv)",
        "sv": "{name} kan inte ta över ansvaret (samma person eller inte aktiv)",
        "en": "{name} cannot take over (the same person, or not active)",
    },
    "people.zip_needs_file": {
        "da": "--format zip skrives til en fil: angiv -o FIL",
        "sv": "--format zip skrivs till en fil: ange -o FIL",
        "en": "--format zip is written to a file: give -o FILE",
    },
    "audit.bad_years": {
        "da": "Antal år skal være mindst 1, ikke {value}",
        "sv": "Antalet år måste vara minst 1, inte {value}",
        "en": "The number of years must be at least 1, not {value}",
    },
}
