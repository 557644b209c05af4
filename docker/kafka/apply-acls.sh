#!/usr/bin/env bash
# Applies docker/kafka/acls.csv to a broker with kafka-acls.sh (the kafka-acls step of docker-compose.yml).
#   apply-acls.sh            add every ACL of the catalogue (adding an existing ACL is a no-op)
#   apply-acls.sh --dry-run  print the kafka-acls.sh argument lists instead, one per line
# Rows that differ only in their resource name go into one kafka-acls.sh call: each call starts a JVM.
# Only adds: an ACL whose row was deleted stays until removed with kafka-acls.sh --remove (docs/KAFKA-SECURITY.md).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
acls=${EVENTCA_ACLS:-$here/acls.csv}
bootstrap=${EVENTCA_KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}
command_config=${EVENTCA_KAFKA_CLIENT_PROPERTIES:-$here/admin.properties}
kafka_acls=${KAFKA_ACLS:-/opt/kafka/bin/kafka-acls.sh}
dry_run=false
[[ ${1:-} == --dry-run ]] && dry_run=true

# One output line per group: principal|permission|type|pattern|operation|name name ...
groups=$(awk -F, '
  NR == 1 || /^[[:space:]]*(#|$)/ { next }
  NF != 6 { printf "acls.csv line %d: %d fields, expected 6\n", NR, NF > "/dev/stderr"; bad = 1; next }
  {
    key = $1 "|" $6 "|" $2 "|" $3 "|" $5
    if (!(key in names)) { order[++n] = key; names[key] = $4 } else { names[key] = names[key] " " $4 }
  }
  END { if (bad) exit 1; for (i = 1; i <= n; i++) print order[i] "|" names[order[i]] }
' "$acls")

while IFS='|' read -r principal permission type pattern operation names; do
  args=(--bootstrap-server "$bootstrap" --command-config "$command_config" --add)
  case $permission in
    allow) args+=(--allow-principal "$principal") ;;
    deny) args+=(--deny-principal "$principal") ;;
    *) echo "acls.csv: permission must be allow or deny, was $permission" >&2; exit 1 ;;
  esac
  case $pattern in
    literal|prefixed) args+=(--resource-pattern-type "$pattern") ;;
    *) echo "acls.csv: pattern_type must be literal or prefixed, was $pattern" >&2; exit 1 ;;
  esac
  for name in $names; do
    case $type in
      topic) args+=(--topic "$name") ;;
      group) args+=(--group "$name") ;;
      transactional-id) args+=(--transactional-id "$name") ;;
      cluster) args+=(--cluster) ;;
      *) echo "acls.csv: resource_type must be topic, group, transactional-id or cluster, was $type" >&2; exit 1 ;;
    esac
  done
  args+=(--operation "$operation")
  if $dry_run; then
    echo "${args[*]}"
  else
    # kafka-acls.sh reports its errors on stdout: keep it, but show it only when the call failed.
    if ! output=$("$kafka_acls" "${args[@]}" 2>&1); then
      echo "$output" >&2
      echo "acls: kafka-acls.sh failed for $permission $principal $operation on $type $names" >&2
      exit 1
    fi
    echo "acls: $permission $principal $operation on $type ($pattern) $names"
  fi
done <<< "$groups"
$dry_run || echo "acls: applied $acls"
