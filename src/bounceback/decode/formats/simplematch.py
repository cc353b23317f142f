"""Bounces of small MTAs recognised by the sentence that opens their report.

The opening sentences are those of flufl.bounce's SimpleMatch and SimpleWarning
tables (Mailman's corpus: MDaemon, usa.net, hotpop, Prodigy, SMTPSVC, LSMTP,
InterScan, EYOU, hMailServer, Symantec gateways, MessageSwitch ...) and of
Mailman 2's Caiwireless, Netscape, Compuserve and Yale bouncers. From that
sentence to the returned original, every address that opens a line or follows
a label is a recipient (``decode.loose``); when none does, every address in the
section is. Warnings (the message is still queued) give ``action: delayed``.
"""

from __future__ import annotations

from ... import patterns
from ...model import Delivery
from .. import loose
from ..common import delivery
from ..message import Message

NAME = "simplematch"

_BEGIN = patterns.compile(
    r"(?m)here is your list of failed recipients|the following addresses had|"
    r"this message was created automatically by mail delivery|message from interscan e-mail viruswall|"
    r"failed addresses follow:|this is the machine generated message from mail service|"
    r"the following addresses did not receive a copy of your message|intended recipient:|"
    r"undeliverable address:|user's mailbox is full:|the email below could not be delivered to the following|"
    r"unable to deliver message to the following address|del[ie]very to the following recipients? "
    r"(?:failed|was aborted|has been delayed)|^[ \t]*your message[ \t]*$|^[ \t]*unable to deliver message to|"
    r"^[ \t]*sorry, unable to deliver your message to|^[ \t]*a message could not be delivered to:|"
    r"^[ \t]*invalid final delivery userid:|-+ failed recipients -+|^[ \t]*--> error description:|"
    r"your message could not be delivered|your message has encountered delivery problems|"
    r"did not reach the following recipient|this is the deliver program at|this is the email server at|"
    r" - no such user here|the following address failed:|the following recipient\(s\) could not be reached|"
    r"could not deliver message to the following recipient|message not delivered to the following|"
    r"a message that you sent was rejected|message could not be delivered to some recipients|"
    r"wasn't able to deliver the following message|this is a delivery failure notification message|"
    r"delivery has failed|the address to which the message has not yet been delivered is|"
    r"^[ \t]*your message to:|^[ \t]*your message with subject:|this is an advisory-only email|"
    r"a message that you sent has not yet been delivered|the following recipients did not receive this message|"
    r"this message was undeliverable due to the following reason|"
    r"mail to the following recipients could not be delivered|could not be delivered to the following recipients|"
    r"we were unable to deliver your message|was automatically rejected|^[ \t]*message from yahoo\.|"
    r"has not yet been delivered"
)


def detect(msg: Message) -> list[Delivery] | None:
    if not loose.looks_like_bounce(msg):
        return None
    text = msg.body_text
    if "final-recipient:" in text.lower():
        return None  # RFC 3464 fields pasted into the text: the fallback reads them exactly
    sect = loose.section(text, _BEGIN)
    if not sect:
        return None
    found = loose.blocks(sect, loose.sender_side(msg), loose.sender_side(msg, weak=True), anywhere=True)
    if not found:
        return None
    action = "delayed" if loose.is_delay(msg.subject, sect) else "failed"
    return [delivery(b.address, action=action, diagnostic=b.text, decoded_by=NAME, original_recipient=b.alias)
            for b in found]
