"""What `commplan serve` and `reminders run` need of e-mail: the notifier and the link pages."""

from __future__ import annotations

from fastapi import APIRouter

from bot.services import Services
from bot.transports.email.links import ActionLinks
from bot.transports.email.notifier import EmailNotifier
from bot.transports.email.pages import EmailPages
from bot.transports.email.smtp import SmtpSender, parse_smtp_url


def action_links(services: Services) -> ActionLinks:
    """The links reach the web app where people reach it (COMMPLAN_PUBLIC_URL)."""
    return ActionLinks(services.context.settings, services.context.public_url("/"))


def email_notifier(services: Services, timeout: float) -> EmailNotifier:
    """``timeout``: the whole of one send, inside the outbox lease (scheduler/outbox/drain.py)."""
    settings = services.context.settings
    if settings.smtp_url is None:
        raise ValueError("COMMPLAN_SMTP_URL is not set")
    address = parse_smtp_url(settings.smtp_url.get_secret_value())
    return EmailNotifier(services, SmtpSender(address, timeout), action_links(services))


def email_router(services: Services) -> APIRouter:
    return EmailPages(services, action_links(services)).router()
