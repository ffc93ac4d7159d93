#!/bin/sh
# Instructions per operation (callgrind) of benches/czmq-core/core_bench.c
# on Debian's CZMQ and on ours: for each case, the program's total
# instruction count in "profile" mode (iterations / 10) running only that
# case, minus the same program running none (start-up, sockets, exit),
# divided by the case's iterations. Deterministic where timings on a shared
# machine are not. Needs the two binaries run.sh builds (run it first,
# e.g. `benches/czmq-core/run.sh 1 quick`).
#
#   benches/czmq-core/callgrind.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/target/czmq-core-bench"
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 1; }
for side in czmq ours; do
    [ -x "$work/bench-$side" ] || { echo "run benches/czmq-core/run.sh first" >&2; exit 1; }
done

# total instructions of one run: bench-<side> profile <case>
total() {
    out="$work/callgrind.$1.$2.out"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$work/bench-$1" profile "$2" \
        >/dev/null 2>&1
    awk '/^summary:/ { print $2 }' "$out"
}

echo "| case | CZMQ Ir/op | ours Ir/op | ratio CZMQ/ours |"
echo "|---|---:|---:|---:|"
# case name, iterations in profile mode (see core_bench.c's main), label
for spec in "zmsg 5000 zmsg build/send/recv" "zframe 40000 zframe send/recv" \
    "zstr 100000 zstr send/recv" "zsock 200000 zsock option set+get"; do
    set -- $spec
    case=$1 iters=$2
    shift 2
    label=$*
    cz=$(( ($(total czmq "$case") - $(total czmq none)) / iters ))
    ours=$(( ($(total ours "$case") - $(total ours none)) / iters ))
    awk -v l="$label" -v c="$cz" -v o="$ours" \
        'BEGIN { printf "| %s | %d | %d | %.2f |\n", l, c, o, c / o }'
done
