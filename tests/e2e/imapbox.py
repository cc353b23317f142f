"""A fresh IMAP folder on the real Dovecot holding the real Postfix bounces, and helpers to look at it."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

from imapclient import IMAPClient

import bounceback
from bounceback.sources.imap import ImapSource, parse_url

from .mailstack import IMAP_PASSWORD, PORTS, messages

USER = "imap-test"
NEWSLETTER = b"""From: Newsletter <news@example.com>\r
To: bounces@bounceback.test\r
Subject: Our autumn offers\r
Message-ID: <offers-1@example.com>\r
\r
Not a bounce at all.\r
"""
_names = itertools.count(1)


def client() -> IMAPClient:
    c = IMAPClient("127.0.0.1", port=PORTS["imap"], ssl=False, timeout=10)
    c.login(USER, IMAP_PASSWORD)
    return c


def count(folder: str, criteria=("ALL",)) -> int:
    c = client()
    try:
        if not c.folder_exists(folder):
            return 0
        c.select_folder(folder, readonly=True)
        return len(c.search(list(criteria)))
    finally:
        c.logout()


def fill_folder(stack) -> str:
    """A fresh folder holding the 6 real Postfix bounces and one newsletter."""
    name = f"t{next(_names)}"
    c = client()
    c.create_folder(name)
    for path in messages(stack.maildir("bounces")):
        c.append(name, Path(path).read_bytes())
    c.append(name, NEWSLETTER)
    c.logout()
    return name


def source(folder: str, **kw) -> ImapSource:
    return ImapSource(parse_url(f"imap://{USER}@127.0.0.1:{PORTS['imap']}/{folder}"), IMAP_PASSWORD, **kw)


def recipients(raws) -> Counter:
    return Counter(b.recipient for raw in raws for b in bounceback.parse(raw))


ALL = Counter({"unknown1@example.test": 1, "blocked1@example.test": 1, "spam1@example.test": 1,
               "unknown2@example.test": 1, "blocked2@example.test": 1, "full1@example.test": 2})
