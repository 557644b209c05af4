#!/usr/bin/env bash
# The fleet benchmark of docs/BENCHMARKS.md: with ./eventca-local running (one issuer-worker), for each CA key of
# CA_KEYS, run the load generator against one worker, then start a second issuer-worker and run again.
# Usage: benchmarks/fleet-bench.sh [REQUESTS] [REQUESTERS] [IN_FLIGHT]   (defaults 2000 16 4)
# Environment:
#   CA_KEYS="rsa ec"   the CAs to measure (RSA-2048, EC P-256)
#   WARMUP=500         requests sent to each CA first and not counted (JIT, connections, the group's rebalance)
#   WORKER_CPUS=0.5    give every issuer-worker its own CPU budget of this many cores (a cgroup v1 cpu quota of
#                      its own; needs root and /sys/fs/cgroup/cpu), so that one worker is the bottleneck and a
#                      second one brings cores of its own even on this 2-core machine. Unset: no limit.
# Requests are signed by requesters registered for the run (one per requester thread), sent to
# eventca.fleet-requests as the fleet principal fleet-demo, as a fleet service would against ./eventca-local.
# Writes benchmarks/target/fleet-<key>-<workers>w.json, prints each summary and the 2-worker / 1-worker ratios.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
REQUESTS=${1:-2000}
REQUESTERS=${2:-16}
IN_FLIGHT=${3:-4}
CA_KEYS=${CA_KEYS:-rsa ec}
WARMUP=${WARMUP:-500}
WORKER_CPUS=${WORKER_CPUS:-}
CA_URL=${CA_URL:-http://localhost:8080}
STATE=${EVENTCA_LOCAL_STATE:-.eventca-local}
# Creating CAs and registering requesters needs an admin token: the one ./eventca-local wrote, unless EVENTCA_TOKEN
# names another.
EVENTCA_TOKEN=${EVENTCA_TOKEN:-$(cat "$STATE/admin.token" 2>/dev/null || true)}
export EVENTCA_TOKEN
BOOTSTRAP=${BOOTSTRAP:-localhost:9092}
KAFKA_CONFIG=${KAFKA_CONFIG:-$STATE/kafka-clients/fleet-demo.properties}
WORKER_KAFKA_CONFIG=${WORKER_KAFKA_CONFIG:-$STATE/kafka-clients/issuer-worker.properties}
JAR=$(ls benchmarks/target/benchmarks-*.jar | grep -v -- '-tests' | head -n 1)
OUT=benchmarks/target
CGROUPS=/sys/fs/cgroup/cpu

curl -sSf "$CA_URL/q/health/ready" >/dev/null || { echo "start ./eventca-local first" >&2; exit 1; }
[[ -n "$EVENTCA_TOKEN" ]] || { echo "no admin token: set EVENTCA_TOKEN or start ./eventca-local once" >&2; exit 1; }
[[ -f "$KAFKA_CONFIG" ]] || { echo "no Kafka login for the fleet in $KAFKA_CONFIG: set KAFKA_CONFIG" >&2; exit 1; }
FIRST=$(cat "$STATE/pids/issuer-worker.pid" 2>/dev/null || pgrep -f issuer-worker/target/quarkus-app | head -n 1 || true)
kill -0 "${FIRST:-0}" 2>/dev/null || { echo "no issuer-worker of ./eventca-local is running" >&2; exit 1; }

SECOND=
cleanup() {
  [[ -n "$SECOND" ]] && kill "$SECOND" 2>/dev/null || true
  if [[ -n "$WORKER_CPUS" ]]; then
    # Back to the root group, without a limit; then the groups go.
    echo "$FIRST" >"$CGROUPS/cgroup.procs" 2>/dev/null || true
    rmdir "$CGROUPS"/eventca-bench-worker-* 2>/dev/null || true
  fi
}
trap cleanup EXIT

limit_cpu() { # name pid: the process and all its threads get WORKER_CPUS cores of CPU time per period, no more
  [[ -n "$WORKER_CPUS" ]] || return 0
  [[ -w "$CGROUPS" ]] || { echo "WORKER_CPUS needs a writable $CGROUPS (cgroup v1 cpu controller, as root)" >&2; exit 1; }
  local group=$CGROUPS/eventca-bench-$1 period=100000
  mkdir -p "$group"
  echo "$period" >"$group/cpu.cfs_period_us"
  awk -v c="$WORKER_CPUS" -v p="$period" 'BEGIN { printf "%d\n", c * p }' >"$group/cpu.cfs_quota_us"
  echo "$2" >"$group/cgroup.procs"
  echo "$1 (pid $2) limited to $WORKER_CPUS cores" >&2
}

make_ca() { # algorithm size -> caId
  curl -sS -X POST "$CA_URL/api/v1/cas" -H "Authorization: Bearer $EVENTCA_TOKEN" -H 'Content-Type: application/json' \
    -H 'Prefer: wait=60' \
    -d "{\"commonName\":\"Bench $1 CA $(date +%s%N)\",\"keyAlgorithm\":\"$1\",\"keySize\":$2}" | jq -r .caId
}
declare -A CA
for key in $CA_KEYS; do
  case $key in rsa) CA[$key]=$(make_ca RSA 2048) ;; ec) CA[$key]=$(make_ca EC 256) ;;
    *) echo "CA_KEYS: rsa or ec, not $key" >&2; exit 64 ;; esac
