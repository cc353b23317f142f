#!/bin/bash
# A real Dovecot IMAP server on 127.0.0.1:$IMAP_PORT serving the Maildirs Postfix and Exim
# deliver their bounces to (standalone config under $E2E; /etc/dovecot is not used).
# Users (password $IMAP_PASS): bounces, exim-bounces, imap-test -> $E2E/mail/USER/Maildir
#   usage: dovecot.sh configure|start|stop
set -euo pipefail
E2E=${E2E:?set E2E to the state directory}
IMAP_PORT=${IMAP_PORT:-10143}
IMAP_PASS=${IMAP_PASS:-secret}
D=$E2E/dovecot CONF=$E2E/dovecot/dovecot.conf

configure() {
  local uid gid u
  uid=$(id -u vmail); gid=$(id -g vmail)
  mkdir -p "$D/run" "$E2E/log" "$E2E/mail"
  chown vmail:vmail "$E2E/mail"
  : > "$D/users"
  for u in bounces exim-bounces imap-test; do
    mkdir -p "$E2E/mail/$u"; chown vmail:vmail "$E2E/mail/$u"
    echo "$u:{PLAIN}$IMAP_PASS:$uid:$gid::$E2E/mail/$u::" >> "$D/users"
  done
  chmod 640 "$D/users"; chgrp dovecot "$D/users"
  cat > "$CONF" <<CF
protocols = imap
listen = 127.0.0.1
base_dir = $D/run
instance_name = dovecot-bb-e2e
log_path = $E2E/log/dovecot.log
info_log_path = $E2E/log/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 100
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $D/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $D/users
}
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
CF
  doveconf -c "$CONF" -n >/dev/null
}

start() { dovecot -c "$CONF"; }
stop()  { dovecot -c "$CONF" stop 2>/dev/null || true; }

"${1:?configure|start|stop}"
