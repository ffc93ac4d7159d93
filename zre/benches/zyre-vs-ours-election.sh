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
. "$here/zyre-common.sh"
N=${N:-7}
NODES=${NODES:-4}
CYCLES=${CYCLES:-40}
BASEPORT=${BASEPORT:-47300}
zyre_bench zyre_elect -DZYRE_BUILD_DRAFT_API
ours=$(our_example zre_elect)

: > "$work/election-zyre.txt"
: > "$work/election-ours.txt"
i=0
while [ "$i" -lt "$N" ]; do
    port=$((BASEPORT + (i % 4) * 20))
    for who in zyre ours; do
        if [ "$who" = zyre ]; then bin="$work/zyre_elect"; else bin="$ours"; fi
        out=$("$bin" "$NODES" "$CYCLES" "$port")
        leave=$(echo "$out" | awk '/leave_median_us/ { print $2 }')
        join=$(echo "$out" | awk '/join_median_us/ { print $2 }')
        echo "$who run $i: leader leaves, re-elected in ${leave} us; rejoins, elected in ${join} us"
        echo "$leave $join" >> "$work/election-$who.txt"
        port=$((port + 10))
    done
    i=$((i + 1))
done
for who in zyre ours; do
    leave=$(awk '{ print $1 }' "$work/election-$who.txt" | median)
    join=$(awk '{ print $2 }' "$work/election-$who.txt" | median)
    echo "$who: median of $N runs ($NODES nodes, $CYCLES cycles each): re-election after LEAVE ${leave} us, election after JOIN ${join} us"
done
