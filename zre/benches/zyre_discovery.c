// Discovery and EXIT detection for Zyre 2.0.1 (built from its release
// source against Debian's CZMQ by zre/benches/zyre-vs-ours-discovery.sh),
// the same program as zre/examples/zre_discovery.rs is for our node; the
// script runs node A and node B as two processes on two hosts (network
// namespaces on one bridged segment) and reads their lines.
//
//   zyre_discovery ROLE IFACE ADDRESS INTERVAL_MS EVASIVE_MS EXPIRED_MS HOLD_MS
//
// A node named ROLE ("a" or "b") finding its peer by UDP beacon on IFACE
// (zyre_set_interface), port 5670, listening on a tcp port of IFACE's
// address (Zyre picks it; ADDRESS, the same address, is for our node:
// zyre_set_endpoint would turn Zyre's beacon off). A
// non-zero INTERVAL_MS, EVASIVE_MS or EXPIRED_MS is passed to
// zyre_set_interval, zyre_set_evasive_timeout or zyre_set_expired_timeout
// (0 keeps Zyre's default: 1 s, 5 s, 30 s). Prints, with the wall clock in
// microseconds: "START t" just before zyre_start, "ENTER t name", "EXIT t
// name" and "EVASIVE t name" (it pings that peer) for each such event,
// and, when HOLD_MS >= 0, "STOP t" HOLD_MS after its first ENTER, just
// before zyre_stop (then it ends). Node A ends after its first EXIT. Every
// node ends after 60 s whatever happens.
#include <czmq.h>
#include "zyre.h"

#define LIFETIME 60000

static int64_t
now_us (void)
{
    struct timespec ts;
    clock_gettime (CLOCK_REALTIME, &ts);
    return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int
main (int argc, char **argv)
{
    if (argc != 8) {
        fprintf (stderr, "usage: zyre_discovery ROLE IFACE ADDRESS INTERVAL_MS"
                         " EVASIVE_MS EXPIRED_MS HOLD_MS\n");
        return 2;
    }
    const char *role = argv [1];
    int interval = atoi (argv [4]), evasive = atoi (argv [5]);
    int expired = atoi (argv [6]), hold = atoi (argv [7]);
    bool is_a = streq (role, "a");

    zyre_t *node = zyre_new (role);
    zyre_set_interface (node, argv [2]);
    zyre_set_port (node, 5670);
    if (interval > 0)
        zyre_set_interval (node, interval);
    if (evasive > 0)
        zyre_set_evasive_timeout (node, evasive);
    if (expired > 0)
        zyre_set_expired_timeout (node, expired);
    zsock_set_rcvtimeo (zyre_socket (node), 5);

    printf ("START %" PRId64 "\n", now_us ());
    fflush (stdout);
    if (zyre_start (node)) {
        fprintf (stderr, "zyre_discovery: cannot start %s\n", role);
        return 1;
    }
    int64_t started = zclock_mono ();
    int64_t stop_at = -1;
    bool done = false;
    while (!done && zclock_mono () - started < LIFETIME) {
        if (stop_at >= 0 && zclock_mono () >= stop_at)
            break;
        zyre_event_t *event = zyre_event_new (node);
        if (!event)
            continue;
        const char *type = zyre_event_type (event);
        if (streq (type, "ENTER") || streq (type, "EXIT") || streq (type, "EVASIVE")) {
            printf ("%s %" PRId64 " %s\n", type, now_us (), zyre_event_peer_name (event));
            fflush (stdout);
            if (streq (type, "ENTER") && hold >= 0 && stop_at < 0)
                stop_at = zclock_mono () + hold;
            if (streq (type, "EXIT") && is_a)
                done = true;
        }
        zyre_event_destroy (&event);
    }
    printf ("STOP %" PRId64 "\n", now_us ());
    fflush (stdout);
    zyre_stop (node);
    zyre_destroy (&node);
    return 0;
}
