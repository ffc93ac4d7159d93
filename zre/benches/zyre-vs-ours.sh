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
. "$here/zyre-common.sh"
N=${N:-5}
ROUNDS=${ROUNDS:-10000}
SHOUTS=${SHOUTS:-20000}
LISTENERS=${LISTENERS:-3}
BASEPORT=${BASEPORT:-47100}
zyre_bench zyre_perf
ours=$(our_example zre_perf)

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
