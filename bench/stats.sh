#!/usr/bin/env bash
# stats-service: ingest throughput (batches of 500) beside a plain INSERT … ON CONFLICT DO NOTHING loop from the same
# client, the acknowledgement latency of 1,000-event batches at 1,000 events/s, 30-day queries over a seeded tenant,
# and the service's peak RSS, in one run on this machine.
# Usage: bench/stats.sh [seconds per throughput run, default 30] [events to seed, default 5000000]
# Needs the suite running (./suite up). Writes the stats section of docs/benchmarks.md (between its stats-bench markers).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN="${1:-30}"
SEED="${2:-5000000}"
AUTH="${AUTH:-http://127.0.0.1:8081}"
STATS="${STATS:-http://127.0.0.1:8083}"
DB="${SUITE_DB:-promptsuite}"
PASSWORD="${AUTH_BOOTSTRAP_PASSWORD:-}"
KEPT=".suite/bootstrap-admin-$DB.txt"
if [ -z "$PASSWORD" ] && [ -f "$KEPT" ]; then
  PASSWORD="$(sed -n "s/.*password '\(.*\)'.*/\1/p" "$KEPT")"
fi
[ -n "$PASSWORD" ] || { echo "set AUTH_BOOTSTRAP_PASSWORD to the bootstrap admin's password" >&2; exit 1; }
curl -fsS -o /dev/null "$STATS/q/health/ready" || { echo "stats-service is not up: ./suite up" >&2; exit 1; }
PID="$(cat .suite/stats-service.pid)"
[ -f .suite/postgres-login.env ] && . .suite/postgres-login.env
PGUSER="${PGUSER:-postgres}"

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
TOKEN="$(curl -fsS "$AUTH/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"tenant\":\"default\",\"email\":\"admin@local\",\"password\":\"$PASSWORD\"}" | json "['access_token']")"
TENANT="$(curl -fsS "$AUTH/api/v1/auth/me" -H "Authorization: Bearer $TOKEN" | json "['tenant_id']")"
KEY="$(curl -fsS "$AUTH/api/v1/api-keys" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"stats bench","role":"editor"}' | json "['key']")"

JDBC_JAR="$(ls stats-service/target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar | head -n 1)"
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
# Peak RSS of stats-service over the whole run, sampled once a second (VmHWM is the kernel's own high-water mark).
java -cp "$JDBC_JAR" bench/StatsBench.java "$STATS" "$KEY" "jdbc:postgresql://${PGHOST:-127.0.0.1}:${PGPORT:-5432}/$DB" \
  "$PGUSER" "${PGPASSWORD:-}" "$TENANT" "$SEED" "$SECONDS_PER_RUN" >"$OUT"
HWM="$(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' "/proc/$PID/status")"
RSS="$(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$PID/status")"
echo "| stats-service peak RSS (VmHWM) over the run | $HWM | | | RSS at the end: $RSS; JVM options from ./suite up |" >>"$OUT"

SECTION="$(mktemp)"
{
  echo "<!-- stats-bench:start -->"
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, PostgreSQL and Redis on the same host, client on the same host:"
  echo "\`bench/stats.sh $SECONDS_PER_RUN $SEED\`."
  echo
  cat "$OUT"
  echo "<!-- stats-bench:end -->"
} >"$SECTION"
python3 - "$SECTION" <<'PY'
import re, sys
page = open('docs/benchmarks.md').read()
section = open(sys.argv[1]).read().rstrip('\n')
pattern = re.compile(r'<!-- stats-bench:start -->.*?<!-- stats-bench:end -->', re.S)
if pattern.search(page):
    page = pattern.sub(lambda _: section, page)
else:
    page = page.rstrip('\n') + '\n\n## stats-service\n\n' + section + '\n'
open('docs/benchmarks.md', 'w').write(page)
PY
rm -f "$SECTION"
cat "$OUT"
