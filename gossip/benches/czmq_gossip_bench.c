/*  czmq_gossip_bench: gossip convergence of CZMQ 4.2.1's zgossip, N nodes in
    one process.

        czmq_gossip_bench <inproc|tcp> <ring|random> <nodes> <tuples> [seed]

    Starts <nodes> zgossip actors, binds each (inproc://czmq-gossip-bench-<i>
    or tcp://127.0.0.1:*), CONNECTs them along the topology, lets one warm-up
    tuple reach every node (so every session is up), then node 0 publishes
    <tuples> tuples with distinct keys and the program measures the time until
    every node has had a DELIVER for every one of them. Output, one per line:

        info edges <E> hash <H>           (the topology, to compare with ours)
        result converge_ms <ms>           ("timeout" if not converged in 60 s)
        result messages_to_converge <n>   (ZGP messages, first publish -> converged)
        result messages <n>               (first publish -> converged + 1 s)
        result messages_per_tuple <messages / tuples>

    Topology (gossip/examples/gossip_bench.rs builds the same one): an edge
    a -> b means node a CONNECTs to node b's endpoint; tuples travel both ways.
      ring:   i -> (i + 1) mod n, for i = 0..n-1.
      random: a random recursive tree, i -> r() mod i for i = 1..n-1, then one
              extra edge per node, i -> r() mod n for i = 0..n-1, skipped if it
              is a self-loop or joins two already joined nodes; r() is
              splitmix64 seeded with <seed> (default 1), drawn in that order.

    Both sides run with server/timeout 0 (session expiry off): CZMQ's clients
    never PING, so with its default of 1000 ms a session idle for a second
    drops the next tuple for good (spec §2.4) and the run would never converge.

    Counting ZGP messages. CZMQ sends the body of every ZGP message with
    zmq_msg_send (zgossip_msg_send) and a ROUTER's routing id first with
    zframe_send, i.e. zmq_sendmsg with ZMQ_SNDMORE; zstr and zframe use
    zmq_sendmsg. This program defines zmq_msg_send, zmq_sendmsg and zmq_send
    itself (linked with -rdynamic, so libczmq's calls land here) and forwards
    to libzmq's via dlsym (RTLD_NEXT). A message is counted once, at its last
    frame (sent without ZMQ_SNDMORE, successfully), and only on ROUTER and
    DEALER sockets: the gossip server and its remotes. Actor pipes and
    monitor sockets are PAIRs and are left out. Nested calls (libzmq's
    zmq_sendmsg calls zmq_msg_send) count once.

    Compiled with -DZGP_COUNT_WRAP -c instead, this file is only that counter,
    as __wrap_zmq_msg_send / __wrap_zmq_sendmsg / __wrap_zmq_send for ld's
    --wrap, plus zgp_bench_sent (): how gossip-vs-czmq.sh counts the same way
    in our Rust example, whose libzmq is linked statically.

    Build: gcc -O2 czmq_gossip_bench.c -o czmq_gossip_bench -rdynamic \
               $(pkg-config --cflags --libs libczmq) -lzmq -ldl
*/
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stdint.h>
#include <zmq.h>

//  ---------------------------------------------------------------------------
//  The message counter, common to both builds

static atomic_ulong s_sent;             //  messages on ROUTER/DEALER sockets
static __thread int s_depth;            //  nesting of our send wrappers

//  Counts one message if this send ended one on a gossip socket.
static void
s_count (void *socket, int flags, int rc)
{
    if (rc < 0 || (flags & ZMQ_SNDMORE))
        return;
    int type = -1;
    size_t size = sizeof type;
    if (zmq_getsockopt (socket, ZMQ_TYPE, &type, &size) == 0
    && (type == ZMQ_ROUTER || type == ZMQ_DEALER))
        atomic_fetch_add_explicit (&s_sent, 1, memory_order_relaxed);
}

//  Messages counted so far (exported: the Rust example finds it by dlsym).
uint64_t
zgp_bench_sent (void)
{
    return (uint64_t) atomic_load (&s_sent);
}

#ifdef ZGP_COUNT_WRAP
//  ---------------------------------------------------------------------------
//  ld --wrap flavour, for a program with libzmq linked in statically

int __real_zmq_msg_send (zmq_msg_t *msg, void *socket, int flags);
int __real_zmq_sendmsg (void *socket, zmq_msg_t *msg, int flags);
int __real_zmq_send (void *socket, const void *buf, size_t len, int flags);

