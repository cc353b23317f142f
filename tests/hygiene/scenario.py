"""The issue's "done when" mailbox: user-unknown, mailbox-full on three days, blocklisted, feedback ...

``scenario_messages`` returns the messages and ``EXPECTED_*`` what the default
policy must make of them, whatever the order and however often they are read.
Filler messages (one mailbox-full each for distinct addresses) make the mailbox
long enough to kill an ingest in the middle; they add strikes, never suppressions.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from .. import builders as b

BASE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def naive(when: datetime) -> datetime:
    return when.astimezone(UTC).replace(tzinfo=None)


def scenario_messages(filler: int = 0) -> list[bytes]:
    core = [
        b.user_unknown("alice@example.org", BASE),
        b.mailbox_full("Bob@Example.com", BASE),  # case differs: the same address
        b.mailbox_full("bob@example.com", BASE + DAY),
        b.mailbox_full("bob@example.com", BASE + DAY + timedelta(hours=3)),  # same day: no second strike
        b.mailbox_full("bob@example.com", BASE + 2 * DAY),  # third strike: suppressed for 30 days
        b.blocklisted("carol@example.net", BASE + DAY),
        b.blocklisted("dave@example.net", BASE + 3 * DAY),  # same receiver and reason: same incident
        b.arf("erin@example-isp.net", BASE + 4 * DAY, "abuse"),
        b.arf("frank@example-isp.net", BASE + 4 * DAY, "opt-out"),
        b.autoreply("grace@example.com", BASE + 5 * DAY),
        b.too_big("heidi@example.org", BASE + 5 * DAY),
    ]
    extra = [b.mailbox_full(f"reader{i:05d}@example.com", BASE + timedelta(minutes=i)) for i in range(filler)]
    # the filler goes in the middle so a kill lands between scenario messages too
    return core[:5] + extra + core[5:]


EXPECTED_SUPPRESSIONS = {
    # address: (kind, cause, reason, since, until)
    "alice@example.org": ("suppressed", "hard_bounce", "userunknown", naive(BASE), None),
    "bob@example.com": ("suppressed", "soft_bounces", "mailboxfull", naive(BASE + 2 * DAY),
                        naive(BASE + 32 * DAY)),
    "erin@example-isp.net": ("suppressed", "complaint", "feedback", naive(BASE + 4 * DAY), None),
    "frank@example-isp.net": ("unsubscribed", "opt_out", "feedback", naive(BASE + 4 * DAY), None),
}

EXPECTED_INCIDENTS = {
    # (kind, receiver, reason): (first_seen, last_seen, count)
    ("sender", "example.net", "blocked"): (naive(BASE + DAY), naive(BASE + 3 * DAY), 2),
    ("content", "example.org", "mesgtoobig"): (naive(BASE + 5 * DAY), naive(BASE + 5 * DAY), 1),
}

NEVER_SUPPRESSED = ("carol@example.net", "dave@example.net", "grace@example.com", "heidi@example.org")
