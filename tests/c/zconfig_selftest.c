/*  zconfig selftest: build with paths, save, load back, get, str forms. */
#include <czmq.h>
#include <assert.h>
#include <unistd.h>

int
main (int argc, char *argv [])
{
    /*  The test harness passes a scratch directory */
    const char *dir = argc > 1 ? argv [1] : ".";
    char path [512];
    snprintf (path, sizeof path, "%s/zconfig-selftest.cfg", dir);

    zconfig_t *root = zconfig_new ("root", NULL);
    assert (root);
    assert (streq (zconfig_name (root), "root"));
    assert (zconfig_value (root) == NULL);
    zconfig_put (root, "context/iothreads", "1");
    zconfig_put (root, "context/verbose", "1");
    zconfig_put (root, "server/timeout", "5000");
    zconfig_put (root, "server/address", "tcp://127.0.0.1:5555");
#ifdef CZMQ_RS
    /*  children are not C objects here */
    assert (zconfig_new ("child", root) == NULL);
#endif

    assert (streq (zconfig_get (root, "server/timeout", "0"), "5000"));
    assert (streq (zconfig_get (root, "server/missing", "default"), "default"));
    assert (zconfig_get (root, "nothing", NULL) == NULL);
    /*  two gets of one path both stay valid */
    char *first = zconfig_get (root, "context/iothreads", NULL);
    char *second = zconfig_get (root, "context/iothreads", NULL);
    assert (first == second && streq (first, "1"));

    assert (zconfig_save (root, path) == 0);
    zconfig_t *loaded = zconfig_load (path);
    assert (loaded);
    assert (streq (zconfig_get (loaded, "server/address", ""), "tcp://127.0.0.1:5555"));
    assert (streq (zconfig_get (loaded, "context/verbose", ""), "1"));

    char *text = zconfig_str_save (root);
    assert (text);
    char *saved = zconfig_str_save (loaded);
    assert (saved);
#ifdef CZMQ_RS
    /*  Saving adds no header comment here, so the texts are equal */
    assert (streq (text, saved));
#endif
    zconfig_t *parsed = zconfig_str_load (text);
    assert (parsed);
    assert (streq (zconfig_get (parsed, "server/timeout", ""), "5000"));
    zstr_free (&text);
    zstr_free (&saved);

    /*  ZPL with comments and quoted values */
    zconfig_t *zpl = zconfig_str_load (
        "#   A comment\n"
        "main\n"
        "    name = \"quoted value\"\n"
        "    port = 5556   # trailing comment\n");
    assert (zpl);
    assert (streq (zconfig_get (zpl, "main/name", ""), "quoted value"));
    assert (streq (zconfig_get (zpl, "main/port", ""), "5556"));

    assert (zconfig_load ("/nonexistent/zconfig.cfg") == NULL);
    unlink (path);
    zconfig_destroy (&root);
    assert (root == NULL);
    zconfig_destroy (&loaded);
    zconfig_destroy (&parsed);
    zconfig_destroy (&zpl);
#ifdef CZMQ_RS
    zconfig_destroy (NULL);     /*  CZMQ asserts */
#endif
    printf ("zconfig_selftest: OK\n");
    return 0;
}