int
__wrap_zmq_msg_send (zmq_msg_t *msg, void *socket, int flags)
{
    s_depth++;
    int rc = __real_zmq_msg_send (msg, socket, flags);
    if (--s_depth == 0)
        s_count (socket, flags, rc);
    return rc;
}

int
__wrap_zmq_sendmsg (void *socket, zmq_msg_t *msg, int flags)
{
    s_depth++;
    int rc = __real_zmq_sendmsg (socket, msg, flags);
    if (--s_depth == 0)
        s_count (socket, flags, rc);
    return rc;
}

int
__wrap_zmq_send (void *socket, const void *buf, size_t len, int flags)
{
    s_depth++;
    int rc = __real_zmq_send (socket, buf, len, flags);
    if (--s_depth == 0)
        s_count (socket, flags, rc);
    return rc;
}

#else
//  ---------------------------------------------------------------------------
//  The benchmark program on CZMQ, counting by interposition

#include <czmq.h>
#include <dlfcn.h>
#include <inttypes.h>
#include <time.h>

#define DEADLINE_MS   60000     //  give up on convergence after this long
#define WARMUP_MS     20000     //  give up on the warm-up tuple after this long
#define SETTLE_MS     250       //  quiet time after the warm-up
#define AFTER_MS      1000      //  counting window after convergence
#define DRAIN_MAX     10000     //  messages read from one pipe per turn

//  Finds libzmq's own definition of a symbol we interpose; aborts if absent,
//  since a silent zero count would be worse.
static void *
s_real (const char *name)
{
    void *fn = dlsym (RTLD_NEXT, name);
    if (!fn) {
        fprintf (stderr, "czmq_gossip_bench: dlsym %s: %s\n", name, dlerror ());
        abort ();
    }
    return fn;
}

typedef int (msg_send_fn) (zmq_msg_t *, void *, int);
typedef int (sendmsg_fn) (void *, zmq_msg_t *, int);
typedef int (send_fn) (void *, const void *, size_t, int);

int
zmq_msg_send (zmq_msg_t *msg, void *socket, int flags)
{
    static _Atomic (msg_send_fn *) real;
    msg_send_fn *fn = atomic_load (&real);
    if (!fn)
        atomic_store (&real, fn = (msg_send_fn *) s_real ("zmq_msg_send"));
    s_depth++;
    int rc = fn (msg, socket, flags);
    if (--s_depth == 0)
        s_count (socket, flags, rc);
    return rc;
}

int
zmq_sendmsg (void *socket, zmq_msg_t *msg, int flags)
{
    static _Atomic (sendmsg_fn *) real;
    sendmsg_fn *fn = atomic_load (&real);
    if (!fn)
        atomic_store (&real, fn = (sendmsg_fn *) s_real ("zmq_sendmsg"));
    s_depth++;
    int rc = fn (socket, msg, flags);
    if (--s_depth == 0)
        s_count (socket, flags, rc);
    return rc;
}

int
zmq_send (void *socket, const void *buf, size_t len, int flags)
{
    static _Atomic (send_fn *) real;
    send_fn *fn = atomic_load (&real);
    if (!fn)
        atomic_store (&real, fn = (send_fn *) s_real ("zmq_send"));
    s_depth++;
    int rc = fn (socket, buf, len, flags);
    if (--s_depth == 0)
        s_count (socket, flags, rc);
    return rc;
}

//  ---------------------------------------------------------------------------
//  Topology

typedef struct { int from, to; } edge_t;

