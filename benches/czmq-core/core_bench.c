/*  core_bench.c: CZMQ's core classes, the same program built against
    Debian's CZMQ and against czmq-rs's C face (see run.sh). Each case
    is timed over enough iterations to run for a few tenths of a second,
    and prints one line: "<case> <nanoseconds per operation>".

    Cases: a three-part zmsg built, sent over an inproc PAIR, received and
    destroyed; one 64-byte zframe sent and received; one zstr sent and
    received; zsock option setter and getter calls. */

#include <czmq.h>
#include <time.h>

static int64_t
s_now_ns (void)
{
    struct timespec ts;
    clock_gettime (CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static volatile size_t s_sink;

static void
s_report (const char *name, int64_t ns, size_t ops)
{
    printf ("%s %.1f\n", name, (double) ns / (double) ops);
}

/*  Build, send, receive and destroy a message of three 64-byte frames. */
static void
s_zmsg (zsock_t *tx, zsock_t *rx, size_t iters)
{
    byte payload [64];
    memset (payload, 'm', sizeof payload);
    int64_t start = s_now_ns ();
    for (size_t i = 0; i < iters; i++) {
        zmsg_t *msg = zmsg_new ();
        zmsg_addmem (msg, payload, sizeof payload);
        zmsg_addmem (msg, payload, sizeof payload);
        zmsg_addmem (msg, payload, sizeof payload);
        int rc = zmsg_send (&msg, tx);
        assert (rc == 0);
        zmsg_t *got = zmsg_recv (rx);
        assert (got);
        s_sink += zmsg_size (got);
        zmsg_destroy (&got);
    }
    s_report ("zmsg_build_send_recv", s_now_ns () - start, iters);
}

/*  Create, send, receive and destroy one 64-byte frame. */
static void
s_zframe (zsock_t *tx, zsock_t *rx, size_t iters)
{
    byte payload [64];
    memset (payload, 'f', sizeof payload);
    int64_t start = s_now_ns ();
    for (size_t i = 0; i < iters; i++) {
        zframe_t *frame = zframe_new (payload, sizeof payload);
        int rc = zframe_send (&frame, tx, 0);
        assert (rc == 0);
        zframe_t *got = zframe_recv (rx);
        assert (got);
        s_sink += zframe_size (got);
        zframe_destroy (&got);
    }
    s_report ("zframe_send_recv", s_now_ns () - start, iters);
}

/*  Send one short string, receive it, free it. */
static void
s_zstr (zsock_t *tx, zsock_t *rx, size_t iters)
{
    int64_t start = s_now_ns ();
    for (size_t i = 0; i < iters; i++) {
        int rc = zstr_send (tx, "Hello, World");
        assert (rc == 0);
        char *got = zstr_recv (rx);
        assert (got);
        s_sink += (size_t) got [0];
        zstr_free (&got);
    }
    s_report ("zstr_send_recv", s_now_ns () - start, iters);
}

/*  Set and read back two options; one op is one set+get pair. */
static void
s_zsock_options (zsock_t *sock, size_t iters)
{
    int64_t start = s_now_ns ();
    for (size_t i = 0; i < iters; i++) {
        zsock_set_sndhwm (sock, 1000 + (int) (i & 1023));
        s_sink += (size_t) zsock_sndhwm (sock);
    }
    s_report ("zsock_sndhwm_set_get", s_now_ns () - start, iters);

    start = s_now_ns ();
    for (size_t i = 0; i < iters; i++) {
        zsock_set_linger (sock, (int) (i & 1023));
        s_sink += (size_t) zsock_linger (sock);
    }
    s_report ("zsock_linger_set_get", s_now_ns () - start, iters);
}

int
main (int argc, char *argv [])
{
    /*  "quick" divides the iteration counts by 100 for a smoke test,
        "profile" by 10 (for callgrind); a second argument runs only the
        case whose name starts with it ("none" runs none: the baseline). */
    size_t scale = 1;
    if (argc > 1 && streq (argv [1], "quick"))
        scale = 100;
    else
    if (argc > 1 && streq (argv [1], "profile"))
        scale = 10;
    const char *only = argc > 2 ? argv [2] : "";
    zsock_t *rx = zsock_new_pair ("@inproc://core-bench");
    zsock_t *tx = zsock_new_pair (">inproc://core-bench");
    assert (rx && tx);

    if (strncmp ("zmsg", only, strlen (only)) == 0)
        s_zmsg (tx, rx, 50000 / scale);
    if (strncmp ("zframe", only, strlen (only)) == 0)
        s_zframe (tx, rx, 400000 / scale);
    if (strncmp ("zstr", only, strlen (only)) == 0)
        s_zstr (tx, rx, 1000000 / scale);
    if (strncmp ("zsock", only, strlen (only)) == 0)
        s_zsock_options (tx, 1000000 / scale);

    zsock_destroy (&tx);
    zsock_destroy (&rx);
    return 0;
}
