"""`steering` / `styregruppe` / `styrgrupp`: a plan's steering group set up from chat.

Every surface asks the same fields its own way (Slack a modal with user pickers, Teams a card
with people pickers, the console one prompt per field) and sends them to ``submit``; the
service decides who may (whoever may change the plan) and tells the chair.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.chat.caller import Caller
from bot.chat.replies import Action, Button, Reply
from bot.services import Services
from bot.services.steering import Pick
from bot.services.views import PlanView
from bot.texts import t
from config.languages import Language
from storage.models import DecisionRule

# The decision rules in the order a form offers them (the first is the default).
RULES = (DecisionRule.ANY, DecisionRule.ALL, DecisionRule.MAJORITY, DecisionRule.CHAIR)
# The console's questions, in order; each answer fills the field of the same name.
FIELDS = ("plan", "name", "chair", "members", "rule", "deputies")


@dataclass(frozen=True, slots=True)
class SteeringForm:
    plan: str
    name: str
    chair: Pick
    members: tuple[Pick, ...] = ()
    rule: str = DecisionRule.ANY.value
    deputies: tuple[Pick, ...] = ()


def rule_choices(language: Language) -> list[tuple[str, str]]:
    """(value, label) of each rule, for a form's select."""
    return [(rule.value, t(f"steering.rule.{rule.value}", language)) for rule in RULES]


def plans_for_form(services: Services, caller: Caller) -> list[PlanView]:
    """The plans the form may set up a group for: those the caller may change."""
    return services.plans.changeable(caller.actor)


def open_reply(services: Services, caller: Caller) -> Reply:
    """Typed `steering` where no form opens by itself (a DM message on Slack): a button that
    opens it; nobody who may change no plan is offered one."""
    language = caller.language
    if not plans_for_form(services, caller):
        # Recorded like every refusal; linked to nobody, the line says who can link them.
        services.steering.gate.refuse(
            caller.actor,
            "change",
            action="steering.form",
            plan=None,
            entity=("person", caller.person_id),
            key="steering.form.no_plan",
        )
    button = Button(Action.STEERING_FORM, "0", t("button.steering_form", language))
    return Reply(t("steering.form.open", language), buttons=(button,))


def typed_picks(text: str | None) -> tuple[Pick, ...]:
    """People typed as names, aliases or e-mail addresses, separated by commas."""
    return tuple(Pick(text=part.strip()) for part in (text or "").split(",") if part.strip())


def submit(services: Services, form: SteeringForm, caller: Caller) -> Reply:
    """Create the group for the plan, as the caller; the answer names what is next."""
    view = services.steering.create_for_plan(
        form.plan,
        form.name,
        caller.actor,
        chair=form.chair,
        members=form.members,
        rule=form.rule or DecisionRule.ANY.value,
        deputies=form.deputies,
    )
    plan = services.plans.get(form.plan).name
    return Reply(
        t(
            "steering.created",
            caller.language,
            name=view.name,
            plan=plan,
            chair=view.chair or "–",
            members=len(view.members),
        )
    )
