"""Damaged bounces never raise: corpus messages cut, spliced and salted with the markers the
decoders look for (boundaries, report fields, transcript arrows, encoded words, NUL bytes).
A bounce is written by whoever sent the mail, so every decoder must take any bytes."""

from __future__ import annotations

import random

import bounceback

from ..conftest import shared_or_skip

SEEDS = (1, 4, 7)  # each found a crash once (bogus charset names, a NUL in one, a blank Feedback-Type)
PER_SEED = 300
MARKERS = (b"\n\n", b"\r\n", b"--", b"Content-Type: multipart/report; boundary=x\n", b"Final-Recipient: rfc822; a@b.c\n",
           b"<<< 550", b">>> RCPT To:<x@y.z>\n", b"=?utf-8?b?", b"\x00" * 10, b"Disposition: deleted\n",
           b"Content-Type: message/disposition-notification\n\n", b"Feedback-Type: \n", b"charset=\"x\x00y\"")


def _mutated(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 6)):
        if not data:
            break
        i, op = rng.randrange(len(data)), rng.random()
        if op < 0.3:
            del data[i:i + rng.randint(1, 200)]
        elif op < 0.6:
            data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 50)))
        elif op < 0.8:
            data[i:i] = rng.choice(MARKERS)
        else:
            del data[i:]
    return bytes(data)


def test_damaged_bounces_never_raise():
    corpus = shared_or_skip("corpus")
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".eml", ".txt", ".msg"))
    for seed in SEEDS:
        rng = random.Random(seed)
        for _ in range(PER_SEED):
            path = rng.choice(files)
            raw = _mutated(path.read_bytes(), rng)
            bounceback.parse(raw, str(path))  # records or none, never an exception
