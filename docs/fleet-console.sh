#!/usr/bin/env bash
# docs/FLEET.md's "Requesting certificates over Kafka" as a script, run by system-tests (WalkthroughIT).
# The part between the markers is in docs/FLEET.md word for word. Run it from the repository root.
set -u
WORK=${WORK:-$(mktemp -d)}
cd "${EVENTCA_HOME:-.}"
EVENTCA_HOME=$(pwd)
cd "$WORK"
# --- fleet ---
# ./eventca-local's Kafka takes logins only: the fleet's (principal fleet-demo) is in a file it wrote. With BOOTSTRAP
# set (another broker, or other ports), set KAFKA_CONFIG to the client settings too if the broker wants a login.
[ -n "${BOOTSTRAP:-}" ] || KAFKA_CONFIG=${KAFKA_CONFIG:-$EVENTCA_HOME/.eventca-local/kafka-clients/fleet-demo.properties}
BOOTSTRAP=${BOOTSTRAP:-localhost:9092}
CA_URL=${CA_URL:-http://localhost:8080}
KAFKA_CP="$EVENTCA_HOME/local-launcher/target/kafka-libs/*"
# The first admin's bearer token, which ./eventca-local wrote (./eventca-token mints others).
EVENTCA_TOKEN=${EVENTCA_TOKEN:-$(cat "$EVENTCA_HOME/.eventca-local/admin.token")}
AUTH="Authorization: Bearer $EVENTCA_TOKEN"

# An operator makes a CA for the fleet (EC P-256 keys sign fastest).
CA_ID=$(curl -sS -X POST "$CA_URL/api/v1/cas" -H "$AUTH" -H 'Content-Type: application/json' -H 'Prefer: wait=30' \
  -d '{"commonName":"Fleet CA","keyAlgorithm":"EC","keySize":256}' | jq -r .caId)

# The service's requester key: it signs the service's requests (it is not the key of its certificates).
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out requester_key.pem
openssl pkey -in requester_key.pem -pubout -out requester_pub.pem

# An admin registers the service as requester "svc-1": its public key, and what it may ask for.
jq -n --rawfile key requester_pub.pem --arg ca "$CA_ID" '{name: "svc-1", publicKeyPem: $key,
  allowedNames: ["*.fleet.internal"], allowedProfiles: ["server"], maxValidityDays: 90, allowedCaIds: [$ca]}' \
  | curl -sS -X POST "$CA_URL/api/v1/requesters" -H "$AUTH" -H 'Content-Type: application/json' -d @- \
  | jq -r '"requester \(.name) may ask for \(.allowedNames | join(", "))"'

# The service makes its key and CSR, and picks its own request id (a retry reuses it).
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout svc_key.pem \
  -subj "/CN=svc-1.fleet.internal" -out svc.csr 2>/dev/null
REQUEST_ID="svc-1-$(date +%s)"

# It signs the request (RequestSignature): five lines, the last the request's fingerprint (RequestFingerprint: CA,
# profile, validity, CSR, then host, 7 subject fields and subjectAltNames, all empty here, digest, SHA-1 opt-in).
FINGERPRINT=$(printf '%s\n%s\n%s\n%s\n\n\n\n\n\n\n\n\n\n%s\n%s' "$CA_ID" server 30 "$(cat svc.csr)" sha256 false \
  | openssl dgst -sha256 -r | cut -d' ' -f1)
SIGNATURE=$(printf '%s\n%s\n%s\n%s\n%s' eventca-certificate-request-v1 "$REQUEST_ID" svc-1 eventca.replies "$FINGERPRINT" \
  | openssl dgst -sha256 -sign requester_key.pem | openssl base64 -A)

# The request: a CloudEvent (JSON, one line), keyed requester/<requestedBy>, on eventca.fleet-requests.
jq -cn --arg ca "$CA_ID" --arg id "$REQUEST_ID" --rawfile csr svc.csr --arg sig "$SIGNATURE" '{
  specversion: "1.0", id: $id, source: "/fleet/svc-1", type: "io.eventca.certificate-requested.v1",
  datacontenttype: "application/json", subject: $ca,
  data: {caId: $ca, requestId: $id, csrPem: $csr, profile: "server", validityDays: 30,
         requestedBy: "svc-1", requestedAt: (now | todate), replyTopic: "eventca.replies", signature: $sig}}' > request.json
echo "requester/svc-1|$(cat request.json)" | java -cp "$KAFKA_CP" org.apache.kafka.tools.ConsoleProducer \
  --bootstrap-server "$BOOTSTRAP" --command-config "${KAFKA_CONFIG:-/dev/null}" --topic eventca.fleet-requests \
  --property parse.key=true --property 'key.separator=|'

# The answer: a CloudEvent on eventca.replies keyed <requester>/<request id> (committed records only).
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  java -cp "$KAFKA_CP" org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" \
    --command-config "${KAFKA_CONFIG:-/dev/null}" --topic eventca.replies --from-beginning \
    --isolation-level read_committed --timeout-ms 3000 --property print.key=true --property 'key.separator=|' 2>/dev/null \
    | grep "^svc-1/$REQUEST_ID|" | head -n 1 | cut -d'|' -f2- > answer.json
  [ -s answer.json ] && break
done
jq -r '.type' answer.json
jq -r .data.certificatePem answer.json > svc_cert.pem
jq -r .data.chainPem answer.json > svc_chain.pem
openssl verify -CAfile svc_chain.pem svc_cert.pem
# --- end ---
