// Leader election time for Zyre 2.0.1 built with its draft API (from its
// release source against Debian's CZMQ, by
// zre/benches/zyre-vs-ours-election.sh), the same measurement as
// zre/examples/zre_elect.rs makes for our node.
//
//   zyre_elect NODES CYCLES BASEPORT
//
// NODES nodes (3 or more) on loopback, all contesting group G: node 0
// listens at tcp://127.0.0.1:BASEPORT+1 and is the gossip hub at BASEPORT;
// node i at BASEPORT+1+i gossip-connects to it. Once all have met, they
// join G one at a time, each waiting until the others have seen its JOIN
// and the election it starts has told every member a leader. Then CYCLES
// times: the leader leaves G and the clock runs until every other node has
// been told a new leader ("leave"); it joins again and the clock runs until
// every node has been told a leader ("join"). Between steps, 50 ms for
// stragglers. Prints "leave_median_us X" and "join_median_us Y".
#include "zyre_loopback.h"

static zyre_t *
start (int index, int baseport)
{
    zyre_t *node = loopback_node (index, baseport);
    zyre_set_contest_in_group (node, "G");
    return started (node);
}

static zyre_t **nodes;
static int count;
//  Per node: the leader (node index) of a LEADER event read while waiting
//  for something else, or -1.
static int *told;

static int
index_of (const char *uuid)
{
    int i;
    for (i = 0; i < count; i++)
        if (streq (zyre_uuid (nodes [i]), uuid))
            return i;
    return -1;
}

//  A LEADER event passed over by node *(int *) arg: kept in told.
static void
keep_leader (zyre_event_t *event, void *arg)
{
    if (streq (zyre_event_type (event), "LEADER"))
        told [*(int *) arg] = index_of (zyre_event_peer_uuid (event));
}

//  Reads node i's events until one of `type` arrives; returns it. A LEADER
//  passed over is kept in told [i].
static zyre_event_t *
next (int i, const char *type)
{
    return next_of (nodes [i], type, keep_leader, &i);
}

//  Waits until nodes 0..members-1 but `skip` have been told a leader;
//  returns the index of the last one named.
static int
leader_told (int members, int skip)
{
    int i, leader = -1;
    for (i = 0; i < members; i++) {
        if (i == skip)
            continue;
        if (told [i] < 0) {
            zyre_event_t *event = next (i, "LEADER");
            told [i] = index_of (zyre_event_peer_uuid (event));
            zyre_event_destroy (&event);
        }
        leader = told [i];
        told [i] = -1;
    }
    return leader;
}

//  Lets stragglers (LEADER events of elections overtaken by a later one)
//  arrive, and drops every event waiting.
static void
settle (void)
{
    zclock_sleep (50);
    int i;
    for (i = 0; i < count; i++) {
        told [i] = -1;
        zsock_set_rcvtimeo (zyre_socket (nodes [i]), 0);
        zmsg_t *msg;
        while ((msg = zyre_recv (nodes [i])))
            zmsg_destroy (&msg);
        zsock_set_rcvtimeo (zyre_socket (nodes [i]), TIMEOUT);
    }
}

int
main (int argc, char **argv)
{
    if (argc != 4 || atoi (argv [1]) < 3) {
        fprintf (stderr, "usage: zyre_elect NODES(>=3) CYCLES BASEPORT\n");
        return 2;
    }
    count = atoi (argv [1]);
    int cycles = atoi (argv [2]), baseport = atoi (argv [3]);
    nodes = calloc (count, sizeof (zyre_t *));
    told = calloc (count, sizeof (int));
    int i, j;
    for (i = 0; i < count; i++) {
        nodes [i] = start (i, baseport);
        told [i] = -1;
    }
    for (i = 0; i < count; i++)
        for (j = 0; j < count - 1; j++) {
            zyre_event_t *event = next (i, "ENTER");
            zyre_event_destroy (&event);
        }
    //  One at a time into G: node i's JOIN starts an election among 0..i.
    int leader = -1;
    for (i = 0; i < count; i++) {
        zyre_join (nodes [i], "G");
        for (j = 0; j < count; j++)
            if (j != i) {
                zyre_event_t *event = next (j, "JOIN");
                zyre_event_destroy (&event);
            }
        if (i > 0) {
            //  Only members hear the election: nodes 0..i.
            leader = leader_told (i + 1, -1);
            settle ();
        }
    }
    int64_t *leave = calloc (cycles, sizeof (int64_t));
    int64_t *join = calloc (cycles, sizeof (int64_t));
    for (i = 0; i < cycles; i++) {
        int64_t started = zclock_usecs ();
        zyre_leave (nodes [leader], "G");
        leader_told (count, leader);
        leave [i] = zclock_usecs () - started;
        settle ();
        started = zclock_usecs ();
        zyre_join (nodes [leader], "G");
        leader = leader_told (count, -1);
        join [i] = zclock_usecs () - started;
        settle ();
    }
    qsort (leave, cycles, sizeof (int64_t), compare);
    qsort (join, cycles, sizeof (int64_t), compare);
    printf ("leave_median_us %.1f\n", (double) leave [cycles / 2]);
    printf ("join_median_us %.1f\n", (double) join [cycles / 2]);
    fflush (stdout);
    for (i = 0; i < count; i++)
        zyre_destroy (&nodes [i]);
    free (leave);
    free (join);
    free (told);
    free (nodes);
    return 0;
}
