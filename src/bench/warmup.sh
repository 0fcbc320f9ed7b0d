#!/usr/bin/env bash
# Warm-up: how fast a freshly started Jurist serves single decisions in its first 30 s, against its own steady
# state, for several start configurations alternated in the same run (two fresh starts each by default).
#
# For each fresh start (benchmark profile, an empty H2 file database, -Xmx256m -Xms256m -XX:+UseG1GC plus the
# configuration's options):
#   - the time from JVM start to ready (GET /actuator/health/readiness answers 200) and Spring's own "Started"
#     time (the warm-up, when on, runs between the two);
#   - from the first request: wrk -t2 -c32 POST /api/v1/decisions in consecutive 5 s slices for 30 s;
#   - the load kept on until LOAD_SECONDS (default 120) after the first request;
#   - then the steady figure: the median of 3 runs of 15 s;
#   - the ratio first-30-s throughput / steady, and the server's CPU time per request (from /proc) in the first
#     30 s and at steady state, which a loaded machine disturbs less than the rates.
# Any non-2xx answer fails the run. Results: target/bench-warmup/ (summary.txt, one directory per start).
#
# Configurations (WARMUP_CONFIGS, default "plain warmup", alternated ROUNDS times, default 2):
#   plain        java -jar, no warm-up (jurist.warmup.enabled=false): as the service started before
#   warmup       java -jar, the start-up warm-up on (the default settings): what docs/operations.md recommends
#   jit          java -jar, warm-up on, and JIT_OPTS (a candidate set of compiler options)
#   cds          the extracted jar with a class data sharing archive, no warm-up
#   cds-warmup   the extracted jar with the CDS archive and the warm-up on
# The CDS archive's training run crashes on JDK 17.0.15 (docs/operations.md); the cds configurations are kept for a
# JDK where it works. EXTRA_OPTS are added to every configuration. Needs wrk, curl.
# Usage: src/bench/warmup.sh   (BENCH_PORT, WARMUP_CONFIGS, ROUNDS, LOAD_SECONDS, BENCH_REBUILD=1, BENCH_JAR)
set -euo pipefail
cd "$(dirname "$0")/../.."
. src/bench/h2-options.sh

PORT=${BENCH_PORT:-18095}
BASE="http://127.0.0.1:$PORT"
CONFIGS=${WARMUP_CONFIGS:-plain warmup}
ROUNDS=${ROUNDS:-2}
LOAD_SECONDS=${LOAD_SECONDS:-120}
HEAP_OPTS="-Xmx256m -Xms256m -XX:+UseG1GC"
JIT_OPTS=${JIT_OPTS:--XX:CICompilerCount=3}
EXTRA_OPTS=${EXTRA_OPTS:-}
OUT=target/bench-warmup
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
JAR=${BENCH_JAR:-$(ls target/jurist-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [ -z "$JAR" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/jurist-*.jar | grep -v original | head -1)
fi

# Class data sharing (Spring Boot's documented way): the jar extracted, then a training run that starts the
# application context and exits (-Dspring.context.exit=onRefresh), dumping the classes it loaded.
APP="$OUT/app"
CDS_ARCHIVE="$OUT/app/jurist.jsa"
prepare_cds() {
  rm -rf "$APP" "$OUT/training-db"
  java -Djarmode=tools -jar "$JAR" extract --destination "$APP" > /dev/null
  # shellcheck disable=SC2086
  java $HEAP_OPTS -XX:ArchiveClassesAtExit="$CDS_ARCHIVE" -Dspring.context.exit=onRefresh \
    -jar "$APP/$(basename "$JAR")" --spring.profiles.active=benchmark --server.port="$PORT" \
    "--spring.datasource.url=jdbc:h2:file:$PWD/$OUT/training-db/jurist;$H2_OPTIONS" > "$OUT/cds-training.log" 2>&1 \
    || { echo "CDS training run failed, see $OUT/cds-training.log (on JDK 17 a SIGSEGV while the archive is" \
              "written: docs/operations.md)" >&2; exit 1; }
  [ -s "$CDS_ARCHIVE" ] || { echo "no CDS archive written, see $OUT/cds-training.log" >&2; exit 1; }
  rm -rf "$OUT/training-db"
}
case " $CONFIGS " in *" cds "* | *" cds-warmup "*) prepare_cds ;; esac

# The java command line of a configuration: JVM options, then how the application is launched.
command_of() {
  case "$1" in
    plain) echo "$HEAP_OPTS $EXTRA_OPTS -jar $JAR --jurist.warmup.enabled=false" ;;
    warmup) echo "$HEAP_OPTS $EXTRA_OPTS -jar $JAR" ;;
    cds) echo "$HEAP_OPTS -XX:SharedArchiveFile=$CDS_ARCHIVE $EXTRA_OPTS -jar $APP/$(basename "$JAR") --jurist.warmup.enabled=false" ;;
    cds-warmup) echo "$HEAP_OPTS -XX:SharedArchiveFile=$CDS_ARCHIVE $EXTRA_OPTS -jar $APP/$(basename "$JAR")" ;;
    jit) echo "$HEAP_OPTS $JIT_OPTS $EXTRA_OPTS -jar $JAR" ;;
    *) echo "unknown configuration $1" >&2; exit 1 ;;
  esac
}

rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
requests() { awk '/requests in/ {print $1}' "$1"; }
check() { if grep -q "Non-2xx" "$1"; then echo "non-2xx answers in $1" >&2; exit 1; fi
          [ -n "$(rps "$1")" ] || { echo "wrk failed, see $1" >&2; exit 1; }; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime, in clock ticks
HZ=$(getconf CLK_TCK)
now() { date +%s.%N; }
load_wrk() { # seconds file
  wrk -t2 -c32 -d"$1"s --latency -s src/bench/wrk/post.lua "$BASE/api/v1/decisions" > "$2"; check "$2"
}

SERVER=
stop_server() { if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=; fi; }
trap stop_server EXIT

RESULTS="$OUT/results.tsv"
printf "config\tround\tstarted_s\tready_s\tslices_rps\tfirst30_rps\tsteady_rps\tratio\tcpu_ms_per_req_first30\tcpu_ms_per_req_steady\tcpu_ratio\tloadavg\n" > "$RESULTS"

one_start() { # config round
  local name=$1 round=$2 dir="$OUT/$1-$2"
  rm -rf "$dir"; mkdir -p "$dir"
  local cmd; cmd=$(command_of "$name")
  echo "$cmd" > "$dir/command.txt"
  local t0; t0=$(now)
  # shellcheck disable=SC2086
  java $cmd --spring.profiles.active=benchmark --server.port="$PORT" \
    "--spring.datasource.url=jdbc:h2:file:$PWD/$dir/db/jurist;$H2_OPTIONS" > "$dir/server.log" 2>&1 &
  SERVER=$!
  local ready=
  for _ in $(seq 1 3000); do
    if curl -fs "$BASE/actuator/health/readiness" > /dev/null 2>&1; then ready=$(now); break; fi
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$ready" ] || { echo "$name: server did not become ready, see $dir/server.log" >&2; exit 1; }
  local ready_s; ready_s=$(awk -v a="$t0" -v b="$ready" 'BEGIN {printf "%.1f", b - a}')
  local started_s; started_s=$(grep -o 'Started JuristApplication in [0-9.]* seconds' "$dir/server.log" \
    | awk '{printf "%.1f", $4}')

  # The first 30 s of load, in six slices of 5 s.
  local c0; c0=$(cpu_ticks "$SERVER")
  local first; first=$(now)
  local slices="" total=0
  for i in 1 2 3 4 5 6; do
    load_wrk 5 "$dir/slice-$i.txt"
    slices="$slices $(rps "$dir/slice-$i.txt" | awk '{printf "%.0f", $1}')"
    total=$((total + $(requests "$dir/slice-$i.txt")))
  done
  local c1; c1=$(cpu_ticks "$SERVER")
  local first30; first30=$(awk -v n="$total" -v s="$first" -v e="$(now)" 'BEGIN {printf "%.0f", n / (e - s)}')
  local cpu_first; cpu_first=$(awk -v t="$((c1 - c0))" -v hz="$HZ" -v n="$total" 'BEGIN {printf "%.3f", 1000 * t / hz / n}')

  # Load kept on, then the steady figure.
  local rest; rest=$(awk -v s="$first" -v e="$(now)" -v l="$LOAD_SECONDS" 'BEGIN {r = int(l - (e - s)); print (r < 1 ? 1 : r)}')
  load_wrk "$rest" "$dir/sustained.txt"
  local c2; c2=$(cpu_ticks "$SERVER")
  local steady_total=0
  for i in 1 2 3; do
    load_wrk 15 "$dir/steady-$i.txt"
    steady_total=$((steady_total + $(requests "$dir/steady-$i.txt")))
  done
  local c3; c3=$(cpu_ticks "$SERVER")
  local steady; steady=$(for i in 1 2 3; do rps "$dir/steady-$i.txt"; done | sort -g | sed -n 2p | awk '{printf "%.0f", $1}')
  local cpu_steady; cpu_steady=$(awk -v t="$((c3 - c2))" -v hz="$HZ" -v n="$steady_total" 'BEGIN {printf "%.3f", 1000 * t / hz / n}')
  local ratio; ratio=$(awk -v a="$first30" -v b="$steady" 'BEGIN {printf "%.2f", a / b}')
  local cpu_ratio; cpu_ratio=$(awk -v a="$cpu_steady" -v b="$cpu_first" 'BEGIN {printf "%.2f", a / b}')
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  grep -h "Warm-up" "$dir/server.log" | sed 's/.*: Warm-up/  Warm-up/' > "$dir/warmup-log.txt" || true
  stop_server
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$name" "$round" "$started_s" "$ready_s" "${slices# }" \
    "$first30" "$steady" "$ratio" "$cpu_first" "$cpu_steady" "$cpu_ratio" "$load" >> "$RESULTS"
  echo "$name #$round: started ${started_s} s, ready ${ready_s} s; first 30 s$slices -> $first30 req/s;" \
    "steady $steady req/s; ratio $ratio; CPU ms/request first 30 s $cpu_first, steady $cpu_steady (ratio $cpu_ratio); load $load"
}

echo "Warm-up benchmark, $(date -u +%FT%TZ), $(nproc) cores, configurations: $CONFIGS, $ROUNDS round(s)"
for round in $(seq 1 "$ROUNDS"); do
  for name in $CONFIGS; do
    one_start "$name" "$round"
  done
done

{
  echo "Warm-up benchmark, $(date -u +%FT%TZ), $(nproc) cores, wrk -t2 -c32 and the server on the same machine"
  echo "each start: ready = JVM start to readiness 200; first 30 s = requests / time over six 5 s slices from the"
  echo "first request; steady = median of 3 x 15 s after ${LOAD_SECONDS} s of load; ratio = first 30 s / steady;"
  echo "CPU ratio = (server CPU per request at steady) / (in the first 30 s)"
  for name in $CONFIGS; do
    echo "$name: $(command_of "$name")"
    awk -F'\t' -v n="$name" '$1 == n {printf "  #%s: started %s s, ready %s s; 5 s slices %s req/s; first 30 s %s, steady %s req/s, ratio %s; CPU ms/req %s -> %s (ratio %s); load %s\n", $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12}' "$RESULTS"
    awk -F'\t' -v n="$name" '$1 == n {r += $8; c += $11; s += $4; k++} END {if (k) printf "  mean: ratio %.2f, CPU ratio %.2f, ready %.1f s\n", r / k, c / k, s / k}' "$RESULTS"
    grep -h "Warm-up" "$OUT/$name-1/warmup-log.txt" 2>/dev/null | head -3 || true
  done
} | tee "$OUT/summary.txt"
