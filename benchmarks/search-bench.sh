#!/usr/bin/env bash
# The issuance history at scale (issue 14, docs/BENCHMARKS.md "The history at scale"): a private Kafka and PostgreSQL
# (./eventca-local with EVENTCA_LOCAL_ONLY_INFRA=1, own ports and state), ca-service alone, and COUNT certificates
# written THROUGH THE LOG by io.eventca.bench.history.SeedHistory (a CA and what it issued, every certificate really
# signed). Measured, each with its command in benchmarks/target/search/results.txt:
#   1. the live projection applying them all (events/s);
#   2. four indexed searches, each for 20 s at 20 concurrent callers (wrk --latency: p50, p99);
#   3. an export of every certificate as CSV (rows/s; ca-service heap used sampled each second while it streams);
#   4. a rebuild of the read model by replay (./eventca-rebuild: events/s);
#   and the database's size and ca-service's heap after a full GC.
# Usage: benchmarks/search-bench.sh [COUNT]   (default 1000000; needs ./mvnw package -DskipTests, wrk, jq, psql)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
COUNT=${1:-1000000}
HEAP=${HEAP:-1g}
STATE=${SEARCH_STATE:-/tmp/eventca-search}
OUT=benchmarks/target/search
KAFKA_PORT=19092
PG_PORT=15433
CA_PORT=18080
URL=http://localhost:$CA_PORT
JAR=$(ls benchmarks/target/benchmarks-*.jar | grep -v -- '-tests' | head -n 1)
mkdir -p "$OUT"
rm -rf "$STATE"

EVENTCA_LOCAL_STATE=$STATE EVENTCA_LOCAL_ONLY_INFRA=1 EVENTCA_KAFKA_PORT=$KAFKA_PORT EVENTCA_KAFKA_CONTROLLER_PORT=19093 \
  EVENTCA_PG_PORT=$PG_PORT ./eventca-local >"$OUT/infra.log" 2>&1 &
INFRA=$!
CA=
cleanup() {
  [[ -n "$CA" ]] && kill "$CA" 2>/dev/null || true
  kill "$INFRA" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 180); do grep -q "infrastructure only" "$OUT/infra.log" && break; sleep 1; done
grep -q "infrastructure only" "$OUT/infra.log" || { cat "$OUT/infra.log" >&2; exit 1; }
sql() { PGPASSFILE=$STATE/secrets/pgpass psql -h localhost -p "$PG_PORT" -U postgres -d eventca -qtA -c "$1"; }

./eventca-token init "$STATE/tokens" >/dev/null
TOKEN=$(./eventca-token mint --key "$STATE/tokens/token-signing-key.pem" --subject bench --role admin --days 1)
AUTH="Authorization: Bearer $TOKEN"
EVENTCA_KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT EVENTCA_KAFKA_CLIENT_PROPERTIES=$STATE/kafka-clients/ca-service.properties \
  QUARKUS_HTTP_PORT=$CA_PORT QUARKUS_HTTP_SSL_PORT=18443 EVENTCA_API_CRL_BASE_URL=http://localhost:18082 \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PG_PORT/eventca QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://localhost:$PG_PORT/eventca \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD="$(cat "$STATE/secrets/postgres.password")" \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION=$STATE/tokens/token-signing.pub.pem \
  java -Xmx"$HEAP" -jar ca-service/target/quarkus-app/quarkus-run.jar >"$OUT/ca-service.log" 2>&1 &
CA=$!
until curl -fsS -o /dev/null "$URL/q/health/ready" 2>/dev/null; do
  kill -0 "$CA" 2>/dev/null || { tail -n 40 "$OUT/ca-service.log" >&2; exit 1; }
  sleep 0.5
done
heap() { jcmd "$CA" GC.heap_info | grep -oE 'used [0-9]+K' | head -n 1 | grep -oE '[0-9]+' | awk '{printf "%d", $1 / 1024}'; }
say() { echo "$*" | tee -a "$OUT/results.txt"; }

