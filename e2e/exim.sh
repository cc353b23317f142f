#!/bin/bash
# A real Exim 4 (Debian's exim4-daemon-light, extracted by install.sh: it conflicts with
# postfix) relaying test mail to the fake remote MX; its bounces go to a Maildir under $E2E.
#   usage: exim.sh configure|start|stop
# Env: E2E, EXIM_PORT, FAKE_MX, FAKE_PORT, EXIM_ROOT (where the package was extracted),
#      EXIM_PIPE (optional: a command Exim pipes the bounces for bounces-pipe@ into)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=${E2E:?set E2E to the state directory}
EXIM_ROOT=${EXIM_ROOT:-$HERE/exim-pkg/root}
EXIM=$EXIM_ROOT/usr/sbin/exim4
EXIM_PORT=${EXIM_PORT:-10026}
FAKE_MX=${FAKE_MX:-mx.example.test}
FAKE_PORT=${FAKE_PORT:-2525}
X=$E2E/exim CONF=$E2E/exim/exim.conf PIDF=$E2E/exim/exim.pid

configure() {
  mkdir -p "$X/spool" "$X/log" "$E2E/mail"
  chown Debian-exim:Debian-exim "$X/spool" "$X/log"
  chown vmail:vmail "$E2E/mail"
  cat > "$CONF" <<CF
primary_hostname = mx2.bounceback.test
exim_path = $EXIM
qualify_domain = bounceback.test
domainlist local_domains = bounceback.test
hostlist relay_from_hosts = 127.0.0.1
spool_directory = $X/spool
log_file_path = $X/log/%slog
log_selector = +smtp_confirmation +received_recipients +sender_on_delivery +delivery_size +deliver_time +queue_time_overall
pid_file_path = $PIDF
daemon_smtp_ports = $EXIM_PORT
local_interfaces = 127.0.0.1
disable_ipv6 = true
tls_advertise_hosts =
host_lookup =
rfc1413_hosts =
keep_environment =
acl_smtp_rcpt = acl_check_rcpt
# one delay warning after 2s, also for list mail (Exim skips List-Id mail by default)
delay_warning = 2s : 1d
delay_warning_condition = true
timeout_frozen_after = 1m
ignore_bounce_errors_after = 1m

begin acl
acl_check_rcpt:
  accept hosts = +relay_from_hosts
  accept domains = +local_domains
  deny   message = relay not permitted

begin routers
fake_remote:
  driver = manualroute
  domains = example.test : *.example.test : example.net
  route_list = * $FAKE_MX byname
  transport = fake_remote_smtp
  self = send
${EXIM_PIPE:+bounceback_pipe:
  driver = accept
  domains = +local_domains
  local_parts = bounces-pipe
  transport = bounceback_pipe
}local_mailbox:
  driver = accept
  domains = +local_domains
  local_parts = bounces : postmaster
  transport = maildir_delivery

begin transports
fake_remote_smtp:
  driver = smtp
  port = $FAKE_PORT
  allow_localhost
  hosts_avoid_tls = *
maildir_delivery:
  driver = appendfile
  directory = $E2E/mail/exim-bounces/Maildir
  maildir_format
  create_directory
  delivery_date_add
  envelope_to_add
  return_path_add
  user = vmail
  group = vmail
  mode = 0600

${EXIM_PIPE:+bounceback_pipe:
  driver = pipe
  command = $EXIM_PIPE
  user = vmail
  group = vmail
  return_fail_output
  temp_errors = 75
}
begin retry
*   *   F,10s,1s
CF
  chmod 644 "$CONF"
  # with -C the re-exec'd delivery processes keep privilege only for configs listed here
  mkdir -p /etc/exim4
  grep -qxF "$CONF" /etc/exim4/trusted_configs 2>/dev/null || echo "$CONF" >> /etc/exim4/trusted_configs
  "$EXIM" -C "$CONF" -bV >/dev/null
}

start() { "$EXIM" -C "$CONF" -bd -q1s -oP "$PIDF"; }
stop() {
  if [ -f "$PIDF" ]; then kill "$(cat "$PIDF")" 2>/dev/null || true; rm -f "$PIDF"; fi
  # forget this run's config in the trusted list
  if [ -f /etc/exim4/trusted_configs ]; then
    grep -vxF "$CONF" /etc/exim4/trusted_configs > /etc/exim4/trusted_configs.new || true
    mv /etc/exim4/trusted_configs.new /etc/exim4/trusted_configs
  fi
}

"${1:?configure|start|stop}"
