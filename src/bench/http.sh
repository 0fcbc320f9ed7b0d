#!/usr/bin/env bash
# HTTP benchmarks of issue 14 over loopback, each figure beside a baseline measured in the same run
# (docs/benchmarks.md explains every figure):
#   single   single decisions vs the web stack's limit: the bare Spring Boot echo app (src/bench/echo-app) and Jurist
#            (benchmark profile, H2 file database, decision log on) side by side with the same JVM flags; warm-up,
#            then ROUNDS rounds of bare echo, Jurist's in-app echo and Jurist decisions (wrk -t2 -c32, order rotated),
#            the median of the paired ratios with min and max, CPU per request, load average before and after;
#   latency  constant rate (src/bench/load/ConstantRate.java, wrk2's method, latency from the due time) at
#            LATENCY_FRACTION (0.5) of the peak decision rate, against Jurist decisions and the bare echo at the
#            same rate, the load generator on CPU 0 and both servers on the other CPUs (LATENCY_PIN), the peak
#            measured so just before; first a self-check that a 1 s SIGSTOP of the bare app shows in the tool's p99.
#            Issue 14's goal 2 is measured with a 512 MiB heap (docs/benchmarks.md says why):
#            JVM_FLAGS="-Xmx512m -Xms512m -XX:+UseG1GC" src/bench/http.sh latency
#   bulk     BULK_LINES (10 million) NDJSON lines in one stream, then in 2 and 4 concurrent streams (the same total),
#            heap sampled with jstat, client and server CPU, every answer counted and checked, and a sample of
#            1,000 answers compared with what the single endpoint answers for the same requests;
#   all      the three, in this order (the default).
# Every wrk run checks each answer's body (src/bench/wrk/post.lua) and fails on a wrong one, a non-2xx or a socket
# error. At the end, the decision log must account for every decision answered (written >= answered, dropped = 0),
# else the run fails and its figures are void. Everything lands in target/bench-http/; summary.txt is for pasting.
#
# Usage: src/bench/http.sh [single|latency|bulk|all]...
# Settings (environment): JVM_FLAGS ("-Xmx256m -Xms256m -XX:+UseG1GC", both servers), JURIST_EXTRA_FLAGS (Jurist
# only, e.g. a CDS archive; named in the summary), JURIST_JAR (another jar to start, e.g. the extracted one a CDS
# archive belongs to; named in the summary), BENCH_WARMUP (60s per server), BENCH_DURATION (20s per wrk run),
# ROUNDS (3), LATENCY_DURATION (60, seconds), LATENCY_FRACTION (0.5), LATENCY_CONNECTIONS (32), LATENCY_PIN (1: the
# latency part's load generator on CPU 0 and the servers on the other CPUs; 0: all share all CPUs), BULK_LINES
# (10000000), BULK_BLOCK (1000000: the generated input, repeated; BULK_LINES must be a multiple of 4 blocks),
# BULK_STREAMS ("1 2 4"), BULK_SAMPLE (1000), BENCH_PORT (18090: bare echo; Jurist on the next port),
# BENCH_REBUILD=1 (rebuild the jars). Needs wrk, curl, jstat, java 17. Durations are whole seconds, "s" optional.
set -euo pipefail
cd "$(dirname "$0")/../.."
. src/bench/h2-options.sh

PARTS=${*:-all}
[ "$PARTS" = all ] && PARTS="single latency bulk"
for part in $PARTS; do
  case "$part" in single | latency | bulk) ;; *) echo "unknown part '$part': single, latency, bulk or all" >&2; exit 2 ;; esac
done

