/*  czmq_bench.c: the C side of czmq-rs/benches/czmq-vs-c.sh. The same work
    as czmq-rs/examples/czmq_bench.rs, written on CZMQ 4.2.1.

    Subcommands (each prints one or more lines "result <case> <value> <unit>"):

      msg <tcp|inproc> <frame-size> <count>
          An actor sends <count> 3-frame zmsg messages (each frame <frame-size>
          bytes) over PUSH -> PULL; the main thread zmsg_recv's them. Rate in
          msg/s from the first message received to the last.
      reqrep <tcp|inproc> <count>
          zstr "hello"/"world" REQ -> REP round trips (an actor serves REP),
          after one untimed warm-up round trip. Rate in round trips/s.
      actor <count>
          zactor_new + zactor_destroy of a trivial actor (signals ready, waits
          for $TERM), <count> times. Rate in start+stop/s.
      loop <readers> <tickets> <messages>
          A zloop with <readers> inproc PULL readers and <tickets> tickets
          (delay 60 s, so none fire). One PUSH socket in an actor is connected
          to every reader and deals <messages> one-frame messages round-robin
          (PUSH's load balancing). Each reader call receives one frame and
          resets one ticket (the next in turn). Prints handled msg/s (from
          zloop_start until the last message is handled) and the setup time
          of adding the readers and tickets in ms.

    Build: gcc -O2 czmq_bench.c -o czmq_bench $(pkg-config --cflags --libs libczmq libzmq) -lpthread
*/

#include <czmq.h>
#include <time.h>

/*  Every blocking receive gives up after this long (bounded waits).      */
#define BENCH_TIMEOUT_MS 30000

