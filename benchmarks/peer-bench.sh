#!/usr/bin/env bash
# The peer benchmark of docs/BENCHMARKS.md (issue 12): cfssl serve and eventca on this machine in one run, the
# same CSR pool (EC P-256 requester keys), the same closed-loop load (wrk), for each CA key type given.
#   benchmarks/peer-bench.sh [SECONDS] [CONNECTIONS...]     (defaults 15 s; 16 connections)
# Needs ./eventca-local running. Installs wrk and golang-cfssl from Debian when missing. CA_KEYS="rsa ec" (default)
# picks the CA key types. Warm-up (WARMUP seconds, default 5, same load) is run and not counted.
# Prints one line per run and the eventca/cfssl ratio; the wrk lines go to benchmarks/target/peer/results.tsv, and
# PLOT (default docs/peer-bench.png) gets the plot (PeerPlot; needs ./mvnw -pl benchmarks -am package -DskipTests).
# OPEN_RATES="50 100" adds open-loop runs at those fixed rates (OpenLoop: latency from when each request was due),
# for both peers, into benchmarks/target/peer/open.tsv.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
SECONDS_PER_RUN=${1:-15}
shift || true
CONNECTIONS=("${@:-16}")
[[ ${#CONNECTIONS[@]} -gt 0 ]] || CONNECTIONS=(16)
CA_KEYS=${CA_KEYS:-rsa ec}
WARMUP=${WARMUP:-5}
POOL=${POOL:-200}
CA_URL=${CA_URL:-http://localhost:8080}
CFSSL_PORT=${CFSSL_PORT:-8888}
EVENTCA_TOKEN=${EVENTCA_TOKEN:-$(cat .eventca-local/admin.token 2>/dev/null || true)}
OUT=benchmarks/target/peer
PLOT=${PLOT:-docs/peer-bench.png}
JAR=$(ls benchmarks/target/benchmarks-*.jar 2>/dev/null | grep -v -- '-tests' | head -n 1 || true)
[[ -n "$JAR" ]] || { echo "build the benchmarks first: ./mvnw -B -ntp -pl benchmarks -am package -DskipTests" >&2; exit 1; }
mkdir -p "$OUT"

need() { command -v "$1" >/dev/null || { echo "installing $2 from Debian" >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >&2; }; }
need wrk wrk
need cfssl golang-cfssl
need jq jq
curl -sSf "$CA_URL/q/health/ready" >/dev/null || { echo "start ./eventca-local first" >&2; exit 1; }
[[ -n "$EVENTCA_TOKEN" ]] || { echo "no admin token: set EVENTCA_TOKEN or start ./eventca-local once" >&2; exit 1; }

# One pool of CSRs for both CAs: EC P-256 requester keys, CN and SAN svc-<i>.bench.test.
if [[ ! -s "$OUT/csrs.txt" ]]; then
  echo "making $POOL CSRs" >&2
  for i in $(seq 1 "$POOL"); do
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null -subj "/CN=svc-$i.bench.test" \
      -addext "subjectAltName=DNS:svc-$i.bench.test" 2>/dev/null | jq -Rs .
  done >"$OUT/csrs.txt"
fi
jq -c '{csr: ., profile: "server"}' "$OUT/csrs.txt" >"$OUT/eventca-bodies.txt"
jq -c '{certificate_request: ., profile: "www"}' "$OUT/csrs.txt" >"$OUT/cfssl-bodies.txt"
printf 'Authorization: Bearer %s\nPrefer: wait=30\n' "$EVENTCA_TOKEN" >"$OUT/eventca-headers.txt"
chmod 600 "$OUT/eventca-headers.txt"

load() { # name url bodies headers connections seconds -> RESULT line
  BODIES=$3 HEADERS=$4 wrk -t 2 -c "$5" -d "${6}s" --timeout 30s -s benchmarks/peer/bodies.lua "$2" | grep '^RESULT' | sed "s/^RESULT/$1/"
}

OPEN_RATES=${OPEN_RATES:-}
open_load() { # name url bodies headers rate -> RESULT line
  java -cp "$JAR:benchmarks/target/lib/*" io.eventca.bench.peer.OpenLoop "$2" "$3" "${4:--}" "$5" "$SECONDS_PER_RUN" "$WARMUP" \
    | grep '^RESULT' | sed "s/^RESULT/$1/"
}
printf 'who\tca_key\toffered\trequests\trate\tp50_ms\tp90_ms\tp99_ms\terrors\tlate\n' >"$OUT/open.tsv"
CFSSL=""
trap '[[ -n "$CFSSL" ]] && kill "$CFSSL" 2>/dev/null || true' EXIT
printf 'who\tca_key\tconnections\trequests\tseconds\trate\tp50_ms\tp90_ms\tp99_ms\terrors\n' >"$OUT/results.tsv"
for key in $CA_KEYS; do
  case $key in
    rsa) algo='{"algo":"rsa","size":2048}'; body='"keyAlgorithm":"RSA","keySize":2048' ;;
    ec) algo='{"algo":"ecdsa","size":256}'; body='"keyAlgorithm":"EC","keySize":256' ;;
    *) echo "unknown CA key $key" >&2; exit 2 ;;
  esac
  # cfssl: its own CA of the same key type, served with its default signing profile (365 days).
  echo "{\"CN\":\"Peer bench $key CA\",\"key\":$algo,\"names\":[{\"O\":\"bench\"}]}" \
    | (cd "$OUT" && cfssl gencert -initca - 2>/dev/null | cfssljson -bare "ca-$key")
  echo '{"signing":{"default":{"expiry":"8760h","usages":["digital signature","key encipherment","server auth"]}}}' >"$OUT/cfssl-config.json"
  cfssl serve -address 127.0.0.1 -port "$CFSSL_PORT" -ca "$OUT/ca-$key.pem" -ca-key "$OUT/ca-$key-key.pem" \
    -config "$OUT/cfssl-config.json" >"$OUT/cfssl-$key.log" 2>&1 &
  CFSSL=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$CFSSL_PORT/api/v1/cfssl/info" -d '{}' && break; sleep 0.2; done
  ca=$(curl -sS -X POST "$CA_URL/api/v1/cas" -H "Authorization: Bearer $EVENTCA_TOKEN" -H 'Content-Type: application/json' \
    -H 'Prefer: wait=60' -d "{\"commonName\":\"Peer bench $key CA $(date +%s)\",$body}" | jq -r .caId)
  [[ "$ca" != null && -n "$ca" ]] || { echo "cannot create the eventca $key CA" >&2; exit 1; }
  for c in "${CONNECTIONS[@]}"; do
    for who in cfssl eventca; do
      if [[ $who == cfssl ]]; then url="http://127.0.0.1:$CFSSL_PORT/api/v1/cfssl/sign"; bodies=$OUT/cfssl-bodies.txt; headers=""
      else url="$CA_URL/api/v1/cas/$ca/certificates"; bodies=$OUT/eventca-bodies.txt; headers=$OUT/eventca-headers.txt; fi
      load warmup "$url" "$bodies" "$headers" "$c" "$WARMUP" >/dev/null
      line=$(load "$who" "$url" "$bodies" "$headers" "$c" "$SECONDS_PER_RUN")
      echo "$key c=$c $line"
      echo "$line" | sed -E "s/^([a-z]+) /\1\t$key\t$c\t/; s/ [a-z0-9_]+=/\t/g; s/requests=//" >>"$OUT/results.tsv"
    done
  done
  for r in $OPEN_RATES; do
    for who in cfssl eventca; do
      if [[ $who == cfssl ]]; then url="http://127.0.0.1:$CFSSL_PORT/api/v1/cfssl/sign"; bodies=$OUT/cfssl-bodies.txt; headers=""
      else url="$CA_URL/api/v1/cas/$ca/certificates"; bodies=$OUT/eventca-bodies.txt; headers=$OUT/eventca-headers.txt; fi
      line=$(open_load "$who" "$url" "$bodies" "$headers" "$r")
      echo "$key open $line"
      echo "$line" | sed -E "s/^([a-z]+) /\1\t$key\t/; s/ [a-z0-9_]+=/\t/g; s/offered=//" >>"$OUT/open.tsv"
    done
  done
  kill "$CFSSL"; wait "$CFSSL" 2>/dev/null || true; CFSSL=""
done
awk -F'\t' 'NR > 1 { rate[$1 FS $2 FS $3] = $6 }
  END { for (k in rate) { split(k, p, FS); if (p[1] == "eventca") printf "eventca/cfssl %s c=%s: %.3f\n", p[2], p[3], rate[k] / rate["cfssl" FS p[2] FS p[3]] } }' \
  "$OUT/results.tsv" | sort
java -cp "$JAR:benchmarks/target/lib/*" io.eventca.bench.peer.PeerPlot "$OUT/results.tsv" "$PLOT"
