"""``bounceback dnsbl`` and ``bounceback validate`` as a user runs them, against the tests' NSD."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from bounceback.cli import main
from bounceback.hygiene import suppressions
from bounceback.store import Store

from .conftest import LISTS_FILE

KEYS = ["target", "list", "listed", "codes", "meaning", "advice"]


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


# ---- dnsbl -------------------------------------------------------------------------------------------

def test_dnsbl_json_has_one_object_per_target_and_list(dns_server):
    r = run("dnsbl", "--json", "--resolver", dns_server.address, "192.0.2.10", "spam.example")
    assert r.exit_code == 1, r.output
    rows = json.loads(r.stdout)
    assert [list(x) for x in rows] == [KEYS] * 4
    assert [(x["target"], x["list"], x["listed"]) for x in rows] == [
        ("192.0.2.10", "spamhaus-zen", True), ("192.0.2.10", "barracuda", False),
        ("192.0.2.10", "spamcop", False), ("spam.example", "spamhaus-dbl", True)]
    assert rows[0]["codes"] == ["127.0.0.10"] and "PBL" in rows[0]["meaning"]


def test_dnsbl_exit_codes(dns_server, black_hole):
    assert run("dnsbl", "--resolver", dns_server.address, "192.0.2.1", "clean.example").exit_code == 0
    assert run("dnsbl", "--resolver", dns_server.address, "192.0.2.1", "192.0.2.2").exit_code == 1
    assert run("dnsbl", "--resolver", dns_server.address, "192.0.2.254").exit_code == 3
    assert run("dnsbl", "--resolver", black_hole, "--timeout", "0.3", "192.0.2.1").exit_code == 3
    r = run("dnsbl", "--resolver", dns_server.address, "--json", "999.1.2.3", "192.0.2.1")
    assert r.exit_code == 2 and r.stderr == "bounceback: 999.1.2.3: not a valid IP address\n"
    assert {x["target"] for x in json.loads(r.stdout)} == {"192.0.2.1"}  # the rest is processed


def test_dnsbl_error_answers_print_unknown_and_warn(dns_server):
    r = run("dnsbl", "--json", "--resolver", dns_server.address, "--lists", "spamhaus-zen", "192.0.2.254")
    (row,) = json.loads(r.stdout)
    assert row["listed"] is None and row["codes"] == ["127.255.255.254"]
    assert "warning: Spamhaus says resolver" in r.stderr and "Traceback" not in r.output


def test_dnsbl_text_output(dns_server):
    r = run("dnsbl", "--resolver", dns_server.address, "--lists", "spamhaus-zen,barracuda", "192.0.2.11", "192.0.2.255")
    assert r.exit_code == 1
    out = r.stdout
    assert "192.0.2.11\n" in out and "LISTED" in out and "PBL (Spamhaus-maintained)" in out
    assert "What to do: Send through your provider's authenticated submission server" in " ".join(out.split())
    assert "unknown" in out and "excessive number of queries" in " ".join(out.split())


def test_dnsbl_lists_file_and_names(dns_server):
    r = run("dnsbl", "--json", "--resolver", dns_server.address, "--lists-file", LISTS_FILE,
            "--lists", "custom", "--lists", "everything", "192.0.2.50")
    rows = json.loads(r.stdout)
    assert [(x["list"], x["listed"]) for x in rows] == [("custom", True), ("everything", None)]
    assert r.exit_code == 1


def test_dnsbl_dqs_key_from_the_environment(dns_server):
    r = CliRunner().invoke(main, ["dnsbl", "--json", "--resolver", dns_server.address, "--lists", "spamhaus-zen",
                                  "192.0.2.1"], env={"BOUNCEBACK_DQS_KEY": "testkey"})
    assert json.loads(r.stdout)[0]["listed"] is True


def test_dnsbl_bad_options_are_one_line_and_exit_2(tmp_path):
    for args, words in [(["--resolver", "127.0.0.1:99999"], "bad resolver port"),
                        (["--lists", "nope"], "unknown list"),
                        (["--lists-file", tmp_path / "none.toml"], "cannot read the lists file"),
                        (["--dqs-key", "a.b", "--resolver", "127.0.0.1:1"], "DQS key")]:
        r = run("dnsbl", *args, "192.0.2.1")
        assert r.exit_code == 2, (args, r.output)
        assert words in r.stderr and r.stderr.count("\n") == 1 and not r.stdout


# ---- validate ----------------------------------------------------------------------------------------

LIST = (
    "id,name,email,since\r\n"
    "1,Jane,jane@mx.example.net,2020\r\n"
    "2,Post,Postmaster@aonly.example.net,2021\r\n"
    "3,Null,bob@nullmx.example.net,2022\r\n"
    '4,"Doe, J.",not-an-address,2023\r\n'
    "5,Gone,x@missing.example.net,2024\r\n"
    "6,Unknown,x@example.org,2025\r\n"
)


def test_validate_keeps_columns_and_order_and_adds_checks(dns_server, tmp_path):
    src = tmp_path / "list.csv"
    src.write_text(LIST, newline="")
    r = run("validate", src, "--resolver", dns_server.address)
    assert r.exit_code == 3, r.output  # example.org: REFUSED by the test server, so unknown
    rows = list(csv.reader(r.stdout.splitlines()))
    assert rows[0] == ["id", "name", "email", "since", "check_result", "check_reason", "check_role",
                       "check_normalized", "check_detail", "check_suppressed"]
    assert {x[9] for x in rows[1:]} == {""}  # no database here: not looked up
    assert [x[:4] for x in rows[1:]] == [row for row in csv.reader(LIST.splitlines()[1:])]
    assert [(x[4], x[5], x[6]) for x in rows[1:]] == [
        ("ok", "", "no"), ("ok", "", "yes"), ("undeliverable", "null_mx", "no"), ("invalid", "syntax", "no"),
        ("undeliverable", "no_domain", "no"), ("unknown", "dns_error", "no")]
    assert "checked 6 rows: 2 ok, 1 invalid, 2 undeliverable, 1 unknown; 1 role accounts; 5 domains" in r.stderr
    assert r.stdout_bytes.count(b"\r\n") == 7  # the file's own line ends


def test_validate_output_file_and_json(dns_server, tmp_path):
    src, out = tmp_path / "list.csv", tmp_path / "checked.csv"
    src.write_text(LIST.replace("6,Unknown,x@example.org,2025\r\n", ""), newline="")
    r = run("validate", src, "-o", out, "--json", "--resolver", dns_server.address)
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert [x["line"] for x in rows] == [2, 3, 4, 5, 6]
    assert rows[1] == {"line": 3, "address": "Postmaster@aonly.example.net", "result": "ok", "reason": "",
                       "role": True, "normalized": "postmaster@aonly.example.net",
                       "detail": "aonly.example.net has no MX; mail goes to its address 192.0.2.26",
                       "suppressed": None}
    assert out.read_text().splitlines()[3].startswith("3,Null,bob@nullmx.example.net,2022,undeliverable,null_mx")


def test_validate_rerun_replaces_the_check_columns(dns_server, tmp_path):
    src, once, twice = tmp_path / "l.csv", tmp_path / "1.csv", tmp_path / "2.csv"
    src.write_text("email\njane@mx.example.net\n")
    run("validate", src, "-o", once, "--resolver", dns_server.address)
    run("validate", once, "-o", twice, "--resolver", dns_server.address)
    assert once.read_text() == twice.read_text()
    assert once.read_text().splitlines()[0] == ("email,check_result,check_reason,check_role,check_normalized,"
                                                "check_detail,check_suppressed")


def test_validate_semicolons_other_column_name_and_foreign_bytes(dns_server, tmp_path):
    src, out = tmp_path / "l.csv", tmp_path / "o.csv"
    # Latin-1 in another column passes through byte for byte; in the address column the row is unreadable.
    src.write_bytes(b"Name;Mail\nM\xfcller;m@mx.example.net\nbad;x\xff@mx.example.net\nshort\nok;o@aonly.example.net\n")
    r = run("validate", src, "--column", "mail", "-o", out, "--resolver", dns_server.address)
    assert r.exit_code == 1
    assert r.stderr.splitlines()[:2] == [f"bounceback: {src}:3: the 'mail' field is not UTF-8 text",
                                         f"bounceback: {src}:4: row has no 'mail' field (only 1 fields)"]
    lines = out.read_bytes().split(b"\n")
    assert lines[1].startswith(b"M\xfcller;m@mx.example.net;ok;")
    assert lines[2].startswith(b"bad;x\xff@mx.example.net;unreadable;row;")
    assert lines[3].startswith(b"short;;unreadable;row;")
    assert lines[4].startswith(b"ok;o@aonly.example.net;ok;")


def test_validate_unreadable_inputs_are_one_line(tmp_path, dns_server):
    r = run("validate", tmp_path / "missing.csv", "--resolver", dns_server.address)
    assert r.exit_code == 1 and r.stderr.startswith("bounceback: ") and r.stderr.count("\n") == 1
    (tmp_path / "l.csv").write_text("id,name\n1,x\n")
    r = run("validate", tmp_path / "l.csv", "--resolver", dns_server.address)
    assert r.exit_code == 1 and "no column 'email' in the header line: id,name" in r.stderr
    r = run("validate", tmp_path / "l.csv", "--resolver", "nohost.invalid:53x")
    assert r.exit_code == 2 and "bad resolver port" in r.stderr


def test_validate_huge_field_is_one_unreadable_row(dns_server, tmp_path):
    src = tmp_path / "l.csv"
    src.write_text("email,note\na@mx.example.net,x\nb@mx.example.net," + "y" * 200_000 + "\nc@mx.example.net,z\n")
    r = run("validate", src, "--json", "--resolver", dns_server.address)
    assert r.exit_code == 1 and "l.csv:3: unreadable row (field larger than field limit" in r.stderr
    assert [x["result"] for x in json.loads(r.stdout)] == ["ok", "unreadable", "ok"]


def test_validate_timeout(black_hole, tmp_path):
    src = tmp_path / "l.csv"
    src.write_text("email\na@mx.example.net\n")
    r = run("validate", src, "--json", "--resolver", black_hole, "--timeout", "0.3")
    assert r.exit_code == 3 and json.loads(r.stdout)[0]["result"] == "unknown"


def test_validate_reads_stdin(dns_server):
    r = run("validate", "-", "--resolver", dns_server.address, input="email\nabuse@mx.example.net\n")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[1].startswith("abuse@mx.example.net,ok,,yes,")


def test_validate_says_which_addresses_are_already_suppressed(dns_server, tmp_path, db_url):
    """With a database, check_suppressed says suppressed / unsubscribed / no (case-insensitively)."""
    with Store.open(db_url) as store:
        suppressions.add(store, ["jane@mx.example.net"], note="bounced elsewhere")
        suppressions.add(store, ["kim@aonly.example.net"], note="asked to leave", kind="unsubscribed")
        suppressions.add(store, ["old@aonly.example.net"], note="ended")
        suppressions.remove(store, ["old@aonly.example.net"], note="came back")
    src = tmp_path / "list.csv"
    src.write_text("email\nJane@MX.example.net\nkim@aonly.example.net\nold@aonly.example.net\n"
                   "new@aonly.example.net\nnot-an-address\n")
    r = run("validate", src, "--db", db_url, "--resolver", dns_server.address)
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(r.stdout.splitlines()))
    assert [x["check_suppressed"] for x in rows] == ["suppressed", "unsubscribed", "no", "no", ""]
    assert "2 already suppressed" in r.stderr
    js = json.loads(run("validate", src, "--db", db_url, "--resolver", dns_server.address, "--json").stdout)
    assert [x["suppressed"] for x in js] == ["suppressed", "unsubscribed", "no", "no", None]


def test_validate_uses_the_default_database_only_when_it_exists(dns_server, tmp_path):
    src = tmp_path / "list.csv"
    src.write_text("email\njane@mx.example.net\n")
    r = run("validate", src, "--resolver", dns_server.address)
    assert list(csv.DictReader(r.stdout.splitlines()))[0]["check_suppressed"] == ""
    assert not (tmp_path / "xdg-data" / "bounceback" / "bounceback.db").exists()  # not created by validate
    with Store.open(None) as store:  # the default file, in the tests' own data folder
        suppressions.add(store, ["jane@mx.example.net"], note="by hand")
    r = run("validate", src, "--resolver", dns_server.address)
    assert list(csv.DictReader(r.stdout.splitlines()))[0]["check_suppressed"] == "suppressed"
