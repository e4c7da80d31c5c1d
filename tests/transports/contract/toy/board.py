"""The toy surface's service: messages posted to its users, kept in memory, one board a
process (the notifier posts, the app answers, the tests read)."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field


@dataclass
class Message:
    id: str
    to: str
    text: str


@dataclass
class Board:
    messages: list[Message] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=itertools.count)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def post(self, to: str, text: str) -> str:
        with self._lock:
            message = Message(f"toy-{next(self._ids)}", to, text)
            self.messages.append(message)
            return message.id

    def rewrite(self, message_id: str, text: str) -> bool:
        with self._lock:
            for message in self.messages:
                if message.id == message_id:
                    message.text = text
                    return True
            return False

    def delete(self, message_id: str) -> bool:
        with self._lock:
            kept = [message for message in self.messages if message.id != message_id]
            deleted = len(kept) < len(self.messages)
            self.messages[:] = kept
            return deleted

    def texts(self, to: str | None = None) -> list[str]:
        with self._lock:
            return [m.text for m in self.messages if to is None or m.to == to]


BOARD = Board()
