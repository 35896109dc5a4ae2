#!/usr/bin/env bash
# auth-service beside Keycloak, in one run on this machine: JWKS, sign-in, client credentials and refresh with
# rotation at 8 and 32 connections, plus the peak resident memory of each server.
# Usage: bench/auth.sh [seconds per run, default 15] [rounds, default 2]
#   BENCH_ONLY="jwks refresh" limits the scenarios, BENCH_CONNECTIONS="8 32" the connection counts,
#   BENCH_TARGETS=auth measures auth-service alone, BENCH_NO_DOCS=1 prints the table without writing
#   docs/benchmarks.md, BENCH_JFR=1 records auth-service with JFR (bench/.cache/auth-service.jfr).
# Needs java, curl, python3, psql (PostgreSQL at PGHOST, trust or PGPASSWORD), Redis, and wrk (installed from
# Debian's packages when missing). Starts its own servers on free ports (never 8081/8082) with a database of its
# own (bench_auth, dropped at the end); Keycloak 26.7.3 is downloaded once from Maven Central into bench/.cache/.
# Writes the results to the auth section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

DURATION="${1:-15}"
ROUNDS="${2:-2}"
CONNECTIONS=(${BENCH_CONNECTIONS:-8 32})
# Sign-in last: its overload answers count against the per-source lockout of the address wrk sends from.
SCENARIOS=(${BENCH_ONLY:-jwks client refresh signin})
TARGETS=(${BENCH_TARGETS:-auth keycloak})
THREADS=2
KC_VERSION=26.7.3
CACHE="$ROOT/bench/.cache"
KC_HOME="$CACHE/keycloak-$KC_VERSION"
DB=bench_auth
PASSWORD="Bench-Passw0rd-$(head -c 6 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')!"
USERS=64
SERVICE_SECRET="bench-service-secret-0123456789"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
mkdir -p "$CACHE"

say() { printf '==> %s\n' "$*"; }
die() { printf 'bench/auth.sh: %s\n' "$*" >&2; exit 1; }

for tool in java curl python3 psql unzip; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done
if ! command -v wrk >/dev/null 2>&1; then
  say "installing wrk from Debian's packages"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

# --- Keycloak, downloaded once -----------------------------------------------------------------------------------------
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  zip="$CACHE/keycloak-quarkus-dist-$KC_VERSION.zip"
  if [ ! -f "$zip" ]; then
    say "downloading org.keycloak:keycloak-quarkus-dist:$KC_VERSION (zip) from Maven Central"
    base="https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip"
    curl -fsSL -o "$zip.part" "$base"
    [ "$(curl -fsSL "$base.sha1")" = "$(sha1sum "$zip.part" | cut -d' ' -f1)" ] || die "the Keycloak download does not match its checksum"
    mv "$zip.part" "$zip"
  fi
  unzip -q -o "$zip" -d "$CACHE"
fi

# --- servers -----------------------------------------------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
AUTH_PORT="$(free_port)"; KC_PORT="$(free_port)"; KC_MGMT_PORT="$(free_port)"
while [ "$AUTH_PORT" = "$KC_PORT" ] || [ "$KC_PORT" = "$KC_MGMT_PORT" ] || [ "$AUTH_PORT" = "$KC_MGMT_PORT" ]; do
  KC_PORT="$(free_port)"; KC_MGMT_PORT="$(free_port)"
done
AUTH="http://127.0.0.1:$AUTH_PORT"
KC="http://127.0.0.1:$KC_PORT"
AUTH_PID=""; KC_PID=""
WORK="$(mktemp -d)"

