#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: unprivileged, in a temp folder,
# listening only on a Unix socket there (no TCP port to collide on).
#   pg_cluster.sh start URL_FILE   creates and starts it; writes its URL to URL_FILE
#   pg_cluster.sh stop URL_FILE    stops it and removes the folder
#   pg_cluster.sh down URL_FILE    stops the server (fast: clients are cut off), keeps the data
#   pg_cluster.sh up URL_FILE      starts it again after down (the fault tests' outage)
set -euo pipefail
cmd=$1 url_file=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

# PostgreSQL refuses to run as root; run it as the postgres system user then.
as=()
if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi

case "$cmd" in
start)
    dir=$(mktemp -d /tmp/redress-pg.XXXXXX)
    [ ${#as[@]} -eq 0 ] || chown postgres "$dir"
    "${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U redress -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -c listen_addresses='' -c max_connections=200" start >/dev/null ||
        { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://redress@/postgres?host=$dir" >"$url_file"
    echo "$dir" >"$url_file.dir"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running in $dir"
    ;;
stop)
    [ -f "$url_file.dir" ] || exit 0
    dir=$(cat "$url_file.dir")
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir" "$url_file" "$url_file.dir"
    ;;
down)
    dir=$(cat "$url_file.dir")
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
up)
    dir=$(cat "$url_file.dir")
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -c listen_addresses='' -c max_connections=200" start >/dev/null ||
        { cat "$dir/server.log" >&2; exit 1; }
    ;;
*) echo "usage: pg_cluster.sh start|stop|down|up URL_FILE" >&2; exit 2 ;;
esac
