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
    original_recipient: str = Field(description="The address the sender used, when the report names "
                                                "another one it was forwarded to (RFC 3464 Original-Recipient)")
    message: int = Field(description="Position of the message in an mbox of several (1, 2 ...); 0: the file "
                                     "is the message")


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


class SuppressionOut(BaseModel):
    address: str
    kind: str = Field(description="suppressed | unsubscribed")
    cause: str = Field(description="hard_bounce | complaint | opt_out | soft_bounces | manual ...")
    reason: str
    why: str
    since: str | None
    until: str | None = Field(description="null: for good")
    ended_at: str | None
    ended_by: str
    evidence: list[int] = Field(description="Ids of the events that caused it")
    note: str
    removed_note: str


class EventOut(BaseModel):
    id: int
    at: str | None
    dated_by: str
    address: str
    reason: str
    fault: str
    hard_bounce: bool
    status: str
    reply_code: str
    feedback_type: str
    diagnostic: str
    receiver: str
    source: str
    decoded_by: str
    original_message_id: str
    campaign: str
    list_id: str
    advice: str
    outcome: str


class CheckOut(BaseModel):
    address: str
    status: str = Field(description="suppressed | unsubscribed")
    mailable: bool
    suppression: SuppressionOut
    evidence: list[EventOut] = Field(description="The events the suppression rests on")
    strikes: int
    last_strike_at: str | None
    last_event_at: str | None


class SuppressionPageOut(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[SuppressionOut]


class EventPageOut(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventOut]


class SuppressIn(BaseModel):
    addresses: list[str] = Field(min_length=1, max_length=10_000)
    note: str = Field(min_length=1, max_length=2000, description="Why (kept with the change)")
    kind: str = Field("suppressed", pattern="^(suppressed|unsubscribed)$")
    until: str | None = Field(None, description="ISO date: suppressed until then (default: for good)")


class ChangeOut(BaseModel):
    address: str
    outcome: str = Field(description="added | already suppressed | removed | not suppressed | invalid")
    suppression: SuppressionOut | None


class ChangesOut(BaseModel):
    changes: list[ChangeOut]


class ManualOut(BaseModel):
    id: int
    at: str | None
    action: str
    kind: str
    reason: str
    until: str | None
    note: str


class HistoryOut(BaseModel):
    address: str
    status: str
    current: SuppressionOut | None
    strikes: int
    second_chance_used: bool
    suppressions: list[SuppressionOut]
    events: list[EventOut]
    manual: list[ManualOut]


class ListCheckOut(BaseModel):
    list: str
    listed: bool | None = Field(description="None: unknown (error answer, timeout), never a listing")
    codes: list[str]
    meaning: str
    advice: str
    checked_at: str | None
    expires_at: str | None


class EvidenceOut(BaseModel):
    target: str = Field(description="A sending IP address, host or domain the incident's bounces name")
    kind: str = Field(description="ip | host | domain")
    found_in: list[str] = Field(description="reply, feedback, received, received_top, reporting_mta, "
                                            "received_from_mta, from, envelope, dkim")
    via: str = Field(description="The host name an address was resolved from, else empty")
    bounces: int
    status: str = Field(description="listed | unknown | not listed | unchecked")
    note: str
    checks: list[ListCheckOut] = Field(description="One DNS blocklist answer per list, listings first")


class IncidentOut(BaseModel):
    kind: str
    receiver: str
    reason: str
    open: bool
    first_seen: str | None
    last_seen: str | None
    events: int
    recipients: int
    advice: str
    evidence: list[EvidenceOut] = Field(default_factory=list,
                                        description="Sender incidents: the sending IP and domains, on blocklists")


class IncidentsOut(BaseModel):
    since: str | None
    until: str | None
    incidents: list[IncidentOut]


class DailyOut(BaseModel):
    days: list[str]
    failures_by_fault: dict[str, list[int]]
    delivered: list[int]
    suppressions_added: list[int]


class StatsOut(BaseModel):
    since: str | None
    until: str | None
    events: int
    by_effect: dict[str, int]
    by_reason: dict[str, int]
    by_fault: dict[str, int]
    by_domain: dict[str, int]
    suppressions_added: dict[str, int]
    suppressions_removed: int
    daily: DailyOut


class IngestOut(BaseModel):
    messages: int
    by_message: dict[str, int]
    events: int
    by_outcome: dict[str, int]
    problems: list[str]
    seconds: float


class EvidenceCheckOut(BaseModel):
    offline: bool = Field(description="True: nothing was looked up (offline, or no lookups configured)")
    targets: int = Field(description="Sending IPs and domains in scope")
    cached: int = Field(description="Answered from the cache")
    checked: int = Field(description="Looked up now")
    deferred: int = Field(description="Not looked up (budget, offline): `bounceback incidents check` does it")
    listed: list[str] = Field(description="Targets some list lists")
    unknown: list[str] = Field(description="Targets with an unknown answer (timeout, error answer) and no listing")
    queries: int = Field(description="DNS queries sent")
    warnings: list[str]
    documentation: list[str] = Field(default_factory=list, description="Addresses and names reserved for "
                                     "examples (RFC 5737, 2606), looked up only on a resolver named for them")


class JobOut(BaseModel):
    id: str
    state: str = Field(description="running | done (the messages are committed) | failed")
    filename: str
    done: int = Field(description="Messages read so far")
    total: int = Field(description="Messages in the upload")
    error: str = ""
    summary: IngestOut | None = None
    checking: bool = Field(False, description="True while the sending IPs and domains of the upload's new "
                                              "sender-side bounces are looked up on DNS blocklists (after done)")
    evidence: EvidenceCheckOut | None = Field(None, description="That lookup, once it has run (null: nothing to "
                                                                "look up, or still checking)")