cleanup() {
  for pid in $AUTH_PID $KC_PID ${KC_JVM:-}; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $AUTH_PID $KC_PID ${KC_JVM:-}; do
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  psql -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

JAR="$ROOT/auth-service/target/quarkus-app/quarkus-run.jar"
if [ ! -f "$JAR" ] || [ -n "$(find auth-service/src common/src -newer "$JAR" -type f -print -quit)" ]; then
  say "building auth-service"
  ./mvnw -q -B package -DskipTests -pl auth-service -am
fi
# The same JVM options (and malloc arena cap) as ./suite up.
JAVA_OPTS_SUITE="${SUITE_JAVA_OPTS:-$(sed -n 's/.*SUITE_JAVA_OPTS:-\([^}]*\)}.*/\1/p' suite)}"
if [ -n "${BENCH_JFR:-}" ]; then
  JAVA_OPTS_SUITE="$JAVA_OPTS_SUITE -XX:StartFlightRecording=filename=$CACHE/auth-service.jfr,settings=profile"
fi

psql -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
psql -d postgres -qc "CREATE DATABASE $DB" >/dev/null
say "starting auth-service on port $AUTH_PORT ($JAVA_OPTS_SUITE)"
(
  cd auth-service
  AUTH_PORT="$AUTH_PORT" SUITE_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SUITE_DB_USER="$PGUSER" \
    SUITE_DB_PASSWORD="${PGPASSWORD:-}" SUITE_REDIS_URL="${SUITE_REDIS_URL:-redis://127.0.0.1:6379}" \
    SUITE_REDIS_KEY_PREFIX="$DB-$$-$(date +%s):" SUITE_AUTH_ISSUER="$AUTH" SUITE_AUTH_JWKS_URL="$AUTH/.well-known/jwks.json" \
    AUTH_BOOTSTRAP_PASSWORD="$PASSWORD" SUITE_PROMPT_CLIENT_SECRET="$SERVICE_SECRET" \
    QUARKUS_HTTP_IO_THREADS="$(nproc)" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
    exec java $JAVA_OPTS_SUITE -jar target/quarkus-app/quarkus-run.jar >"$CACHE/auth-service.log" 2>&1
) &
AUTH_PID=$!

# Keycloak hashes with Argon2id at the cost auth-service uses (19 MiB, 2 passes, 1 lane), from a fresh data dir.
python3 - "$ROOT/bench/keycloak-realm.json" "$WORK/bench-realm.json" "$USERS" "$PASSWORD" <<'PY'
import json, sys
realm = json.load(open(sys.argv[1]))
realm["users"] = [{"username": f"bench-{n}", "email": f"bench-{n}@bench.local", "firstName": "Bench", "lastName": str(n),
                   "enabled": True, "emailVerified": True,
                   "credentials": [{"type": "password", "value": sys.argv[4], "temporary": False}]}
                  for n in range(int(sys.argv[3]))]
realm["users"].append({"username": "service-account-bench-service", "enabled": True, "serviceAccountClientId": "bench-service"})
json.dump(realm, open(sys.argv[2], "w"))
PY
has_keycloak() { case " ${TARGETS[*]} " in *" keycloak "*) return 0 ;; *) return 1 ;; esac; }
if has_keycloak; then
rm -rf "$KC_HOME/data"
mkdir -p "$KC_HOME/data/import"
cp "$WORK/bench-realm.json" "$KC_HOME/data/import/"
say "starting Keycloak $KC_VERSION on port $KC_PORT (management $KC_MGMT_PORT), as shipped (start-dev)"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$PASSWORD" \
  KC_SPI_PASSWORD_HASHING__ARGON2__MEMORY=19456 KC_SPI_PASSWORD_HASHING__ARGON2__ITERATIONS=2 \
  KC_SPI_PASSWORD_HASHING__ARGON2__PARALLELISM=1 \
  "$KC_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$KC_PORT" \
  --http-management-port="$KC_MGMT_PORT" --import-realm >"$CACHE/keycloak.log" 2>&1 &
KC_PID=$!
fi

wait_for() { # name pid url
  for _ in $(seq 1 900); do
    kill -0 "$2" 2>/dev/null || { tail -n 30 "$CACHE/$1.log" >&2; die "$1 stopped during start-up"; }
    curl -fsS -o /dev/null "$3" 2>/dev/null && return 0
    sleep 1
  done
  die "$1 did not start within 900 s (log: bench/.cache/$1.log)"
}
wait_for auth-service "$AUTH_PID" "$AUTH/q/health/ready"
has_keycloak && wait_for keycloak "$KC_PID" "$KC/realms/bench/.well-known/openid-configuration"
# kc.sh may run a build step before it execs the server: measure the JVM that serves.
KC_JVM=""
if has_keycloak; then
  KC_JVM="$(pgrep -f -- "-Dkc.home.dir=.*keycloak-$KC_VERSION" | while read -r pid; do
    if [ "$pid" = "$KC_PID" ] || [ "$(ps -o ppid= -p "$pid" | tr -d ' ')" = "$KC_PID" ]; then echo "$pid"; fi; done | head -n 1)"
  KC_JVM="${KC_JVM:-$KC_PID}"
