#!/usr/bin/env bash
# czmq-vs-c.sh: our CZMQ layer (Sock, Msg, zstr, Actor, Loop) against the
# same work written in C on CZMQ 4.2.1 (Debian's libczmq-dev), issue #3:
# czmq-rs/examples/czmq_bench.rs against czmq-rs/benches/czmq/czmq_bench.c.
#
# Cases: 3-frame Msg/zmsg over PUSH -> PULL (tcp and inproc, per frame size),
# zstr REQ/REP round trips (tcp and inproc), Actor/zactor start+stop, and a
# Loop/zloop with 1,000 readers and 10,000 tickets (handled msg/s, setup ms).
#
# Usage: czmq-rs/benches/czmq-vs-c.sh            (from anywhere in the workspace)
# Environment:
#   N=5              pairs of runs per case (C, Rust, C, Rust, ...); medians of N
#   PERF_DIV=1       divide every count by this (quick checks)
#   CZMQ_SIZES="1 64 1024"  frame sizes of the msg cases, bytes
#   PERF_TIMEOUT=120 seconds allowed per run
#   PERF_CPU=0       the core the reqrep (latency) runs are pinned to, both
#                    threads, with taskset; empty: not pinned. Unpinned, single
#                    round-trip runs here spread 15k-95k rt/s on either side
#   CZMQ_LINK=system  the C side on Debian's libczmq.so + libzmq.so (4.3.4);
#                     "vendored": Debian's libczmq.a linked statically with
#                     the libzmq.a 4.3.5 our release build made, the same
#                     libzmq as the Rust side
# Output: a markdown table on stdout; progress on stderr; every raw result in
# <target>/czmq-vs-c/results.csv, the C binary and run logs next to it.
set -euo pipefail

N=${N:-5}
PERF_DIV=${PERF_DIV:-1}
CZMQ_SIZES=${CZMQ_SIZES:-"1 64 1024"}
PERF_TIMEOUT=${PERF_TIMEOUT:-120}
CZMQ_LINK=${CZMQ_LINK:-system}
PERF_CPU=${PERF_CPU-0}

log() { echo "czmq-vs-c: $*" >&2; }
die() {
    log "$*"
    exit 1
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

# --- 0. what we need ---------------------------------------------------------
for tool in cargo gcc jq pkg-config taskset timeout; do
    command -v "$tool" >/dev/null || die "missing tool: $tool"
done
pkg-config --exists 'libczmq >= 4.2' ||
    die "libczmq (CZMQ >= 4.2, e.g. Debian's libczmq-dev) not found by pkg-config"
pkg-config --exists libzmq || die "libzmq not found by pkg-config"
czmq_version=$(pkg-config --modversion libczmq)
sys_zmq_version=$(pkg-config --modversion libzmq)

# --- 1. both sides' binaries -------------------------------------------------
log "building the Rust example (release, vendored libzmq)"
build_json=$(cargo build --release -p czmq-rs --example czmq_bench --message-format=json)
rust_exe=$(jq -r 'select(.reason == "compiler-artifact" and .target.name == "czmq_bench"
    and (.target.kind | index("example"))) | .executable' <<<"$build_json")
[[ -x $rust_exe ]] || die "no Rust czmq_bench built"
target_dir=$(cargo metadata --format-version 1 --no-deps | jq -r .target_directory)
work="$target_dir/czmq-vs-c"
mkdir -p "$work/logs"
c_exe="$work/czmq_bench"
c_src="$root/czmq-rs/benches/czmq/czmq_bench.c"
case "$CZMQ_LINK" in
system)
    log "building the C program on CZMQ $czmq_version, libzmq $sys_zmq_version (shared)"
    # shellcheck disable=SC2046 # pkg-config output is a list of flags
    gcc -O2 "$c_src" -o "$c_exe" $(pkg-config --cflags --libs libczmq libzmq) -lpthread
    c_libzmq="$sys_zmq_version (Debian, shared)"
    ;;
vendored)
    zmq_out=$(jq -r 'select(.reason == "build-script-executed"
        and (.package_id | test("zmq-sys-vendored"))) | .out_dir' <<<"$build_json")
    sodium_out=$(jq -r 'select(.reason == "build-script-executed"
        and (.package_id | test("libsodium-sys-stable"))) | .out_dir' <<<"$build_json")
    libzmq="$zmq_out/libzmq.a"
    libsodium="$sodium_out/installed/lib/libsodium.a"
    libczmq_a=$(pkg-config --variable=libdir libczmq)/libczmq.a
    for f in "$libzmq" "$libsodium" "$libczmq_a"; do
        [[ -f $f ]] || die "missing $f"
    done
    log "building the C program on CZMQ $czmq_version (static) with our libzmq.a"
    # shellcheck disable=SC2046 # pkg-config output is a list of flags
    gcc -O2 $(pkg-config --cflags libczmq) "$c_src" -o "$c_exe" "$libczmq_a" "$libzmq" \
        "$libsodium" -luuid -lsystemd -lstdc++ -lpthread
    c_libzmq="4.3.5 (our vendored libzmq.a, static)"
    ;;
*) die "CZMQ_LINK must be system or vendored" ;;
esac

