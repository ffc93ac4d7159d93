#!/bin/sh
# Security benchmarks (issue 13), a few minutes in all:
#  (a) tcp throughput with CURVE against without, 1 B .. 64 KiB: our
#      local_thr/remote_thr examples (the Rust ports of libzmq's perf tools;
#      their 4th argument turns CURVE on, with the C originals' fixed keys),
#      plain and CURVE alternated run by run (which goes first alternates too);
#      median msg/s of each, ratio CURVE / plain.
#  (b) authenticated CURVE connections per second through zauth:
#      benches/security/auth_bench.c built against Debian's CZMQ (with
#      Debian's libzmq 4.3.4) and against ours (include/install.sh; libzmq
#      4.3.5 vendored), alternated run by run; medians, ratio ours / CZMQ.
#
#   benches/security/run.sh [RUNS]        (default 5)
#
# Ports are 31000 and up: not the tests' 20000-29999 leases, and below the
# kernel's ephemeral range (32768+), where a busy machine's outgoing
# connections made an explicit bind fail now and then. PART=a or PART=b runs one part only. BUILD=0 skips the cargo builds (for when the
# shared tree is mid-edit) and uses what target/release holds.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-5}
work="$root/target/security-bench"
prefix="$root/target/security-bench-prefix"
mkdir -p "$work"
cd "$root"

if [ "${BUILD:-1}" != 0 ]; then
    cargo build --release -p czmq-rs --example local_thr --example remote_thr
    cargo build --release -p czmq-capi --lib
fi
bin="$root/target/release/examples"

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# --- (a) throughput ----------------------------------------------------------
port=31000
next_port() {
    port=$((port + 1))
    while ss -Htln "sport = :$port" 2>/dev/null | grep -q .; do port=$((port + 1)); done
}
thr() { # size count curve(0|1) -> msg/s; a port someone took is skipped
    attempts=5
    while [ $attempts -gt 0 ]; do
        attempts=$((attempts - 1))
        next_port
        "$bin/local_thr" "tcp://127.0.0.1:$port" "$1" "$2" "$3" > "$work/local.out" 2>&1 &
        pid=$!
        tries=500
        while [ $tries -gt 0 ] && kill -0 $pid 2>/dev/null &&
            ! ss -Htln "sport = :$port" 2>/dev/null | grep -q .; do
            sleep 0.01; tries=$((tries - 1))
        done
        if kill -0 $pid 2>/dev/null; then
            timeout 300 "$bin/remote_thr" "tcp://127.0.0.1:$port" "$1" "$2" "$3"
            wait $pid
            awk '/\[msg\/s\]/ { print $3 }' "$work/local.out"
            return
        fi
        wait $pid || true
        echo "port $port: $(cat "$work/local.out"); next port" >&2
    done
    echo "local_thr could not bind" >&2
    exit 1
}

if [ "${PART:-all}" != b ]; then
echo "| size | messages | plain msg/s | CURVE msg/s | CURVE / plain | plain Mb/s | CURVE Mb/s |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for case in "1 500000" "64 500000" "1024 200000" "65536 10000"; do
    set -- $case
    size=$1 count=$2
    : > "$work/plain.txt"
    : > "$work/curve.txt"
    i=0
    while [ $i -lt "$runs" ]; do
        if [ $((i % 2)) -eq 0 ]; then
            thr "$size" "$count" 0 >> "$work/plain.txt"
            thr "$size" "$count" 1 >> "$work/curve.txt"
        else
            thr "$size" "$count" 1 >> "$work/curve.txt"
            thr "$size" "$count" 0 >> "$work/plain.txt"
        fi
        i=$((i + 1))
    done
    p=$(median < "$work/plain.txt")
    c=$(median < "$work/curve.txt")
    awk -v s="$size" -v n="$count" -v p="$p" -v c="$c" 'BEGIN {
        printf "| %d | %d | %d | %d | %.2f | %.1f | %.1f |\n", s, n, p, c, c / p,
            p * s * 8 / 1e6, c * s * 8 / 1e6 }'
    echo "  plain runs: $(tr '\n' ' ' < "$work/plain.txt")  CURVE runs: $(tr '\n' ' ' < "$work/curve.txt")" >&2
done
echo
fi
[ "${PART:-all}" = a ] && exit 0

# --- (b) authenticated connections per second ---------------------------------
pkg-config --exists libczmq || { echo "Debian's libczmq-dev is needed" >&2; exit 1; }
cc -O2 -Wall "$here/auth_bench.c" -o "$work/auth-czmq" $(pkg-config --cflags --libs libczmq)
"$root/include/install.sh" "$prefix" "$root/target/release" > /dev/null
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" cc -O2 -Wall "$here/auth_bench.c" -o "$work/auth-ours" \
    $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs libczmq) \
    -Wl,-rpath,"$prefix/lib"
ldd "$work/auth-ours" | grep -q "$prefix/lib/libczmq" || { echo "auth-ours does not link our library" >&2; exit 1; }
ldd "$work/auth-czmq" | grep -Eq "=> /(usr/)?lib/.*libczmq" || { echo "auth-czmq does not link Debian's CZMQ" >&2; exit 1; }

conns=${CONNS:-300}
: > "$work/auth-czmq.txt"
: > "$work/auth-ours.txt"
i=0
while [ $i -lt "$runs" ]; do
    if [ $((i % 2)) -eq 0 ]; then
        "$work/auth-czmq" "$conns" | awk '{ print $2 }' >> "$work/auth-czmq.txt"
        "$work/auth-ours" "$conns" | awk '{ print $2 }' >> "$work/auth-ours.txt"
    else
        "$work/auth-ours" "$conns" | awk '{ print $2 }' >> "$work/auth-ours.txt"
        "$work/auth-czmq" "$conns" | awk '{ print $2 }' >> "$work/auth-czmq.txt"
    fi
    i=$((i + 1))
done
cz=$(median < "$work/auth-czmq.txt")
ours=$(median < "$work/auth-ours.txt")
echo "| zauth | connections per run | conns/s (median) | runs |"
echo "|---|---:|---:|---|"
echo "| CZMQ 4.2.1 (Debian, libzmq 4.3.4) | $conns | $cz | $(tr '\n' ' ' < "$work/auth-czmq.txt")|"
echo "| ours (libzmq 4.3.5 vendored) | $conns | $ours | $(tr '\n' ' ' < "$work/auth-ours.txt")|"
awk -v c="$cz" -v o="$ours" 'BEGIN { printf "\nratio ours / CZMQ: %.2f\n", o / c }'