static int64_t
now_usecs (void)
{
    struct timespec ts;
    clock_gettime (CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
result (const char *name, double value, const char *unit)
{
    printf ("result %s %.1f %s\n", name, value, unit);
    fflush (stdout);
}

static void
die (const char *what)
{
    fprintf (stderr, "czmq_bench: %s\n", what);
    exit (1);
}

/*  The bind endpoint of a transport: an ephemeral tcp port, or inproc.   */
static const char *
bind_endpoint (const char *transport, const char *name)
{
    static char buf[256];
    if (streq (transport, "tcp"))
        return "@tcp://127.0.0.1:*";
    if (!streq (transport, "inproc"))
        die ("transport must be tcp or inproc");
    snprintf (buf, sizeof buf, "@inproc://czmq-bench-%s", name);
    return buf;
}

/*  Waits (bounded) until the parent sends $TERM down an actor pipe.      */
static void
wait_term (zsock_t *pipe)
{
    zsock_set_rcvtimeo (pipe, BENCH_TIMEOUT_MS);
    while (true) {
        char *command = zstr_recv (pipe);
        if (!command)
            return;
        bool term = streq (command, "$TERM");
        free (command);
        if (term)
            return;
    }
}

/* --- msg ------------------------------------------------------------- */

typedef struct {
    const char *endpoint;
    size_t size;
    long count;
} msg_args_t;

static void
msg_sender (zsock_t *pipe, void *args_)
{
    msg_args_t *args = (msg_args_t *) args_;
    zsock_t *push = zsock_new_push (args->endpoint);
    byte *payload = (byte *) malloc (args->size ? args->size : 1);
    memset (payload, 'x', args->size ? args->size : 1);
    zsock_signal (pipe, 0);
    for (long i = 0; push && i < args->count; i++) {
        zmsg_t *msg = zmsg_new ();
        zmsg_addmem (msg, payload, args->size);
        zmsg_addmem (msg, payload, args->size);
        zmsg_addmem (msg, payload, args->size);
        if (zmsg_send (&msg, push) != 0) {
            zmsg_destroy (&msg);
            break;
        }
    }
    //  Linger is 0 (CZMQ's default): keep the socket until everything is
    //  received, which the parent says with $TERM.
    wait_term (pipe);
    free (payload);
    zsock_destroy (&push);
}

/*  Receives one message and checks it is what was sent.                  */
static void
recv_checked (zsock_t *pull, size_t size)
{
    zmsg_t *msg = zmsg_recv (pull);
    if (!msg)
        die ("msg: receive failed or timed out");
    if (zmsg_size (msg) != 3 || zmsg_content_size (msg) != 3 * size)
        die ("msg: wrong message received");
    zmsg_destroy (&msg);
}

static void
bench_msg (const char *transport, size_t size, long count)
{
    zsock_t *pull = zsock_new_pull (bind_endpoint (transport, "msg"));
    if (!pull || count < 2)
        die ("msg: cannot bind, or count < 2");
    zsock_set_rcvtimeo (pull, BENCH_TIMEOUT_MS);
    msg_args_t args = { zsock_endpoint (pull), size, count };
    char connect[256];
    snprintf (connect, sizeof connect, ">%s", args.endpoint);
    args.endpoint = connect;
    zactor_t *sender = zactor_new (msg_sender, &args);

    recv_checked (pull, size);
    int64_t start = now_usecs ();
    for (long i = 1; i < count; i++)
        recv_checked (pull, size);
    int64_t elapsed = now_usecs () - start;

    char name[64];
    snprintf (name, sizeof name, "msg-%s-%zu", transport, size);
    result (name, (double) (count - 1) * 1e6 / (double) (elapsed ? elapsed : 1), "msg/s");
    zactor_destroy (&sender);
    zsock_destroy (&pull);
}

/* --- reqrep ---------------------------------------------------------- */

typedef struct {
    zsock_t *rep;
    long count;
} reqrep_args_t;

static void
reqrep_server (zsock_t *pipe, void *args_)
{
    reqrep_args_t *args = (reqrep_args_t *) args_;
    zsock_set_rcvtimeo (args->rep, BENCH_TIMEOUT_MS);
    zsock_signal (pipe, 0);
    //  One warm-up round trip, then the timed ones.
    for (long i = 0; i <= args->count; i++) {
        char *request = zstr_recv (args->rep);
        if (!request)
            break;
        free (request);
        zstr_send (args->rep, "world");
    }
    wait_term (pipe);
}

static void
round_trip (zsock_t *req)
{
    zstr_send (req, "hello");
    char *reply = zstr_recv (req);
    if (!reply || !streq (reply, "world"))
        die ("reqrep: no reply or a wrong one");
    free (reply);
}

static void
bench_reqrep (const char *transport, long count)
{
    //  The REP socket is made here, where its endpoint is known, and then
    //  used only by the server actor until the actor has ended.
    reqrep_args_t args = { zsock_new_rep (bind_endpoint (transport, "reqrep")), count };
    if (!args.rep || count < 1)
        die ("reqrep: cannot bind, or count < 1");
    char connect[256];
    snprintf (connect, sizeof connect, ">%s", zsock_endpoint (args.rep));
    zsock_t *req = zsock_new_req (connect);
    zsock_set_rcvtimeo (req, BENCH_TIMEOUT_MS);
    zactor_t *server = zactor_new (reqrep_server, &args);

    round_trip (req);
    int64_t start = now_usecs ();
    for (long i = 0; i < count; i++)
        round_trip (req);
    int64_t elapsed = now_usecs () - start;

    char name[64];
    snprintf (name, sizeof name, "reqrep-%s", transport);
    result (name, (double) count * 1e6 / (double) (elapsed ? elapsed : 1), "rt/s");
    zactor_destroy (&server);
    zsock_destroy (&req);
    zsock_destroy (&args.rep);
}

/* --- actor ----------------------------------------------------------- */

static void
trivial_actor (zsock_t *pipe, void *args)
{
    (void) args;
    zsock_signal (pipe, 0);
    wait_term (pipe);
}

static void
bench_actor (long count)
{
    int64_t start = now_usecs ();
    for (long i = 0; i < count; i++) {
        zactor_t *actor = zactor_new (trivial_actor, NULL);
        if (!actor)
            die ("actor: zactor_new failed");
        zactor_destroy (&actor);
    }
    int64_t elapsed = now_usecs () - start;
    result ("actor", (double) count * 1e6 / (double) (elapsed ? elapsed : 1), "start+stop/s");
}

/* --- loop ------------------------------------------------------------ */

typedef struct {
    void **tickets;
    long ticket_count;
    long handled;
    long messages;
} loop_state_t;

static int
loop_ticket_fired (zloop_t *loop, int timer_id, void *arg)
{
    (void) loop; (void) timer_id; (void) arg;
    fprintf (stderr, "czmq_bench: loop: a ticket fired\n");
    return -1;
}

static int
loop_reader (zloop_t *loop, zsock_t *reader, void *arg)
{
    loop_state_t *state = (loop_state_t *) arg;
    zframe_t *frame = zframe_recv (reader);
    if (!frame)
        return -1;
    zframe_destroy (&frame);
    zloop_ticket_reset (loop, state->tickets[state->handled % state->ticket_count]);
    state->handled++;
    return state->handled == state->messages ? -1 : 0;
}

typedef struct {
    const char *prefix;
    long readers;
    long messages;
} feeder_args_t;

/*  Connects one PUSH socket to every reader, then on "GO" deals the
    messages round-robin (PUSH load-balances over its peers).             */
static void
loop_feeder (zsock_t *pipe, void *args_)
{
    feeder_args_t *args = (feeder_args_t *) args_;
    zsock_t *push = zsock_new (ZMQ_PUSH);
    zsock_set_sndtimeo (push, BENCH_TIMEOUT_MS);
    for (long i = 0; i < args->readers; i++)
        zsock_connect (push, "%s-%ld", args->prefix, i);
    zsock_signal (pipe, 0);
    char *go = zstr_recv (pipe);
    if (go && streq (go, "GO"))
        for (long i = 0; i < args->messages; i++)
            if (zstr_send (push, "m") != 0)
                break;
    free (go);
    wait_term (pipe);
    zsock_destroy (&push);
}

static void
bench_loop (long readers, long tickets, long messages)
{
    if (readers < 1 || tickets < 1 || messages < 1)
        die ("loop: readers, tickets and messages must be positive");
    const char *prefix = "inproc://czmq-bench-loop";
    zsock_t **pulls = (zsock_t **) calloc ((size_t) readers, sizeof (zsock_t *));
    for (long i = 0; i < readers; i++) {
        pulls[i] = zsock_new_pull (NULL);
        zsock_set_rcvtimeo (pulls[i], BENCH_TIMEOUT_MS);
        if (zsock_bind (pulls[i], "%s-%ld", prefix, i) != 0)
            die ("loop: bind failed");
    }
    feeder_args_t feeder_args = { prefix, readers, messages };
    zactor_t *feeder = zactor_new (loop_feeder, &feeder_args);

    loop_state_t state = { NULL, tickets, 0, messages };
    state.tickets = (void **) calloc ((size_t) tickets, sizeof (void *));
    zloop_t *loop = zloop_new ();
    int64_t setup_start = now_usecs ();
    zloop_set_ticket_delay (loop, 60000);
    for (long i = 0; i < tickets; i++)
        state.tickets[i] = zloop_ticket (loop, loop_ticket_fired, NULL);
    for (long i = 0; i < readers; i++)
        zloop_reader (loop, pulls[i], loop_reader, &state);
    int64_t setup = now_usecs () - setup_start;

    zstr_send (feeder, "GO");
    int64_t start = now_usecs ();
    zloop_start (loop);
    int64_t elapsed = now_usecs () - start;
    if (state.handled != messages)
        die ("loop: ended before every message was handled");

    result ("loop", (double) messages * 1e6 / (double) (elapsed ? elapsed : 1), "msg/s");
    result ("loop-setup", (double) setup / 1000.0, "ms");
    zloop_destroy (&loop);
    zactor_destroy (&feeder);
    for (long i = 0; i < readers; i++)
        zsock_destroy (&pulls[i]);
    free (pulls);
    free (state.tickets);
}

/* --- main ------------------------------------------------------------ */

static long
arg_long (const char *text)
{
    char *end;
    long value = strtol (text, &end, 10);
    if (*text == '\0' || *end != '\0' || value < 0)
        die ("arguments must be non-negative integers");
    return value;
}

static void
usage (void)
{
    die ("usage: czmq_bench msg <tcp|inproc> <frame-size> <count>\n"
         "       czmq_bench reqrep <tcp|inproc> <count>\n"
         "       czmq_bench actor <count>\n"
         "       czmq_bench loop <readers> <tickets> <messages>");
}

int
main (int argc, char *argv[])
{
    //  The loop case holds more than libzmq's default 1023 sockets.
    zsys_set_max_sockets (4096);
    if (argc == 5 && streq (argv[1], "msg"))
        bench_msg (argv[2], (size_t) arg_long (argv[3]), arg_long (argv[4]));
    else
    if (argc == 4 && streq (argv[1], "reqrep"))
        bench_reqrep (argv[2], arg_long (argv[3]));
    else
    if (argc == 3 && streq (argv[1], "actor"))
        bench_actor (arg_long (argv[2]));
    else
    if (argc == 5 && streq (argv[1], "loop"))
        bench_loop (arg_long (argv[2]), arg_long (argv[3]), arg_long (argv[4]));
    else
        usage ();
    return 0;
}
