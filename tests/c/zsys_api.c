/*  zsys, zclock and zstr through the whole stable API, and the prelude
    czmq.h gives every CZMQ program (types, macros, system headers it
    relies on without including them). Plain CZMQ code: it also compiles
    against Debian's czmq.h (tests/zsys_c_api.rs checks that).
    Argument: a scratch directory this program may write in. */
#include <czmq.h>

/*  The prelude: platform macros programs test */
#if !defined (__UNIX__) || !defined (__UTYPE_LINUX)
#   error "czmq.h must define __UNIX__ and __UTYPE_LINUX on Linux"
#endif
#if !defined (__IS_64BIT__) && !defined (__IS_32BIT__)
#   error "czmq.h must define __IS_64BIT__ or __IS_32BIT__"
#endif
#if CZMQ_VERSION < CZMQ_MAKE_VERSION (4, 2, 0)
#   error "CZMQ_VERSION"
#endif

/*  The prelude's callback types, as containers use them */
static void
s_destroy_string (void **item)
{
    freen (*item);
}
static czmq_destructor *s_destructor = s_destroy_string;
static czmq_duplicator *s_duplicator = (czmq_duplicator *) strdup;
static czmq_comparator *s_comparator = (czmq_comparator *) strcmp;

static void s_log_format (const char *format, ...) CHECK_PRINTF (1);
static void
s_log_format (const char *format, ...)
{
    va_list argptr;
    va_start (argptr, format);
    char *text = zsys_vprintf (format, argptr);
    va_end (argptr);
    assert (text);
    assert (streq (text, "vprintf 7 seven"));
    zstr_free (&text);
    assert (text == NULL);
}

static void
s_prelude (void)
{
    byte b = 255;
    dbyte d = 65535;
    qbyte q = 4294967295U;
    assert (sizeof (b) == 1 && sizeof (d) == 2 && sizeof (q) == 4);
    assert (b == 255 && d == 65535 && q == 4294967295U);
    SOCKET none = INVALID_SOCKET;
    assert (none == -1);
    inaddr_t address;
    memset (&address, 0, sizeof (address));
    assert (sizeof (in6addr_t) > sizeof (inaddr_t));
    inaddr_storage_t storage;
    storage.ipv4addr.sin_family = AF_INET;
    storage.inaddrlen = sizeof (inaddr_t);
    assert (storage.ipv4addr.sin_family == AF_INET);

    assert (streq ("a", "a") && strneq ("a", "b"));
    char *copy = (char *) s_duplicator ("copy");
    assert (s_comparator (copy, "copy") == 0);
    s_destructor ((void **) &copy);
    assert (copy == NULL);

    int *zeros = (int *) zmalloc (16 * sizeof (int));
    int index;
    for (index = 0; index < 16; index++)
        assert (zeros [index] == 0);
    freen (zeros);
    assert (zeros == NULL);

    srandom ((unsigned) time (NULL));
    for (index = 0; index < 1000; index++) {
        int value = randof (10);
        assert (value >= 0 && value < 10);
    }
    /*  System headers the prelude brings: unistd, pthread, sys/stat */
    char cwd [PATH_MAX];
    assert (getcwd (cwd, sizeof (cwd)));
    pthread_t self = pthread_self ();
    (void) self;
    struct stat info;
    assert (stat (".", &info) == 0 && S_ISDIR (info.st_mode));
    assert (isalpha ('z') && errno >= 0 && INT_MAX > 0);
}

static void
s_files (const char *scratch)
{
    char *dir = zsys_sprintf ("%s/zsys-api/%s", scratch, "nested");
    assert (dir);
    assert (!zsys_file_exists (dir));
    assert (zsys_dir_create ("%s/zsys-api/%s", scratch, "nested") == 0);
    assert (zsys_file_exists (dir));
    int mode = zsys_file_mode (dir);
    assert (mode != -1 && S_ISDIR (mode));
    assert (zsys_file_modified (dir) > 0);

    char *file = zsys_sprintf ("%s/data", dir);
    zsys_file_mode_private ();
    FILE *handle = fopen (file, "w");
    assert (handle);
    fputs ("12345", handle);
    fclose (handle);
    zsys_file_mode_default ();
    assert (zsys_file_size (file) == 5);
    assert ((zsys_file_mode (file) & 077) == 0);
    assert (!zsys_file_stable (file));
    assert (zsys_file_delete (file) == 0);
    assert (zsys_file_delete (file) == -1);
    assert (zsys_file_size (file) == -1);
    assert (zsys_file_modified (file) == 0);
    assert (zsys_file_mode (file) == -1);

    char cwd [PATH_MAX];
    assert (getcwd (cwd, sizeof (cwd)));
    assert (zsys_dir_change (dir) == 0);
    assert (zsys_dir_change (cwd) == 0);
    assert (zsys_dir_change ("/no/such/dir") == -1);

    assert (zsys_dir_delete ("%s/zsys-api/nested", scratch) == 0);
    assert (zsys_dir_delete ("%s/zsys-api", scratch) == 0);
    assert (zsys_dir_delete ("%s/zsys-api", scratch) == -1);
    zstr_free (&file);
    zstr_free (&dir);
}

