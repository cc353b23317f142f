#!/bin/bash
# One-time installs for the real-server e2e suite (run as root, OUTSIDE netns-run.sh: needs the
# package registries). Idempotent and quick when everything is already there.
#   Debian: postfix (debconf "No configuration"), dovecot-imapd, libidn12 (exim's only missing lib);
#   exim4-daemon-light is only downloaded and extracted into e2e/exim-pkg/root: it Conflicts with postfix.
#   Users: vmail (mailbox owner), Debian-exim (exim's compiled-in user).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
EXIM_ROOT=${EXIM_ROOT:-$HERE/exim-pkg/root}
export DEBIAN_FRONTEND=noninteractive
need=()
command -v postfix >/dev/null 2>&1 || need+=(postfix)
command -v dovecot >/dev/null 2>&1 || need+=(dovecot-imapd)
[ -e /usr/lib/x86_64-linux-gnu/libidn.so.12 ] || dpkg -s libidn12 >/dev/null 2>&1 || need+=(libidn12)
updated=0
if [ ${#need[@]} -gt 0 ] || [ ! -x "$EXIM_ROOT/usr/sbin/exim4" ]; then
  apt-get update -q >/dev/null; updated=1
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get install -y -q --no-install-recommends --no-upgrade "${need[@]}" >/dev/null
fi
if [ ! -x "$EXIM_ROOT/usr/sbin/exim4" ]; then
  [ $updated = 1 ] || apt-get update -q >/dev/null
  rm -rf "$EXIM_ROOT.dl"; mkdir -p "$EXIM_ROOT.dl"
  (cd "$EXIM_ROOT.dl" && apt-get download -q exim4-daemon-light >/dev/null 2>&1)
  dpkg-deb -x "$EXIM_ROOT.dl"/exim4-daemon-light_*.deb "$EXIM_ROOT"
  rm -rf "$EXIM_ROOT.dl"
fi
id vmail >/dev/null 2>&1 || useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin vmail
id Debian-exim >/dev/null 2>&1 || useradd --system --user-group --no-create-home \
    --home-dir /var/spool/exim4 --shell /usr/sbin/nologin Debian-exim
# Postfix's pipe transport runs `bounceback ingest -` as vmail, which cannot use a Python under
# /root: the pipe gets its own venv from Debian's python3 (the project installed editable).
PIPE_VENV=$HERE/pipe-venv
if [ ! -x /usr/bin/python3 ] || ! /usr/bin/python3 -c 'import ensurepip' 2>/dev/null; then
  apt-get install -y -q --no-install-recommends python3 python3-venv >/dev/null
fi
[ -x "$PIPE_VENV/bin/python" ] || /usr/bin/python3 -m venv "$PIPE_VENV"
"$PIPE_VENV/bin/pip" install -q --disable-pip-version-check -e "$HERE/.."
