#!/usr/bin/env bash
# Behaviour check for refactors: runs the smoke benches and two short trainings that exercise every path of the
# loss and the trainers (RAR-D, mini-batches, resampling, causal weights; Adam then L-BFGS with validation), and
# prints their figures. Run it in a checkout before and after a change and diff the outputs (errors must match;
# wall times differ). Usage: benchmarks/behaviour-check.sh OUTDIR
set -euo pipefail
out=${1:?usage: benchmarks/behaviour-check.sh OUTDIR}
mkdir -p "$out"
cd "$(dirname "$0")/.."
for b in "lrnr --scale smoke" "hyper --pde kovasznay --scale smoke" "colora --pde burgers2d --scale smoke" \
    "lora-ranks --pde kovasznay --scale smoke --ranks 1,4" "accuracy --scale smoke --precisions float64 --seeds 1"; do
  name=${b%% *}
  echo "=== bench $b"
  # shellcheck disable=SC2086
  ./pinnadapt bench $b --out "$out/bench-$name" 2>&1 | grep -v '^\s*\[' | grep -v 'pinnadapt: building'
done
echo "=== loss paths (burgers1d: RAR-D, batches, resampling, causal)"
./pinnadapt run --pde burgers1d --strategy pinn --tasks test --set max-tasks=1 --epochs 40 --trainer adam \
  --set collocation=256 --set initial=32 --set boundary=32 --set rar-every=10 --set rar-points=20 \
  --set rar-candidates=200 --set batch-size=100 --set resample-every=15 --set causal-epsilon=1 --set grid=16x11 \
  --set checkpoint-every=0 --set figures=false --arch-opt width=16 --arch-opt depth=2 --out "$out/loss" | tail -1
cut -d, -f1-8 "$out/loss/history.csv" | md5sum | sed 's/-$/loss history (task..lr columns)/'
echo "=== trainers (kovasznay: Adam then 40 L-BFGS iterations, validation every 5)"
./pinnadapt run --pde kovasznay --strategy pinn --tasks Re=40 --epochs 20 --trainer adam+lbfgs \
  --set lbfgs-iterations=40 --set collocation=128 --set boundary=32 --set grid=11x11 --set checkpoint-every=0 \
  --set figures=false --set validate-every=5 --arch-opt width=16 --arch-opt depth=2 --out "$out/lbfgs" | tail -1
cut -d, -f1-6 "$out/lbfgs/history.csv" | md5sum | sed 's/-$/trainer history (task..loss terms columns)/'