done

load() { # caId caKey requests rawSeconds [json]
  java -Xmx1g -jar "$JAR" --bootstrap "$BOOTSTRAP" --command-config "$KAFKA_CONFIG" --register "$CA_URL" \
    --clients per-requester --ca "$1" --requests "$3" --requesters "$REQUESTERS" --in-flight "$IN_FLIGHT" \
    --ca-key "$2" --raw-seconds "$4" ${5:+--json "$5"} --quiet
}
run() { # caKey workers
  if ((WARMUP > 0)); then load "${CA[$1]}" "$1" "$WARMUP" 0 >/dev/null; fi
  load "${CA[$1]}" "$1" "$REQUESTS" "$([[ $2 == 1 ]] && echo 5 || echo 0)" "$OUT/fleet-$1-$2w.json"
}

limit_cpu worker-1 "$FIRST"
for key in $CA_KEYS; do run "$key" 1; done

echo "starting a second issuer-worker (instance worker-2, port 8091)" >&2
EVENTCA_KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP EVENTCA_KAFKA_CLIENT_PROPERTIES=$WORKER_KAFKA_CONFIG \
  EVENTCA_CUSTODY_KEK=$(cat "$STATE/kek") EVENTCA_ISSUER_INSTANCE_ID=worker-2 QUARKUS_HTTP_PORT=8091 \
  EVENTCA_CRL_BASE_URL=http://localhost:8082 \
  java -jar issuer-worker/target/quarkus-app/quarkus-run.jar >"$OUT/worker-2.log" 2>&1 &
SECOND=$!
limit_cpu worker-2 "$SECOND"
for _ in $(seq 1 180); do curl -sf http://localhost:8091/q/health/ready >/dev/null && break; sleep 1; done
curl -sf http://localhost:8091/q/health/ready >/dev/null || { echo "worker-2 not ready: see $OUT/worker-2.log" >&2; exit 1; }

for key in $CA_KEYS; do run "$key" 2; done

for key in $CA_KEYS; do
  jq -rn --slurpfile one "$OUT/fleet-$key-1w.json" --slurpfile two "$OUT/fleet-$key-2w.json" --arg key "$key" \
    --arg cpus "${WORKER_CPUS:-unlimited}" '
    ($one[0].endToEnd[0].answersPerSecond) as $a | ($two[0].endToEnd[0].answersPerSecond) as $b |
    "\($key) CA, worker CPU \($cpus): 1 worker \($a)/s, 2 workers \($b)/s, ratio \(($b / $a * 100 | round) / 100)"'
done
