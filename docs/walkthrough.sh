#!/usr/bin/env bash
# The README's walkthrough as a script, run by system-tests (WalkthroughIT) against the packaged services.
# The part between the markers is in README.md word for word; a test keeps the two the same.
set -u
# EVENTCA_HOME: the checkout, where ./eventca-local keeps the admin token (default: the current directory).
EVENTCA_HOME=$(cd "${EVENTCA_HOME:-.}" && pwd)
cd "${WORK:-$(mktemp -d)}"
# --- walkthrough ---
CA_URL=${CA_URL:-http://localhost:8080}
CRL_URL=${CRL_URL:-http://localhost:8082}
# The first admin's bearer token, which ./eventca-local wrote (./eventca-token mints others).
EVENTCA_TOKEN=${EVENTCA_TOKEN:-$(cat "$EVENTCA_HOME/.eventca-local/admin.token")}
AUTH="Authorization: Bearer $EVENTCA_TOKEN"

# 1. Create a root CA (create_ca.sh defaults: RSA 2048, sha256, 365 days) and wait up to 30 s for it.
curl -sS -X POST "$CA_URL/api/v1/cas" -H "$AUTH" -H 'Content-Type: application/json' -H 'Prefer: wait=30' \
  -d '{"commonName":"Basic Certification Authority","organization":"Example","country":"US"}' > ca.json
CA_ID=$(jq -r .caId ca.json); jq -r '"CA \(.caId) is \(.status)"' ca.json

# 2. Download the CA certificate (ca_cert.pem, as create_ca.sh names it): public, no token needed.
curl -sSf "$CA_URL/api/v1/cas/$CA_ID/certificate" -o ca_cert.pem

# 3. Make a key pair and a CSR for a host, as a service would: the private key never leaves this machine.
openssl req -new -newkey rsa:2048 -nodes -keyout host_priv_key.pem \
  -subj "/CN=host.example.internal" -out host.csr 2>/dev/null

# 4. Ask for a server certificate (default validity 100 days) and wait for it.
jq -n --rawfile csr host.csr '{csr: $csr, profile: "server"}' \
  | curl -sS -X POST "$CA_URL/api/v1/cas/$CA_ID/certificates" -H "$AUTH" -H 'Content-Type: application/json' \
      -H 'Prefer: wait=30' -d @- > cert.json
SERIAL=$(jq -r .serialNumber cert.json); echo "issued serial $SERIAL"
curl -sSf -H "$AUTH" "$CA_URL/api/v1/cas/$CA_ID/certificates/$SERIAL/certificate" -o host_cert.pem
openssl x509 -in host_cert.pem -noout -subject -ext subjectAltName,extendedKeyUsage

# 5. Verify it against the CA and the CA's current CRL: "host_cert.pem: OK".
curl -sSf "$CRL_URL/crls/$CA_ID.pem" -o ca_crl.pem
openssl verify -crl_check -CAfile ca_cert.pem -CRLfile ca_crl.pem host_cert.pem

# 6. Revoke it, fetch the CRL until it lists the certificate, verify again: "certificate revoked".
BEFORE_REVOCATION=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
curl -sS -X POST "$CA_URL/api/v1/cas/$CA_ID/certificates/$SERIAL/revocation" -H "$AUTH" \
  -H 'Content-Type: application/json' -d '{"reason":"keyCompromise"}'; echo
for i in $(seq 1 30); do
  curl -sSf "$CRL_URL/crls/$CA_ID.pem" -o ca_crl.pem
  openssl verify -crl_check -CAfile ca_cert.pem -CRLfile ca_crl.pem host_cert.pem >/dev/null 2>&1 || break
  sleep 1
done
openssl verify -crl_check -CAfile ca_cert.pem -CRLfile ca_crl.pem host_cert.pem
openssl crl -in ca_crl.pem -noout -text | grep -A4 'Serial Number'

# 7. Ask the OCSP responder the certificate names, and check the delta CRL too: both say revoked.
openssl ocsp -issuer ca_cert.pem -cert host_cert.pem -url "$(openssl x509 -in host_cert.pem -noout -ocsp_uri)" \
  -CAfile ca_cert.pem
curl -sSf "$CRL_URL/crls/$CA_ID-delta.pem" -o ca_delta_crl.pem
openssl verify -crl_check -use_deltas -CAfile ca_cert.pem -CRLfile ca_crl.pem -CRLfile ca_delta_crl.pem host_cert.pem

# 8. Ask the issuance history three questions (docs/API.md, "Searching the history"): who holds a certificate for
#    the host, what of this CA expires within 120 days, and what was valid just before the revocation (asOf).
curl -sSf -G "$CA_URL/api/v1/certificates" -H "$AUTH" --data-urlencode san=host.example.internal \
  | jq -r '.items[] | "holds host.example.internal: \(.serialNumber) \(.status)"'
curl -sSf -G "$CA_URL/api/v1/certificates" -H "$AUTH" -d caId="$CA_ID" -d expiringWithinDays=120 \
  | jq -r '"expiring within 120 days: \(.count)"'
curl -sSf -G "$CA_URL/api/v1/certificates" -H "$AUTH" -d caId="$CA_ID" -d status=VALID -d asOf="$BEFORE_REVOCATION" \
  | jq -r '"valid just before the revocation: \(.items | map(.serialNumber) | join(" "))"'
# --- end ---
