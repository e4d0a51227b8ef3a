#!/usr/bin/env bash
# bench/scan.sh: how fast `ward scan` is, whole process, store opening included.
#
# Builds ward, imports every OSV record of ../shared/data/osv into a temporary
# store (timed), generates CycloneDX 1.6 SBOMs of 1,000 / 10,000 / 100,000
# components from those records (bench/gen-sbom, seed 1), then runs
#   ward scan --format json -o /dev/null SBOM
# RUNS times per size under /usr/bin/time -v and prints the median wall time
# and the median peak RSS. Targets (2 cores): 100k < 5 s and < 400 MiB;
# 1k < 0.2 s; import < 10 s.
#
# Usage: bench/scan.sh [RUNS]   (from anywhere; default RUNS=5)
set -euo pipefail

runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
data=${WARD_SHARED_DATA:-$root/../shared/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$root"
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), $(uname -sm)"
go build -o "$tmp/ward" ./cmd/ward
go build -o "$tmp/gen-sbom" ./bench/gen-sbom

# median prints the median of the numbers on stdin.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# measure RUNS CMD…: runs CMD RUNS times, prints "wall_s rss_kib cpu_s"
# medians (cpu = user + system: what the machine's other load cannot inflate).
measure() {
	local n=$1; shift
	: >"$tmp/wall"; : >"$tmp/rss"; : >"$tmp/cpu"
	for _ in $(seq "$n"); do
		/usr/bin/time -v "$@" >/dev/null 2>"$tmp/time.txt" || true
		# ward scan exits 1 when findings fail the gate: expected here.
		status=$(awk -F': ' '/Exit status/ {print $2}' "$tmp/time.txt")
		if [ "${status:-9}" -gt 1 ]; then cat "$tmp/time.txt" >&2; exit 1; fi
		awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$tmp/time.txt" >>"$tmp/wall"
		awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt" >>"$tmp/rss"
		awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$tmp/time.txt" >>"$tmp/cpu"
	done
	echo "$(median <"$tmp/wall") $(median <"$tmp/rss") $(median <"$tmp/cpu")"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r wall rss cpu < <(measure 1 "$tmp/ward" db import --db "$tmp/db" "$data"/osv/*.jsonl)
printf 'db import (%s): %.2f s wall, %.2f s CPU, %d MiB peak RSS\n' "$(ls "$data"/osv/*.jsonl | xargs -n1 basename | tr '\n' ' ')" "$wall" "$cpu" $((rss / 1024))
"$tmp/ward" db status --db "$tmp/db" >"$tmp/status.txt"
grep -m1 '^Snapshot' "$tmp/status.txt" || true

printf '\n%-10s %-12s %-12s %-12s %s\n' components "median wall" "median CPU" "median RSS" "(of $runs runs; ward scan --format json -o /dev/null)"
for n in 1000 10000 100000; do
	"$tmp/gen-sbom" -n "$n" -seed 1 -o "$tmp/$n.cdx.json" "$data"/osv/*.jsonl
	read -r wall rss cpu < <(measure "$runs" "$tmp/ward" scan --db "$tmp/db" --format json -o /dev/null "$tmp/$n.cdx.json")
	printf '%-10s %-12s %-12s %s\n' "$n" "$(printf '%.3f s' "$wall")" "$(printf '%.2f s' "$cpu")" "$((rss / 1024)) MiB"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
