"""Strings of who may do what: refusals, roles, and the notice to a plan's owner."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "permission.not_linked": {
        "da": "Du er ikke koblet til en person i commplan endnu, så du kan kun skrive help. "
        "Bed commplans administrator ({admins}) om at koble dig til.",
        "sv": "Du är inte kopplad till en person i commplan än, så du kan bara skriva help. "
        "Be commplans administratör ({admins}) att koppla dig.",
        "en": "You are not linked to a person in commplan yet, so you can only use help. "
        "Ask commplan's administrator ({admins}) to link you.",
    },
    "permission.not_linked_no_admin": {
        "da": "Du er ikke koblet til en person i commplan endnu, så du kan kun skrive help. "
        "Bed den, der driver commplan, om at koble dig til.",
        "sv": "Du är inte kopplad till en person i commplan än, så du kan bara skriva help. "
        "Be den som driver commplan att koppla dig.",
        "en": "You are not linked to a person in commplan yet, so you can only use help. "
        "Ask whoever runs commplan to link you.",
    },
    "permission.refused.hidden": {
        "da": "Det kan du ikke: planen er ikke en, du kan se (den er for dens team, ejer, "
        "redaktører, styregruppe og ansvarlige).",
        "sv": "Det kan du inte: planen är inte en som du kan se (den är för dess team, ägare, "
        "redaktörer, styrgrupp och ansvariga).",
        "en": "You cannot do that: the plan is not one you can see (it is for its team, owner, "
        "editors, steering group and responsible people).",
    },
    "permission.refused.read": {
        "da": "Du kan ikke se planen {plan}: den er for dens team, ejer, redaktører, "
        "styregruppe og ansvarlige.",
        "sv": "Du kan inte se planen {plan}: den är för dess team, ägare, redaktörer, "
        "styrgrupp och ansvariga.",
        "en": "You cannot see the plan {plan}: it is for its team, owner, editors, steering "
        "group and responsible people.",
    },
    "permission.refused.act": {
        "da": "Kun de ansvarlige for aktiviteten og planens ejer og redaktører kan det "
        "(planen {plan}).",
        "sv": "Endast de ansvariga för aktiviteten och planens ägare och redaktörer kan det "
        "(planen {plan}).",
        "en": "Only the activity's responsible people and the plan's owner and editors can do "
        "that (plan {plan}).",
    },
    "permission.refused.change": {
        "da": "Kun planens ejer og redaktører kan ændre planen {plan}.",
        "sv": "Endast planens ägare och redaktörer kan ändra planen {plan}.",
        "en": "Only the plan's owner and editors can change the plan {plan}.",
    },
    "permission.refused.links": {
        "da": "Kun teamets medlemmer og planens ejer og redaktører får adressen.",
        "sv": "Endast teamets medlemmar och planens ägare och redaktörer får adressen.",
        "en": "Only the team's members and the plan's owner and editors get the address.",
    },
    "permission.refused.rotate": {
        "da": "Kun planens ejer, teamets administratorer eller commplans administrator kan "
        "skifte adressen.",
        "sv": "Endast planens ägare, teamets administratörer eller commplans administratör kan "
        "byta adressen.",
        "en": "Only the plan's owner, the team's admins or commplan's administrator can "
        "rotate the address.",
    },
    "permission.refused.revise": {
        "da": "Kun den, der bad om godkendelsen, og planens ejer kan ændre eller trække "
        "anmodningen tilbage ({plan}).",
        "sv": "Endast den som begärde godkännandet och planens ägare kan ändra eller dra "
        "tillbaka begäran ({plan}).",
        "en": "Only whoever asked for the approval and the plan's owner can revise or "
        "withdraw the request ({plan}).",
    },
    "permission.refused.create": {
        "da": "Kun teamets medlemmer kan oprette en plan i teamet.",
        "sv": "Endast teamets medlemmar kan skapa en plan i teamet.",
        "en": "Only the team's members can create a plan in the team.",
    },
    "permission.refused.administer": {
        "da": "Det kan kun commplans administrator.",
        "sv": "Det kan bara commplans administratör.",
        "en": "Only commplan's administrator can do that.",
    },
    "permission.notice.unlinked": {
        "da": "En bruger, der ikke er koblet til nogen i commplan ({surface}: {user} {name}), "
        "forsøgte at ændre planen {plan} ({attempted}). Kobl personen til med "
        "`commplan people link`, hvis vedkommende skal kunne.",
        "sv": "En användare som inte är kopplad till någon i commplan ({surface}: {user} "
        "{name}) försökte ändra planen {plan} ({attempted}). Koppla personen med "
        "`commplan people link` om den ska kunna det.",
        "en": "A user linked to nobody in commplan ({surface}: {user} {name}) tried to change "
        "the plan {plan} ({attempted}). Link them with `commplan people link` if they "
        "should be able to.",
    },
    "chat.which_team": {
        "da": "Du er med i flere teams; skriv hvilket: {teams}.",
        "sv": "Du är med i flera team; skriv vilket: {teams}.",
        "en": "You are in several teams; say which: {teams}.",
    },
    "error.bad_visibility": {
        "da": "Ukendt synlighed: {value} (kendte: {known}).",
        "sv": "Okänd synlighet: {value} (kända: {known}).",
        "en": "Unknown visibility: {value} (known: {known}).",
    },
    "error.bad_role": {
        "da": "Ukendt rolle: {value} (kendte: {known}).",
        "sv": "Okänd roll: {value} (kända: {known}).",
        "en": "Unknown role: {value} (known: {known}).",
    },
    "error.role_needs": {
        "da": "Rollen {role} gælder {what}: angiv --{what}.",
        "sv": "Rollen {role} gäller {what}: ange --{what}.",
        "en": "The role {role} is held in a {what}: give --{what}.",
    },
}
