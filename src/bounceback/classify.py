"""Classify: a ``Delivery`` (codes and text) -> a ``Bounce`` (reason, fault, advice).

Knows meanings, not formats. The order of evidence:

1. what the format itself says (a feedback report, an auto-reply, a delivered DSN,
   a format's own sentence in ``formats.toml``, a local delivery agent's line);
2. the receiving provider's own codes and texts (``providers.toml``), because
   "5.7.1" at Gmail and at Microsoft mean different things;
3. an enhanced status code whose meaning is unambiguous (X.2.2 mailbox full ...);
4. the words of the reply (``reasons/*.toml``): text that contradicts the code
   wins (a 550 saying "mailbox full" is mailboxfull, a 5.1.1 quoting "your IP is
   listed" is blocked), and the record says so in ``note``;
5. the SMTP command the server refused (greeting/HELO: blocked, MAIL FROM: rejected),
   then the status code, then the reply code, alone;
6. what is left: delayed -> expired, some text -> onhold, nothing -> undefined.

Steps 3-4 are Sisimai's two stages (Sisimai::Reason), written as data in
``reasons.toml`` [classify].
"""

from __future__ import annotations

from dataclasses import dataclass

from . import knowledge
from .model import Bounce, Delivery
from .patterns import reply_text


@dataclass(frozen=True, slots=True)
class Verdict:
    reason: str
    matched: str = ""  # phrase or provider rule that decided
    code_reason: str = ""  # what the codes alone said
    note: str = ""
    provider: str = ""
    provider_note: str = ""


def _status_reason(status: str) -> str:
    """The reason the enhanced status code implies ('' for X.0.0, pseudo codes and class-only codes)."""
    if not status or status[2:] == "0.0" or status[2:].startswith("0.9"):
        return ""
    if status[0] == "4" and status[4:] == "0":
        # a transient "other or undefined ..." code (4.3.0, 4.4.0, 4.7.0) is a placeholder
        # servers put on any deferral: only the words say why (Sisimai leaves these unnamed too)
        return ""
    entry = knowledge.status_entry(status)
    if entry is None or entry is knowledge.status_codes().get(status[0] + ".X.X"):
        return ""
    return entry.get("reason", "")


def _reply_reason(reply_code: str, command: str) -> str:
    entry = knowledge.reply_entry(reply_code)
    if not entry or command not in entry.get("reason_after", (command,)):
        return ""
    return entry.get("reason", "")


def _reply_decisive(reply_code: str) -> bool:
    entry = knowledge.reply_entry(reply_code)
    return bool(entry and entry.get("decisive"))


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower()


class TextHits:
    """Which reasons' phrases occur in a text, asked lazily and remembered."""

    __slots__ = ("text", "_utf8", "_seen")

    def __init__(self, text: str) -> None:
        self.text = text
        self._utf8 = text.encode("utf-8", "surrogatepass")  # encoded once, matched against many tables
        self._seen: dict[str, bool] = {}

    def __contains__(self, reason: str) -> bool:
        hit = self._seen.get(reason)
        if hit is None:
            hit = self._seen[reason] = knowledge.reason_table(reason).found(self._utf8)
        return hit

    def any(self, reasons) -> bool:
        return any(r in self for r in reasons)


def _rule_holds(reason: str, rule: dict, sr: str, hits: TextHits, command: str, status: str,
                verdict: str = "") -> bool:
    """One stage-1 rule of reasons.toml [classify.rules] (see the field list there)."""
    if sr in rule.get("never_if_status", ()) or (verdict and verdict in rule.get("never_if_verdict", ())):
        return False
    if rule.get("by_status", True) and sr == reason and not hits.any(rule.get("status_unless_text", ())):
        needs = rule.get("status_needs_text")
        if not needs or hits.any(needs):
            return True
    if not rule.get("text", True) or not hits.any(rule.get("text_of", (reason,))):
        return False
    only_after = rule.get("text_only_after")
    if only_after and command not in only_after and sr not in rule.get("text_also_if_status", ()) \
            and status[2:4] not in rule.get("text_also_if_subject", ()):
        return False
    if command and command in rule.get("text_never_after", ()):
        return False
    after = rule.get("text_unless_status_after")
    if after and command not in after:
        return True
    return sr not in rule.get("text_unless_status", ())


