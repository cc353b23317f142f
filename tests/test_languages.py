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


# More wordings per language, and the reasons beyond the eight above: the lines a systematic
# audit (issue #3) found the words did not decide. Variants without accents, full-width and
# half-width CJK forms (read through NFKC, see patterns.normalize) and mixed local + English lines.
SITUATION.update({
    "virusdetected": ("DATA", "554", "failed"),
    "norelaying": ("RCPT", "554", "failed"),
    "rejected": ("MAIL", "553", "failed"),
    "authfailure": ("DATA", "550", "failed"),
    "toomanyconn": ("CONN", "421", "failed"),
    "speeding": ("RCPT", "450", "failed"),
    "systemerror": ("DATA", "451", "failed"),
    "networkerror": ("", "", "failed"),
    "policyviolation": ("DATA", "550", "failed"),
})

MORE_LINES = {
    "de": {
        "userunknown": [
            "550 Der Empfänger ist hier nicht bekannt",
            "550 Diese E-Mail-Adresse ist nicht vergeben",
        ],
        "hostunknown": [
            "Der Domänenname konnte nicht aufgelöst werden",
            "550 Die Domäne des Empfängers existiert nicht",
        ],
        "mailboxfull": [
            "552 Das Postfach von anna@gmx.de ist voll",
            "452 Speicherplatz des Postfachs überschritten",
            "452 Der Speicherplatz des Empfängers ist erschöpft",
        ],
        "suspend": [
            "550 Postfach vorübergehend gesperrt",
            "550 Dieses E-Mail-Konto ist nicht mehr aktiv",
        ],
        "blocked": [
            "554 Verbindung abgelehnt: IP 192.0.2.1 ist gesperrt",
            "554 Ihr Mailserver ist bei uns gesperrt",
            "554 Zugriff verweigert: Ihre IP 192.0.2.1 wurde blockiert",
        ],
        "spamdetected": [
            "550 Die E-Mail wurde vom Spamfilter abgewiesen",
            "554 Die Nachricht wurde als unerwünschte Werbung erkannt",
        ],
        "virusdetected": [
            "554 Die Nachricht enthält einen Virus",
            "554 Schadsoftware erkannt, Nachricht abgelehnt",
        ],
        "mesgtoobig": [
            "552 Die E-Mail überschreitet die maximal zulässige Größe",
        ],
        "expired": [
            "Die maximale Zustelldauer wurde überschritten, die Zustellung wurde aufgegeben.",
            "Zeitlimit für die Zustellung überschritten",
        ],
        "norelaying": [
            "554 Relaying verweigert",
            "554 Relay-Zugriff verweigert",
        ],
        "authfailure": [
            "550 Die Nachricht wurde aufgrund der DMARC-Richtlinie der Absenderdomain abgelehnt",
            "550 DKIM-Signatur ungültig",
        ],
        "toomanyconn": [
            "421 Zu viele gleichzeitige Verbindungen",
        ],
        "speeding": [
            "451 Sendelimit überschritten",
            "450 Versandlimit erreicht",
        ],
        "networkerror": [
            "Verbindung zum Mailserver konnte nicht hergestellt werden",
            "Netzwerk nicht erreichbar",
            "Zeitüberschreitung beim Verbindungsaufbau zu mx.example.de",
            "DNS-Fehler bei der Abfrage des MX-Eintrags",
        ],
        "policyviolation": [
            "550 Anhang nicht erlaubt: Dateityp .exe ist gesperrt",
            "550 Abgelehnt aufgrund lokaler Richtlinien",
        ],
    },
    "fr": {
        "userunknown": [
            "550 L'adresse du destinataire est invalide",
        ],
        "mailboxfull": [
            "452 La boîte aux lettres de jean@orange.fr est pleine",
        ],
        "suspend": [
            "550 Compte inactif",
        ],
        "blocked": [
            "554 Connexion refusée : votre IP est listée sur une liste de blocage",
            "554 Votre serveur est bloqué",
        ],
        "virusdetected": [
            "554 Le message contient un virus",
            "554 Logiciel malveillant détecté",
        ],
        "mesgtoobig": [
            "552 La taille du message dépasse la limite autorisée",
        ],
        "expired": [
            "Le message n'a pas pu être délivré dans le délai imparti.",
        ],
        "norelaying": [
            "550 Relayage non autorisé",
        ],
        "rejected": [
            "550 Domaine de l'expéditeur inexistant",
        ],
        "authfailure": [
            "550 Le message a été rejeté en raison de la politique DMARC du domaine",
        ],
        "speeding": [
            "451 Limite d'envoi dépassée",
            "450 Quota d'envoi atteint",
        ],
        "networkerror": [
            "Impossible de se connecter au serveur distant",
            "Réseau inaccessible",
            "Échec de la résolution DNS",
            "Délai de connexion dépassé",
        ],
        "policyviolation": [
            "550 Pièce jointe interdite",
            "550 Rejeté en raison de la politique locale",
        ],
    },
    "es": {
        "userunknown": [
            "550 Direccion de correo electronico inexistente",
        ],
        "mailboxfull": [
            "552 Casilla de correo llena",
        ],
        "blocked": [
            "554 Conexión rechazada: su servidor está bloqueado",
            "554 IP bloqueada",
        ],
        "spamdetected": [
            "554 Rechazado por ser considerado spam",
        ],
        "virusdetected": [
            "554 El mensaje contiene un virus",
            "554 Se ha detectado malware",
        ],
        "expired": [
            "Se superó el tiempo máximo de entrega",
        ],
        "norelaying": [
            "550 No se permite el reenvío (relay)",
        ],
        "rejected": [
            "550 Dirección del remitente no válida",
        ],
        "authfailure": [
            "550 Falló la validación DMARC",
        ],
        "toomanyconn": [
            "452 Demasiados destinatarios",
        ],
        "speeding": [
            "451 Límite de envío excedido",
            "450 Ha superado el límite de envío por hora",
        ],
        "systemerror": [
            "451 Error temporal del sistema",
            "451 Error local en el procesamiento",
        ],
        "networkerror": [
            "No se pudo conectar con el servidor remoto",
            "Red inaccesible",
            "Error de resolución DNS",
            "Tiempo de conexión agotado",
        ],
        "policyviolation": [
            "550 Archivo adjunto no permitido",
            "550 Rechazado por políticas locales",
        ],
    },
    "it": {
        "userunknown": [
            "550 Indirizzo email non valido",
        ],
        "blocked": [
            "554 Il vostro server è in blacklist",
        ],
        "spamdetected": [
            "554 Messaggio identificato come posta indesiderata",
            "554 Rilevato spam",
        ],
        "virusdetected": [
            "554 Il messaggio contiene un virus",
            "554 Trovato malware nell'allegato",
        ],
        "expired": [
            "Non è stato possibile consegnare il messaggio entro 5 giorni",
        ],
        "norelaying": [
            "554 Relay non permesso",
            "554 Relay negato",
            "554 Inoltro non consentito (relay)",
        ],
        "authfailure": [
            "550 Verifica SPF fallita",
            "550 Controllo DMARC fallito",
            "550 Firma DKIM non valida",
        ],
        "toomanyconn": [
            "452 Troppi destinatari",
        ],
        "speeding": [
            "451 Limite di invio superato",
            "450 Superato il limite di invio orario",
        ],
        "systemerror": [
            "451 Errore locale nell'elaborazione",
        ],
        "networkerror": [
            "Impossibile connettersi al server remoto",
            "Rete non raggiungibile",
            "Errore di risoluzione DNS",
            "Timeout della connessione",
        ],
        "policyviolation": [
            "550 Messaggio rifiutato per violazione della policy",
            "550 Allegato non consentito",
            "550 Rifiutato in base alle policy locali",
        ],
    },
    "pt": {
        "hostunknown": [
            "Host desconhecido",
        ],
        "blocked": [
            "554 IP bloqueado",
        ],
        "spamdetected": [
            "554 Mensagem considerada lixo eletrônico",
        ],
        "virusdetected": [
            "554 Vírus detectado",
            "554 A mensagem contém um vírus",
            "554 Malware detectado no anexo",
        ],
        "expired": [
            "Tempo limite de entrega excedido",
        ],
        "norelaying": [
            "554 Relay não permitido",
            "554 Relay negado",
            "554 Retransmissão não permitida",
        ],
        "authfailure": [
            "550 Falha na verificação SPF",
            "550 Falha na autenticação DMARC",
        ],
        "toomanyconn": [
            "421 Muitas conexões",
            "421 Excesso de conexões simultâneas",
            "452 Muitos destinatários",
        ],
        "speeding": [
            "450 Muitas mensagens enviadas, tente novamente mais tarde",
            "451 Limite de envio excedido",
            "450 Limite de envio por hora atingido",
        ],
        "systemerror": [
            "451 Erro temporário do sistema",
            "451 Erro local no processamento",
        ],
        "networkerror": [
            "Não foi possível conectar ao servidor remoto",
            "Rede inacessível",
            "Falha na resolução DNS",
            "Tempo limite de conexão esgotado",
        ],
        "policyviolation": [
            "550 Anexo não permitido",
            "550 Rejeitado devido às políticas locais",
        ],
    },
    "nl": {
        "userunknown": [
            "550 Dit adres is niet bekend",
        ],
        "hostunknown": [
            "Domeinnaam niet gevonden",
        ],
        "mailboxfull": [
            "552 Opslaglimiet bereikt",
        ],
        "suspend": [
            "550 Account is niet meer actief",
        ],
        "blocked": [
            "554 Verbinding geweigerd: uw server is geblokkeerd",
            "554 Uw IP staat op een blacklist",
        ],
        "spamdetected": [
            "554 Het bericht is als spam geclassificeerd",
            "554 Spam gedetecteerd",
        ],
        "virusdetected": [
            "554 Virus gevonden",
            "554 Het bericht bevat een virus",
            "554 Malware gedetecteerd",
        ],
        "norelaying": [
            "554 Relay niet toegestaan",
            "554 Relaying geweigerd",
        ],
        "rejected": [
            "550 Ongeldig afzenderadres",
        ],
        "authfailure": [
            "550 SPF-controle mislukt",
            "550 DMARC-controle mislukt",
            "550 Ongeldige DKIM-handtekening",
        ],
        "toomanyconn": [
            "421 Te veel verbindingen",
            "421 Te veel gelijktijdige verbindingen vanaf uw IP-adres",
            "452 Te veel ontvangers",
        ],
        "speeding": [
            "450 Te veel berichten verzonden, probeer het later opnieuw",
            "451 Verzendlimiet overschreden",
            "450 Verzendlimiet bereikt",
        ],
        "systemerror": [
            "451 Lokale fout bij verwerking",
        ],
        "networkerror": [
            "Kan geen verbinding maken met de externe server",
            "Netwerk onbereikbaar",
            "DNS-fout bij het opzoeken van de MX",
            "Time-out bij verbinding",
        ],
        "policyviolation": [
            "550 Bericht geweigerd wegens schending van het beleid",
            "550 Bijlage niet toegestaan",
            "550 Geweigerd op basis van lokaal beleid",
        ],
    },
    "ru": {
        "mailboxfull": [
            "552 Квота почтового ящика превышена",
        ],
        "blocked": [
            "554 Соединение отклонено: ваш сервер заблокирован",
        ],
        "spamdetected": [
            "554 Обнаружен спам",
        ],
        "virusdetected": [
            "554 Письмо содержит вирус",
            "554 Найден вирус во вложении",
        ],
        "norelaying": [
            "554 Пересылка запрещена (relay)",
            "554 Ретрансляция запрещена",
        ],
        "authfailure": [
            "550 Ошибка проверки DKIM",
            "550 Письмо отклонено политикой DMARC",
            "550 Неверная подпись DKIM",
        ],
        "toomanyconn": [
            "421 Слишком много одновременных подключений с вашего IP",
        ],
        "speeding": [
            "451 Превышен лимит отправки",
            "450 Превышена частота отправки",
        ],
        "systemerror": [
            "451 Локальная ошибка при обработке",
        ],
        "networkerror": [
            "Не удалось подключиться к удаленному серверу",
            "Сеть недоступна",
            "Ошибка DNS при поиске MX",
            "Превышено время ожидания соединения",
        ],
        "policyviolation": [
            "550 Вложение запрещено",
            "550 Отклонено в соответствии с локальной политикой",
        ],
    },
    "pl": {
        "hostunknown": [
            "550 Nie znaleziono domeny",
        ],
        "blocked": [
            "554 Połączenie odrzucone: serwer zablokowany",
            "554 IP 192.0.2.1 zablokowane",
        ],
        "spamdetected": [
            "554 Wykryto spam",
        ],
        "virusdetected": [
            "554 Wiadomość zawiera wirusa",
            "554 Wykryto złośliwe oprogramowanie",
        ],
        "norelaying": [
            "554 Przekazywanie (relay) niedozwolone",
            "554 Relay zabroniony",
            "554 Brak zgody na przekazywanie poczty",
        ],
        "rejected": [
            "553 Nieznany nadawca",
        ],
        "authfailure": [
            "550 Weryfikacja SPF nie powiodła się",
            "550 Błąd weryfikacji DKIM",
            "550 Wiadomość odrzucona przez politykę DMARC",
        ],
        "toomanyconn": [
            "421 Zbyt wiele jednoczesnych połączeń",
            "452 Zbyt wielu odbiorców",
        ],
        "speeding": [
            "450 Zbyt wiele wiadomości, spróbuj później",
            "451 Przekroczono limit wysyłki",
            "450 Osiągnięto limit wysyłania",
        ],
        "networkerror": [
            "Nie można połączyć się z serwerem zdalnym",
            "Sieć nieosiągalna",
            "Błąd DNS",
            "Przekroczono czas połączenia",
        ],
        "policyviolation": [
            "550 Wiadomość odrzucona: naruszenie polityki",
            "550 Załącznik niedozwolony",
            "550 Odrzucono zgodnie z lokalną polityką",
        ],
    },
    "ja": {
        "userunknown": [
            "550 ﾕｰｻﾞｰが存在しません",
        ],
        "mailboxfull": [
            "452 容量制限を超えているため受信できません",
        ],
        "suspend": [
            "550 このメールアドレスは現在利用できません",
        ],
        "blocked": [
            "554 送信元サーバーからの接続を拒否しました",
            "554 ＩＰアドレスが拒否されています",
        ],
        "expired": [
            "メールの配送がタイムアウトしました",
        ],
        "norelaying": [
            "554 中継は許可されていません",
            "554 リレーを拒否しました",
            "554 不正中継拒否",
        ],
        "authfailure": [
            "550 SPF認証に失敗しました",
            "550 DMARCポリシーにより拒否されました",
            "550 DKIM署名の検証に失敗しました",
            "550 送信ドメイン認証に失敗しました",
        ],
        "toomanyconn": [
            "421 接続数が多すぎます",
            "421 同時接続数の上限を超えました",
            "452 宛先数が多すぎます",
        ],
        "speeding": [
            "450 送信数の上限に達しました",
            "451 送信頻度が高すぎます",
            "450 短時間に大量のメールを送信したため一時的に制限しています",
        ],
        "systemerror": [
            "451 一時的なエラーが発生しました",
        ],
        "networkerror": [
            "リモートサーバーに接続できませんでした",
            "ネットワークに到達できません",
            "DNSの名前解決に失敗しました",
            "接続がタイムアウトしました",
        ],
        "policyviolation": [
            "550 ポリシー違反のため拒否しました",
            "550 添付ファイルの種類が許可されていません",
            "550 セキュリティポリシーにより拒否されました",
        ],
    },
    "zh": {
        "userunknown": [
            "550 收件人地址不存在",
        ],
        "blocked": [
            "554 拒绝来自该IP的连接",
        ],
        "spamdetected": [
            "554 被认为是垃圾邮件",
        ],
        "virusdetected": [
            "554 附件中包含病毒",
        ],
        "expired": [
            "邮件在队列中超过5天，已停止投递",
        ],
        "norelaying": [
            "554 不允许转发",
            "554 拒绝中继",
        ],
        "authfailure": [
            "550 SPF验证失败",
            "550 DMARC检查未通过",
            "550 DKIM签名验证失败",
            "550 发件人身份验证失败",
        ],
        "toomanyconn": [
            "421 连接数过多",
            "421 并发连接数超过限制",
            "452 收件人数量过多",
        ],
        "speeding": [
            "450 您发送的邮件过多，请稍后再试",
        ],
        "networkerror": [
            "无法连接到远程服务器",
            "网络不可达",
            "DNS解析失败",
            "连接超时",
        ],
        "policyviolation": [
            "550 违反安全策略",
            "550 不允许的附件类型",
            "550 根据本地策略拒绝",
        ],
    },
    "ko": {
        "userunknown": [
            "550 없는 사용자입니다",
            "550 등록되지 않은 사용자입니다",
        ],
        "suspend": [
            "550 사용 중지된 계정입니다",
            "550 비활성화된 계정입니다",
        ],
        "blocked": [
            "554 발신 서버가 차단되었습니다",
        ],
        "virusdetected": [
            "554 악성코드가 포함된 메일입니다",
        ],
        "mesgtoobig": [
            "552 메시지 크기가 너무 큽니다",
        ],
        "norelaying": [
            "554 릴레이가 허용되지 않습니다",
            "554 릴레이 거부",
            "554 메일 중계가 허용되지 않습니다",
        ],
        "rejected": [
            "553 잘못된 발신자 주소",
        ],
        "authfailure": [
            "550 SPF 인증 실패",
            "550 DKIM 서명 검증에 실패했습니다",
            "550 DMARC 정책에 의해 거부되었습니다",
        ],
        "toomanyconn": [
            "421 연결이 너무 많습니다",
            "421 동시 접속 수 초과",
            "452 수신자가 너무 많습니다",
        ],
        "speeding": [
            "450 발송량이 너무 많습니다. 잠시 후 다시 시도하세요",
            "451 발송 제한을 초과했습니다",
            "450 단시간에 너무 많은 메일을 발송했습니다",
        ],
        "networkerror": [
            "원격 서버에 연결할 수 없습니다",
            "네트워크에 연결할 수 없습니다",
            "DNS 조회 실패",
            "연결 시간 초과",
        ],
        "policyviolation": [
            "550 정책 위반으로 거부되었습니다",
            "550 허용되지 않는 첨부 파일",
            "550 보안 정책에 의해 차단되었습니다",
        ],
    },
}

