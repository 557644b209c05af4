#!/usr/bin/env bash
# Container health check: exit 0 when the Quarkus readiness endpoint answers 200.
# Plain bash (/dev/tcp) because the JRE base image is not guaranteed to ship curl or wget.
set -euo pipefail
port=${1:-${QUARKUS_HTTP_PORT:-8080}}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /q/health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 5 status_line <&3
[[ "$status_line" =~ ^HTTP/[0-9.]+\ 200 ]]
