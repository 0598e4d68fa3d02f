#!/usr/bin/env bash
# Fault table (issue 17): drives ./pinnadapt through the fault cases of the reliability issue and
# prints one Markdown row per case: exit code, the first stderr line, stack-trace lines, folder state.
# Usage: benchmarks/fault-table.sh WORKDIR > table.md   (about 3 minutes on 2 cores)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
W="${1:?work folder}"; rm -rf "$W"; mkdir -p "$W"; cd "$W"
P="$ROOT/pinnadapt"
Q=(--pde kovasznay --strategy pinn --arch-opt width=12 --arch-opt depth=2 --set collocation=200
   --set boundary=40 --trainer adam --set checkpoint-every=50 --set grid=11x11 -q)
T=(--tasks Re=30)
E=(--epochs 200)
state() { # folder state in a few words
  local d="$1"
  [ -e "$d" ] || { echo "absent"; return; }
  local f; f=$(cd "$d" && find . -type f | sed 's|^\./||' | grep -v '^figures/' | sort | tr '\n' ' ')
  echo "${f:-empty}"
}
row() { # case, exit, stderr file, folder
  local first traces
  first=$(grep -v '^\s*$' "$3" | head -n 1 | cut -c1-150 | sed 's/|/\\|/g')
  traces=$(grep -c '^\s*at ' "$3")
  echo "| $1 | $2 | ${first:-(none)} | $traces | $(state "$4" | cut -c1-120) |"
}
run() { # case folder args...
  local c="$1" d="$2"; shift 2
  "$P" "$@" >"$W/out.txt" 2>"$W/err.txt"; local rc=$?
  row "$c" "$rc" "$W/err.txt" "$d"
}
echo "| case | exit | first error line | stack lines | folder afterwards |"
echo "|---|---|---|---|---|"
"$P" run "${Q[@]}" "${T[@]}" "${E[@]}" --out base >/dev/null 2>&1
cp -r base partial; rm -f partial/metrics.json partial/solutions/*.params
run "resume with --out only" partial run --resume --out partial -q
cp -r base b2; rm -f b2/metrics.json b2/solutions/*.params
run "resume with other --epochs" b2 run "${Q[@]}" "${T[@]}" --resume --out b2 --epochs 300
cp -r base b3; rm -f b3/solutions/*.params; head -c 100 base/config.json > b3/config.json
run "resume with truncated config.json" b3 run "${Q[@]}" "${T[@]}" "${E[@]}" --resume --out b3
cp -r base b4; rm -f b4/config.json b4/metrics.json b4/solutions/*.params
run "plain run into a folder with a leftover checkpoint" b4 run "${Q[@]}" "${T[@]}" "${E[@]}" --out b4
cp -r base b5; rm -f b5/metrics.json b5/solutions/*.params
run "resume with another width" b5 run "${Q[@]}" "${T[@]}" "${E[@]}" --resume --out b5 --arch-opt width=16
set -m # background jobs keep SIGINT (a non-interactive shell would have them ignore it)
( "$P" run "${Q[@]}" "${T[@]}" --epochs 20000 --out conc >"$W/c1.txt" 2>"$W/c1e.txt"; echo $? > "$W/c1.rc" ) &
sleep 5
run "second concurrent run into one folder" conc run "${Q[@]}" "${T[@]}" --epochs 20000 --out conc
sleep 2; pkill -INT -f -- "--out conc" 2>/dev/null; wait; echo "| (first concurrent run, then Ctrl-C) | $(cat "$W/c1.rc") | $(head -n1 "$W/c1e.txt") | | $(state conc) |"
mkdir -p runs1; cp -r base runs1/good; cp -r base runs1/badcfg; echo '{"pde": ' > runs1/badcfg/config.json
cp -r base runs1/badmet; echo '{"tasks": [' > runs1/badmet/metrics.json
run "runs with one corrupt config.json" runs1 runs --dir runs1
run "report on a corrupt metrics.json" runs1/badmet report runs1/badmet
cp -r base unf; rm -f unf/metrics.json
run "report on an unfinished run" unf report unf
run "divergence (--lr 1e30)" div run "${Q[@]}" "${T[@]}" "${E[@]}" --out div --lr 1e30
run "--lr 0" lr0 run "${Q[@]}" "${T[@]}" "${E[@]}" --out lr0 --lr 0
run "--lr -1" lrm run "${Q[@]}" "${T[@]}" "${E[@]}" --out lrm --lr -1
run "--device gpu:7" gpu run "${Q[@]}" "${T[@]}" "${E[@]}" --out gpu --device gpu:7
run "predict --grid 100000x100000" base predict --run base --task Re=30 --grid 100000x100000 --out pred.csv
run "reference --grid 70000x70000" ref reference --pde kovasznay --grid 70000x70000 --out ref
run "--epochs -5" ep run "${Q[@]}" "${T[@]}" --out ep --epochs -5
mkdir -p litter; (cd litter && "$P" run --pde nosuch --strategy pinn -q >/dev/null 2>"$W/err.txt"; echo "| rejected run without --out | $? | $(head -n1 "$W/err.txt" | cut -c1-150) | $(grep -c '^\s*at ' "$W/err.txt") | $(cd "$W/litter" && find . -mindepth 1 | tr '\n' ' ') |")
rm -rf litter/runs
(cd litter && "$P" run --pde '../../x' --strategy pinn -q >/dev/null 2>"$W/err.txt"; echo "| --pde ../../x | $? | $(head -n1 "$W/err.txt" | cut -c1-150) | $(grep -c '^\s*at ' "$W/err.txt") | outside runs/: $(cd "$W" && ls -d x-* 2>/dev/null) |")
run "--tasks Re=40,Re=50" dup run "${Q[@]}" --out dup --tasks "Re=40,Re=50" --epochs 5
run "--plugins /nonexistent" none --plugins /nonexistent plugins
( ulimit -f 40; "$P" run "${Q[@]}" "${T[@]}" "${E[@]}" --out full >"$W/out.txt" 2>"$W/err.txt"; echo $? > "$W/full.rc" )
row "file-size limit 40 KiB (disk full)" "$(cat "$W/full.rc")" "$W/err.txt" full
PINNADAPT_JAVA_OPTS="-Xmx24m" run "small heap (-Xmx24m)" heap run "${Q[@]}" "${T[@]}" "${E[@]}" --out heap
"$P" run "${Q[@]}" "${T[@]}" --epochs 20000 --out sig >"$W/out.txt" 2>"$W/err.txt" & pid=$!
sleep 12; kill -INT $pid; wait $pid; rc=$?
row "Ctrl-C (SIGINT) during training" "$rc" "$W/err.txt" sig
echo "| (SIGINT stdout tail) | | $(tail -n1 "$W/out.txt" | cut -c1-150) | | |"
echo "| (file mode of base/config.json) | | $(stat -c %a base/config.json) (umask $(umask)) | | |"
cp -r base b6; rm -f b6/metrics.json b6/solutions/*.params
"$P" run "${Q[@]}" "${T[@]}" "${E[@]}" --resume --out b6 >"$W/out.txt" 2>"$W/err.txt"
echo "| (resume: does it say where it resumed?) | $? | $(grep -i 'resum' "$W/out.txt" "$W/err.txt" | head -n1 | cut -c1-150) | | |"
ls b6/checkpoints/ | sed 's/^/| (checkpoints kept) | | /; s/$/ | | |/'
