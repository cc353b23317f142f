"""The returned original message: where it starts, and the headers worth keeping.

Recipients are never taken from here (issue #3: "never an address picked out of
the quoted original"); only identifiers that tie a bounce back to a mailing.
"""

from __future__ import annotations

from .. import patterns
from ..model import Original
from .message import Message, Part, decode_words, parse_headers

# Lines that announce the returned original in plain-text bounces, lowercased.
# Sources: qmail-send.c ("--- Below this line is a copy of the message."), Exim
# (deliver.c "------ This is a copy of the message, including all the headers."),
# Sendmail ("----- Original message follows -----"), Courier, Microsoft, Lotus Notes...
SEPARATORS = (
    "--- below this line is a copy of the message",
    "------ this is a copy of the message",
    "------ this is a copy of your message",
    "----- original message follows",
    "----- unsent message follows",
    "----- message header follows",
    "--- original message follows",
    "----- original message -----",
    "------ original message",
    "original message follows",
    "the original message headers are included below",
    "the text of your message was",
    "unsent message below",
    "message headers follow",
    "this is a copy of the original message",
    "---- the header of the original message is following",
    "--- message header follows",
    "-------- original message --------",
    "content-type: message/rfc822",
    "content-type: text/rfc822-headers",
    "------ a copy of the message follows",
    "original message:",
    "----- the following is a copy of your message",
    "the headers of your message were",
    "--- the header of the original message is following",
    # older MTAs seen in Mailman's bounce corpus (flufl.bounce SimpleMatch end markers)
    "---- start of returned message ----",
    "--------returned mail follows--------",
    "original message details:",
    "a copy of the original message below this line",
    "your message reads (in part)",
    "a summary of the undelivered message you sent follows",
    "lines of your original message follow",
    "--- attachment is a copy of the message",
    "-- the header and top 20 lines of the message follows --",
    "--- below the next line is a copy of the message",
    "--------unsent message below",
    "message text follows: ---",
    # Postfix before MIME bounces (bounce_notify_util.c): "\t--- Undelivered message follows ---"
    "--- undelivered message follows ---",
    # "the original message's headers" as providers' own notices say it in their users' languages
    # (WP/Onet, Libero, Orange/Free, GMX/T-Online, Seznam): the summary below it is the sender's mail
    "oryginalne nagłówki wiadomości",
    "nagłówki oryginalnej wiadomości",
    "intestazioni del messaggio originale",
    "en-têtes du message d'origine",
    "en-têtes du message original",
    "kopfzeilen der ursprünglichen nachricht",
    "-----ursprüngliche nachricht-----",
    "hlavičky původní zprávy",
)

KEEP = ("message-id", "from", "to", "subject", "list-id", "date", "x-mailer")
MAX_EXTRA = 24


_SEPARATOR = patterns.any_of(SEPARATORS)


def find_separator(lower_text: str) -> int:
    """Offset of the first line announcing the original, or -1 (one linear pass)."""
    m = _SEPARATOR.search(lower_text)
    return m.start() if m else -1


def original_part(msg: Message) -> Part | None:
    """The attached original (message/rfc822 or text/rfc822-headers), when there is one."""
    for p in msg.leaves:
        if p.content_type in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers",
                              "message/global", "message/global-headers"):
            return p.attached
    return None


def from_headers(headers: dict[str, list[str]]) -> Original:
    def one(name: str) -> str:
        v = headers.get(name)
        return decode_words(v[0]).strip() if v else ""

    extra = tuple(
        (k, decode_words(v[0])[:512]) for k, v in headers.items()
        if k.startswith("x-") and k not in ("x-mailer",)
    )[:MAX_EXTRA]
    return Original(
        message_id=one("message-id").strip("<> "),
        # the original's author; without a From, the addresses its own header gives for replies
        # and bounces (RFC 5322 §3.6.2, RFC 5321 §4.4 Return-Path)
        sender=one("from") or one("return-path") or one("reply-to") or one("sender"),
        to=one("to"),
        subject=one("subject"),
        list_id=one("list-id"),
        date=one("date"),
        extra=extra,
    )


def find_original(msg: Message, text: str = "") -> Original:
    """Headers of the returned original, from an attached part or the text after a separator."""
    part = original_part(msg)
    if part is not None and part.headers:
        return from_headers(part.headers)
    headers = original_text_headers(text)
    return from_headers(headers) if headers else Original()


def original_text_headers(text: str) -> dict[str, list[str]]:
    """The header block of an original returned as text after a separator line ({} if none)."""
    if not text:
        return {}
    i = find_separator(text.lower())
    if i < 0:
        return {}
    nl = text.find("\n", i)
    tail = text[nl + 1 :] if nl >= 0 else ""
    tail = tail.lstrip("\n")
    end = tail.find("\n\n")
    block = tail[: end if end >= 0 else 16384]
    return parse_headers(block.encode("utf-8", "surrogateescape"))
