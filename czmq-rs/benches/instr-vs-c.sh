#!/usr/bin/env bash
# instr-vs-c.sh: instructions executed by libzmq's C perf programs against
# our Rust ports, counted by valgrind (callgrind), on the same libzmq.a.
#
# Timings on a shared 2-core machine spread by 15-100 % from run to run, so
# they cannot resolve the few per cent a wrapper might cost. Instruction
# counts repeat to about 0.01 % and show that cost directly: per message,
# what does the Rust side execute that the C side does not? (They do not
# show stalls, cache misses or scheduling: perf-vs-c.sh is the timing.)
#
# Usage: czmq-rs/benches/instr-vs-c.sh           (from anywhere in the workspace)
# Environment:
#   PERF_SIZES="1 64 1024 65536"   message sizes in bytes
#   PERF_TIMEOUT=300 seconds allowed per run
# Needs valgrind. For tcp, each process (receiver, then sender) is counted
# in its own run under valgrind while its peer of the same side runs
# natively; the two counts are added. Each case runs twice per side, with
# its full count and with 2 messages, and the table shows the difference
# divided by the difference in messages: the cost per message without
# start-up and shutdown (Rust's runtime start-up and thread spawn add about
# 270,000 instructions per process, which would otherwise read as 27 per
# message at 10,000 messages).
# Output: a markdown table on stdout; progress on stderr.
set -euo pipefail

PERF_SIZES=${PERF_SIZES:-"1 64 1024 65536"}
PERF_TIMEOUT=${PERF_TIMEOUT:-300}

log() { echo "instr-vs-c: $*" >&2; }

command -v valgrind >/dev/null || { log "valgrind is required (apt-get install valgrind)"; exit 1; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
source "$root/czmq-rs/benches/perf-common.sh"

# Messages per run: large enough that start-up is under 1 % of the count,
# small enough for valgrind (about 50 times slower than native).
instr_count() { # test size
    case "$1:$2" in
    thr:65536) echo 10000 ;;
    thr:*) echo 200000 ;;
    lat:*) echo 10000 ;;
    esac
}

# Instructions callgrind counted for one command; nothing on failure.
counted() { # command...
    local out
    out=$(timeout "$PERF_TIMEOUT" valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$@" 2>&1 >/dev/null) || return 0
    sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' <<<"$out"
}

# Instructions of one side (c|rust) for one case; nothing on failure.
instr_one() { # impl test transport size count
    local bin=$c_bin
    [[ $1 == rust ]] && bin=$rust_bin
    if [[ $3 == inproc ]]; then
        counted "$bin/inproc_$2" "$4" "$5"
        return
    fi
    local near far peer ep
    # The receiving (local_*) process counted, the sender native...
    next_port
    ep="tcp://127.0.0.1:$port"
    # (valgrind needs a second or so to start: wait_listening covers it.)
    near=$(
        counted "$bin/local_$2" "$ep" "$4" "$5" &
        wait_listening "$port"
        timeout "$PERF_TIMEOUT" "$bin/remote_$2" "$ep" "$4" "$5" >/dev/null || true
        wait
    )
    # ...then the sending (remote_*) process counted, the receiver native.
    next_port
    ep="tcp://127.0.0.1:$port"
    timeout "$PERF_TIMEOUT" "$bin/local_$2" "$ep" "$4" "$5" >/dev/null &
    peer=$!
    wait_listening "$port"
    far=$(counted "$bin/remote_$2" "$ep" "$4" "$5")
    wait "$peer" || far=""
    [[ -n $near && -n $far ]] && echo $((near + far))
}

rows=()
failures=0
for test in thr lat; do
    for transport in tcp inproc; do
        for size in $PERF_SIZES; do
            count=$(instr_count "$test" "$size")
            c=$(instr_one c "$test" "$transport" "$size" "$count")
            c0=$(instr_one c "$test" "$transport" "$size" 2)
            rust=$(instr_one rust "$test" "$transport" "$size" "$count")
            rust0=$(instr_one rust "$test" "$transport" "$size" 2)
            if [[ -z $c || -z $c0 || -z $rust || -z $rust0 ]]; then
                failures=$((failures + 1))
                log "FAILED: $test $transport $size B (C '$c' '$c0', Rust '$rust' '$rust0')"
                continue
            fi
            # Per message for throughput, per round trip for latency.
            rows+=("$(awk -v t="$transport" -v k="$test" -v s="$size" -v n="$count" \
                -v c="$c" -v c0="$c0" -v r="$rust" -v r0="$rust0" 'BEGIN {
                cm = (c - c0) / (n - 2); rm = (r - r0) / (n - 2)
                printf "| %s | %s | %s | %d | %d | %d | %.1f | %.1f | %+.1f | %.4f |",
                    t, k, s, n, c, r, cm, rm, rm - cm, rm / cm }')")
            log "${rows[-1]}"
        done
    done
done

echo "| transport | test | size (B) | count | C instructions | Rust instructions | C per msg | Rust per msg | Rust - C per msg | Rust/C per msg |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Counted by valgrind --tool=callgrind, whole processes (all threads); per message = (count run - 2-message run) / (count - 2);"
echo "tcp adds the receiver's and the sender's counts. Latency: per round trip. Throughput counts"
echo "repeat to about 0.01 %; latency counts vary by about 0.3 % between runs of the same binary,"
echo "because which wait/wake-up path libzmq takes depends on how its threads interleave."
((failures == 0)) || { log "$failures cases failed"; exit 1; }
