"""``hearback health``: is this HearBack healthy? One line for the shell and Docker's HEALTHCHECK.

Apart from :mod:`bot.webhook` so that the check, which Docker runs every 30 seconds, imports
only the settings and the storage: not the Telegram layer, the web server or the scheduler
(about half the modules, and half the CPU time, of importing the webhook server).
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request

from bot.config import ConfigError, Settings, one_line
from bot.storage.db import check_database
from bot.storage.health import HEARTBEAT_HEALTH, check_writable
from bot.storage.migrate import SchemaError, check_revision

__all__ = ["HEALTH_PATH", "HEALTH_TIMEOUT_SECONDS", "check_health"]

HEALTH_PATH = "/healthz"
HEALTH_TIMEOUT_SECONDS = 5.0


async def _database_health(url: str) -> None:
    """Connect, check the schema is this HearBack's (a newer version's is unhealthy), and
    write a heartbeat (a read-only, full or locked database is unhealthy)."""
    await check_database(url, wait_seconds=HEALTH_TIMEOUT_SECONDS)
    async with asyncio.timeout(HEALTH_TIMEOUT_SECONDS):
        await check_revision(url)
    await check_writable(url, wait_seconds=HEALTH_TIMEOUT_SECONDS, name=HEARTBEAT_HEALTH)


def check_health(settings: Settings, *, mode: str = "auto") -> tuple[bool, str]:
    """Is this HearBack healthy? ``(ok, one line)`` for ``hearback health`` and Docker.

    ``mode``: ``webhook`` asks the running server's ``/healthz`` (on this machine);
    ``database`` connects to the database and checks it is migrated to this HearBack's
    newest revision (not a newer one's); ``auto`` is ``webhook``
    when ``WEBHOOK_URL`` is set, else ``database``.
    """
    if mode == "auto":
        mode = "webhook" if settings.webhook_url else "database"
    if mode == "database":
        try:
            asyncio.run(_database_health(settings.database_url))
        except (ConfigError, SchemaError) as exc:
            return False, str(exc)
        return True, "database ok"
    if mode != "webhook":
        raise ValueError(f"unknown health mode {mode!r}")
    host = settings.webhook_listen
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    url = f"http://{host}:{settings.webhook_port}{HEALTH_PATH}"
    try:
        with urllib.request.urlopen(url, timeout=HEALTH_TIMEOUT_SECONDS) as response:
            body = response.read(1000).decode("utf-8", "replace")
            return response.status == 200, f"{url}: {response.status} {one_line(body)}"
    except urllib.error.HTTPError as exc:
        body = exc.read(1000).decode("utf-8", "replace")
        return False, f"{url}: {exc.code} {one_line(body)}"
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return False, f"{url}: {one_line(str(reason), limit=120)}"
