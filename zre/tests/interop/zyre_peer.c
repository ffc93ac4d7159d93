// A Zyre 2.0.1 node for tests/zyre_interop.rs (our code, built against
// Zyre's release source and Debian's CZMQ in the target directory).
//
//   zyre_peer ENDPOINT GROUP
//
// Listens at ENDPOINT (no UDP beacon), joins GROUP and prints one line per
// event: "READY <uuid>", "ENTER <name>", "JOIN <name> <group>",
// "WHISPER <name> <text>", "SHOUT <name> <group> <text>", "EXIT <name>".
// It whispers "hello from zyre" to each peer that enters and shouts
// "zyre shouts" when a peer joins GROUP. It stops after it has heard both a
// WHISPER and a SHOUT, or after 20 s.
#include <czmq.h>
#include "zyre.h"

static char *
first_text (zyre_event_t *event)
{
    zmsg_t *msg = zyre_event_msg (event);
    zframe_t *frame = msg ? zmsg_first (msg) : NULL;
    return frame ? zframe_strdup (frame) : strdup ("");
}

int
main (int argc, char **argv)
{
    if (argc != 3) {
        fprintf (stderr, "usage: zyre_peer ENDPOINT GROUP\n");
        return 2;
    }
    const char *group = argv [2];
    zyre_t *node = zyre_new ("zyre-c");
    assert (node);
    zyre_set_endpoint (node, "%s", argv [1]);
    if (zyre_start (node)) {
        fprintf (stderr, "zyre_peer: cannot start at %s\n", argv [1]);
        return 1;
    }
    zyre_join (node, group);
    printf ("READY %s\n", zyre_uuid (node));
    fflush (stdout);

    bool whispered = false, shouted = false;
    int64_t deadline = zclock_mono () + 20000;
    zpoller_t *poller = zpoller_new (zyre_socket (node), NULL);
    while (!(whispered && shouted) && zclock_mono () < deadline) {
        if (!zpoller_wait (poller, 200))
            continue;
        zyre_event_t *event = zyre_event_new (node);
        if (!event)
            break;
        const char *type = zyre_event_type (event);
        const char *name = zyre_event_peer_name (event);
        if (streq (type, "ENTER")) {
            printf ("ENTER %s\n", name);
            zyre_whispers (node, zyre_event_peer_uuid (event), "hello from zyre");
        }
        else
        if (streq (type, "JOIN")) {
            printf ("JOIN %s %s\n", name, zyre_event_group (event));
            if (streq (zyre_event_group (event), group))
                zyre_shouts (node, group, "zyre shouts");
        }
        else
        if (streq (type, "WHISPER")) {
            char *text = first_text (event);
            printf ("WHISPER %s %s\n", name, text);
            free (text);
            whispered = true;
        }
        else
        if (streq (type, "SHOUT")) {
            char *text = first_text (event);
            printf ("SHOUT %s %s %s\n", name, zyre_event_group (event), text);
            free (text);
            shouted = true;
        }
        else
        if (streq (type, "EXIT"))
            printf ("EXIT %s\n", name);
        fflush (stdout);
        zyre_event_destroy (&event);
    }
    zpoller_destroy (&poller);
    zyre_stop (node);
    zyre_destroy (&node);
    printf ("DONE\n");
    return 0;
}
