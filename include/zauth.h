/*  zauth.h: CZMQ 4.2.1's zauth class, part of the C face of czmq-rs.
    Include czmq.h rather than this file.

    The ZAP handler as an actor: zactor_new (zauth, NULL), or with a
    zcertstore_t the actor takes over as its CURVE policy. Commands, each
    answered with a signal (zsock_wait): ALLOW address..., DENY address...,
    PLAIN password-file, CURVE directory (or CURVE_ALLOW_ANY), GSSAPI,
    VERBOSE. */

#ifndef ZAUTH_H_INCLUDED
#define ZAUTH_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

#define CURVE_ALLOW_ANY "*"

CZMQ_EXPORT void zauth (zsock_t *pipe, void *certstore);

#ifdef __cplusplus
}
#endif

#endif
