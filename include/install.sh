#!/usr/bin/env bash
# Installs the C face of czmq-rs under a prefix:
#   PREFIX/include/czmq.h, PREFIX/include/zmq.h (libzmq 4.3.5's, matching
#   the libzmq built into the library), PREFIX/lib/libczmq.a (cargo's
#   libczmq_capi.a, renamed),
#   PREFIX/lib/libczmq.so (-> libczmq.so.4), PREFIX/lib/pkgconfig/libczmq.pc
#
# Usage: include/install.sh PREFIX [TARGET_PROFILE_DIR]
#   TARGET_PROFILE_DIR defaults to target/release if it holds libczmq_capi.a,
#   else target/debug; build first with `cargo build -p czmq-capi --lib [--release]`.
#   CZMQ_RS_ZMQ_H may name the zmq.h to install (build.rs copies it to
#   $OUT_DIR/include/zmq.h; by default the copy of the newest libzmq version
#   for a vendored build, the system's zmq.h for a system build).
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
    if [ -f "$root/target/release/libczmq_capi.a" ]; then
        libdir_in="$root/target/release"
    else
        libdir_in="$root/target/debug"
    fi
fi
archive="$libdir_in/libczmq_capi.a"
[ -f "$archive" ] || {
    echo "install.sh: no $archive; run cargo build -p czmq-capi --lib first" >&2
    exit 1
}

cc="${CC:-cc}"
# What the Rust standard library and libzmq (C++) need from the system.
libs_private="-lstdc++ -lpthread -ldl -lm -lrt -lgcc_s -lutil -lc"
# Built with the `system` feature, libzmq is not inside libczmq.a: link the
# system one (the shared library then records it as a dependency), and
# programs that call libzmq themselves link it too.
requires_private=""
zmq_note="libzmq built in"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The symbol table goes to a file first: `nm | grep -q` under pipefail fails
# when grep exits at the first match and nm dies of SIGPIPE.
# (nm complains about archive members without symbols and exits non-zero,
# so the check is that our own entry point is in the table.)
nm -g --defined-only "$archive" >"$work/symbols" 2>/dev/null || true
grep -q ' T czmq_rs_version$' "$work/symbols" || {
    echo "install.sh: cannot read the symbols of $archive (is nm, from binutils, installed?)" >&2
    exit 1
}
if ! grep -q ' T zmq_ctx_new$' "$work/symbols"; then
    libs_private="-lzmq $libs_private"
    requires_private="Requires.private: libzmq"
    zmq_note="on the system libzmq"
fi
version="$(awk -F'"' '/^version = "/ { print $2; exit }' "$root/Cargo.toml")"

# zmq.h must match the libzmq programs run with. Built in (vendored): the
# copy build.rs made of the vendored header; with several builds around, the
# newest libzmq version (a system build's copy is older), not the newest
# file. System libzmq: the system's own header.
zmq_h="${CZMQ_RS_ZMQ_H:-}"
if [ -z "$zmq_h" ] && [ -n "$requires_private" ]; then
    zmq_h="$(pkg-config --variable=includedir libzmq 2>/dev/null || true)"
    zmq_h="${zmq_h:-/usr/include}/zmq.h"
elif [ -z "$zmq_h" ]; then
    best=-1
    for candidate in "$libdir_in"/build/czmq-capi-*/out/include/zmq.h; do
        [ -f "$candidate" ] || continue
        candidate_version="$(awk '$1 == "#define" && $2 ~ /^ZMQ_VERSION_(MAJOR|MINOR|PATCH)$/ { v = v * 1000 + $3 } END { print v + 0 }' "$candidate")"
        if [ "$candidate_version" -gt "$best" ]; then
            best="$candidate_version"
            zmq_h="$candidate"
        fi
    done
fi
[ -n "$zmq_h" ] && [ -f "$zmq_h" ] || {
    echo "install.sh: zmq.h not found (set CZMQ_RS_ZMQ_H)" >&2
    exit 1
}

# An absolute prefix: the .pc file names it, and is read from anywhere.
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"

mkdir -p "$prefix/include" "$prefix/lib/pkgconfig"
install -m 0644 "$root"/include/*.h "$prefix/include/"
install -m 0644 "$zmq_h" "$prefix/include/zmq.h"
install -m 0644 "$archive" "$prefix/lib/libczmq.a"

awk '$2 ~ /^[TDB]$/ && $3 ~ /^(z|czmq_rs_)/ { print "-Wl,-u," $3 }' "$work/symbols" \
    | sort -u >"$work/undefined"
printf '{ global: z*; czmq_rs_*; local: *; };\n' >"$work/exports.map"
# shellcheck disable=SC2046
"$cc" -shared -o "$prefix/lib/libczmq.so.4" -Wl,-soname,libczmq.so.4 \
    -Wl,--version-script="$work/exports.map" $(cat "$work/undefined") \
    "$archive" $libs_private
ln -sf libczmq.so.4 "$prefix/lib/libczmq.so"

sed -e "s|@prefix@|$prefix|" -e "s|@version@|$version|" \
    -e "s|@libs_private@|$libs_private|" -e "s|@requires_private@|$requires_private|" \
    -e "s|@zmq_note@|$zmq_note|" \
    "$root/include/libczmq.pc.in" >"$prefix/lib/pkgconfig/libczmq.pc"
echo "installed czmq-rs $version C face under $prefix"
