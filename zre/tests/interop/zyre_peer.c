// A Zyre 2.0.1 node for the interop tests (our code, built against Zyre's
// release source and Debian's CZMQ in the target directory).
//
//   zyre_peer ENDPOINT GROUP
//
// (tests/zyre_interop.rs) Listens at ENDPOINT (no UDP beacon), joins GROUP
// and prints one line per event: "READY <uuid>", "ENTER <name>",
// "JOIN <name> <group>", "WHISPER <name> <text>", "SHOUT <name> <group>
// <text>", "EXIT <name>". It whispers "hello from zyre" to each peer that
// enters and shouts "zyre shouts" when a peer joins GROUP. It stops after it
// has heard both a WHISPER and a SHOUT, or after 20 s.
//
//   zyre_peer -i NAME [OPTION...]
//
// (tests/zyre_netns.rs) Interactive: a node named NAME, driven by lines on
// stdin, until stdin closes (then zyre_stop: Zyre's port-0 beacon) or
// 120 s pass. Options, before zyre_start:
//   --beacon IFACE PORT     UDP beacon discovery on IFACE (zyre_set_interface)
//                           at UDP port PORT (zyre_set_port), every 100 ms
//   --endpoint ENDPOINT     listen at ENDPOINT (zyre_set_endpoint)
//   --gossip-bind EP        zyre_gossip_bind
//   --gossip-connect EP     zyre_gossip_connect
//   --expired MS            zyre_set_expired_timeout (and evasive MS/2)
// Commands: "JOIN <group>", "LEAVE <group>", "SHOUT <group> <text>",
// "WHISPER <uuid> <text>". Lines printed: "READY <uuid>", "ENTER <name>
// <uuid> <address>", "JOIN <name> <group>", "LEAVE <name> <group>",
// "WHISPER <name> <text>", "SHOUT <name> <group> <text>", "EXIT <name>",
// then "DONE" when it has stopped.
#include <czmq.h>
#include "zyre.h"

static char *
first_text (zyre_event_t *event)
{
    zmsg_t *msg = zyre_event_msg (event);
    zframe_t *frame = msg ? zmsg_first (msg) : NULL;
    return frame ? zframe_strdup (frame) : strdup ("");
}

static int interactive (int argc, char **argv);

int
main (int argc, char **argv)
{
    if (argc >= 3 && streq (argv [1], "-i"))
        return interactive (argc, argv);
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

static void
print_event (zyre_event_t *event)
{
    const char *type = zyre_event_type (event);
    const char *name = zyre_event_peer_name (event);
    if (streq (type, "ENTER"))
        printf ("ENTER %s %s %s\n", name, zyre_event_peer_uuid (event),
                zyre_event_peer_addr (event));
    else
    if (streq (type, "JOIN") || streq (type, "LEAVE"))
        printf ("%s %s %s\n", type, name, zyre_event_group (event));
    else
    if (streq (type, "WHISPER")) {
        char *text = first_text (event);
        printf ("WHISPER %s %s\n", name, text);
        free (text);
    }
    else
    if (streq (type, "SHOUT")) {
        char *text = first_text (event);
        printf ("SHOUT %s %s %s\n", name, zyre_event_group (event), text);
        free (text);
    }
    else
    if (streq (type, "EXIT"))
        printf ("EXIT %s\n", name);
    fflush (stdout);
}

//  One command line from stdin.
static void
command (zyre_t *node, char *line)
{
    char *rest = strchr (line, ' ');
    if (!rest)
        return;
    *rest++ = 0;
    char *text = strchr (rest, ' ');
    if (text)
        *text++ = 0;
    if (streq (line, "JOIN"))
        zyre_join (node, rest);
    else
    if (streq (line, "LEAVE"))
        zyre_leave (node, rest);
    else
    if (streq (line, "SHOUT") && text)
        zyre_shouts (node, rest, "%s", text);
    else
    if (streq (line, "WHISPER") && text)
        zyre_whispers (node, rest, "%s", text);
    else
        fprintf (stderr, "zyre_peer: unknown command %s\n", line);
}

static int
interactive (int argc, char **argv)
{
    zyre_t *node = zyre_new (argv [2]);
    assert (node);
    int arg;
    for (arg = 3; arg < argc; arg++) {
        const char *option = argv [arg];
        const char *value = arg + 1 < argc? argv [arg + 1]: NULL;
        if (!value) {
            fprintf (stderr, "zyre_peer: %s needs a value\n", option);
            return 2;
        }
        arg++;
        if (streq (option, "--beacon") && arg + 1 < argc) {
            zyre_set_interface (node, value);
            zyre_set_port (node, atoi (argv [++arg]));
            zyre_set_interval (node, 100);
        }
        else
        if (streq (option, "--endpoint"))
            zyre_set_endpoint (node, "%s", value);
        else
        if (streq (option, "--gossip-bind"))
            zyre_gossip_bind (node, "%s", value);
        else
        if (streq (option, "--gossip-connect"))
            zyre_gossip_connect (node, "%s", value);
        else
        if (streq (option, "--expired")) {
            zyre_set_expired_timeout (node, atoi (value));
            zyre_set_evasive_timeout (node, atoi (value) / 2);
        }
        else {
            fprintf (stderr, "zyre_peer: unknown option %s\n", option);
            return 2;
        }
    }
    if (zyre_start (node)) {
        fprintf (stderr, "zyre_peer: cannot start\n");
        return 1;
    }
    printf ("READY %s\n", zyre_uuid (node));
    fflush (stdout);

    char buffer [4096];
    size_t filled = 0;
    bool input = true;
    int64_t deadline = zclock_mono () + 120000;
    while (input && zclock_mono () < deadline) {
        zmq_pollitem_t items [] = {
            { zsock_resolve (zyre_socket (node)), 0, ZMQ_POLLIN, 0 },
            { NULL, 0, ZMQ_POLLIN, 0 }
        };
        if (zmq_poll (items, 2, 200) < 0)
            break;
        if (items [0].revents & ZMQ_POLLIN) {
            zyre_event_t *event = zyre_event_new (node);
            if (!event)
                break;
            print_event (event);
            zyre_event_destroy (&event);
        }
        if (items [1].revents & (ZMQ_POLLIN | ZMQ_POLLERR)) {
            ssize_t got = read (0, buffer + filled, sizeof (buffer) - 1 - filled);
            if (got <= 0)
                input = false;
            else {
                filled += got;
                char *start = buffer, *newline;
                while ((newline = memchr (start, '\n', buffer + filled - start))) {
                    *newline = 0;
                    command (node, start);
                    start = newline + 1;
                }
                filled -= start - buffer;
                memmove (buffer, start, filled);
                if (filled == sizeof (buffer) - 1)
                    filled = 0;     //  An overlong line: dropped
            }
        }
    }
    zyre_stop (node);
    zyre_destroy (&node);
    printf ("DONE\n");
    fflush (stdout);
    return 0;
}