fi
say "servers are up (auth-service pid $AUTH_PID, Keycloak JVM pid ${KC_JVM:-none})"

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
ADMIN="$(curl -fsS "$AUTH/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"tenant\":\"default\",\"email\":\"admin@local\",\"password\":\"$PASSWORD\"}" | json "['access_token']")"
say "creating $USERS users in auth-service"
seq 0 $((USERS - 1)) | xargs -P 2 -I{} curl -fsS -o /dev/null "$AUTH/api/v1/users" -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d "{\"email\":\"bench-{}@bench.local\",\"password\":\"$PASSWORD\",\"role\":\"editor\"}"

# Both stores must hold the same kind of hash, or sign-in would not compare like with like.
KC_HASH="not measured"
if has_keycloak; then
KC_ADMIN="$(curl -fsS "$KC/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
  -d username=admin --data-urlencode "password=$PASSWORD" | json "['access_token']")"
KC_USER_ID="$(curl -fsS -H "Authorization: Bearer $KC_ADMIN" "$KC/admin/realms/bench/users?username=bench-0&exact=true" | json "[0]['id']")"
KC_HASH="$(curl -fsS -H "Authorization: Bearer $KC_ADMIN" "$KC/admin/realms/bench/users/$KC_USER_ID/credentials" | json "[0]['credentialData']")"
fi
AUTH_HASH="$(psql -d "$DB" -tAc "SELECT split_part(password_hash, '\$', 2) || ' ' || split_part(password_hash, '\$', 4) FROM auth.users WHERE email = 'bench-0@bench.local'")"
say "Keycloak's stored hash: $KC_HASH"
say "auth-service's stored hash: $AUTH_HASH"

# A fresh login per session for each refresh run: tokens rotate during a run and can't be reused in the next. The
# logins come from 127.0.0.2, so that the sign-in runs' lockout of wrk's address (127.0.0.1) can't refuse them.
sessions() { # target count > file
  local out="$WORK/sessions" n
  : >"$out"
  for n in $(seq 0 $(($2 - 1))); do
    if [ "$1" = auth ]; then
      curl -fsS --interface 127.0.0.2 "$AUTH/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"tenant\":\"default\",\"email\":\"bench-$((n % USERS))@bench.local\",\"password\":\"$PASSWORD\"}"
    else
      curl -fsS --interface 127.0.0.2 "$KC/realms/bench/protocol/openid-connect/token" -d grant_type=password -d client_id=bench-web \
        -d "username=bench-$((n % USERS))" --data-urlencode "password=$PASSWORD"
    fi | json "['refresh_token']" >>"$out"
  done
  cat "$out"
}

url_of() { # target scenario
  local base
  if [ "$1" = auth ]; then
    case "$2" in
      jwks) echo "$AUTH/.well-known/jwks.json" ;;
      signin) echo "$AUTH/api/v1/auth/login" ;;
      *) echo "$AUTH/oauth/token" ;;
    esac
  else
    base="$KC/realms/bench/protocol/openid-connect"
    case "$2" in
      jwks) echo "$base/certs" ;;
      *) echo "$base/token" ;;
    esac
  fi
}

