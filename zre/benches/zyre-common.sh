# Sourced by the zyre-vs-ours*.sh scripts (after they set $here): where
# things are, and the build and statistics they share.
#
#   zyre_bench NAME [CFLAG...]  builds zre/benches/NAME.c with Zyre 2.0.1's
#                               release source (extracted into the target
#                               directory, never into the repository) at -O2
#                               against Debian's CZMQ, into $work/NAME
#   our_example NAME            builds zre's example NAME in release and
#                               prints the binary's path
#   median                      the median of the numbers on stdin
root=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
external=${CZMQ_RS_EXTERNAL:-$root/../shared/external}
work="$target/zyre-vs-ours"
mkdir -p "$work"

zyre_bench() {
    name=$1
    shift
    if [ ! -f "$work/zyre-2.0.1/src/zyre_node.c" ]; then
        tar xzf "$external/zyre-2.0.1.tar.gz" -C "$work"
    fi
    : > "$work/platform.h"
    zyre="$work/zyre-2.0.1/src"
    cc -O2 -std=gnu99 -pthread -w "$@" \
        -I"$work" -I"$work/zyre-2.0.1/include" -I"$zyre" \
        -o "$work/$name" "$here/$name.c" \
        "$zyre/zyre.c" "$zyre/zyre_event.c" "$zyre/zre_msg.c" "$zyre/zyre_peer.c" \
        "$zyre/zyre_group.c" "$zyre/zyre_election.c" "$zyre/zyre_node.c" \
        $(pkg-config --cflags --libs libczmq) -lzmq
}

our_example() {
    (cd "$root" && cargo build --release -q -p zre --example "$1")
    echo "$target/release/examples/$1"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
