#!/usr/bin/env bash
# Whole-process benchmarks of scaleplan against cdk8s on the same estates (bench/README.md).
#   bench/run.sh [N ...]            default: 10 100 1000 5000
#   RUNS=5                          runs per measurement (median reported); N >= 5000 uses RUNS_LARGE=3
#   SKIP_CDK8S=1                    scaleplan only
#   SCRATCH=bench/target/run        work folder (estates, outputs, the cdk8s install); never committed
# Needs GNU time for CPU time and peak RSS: apt-get install time (as root). Without it, only wall
# time is measured (CPU and RSS show as 0).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10 100 1000 5000)
RUNS=${RUNS:-5}
RUNS_LARGE=${RUNS_LARGE:-3}
SCRATCH=${SCRATCH:-$root/bench/target/run}
CDK8S_VERSION=${CDK8S_VERSION:-2.70.106}
CDK8S_PLUS=${CDK8S_PLUS:-cdk8s-plus-33}
CDK8S_PLUS_VERSION=${CDK8S_PLUS_VERSION:-2.5.57}
CONSTRUCTS_VERSION=${CONSTRUCTS_VERSION:-10.8.1}
LAYOUTS=(${CDK8S_LAYOUTS:-one-chart-per-file one-chart-per-resource chart-per-service})
# chart-per-service grows worse than linearly in cdk8s (one Chart construct per service): above
# this N it is skipped, said so in the results.
CHART_PER_SERVICE_MAX=${CHART_PER_SERVICE_MAX:-1000}

GNU_TIME=""
if /usr/bin/time -f '%e' true >/dev/null 2>&1; then
  GNU_TIME=/usr/bin/time
else
  echo "bench: GNU time not found: only wall time is measured (apt-get install time)" >&2
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "bench: building scaleplan and the benchmark module" >&2
  ./mvnw -q -B -Pbench -pl bench -am package -DskipTests >&2
fi
cli_jar=$(ls compiler/target/scaleplan-compiler-*-cli.jar | head -n 1)
bench_classes=$root/bench/target/classes