run() { # target scenario connections seconds -> "rps|ok/s|p50|p99|non2xx|errors"
  local target="$1" scenario="$2" conns="$3" seconds="$4" script="" out
  export BENCH_TARGET="$target" BENCH_THREADS="$THREADS" BENCH_USERS="$USERS" BENCH_PASSWORD="$PASSWORD"
  case "$scenario" in
    signin) script="bench/auth-signin.lua" ;;
    client)
      script="bench/auth-client-credentials.lua"
      if [ "$target" = auth ]; then
        export BENCH_BASIC="$(printf 'prompt-service:%s' "$SERVICE_SECRET" | base64 -w0)"
      else
        export BENCH_BASIC="$(printf 'bench-service:%s' "$SERVICE_SECRET" | base64 -w0)"
      fi ;;
    refresh)
      script="bench/auth-refresh.lua"
      sessions "$target" $((conns * 2)) >"$WORK/tokens-$target"
      export BENCH_TOKENS="$WORK/tokens-$target" ;;
  esac
  if [ -n "$script" ]; then
    out="$(wrk -t"$THREADS" -c"$conns" -d"${seconds}s" --timeout 10s --latency -s "$script" "$(url_of "$target" "$scenario")")"
  else
    out="$(wrk -t"$THREADS" -c"$conns" -d"${seconds}s" --timeout 10s --latency "$(url_of "$target" "$scenario")")"
  fi
  printf '%s\n' "$out" >"$WORK/wrk.out"
  python3 - "$seconds" "$WORK/wrk.out" <<'PY'
import re, sys
out = open(sys.argv[2]).read()
def grab(pattern, default="0"):
    m = re.search(pattern, out, re.M)
    return m.group(1) if m else default
total = int(grab(r"^\s*(\d+) requests in"))
bad = int(grab(r"Non-2xx or 3xx responses: (\d+)"))
errors = grab(r"Socket errors: (.*)$", "")
errs = sum(int(x) for x in re.findall(r"\d+", errors)) if errors else 0
rps = float(grab(r"Requests/sec:\s+([\d.]+)"))
duration = float(grab(r"requests in ([\d.]+)s", sys.argv[1]))
ok = (total - bad) / duration
p50 = grab(r"^\s*50%\s+(\S+)", "-")
p99 = grab(r"^\s*99%\s+(\S+)", "-")
print(f"{rps:.0f}|{ok:.0f}|{p50}|{p99}|{bad}|{errs}")
PY
}

hwm() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

label_of() {
  case "$1" in
    jwks) echo "JWKS" ;;
    signin) echo "sign-in (correct password)" ;;
    client) echo "client credentials" ;;
    refresh) echo "refresh with rotation" ;;
  esac
}

WARMUP="${BENCH_WARMUP:-10}"
say "warming up both servers (${WARMUP} s per endpoint)"
for scenario in "${SCENARIOS[@]}"; do
  for target in "${TARGETS[@]}"; do
    run "$target" "$scenario" 8 "$WARMUP" >/dev/null
  done
done
# Warm-up sign-ins count against the per-source window; let no lockout carry over into the measurement.
sleep 2

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
RESULTS="$WORK/results"
: >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for scenario in "${SCENARIOS[@]}"; do
    for conns in "${CONNECTIONS[@]}"; do
      for target in "${TARGETS[@]}"; do
        row="$(run "$target" "$scenario" "$conns" "$DURATION")"
        printf '%s|%s|%s|%s|%s\n' "$round" "$scenario" "$conns" "$target" "$row" | tee -a "$RESULTS"
      done
    done
  done
done
AUTH_HWM="$(hwm "$AUTH_PID")"; AUTH_RSS="$(rss "$AUTH_PID")"
KC_HWM="-"; KC_RSS="-"; KC_JAVA_OPTS=""
if [ -n "$KC_JVM" ]; then
  KC_HWM="$(hwm "$KC_JVM")"; KC_RSS="$(rss "$KC_JVM")"
  KC_JAVA_OPTS="$(tr '\0' ' ' <"/proc/$KC_JVM/cmdline" | grep -o -- '-X[^ ]*RAM[^ ]*\|-Xm[sx][^ ]*' | tr '\n' ' ' || true)"
fi
say "peak RSS: auth-service ${AUTH_HWM} MiB (now ${AUTH_RSS}), Keycloak ${KC_HWM} MiB (now ${KC_RSS})"

TABLE="$WORK/table.md"
python3 - "$RESULTS" >"$TABLE" <<'PY'
import sys
from collections import defaultdict
rows = [line.strip().split("|") for line in open(sys.argv[1]) if line.strip()]
labels = {"jwks": "JWKS", "signin": "sign-in (correct password)", "client": "client credentials",
          "refresh": "refresh with rotation"}
