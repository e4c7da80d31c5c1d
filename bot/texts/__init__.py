"""User-facing strings in Danish, Swedish and English.

Import ``t`` from here: importing the package registers every area's strings.
"""

from bot.texts import (
    approvals,
    audiences,
    audit,
    calendar,
    chat,
    cli,
    common,
    data,
    email,
    feeds,
    importing,
    local,
    loop,
    msteams,
    pages,
    permissions,
    reimport,
    reminders,
    steering_form,
    tables,
    timing,
    uploads,
)
from bot.texts.actors import actor_text
from bot.texts.catalog import Phrase, all_messages, register, t, verbatim

register(common.MESSAGES)
register(chat.MESSAGES)
register(reminders.MESSAGES)
register(importing.MESSAGES)
register(feeds.MESSAGES)
register(approvals.MESSAGES)
register(loop.MESSAGES)
register(pages.MESSAGES)
register(msteams.MESSAGES)
register(permissions.MESSAGES)
register(data.MESSAGES)
register(audit.MESSAGES)
register(email.MESSAGES)
register(audiences.MESSAGES)
register(timing.MESSAGES)
register(audiences.OVERLAPS)
register(audiences.DEVIATIONS)
register(audiences.LEAD_TIMES)
register(calendar.MESSAGES)
register(local.MESSAGES)
register(tables.MESSAGES)
register(cli.MESSAGES)
register(uploads.MESSAGES)
register(steering_form.MESSAGES)
register(reimport.MESSAGES)

__all__ = ["Phrase", "actor_text", "all_messages", "register", "t", "verbatim"]