JVM_FLAGS=${JVM_FLAGS:--Xmx256m -Xms256m -XX:+UseG1GC}
JURIST_EXTRA_FLAGS=${JURIST_EXTRA_FLAGS:-}
secs() { local s=${1%s}; [[ "$s" =~ ^[0-9]+$ ]] || { echo "not a duration in seconds: $1" >&2; exit 2; }; echo "$s"; }
WARMUP=$(secs "${BENCH_WARMUP:-60s}")
DURATION=$(secs "${BENCH_DURATION:-20s}")
ROUNDS=${ROUNDS:-3}
LATENCY_DURATION=$(secs "${LATENCY_DURATION:-60}")
LATENCY_FRACTION=${LATENCY_FRACTION:-0.5}
LATENCY_CONNECTIONS=${LATENCY_CONNECTIONS:-32}
LATENCY_PIN=${LATENCY_PIN:-1}
CLIENT_CPUS=""
BULK_LINES=${BULK_LINES:-10000000}
BULK_BLOCK=${BULK_BLOCK:-500000}
BULK_STREAMS=${BULK_STREAMS:-1 2 4}
BULK_SAMPLE=${BULK_SAMPLE:-1000}
PORT_BARE=${BENCH_PORT:-18090}
PORT_JURIST=$((PORT_BARE + 1))
BARE="http://127.0.0.1:$PORT_BARE"
JURIST="http://127.0.0.1:$PORT_JURIST"
TOKEN="Authorization: Bearer demo-data-platform-token"
BODY='{"subject":{"id":"member-42","country":"US","age":34},"purpose":"GENAI_TRAINING","consent":"NOT_SET","at":"2024-11-25T00:00:00Z"}'
ECHO_EXPECT='"subject":{"id":"member-42"'
OUT=target/bench-http
TICK=$(getconf CLK_TCK)
CORES=$(nproc)
for s in $BULK_STREAMS; do
  [ $((BULK_LINES % (s * BULK_BLOCK))) = 0 ] \
    || { echo "BULK_LINES ($BULK_LINES) must be a multiple of $s streams x BULK_BLOCK ($BULK_BLOCK)" >&2; exit 2; }
done
[ $((BULK_BLOCK % BULK_SAMPLE)) = 0 ] || { echo "BULK_BLOCK must be a multiple of BULK_SAMPLE" >&2; exit 2; }

for tool in wrk curl jstat java; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (wrk: apt-get install wrk)" >&2; exit 1; }
done

# Everything of an earlier run goes, except the generated bulk input (named by its size).
mkdir -p "$OUT"
find "$OUT" -mindepth 1 -maxdepth 1 ! -name 'input-*.ndjson' -exec rm -rf {} +