# --- 2. the cases ------------------------------------------------------------
# Counts chosen so that one run takes about 0.5-1 s here (2 shared cores).
div() { echo $(($1 / PERF_DIV > 2 ? $1 / PERF_DIV : 2)); }
msg_count() { # transport size
    case "$1:$2" in
    tcp:1 | tcp:64) div 500000 ;;
    tcp:*) div 100000 ;;
    inproc:1) div 800000 ;;
    inproc:64) div 400000 ;;
    inproc:*) div 300000 ;;
    esac
}
cases=()
for transport in tcp inproc; do
    for size in $CZMQ_SIZES; do
        cases+=("msg $transport $size $(msg_count "$transport" "$size")")
    done
done
cases+=("reqrep tcp $(div 15000)" "reqrep inproc $(div 50000)")
cases+=("actor $(div 2000)")
cases+=("loop 1000 10000 $(div 200000)")

# --- 3. the runs -------------------------------------------------------------
# One run; prints its "result <case> <value> <unit>" lines, or nothing when
# it failed (the log keeps its output).
run_one() { # impl(c|rust) args...
    local impl=$1 exe=$c_exe
    shift
    [[ $impl == rust ]] && exe=$rust_exe
    local out="$work/logs/$impl-${*// /-}.log" pin=()
    # Round trips are latency: pinned, both ends share one core's caches and
    # the scheduler's choices stop dominating the result.
    [[ $1 == reqrep && -n $PERF_CPU ]] && pin=(taskset -c "$PERF_CPU")
    "${pin[@]}" timeout "$PERF_TIMEOUT" "$exe" "$@" >"$out" 2>&1 || return 0
    grep '^result ' "$out" || true
}

source "$root/czmq-rs/benches/stats.sh" # median

csv="$work/results.csv"
echo "case,args,pair,impl,value,unit" >"$csv"
declare -A c_vals=() rust_vals=() ratios=() units=()
names=() # result names in order of first appearance
failures=0
for args in "${cases[@]}"; do
    for ((i = 1; i <= N; i++)); do
        declare -A pair_c=() pair_rust=()
        for impl in c rust; do
            # shellcheck disable=SC2086 # args is a word list on purpose
            lines=$(run_one "$impl" $args)
            if [[ -z $lines ]]; then
                failures=$((failures + 1))
                log "FAILED: $impl $args (see $work/logs)"
                continue
            fi
            while read -r _ name value unit; do
                echo "$name,$args,$i,$impl,$value,$unit" >>"$csv"
                [[ -n ${units[$name]:-} ]] || names+=("$name")
                units[$name]=$unit
                if [[ $impl == c ]]; then
                    c_vals[$name]+=" $value"
                    pair_c[$name]=$value
                else
                    rust_vals[$name]+=" $value"
                    pair_rust[$name]=$value
                fi
            done <<<"$lines"
        done
        # The two runs of a pair are back to back and share the machine's
        # mood, so their ratio is less noisy than either.
        for name in "${!pair_c[@]}"; do
            [[ -n ${pair_rust[$name]:-} ]] || continue
            ratios[$name]+=" $(awk -v c="${pair_c[$name]}" -v r="${pair_rust[$name]}" \
                'BEGIN { printf "%.4f", (c > 0) ? r / c : 0 }')"
        done
        unset pair_c pair_rust
        log "$args pair $i/$N done"
    done
done

# --- 4. the table ------------------------------------------------------------
verdict() { # name c_median rust_median -> "ratio | meets target"
    awk -v n="$1" -v c="${2:-0}" -v r="${3:-0}" 'BEGIN {
        if (c <= 0 || r <= 0) { print "n/a | n/a"; exit }
        q = r / c
        if (n ~ /^(msg|reqrep)-/) v = (q >= 1.2) ? "yes" : "**no**"
        else if (n ~ /-setup$/) v = (q > 1) ? "n/a (Rust slower: more ms)" : "n/a (Rust faster)"
        else v = (q < 1) ? "n/a (Rust slower)" : "n/a (Rust faster)"
        printf "%.3f | %s\n", q, v }'
}
echo "| case | C median | Rust median | unit | median of pair ratios | Rust/C (of medians) | meets target |"
echo "|---|---:|---:|---|---:|---:|---|"
for name in "${names[@]}"; do
    c_med=$(printf '%s\n' ${c_vals[$name]:-} | median || true)
    rust_med=$(printf '%s\n' ${rust_vals[$name]:-} | median || true)
    paired=$(printf '%s\n' ${ratios[$name]:-} | median || true)
    paired=$(awk -v p="${paired:-}" 'BEGIN { if (p == "") print "n/a"; else printf "%.3f\n", p }')
    echo "| $name | ${c_med:-n/a} | ${rust_med:-n/a} | ${units[$name]} | $paired | $(verdict "$name" "$c_med" "$rust_med") |"
    log "$name: C${c_vals[$name]:-} / Rust${rust_vals[$name]:-}"
done
echo
echo "N=$N pairs per case (C first, then Rust), medians; reqrep runs pinned with taskset -c ${PERF_CPU:-(none)}. C: CZMQ $czmq_version on libzmq $c_libzmq;"
echo "Rust: czmq-rs on our vendored libzmq 4.3.5. Target (issue #3): Rust/C >= 1.2 for msg and reqrep;"
echo "actor and loop are reported only (loop-setup is a time: lower is better, so Rust/C > 1 is slower)."
echo "Counts (PERF_DIV=$PERF_DIV): $(printf '%s; ' "${cases[@]}") Raw results: $csv"
((failures == 0)) || die "$failures runs failed"
