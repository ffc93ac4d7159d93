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
//   --frames 1              print each event as its raw frames instead:
//                           "EVENT <frame> <frame>...", each frame in hex
//                           ("-" for an empty one), as zyre_recv returns it
// Built with ZYRE_BUILD_DRAFT_API (Zyre's draft API, CURVE security), also:
//   --cert 1                a fresh certificate (zyre_set_zcert); prints
//                           "KEY <public key>" (Z85). Give it first: Zyre
//                           applies it when --endpoint binds
//   --zap-domain DOMAIN     zyre_set_zap_domain
//   --contest GROUP         zyre_set_contest_in_group, and zyre_join before
//                           zyre_start (so HELLO names it); LEADER events
//                           print "LEADER <name> <uuid> <group>"
// and the command "REQUIRE <uuid> <endpoint> <public key>"
// (zyre_require_peer).
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

//  One event as zyre_recv returns it: its frames in hex, "-" when empty.
static void
print_frames (zmsg_t *msg)
{
    printf ("EVENT");
    zframe_t *frame = zmsg_first (msg);
    while (frame) {
        printf (" ");
        if (zframe_size (frame) == 0)
            printf ("-");
        size_t index;
        for (index = 0; index < zframe_size (frame); index++)
            printf ("%02x", zframe_data (frame) [index]);
        frame = zmsg_next (msg);
    }
    printf ("\n");
    fflush (stdout);
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
    else
    if (streq (type, "LEADER"))
        printf ("LEADER %s %s %s\n", name, zyre_event_peer_uuid (event),
                zyre_event_group (event));
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
#ifdef ZYRE_BUILD_DRAFT_API
    else
    if (streq (line, "REQUIRE") && text) {
        char *key = strchr (text, ' ');
        if (key) {
            *key++ = 0;
            zyre_require_peer (node, rest, text, key);
        }
    }
#endif
    else
        fprintf (stderr, "zyre_peer: unknown command %s\n", line);
}

static int
interactive (int argc, char **argv)
{
    zyre_t *node = zyre_new (argv [2]);
    assert (node);
    bool frames = false;
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
        if (streq (option, "--frames"))
            frames = atoi (value) != 0;
#ifdef ZYRE_BUILD_DRAFT_API
        else
        if (streq (option, "--cert")) {
            zcert_t *cert = zcert_new ();
            assert (cert);
            zyre_set_zcert (node, cert);
            printf ("KEY %s\n", zcert_public_txt (cert));
            fflush (stdout);
            zcert_destroy (&cert);
        }
        else
        if (streq (option, "--zap-domain"))
            zyre_set_zap_domain (node, value);
        else
        if (streq (option, "--contest")) {
            zyre_set_contest_in_group (node, value);
            zyre_join (node, value);
        }
#endif
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
        if ((items [0].revents & ZMQ_POLLIN) && frames) {
            zmsg_t *msg = zyre_recv (node);
            if (!msg)
                break;
            print_frames (msg);
            zmsg_destroy (&msg);
        }
        else
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
