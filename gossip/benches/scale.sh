#!/usr/bin/env bash
# scale.sh: how gossip dissemination scales to 10, 100 and 1,000 nodes
# (issue 16 item 6).
#
# 1. The in-process simulation (gossip/examples/scale_sim.rs over
#    gossip/tests/sim): the real node logic, virtual time, links of 0.5-1.5 ms,
#    the actor's 25 ms tick. Flooding against eager/lazy push on the same
#    ring and random (degree about 4) topologies as gossip-vs-czmq.sh, at 10,
#    100 and 1,000 nodes; then 10 % of a network killed after warm-up.
# 2. Our real actors over inproc (no ports at all) at REAL_NODES nodes, the
#    random topology: gossip_bench as gossip-vs-czmq.sh builds it, with the
#    message counter linked in. Run gossip-vs-czmq.sh first (it also gives
#    CZMQ's figures at 10 and 100 nodes, which this script does not repeat).
#
# Usage: gossip/benches/scale.sh
# Environment:
#   TUPLES=100        tuples measured per simulated case (after 5 warm-up ones)
#   SEED=1
#   N=3               real runs at REAL_NODES (medians)
#   REAL_NODES=1000   "" skips step 2
#   REAL_TUPLES=100      (1,000 tuples at 1,000 nodes is more work than 2 cores do in the
#                        harness's 60 s: see BENCHMARKS.md)
#   GOSSIP_TIMEOUT=300
set -euo pipefail

TUPLES=${TUPLES:-100}
SEED=${SEED:-1}
N=${N:-3}
REAL_NODES=${REAL_NODES-1000}
REAL_TUPLES=${REAL_TUPLES:-100}
GOSSIP_TIMEOUT=${GOSSIP_TIMEOUT:-300}

log() { echo "scale: $*" >&2; }
die() { log "$*"; exit 1; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
command -v jq >/dev/null || die "missing jq"
target_dir=$(cargo metadata --format-version 1 --no-deps | jq -r .target_directory)

log "simulation: $TUPLES tuples per case, seed $SEED"
echo "Simulation (\`cargo run --release -p gossip --example scale_sim -- $TUPLES $SEED\`), $(date -u +'%Y-%m-%d %H:%M UTC')"
echo
cargo run --release -q -p gossip --example scale_sim -- "$TUPLES" "$SEED"

[[ -n $REAL_NODES ]] || exit 0
bin="$target_dir/gossip-vs-czmq/gossip_bench"
[[ -x $bin ]] || die "no $bin: run gossip/benches/gossip-vs-czmq.sh first"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
mkdir -p "$target_dir/scale/logs"
field() { awk -v n="$2" '$1 == "result" && $2 == n { print $3 }' "$1"; }
source "$root/czmq-rs/benches/stats.sh" # median
ms_list=()
mpt_list=()
for ((run = 1; run <= N; run++)); do
    out="$target_dir/scale/logs/rust-inproc-random-$REAL_NODES-$run.log"
    rc=0
    timeout "$GOSSIP_TIMEOUT" "$bin" inproc random "$REAL_NODES" "$REAL_TUPLES" "$SEED" >"$out" 2>&1 || rc=$?
    ms=$(field "$out" converge_ms)
    mpt=$(field "$out" messages_per_tuple)
    log "real inproc random $REAL_NODES run $run: exit $rc converge_ms=${ms:-fail} messages_per_tuple=${mpt:-?}"
    [[ $rc == 0 && $ms =~ ^[0-9.]+$ ]] || continue
    ms_list+=("$ms")
    mpt_list+=("$mpt")
done
echo
echo "Real actors, inproc, random topology, $REAL_NODES nodes, $REAL_TUPLES tuples from node 0: ${#ms_list[@]} of $N runs converged"
echo
echo "| nodes | converge ms (median) | msgs/tuple (median) |"
echo "|---:|---:|---:|"
m1=$(printf '%s\n' "${ms_list[@]}" | median)
m2=$(printf '%s\n' "${mpt_list[@]}" | median)
echo "| $REAL_NODES | ${m1:--} | ${m2:--} |"