static uint64_t
s_splitmix64 (uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static bool
s_joined (const edge_t *edges, int count, int a, int b)
{
    for (int e = 0; e < count; e++)
        if ((edges [e].from == a && edges [e].to == b)
        ||  (edges [e].from == b && edges [e].to == a))
            return true;
    return false;
}

//  Fills edges (room for 2n) and returns their number; see the header.
static int
s_topology (bool ring, int n, uint64_t seed, edge_t *edges)
{
    int count = 0;
    if (ring) {
        for (int i = 0; i < n; i++)
            edges [count++] = (edge_t) { i, (i + 1) % n };
        return count;
    }
    uint64_t state = seed;
    for (int i = 1; i < n; i++)
        edges [count++] = (edge_t) { i, (int) (s_splitmix64 (&state) % (uint64_t) i) };
    for (int i = 0; i < n; i++) {
        int j = (int) (s_splitmix64 (&state) % (uint64_t) n);
        if (j != i && !s_joined (edges, count, i, j))
            edges [count++] = (edge_t) { i, j };
    }
    return count;
}

//  FNV-1a over the edge list, so both programs can show they built the same.
static uint64_t
s_topology_hash (const edge_t *edges, int count)
{
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (int e = 0; e < count; e++) {
        uint32_t pair [2] = { (uint32_t) edges [e].from, (uint32_t) edges [e].to };
        const unsigned char *bytes = (const unsigned char *) pair;
        for (size_t b = 0; b < sizeof pair; b++)
            hash = (hash ^ bytes [b]) * 0x100000001b3ULL;
    }
    return hash;
}

//  ---------------------------------------------------------------------------
//  Deliveries

typedef struct {
    int n, tuples;
    zactor_t **nodes;
    zmq_pollitem_t *items;
    unsigned char *seen;        //  n x tuples: node i had DELIVER for key j
    int *count;                 //  per node: distinct keys delivered
    bool *warm;                 //  per node: warm-up tuple delivered
    int done;                   //  nodes with every tuple
    int warm_done;              //  nodes with the warm-up tuple
} bench_t;

static int64_t
s_now_us (void)
{
    struct timespec ts;
    clock_gettime (CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
s_on_deliver (bench_t *self, int node, const char *key)
{
    if (streq (key, "warmup")) {
        if (!self->warm [node]) {
            self->warm [node] = true;
            self->warm_done++;
        }
        return;
    }
    if (strncmp (key, "key-", 4) != 0)
        return;
    int index = atoi (key + 4);
    if (index < 0 || index >= self->tuples)
        return;
    unsigned char *seen = &self->seen [(size_t) node * self->tuples + index];
    if (!*seen) {
        *seen = 1;
        if (++self->count [node] == self->tuples)
            self->done++;
    }
}

//  Reads what the actors sent, waiting up to timeout_ms for the first.
static void
s_drain (bench_t *self, int timeout_ms)
{
    if (zmq_poll (self->items, self->n, timeout_ms) <= 0)
        return;
    for (int i = 0; i < self->n; i++) {
        if (!(self->items [i].revents & ZMQ_POLLIN))
            continue;
        for (int m = 0; m < DRAIN_MAX && (zsock_events (self->nodes [i]) & ZMQ_POLLIN); m++) {
            zmsg_t *msg = zmsg_recv (self->nodes [i]);
            if (!msg)
                break;
            char *command = zmsg_popstr (msg);
            char *key = zmsg_popstr (msg);
            if (command && key && streq (command, "DELIVER"))
                s_on_deliver (self, i, key);
            zstr_free (&command);
            zstr_free (&key);
            zmsg_destroy (&msg);
        }
    }
}

//  Drains for ms milliseconds.
static void
s_drain_for (bench_t *self, int ms)
{
    int64_t end = s_now_us () + (int64_t) ms * 1000;
    int64_t left;
    while ((left = end - s_now_us ()) > 0)
        s_drain (self, (int) (left / 1000) + 1);
}

//  ---------------------------------------------------------------------------
//  Setup

static zactor_t *
s_start_node (bool tcp, int i, char *endpoint, size_t size)
{
    char name [64];
    snprintf (name, sizeof name, "node-%d", i);
    zactor_t *node = zactor_new (zgossip, name);
    assert (node);
    zstr_sendx (node, "SET", "server/background", "1", NULL);
    zstr_sendx (node, "SET", "server/timeout", "0", NULL);
    if (tcp)
        zstr_sendx (node, "BIND", "tcp://127.0.0.1:*", NULL);
    else {
        snprintf (endpoint, size, "inproc://czmq-gossip-bench-%d", i);
        zstr_sendx (node, "BIND", endpoint, NULL);
    }
    //  PORT answers after BIND ran: the endpoint exists before any CONNECT.
    zstr_send (node, "PORT");
    char *command = NULL, *port = NULL;
    zstr_recvx (node, &command, &port, NULL);
    if (tcp)
        snprintf (endpoint, size, "tcp://127.0.0.1:%s", port? port: "0");
    if (!port || atoi (port) < 0) {
        fprintf (stderr, "czmq_gossip_bench: BIND failed on node %d\n", i);
        exit (1);
    }
    zstr_free (&command);
    zstr_free (&port);
    return node;
}

static void
s_usage (void)
{
    fprintf (stderr,
        "usage: czmq_gossip_bench <inproc|tcp> <ring|random> <nodes> <tuples> [seed]\n");
    exit (64);
}

int
main (int argc, char *argv [])
{
    if (argc < 5 || argc > 6)
        s_usage ();
    bool tcp = streq (argv [1], "tcp");
    bool ring = streq (argv [2], "ring");
    int n = atoi (argv [3]);
    int tuples = atoi (argv [4]);
    uint64_t seed = argc > 5? strtoull (argv [5], NULL, 10): 1;
    if ((!tcp && !streq (argv [1], "inproc"))
    ||  (!ring && !streq (argv [2], "random"))
    ||  n < 2 || n > 10000 || tuples < 1 || tuples > 1000000)
        s_usage ();

    //  100 nodes: about 11 sockets each (pipe, ROUTER, per remote a DEALER
    //  and a zmonitor actor), over CZMQ's default limit of 1024.
    zsys_set_max_sockets (16384);
    zsys_init ();

    edge_t *edges = calloc ((size_t) 2 * n, sizeof *edges);
    int edge_count = s_topology (ring, n, seed, edges);
    printf ("info edges %d hash %016" PRIx64 "\n", edge_count,
            s_topology_hash (edges, edge_count));

    bench_t bench = { .n = n, .tuples = tuples };
    bench.nodes = calloc (n, sizeof *bench.nodes);
    bench.items = calloc (n, sizeof *bench.items);
    bench.seen = calloc ((size_t) n * tuples, 1);
    bench.count = calloc (n, sizeof *bench.count);
    bench.warm = calloc (n, sizeof *bench.warm);
    char (*endpoints) [64] = calloc (n, sizeof *endpoints);
    assert (edges && bench.nodes && bench.items && bench.seen
         && bench.count && bench.warm && endpoints);

    for (int i = 0; i < n; i++) {
        bench.nodes [i] = s_start_node (tcp, i, endpoints [i], sizeof endpoints [i]);
        bench.items [i] = (zmq_pollitem_t) { zsock_resolve (bench.nodes [i]), 0, ZMQ_POLLIN, 0 };
    }
    for (int e = 0; e < edge_count; e++)
        zstr_sendx (bench.nodes [edges [e].from], "CONNECT", endpoints [edges [e].to], NULL);

    //  Warm-up: one tuple reaching every node shows the mesh is up.
    zstr_sendx (bench.nodes [0], "PUBLISH", "warmup", "1", NULL);
    int64_t warm_end = s_now_us () + (int64_t) WARMUP_MS * 1000;
    while (bench.warm_done < n && s_now_us () < warm_end)
        s_drain (&bench, 100);
    if (bench.warm_done < n) {
        printf ("result converge_ms timeout\n");
        fprintf (stderr, "czmq_gossip_bench: warm-up reached %d of %d nodes\n",
                 bench.warm_done, n);
        return 2;
    }
    s_drain_for (&bench, SETTLE_MS);

    //  The measured part: node 0 publishes, everybody must deliver.
    uint64_t sent_before = zgp_bench_sent ();
    int64_t start = s_now_us ();
    for (int t = 0; t < tuples; t++) {
        char key [32], value [32];
        snprintf (key, sizeof key, "key-%d", t);
        snprintf (value, sizeof value, "value-%d", t);
        zstr_sendx (bench.nodes [0], "PUBLISH", key, value, NULL);
        s_drain (&bench, 0);    //  keep node 0's pipe from filling up
    }
    int64_t deadline = start + (int64_t) DEADLINE_MS * 1000;
    while (bench.done < n && s_now_us () < deadline)
        s_drain (&bench, 100);
    int64_t converged = s_now_us ();
    uint64_t sent_converged = zgp_bench_sent ();
    if (bench.done < n) {
        printf ("result converge_ms timeout\n");
        fprintf (stderr, "czmq_gossip_bench: %d of %d nodes had all tuples\n", bench.done, n);
        return 2;
    }
    s_drain_for (&bench, AFTER_MS);
    uint64_t sent = zgp_bench_sent () - sent_before;

    printf ("result converge_ms %.1f\n", (converged - start) / 1000.0);
    printf ("result messages_to_converge %" PRIu64 "\n", sent_converged - sent_before);
    printf ("result messages %" PRIu64 "\n", sent);
    printf ("result messages_per_tuple %.2f\n", (double) sent / tuples);
    fflush (stdout);

    for (int i = 0; i < n; i++)
        zactor_destroy (&bench.nodes [i]);
    free (endpoints);
    free (bench.warm);
    free (bench.count);
    free (bench.seen);
    free (bench.items);
    free (bench.nodes);
    free (edges);
    return 0;
}
#endif
