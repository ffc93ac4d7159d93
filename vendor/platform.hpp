/* Our platform configuration for libzmq 4.3.5 on Linux (glibc or musl).
 *
 * libzmq's CMake build generates this header from builds/cmake/platform.hpp.in
 * by probing the host. We build with `cc` and no configure step, so the probe
 * results for the platforms we support are written down here instead. Options
 * that depend on how we build (DRAFT API, libsodium/CURVE) are passed as -D
 * flags by zmq-sys-vendored/build.rs, not set here.
 */
#ifndef __ZMQ_PLATFORM_HPP_INCLUDED__
#define __ZMQ_PLATFORM_HPP_INCLUDED__

#if !defined __linux__
#error "vendor/platform.hpp describes Linux only; use the system libzmq (feature `system`) elsewhere"
#endif

#define ZMQ_HAVE_LINUX

/* condition variables: C++11 std::condition_variable */
#define ZMQ_USE_CV_IMPL_STL11

/* the I/O thread polls with epoll (epoll_create1 with EPOLL_CLOEXEC); zmq_poll uses poll() */
#define ZMQ_IOTHREAD_POLLER_USE_EPOLL
#define ZMQ_IOTHREAD_POLLER_USE_EPOLL_CLOEXEC
#define ZMQ_POLL_BASED_ON_POLL
#define ZMQ_HAVE_PPOLL

#define HAVE_POSIX_MEMALIGN 1
#define ZMQ_CACHELINE_SIZE 64
#define HAVE_FORK
#define HAVE_CLOCK_GETTIME
#define HAVE_MKDTEMP
#define HAVE_ACCEPT4
#define HAVE_STRNLEN
#define HAVE_IF_NAMETOINDEX

#define ZMQ_HAVE_UIO
#define ZMQ_HAVE_NOEXCEPT
#define ZMQ_HAVE_EVENTFD
#define ZMQ_HAVE_EVENTFD_CLOEXEC
#define ZMQ_HAVE_IFADDRS
#define ZMQ_HAVE_SO_BINDTODEVICE
#define ZMQ_HAVE_SO_PEERCRED
#define ZMQ_HAVE_BUSY_POLL
#define ZMQ_HAVE_O_CLOEXEC
#define ZMQ_HAVE_SOCK_CLOEXEC
#define ZMQ_HAVE_SO_KEEPALIVE
#define ZMQ_HAVE_SO_PRIORITY
#define ZMQ_HAVE_TCP_KEEPCNT
#define ZMQ_HAVE_TCP_KEEPIDLE
#define ZMQ_HAVE_TCP_KEEPINTVL
#define ZMQ_HAVE_PTHREAD_SETNAME_2
#define ZMQ_HAVE_PTHREAD_SET_AFFINITY

/* transports: tcp, ipc, inproc, udp (draft), ws with the bundled SHA-1 */
#define ZMQ_HAVE_IPC
#define ZMQ_HAVE_STRUCT_SOCKADDR_UN
#define ZMQ_USE_BUILTIN_SHA1
#define ZMQ_HAVE_WS

#endif
