"""Amazon SES notifications, delivered by Amazon SNS to an HTTPS endpoint.

SNS signs every message (AWS "Verifying the signatures of Amazon SNS
messages"): the string to sign is ``Name\\nValue\\n`` for a fixed list of fields
in a fixed order, signed with RSA (SHA1 for ``SignatureVersion`` 1, SHA256 for
2) by the key of the X.509 certificate at ``SigningCertURL``. That URL must be
HTTPS on ``sns.<region>.amazonaws.com``; certificates are fetched once and
cached. A valid signature proves the message came from SNS, not that it came
from *your* topic, so only the topics listed in the settings are accepted.

``SubscriptionConfirmation`` is confirmed by fetching its ``SubscribeURL``
(the same host rule applies). ``Notification`` carries the SES event as a JSON
string in ``Message``: ``notificationType`` (identity notifications) or
``eventType`` (configuration-set event publishing) ``Bounce``, ``Complaint``,
``Delivery``, ``DeliveryDelay``; categories map through ``[ses.*]`` of
``knowledge/webhooks.toml``.
"""

from __future__ import annotations

import base64
import json
import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from ...decode.scan import host_of
from .base import (
    Received,
    WebhookEvent,
    WebhookInvalid,
    WebhookNotConfigured,
    WebhookRefused,
    WebhookRequest,
    iso_time,
    lookup,
    make_event,
    original_of,
    text,
)

NAME = "ses"
DECODED_BY = "ses-webhook"

# AWS: the fields in the string to sign, in order, per message type ("Subject" only when present)
SIGNED_FIELDS = {
    "Notification": ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"),
    "SubscriptionConfirmation": ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"),
    "UnsubscribeConfirmation": ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"),
}
_HASHES = {"1": hashes.SHA1, "2": hashes.SHA256}
MAX_CERT_BYTES = 64 * 1024
CACHE_SIZE = 32


