#!/usr/bin/env bash
# bench/check.sh: how fast `ward check` is on a security file ten times the
# size of the infusion-pump example, whole process (load, validate, every
# rule, text report). Prints the median wall time and peak RSS of RUNS runs.
#
# Usage: bench/check.sh [RUNS] [N]   (default 5 runs, 10x)
set -euo pipefail
runs=${1:-5}
n=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), $(uname -sm)"
go build -o "$tmp/ward" ./cmd/ward
go run ./bench/gen-securityfile -n "$n" examples/infusion-pump "$tmp/pump"
echo "security file: $(cat "$tmp"/pump/*.yaml | wc -c) bytes of YAML (${n}x the example)"
: >"$tmp/wall"; : >"$tmp/rss"
for _ in $(seq "$runs"); do
	/usr/bin/time -v "$tmp/ward" check "$tmp/pump" --date 2026-11-26 >/dev/null 2>"$tmp/time.txt"
	awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$tmp/time.txt" >>"$tmp/wall"
	awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt" >>"$tmp/rss"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf 'ward check (%dx): median %.3f s wall, %d MiB peak RSS over %d runs\n' "$n" "$(median <"$tmp/wall")" $(($(median <"$tmp/rss") / 1024)) "$runs"