by = defaultdict(dict)
order = []
for rnd, scenario, conns, target, rps, ok, p50, p99, bad, errs in rows:
    key = (rnd, scenario, conns)
    if key not in order:
        order.append(key)
    by[key][target] = (rps, ok, p50, p99, bad, errs)
print("| round | endpoint | conns | auth-service ok/s | p50 | p99 | non-2xx | Keycloak ok/s | p50 | p99 | non-2xx | ratio |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for key in order:
    rnd, scenario, conns = key
    a = by[key].get("auth"); k = by[key].get("keycloak")
    ratio = f"{float(a[1]) / float(k[1]):.2f}×" if a and k and float(k[1]) > 0 else "-"
    def cells(r):
        if not r:
            return "- | - | - | -"
        bad = r[4] if r[5] == "0" else f"{r[4]} (+{r[5]} socket errors)"
        return f"{r[1]} | {r[2]} | {r[3]} | {bad}"
    print(f"| {rnd} | {labels[scenario]} | {conns} | {cells(a)} | {cells(k)} | {ratio} |")
PY
TARGETS_MD="$WORK/targets.md"
python3 - "$RESULTS" "$AUTH_HWM" >"$TARGETS_MD" <<'PY'
import re, sys
from collections import defaultdict
rows = [line.strip().split("|") for line in open(sys.argv[1]) if line.strip()]
ok = defaultdict(dict); p99 = defaultdict(dict)
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)$", v)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else float("inf")
for rnd, scenario, conns, target, rps, good, p50, p99v, bad, errs in rows:
    ok[(rnd, scenario, conns)][target] = float(good)
    p99[(rnd, scenario, conns)][target] = ms(p99v)
def ratio(key):
    a, k = ok[key].get("auth"), ok[key].get("keycloak")
    return a / k if a is not None and k else None
def verdict(flag):
    return "**met**" if flag else "**not met**"
rounds = sorted({r[0] for r in rows})
for rnd in rounds:
    lines = []
    key = (rnd, "refresh", "32")
    if key in ok and ratio(key) is not None:
        r, q = ratio(key), p99[key]["auth"]
        lines.append(f"refresh with rotation ≥ 2× Keycloak with p99 < 50 ms at 32 connections: {r:.2f}×, p99 {q:.1f} ms, {verdict(r >= 2 and q < 50)}")
    for conns in ("8", "32"):
        key = (rnd, "client", conns)
        if key in ok and ratio(key) is not None:
            lines.append(f"client credentials ≥ 2× Keycloak at {conns} connections: {ratio(key):.2f}×, {verdict(ratio(key) >= 2)}")
    for conns in ("8", "32"):
        key = (rnd, "signin", conns)
        if key in ok and ratio(key) is not None:
            lines.append(f"sign-in at parity at {conns} connections (within ±20 %): {ratio(key):.2f}×, {verdict(ratio(key) >= 0.8)}")
    if lines:
        print(f"- round {rnd}: " + "; ".join(lines) + ".")
hwm = float(sys.argv[2])
print(f"- peak RSS of auth-service under 256 MiB: {hwm:.0f} MiB, {verdict(hwm < 256)}.")
PY
cat "$TABLE"; cat "$TARGETS_MD"
[ -n "${BENCH_NO_DOCS:-}" ] && exit 0