static void
s_settings (void)
{
    int major, minor, patch;
    zsys_version (&major, &minor, &patch);
    assert (major == 4 && minor == 2 && patch == 1);
    zsys_version (NULL, NULL, NULL);

    zsys_set_io_threads (1);
    zsys_set_thread_sched_policy (-1);
    zsys_set_thread_priority (-1);
    zsys_set_thread_name_prefix (3);
    assert (zsys_thread_name_prefix () == 3);
    zsys_thread_affinity_cpu_add (0);
    zsys_thread_affinity_cpu_remove (0);
    zsys_set_max_sockets (0);
    assert (zsys_socket_limit () >= 1024);
    zsys_set_max_msgsz (4096);
    zsys_set_max_msgsz (-5);
    assert (zsys_max_msgsz () == 4096);
    zsys_set_max_msgsz (INT_MAX);
    zsys_set_linger (0);
    zsys_set_sndhwm (1000);
    zsys_set_rcvhwm (1000);
    zsys_set_pipehwm (1234);
    assert (zsys_pipehwm () == 1234);
    zsys_set_pipehwm (1000);
    zsys_set_ipv6 (1);
    assert (zsys_ipv6 () == 1);
    zsys_set_ipv6 (0);
    zsys_set_interface ("lo");
    assert (streq (zsys_interface (), "lo"));
    zsys_set_interface ("");
    zsys_set_ipv6_address ("::1");
    assert (streq (zsys_ipv6_address (), "::1"));
    zsys_set_ipv6_address ("");
    zsys_set_ipv6_mcast_address ("ff02::fb");
    const char *mcast = zsys_ipv6_mcast_address ();
    assert (streq (mcast, "ff02::fb"));
    zsys_set_ipv6_mcast_address ("ff02:0:0:0:0:0:0:1");
    assert (streq (mcast, "ff02::fb"));    /*  still valid, as CZMQ's  */
    zsys_set_auto_use_fd (1);
    assert (zsys_auto_use_fd () == 1);
    zsys_set_auto_use_fd (0);
    (void) zsys_has_curve ();
    assert (zsys_run_as (NULL, NULL, NULL) == 0);   /*  stays who we are  */

    char *host = zsys_hostname ();
    assert (host && strlen (host) > 0);
    zstr_free (&host);
}

static void
s_sockets (void)
{
    void *pub = zsys_socket (ZMQ_PUB, __FILE__, __LINE__);
    assert (pub);
    int linger = -2;
    size_t size = sizeof (linger);
    assert (zmq_getsockopt (pub, ZMQ_LINGER, &linger, &size) == 0);
    assert (linger == 0);
    assert (zsys_close (pub, __FILE__, __LINE__) == 0);
    assert (streq (zsys_sockname (ZMQ_ROUTER), "ROUTER"));
    assert (streq (zsys_sockname (ZMQ_PAIR), "PAIR"));

    zsock_t *back;
    zsock_t *front = zsys_create_pipe (&back);
    assert (front && back);
    assert (zstr_sendfm (front, "part %d", 1) == 0);
    assert (zstr_sendf (front, "part %s", "two") == 0);
    char *one, *two, *three;
    assert (zstr_recvx (back, &one, &two, &three, NULL) == 3);
    assert (streq (one, "part 1") && streq (two, "part two") && three == NULL);
    zstr_free (&one);
    zstr_free (&two);

    assert (zstr_send (back, NULL) == 0);      /*  an empty frame  */
    char *empty = zstr_recv (front);
    assert (empty && streq (empty, ""));
    zstr_free (&empty);
    assert (zstr_sendx (back, "a", "b", NULL) == 0);
    char *string = zstr_recv (front);
    assert (streq (string, "a"));
    zstr_free (&string);
    string = zstr_recv (front);
    assert (streq (string, "b"));
    zstr_free (&string);
    assert (zstr_recv_nowait (front) == NULL);
    assert (zstr_sendm (back, "x") == 0);
    assert (zstr_send (back, "y") == 0);
    string = zstr_recv (front);
    assert (streq (string, "x"));
    zstr_free (&string);
    string = zstr_recv (front);
    assert (streq (string, "y"));
    zstr_free (&string);
    zsock_destroy (&back);
    zsock_destroy (&front);
    zstr_free (&string);        /*  NULL: does nothing  */
}

