#!/usr/bin/env bash
# A throwaway Dovecot POP3 server for the e-mail channel tests.
#
#   dovecot.sh start DIR [USER[:PASSWORD]]...   (default user: complaints:secret)
#   dovecot.sh stop DIR
#
# start writes its whole world under DIR and prints where things are:
#   DIR/port            the plain POP3 port (STLS offered when openssl exists)
#   DIR/pop3s_port      the POP3S (implicit TLS) port, when openssl exists
#   DIR/tls/cert.pem    the self-signed certificate those ports present
#   DIR/mail/USER/      each user's maildir; deliver a mail by writing a file
#                       into DIR/mail/USER/tmp/ and renaming it into new/
#   DIR/dovecot.log     Dovecot's log (quoted on any failure)
# Both listeners are on 127.0.0.1 only, on free ports; plain-text auth is
# allowed because nothing leaves loopback. Works as root (CI: mail is then
# owned by "nobody", since Dovecot refuses to serve mail as uid 0) and as an
# ordinary user (every Dovecot process then runs as that user).
set -euo pipefail

die() {
    echo "dovecot.sh: $*" >&2
    exit 1
}

usage() {
    echo "usage: dovecot.sh start DIR [USER[:PASSWORD]]... | dovecot.sh stop DIR" >&2
    exit 2
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$2
shift 2

stop() {
    local pidfile="$dir/run/master.pid"
    [ -f "$pidfile" ] || return 0
    local pid
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$pidfile"
}

# True when something answers "+OK" on 127.0.0.1:$1.
answers() {
    local reply=""
    exec 3<>"/dev/tcp/127.0.0.1/$1" 2>/dev/null || return 1
    read -r -t 2 reply <&3 || true
    exec 3>&- 3<&-
    [[ $reply == +OK* ]]
}

free_port() {
    local p
    for _ in $(seq 1 50); do
        # Below Linux's ephemeral range (32768+), where outgoing connections of
        # tests running beside us take their local ports.
        p=$((20000 + RANDOM % 12000))
        answers_any "$p" || {
            echo "$p"
            return 0
        }
    done
    die "found no free port on 127.0.0.1 in 50 tries"
}

# True when anything at all accepts a connection on 127.0.0.1:$1.
answers_any() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
    command -v dovecot >/dev/null ||
        die "dovecot is not installed (apt-get install dovecot-core dovecot-pop3d, or scripts/install-deps.sh)"
    [ -x /usr/lib/dovecot/pop3 ] ||
        die "dovecot's POP3 server is not installed (apt-get install dovecot-pop3d)"
    mkdir -p "$dir" || die "cannot create $dir"
    dir=$(cd "$dir" && pwd)
    stop

    local users=("$@")
    [ ${#users[@]} -gt 0 ] || users=("complaints:secret")

    # Who owns the mail. Dovecot never serves mail as root.
    local mail_user internal_user login_user uid gid
    if [ "$(id -u)" -eq 0 ]; then
        mail_user=nobody
        internal_user=dovecot
        login_user=dovenull
        getent passwd dovecot >/dev/null || die "user 'dovecot' missing (reinstall dovecot-core)"
        getent passwd dovenull >/dev/null || die "user 'dovenull' missing (reinstall dovecot-core)"
    else
        mail_user=$(id -un)
        internal_user=$mail_user
        login_user=$mail_user
    fi
    uid=$(id -u "$mail_user")
    gid=$(id -g "$mail_user")

    mkdir -p "$dir/run" "$dir/state" "$dir/mail"
    : >"$dir/users"
    local u name pass
    for u in "${users[@]}"; do
        name=${u%%:*}
        pass=secret
        [[ $u == *:* ]] && pass=${u#*:}
        [[ $name =~ ^[A-Za-z0-9._-]+$ ]] || die "bad user name '$name' (letters, digits, . _ -)"
        mkdir -p "$dir/mail/$name/new" "$dir/mail/$name/cur" "$dir/mail/$name/tmp"
        echo "$name:{PLAIN}$pass:$uid:$gid::$dir/mail/$name::" >>"$dir/users"
    done
    # The tests (maybe root) write into new/ and Dovecot (maybe nobody) moves
    # and deletes: both need the folders writable.
    chmod -R a+rwX "$dir/mail"
    chmod 0644 "$dir/users"
    if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null; then
        runuser -u "$internal_user" -- test -r "$dir/users" ||
            die "user '$internal_user' cannot read $dir/users: make every folder above $dir searchable (chmod a+x), e.g. a mktemp -d folder is 0700"
        runuser -u "$mail_user" -- test -w "$dir/mail" ||
            die "user '$mail_user' cannot write in $dir/mail: make every folder above $dir searchable (chmod a+x)"
    fi

    local ssl_conf="ssl = no"
    local pop3s_listener=""
    local pop3s_port=""
    if command -v openssl >/dev/null; then
        mkdir -p "$dir/tls"
        openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
            -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
            -keyout "$dir/tls/key.pem" -out "$dir/tls/cert.pem" >"$dir/tls/openssl.log" 2>&1 ||
            die "openssl could not make a test certificate: $(cat "$dir/tls/openssl.log")"
        chmod 0644 "$dir/tls/key.pem"
        ssl_conf="ssl = yes
ssl_cert = <$dir/tls/cert.pem
ssl_key = <$dir/tls/key.pem"
    fi

    local port attempt
    for attempt in 1 2 3 4 5; do
        # Both ports afresh on every attempt: either may be the one taken.
        port=$(free_port)
        if [ "$ssl_conf" != "ssl = no" ]; then
            pop3s_port=$(free_port)
            pop3s_listener="inet_listener pop3s {
    address = 127.0.0.1
    port = $pop3s_port
    ssl = yes
  }"
        fi
        cat >"$dir/dovecot.conf" <<EOF
# Generated by tests/support/dovecot.sh: a POP3-only server on loopback.
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
instance_name = redress-test-$port
protocols = pop3
listen = 127.0.0.1
shutdown_clients = yes
default_internal_user = $internal_user
default_login_user = $login_user
first_valid_uid = $uid
last_valid_uid = $uid
first_valid_gid = 0
disable_plaintext_auth = no
auth_mechanisms = plain login
$ssl_conf
mail_location = maildir:~
pop3_uidl_format = %08Xu%08Xv
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/users
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = $port
  }
  $pop3s_listener
}
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
EOF
        : >"$dir/dovecot.log"
        if ! dovecot -c "$dir/dovecot.conf" 2>"$dir/start.err"; then
            if grep -q -i "address already in use" "$dir/start.err" "$dir/dovecot.log"; then
                continue
            fi
            die "dovecot did not start: $(cat "$dir/start.err") $(cat "$dir/dovecot.log")"
        fi
        for _ in $(seq 1 100); do
            if answers "$port"; then
                echo "$port" >"$dir/port"
                [ -n "$pop3s_port" ] && echo "$pop3s_port" >"$dir/pop3s_port"
                echo "dovecot.sh: POP3 on 127.0.0.1:$port${pop3s_port:+, POP3S on 127.0.0.1:$pop3s_port}; maildirs under $dir/mail; log $dir/dovecot.log"
                return 0
            fi
            sleep 0.1
        done
        if grep -q -i "address already in use" "$dir/dovecot.log"; then
            stop
            continue
        fi
        stop
        die "dovecot started but does not answer on 127.0.0.1:$port; its log: $(cat "$dir/dovecot.log")"
    done
    die "no free port for dovecot after $attempt attempts; its log: $(cat "$dir/dovecot.log")"
}

case $cmd in
start) start "$@" ;;
stop) stop ;;
*) usage ;;
esac
