#!/bin/sh
# Regenerates the golden vectors from Zyre 2.0.1's own codec on Debian's CZMQ
# (apt: libczmq-dev). Run from the workspace root:
#   sh zre/tests/vectors/capture.sh
# Zyre is extracted into target/external (never into the repository).
set -eu
root=$(pwd)
zyre=$root/target/external/zyre-2.0.1
build=$root/target/zre-vectors
mkdir -p "$root/target/external" "$build"
[ -d "$zyre" ] || tar xzf "$root/../shared/external/zyre-2.0.1.tar.gz" -C "$root/target/external"
: > "$build/platform.h"
cc -std=gnu99 -pthread -I"$build" -I"$zyre/include" -I"$zyre/src" $(pkg-config --cflags libczmq) \
    -o "$build/capture" "$root/zre/tests/vectors/capture.c" "$zyre/src/zre_msg.c" \
    $(pkg-config --libs libczmq) -lzmq
"$build/capture" "$root/zre/tests/vectors"