mkdir -p "$SCRATCH"
# An output folder is moved aside between runs, not deleted, and everything moved aside is deleted
# when the run ends. On a file system without a journal (ext4 here: this VM's root), the kernel
# does not reuse an inode deleted in the last 60 to 300 seconds and scans past each one when it
# creates a file (ext4_create -> recently_deleted in a perf profile): `rm -rf` of 9,000 files just
# before a run made creating the next 9,000 cost up to 1.7 s of system time, varying from run to run,
# for scaleplan and cdk8s alike (bench/RESULTS.md). BENCH_DELETE=1 deletes between runs as before.
trash=$SCRATCH/trash.$$
mkdir -p "$trash"
trap 'rm -rf "$trash"' EXIT
aside() {
  if [ -n "${BENCH_DELETE:-}" ]; then
    rm -rf "$1"
  elif [ -e "$1" ]; then
    mv "$1" "$(mktemp -d "$trash/XXXXXX")/"
  fi
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
raw=$SCRATCH/raw.tsv
printf 'tool\tscenario\tN\trun\twall_s\tcpu_s\trss_kib\n' >"$raw"

have_node=0
if [ -z "${SKIP_CDK8S:-}" ]; then
  if command -v node >/dev/null && command -v npm >/dev/null; then
    cdk=$SCRATCH/cdk8s
    if [ ! -d "$cdk/node_modules/$CDK8S_PLUS" ]; then
      echo "bench: installing cdk8s $CDK8S_VERSION, $CDK8S_PLUS $CDK8S_PLUS_VERSION into $cdk" >&2
      mkdir -p "$cdk"
      (cd "$cdk" && { [ -f package.json ] || npm init -y >/dev/null; } &&
        npm install --no-audit --no-fund --silent "cdk8s@$CDK8S_VERSION" \
          "$CDK8S_PLUS@$CDK8S_PLUS_VERSION" "constructs@$CONSTRUCTS_VERSION" >&2)
    fi
    cp bench/cdk8s/synth.js "$cdk/synth.js"
    have_node=1
  else
    echo "bench: Node.js (node and npm) not found: cdk8s skipped" >&2
  fi
fi

# measure TOOL SCENARIO N EXPECTED_RC PREPARE VERIFY -- COMMAND...
# Runs PREPARE (untimed), COMMAND (timed), VERIFY (untimed) RUNS times; one raw.tsv row per run.
measure() {
  local tool=$1 scenario=$2 n=$3 expected=$4 prepare=$5 verify=$6
  shift 7
  local runs=$RUNS i rc
  [ "$n" -ge 5000 ] && runs=$RUNS_LARGE
  for i in $(seq "$runs"); do
    eval "$prepare"
    set +e
    if [ -n "$GNU_TIME" ]; then
      $GNU_TIME -f '%e %U %S %M' -o "$SCRATCH/time" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
      rc=$?
    else
      local t0 t1
      t0=$(date +%s.%N)
      "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
      rc=$?
      t1=$(date +%s.%N)
      awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f 0 0 0\n", b - a }' >"$SCRATCH/time"
    fi
    set -e
    if [ "$rc" -ne "$expected" ]; then
      echo "bench: $tool $scenario N=$n exited $rc, expected $expected" >&2
      cat "$SCRATCH/err" >&2
      exit 1
    fi
    eval "$verify"
    read -r wall user sys rss < <(tail -n 1 "$SCRATCH/time")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$scenario" "$n" "$i" "$wall" \
      "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$rss" >>"$raw"
  done
  echo "bench: $tool $scenario N=$n done" >&2
}

# A listing of every file with its modification time: equal before and after = nothing rewritten.
mtimes() { find "$1" -type f -printf '%P %T@\n' | sort; }

for n in "${sizes[@]}"; do
  work=$SCRATCH/n$n
  aside "$work"
  mkdir -p "$work/repo"
  out=$work/repo/generated
  export SCALEPLAN_BENCH_SERVICES=$n SCALEPLAN_BENCH_CHANGED=false

  measure scaleplan full "$n" 0 'aside "$out"' \
    'grep -q "^estate: [0-9]* written, 0 unchanged, 0 removed$" "$SCRATCH/out"' \
    -- env SCALEPLAN_CLASS_PATH="$bench_classes" ./scaleplan compile -o "$out"
  files=$(find "$out" -type f ! -name .scaleplan-manifest | wc -l)
  mtimes "$out" >"$work/mtimes.before"

  measure scaleplan noop "$n" 0 ':' \
    'grep -q "^estate: 0 written, $files unchanged, 0 removed$" "$SCRATCH/out" && mtimes "$out" | cmp -s - "$work/mtimes.before" || { echo "bench: the no-op compile rewrote files" >&2; exit 1; }' \
    -- env SCALEPLAN_CLASS_PATH="$bench_classes" ./scaleplan compile -o "$out"

  measure scaleplan check "$n" 0 ':' 'grep -q "is up to date" "$SCRATCH/out"' \
    -- env SCALEPLAN_CLASS_PATH="$bench_classes" ./scaleplan check -o "$out"

  # diff compares with the output folder as committed at HEAD, as in a pull request.
  git -C "$work/repo" init -q
  git -C "$work/repo" add -A
  git -C "$work/repo" -c user.name=bench -c user.email=bench@localhost commit -q -m estate
  first=$(java -cp "$bench_classes:$cli_jar" io.scaleplan.bench.EstateJson 1 | sed -n 's/.*"name":"\([^"]*\)".*/\1/p')
  measure scaleplan diff "$n" 1 ':' 'grep -q "$first" "$SCRATCH/out"' \
    -- env SCALEPLAN_CLASS_PATH="$bench_classes" SCALEPLAN_BENCH_CHANGED=true ./scaleplan diff --exit-code --color=never -o "$out"

  if [ "$have_node" = 1 ]; then
    java -cp "$bench_classes:$cli_jar" io.scaleplan.bench.EstateJson "$n" >"$work/estate.json"
    for layout in "${LAYOUTS[@]}"; do
      if [[ $layout == chart-per-service* ]] && [ "$n" -gt "$CHART_PER_SERVICE_MAX" ]; then
        echo "bench: cdk8s $layout skipped at N=$n (CHART_PER_SERVICE_MAX=$CHART_PER_SERVICE_MAX)" >&2
        continue
      fi
      measure "cdk8s" "$layout" "$n" 0 'aside "$work/cdk8s.out"' '[ -s "$work/cdk8s.out/helm/estate-values.yaml" ]' \
        -- node "$cdk/synth.js" "$work/estate.json" "$work/cdk8s.out" "$layout"
    done
  fi
done

load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
{
  echo "Run of $started on $(nproc) cores, $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n 1) (the launcher's JDK);"
  echo "load average (1, 5, 15 min) before: $load_before, after: $load_after."
  echo
  java -cp "$bench_classes:$cli_jar" io.scaleplan.bench.Report "$raw"
} | tee "$SCRATCH/results.md"
