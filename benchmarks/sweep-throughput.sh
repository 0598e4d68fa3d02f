#!/usr/bin/env bash
# Sweep throughput (issue 18, acceptance 2): the same 16 small cells (Kovasznay PINN, 2 tasks x 4 widths x 2
# seeds, 1000 epochs) one after another in one process, then two at a time (--workers 2: Spark embedded,
# local[2]; ENGINE=threads for the plain thread pool), REPS times alternating; prints each pair's wall times and
# ratio, and the median ratio (wall times on a shared VM vary). Wall times include JVM and Spark start.
# Usage: benchmarks/sweep-throughput.sh WORKDIR [REPS]
set -euo pipefail
W="${1:?work folder}"; REPS="${2:-3}"; rm -rf "$W"; mkdir -p "$W"
P="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/pinnadapt"
A=(sweep --pde kovasznay --strategy pinn --tasks "Re=40;Re=60" --vary width=8,12,16,20 --seeds 1,2 --epochs 1000
   --trainer adam --set collocation=400 --set boundary=80 --set grid=21x21 --set checkpoint-every=0 --set figures=false)
"$P" plugins >/dev/null 2>&1 # builds first, if needed
: > "$W/times.txt"
for r in $(seq 1 "$REPS"); do
  t0=$(date +%s.%N); "$P" "${A[@]}" --workers 1 --out "$W/one-$r" > "$W/one-$r.txt"; t1=$(date +%s.%N)
  "$P" "${A[@]}" --workers 2 --engine "${ENGINE:-spark}" --out "$W/two-$r" > "$W/two-$r.txt"; t2=$(date +%s.%N)
  echo "$r $t0 $t1 $t2" >> "$W/times.txt"
done
python3 - "$W" <<'PY'
import statistics, sys
w = sys.argv[1]
rows = lambda f: sorted(l.split(',')[:8] for l in open(f).read().splitlines()[1:])
ratios = []
for line in open(w + '/times.txt'):
    r, t0, t1, t2 = line.split(); t0, t1, t2 = float(t0), float(t1), float(t2)
    one, two = t1 - t0, t2 - t1
    ratios.append(two / one)
    same = rows(f'{w}/one-{r}/cells.csv') == rows(f'{w}/two-{r}/cells.csv')
    print(f"run {r}: 16 cells one after another {one:.1f} s, two at a time (--workers 2) {two:.1f} s, "
          f"ratio {two / one:.2f}, identical cell errors: {same}")
print(f"median ratio {statistics.median(ratios):.2f} over {len(ratios)} runs (target <= 0.6)")
PY
