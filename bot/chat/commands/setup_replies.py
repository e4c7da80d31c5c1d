"""Replies that set a person or a channel up: the calendar feed, a channel for a steering group,
the steering form, and where an import goes."""

from __future__ import annotations

from bot.chat.caller import Caller
from bot.chat.commands.parsed import ConnectCommand, FeedCommand, ImportCommand, SteeringCommand
from bot.chat.replies import Reply
from bot.chat.steering_form import open_reply
from bot.services import Services
from bot.texts import t


def setting_up_reply(
    services: Services, command: SteeringCommand | ImportCommand, caller: Caller
) -> Reply:
    """`steering` offers its form; `import` says to send the file: a chat never reads a
    path of the server (only the console, on its person's machine, does)."""
    if isinstance(command, SteeringCommand):
        return open_reply(services, caller)
    return Reply(t("upload.send_here", caller.language))


def feed_reply(services: Services, command: FeedCommand, caller: Caller) -> Reply:
    """`feed`: the caller's teams' calendar feeds; `feed rotate [TEAM]`: a new link."""
    language = caller.language
    feeds = services.feeds
    if caller.person_id is None:
        raise feeds.gate.not_linked()  # a feed is a person's teams'; nothing was asked
    if command.rotate:
        link = feeds.rotate_as_member(caller.person_id, caller.actor, command.team)
        return Reply(t("chat.feed_rotated", language, team=link.owner, url=link.url))
    links = feeds.links_of_member(caller.person_id, caller.actor)
    if not links:
        return Reply(t("chat.no_team", language))
    return Reply(
        "\n\n".join(
            t("chat.feed", language, team=link.owner, url=link.url)
            if link.url
            else t("chat.feed_shown", language, team=link.owner)
            for link in links
        )
    )


def connect_reply(services: Services, command: ConnectCommand, caller: Caller) -> Reply:
    """This channel becomes where the steering group's approval requests and digest go."""
    language = caller.language
    place = caller.place
    if place is None or not place.is_channel:
        return Reply(t("chat.connect_in_channel", language))
    group = services.steering.connect_channel(
        command.group,
        caller.actor,
        surface=place.surface,
        conversation_id=place.conversation_id,
        service_url=place.service_url,
    )
    return Reply(t("chat.connected", language, name=group.name), private=False)
