"""The chat's command words, one table per language: what a person may type, and the help.

Every language's words work for everyone (a Swede in a Danish plan may type ``kommande``);
``help`` shows the reader's own. A word maps to a *meaning*, the English verb the parser
knows (``bot/chat/commands/parsing.py``), so adding a command in one language is one line per
table. The tables must not disagree: a word that means two things in two languages is refused
when they are merged (``merged``), and ``tests/test_texts.py`` checks every language names
every meaning.

Each table holds, by the position a word takes in a command line:

- ``verbs``: the first word → the command (the first word of a command in the table is the one
  ``help`` shows; the rest are synonyms and spellings without æøåäö);
- ``scopes``: what ``upcoming`` looks at (``mine``, ``team``, ``plan``);
- ``decisions``: on an approval request (``approve``, ``reject``, ``changes``);
- ``outcomes``: of a follow-up (``yes``, ``partly``, ``no``);
- ``rotate``: ``feed``'s word for a new address;
- ``help``: one line per command, (command, its arguments, what it does), in the help's order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.texts.catalog import t
from config.languages import LANGUAGES, Language


@dataclass(frozen=True, slots=True)
class Words:
    verbs: Mapping[str, str]
    scopes: Mapping[str, str]
    decisions: Mapping[str, str]
    outcomes: Mapping[str, str]
    rotate: frozenset[str]
    help: tuple[tuple[str, str, str], ...]

    def shown(self, meaning: str) -> str:
        """The word ``help`` shows for a command: the table's first for that meaning."""
        return next(word for word, means in self.verbs.items() if means == meaning)


EN = Words(
    verbs={
        "help": "help",
        "upcoming": "upcoming",
        "mine": "mine",
        "done": "done",
        "close": "close",
        "reopen": "reopen",
        "move": "move",
        "plan": "plan",
        "approve": "approve",
        "decide": "decide",
        "approvals": "approvals",
        "revise": "revise",
        "withdraw": "withdraw",
        "why": "why",
        "followup": "followup",
        "replan": "replan",
        "digest": "digest",
        "feed": "feed",
        "connect": "connect",
        "import": "import",
        "steering": "steering",
    },
    scopes={"mine": "mine", "team": "team", "plan": "plan"},
    decisions={
        "approve": "approve",
        "reject": "reject",
        "changes": "changes",
        "request_changes": "changes",
    },
    outcomes={"yes": "yes", "partly": "partly", "no": "no"},
    rotate=frozenset({"rotate"}),
    help=(
        ("upcoming", "[mine | team NAME | plan NAME] [DAYS]", "what is coming (14 days)"),
        ("mine", "", "my upcoming activities"),
        ("done", "ID", "mark activity ID done (an ongoing one: this time)"),
        ("close", "ID", "end an ongoing or recurring activity for good"),
        ("reopen", "ID", "open a done activity again"),
        ("move", "ID WHEN", "a new date, the same activity"),
        ("plan", "NAME", "the state of a plan"),
        ("approve", "ID TEXT|LINK", "ask the steering group to approve"),
        ("decide", "NO approve|reject|changes [COMMENT]", "decide on request NO"),
        ("approvals", "", "open approval requests, with buttons"),
        ("revise", "NO TEXT|LINK", "a new draft for your request NO"),
        ("withdraw", "NO", "take your request NO back"),
        ("why", "NO REASON", "why a deviation from the plan"),
        ("followup", "ID yes|partly|no [NOTE]", "did the expected reaction happen?"),
        ("replan", "ID [WHEN]", "a new copy (follow-up said no)"),
        ("digest", "PLAN", "the week of a plan"),
        ("feed", "[rotate [TEAM]]", "your team's calendar address"),
        ("connect", "GROUP", "here: the steering group's channel"),
        ("import", "", "send your plan's file here (the console: import PATH)"),
        ("steering", "", "set up a plan's steering group (a form)"),
        ("help", "", "this help"),
    ),
)

DA = Words(
    verbs={
        "hjælp": "help",
        "hjaelp": "help",
        "kommende": "upcoming",
        "mine": "mine",
        "udført": "done",
        "færdig": "done",
        "udfoert": "done",
        "faerdig": "done",
        "luk": "close",
        "afslut": "close",
        "genåbn": "reopen",
        "genabn": "reopen",
        "flyt": "move",
        "plan": "plan",
        "godkend": "approve",
        "beslut": "decide",
        "godkendelser": "approvals",
        "revidér": "revise",
        "revider": "revise",
        "tilbagekald": "withdraw",
        "hvorfor": "why",
        "opfølgning": "followup",
        "opfoelgning": "followup",
        "genplanlæg": "replan",
        "genplanlaeg": "replan",
        "oversigt": "digest",
        "overblik": "digest",
        "kalender": "feed",
        "forbind": "connect",
        "importér": "import",
        "importer": "import",
        "styregruppe": "steering",
    },
    scopes={"mine": "mine", "team": "team", "plan": "plan"},
    decisions={
        "godkend": "approve",
        "afvis": "reject",
        "ændringer": "changes",
        "aendringer": "changes",
    },
    outcomes={"ja": "yes", "delvist": "partly", "nej": "no"},
    rotate=frozenset({"ny", "skift"}),
    help=(
        ("upcoming", "[mine | team NAVN | plan NAVN] [DAGE]", "hvad der kommer (14 dage)"),
        ("mine", "", "mine kommende aktiviteter"),
        ("done", "ID", "markér aktivitet ID som udført (en løbende: denne gang)"),
        ("close", "ID", "afslut en løbende eller gentaget aktivitet for godt"),
        ("reopen", "ID", "åbn en udført aktivitet igen"),
        ("move", "ID HVORNÅR", "ny dato, samme aktivitet"),
        ("plan", "NAVN", "status for en plan"),
        ("approve", "ID TEKST|LINK", "bed styregruppen godkende et udkast"),
        ("decide", "NR godkend|afvis|ændringer [KOMMENTAR]", "tag stilling til anmodning NR"),
        ("approvals", "", "åbne anmodninger om godkendelse, med knapper"),
        ("revise", "NR TEKST|LINK", "et nyt udkast til din anmodning NR"),
        ("withdraw", "NR", "træk din anmodning NR tilbage"),
        ("why", "NR GRUND", "hvorfor en afvigelse fra planen"),
        ("followup", "ID ja|delvist|nej [NOTE]", "skete den forventede reaktion?"),
        ("replan", "ID [HVORNÅR]", "ny kopi (opfølgningen sagde nej)"),
        ("digest", "PLAN", "ugens overblik for en plan"),
        ("feed", "[ny [TEAM]]", "teamets kalenderadresse (eller en ny)"),
        ("connect", "STYREGRUPPE", "i en kanal: styregruppens kanal"),
        ("import", "", "send din plans fil her (i konsollen: importér STI)"),
        ("steering", "", "opret en plans styregruppe (en formular)"),
        ("help", "", "denne hjælp"),
    ),
)