: >"$OUT/results.txt"
say "# search-bench $COUNT certificates, ca-service -Xmx$HEAP, $(nproc) cores, $(date -u +%FT%TZ), main at $(git rev-parse --short HEAD)"
started=$(date +%s.%N)
seeded=$(EVENTCA_KAFKA_CLIENT_PROPERTIES=$STATE/kafka-clients/admin.properties \
  java -cp "$JAR:benchmarks/target/lib/*" io.eventca.bench.history.SeedHistory "localhost:$KAFKA_PORT" "$COUNT")
say "$seeded"
CA_ID=$(grep -oE '[0-9a-f-]{36}' <<<"$seeded" | head -n 1)
until [[ $(sql "SELECT count(*) FROM certificate WHERE ca_id = '$CA_ID'") -ge $COUNT ]]; do sleep 2; done
applied=$(echo "$(date +%s.%N) - $started" | bc)
say "1. live projection: $COUNT certificates written and applied in $(printf %.0f "$applied") s: $(echo "$COUNT / $applied" | bc) certificates/s (one CertificateIssued each), seeding included"

say "2. searches, wrk -t 2 -c 20 -d 20s --latency (20 concurrent callers):"
NOW=$(date -u +%FT%TZ)
BEGIN=$(date -u -d '-1 day' +%FT%TZ)
while read -r label query; do
  result=$(wrk -t 2 -c 20 -d 20s --latency -H "$AUTH" "$URL/api/v1/certificates?$query")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$result")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$result")
  rate=$(awk '/Requests\/sec/ {print $2}' <<<"$result")
  errors=$(grep -E 'Non-2xx|Socket errors' <<<"$result" | tr -s ' ' || true)
  hits=$(curl -fsS -H "$AUTH" "$URL/api/v1/certificates?$query" | jq '.items | length')
  say "   $label ($query): p50 $p50, p99 $p99, $rate requests/s, $hits items a page${errors:+, $errors}"
done <<EOF2
text-in-SAN q=host-4242&caId=$CA_ID
serial-prefix serial=2a*
expiring-within-14-days caId=$CA_ID&expiringWithinDays=14
requester+time-window requester=svc-7&issuedAfter=$BEGIN&issuedBefore=$NOW
EOF2

jcmd "$CA" GC.run >/dev/null
before=$(heap)
( max=0; while kill -0 "$CA" 2>/dev/null && [[ ! -f "$OUT/export.done" ]]; do
    h=$(heap 2>/dev/null || echo 0); (( h > max )) && max=$h; echo "$max" >"$OUT/export.maxheap"; sleep 1; done ) &
SAMPLER=$!
rm -f "$OUT/export.done"
export_line=$(curl -sS -o "$OUT/export.csv" -w '%{http_code} %{size_download} %{time_total}' -H "$AUTH" \
  "$URL/api/v1/certificates?caId=$CA_ID&format=csv")
touch "$OUT/export.done"; wait "$SAMPLER" || true
rows=$(($(wc -l <"$OUT/export.csv") - 1))
read -r code bytes seconds <<<"$export_line"
say "3. export: curl '$URL/api/v1/certificates?caId=...&format=csv': HTTP $code, $rows rows, $((bytes / 1048576)) MB in $seconds s:" \
  "$(echo "$rows / $seconds" | bc) rows/s; heap used $before MB after a full GC before, at most $(cat "$OUT/export.maxheap") MB while it streamed"
rm -f "$OUT/export.csv"

rebuild=$(EVENTCA_TOKEN=$TOKEN ./eventca-rebuild --url "$URL" | tail -n 2)
say "4. rebuild: ./eventca-rebuild --url $URL: $(head -n 1 <<<"$rebuild")"
sql "DROP SCHEMA $(grep -oE 'retired_[0-9_]+' <<<"$rebuild") CASCADE" >/dev/null
jcmd "$CA" GC.run >/dev/null
say "database eventca: $(sql "SELECT pg_size_pretty(pg_database_size('eventca'))") (after the rebuild, the replaced schema dropped);" \
  "ca-service heap used after a full GC $(heap) MB, RSS $(($(awk '/VmRSS/ {print $2}' "/proc/$CA/status") / 1024)) MB"
