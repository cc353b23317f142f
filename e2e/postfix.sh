#!/bin/bash
# A real Postfix relaying test mail to the fake remote MX and delivering its bounces to a
# Maildir, all under $E2E (own config_directory, queue and log: /etc/postfix is not used).
#   usage: postfix.sh configure|start|stop|flush
# Env: E2E (state dir), PF_PORT (loopback submission port), FAKE_MX, FAKE_PORT (the remote MX),
#      PF_PIPE (optional: a command Postfix pipes the bounces for bounces-pipe@ into)
set -euo pipefail
E2E=${E2E:?set E2E to the state directory}
PF_PORT=${PF_PORT:-10025}
FAKE_MX=${FAKE_MX:-mx.example.test}
FAKE_PORT=${FAKE_PORT:-2525}
PFC=$E2E/pf/conf PFQ=$E2E/pf/queue PFD=$E2E/pf/data MAIL=$E2E/mail LOG=$E2E/log/postfix.log

configure() {
  local uid gid
  uid=$(id -u vmail); gid=$(id -g vmail)
  mkdir -p "$PFC" "$PFQ" "$PFD" "$MAIL" "$(dirname "$LOG")"
  chown vmail:vmail "$MAIL"
  cp /etc/postfix/master.cf.proto "$PFC/master.cf"
  cat >"$PFC/main.cf" <<CF
compatibility_level = 3.6
config_directory = $PFC
queue_directory = $PFQ
data_directory = $PFD
myhostname = mx.bounceback.test
mydomain = bounceback.test
myorigin = \$myhostname
mydestination = localhost
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
alias_maps =
alias_database =
# no syslog here: postlogd writes the log file (the path must be under maillog_file_prefixes)
maillog_file = $LOG
maillog_file_prefixes = $E2E, /var, /dev/stdout
# routing to the fake remote MX without DNS (names come from /etc/hosts)
smtp_host_lookup = native
smtp_dns_support_level = disabled
lmtp_host_lookup = native
transport_maps = texthash:$PFC/transport
smtp_tls_security_level = none
smtpd_tls_security_level = none
smtpd_peername_lookup = no
# the bounce mailbox (Maildir) of the sending domain
virtual_mailbox_domains = bounceback.test
virtual_mailbox_base = $MAIL
virtual_mailbox_maps = texthash:$PFC/vmailbox
virtual_alias_maps = texthash:$PFC/valias
virtual_uid_maps = static:$uid
virtual_gid_maps = static:$gid
virtual_minimum_uid = 100
# fast retries, delay notices and expiry
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
delay_warning_time = 2s
maximal_queue_lifetime = 10s
# bounces themselves (null sender) may wait longer: the pipe test keeps one deferred for a while
bounce_queue_lifetime = 120s
notify_classes = resource, software
biff = no
CF
  cat >"$PFC/transport" <<CF
example.test   smtp:[$FAKE_MX]:$FAKE_PORT
.example.test  smtp:[$FAKE_MX]:$FAKE_PORT
example.net    smtp:[$FAKE_MX]:$FAKE_PORT
CF
  echo "bounces@bounceback.test bounces/Maildir/" > "$PFC/vmailbox"
  cat >"$PFC/valias" <<CF
postmaster@bounceback.test bounces@bounceback.test
postmaster@localhost bounces@bounceback.test
root@localhost bounces@bounceback.test
CF
  if [ -n "${PF_PIPE:-}" ]; then
    # bounces for bounces-pipe@ go straight into a command (bounceback ingest -), as README shows
    echo "bounces-pipe@bounceback.test bounceback-pipe:" >> "$PFC/transport"
    echo "bounces-pipe@bounceback.test bounces/Maildir/" >> "$PFC/vmailbox"
    postconf -c "$PFC" -M "bounceback-pipe/unix=bounceback-pipe unix - n n - - pipe flags=Rq user=vmail argv=$PF_PIPE"
  fi
  postconf -c "$PFC" -F '*/*/chroot = n'
  postconf -c "$PFC" -MX smtp/inet
  postconf -c "$PFC" -M "127.0.0.1:$PF_PORT/inet=127.0.0.1:$PF_PORT inet n - n - - smtpd"
  postfix -c "$PFC" set-permissions create-missing 2>/dev/null
  postfix -c "$PFC" check
}

start() { postfix -c "$PFC" start 2>/dev/null; }
flush() { postqueue -c "$PFC" -f; }   # deliver whatever is queued now
stop()  { postfix -c "$PFC" stop 2>/dev/null || true; }

"${1:?configure|start|stop|flush}"
