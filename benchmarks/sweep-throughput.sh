#!/usr/bin/env bash
# Sweep throughput (issue 18, acceptance 2): the same 16 small cells (Kovasznay PINN, 2 tasks x 4 widths x 2
# seeds) one after another in one process, then two at a time (--workers 2); prints both wall times and the ratio.
# Usage: benchmarks/sweep-throughput.sh WORKDIR
set -euo pipefail
W="${1:?work folder}"; rm -rf "$W"; mkdir -p "$W"
P="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/pinnadapt"
A=(sweep --pde kovasznay --strategy pinn --tasks "Re=40;Re=60" --vary width=8,12,16,20 --seeds 1,2 --epochs 1000
   --trainer adam --set collocation=400 --set boundary=80 --set grid=21x21 --set checkpoint-every=0 --set figures=false)
"$P" plugins >/dev/null 2>&1 # builds first, if needed
t0=$(date +%s.%N); "$P" "${A[@]}" --workers 1 --out "$W/one" > "$W/one.txt"; t1=$(date +%s.%N)
"$P" "${A[@]}" --workers 2 --out "$W/two" > "$W/two.txt"; t2=$(date +%s.%N)
python3 - "$t0" "$t1" "$t2" "$W" <<'PY'
import sys
t0, t1, t2, w = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
one, two = t1 - t0, t2 - t1
rows = lambda f: sorted(l.split(',')[:8] for l in open(f).read().splitlines()[1:])
same = rows(w + '/one/cells.csv') == rows(w + '/two/cells.csv')
print(f"16 cells one after another: {one:.1f} s; two at a time (--workers 2): {two:.1f} s; ratio {two / one:.2f} "
      f"(target <= 0.6); identical cell errors: {same}")
PY