def _note(code_reason: str, reason: str, hits: TextHits) -> str:
    if not code_reason or code_reason == reason or reason not in hits:
        return ""
    return f"The code says {code_reason} but the text says {reason}; the text wins."


def decide(*, status: str, reply_code: str, text: str, action: str = "", format_reason: str = "",
           remote_mta: str = "", recipient: str = "", command: str = "", diagnostic_type: str = "",
           reporting_mta: str = "") -> Verdict:
    """The reason for one outcome; ``text`` is the normalized diagnostic.

    The provider whose rules apply is the one of the server that answered (``remote_mta``);
    when no remote server is named the reporting MTA wrote the error itself (an Exchange Online
    NDR's "Generating server"), so its provider's codes apply (Sisimai 5 Rhost: rhost, lhost),
    then the one of the recipient's domain.
    """
    if format_reason in ("feedback", "vacation", "delivered"):
        return Verdict(format_reason)
    if action == "delivered" or status.startswith("2."):
        return Verdict("delivered")
    cfg = knowledge.classify_rules()
    sr = _status_reason(status)
    if command and command in cfg.get("rules", {}).get(sr, {}).get("status_never_after", ()):
        sr = ""  # a status about a mailbox, given before any recipient was named

    provider = knowledge.provider_for(remote_mta or reporting_mta, _domain(recipient))
    if provider is not None:
        rule = provider.rule_for(text, status, command)
        if rule is not None:
            return Verdict(rule.reason, f"{provider.name} rule", sr, provider=provider.title,
                           provider_note=rule.note)

    if format_reason and format_reason not in cfg["refinable"]:
        return Verdict(format_reason, code_reason=sr)
    hits = TextHits(text)

    smtp = diagnostic_type in ("", "SMTP")
    if smtp:
        rules = cfg.get("rules", {})
        for reason in cfg["stage1"]:
            rule = rules.get(reason, {})
            if reason == format_reason or _rule_holds(reason, rule, sr, hits, command, status, format_reason):
                return Verdict(reason, "rule", sr, _note(sr, reason, hits))
    if format_reason:  # what the format said, where no stronger evidence overrode it
        return Verdict(format_reason, code_reason=sr)

    # A remote server's code is its verdict; the code a local MTA or delivery program
    # (X-Postfix, X-Unix ...) put on its own message is a guess its words may correct.
    if smtp and sr and sr not in cfg["refinable"] and \
            not hits.any(cfg.get("rules", {}).get(sr, {}).get("status_unless_text", ())):
        return Verdict(sr, code_reason=sr)
    for reason in cfg["order"]:
        if reason in hits:
            return Verdict(reason, "phrase", sr, _note(sr, reason, hits))
    situation = knowledge.specific_advice(text)
    if situation is not None and situation.reason:
        return Verdict(situation.reason, "situation", sr)
    by_command = cfg["after_command"].get(command, "")
    if command == "DATA":  # only a permanent reply without a telling code: no enhanced status, or X.0.0
        plain = reply_code[:1] == "5" and (not status or status[2:] == "0.0")
        outranked = cfg["after_data_outranks"] if plain else ()
    else:
        outranked = cfg["command_outranks"]
    if by_command and reply_code[:1] in ("4", "5") and sr in outranked:
        return Verdict(by_command, "command", sr)
    if diagnostic_type == "X-UNIX" and sr in cfg["refinable"]:
        return Verdict("mailererror", code_reason=sr)  # a local delivery program failed (RFC 3464 §2.3.6)
    if action == "delayed" and status[4:] == "0":
        # still retrying under a code that names only a class ("4.4.0 other network or routing
        # status"): the queue's verdict is the one that will stand (Sisimai: expired)
        return Verdict("expired", code_reason=sr)
    if sr:
        return Verdict(sr, code_reason=sr)
    rr = _reply_reason(reply_code, command) if not status or status[2:] == "0.0" or _reply_decisive(reply_code) else ""
    if rr:
        return Verdict(rr, code_reason=rr)
    if status[:3] in ("5.6", "4.6"):
        return Verdict("contenterror")
    if status[:3] in ("5.7", "4.7"):
        return Verdict("securityerror")
    if diagnostic_type in ("X-UNIX", "X-POSTFIX"):
        return Verdict("mailererror")
    if action == "delayed":
        return Verdict("expired")
    if by_command and command != "CONN":  # a CONN without a reply: the connection never opened
        return Verdict(by_command, "command")
    if "vacation" in hits:
        return Verdict("vacation")
    return Verdict("onhold" if text else "undefined")


