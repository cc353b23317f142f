"""The knowledge files are complete and consistent."""

from __future__ import annotations

from bounceback import knowledge

VOCABULARY = set(
    ["authfailure", "badreputation", "blocked", "contenterror", "delivered", "exceedlimit", "expired", "failedstarttls", "feedback", "filtered", "hasmoved", "hostunknown", "mailboxfull", "mailererror", "mesgtoobig", "networkerror", "norelaying", "notaccept", "notcompliantrfc", "onhold", "policyviolation", "rejected", "requireptr", "securityerror", "spamdetected", "speeding", "suspend", "syntaxerror", "systemerror", "systemfull", "toomanyconn", "undefined", "userunknown", "vacation", "virusdetected"]
)
REPLY_CODES = "211 214 220 221 250 251 252 354 421 450 451 452 455 500 501 502 503 504 521 550 551 552 553 554 555 556"


def test_reasons_cover_the_vocabulary():
    assert set(knowledge.reasons()) == VOCABULARY
    for name, r in knowledge.reasons().items():
        assert r["fault"] in knowledge.FAULTS, name
        assert r["hard"] in ("always", "if_permanent", "never"), name
        assert r["advice"] and r["title"], name


def test_every_rfc5321_reply_code_is_known():
    table = knowledge.reply_codes()
    for code in REPLY_CODES.split():
        e = table[code]
        assert e["fault"] in knowledge.FAULTS and e["meaning"] and e["advice"], code
        assert e["reason"] in VOCABULARY | {""}, code
        assert e["permanent"] == code.startswith("5"), code


def test_iana_enhanced_status_registry_is_complete():
    table = knowledge.status_codes()
    expected = ["X.0.0"] + [f"X.1.{i}" for i in range(11)] + [f"X.2.{i}" for i in range(5)] + \
        [f"X.3.{i}" for i in range(7)] + [f"X.4.{i}" for i in range(8)] + [f"X.5.{i}" for i in range(7)] + \
        [f"X.6.{i}" for i in range(11)] + [f"X.7.{i}" for i in range(31)]
    missing = [k for k in expected if k not in table]
    assert not missing
    assert len(expected) >= 80
    for k in table:
        e = knowledge.status_entry(k) if k[0].isdigit() and "X" not in k else table[k]
        assert e["fault"] in knowledge.FAULTS, k
        assert e["reason"] in VOCABULARY | {""}, k
        assert e["meaning"] and e["advice"], k


def test_phrase_tables_compile_and_use_the_vocabulary():
    phrases = knowledge.reason_phrases()
    assert set(phrases) <= VOCABULARY
    assert sum(len(v) for v in phrases.values()) > 300
    for reason, pats in phrases.items():
        assert len(knowledge.reason_table(reason)) == len(pats), reason  # every phrase compiles


def test_provider_rules_use_the_vocabulary():
    for p in knowledge.providers():
        assert p.hosts or p.domains, p.name
        assert len(p.table) == len(p.patterns), p.name  # every pattern compiles
        for r in p.rules:
            assert r.reason in VOCABULARY, (p.name, r)


def test_status_lookup_falls_back_from_exact_to_x_to_class():
    assert knowledge.status_entry("5.1.1")["title"]
    assert knowledge.status_entry("5.9.999") is knowledge.status_codes()["5.X.X"]
    assert knowledge.status_entry("") is None


def test_the_cache_keeps_which_non_ascii_phrases_can_match_ascii_text(tmp_path, monkeypatch):
    import json

    from bounceback import knowledge, patterns

    monkeypatch.setenv("BOUNCEBACK_CACHE_DIR", str(tmp_path))
    knowledge._all.cache_clear()
    try:
        knowledge._all()  # cold: parses the TOML files and works the answers out
        [cached] = tmp_path.glob("knowledge-*.json")
        answers = json.loads(cached.read_text())["reads_ascii"]
        assert answers and all(not p.isascii() for p in answers)
        assert any(answers.values()) and not all(answers.values())  # "empf(?:ä|ae)nger" can, "宛先" cannot
        monkeypatch.setattr(patterns, "_READS_ASCII", {})
        knowledge._all.cache_clear()
        knowledge._all()  # warm: read back, nothing parsed
        assert answers == patterns._READS_ASCII
    finally:
        knowledge._all.cache_clear()
