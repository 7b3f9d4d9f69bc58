#!/usr/bin/env bash
# The edit → diff latency of the ARKA plans, whole process: edit Production.java (usage-metering's
# maxReplicas), then `./scaleplan diff --exit-code`, which recompiles the plans in process (javac and
# the annotation processor, into plans/target/scaleplan-plans) and diffs against HEAD. Run on a
# scratch copy of the repository (plans, generated/, the launcher and the built CLI jar), so the
# checkout is never touched.
#   bench/edit-diff.sh              RUNS=7 edits (median and max reported), after one warm-up run
# Goal (issue 12): ≤ 2 s on this project's machines.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-7}
cli=$(ls "$root"/compiler/target/scaleplan-compiler-*-cli.jar 2>/dev/null | head -n 1 || true)
if [ -z "$cli" ]; then
  echo "bench: building the CLI (./mvnw -q -DskipTests package)" >&2
  (cd "$root" && ./mvnw -q -DskipTests package) >&2
  cli=$(ls "$root"/compiler/target/scaleplan-compiler-*-cli.jar | head -n 1)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/compiler/target" "$work/plans/src"
cp "$root/scaleplan" "$work/"
cp "$cli" "$work/compiler/target/"
cp -R "$root/plans/src/main" "$work/plans/src/"
cp -R "$root/generated" "$work/"
git -C "$work" init -q
git -C "$work" add plans generated
git -C "$work" -c user.name=bench -c user.email=bench@example.com commit -q -m plans
plan="$work/plans/src/main/java/io/scaleplan/arka/Production.java"
grep -q 'replicas(3, 20)' "$plan"

"$work/scaleplan" diff --exit-code >/dev/null 2>&1   # warm-up: fills the OS caches and the plan cache
GNU_TIME=""
if /usr/bin/time -f '%e' true >/dev/null 2>&1; then GNU_TIME=/usr/bin/time; fi
times=()
cpus=()
for i in $(seq 1 "$RUNS"); do
  max=$((20 + i))
  sed -i "s/replicas(3, [0-9]*)/replicas(3, $max)/" "$plan"   # a new edit each run: the cache is always stale
  start=$(date +%s%N)
  set +e
  if [ -n "$GNU_TIME" ]; then
    $GNU_TIME -o "$work/time.txt" -f '%U %S' "$work/scaleplan" diff --exit-code >"$work/out.txt" 2>/dev/null
  else
    "$work/scaleplan" diff --exit-code >"$work/out.txt" 2>/dev/null
  fi
  code=$?
  set -e
  end=$(date +%s%N)
  if [ -n "$GNU_TIME" ]; then
    cpus+=($(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/time.txt"))
  fi
  [ "$code" -eq 1 ] || { echo "bench: diff exited $code, expected 1" >&2; exit 1; }
  grep -q "spec.maxReplicas: 20 → $max" "$work/out.txt" || { echo "bench: no 20 → $max in the diff" >&2; exit 1; }
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$((RUNS / 2))]}
worst=${sorted[$((RUNS - 1))]}
cpu=""
if [ ${#cpus[@]} -gt 0 ]; then
  sorted_cpu=($(printf '%s\n' "${cpus[@]}" | sort -n))
  cpu=", CPU (user + sys) median ${sorted_cpu[$((RUNS / 2))]} ms"
fi
echo "edit → diff --exit-code (recompile included), $RUNS runs: wall median ${median} ms, max ${worst} ms${cpu} (load $(cut -d' ' -f1 /proc/loadavg))"