# What the numbers mean and what was changed for them; kept here so a re-run keeps them.
notes() {
  cat <<'NOTES'
### Read these numbers with care

This machine has two cores, and while these runs were made four other engineers were building and testing on it:
the load average stayed between 12 and 27 across the runs (this run: see above), JFR showed the whole machine at 100 % CPU with auth-service
getting 15–30 % of it, and PostgreSQL (shared with those test runs) answered a trivial statement in 27 ms at the
median and 76 ms at p90 instead of well under a millisecond. Every number here is therefore far below what the same
code does on a quiet machine (the issue's own figures, measured earlier the same day: JWKS 41k/s, refresh
1,170/s), and rows move by a factor of two between rounds. Both servers ran side by side and each row was measured
right after the other server's, so the ratios are fairer than the absolute numbers — but a row where one server
happened to get less CPU says little. Run `bench/auth.sh` on a quiet machine before trusting any single row.

### Where the time went, and what changed

Profiled with JFR (`BENCH_JFR=1 bench/auth.sh …`, then `jfr print --events jdk.ExecutionSample`, `jdk.SocketRead`,
`jdk.CPULoad`). Under this load the request threads were mostly *waiting*, not computing: on PostgreSQL round trips
(each one tens of milliseconds here) and on the CPU itself. So the changes cut round trips and per-request work:

| change | why |
|---|---|
| a refresh is **one SQL statement** (`token/RefreshRotation`): a data-modifying CTE spends the presented token (`UPDATE … WHERE used_at IS NULL … RETURNING`), joins its owner and tenant, and inserts the successor unless the owner is disabled or another client presents it; committed on its own (autocommit, no JTA/Hibernate session) | it was 5 statements in a JTA transaction (conditional update, re-read of the token, user, tenant, insert, commit: 6 round trips). Behaviour is unchanged: exactly one of several concurrent presenters wins the row lock, reuse still revokes the family, a disabled owner or a wrong client still ends the family. auth-service alone, 32 connections, same loaded machine: 29 → 106 refreshes/s, p99 1.99 s → 0.76 s |
| access tokens are signed with jose4j directly (`token/AccessTokenIssuer`), issuer/audience/lifetime read once | the smallrye-jwt builder read its defaults from configuration on every token; the claims, header (`alg RS256`, `kid`, `typ at+jwt`) and verifiers are unchanged. RS256 stays: the tests and docs pin it, so ES256 (cheaper to sign) was not adopted |
| `./suite up` runs each service with `-Xms64m -Xmx256m -XX:+UseParallelGC -XX:ReservedCodeCacheSize=64m -Xss512k` and `MALLOC_ARENA_MAX=2` (was `-Xmx512m`) | a 512 MiB heap let the JVM grow to 740–790 MiB resident. Smaller heaps were tried and **thrash**: Argon2 allocates its 19 MiB per hash as thousands of 1 KiB blocks that outlive eden, get promoted and fill an old generation that already holds about 60 MiB of live data. jstat: `-Xmx128m` 630 full GCs (308 s of GC) in one run; `-Xms96m -Xmx160m -Xmn80m` — the setting of the table above — 605 full GCs (219 s). That, not the code, is why sign-in answered 1/s there and why some auth-service rows of round 2 are far below round 1. With `-Xmx256m` (auth-service alone, refresh and sign-in at 32 connections, after the table above): 427 refreshes/s, p99 169 ms, peak RSS 488 MiB |

The 256 MiB target is **not met**, and the heap can't meet it: beside the heap, jcmd showed 89 MiB of metaspace
(Quarkus, Hibernate, RESTEasy, jose4j classes), 29 MiB of JIT code and 61 threads, so about 230 MiB is spent before
the heap counts, and the heap needs ~60 MiB live plus two Argon2 working sets plus headroom to avoid the thrashing
above. Getting there would take fewer loaded classes, Argon2 with reusable memory (password4j allocates fresh
blocks for every hash), or a native image — none of which fit in this change.

### An earlier run, with a 128 MiB heap

`bench/auth.sh 15 2` with `-Xms32m -Xmx128m` (otherwise the same code), stopped in its second round once jstat showed
the GC thrash described above; peak RSS of auth-service 362 MiB. Requests per second with a 2xx answer, auth-service
vs Keycloak (p99 in brackets):

| endpoint | conns | round 1 | round 2 |
|---|---|---|---|
| JWKS | 8 | 622 (2.34 s) vs 176 (286 ms) | 73 (1.87 s) vs 271 (252 ms) |
| JWKS | 32 | 7,222 (45 ms) vs 591 (225 ms) | 300 (944 ms) vs 273 (617 ms) |
| client credentials | 8 | 121 (222 ms) vs 79 (365 ms): 1.53× | 9 (2.30 s) vs 77 (302 ms) |
| client credentials | 32 | 122 (1.30 s) vs 52 (1.56 s): 2.35× | 81 (805 ms) vs 48 (1.32 s): 1.69× |
| refresh with rotation | 8 | 135 (194 ms) vs 20 (1.18 s): 6.8× | 182 (138 ms) vs 37 (647 ms): 4.9× |
| refresh with rotation | 32 | 154 (461 ms) vs 22 (2.97 s): 7.0× | — |
| sign-in | 8 | 0 (3 timeouts) vs 2 | — |
| sign-in | 32 | 0 (62 × 503/429) vs 1 | — |

What was **not** changed, and why:

- **client credentials** still writes its `CLIENT_TOKEN_ISSUED` audit event before answering: one insert and commit
  per token, which Keycloak (events off by default) does not do. Writing it behind the answer (batched) would make
  the trail lag the token, and the audit tests read the trail right after issuing; that trade-off belongs with
  the audit design, not with a benchmark. Under this machine's database latency that write is most of the
  request's time.
- **sign-in** is bounded by Argon2id at the same cost on both sides (19 MiB, 2 passes, 1 lane, one hash per core at a
  time); at 32 connections auth-service answers the overflow with a fast `503 AUTH_BUSY` + `Retry-After` (counted in
  non-2xx) where Keycloak queues and its latency grows. On a branch without the issue's lockout fix, those 503s
  also used up lockout slots, so later sign-ins from the same address answer 429 — the fix belongs to the
  "Sign-in under load" correctness half of the issue, not to this script.
NOTES
}

