#!/usr/bin/env bash
# Runs `pinnadapt bench step` and the PyTorch reference interleaved (ROUNDS times each, alternating so
# that both see the same machine state) and prints the ratio of the medians DJL/PyTorch.
# Usage: benchmarks/step-compare.sh [ROUNDS] [STEPS] [extra bench options, e.g. --points 10000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
STEPS="${2:-100}"
shift $(( $# > 2 ? 2 : $# )) || true
OUT="$(mktemp -d)"
# Both sides run with the same process settings: passive OpenMP waiting (shared machine) and the same
# allocator (tcmalloc when installed, else glibc told to keep freed memory), as ./pinnadapt does. PyTorch 1.13 from
# Debian calls the system BLAS: install OpenBLAS (apt-get install libopenblas0-pthread) or it falls
# back to the slow reference BLAS; it gets 2 BLAS threads, its best setting here.
export OMP_WAIT_POLICY=PASSIVE
export OPENBLAS_NUM_THREADS=2
TCMALLOC=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
if [ -f "$TCMALLOC" ]; then
  PY_PRELOAD="$TCMALLOC"     # ./pinnadapt preloads it too
else
  PY_PRELOAD=""
  export MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=536870912
fi
"$ROOT/pinnadapt" --version >/dev/null   # build first, outside the measurement
for r in $(seq 1 "$ROUNDS"); do
  "$ROOT/pinnadapt" bench step --steps "$STEPS" --threads 2 --json "$OUT/djl-$r.json" "$@" | tail -n 1
 LD_PRELOAD="$PY_PRELOAD" /usr/bin/python3 "$ROOT/benchmarks/step_pytorch.py" --steps "$STEPS" --threads 2 --json "$OUT/torch-$r.json" "$@"
done
/usr/bin/python3 - "$OUT" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
djl = [json.load(open(f"{out}/djl-{r}.json"))["median_ms"] for r in range(1, rounds + 1)]
pt = [json.load(open(f"{out}/torch-{r}.json"))["median_ms"] for r in range(1, rounds + 1)]
d, p = statistics.median(djl), statistics.median(pt)
print(f"DJL medians {['%.1f' % v for v in djl]} ms, PyTorch medians {['%.1f' % v for v in pt]} ms")
print(f"median of medians: DJL {d:.2f} ms, PyTorch {p:.2f} ms, ratio DJL/PyTorch = {d / p:.3f}")
PY
