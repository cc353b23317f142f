"""Bounces in an IMAP folder (IMAPClient): read in batches by UID, acknowledged only after commit.

    source = ImapSource(parse_url("imaps://bounces@mail.example.com/INBOX"), password)
    with source:
        for msg in source.messages():          # ImapMessage(uid, raw), BODY.PEEK: nothing is marked read
            ...store the events of msg.raw...
            source.acknowledge(msg.uid, recognized=True)   # only now: MOVE to move_to

``acknowledge`` moves a message to ``move_to`` (default ``bounceback/processed``) or,
when it was no bounce, to ``unrecognized_to`` (when given); both folders are created
when missing. A server without MOVE (RFC 6851) gets ``\\Seen`` plus the keyword
``$BouncebackDone`` instead, and flagged messages are not read again. Killed between
commit and acknowledge, a message is read again on the next run: the store's dedupe
makes that harmless; nothing is ever acknowledged before its events are committed.

``watch()`` keeps going: it waits with IDLE (RFC 2177) for new mail, or polls when the
server has no IDLE, and reconnects with backoff after a dropped connection.
The password is only ever passed to LOGIN: it is never printed, logged or put in an error.
"""

from __future__ import annotations

import contextlib
import select
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..errors import InputError

DEFAULT_MOVE_TO = "bounceback/processed"
KEYWORD = "$BouncebackDone"
BATCH = 25
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
ENV_PASSWORD = "BOUNCEBACK_IMAP_PASSWORD"


class ImapError(InputError):
    """The server cannot be reached, refuses the login, or lacks the folder."""


@dataclass(frozen=True, slots=True)
class ImapTarget:
    user: str
    host: str
    port: int
    folder: str = "INBOX"
    tls: bool = True  # imaps:// (implicit TLS); imap:// uses STARTTLS when the server offers it

    @property
    def url(self) -> str:
        scheme = "imaps" if self.tls else "imap"
        return f"{scheme}://{self.user}@{self.host}:{self.port}/{self.folder}"


@dataclass(frozen=True, slots=True)
class ImapMessage:
    uid: int
    raw: bytes
    source: str  # imap://user@host:port/FOLDER;UID=n (RFC 5092)


def parse_url(url: str) -> ImapTarget:
    """``imap[s]://USER@HOST[:PORT]/FOLDER`` (user and folder may be %-encoded)."""
    try:
        u = urlsplit(url)
        port = u.port
    except ValueError as exc:
        raise InputError(url, f"not an IMAP URL ({exc})") from None
    if u.scheme not in ("imap", "imaps") or not u.hostname or not u.username:
        raise InputError(url, "not an IMAP URL (expected imap[s]://USER@HOST[:PORT]/FOLDER)")
    if u.password is not None:
        raise InputError(u.scheme + "://" + (u.hostname or ""),
                         f"put the password in ${ENV_PASSWORD} (or let bounceback ask), not in the URL")
    tls = u.scheme == "imaps"
    folder = unquote(u.path.lstrip("/")) or "INBOX"
    return ImapTarget(unquote(u.username), u.hostname, port or (993 if tls else 143), folder, tls)


