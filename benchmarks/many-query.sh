#!/usr/bin/env bash
# Many-query speed (issue 20, acceptance 1): 10,000 new Kovasznay solutions from a trained HyperPINN (the demo's
# hyper run) on a 51x51 grid, summary fields written. Prints the command's own compute time, the whole command's
# wall time (JVM start included) and its peak resident memory, REPS times.
# Usage: benchmarks/many-query.sh RUN_DIR [REPS] [SAMPLES]    (RUN_DIR: runs/demo-<stamp>/hyper)
set -euo pipefail
RUN="${1:?a hyper run folder, e.g. runs/demo-<stamp>/hyper}"; REPS="${2:-3}"; N="${3:-10000}"
P="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/pinnadapt"
W="$(mktemp -d)"; trap 'rm -rf "$W"' EXIT
"$P" plugins >/dev/null 2>&1 # builds first, if needed
for r in $(seq 1 "$REPS"); do
  /usr/bin/time -f "%e %M" -o "$W/time" "$P" predict --run "$RUN" --sample "Re=uniform(20,100):$N" --seed "$r" \
    --grid 51x51 --out "$W/study-$r" > "$W/out-$r.txt" 2>&1
  read -r wall rss < "$W/time"
  line="$(grep "^$N samples" "$W/out-$r.txt" | sed 's/; wrote.*//')"
  echo "run $r: $line; whole command ${wall} s, peak RSS $((rss / 1024)) MB"
done
