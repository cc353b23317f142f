"""Real signed webhook requests, made the way each ESP makes them, with keys generated here.

The string SNS signs is built by hand from the AWS documentation (not with the
code under test), so a wrong field order in the verifier fails the tests.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-bounces"


def self_signed(key: rsa.RSAPrivateKey, name: str = "sns.eu-west-1.amazonaws.com") -> bytes:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30)).sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM)


@dataclass
class Loopback:
    """A loopback HTTP server: serves the signing certificate, records subscription confirmations."""

    cert_pem: bytes
    hits: list[str] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    def start(self) -> Loopback:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                outer.hits.append(self.path)
                if self.path.startswith("/cert.pem"):
                    body, ctype = outer.cert_pem, "application/x-pem-file"
                elif self.path.startswith("/confirm"):
                    body, ctype = b"<ConfirmSubscriptionResponse/>", "text/xml"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()


class SnsSigner:
    def __init__(self, cert_url: str, key: rsa.RSAPrivateKey | None = None) -> None:
        self.key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.cert_url = cert_url

    def sign(self, msg: dict, version: str = "1") -> dict:
        if msg["Type"] == "Notification":
            names = ["Message", "MessageId"] + (["Subject"] if "Subject" in msg else []) + \
                    ["Timestamp", "TopicArn", "Type"]
        else:
            names = ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
        canonical = "".join(f"{n}\n{msg[n]}\n" for n in names).encode()
        algo = hashes.SHA1() if version == "1" else hashes.SHA256()
        sig = self.key.sign(canonical, padding.PKCS1v15(), algo)
        return {**msg, "SignatureVersion": version, "Signature": base64.b64encode(sig).decode(),
                "SigningCertURL": self.cert_url}

    def notification(self, ses_event: dict, message_id: str = "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
                     topic: str = TOPIC, version: str = "1") -> dict:
        return self.sign({"Type": "Notification", "MessageId": message_id, "TopicArn": topic,
                          "Message": json.dumps(ses_event), "Timestamp": "2026-11-02T09:14:07.123Z",
                          "UnsubscribeURL": "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe"},
                         version)


def sns_headers(msg: dict) -> dict[str, str]:
    return {"Content-Type": "text/plain; charset=UTF-8", "x-amz-sns-message-type": msg["Type"],
            "x-amz-sns-message-id": msg["MessageId"], "x-amz-sns-topic-arn": msg["TopicArn"]}


class SendGridSigner:
    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())

    @property
    def public_key(self) -> str:
        der = self.key.public_key().public_bytes(serialization.Encoding.DER,
                                                 serialization.PublicFormat.SubjectPublicKeyInfo)
        return base64.b64encode(der).decode()

    def headers(self, body: bytes, timestamp: str = "1793610847") -> dict[str, str]:
        sig = self.key.sign(timestamp.encode() + body, ec.ECDSA(hashes.SHA256()))
        return {"Content-Type": "application/json",
                "X-Twilio-Email-Event-Webhook-Signature": base64.b64encode(sig).decode(),
                "X-Twilio-Email-Event-Webhook-Timestamp": timestamp}


def mailgun_body(signing_key: str, event_data: dict, timestamp: str, token: str) -> bytes:
    sig = hmac.new(signing_key.encode(), (timestamp + token).encode(), hashlib.sha256).hexdigest()
    return json.dumps({"signature": {"timestamp": timestamp, "token": token, "signature": sig},
                       "event-data": event_data}).encode()


def basic_auth(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode(),
            "Content-Type": "application/json"}


def hmac_hex(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
