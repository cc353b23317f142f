from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from bounceback.sources.webhooks import Webhooks, WebhookSettings
from bounceback.sources.webhooks.ses import SesSettings, SnsHttp

from .signers import TOPIC, Loopback, SnsSigner, self_signed


@pytest.fixture(scope="module")
def sns_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def _server(sns_key):
    server = Loopback(self_signed(sns_key)).start()
    yield server
    server.stop()


@pytest.fixture
def loopback(_server):
    _server.hits.clear()
    return _server


@pytest.fixture
def signer(loopback, sns_key) -> SnsSigner:
    return SnsSigner(f"{loopback.base}/cert.pem", sns_key)


@pytest.fixture
def ses_hooks(loopback) -> Webhooks:
    """SES webhooks whose certificate fetcher admits only the test's loopback server."""
    sns = SnsHttp(allow_url=lambda url: url.startswith(loopback.base + "/"))
    return Webhooks(WebhookSettings(ses=SesSettings((TOPIC,))), sns)
