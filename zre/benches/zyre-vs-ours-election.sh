#!/bin/sh
# Leader election time, Zyre 2.0.1 (C, built here with its draft API from
# its release source against Debian's CZMQ) against our node (release
# build), alternated run by run; prints each run and the medians.
#
#   N=7 NODES=4 CYCLES=40 zre/benches/zyre-vs-ours-election.sh
#
# Needs cc, pkg-config, libczmq-dev, and ../shared/external/zyre-2.0.1.tar.gz
# (or $CZMQ_RS_EXTERNAL). Zyre is extracted into the target directory, never
# into the repository.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
N=${N:-7}
NODES=${NODES:-4}
CYCLES=${CYCLES:-40}
BASEPORT=${BASEPORT:-47300}
target=${CARGO_TARGET_DIR:-$root/target}
external=${CZMQ_RS_EXTERNAL:-$root/../shared/external}
work="$target/zyre-vs-ours-election"
mkdir -p "$work"
if [ ! -f "$work/zyre-2.0.1/src/zyre_node.c" ]; then
    tar xzf "$external/zyre-2.0.1.tar.gz" -C "$work"
fi
: > "$work/platform.h"
zyre="$work/zyre-2.0.1/src"
cc -O2 -std=gnu99 -pthread -w -DZYRE_BUILD_DRAFT_API \
    -I"$work" -I"$work/zyre-2.0.1/include" -I"$zyre" \
    -o "$work/zyre_elect" "$here/zyre_elect.c" \
    "$zyre/zyre.c" "$zyre/zyre_event.c" "$zyre/zre_msg.c" "$zyre/zyre_peer.c" \
    "$zyre/zyre_group.c" "$zyre/zyre_election.c" "$zyre/zyre_node.c" \
    $(pkg-config --cflags --libs libczmq) -lzmq
(cd "$root" && cargo build --release -q -p zre --example zre_elect)
ours="$target/release/examples/zre_elect"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
: > "$work/zyre.txt"
: > "$work/ours.txt"
i=0
while [ "$i" -lt "$N" ]; do
    port=$((BASEPORT + (i % 4) * 20))
    for who in zyre ours; do
        if [ "$who" = zyre ]; then bin="$work/zyre_elect"; else bin="$ours"; fi
        out=$("$bin" "$NODES" "$CYCLES" "$port")
        leave=$(echo "$out" | awk '/leave_median_us/ { print $2 }')
        join=$(echo "$out" | awk '/join_median_us/ { print $2 }')
        echo "$who run $i: leader leaves, re-elected in ${leave} us; rejoins, elected in ${join} us"
        echo "$leave $join" >> "$work/$who.txt"
        port=$((port + 10))
    done
    i=$((i + 1))
done
for who in zyre ours; do
    leave=$(awk '{ print $1 }' "$work/$who.txt" | median)
    join=$(awk '{ print $2 }' "$work/$who.txt" | median)
    echo "$who: median of $N runs ($NODES nodes, $CYCLES cycles each): re-election after LEAVE ${leave} us, election after JOIN ${join} us"
done
