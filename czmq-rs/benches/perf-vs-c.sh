#!/usr/bin/env bash
# perf-vs-c.sh: libzmq's own C perf programs against our Rust ports
# (czmq-rs/examples/{local,remote}_{thr,lat}.rs, inproc_{thr,lat}.rs), both
# linked to the SAME libzmq 4.3.5 static library that our release build made,
# so any difference is the Rust layer's.
#
# Usage: czmq-rs/benches/perf-vs-c.sh            (from anywhere in the workspace)
# Environment:
#   N=5              pairs of runs per case (C, Rust, C, Rust, ...); medians of N
#   PERF_DIV=1       divide every message/roundtrip count by this (quick checks)
#   PERF_SIZES="1 64 1024 65536"   message sizes in bytes
#   PERF_TIMEOUT=120 seconds allowed per run (each side, each run)
#   PERF_CPU=0       the core latency runs are pinned to (both ends, with taskset)
#   PERF_CALIBRATE=1 run C against C (an A/A run) to see this machine's noise floor
# Output: a markdown table on stdout; progress on stderr; every raw result in
# <target>/perf-vs-c/results.csv, C binaries and run logs next to it.
set -euo pipefail

N=${N:-5}
PERF_DIV=${PERF_DIV:-1}
PERF_SIZES=${PERF_SIZES:-"1 64 1024 65536"}
PERF_TIMEOUT=${PERF_TIMEOUT:-120}
PERF_CPU=${PERF_CPU:-0}

# Counts per size, chosen so one run takes about a second on a small machine
# and the whole script stays under ten minutes on two shared cores.
thr_count() { # transport size
    local n
    case "$1:$2" in
    tcp:1 | tcp:64) n=2000000 ;;
    tcp:1024) n=500000 ;;
    tcp:*) n=20000 ;;
    inproc:1 | inproc:64) n=5000000 ;;
    inproc:1024) n=2000000 ;;
    inproc:*) n=200000 ;;
    esac
    echo $((n / PERF_DIV > 2 ? n / PERF_DIV : 2))
}
lat_count() { # transport size
    local n
    case "$1" in
    tcp) n=20000 ;;
    inproc) n=50000 ;;
    esac
    echo $((n / PERF_DIV > 2 ? n / PERF_DIV : 2))
}

