#!/usr/bin/env bash
# CPU per process group while a load command runs (docs/BENCHMARKS.md, "Issue 12"): utime + stime of every process
# from /proc/<pid>/stat before and after, grouped as kafka, ca-service, issuer-worker, crl-publisher, postgres, wrk,
# cfssl and other. When the command prints "requests=N" (as benchmarks/peer/bodies.lua does), also ms per request.
#   benchmarks/cpu-per-process.sh wrk -t2 -c16 -d12s -s benchmarks/peer/bodies.lua http://localhost:8080/...
set -euo pipefail
HZ=$(getconf CLK_TCK)
snapshot() {
  for p in /proc/[0-9]*; do
    stat=$(cat "$p/stat" 2>/dev/null) || continue
    cmd=$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null | cut -c1-300) || continue
    case "$cmd" in
      *kafka.Kafka*) g=kafka ;; *ca-service*) g=ca-service ;; *issuer-worker*) g=issuer-worker ;;
      *crl-publisher*) g=crl-publisher ;; *postgres*) g=postgres ;; *wrk*) g=wrk ;; *cfssl*) g=cfssl ;; *) g=other ;;
    esac
    echo "${p#/proc/} $g $(echo "${stat##*) }" | awk '{print $12 + $13}')"
  done
}
before=$(mktemp); after=$(mktemp); output=$(mktemp)
trap 'rm -f "$before" "$after" "$output"' EXIT
snapshot >"$before"
start=$(date +%s.%N)
"$@" | tee "$output"
end=$(date +%s.%N)
snapshot >"$after"
requests=$(grep -o 'requests=[0-9]*' "$output" | head -n 1 | cut -d= -f2 || true)
awk -v hz="$HZ" -v secs="$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" -v n="${requests:-0}" '
  NR == FNR { b[$1] = $3; next }
  { g[$2] += $3 - ($1 in b ? b[$1] : 0) }
  END {
    for (k in g) if (g[k] > 0) {
      line = sprintf("%-14s cpu_s=%7.2f cores=%.2f", k, g[k] / hz, g[k] / hz / secs)
      if (n > 0) line = line sprintf(" ms_per_request=%.2f", g[k] / hz * 1000 / n)
      print line
    }
  }' "$before" "$after" | sort
