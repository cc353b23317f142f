from __future__ import annotations

import base64

from bounceback.decode.charset import to_text
from bounceback.decode.message import MAX_PART_BYTES, Message, split_multipart


def _multipart(parts: list[str], boundary: str = "XyZ") -> bytes:
    body = "".join(f"--{boundary}\n{p}\n" for p in parts) + f"--{boundary}--\n"
    return (f"From: a@b.example\nContent-Type: multipart/report; report-type=delivery-status; "
            f"boundary=\"{boundary}\"\n\npreamble\n{body}").encode()


def test_headers_unfold_and_repeat():
    m = Message(b"Received: a\nReceived: b\nSubject: one\n two\n\nbody")
    assert m.get_all("received") == ["a", "b"]
    assert m.subject == "one two"
    assert m.text == "body"


def test_crlf_and_cr_line_endings_read_the_same():
    lf = _multipart(["Content-Type: text/plain\n\nhello", "Content-Type: message/delivery-status\n\nAction: failed"])
    for raw in (lf, lf.replace(b"\n", b"\r\n"), lf.replace(b"\n", b"\r")):
        m = Message(raw)
        assert [p.content_type for p in m.parts] == ["text/plain", "message/delivery-status"]
        assert m.parts[1].text.strip() == "Action: failed"


