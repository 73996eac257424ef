#!/usr/bin/env bash
# Mails per second from a POP3 mailbox into complaints: a throwaway Dovecot
# (tests/support/dovecot.sh) holding N mails (GBK subject and body, like the
# test fixture), a real redressd with the shipped e-mail plugin on SQLite, and
# one POST /email/fetch timed from request to answer (LIST, RETR, parse,
# complaint.submit, DELE for every mail, QUIT).
#   bench/email/run.sh [BUILD_DIR] [MAILS]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
mails=${2:-500}
work=$(mktemp -d)
chmod 0755 "$work" # Dovecot runs as its own users (see tests/support/dovecot.sh)
pid=""
cleanup() {
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
    wait 2>/dev/null || true
    tests/support/dovecot.sh stop "$work/dovecot" || true
    rm -rf "$work"
}
trap cleanup EXIT

[ -x "$build/bin/redressd" ] || { echo "no $build/bin/redressd: build redressd and email first" >&2; exit 1; }
tests/support/dovecot.sh start "$work/dovecot" complaints:secret >/dev/null
port=$(cat "$work/dovecot/port")

cat >"$work/bench.toml" <<TOML
[server]
port = 0
threads = 8
[storage]
url = "sqlite://$work/bench.db"
[plugins]
builtin = true
poll_interval = "1h"
[[department]]
id = "after-sales"
name = "售后服务部"
prefix = "AS"
channels = ["email"]
[plugin.email]
interval = 3600
attachment_dir = "$work/attachments"
[[plugin.email.mailbox]]
department = "after-sales"
host = "127.0.0.1"
port = $port
user = "complaints"
password = "secret"
TOML
token=$("$build/bin/redressd" --config "$work/bench.toml" --create-token bench 2>/dev/null)
"$build/bin/redressd" --config "$work/bench.toml" >"$work/redressd.log" 2>&1 &
pid=$!
api=""
for _ in $(seq 100); do
    api=$(sed -n 's/.*listening on [^:]*:\([0-9]*\).*/\1/p' "$work/redressd.log" | head -n 1)
    [ -n "$api" ] && break
    sleep 0.1
done
[ -n "$api" ] || { echo "redressd did not start: $(cat "$work/redressd.log")" >&2; exit 1; }
# Let the start-up poll see the empty mailbox first.
sleep 1

template=tests/channels/email/mails/gbk_subject_body.eml
maildir="$work/dovecot/mail/complaints"
for i in $(seq 1 "$mails"); do
    sed "s/<gbk-1@mail.example.com>/<bench-$i@mail.example.com>/" "$template" >"$maildir/tmp/$i.bench"
    mv "$maildir/tmp/$i.bench" "$maildir/new/$i.bench"
done

start=$(date +%s.%N)
reply=$(curl -s -X POST --data '' -H "Authorization: Bearer $token" "http://127.0.0.1:$api/email/fetch")
end=$(date +%s.%N)
created=$(sed -n 's/.*"created":\([0-9]*\).*/\1/p' <<<"$reply")
left=$(find "$maildir/new" "$maildir/cur" -type f | wc -l)
awk -v n="$mails" -v c="${created:-?}" -v l="$left" -v s="$start" -v e="$end" 'BEGIN {
    printf "email: %d mails in the mailbox, %s complaints created, %d left on the server, %.2f s, %.1f mails/s\n", n, c, l, e - s, n / (e - s) }'
[ "${created:-0}" -eq "$mails" ] || { echo "expected $mails complaints: $reply" >&2; exit 1; }
