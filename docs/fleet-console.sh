#!/usr/bin/env bash
# The README's "Requesting certificates over Kafka" section as a script, run by system-tests (WalkthroughIT).
# The part between the markers is in README.md word for word. Run it from the repository root.
set -u
WORK=${WORK:-$(mktemp -d)}
cd "${EVENTCA_HOME:-.}"
EVENTCA_HOME=$(pwd)
cd "$WORK"
# --- fleet ---
BOOTSTRAP=${BOOTSTRAP:-localhost:9092}
CA_URL=${CA_URL:-http://localhost:8080}
KAFKA_CP="$EVENTCA_HOME/local-launcher/target/kafka-libs/*"
# The first admin's bearer token, which ./eventca-local wrote (./eventca-token mints others).
EVENTCA_TOKEN=${EVENTCA_TOKEN:-$(cat "$EVENTCA_HOME/.eventca-local/admin.token")}
AUTH="Authorization: Bearer $EVENTCA_TOKEN"

# An operator makes a CA for the fleet (EC P-256 keys sign fastest).
CA_ID=$(curl -sS -X POST "$CA_URL/api/v1/cas" -H "$AUTH" -H 'Content-Type: application/json' -H 'Prefer: wait=30' \
  -d '{"commonName":"Fleet CA","keyAlgorithm":"EC","keySize":256}' | jq -r .caId)

# A service makes its key and CSR, and picks its own request id (a retry reuses it).
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout svc_key.pem \
  -subj "/CN=svc-1.fleet.internal" -out svc.csr 2>/dev/null
REQUEST_ID="svc-1-$(date +%s)"

# The request: a CloudEvent (JSON, one line), keyed by the CA id, on eventca.requests.
jq -cn --arg ca "$CA_ID" --arg id "$REQUEST_ID" --rawfile csr svc.csr '{
  specversion: "1.0", id: $id, source: "/fleet/svc-1", type: "io.eventca.certificate-requested.v1",
  datacontenttype: "application/json", subject: $ca,
  data: {caId: $ca, requestId: $id, csrPem: $csr, profile: "server", validityDays: 30,
         requestedBy: "svc-1", requestedAt: (now | todate), replyTopic: "eventca.replies"}}' > request.json
echo "$CA_ID|$(cat request.json)" | java -cp "$KAFKA_CP" org.apache.kafka.tools.ConsoleProducer \
  --bootstrap-server "$BOOTSTRAP" --topic eventca.requests --property parse.key=true --property 'key.separator=|'

# The answer: a CloudEvent on eventca.replies keyed by the request id (committed records only).
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  java -cp "$KAFKA_CP" org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" \
    --topic eventca.replies --from-beginning --isolation-level read_committed --timeout-ms 3000 \
    --property print.key=true --property 'key.separator=|' 2>/dev/null \
    | grep "^$REQUEST_ID|" | head -n 1 | cut -d'|' -f2- > answer.json
  [ -s answer.json ] && break
done
jq -r '.type' answer.json
jq -r .data.certificatePem answer.json > svc_cert.pem
jq -r .data.chainPem answer.json > svc_chain.pem
openssl verify -CAfile svc_chain.pem svc_cert.pem
# --- end ---
