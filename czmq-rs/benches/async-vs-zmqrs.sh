#!/usr/bin/env bash
# async-vs-zmqrs.sh: libzmq's perf tools three ways in one run, over tcp on
# loopback: our blocking ports (czmq-rs/examples/{local,remote}_{thr,lat}.rs),
# our AsyncSocket tools (czmq-rs/examples/async_perf.rs, current-thread tokio)
# and zmq.rs's (crate zeromq, czmq-rs/benches/zmqrs/, current-thread tokio).
# Same socket types on all three: PUSH/PULL for throughput, REQ/REP for
# latency. The sides alternate run by run (blocking, async, zmq.rs,
# blocking, ...), the table quotes medians and the ratios async/blocking and
# async/zmq.rs. Latency runs are pinned to one core with taskset, both ends.
#
# Usage: czmq-rs/benches/async-vs-zmqrs.sh     (from anywhere in the workspace)
# Environment:
#   N=5              rounds per case (one run of each side per round); medians of N
#   PERF_DIV=1       divide every message/roundtrip count by this (quick checks)
#   PERF_SIZES="1 64 1024 65536"   message sizes in bytes
#   PERF_TESTS="thr lat"           which tests
#   PERF_TIMEOUT=120 seconds allowed per run (each side, each run)
#   PERF_CPU=0       the core latency runs are pinned to
#   PERF_PIN=1       0: latency runs unpinned (the scheduler places the
#                    threads: libzmq's I/O threads then get cores of their own)
#   INSTR=1          instead of timings: instructions per message of each
#                    throughput process (valgrind's callgrind), for when the
#                    machine is too loaded for timings to mean much
#   INSTR_BIG=200000 INSTR_SMALL=2000   the two message counts INSTR=1 runs
#   ZMQRS_MANIFEST=czmq-rs/benches/zmqrs/Cargo.toml   another copy of the
#                    zmq.rs tools (e.g. with another zeromq version pinned)
# Output: a markdown table on stdout, progress on stderr, raw results in
# <target>/async-vs-zmqrs/results.csv.
set -euo pipefail

N=${N:-5}
PERF_DIV=${PERF_DIV:-1}
PERF_SIZES=${PERF_SIZES:-"1 64 1024 65536"}
PERF_TESTS=${PERF_TESTS:-"thr lat"}
PERF_TIMEOUT=${PERF_TIMEOUT:-120}
PERF_CPU=${PERF_CPU:-0}
PERF_PIN=${PERF_PIN:-1}
sides=(blocking async zmqrs)

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

log() { echo "async-vs-zmqrs: $*" >&2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
zmqrs_manifest=$(realpath "${ZMQRS_MANIFEST:-$root/czmq-rs/benches/zmqrs/Cargo.toml}")

log "building our blocking and async perf examples (release)"
cargo build --release -p czmq-rs --features tokio \
    --example local_thr --example remote_thr --example local_lat --example remote_lat \
    --example async_perf >&2
target_dir=$(cargo metadata --format-version 1 --no-deps | jq -r .target_directory)
zmqrs_version=$(cargo metadata --format-version 1 --locked --manifest-path "$zmqrs_manifest" |
    jq -r '.packages[] | select(.name == "zeromq") | .version')
# A target directory per zeromq version: the copies share binary names.
zmqrs_target="$target_dir/zmqrs-$zmqrs_version"
log "building zmq.rs's perf tools (release, zeromq $zmqrs_version, $zmqrs_manifest and its Cargo.lock)"
cargo build --release --locked --manifest-path "$zmqrs_manifest" --target-dir "$zmqrs_target" >&2
bin="$target_dir/release/examples"
zbin="$zmqrs_target/release"
work="$target_dir/async-vs-zmqrs"
mkdir -p "$work/logs"

# tool side role(local|remote) test(thr|lat): sets the array `cmd`.
tool() {
    case "$1" in
    blocking) cmd=("$bin/$2_$3") ;;
    async) cmd=("$bin/async_perf" "$2_$3") ;;
    zmqrs) cmd=("$zbin/$2_$3") ;;
    esac
}

