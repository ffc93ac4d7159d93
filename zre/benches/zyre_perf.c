// WHISPER round trip and SHOUT fan-out for Zyre 2.0.1 (built from its
// release source against Debian's CZMQ by zre/benches/zyre-vs-ours.sh),
// the same measurement as zre/examples/zre_perf.rs does for our node.
//
//   zyre_perf ROUNDS SHOUTS LISTENERS BASEPORT
//
// Nodes on loopback: node 0 listens at tcp://127.0.0.1:BASEPORT+1 and is
// the gossip hub at BASEPORT; node i at BASEPORT+1+i gossip-connects to it.
// Round trip: node 0 WHISPERs 64 bytes to node 1, which WHISPERs them back;
// ROUNDS times after 100 warm-up rounds; median in microseconds. Fan-out:
// LISTENERS nodes join group G, node 0 SHOUTs SHOUTS messages of 64 bytes
// to G, and the clock stops when every listener has read all of them:
// SHOUTs sent per second. Prints "rtt_median_us X" and "shout_per_s Y".
#include "zyre_loopback.h"

static zyre_t *
start (int index, int baseport)
{
    return started (loopback_node (index, baseport));
}

static zyre_event_t *
next (zyre_t *node, const char *type)
{
    return next_of (node, type, NULL, NULL);
}

static void
expect (zyre_t *node, const char *type, int count)
{
    while (count-- > 0) {
        zyre_event_t *event = next (node, type);
        zyre_event_destroy (&event);
    }
}

static zmsg_t *
payload (void)
{
    byte data [64] = { 0 };
    zmsg_t *msg = zmsg_new ();
    zmsg_addmem (msg, data, sizeof data);
    return msg;
}

int
main (int argc, char **argv)
{
    if (argc != 5) {
        fprintf (stderr, "usage: zyre_perf ROUNDS SHOUTS LISTENERS BASEPORT\n");
        return 2;
    }
    int rounds = atoi (argv [1]), shouts = atoi (argv [2]);
    int listeners = atoi (argv [3]), baseport = atoi (argv [4]);
    int count = listeners + 1 > 2? listeners + 1: 2;
    zyre_t **nodes = calloc (count, sizeof (zyre_t *));
    int i;
    for (i = 0; i < count; i++)
        nodes [i] = start (i, baseport);
    //  Everyone meets everyone.
    for (i = 0; i < count; i++)
        expect (nodes [i], "ENTER", count - 1);

    //  Round trip, node 0 <-> node 1.
    char *uuid0 = strdup (zyre_uuid (nodes [0]));
    char *uuid1 = strdup (zyre_uuid (nodes [1]));
    int64_t *samples = calloc (rounds, sizeof (int64_t));
    for (i = -100; i < rounds; i++) {
        int64_t sent = zclock_usecs ();
        zmsg_t *msg = payload ();
        zyre_whisper (nodes [0], uuid1, &msg);
        zyre_event_t *event = next (nodes [1], "WHISPER");
        msg = zmsg_dup (zyre_event_msg (event));
        zyre_event_destroy (&event);
        zyre_whisper (nodes [1], uuid0, &msg);
        event = next (nodes [0], "WHISPER");
        zyre_event_destroy (&event);
        if (i >= 0)
            samples [i] = zclock_usecs () - sent;
    }
    qsort (samples, rounds, sizeof (int64_t), compare);
    printf ("rtt_median_us %.1f\n", (double) samples [rounds / 2]);

    //  Fan-out: node 0 SHOUTs to LISTENERS nodes.
    for (i = 1; i <= listeners; i++)
        zyre_join (nodes [i], "G");
    expect (nodes [0], "JOIN", listeners);
    int64_t started = zclock_usecs ();
    for (i = 0; i < shouts; i++) {
        zmsg_t *msg = payload ();
        zyre_shout (nodes [0], "G", &msg);
    }
    for (i = 1; i <= listeners; i++)
        expect (nodes [i], "SHOUT", shouts);
    double seconds = (zclock_usecs () - started) / 1e6;
    printf ("shout_per_s %.0f\n", shouts / seconds);
    fflush (stdout);

    for (i = 0; i < count; i++)
        zyre_destroy (&nodes [i]);
    free (samples);
    free (uuid0);
    free (uuid1);
    free (nodes);
    return 0;
}
