"""What the server is started with; built by the ``serve`` command from its options and bounceback.toml."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from ..errors import BouncebackError
from ..sources.webhooks import WebhookSettings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8750
MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # one upload (a bounce, or an mbox of many)
MAX_WEBHOOK_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ServerSettings:
    webhooks: WebhookSettings = field(default_factory=WebhookSettings)
    store: Any = None  # a bounceback.store.Store, when the server has a database
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_webhook_bytes: int = MAX_WEBHOOK_BYTES
    secure_cookies: bool = False  # set behind HTTPS (a proxy terminating TLS)


def is_loopback(host: str) -> bool:
    """``127.0.0.0/8``, ``::1`` and ``localhost``: reachable from this machine only."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, auth_configured: bool) -> None:
    """Refuse to listen beyond loopback while anyone who can connect could use the server."""
    if not is_loopback(host) and not auth_configured:
        raise BouncebackError(
            f"refusing to listen on {host} without authentication: create an API token first "
            "(bounceback token create NAME), or listen on 127.0.0.1")
