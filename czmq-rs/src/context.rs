//! The libzmq context: the owner of I/O threads and sockets.

use std::os::raw::c_void;
use std::sync::Arc;

use zmq_sys_vendored as sys;

use crate::error::{Error, Result, check};
use crate::socket::{Socket, SocketType};

/// A libzmq context: cheap to clone (all clones share one `zmq_ctx`), `Send`
/// and `Sync`.
///
/// Every [`Socket`] holds a clone, so the context lives as long as any of its
/// sockets. When the last handle goes, the context is terminated. New contexts
/// are not "blocky": sockets default to a linger of 0, as in CZMQ, so that
/// termination never hangs on undeliverable messages; a socket given a linger
/// explicitly gets that much time to flush before termination completes.
///
/// ```
/// let ctx = czmq::Context::new()?;
/// let a = ctx.socket(czmq::SocketType::Pair)?;
/// a.bind("inproc://ctx-doc")?;
/// let b = ctx.socket(czmq::SocketType::Pair)?;
/// b.connect("inproc://ctx-doc")?;
/// drop(ctx); // the sockets keep the context alive
/// a.send("still fine")?;
/// assert_eq!(b.recv_string()?, "still fine");
/// # Ok::<(), czmq::Error>(())
/// ```
#[derive(Clone)]
pub struct Context {
    inner: Arc<RawContext>,
}

struct RawContext {
    ptr: *mut c_void,
}

// SAFETY: a zmq_ctx is thread-safe: libzmq documents every zmq_ctx_* call and
// zmq_socket as callable from any thread concurrently.
unsafe impl Send for RawContext {}
// SAFETY: see Send; no method takes &mut of the raw context.
unsafe impl Sync for RawContext {}

impl Drop for RawContext {
    fn drop(&mut self) {
        // Every socket holds an Arc to us, so all sockets are closed by now and
        // zmq_ctx_term only waits for their linger. EINTR means a signal
        // arrived: libzmq asks us to call it again.
        loop {
            // SAFETY: ptr came from zmq_ctx_new and is terminated exactly once.
            let rc = unsafe { sys::zmq_ctx_term(self.ptr) };
            if rc == 0 || Error::last() != Error::Interrupted {
                break;
            }
        }
    }
}

/// Context options (`zmq_ctx_set` / `zmq_ctx_get`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContextOption {
    /// ZMQ_IO_THREADS: size of the I/O thread pool (set before the first socket).
    IoThreads,
    /// ZMQ_MAX_SOCKETS: maximum number of sockets.
    MaxSockets,
    /// ZMQ_SOCKET_LIMIT: the largest MaxSockets this build allows (read-only).
    SocketLimit,
    /// ZMQ_THREAD_PRIORITY: scheduling priority of I/O threads.
    ThreadPriority,
    /// ZMQ_THREAD_SCHED_POLICY: scheduling policy of I/O threads.
    ThreadSchedPolicy,
    /// ZMQ_MAX_MSGSZ: maximum message size.
    MaxMsgSize,
    /// ZMQ_MSG_T_SIZE: sizeof(zmq_msg_t) (read-only).
    MsgTSize,
    /// ZMQ_THREAD_AFFINITY_CPU_ADD: pin I/O threads to a CPU (write-only).
    ThreadAffinityCpuAdd,
    /// ZMQ_THREAD_AFFINITY_CPU_REMOVE: unpin (write-only).
    ThreadAffinityCpuRemove,
    /// ZMQ_IPV6: new sockets use IPv6 (bool).
    Ipv6,
    /// ZMQ_BLOCKY: termination waits for sockets with the default linger (bool).
    Blocky,
    /// ZMQ_ZERO_COPY_RECV: let libzmq receive large messages without copying (bool).
    ZeroCopyRecv,
}

impl ContextOption {
    fn raw(self) -> i32 {
        match self {
            ContextOption::IoThreads => sys::ZMQ_IO_THREADS,
            ContextOption::MaxSockets => sys::ZMQ_MAX_SOCKETS,
            ContextOption::SocketLimit => sys::ZMQ_SOCKET_LIMIT,
            ContextOption::ThreadPriority => sys::ZMQ_THREAD_PRIORITY,
            ContextOption::ThreadSchedPolicy => sys::ZMQ_THREAD_SCHED_POLICY,
            ContextOption::MaxMsgSize => sys::ZMQ_MAX_MSGSZ,
            ContextOption::MsgTSize => sys::ZMQ_MSG_T_SIZE,
            ContextOption::ThreadAffinityCpuAdd => sys::ZMQ_THREAD_AFFINITY_CPU_ADD,
            ContextOption::ThreadAffinityCpuRemove => sys::ZMQ_THREAD_AFFINITY_CPU_REMOVE,
            ContextOption::Ipv6 => sys::ZMQ_IPV6,
            ContextOption::Blocky => sys::ZMQ_BLOCKY,
            ContextOption::ZeroCopyRecv => 10, // ZMQ_ZERO_COPY_RECV (DRAFT header only)
        }
    }
}

impl Context {
    /// A new context with libzmq's defaults (1 I/O thread), not blocky.
    pub fn new() -> Result<Context> {
        // SAFETY: zmq_ctx_new has no preconditions; NULL means failure.
        let ptr = unsafe { sys::zmq_ctx_new() };
        if ptr.is_null() {
            return Err(Error::last());
        }
        let ctx = Context {
            inner: Arc::new(RawContext { ptr }),
        };
        ctx.set(ContextOption::Blocky, 0)?;
        Ok(ctx)
    }

    /// A new context with `io_threads` I/O threads.
    ///
    /// ```
    /// let ctx = czmq::Context::with_io_threads(2)?;
    /// assert_eq!(ctx.get(czmq::ContextOption::IoThreads)?, 2);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn with_io_threads(io_threads: i32) -> Result<Context> {
        let ctx = Context::new()?;
        ctx.set(ContextOption::IoThreads, io_threads)?;
        Ok(ctx)
    }

    /// Sets a context option.
    pub fn set(&self, option: ContextOption, value: i32) -> Result<()> {
        // SAFETY: the context pointer is live for as long as self.
        check(unsafe { sys::zmq_ctx_set(self.as_ptr(), option.raw(), value) }).map(|_| ())
    }

    /// Reads a context option.
    pub fn get(&self, option: ContextOption) -> Result<i32> {
        // SAFETY: the context pointer is live for as long as self.
        check(unsafe { sys::zmq_ctx_get(self.as_ptr(), option.raw()) })
    }

    /// Creates a socket of the given type in this context.
    pub fn socket(&self, kind: SocketType) -> Result<Socket> {
        Socket::new(self, kind)
    }

    /// Shuts the context down: blocking calls on its sockets in other threads
    /// return [`Error::Terminated`], and so does every later call. The context
    /// itself is terminated when the last handle and socket are gone.
    pub fn shutdown(&self) -> Result<()> {
        // SAFETY: the context pointer is live; zmq_ctx_shutdown is thread-safe.
        check(unsafe { sys::zmq_ctx_shutdown(self.as_ptr()) }).map(|_| ())
    }

    /// The raw `void*` context, for FFI. It stays valid while `self` lives.
    pub fn as_ptr(&self) -> *mut c_void {
        self.inner.ptr
    }

    /// True when both handles are the same libzmq context.
    pub fn same(&self, other: &Context) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("ptr", &self.inner.ptr)
            .finish()
    }
}
