/*  czmq_prelude.h: what every CZMQ program gets with czmq.h: platform
    detection macros, the standard and POSIX headers CZMQ code relies on
    without including them itself, CZMQ's small types (byte, dbyte, qbyte,
    SOCKET, inaddr_t ...), its conveniences (streq, freen, zmalloc, randof)
    and the callback types of its containers. Part of the C face of
    czmq-rs; include czmq.h rather than this file.

    The names and meanings are CZMQ 4.2.1's, so that code written against
    CZMQ's czmq.h compiles unchanged against ours. */

#ifndef CZMQ_PRELUDE_H_INCLUDED
#define CZMQ_PRELUDE_H_INCLUDED

/*  ---------------------------------------------------------------------
    Platform: word size, then the operating system. Code tests these
    (e.g. #if defined (__UNIX__), #ifdef __UTYPE_LINUX). */

#if defined (__64BIT__) || defined (__x86_64__) || defined (__aarch64__) \
 || defined (__LP64__) || defined (_WIN64)
#   define __IS_64BIT__
#else
#   define __IS_32BIT__
#endif

#if defined (WIN32) || defined (_WIN32) || defined (WINDOWS) || defined (_WINDOWS)
#   undef  __WINDOWS__
#   define __WINDOWS__
#   undef  __MSDOS__
#   define __MSDOS__
#endif

#if !defined (__WINDOWS__) \
 && (defined (unix) || defined (__unix__) || defined (__unix) \
  || defined (_POSIX_SOURCE) || defined (__APPLE__))
#   undef  __UNIX__
#   define __UNIX__
#endif

#if defined (__ANDROID__)
#   define __UTYPE_ANDROID
#elif defined (__linux__) || defined (linux) || defined (LINUX)
#   define __UTYPE_LINUX
    /*  What glibc needs to declare the BSD and POSIX extensions CZMQ code
        uses (random, strdup, usleep ...) even under -std=c99. */
#   ifndef _DEFAULT_SOURCE
#       define _DEFAULT_SOURCE
#   endif
#   ifndef __NO_CTYPE
#       define __NO_CTYPE
#   endif
#elif defined (__GNU__)
#   define __UTYPE_GNU
#elif defined (__FreeBSD__) || defined (__FreeBSD_kernel__) || defined (FreeBSD)
#   define __UTYPE_FREEBSD
#elif defined (__NetBSD__) || defined (NetBSD)
#   define __UTYPE_NETBSD
#elif defined (__OpenBSD__) || defined (OpenBSD)
#   define __UTYPE_OPENBSD
#elif defined (__APPLE__)
#   include <TargetConditionals.h>
#   if TARGET_OS_IPHONE || TARGET_IPHONE_SIMULATOR
#       define __UTYPE_IOS
#   else
#       define __UTYPE_OSX
#   endif
#elif defined (__QNX__)
#   define __UTYPE_QNX
#elif defined (_AIX) || defined (AIX)
#   define __UTYPE_IBMAIX
#elif defined (__hpux)
#   define __UTYPE_HPUX
#elif defined (__sun) || defined (sun)
#   if defined (__SVR4) || defined (__svr4__)
#       define __UTYPE_SUNSOLARIS
#   else
#       define __UTYPE_SUNOS
#   endif
#elif defined (__CYGWIN__)
#   define __UTYPE_CYGWIN
#elif defined (__UNIX__)
#   define __UTYPE_GENERIC
#endif

/*  ---------------------------------------------------------------------
    Headers: libzmq's, the C library's, and on POSIX systems the system
    headers for files, processes, threads and sockets. */

#include <zmq.h>

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined (__UNIX__)
#   include <inttypes.h>
#   include <unistd.h>
#   include <fcntl.h>
#   include <dirent.h>
#   include <grp.h>
#   include <netdb.h>
#   include <pthread.h>
#   include <pwd.h>
#   include <sched.h>
#   include <syslog.h>
#   include <utime.h>
#   include <sys/types.h>
#   include <sys/param.h>
#   include <sys/file.h>
#   include <sys/ioctl.h>
#   include <sys/socket.h>
#   include <sys/stat.h>
#   include <sys/time.h>
#   include <sys/uio.h>
#   include <sys/un.h>
#   include <sys/wait.h>
#   include <netinet/in.h>
#   include <netinet/tcp.h>
#   include <arpa/inet.h>
#   if !defined (__UTYPE_IBMAIX) && !defined (__UTYPE_HPUX) \
    && !defined (__UTYPE_ANDROID)
#       include <ifaddrs.h>
#   endif
#endif

