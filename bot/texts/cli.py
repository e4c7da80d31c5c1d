"""What the command line says to the person at it: confirmations, reports and the words of
its listings (docs/cli.md: words for people; ``--format json`` keeps codes for programs)."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "cli.wrote_plan": {
        "da": "{count} skrevet fra {plan} til {path}",
        "sv": "{count} skrivna från {plan} till {path}",
        "en": "Wrote {count} of {plan} to {path}",
    },
    "count.activities.one": {
        "da": "{count} aktivitet",
        "sv": "{count} aktivitet",
        "en": "{count} activity",
    },
    "count.activities.other": {
        "da": "{count} aktiviteter",
        "sv": "{count} aktiviteter",
        "en": "{count} activities",
    },
    "count.entries.one": {"da": "{count} post", "sv": "{count} post", "en": "{count} entry"},
    "count.entries.other": {
        "da": "{count} poster",
        "sv": "{count} poster",
        "en": "{count} entries",
    },
    "count.rows.one": {"da": "{count} række", "sv": "{count} rad", "en": "{count} row"},
    "count.rows.other": {"da": "{count} rækker", "sv": "{count} rader", "en": "{count} rows"},
    "cli.wrote_entries": {
        "da": "{count} skrevet til {path}",
        "sv": "{count} skrivna till {path}",
        "en": "Wrote {count} to {path}",
    },
    "cli.written": {"da": "Skrevet: {path}", "sv": "Skrivet: {path}", "en": "Written: {path}"},
    "cli.backup_written": {
        "da": "Sikkerhedskopi skrevet: {path} ({size}, skema {revision})",
        "sv": "Säkerhetskopia skriven: {path} ({size}, schema {revision})",
        "en": "Backup written: {path} ({size}, schema {revision})",
    },
    "cli.database_current": {
        "da": "Databasen er opdateret: {url}",
        "sv": "Databasen är uppdaterad: {url}",
        "en": "The database is current: {url}",
    },
    "cli.restored": {
        "da": "{file} er lagt ind i {url}",
        "sv": "{file} är inläst i {url}",
        "en": "Restored {file} into {url}",
    },
    "cli.archived": {
        "da": "{count} fra før {before} arkiveret i {path}",
        "sv": "{count} från före {before} arkiverade i {path}",
        "en": "{count} from before {before} archived to {path}",
    },
    "cli.visibility": {
        "da": "#{id} {plan}: synlig for {who}",
        "sv": "#{id} {plan}: synlig för {who}",
        "en": "#{id} {plan}: visible to {who}",
    },
    "visibility.team": {"da": "teamet", "sv": "teamet", "en": "the team"},
    "visibility.organisation": {
        "da": "hele organisationen",
        "sv": "hela organisationen",
        "en": "the whole organisation",
    },
    "cli.owner": {
        "da": "#{id} {plan}: ejer {person}",
        "sv": "#{id} {plan}: ägare {person}",
        "en": "#{id} {plan}: owner {person}",
    },
    "cli.steering": {
        "da": "#{id} {name} ({team}), regel: {rule}, formand: {chair}",
        "sv": "#{id} {name} ({team}), regel: {rule}, ordförande: {chair}",
        "en": "#{id} {name} ({team}), rule: {rule}, chair: {chair}",
    },
    "cli.steering_members": {
        "da": "Medlemmer: {names}",
        "sv": "Medlemmar: {names}",
        "en": "Members: {names}",
    },
    "cli.steering_deputy": {
        "da": "Stedfortræder: {deputy} for {member}, {first} – {last}",
        "sv": "Ersättare: {deputy} för {member}, {first} – {last}",
        "en": "Deputy: {deputy} for {member}, {first} – {last}",
    },
    "cli.nobody": {"da": "ingen", "sv": "ingen", "en": "nobody"},
    "rule.any": {"da": "ét medlem", "sv": "en medlem", "en": "any member"},
    "rule.chair": {"da": "formanden", "sv": "ordföranden", "en": "the chair"},
    "rule.all": {"da": "alle medlemmer", "sv": "alla medlemmar", "en": "all members"},
    "rule.majority": {"da": "flertal", "sv": "majoritet", "en": "majority"},
    "role.admin": {"da": "administrator", "sv": "administratör", "en": "admin"},
    "role.owner": {"da": "ejer", "sv": "ägare", "en": "owner"},
    "role.editor": {"da": "redaktør", "sv": "redaktör", "en": "editor"},
    "role.member": {"da": "medlem", "sv": "medlem", "en": "member"},
    "role.team-admin": {
        "da": "teamadministrator",
        "sv": "teamadministratör",
        "en": "team admin",
    },
    "role.scope.plan": {"da": "planen {name}", "sv": "planen {name}", "en": "plan {name}"},
    "role.scope.team": {"da": "teamet {name}", "sv": "teamet {name}", "en": "team {name}"},
    "role.scope.organisation": {
        "da": "organisationen",
        "sv": "organisationen",
        "en": "the organisation",
    },
    "cli.approval": {
        "da": "#{id} {status}, version {version}, aktivitet #{activity_id} {title} ({plan})",
        "sv": "#{id} {status}, version {version}, aktivitet #{activity_id} {title} ({plan})",
        "en": "#{id} {status}, version {version}, activity #{activity_id} {title} ({plan})",
    },
    "cli.activity_line": {
        "da": "#{id} {title}: {what}, {due}",
        "sv": "#{id} {title}: {what}, {due}",
        "en": "#{id} {title}: {what}, {due}",
    },
    "cli.unmapped_responsible": {
        "da": 'Ansvarlig uden person: {name} (commplan people link PERSON --alias "{name}")',
        "sv": 'Ansvarig utan person: {name} (commplan people link PERSON --alias "{name}")',
        "en": 'Responsible matching nobody: {name} (commplan people link PERSON --alias "{name}")',
    },
    "cli.waits_for": {
        "da": "#{id} {title}: venter på #{on} + {days}",
        "sv": "#{id} {title}: väntar på #{on} + {days}",
        "en": "#{id} {title}: waits for #{on} + {days}",
    },
    "count.days.one": {"da": "{count} dag", "sv": "{count} dag", "en": "{count} day"},
    "count.days.other": {"da": "{count} dage", "sv": "{count} dagar", "en": "{count} days"},
    "cli.forgotten": {
        "da": "#{id} hedder nu {pseudonym}",
        "sv": "#{id} heter nu {pseudonym}",
        "en": "#{id} is now {pseudonym}",
    },
    "forget.deleted": {"da": "Slettet: {rows}", "sv": "Raderat: {rows}", "en": "Deleted: {rows}"},
    "forget.cleared": {"da": "Ryddet: {rows}", "sv": "Rensat: {rows}", "en": "Cleared: {rows}"},
    "forget.kept": {
        "da": "Bevaret til dokumentation: {rows}",
        "sv": "Bevarat för dokumentation: {rows}",
        "en": "Kept for the record: {rows}",
    },
    "forget.rewritten": {
        "da": "Omskrevet: {rows}",
        "sv": "Omskrivet: {rows}",
        "en": "Rewritten: {rows}",
    },
    "forget.kept_texts": {
        "da": "Nævner dem stadig, bevaret som loven kræver: {where}",
        "sv": "Nämner dem fortfarande, bevarat som lagen kräver: {where}",
        "en": "Still naming them, kept as the law keeps them: {where}",
    },
    "forget.details": {
        "da": "(tabellerne: --format json)",
        "sv": "(tabellerna: --format json)",
        "en": "(the tables: --format json)",
    },
    "cli.linked": {
        "da": "#{id} {name}: {what}",
        "sv": "#{id} {name}: {what}",
        "en": "#{id} {name}: {what}",
    },
    "cli.on": {"da": "til", "sv": "på", "en": "on"},
    "cli.off": {"da": "fra", "sv": "av", "en": "off"},
    "import.report.would": {
        "da": "Ville indlæse {file} i {plan} (team {team}, {state}, {language}): "
        "{added}, {changed}, {removed}, {unchanged}.",
        "sv": "Skulle läsa in {file} i {plan} (team {team}, {state}, {language}): "
        "{added}, {changed}, {removed}, {unchanged}.",
        "en": "Would import {file} into {plan} (team {team}, {state}, {language}): "
        "{added}, {changed}, {removed}, {unchanged}.",
    },
    "import.report.did": {
        "da": "Indlæste {file} i {plan} (team {team}, {state}, {language}): "
        "{added}, {changed}, {removed}, {unchanged}.",
        "sv": "Läste in {file} i {plan} (team {team}, {state}, {language}): "
        "{added}, {changed}, {removed}, {unchanged}.",
        "en": "Imported {file} into {plan} (team {team}, {state}, {language}): "
        "{added}, {changed}, {removed}, {unchanged}.",
    },
    "import.report.new": {"da": "ny plan", "sv": "ny plan", "en": "new plan"},
    "import.report.existing": {
        "da": "eksisterende plan",
        "sv": "befintlig plan",
        "en": "existing plan",
    },
    "language.da": {"da": "dansk", "sv": "danska", "en": "Danish"},
    "language.sv": {"da": "svensk", "sv": "svenska", "en": "Swedish"},
    "language.en": {"da": "engelsk", "sv": "engelska", "en": "English"},
    "count.added.one": {"da": "{count} tilføjet", "sv": "{count} tillagd", "en": "{count} added"},
    "count.added.other": {
        "da": "{count} tilføjet",
        "sv": "{count} tillagda",
        "en": "{count} added",
    },
    "count.changed.one": {"da": "{count} ændret", "sv": "{count} ändrad", "en": "{count} changed"},
    "count.changed.other": {
        "da": "{count} ændret",
        "sv": "{count} ändrade",
        "en": "{count} changed",
    },
    "count.removed.one": {
        "da": "{count} fjernet",
        "sv": "{count} borttagen",
        "en": "{count} removed",
    },
    "count.removed.other": {
        "da": "{count} fjernet",
        "sv": "{count} borttagna",
        "en": "{count} removed",
    },
    "count.unchanged.one": {
        "da": "{count} uændret",
        "sv": "{count} oförändrad",
        "en": "{count} unchanged",
    },
    "count.unchanged.other": {
        "da": "{count} uændrede",
        "sv": "{count} oförändrade",
        "en": "{count} unchanged",
    },
    "import.report.note": {"da": "Bemærk: {text}", "sv": "Obs: {text}", "en": "Note: {text}"},
    "import.report.warning": {
        "da": "Advarsel: {text}",
        "sv": "Varning: {text}",
        "en": "Warning: {text}",
    },
    "import.report.unmapped": {
        "da": "Ansvarlige navne, der ikke passer på nogen: {names}",
        "sv": "Ansvariga namn som inte passar någon: {names}",
        "en": "Responsible names that match nobody: {names}",
    },
    "import.report.unmapped_how": {
        "da": 'Forbind dem med: commplan people link PERSON --alias "NAVN"',
        "sv": 'Koppla dem med: commplan people link PERSON --alias "NAMN"',
        "en": 'Link them with: commplan people link PERSON --alias "NAME"',
    },
    "import.report.meetings_missing": {
        "da": "Møder, som ingen mødekalender har: {names}; aktiviteterne er ved behov, til "
        "møderne er tilføjet: commplan meetings add ORGAN --dates DATOER --alias NAVN",
        "sv": "Möten som ingen möteskalender har: {names}; aktiviteterna är vid behov tills "
        "mötena läggs till: commplan meetings add ORGAN --dates DATUM --alias NAMN",
        "en": "Meetings no meeting calendar has: {names}; the activities are on trigger until "
        "the meetings are added: commplan meetings add BODY --dates DATES --alias NAME",
    },
    "import.report.no_owner": {
        "da": "Planen har ingen ejer, så ingen bliver spurgt om det ovenstående; giv den en: "
        "commplan plans owner PLAN PERSON",
        "sv": "Planen har ingen ägare, så ingen tillfrågas om det ovanstående; ge den en: "
        "commplan plans owner PLAN PERSON",
        "en": "The plan has no owner, so nobody is asked about the above; give it one: "
        "commplan plans owner PLAN PERSON",
    },
    "import.report.dry_run": {
        "da": "Prøvekørsel: intet blev gemt.",
        "sv": "Provkörning: inget sparades.",
        "en": "Dry run: nothing was written.",
    },
    # What a usage error says of a value (click frames it: "Invalid value for '--to': ...").
    "cli.usage.language": {
        "da": "skriv da, sv eller en",
        "sv": "skriv da, sv eller en",
        "en": "expected da, sv or en",
    },
    "cli.usage.day": {
        "da": "skriv ÅÅÅÅ-MM-DD",
        "sv": "skriv ÅÅÅÅ-MM-DD",
        "en": "expected YYYY-MM-DD",
    },
    "cli.usage.moment": {
        "da": "skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTTT:MM",
        "sv": "skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTTT:MM",
        "en": "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM",
    },
    "cli.usage.key_value": {
        "da": "skriv NØGLE=VÆRDI",
        "sv": "skriv NYCKEL=VÄRDE",
        "en": "expected KEY=VALUE",
    },
    "cli.usage.xlsx_output": {
        "da": "en .xlsx skal have -o FIL",
        "sv": "en .xlsx behöver -o FIL",
        "en": "xlsx needs -o FILE",
    },
    "cli.usage.plan_or_person": {
        "da": "angiv en plan eller --person",
        "sv": "ange en plan eller --person",
        "en": "name a plan, or --person",
    },
    "size.bytes": {"da": "{count} byte", "sv": "{count} byte", "en": "{count} bytes"},
}
