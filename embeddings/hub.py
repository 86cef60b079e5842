"""Whether the model hub can be reached, asked once before a hub name is loaded.

Without this, a mistyped or uncached model name on a machine without hub access spends over a minute in
huggingface_hub's retries (five per file, several files) before the one error that matters.
"""
from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

PROBE_SECONDS = 3.0
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


def hub_endpoint() -> str:
    from huggingface_hub import constants

    return constants.ENDPOINT


def hub_unreachable(endpoint: str | None = None) -> str | None:
    """Why the hub cannot be reached (a DNS or connection error), or None when it can or that cannot be told
    here (behind a proxy, the proxy decides)."""
    if any(os.environ.get(name) for name in PROXY_VARIABLES):
        return None
    parts = urlsplit(endpoint or hub_endpoint())
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        socket.create_connection((host, port), timeout=PROBE_SECONDS).close()
    except OSError as exc:
        return f"{host} cannot be reached: {exc.strerror or exc}"
    return None