SECTION="$WORK/section.md"
{
  echo "<!-- auth:begin (written by bench/auth.sh) -->"
  echo "## auth-service beside Keycloak"
  echo
  echo "Measured by \`bench/auth.sh $DURATION $ROUNDS\` on $(date -u +%Y-%m-%d) on this machine ($(nproc) cores,"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); other work was running on it), both servers started by the script in the same run"
  echo "on loopback, wrk on the same machine: $THREADS threads, ${DURATION} s per row after a ${WARMUP} s warm-up of each endpoint."
  echo "auth-service: the packaged jar with the JVM options of \`./suite up\` (\`$JAVA_OPTS_SUITE\`), one event loop per"
  echo "core, its own PostgreSQL database and Redis prefix. Keycloak $KC_VERSION: \`kc.sh start-dev\` as shipped (embedded"
  echo "H2 database; JVM heap options from kc.sh: \`${KC_JAVA_OPTS:-defaults}\`), realm \`bench/keycloak-realm.json\`."
  echo
  echo "- **JWKS**: \`GET /.well-known/jwks.json\` / \`GET /realms/bench/protocol/openid-connect/certs\`."
  echo "- **sign-in**: a correct password for one of $USERS users in turn; \`POST /api/v1/auth/login\` / the password grant"
  echo "  of a public client. Both hash with Argon2id at the same cost (stored: auth-service \`$AUTH_HASH\`,"
  echo "  Keycloak \`$(printf '%s' "$KC_HASH" | tr -d '\n')\`)."
  echo "- **client credentials**: a confidential client with HTTP Basic, one signed access token per request."
  echo "- **refresh with rotation**: every request presents the refresh token the previous answer of its session"
  echo "  returned (\`bench/auth-refresh.lua\`, two sessions per connection, each a login of its own); a reused token"
  echo "  would end its session. Keycloak: \`revokeRefreshToken\` with no reuse, the same rotation."
  echo
  echo "ok/s counts 2xx answers only; p50/p99 cover every answer. ratio = auth-service ok/s ÷ Keycloak ok/s."
  echo
  cat "$TABLE"
  echo
  echo "Peak resident memory over the whole run (VmHWM): auth-service **${AUTH_HWM} MiB**, Keycloak **${KC_HWM} MiB**"
  echo "(at the end: ${AUTH_RSS} MiB and ${KC_RSS} MiB). Load average of the machine: $LOAD_BEFORE at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo
  echo "Targets (issue 10, \"Sign-in under load\"), as measured in this run:"
  echo
  cat "$TARGETS_MD"
  echo
  notes
  echo "<!-- auth:end -->"
} >"$SECTION"
python3 - docs/benchmarks.md "$SECTION" <<'PY'
import re, sys
doc = open(sys.argv[1]).read()
section = open(sys.argv[2]).read()
pattern = re.compile(r"<!-- auth:begin.*?<!-- auth:end -->\n?", re.S)
doc = pattern.sub(lambda m: section, doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + section
open(sys.argv[1], "w").write(doc)
PY
say "written to docs/benchmarks.md"
