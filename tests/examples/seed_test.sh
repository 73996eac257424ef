#!/usr/bin/env bash
# The example company seeds as the README promises: redressd on a copy of
# examples/company.toml (own database, free port), examples/seed.sh fills it
# with 36 complaints in every stage (the catalog classifying their requests),
# and running the seed again adds none.
#   seed_test.sh SOURCE_DIR REDRESSD
set -euo pipefail
src=$1 redressd=$2
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -TERM $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

sed -e 's|^port = 8080|port = 0|' -e "s|sqlite://../var/redress.db|sqlite://$work/redress.db|" \
    -e "s|^dir = \"../var/reports\"|dir = \"$work/reports\"|" \
    "$src/examples/company.toml" >"$work/company.toml"
grep -q "sqlite://$work/redress.db" "$work/company.toml" || { echo "could not point the example at a temp database"; exit 1; }
cp -r "$src/examples/catalog" "$work/catalog" # [plugin.catalog] dir is relative to the config
"$redressd" --config "$work/company.toml" --create-token admin >"$work/admin.token" 2>/dev/null
"$redressd" --config "$work/company.toml" >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 100); do
    port=$(sed -n 's/.*listening on [^:]*:\([0-9]*\).*/\1/p' "$work/log" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$work/log"; exit 1; }

out=$("$src/examples/seed.sh" "http://127.0.0.1:$port" "$work")
echo "$out"
grep -q "seed: 36 new complaints" <<<"$out"
list=$(curl -sf -H "Authorization: Bearer $(cat "$work/agent.token")" "http://127.0.0.1:$port/complaints?limit=500")
for status in received contacted analysed proposed implementing closed rejected; do
    n=$(grep -o "\"status\":\"$status\"" <<<"$list" | wc -l)
    [ "$n" -gt 0 ] || { echo "no complaint in status $status"; exit 1; }
done
[ "$(grep -o '"status":"' <<<"$list" | wc -l)" -eq 36 ] || { echo "expected 36 complaints"; exit 1; }
grep -q "华东\|王建国" <<<"$list" || { echo "Chinese text did not round-trip"; exit 1; }
# The catalog classified the requests it covers at intake.
verdicts=$(grep -o '"catalog":{[^}]*"verdict":"[a-z_]*"' <<<"$list" | wc -l)
[ "$verdicts" -gt 0 ] || { echo "no complaint got a catalog verdict at intake"; exit 1; }
echo "catalog verdicts: $verdicts of 36"
# The weekly report counts them (a week either side of today holds today in any zone).
report=$(curl -sf -H "Authorization: Bearer $(cat "$work/admin.token")" \
    "http://127.0.0.1:$port/reports/weekly?format=json&from=$(date -u -d '-7 days' +%F)&to=$(date -u -d '+7 days' +%F)")
grep -q '"received":36' <<<"$report" || { echo "the weekly report does not count 36 complaints"; exit 1; }
# The example's weekly schedule caught up on start: last week's page is written.
ls "$work"/reports/weekly_*.html >/dev/null || { echo "the scheduled weekly report was not written"; cat "$work/log"; exit 1; }
again=$("$src/examples/seed.sh" "http://127.0.0.1:$port" "$work")
grep -q "seed: 0 new complaints" <<<"$again" || { echo "re-seeding stored duplicates: $again"; exit 1; }
echo "ok"
