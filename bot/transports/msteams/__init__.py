"""Microsoft Teams: the Teams SDK's app on commplan's FastAPI app, cards, and the notifier.

The SDK, when first imported, loads a ``.env`` file from the working directory *or any folder
above it* into the process's environment (``load_dotenv(find_dotenv(usecwd=True))`` in
``microsoft_teams.apps.app``): a stray ``.env`` in a parent folder would set CLIENT_SECRET,
SERVICE_URL and the like behind commplan's back. Every module of this package imports the SDK
after this one, so it is first imported here with that loading switched off. commplan's own
settings read only the working directory's ``.env`` (config/settings.py).
"""

from __future__ import annotations

import sys

import dotenv


def _import_sdk_without_dotenv() -> None:
    if "microsoft_teams.apps.app" in sys.modules:
        return  # imported before (then by someone else): nothing to switch off any more
    found, load = dotenv.find_dotenv, dotenv.load_dotenv
    dotenv.find_dotenv = lambda *_, **__: ""
    dotenv.load_dotenv = lambda *_, **__: False
    try:
        import microsoft_teams.apps.app  # noqa: F401, PLC0415
    finally:
        dotenv.find_dotenv, dotenv.load_dotenv = found, load


_import_sdk_without_dotenv()
