from __future__ import annotations

from bounceback.decode import decode

RAW = """From: MAILER-DAEMON@mx3.its.yale.edu
To: club-bounces@lists.example.org
Subject: Returned mail - nameserver error report

 --------Message not delivered to the following:

 jdoe       No matches to nameserver query
 pat.smith@yale.edu    Multiple matches found

 --------Error Detail (phquery V4.1):

 The message, "No matches to nameserver query," is generated whenever
 the directory fails to locate a name, e.g. if kim.lee@yale.edu fails,
 try kimberly.lee@yale.edu.

 --------Unsent Message below:

To: jdoe@yale.edu
"""


def test_bare_names_stand_for_both_yale_domains():
    out = decode(RAW.encode())
    assert {d.decoded_by for d in out} == {"yale"}
    assert [d.recipient for d in out] == ["jdoe@yale.edu", "jdoe@cs.yale.edu", "pat.smith@yale.edu"]
    assert out[0].diagnostic == "No matches to nameserver query"


def test_not_from_yale():
    raw = RAW.replace("mx3.its.yale.edu", "mx.example.edu")
    assert all(d.decoded_by != "yale" for d in decode(raw.encode()))
