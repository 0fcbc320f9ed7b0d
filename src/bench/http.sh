#!/usr/bin/env bash
# HTTP benchmarks over loopback, each figure beside its baseline from the same run:
#   1. single decisions vs the JSON echo endpoint (benchmark profile), wrk -t2 -c32, alternated twice;
#   2. latency (p50, p99) at about 50% of the single-decision peak, paced wrk connections;
#   3. bulk decisions: LINES (default 10 million) NDJSON lines streamed through one
#      POST /api/v1/decisions/batch to a server started with -Xmx256m, heap sampled with jstat.
# Needs wrk (apt-get install wrk), curl, jstat. Usage: src/bench/http.sh [LINES]
set -euo pipefail
cd "$(dirname "$0")/../.."

LINES=${1:-10000000}
PORT=${BENCH_PORT:-18090}
DURATION=${BENCH_DURATION:-15s}
BASE="http://127.0.0.1:$PORT"
TOKEN="Authorization: Bearer demo-data-platform-token"
OUT=target/bench-http
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
JAR=$(ls target/jurist-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/jurist-*.jar | grep -v original | head -1)
fi

# An H2 file database, as by default: the decision log's rows must not sit in the measured heap.
rm -rf "$OUT/db"
java -Xmx256m -Xms256m -XX:+UseG1GC -jar "$JAR" --spring.profiles.active=benchmark --server.port="$PORT" \
  "--spring.datasource.url=jdbc:h2:file:$PWD/$OUT/db/jurist" > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "$BASE/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "$BASE/actuator/health" >/dev/null || { echo "server did not start, see $OUT/server.log" >&2; exit 1; }

rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
check() { if grep -q "Non-2xx" "$1"; then echo "non-2xx answers in $1" >&2; exit 1; fi; }
run_wrk() { # name path
  wrk -t2 -c32 -d"$DURATION" --latency -s src/bench/wrk/post.lua "$BASE$2" > "$OUT/$1.txt"; check "$OUT/$1.txt"
}

echo "warming up"
wrk -t2 -c32 -d10s -s src/bench/wrk/post.lua "$BASE/api/v1/decisions" > /dev/null
wrk -t2 -c32 -d10s -s src/bench/wrk/post.lua "$BASE/api/v1/benchmark/echo" > /dev/null

run_wrk echo-1 /api/v1/benchmark/echo
run_wrk single-1 /api/v1/decisions
run_wrk echo-2 /api/v1/benchmark/echo
run_wrk single-2 /api/v1/decisions
ECHO=$(echo "$(rps "$OUT/echo-1.txt") $(rps "$OUT/echo-2.txt")" | awk '{printf "%.0f", ($1 + $2) / 2}')
SINGLE=$(echo "$(rps "$OUT/single-1.txt") $(rps "$OUT/single-2.txt")" | awk '{printf "%.0f", ($1 + $2) / 2}')

# Half the peak: CONNS connections, each waiting PACE_MS after every answer (a closed loop, so wrk's
# percentiles are not corrected for coordinated omission as wrk2's would be).
TARGET=$((SINGLE / 2))
CONNS=64
PACE=$(awk -v c=$CONNS -v r=$TARGET 'BEGIN {p = int(1000 * c / r + 0.5); print (p < 1 ? 1 : p)}')
PACE_MS=$PACE wrk -t2 -c$CONNS -d"$DURATION" --latency -s src/bench/wrk/paced.lua "$BASE/api/v1/decisions" \
  > "$OUT/paced.txt"; check "$OUT/paced.txt"
PACED=$(rps "$OUT/paced.txt")

