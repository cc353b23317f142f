"""Server logging: one line per request (client, method, path, status), never headers or bodies.

Tokens travel only in the Authorization header, the login form's body and the
session cookie, none of which is logged; the dashboard never puts one in a URL.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

PLAIN = "%(asctime)s %(levelname)s %(message)s"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps({"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                           "level": record.levelname.lower(), "logger": record.name,
                           "message": record.getMessage()})


def log_config(as_json: bool) -> dict:
    formatter = {"()": f"{__name__}.JsonFormatter"} if as_json else {"format": PLAIN}
    handler = {"class": "logging.StreamHandler", "formatter": "main", "stream": "ext://sys.stderr"}
    loggers = {name: {"handlers": ["stderr"], "level": "INFO", "propagate": False}
               for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "bounceback")}
    return {"version": 1, "disable_existing_loggers": False, "formatters": {"main": formatter},
            "handlers": {"stderr": handler}, "loggers": loggers}
