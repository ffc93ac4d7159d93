/*  czmq_node: a real CZMQ zgossip node for interop tests, driven like our
    `zgossip` CLI. It prints "BOUND tcp://host:port" for each bind, then
    "DELIVER key value" per delivery, and reads commands from stdin, one per
    line: "PUBLISH key value", "STATUS" (prints "STATUS n"), "QUIT".

    Arguments: [--bind EP]... [--connect EP]... [--publish key=value]...
               [--timeout MS]

    Built by the interop tests with: cc czmq_node.c -lczmq -lzmq
*/
#include <czmq.h>

static void s_print_port (zactor_t *gossip, const char *endpoint)
{
    zstr_send (gossip, "PORT");
    char *command = NULL, *port = NULL;
    zstr_recvx (gossip, &command, &port, NULL);
    char host [256];
    snprintf (host, sizeof host, "%s", endpoint);
    char *colon = strrchr (host, ':');
    if (colon)
        *colon = 0;
    printf ("BOUND %s:%s\n", host, port? port: "?");
    fflush (stdout);
    zstr_free (&command);
    zstr_free (&port);
}

int main (int argc, char *argv [])
{
    zsys_init ();
    zactor_t *gossip = zactor_new (zgossip, "czmq");
    assert (gossip);
    zstr_sendx (gossip, "SET", "server/background", "1", NULL);
    int arg;
    for (arg = 1; arg + 1 < argc; arg += 2) {
        const char *name = argv [arg], *value = argv [arg + 1];
        if (streq (name, "--bind")) {
            zstr_sendx (gossip, "BIND", value, NULL);
            s_print_port (gossip, value);
        }
        else
        if (streq (name, "--connect"))
            zstr_sendx (gossip, "CONNECT", value, NULL);
        else
        if (streq (name, "--timeout"))
            zstr_sendx (gossip, "SET", "server/timeout", value, NULL);
        else
        if (streq (name, "--publish")) {
            char *copy = strdup (value);
            char *equals = strchr (copy, '=');
            if (equals) {
                *equals = 0;
                zstr_sendx (gossip, "PUBLISH", copy, equals + 1, NULL);
            }
            free (copy);
        }
    }
    zmq_pollitem_t items [] = {
        { zsock_resolve (gossip), 0, ZMQ_POLLIN, 0 },
        { NULL, 0, ZMQ_POLLIN, 0 }      //  stdin
    };
    char line [1024];
    while (!zsys_interrupted) {
        if (zmq_poll (items, 2, 1000) == -1)
            break;
        if (items [0].revents & ZMQ_POLLIN) {
            zmsg_t *msg = zmsg_recv (gossip);
            if (!msg)
                break;
            char *command = zmsg_popstr (msg);
            if (command && streq (command, "DELIVER")) {
                char *key = zmsg_popstr (msg);
                char *value = zmsg_popstr (msg);
                printf ("DELIVER %s %s\n", key, value);
                zstr_free (&key);
                zstr_free (&value);
            }
            else
            if (command && streq (command, "STATUS")) {
                char *count = zmsg_popstr (msg);
                printf ("STATUS %s\n", count);
                zstr_free (&count);
            }
            fflush (stdout);
            zstr_free (&command);
            zmsg_destroy (&msg);
        }
        if (items [1].revents & ZMQ_POLLIN) {
            if (!fgets (line, sizeof line, stdin))
                break;
            line [strcspn (line, "\r\n")] = 0;
            char *key = strchr (line, ' ');
            if (streq (line, "QUIT"))
                break;
            else
            if (streq (line, "STATUS"))
                zstr_send (gossip, "STATUS");
            else
            if (key && strncmp (line, "PUBLISH ", 8) == 0) {
                key++;
                char *value = strchr (key, ' ');
                if (value) {
                    *value++ = 0;
                    zstr_sendx (gossip, "PUBLISH", key, value, NULL);
                }
            }
        }
    }
    zactor_destroy (&gossip);
    return 0;
}
