#!/usr/bin/env bash
# Times `openssl ca -gencrl` for CAs with N revoked certificates each (default 10000 and 100000), the yardstick
# for crl-codec (docs/BENCHMARKS.md, "CRLs"). The entries mix what the JMH benchmarks use: random 16-byte
# serials, keyCompromise on every other entry, an invalidity date (openssl: keyTime) on every fourth.
# Needs openssl 3 and gawk (strftime); hyperfine is used when installed.
# Usage: benchmarks/crl-bench.sh [runs] [N...]      e.g. benchmarks/crl-bench.sh 7 10000 100000
set -euo pipefail

runs=${1:-7}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
root="$(cd "$(dirname "$0")" && pwd)/target/crl-bench"

make_ca() {
  local dir=$1 n=$2
  rm -rf "$dir" && mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=CRL Bench CA/O=eventca" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  echo 01 > "$dir/crlnumber"
  # All entries share one subject, so the database must not insist on unique subjects.
  echo "unique_subject = no" > "$dir/index.txt.attr"
  cat > "$dir/openssl.cnf" <<CNF
[ ca ]
default_ca = bench
[ bench ]
dir = $dir
database = \$dir/index.txt
crlnumber = \$dir/crlnumber
certificate = \$dir/ca.pem
private_key = \$dir/ca.key
default_md = sha256
default_crl_days = 7
unique_subject = no
crl_extensions = crl_ext
[ crl_ext ]
authorityKeyIdentifier = keyid:always
CNF
  # awk's rand() is seeded, so each N gets the same entries on every run. A leading nibble 1-7 keeps the
  # 16-octet serial positive without a sign octet, like the JMH benchmark's BigInteger(1, 16 bytes) mostly are.
  gawk -v n="$n" 'BEGIN {
    srand(n); hex = "0123456789ABCDEF"
    for (i = 0; i < n; i++) {
      s = substr(hex, 2 + int(rand() * 7), 1)
      for (j = 1; j < 32; j++) s = s substr(hex, 1 + int(rand() * 16), 1)
      t = 1764547200 - 1 - int(rand() * 365 * 86400)      # up to a year before 2026-12-01
      rev = strftime("%y%m%d%H%M%SZ", t, 1)
      if (i % 4 == 0)      rev = rev ",keyTime," strftime("%Y%m%d%H%M%SZ", t - 86400, 1)
      else if (i % 2 == 0) rev = rev ",keyCompromise"
      printf "R\t301231235959Z\t%s\t%s\tunknown\t/CN=x\n", rev, s
    }
  }' > "$dir/index.txt"
}

median() { sort -n | gawk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.3f", m }'; }

for n in "${sizes[@]}"; do
  dir="$root/$n"
  make_ca "$dir" "$n"
  gencrl=(openssl ca -config "$dir/openssl.cnf" -gencrl -out "$dir/crl.pem")
  "${gencrl[@]}" 2>/dev/null   # once untimed: page cache and a sanity check
  entries=$(openssl crl -in "$dir/crl.pem" -noout -text | grep -c "Serial Number:")
  openssl crl -in "$dir/crl.pem" -outform DER -out "$dir/crl.der"
  [ "$entries" -eq "$n" ] || { echo "expected $n entries in the CRL, openssl wrote $entries" >&2; exit 1; }
  if command -v hyperfine > /dev/null; then
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$dir/hyperfine.json" "${gencrl[*]}"
    med=$(python3 -c "import json,sys; print('%.3f' % json.load(open(sys.argv[1]))['results'][0]['median'])" "$dir/hyperfine.json")
  else
    times=()
    for ((r = 0; r < runs; r++)); do
      t0=$(date +%s.%N)
      "${gencrl[@]}" 2>/dev/null
      t1=$(date +%s.%N)
      times+=("$(gawk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')")
    done
    med=$(printf '%s\n' "${times[@]}" | median)
    echo "N=$n runs: ${times[*]}"
  fi
  printf 'openssl ca -gencrl  N=%-8s median %s s over %s runs  (CRL %s bytes DER)\n' \
    "$n" "$med" "$runs" "$(stat -c %s "$dir/crl.der")"
done
