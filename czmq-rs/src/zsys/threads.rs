//! Settings of the process-wide context's I/O threads that CZMQ keeps
//! beside priority and policy: the thread name prefix and the CPU
//! affinity set. Each applies to the context when it is created, and at
//! once to a context that already exists (as CZMQ's setters do).

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI32, Ordering};

use zmq_sys_vendored as sys;

use crate::context::{Context, ContextOption};
use crate::error::{Error, Result};

static NAME_PREFIX: AtomicI32 = AtomicI32::new(-1);
static NAME_PREFIX_STR: Mutex<String> = Mutex::new(String::new());
static AFFINITY: Mutex<BTreeSet<i32>> = Mutex::new(BTreeSet::new());

/// The longest text prefix libzmq keeps (its buffer is 16 bytes).
const PREFIX_STR_MAX: usize = 15;

fn set_name_prefix_on(ctx: &Context, prefix: i32) -> Result<()> {
    // SAFETY: the context pointer is live while `ctx` is; zmq_ctx_set takes
    // an int option and value and touches nothing else.
    let rc = unsafe { sys::zmq_ctx_set(ctx.as_ptr(), sys::ZMQ_THREAD_NAME_PREFIX, prefix) };
    if rc == 0 { Ok(()) } else { Err(Error::last()) }
}

/// Applies these settings to a context being created.
pub(super) fn apply(ctx: &Context) -> Result<()> {
    let prefix = thread_name_prefix();
    if prefix >= 0 {
        set_name_prefix_on(ctx, prefix)?;
    }
    let cpus = AFFINITY.lock().unwrap_or_else(|p| p.into_inner()).clone();
    for cpu in cpus {
        ctx.set(ContextOption::ThreadAffinityCpuAdd, cpu)?;
    }
    Ok(())
}

/// The numeric prefix libzmq gives its I/O thread names (`"ZMQbg/<prefix>/..."`),
/// or -1 for none (CZMQ's default; env ZSYS_THREAD_NAME_PREFIX).
///
/// ```
/// czmq::zsys::set_thread_name_prefix(0);
/// assert_eq!(czmq::zsys::thread_name_prefix(), 0);
/// ```
pub fn thread_name_prefix() -> i32 {
    static FROM_ENV: std::sync::Once = std::sync::Once::new();
    FROM_ENV.call_once(|| {
        let value = super::env_int("ZSYS_THREAD_NAME_PREFIX", -1);
        // Only if nothing was set from code before the first read.
        let _ = NAME_PREFIX.compare_exchange(-1, value, Ordering::SeqCst, Ordering::SeqCst);
    });
    NAME_PREFIX.load(Ordering::SeqCst)
}

/// Sets the numeric thread name prefix; negative values are ignored, as
/// in CZMQ.
///
/// ```
/// czmq::zsys::set_thread_name_prefix(3);
/// czmq::zsys::set_thread_name_prefix(-5);
/// assert_eq!(czmq::zsys::thread_name_prefix(), 3);
/// ```
pub fn set_thread_name_prefix(prefix: i32) {
    if prefix < 0 {
        return;
    }
    thread_name_prefix();
    NAME_PREFIX.store(prefix, Ordering::SeqCst);
    if let Some(ctx) = super::existing_context() {
        let _ = set_name_prefix_on(&ctx, prefix);
    }
}

/// The text form of the thread name prefix (CZMQ's default "0").
///
/// ```
/// assert!(!czmq::zsys::thread_name_prefix_str().is_empty());
/// ```
pub fn thread_name_prefix_str() -> String {
    let text = NAME_PREFIX_STR.lock().unwrap_or_else(|p| p.into_inner());
    if text.is_empty() {
        "0".to_owned()
    } else {
        text.clone()
    }
}

/// Sets the text thread name prefix; an empty one, or one longer than 15
/// bytes (libzmq's limit), is ignored, as in CZMQ.
///
/// ```
/// czmq::zsys::set_thread_name_prefix_str("worker");
/// assert_eq!(czmq::zsys::thread_name_prefix_str(), "worker");
/// czmq::zsys::set_thread_name_prefix_str("");
/// assert_eq!(czmq::zsys::thread_name_prefix_str(), "worker");
/// ```
pub fn set_thread_name_prefix_str(prefix: &str) {
    if prefix.is_empty() || prefix.len() > PREFIX_STR_MAX {
        return;
    }
    *NAME_PREFIX_STR.lock().unwrap_or_else(|p| p.into_inner()) = prefix.to_owned();
}

/// Pins the I/O threads to `cpu` too (negative values are ignored).
///
/// ```
/// czmq::zsys::thread_affinity_cpu_add(0);
/// czmq::zsys::thread_affinity_cpu_remove(0);
/// ```
pub fn thread_affinity_cpu_add(cpu: i32) {
    if cpu < 0 {
        return;
    }
    AFFINITY
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(cpu);
    if let Some(ctx) = super::existing_context() {
        let _ = ctx.set(ContextOption::ThreadAffinityCpuAdd, cpu);
    }
}

/// Removes `cpu` from the I/O threads' affinity set.
///
/// ```
/// czmq::zsys::thread_affinity_cpu_remove(1);
/// ```
pub fn thread_affinity_cpu_remove(cpu: i32) {
    if cpu < 0 {
        return;
    }
    AFFINITY
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&cpu);
    if let Some(ctx) = super::existing_context() {
        let _ = ctx.set(ContextOption::ThreadAffinityCpuRemove, cpu);
    }
}
