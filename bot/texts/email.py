"""Strings of the e-mails and of the pages their links open (bot/transports/email/)."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "email.footer": {
        "da": "Du får denne e-mail fra commplan, der minder om kommunikationsplanens aktiviteter."
        " Hvert link virker én gang og i {hours} timer; intet sker, før du bekræfter på siden.",
        "sv": "Du får det här e-postmeddelandet från commplan, som påminner om "
        "kommunikationsplanens aktiviteter. Varje länk fungerar en gång och i {hours} timmar; "
        "inget händer förrän du bekräftar på sidan.",
        "en": "You get this e-mail from commplan, which reminds people of a communication "
        "plan's activities. Each link works once and for {hours} hours; nothing happens until "
        "you confirm on the page.",
    },
    "email.calendar": {
        "da": "Fristen er vedhæftet som kalenderfil.",
        "sv": "Deadline finns bifogad som kalenderfil.",
        "en": "The deadline is attached as a calendar file.",
    },
    "email.page.confirm": {
        "da": "Bekræft: {action}",
        "sv": "Bekräfta: {action}",
        "en": "Confirm: {action}",
    },
    "email.page.activity": {
        "da": "Aktivitet: {title} ({plan})",
        "sv": "Aktivitet: {title} ({plan})",
        "en": "Activity: {title} ({plan})",
    },
    "email.page.request": {
        "da": "Godkendelsesanmodning #{id}, version {version}: {title}",
        "sv": "Begäran om godkännande #{id}, version {version}: {title}",
        "en": "Approval request #{id}, version {version}: {title}",
    },
    "email.page.nothing_yet": {
        "da": "Intet er sket endnu: det sker, når du trykker på knappen.",
        "sv": "Inget har hänt ännu: det händer när du trycker på knappen.",
        "en": "Nothing has happened yet: it happens when you press the button.",
    },
    "email.page.comment": {
        "da": "Kommentar (valgfri)",
        "sv": "Kommentar (frivillig)",
        "en": "Comment (optional)",
    },
    "email.page.draft": {
        "da": "Udkastet (et link eller teksten)",
        "sv": "Utkastet (en länk eller texten)",
        "en": "The draft (a link or the text)",
    },
    "email.page.when": {
        "da": "Ny dato eller periode (fx 2027-03-01)",
        "sv": "Nytt datum eller period (t.ex. 2027-03-01)",
        "en": "New date or period (e.g. 2027-03-01)",
    },
    "email.page.text_needed": {
        "da": "Skriv teksten først.",
        "sv": "Skriv texten först.",
        "en": "Please write the text first.",
    },
    "email.page.button": {
        "da": "Bekræft",
        "sv": "Bekräfta",
        "en": "Confirm",
    },
    "email.page.more": {
        "da": "Du kan også:",
        "sv": "Du kan också:",
        "en": "You can also:",
    },
    "email.page.used": {
        "da": "Dette link er allerede brugt: hvert link i commplans e-mails virker én gang.",
        "sv": "Den här länken är redan använd: varje länk i commplans e-post fungerar en gång.",
        "en": "This link has been used already: each link in commplan's e-mails works once.",
    },
    "email.page.expired": {
        "da": "Dette link er udløbet: brug den nyeste e-mail fra commplan.",
        "sv": "Den här länken har gått ut: använd det senaste e-postmeddelandet från commplan.",
        "en": "This link has expired: use the newest e-mail from commplan.",
    },
    "email.page.cross_site": {
        "da": "Linket kan kun bekræftes fra dets egen side.",
        "sv": "Länken kan bara bekräftas från sin egen sida.",
        "en": "The link can only be confirmed from its own page.",
    },
    "email.page.bad": {
        "da": "Dette link er ikke gyldigt.",
        "sv": "Den här länken är inte giltig.",
        "en": "This link is not valid.",
    },
}