SV = Words(
    verbs={
        "hjälp": "help",
        "hjalp": "help",
        "kommande": "upcoming",
        "mina": "mine",
        "klar": "done",
        "utförd": "done",
        "utford": "done",
        "stäng": "close",
        "stang": "close",
        "avsluta": "close",
        "återöppna": "reopen",
        "ateroppna": "reopen",
        "flytta": "move",
        "plan": "plan",
        "godkänn": "approve",
        "godkann": "approve",
        "besluta": "decide",
        "godkännanden": "approvals",
        "revidera": "revise",
        "återkalla": "withdraw",
        "aterkalla": "withdraw",
        "varför": "why",
        "varfor": "why",
        "godkannanden": "approvals",
        "uppföljning": "followup",
        "uppfoljning": "followup",
        "omplanera": "replan",
        "översikt": "digest",
        "oversikt": "digest",
        "kalender": "feed",
        "koppla": "connect",
        "importera": "import",
        "styrgrupp": "steering",
    },
    scopes={"mina": "mine", "team": "team", "plan": "plan"},
    decisions={
        "godkänn": "approve",
        "godkann": "approve",
        "avslå": "reject",
        "avsla": "reject",
        "ändringar": "changes",
        "andringar": "changes",
    },
    outcomes={"ja": "yes", "delvis": "partly", "nej": "no"},
    rotate=frozenset({"ny", "byt"}),
    help=(
        ("upcoming", "[mina | team NAMN | plan NAMN] [DAGAR]", "vad som kommer (14 dagar)"),
        ("mine", "", "mina kommande aktiviteter"),
        ("done", "ID", "markera aktivitet ID som utförd (en löpande: den här gången)"),
        ("close", "ID", "avsluta en löpande eller återkommande aktivitet för gott"),
        ("reopen", "ID", "öppna en utförd aktivitet igen"),
        ("move", "ID NÄR", "nytt datum, samma aktivitet"),
        ("plan", "NAMN", "status för en plan"),
        ("approve", "ID TEXT|LÄNK", "be styrgruppen godkänna ett utkast"),
        ("decide", "NR godkänn|avslå|ändringar [KOMMENTAR]", "ta ställning till begäran NR"),
        ("approvals", "", "öppna begäranden om godkännande, med knappar"),
        ("revise", "NR TEXT|LÄNK", "ett nytt utkast till din begäran NR"),
        ("withdraw", "NR", "dra tillbaka din begäran NR"),
        ("why", "NR SKÄL", "varför en avvikelse från planen"),
        ("followup", "ID ja|delvis|nej [NOTERING]", "blev det förväntad reaktion?"),
        ("replan", "ID [NÄR]", "ny kopia (uppföljningen sa nej)"),
        ("digest", "PLAN", "veckans översikt för en plan"),
        ("feed", "[ny [TEAM]]", "teamets kalenderadress (eller en ny)"),
        ("connect", "STYRGRUPP", "i en kanal: styrgruppens kanal"),
        ("import", "", "skicka din plans fil här (i konsolen: importera SÖKVÄG)"),
        ("steering", "", "skapa en plans styrgrupp (ett formulär)"),
        ("help", "", "denna hjälp"),
    ),
)

WORDS: Mapping[Language, Words] = {"da": DA, "sv": SV, "en": EN}


def merged(part: str) -> dict[str, str]:
    """One position's words of every language together; a word that means two different
    things in two languages is a mistake in the tables, refused here (at import)."""
    found: dict[str, str] = {}
    for language in LANGUAGES:
        table: Mapping[str, str] = getattr(WORDS[language], part)
        for word, meaning in table.items():
            if found.setdefault(word, meaning) != meaning:
                raise ValueError(f"{part}: {word!r} means {found[word]} and {meaning}")
    return found


def help_lines(language: Language) -> list[str]:
    """The help's command lines in ``language``: its own word for each command, its
    arguments, what it does."""
    words = WORDS[language]
    usages = [
        (f"{words.shown(meaning)} {arguments}".strip(), what)
        for meaning, arguments, what in words.help
    ]
    width = max(len(usage) for usage, _ in usages) + 2
    return [f"  {usage.ljust(width)}{what}" for usage, what in usages]


def help_text(language: Language) -> str:
    """What ``help`` answers: the commands in the reader's words, and that the others work."""
    lines = [t("chat.help_title", language), *help_lines(language)]
    return "\n".join([*lines, t("chat.help_other_words", language)])
