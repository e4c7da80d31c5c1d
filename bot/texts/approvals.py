"""Strings of the approval workflow and steering groups."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "approval.refused.not_member": {
        "da": "Du kan ikke tage stilling til anmodning #{id}: du er hverken medlem af "
        "styregruppen, formand eller stedfortræder. Forsøget er logget.",
        "sv": "Du kan inte ta ställning till begäran #{id}: du är varken ledamot i "
        "styrgruppen, ordförande eller ersättare. Försöket har loggats.",
        "en": "You cannot decide on request #{id}: you are not a member of the steering "
        "group, its chair or a deputy. The attempt has been logged.",
    },
    "approval.refused.chair_only": {
        "da": "Kun styregruppens formand tager stilling til anmodning #{id}.",
        "sv": "Endast styrgruppens ordförande tar ställning till begäran #{id}.",
        "en": "Only the steering group's chair decides on request #{id}.",
    },
    "approval.refused.already_decided": {
        "da": "Du har allerede taget stilling til denne version af anmodning #{id}.",
        "sv": "Du har redan tagit ställning till den här versionen av begäran #{id}.",
        "en": "You have already decided on this version of request #{id}.",
    },
    "approval.refused.closed": {
        "da": "Anmodning #{id} er ikke længere åben ({status}).",
        "sv": "Begäran #{id} är inte längre öppen ({status}).",
        "en": "Request #{id} is no longer open ({status}).",
    },
    "approval.refused.stale_version": {
        "da": "Anmodning #{id}: version {version} er forældet; den gældende er version "
        "{current}. Læs den, før du tager stilling.",
        "sv": "Begäran #{id}: version {version} är inaktuell; den gällande är version "
        "{current}. Läs den innan du tar ställning.",
        "en": "Request #{id}: version {version} is out of date; the current one is version "
        "{current}. Read it before you decide.",
    },
    "approval.refused.own_request": {
        "da": "Du kan ikke selv tage stilling til anmodning #{id}: du har selv bedt om den "
        "(fire øjne). Et andet medlem af styregruppen skal tage stilling.",
        "sv": "Du kan inte själv ta ställning till begäran #{id}: du har själv begärt den "
        "(fyra ögon). En annan ledamot i styrgruppen måste ta ställning.",
        "en": "You cannot decide on request #{id} yourself: you asked for it (four eyes). "
        "Another member of the steering group must decide.",
    },
    "approval.who": {
        "da": "Hvem tager stilling? Angiv en person (--as).",
        "sv": "Vem tar ställning? Ange en person (--as).",
        "en": "Who is deciding? Name a person (--as).",
    },
    "approval.empty_draft": {
        "da": "En anmodning skal have en tekst, et link eller en fil.",
        "sv": "En begäran måste ha en text, en länk eller en fil.",
        "en": "A request needs a text, a link or a file.",
    },
    "approval.no_group": {
        "da": "Planen {plan} har ingen styregruppe (commplan steering assign).",
        "sv": "Planen {plan} har ingen styrgrupp (commplan steering assign).",
        "en": "The plan {plan} has no steering group (commplan steering assign).",
    },
    "approval.already_open": {
        "da": "Aktivitet #{id} har allerede en åben anmodning (#{request}); ret udkastet i den: "
        "revise {request} TEKST-ELLER-LINK",
        "sv": "Aktivitet #{id} har redan en öppen begäran (#{request}); ändra utkastet i den: "
        "revise {request} TEXT-ELLER-LÄNK",
        "en": "Activity #{id} already has an open request (#{request}); revise its draft instead: "
        "revise {request} TEXT-OR-LINK",
    },
    "chat.revised": {
        "da": "Nyt udkast sendt til godkendelse: {title} (anmodning #{id}, version {version}).",
        "sv": "Nytt utkast skickat för godkännande: {title} (begäran #{id}, version {version}).",
        "en": "New draft sent for approval: {title} (request #{id}, version {version}).",
    },
    "chat.withdrawn": {
        "da": "Anmodning #{id} om godkendelse af {title} er trukket tilbage.",
        "sv": "Begäran #{id} om godkännande av {title} är återkallad.",
        "en": "Request #{id} for approval of {title} has been withdrawn.",
    },
    "chat.revise_hint": {
        "da": "Skriv: revise {id} TEKST-ELLER-LINK",
        "sv": "Skriv: revise {id} TEXT-ELLER-LÄNK",
        "en": "Type: revise {id} TEXT-OR-LINK",
    },
    "button.revise": {"da": "Ret udkast", "sv": "Ändra utkast", "en": "Revise"},
    "button.withdraw": {"da": "Træk tilbage", "sv": "Återkalla", "en": "Withdraw"},
    "approval.withdraw_confirm.title": {
        "da": "Træk anmodningen tilbage?",
        "sv": "Återkalla begäran?",
        "en": "Withdraw the request?",
    },
    "approval.withdraw_confirm.text": {
        "da": "Styregruppen bliver ikke længere bedt om at tage stilling.",
        "sv": "Styrgruppen ombeds inte längre att ta ställning.",
        "en": "The steering group will no longer be asked to decide.",
    },
    "approval.withdraw_confirm.cancel": {"da": "Fortryd", "sv": "Avbryt", "en": "Cancel"},
    "slack.modal.revise": {"da": "Ret udkast", "sv": "Ändra utkast", "en": "Revise the draft"},
    "approval.notice.decision": {
        "da": "{person} har taget stilling til anmodning #{id} om {title}: {decision}. "
        "Anmodningen afventer stadig resten af styregruppen.",
        "sv": "{person} har tagit ställning till begäran #{id} om {title}: {decision}. "
        "Begäran väntar fortfarande på resten av styrgruppen.",
        "en": "{person} decided on request #{id} for {title}: {decision}. "
        "The request still waits for the rest of the steering group.",
    },
    "approval.notice.expiring": {
        "da": "Anmodning #{id} om godkendelse af {title} udløber {date} uden afgørelse. "
        "Ret udkastet, træk det tilbage, eller ryk styregruppen.",
        "sv": "Begäran #{id} om godkännande av {title} löper ut {date} utan beslut. "
        "Ändra utkastet, återkalla det eller påminn styrgruppen.",
        "en": "Request #{id} for approval of {title} expires {date} without a decision. "
        "Revise the draft, withdraw it, or remind the steering group.",
    },
    "approval.comment": {"da": "Kommentar", "sv": "Kommentar", "en": "Comment"},
    "approval.closed": {
        "da": "Anmodning #{id} er lukket ({status}).",
        "sv": "Begäran #{id} är stängd ({status}).",
        "en": "Request #{id} is closed ({status}).",
    },
    "approval.same_draft": {
        "da": "Udkastet til anmodning #{id} er uændret.",
        "sv": "Utkastet till begäran #{id} är oförändrat.",
        "en": "The draft of request #{id} has not changed.",
    },
    "approval.busy": {
        "da": "Anmodning #{id} blev ændret samtidig; prøv igen.",
        "sv": "Begäran #{id} ändrades samtidigt; försök igen.",
        "en": "Request #{id} was changed at the same moment; try again.",
    },
    "approval.unknown": {
        "da": "Ukendt anmodning: #{id}",
        "sv": "Okänd begäran: #{id}",
        "en": "Unknown request: #{id}",
    },
    "approval.bad_status": {
        "da": "Ukendt status: {value} (kendte: {known})",
        "sv": "Okänd status: {value} (kända: {known})",
        "en": "Unknown status: {value} (known: {known})",
    },
    "approval.capacity.member": {"da": "medlem", "sv": "ledamot", "en": "member"},
    "approval.capacity.chair": {
        "da": "formand, på vegne af styregruppen",
        "sv": "ordförande, på styrgruppens vägnar",
        "en": "chair, on behalf of the steering group",
    },
    "approval.capacity.deputy": {
        "da": "stedfortræder for {name}",
        "sv": "ersättare för {name}",
        "en": "deputy for {name}",
    },
    "approval.notice.requested": {
        "da": "Godkendelse ønsket: {title} (anmodning #{id}, version {version}).",
        "sv": "Godkännande önskas: {title} (begäran #{id}, version {version}).",
        "en": "Approval requested: {title} (request #{id}, version {version}).",
    },
    "approval.notice.nudge": {
        "da": "Venter stadig på din godkendelse: {title} (anmodning #{id}, version {version}).",
        "sv": "Väntar fortfarande på ditt godkännande: {title} (begäran #{id}, version {version}).",
        "en": "Still waiting for your approval: {title} (request #{id}, version {version}).",
    },
    "approval.notice.expired": {
        "da": "Anmodning #{id} om godkendelse af {title} udløb uden afgørelse.",
        "sv": "Begäran #{id} om godkännande av {title} löpte ut utan beslut.",
        "en": "Request #{id} for approval of {title} expired without a decision.",
    },
    "approval.notice.channel": {
        "da": "{requester} beder styregruppen godkende: {title} (anmodning #{id}, version "
        "{version}).",
        "sv": "{requester} ber styrgruppen godkänna: {title} (begäran #{id}, version {version}).",
        "en": "{requester} asks the steering group to approve: {title} (request #{id}, version "
        "{version}).",
    },
    "approval.notice.decided": {
        "da": "Anmodning #{id} om {title}: {status}.",
        "sv": "Begäran #{id} om {title}: {status}.",
        "en": "Request #{id} for {title}: {status}.",
    },
    "approval.decided_line": {
        "da": "{status} af {person} ({capacity}), {at}",
        "sv": "{status} av {person} ({capacity}), {at}",
        "en": "{status} by {person} ({capacity}), {at}",
    },
    "approval.draft": {"da": "Udkast", "sv": "Utkast", "en": "Draft"},
    "approval.since": {
        "da": "Siden da: {what}.",
        "sv": "Sedan dess: {what}.",
        "en": "Since then: {what}.",
    },
    "approval.since.revised": {
        "da": "revideret til version {version}",
        "sv": "reviderad till version {version}",
        "en": "revised to version {version}",
    },
    "approval.status.pending": {"da": "afventer", "sv": "väntar", "en": "pending"},
    "approval.status.approved": {"da": "godkendt", "sv": "godkänd", "en": "approved"},
    "approval.status.rejected": {"da": "afvist", "sv": "avslagen", "en": "rejected"},
    "approval.status.changes_requested": {
        "da": "ændringer ønsket",
        "sv": "ändringar önskas",
        "en": "changes requested",
    },
    "approval.status.withdrawn": {"da": "trukket tilbage", "sv": "återkallad", "en": "withdrawn"},
    "approval.status.expired": {"da": "udløbet", "sv": "utgången", "en": "expired"},
    "button.approve": {"da": "Godkend", "sv": "Godkänn", "en": "Approve"},
    "button.reject": {"da": "Afvis", "sv": "Avslå", "en": "Reject"},
    "button.request_changes": {
        "da": "Bed om ændringer",
        "sv": "Begär ändringar",
        "en": "Request changes",
    },
    "steering.unknown": {
        "da": "Ukendt styregruppe: {name}",
        "sv": "Okänd styrgrupp: {name}",
        "en": "Unknown steering group: {name}",
    },
    "steering.ambiguous": {
        "da": "Flere styregrupper hedder {name}; angiv teamet eller #id.",
        "sv": "Flera styrgrupper heter {name}; ange teamet eller #id.",
        "en": "Several steering groups are called {name}; give the team or #id.",
    },
    "steering.exists": {
        "da": "Styregruppen {name} findes allerede.",
        "sv": "Styrgruppen {name} finns redan.",
        "en": "The steering group {name} already exists.",
    },
    "steering.not_member": {
        "da": "{person} er ikke medlem af {name}.",
        "sv": "{person} är inte ledamot i {name}.",
        "en": "{person} is not a member of {name}.",
    },
    "steering.connect_refused": {
        "da": "Kun formanden for {name} og ejerne af de planer, den styrer, kan forbinde dens "
        "kanal.",
        "sv": "Bara ordföranden för {name} och ägarna till planerna den styr kan koppla dess "
        "kanal.",
        "en": "Only the chair of {name} and the owners of the plans it steers can connect its "
        "channel.",
    },
    "steering.bad_period": {
        "da": "Perioden skal slutte efter den begynder.",
        "sv": "Perioden måste sluta efter att den börjar.",
        "en": "The period must end after it starts.",
    },
    "steering.bad_moment": {
        "da": "Ikke et tidspunkt: {value} (skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTTT:MM)",
        "sv": "Inte en tidpunkt: {value} (skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTTT:MM)",
        "en": "Not a moment: {value} (write YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
    },
    "steering.self_deputy": {
        "da": "Man kan ikke være sin egen stedfortræder.",
        "sv": "Man kan inte vara sin egen ersättare.",
        "en": "Nobody can be their own deputy.",
    },
    "steering.other_team": {
        "da": "Styregruppen {name} hører til et andet team end planen {plan}.",
        "sv": "Styrgruppen {name} hör till ett annat team än planen {plan}.",
        "en": "The steering group {name} belongs to another team than the plan {plan}.",
    },
    "steering.bad_rule": {
        "da": "Ukendt beslutningsregel: {value} (kendte: {known})",
        "sv": "Okänd beslutsregel: {value} (kända: {known})",
        "en": "Unknown decision rule: {value} (known: {known})",
    },
    "dependency.cycle": {
        "da": "Aktivitet #{id} venter allerede (direkte eller indirekte) på #{other}.",
        "sv": "Aktivitet #{id} väntar redan (direkt eller indirekt) på #{other}.",
        "en": "Activity #{id} already waits (directly or not) for #{other}.",
    },
}
