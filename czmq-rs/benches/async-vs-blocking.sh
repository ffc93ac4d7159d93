#!/usr/bin/env bash
# async-vs-blocking.sh: AsyncSocket (czmq-rs/examples/async_perf.rs, libzmq's
# perf tools on a current-thread tokio runtime) against our blocking ports of
# the same tools (examples/{local,remote}_{thr,lat}.rs), over tcp on
# loopback, in one run: the sides alternate run by run (blocking, async,
# blocking, ...) and the table quotes medians. Latency runs are pinned to one
# core with taskset, both ends.
#
# Usage: czmq-rs/benches/async-vs-blocking.sh     (from anywhere in the workspace)
# Environment:
#   N=5              pairs of runs per case; medians of N
#   PERF_DIV=1       divide every message/roundtrip count by this (quick checks)
#   PERF_SIZES="1 64 1024 65536"   message sizes in bytes
#   PERF_TIMEOUT=120 seconds allowed per run (each side, each run)
#   PERF_CPU=0       the core latency runs are pinned to
#   INSTR=1          instead of timings: instructions per message of each
#                    throughput process (valgrind's callgrind), for when the
#                    machine is too loaded for timings to mean much
# Output: a markdown table on stdout, progress on stderr, raw results in
# <target>/async-vs-blocking/results.csv.
set -euo pipefail

N=${N:-5}
PERF_DIV=${PERF_DIV:-1}
PERF_SIZES=${PERF_SIZES:-"1 64 1024 65536"}
PERF_TIMEOUT=${PERF_TIMEOUT:-120}
PERF_CPU=${PERF_CPU:-0}

thr_count() { # size
    local n
    case "$1" in
    1 | 64) n=2000000 ;;
    1024) n=500000 ;;
    *) n=20000 ;;
    esac
    echo $((n / PERF_DIV > 2 ? n / PERF_DIV : 2))
}
lat_count() { echo $((20000 / PERF_DIV > 2 ? 20000 / PERF_DIV : 2)); }

