"""Providers' own notices in their users' languages, read by the generic decoders.

Samples written for these tests after the layouts of Libero, WP/Onet, Naver, 163 and T-Online
notices (a "Recipient:" label in the local language, full-width punctuation, HTML-only bodies).
"""

from __future__ import annotations

from .helpers import plain, run

_HEAD = "From: Mail Delivery System <MAILER-DAEMON@{host}>\nTo: alice@{host}\nSubject: {subject}\n"
_ORIGINAL = "From: Alice <alice@sender.example>\nTo: carol@cc.example\nSubject: Report\n"


def test_recipient_label_in_the_local_language():
    raw = plain(_HEAD.format(host="libero.example", subject="Messaggio non recapitato"),
                "Il messaggio che hai inviato non è stato recapitato.\n\n"
                "Destinatario: bob@target.example\n"
                "Motivo: 550 5.1.1 <bob@target.example>: Recipient address rejected: User unknown\n")
    [d] = run(raw)
    assert d.recipient == "bob@target.example" and d.status == "5.1.1" and d.reply_code == "550"
    assert not d.diagnostic.startswith("Destinatario")


def test_polish_original_headers_are_not_the_diagnostic():
    raw = plain(_HEAD.format(host="onet.example", subject="Wiadomość niedostarczona"),
                "Nie udało się dostarczyć wiadomości do następujących adresatów:\n\n"
                "bob@target.example: 552 5.2.2 Mailbox full\n\n"
                "Oryginalne nagłówki wiadomości:\n" + _ORIGINAL)
    [d] = run(raw)
    assert d.recipient == "bob@target.example" and d.diagnostic == "552 5.2.2 Mailbox full"


def test_full_width_colon_is_no_part_of_the_address():
    raw = plain(_HEAD.format(host="163.example", subject="系统退信"),
                "抱歉，您的邮件被退回来了……\n\n收件人：bob@target.example\n\n"
                "退信原因：\n    550 5.1.1 <bob@target.example>: User unknown\n")
    [d] = run(raw)
    assert d.recipient == "bob@target.example" and d.reply_code == "550"


def test_html_only_notice_with_a_table():
    raw = plain(_HEAD.format(host="naver.example", subject="[발송실패 안내] Report")
                + "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n",
                "<html><body><p>메일이 발송되지 않았습니다.</p><table>"
                "<tr><td>받는 사람</td><td>bob@target.example</td></tr>"
                "<tr><td>실패 사유</td><td>550 5.1.1 &lt;bob@target.example&gt;: User unknown</td></tr>"
                "</table></body></html>\n")
    [d] = run(raw)
    assert d.recipient == "bob@target.example" and d.status == "5.1.1"
    assert "<td>" not in d.diagnostic


def test_separator_line_is_cut_whole():
    # T-Online's mailout frames its sections with "|----- ... -----|" lines
    raw = plain(_HEAD.format(host="t-online.example", subject="Mail delivery failed"),
                "|------------------------- Failed addresses follow: ---------------------|\n"
                " <bob@target.example> ... 550 5.1.1 User unknown\n"
                "|------------------------- Message text follows: ------------------------|\n" + _ORIGINAL)
    [d] = run(raw)
    assert d.recipient == "bob@target.example" and d.diagnostic == "550 5.1.1 User unknown"
