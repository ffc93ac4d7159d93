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
    /*  Nodes are objects: a child keeps its address while siblings are
        added after it, and the tree links agree */
    zconfig_t *section = zconfig_new ("section", root);
    assert (section);
    zconfig_t *item = zconfig_new ("first", section);
    assert (item);
    zconfig_set_value (item, "%d-%s", 42, "x");
    int index;
    for (index = 0; index < 200; index++) {
        char name [32];
        snprintf (name, sizeof name, "sibling%d", index);
        assert (zconfig_new (name, section));
    }
    assert (zconfig_locate (root, "section/first") == item);
    assert (zconfig_child (section) == item);
    assert (streq (zconfig_value (item), "42-x"));
    assert (streq (zconfig_name (zconfig_next (item)), "sibling0"));
    assert (streq (zconfig_name (zconfig_at_depth (root, 2)), "sibling199"));
    assert (zconfig_value (zconfig_next (item)) == NULL);
    zconfig_putf (root, "section/first", "%s", "changed");
    assert (streq (zconfig_value (item), "changed"));
    zconfig_set_comment (item, "   about %s", "first");
    assert (zconfig_comments (item));
    assert (streq ((char *) zlist_first (zconfig_comments (item)), "   about first"));
    zconfig_set_comment (item, NULL);
    assert (zconfig_comments (item) == NULL);
    zconfig_set_name (item, "renamed");
    assert (zconfig_locate (root, "section/renamed") == item);
    zconfig_set_value (item, NULL);
    assert (zconfig_value (item) == NULL);
    assert (zconfig_get (root, "section/renamed", "default") == NULL);
#ifdef CZMQ_RS
    /*  Destroying a child detaches it first (CZMQ's leaves a dangling
        link), and zconfig_remove_subtree frees the children */
    zconfig_destroy (&item);
    assert (item == NULL);
    assert (zconfig_locate (root, "section/renamed") == NULL);
    assert (streq (zconfig_name (zconfig_child (section)), "sibling0"));
    zconfig_remove_subtree (section);
    assert (zconfig_child (section) == NULL);
    zconfig_remove (&section);
    assert (section == NULL);
    assert (zconfig_locate (root, "section") == NULL);
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
    /*  As CZMQ: sections made by paths have no value and are written bare;
        loaded back, they read as "" and are written so */
    assert (strstr (text, "context\n    iothreads = \"1\"\n"));
    assert (strstr (saved, "context = \"\"\n    iothreads = \"1\"\n"));
    assert (streq (zconfig_get (loaded, "context", "x"), ""));
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
