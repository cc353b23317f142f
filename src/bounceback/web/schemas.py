"""The JSON shapes of the API, for the OpenAPI spec. Values come from the model's ``to_dict()``."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    error: str = Field(description="One line saying what was wrong")


class HealthOut(BaseModel):
    status: str = "ok"
    version: str
    store: bool = Field(description="True when the server has a database")
    webhooks: list[str] = Field(description="Webhook providers configured on this server")


class ExplanationOut(BaseModel):
    reply_code: str
    status: str
    text: str
    meaning: str
    permanent: bool
    fault: str
    reason: str
    advice: str
    hard_bounce: bool
    code_title: str = ""
    status_title: str = ""
    matched: str = ""
    note: str = ""
    sources: list[str] = []


class BounceOut(BaseModel):
    recipient: str
    reason: str
    hard_bounce: bool
    fault: str
    permanent: bool
    advice: str
    action: str
    status: str
    reply_code: str
    diagnostic: str
    diagnostic_type: str
    remote_mta: str
    reporting_mta: str
    smtp_command: str
    date: str | None
    feedback_type: str
    decoded_by: str
    source: str
    note: str
    original_message_id: str
    original_sender: str
    original_subject: str
    list_id: str
    original_headers: dict[str, str]


class ParseOut(BaseModel):
    messages: int = Field(description="Messages read from the upload (an mbox holds several)")
    problems: list[str] = Field(description="One line per message that could not be decoded")
    bounces: list[BounceOut]


class WebhookOut(BaseModel):
    provider: str
    events: int = Field(description="Recipient outcomes the request carried")
    ignored: int = Field(description="Events acknowledged but not about a delivery (opens, clicks ...)")
    recorded: int = Field(0, description="Events new to the store (0 without a store, or when seen before)")
    note: str = ""
    bounces: list[BounceOut]
