#!/bin/sh
# WHISPER round trip and SHOUT fan-out, Zyre 2.0.1 (C, built here from its
# release source against Debian's CZMQ) against our node (release build),
# alternated run by run; prints each run and the medians.
#
#   N=5 ROUNDS=10000 SHOUTS=20000 LISTENERS=3 zre/benches/zyre-vs-ours.sh
#
# Needs cc, pkg-config, libczmq-dev, and ../shared/external/zyre-2.0.1.tar.gz
# (or $CZMQ_RS_EXTERNAL). Zyre is extracted into the target directory, never
# into the repository.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
N=${N:-5}
ROUNDS=${ROUNDS:-10000}
SHOUTS=${SHOUTS:-20000}
LISTENERS=${LISTENERS:-3}
BASEPORT=${BASEPORT:-47100}
target=${CARGO_TARGET_DIR:-$root/target}
external=${CZMQ_RS_EXTERNAL:-$root/../shared/external}
work="$target/zyre-vs-ours"
mkdir -p "$work"
if [ ! -f "$work/zyre-2.0.1/src/zyre_node.c" ]; then
    tar xzf "$external/zyre-2.0.1.tar.gz" -C "$work"
fi
: > "$work/platform.h"
zyre="$work/zyre-2.0.1/src"
cc -O2 -std=gnu99 -pthread -w -I"$work" -I"$work/zyre-2.0.1/include" -I"$zyre" \
    -o "$work/zyre_perf" "$here/zyre_perf.c" \
    "$zyre/zyre.c" "$zyre/zyre_event.c" "$zyre/zre_msg.c" "$zyre/zyre_peer.c" \
    "$zyre/zyre_group.c" "$zyre/zyre_election.c" "$zyre/zyre_node.c" \
    $(pkg-config --cflags --libs libczmq) -lzmq
(cd "$root" && cargo build --release -q -p zre --example zre_perf)
ours="$target/release/examples/zre_perf"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
: > "$work/zyre.txt"
: > "$work/ours.txt"
i=0
while [ "$i" -lt "$N" ]; do
    port=$((BASEPORT + (i % 4) * 20))
    for who in zyre ours; do
        if [ "$who" = zyre ]; then bin="$work/zyre_perf"; else bin="$ours"; fi
        out=$("$bin" "$ROUNDS" "$SHOUTS" "$LISTENERS" "$port")
        rtt=$(echo "$out" | awk '/rtt_median_us/ { print $2 }')
        rate=$(echo "$out" | awk '/shout_per_s/ { print $2 }')
        echo "$who run $i: WHISPER round trip median ${rtt} us, SHOUT fan-out ${rate}/s"
        echo "$rtt $rate" >> "$work/$who.txt"
        port=$((port + 10))
    done
    i=$((i + 1))
done
for who in zyre ours; do
    rtt=$(awk '{ print $1 }' "$work/$who.txt" | median)
    rate=$(awk '{ print $2 }' "$work/$who.txt" | median)
    echo "$who: median of $N runs: WHISPER round trip ${rtt} us, SHOUT fan-out ${rate} SHOUTs/s to $LISTENERS listeners"
done