log() { echo "perf-vs-c: $*" >&2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

# --- 1. both sides' binaries (perf-common.sh sets rust_bin, c_bin, work) ---
source "$root/czmq-rs/benches/perf-common.sh"

# Calibration (A/A): the "Rust" column runs the C programs again, so the
# table shows how far two identical sides drift apart on this machine.
PERF_CALIBRATE=${PERF_CALIBRATE:-0}
if [[ $PERF_CALIBRATE == 1 ]]; then
    rust_bin=$c_bin
    log "calibration run: C against C (the Rust column is C again)"
fi

# --- 2. the runs ------------------------------------------------------------
# One run; prints the number (msg/s or us) or nothing on failure.
# run_one impl(c|rust) test(thr|lat) transport(tcp|inproc) size count
run_one() {
    local bin=$c_bin pin=() out="$work/logs/$1-$2-$3-$4.log" value
    [[ $1 == rust ]] && bin=$rust_bin
    [[ $2 == lat ]] && pin=(taskset -c "$PERF_CPU")
    local t=(timeout "$PERF_TIMEOUT")
    if [[ $3 == inproc ]]; then
        "${pin[@]}" "${t[@]}" "$bin/inproc_$2" "$4" "$5" >"$out" 2>&1 || return 0
    else
        next_port
        local ep="tcp://127.0.0.1:$port" far
        "${pin[@]}" "${t[@]}" "$bin/local_$2" "$ep" "$4" "$5" >"$out" 2>&1 &
        local near=$!
        # remote_lat starts its clock at once: a connect that misses the bind
        # would add libzmq's 100 ms reconnect interval to the first round trip.
        wait_listening "$port"
        "${pin[@]}" "${t[@]}" "$bin/remote_$2" "$ep" "$4" "$5" >>"$out" 2>&1 || far=failed
        wait "$near" || far=failed
        [[ -z ${far:-} ]] || return 0
    fi
    if [[ $2 == thr ]]; then
        value=$(sed -n 's/^mean throughput: \([0-9]*\) \[msg\/s\]$/\1/p' "$out")
    else
        value=$(sed -n 's/^average latency: \([0-9.]*\) \[us\]$/\1/p' "$out")
    fi
    echo "$value"
}

source "$root/czmq-rs/benches/stats.sh" # median

csv="$work/results.csv"
echo "test,transport,size,count,pair,impl,value" >"$csv"
rows=()
failures=0
for test in thr lat; do
    for transport in tcp inproc; do
        for size in $PERF_SIZES; do
            if [[ $test == thr ]]; then count=$(thr_count "$transport" "$size"); else count=$(lat_count "$transport"); fi
            c_vals=() rust_vals=() pair_ratios=()
            for ((i = 1; i <= N; i++)); do
                declare -A pair=()
                for impl in c rust; do
                    v=$(run_one "$impl" "$test" "$transport" "$size" "$count")
                    if [[ -z $v ]]; then
                        failures=$((failures + 1))
                        log "FAILED: $impl $test $transport $size B (see $work/logs)"
                        continue
                    fi
                    echo "$test,$transport,$size,$count,$i,$impl,$v" >>"$csv"
                    if [[ $impl == c ]]; then c_vals+=("$v"); else rust_vals+=("$v"); fi
                    pair[$impl]=$v
                done
                # The two runs of a pair are back to back and share the
                # machine's mood, so their ratio is less noisy than either.
                if [[ -n ${pair[c]:-} && -n ${pair[rust]:-} ]]; then
                    pair_ratios+=("$(awk -v c="${pair[c]}" -v r="${pair[rust]}" 'BEGIN { printf "%.4f", r / c }')")
                fi
                unset pair
            done
            c_med=$( ((${#c_vals[@]})) && printf '%s\n' "${c_vals[@]}" | median || true)
            rust_med=$( ((${#rust_vals[@]})) && printf '%s\n' "${rust_vals[@]}" | median || true)
            # Rust/C: throughput wants >= 0.97, latency <= 1.03.
            verdict=$(awk -v c="${c_med:-0}" -v r="${rust_med:-0}" -v t="$test" 'BEGIN {
                if (c <= 0 || r <= 0) { print "n/a | n/a"; exit }
                q = r / c
                ok = (t == "thr") ? (q >= 0.97) : (q <= 1.03)
                printf "%.3f | %s\n", q, ok ? "yes" : "**no**" }')
            unit=$([[ $test == thr ]] && echo "msg/s" || echo "us")
            paired=$( ((${#pair_ratios[@]})) && printf '%s\n' "${pair_ratios[@]}" | median || true)
            paired=$(awk -v p="${paired:-}" 'BEGIN { if (p == "") print "n/a"; else printf "%.3f\n", p }')
            rows+=("| $transport | $test | $size | $count | ${c_med:-n/a} | ${rust_med:-n/a} | $unit | $paired | $verdict |")
            log "$transport $test ${size} B: C ${c_vals[*]:-} / Rust ${rust_vals[*]:-} -> ${rows[-1]}"
        done
    done
done

echo "| transport | test | size (B) | count | C median | Rust median | unit | median of pair ratios | Rust/C (of medians) | meets target |"
echo "|---|---|---:|---:|---:|---:|---|---:|---:|---|"
printf '%s\n' "${rows[@]}"
echo
[[ $PERF_CALIBRATE == 1 ]] && echo "CALIBRATION RUN: both columns are libzmq's C programs (A/A)."
echo "N=$N pairs per case (C first, then Rust), medians; latency runs pinned with taskset -c $PERF_CPU."
echo "Targets: throughput Rust/C >= 0.97, latency Rust/C <= 1.03, judged on the ratio of the medians;"
echo "the median of the N per-pair ratios is shown beside it as a less noisy second reading. Raw results: $csv"
((failures == 0)) || { log "$failures runs failed"; exit 1; }
