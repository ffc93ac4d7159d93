# perf-common.sh: sourced by perf-vs-c.sh and instr-vs-c.sh. Builds our Rust
# perf examples (release, vendored libzmq) and libzmq's own C perf programs
# from the pinned 4.3.5 tree, linked to the same libzmq.a, and sets:
#   rust_bin  directory of the Rust examples
#   c_bin     directory of the C programs
#   work      <target>/perf-vs-c, for logs and results
# and defines next_port (sets $port to a free tcp port) and wait_listening.
# Expects $root (the workspace root, also the current directory) and log().

# --- our release examples; the build tells us where everything is -------
examples=(local_thr remote_thr local_lat remote_lat inproc_thr inproc_lat)
log "building the Rust examples (release, vendored libzmq)"
build_json=$(cargo build --release -p czmq-rs --message-format=json \
    $(printf -- '--example %s ' "${examples[@]}"))
rust_bin=""
for ex in "${examples[@]}"; do
    exe=$(jq -r --arg ex "$ex" 'select(.reason == "compiler-artifact"
        and .target.name == $ex and (.target.kind | index("example"))) | .executable' \
        <<<"$build_json")
    rust_bin=$(dirname "$exe")
done
zmq_out=$(jq -r 'select(.reason == "build-script-executed"
    and (.package_id | test("zmq-sys-vendored"))) | .out_dir' <<<"$build_json")
sodium_out=$(jq -r 'select(.reason == "build-script-executed"
    and (.package_id | test("libsodium-sys-stable"))) | .out_dir' <<<"$build_json")
libzmq="$zmq_out/libzmq.a"
libsodium="$sodium_out/installed/lib/libsodium.a"
for f in "$libzmq" "$libsodium"; do
    [[ -f $f ]] || { log "missing $f (was the build vendored?)"; exit 1; }
done

# --- libzmq's C perf programs from the pinned tree, on the same libzmq ---
pin=$(grep -v '^#' vendor/PIN | head -1)
pin_name=${pin%% *}
pin_version=${pin##*=}
manifest=$(cargo metadata --format-version 1 | jq -r --arg n "$pin_name" --arg v "$pin_version" \
    '.packages[] | select(.name == $n and .version == $v) | .manifest_path')
tree="$(dirname "$manifest")/vendor"
target_dir=$(cargo metadata --format-version 1 --no-deps | jq -r .target_directory)
work="$target_dir/perf-vs-c"
c_bin="$work/c"
mkdir -p "$c_bin" "$work/logs"
log "building the C perf programs from $tree/perf against $libzmq"
for ex in "${examples[@]}"; do
    # -I vendor: our platform.hpp, the one libzmq itself was compiled with.
    g++ -O2 -std=c++11 -I "$root/vendor" -I "$tree/include" "$tree/perf/$ex.cpp" \
        -o "$c_bin/$ex" "$libzmq" "$libsodium" -lstdc++ -lpthread
done

# --- run helpers ----------------------------------------------------------
port=$((20000 + RANDOM % 20000))
next_port() { # a port nobody listens on, never the same twice in one script
    port=$((port + 1))
    while ss -Htln "sport = :$port" 2>/dev/null | grep -q .; do port=$((port + 1)); done
}

wait_listening() { # port; gives up after 5 s (the run then shows the delay)
    local tries=500
    while ((tries-- > 0)) && ! ss -Htln "sport = :$1" 2>/dev/null | grep -q .; do sleep 0.01; done
}
