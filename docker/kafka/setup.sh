#!/usr/bin/env bash
# The kafka-setup step of docker-compose.yml, run before the broker starts:
#  1. once: a TLS key pair for the broker (PKCS#12 keystore, self-signed, names in EVENTCA_KAFKA_TLS_HOSTS) and
#     its certificate as a PEM truststore for the clients. Kept in the volumes, so clients keep trusting it.
#  2. every time: the broker's JAAS file, with one SASL/PLAIN user per principal of acls.csv plus broker and admin,
#     each password from EVENTCA_KAFKA_<NAME>_PASSWORD (ca-service -> EVENTCA_KAFKA_CA_SERVICE_PASSWORD).
# Production uses certificates from a real CA and SCRAM users instead (docs/KAFKA-SECURITY.md).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
acls=${EVENTCA_ACLS:-$here/acls.csv}
secrets=${EVENTCA_KAFKA_SECRETS_DIR:-/etc/kafka/secrets}
trust=${EVENTCA_KAFKA_TRUST_DIR:-/run/eventca/kafka-tls}
hosts=${EVENTCA_KAFKA_TLS_HOSTS:-kafka,localhost}
umask 077
mkdir -p "$secrets" "$trust"

if [[ ! -s $secrets/kafka.keystore.p12 ]]; then
  # Letters and digits only: the broker image drops settings whose value contains '='.
  store_password=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  store_password=${store_password:0:32}
  san=$(echo "$hosts" | sed 's/[^,][^,]*/dns:&/g')
  keytool -genkeypair -alias kafka -keyalg RSA -keysize 3072 -validity 825 -dname "CN=${hosts%%,*}" \
    -ext "SAN=$san" -keystore "$secrets/kafka.keystore.p12" -storetype PKCS12 \
    -storepass "$store_password" -keypass "$store_password"
  printf '%s' "$store_password" > "$secrets/keystore-password"
  echo "kafka-setup: new broker key pair for $hosts"
fi
keytool -exportcert -rfc -alias kafka -keystore "$secrets/kafka.keystore.p12" -storetype PKCS12 \
  -storepass "$(cat "$secrets/keystore-password")" -file "$secrets/kafka-ca.pem"
# The certificate is public: every client reads it.
chmod 755 "$trust"
install -m 644 "$secrets/kafka-ca.pem" "$trust/kafka-ca.pem"

password_of() { # principal name -> its password, from EVENTCA_KAFKA_<NAME>_PASSWORD
  local var
  var="EVENTCA_KAFKA_$(echo "$1" | tr 'a-z-' 'A-Z_')_PASSWORD"
  local value=${!var:-}
  if [[ -z $value ]]; then
    echo "kafka-setup: $var is not set (the password of Kafka user $1)" >&2
    return 1
  fi
  if [[ $value == *[\"\\]* || $value == *$'\n'* ]]; then
    echo "kafka-setup: $var must not contain quotes, backslashes or newlines (it goes into a JAAS string)" >&2
    return 1
  fi
  printf '%s' "$value"
}

principals=$(awk -F, 'NR > 1 && $1 ~ /^User:/ { sub(/^User:/, "", $1); print $1 }' "$acls" | sort -u)
# Assignments, not echo arguments: a missing password must stop the step (set -e) before the broker starts.
broker_password=$(password_of broker)
users=()
for user in broker admin $principals; do
  password=$(password_of "$user")
  users+=("  user_$user=\"$password\"")
done
{
  echo "// Written by docker/kafka/setup.sh: the broker's own login (broker) and its SASL/PLAIN users."
  echo "KafkaServer {"
  echo "  org.apache.kafka.common.security.plain.PlainLoginModule required"
  echo "  username=\"broker\" password=\"$broker_password\""
  printf '%s\n' "${users[@]}"
  echo "  ;"
  echo "};"
} > "$secrets/broker_jaas.conf.new"
mv "$secrets/broker_jaas.conf.new" "$secrets/broker_jaas.conf"

# The broker image runs as appuser; this step may run as root to write the client volume.
if [[ $(id -u) == 0 ]] && id -u appuser >/dev/null 2>&1; then
  chown appuser "$secrets"/*
fi
echo "kafka-setup: users broker admin $(echo $principals)"
