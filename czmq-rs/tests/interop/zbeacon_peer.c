/*  zbeacon_peer: a real CZMQ zbeacon for the interop test (tests/zbeacon.rs).

    Usage: zbeacon_peer PORT PAYLOAD FILTER SECONDS

    Configures a zbeacon on PORT (interface and multicast from the ZSYS_*
    environment), publishes PAYLOAD every 100 ms, subscribes to FILTER and,
    for SECONDS, prints one line per received beacon:

        HOST <configure reply>
        RECV <sender ip> <payload as hex>

    Exits 0 when done, 2 on bad arguments.  */

#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main (int argc, char *argv [])
{
    if (argc != 5) {
        fprintf (stderr, "usage: zbeacon_peer PORT PAYLOAD FILTER SECONDS\n");
        return 2;
    }
    int port = atoi (argv [1]);
    const char *payload = argv [2];
    const char *filter = argv [3];
    int seconds = atoi (argv [4]);
    if (port <= 0 || port > 65535 || seconds <= 0 || strlen (payload) > 255)
        return 2;

    zactor_t *beacon = zactor_new (zbeacon, NULL);
    if (!beacon)
        return 1;
    zsock_send (beacon, "si", "CONFIGURE", port);
    char *host = zstr_recv (beacon);
    printf ("HOST %s\n", host ? host : "(null)");
    fflush (stdout);
    zstr_free (&host);

    zsock_send (beacon, "sbi", "PUBLISH", payload, strlen (payload), 100);
    zsock_send (beacon, "sb", "SUBSCRIBE", filter, strlen (filter));
    zsock_set_rcvtimeo (beacon, 100);

    int64_t end = zclock_mono () + (int64_t) seconds * 1000;
    while (zclock_mono () < end) {
        char *sender = zstr_recv (beacon);
        if (!sender)
            continue;               //  timeout: look at the clock again
        zframe_t *content = zframe_recv (beacon);
        if (content) {
            char *hex = zframe_strhex (content);
            printf ("RECV %s %s\n", sender, hex);
            fflush (stdout);
            free (hex);
            zframe_destroy (&content);
        }
        zstr_free (&sender);
    }
    zactor_destroy (&beacon);
    return 0;
}
