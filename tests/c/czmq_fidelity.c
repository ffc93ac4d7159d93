/*  Behaviour C code relies on, beyond what the class selftests check:
    - frames lent by a zmsg are heap objects of their own: they survive the
      message growing, zmsg_pop hands back the very object zmsg_first lent,
      and zmsg_remove gives it to the caller;
    - destroying a lent frame or a stale pointer is refused without
      touching freed memory (the valgrind run of this program checks that);
    - zloop_reader_end works from the reader's own handler;
    - zpoller_remove of an unknown reader: -1 with errno EINVAL;
    - `zsys_interrupted = 1`, written by C, stops zloop_start and
      zpoller_wait. */
#include <czmq.h>
#include <assert.h>
#include <errno.h>

static void
s_frames_are_stable_objects (void)
{
    zmsg_t *msg = zmsg_new ();
    assert (zmsg_addstr (msg, "first") == 0);
    zframe_t *first = zmsg_first (msg);
    assert (first);
    //  Enough appends to make any array of frames move several times.
    for (int i = 0; i < 1000; i++)
        assert (zmsg_addstr (msg, "more") == 0);
    assert (zmsg_pushstr (msg, "front") == 0);
    assert (zframe_streq (first, "first"));
    assert (zmsg_next (msg) != NULL);   //  the cursor still works

    //  Pop returns the same objects that were lent, in order.
    zframe_t *front = zmsg_pop (msg);
    assert (zframe_streq (front, "front"));
    zframe_t *popped = zmsg_pop (msg);
    assert (popped == first);
    assert (zframe_streq (popped, "first"));

    //  Appending keeps identity too: the frame C hands in is the one lent.
    zframe_t *handed = popped;
    assert (zmsg_append (msg, &popped) == 0);
    assert (popped == NULL);
    assert (zmsg_last (msg) == handed);

    //  zmsg_remove gives the very frame to the caller.
    zmsg_remove (msg, handed);
    assert (zmsg_size (msg) == 1000);
    assert (zframe_streq (handed, "first"));
    zframe_destroy (&handed);
    assert (handed == NULL);

    //  Removing a frame that is not in the message changes nothing.
    zmsg_remove (msg, front);
    assert (zmsg_size (msg) == 1000);

    //  A frame lent by the message is not the caller's to destroy: refused
    //  (logged), the message keeps it.
    zframe_t *lent = zmsg_first (msg);
    zframe_destroy (&lent);
    assert (lent != NULL);
    assert (zmsg_size (msg) == 1000);
    assert (zframe_streq (zmsg_first (msg), "more"));

    //  A stale copy of a destroyed pointer is refused, never read.
    zframe_t *stale = front;
    zframe_destroy (&front);
    assert (front == NULL);
    zframe_destroy (&stale);
    assert (stale != NULL);

    zmsg_t *stale_msg = msg;
    zmsg_destroy (&msg);
    assert (msg == NULL);
    zmsg_destroy (&stale_msg);
}

static int
s_reader_ends_itself (zloop_t *loop, zsock_t *reader, void *arg)
{
    int *calls = (int *) arg;
    (*calls)++;
    char *string = zstr_recv (reader);
    assert (string);
    zstr_free (&string);
    zloop_reader_end (loop, reader);
    return 0;
}

static int
s_end_loop (zloop_t *loop, int timer_id, void *arg)
{
    (void) loop;
    (void) timer_id;
    (void) arg;
    return -1;
}

static void
s_reader_end_in_own_handler (void)
{
    zsock_t *output = zsock_new_pair ("@inproc://fidelity-reader-end");
    zsock_t *input = zsock_new_pair (">inproc://fidelity-reader-end");
    assert (output && input);
    for (int i = 0; i < 3; i++)
        assert (zstr_send (output, "PING") == 0);

    zloop_t *loop = zloop_new ();
    int calls = 0;
    assert (zloop_reader (loop, input, s_reader_ends_itself, &calls) == 0);
    //  Once the reader is gone only this timer is left; it ends the loop.
    //  Long enough that the reader, whose input is already waiting, runs
    //  first even under valgrind on a loaded machine (100 ms was not).
    assert (zloop_timer (loop, 1000, 1, s_end_loop, NULL) >= 0);
    assert (zloop_start (loop) == -1);
    assert (calls == 1);
    zloop_destroy (&loop);

    //  The two messages the ended reader did not take are still queued.
    char *string = zstr_recv (input);
    assert (string && streq (string, "PING"));
    zstr_free (&string);
    zsock_destroy (&input);
    zsock_destroy (&output);
}

static void
s_zpoller_remove_unknown (void)
{
    zsock_t *a = zsock_new_pair ("@inproc://fidelity-poller");
    zsock_t *b = zsock_new_pair (">inproc://fidelity-poller");
    assert (a && b);
    zpoller_t *poller = zpoller_new (a, NULL);
    assert (poller);
    errno = 0;
    assert (zpoller_remove (poller, b) == -1);
    assert (errno == EINVAL);
    assert (zpoller_remove (poller, a) == 0);
    errno = 0;
    assert (zpoller_remove (poller, a) == -1);
    assert (errno == EINVAL);
    zpoller_destroy (&poller);
    zsock_destroy (&b);
    zsock_destroy (&a);
}

static int
s_interrupt (zloop_t *loop, int timer_id, void *arg)
{
    (void) loop;
    (void) timer_id;
    (void) arg;
    zsys_interrupted = 1;
    return 0;
}

static int
s_guard (zloop_t *loop, int timer_id, void *arg)
{
    (void) loop;
    (void) timer_id;
    *(bool *) arg = true;
    return -1;
}

static void
s_zsys_interrupted_stops_loops (void)
{
    //  zloop: a handler's write ends zloop_start (0, as CZMQ returns when
    //  interrupted) before the guard timer fires.
    zloop_t *loop = zloop_new ();
    bool guard_fired = false;
    assert (zloop_timer (loop, 10, 0, s_interrupt, NULL) >= 0);
    assert (zloop_timer (loop, 5000, 1, s_guard, &guard_fired) >= 0);
    assert (zloop_start (loop) == 0);
    assert (!guard_fired);
    zloop_destroy (&loop);
    zsys_interrupted = 0;

    //  zpoller: with the flag set, zpoller_wait returns NULL and reports
    //  termination, even with input waiting.
    zsock_t *a = zsock_new_pair ("@inproc://fidelity-interrupted");
    zsock_t *b = zsock_new_pair (">inproc://fidelity-interrupted");
    assert (a && b);
    assert (zstr_send (a, "PING") == 0);
    zpoller_t *poller = zpoller_new (b, NULL);
    assert (zpoller_wait (poller, 1000) == b);
    zsys_interrupted = 1;
    assert (zpoller_wait (poller, 1000) == NULL);
    assert (zpoller_terminated (poller));
    zsys_interrupted = 0;
    assert (zpoller_wait (poller, 1000) == b);
    assert (!zpoller_terminated (poller));
    zpoller_destroy (&poller);
    zsock_destroy (&b);
    zsock_destroy (&a);
}

int
main (void)
{
    s_frames_are_stable_objects ();
    s_reader_end_in_own_handler ();
    s_zpoller_remove_unknown ();
    s_zsys_interrupted_stops_loops ();
    printf ("czmq_fidelity: OK\n");
    return 0;
}
