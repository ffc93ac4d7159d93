#!/bin/sh
# Discovery time by UDP beacon and EXIT detection time, Zyre 2.0.1 (C, built
# here from its release source against Debian's CZMQ) against our node
# (release build), alternated run by run; prints each run and the medians.
#
#   N=5 zre/benches/zyre-vs-ours-discovery.sh
#
# Needs root (ip netns), iproute2, cc, pkg-config, libczmq-dev, and
# ../shared/external/zyre-2.0.1.tar.gz (or $CZMQ_RS_EXTERNAL).
#
# Two hosts, network namespaces A (10.81.0.1) and B (10.81.0.2) on a bridge
# in a third, named after this script's PID and deleted by a trap, however
# the script ends: Zyre cannot beacon on loopback (CZMQ 4.2.1's ziflist
# skips IFF_LOOPBACK interfaces), so both sides beacon on each host's eth0,
# UDP port 5670. Each measurement runs node A (zyre_discovery.c or the
# zre_discovery example, the same program on both sides) in A, waits 1-2 s
# (random), then starts node B in B:
#   discovery:  from B's start call until both have printed the other's
#               ENTER; beacon interval 1 s (both defaults) and $SHORT ms.
#   graceful:   B stops $HOLD ms after its ENTER; from B's stop call until A
#               prints EXIT (in the same runs as discovery).
#   killed:     both with evasive $EVASIVE ms and expired $EXPIRED ms; 2-3 s
#               (random) after both ENTERs, B's process gets SIGKILL; from
#               just before the kill until A prints EXIT.
# Times are wall-clock microseconds printed by each process (one machine, so
# one clock). A measurement that times out is recorded as NA. KEEP=1 keeps
# each killed run's lines (with A's EVASIVE ones: its PINGs) in
# $CARGO_TARGET_DIR/zyre-vs-ours/kill-WHO-RUN.{a,b}.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
N=${N:-5}
SHORT=${SHORT:-100}
HOLD=${HOLD:-1500}
EVASIVE=${EVASIVE:-1000}
EXPIRED=${EXPIRED:-3000}
if [ "$(id -u)" != 0 ]; then
    echo "zyre-vs-ours-discovery.sh: needs root (ip netns)" >&2
    exit 1
fi
. "$here/zyre-common.sh"
zyre_bench zyre_discovery
ours=$(our_example zre_discovery)

tag="zd$$"
sw="${tag}s"
ha="${tag}a"
hb="${tag}b"
apid=""
bpid=""
# Kills only the processes this script started (by PID), then deletes the
# namespaces it made.
cleanup() {
    for p in $apid $bpid; do kill -9 "$p" 2>/dev/null || true; done
    for ns in "$ha" "$hb" "$sw"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

ip netns add "$sw"
ip -n "$sw" link set lo up
ip -n "$sw" link add br0 type bridge
ip -n "$sw" link set br0 up
i=1
for h in "$ha" "$hb"; do
    ip netns add "$h"
    ip -n "$h" link set lo up
    ip -n "$h" link add eth0 type veth peer name "p$i" netns "$sw"
    ip -n "$sw" link set "p$i" master br0
    ip -n "$sw" link set "p$i" up
    ip -n "$h" addr add "10.81.0.$i/24" brd + dev eth0
    ip -n "$h" link set eth0 up
    i=$((i + 1))
done

# wait_line FILE WORD SECONDS: until FILE has a line starting with WORD.
wait_line() {
    n=0
    while [ "$n" -lt $(($3 * 50)) ]; do
        if grep -q "^$2 " "$1"; then return 0; fi
        sleep 0.02
        n=$((n + 1))
    done
    return 1
}
# stamp FILE WORD: the time on FILE's first WORD line.
stamp() { awk -v w="$2" '$1 == w { print $2; exit }' "$1"; }
# ms FROM TO: TO - FROM (microseconds) in milliseconds.
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }
# pause BASE: BASE to BASE + 1 seconds, at random.
pause() { sleep "$(od -An -N2 -tu2 /dev/urandom | awk -v b="$1" '{ printf "%.3f", b + $1 / 65536 }')"; }
# reap: ends this run's processes (ours, by PID) if still there.
reap() {
    for p in $apid $bpid; do kill -9 "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    apid=""
    bpid=""
}

