#!/usr/bin/env bash
# The file-system floor of a full compile at N services (bench/RESULTS.md): the files a full
# compile writes (9,005 at N = 5,000), held in memory, written again into a new folder by a JVM
# with the launcher's options that does nothing else (io.scaleplan.bench.FilesFloor), with one
# and two writers, next to the full compile itself; each into a new folder, the last one moved
# aside (as bench/run.sh does; BENCH_DELETE=1: deleted, as bench/run.sh did before, which on this
# journal-less ext4 makes creating files scan the inodes just deleted).
#   bench/files-floor.sh [N]   default 5000; RUNS=5 runs per line (median)
# Build first: ./mvnw -q -B -Pbench -pl bench -am package -DskipTests
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-5000}
RUNS=${RUNS:-5}
work=${SCRATCH:-$root/bench/target/run}/files-floor-n$n
cli=$(ls compiler/target/scaleplan-compiler-*-cli.jar | head -n 1)
classes=$root/bench/target/classes
mkdir -p "$work"
trash=$work/trash.$$
mkdir -p "$trash"
trap 'rm -rf "$trash"' EXIT
export SCALEPLAN_CLASS_PATH=$classes SCALEPLAN_BENCH_SERVICES=$n SCALEPLAN_BENCH_CHANGED=false SCALEPLAN_ROOT=$root
rm -rf "$work/source"
./scaleplan compile -o "$work/source" >/dev/null 2>&1
jvm="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms192m -Xmn32m -Xmx1g -Xss1m"
floor="-cp $classes io.scaleplan.bench.FilesFloor"

# measure LABEL COMMAND...: RUNS runs after rm -rf of the target, median wall, CPU (user+sys), sys
measure() {
  local label=$1
  shift
  : >"$work/times"
  : >"$work/said"
  for _ in $(seq "$RUNS"); do
    if [ -n "${BENCH_DELETE:-}" ]; then rm -rf "$work/out"; elif [ -e "$work/out" ]; then mv "$work/out" "$(mktemp -d "$trash/XXXXXX")/"; fi
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >>"$work/said" 2>/dev/null
    cat "$work/time" >>"$work/times"
  done
  local m=$(((RUNS + 1) / 2))
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$(cut -d' ' -f1 "$work/times" | sort -n | sed -n "${m}p")" \
    "$(awk '{ printf "%.2f\n", $2 + $3 }' "$work/times" | sort -n | sed -n "${m}p")" \
    "$(cut -d' ' -f3 "$work/times" | sort -n | sed -n "${m}p")" \
    "$(sed -n 's/.*written in \([0-9]*\) ms/\1/p' "$work/said" | sort -n | sed -n "${m}p")"
}

echo "N = $n: $(find "$work/source" -type f | wc -l) files, $(du -sh "$work/source" | cut -f1); $(java -version 2>&1 | head -n 1); load $(cut -d' ' -f1-3 /proc/loadavg); RUNS = $RUNS"
echo
echo "| run | wall s | CPU s | sys s | writing alone, ms |"
echo "| --- | ---: | ---: | ---: | ---: |"
measure "files only, 1 writer (JVM, read 49 MB, write)" java $jvm $floor "$work/source" "$work/out" 1
measure "files only, 2 writers" java $jvm $floor "$work/source" "$work/out" 2
measure "full compile, ./scaleplan" ./scaleplan compile -o "$work/out"
