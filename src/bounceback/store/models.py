"""The tables. Times are naive UTC everywhere (SQLite has no time zones).

* ``messages``        every ingested message, by content fingerprint (the dedupe key)
* ``events``          every per-recipient outcome with its evidence, in event time
* ``manual_actions``  suppressions added or removed by a person, with their note
* ``addresses``       each address's state, recomputed from its events (``policy.fold``)
* ``suppressions``    the periods in which an address must not be mailed, with evidence;
                      ended ones stay (removal keeps history)
* ``incidents``       sender and content incidents per receiving provider/domain and reason
* ``sender_clues``    the sending IP, host and domains a sender-side event names (its incident's evidence)
* ``dnsbl_answers``   DNS blocklist answers per target and list, cached until ``expires_at``
* ``api_tokens``      API tokens of ``bounceback serve``, as hashes (``store.tokens``)

Changing a table means a new Alembic revision in ``migrations/versions``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ADDRESS = 320  # RFC 5321 §4.5.3.1: 64 local part + @ + 255 domain, rounded up
DOMAIN = 255


class Base(DeclarativeBase):
    pass


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text)  # where it was first read (file, file:N in an mbox)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    is_bounce: Mapped[bool] = mapped_column(Boolean)  # False: read and recorded, but it reported nothing
    event_count: Mapped[int] = mapped_column(Integer, default=0)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("message_id", "position", name="uq_events_message_position"),
        Index("ix_events_address_time", "address", "event_at"),
        Index("ix_events_time", "event_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"))
    position: Mapped[int] = mapped_column(Integer)  # recipient's place in the message
    order_key: Mapped[str] = mapped_column(String(80))  # fingerprint:position, a tie-break every database agrees on
    address: Mapped[str] = mapped_column(String(ADDRESS))  # lower case
    recipient: Mapped[str] = mapped_column(String(ADDRESS))  # as the bounce wrote it
    domain: Mapped[str] = mapped_column(String(DOMAIN))
    receiver: Mapped[str] = mapped_column(String(DOMAIN))  # receiving provider, else the domain
    event_at: Mapped[datetime] = mapped_column(DateTime)
    dated_by: Mapped[str] = mapped_column(String(16))  # bounce | ingest (the bounce carried no date)
    reason: Mapped[str] = mapped_column(String(32))
    fault: Mapped[str] = mapped_column(String(16))
    hard_bounce: Mapped[bool] = mapped_column(Boolean)
    permanent: Mapped[bool] = mapped_column(Boolean)
    action: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    reply_code: Mapped[str] = mapped_column(String(8))
    feedback_type: Mapped[str] = mapped_column(String(32))
    diagnostic: Mapped[str] = mapped_column(Text)
    diagnostic_type: Mapped[str] = mapped_column(String(32))
    remote_mta: Mapped[str] = mapped_column(String(DOMAIN))
    reporting_mta: Mapped[str] = mapped_column(String(DOMAIN))
    smtp_command: Mapped[str] = mapped_column(String(16))
    decoded_by: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(Text)
    advice: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text)
    original_message_id: Mapped[str] = mapped_column(Text)
    list_id: Mapped[str] = mapped_column(Text)
    campaign: Mapped[str] = mapped_column(Text)
    original_headers: Mapped[dict] = mapped_column(JSON)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)


class ManualAction(Base):
    __tablename__ = "manual_actions"
    __table_args__ = (Index("ix_manual_actions_address", "address"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    address: Mapped[str] = mapped_column(String(ADDRESS))
    action: Mapped[str] = mapped_column(String(16))  # suppress | unsuppress
    kind: Mapped[str] = mapped_column(String(16))  # suppressed | unsubscribed
    reason: Mapped[str] = mapped_column(String(32))  # "manual", or what an imported list said
    at: Mapped[datetime] = mapped_column(DateTime)
    until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AddressRow(Base):
    __tablename__ = "addresses"

    address: Mapped[str] = mapped_column(String(ADDRESS), primary_key=True)
    domain: Mapped[str] = mapped_column(String(DOMAIN))
    status: Mapped[str] = mapped_column(String(16))  # after the last event, clock aside
    strikes: Mapped[int] = mapped_column(Integer)
    last_strike_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    second_chance_used: Mapped[bool] = mapped_column(Boolean)
    review_count: Mapped[int] = mapped_column(Integer)
    event_count: Mapped[int] = mapped_column(Integer)
    last_event_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_delivered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Suppression(Base):
    __tablename__ = "suppressions"
    __table_args__ = (
        Index("ix_suppressions_address", "address"),
        Index("ix_suppressions_since", "since"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    address: Mapped[str] = mapped_column(String(ADDRESS))
    kind: Mapped[str] = mapped_column(String(16))  # suppressed | unsubscribed
    cause: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(32))
    since: Mapped[datetime] = mapped_column(DateTime)
    until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # None: permanent
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    ended_by: Mapped[str] = mapped_column(String(16))  # "" | removed | superseded
    evidence: Mapped[list] = mapped_column(JSON)  # event ids
    note: Mapped[str] = mapped_column(Text)
    removed_note: Mapped[str] = mapped_column(Text)


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_group", "kind", "receiver", "reason", "first_seen"),
                      Index("ix_incidents_last_seen", "last_seen"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # sender | content
    receiver: Mapped[str] = mapped_column(String(DOMAIN))
    reason: Mapped[str] = mapped_column(String(32))
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime] = mapped_column(DateTime)
    event_count: Mapped[int] = mapped_column(Integer)
    advice: Mapped[str] = mapped_column(Text)
    advice_at: Mapped[datetime] = mapped_column(DateTime)


class SenderClue(Base):
    """What a sender-side event names about the sender (``reputation.evidence``), recorded with the event.

    Incidents are rebuilt when their spans merge or the policy changes, so the evidence hangs on
    the events: an incident's evidence is the clues of the events in its span.
    """

    __tablename__ = "sender_clues"
    __table_args__ = (UniqueConstraint("event_id", "target", "found_in", name="uq_sender_clues_event_target"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    target: Mapped[str] = mapped_column(String(DOMAIN))  # canonical IP, or lower-case host/domain name
    kind: Mapped[str] = mapped_column(String(8))  # ip | host | domain
    found_in: Mapped[str] = mapped_column(String(32))  # reply | feedback | received | ... (knowledge/evidence.toml)


class DnsblAnswer(Base):
    """One DNS blocklist's verdict on one target, reused until it expires; a host name's own
    addresses are kept the same way, under the list name ``dns``."""

    __tablename__ = "dnsbl_answers"
    __table_args__ = (Index("ix_dnsbl_answers_checked_at", "checked_at"),)

    target: Mapped[str] = mapped_column(String(DOMAIN), primary_key=True)
    dnsbl: Mapped[str] = mapped_column(String(64), primary_key=True)  # list name, or "dns"
    listed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)  # None: unknown (error, timeout)
    codes: Mapped[list] = mapped_column(JSON)  # the A records answered (for "dns": the host's addresses)
    meaning: Mapped[str] = mapped_column(Text)
    advice: Mapped[str] = mapped_column(Text)
    checked_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
class ApiToken(Base):
    """API tokens of ``bounceback serve`` (``bounceback.auth``): only a hash of the secret is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    prefix: Mapped[str] = mapped_column(String(16))  # bb_ and the first characters, shown in token list
    hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the token, hex
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