JAR=${JURIST_JAR:-$(ls target/jurist-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [ -z "${JURIST_JAR:-}" ] && { [ -z "$JAR" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; }; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/jurist-*.jar | grep -v original | head -1)
fi
BARE_JAR=src/bench/echo-app/target/bare-echo.jar
if [ ! -f "$BARE_JAR" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
  ./mvnw -B -q -f src/bench/echo-app/pom.xml package
fi

# ---- servers ---------------------------------------------------------------------------------------------------
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -CONT "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
# shellcheck disable=SC2086 # JVM_FLAGS and JURIST_EXTRA_FLAGS are lists of options
java $JVM_FLAGS -jar "$BARE_JAR" --server.port="$PORT_BARE" > "$OUT/server-bare.log" 2>&1 &
BARE_PID=$!
PIDS+=("$BARE_PID")
# shellcheck disable=SC2086
java $JVM_FLAGS $JURIST_EXTRA_FLAGS -jar "$JAR" --spring.profiles.active=benchmark --server.port="$PORT_JURIST" \
  "--spring.datasource.url=jdbc:h2:file:$PWD/$OUT/db/jurist;$H2_OPTIONS" > "$OUT/server-jurist.log" 2>&1 &
JURIST_PID=$!
PIDS+=("$JURIST_PID")
up() { # url pid name
  for _ in $(seq 1 300); do # a busy machine may take minutes to start Jurist
    kill -0 "$2" 2>/dev/null || { echo "$3 exited, see $OUT/server-$3.log" >&2; exit 1; }
    curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' -H "$TOKEN" -d "$BODY" "$1" && return 0
    sleep 1
  done
  echo "$3 did not answer within 300 s, see $OUT/server-$3.log" >&2; exit 1
}
up "$BARE/api/v1/decisions" "$BARE_PID" bare
up "$JURIST/api/v1/benchmark/echo" "$JURIST_PID" jurist

# The decisions Jurist answered, for the decision log's account at the end (the readiness probes were echoes).
echo 0 > "$OUT/answered.single"
answered() { echo $(( $(cat "$OUT/answered.single") + $1 )) > "$OUT/answered.single"; }
echo 0 > "$OUT/answered.batch"
WRK_RUNS_ON_DECISIONS=0

# What a decision for BODY must answer: PERMIT, the subject, and the one active ruleset version (taken from a probe).
PROBE=$(curl -fsS -X POST -H 'Content-Type: application/json' -H "$TOKEN" -d "$BODY" "$JURIST/api/v1/decisions")
answered 1
RULESET=$(grep -o '"ruleset":{[^}]*}' <<< "$PROBE" || true)
case "$PROBE" in *'"decision":"PERMIT"'*) ;; *) echo "the probe decision is not PERMIT: $PROBE" >&2; exit 1 ;; esac
[ -n "$RULESET" ] || { echo "the probe decision names no ruleset: $PROBE" >&2; exit 1; }
DECISION_EXPECT="\"decision\":\"PERMIT\"|\"subjectId\":\"member-42\"|$RULESET"

# ---- helpers -----------------------------------------------------------------------------------------------------
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system CPU ticks of a process
rps() { awk '/^Requests\/sec/ {printf "%.0f", $2}' "$1"; }
requests() { awk '/ requests in / {print $1}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
stats() { # numbers on stdin -> "median M (min A, max B)"
  sort -g | awk '{v[NR] = $1} END {if (NR == 0) {print "none"; exit}
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "median %.2f (min %.2f, max %.2f)", m, v[1], v[NR]}'
}
stats0() { # the same with whole numbers
  sort -g | awk '{v[NR] = $1} END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "median %.0f (min %.0f, max %.0f)", m, v[1], v[NR]}'
}
# One wrk run, the same script for every side (post.lua checks every answer's body against EXPECT).
# Fails on a wrong answer, a non-2xx, a socket error (an answer slower than 10 s counts as a timeout, wrk's default
# of 2 s would count a cold server's first seconds on a busy machine) or an unchecked answer; writes NAME.txt and NAME.cpu
# (the server's CPU microseconds per request).
run_wrk() { # name url expect seconds pid
  local before after
  before=$(cpu "$5")
  EXPECT="$3" $CLIENT_CPUS wrk -t2 -c32 -d"$4s" --timeout 10s --latency -s src/bench/wrk/post.lua "$2" > "$OUT/$1.txt"
  after=$(cpu "$5")
  local n wrong checked
  n=$(requests "$OUT/$1.txt")
  wrong=$(awk '/^wrong answers:/ {print $3}' "$OUT/$1.txt")
  checked=$(awk '/^checked answers:/ {print $3}' "$OUT/$1.txt")
  if [[ "$2" == */api/v1/decisions ]] && [ "$5" = "$JURIST_PID" ]; then
    answered "$n"
    WRK_RUNS_ON_DECISIONS=$((WRK_RUNS_ON_DECISIONS + 1))
  fi
  if grep -q -e 'Non-2xx' -e 'Socket errors' "$OUT/$1.txt" || [ "${wrong:-x}" != 0 ] || [ "${checked:-x}" != "$n" ]; then
    echo "run $1 failed its checks (non-2xx, socket errors or wrong answers), see $OUT/$1.txt:" >&2
    grep -e 'Non-2xx' -e 'Socket errors' -e 'answers' -e 'first wrong' "$OUT/$1.txt" >&2 || true
    exit 1
  fi
  awk -v c=$((after - before)) -v t="$TICK" -v n="$n" 'BEGIN {printf "%.0f\n", c * 1e6 / t / n}' > "$OUT/$1.cpu"
}

SIDES=(bare echo decisions)
side_url() { case "$1" in bare) echo "$BARE/api/v1/decisions" ;; echo) echo "$JURIST/api/v1/benchmark/echo" ;;
  decisions) echo "$JURIST/api/v1/decisions" ;; esac; }
side_expect() { case "$1" in decisions) echo "$DECISION_EXPECT" ;; *) echo "$ECHO_EXPECT" ;; esac; }
side_pid() { case "$1" in bare) echo "$BARE_PID" ;; *) echo "$JURIST_PID" ;; esac; }
run_side() { # name side seconds
  run_wrk "$1" "$(side_url "$2")" "$(side_expect "$2")" "$3" "$(side_pid "$2")"
}

# Warm-up, once per invocation: each server WARMUP seconds under wrk, alternating (bare, Jurist, bare, Jurist),
# Jurist's time split between decisions and its in-app echo.
WARMED=0
warm_up() {
  [ "$WARMED" = 1 ] && return 0
  local half=$(((WARMUP + 1) / 2)) quarter=$(((WARMUP + 3) / 4))
  echo "warming up: ${WARMUP} s per server, alternating"
  run_side warm-1-bare bare "$half"
  run_side warm-2-decisions decisions "$half"
  run_side warm-3-bare bare "$half"
  run_side warm-4-decisions decisions "$quarter"
  run_side warm-5-echo echo "$quarter"
  WARMED=1
}