# Bulk: a million generated lines, sent LINES / 1e6 times in one streamed request.
awk 'BEGIN {
  split("US GB DE FR JP BR IN CH NO CA AU ES IT NL SE PL MX ZA KR UK", c, " ");
  split("NOT_SET OPTED_IN OPTED_OUT", k, " ");
  for (i = 0; i < 1000000; i++) {
    age = (i % 5 == 0) ? "" : ",\"age\":" (10 + i % 70);
    printf "{\"subject\":{\"id\":\"member-%d\",\"country\":\"%s\"%s},\"purpose\":\"GENAI_TRAINING\",\"consent\":\"%s\",\"at\":\"2025-0%d-01T00:00:00Z\"}\n",
      i, c[1 + i % 20], age, k[1 + i % 3], 1 + i % 9;
  }
}' > "$OUT/million.ndjson"
batch() { # repetitions of the million lines -> answer lines on stdout
  for _ in $(seq 1 "$1"); do cat "$OUT/million.ndjson"; done \
    | curl -sS -N -X POST -T - -H "$TOKEN" -H 'Content-Type: application/x-ndjson' "$BASE/api/v1/decisions/batch"
}
WARM=$(batch 1 | tee "$OUT/bulk-answers-1m.ndjson" | wc -l)
ERRORS=$(grep -c '"error"' "$OUT/bulk-answers-1m.ndjson" || true)
VERSIONS=$(grep -o '"ruleset":{[^}]*}' "$OUT/bulk-answers-1m.ndjson" | sort -u | wc -l)
rm -f "$OUT/bulk-answers-1m.ndjson"

REPS=$((LINES / 1000000))
jstat -gc "$SERVER" 1000 > "$OUT/jstat.txt" &
JSTAT=$!
START=$(date +%s.%N)
ANSWERS=$(batch "$REPS" | wc -l)
END=$(date +%s.%N)
kill $JSTAT 2>/dev/null || true
BULK=$(awk -v n="$ANSWERS" -v s="$START" -v e="$END" 'BEGIN {printf "%.0f", n / (e - s)}')
SECONDS_TAKEN=$(awk -v s="$START" -v e="$END" 'BEGIN {printf "%.1f", e - s}')
# jstat -gc columns 3, 4, 6, 8 are S0U, S1U, EU, OU in KB; heap used is their sum.
HEAP=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ {u = ($3 + $4 + $6 + $8) / 1024; o = $8 / 1024; n++;
  if (n == 1) {first = o}; if (u > max) max = u; if (o > omax) omax = o; last = o}
  END {printf "samples %d, heap used max %.0f MiB, old gen first %.0f / max %.0f / last %.0f MiB", n, max, first, omax, last}' "$OUT/jstat.txt")
RSS=$(ps -o rss= -p "$SERVER" | awk '{printf "%.0f", $1 / 1024}')

{
  echo "HTTP benchmarks, $(date -u +%FT%TZ), $(nproc) cores, wrk and server on the same machine"
  echo "single decisions: $SINGLE req/s; JSON echo: $ECHO req/s; ratio $(awk -v a="$SINGLE" -v b="$ECHO" 'BEGIN {printf "%.2f", a / b}')"
  echo "  runs: echo $(rps "$OUT/echo-1.txt") $(rps "$OUT/echo-2.txt"), single $(rps "$OUT/single-1.txt") $(rps "$OUT/single-2.txt")"
  echo "  at peak: p50 $(pct "$OUT/single-2.txt" 50%) p99 $(pct "$OUT/single-2.txt" 99%) (echo p50 $(pct "$OUT/echo-2.txt" 50%) p99 $(pct "$OUT/echo-2.txt" 99%))"
  echo "at ~50% of peak (target $TARGET req/s, $CONNS connections pacing ${PACE} ms): $PACED req/s, p50 $(pct "$OUT/paced.txt" 50%), p99 $(pct "$OUT/paced.txt" 99%)"
  echo "bulk: $ANSWERS answers for $LINES lines in ${SECONDS_TAKEN} s: $BULK decisions/s (one stream, -Xmx256m)"
  echo "  warm-up batch: $WARM answers for 1000000 lines, $ERRORS error lines, $VERSIONS ruleset version(s)"
  echo "  $HEAP; server RSS after: $RSS MiB"
} | tee "$OUT/summary.txt"
[ "$ANSWERS" = "$LINES" ] || { echo "expected $LINES answers, got $ANSWERS" >&2; exit 1; }