# Ports 49000-49899: above the tests' leases (20000-29999), apart from
# async-vs-blocking.sh's (40000-48999), never reused in one run while free
# ones remain.
port=$((49000 + RANDOM % 900))
next_port() {
    local tries=900
    port=$((49000 + (port + 1 - 49000) % 900))
    while ((tries-- > 0)) && ss -Htln "sport = :$port" 2>/dev/null | grep -q .; do
        port=$((49000 + (port + 1 - 49000) % 900))
    done
}
wait_listening() { # port; gives up after 5 s
    local tries=500
    while ((tries-- > 0)) && ! ss -Htln "sport = :$1" 2>/dev/null | grep -q .; do sleep 0.01; done
}

# run_one side test(thr|lat) size count: prints the number (msg/s or us),
# or nothing on failure.
run_one() {
    local out="$work/logs/$1-$2-$3.log" pin=() near far="" value cmd local_cmd remote_cmd
    [[ $2 == lat && $PERF_PIN == 1 ]] && pin=(taskset -c "$PERF_CPU")
    local t=(timeout "$PERF_TIMEOUT")
    tool "$1" local "$2"
    local_cmd=("${cmd[@]}")
    tool "$1" remote "$2"
    remote_cmd=("${cmd[@]}")
    next_port
    local ep="tcp://127.0.0.1:$port"
    "${pin[@]}" "${t[@]}" "${local_cmd[@]}" "$ep" "$3" "$4" >"$out" 2>&1 &
    near=$!
    wait_listening "$port"
    "${pin[@]}" "${t[@]}" "${remote_cmd[@]}" "$ep" "$3" "$4" >>"$out" 2>&1 || far=failed
    wait "$near" || far=failed
    [[ -z $far ]] || return 0
    if [[ $2 == thr ]]; then
        value=$(sed -n 's/^mean throughput: \([0-9]*\) \[msg\/s\]$/\1/p' "$out")
    else
        value=$(sed -n 's/^average latency: \([0-9.]*\) \[us\]$/\1/p' "$out")
    fi
    echo "$value"
}

log "start $(date -u +%FT%TZ); load: $(uptime)"

# --- INSTR=1: instructions per message, receiver and sender --------------
# Each process is counted in its own run under callgrind while its peer runs
# natively; each at INSTR_BIG and INSTR_SMALL messages, and the difference
# divided by the difference in messages is the cost per message without
# start-up. All threads of the process are counted (libzmq's I/O thread for
# ours; zmq.rs runs everything on the runtime's one thread).
if [[ ${INSTR:-0} == 1 ]]; then
    command -v valgrind >/dev/null || { log "valgrind is required"; exit 1; }
    big=${INSTR_BIG:-200000} small=${INSTR_SMALL:-2000}
    count_one() { # side role(local|remote) size count: prints Ir of that process
        local side=$1 role=$2 size=$3 n=$4 cg="$work/logs/cg.out" out="$work/logs/instr.log" cmd lc rc
        tool "$side" local thr
        lc=("${cmd[@]}")
        tool "$side" remote thr
        rc=("${cmd[@]}")
        local vg=(valgrind --tool=callgrind --callgrind-out-file="$cg")
        local lpre=() rpre=()
        if [[ $role == local ]]; then lpre=("${vg[@]}"); else rpre=("${vg[@]}"); fi
        rm -f "$cg"
        next_port
        local ep="tcp://127.0.0.1:$port"
        timeout "$PERF_TIMEOUT" "${lpre[@]}" "${lc[@]}" "$ep" "$size" "$n" >"$out" 2>&1 &
        local near=$!
        wait_listening "$port"
        timeout "$PERF_TIMEOUT" "${rpre[@]}" "${rc[@]}" "$ep" "$size" "$n" >>"$out" 2>&1
        wait "$near"
        # callgrind writes one summary per thread with --separate-threads;
        # without it, one total.
        sed -n 's/^summary: \([0-9]*\)$/\1/p' "$cg"
    }
    echo "| size (B) | process | blocking instr/msg | async instr/msg | zmq.rs instr/msg | async/blocking | async/zmq.rs |"
    echo "|---:|---|---:|---:|---:|---:|---:|"
    for size in $PERF_SIZES; do
        for role in local remote; do
            declare -A per=()
            for side in "${sides[@]}"; do
                hi=$(count_one "$side" "$role" "$size" "$big")
                lo=$(count_one "$side" "$role" "$size" "$small")
                per[$side]=$(awk -v h="$hi" -v l="$lo" -v b="$big" -v s="$small" 'BEGIN { printf "%.0f", (h - l) / (b - s) }')
                log "instr $side ${role}_thr $size B: $hi at $big, $lo at $small -> ${per[$side]}/msg"
            done
            name=$([[ $role == local ]] && echo "receiver (local_thr, PULL)" || echo "sender (remote_thr, PUSH)")
            ratios=$(awk -v b="${per[blocking]}" -v a="${per[async]}" -v z="${per[zmqrs]}" \
                'BEGIN { printf "%.2f | %.2f", a / b, a / z }')
            echo "| $size | $name | ${per[blocking]} | ${per[async]} | ${per[zmqrs]} | $ratios |"
            unset per
        done
    done
    echo
    echo "Instructions per message: (count at $big - count at $small) / $((big - small)), one process under callgrind at a time; zmq.rs is zeromq $zmqrs_version."
    log "end $(date -u +%FT%TZ); load: $(uptime)"
    exit 0