# ---- single ------------------------------------------------------------------------------------------------------
PEAK=""
part_single() {
  local load_before load_after
  load_before=$(loadavg)
  warm_up
  for r in $(seq 1 "$ROUNDS"); do
    for k in 0 1 2; do # the order rotates: bare echo decisions, echo decisions bare, decisions bare echo, ...
      local side=${SIDES[$(((r - 1 + k) % 3))]}
      echo "round $r: $side"
      run_side "round-$r-$side" "$side" "$DURATION"
    done
  done
  load_after=$(loadavg)
  local f=$OUT/summary-single.txt
  {
    echo "## single decisions vs the web stack's limit"
    echo "wrk -t2 -c32 -d${DURATION}s, $ROUNDS rounds (order rotated), after ${WARMUP} s of warm-up per server"
    echo "load average before: $load_before; after: $load_after"
    for side in "${SIDES[@]}"; do
      printf '%-10s req/s: ' "$side"
      for r in $(seq 1 "$ROUNDS"); do printf '%s ' "$(rps "$OUT/round-$r-$side.txt")"; done
      printf -- '-> %s; server CPU per request (µs): ' \
        "$(for r in $(seq 1 "$ROUNDS"); do rps "$OUT/round-$r-$side.txt"; echo; done | stats0)"
      for r in $(seq 1 "$ROUNDS"); do cat "$OUT/round-$r-$side.cpu"; done | stats0
      echo
    done
    for base in bare echo; do
      local ratios
      ratios=$(for r in $(seq 1 "$ROUNDS"); do
        awk -v a="$(rps "$OUT/round-$r-decisions.txt")" -v b="$(rps "$OUT/round-$r-$base.txt")" \
          'BEGIN {printf "%.3f\n", a / b}'; done)
      echo "decisions / $base, paired by round: $(tr '\n' ' ' <<< "$ratios")-> **$(stats <<< "$ratios")**"
    done
    local cpu_ratios
    cpu_ratios=$(for r in $(seq 1 "$ROUNDS"); do
      awk -v a="$(cat "$OUT/round-$r-bare.cpu")" -v b="$(cat "$OUT/round-$r-decisions.cpu")" \
        'BEGIN {printf "%.3f\n", a / b}'; done)
    echo "server CPU per request, bare / decisions, paired by round: $(stats <<< "$cpu_ratios")"
    echo "latency at peak, last round: decisions p50 $(pct "$OUT/round-$ROUNDS-decisions.txt" 50%)" \
      "p99 $(pct "$OUT/round-$ROUNDS-decisions.txt" 99%); bare p50 $(pct "$OUT/round-$ROUNDS-bare.txt" 50%)" \
      "p99 $(pct "$OUT/round-$ROUNDS-bare.txt" 99%) (closed loop, for reference only)"
    echo "every answer checked: decisions $DECISION_EXPECT; echoes $ECHO_EXPECT; 0 wrong, 0 non-2xx, 0 socket errors"
  } > "$f"
  PEAK=$(for r in $(seq 1 "$ROUNDS"); do rps "$OUT/round-$r-decisions.txt"; echo; done | sort -g \
    | awk '{v[NR] = $1} END {printf "%.0f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')
  cat "$f"
}

