#!/usr/bin/env bash
# The decision log's cost over HTTP: single decisions per second with the log on, as a ratio to the log off.
# Two servers from the same jar, side by side, the same in all but jurist.audit.decision-log.enabled, each on an
# H2 file database of its own (the default kind); wrk -t2 -c32 alternates between them: on, off, off, on, on, off
# (PAIRS pairs of runs, 3 by default), and each figure is the mean of its runs.
# Each server's CPU time (user + system, from /proc) per request is measured too: on a machine shared with other
# work it is steadier than the request rate. Afterwards the log-on server's metrics must show every decision
# written and none dropped, else the figure is void.
# Needs wrk (apt-get install wrk), curl. Usage: [PAIRS=3] [BENCH_DURATION=15s] [BENCH_WARMUP=60s] src/bench/decision-log.sh
# (the warm-up alternates: half of BENCH_WARMUP on each server, twice, as src/bench/http.sh does)
# On PostgreSQL instead: BENCH_PG_URL=jdbc:postgresql://localhost:5432/ BENCH_PG_USER=… BENCH_PG_PASSWORD=… (see start()).
set -euo pipefail
cd "$(dirname "$0")/../.."
. src/bench/h2-options.sh

PORT_ON=${BENCH_PORT:-18094}
PORT_OFF=$((PORT_ON + 1))
DURATION=${BENCH_DURATION:-15s}
PAIRS=${PAIRS:-3}
WARMUP=${BENCH_WARMUP:-60s}
WARMUP_HALF=$(( (${WARMUP%s} + 1) / 2 ))s
OUT=target/bench-decision-log
rm -rf "$OUT"
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
JAR=$(ls target/jurist-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/jurist-*.jar | grep -v original | head -1)
fi

start() { # name port log-enabled
  local database=("--spring.datasource.url=jdbc:h2:file:$PWD/$OUT/db-$1/jurist;$H2_OPTIONS")
  if [ -n "${BENCH_PG_URL:-}" ]; then
    # PostgreSQL, as in production: databases jurist_bench_on and jurist_bench_off, which must exist and be
    # empty, under the URL prefix given (jdbc:postgresql://host:port/), as BENCH_PG_USER / BENCH_PG_PASSWORD.
    database=(--spring.profiles.active=postgres "--spring.datasource.url=${BENCH_PG_URL}jurist_bench_$1"
      "--spring.datasource.username=$BENCH_PG_USER" "--spring.datasource.password=$BENCH_PG_PASSWORD")
  fi
  java -Xmx256m -Xms256m -XX:+UseG1GC -jar "$JAR" --server.port="$2" "${database[@]}" \
    --jurist.audit.decision-log.enabled="$3" > "$OUT/server-$1.log" 2>&1 &
  echo $!
}
SERVER_ON=$(start on "$PORT_ON" true)
SERVER_OFF=$(start off "$PORT_OFF" false)
trap 'kill $SERVER_ON $SERVER_OFF 2>/dev/null || true; wait $SERVER_ON $SERVER_OFF 2>/dev/null || true' EXIT
for port in "$PORT_ON" "$PORT_OFF"; do
  for _ in $(seq 1 300); do # a busy machine may take minutes to start Jurist
    curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null || { echo "server on $port did not start" >&2; exit 1; }
done

rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
requests() { awk '/requests in/ {print $1}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
TICK=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system CPU ticks of a process
run_wrk() { # name port duration pid
  local before
  before=$(cpu "$4")
  EXPECT="$EXPECT" wrk -t2 -c32 -d"$3" --timeout 10s --latency -s src/bench/wrk/post.lua "http://127.0.0.1:$2/api/v1/decisions" \
    > "$OUT/$1.txt"
  echo $(( $(cpu "$4") - before )) > "$OUT/$1.cpu"
  # post.lua checks every answer's body (see EXPECT): any wrong one, non-2xx or socket error voids the run.
  if grep -q -e "Non-2xx" -e "Socket errors" "$OUT/$1.txt" || ! grep -q "^wrong answers: 0$" "$OUT/$1.txt"; then
    echo "run $1 failed its checks, see $OUT/$1.txt" >&2; exit 1
  fi
}
metric() { # name [tag] -> the value of a counter on the log-on server
  curl -fs -u admin:admin "http://127.0.0.1:$PORT_ON/actuator/metrics/$1${2:+?tag=$2}" \
    | sed -E 's/.*"statistic":"COUNT","value":([0-9.E]+).*/\1/'
}

# What every answer must say: the request post.lua sends is permitted, for its subject, by a ruleset version.
EXPECT='"decision":"PERMIT"|"subjectId":"member-42"|"ruleset":{"version":'
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "warming up"
run_wrk warm-on "$PORT_ON" "$WARMUP_HALF" "$SERVER_ON"
run_wrk warm-off "$PORT_OFF" "$WARMUP_HALF" "$SERVER_OFF"
run_wrk warm-on-2 "$PORT_ON" "$WARMUP_HALF" "$SERVER_ON"
run_wrk warm-off-2 "$PORT_OFF" "$WARMUP_HALF" "$SERVER_OFF"
for i in $(seq 1 "$PAIRS"); do
  # on, off, then off, on, ...: a drift in the machine's load does not favour one side.
  if [ $((i % 2)) = 1 ]; then
    run_wrk "on-$i" "$PORT_ON" "$DURATION" "$SERVER_ON"; run_wrk "off-$i" "$PORT_OFF" "$DURATION" "$SERVER_OFF"
  else
    run_wrk "off-$i" "$PORT_OFF" "$DURATION" "$SERVER_OFF"; run_wrk "on-$i" "$PORT_ON" "$DURATION" "$SERVER_ON"
  fi
done
sleep 2 # the flush interval, and then some

mean() { # prefix -> mean req/s of its runs
  for i in $(seq 1 "$PAIRS"); do rps "$OUT/$1-$i.txt"; done | awk '{s += $1} END {printf "%.0f", s / NR}'
}
# The machine's speed drifts during a run (other work, the JIT, the host): each pair of runs back to back shares
# its conditions, so the median of the pairs' ratios is the steadiest figure.
pair_ratios() { for i in $(seq 1 "$PAIRS"); do
  awk -v a="$(rps "$OUT/on-$i.txt")" -v b="$(rps "$OUT/off-$i.txt")" 'BEGIN {printf "%.2f ", a / b}'; done; }
runs() { for i in $(seq 1 "$PAIRS"); do printf '%s ' "$(rps "$OUT/$1-$i.txt")"; done; }
ON=$(mean on)
OFF=$(mean off)
cpu_per_request() { # prefix -> server CPU microseconds per request over all its runs
  for i in $(seq 1 "$PAIRS"); do echo "$(cat "$OUT/$1-$i.cpu") $(requests "$OUT/$1-$i.txt")"; done \
    | awk -v t="$TICK" '{c += $1; n += $2} END {printf "%.0f", c * 1e6 / t / n}'
}
CPU_ON=$(cpu_per_request on)
CPU_OFF=$(cpu_per_request off)
SENT=$(( $(requests "$OUT/warm-on.txt") + $(requests "$OUT/warm-on-2.txt") ))
for i in $(seq 1 "$PAIRS"); do SENT=$((SENT + $(requests "$OUT/on-$i.txt"))); done
WRITTEN=$(metric jurist.decisions.log.written kind:single | awk '{printf "%.0f", $1}')
DROPPED=$(metric jurist.decisions.log.dropped | awk '{printf "%.0f", $1}')
{
  echo "Decision log over HTTP, $(date -u +%FT%TZ), $(nproc) cores, wrk -t2 -c32 and both servers on this machine"
  echo "load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg); every answer checked ($EXPECT)"
  echo "single decisions, log on: $ON req/s; log off: $OFF req/s; ratio $(awk -v a="$ON" -v b="$OFF" 'BEGIN {printf "%.2f", a / b}')"
  echo "  runs: on $(runs on)/ off $(runs off)"
  echo "  ratio of each pair run back to back (on / off), and their median: $(pair_ratios) → median $(pair_ratios | tr ' ' '\n' | grep . | sort -n | awk '{r[NR] = $1} END {printf "%.2f (min %.2f, max %.2f)", NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2, r[1], r[NR]}')"
  echo "server CPU per request: log on $CPU_ON µs, log off $CPU_OFF µs; ratio off / on $(awk -v a="$CPU_OFF" -v b="$CPU_ON" 'BEGIN {printf "%.2f", a / b}')"
  echo "  p50 / p99, last runs: on $(pct "$OUT/on-$PAIRS.txt" 50%) / $(pct "$OUT/on-$PAIRS.txt" 99%), off $(pct "$OUT/off-$PAIRS.txt" 50%) / $(pct "$OUT/off-$PAIRS.txt" 99%)"
  echo "log-on server: $SENT decisions answered (wrk's count, which may miss a few in flight at its end), $WRITTEN written, $DROPPED dropped"
} | tee "$OUT/summary.txt"
[ "$DROPPED" = 0 ] || { echo "the log dropped decisions: the figure is void" >&2; exit 1; }
[ "$WRITTEN" -ge "$SENT" ] || { echo "the log wrote fewer decisions than were answered: the figure is void" >&2; exit 1; }