class ImapSource:
    """One folder on one server. Use as a context manager (connects, logs in, selects)."""

    def __init__(self, target: ImapTarget, password: str, *, move_to: str = DEFAULT_MOVE_TO,
                 unrecognized_to: str | None = None, readonly: bool = False, batch: int = BATCH,
                 timeout: float = 30.0, use_move: bool | None = None,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        self.target = target
        self._password = password
        self.move_to, self.unrecognized_to = move_to, unrecognized_to
        self.readonly, self.batch, self.timeout = readonly, batch, timeout
        self._use_move = use_move  # None: ask the server
        self._ssl = ssl_context
        self.client = None
        self._created: set[str] = set()
        self._delimiter = "/"

    # ---- connection

    def __enter__(self) -> ImapSource:
        self.connect()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def connect(self) -> None:
        from imapclient import IMAPClient
        from imapclient.exceptions import LoginError

        t = self.target
        try:
            c = IMAPClient(t.host, port=t.port, ssl=t.tls, ssl_context=self._ssl, timeout=self.timeout)
            if not t.tls and c.has_capability("STARTTLS"):
                c.starttls(self._ssl or ssl.create_default_context())
            c.login(t.user, self._password)
        except LoginError:
            raise ImapError(t.url, "login refused (check the user and $BOUNCEBACK_IMAP_PASSWORD)") from None
        except (OSError, ssl.SSLError) as exc:
            raise ImapError(t.url, f"cannot connect ({_reason(exc)})") from None
        except Exception as exc:  # imapclient/imaplib protocol errors
            raise ImapError(t.url, f"IMAP error ({_reason(exc)})") from None
        self.client = c
        try:
            listed = c.list_folders("", "")
            if listed and listed[0][1]:
                self._delimiter = listed[0][1].decode() if isinstance(listed[0][1], bytes) else listed[0][1]
            c.select_folder(t.folder, readonly=self.readonly)
        except Exception as exc:
            self.close()
            raise ImapError(t.url, f"cannot open the folder ({_reason(exc)})") from None
        if self._use_move is None:
            self._use_move = c.has_capability("MOVE")

    def close(self) -> None:
        c, self.client = self.client, None
        if c is None:
            return
        try:
            c.logout()
        except Exception:  # noqa: BLE001 - the connection may already be gone
            with contextlib.suppress(Exception):
                c.shutdown()

    @property
    def uses_move(self) -> bool:
        return bool(self._use_move)

    # ---- reading

    def pending_uids(self) -> list[int]:
        """UIDs still to handle: everything left in the folder (or not yet flagged, without MOVE)."""
        criteria = ["NOT", "DELETED"]
        if not self._use_move and not self.readonly:
            criteria += ["NOT", "KEYWORD", KEYWORD]
        return sorted(self._call(lambda c: c.search(criteria)))

    def messages(self, uids: list[int] | None = None) -> Iterator[ImapMessage]:
        """The messages (``BODY.PEEK[]``, batch by batch), oldest UID first.

        A message larger than ``MAX_MESSAGE_BYTES`` (a bounce returning a huge attachment)
        is read up to that size: the report is at its start.
        """
        uids = self.pending_uids() if uids is None else uids
        for i in range(0, len(uids), self.batch):
            chunk = uids[i : i + self.batch]
            sizes = self._call(lambda c, chunk=chunk: c.fetch(chunk, ["RFC822.SIZE"]))
            big = {u for u in chunk if sizes.get(u, {}).get(b"RFC822.SIZE", 0) > MAX_MESSAGE_BYTES}
            small = [u for u in chunk if u not in big]
            data = self._call(lambda c, small=small: c.fetch(small, ["BODY.PEEK[]"])) if small else {}
            if big:
                wanted, part = sorted(big), f"BODY.PEEK[]<0.{MAX_MESSAGE_BYTES}>"
                data.update(self._call(lambda c, wanted=wanted, part=part: c.fetch(wanted, [part])))
            for uid in chunk:
                fields = data.get(uid, {})
                raw = fields.get(b"BODY[]") or fields.get(b"BODY[]<0>")
                if raw is not None:
                    yield ImapMessage(uid, bytes(raw), f"{self.target.url};UID={uid}")

    # ---- acknowledging

    def acknowledge(self, uids: int | list[int], recognized: bool = True) -> None:
        """Done with these messages (their events are committed): move them away, or flag them."""
        if self.readonly:
            raise ImapError(self.target.url, "opened read-only: nothing can be acknowledged")
        uids = [uids] if isinstance(uids, int) else list(uids)
        if not uids:
            return
        folder = self.move_to if recognized else self.unrecognized_to
        if folder is None:  # no bounce, and no folder for those: just remember it was seen
            self._call(lambda c: c.add_flags(uids, [b"\\Seen", KEYWORD.encode()]))
            return
        name = self._folder(folder)
        if self._use_move:
            self._call(lambda c: c.move(uids, name))
        else:
            self._call(lambda c: c.copy(uids, name))
            self._call(lambda c: c.add_flags(uids, [b"\\Seen", KEYWORD.encode()]))

    def _folder(self, folder: str) -> str:
        name = folder.replace("/", self._delimiter)
        if name not in self._created:
            if not self._call(lambda c: c.folder_exists(name)):
                self._call(lambda c: c.create_folder(name))
            self._created.add(name)
        return name

    # ---- watching

    def watch(self, *, stop: Callable[[], bool] = lambda: False, idle_timeout: float = 60.0,
              poll: float = 30.0, max_backoff: float = 60.0,
              on_error: Callable[[ImapError], None] | None = None) -> Iterator[ImapMessage]:
        """Messages now and as they arrive, until ``stop()``; reconnects after a dropped connection."""
        backoff = 1.0
        while not stop():
            try:
                if self.client is None:
                    self.connect()
                for msg in self.messages():
                    yield msg
                    if stop():
                        return
                backoff = 1.0
                self._wait_for_mail(stop, idle_timeout, poll)
            except ImapError as exc:
                if on_error is not None:
                    on_error(exc)
                self.close()
                end = time.monotonic() + backoff
                while time.monotonic() < end and not stop():
                    time.sleep(0.1)
                backoff = min(backoff * 2, max_backoff)

    def _wait_for_mail(self, stop: Callable[[], bool], idle_timeout: float, poll: float) -> None:
        c = self.client
        if c is None:
            return
        if not c.has_capability("IDLE"):
            end = time.monotonic() + poll
            while time.monotonic() < end and not stop():
                time.sleep(0.2)
            self._call(lambda c: c.noop())
            return
        try:
            c.idle()
            end = time.monotonic() + idle_timeout
            while time.monotonic() < end and not stop():
                responses = c.idle_check(timeout=1)
                if any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses):
                    break
                if not responses and _closed(c):
                    raise ImapError(self.target.url, "connection lost (the server closed it)")
            c.idle_done()
        except ImapError:
            raise
        except (OSError, ssl.SSLError) as exc:
            raise ImapError(self.target.url, f"connection lost ({_reason(exc)})") from None
        except Exception as exc:
            raise ImapError(self.target.url, f"IMAP error ({_reason(exc)})") from None

    def _call(self, fn):
        if self.client is None:
            raise ImapError(self.target.url, "not connected")
        try:
            return fn(self.client)
        except (OSError, ssl.SSLError) as exc:
            raise ImapError(self.target.url, f"connection lost ({_reason(exc)})") from None
        except Exception as exc:
            raise ImapError(self.target.url, f"IMAP error ({_reason(exc)})") from None


def _closed(client) -> bool:
    """True when the server has closed the connection (IMAPClient's idle_check reports EOF as silence)."""
    # idle_check has consumed every complete line; a socket still readable after that is at EOF
    try:
        readable, _, _ = select.select([client.socket()], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
