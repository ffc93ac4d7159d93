#!/usr/bin/env bash
# gossip-vs-czmq.sh: gossip convergence, our nodes (gossip/examples/gossip_bench.rs)
# against CZMQ 4.2.1's zgossip (gossip/benches/czmq_gossip_bench.c), N nodes in
# one process, same topology, same work: node 0 publishes TUPLES tuples, we time
# until every node has delivered all of them and count the ZGP messages sent
# from the first publish until 1 s after convergence (issue 4).
#
# Usage: gossip/benches/gossip-vs-czmq.sh          (from anywhere in the workspace)
# Environment:
#   N=3                  pairs of runs per case (C, Rust, C, Rust, ...); medians of N
#   TUPLES=1000          tuples published per run
#   SEED=1               seed of the random topology
#   GOSSIP_NODES="10 100"
#   GOSSIP_TIMEOUT=120   seconds allowed per run; a run over it counts as a failure
#   GOSSIP_TRANSPORTS="inproc tcp"
#                        inproc uses no ports at all; tcp binds tcp://127.0.0.1:*
#                        (kernel-chosen ports, as tests do: never run it with tests)
# Output: a markdown table on stdout; progress on stderr; every raw result in
# <target>/gossip-vs-czmq/results.csv, binaries and run logs next to it.
#
# Messages are counted the same way on both sides: every successful send that
# ends a message (no ZMQ_SNDMORE) on a ROUTER or DEALER socket. The C program
# interposes libzmq's send functions (-rdynamic, dlsym RTLD_NEXT); our example
# has libzmq linked statically, so it is linked with ld --wrap on the same
# functions and the same counter code (czmq_gossip_bench.c -DZGP_COUNT_WRAP).
set -euo pipefail

N=${N:-3}
TUPLES=${TUPLES:-1000}
SEED=${SEED:-1}
GOSSIP_NODES=${GOSSIP_NODES:-"10 100"}
GOSSIP_TIMEOUT=${GOSSIP_TIMEOUT:-120}
GOSSIP_TRANSPORTS=${GOSSIP_TRANSPORTS:-"inproc tcp"}

