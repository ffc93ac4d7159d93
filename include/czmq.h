/*  czmq.h: the C face of czmq-rs, CZMQ 4.2.1's C API over the Rust
    implementation. C code written for CZMQ 4.2 includes this header and
    links against our libczmq unchanged:

        cc app.c $(pkg-config --cflags --libs libczmq)

    As in CZMQ, this header brings the prelude (standard includes, macros
    and typedefs every CZMQ program relies on, czmq_prelude.h) and one
    header per class. Names, signatures and ownership rules are CZMQ's:
    T_destroy (T **) sets the pointer to NULL; strings returned as char *
    are the caller's, freed with zstr_free; functions taking void *self
    accept a zsock_t, a zactor_t or a raw libzmq socket. include/README.md
    lists what is covered and where we differ.

    <zmq.h> is libzmq's header for the libzmq 4.3.5 built into this
    library; install.sh installs it next to this file.
*/

#ifndef CZMQ_H_INCLUDED
#define CZMQ_H_INCLUDED

#include "czmq_prelude.h"

#ifdef __cplusplus
extern "C" {
#endif

/*  Opaque classes */
typedef struct _zactor_t zactor_t;
typedef struct _zarmour_t zarmour_t;
typedef struct _zcert_t zcert_t;
typedef struct _zcertstore_t zcertstore_t;
typedef struct _zchunk_t zchunk_t;
typedef struct _zclock_t zclock_t;
typedef struct _zconfig_t zconfig_t;
typedef struct _zdigest_t zdigest_t;
typedef struct _zdir_t zdir_t;
typedef struct _zdir_patch_t zdir_patch_t;
typedef struct _zfile_t zfile_t;
typedef struct _zframe_t zframe_t;
typedef struct _zhash_t zhash_t;
typedef struct _zhashx_t zhashx_t;
typedef struct _ziflist_t ziflist_t;
typedef struct _zlist_t zlist_t;
typedef struct _zlistx_t zlistx_t;
typedef struct _zloop_t zloop_t;
typedef struct _zmsg_t zmsg_t;
typedef struct _zpoller_t zpoller_t;
typedef struct _zsock_t zsock_t;
typedef struct _zstr_t zstr_t;
typedef struct _zsys_t zsys_t;
typedef struct _zuuid_t zuuid_t;
typedef struct _zrex_t zrex_t;

/*  Identifies this library: a symbol the real CZMQ does not have. */
CZMQ_EXPORT const char *czmq_rs_version (void);

#ifdef __cplusplus
}
#endif

#include "zactor.h"
#include "zarmour.h"
#include "zcert.h"
#include "zcertstore.h"
#include "zchunk.h"
#include "zclock.h"
#include "zconfig.h"
#include "zdigest.h"
#include "zdir.h"
#include "zdir_patch.h"
#include "zfile.h"
#include "zframe.h"
#include "zhash.h"
#include "zhashx.h"
#include "ziflist.h"
#include "zlist.h"
#include "zlistx.h"
#include "zloop.h"
#include "zmsg.h"
#include "zpoller.h"
#include "zsock.h"
#include "zstr.h"
#include "zsys.h"
#include "zuuid.h"
#include "zauth.h"
#include "zbeacon.h"
#include "zgossip.h"
#include "zmonitor.h"
#include "zproxy.h"
#include "zrex.h"

#endif
