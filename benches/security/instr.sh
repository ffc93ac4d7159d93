#!/bin/sh
# Instructions per message with and without CURVE (issue 13), for when
# timings are too noisy: local_thr and remote_thr both run under callgrind,
# twice (N1 and N2 messages); per message = (Ir(N2) - Ir(N1)) / (N2 - N1),
# both processes summed, so connection setup and the CURVE handshake cancel
# out. Then the same for auth_bench (authenticated connections through
# zauth, CZMQ's and ours): Ir per connection from 20 and 70 connections.
# Needs the release examples and the two auth_bench programs, which
# benches/security/run.sh builds.
#
#   benches/security/instr.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="$root/target/release/examples"
work="$root/target/security-bench/instr"
mkdir -p "$work"
port=31500

ir() { # size count curve -> instructions of both sides
    port=$((port + 1))
    while ss -Htln "sport = :$port" 2>/dev/null | grep -q .; do port=$((port + 1)); done
    valgrind --tool=callgrind --callgrind-out-file="$work/local.cg" \
        "$bin/local_thr" "tcp://127.0.0.1:$port" "$1" "$2" "$3" > /dev/null 2> "$work/local.err" &
    pid=$!
    # ZeroMQ reconnects, so the sender may start before the receiver binds.
    timeout 600 valgrind --tool=callgrind --callgrind-out-file="$work/remote.cg" \
        "$bin/remote_thr" "tcp://127.0.0.1:$port" "$1" "$2" "$3" 2> "$work/remote.err"
    wait $pid
    cat "$work/local.err" "$work/remote.err" | awk '/Collected :/ { s += $4 } END { print s }'
}

echo "| size | plain Ir/msg | CURVE Ir/msg | CURVE / plain |"
echo "|---:|---:|---:|---:|"
for case in "1 2000 12000" "64 2000 12000" "1024 1000 6000" "65536 50 300"; do
    set -- $case
    size=$1 n1=$2 n2=$3
    p1=$(ir "$size" "$n1" 0); p2=$(ir "$size" "$n2" 0)
    c1=$(ir "$size" "$n1" 1); c2=$(ir "$size" "$n2" 1)
    awk -v s="$size" -v n1="$n1" -v n2="$n2" -v p1="$p1" -v p2="$p2" -v c1="$c1" -v c2="$c2" 'BEGIN {
        p = (p2 - p1) / (n2 - n1); c = (c2 - c1) / (n2 - n1)
        printf "| %d | %.0f | %.0f | %.1f |\n", s, p, c, c / p }'
done

echo
echo "| zauth | Ir per authenticated connection (both sides, zauth, libzmq, libsodium) |"
echo "|---|---:|"
for side in czmq ours; do
    for n in 20 70; do
        valgrind --tool=callgrind --callgrind-out-file="$work/auth.cg" \
            "$root/target/security-bench/auth-$side" "$n" > /dev/null 2> "$work/auth-$n.err"
    done
    awk '/Collected :/ { v[FILENAME] = $4 } END {
        printf "| %s | %.0f |\n", side, (v[f70] - v[f20]) / 50 }' side="$side" \
        f20="$work/auth-20.err" f70="$work/auth-70.err" "$work/auth-20.err" "$work/auth-70.err"
done