log() { echo "gossip-vs-czmq: $*" >&2; }
die() { log "$*"; exit 1; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

for tool in gcc jq pkg-config timeout; do
    command -v "$tool" >/dev/null || die "missing $tool"
done
pkg-config --exists libczmq || die "libczmq not found by pkg-config (install libczmq-dev)"
czmq_version=$(pkg-config --modversion libczmq)
[[ $czmq_version == 4.2.* ]] || log "warning: CZMQ is $czmq_version, the C side was written for 4.2.1"

# 100 CZMQ nodes hold about 1,100 sockets, each with an eventfd, plus tcp
# connections; raise the open-file limit as far as we may.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
log "open files limit: $(ulimit -n)"

target_dir=$(cargo metadata --format-version 1 --no-deps | jq -r .target_directory)
work="$target_dir/gossip-vs-czmq"
mkdir -p "$work/logs"

# --- 1. the C program, and the same counter as an object for ld --wrap ----
src="$root/gossip/benches/czmq_gossip_bench.c"
log "building $work/czmq_gossip_bench on CZMQ $czmq_version"
# shellcheck disable=SC2046  # pkg-config output is a list of flags
gcc -O2 -Wall -o "$work/czmq_gossip_bench" "$src" -rdynamic \
    $(pkg-config --cflags --libs libczmq) -lzmq -ldl -lpthread
gcc -O2 -Wall -fPIC -DZGP_COUNT_WRAP -c -o "$work/zgp_count_wrap.o" "$src"

# --- 2. our example, release, with the counter linked in ------------------
# cargo rustc passes the extra flags to the example's link only; the library
# and its dependencies are the ordinary release build.
log "building the Rust example (release, vendored libzmq, counter via ld --wrap)"
build_json=$(cargo rustc --release -p gossip --example gossip_bench --message-format=json -- \
    -C "link-arg=$work/zgp_count_wrap.o" \
    -C link-arg=-Wl,--wrap=zmq_send \
    -C link-arg=-Wl,--wrap=zmq_msg_send \
    -C link-arg=-Wl,--wrap=zmq_sendmsg \
    -C link-arg=-Wl,--export-dynamic-symbol=zgp_bench_sent)
exe=$(jq -r 'select(.reason == "compiler-artifact" and .target.name == "gossip_bench"
    and (.target.kind | index("example"))) | .executable' <<<"$build_json")
[[ -x $exe ]] || die "no gossip_bench executable from cargo"
cp "$exe" "$work/gossip_bench"
nm -D "$work/gossip_bench" | grep -q ' zgp_bench_sent$' ||
    die "the counter is not linked into gossip_bench"

# --- 3. the runs ------------------------------------------------------------
csv="$work/results.csv"
echo "impl,transport,topology,nodes,tuples,run,converge_ms,messages,messages_per_tuple,messages_to_converge,edges" >"$csv"

field() { # file name: the value of "result <name> v", or empty
    awk -v n="$2" '$1 == "result" && $2 == n { print $3 }' "$1"
}

# run_one impl(c|rust) transport topology nodes run: appends one csv row
run_one() {
    local bin="$work/czmq_gossip_bench" out="$work/logs/$1-$2-$3-$4-$5.log"
    [[ $1 == rust ]] && bin="$work/gossip_bench"
    local rc=0
    timeout "$GOSSIP_TIMEOUT" "$bin" "$2" "$3" "$4" "$TUPLES" "$SEED" >"$out" 2>&1 || rc=$?
    ((rc == 0)) || log "$1 $2 $3 $4 run $5 FAILED (exit $rc, 124 = timeout; log $out)"
    local ms msgs mpt conv edges
    ms=$(field "$out" converge_ms)
    msgs=$(field "$out" messages)
    mpt=$(field "$out" messages_per_tuple)
    conv=$(field "$out" messages_to_converge)
    edges=$(awk '$1 == "info" && $2 == "edges" { print $3 "/" $5 }' "$out")
    [[ $ms =~ ^[0-9.]+$ ]] || ms=fail
    echo "$1,$2,$3,$4,$TUPLES,$5,$ms,${msgs:-},${mpt:-},${conv:-},${edges:-}" >>"$csv"
    log "$1 $2 $3 $4 run $5: converge_ms=$ms messages_per_tuple=${mpt:-?} edges=${edges:-?}"
}

cases=()
for transport in $GOSSIP_TRANSPORTS; do
    for topo in ring random; do
        for nodes in $GOSSIP_NODES; do
            cases+=("$transport $topo $nodes")
        done
    done
done

started=$(date -u +'%Y-%m-%d %H:%M UTC')
for c in "${cases[@]}"; do
    read -r transport topo nodes <<<"$c"
    for ((run = 1; run <= N; run++)); do
        run_one c "$transport" "$topo" "$nodes" "$run"
        run_one rust "$transport" "$topo" "$nodes" "$run"
    done
    # Both programs print their topology (edge count / hash): must agree.
    topologies=$(awk -F, -v t="$transport" -v p="$topo" -v n="$nodes" \
        '$2 == t && $3 == p && $4 == n && $11 != "" { print $11 }' "$csv" | sort -u)
    (($(wc -l <<<"$topologies") == 1)) ||
        die "C and Rust built different topologies for $c: $(echo $topologies)"
done

# --- 4. the table -----------------------------------------------------------
# column impl transport topology nodes: values of csv column (numbers only)
values() {
    awk -F, -v col="$1" -v i="$2" -v t="$3" -v p="$4" -v n="$5" \
        '$1 == i && $2 == t && $3 == p && $4 == n && $col ~ /^[0-9.]+$/ { print $col }' "$csv"
}
source "$root/czmq-rs/benches/stats.sh" # median
median_or_dash() { # numbers on stdin -> median, or "-" if none
    local m
    m=$(median)
    echo "${m:--}"
}
ratio() { # a b -> a/b, or "-"
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f\n", a / b }'
}
# Median over pairs (same run number, both sides converged) of ours/CZMQ time.
pair_ratio() { # transport topology nodes
    awk -F, -v t="$1" -v p="$2" -v n="$3" '
        $2 == t && $3 == p && $4 == n && $7 ~ /^[0-9.]+$/ { ms[$1, $6] = $7 }
        END { for (k in ms) { split(k, a, SUBSEP); if (a[1] == "rust" && ms["c", a[2]] > 0)
                  printf "%.4f\n", ms[k] / ms["c", a[2]] } }' "$csv" | median_or_dash |
        awk '{ if ($1 == "-") print "-"; else printf "%.2f\n", $1 }'
}
fails() { # impl transport topology nodes -> count of failed runs
    awk -F, -v i="$1" -v t="$2" -v p="$3" -v n="$4" \
        '$1 == i && $2 == t && $3 == p && $4 == n && $7 == "fail" { f++ } END { print f + 0 }' "$csv"
}

echo "Gossip convergence, $TUPLES tuples from node 0, medians of N=$N pairs (C, Rust alternating), seed $SEED; $started"
echo
echo "| transport | topology | nodes | CZMQ converge ms | ours converge ms | ours/CZMQ | median pair ratio | CZMQ msgs/tuple | ours msgs/tuple | CZMQ/ours msgs | meets target |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for c in "${cases[@]}"; do
    read -r transport topo nodes <<<"$c"
    c_ms=$(values 7 c "$transport" "$topo" "$nodes" | median_or_dash)
    r_ms=$(values 7 rust "$transport" "$topo" "$nodes" | median_or_dash)
    c_mpt=$(values 9 c "$transport" "$topo" "$nodes" | median_or_dash)
    r_mpt=$(values 9 rust "$transport" "$topo" "$nodes" | median_or_dash)
    t_ratio=$(ratio "$r_ms" "$c_ms")
    m_ratio=$(ratio "$c_mpt" "$r_mpt")
    p_ratio=$(pair_ratio "$transport" "$topo" "$nodes")
    c_fail=$(fails c "$transport" "$topo" "$nodes")
    r_fail=$(fails rust "$transport" "$topo" "$nodes")
    ((c_fail > 0)) && c_ms="$c_ms ($c_fail/$N failed)"
    ((r_fail > 0)) && r_ms="$r_ms ($r_fail/$N failed)"
    target="-"
    if ((nodes == 100)); then
        target=$(awk -v t="$t_ratio" -v m="$m_ratio" -v f="$r_fail" 'BEGIN {
            if (t == "-" || m == "-" || f > 0) { print "no (no data)"; exit }
            fast = (t < 1); few = (m >= 2)
            if (fast && few) print "yes"
            else if (fast) print "no (messages)"
            else if (few) print "no (time)"
            else print "no (time, messages)" }')
    fi
    echo "| $transport | $topo | $nodes | $c_ms | $r_ms | $t_ratio | $p_ratio | $c_mpt | $r_mpt | $m_ratio | $target |"
done
log "raw results: $csv"