fi

source "$root/czmq-rs/benches/stats.sh" # median

csv="$work/results.csv"
echo "test,size,count,round,side,value" >"$csv"
rows=()
failures=0
for test in $PERF_TESTS; do
    for size in $PERF_SIZES; do
        if [[ $test == thr ]]; then count=$(thr_count "$size"); else count=$(lat_count); fi
        declare -A vals=([blocking]="" [async]="" [zmqrs]="")
        for ((i = 1; i <= N; i++)); do
            for side in "${sides[@]}"; do
                v=$(run_one "$side" "$test" "$size" "$count")
                if [[ -z $v ]]; then
                    failures=$((failures + 1))
                    log "FAILED: $side $test $size B (see $work/logs/$side-$test-$size.log)"
                    cp "$work/logs/$side-$test-$size.log" "$work/logs/$side-$test-$size.failed-$i.log" || true
                    continue
                fi
                echo "$test,$size,$count,$i,$side,$v" >>"$csv"
                vals[$side]+="$v "
            done
        done
        declare -A med=()
        for side in "${sides[@]}"; do
            # shellcheck disable=SC2086 # word splitting wanted
            med[$side]=$( [[ -n ${vals[$side]} ]] && printf '%s\n' ${vals[$side]} | median || true)
        done
        # Targets (issue 15): throughput >= 0.8x blocking and >= 2x zmq.rs at
        # 1 B; latency within 1.3x of blocking.
        verdict=$(awk -v b="${med[blocking]:-0}" -v a="${med[async]:-0}" -v z="${med[zmqrs]:-0}" \
            -v t="$test" -v s="$size" 'BEGIN {
            qb = (b > 0 && a > 0) ? sprintf("%.3f", a / b) : "n/a"
            qz = (z > 0 && a > 0) ? sprintf("%.3f", a / z) : "n/a"
            okb = ""; okz = ""
            if (t == "lat" && b > 0 && a > 0) okb = (a / b <= 1.3) ? " (≤ 1.3: yes)" : " (≤ 1.3: **no**)"
            if (t == "thr" && s == 1 && b > 0 && a > 0) okb = (a / b >= 0.8) ? " (≥ 0.8: yes)" : " (≥ 0.8: **no**)"
            if (t == "thr" && s == 1 && z > 0 && a > 0) okz = (a / z >= 2) ? " (≥ 2: yes)" : " (≥ 2: **no**)"
            printf "%s%s | %s%s\n", qb, okb, qz, okz }')
        unit=$([[ $test == thr ]] && echo "msg/s" || echo "us")
        rows+=("| $test | $size | $count | ${med[blocking]:-n/a} | ${med[async]:-n/a} | ${med[zmqrs]:-n/a} | $unit | $verdict |")
        log "$test $size B: blocking ${vals[blocking]}/ async ${vals[async]}/ zmq.rs ${vals[zmqrs]}-> ${rows[-1]}"
        unset vals med
    done
done

echo "| test | size (B) | count | blocking | async | zmq.rs | unit | async/blocking | async/zmq.rs |"
echo "|---|---:|---:|---:|---:|---:|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
pinning="pinned with taskset -c $PERF_CPU (both ends)"
[[ $PERF_PIN == 1 ]] || pinning="unpinned"
echo "tcp over loopback; N=$N rounds per case (blocking, async, zmq.rs), medians; latency $pinning; zmq.rs is zeromq $zmqrs_version."
echo "Raw results: $csv"
log "end $(date -u +%FT%TZ); load: $(uptime)"
((failures == 0)) || { log "$failures runs failed"; exit 1; }
