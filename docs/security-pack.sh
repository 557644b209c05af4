#!/usr/bin/env bash
# docs/MIGRATION.md's "From the Security Pack scripts" section as a script, run by system-tests (WalkthroughIT)
# against the packaged services. The part between the markers is in docs/MIGRATION.md word for word.
set -u
# EVENTCA_HOME: the checkout, where ./eventca-local keeps the admin token (default: the current directory).
EVENTCA_HOME=$(cd "${EVENTCA_HOME:-.}" && pwd)
cd "${WORK:-$(mktemp -d)}"
# --- security pack ---
CA_URL=${CA_URL:-http://localhost:8080}
PASS='a passphrase only you know'
# The first admin's bearer token, which ./eventca-local wrote (./eventca-token mints others).
EVENTCA_TOKEN=${EVENTCA_TOKEN:-$(cat "$EVENTCA_HOME/.eventca-local/admin.token")}
AUTH="Authorization: Bearer $EVENTCA_TOKEN"

# create_ca.sh -CN "Basic Certification Authority" -E "youremail@yourdomain.com" -OU "Department" \
#   -O "Genesys Telecommunication Labs" -L "Daly City" -S CA -C US
curl -sS -X POST "$CA_URL/api/v1/cas" -H "$AUTH" -H 'Content-Type: application/json' -H 'Prefer: wait=30' -d '{
  "commonName": "Basic Certification Authority", "email": "youremail@yourdomain.com",
  "organizationalUnit": "Department", "organization": "Genesys Telecommunication Labs",
  "locality": "Daly City", "state": "CA", "country": "US", "validityDays": 3650}' > root.json
ROOT_ID=$(jq -r .caId root.json)
curl -sSfOJ "$CA_URL/api/v1/cas/$ROOT_ID/certificate"        # ca_cert.pem
curl -sSfOJ "$CA_URL/api/v1/cas/$ROOT_ID/certificate.pfx"    # ca_cert.pfx (trust store, password changeit)

# New: an intermediate CA under it, which may not have CAs below it (pathLength 0).
jq -n --arg parent "$ROOT_ID" '{commonName: "Issuing CA 1", parentCaId: $parent, pathLength: 0}' \
  | curl -sS -X POST "$CA_URL/api/v1/cas" -H "$AUTH" -H 'Content-Type: application/json' -H 'Prefer: wait=30' -d @- > issuing.json
CA_ID=$(jq -r .caId issuing.json); jq -r '"CA \(.caId) is \(.status), parent \(.parentCaId)"' issuing.json

# create_cert.sh -host myHOST.domain1.domain2.com -CN myWorkstation  (eventca generates the key)
jq -n --arg pass "$PASS" '{profile: "server", host: "myHOST.domain1.domain2.com", commonName: "myWorkstation",
  passphrase: $pass}' \
  | curl -sS -X POST "$CA_URL/api/v1/cas/$CA_ID/certificates" -H "$AUTH" -H 'Content-Type: application/json' \
      -H 'Prefer: wait=30' -d @- > host.json
SERIAL=$(jq -r .serialNumber host.json); echo "issued serial $SERIAL"
CERT_URL="$CA_URL/api/v1/cas/$CA_ID/certificates/$SERIAL"
curl -sSfOJ -H "$AUTH" "$CERT_URL/certificate"              # <serial>_myhost_cert.pem
jq -n --arg pass "$PASS" '{passphrase: $pass}' \
  | curl -sSfOJ -X POST "$CERT_URL/private-key" -H "$AUTH" -H 'Content-Type: application/json' -d @-   # <serial>_myhost_priv_key.pem (PKCS#8)
jq -n --arg pass "$PASS" '{passphrase: $pass, format: "pfx"}' \
  | curl -sSfOJ -X POST "$CERT_URL/private-key" -H "$AUTH" -H 'Content-Type: application/json' -d @-   # <serial>_myhost_cert.pfx
curl -sSf "$CA_URL/api/v1/cas/$CA_ID/certificate" -o issuing_cert.pem
ls -1 ./*_myhost_*

openssl verify -CAfile ca_cert.pem -untrusted issuing_cert.pem "${SERIAL}_myhost_cert.pem"
openssl x509 -in "${SERIAL}_myhost_cert.pem" -noout -ext subjectAltName,extendedKeyUsage
openssl pkey -in "${SERIAL}_myhost_priv_key.pem" -passin "pass:$PASS" -noout && echo "private key opens"
openssl pkcs12 -in "${SERIAL}_myhost_cert.pfx" -passin "pass:$PASS" -info -noout 2>&1 | grep -m1 'Shrouded Keybag'
keytool -list -keystore "${SERIAL}_myhost_cert.pfx" -storetype PKCS12 -storepass "$PASS" | grep PrivateKeyEntry
keytool -list -keystore ca_cert.pfx -storetype PKCS12 -storepass changeit | grep trustedCertEntry
# --- end ---