def test_transfer_encodings_and_charsets():
    b64 = base64.b64encode("Grüße".encode("iso-8859-1")).decode()
    m = Message(f"Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n\n{b64}\n".encode())
    assert m.text == "Grüße"
    qp = Message(b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nm=C3=BCde\n")
    assert qp.text.strip() == "müde"
    assert to_text("宛先不明".encode("iso2022_jp"), "iso-2022-jp") == "宛先不明"
    assert to_text("宛先不明".encode("cp932"), "shift_jis") == "宛先不明"
    assert to_text("Нет такого".encode("koi8-r"), "koi8-r") == "Нет такого"
    assert to_text(b"\xff\xfe broken", "no-such-charset")  # never raises


def test_encoded_words_in_subject():
    m = Message(b"Subject: =?UTF-8?B?VW56dXN0ZWxsYmFyOiBUZXN0?=\n\n")
    assert m.subject == "Unzustellbar: Test"


def test_huge_attachment_is_capped_not_read():
    huge = "Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n" + "QUFB\n" * 5_000_000
    m = Message(_multipart(["Content-Type: text/plain\n\nreport", huge]))
    assert len(m.parts) == 2
    assert len(m.parts[1].body_bytes) <= MAX_PART_BYTES
    assert m.body_text.strip() == "report"


def test_multipart_without_closing_boundary():
    assert split_multipart(b"--b\nA: 1\n\nx\n--b\nB: 2\n\ny", "b") == [b"A: 1\n\nx", b"B: 2\n\ny"]


def test_garbage_is_not_a_message_error():
    m = Message(bytes(range(256)) * 100)
    assert isinstance(m.body_text, str)


def test_content_type_folded_without_semicolon():
    from bounceback.decode.message import parse_params
    assert parse_params('text/plain\n   charset="iso-2022-jp"') == ("text/plain", {"charset": "iso-2022-jp"})
    assert parse_params("text/plain") == ("text/plain", {})


def test_multipart_without_boundaries_reads_as_text():
    m = Message(b'Content-Type: multipart/report; boundary="gone"\n\nReporting-MTA: dns; mx.example.net\n')
    assert m.body_text.startswith("Reporting-MTA:")


def test_parameter_folded_without_indentation_continues_the_header():
    m = Message(b'Content-Type: multipart/alternative;\nboundary="b1"\n\n--b1\nContent-Type: text/plain\n\nhi\n--b1--\n')
    assert m.params["boundary"] == "b1" and m.body_text.strip() == "hi"


def test_utf8_under_an_old_seven_bit_label_reads_as_utf8():
    from bounceback.decode.charset import to_text

    text = "エラー(テストメッセージとしての)"
    assert to_text(text.encode("utf-8"), "ISO-2022-JP") == text  # a copy re-encoded, label kept
    assert to_text(text.encode("iso2022_jp"), "ISO-2022-JP") == text
    assert to_text("Größe".encode("latin-1"), "iso-8859-1") == "Größe"


def test_an_encoded_word_with_a_bogus_charset_name_is_kept_as_written():
    from bounceback.decode.message import decode_words

    bogus = "=?iso-8\u00ea\u00f1}6d859-2?Q?Hello?="
    assert decode_words(bogus) == bogus


def test_a_charset_name_with_a_nul_in_it_falls_back_to_utf8():
    from bounceback.decode.charset import to_text

    assert to_text("caf\u00e9".encode(), "iso-8859-1\x00x") == "caf\u00e9"


def test_utf8_under_a_single_byte_label_reads_as_utf8():
    # Latin-1 reads every byte, so UTF-8 mislabelled "iso-8859-1" decodes without an error into
    # "EmpfÃ¤nger": the bytes that are valid UTF-8 are read as UTF-8
    text = "552 Das Postfach des Empfängers ist voll"
    assert to_text(text.encode("utf-8"), "iso-8859-1") == text
    assert to_text(text.encode("utf-8"), "windows-1252") == text
    assert to_text("Пользователь не найден".encode(), "koi8-r") == "Пользователь не найден"
    # real Latin-1 / KOI8-R under their labels stay as they are
    assert to_text(text.encode("latin-1"), "iso-8859-1") == text
    assert to_text("Пользователь не найден".encode("koi8-r"), "koi8-r") == "Пользователь не найден"


def test_undeclared_legacy_charsets_are_recognised():
    ja = "550 このメールアドレスは存在しません"
    ko = "552 받는 사람의 메일함 용량이 초과되었습니다"
    zh = "550 收件人不存在，邮件被退回"
    ru = "550 Пользователь не найден, письмо не доставлено"
    assert to_text(ja.encode("cp932")) == ja       # Shift_JIS without a label
    assert to_text(ja.encode("euc_jp")) == ja
    assert to_text(ko.encode("euc_kr")) == ko
    assert to_text(zh.encode("gb2312")) == zh
    assert to_text(ru.encode("koi8_r")) == ru
    assert to_text(ru.encode("cp1251")) == ru
    # Latin-1 text with a few accents is no CJK or Cyrillic text
    de = "550 Empfänger unbekannt. Die Nachricht konnte nicht zugestellt werden (Größe geprüft)"
    assert to_text(de.encode("latin-1")) == de
    fr = "552 Boîte aux lettres pleine, délai dépassé"
    assert to_text(fr.encode("latin-1")) == fr


def _plain_bounce(body: bytes, charset: str | None) -> bytes:
    ctype = f"text/plain; charset={charset}" if charset else "text/plain"
    return (b"From: MAILER-DAEMON@mail.example.jp\nTo: sender@example.org\n"
            b"Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
            + f"Content-Type: {ctype}\n".encode() + b"Content-Transfer-Encoding: 8bit\n\n" + body)


def test_localized_plain_text_bounces_name_their_recipient():
    # a local-language notice that labels the failed address ("宛先:", "받는 사람:", "Получатель:")
    from bounceback.decode import decode

    cases = [
        ("このメールは送信できませんでした。\n\n宛先: taro@example.jp\n\nエラー内容:\n550 このメールアドレスは存在しません\n",
         "cp932", None, "taro@example.jp"),
        ("메일 전송에 실패했습니다.\n\n받는 사람: kim@example.kr\n실패 사유: 552 메일함 용량이 초과되었습니다\n",
         "euc_kr", "EUC-KR", "kim@example.kr"),
        ("很抱歉，您的邮件未能成功投递。\n\n收件人: li@example.cn\n原因: 550 收件人不存在\n", "gb2312", None, "li@example.cn"),
        ("Ваше письмо не может быть доставлено.\n\nПолучатель: ivan@example.ru\nПричина: 550 Пользователь не найден\n",
         "koi8_r", None, "ivan@example.ru"),
        ("Die Nachricht konnte nicht zugestellt werden.\n\nEmpfänger: anna@example.de\nGrund: 550 Benutzer unbekannt\n",
         "utf-8", "iso-8859-1", "anna@example.de"),
    ]
    for text, codec, label, rcpt in cases:
        found = decode(_plain_bounce(text.encode(codec), label))
        assert [d.recipient for d in found] == [rcpt], text
        reply = text[text.index("5", text.index(rcpt)):].split("\n")[0]  # the reply line, read in its script
        assert reply in found[0].diagnostic, found[0].diagnostic
