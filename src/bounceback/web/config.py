"""The server's part of bounceback.toml: the ``[webhooks]`` table (and ``[server]``).

Found like every other setting: ``--config``, ``BOUNCEBACK_CONFIG``, else
``bounceback.toml`` in the current directory; every setting is optional.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from ..errors import InputError

CONFIG_ENV = "BOUNCEBACK_CONFIG"


def read_config(explicit: str | None = None) -> dict[str, Any]:
    path = Path(explicit) if explicit else Path(os.environ[CONFIG_ENV]) if os.environ.get(CONFIG_ENV) else None
    if path is None:
        local = Path("bounceback.toml")
        if not local.is_file():
            return {}
        path = local
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not valid TOML ({exc})") from None
