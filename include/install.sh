#!/usr/bin/env bash
# Installs the C face of czmq-rs under a prefix:
#   PREFIX/include/czmq.h, PREFIX/include/zmq.h (libzmq 4.3.5's, matching
#   the libzmq built into the library), PREFIX/lib/libczmq.a,
#   PREFIX/lib/libczmq.so (-> libczmq.so.4), PREFIX/lib/pkgconfig/libczmq.pc
#
# Usage: include/install.sh PREFIX [TARGET_PROFILE_DIR]
#   TARGET_PROFILE_DIR defaults to target/release if it holds libczmq.a,
#   else target/debug; build first with `cargo build -p czmq --lib [--release]`.
#   CZMQ_RS_ZMQ_H may name the zmq.h to install (build.rs copies it to
#   $OUT_DIR/include/zmq.h; by default the newest such copy is used).
#
# Why libczmq.so is linked here rather than taken from cargo: a Rust cdylib
# exports only Rust-defined symbols, so the variadic C entry points of
# src/shim.c (zsock_bind, zstr_sendx, zpoller_new ...) and libzmq's zmq_*
# would be hidden. The shared library is therefore linked from the static
# one, exporting exactly the z* and czmq_rs_* symbols (which include
# libzmq's zmq_* API, so C code may call libzmq directly with -lczmq).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="${1:?usage: $0 PREFIX [TARGET_PROFILE_DIR]}"
libdir_in="${2:-}"
if [ -z "$libdir_in" ]; then
    if [ -f "$root/target/release/libczmq.a" ]; then
        libdir_in="$root/target/release"
    else
        libdir_in="$root/target/debug"
    fi
fi
[ -f "$libdir_in/libczmq.a" ] || {
    echo "install.sh: no $libdir_in/libczmq.a; run cargo build -p czmq --lib first" >&2
    exit 1
}

zmq_h="${CZMQ_RS_ZMQ_H:-}"
if [ -z "$zmq_h" ]; then
    zmq_h="$(ls -t "$libdir_in"/build/czmq-*/out/include/zmq.h 2>/dev/null | head -n 1 || true)"
fi
[ -n "$zmq_h" ] && [ -f "$zmq_h" ] || {
    echo "install.sh: zmq.h not found (set CZMQ_RS_ZMQ_H)" >&2
    exit 1
}

cc="${CC:-cc}"
# What the Rust standard library and libzmq (C++) need from the system.
libs_private="-lstdc++ -lpthread -ldl -lm -lrt -lgcc_s -lutil -lc"
# Built with the `system` feature, libzmq is not inside libczmq.a: link the
# system one (the shared library then records it as a dependency), and
# programs that call libzmq themselves link it too.
libs_public=""
if ! nm -g --defined-only "$libdir_in/libczmq.a" 2>/dev/null | grep -q ' T zmq_ctx_new$'; then
    libs_private="-lzmq $libs_private"
    libs_public=" -lzmq"
fi
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)"

mkdir -p "$prefix/include" "$prefix/lib/pkgconfig"
install -m 0644 "$root/include/czmq.h" "$prefix/include/czmq.h"
install -m 0644 "$zmq_h" "$prefix/include/zmq.h"
install -m 0644 "$libdir_in/libczmq.a" "$prefix/lib/libczmq.a"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
nm -g --defined-only "$libdir_in/libczmq.a" 2>/dev/null \
    | awk '$2 ~ /^[TDB]$/ && $3 ~ /^(z|czmq_rs_)/ { print "-Wl,-u," $3 }' \
    | sort -u >"$work/undefined"
printf '{ global: z*; czmq_rs_*; local: *; };\n' >"$work/exports.map"
# shellcheck disable=SC2046
"$cc" -shared -o "$prefix/lib/libczmq.so.4" -Wl,-soname,libczmq.so.4 \
    -Wl,--version-script="$work/exports.map" $(cat "$work/undefined") \
    "$libdir_in/libczmq.a" $libs_private
ln -sf libczmq.so.4 "$prefix/lib/libczmq.so"

sed -e "s|@prefix@|$prefix|" -e "s|@version@|$version|" \
    -e "s|@libs_private@|$libs_private|" -e "s|@libs_public@|$libs_public|" \
    "$root/include/libczmq.pc.in" >"$prefix/lib/pkgconfig/libczmq.pc"
echo "installed czmq-rs $version C face under $prefix"
