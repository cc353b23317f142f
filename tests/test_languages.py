"""Non-English bounce texts classify like English ones (issue #3).

Each line is written the way a mail server or provider in that language words its reply
(German GMX/T-Online/Strato style, French Orange/Free, Spanish, Italian Libero/Aruba,
Portuguese UOL/Sapo, Dutch KPN/Ziggo, Russian mail.ru/Yandex, Polish WP/Onet/Interia,
Japanese carriers and ISPs, Chinese 163/QQ/Sina, Korean Naver/Daum). The reply code is
generic (550/554/452 with no enhanced code) so the words must decide; the SMTP command is
the one such a reply answers.
"""

from __future__ import annotations

import pytest

from bounceback.classify import decide
from bounceback.patterns import normalize

# (reason, command, reply code, action): the situation each reason's replies come in
SITUATION = {
    "userunknown": ("RCPT", "550", "failed"),
    "mailboxfull": ("RCPT", "552", "failed"),
    "hostunknown": ("", "550", "failed"),
    "suspend": ("RCPT", "550", "failed"),
    "blocked": ("", "554", "failed"),
    "spamdetected": ("DATA", "554", "failed"),
    "mesgtoobig": ("DATA", "552", "failed"),
    "expired": ("", "", "failed"),
}

LINES = {
    "de": {
        "userunknown": "550 Benutzer unbekannt: anna.schmidt@example.de",
        "mailboxfull": "552 Das Postfach des Empfängers ist voll",
        "hostunknown": "550 Die Domain example-gibtsnicht.de existiert nicht",
        "suspend": "550 Das Postfach wurde deaktiviert",
        "blocked": "554 Ihre IP-Adresse 192.0.2.1 ist gesperrt (Blacklist)",
        "spamdetected": "554 Die Nachricht wurde als Spam eingestuft und abgelehnt",
        "mesgtoobig": "552 Die Nachricht ist zu groß",
        "expired": "Die Nachricht konnte innerhalb von 5 Tagen nicht zugestellt werden. Zustellung abgebrochen.",
    },
    "fr": {
        "userunknown": "550 Utilisateur inconnu: marie.dupont@example.fr",
        "mailboxfull": "552 Boîte aux lettres pleine",
        "hostunknown": "550 Le domaine example-inexistant.fr n'existe pas",
        "suspend": "550 Ce compte a été désactivé",
        "blocked": "554 Votre adresse IP 192.0.2.1 est bloquée (liste noire)",
        "spamdetected": "554 Message refusé : considéré comme spam",
        "mesgtoobig": "552 Message trop volumineux",
        "expired": "Le message n'a pas pu être délivré dans le délai imparti. Délai d'acheminement dépassé.",
    },
    "es": {
        "userunknown": "550 Usuario desconocido: juan.perez@example.es",
        "mailboxfull": "552 El buzón del destinatario está lleno",
        "hostunknown": "550 El dominio example-inexistente.es no existe",
        "suspend": "550 La cuenta ha sido suspendida",
        "blocked": "554 Su dirección IP 192.0.2.1 está bloqueada (lista negra)",
        "spamdetected": "554 Mensaje rechazado: detectado como spam",
        "mesgtoobig": "552 El mensaje es demasiado grande",
        "expired": "No se pudo entregar el mensaje: tiempo de espera agotado tras varios reintentos.",
    },
    "it": {
        "userunknown": "550 Utente sconosciuto: mario.rossi@example.it",
        "mailboxfull": "552 Casella di posta piena",
        "hostunknown": "550 Il dominio example-inesistente.it non esiste",
        "suspend": "550 L'account è stato disabilitato",
        "blocked": "554 Il tuo indirizzo IP 192.0.2.1 è bloccato (blacklist)",
        "spamdetected": "554 Messaggio rifiutato perché considerato spam",
        "mesgtoobig": "552 Messaggio troppo grande",
        "expired": "Impossibile recapitare il messaggio: tempo massimo di consegna scaduto.",
    },
    "pt": {
        "userunknown": "550 Usuário desconhecido: joao.silva@example.com.br",
        "mailboxfull": "552 A caixa postal do destinatário está cheia",
        "hostunknown": "550 O domínio example-inexistente.pt não existe",
        "suspend": "550 A conta foi desativada",
        "blocked": "554 Seu endereço IP 192.0.2.1 está bloqueado (lista negra)",
        "spamdetected": "554 Mensagem rejeitada: identificada como spam",
        "mesgtoobig": "552 A mensagem é muito grande",
        "expired": "Não foi possível entregar a mensagem: o prazo de entrega expirou.",
    },
    "nl": {
        "userunknown": "550 Onbekende gebruiker: jan.jansen@example.nl",
        "mailboxfull": "552 De mailbox van de ontvanger is vol",
        "hostunknown": "550 Het domein example-bestaatniet.nl bestaat niet",
        "suspend": "550 Dit account is gedeactiveerd",
        "blocked": "554 Uw IP-adres 192.0.2.1 is geblokkeerd (zwarte lijst)",
        "spamdetected": "554 Bericht geweigerd: aangemerkt als spam",
        "mesgtoobig": "552 Het bericht is te groot",
        "expired": "Het bericht kon niet binnen de gestelde tijd worden afgeleverd. Bezorgtermijn verlopen.",
    },
    "ru": {
        "userunknown": "550 Пользователь не найден: ivan.petrov@example.ru",
        "mailboxfull": "552 Почтовый ящик получателя переполнен",
        "hostunknown": "550 Домен example-net-takogo.ru не существует",
        "suspend": "550 Почтовый ящик заблокирован",
        "blocked": "554 Ваш IP-адрес 192.0.2.1 заблокирован (черный список)",
        "spamdetected": "554 Сообщение отклонено как спам",
        "mesgtoobig": "552 Размер письма превышает допустимый",
        "expired": "Письмо не удалось доставить: истек срок доставки.",
    },
    "pl": {
        "userunknown": "550 Nieznany użytkownik: jan.kowalski@example.pl",
        "mailboxfull": "552 Skrzynka odbiorcy jest pełna",
        "hostunknown": "550 Domena example-nieistnieje.pl nie istnieje",
        "suspend": "550 Konto zostało zablokowane",
        "blocked": "554 Twój adres IP 192.0.2.1 jest na czarnej liście",
        "spamdetected": "554 Wiadomość odrzucona: rozpoznana jako spam",
        "mesgtoobig": "552 Wiadomość jest zbyt duża",
        "expired": "Nie udało się dostarczyć wiadomości: upłynął czas dostarczenia.",
    },
    "ja": {
        "userunknown": "550 宛先のユーザーは存在しません",
        "mailboxfull": "552 メールボックスの容量がいっぱいです",
        "hostunknown": "550 宛先のドメインが存在しません",
        "suspend": "550 このアカウントは利用停止中です",
        "blocked": "554 送信元IPアドレス 192.0.2.1 は拒否されています",
        "spamdetected": "554 迷惑メールと判定されたため受信を拒否しました",
        "mesgtoobig": "552 メールのサイズが大きすぎます",
        "expired": "配送の有効期限が切れたため、メールを配送できませんでした。",
    },
    "zh": {
        "userunknown": "550 用户不存在",
        "mailboxfull": "552 收件人邮箱已满",
        "hostunknown": "550 域名不存在",
        "suspend": "550 该帐户已被冻结",
        "blocked": "554 您的IP地址 192.0.2.1 已被列入黑名单",
        "spamdetected": "554 邮件被识别为垃圾邮件，已被拒收",
        "mesgtoobig": "552 邮件大小超过限制",
        "expired": "邮件投递超时，系统已停止重试。",
    },
    "zh-tw": {
        "userunknown": "550 使用者不存在",
        "mailboxfull": "552 收件者信箱已滿",
        "hostunknown": "550 網域不存在",
        "suspend": "550 此帳號已被停用",
        "blocked": "554 您的 IP 位址 192.0.2.1 已被列入黑名單",
        "spamdetected": "554 郵件被判定為垃圾郵件，已被拒收",
        "mesgtoobig": "552 郵件大小超過限制",
        "expired": "郵件傳送逾時，系統已停止重試。",
    },
    "ko": {
        "userunknown": "550 존재하지 않는 사용자입니다",
        "mailboxfull": "552 받는 사람의 메일함 용량이 초과되었습니다",
        "hostunknown": "550 존재하지 않는 도메인입니다",
        "suspend": "550 휴면 계정입니다",
        "blocked": "554 발송 IP 192.0.2.1 이(가) 차단되었습니다",
        "spamdetected": "554 스팸으로 분류되어 수신이 거부되었습니다",
        "mesgtoobig": "552 메일 크기가 허용 용량을 초과했습니다",
        "expired": "메일 전송 시간이 초과되어 발송에 실패했습니다.",
    },
}

