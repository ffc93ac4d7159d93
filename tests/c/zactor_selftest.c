/*  zactor selftest: an echo actor written in C, with CZMQ's handshake. */
#include <czmq.h>
#include <assert.h>

static void
echo_actor (zsock_t *pipe, void *args)
{
    /*  Do the handshake */
    assert (streq ((char *) args, "Hello, World"));
    zsock_signal (pipe, 0);

    bool terminated = false;
    while (!terminated) {
        zmsg_t *msg = zmsg_recv (pipe);
        if (!msg)
            break;              /*  Interrupted */
        char *command = zmsg_popstr (msg);
        if (streq (command, "$TERM"))
            terminated = true;
        else
        if (streq (command, "ECHO"))
            zmsg_send (&msg, pipe);
        else
            zsys_error ("echo_actor: invalid message <%s>", command);
        zstr_free (&command);
        zmsg_destroy (&msg);
    }
}

int
main (void)
{
    zactor_t *actor = zactor_new (echo_actor, "Hello, World");
    assert (actor);
    assert (zactor_is (actor));
    assert (!zsock_is (actor));
    assert (zsock_is (zactor_sock (actor)));
    assert (zactor_resolve (actor) == zsock_resolve (zactor_sock (actor)));
    assert (zsock_resolve (actor) == zactor_resolve (actor));

    /*  An actor is a socket to zstr and friends */
    zstr_sendx (actor, "ECHO", "This is a string", NULL);
    char *string = zstr_recv (actor);
    assert (streq (string, "This is a string"));
    zstr_free (&string);

    /*  and talks zmsg */
    zmsg_t *msg = zmsg_new ();
    zmsg_addstr (msg, "ECHO");
    zmsg_addstr (msg, "one");
    zmsg_addstr (msg, "two");
    assert (zactor_send (actor, &msg) == 0);
    assert (msg == NULL);
    msg = zactor_recv (actor);
    assert (msg && zmsg_size (msg) == 2);
    char *one = zmsg_popstr (msg);
    assert (streq (one, "one"));
    zstr_free (&one);
    zmsg_destroy (&msg);

    zactor_destroy (&actor);
    assert (actor == NULL);
    zactor_destroy (&actor);

    /*  Several actors at once */
    zactor_t *actors [4];
    for (int i = 0; i < 4; i++) {
        actors [i] = zactor_new (echo_actor, "Hello, World");
        assert (actors [i]);
    }
    for (int i = 0; i < 4; i++) {
        zstr_sendx (actors [i], "ECHO", "ping", NULL);
        char *reply = zstr_recv (actors [i]);
        assert (reply && streq (reply, "ping"));
        zstr_free (&reply);
    }
    for (int i = 0; i < 4; i++)
        zactor_destroy (&actors [i]);
#ifdef CZMQ_RS
    assert (zactor_new (NULL, NULL) == NULL);     /*  CZMQ crashes */
#endif
    printf ("zactor_selftest: OK\n");
    return 0;
}
