#!/usr/bin/env bash
# The start-up floor of ./scaleplan at N services (bench/RESULTS.md, "the floor"): what a run costs
# that only starts the JVM, or only loads and initialises the classes a real `check` or full
# `compile` loads (io.scaleplan.bench.Floor, from the same class-data archive, with the launcher's
# JVM options), next to the real runs, through the launcher and without it.
#   bench/floor.sh [N]     default 10; RUNS=7 runs per line (median); JDK 17 (the launcher's .jsa)
# Build first: ./mvnw -q -B -Pbench -pl bench -am package -DskipTests
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-10}
RUNS=${RUNS:-7}
work=${SCRATCH:-$root/bench/target/run}/floor-n$n
cli=$(ls compiler/target/scaleplan-compiler-*-cli.jar | head -n 1)
classes=$root/bench/target/classes
mkdir -p "$work"
export SCALEPLAN_CLASS_PATH=$classes SCALEPLAN_BENCH_SERVICES=$n SCALEPLAN_BENCH_CHANGED=false SCALEPLAN_ROOT=$root
out=$work/generated
./scaleplan compile -o "$out" >/dev/null 2>&1 # records the archive when there is none
./scaleplan compile -o "$out" >/dev/null 2>&1 # stamps the folder: check is up to date
archive=$(ls -t "$(dirname "$cli")"/cds/*.jsa 2>/dev/null | head -n 1 || true)
[ -n "$archive" ] || { echo "floor: no .jsa archive (JDK 17 or 18 and ./scaleplan needed)" >&2; exit 1; }
# the launcher's options (./scaleplan), with its archive
jvm="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms192m -Xmn32m -Xmx1g -Xss1m -Xlog:disable -Xlog:all=error:stderr"
jvm="$jvm -Xlog:cds*=off:stderr -XX:SharedArchiveFile=$archive"
main="-cp $cli io.scaleplan.cli.Main"
floor="-cp $cli:$classes io.scaleplan.bench.Floor"

java $jvm -Xlog:class+load:file="$work/check.log" $main check -o "$out" >/dev/null 2>&1
rm -rf "$work/full"
java $jvm -Xlog:class+load:file="$work/full.log" $main compile -o "$work/full" >/dev/null 2>&1

# measure LABEL PREPARE COMMAND...: RUNS runs, median wall and CPU (user+sys) seconds
measure() {
  local label=$1 prepare=$2
  shift 2
  : >"$work/times"
  for _ in $(seq "$RUNS"); do
    eval "$prepare"
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1
    cat "$work/time" >>"$work/times"
  done
  local m=$(((RUNS + 1) / 2))
  printf '| %s | %s | %s |\n' "$label" "$(cut -d' ' -f1 "$work/times" | sort -n | sed -n "${m}p")" \
    "$(awk '{ printf "%.2f\n", $2 + $3 }' "$work/times" | sort -n | sed -n "${m}p")"
}
classes_of() { printf '%s classes, %s from the archive' "$(wc -l <"$1")" "$(grep -c 'shared objects file' "$1")"; }

echo "N = $n, $(java -version 2>&1 | head -n 1), load $(cut -d' ' -f1-3 /proc/loadavg), RUNS = $RUNS"
echo "check: $(classes_of "$work/check.log"); full compile: $(classes_of "$work/full.log")"
echo
echo "| run | wall s | CPU s |"
echo "| --- | ---: | ---: |"
measure "JVM only (no class loaded beyond start-up)" : java $jvm $floor
measure "floor of check: its classes loaded and initialised" : java $jvm $floor "$work/check.log"
measure "check, java directly" : java $jvm $main check -o "$out"
measure "check, ./scaleplan" : ./scaleplan check -o "$out"
measure "floor of full compile: its classes loaded and initialised" : java $jvm $floor "$work/full.log"
measure "full compile, java directly" 'rm -rf "$work/full"' java $jvm $main compile -o "$work/full"
measure "full compile, ./scaleplan" 'rm -rf "$work/full"' ./scaleplan compile -o "$work/full"