def is_permanent(status: str, reply_code: str, action: str, reason: str) -> bool:
    info = knowledge.reasons().get(reason, {})
    if info.get("transient"):
        return False
    first = (status or reply_code or "")[:1]
    if first in ("4", "2"):
        return False
    if first == "5":
        return True
    return action == "failed"


def is_hard(reason: str, status: str, reply_code: str) -> bool:
    rule = knowledge.reasons().get(reason, {}).get("hard", "never")
    if rule == "always":
        return True
    if rule == "if_permanent":
        first = (status or reply_code or "")[:1]
        return first == "5"
    return False


def advice_for(reason: str, text: str, provider_note: str = "") -> tuple[str, str]:
    """(fault, advice): the most specific advice known, one piece only so it never repeats.

    A receiving provider's note about its own code comes first, then advice for a
    situation the text names precisely (POP-before-SMTP, a PBL listing ...), then
    the reason's general advice. A short provider note (a code's meaning without
    what to do) is followed by the general advice.
    """
    info = knowledge.reasons().get(reason, {})
    fault = info.get("fault", "unknown")
    general = info.get("advice", "")
    if provider_note:
        note = provider_note.rstrip(".") + "."
        return fault, note if len(note) >= 160 else f"{note} {general}"
    situation = knowledge.specific_advice(text) if text else None
    if situation is not None and situation.fault == fault:
        return fault, situation.advice
    return fault, general


def pseudo_status(reason: str, temporary: bool) -> str:
    """Sisimai's pseudo code for a bounce without an enhanced code (5.0.9xx, or 4.0.9xx when temporary)."""
    code = knowledge.reasons().get(reason, {}).get("pseudo", "")
    if code and temporary and reason in knowledge.classify_rules()["temporary_pseudo"]:
        return "4" + code[1:]
    return code


def is_temporary(reply_code: str, text: str) -> bool:
    """Temporary by the reply code's class, else by the words of the text (RFC 3463 'persistent transient')."""
    if reply_code:
        return reply_code.startswith("4")
    words = knowledge.classify_rules()["temporary_words"]
    return any(w in text for w in words) and "permanent" not in text


def _format_says(decoded_by: str, text: str) -> str:
    """The reason the format's own message, or a local delivery agent's line, states (formats.toml)."""
    if not text:
        return ""
    return knowledge.format_reason(decoded_by, text) or knowledge.format_reason("mda", text)


def classify(d: Delivery, source: str = "") -> Bounce:
    text = reply_text(d.diagnostic)
    v = decide(status=d.status, reply_code=d.reply_code, text=text, action=d.action,
               format_reason=d.reason or _format_says(d.decoded_by, text), remote_mta=d.remote_mta,
               recipient=d.recipient, command=d.smtp_command, diagnostic_type=d.diagnostic_type.upper(),
               reporting_mta=d.reporting_mta)
    status = d.status
    if not status and v.reason not in ("feedback", "vacation", "delivered"):
        status = pseudo_status(v.reason, is_temporary(d.reply_code, text))
    # an expired delivery is one that was delayed until the queue gave up (Sisimai's convention)
    action = "delayed" if v.reason == "expired" and d.action in ("failed", "") else d.action
    fault, advice = advice_for(v.reason, text, v.provider_note)
    # "426 connection timed out", "541 ...": numbers no SMTP standard defines are no reply code
    # (RFC 5321 §4.2.3 and its extensions, all in reply_codes.toml; Sisimai::SMTP::Reply too)
    reply_code = d.reply_code if knowledge.reply_entry(d.reply_code) else ""
    return Bounce(
        recipient=d.recipient,
        reason=v.reason,
        hard_bounce=is_hard(v.reason, status, d.reply_code),
        fault=fault,
        permanent=is_permanent(d.status, d.reply_code, d.action, v.reason),
        advice=advice,
        action=action,
        status=status,
        reply_code=reply_code,
        diagnostic=d.diagnostic,
        diagnostic_type=d.diagnostic_type,
        remote_mta=d.remote_mta,
        reporting_mta=d.reporting_mta,
        smtp_command=d.smtp_command,
        date=d.date,
        feedback_type=d.feedback_type,
        decoded_by=d.decoded_by,
        original_recipient=d.original_recipient,
        source=source,
        note=v.note,
        original=d.original,
    )
