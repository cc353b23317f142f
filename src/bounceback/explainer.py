"""Explain a reply code, an enhanced status code, both, or a whole reply line.

Uses the same knowledge and the same ``classify.decide`` as bounce decoding, so
what ``explain`` says about a line is what ``parse`` concludes about a bounce
that carries it.
"""

from __future__ import annotations

from . import knowledge, patterns
from .classify import advice_for, decide, is_hard, is_permanent
from .decode import scan
from .errors import InputError
from .model import Explanation

# "[Return Code 554]", "550-5.1.1", "550 5 2 1" (spaced enhanced code), "#5.1.1", "smtp; 550 ..."
_LEAD = patterns.compile(
    r"^\s*(?:\[return code\s*)?(?:smtp;\s*)?([2345]\d\d)?\]?[\s\-]*(?:#?([245])[. ](\d{1,3})[. ](\d{1,3})\b)?"
)


def split_line(line: str) -> tuple[str, str, str]:
    """(reply_code, status, text) of a reply line or bare code."""
    s = line.strip()
    m = _LEAD.search(s)
    reply = status = ""
    if m:
        reply = m.group(1) or ""
        if m.group(2):
            status = f"{m.group(2)}.{int(m.group(3))}.{int(m.group(4))}"
    if not status:
        status = scan.find_status(s)  # the same reading a decoded bounce gets
    return reply, status, s


def explain(line: str) -> Explanation:
    """What a code or reply line means, whose problem it is, and what to do."""
    reply, status, text = split_line(line)
    if not (reply or status or text.strip()):
        raise InputError(repr(line), "nothing to explain: give a reply code, an enhanced code or a reply line")
    if reply and not knowledge.reply_entry(reply) and reply[0] not in "245":
        reply = ""
    norm = patterns.reply_text(text)
    is_bare_code = norm.replace(".", " ").replace("-", " ").replace(" ", "").isdigit()
    phrase_text = "" if is_bare_code else norm
    # A reply line on its own is read as the answer to RCPT TO (where per-recipient errors are
    # given) unless it names another stage; in a bounce the stage comes from the bounce itself.
    command = scan.find_command(text) or "RCPT"
    v = decide(status=status, reply_code=reply, text=phrase_text, command=command,
               action="failed" if (status or reply)[:1] == "5" else "")
    reason = v.reason
    if reason in ("onhold", "undefined") and not (status or reply):
        raise InputError(repr(line), "no SMTP code and no known phrase in it")
    fault, advice = advice_for(reason, phrase_text, v.provider_note)
    r_entry = knowledge.reply_entry(reply) or {}
    s_entry = knowledge.status_entry(status) or {}
    info = knowledge.reasons().get(reason, {})
    code_meaning = s_entry.get("meaning") if s_entry.get("reason") or not r_entry else r_entry.get("meaning")
    pieces = []
    if info.get("title") and (v.matched or not code_meaning):
        pieces.append(info["title"] + ".")
    if code_meaning and v.note:  # the words overrode the code: its own meaning is no longer the answer
        pieces.append(f"The code alone would mean: {code_meaning}")
    elif code_meaning:
        pieces.append(code_meaning)
    if (reason in ("undefined", "onhold") or not info) and r_entry.get("meaning"):
        pieces = [r_entry["meaning"]]
        fault = r_entry.get("fault", fault) if reason in ("undefined", "onhold") else fault
        advice = r_entry.get("advice", advice) if reason in ("undefined", "onhold") else advice
    if reason == "delivered":
        fault = "none"
    sources = tuple(x for x in (r_entry.get("source"), s_entry.get("source")) if x)
    return Explanation(
        reply_code=reply,
        status=status,
        text=text if not is_bare_code else "",
        meaning=" ".join(pieces).strip(),
        permanent=is_permanent(status, reply, "", reason) if (status or reply) else False,
        fault=fault,
        reason="" if reason in ("undefined", "onhold") else reason,
        advice=advice,
        hard_bounce=is_hard(reason, status, reply),
        code_title=r_entry.get("title", ""),
        status_title=s_entry.get("title", ""),
        matched=v.matched,
        note=v.note,
        sources=sources,
    )
