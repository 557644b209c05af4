#!/usr/bin/env bash
# Generates the secrets docker-compose.yml refuses to start without, into an env file for
# `docker compose --env-file FILE` (default .eventca-local/compose.env, mode 600):
#   EVENTCA_KAFKA_<PRINCIPAL>_PASSWORD  for broker, admin and every principal of docker/kafka/acls.csv
#   EVENTCA_DATABASE_PASSWORD           PostgreSQL's user postgres, and ca-service's login
#   EVENTCA_CUSTODY_KEK                 the key-encryption key of the CA keys: keep the file, or lose every CA
# Only adds what the file lacks (a new fleet principal's password, say): a value once written is never replaced,
# since the broker, the database volume and the wrapped CA keys already depend on it. Prints names, never values.
set -euo pipefail
umask 077

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
file=$(realpath -m -- "${1:-$here/../.eventca-local/compose.env}")
mkdir -p "$(dirname "$file")"
touch "$file"
chmod 600 "$file"

# Letters and digits only: setup.sh puts the Kafka passwords into JAAS strings.
random_password() { local s; s=$(openssl rand -base64 48 | tr -dc 'A-Za-z0-9'); printf '%s' "${s:0:32}"; }

principals=$(awk -F, 'NR > 1 && $1 ~ /^User:/ { sub(/^User:/, "", $1); print $1 }' "$here/kafka/acls.csv" | sort -u)
added=()
add() { # name value
  grep -q "^$1=" "$file" && return 0
  printf '%s=%s\n' "$1" "$2" >>"$file"
  added+=("$1")
}
for user in broker admin $principals; do
  add "EVENTCA_KAFKA_$(echo "$user" | tr 'a-z-' 'A-Z_')_PASSWORD" "$(random_password)"
done
add EVENTCA_DATABASE_PASSWORD "$(random_password)"
add EVENTCA_CUSTODY_KEK "$(openssl rand -base64 32)"

if [[ ${#added[@]} -gt 0 ]]; then
  echo "compose-env: wrote ${added[*]} to $file"
else
  echo "compose-env: $file already has every secret"
fi
echo "compose-env: start with: docker compose --env-file $file up --build"