def is_sns_url(url: str) -> bool:
    """HTTPS on ``sns.<region>.amazonaws.com`` (or ``.amazonaws.com.cn``), nothing else."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or parts.port not in (None, 443) or parts.username or parts.password:
        return False
    for suffix in (".amazonaws.com", ".amazonaws.com.cn"):
        if host.startswith("sns.") and host.endswith(suffix):
            region = host[4:-len(suffix)]
            return bool(region) and all(c.isalnum() or c == "-" for c in region) and region.isascii()
    return False


class SnsHttp:
    """Fetches SNS signing certificates (cached by URL) and confirms subscriptions.

    Only URLs that ``allow_url`` accepts are fetched; in production that is
    ``is_sns_url``. Tests pass a rule that admits their loopback server.
    """

    def __init__(self, allow_url: Callable[[str], bool] = is_sns_url, timeout: float = 5.0) -> None:
        self.allow_url = allow_url
        self.timeout = timeout
        self._certs: dict[str, rsa.RSAPublicKey] = {}
        self._lock = threading.Lock()

    def get(self, url: str, limit: int = MAX_CERT_BYTES) -> bytes:
        if not self.allow_url(url):
            raise WebhookRefused(f"{url!r} is not an Amazon SNS URL")
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as resp:  # noqa: S310 (scheme checked above)
                return resp.read(limit)
        except OSError as exc:
            raise WebhookRefused(f"cannot fetch {url} ({exc})") from None

    def public_key(self, url: str) -> rsa.RSAPublicKey:
        with self._lock:
            key = self._certs.get(url)
        if key is not None:
            return key
        try:
            key = x509.load_pem_x509_certificate(self.get(url)).public_key()
        except ValueError as exc:
            raise WebhookRefused(f"{url} is not a PEM certificate ({exc})") from None
        if not isinstance(key, rsa.RSAPublicKey):
            raise WebhookRefused(f"{url}: the certificate's key is not RSA")
        with self._lock:
            if len(self._certs) >= CACHE_SIZE:
                self._certs.pop(next(iter(self._certs)))
            self._certs[url] = key
        return key


@dataclass(frozen=True, slots=True)
class SesSettings:
    topic_arns: tuple[str, ...]  # only these topics are accepted
    confirm_subscriptions: bool = True


def string_to_sign(msg: dict[str, Any]) -> bytes:
    fields = SIGNED_FIELDS[msg["Type"]]
    out = []
    for name in fields:
        if name == "Subject" and "Subject" not in msg:
            continue
        value = msg.get(name)
        if not isinstance(value, str):
            raise WebhookRefused(f"the SNS message lacks the signed field {name}")
        out.append(f"{name}\n{value}\n")
    return "".join(out).encode()


def verify(msg: dict[str, Any], http: SnsHttp) -> None:
    """Raise ``WebhookRefused`` unless SNS signed this message."""
    version = text(msg.get("SignatureVersion"))
    if version not in _HASHES:
        raise WebhookRefused(f"unsupported SNS SignatureVersion {version!r}")
    signature = text(msg.get("Signature"))
    cert_url = text(msg.get("SigningCertURL") or msg.get("SigningCertUrl"))
    if not signature or not cert_url:
        raise WebhookRefused("the SNS message is not signed")
    try:
        raw_sig = base64.b64decode(signature, validate=True)
    except ValueError:
        raise WebhookRefused("the SNS signature is not base64") from None
    key = http.public_key(cert_url)
    try:
        key.verify(raw_sig, string_to_sign(msg), padding.PKCS1v15(), _HASHES[version]())
    except InvalidSignature:
        raise WebhookRefused("the SNS signature does not match") from None


def receive(request: WebhookRequest, settings: SesSettings | None, http: SnsHttp) -> Received:
    if settings is None or not settings.topic_arns:
        raise WebhookNotConfigured("Amazon SES webhooks are not configured (webhooks.ses.topic_arns)")
    msg = request.json()
    if not isinstance(msg, dict) or msg.get("Type") not in SIGNED_FIELDS:
        raise WebhookRefused("not an Amazon SNS message")
    kind = msg["Type"]
    declared = request.header("x-amz-sns-message-type")
    if declared and declared != kind:
        raise WebhookRefused("x-amz-sns-message-type does not match the message")
    if msg.get("TopicArn") not in settings.topic_arns:
        raise WebhookRefused(f"SNS topic {text(msg.get('TopicArn'))!r} is not one this server accepts")
    verify(msg, http)
    if kind == "SubscriptionConfirmation":
        if not settings.confirm_subscriptions:
            return Received(NAME, note="subscription not confirmed (confirm_subscriptions = false)")
        http.get(text(msg.get("SubscribeURL")))
        return Received(NAME, note=f"subscription to {msg['TopicArn']} confirmed")
    if kind == "UnsubscribeConfirmation":
        return Received(NAME, note=f"unsubscribed from {msg['TopicArn']}")
    try:
        event = json.loads(text(msg.get("Message")))
    except ValueError:
        raise WebhookInvalid("the SNS Message is not an SES notification (not JSON)") from None
    if not isinstance(event, dict):
        raise WebhookInvalid("the SNS Message is not an SES notification")
    events, ignored = from_ses_event(event, text(msg.get("MessageId")))
    return Received(NAME, events, ignored)


def _first(v: Any) -> str:
    return text(v[0]) if isinstance(v, list) and v else text(v)


def _original(event: dict[str, Any]) -> Any:
    mail = event.get("mail") if isinstance(event.get("mail"), dict) else {}
    common = mail.get("commonHeaders") if isinstance(mail.get("commonHeaders"), dict) else {}
    headers = {text(h.get("name")): text(h.get("value")) for h in mail.get("headers") or []
               if isinstance(h, dict)}
    return original_of(message_id=text(common.get("messageId")) or text(mail.get("messageId")),
                       sender=_first(common.get("from")), to=_first(common.get("to")),
                       subject=text(common.get("subject")), headers=headers)


def _recipients(items: Any) -> list[dict[str, Any]]:
    return [r if isinstance(r, dict) else {"emailAddress": r} for r in items or [] if isinstance(r, dict | str)]


def _diagnostic(code: str) -> tuple[str, str]:
    """``smtp; 550 5.1.1 ...`` -> ("SMTP", "550 5.1.1 ...")."""
    head, sep, rest = code.partition(";")
    if sep and len(head) <= 12 and " " not in head.strip():
        return head.strip().upper(), rest.strip()
    return "", code.strip()


def from_ses_event(event: dict[str, Any], message_id: str) -> tuple[tuple[WebhookEvent, ...], int]:
    """(events, ignored) of one SES notification."""
    kind = text(event.get("notificationType") or event.get("eventType"))
    original = _original(event)
    out: list[WebhookEvent] = []
    if kind == "Bounce":
        b = event.get("bounce") or {}
        key = f"{text(b.get('bounceType'))}/{text(b.get('bounceSubType'))}"
        cat = lookup(NAME, "bounce", key, key.split("/")[0] + "/*")
        items, body, ident = _recipients(b.get("bouncedRecipients")), b, text(b.get("feedbackId"))
    elif kind == "DeliveryDelay":
        b = event.get("deliveryDelay") or {}
        cat = lookup(NAME, "delay", text(b.get("delayType")), "*")
        items, body, ident = _recipients(b.get("delayedRecipients")), b, ""
    elif kind == "Complaint":
        b = event.get("complaint") or {}
        cat = lookup(NAME, "other", "Complaint")
        items, body, ident = _recipients(b.get("complainedRecipients")), b, text(b.get("feedbackId"))
    elif kind == "Delivery":
        b = event.get("delivery") or {}
        cat = lookup(NAME, "other", "Delivery")
        items, body, ident = _recipients(b.get("recipients")), b, ""
    else:
        return (), 1
    if cat is None or cat.ignore or not isinstance(body, dict):
        return (), 1
    when = iso_time(body.get("timestamp"))
    reporting = host_of(text(body.get("reportingMTA")))
    for n, r in enumerate(items):
        dtype, diag = _diagnostic(text(r.get("diagnosticCode")) or text(body.get("smtpResponse")))
        ftype = text(body.get("complaintFeedbackType")) if kind == "Complaint" else ""
        ev = make_event(f"{ident or message_id}:{n}", text(r.get("emailAddress")), cat,
                        diagnostic=diag, diagnostic_type=dtype, status=text(r.get("status")),
                        reporting_mta=reporting, remote_mta=host_of(text(body.get("remoteMtaIp"))),
                        date=when, feedback_type=ftype, original=original, decoded_by=DECODED_BY)
        if ev is not None:
            out.append(ev)
    return tuple(out), 0