log() { echo "async-vs-blocking: $*" >&2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

log "building the blocking and async perf examples (release)"
cargo build --release -p czmq-rs --features tokio \
    --example local_thr --example remote_thr --example local_lat --example remote_lat \
    --example async_perf >&2
target_dir=$(cargo metadata --format-version 1 --no-deps | jq -r .target_directory)
bin="$target_dir/release/examples"
work="$target_dir/async-vs-blocking"
mkdir -p "$work/logs"

# Ports above the tests' leases (20000-29999) and never reused in one run.
port=$((40000 + RANDOM % 9000))
next_port() {
    port=$((port + 1))
    while ss -Htln "sport = :$port" 2>/dev/null | grep -q .; do port=$((port + 1)); done
}
wait_listening() { # port; gives up after 5 s
    local tries=500
    while ((tries-- > 0)) && ! ss -Htln "sport = :$1" 2>/dev/null | grep -q .; do sleep 0.01; done
}

# run_one side(blocking|async) test(thr|lat) size count: prints the number
# (msg/s or us), or nothing on failure.
run_one() {
    local out="$work/logs/$1-$2-$3.log" pin=() near far value
    [[ $2 == lat ]] && pin=(taskset -c "$PERF_CPU")
    local t=(timeout "$PERF_TIMEOUT")
    local local_cmd=("$bin/local_$2") remote_cmd=("$bin/remote_$2")
    if [[ $1 == async ]]; then
        local_cmd=("$bin/async_perf" "local_$2")
        remote_cmd=("$bin/async_perf" "remote_$2")
    fi
    next_port
    local ep="tcp://127.0.0.1:$port"
    "${pin[@]}" "${t[@]}" "${local_cmd[@]}" "$ep" "$3" "$4" >"$out" 2>&1 &
    near=$!
    wait_listening "$port"
    "${pin[@]}" "${t[@]}" "${remote_cmd[@]}" "$ep" "$3" "$4" >>"$out" 2>&1 || far=failed
    wait "$near" || far=failed
    [[ -z ${far:-} ]] || return 0
    if [[ $2 == thr ]]; then
        value=$(sed -n 's/^mean throughput: \([0-9]*\) \[msg\/s\]$/\1/p' "$out")
    else
        value=$(sed -n 's/^average latency: \([0-9.]*\) \[us\]$/\1/p' "$out")
    fi
    echo "$value"
}

# --- INSTR=1: instructions per message, receiver and sender --------------
# Each process is counted in its own run under callgrind while its peer runs
# natively; each at INSTR_BIG and INSTR_SMALL messages, and the difference
# divided by the difference in messages is the cost per message without
# start-up. The async side's count depends a little on how often it finds
# the socket empty and waits (each wait is a tokio poll and an epoll_wait).
if [[ ${INSTR:-0} == 1 ]]; then
    command -v valgrind >/dev/null || { log "valgrind is required"; exit 1; }
    big=${INSTR_BIG:-200000} small=${INSTR_SMALL:-2000}
    count_one() { # side role(local|remote) size count: prints Ir of that process
        local side=$1 role=$2 size=$3 n=$4 cg="$work/logs/cg.out" out="$work/logs/instr.log"
        local lc=("$bin/local_thr") rc=("$bin/remote_thr")
        if [[ $side == async ]]; then lc=("$bin/async_perf" local_thr) rc=("$bin/async_perf" remote_thr); fi
        local vg=(valgrind --tool=callgrind --callgrind-out-file="$cg")
        local lpre=() rpre=()
        if [[ $role == local ]]; then lpre=("${vg[@]}"); else rpre=("${vg[@]}"); fi
        next_port
        local ep="tcp://127.0.0.1:$port"
        timeout "$PERF_TIMEOUT" "${lpre[@]}" "${lc[@]}" "$ep" "$size" "$n" >"$out" 2>&1 &
        local near=$!
        wait_listening "$port"
        timeout "$PERF_TIMEOUT" "${rpre[@]}" "${rc[@]}" "$ep" "$size" "$n" >>"$out" 2>&1
        wait "$near"
        sed -n 's/^summary: \([0-9]*\)$/\1/p' "$cg"
    }
    echo "| size (B) | process | blocking instr/msg | async instr/msg | async - blocking |"
    echo "|---:|---|---:|---:|---:|"
    for size in $PERF_SIZES; do
        for role in local remote; do
            declare -A per=()
            for side in blocking async; do
                hi=$(count_one "$side" "$role" "$size" "$big")
                lo=$(count_one "$side" "$role" "$size" "$small")
                per[$side]=$(awk -v h="$hi" -v l="$lo" -v b="$big" -v s="$small" 'BEGIN { printf "%.0f", (h - l) / (b - s) }')
                log "instr $side ${role}_thr $size B: $hi at $big, $lo at $small -> ${per[$side]}/msg"
            done
            name=$([[ $role == local ]] && echo "receiver (local_thr)" || echo "sender (remote_thr)")
            echo "| $size | $name | ${per[blocking]} | ${per[async]} | $((per[async] - per[blocking])) |"
            unset per
        done
    done
    echo
    echo "Instructions per message: (count at $big - count at $small) / $((big - small)), one process under callgrind at a time."
    exit 0
fi

source "$root/czmq-rs/benches/stats.sh" # median

csv="$work/results.csv"
echo "test,size,count,pair,side,value" >"$csv"
rows=()
failures=0
for test in thr lat; do
    for size in $PERF_SIZES; do
        if [[ $test == thr ]]; then count=$(thr_count "$size"); else count=$(lat_count); fi
        b_vals=() a_vals=()
        for ((i = 1; i <= N; i++)); do
            for side in blocking async; do
                v=$(run_one "$side" "$test" "$size" "$count")
                if [[ -z $v ]]; then
                    failures=$((failures + 1))
                    log "FAILED: $side $test $size B (see $work/logs)"
                    continue
                fi
                echo "$test,$size,$count,$i,$side,$v" >>"$csv"
                if [[ $side == blocking ]]; then b_vals+=("$v"); else a_vals+=("$v"); fi
            done
        done
        b_med=$( ((${#b_vals[@]})) && printf '%s\n' "${b_vals[@]}" | median || true)
        a_med=$( ((${#a_vals[@]})) && printf '%s\n' "${a_vals[@]}" | median || true)
        # Targets (issue 15): throughput >= 0.8x blocking at 1 B; latency
        # within 1.3x of blocking.
        verdict=$(awk -v b="${b_med:-0}" -v a="${a_med:-0}" -v t="$test" -v s="$size" 'BEGIN {
            if (b <= 0 || a <= 0) { print "n/a | n/a"; exit }
            q = a / b
            if (t == "lat") ok = (q <= 1.3) ? "yes" : "**no**"
            else if (s == 1) ok = (q >= 0.8) ? "yes" : "**no**"
            else ok = "(no target)"
            printf "%.3f | %s\n", q, ok }')
        unit=$([[ $test == thr ]] && echo "msg/s" || echo "us")
        rows+=("| tcp | $test | $size | $count | ${b_med:-n/a} | ${a_med:-n/a} | $unit | $verdict |")
        log "$test ${size} B: blocking ${b_vals[*]:-} / async ${a_vals[*]:-} -> ${rows[-1]}"
    done
done

echo "| transport | test | size (B) | count | blocking median | async median | unit | async/blocking | meets target |"
echo "|---|---|---:|---:|---:|---:|---|---:|---|"
printf '%s\n' "${rows[@]}"
echo
echo "N=$N pairs per case (blocking first, then async), medians; latency runs pinned with taskset -c $PERF_CPU."
echo "Raw results: $csv"
((failures == 0)) || { log "$failures runs failed"; exit 1; }
