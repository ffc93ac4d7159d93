# stats.sh: sourced by the benchmark scripts (perf-vs-c.sh, czmq-vs-c.sh,
# gossip/benches/gossip-vs-czmq.sh). Pure functions, no side effects.

median() { # numbers on stdin; empty when none
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit
        if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