# ---- latency -----------------------------------------------------------------------------------------------------
constant_rate() { # name url rate seconds expect...
  local name=$1 url=$2 rate=$3 seconds=$4
  shift 4
  local expects=()
  for e in "$@"; do expects+=(--expect "$e"); done
  $CLIENT_CPUS java -Xmx512m src/bench/load/ConstantRate.java --url "$url" --rate "$rate" --duration "$seconds" \
    --connections "$LATENCY_CONNECTIONS" --warmup 5 --header 'Content-Type: application/json' --header "$TOKEN" \
    --body "$BODY" "${expects[@]}" > "$OUT/$name.txt" || {
    echo "constant-rate run $name failed, see $OUT/$name.txt:" >&2; cat "$OUT/$name.txt" >&2; exit 1; }
  if [[ "$url" == "$JURIST/api/v1/decisions" ]]; then
    answered "$(awk '/^RESULT/ {for (i = 2; i <= NF; i++) if ($i ~ /^requests=/) print substr($i, 10)}' "$OUT/$name.txt")"
    answered "$(awk '/^WARMUP/ {print substr($2, 10)}' "$OUT/$name.txt")"
  fi
}
field() { awk -v k="$2" '/^RESULT/ {for (i = 2; i <= NF; i++) if (index($i, k "=") == 1) print substr($i, length(k) + 2)}' "$1"; }
ms() { awk -v u="$1" 'BEGIN {printf "%.2f ms", u / 1000}'; }
# The latency part's load generator on the first CPU and both servers on the others (LATENCY_PIN=1, with 2 or more
# CPUs): as with a client on another machine, neither steals the other's CPU, so a server's garbage collection
# cannot stall the generator and the generator's threads cannot delay a server. Its peak is then measured the
# same way, just before.
SERVER_CPUS=$([ "$CORES" = 2 ] && echo 1 || echo "1-$((CORES - 1))")
pin() { # on: the generator on CPU 0, the servers on SERVER_CPUS; off: all on all CPUs
  local servers=$SERVER_CPUS
  CLIENT_CPUS="taskset -c 0"
  if [ "$1" = off ]; then servers=0-$((CORES - 1)); CLIENT_CPUS=""; fi
  for pid in "$BARE_PID" "$JURIST_PID"; do taskset -a -cp "$servers" "$pid" > /dev/null; done
}
part_latency() {
  local load_before load_after pinned=""
  load_before=$(loadavg)
  warm_up
  local peak_note="median of the single part's decision rounds"
  if [ "$LATENCY_PIN" = 1 ] && [ "$CORES" -ge 2 ] && command -v taskset > /dev/null; then
    pin on
    pinned="load generator on CPU 0, both servers on CPU(s) $SERVER_CPUS (taskset); "
    PEAK="" # the single part's peak had all CPUs
  fi
  if [ -z "$PEAK" ]; then
    run_side peak-decisions decisions "$DURATION"
    PEAK=$(rps "$OUT/peak-decisions.txt")
    peak_note="one wrk run of ${DURATION} s just before"
  fi
  local rate
  rate=$(awk -v p="$PEAK" -v f="$LATENCY_FRACTION" 'BEGIN {printf "%.0f", p * f}')

  # Self-check: the bare app stopped for 1 s in a 10 s run must show in p99 (about 10 % of the requests were due
  # during the stall and wait up to 1 s; a closed loop would delay only one request per connection).
  echo "latency: self-check against a 1 s stall of the bare app at $rate/s"
  ( # 3 s into the measured run (the tool prints "measuring" when it starts it)
    for _ in $(seq 1 600); do grep -q '^measuring' "$OUT/stall-check.txt" 2>/dev/null && break; sleep 0.1; done
    sleep 3; kill -STOP "$BARE_PID"; sleep 1; kill -CONT "$BARE_PID" ) &
  local stopper=$!
  constant_rate stall-check "$BARE/api/v1/decisions" "$rate" 10 "$ECHO_EXPECT"
  wait "$stopper"
  local stall_p99 stall_max
  stall_p99=$(field "$OUT/stall-check.txt" p99_us)
  stall_max=$(field "$OUT/stall-check.txt" max_us)
  if [ "$stall_p99" -lt 500000 ] || [ "$stall_max" -lt 900000 ]; then
    echo "the load generator hides a 1 s stall (p99 $(ms "$stall_p99"), max $(ms "$stall_max")): not honest" >&2
    exit 1
  fi

  echo "latency: decisions and bare echo at $rate/s for $LATENCY_DURATION s each"
  constant_rate latency-decisions "$JURIST/api/v1/decisions" "$rate" "$LATENCY_DURATION" \
    '"decision":"PERMIT"' '"subjectId":"member-42"' "$RULESET"
  constant_rate latency-bare "$BARE/api/v1/decisions" "$rate" "$LATENCY_DURATION" "$ECHO_EXPECT"
  [ -n "$pinned" ] && pin off
  load_after=$(loadavg)
  local f=$OUT/summary-latency.txt
  {
    echo "## latency at $(awk -v f="$LATENCY_FRACTION" 'BEGIN {print f * 100}') % of the peak, constant rate"
    echo "${pinned}peak decisions $PEAK req/s ($peak_note); target $rate req/s, $LATENCY_CONNECTIONS connections," \
      "${LATENCY_DURATION} s after 5 s at the same rate; latency from each request's due time (wrk2's method)"
    echo "load average before: $load_before; after: $load_after"
    for side in decisions bare; do
      local t=$OUT/latency-$side.txt
      printf '%-10s achieved %s/s, p50 %s, p90 %s, **p99 %s**, p99.9 %s, max %s; errors %s; client send lag p99 %s\n' \
        "$side" "$(field "$t" achieved)" "$(ms "$(field "$t" p50_us)")" "$(ms "$(field "$t" p90_us)")" \
        "$(ms "$(field "$t" p99_us)")" "$(ms "$(field "$t" p999_us)")" "$(ms "$(field "$t" max_us)")" \
        "$(field "$t" errors)" "$(ms "$(field "$t" lag_p99_us)")"
    done
    echo "self-check, bare app stopped (SIGSTOP) for 1 s in a 10 s run at the same rate: p99 $(ms "$stall_p99")," \
      "max $(ms "$stall_max") (must be >= 500 ms and >= 900 ms: passed)"
  } > "$f"
  cat "$f"
}

