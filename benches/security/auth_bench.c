/*  Authenticated CURVE connections per second through zauth (issue 13).
 *
 *  One C program, built against Debian's CZMQ and against ours (run.sh).
 *  A ROUTER is a CURVE server; zauth checks clients against a certificate
 *  directory holding the one client's public certificate. Each round makes
 *  a new DEALER with the client certificate, connects, sends "ping", and
 *  waits for the server's echo, so the handshake and the ZAP round trip are
 *  complete before the DEALER is destroyed. Prints:
 *      auth_conns_per_s <connections per second>
 *
 *  Usage: auth_bench [CONNECTIONS]   (default 300; 20 warm-up rounds first)
 */
#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double
s_now (void)
{
    struct timespec ts;
    clock_gettime (CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
s_fail (const char *what)
{
    fprintf (stderr, "auth_bench: %s\n", what);
    exit (1);
}

/*  One connection, handshake and round trip: 0 when served, -1 when the
 *  server heard nothing (refused). With check, the server must see the
 *  client's public key as the message's User-Id.                       */
static int
s_round (const char *endpoint, zcert_t *client_cert, zcert_t *server_cert,
         zsock_t *server, int check)
{
    zsock_t *client = zsock_new (ZMQ_DEALER);
    if (!client)
        s_fail ("zsock_new");
    zsock_set_linger (client, 0);
    zsock_set_rcvtimeo (client, 5000);
    zcert_apply (client_cert, client);
    zsock_set_curve_serverkey (client, zcert_public_txt (server_cert));
    if (zsock_connect (client, "%s", endpoint) != 0)
        s_fail ("connect");
    zstr_send (client, "ping");
    zmsg_t *msg = zmsg_recv (server);
    if (!msg) {
        zsock_destroy (&client);
        return -1;              /*  refused (or too slow)  */
    }
    if (check) {
        const char *user = zframe_meta (zmsg_last (msg), "User-Id");
        if (!user || strcmp (user, zcert_public_txt (client_cert)) != 0)
            s_fail ("the server did not see the client's key as User-Id");
    }
    zmsg_send (&msg, server);
    char *reply = zstr_recv (client);
    if (!reply || strcmp (reply, "ping") != 0)
        s_fail ("no echo");
    zstr_free (&reply);
    zsock_destroy (&client);
    return 0;
}

int
main (int argc, char *argv [])
{
    int count = argc > 1 ? atoi (argv [1]) : 300;
    const int warmup = 20;
    char dir [] = "/tmp/auth-bench-XXXXXX";
    if (!mkdtemp (dir))
        s_fail ("mkdtemp");
    char path [256];
    snprintf (path, sizeof path, "%s/client.cert", dir);

    zcert_t *client_cert = zcert_new ();
    zcert_t *stranger_cert = zcert_new ();
    zcert_t *server_cert = zcert_new ();
    if (!client_cert || !stranger_cert || !server_cert)
        s_fail ("zcert_new");
    if (zcert_save_public (client_cert, path) != 0)
        s_fail ("zcert_save_public");

    zactor_t *auth = zactor_new (zauth, NULL);
    zstr_sendx (auth, "CURVE", dir, NULL);
    zsock_wait (auth);

    zsock_t *server = zsock_new (ZMQ_ROUTER);
    zcert_apply (server_cert, server);
    zsock_set_curve_server (server, 1);
    zsock_set_zap_domain (server, "bench");
    zsock_set_rcvtimeo (server, 5000);
    int port = zsock_bind (server, "tcp://127.0.0.1:*");
    if (port <= 0)
        s_fail ("bind");
    char endpoint [64];
    snprintf (endpoint, sizeof endpoint, "tcp://127.0.0.1:%d", port);

    /*  The handler really decides: the listed key passes, another does not. */
    if (s_round (endpoint, client_cert, server_cert, server, 1) != 0)
        s_fail ("the listed client was refused");
    zsock_set_rcvtimeo (server, 300);
    if (s_round (endpoint, stranger_cert, server_cert, server, 0) == 0)
        s_fail ("an unlisted client was served");
    zsock_set_rcvtimeo (server, 5000);

    double start = 0;
    for (int i = 0; i < warmup + count; i++) {
        if (i == warmup)
            start = s_now ();
        if (s_round (endpoint, client_cert, server_cert, server, 0) != 0)
            s_fail ("a listed client was refused");
    }
    double elapsed = s_now () - start;
    printf ("auth_conns_per_s %.1f\n", count / elapsed);

    zsock_destroy (&server);
    zactor_destroy (&auth);
    zcert_destroy (&client_cert);
    zcert_destroy (&stranger_cert);
    zcert_destroy (&server_cert);
    unlink (path);
    rmdir (dir);
    return 0;
}
