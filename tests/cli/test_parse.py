from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from bounceback.cli import main

from ..conftest import SAMPLES


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_parse_samples_jsonl_has_the_contract_fields():
    r = run("parse", "--format", "jsonl", str(SAMPLES))
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    by_rcpt = {x["recipient"]: x for x in rows}
    for key in ("source", "recipient", "status", "reply_code", "reason", "hard_bounce", "action", "fault",
                "advice", "diagnostic", "remote_mta", "reporting_mta", "decoded_by", "original_message_id", "date"):
        assert key in rows[0], key
    assert by_rcpt["jane.doe@example.org"]["reason"] == "userunknown"
    assert by_rcpt["jane.doe@example.org"]["original_message_id"] == "nov-2026-0001@news.example.com"
    assert by_rcpt["max.mustermann@example.de"]["reason"] == "mailboxfull"
    assert by_rcpt["pat@example.net"]["fault"] == "sender"
    assert by_rcpt["someone@exmaple-typo.com"]["reason"] == "hostunknown"
    assert by_rcpt["sam@gmail.com"]["reason"] == "authfailure"
    assert by_rcpt["lee@example-isp.net"]["reason"] == "feedback"
    assert by_rcpt["robin@example.com"]["reason"] == "vacation"
    assert not any("park.example.org" in x["recipient"] for x in rows)


def test_bad_inputs_are_one_line_each_and_the_rest_is_processed(tmp_path):
    garbage = tmp_path / "garbage.eml"
    garbage.write_bytes(bytes(range(256)) * 50)
    r = run("parse", "--format", "jsonl", str(tmp_path / "missing.eml"), str(garbage),
            str(SAMPLES / "01-postfix-user-unknown.eml"))
    assert r.exit_code == 1
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and "missing.eml" in err[0] and "Traceback" not in r.stderr
    assert [json.loads(x)["recipient"] for x in r.stdout.splitlines()] == ["jane.doe@example.org"]


def test_stdin_and_formats():
    raw = (SAMPLES / "04-qmail-host-unknown.eml").read_bytes()
    r = CliRunner().invoke(main, ["parse", "--format", "csv", "-"], input=raw)
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0].startswith("source,recipient,reason")
    assert "someone@exmaple-typo.com" in r.stdout
    r = run("parse", "--json", str(SAMPLES / "04-qmail-host-unknown.eml"))
    assert json.loads(r.stdout)[0]["reason"] == "hostunknown"
    r = run("parse", "--format", "sisimai", str(SAMPLES / "04-qmail-host-unknown.eml"))
    fact = json.loads(r.stdout)[0]
    assert fact["deliverystatus"] == "5.1.2" and fact["hardbounce"] == 1 and fact["destination"] == "exmaple-typo.com"
    r = run("parse", str(SAMPLES))
    assert r.exit_code == 0 and "userunknown" in r.stdout


def test_mbox_and_maildir(tmp_path):
    mbox = tmp_path / "bounces.mbox"
    with mbox.open("wb") as fh:
        for name in ("01-postfix-user-unknown.eml", "04-qmail-host-unknown.eml"):
            fh.write(b"From MAILER-DAEMON Mon Nov  2 09:14:03 2026\n" + (SAMPLES / name).read_bytes() + b"\n")
    md = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (md / sub).mkdir(parents=True)
    (md / "new" / "1.host").write_bytes((SAMPLES / "02-exim-mailbox-full.eml").read_bytes())
    r = run("parse", "--format", "jsonl", str(mbox), str(md))
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    # source stays the path a user can open; the message's place in the mbox is its own field
    assert [(x["source"].rsplit("/", 1)[-1], x["message"], x["recipient"]) for x in rows] == [
        ("bounces.mbox", 1, "jane.doe@example.org"),
        ("bounces.mbox", 2, "someone@exmaple-typo.com"),
        ("1.host", 0, "max.mustermann@example.de"),
    ]


def test_python_dash_m_and_explain_json():
    p = subprocess.run([sys.executable, "-m", "bounceback", "explain", "--json", "452"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    for key in ("reply_code", "status", "meaning", "permanent", "fault", "reason", "advice"):
        assert key in d
    assert d["permanent"] is False


def test_explain_rich_output_and_error():
    r = run("explain", "550", "5.1.1", "user", "unknown")
    assert r.exit_code == 0 and "userunknown" in r.stdout
    r = run("explain", "hello")
    assert r.exit_code == 1 and r.stderr.startswith("bounceback: ") and len(r.stderr.splitlines()) == 1


def test_parallel_output_is_the_single_process_output(tmp_path):
    import shutil

    for n in range(8):  # 64 files: enough for several chunks per worker
        for f in sorted(SAMPLES.glob("*.eml")):
            shutil.copy(f, tmp_path / f"{n}-{f.name}")
    paths = [str(tmp_path), str(tmp_path / "missing.eml"), str(SAMPLES / "02-exim-mailbox-full.eml")]
    for fmt in ("jsonl", "csv", "json", "sisimai", "table"):
        one = run("parse", "--format", fmt, "-j1", *paths)
        two = run("parse", "--format", fmt, "-j2", *paths)
        assert one.exit_code == two.exit_code == 1 and "missing.eml" in two.stderr
        assert one.stdout == two.stdout, fmt
    assert len(run("parse", "--format", "jsonl", "-j2", *paths).stdout.splitlines()) > 50
