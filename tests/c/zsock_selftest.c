/*  zsock selftest, in the style of CZMQ's: constructors, bind/connect with
    formats, endpoints, type strings, options, signals, resolve and is. */
#include <czmq.h>
#include <assert.h>

int
main (void)
{
#ifdef CZMQ_RS
    /*  Say which library runs this (the harness checks it is ours) */
    printf ("linked %s\n", czmq_rs_version ());
#endif

    zsock_t *writer = zsock_new_push ("@tcp://127.0.0.1:*");
    assert (writer);
    assert (zsock_is (writer));
    assert (streq (zsock_type_str (writer), "PUSH"));
    assert (zsock_type (writer) == ZMQ_PUSH);
    const char *endpoint = zsock_endpoint (writer);
    assert (endpoint);
    assert (strncmp (endpoint, "tcp://127.0.0.1:", 16) == 0);

    zsock_t *reader = zsock_new_pull (NULL);
    assert (reader);
    assert (zsock_connect (reader, "%s", endpoint) == 0);
    zsock_set_rcvtimeo (reader, 2000);
    assert (zsock_rcvtimeo (reader) == 2000);

    assert (zstr_send (writer, "Hello, World") == 0);
    char *string = zstr_recv (reader);
    assert (string);
    assert (streq (string, "Hello, World"));
    zstr_free (&string);
    assert (string == NULL);

    /*  bind returns the port; formats work */
    zsock_t *server = zsock_new (ZMQ_PAIR);
    assert (server);
    int port = zsock_bind (server, "tcp://127.0.0.1:%s", "*");
    assert (port >= 49152);
    char expected [64];
    snprintf (expected, sizeof expected, "tcp://127.0.0.1:%d", port);
    assert (streq (zsock_endpoint (server), expected));
    assert (zsock_unbind (server, "tcp://127.0.0.1:%d", port) == 0);
    assert (zsock_bind (server, "inproc://zsock-%s", "selftest") == 0);
    assert (zsock_bind (server, "bogus://nowhere") == -1);

    zsock_t *client = zsock_new_pair (">inproc://zsock-selftest");
    assert (client);
    zsock_set_rcvtimeo (client, 2000);
    zsock_set_rcvtimeo (server, 2000);

    /*  signals */
    assert (zsock_signal (server, 123) == 0);
    assert (zsock_wait (client) == 123);

    /*  options */
    zsock_set_linger (client, 10);
    assert (zsock_linger (client) == 10);
    zsock_set_sndhwm (client, 500);
    assert (zsock_sndhwm (client) == 500);
    zsock_set_rcvhwm (client, 600);
    assert (zsock_rcvhwm (client) == 600);
    zsock_set_sndtimeo (client, -1);
    assert (zsock_sndtimeo (client) == -1);
    /*  CZMQ allows identities on REQ, DEALER and ROUTER sockets */
    zsock_t *dealer = zsock_new_dealer (NULL);
    zsock_set_identity (dealer, "peer-1");
    char *identity = zsock_identity (dealer);
    assert (streq (identity, "peer-1"));
    zstr_free (&identity);
    zsock_destroy (&dealer);
    zsock_set_sndbuf (client, 65536);
    assert (zsock_sndbuf (client) == 65536);
    zsock_set_rcvbuf (client, 32768);
    assert (zsock_rcvbuf (client) == 32768);
    zsock_set_tcp_keepalive (client, 1);
    assert (zsock_tcp_keepalive (client) == 1);
    zsock_set_reconnect_ivl (client, 250);
    assert (zsock_reconnect_ivl (client) == 250);
    zsock_set_heartbeat_ivl (client, 1500);
    assert (zsock_heartbeat_ivl (client) == 1500);
    zsock_set_immediate (client, 1);
    assert (zsock_immediate (client) == 1);
    zsock_set_ipv6 (client, 1);
    assert (zsock_ipv6 (client) == 1);
    zsock_set_ipv6 (client, 0);
    zsock_t *conflating = zsock_new_pull (NULL);
    zsock_set_conflate (conflating, 1);
    zsock_destroy (&conflating);
    assert (zsock_fd (client) >= 0);
    assert ((zsock_events (client) & ZMQ_POLLIN) == 0);
    assert (zsock_rcvmore (client) == 0);
    assert (zsock_disconnect (client, "inproc://zsock-%s", "selftest") == 0);

    /*  router_mandatory makes unroutable sends fail */
    zsock_t *router = zsock_new_router ("inproc://zsock-router");
    assert (router);
    zsock_set_router_mandatory (router, 1);
    zsock_set_sndtimeo (router, 0);
    assert (zstr_sendm (router, "nobody") == -1);

    /*  pub/sub with subscribe and unsubscribe */
    zsock_t *pub = zsock_new_pub ("inproc://zsock-pubsub");
    zsock_t *sub = zsock_new_sub ("inproc://zsock-pubsub", "news");
    assert (pub && sub);
    zsock_set_rcvtimeo (sub, 20);
    char *got = NULL;
    for (int i = 0; i < 200 && !got; i++) {
        zstr_send (pub, "weather");
        zstr_send (pub, "news today");
        got = zstr_recv (sub);
    }
    assert (got && streq (got, "news today"));
    zstr_free (&got);
    zsock_set_subscribe (sub, "weather");
    zsock_set_unsubscribe (sub, "news");

    /*  CURVE keys, in Z85 */
    const char *public_key = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";
    zsock_set_curve_publickey (client, public_key);
    char *key = zsock_curve_publickey (client);
    assert (key && streq (key, public_key));
    zstr_free (&key);
    zsock_set_curve_server (server, 1);
    assert (zsock_curve_server (server) == 1);

    /*  resolve: our objects give their libzmq socket; a raw libzmq
        socket resolves to itself and works with every call */
    void *raw = zsock_resolve (reader);
    assert (raw && raw != reader);
    assert (zsock_resolve (raw) == raw);
    assert (!zsock_is (raw));
    assert (zsock_type (raw) == ZMQ_PULL);
    assert (zstr_send (writer, "via raw") == 0);
    string = zstr_recv (raw);
    assert (string && streq (string, "via raw"));
    zstr_free (&string);
#ifdef CZMQ_RS
    /*  NULL and anything else are rejected (CZMQ asserts on NULL, and
        takes other pointers for file descriptors); such a pointer must be
        readable as far as libzmq looks for its socket tag, hence a large
        zeroed block */
    assert (zsock_resolve (NULL) == NULL);
    static char not_a_socket [65536];
    assert (zsock_resolve (not_a_socket) == NULL);
#endif

    /*  a socket made with libzmq's own API, in the library's context, is a
        socket to every class too */
    void *raw_pair = zmq_socket (zsys_init (), ZMQ_PAIR);
    assert (raw_pair);
    int linger = 0;
    zmq_setsockopt (raw_pair, ZMQ_LINGER, &linger, sizeof linger);
    zsock_t *peer = zsock_new_pair ("@inproc://zsock-raw");
    assert (zmq_connect (raw_pair, "inproc://zsock-raw") == 0);
    zsock_set_rcvtimeo (peer, 2000);
    assert (zsock_type (raw_pair) == ZMQ_PAIR);
    assert (zstr_send (raw_pair, "from libzmq") == 0);
    string = zstr_recv (peer);
    assert (string && streq (string, "from libzmq"));
    zstr_free (&string);
    assert (zmq_close (raw_pair) == 0);
    zsock_destroy (&peer);

    /*  destructors are NULL-safe and NULL the pointer */
    zsock_destroy (&writer);
    assert (writer == NULL);
#ifdef CZMQ_RS
    zsock_destroy (NULL);       /*  CZMQ asserts */
#endif
    zsock_destroy (&reader);
    zsock_destroy (&server);
    zsock_destroy (&client);
    zsock_destroy (&router);
    zsock_destroy (&pub);
    zsock_destroy (&sub);
    zsys_shutdown ();
    printf ("zsock_selftest: OK\n");
    return 0;
}
