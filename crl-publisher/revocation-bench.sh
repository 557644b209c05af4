#!/usr/bin/env bash
# Time from one CertificateRevoked to the committed CRL that lists it, for a CA that already has N revoked
# certificates (docs/BENCHMARKS.md, "From revocation to published CRL"). Runs
# io.eventca.crl.bench.RevocationToCrlBenchmark on the in-JVM broker, each mode in a JVM of its own so heap and
# JIT figures of one mode never mix with the other's.
# Usage, from anywhere: crl-publisher/revocation-bench.sh [N...]        (default N: 1000000)
#   MODES="delta full" (default both), REVOCATIONS=10, JAVA_OPTS="-Xmx4g", MVN_OPTS="-o" (offline; empty to resolve)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000)

# shellcheck disable=SC2086
./mvnw -B -ntp ${MVN_OPTS--o} -q -pl crl-publisher test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
cp="crl-publisher/target/test-classes:crl-publisher/target/classes:$(cat crl-publisher/target/test.cp)"

for n in "${sizes[@]}"; do
  for mode in ${MODES:-delta full}; do
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:--Xmx4g} -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" \
      io.eventca.crl.bench.RevocationToCrlBenchmark --mode "$mode" --revocations "${REVOCATIONS:-10}" "$n"
  done
done