CASES += [(lang, want, text) for lang, cells in MORE_LINES.items() for want, lines in cells.items() for text in lines]


@pytest.mark.parametrize(("lang", "want", "text"), CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
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


@pytest.mark.parametrize(("text", "command", "code", "not_reason"), [
    # a negation before the phrase, or the phrase of another reason, is no match
    ("554 geen virus gevonden", "DATA", "554", "virusdetected"),
    ("554 письмо не содержит вирусов", "DATA", "554", "virusdetected"),
    ("554 el mensaje no contiene virus", "DATA", "554", "virusdetected"),
    ("554 nenhum vírus encontrado", "DATA", "554", "virusdetected"),
    ("554 ningún virus encontrado", "DATA", "554", "virusdetected"),
    ("554 kein Virus gefunden", "DATA", "554", "virusdetected"),
    ("554 nie wykryto wirusów", "DATA", "554", "virusdetected"),
    ("554 не обнаружен спам", "DATA", "554", "spamdetected"),
    ("554 geen spam gevonden", "DATA", "554", "spamdetected"),
    ("452 zbyt wiele wiadomości w skrzynce", "RCPT", "452", "speeding"),
    ("452 te veel berichten in de mailbox", "RCPT", "452", "speeding"),
    ("550 수신 차단된 사용자입니다", "RCPT", "550", "suspend"),
    ("550 Mailbox von anna@gmx.de ist vollständig gelöscht", "RCPT", "550", "mailboxfull"),
    ("550 tiempo de conexión agotado", "", "", "expired"),
])
def test_negations_and_look_alikes_do_not_match(text, command, code, not_reason):
    v = decide(status="", reply_code=code, text=normalize(text), action="failed", command=command,
               diagnostic_type="SMTP")
    assert v.reason != not_reason


@pytest.mark.parametrize(("text", "command", "want"), [
    ("554 Nachricht als Spam eingestuft (kein Virus gefunden)", "DATA", "spamdetected"),
    ("553 Absenderadresse ist nicht bekannt", "MAIL", "rejected"),
    ("550 Die Absenderdomain existiert nicht", "RCPT", "rejected"),
    ("550 Indirizzo del mittente non valido", "MAIL", "rejected"),
])
def test_the_sender_refused_or_the_content_named_stays_so(text, command, want):
    v = decide(status="", reply_code=text[:3], text=normalize(text), action="failed", command=command,
               diagnostic_type="SMTP")
    assert v.reason == want
