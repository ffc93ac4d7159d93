/*  zauth_peer: the real CZMQ's side of the security interop tests in
    czmq-rs/tests/auth.rs. Built against the system's CZMQ (-lczmq).

    zauth_peer save PATH        saves a new certificate (meta name) with
                                zcert_save; prints public and secret key
    zauth_peer load PATH        loads a certificate with zcert_load; prints
                                public key, secret key and meta "name"
    zauth_peer server CERTDIR   CZMQ's zauth with CURVE CERTDIR and a CURVE
                                PULL server; prints "PORT SERVERKEY", then
                                for the first message "USER-ID NAME-META";
                                exits 2 if none arrives in 5 s
    zauth_peer client ENDPOINT SERVERKEY CERTPATH
                                a CURVE PUSH client with the certificate at
                                CERTPATH; sends "Hello" and lingers 5 s */

#include <czmq.h>

static int
s_save (const char *path)
{
    zcert_t *cert = zcert_new ();
    zcert_set_meta (cert, "name", "CZMQ peer");
    int rc = zcert_save (cert, path);
    printf ("%s\n%s\n", zcert_public_txt (cert), zcert_secret_txt (cert));
    zcert_destroy (&cert);
    return rc == 0? 0: 1;
}

static int
s_load (const char *path)
{
    zcert_t *cert = zcert_load (path);
    if (!cert)
        return 1;
    const char *name = zcert_meta (cert, "name");
    printf ("%s\n%s\n%s\n", zcert_public_txt (cert), zcert_secret_txt (cert),
            name? name: "-");
    zcert_destroy (&cert);
    return 0;
}

static int
s_server (const char *certdir)
{
    zactor_t *auth = zactor_new (zauth, NULL);
    zstr_sendx (auth, "CURVE", certdir, NULL);
    zsock_wait (auth);
    zcert_t *cert = zcert_new ();
    zsock_t *server = zsock_new (ZMQ_PULL);
    zcert_apply (cert, server);
    zsock_set_curve_server (server, 1);
    zsock_set_zap_domain (server, "global");
    zsock_set_rcvtimeo (server, 5000);
    int port = zsock_bind (server, "tcp://127.0.0.1:*");
    printf ("%d %s\n", port, zcert_public_txt (cert));
    fflush (stdout);
    int rc = 2;
    zframe_t *frame = zframe_recv (server);
    if (frame) {
        const char *user_id = zframe_meta (frame, "User-Id");
        const char *name = zframe_meta (frame, "name");
        printf ("%s %s\n", user_id? user_id: "-", name? name: "-");
        zframe_destroy (&frame);
        rc = 0;
    }
    zsock_destroy (&server);
    zcert_destroy (&cert);
    zactor_destroy (&auth);
    return rc;
}

static int
s_client (const char *endpoint, const char *server_key, const char *certpath)
{
    zcert_t *cert = zcert_load (certpath);
    if (!cert)
        return 1;
    zsock_t *client = zsock_new (ZMQ_PUSH);
    zcert_apply (cert, client);
    zsock_set_curve_serverkey (client, server_key);
    zsock_set_linger (client, 5000);
    zsock_connect (client, "%s", endpoint);
    zstr_send (client, "Hello");
    zsock_destroy (&client);
    zcert_destroy (&cert);
    return 0;
}

int
main (int argc, char *argv [])
{
    if (argc == 3 && streq (argv [1], "save"))
        return s_save (argv [2]);
    if (argc == 3 && streq (argv [1], "load"))
        return s_load (argv [2]);
    if (argc == 3 && streq (argv [1], "server"))
        return s_server (argv [2]);
    if (argc == 5 && streq (argv [1], "client"))
        return s_client (argv [2], argv [3], argv [4]);
    fprintf (stderr, "usage: zauth_peer save|load|server|client ...\n");
    return 64;
}