# ---- bulk --------------------------------------------------------------------------------------------------------
INPUT=$OUT/input-$BULK_BLOCK.ndjson
generate_input() { # BULK_BLOCK varied lines: 20 countries (the UK alias among them), ages known and not, 3 consents
  [ -s "$INPUT" ] && [ "$(wc -l < "$INPUT")" = "$BULK_BLOCK" ] && return 0
  awk -v n="$BULK_BLOCK" 'BEGIN {
    split("US GB DE FR JP BR IN CH NO CA AU ES IT NL SE PL MX ZA KR UK", c, " ");
    split("NOT_SET OPTED_IN OPTED_OUT", k, " ");
    for (i = 0; i < n; i++) {
      age = (i % 5 == 0) ? "" : ",\"age\":" (10 + i % 70);
      printf "{\"subject\":{\"id\":\"member-%d\",\"country\":\"%s\"%s},\"purpose\":\"GENAI_TRAINING\",\"consent\":\"%s\",\"at\":\"2025-0%d-01T00:00:00Z\"}\n",
        i, c[1 + i % 20], age, k[1 + i % 3], 1 + i % 9;
    }
  }' > "$INPUT.tmp"
  mv "$INPUT.tmp" "$INPUT"
}
# One stream: REPS copies of the input through one POST /api/v1/decisions/batch (chunked both ways); the answers are
# counted and checked on the way by src/bench/load/CountAnswers.java (every line must name the ruleset every answer
# must name; error lines and other versions do not), one process reading the answers once. The client's CPU (cat,
# curl, the checker) comes from the subshell's `times`.
stream() { # name reps
  local f=$OUT/$1
  for _ in $(seq 1 "$2"); do cat "$INPUT"; done \
    | curl -sS --fail -N -X POST -T - -H "$TOKEN" -H 'Content-Type: application/x-ndjson' "$JURIST/api/v1/decisions/batch" \
    | java -Xmx64m -XX:+UseSerialGC -cp "$OUT/classes" CountAnswers "$RULESET" > "$f.counted"
  local n b
  read -r n b < "$f.counted"
  echo "$n" > "$f.count"
  echo "$b" > "$f.bad"
  times > "$f.times" # not in a pipeline (a forked shell has no children); the 2nd line is the children's user, system
}
checker() { # compiles the answer checker once and checks that it can fail: a line without the ruleset, a cut line
  javac -d "$OUT/classes" src/bench/load/CountAnswers.java
  local seen
  seen=$(printf '%s\n%s\n%s' "{\"a\":1,$RULESET}" '{"line":2,"error":"x"}' "{$RULESET" \
    | java -cp "$OUT/classes" CountAnswers "$RULESET")
  [ "$seen" = "3 2" ] || { echo "the answer checker is wrong: '$seen' for 3 lines of which 2 are bad" >&2; exit 1; }
}
client_cpu() { # name -> seconds
  awk 'NR == 2 {t = 0; for (i = 1; i <= 2; i++) {split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2]}; printf "%.1f", t}' "$OUT/$1.times"
}
heap() { # jstat file -> summary (jstat -gc columns S0U S1U EU OU are 3, 4, 6, 8, in KB)
  awk 'NR > 1 && $1 ~ /^[0-9.]+$/ {u = ($3 + $4 + $6 + $8) / 1024; o = $8 / 1024; n++;
    if (n == 1) first = o; if (u > max) max = u; if (o > omax) omax = o; last = o}
    END {printf "old gen first %.0f / max %.0f / last %.0f MiB, heap used max %.0f MiB (%d samples)", first, omax, last, max, n}' "$1"
}
part_bulk() {
  local load_before load_after
  load_before=$(loadavg)
  generate_input
  checker
  # Warm-up: one block in one stream, checked, and a sample of its answers compared with single decisions.
  echo "bulk: warm-up, $BULK_BLOCK lines"
  local step=$((BULK_BLOCK / BULK_SAMPLE))
  curl -sS --fail -N -X POST -T "$INPUT" -H "$TOKEN" -H 'Content-Type: application/x-ndjson' \
    "$JURIST/api/v1/decisions/batch" > "$OUT/bulk-warm.ndjson"
  local warm_count warm_bad
  warm_count=$(wc -l < "$OUT/bulk-warm.ndjson")
  warm_bad=$(LC_ALL=C grep -c -v -F "$RULESET" "$OUT/bulk-warm.ndjson" || true)
  echo $(( $(cat "$OUT/answered.batch") + warm_count )) > "$OUT/answered.batch"
  [ "$warm_count" = "$BULK_BLOCK" ] && [ "$warm_bad" = 0 ] \
    || { echo "bulk warm-up: $warm_count answers for $BULK_BLOCK lines, $warm_bad without $RULESET" >&2; exit 1; }
  sed -n "1~${step}p" "$OUT/bulk-warm.ndjson" > "$OUT/sample-batch.ndjson"
  rm -f "$OUT/bulk-warm.ndjson"
  echo "bulk: $BULK_SAMPLE sampled lines against the single endpoint"
  sed -n "1~${step}p" "$INPUT" | while IFS= read -r line; do
    curl -fsS -X POST -H 'Content-Type: application/json' -H "$TOKEN" --data-binary "$line" "$JURIST/api/v1/decisions"
    echo
  done > "$OUT/sample-single.ndjson"
  answered "$BULK_SAMPLE"
  # Decision ids and evaluation times differ by design; everything else must be equal.
  normalise() { sed -E 's/"decisionId":"[^"]*",//; s/,"evaluatedAt":"[^"]*"//' "$1"; }
  local differ
  differ=$(diff <(normalise "$OUT/sample-batch.ndjson") <(normalise "$OUT/sample-single.ndjson") | grep -c '^<' || true)
  [ "$(wc -l < "$OUT/sample-single.ndjson")" = "$BULK_SAMPLE" ] && [ "$differ" = 0 ] \
    || { echo "bulk sample: $differ of $BULK_SAMPLE batch answers differ from the single endpoint's" >&2; exit 1; }

  local f=$OUT/summary-bulk.txt
  {
    echo "## bulk: $BULK_LINES lines per phase, Jurist at $JVM_FLAGS"
  } > "$f"
  for streams in $BULK_STREAMS; do
    local reps=$((BULK_LINES / streams / BULK_BLOCK)) per=$((BULK_LINES / streams))
    echo "bulk: $streams stream(s) of $per lines"
    jstat -gc "$JURIST_PID" 1000 > "$OUT/jstat-$streams.txt" &
    local jstat_pid=$!
    local cpu_before start end
    cpu_before=$(cpu "$JURIST_PID")
    start=$(date +%s.%N)
    local pids=()
    for s in $(seq 1 "$streams"); do
      ( stream "bulk-$streams-$s" "$reps" ) &
      pids+=($!)
    done
    local failed=0
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    end=$(date +%s.%N)
    local server_cpu=$(( $(cpu "$JURIST_PID") - cpu_before ))
    kill "$jstat_pid" 2>/dev/null || true
    wait "$jstat_pid" 2>/dev/null || true
    [ "$failed" = 0 ] || { echo "a bulk stream failed (curl or HTTP error)" >&2; exit 1; }
    local total=0 bad=0 client=0 per_stream=""
    for s in $(seq 1 "$streams"); do
      local n b
      n=$(cat "$OUT/bulk-$streams-$s.count")
      b=$(cat "$OUT/bulk-$streams-$s.bad")
      [ "$n" = "$per" ] && [ "$b" = 0 ] \
        || { echo "bulk stream $s of $streams: $n answers for $per lines, $b without $RULESET" >&2; exit 1; }
      total=$((total + n))
      bad=$((bad + b))
      client=$(awk -v a="$client" -v b="$(client_cpu "bulk-$streams-$s")" 'BEGIN {print a + b}')
    done
    echo $(( $(cat "$OUT/answered.batch") + total )) > "$OUT/answered.batch"
    {
      awk -v n="$total" -v s="$start" -v e="$end" -v k="$streams" -v c="$client" -v sc="$server_cpu" -v t="$TICK" \
        -v cores="$CORES" 'BEGIN {w = e - s; sv = sc / t;
        printf "%d stream(s): %d answers in %.1f s: **%.0f decisions/s** (%.0f per stream)\n", k, n, w, n / w, n / w / k;
        printf "  CPU: server %.1f s (%.2f cores), client %.1f s (%.2f cores) of %d cores", sv, sv / w, c, c / w, cores;
        if ((sv + c) / w >= 0.9 * cores) printf "; the machine was saturated: the client took %.0f %% of the CPU used, a limit on the figure", 100 * c / (sv + c);
        printf "\n"}'
      echo "  heap: $(heap "$OUT/jstat-$streams.txt")"
      echo "  checked: answers = lines in every stream, 0 error lines, every answer from $RULESET"
    } >> "$f"
  done
  load_after=$(loadavg)
  {
    echo "warm-up: $BULK_BLOCK lines, $BULK_BLOCK answers, 0 error lines, one ruleset version;" \
      "$BULK_SAMPLE answers (every ${step}th line) equal to the single endpoint's (decision, reasons, obligations," \
      "jurisdiction, ruleset; ids and times aside)"
    echo "server RSS after: $(ps -o rss= -p "$JURIST_PID" | awk '{printf "%.0f", $1 / 1024}') MiB"
    echo "load average before: $load_before; after: $load_after"
  } >> "$f"
  cat "$f"
}

