#!/usr/bin/env python3
"""The "remote MX" of the e2e suite: an aiosmtpd server on loopback answering chosen recipients.

By local-part prefix (so a test picks the outcome by naming the recipient):

    unknown*  RCPT -> 550 5.1.1 <rcpt>: Recipient address rejected: User unknown
    full*     RCPT -> 452 4.2.2 Mailbox full
    blocked*  RCPT -> 554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org
    spam*     RCPT -> 250, then after DATA -> 550 5.7.1 Message rejected as spam by content filter
    others    250, the message is kept in --spool

usage: fake_mx.py [--host 127.0.0.1] [--port 2525] [--spool DIR]; stops on SIGTERM/SIGINT.
"""

from __future__ import annotations

import argparse
import os
import signal

from aiosmtpd.controller import Controller

RCPT_RULES = {
    "unknown": "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown",
    "full": "452 4.2.2 Mailbox full",
    "blocked": "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org",
}
DATA_RULES = {"spam": "550 5.7.1 Message rejected as spam by content filter"}


def rule(rules: dict[str, str], rcpt: str) -> str | None:
    local = rcpt.lower().split("@", 1)[0]
    for prefix, reply in rules.items():
        if local.startswith(prefix):
            return reply.format(rcpt=rcpt)
    return None


class Handler:
    def __init__(self, spool: str) -> None:
        self.spool, self.n = spool, 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = rule(RCPT_RULES, address)
        print(f"RCPT {address} -> {reply or '250 OK'}", flush=True)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for r in envelope.rcpt_tos:
            reply = rule(DATA_RULES, r)
            if reply:
                print(f"DATA {envelope.rcpt_tos} -> {reply}", flush=True)
                return reply
        self.n += 1
        with open(os.path.join(self.spool, f"{os.getpid()}-{self.n}.eml"), "wb") as fh:
            fh.write(envelope.original_content or envelope.content)
        print(f"DATA {envelope.rcpt_tos} -> 250", flush=True)
        return f"250 2.0.0 Ok: queued as FAKE{self.n:04d}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=2525)
    ap.add_argument("--spool", default="/tmp/fake-mx-spool")
    a = ap.parse_args()
    os.makedirs(a.spool, exist_ok=True)
    ctl = Controller(Handler(a.spool), hostname=a.host, port=a.port, server_hostname="mx.example.test",
                     ready_timeout=10)
    ctl.start()
    print(f"fake MX on {a.host}:{a.port}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    ctl.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})  # before aiosmtpd's thread starts
    main()
