//! Turning the process into a service: CZMQ's `zsys_daemonize` and
//! `zsys_run_as`.

use std::ffi::CString;
use std::io::{self, Write};
use std::os::fd::IntoRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Detaches the process from its terminal, CZMQ style: forks and ends the
/// parent (exit status 0), moves to `workdir` if given, closes every file
/// descriptor, sets the umask to 027, points stdin, stdout and stderr at
/// /dev/null and ignores SIGHUP. Returns in the child only.
///
/// # Safety
/// Call it before starting any thread (libzmq's I/O threads included: no
/// socket or context yet). `fork` copies only the calling thread, so locks
/// held by other threads would stay locked forever in the child, and every
/// file descriptor is closed, including any owned by live Rust objects.
///
/// ```no_run
/// // SAFETY: first thing in main, no other threads, no open files.
/// unsafe { czmq::zsys::daemonize(Some(std::path::Path::new("/"))) }?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub unsafe fn daemonize(workdir: Option<&Path>) -> io::Result<()> {
    // SAFETY: the caller guarantees a single-threaded process.
    match unsafe { libc::fork() } {
        -1 => return Err(io::Error::last_os_error()),
        0 => {}
        // SAFETY: the parent ends here, as CZMQ's does, without running
        // destructors that the child now owns the resources of.
        _ => unsafe { libc::_exit(0) },
    }
    if let Some(dir) = workdir {
        std::env::set_current_dir(dir)?;
    }
    // SAFETY: plain system calls on integers; the caller's contract says no
    // live Rust object owns any of the descriptors being closed.
    unsafe {
        let max = libc::sysconf(libc::_SC_OPEN_MAX);
        let max = libc::c_int::try_from(max).unwrap_or(1024).max(3);
        for fd in 0..max {
            libc::close(fd);
        }
        libc::umask(0o027);
        // Descriptors 0, 1, 2 are free now: open and dup take them in turn.
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
        if null >= 0 {
            libc::dup(null);
            libc::dup(null);
        }
        libc::signal(libc::SIGHUP, libc::SIG_IGN);
    }
    Ok(())
}

/// Drops privileges for a service, CZMQ style: writes the process id to
/// `lockfile` (created 0640) and holds a write lock on it for the life of
/// the process, so a second instance fails; switches to `group` and then
/// `user` by name, or, with no user, to the real user id.
///
/// ```no_run
/// czmq::zsys::run_as(Some(std::path::Path::new("/run/app.pid")), None, Some("nobody"))?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn run_as(lockfile: Option<&Path>, group: Option<&str>, user: Option<&str>) -> io::Result<()> {
    // SAFETY: plain id system calls without pointers.
    if unsafe { libc::seteuid(libc::geteuid()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    if let Some(path) = lockfile {
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o640)
            .open(path)?;
        lock_whole_file(&file)?;
        file.write_all(format!("{:6}\n", std::process::id()).as_bytes())?;
        // The lock lasts while the descriptor is open: keep it for the rest
        // of the process on purpose.
        let _ = file.into_raw_fd();
    }
    if let Some(group) = group {
        super::info(format_args!("running under group '{group}'"));
        let name = CString::new(group).map_err(|_| io::ErrorKind::InvalidInput)?;
        // SAFETY: valid NUL-terminated name; the result is NULL or a
        // pointer to libc's static entry, read at once.
        let entry = unsafe { libc::getgrnam(name.as_ptr()) };
        if entry.is_null() {
            return Err(io::Error::new(io::ErrorKind::NotFound, "no such group"));
        }
        // SAFETY: entry is non-null and valid until the next getgr* call.
        if unsafe { libc::setgid((*entry).gr_gid) } != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    let uid = match user {
        Some(user) => {
            super::info(format_args!("running under user '{user}'"));
            let name = CString::new(user).map_err(|_| io::ErrorKind::InvalidInput)?;
            // SAFETY: as getgrnam above.
            let entry = unsafe { libc::getpwnam(name.as_ptr()) };
            if entry.is_null() {
                return Err(io::Error::new(io::ErrorKind::NotFound, "no such user"));
            }
            // SAFETY: entry is non-null and valid until the next getpw* call.
            unsafe { (*entry).pw_uid }
        }
        // SAFETY: getuid cannot fail.
        None => unsafe { libc::getuid() },
    };
    // SAFETY: plain id system call.
    if unsafe { libc::setuid(uid) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Takes a write lock on all of `file` without waiting.
fn lock_whole_file(file: &std::fs::File) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: an all-zero flock is a valid value of this plain C struct.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_WRLCK as libc::c_short;
    lock.l_whence = libc::SEEK_SET as libc::c_short;
    // SAFETY: a valid open descriptor and a valid flock for F_SETLK.
    if unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETLK, &lock) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_as_writes_and_locks_the_pid_file() {
        let path = std::env::temp_dir().join(format!("zsys-run-as-{}.pid", std::process::id()));
        run_as(Some(&path), None, None).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.trim(), std::process::id().to_string());
        std::fs::remove_file(&path).unwrap();
    }
}