# ---- the decision log's account ----------------------------------------------------------------------------------
metric() { # name tag -> value of the counter
  curl -fsS -u admin:admin "$JURIST/actuator/metrics/$1${2:+?tag=$2}" \
    | sed -E 's/.*"statistic":"(COUNT|VALUE)","value":([0-9.E+-]+).*/\2/' | awk '{printf "%.0f", $1}'
}
log_account() {
  # Wait until the writer has caught up (the queue empty and the counter still for a second).
  local written=-1 now
  for _ in $(seq 1 60); do
    now=$(metric jurist.decisions.log.written kind:single)
    [ "$now" = "$written" ] && [ "$(metric jurist.decisions.log.queued)" = 0 ] && break
    written=$now
    sleep 1
  done
  written=$(metric jurist.decisions.log.written kind:single)
  local batch dropped answered batch_answered slack
  batch=$(metric jurist.decisions.log.written kind:batch)
  dropped=$(metric jurist.decisions.log.dropped)
  answered=$(cat "$OUT/answered.single")
  batch_answered=$(cat "$OUT/answered.batch")
  slack=$((32 * WRK_RUNS_ON_DECISIONS)) # wrk does not count the requests in flight when it stops
  local verdict="complete"
  if [ "$dropped" != 0 ] || [ "$written" -lt "$answered" ] || [ "$written" -gt $((answered + slack)) ] \
    || [ "$batch" != "$batch_answered" ]; then
    verdict="INCOMPLETE: the figures of this run are void"
  fi
  {
    echo "## decision log"
    echo "single decisions answered $answered (wrk's counts, warm-ups included, + constant-rate + probes and samples;" \
      "wrk misses up to 32 in flight per run, $WRK_RUNS_ON_DECISIONS runs), written $written; batch decisions" \
      "answered $batch_answered, written $batch; dropped $dropped: $verdict"
  } > "$OUT/summary-log.txt"
  cat "$OUT/summary-log.txt"
  [ "$verdict" = complete ] || { echo "the decision log did not account for every decision" >&2; exit 1; }
}

# ---- run ---------------------------------------------------------------------------------------------------------
STARTED=$(date -u +%FT%TZ)
LOAD_START=$(loadavg)
for part in $PARTS; do "part_$part"; done
log_account
{
  echo "# Jurist HTTP benchmarks, $STARTED to $(date -u +%FT%TZ), parts: $PARTS"
  echo "$CORES cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -1);" \
    "client and servers on the same machine (loopback); load average at start $LOAD_START, at end $(loadavg)"
  echo "JVM flags, both servers: $JVM_FLAGS; Jurist's extra options: ${JURIST_EXTRA_FLAGS:-none}; Jurist's jar: $JAR"
  echo "Jurist: benchmark profile, H2 file database, decision log on; ruleset $RULESET"
  echo
  for part in $PARTS; do cat "$OUT/summary-$part.txt"; echo; done
  cat "$OUT/summary-log.txt"
} > "$OUT/summary.txt"
echo
echo "summary: $OUT/summary.txt"
