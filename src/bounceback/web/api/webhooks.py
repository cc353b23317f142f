"""``POST /webhooks/{provider}``: ESP events, verified by the provider's own signature (no API token).

A request whose signature or credentials do not verify is answered 401 and
nothing of it is used or stored.
"""

from __future__ import annotations

from enum import StrEnum

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from ...sources.webhooks import WebhookRequest, Webhooks
from ..schemas import ErrorOut, WebhookOut
from ..uploads import read_capped

router = APIRouter(prefix="/webhooks", tags=["webhooks"])
ERRORS = {400: {"model": ErrorOut}, 401: {"model": ErrorOut}, 404: {"model": ErrorOut},
          413: {"model": ErrorOut}}


class Provider(StrEnum):
    ses = "ses"
    sendgrid = "sendgrid"
    mailgun = "mailgun"
    postmark = "postmark"


async def _receive(request: Request, provider: str, name: str = "") -> dict:
    body = await read_capped(request, request.app.state.settings.max_webhook_bytes)
    hooks: Webhooks = request.app.state.webhooks
    req = WebhookRequest.of(body, dict(request.headers), str(request.url))
    received = await run_in_threadpool(hooks.receive, provider, req, name)
    bounces = hooks.bounces(received)
    recorded = await run_in_threadpool(request.app.state.record_webhook, received, bounces)
    return {"provider": received.provider, "events": len(received.events), "ignored": received.ignored,
            "recorded": recorded, "note": received.note, "bounces": [b.to_dict() for b in bounces]}


@router.post("/{provider}", response_model=WebhookOut, responses=ERRORS)
async def esp_webhook(provider: Provider, request: Request) -> dict:
    """Amazon SES (SNS), SendGrid, Mailgun or Postmark events, normalised like decoded bounces."""
    return await _receive(request, provider.value)


@router.post("/generic/{name}", response_model=WebhookOut, responses=ERRORS)
async def generic_webhook(name: str, request: Request) -> dict:
    """A JSON webhook mapped by ``[webhooks.generic.NAME]`` of bounceback.toml (HMAC-signed)."""
    return await _receive(request, "generic", name)
