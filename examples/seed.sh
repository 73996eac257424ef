#!/usr/bin/env bash
# Fills a running redressd with the example company's complaints and moves
# some of them along the procedure, so the queue looks alive.
#   examples/seed.sh [URL] [STATE_DIR]     defaults: http://127.0.0.1:8080 var
# STATE_DIR holds admin.token (from redressd --create-token); the agent and
# supervisor tokens this script creates are kept there too. Safe to re-run:
# every complaint carries the Idempotency-Key seed-<n>, so none is stored twice.
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:-http://127.0.0.1:8080}
state=${2:-var}
admin=$(cat "$state/admin.token")

field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

# token NAME ROLE FILE: the secret of a token kept in STATE_DIR/FILE, created once.
token() {
    local file="$state/$3.token"
    if [ ! -s "$file" ]; then
        curl -sf -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
            --data-binary "{\"name\":\"$1\",\"role\":\"$2\",\"departments\":[\"*\"]}" "$url/tokens" |
            field secret >"$file"
    fi
    cat "$file"
}
agent=$(token "客服-小李" agent agent)
supervisor=$(token "主管-王" supervisor supervisor)
manager=$(token "经理-张" manager manager)

act() { # act TOKEN ID ACTION DATA [REASON]
    curl -s -o /dev/null -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
        --data-binary "{\"action\":\"$3\",\"data\":$4${5:+,\"reason\":\"$5\"}}" "$url/complaints/$2/transitions"
}

post() { # post TOKEN PATH BODY: prints the response body
    curl -s -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
        --data-binary "$3" "$url$2"
}

# Moves complaint number n some way along, so the queue shows every stage.
advance() {
    local id=$1 n=$2
    case $((n % 7)) in
    0) return ;; # stays received
    esac
    act "$agent" "$id" contact '{"restated_problem":"已与客户核实问题","customer_confirmed":true,"method":"phone"}'
    [ $((n % 7)) -ge 2 ] || return 0
    act "$agent" "$id" analyse '{"severity":"medium","company_fault":"partial","demand_reasonable":true,"findings":"初步调查完成"}'
    [ $((n % 7)) -ge 3 ] || return 0
    if [ $((n % 7)) -eq 3 ]; then
        act "$supervisor" "$id" reject '{"customer_told":true}' "要求超出服务承诺范围，已向客户说明"
        return
    fi
    # The department's policies propose; a manager approves; the customer agrees.
    post "$agent" "/complaints/$id/proposal" \
        '{"factors":{"long_term":true,"will_buy_again":true,"word_of_mouth":"medium"}}' >/dev/null
    [ $((n % 7)) -ge 5 ] || return 0
    post "$manager" "/complaints/$id/approval" '{"decision":"approve","customer_told":true}' >/dev/null
    post "$agent" "/complaints/$id/agreement" '{"accepted":true}' >/dev/null
    [ $((n % 7)) -ge 6 ] || return 0
    # The departments carry out the remedies; the last task resolves the complaint.
    for task in $(curl -s -H "Authorization: Bearer $agent" "$url/tasks?complaint=$id" | grep -o '"id":[0-9]*' | cut -d: -f2); do
        post "$agent" "/tasks/$task/done" '{"note":"已完成"}' >/dev/null
    done
    act "$agent" "$id" close '{"satisfaction":4}'
}

n=0 created=0
while IFS= read -r line; do
    n=$((n + 1))
    response=$(curl -s -w '\n%{http_code}' -H "Authorization: Bearer $agent" -H "Idempotency-Key: seed-$n" \
        -H 'Content-Type: application/json' --data-binary "$line" "$url/complaints")
    code=${response##*$'\n'}
    id=$(printf '%s' "${response%$'\n'*}" | field id)
    case $code in
    201) created=$((created + 1)); advance "$id" "$n" ;;
    200) ;; # seeded before
    *) echo "seed: complaint $n refused ($code): ${response%$'\n'*}" >&2; exit 1 ;;
    esac
done <examples/seed/complaints.jsonl
echo "seed: $created new complaints ($n in the example set); agent token in $state/agent.token, supervisor in $state/supervisor.token"
