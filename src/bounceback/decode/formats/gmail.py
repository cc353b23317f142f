"""Gmail and Google Workspace: ``Mail Delivery Subsystem <mailer-daemon@googlemail.com>``.

Two layouts (markers from Sisimai ``Lhost/Gmail.pm`` and ``Lhost/GSuite.pm``, BSD-2-Clause):

* since 2016 an RFC 3464 report whose text part reads ``** Address not found **``
  ... ``The response from the remote server was:`` / ``The response was:``;
  the delivery-status part may be empty, the recipient is then in
  ``X-Failed-Recipients``;
* before, plain text: ``Delivery to the following recipient failed permanently:``
  (or ``has been delayed:``), the address indented on its own line, then
  ``Technical details of permanent failure:`` and ``The error that the other
  server returned was:`` with the remote reply.

Gmail's own words for a message it could not hand over in time ("The recipient
server did not accept our requests to connect", "Could not contact DNS servers",
a delay notice without a remote reply) make the reason ``expired``.
"""

from __future__ import annotations

from dataclasses import replace

from ... import patterns
from ...model import Delivery
from .. import scan
from ..common import delivery, from_has, from_report, one_line, report_part, subject_has
from ..message import Message
from ..textscan import after, report_text
from ._provider import finish, header_addresses

NAME = "gmail"

_SENDERS = ("mailer-daemon@googlemail.com", "mailer-daemon@google.com")
_EXPIRED = ("did not accept our requests to connect", "could not contact dns servers")
_RESPONSE = ("the response from the remote server was:", "the response was:")
_OTHER_SERVER = "the error that the other server returned was:"
# The older notices end the reply with "(state N)", the step of Gmail's SMTP client that
# failed; the command each state stands for (Sisimai::Lhost::Gmail's state table). Not state 13
# ("550 5.7.1 <rcpt>... Access denied (state 13)"), which Sisimai files under EHLO: the reply it
# quotes is a sendmail access-map refusal naming the recipient, so the command is not known.
_STATE_COMMANDS = {"6": "MAIL", "8": "AUTH", "9": "AUTH", "12": "AUTH", "14": "RCPT",
                   "15": "DATA", "17": "DATA", "18": "DATA"}
_STATE = patterns.compile(r"\(state (\d+)\)\.?")
# "... rejected by the server for the recipient domain example.jp by mx.example.jp. [192.0.2.1]."
_BY_HOST = patterns.compile(r"\bby ([a-z0-9][a-z0-9.-]*[a-z0-9])\.? \[([0-9a-f.:]+)\]")


def _expired(diag: str, delayed: bool) -> bool:
    lower = diag.lower()
    if any(p in lower for p in _EXPIRED):
        return True
    return delayed and not scan.find_reply_code(diag)


def _headline(text: str) -> str:
    """``** Address not found **`` and the explanation under it."""
    i = text.find("** ")
    j = text.find(" **", i + 3)
    if i < 0 or j < 0:
        return ""
    return f"{text[i + 3:j].strip()}: {after(text[j + 3:], chr(10))}"


def _from_report(msg: Message) -> list[Delivery]:
    text = report_text(msg.body_text)
    response = after(text, *_RESPONSE)
    explained = _headline(text)
    found = from_report(msg, NAME)
    if not found:
        found = [delivery(a, action="failed", decoded_by=NAME) for a in header_addresses(msg, "x-failed-recipients")]
    out = []
    for d in found:
        diag = d.diagnostic
        if response and (not diag or len(diag) < len(response) and diag.lower() in response.lower()):
            diag = response
        if not diag or diag == response and not scan.find_reply_code(diag) and explained:
            diag = one_line(f"{diag} {explained}")
        d = delivery(d.recipient, action=d.action, status=d.status, diagnostic=diag,
                     diagnostic_type=d.diagnostic_type, remote_mta=d.remote_mta,
                     reporting_mta=d.reporting_mta, date=d.date, decoded_by=NAME,
                     original_recipient=d.original_recipient)
        if _expired(d.diagnostic, False):
            d = replace(d, reason="expired")
        out.append(d)
    return out


def _legacy(msg: Message) -> list[Delivery]:
    text = report_text(msg.body_text)
    lower = text.lower()
    start = lower.find("delivery to the following recipient")
    if start < 0:
        return []
    delayed = "has been delayed" in lower[start:start + 80] or subject_has(msg, "(delay)")
    blocks: list[tuple[str, list[str]]] = []
    for line in text[start:].split("\n")[1:]:
        s = line.strip()
        if line[:1] in " \t" and s and " " not in s and "@" in s and scan.clean_address(s):
            blocks.append((scan.clean_address(s), []))
        elif blocks and s and not s.lower().startswith("message will be retried"):
            blocks[-1][1].append(s)
    out = []
    for rcpt, lines in blocks:
        block = "\n".join(lines)
        # the remote reply; else Gmail's details with their "permanent"/"temporary" heading
        details = block.lower().find("technical details")
        diag = after(block, _OTHER_SERVER, stop_blank=False) or block[max(details, 0):]
        m = _BY_HOST.search(block)
        remote = m.group(1) if m and "." in m.group(1) else (m.group(2) if m else "")
        state = _STATE.search(diag)
        d = delivery(rcpt, action="failed", diagnostic=diag, remote_mta=remote, decoded_by=NAME,
                     command=_STATE_COMMANDS.get(state.group(1), "") if state else "")
        if _OTHER_SERVER not in block.lower() and _expired(block, delayed):
            d = replace(d, reason="expired")
        out.append(d)
    return out


def detect(msg: Message) -> list[Delivery] | None:
    if not from_has(msg, *_SENDERS) or not subject_has(msg, "delivery status notification"):
        return None
    if report_part(msg) is not None or msg.params.get("report-type", "").lower() == "delivery-status":
        return finish(_from_report(msg))
    return finish(_legacy(msg))
