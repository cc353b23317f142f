"""The ``[webhooks]`` table of bounceback.toml: which providers are accepted, with their secrets.

    [webhooks.ses]
    topic_arns = ["arn:aws:sns:eu-west-1:123456789012:ses-bounces"]
    [webhooks.sendgrid]
    public_key = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…"   # Settings > Mail Settings > Signed Event Webhook
    [webhooks.mailgun]
    signing_key = "key-…"                                  # Sending > Webhooks > HTTP webhook signing key
    [webhooks.postmark]
    username = "postmark"
    password = "…"                                         # written into the webhook URL in Postmark
    [webhooks.generic.NAME]                                # see generic.py

A provider without its table refuses every request (404): nothing is accepted unverified.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...errors import InputError
from .base import WebhookNotConfigured
from .generic import GenericSettings
from .mailgun import MailgunSettings
from .postmark import PostmarkSettings
from .sendgrid import SendGridSettings
from .ses import SesSettings


def _table(parent: dict[str, Any], key: str, where: str) -> dict[str, Any] | None:
    value = parent.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(f"{where}.{key}", "must be a table")
    return value


def _str(t: dict[str, Any], key: str, where: str, required: bool = True) -> str:
    value = t.get(key, "")
    if not isinstance(value, str) or (required and not value):
        raise InputError(f"{where}.{key}", "must be a non-empty string" if required else "must be a string")
    return value


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    ses: SesSettings | None = None
    sendgrid: SendGridSettings | None = None
    mailgun: MailgunSettings | None = None
    postmark: PostmarkSettings | None = None
    generic: tuple[GenericSettings, ...] = ()

    @classmethod
    def from_table(cls, t: dict[str, Any] | None) -> WebhookSettings:
        """Settings from the ``[webhooks]`` table; a bad value is an ``InputError`` naming it."""
        if not t:
            return cls()
        if not isinstance(t, dict):
            raise InputError("webhooks", "must be a table")
        w = "webhooks"
        ses = sendgrid = mailgun = postmark = None
        if (s := _table(t, "ses", w)) is not None:
            arns = s.get("topic_arns")
            if not isinstance(arns, list) or not arns or not all(isinstance(a, str) and a for a in arns):
                raise InputError("webhooks.ses.topic_arns", "must list the SNS topic ARNs to accept")
            ses = SesSettings(tuple(arns), bool(s.get("confirm_subscriptions", True)))
        if (s := _table(t, "sendgrid", w)) is not None:
            sendgrid = SendGridSettings(_str(s, "public_key", "webhooks.sendgrid"))
            try:
                sendgrid.key()  # fails now, with the setting's name, rather than on the first request
            except WebhookNotConfigured as exc:
                raise InputError("webhooks.sendgrid.public_key", str(exc).split("(", 1)[-1].rstrip(")")) from None
        if (s := _table(t, "mailgun", w)) is not None:
            age = s.get("max_age_seconds", 900)
            if not isinstance(age, int) or age <= 0:
                raise InputError("webhooks.mailgun.max_age_seconds", "must be a positive number of seconds")
            mailgun = MailgunSettings(_str(s, "signing_key", "webhooks.mailgun"), age)
        if (s := _table(t, "postmark", w)) is not None:
            postmark = PostmarkSettings(_str(s, "username", "webhooks.postmark"),
                                        _str(s, "password", "webhooks.postmark"))
        generic = _table(t, "generic", w) or {}
        for name, g in generic.items():
            if not isinstance(g, dict):
                raise InputError(f"webhooks.generic.{name}", "must be a table")
        return cls(ses, sendgrid, mailgun, postmark,
                   tuple(GenericSettings.from_table(n, g) for n, g in generic.items()))

    def configured(self) -> tuple[str, ...]:
        names = [n for n in ("ses", "sendgrid", "mailgun", "postmark") if getattr(self, n) is not None]
        return (*names, *(f"generic/{g.name}" for g in self.generic))

    def generic_named(self, name: str) -> GenericSettings | None:
        return next((g for g in self.generic if g.name == name), None)
