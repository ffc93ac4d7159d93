// Prints the wire frames Zyre 2.0.1's own codec (zre_msg.c) produces for a
// fixed set of ZRE messages, one vector file per message: one line per
// frame, lowercase hex. Our code; built against Zyre's zre_msg.c in target/
// by capture.sh. Zyre's source is never copied into the repository.
#include <czmq.h>
#include "zyre.h"
#include "zre_msg.h"

static void
capture (const char *dir, const char *name, zre_msg_t *msg)
{
    //  A fresh endpoint each time: an inproc name is released lazily.
    char endpoint [256];
    snprintf (endpoint, sizeof endpoint, "inproc://capture-%s", name);
    zsock_t *sink = zsock_new_pair (NULL);
    zsock_t *source = zsock_new_pair (NULL);
    assert (sink && source);
    assert (zsock_bind (sink, "%s", endpoint) == 0);
    assert (zsock_connect (source, "%s", endpoint) == 0);
    int rc = zre_msg_send (msg, source);
    assert (rc == 0);
    zmsg_t *wire = zmsg_recv (sink);
    assert (wire);
    char path [512];
    snprintf (path, sizeof path, "%s/%s.hex", dir, name);
    FILE *out = fopen (path, "w");
    assert (out);
    for (zframe_t *frame = zmsg_first (wire); frame; frame = zmsg_next (wire)) {
        const byte *data = zframe_data (frame);
        for (size_t i = 0; i < zframe_size (frame); i++)
            fprintf (out, "%02x", data [i]);
        fprintf (out, "\n");
    }
    fclose (out);
    zmsg_destroy (&wire);
    zsock_destroy (&source);
    zsock_destroy (&sink);
    zre_msg_destroy (&msg);
}

static zre_msg_t *
with_sequence (int id, uint16_t sequence)
{
    zre_msg_t *msg = zre_msg_new ();
    zre_msg_set_id (msg, id);
    zre_msg_set_sequence (msg, sequence);
    return msg;
}

int
main (int argc, char **argv)
{
    const char *dir = argc > 1 ? argv [1] : ".";

    zre_msg_t *msg = with_sequence (ZRE_MSG_HELLO, 1);
    zre_msg_set_endpoint (msg, "tcp://192.168.1.20:49152");
    zlist_t *groups = zlist_new ();
    zlist_append (groups, "CHAT");
    zlist_append (groups, "GLOBAL");
    zre_msg_set_groups (msg, &groups);
    zre_msg_set_status (msg, 2);
    zre_msg_set_name (msg, "node-A");
    zhash_t *headers = zhash_new ();
    zhash_insert (headers, "X-HELLO", "World");
    zre_msg_set_headers (msg, &headers);
    capture (dir, "hello", msg);

    msg = with_sequence (ZRE_MSG_HELLO, 1);
    zre_msg_set_endpoint (msg, "tcp://127.0.0.1:5670");
    zre_msg_set_name (msg, "");
    capture (dir, "hello_bare", msg);

    msg = with_sequence (ZRE_MSG_WHISPER, 2);
    zmsg_t *content = zmsg_new ();
    zmsg_addstr (content, "Hello, peer");
    zre_msg_set_content (msg, &content);
    capture (dir, "whisper", msg);

    msg = with_sequence (ZRE_MSG_WHISPER, 3);
    content = zmsg_new ();
    zmsg_addstr (content, "part one");
    zmsg_addmem (content, NULL, 0);
    zmsg_addmem (content, "\x00\xff\x01", 3);
    zre_msg_set_content (msg, &content);
    capture (dir, "whisper_multipart", msg);

    //  No content set: Zyre sends one empty frame.
    msg = with_sequence (ZRE_MSG_WHISPER, 4);
    capture (dir, "whisper_no_content", msg);

    msg = with_sequence (ZRE_MSG_SHOUT, 65535);
    zre_msg_set_group (msg, "CHAT");
    content = zmsg_new ();
    zmsg_addstr (content, "Hello, group");
    zre_msg_set_content (msg, &content);
    capture (dir, "shout", msg);

    msg = with_sequence (ZRE_MSG_JOIN, 5);
    zre_msg_set_group (msg, "CHAT");
    zre_msg_set_status (msg, 3);
    capture (dir, "join", msg);

    msg = with_sequence (ZRE_MSG_LEAVE, 6);
    zre_msg_set_group (msg, "CHAT");
    zre_msg_set_status (msg, 4);
    capture (dir, "leave", msg);

    capture (dir, "ping", with_sequence (ZRE_MSG_PING, 7));
    capture (dir, "ping_ok", with_sequence (ZRE_MSG_PING_OK, 8));

    msg = with_sequence (ZRE_MSG_ELECT, 9);
    zre_msg_set_group (msg, "CHAT");
    zre_msg_set_challenger_id (msg, "0123456789ABCDEF0123456789ABCDEF");
    capture (dir, "elect", msg);

    msg = with_sequence (ZRE_MSG_LEADER, 10);
    zre_msg_set_group (msg, "CHAT");
    zre_msg_set_leader_id (msg, "FEDCBA9876543210FEDCBA9876543210");
    capture (dir, "leader", msg);

    capture (dir, "goodbye", with_sequence (ZRE_MSG_GOODBYE, 11));
    return 0;
}
