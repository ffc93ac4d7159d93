//  Shared by zyre_perf.c and zyre_elect.c: Zyre nodes on loopback that
//  find each other through a gossip hub, and reading their events.
//
//  Node `index` listens at tcp://127.0.0.1:BASEPORT+1+index; node 0 is the
//  gossip hub at BASEPORT and the others gossip-connect to it.
#include <czmq.h>
#include "zyre.h"

#define TIMEOUT 20000

//  Node `index`, named "n<index>", configured but not started.
static zyre_t *
loopback_node (int index, int baseport)
{
    char name [32];
    snprintf (name, sizeof name, "n%d", index);
    zyre_t *node = zyre_new (name);
    zyre_set_endpoint (node, "tcp://127.0.0.1:%d", baseport + 1 + index);
    if (index == 0)
        zyre_gossip_bind (node, "tcp://127.0.0.1:%d", baseport);
    else
        zyre_gossip_connect (node, "tcp://127.0.0.1:%d", baseport);
    return node;
}

//  Starts `node`; its events time out after TIMEOUT ms. Exits on failure.
static zyre_t *
started (zyre_t *node)
{
    if (zyre_start (node)) {
        fprintf (stderr, "cannot start node %s\n", zyre_name (node));
        exit (1);
    }
    zsock_set_rcvtimeo (zyre_socket (node), TIMEOUT);
    return node;
}

//  Reads events until one of `type` arrives; returns it. Events passed
//  over go to `passed` (with `arg`) unless it is NULL. Exits after TIMEOUT.
static zyre_event_t *
next_of (zyre_t *node, const char *type,
         void (*passed) (zyre_event_t *event, void *arg), void *arg)
{
    while (true) {
        zyre_event_t *event = zyre_event_new (node);
        if (!event) {
            fprintf (stderr, "no %s within %d ms\n", type, TIMEOUT);
            exit (1);
        }
        if (streq (zyre_event_type (event), type))
            return event;
        if (passed)
            passed (event, arg);
        zyre_event_destroy (&event);
    }
}

//  For qsort: int64_t ascending.
static int
compare (const void *a, const void *b)
{
    int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
    return (x > y) - (x < y);
}
