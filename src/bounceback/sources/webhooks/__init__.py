"""ESP webhooks as a source: Amazon SES (SNS), SendGrid, Mailgun, Postmark and a generic JSON mapping.

    from bounceback.sources.webhooks import Webhooks, WebhookRequest, WebhookSettings
    hooks = Webhooks(WebhookSettings.from_table(config["webhooks"]))
    received = hooks.receive("sendgrid", WebhookRequest.of(body, headers))   # verifies, or raises
    bounces = hooks.bounces(received)                                       # list[Bounce], via classify

Each provider module verifies the request (signature, HMAC or basic auth) and
normalises its events into the ``Delivery`` records decoded emails produce; a
request that fails verification raises ``WebhookRefused`` before anything is
read from its events.
"""

from __future__ import annotations

from ...model import Bounce
from . import generic, mailgun, postmark, sendgrid, ses
from .base import (
    Received,
    WebhookError,
    WebhookEvent,
    WebhookInvalid,
    WebhookNotConfigured,
    WebhookRefused,
    WebhookRequest,
    to_bounces,
)
from .settings import WebhookSettings

PROVIDERS = ("ses", "sendgrid", "mailgun", "postmark", "generic")

__all__ = [
    "PROVIDERS", "Received", "WebhookError", "WebhookEvent", "WebhookInvalid", "WebhookNotConfigured",
    "WebhookRefused", "WebhookRequest", "WebhookSettings", "Webhooks",
]


class Webhooks:
    """The configured providers, with the state verification needs (certificate cache, seen tokens)."""

    def __init__(self, settings: WebhookSettings, sns: ses.SnsHttp | None = None) -> None:
        self.settings = settings
        self.sns = sns or ses.SnsHttp()
        self.mailgun_tokens = mailgun.TokenMemory()

    def receive(self, provider: str, request: WebhookRequest, name: str = "") -> Received:
        """Verify and normalise one request; raises a ``WebhookError`` (with its HTTP status)."""
        s = self.settings
        if provider == "ses":
            return ses.receive(request, s.ses, self.sns)
        if provider == "sendgrid":
            return sendgrid.receive(request, s.sendgrid)
        if provider == "mailgun":
            return mailgun.receive(request, s.mailgun, self.mailgun_tokens)
        if provider == "postmark":
            return postmark.receive(request, s.postmark)
        if provider == "generic":
            return generic.receive(request, s.generic_named(name))
        raise WebhookNotConfigured(f"no webhook provider {provider!r} (one of {', '.join(PROVIDERS)})")

    @staticmethod
    def bounces(received: Received) -> list[Bounce]:
        return to_bounces(received, f"webhook:{received.provider}")