/*  Portable file mode tests and limits */
#ifndef S_ISDIR
#   define S_ISDIR(mode) (((mode) & S_IFDIR) != 0)
#endif
#ifndef S_ISREG
#   define S_ISREG(mode) (((mode) & S_IFREG) != 0)
#endif
#ifndef PATH_MAX
#   define PATH_MAX 1024
#endif

/*  ---------------------------------------------------------------------
    CZMQ's types */

typedef unsigned char   byte;       /*  8 bits   */
typedef unsigned short  dbyte;      /*  16 bits  */
typedef unsigned int    qbyte;      /*  32 bits  */

#if defined (__UNIX__)
typedef struct sockaddr_in  inaddr_t;   /*  An IPv4 socket address  */
typedef struct sockaddr_in6 in6addr_t;  /*  An IPv6 socket address  */

/*  Either kind of address, with its length. */
typedef struct {
    union {
        inaddr_t __addr;
        in6addr_t __addr6;
    } __inaddr_u;
#   define ipv4addr   __inaddr_u.__addr
#   define ipv6addr   __inaddr_u.__addr6
    int inaddrlen;
} inaddr_storage_t;

/*  A socket handle: a file descriptor here, as on every POSIX system. */
typedef int SOCKET;
#   define INVALID_SOCKET   -1
#   define SOCKET_ERROR     -1
#   define closesocket      close
#   ifndef O_BINARY
#       define O_BINARY     0
#   endif
#endif

/*  Callbacks of CZMQ's containers: destroy an item (and set the pointer
    to NULL), copy an item, compare two items (<0, 0, >0). */
typedef void (czmq_destructor) (void **item);
typedef void *(czmq_duplicator) (const void *item);
typedef int (czmq_comparator) (const void *item1, const void *item2);

/*  ---------------------------------------------------------------------
    Library version and linkage */

#define CZMQ_VERSION_MAJOR 4
#define CZMQ_VERSION_MINOR 2
#define CZMQ_VERSION_PATCH 1
#define CZMQ_MAKE_VERSION(major, minor, patch) \
    ((major) * 10000 + (minor) * 100 + (patch))
#define CZMQ_VERSION \
    CZMQ_MAKE_VERSION (CZMQ_VERSION_MAJOR, CZMQ_VERSION_MINOR, CZMQ_VERSION_PATCH)

/*  (CZMQ_PRIVATE, CZMQ's mark for its internal declarations, is left
    undefined: nothing in this library is private to it.) */
#if defined (__GNUC__) && __GNUC__ >= 4
#   define CZMQ_EXPORT  __attribute__ ((visibility ("default")))
#else
#   define CZMQ_EXPORT
#endif

/*  Lets the compiler check printf-style arguments: `a` is the position of
    the format argument. */
#if defined (__GNUC__)
#   define CHECK_PRINTF(a) __attribute__ ((format (printf, a, a + 1)))
#else
#   define CHECK_PRINTF(a)
#endif

/*  Thread-local storage class */
#define CZMQ_THREADLS __thread

/*  zmq_poll takes milliseconds in libzmq 3 and later. */
#define ZMQ_POLL_MSEC 1

/*  Defined by this implementation only: code (such as our tests) can check
    behaviour where we are more lenient than CZMQ (NULL arguments, unknown
    pictures), which CZMQ asserts on. */
#define CZMQ_RS 1

/*  ---------------------------------------------------------------------
    Conveniences */

/*  String equality, and inequality. */
#define streq(s1,s2)    (!strcmp ((s1), (s2)))
#define strneq(s1,s2)   (strcmp ((s1), (s2)))

/*  free() that also clears the pointer variable. */
#define freen(x) do { free (x); (x) = NULL; } while (0)

/*  A random integer in [0, num). Seed with srandom (). */
#define randof(num) \
    (int) ((double) (num) * ((double) random () / ((double) RAND_MAX + 1.0)))

/*  Zeroed memory that the program may assume is there: an allocation
    failure prints where it happened and aborts, so callers need not check
    for NULL (CZMQ's contract for zmalloc). */
static inline void *
czmq_rs_safe_malloc (size_t size, const char *file, unsigned line)
{
    void *memory = calloc (1, size);
    if (!memory) {
        fprintf (stderr, "FATAL ERROR at %s:%u\nOUT OF MEMORY (malloc returned NULL)\n",
                 file, line);
        fflush (stderr);
        abort ();
    }
    return memory;
}

#if defined (_ZMALLOC_DEBUG) || defined (_ZMALLOC_PEDANTIC)
#   define zmalloc(size) calloc (1, (size))
#else
#   define zmalloc(size) czmq_rs_safe_malloc ((size), __FILE__, __LINE__)
#endif

/*  CZMQ's name for the same helper, which some programs call directly. */
#define safe_malloc(size, file, line) czmq_rs_safe_malloc ((size), (file), (line))

#endif