CASES = [(lang, want, text) for lang, lines in LINES.items() for want, text in lines.items()]


@pytest.mark.parametrize(("lang", "want", "text"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_localized_reply_lines_classify_by_their_words(lang, want, text):
    command, code, action = SITUATION[want]
    v = decide(status="", reply_code=code if text[:3] == code else "", text=normalize(text),
               action=action, command=command, diagnostic_type="SMTP")
    assert v.reason == want, f"{lang}: {text!r} -> {v.reason} ({v.matched})"
    assert v.matched in ("rule", "phrase"), f"{lang}: decided by the code, not the words: {text!r}"


@pytest.mark.parametrize(("text", "status", "code", "want"), [
    # the text contradicts the code and wins (issue #3), in several languages
    ("550 5.1.1 Mailbox full", "5.1.1", "550", "mailboxfull"),
    ("550 Postfach voll", "", "550", "mailboxfull"),
    ("550 5.1.1 Your IP 192.0.2.1 is listed at zen.spamhaus.org", "5.1.1", "550", "blocked"),
    ("550 5.1.1 Ihre IP-Adresse steht auf einer Blacklist", "5.1.1", "550", "blocked"),
    ("550 5.1.1 Votre adresse IP est sur liste noire", "5.1.1", "550", "blocked"),
    ("554 5.7.1 Boîte aux lettres pleine", "5.7.1", "554", "mailboxfull"),
])
def test_text_that_contradicts_the_code_wins(text, status, code, want):
    v = decide(status=status, reply_code=code, text=normalize(text), command="RCPT", diagnostic_type="SMTP")
    assert v.reason == want
