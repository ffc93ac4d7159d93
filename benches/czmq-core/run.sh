#!/bin/sh
# Core-classes benchmark (issue 11): benches/czmq-core/core_bench.c built
# against Debian's CZMQ (libczmq-dev) and against ours, run alternately RUNS
# times (default 5); prints a markdown table of the median nanoseconds per
# operation of each and the ratio CZMQ / ours (1.0 or more: ours is at
# least as fast).
#
#   benches/czmq-core/run.sh [RUNS] [quick]
#
# Ours is built with `cargo build -p czmq-capi --release --lib` into
# $CARGO_TARGET_DIR, by default /tmp/czmq-bench-target (shared with
# benches/containers, so libzmq is built once and the benchmark does not
# hold the workspace's build lock), and installed by include/install.sh
# into target/czmq-core-bench-prefix. BUILD=0 skips the cargo build and
# installs the library already in that target dir (for when the shared
# tree is mid-edit and does not compile).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-5}
mode=${2:-full}
work="$root/target/czmq-core-bench"
prefix="$root/target/czmq-core-bench-prefix"
target_dir=${CARGO_TARGET_DIR:-/tmp/czmq-bench-target}
mkdir -p "$work"

pkg-config --exists libczmq || { echo "Debian's libczmq-dev is needed" >&2; exit 1; }
cc -O2 "$here/core_bench.c" -o "$work/bench-czmq" $(pkg-config --cflags --libs libczmq)

if [ "${BUILD:-1}" != 0 ]; then
    (cd "$root" && CARGO_TARGET_DIR="$target_dir" cargo build -p czmq-capi --release --lib)
else
    echo "BUILD=0: using $(ls -l --time-style=+%FT%T "$target_dir/release/libczmq_capi.a" | awk '{print $6}') $target_dir/release/libczmq_capi.a" >&2
fi
zmq_h=$(ls -t "$target_dir"/release/build/czmq-capi-*/out/include/zmq.h | head -n 1)
CZMQ_RS_ZMQ_H="$zmq_h" "$root/include/install.sh" "$prefix" "$target_dir/release" >/dev/null
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" cc -O2 "$here/core_bench.c" \
    -o "$work/bench-ours" $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs libczmq) \
    -Wl,-rpath,"$prefix/lib"
ldd "$work/bench-ours" | grep -q "$prefix/lib/libczmq" || { echo "bench-ours does not link our library" >&2; exit 1; }

: > "$work/czmq.txt"
: > "$work/ours.txt"
i=0
while [ "$i" -lt "$runs" ]; do
    # alternate which side goes first, so drift in machine load hits both
    if [ $((i % 2)) -eq 0 ]; then
        "$work/bench-czmq" "$mode" >> "$work/czmq.txt"
        "$work/bench-ours" "$mode" >> "$work/ours.txt"
    else
        "$work/bench-ours" "$mode" >> "$work/ours.txt"
        "$work/bench-czmq" "$mode" >> "$work/czmq.txt"
    fi
    i=$((i + 1))
done

# median per case of each side, then the ratio, in the order of the program
awk '
    FNR == 1 { side++ }
    { v[side, $1, ++n[side, $1]] = $2; if (side == 1 && n[1, $1] == 1) order[++cases] = $1 }
    function median(s, k,    m, i, j, t, a) {
        m = n[s, k]
        for (i = 1; i <= m; i++) a[i] = v[s, k, i]
        for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return a[int((m + 1) / 2)]
    }
    END {
        print "| case | CZMQ 4.2.1 ns/op | ours ns/op | ratio CZMQ/ours |"
        print "|---|---:|---:|---:|"
        for (c = 1; c <= cases; c++) {
            k = order[c]; cz = median(1, k); o = median(2, k)
            printf "| %s | %.1f | %.1f | %.2f |\n", k, cz, o, (o > 0 ? cz / o : 0)
        }
    }' "$work/czmq.txt" "$work/ours.txt"
