"""The API fuzzed against its own OpenAPI spec (schemathesis): no input makes it answer 5xx.

Every operation also has to answer with what its spec says (status codes and
JSON shapes), except for undocumented-but-harmless statuses like 405.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from bounceback.sources.webhooks import WebhookSettings
from bounceback.web import ServerSettings, create_app
from bounceback.web.demo import build


def _demo_store(folder: Path):
    """The demo month in a store, so that lookups find things (None before the store is on this branch)."""
    try:
        from bounceback.store import Store
    except ImportError:
        return None

    store = Store.open(str(folder / "fuzz.db"))
    build(store)
    return store


WEBHOOKS = {"mailgun": {"signing_key": "fuzz-key"}, "postmark": {"username": "u", "password": "p"},
            "ses": {"topic_arns": ["arn:aws:sns:eu-west-1:123456789012:t"]},
            "generic": {"acme": {"secret": "s", "recipient": "/email"}}}

_tmp = tempfile.mkdtemp(prefix="bounceback-fuzz-")
_store = _demo_store(Path(_tmp))
app = create_app(ServerSettings(webhooks=WebhookSettings.from_table(WEBHOOKS), store=_store,
                                max_upload_bytes=256 * 1024))
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


def teardown_module() -> None:
    _store.close()
    shutil.rmtree(_tmp, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_on_any_input(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500
    ctype = response.headers.get("content-type") or [""]
    if (ctype[0] if isinstance(ctype, list) else ctype).startswith("application/json"):
        body = response.json()
        if response.status_code >= 400:
            assert set(body) == {"error"} and isinstance(body["error"], str)
