#!/usr/bin/env bash
# Heap and start-up of issuer-worker with a long history (issue 12, docs/BENCHMARKS.md "History"): a private
# Kafka (./eventca-local with EVENTCA_LOCAL_ONLY_INFRA=1, own ports and state), COUNT certificate-issued facts
# written to eventca.issuance (io.eventca.bench.history.SeedIssuance), then issuer-worker started three times with
# -Xmx$HEAP: without a snapshot (the whole topic read), with a snapshot directory (whole topic read, a snapshot
# written at stop), and again (started from the snapshot). For each: seconds from `java` to /q/health/ready, heap
# used after a full GC (jcmd GC.heap_info), resident set size.
# Usage: benchmarks/history-bench.sh [COUNT]   (default 1000000; needs the packaged jars: ./mvnw package -DskipTests)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
COUNT=${1:-1000000}
HEAP=${HEAP:-256m}
STATE=${HISTORY_STATE:-/tmp/eventca-history}
OUT=benchmarks/target/history
KAFKA_PORT=19092
WORKER_PORT=18081
JAR=$(ls benchmarks/target/benchmarks-*.jar | grep -v -- '-tests' | head -n 1)
mkdir -p "$OUT"
rm -rf "$STATE"

EVENTCA_LOCAL_STATE=$STATE EVENTCA_LOCAL_ONLY_INFRA=1 EVENTCA_KAFKA_PORT=$KAFKA_PORT EVENTCA_KAFKA_CONTROLLER_PORT=19093 \
  EVENTCA_PG_PORT=15433 ./eventca-local >"$OUT/infra.log" 2>&1 &
INFRA=$!
WORKER=
cleanup() {
  [[ -n "$WORKER" ]] && kill "$WORKER" 2>/dev/null || true
  kill "$INFRA" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 180); do grep -q "infrastructure only" "$OUT/infra.log" && break; sleep 1; done
grep -q "infrastructure only" "$OUT/infra.log" || { cat "$OUT/infra.log" >&2; exit 1; }
export EVENTCA_KAFKA_CLIENT_PROPERTIES=$STATE/kafka-clients/issuer-worker.properties
KEK=$(openssl rand -base64 32)

start_worker() { # label snapshot-dir-or-empty
  local started log=$OUT/worker-$1.log
  started=$(date +%s.%N)
  env EVENTCA_KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT EVENTCA_CUSTODY_KEK="$KEK" EVENTCA_ISSUER_INSTANCE_ID=history \
    QUARKUS_HTTP_PORT=$WORKER_PORT EVENTCA_CRL_BASE_URL=http://localhost:8082 ${2:+EVENTCA_ISSUER_SNAPSHOT_DIR=$2} \
    java -Xmx"$HEAP" -jar issuer-worker/target/quarkus-app/quarkus-run.jar >"$log" 2>&1 &
  WORKER=$!
  until curl -fsS -o /dev/null "http://localhost:$WORKER_PORT/q/health/ready" 2>/dev/null; do
    kill -0 "$WORKER" 2>/dev/null || { tail -n 40 "$log" >&2; exit 1; }
    sleep 0.2
  done
  READY=$(echo "$(date +%s.%N) - $started" | bc)
}

measure() { # label
  jcmd "$WORKER" GC.run >/dev/null
  sleep 2
  local used rss
  used=$(jcmd "$WORKER" GC.heap_info | grep -oE 'used [0-9]+K' | head -n 1 | grep -oE '[0-9]+')
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$WORKER/status")
  printf '%-28s ready %6.1f s   heap used after full GC %5d MB   RSS %5d MB\n' "$1" "$READY" $((used / 1024)) $((rss / 1024)) \
    | tee -a "$OUT/results.txt"
}

stop_worker() {
  kill -TERM "$WORKER"
  wait "$WORKER" 2>/dev/null || true
  WORKER=
}

: >"$OUT/results.txt"
echo "# history-bench $COUNT facts, -Xmx$HEAP, $(date -u +%FT%TZ)" | tee -a "$OUT/results.txt"
start_worker empty ""     # creates the topics
measure "empty log"
stop_worker
java -cp "$JAR:benchmarks/target/lib/*" io.eventca.bench.history.SeedIssuance "localhost:$KAFKA_PORT" "$COUNT" | tee -a "$OUT/results.txt"
start_worker replay ""
measure "$COUNT issued, no snapshot"
stop_worker
start_worker first "$STATE/snapshots"
measure "$COUNT issued, first start"
stop_worker
ls -l "$STATE/snapshots" | tee -a "$OUT/results.txt"
start_worker snapshot "$STATE/snapshots"
measure "$COUNT issued, from snapshot"
grep -h "CA state" "$OUT"/worker-*.log | sed 's/^[^ ]* [^ ]* //' | tee -a "$OUT/results.txt"
stop_worker
