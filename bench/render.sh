#!/usr/bin/env bash
# Render-by-label throughput and latency, beside a trivial endpoint of the same service, in one run on this machine.
# Usage: bench/render.sh [seconds per run, default 20] [connections, default 64] [runs, default 3]
# Needs the suite running (./suite up) and wrk (installed from Debian's packages when missing).
# Writes the results to the render section of docs/benchmarks.md (between its render-bench markers), leaving the
# rest of the page as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${1:-20}"
CONNECTIONS="${2:-64}"
RUNS="${3:-3}"
THREADS=2
AUTH="${AUTH:-http://127.0.0.1:8081}"
PROMPT="${PROMPT:-http://127.0.0.1:8082}"
PASSWORD="${AUTH_BOOTSTRAP_PASSWORD:-}"
KEPT=".suite/bootstrap-admin-${SUITE_DB:-promptsuite}.txt"
if [ -z "$PASSWORD" ] && [ -f "$KEPT" ]; then
  PASSWORD="$(sed -n "s/.*password '\(.*\)'.*/\1/p" "$KEPT")"
fi
[ -n "$PASSWORD" ] || { echo "set AUTH_BOOTSTRAP_PASSWORD to the bootstrap admin's password" >&2; exit 1; }

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk from Debian's packages"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
curl -fsS -o /dev/null "$PROMPT/q/health/ready" || { echo "prompt-service is not up: ./suite up" >&2; exit 1; }

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
TOKEN="$(curl -fsS "$AUTH/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"tenant\":\"default\",\"email\":\"admin@local\",\"password\":\"$PASSWORD\"}" | json "['access_token']")"
NAME="bench/greeting-$(date +%s)"
H=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
curl -fsS -o /dev/null "${H[@]}" "$PROMPT/api/v1/prompts" -d "{\"name\":\"$NAME\"}"
curl -fsS -o /dev/null "${H[@]}" "$PROMPT/api/v1/prompts/$NAME/versions" -d '{"type":"text",
  "template":"You are a helpful assistant for {{company}}. Greet {{who}} in {{language}}.{{#topics}} Mention {{.}}.{{/topics}}",
  "variables_schema":{"type":"object","properties":{"company":{"type":"string"},"who":{"type":"string"},
  "language":{"type":"string","enum":["English","French","German"]},"topics":{"type":"array","items":{"type":"string"}}},
  "required":["company","who","language"],"additionalProperties":false}}'
curl -fsS -o /dev/null "${H[@]}" -X POST "$PROMPT/api/v1/prompts/$NAME/versions/1/publish"
curl -fsS -o /dev/null "${H[@]}" -X PUT "$PROMPT/api/v1/prompts/$NAME/labels/production" -d '{"version":1}'

SCRIPT="$(mktemp --suffix=.lua)"
trap 'rm -f "$SCRIPT"' EXIT
cat >"$SCRIPT" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.body = '{"label":"production","variables":{"company":"Acme","who":"Ada","language":"French","topics":["billing","shipping"]}}'
LUA

run() { # label url [script]
  local out
  if [ -n "${3:-}" ]; then
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$3" "$2")"
  else
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$2")"
  fi
  local rps p50 p99 non2xx
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ {print $5}' <<<"$out")"
  printf '%s|%s|%s|%s|%s\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

echo "warming up"
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$SCRIPT" "$PROMPT/api/v1/prompts/$NAME/render" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$PROMPT/q/health/live" >/dev/null

echo "measuring: $RUNS runs, ${DURATION}s per endpoint each, $CONNECTIONS connections"
ROWS=()
RATIOS=()
for i in $(seq 1 "$RUNS"); do
  TRIVIAL="$(run "trivial: GET /q/health/live" "$PROMPT/q/health/live")"
  RENDER="$(run "render by label: POST /api/v1/prompts/{name}/render" "$PROMPT/api/v1/prompts/$NAME/render" "$SCRIPT")"
  ratio="$(python3 -c "a='$TRIVIAL'.split('|')[1]; b='$RENDER'.split('|')[1]; print(f'{float(b)/float(a)*100:.0f}%')")"
  ROWS+=("$i|$TRIVIAL" "$i|$RENDER")
  RATIOS+=("$ratio")
  echo "run $i: render at $ratio of trivial; $RENDER"
done

SECTION="$(mktemp)"
trap 'rm -f "$SCRIPT" "$SECTION"' EXIT
{
  echo "<!-- render-bench:start (written by bench/render.sh) -->"
  echo "## Render by label"
  echo
  echo "Measured by \`bench/render.sh\` on $(date -u +%Y-%m-%d) on this machine ($(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)),"
  echo "prompt-service started by \`./suite up\` (JVM 17 with its options, \`-Xms64m -Xmx256m -XX:+UseParallelGC\` unless \`SUITE_JAVA_OPTS\` says otherwise; one event loop per core), wrk on the same machine over loopback:"
  echo "$THREADS threads, $CONNECTIONS connections, ${DURATION} s per endpoint after a warm-up, both endpoints in each run, $RUNS runs in a row."
  echo "The render request carries a bearer token (verified on every request) and four variables checked against the"
  echo "version's JSON Schema; the prompt is resolved through the label \`production\`. Every render runs on the work"
  echo "budget (sections, iterations and writes counted, deadline checked; see [prompts.md](prompts.md#checks-and-limits))."
  echo
  echo "| run | endpoint | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|---|"
  for row in "${ROWS[@]}"; do
    IFS='|' read -r run label rps p50 p99 bad <<<"$row"
    echo "| $run | $label | $rps | $p50 | $p99 | $bad |"
  done
  echo
  echo "Render by label reaches **$(printf '%s, ' "${RATIOS[@]}" | sed 's/, $//')** of the trivial endpoint's throughput in the $RUNS runs."
  echo "Target (issue 10): at least 50 %, and p99 under 10 ms at 64 connections, steadily."
  echo "<!-- render-bench:end -->"
} > "$SECTION"

python3 - "$SECTION" docs/benchmarks.md <<'PY'
import re, sys
section = open(sys.argv[1]).read().rstrip("\n")
path = sys.argv[2]
try:
    page = open(path).read()
except FileNotFoundError:
    page = "# Benchmarks\n"
pattern = re.compile(r"<!-- render-bench:start.*?<!-- render-bench:end -->", re.S)
if pattern.search(page):
    page = pattern.sub(lambda m: section, page)
else:
    head, _, rest = page.partition("\n")
    page = head + "\n\n" + section + "\n" + rest
open(path, "w").write(page)
PY
sed -n '/render-bench:start/,/render-bench:end/p' docs/benchmarks.md
