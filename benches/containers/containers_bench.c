/*  containers_bench.c: CZMQ's containers, the same program built against
    Debian's CZMQ and against czmq-rs's C face (see run.sh). For each
    class and size it times insert, lookup, iterate and delete, and prints
    one line per operation: "<class> <op> <items> <nanoseconds per item>".
    Sizes are 1k items (repeated to run long enough to time) and 1M.
    "quick" runs 1k and 100k once or ten times; "small" runs 1k items 20
    times in all, for callgrind's instructions per call at 1k; "1m" runs
    1M items once, for callgrind's cache simulation of a call at 1M
    (--toggle-collect=zhash_delete, say: a million calls); "1k" runs the
    1k-item rows of "full" alone, for many quick alternations of a row.
    Usage: containers_bench [full|quick|small|1m|1k [CLASS]] */

#include <czmq.h>
#include <time.h>

//  The thread's CPU time, not the wall clock: on a shared machine the
//  time this process spends preempted is not charged to either library.
static int64_t
s_now_ns (void)
{
    struct timespec ts;
    clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static volatile size_t s_sink;

typedef struct {
    int64_t insert, lookup, iterate, delete;
} timings_t;

static void
s_report (const char *class, size_t items, size_t reps, timings_t *t)
{
    double per = (double) items * (double) reps;
    printf ("%s insert %zu %.2f\n", class, items, t->insert / per);
    printf ("%s lookup %zu %.2f\n", class, items, t->lookup / per);
    printf ("%s iterate %zu %.2f\n", class, items, t->iterate / per);
    printf ("%s delete %zu %.2f\n", class, items, t->delete / per);
}

static void
s_zhash (char **keys, size_t items, size_t reps)
{
    timings_t t = {0, 0, 0, 0};
    for (size_t rep = 0; rep < reps; rep++) {
        zhash_t *hash = zhash_new ();
        int64_t start = s_now_ns ();
        for (size_t i = 0; i < items; i++)
            zhash_insert (hash, keys [i], keys [i]);
        int64_t mid = s_now_ns ();
        t.insert += mid - start;
        for (size_t i = 0; i < items; i++)
            s_sink += (size_t) zhash_lookup (hash, keys [i]);
        start = s_now_ns ();
        t.lookup += start - mid;
        for (void *item = zhash_first (hash); item; item = zhash_next (hash))
            s_sink += (size_t) item;
        mid = s_now_ns ();
        t.iterate += mid - start;
        for (size_t i = 0; i < items; i++)
            zhash_delete (hash, keys [i]);
        t.delete += s_now_ns () - mid;
        assert (zhash_size (hash) == 0);
        zhash_destroy (&hash);
    }
    s_report ("zhash", items, reps, &t);
}

static void
s_zhashx (char **keys, size_t items, size_t reps)
{
    timings_t t = {0, 0, 0, 0};
    for (size_t rep = 0; rep < reps; rep++) {
        zhashx_t *hash = zhashx_new ();
        int64_t start = s_now_ns ();
        for (size_t i = 0; i < items; i++)
            zhashx_insert (hash, keys [i], keys [i]);
        int64_t mid = s_now_ns ();
        t.insert += mid - start;
        for (size_t i = 0; i < items; i++)
            s_sink += (size_t) zhashx_lookup (hash, keys [i]);
        start = s_now_ns ();
        t.lookup += start - mid;
        for (void *item = zhashx_first (hash); item; item = zhashx_next (hash))
            s_sink += (size_t) item;
        mid = s_now_ns ();
        t.iterate += mid - start;
        for (size_t i = 0; i < items; i++)
            zhashx_delete (hash, keys [i]);
        t.delete += s_now_ns () - mid;
        assert (zhashx_size (hash) == 0);
        zhashx_destroy (&hash);
    }
    s_report ("zhashx", items, reps, &t);
}

//  zlist: "lookup" is zlist_exists of the head item (a list has no index;
//  a full search per item would be quadratic); "delete" pops from the head.
static void
s_zlist (char **keys, size_t items, size_t reps)
{
    timings_t t = {0, 0, 0, 0};
    for (size_t rep = 0; rep < reps; rep++) {
        zlist_t *list = zlist_new ();
        int64_t start = s_now_ns ();
        for (size_t i = 0; i < items; i++)
            zlist_append (list, keys [i]);
        int64_t mid = s_now_ns ();
        t.insert += mid - start;
        for (size_t i = 0; i < items; i++)
            s_sink += zlist_exists (list, keys [0]);
        start = s_now_ns ();
        t.lookup += start - mid;
        for (void *item = zlist_first (list); item; item = zlist_next (list))
            s_sink += (size_t) item;
        mid = s_now_ns ();
        t.iterate += mid - start;
        for (size_t i = 0; i < items; i++)
            s_sink += (size_t) zlist_pop (list);
        t.delete += s_now_ns () - mid;
        assert (zlist_size (list) == 0);
        zlist_destroy (&list);
    }
    s_report ("zlist", items, reps, &t);
}

//  zlistx: "lookup" reads each item through its handle; "delete" deletes
//  by handle, in insertion order.
static void
s_zlistx (char **keys, size_t items, size_t reps)
{
    timings_t t = {0, 0, 0, 0};
    void **handles = (void **) malloc (items * sizeof (void *));
    for (size_t rep = 0; rep < reps; rep++) {
        zlistx_t *list = zlistx_new ();
        int64_t start = s_now_ns ();
        for (size_t i = 0; i < items; i++)
            handles [i] = zlistx_add_end (list, keys [i]);
        int64_t mid = s_now_ns ();
        t.insert += mid - start;
        for (size_t i = 0; i < items; i++)
            s_sink += (size_t) zlistx_handle_item (handles [i]);
        start = s_now_ns ();
        t.lookup += start - mid;
        for (void *item = zlistx_first (list); item; item = zlistx_next (list))
            s_sink += (size_t) item;
        mid = s_now_ns ();
        t.iterate += mid - start;
        for (size_t i = 0; i < items; i++)
            zlistx_delete (list, handles [i]);
        t.delete += s_now_ns () - mid;
        assert (zlistx_size (list) == 0);
        zlistx_destroy (&list);
    }
    free (handles);
    s_report ("zlistx", items, reps, &t);
}

int
main (int argc, char *argv [])
{
    size_t sizes [2] = {1000, 1000000};
    size_t reps [2] = {1000, 3};
    if (argc > 1 && streq (argv [1], "quick"))
        reps [0] = 10, reps [1] = 1, sizes [1] = 100000;
    else
    if (argc > 1 && streq (argv [1], "small"))
        reps [0] = 10, reps [1] = 10, sizes [1] = 1000;
    else
    if (argc > 1 && streq (argv [1], "1m"))
        reps [0] = 0, reps [1] = 1;
    else
    if (argc > 1 && streq (argv [1], "1k"))
        reps [1] = 0, sizes [1] = 1000;
    char **keys = (char **) malloc (sizes [1] * sizeof (char *));
    for (size_t i = 0; i < sizes [1]; i++) {
        char key [32];
        snprintf (key, sizeof key, "key-%zu-%x", i, (unsigned) (i * 2654435761u));
        keys [i] = strdup (key);
    }
    //  An optional second argument runs one class only: the allocator's
    //  state then does not carry over from the classes before it.
    const char *only = argc > 2? argv [2]: NULL;
    for (int s = 0; s < 2; s++) {
        if (reps [s] == 0)
            continue;
        if (!only || streq (only, "zhash"))
            s_zhash (keys, sizes [s], reps [s]);
        if (!only || streq (only, "zhashx"))
            s_zhashx (keys, sizes [s], reps [s]);
        if (!only || streq (only, "zlist"))
            s_zlist (keys, sizes [s], reps [s]);
        if (!only || streq (only, "zlistx"))
            s_zlistx (keys, sizes [s], reps [s]);
    }
    for (size_t i = 0; i < sizes [1]; i++)
        free (keys [i]);
    free (keys);
    return 0;
}