static void
s_udp (void)
{
    SOCKET receiver = zsys_udp_new (false);
    assert (receiver != INVALID_SOCKET);
    inaddr_t address;
    memset (&address, 0, sizeof (address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
    address.sin_port = 0;
    assert (bind (receiver, (struct sockaddr *) &address, sizeof (address)) == 0);
    socklen_t length = sizeof (address);
    assert (getsockname (receiver, (struct sockaddr *) &address, &length) == 0);

    SOCKET sender = zsys_udp_new (true);
    assert (sender != INVALID_SOCKET);
    zframe_t *frame = zframe_new ("beacon", 6);
    assert (zsys_udp_send (sender, frame, &address, sizeof (address)) == 0);
    zframe_destroy (&frame);
    char peer [INET_ADDRSTRLEN + 16];
    frame = zsys_udp_recv (receiver, peer, sizeof (peer));
    assert (frame);
    assert (zframe_size (frame) == 6 && memcmp (zframe_data (frame), "beacon", 6) == 0);
    assert (streq (peer, "127.0.0.1"));
    zframe_destroy (&frame);
    errno = EAGAIN;
    zsys_socket_error ("test");     /*  a passing error: nothing happens  */
    assert (zsys_udp_close (sender) == 0);
    assert (zsys_udp_close (receiver) == 0);
}

static void
s_logging (const char *scratch)
{
    char *path = zsys_sprintf ("%s/zsys-api.log", scratch);
    FILE *stream = fopen (path, "w+");
    assert (stream);
    zsys_set_logident ("zsys_api");
    zsys_set_logstream (stream);
    zsys_notice ("to the %s", "stream");
    zsys_set_logstream (NULL);
    zsys_error ("to nowhere");
    zsys_set_logstream (stderr);
    zsys_set_logsystem (false);
    zsys_set_logsender ("inproc://zsys-api-log");
    zsys_set_logsender (NULL);
    zsys_set_logident ("");

    rewind (stream);
    char line [256] = "";
    assert (fgets (line, sizeof (line), stream));
    assert (strstr (line, "to the stream"));
    assert (!fgets (line, sizeof (line), stream));  /*  one line only  */
    fclose (stream);
    assert (zsys_file_delete (path) == 0);
    zstr_free (&path);
    s_log_format ("vprintf %d %s", 7, "seven");
}

static void
s_clock (void)
{
    int64_t start = zclock_mono ();
    int64_t wall = zclock_time ();
    int64_t usecs = zclock_usecs ();
    zclock_sleep (5);
    assert (zclock_mono () - start >= 5);
    assert (zclock_usecs () - usecs >= 5000);
    assert (zclock_time () >= wall);
    char *stamp = zclock_timestr ();
    assert (stamp && strlen (stamp) == 19 && stamp [4] == '-');
    zstr_free (&stamp);
    zclock_log ("zclock_log %d", 42);
}

/*  A C write to zsys_interrupted stops a poller, as in CZMQ. */
static void
s_interrupted (void)
{
    zsock_t *reader = zsock_new_pull ("@inproc://zsys-api-interrupt");
    assert (reader);
    zpoller_t *poller = zpoller_new (reader, NULL);
    assert (poller);
    zsys_interrupted = 1;
    int64_t start = zclock_mono ();
    assert (zpoller_wait (poller, 5000) == NULL);
    assert (zpoller_terminated (poller));
    assert (zclock_mono () - start < 1000);
    zsys_interrupted = 0;
    assert (zpoller_wait (poller, 10) == NULL);
    assert (zpoller_expired (poller));
    zpoller_destroy (&poller);
    zsock_destroy (&reader);
}

int
main (int argc, char *argv [])
{
    assert (argc == 2);
    const char *scratch = argv [1];
    zsys_catch_interrupts ();
    zsys_handler_reset ();
    s_prelude ();
    s_files (scratch);
    s_settings ();
    s_sockets ();
    s_udp ();
    s_logging (scratch);
    s_clock ();
    s_interrupted ();
    zsys_shutdown ();
    printf ("zsys_api: OK\n");
    return 0;
}
