#!/usr/bin/env bash
# The fleet benchmark of docs/BENCHMARKS.md: with ./eventca-local running (one issuer-worker), for an RSA-2048
# and an EC P-256 CA, run the load generator with one worker, then start a second issuer-worker and run again.
# Usage: benchmarks/fleet-bench.sh [REQUESTS] [REQUESTERS] [IN_FLIGHT]   (defaults 2000 8 2)
# Writes benchmarks/target/fleet-<key>-<workers>w.json and prints each summary.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
REQUESTS=${1:-2000}
REQUESTERS=${2:-8}
IN_FLIGHT=${3:-2}
CA_URL=${CA_URL:-http://localhost:8080}
# Creating the CAs needs an admin token: the one ./eventca-local wrote, unless EVENTCA_TOKEN names another.
EVENTCA_TOKEN=${EVENTCA_TOKEN:-$(cat .eventca-local/admin.token 2>/dev/null || true)}
BOOTSTRAP=${BOOTSTRAP:-localhost:9092}
JAR=$(ls benchmarks/target/benchmarks-*.jar | grep -v -- '-tests' | head -n 1)
OUT=benchmarks/target

curl -sSf "$CA_URL/q/health/ready" >/dev/null || { echo "start ./eventca-local first" >&2; exit 1; }
[[ -n "$EVENTCA_TOKEN" ]] || { echo "no admin token: set EVENTCA_TOKEN or start ./eventca-local once" >&2; exit 1; }

make_ca() { # algorithm size -> caId
  curl -sS -X POST "$CA_URL/api/v1/cas" -H "Authorization: Bearer $EVENTCA_TOKEN" -H 'Content-Type: application/json' \
    -H 'Prefer: wait=60' \
    -d "{\"commonName\":\"Bench $1 CA $(date +%s)\",\"keyAlgorithm\":\"$1\",\"keySize\":$2}" | jq -r .caId
}
RSA_CA=$(make_ca RSA 2048)
EC_CA=$(make_ca EC 256)

run() { # caId caKey workers
  java -Xmx1g -jar "$JAR" --bootstrap "$BOOTSTRAP" --ca "$1" --requests "$REQUESTS" --requesters "$REQUESTERS" \
    --in-flight "$IN_FLIGHT" --ca-key "$2" --raw-seconds 5 --json "$OUT/fleet-$2-$3w.json" --quiet
}

run "$RSA_CA" rsa 1
run "$EC_CA" ec 1

echo "starting a second issuer-worker (instance worker-2, port 8091)" >&2
EVENTCA_KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP EVENTCA_CUSTODY_KEK=$(cat .eventca-local/kek) \
  EVENTCA_ISSUER_INSTANCE_ID=worker-2 QUARKUS_HTTP_PORT=8091 EVENTCA_CRL_BASE_URL=http://localhost:8082 \
  java -jar issuer-worker/target/quarkus-app/quarkus-run.jar >"$OUT/worker-2.log" 2>&1 &
SECOND=$!
trap 'kill $SECOND 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf http://localhost:8091/q/health/ready >/dev/null && break; sleep 1; done
sleep 5 # let the group rebalance the request partitions over both workers

run "$RSA_CA" rsa 2
run "$EC_CA" ec 2