# graceful WHO BINARY INTERVAL: sets disc and gexit (ms). Runs in this
# shell, not a subshell, so the trap sees its PIDs.
graceful() {
    a="$work/disc.a"
    b="$work/disc.b"
    ip netns exec "$ha" "$2" a eth0 10.81.0.1 "$3" 0 0 -1 > "$a" 2> "$a.err" &
    apid=$!
    wait_line "$a" START 10 || true
    pause 1
    ip netns exec "$hb" "$2" b eth0 10.81.0.2 "$3" 0 0 "$HOLD" > "$b" 2> "$b.err" &
    bpid=$!
    disc=NA
    gexit=NA
    if wait_line "$a" ENTER 20 && wait_line "$b" ENTER 5; then
        disc=$(ms "$(stamp "$b" START)" "$(stamp "$a" ENTER)")
        other=$(ms "$(stamp "$b" START)" "$(stamp "$b" ENTER)")
        disc=$(printf '%s\n%s\n' "$disc" "$other" | sort -n | tail -1)
        if wait_line "$a" EXIT 20; then
            gexit=$(ms "$(stamp "$b" STOP)" "$(stamp "$a" EXIT)")
        fi
    fi
    wait_line "$b" STOP 1 || true
    sleep 0.2
    reap
}

# killed WHO BINARY: sets kexit (ms).
killed() {
    a="$work/kill.a"
    b="$work/kill.b"
    ip netns exec "$ha" "$2" a eth0 10.81.0.1 0 "$EVASIVE" "$EXPIRED" -1 > "$a" 2> "$a.err" &
    apid=$!
    wait_line "$a" START 10 || true
    pause 1
    ip netns exec "$hb" "$2" b eth0 10.81.0.2 0 "$EVASIVE" "$EXPIRED" -1 > "$b" 2> "$b.err" &
    bpid=$!
    kexit=NA
    if wait_line "$a" ENTER 20 && wait_line "$b" ENTER 5; then
        pause 2
        if grep -q "^EXIT " "$a"; then
            echo "killed $1: A saw EXIT before the kill: $(cat "$a")" >&2
        else
            # `ip netns exec` execs the program in place: $bpid is B itself.
            t0=$(date +%s%6N)
            kill -9 "$bpid"
            wait "$bpid" 2>/dev/null || true
            bpid=""
            if wait_line "$a" EXIT $((EXPIRED / 1000 + 10)); then
                kexit=$(ms "$t0" "$(stamp "$a" EXIT)")
            fi
            echo "KILL $t0" >> "$a"
            if [ -n "${KEEP:-}" ]; then
                cp "$a" "$work/kill-$1-$i.a"
                cp "$b" "$work/kill-$1-$i.b"
            fi
        fi
    fi
    sleep 0.2
    reap
}

: > "$work/disc-zyre.txt"
: > "$work/disc-ours.txt"
i=0
while [ "$i" -lt "$N" ]; do
    if [ $((i % 2)) -eq 0 ]; then order="zyre ours"; else order="ours zyre"; fi
    for who in $order; do
        if [ "$who" = zyre ]; then bin="$work/zyre_discovery"; else bin="$ours"; fi
        graceful "$who" "$bin" 0
        d1=$disc g1=$gexit
        graceful "$who" "$bin" "$SHORT"
        d2=$disc g2=$gexit
        killed "$who" "$bin"
        k=$kexit
        echo "$who run $i: discovery ${d1} ms (beacon 1 s), ${d2} ms (beacon $SHORT ms); EXIT after stop ${g1} / ${g2} ms; EXIT after SIGKILL ${k} ms (expired $EXPIRED ms)"
        echo "$d1 $d2 $g1 $g2 $k" >> "$work/disc-$who.txt"
    done
    i=$((i + 1))
done

median() { grep -v NA | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "NA" }'; }
column() { awk -v c="$2" '{ print $c }' "$work/disc-$1.txt"; }
all() { column "$1" "$2" | tr '\n' ' ' | sed 's/ $//'; }
for who in zyre ours; do
    echo "$who: medians of $N runs: discovery $(column $who 1 | median) ms (beacon 1 s), $(column $who 2 | median) ms (beacon $SHORT ms); EXIT after stop $(column $who 3 | median) / $(column $who 4 | median) ms; EXIT after SIGKILL $(column $who 5 | median) ms"
    echo "$who: all runs: discovery [$(all $who 1)] / [$(all $who 2)]; after stop [$(all $who 3)] / [$(all $who 4)]; after SIGKILL [$(all $who 5)]"
done
