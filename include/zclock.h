/*  zclock.h: CZMQ 4.2.1's zclock class (clocks and delays), part of the C
    face of czmq-rs. Include czmq.h rather than this file. */

#ifndef ZCLOCK_H_INCLUDED
#define ZCLOCK_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

/*  Sleeps for msecs milliseconds (resuming after signals). */
CZMQ_EXPORT void zclock_sleep (int msecs);
/*  Wall-clock milliseconds since the epoch. */
CZMQ_EXPORT int64_t zclock_time (void);
/*  Monotonic milliseconds, for intervals. */
CZMQ_EXPORT int64_t zclock_mono (void);
/*  Monotonic microseconds. */
CZMQ_EXPORT int64_t zclock_usecs (void);
/*  Local time as "yyyy-mm-dd hh:mm:ss"; free with zstr_free. */
CZMQ_EXPORT char *zclock_timestr (void);
/*  Deprecated in CZMQ in favour of zsys_info and friends: prints a
    timestamped line on stdout. */
CZMQ_EXPORT void zclock_log (const char *format, ...) CHECK_PRINTF (1);

#ifdef __cplusplus
}
#endif

#endif
