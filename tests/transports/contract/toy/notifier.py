"""The toy surface's notifier: the base's sequence, and only how the toy addresses and posts."""

from __future__ import annotations

from bot.chat.caller import Caller
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.console.render import render
from bot.transports.notifying import BatchNotifier
from config.languages import Language
from scheduler.notifier import Delivery, DeliveryError, Notice
from tests.transports.contract.toy import TOY, TOY_ORIGIN
from tests.transports.contract.toy.board import BOARD, Board

ToyWhere = tuple[str, Language]


def build(services: Services, timeout: float) -> ToyNotifier:
    return ToyNotifier(services, BOARD, timeout)


class ToyNotifier(BatchNotifier[ToyWhere]):
    name = "toy"
    min_interval = 0.0

    def __init__(self, services: Services, board: Board, timeout: float = 1.0) -> None:
        super().__init__(services)
        self.board = board
        self.timeout = timeout

    def call_timeout(self) -> float:
        return self.timeout

    def destination(self, notice: Notice) -> ToyWhere:
        recipient = self._batch.recipient(self.services, notice)
        reach = recipient.on(TOY)
        if reach is None:
            raise DeliveryError("not on the toy surface", permanent=True)
        return reach.target, recipient.language

    def send(self, notice: Notice, where: ToyWhere) -> Delivery:
        to, language = where
        caller = Caller(Actor(TOY_ORIGIN, notice.person_id, ""), language)
        text = render(self.reply(notice, caller), language).text
        self.last_moment(notice)
        return Delivery(external_id=self.board.post(to, text))

    def rewrite(self, notice: Notice, where: ToyWhere, request_id: int, posted: str) -> None:
        request = self.services.approvals.get(request_id)
        self.board.rewrite(posted, f"{request.activity_title}: {request.status}")

    def remove(self, notice: Notice, delivery: Delivery) -> bool:
        return self.board.delete(delivery.external_id or "")
