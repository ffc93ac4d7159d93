#!/bin/sh
# Containers benchmark (issue 12): benches/containers/containers_bench.c
# built against Debian's CZMQ (libczmq-dev) and against ours, run
# alternately RUNS times (default 3); prints the median nanoseconds per item
# of each and the ratio CZMQ / ours (above 1.0: ours is faster).
#
#   benches/containers/run.sh [RUNS] [full|quick|small|1m|1k] [CLASS]
#
# CLASS (zhash, zhashx, zlist or zlistx) runs that class alone.
#
# Ours is built with `cargo build -p czmq-capi --release --lib` (into
# $CARGO_TARGET_DIR if set, so a benchmark need not hold the workspace's
# build lock) and installed by include/install.sh into
# containers-bench-prefix there; the binaries and raw timings go to
# containers-bench in the same directory (both under target/ without
# CARGO_TARGET_DIR). With NO_BUILD=1 the binaries of the last run are timed
# again without building anything (for repeated runs while other builds
# share the machine).
#
# Each side's timings are its thread's CPU time (see containers_bench.c), so
# time spent preempted by other processes is charged to neither.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-3}
mode=${2:-full}
class=${3:-}
target_dir=${CARGO_TARGET_DIR:-$root/target}
work="$target_dir/containers-bench"
prefix="$target_dir/containers-bench-prefix"
mkdir -p "$work"

if [ "${NO_BUILD:-0}" != 1 ]; then
    pkg-config --exists libczmq || { echo "Debian's libczmq-dev is needed" >&2; exit 1; }
    cc -O2 "$here/containers_bench.c" -o "$work/bench-czmq" $(pkg-config --cflags --libs libczmq)

    (cd "$root" && cargo build -p czmq-capi --release --lib)
    zmq_h=$(ls -t "$target_dir"/release/build/czmq-capi-*/out/include/zmq.h | head -n 1)
    CZMQ_RS_ZMQ_H="$zmq_h" "$root/include/install.sh" "$prefix" "$target_dir/release" >/dev/null
    PKG_CONFIG_PATH="$prefix/lib/pkgconfig" cc -O2 "$here/containers_bench.c" \
        -o "$work/bench-ours" $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs libczmq) \
        -Wl,-rpath,"$prefix/lib"
    ldd "$work/bench-ours" | grep -q "$prefix/lib/libczmq" || { echo "bench-ours does not link our library" >&2; exit 1; }
fi

: > "$work/czmq.txt"
: > "$work/ours.txt"
i=0
while [ "$i" -lt "$runs" ]; do
    "$work/bench-czmq" "$mode" $class >> "$work/czmq.txt"
    "$work/bench-ours" "$mode" $class >> "$work/ours.txt"
    i=$((i + 1))
done

# median per (class, op, items) of each, then the ratio
awk '
    FNR == 1 { side++ }
    { key = $1 " " $2 " " $3; v[side, key, ++n[side, key]] = $4; keys[key] = 1 }
    function median(s, k,    m, i, j, t, a) {
        m = n[s, k]
        for (i = 1; i <= m; i++) a[i] = v[s, k, i]
        for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return a[int((m + 1) / 2)]
    }
    END {
        printf "%-8s %-8s %8s %12s %12s %7s\n", "class", "op", "items", "czmq ns", "ours ns", "ratio"
        for (k in keys) {
            split(k, f, " ")
            c = median(1, k); o = median(2, k)
            printf "%-8s %-8s %8s %12.2f %12.2f %7.2f\n", f[1], f[2], f[3], c, o, (o > 0 ? c / o : 0)
        }
    }' "$work/czmq.txt" "$work/ours.txt" | sort -k3,3n -k1,1 -k2,2
