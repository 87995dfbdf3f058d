//! The run's lifeline: no Python process of a real run outlives the supervisor, however the
//! supervisor dies — a SIGKILL included, where it can clean nothing up itself.
//!
//! The supervisor holds the only write end of a pipe. Every Python process of the run opens
//! the read end for itself (its own open file description, through `/proc/self/fd`, so each
//! process owns its own asynchronous notification) with `O_ASYNC` and `F_SETSIG`: when the
//! supervisor dies the kernel closes the write end and signals every reader with `signal()`,
//! whose handler ends the process with SIGKILL. A parent-death signal would not do: it fires
//! when the *thread* that forked a process ends, and it would kill the orphans of a parent
//! that simply exited, which the OS lets run (the supervisor reaps them as their subreaper).
//!
//! Invariant: a process arms its lifeline right after it is forked, before it runs any Python
//! code, and looks at the pipe after arming, so a supervisor that died in between is noticed
//! too. Real commands (`subprocess`) are exec'd with no descriptor of ours (all close on
//! exec) and die with the Python process that runs them (their own parent-death signal).

use std::os::fd::RawFd;
use std::sync::atomic::{AtomicI32, Ordering};

/// The read end every process inherits (close-on-exec).
static BASE: AtomicI32 = AtomicI32::new(-1);
/// This process's own open of it (the one whose notification it owns).
static MINE: AtomicI32 = AtomicI32::new(-1);

/// fcntl(2)'s F_SETSIG (Linux's <fcntl.h>; the libc crate does not name it).
const F_SETSIG: libc::c_int = 10;

/// The signal the kernel sends when the pipe's last writer closes: a real-time signal no
/// program of the run can name (Python's `signal` module offers none of them here).
fn signal() -> i32 {
    libc::SIGRTMIN() + 3
}

/// The supervisor's end: dropping it (or dying) cuts every process's lifeline.
pub struct Lifeline {
    write: RawFd,
}

impl Lifeline {
    /// Makes the pipe (before the first fork: every process inherits its read end).
    pub fn create() -> std::io::Result<Lifeline> {
        let mut fds = [0; 2];
        // SAFETY: pipe2(2) into a two-element array.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } < 0 {
            return Err(std::io::Error::last_os_error());
        }
        BASE.store(fds[0], Ordering::SeqCst);
        Ok(Lifeline { write: fds[1] })
    }

    /// In a main process just forked from the supervisor: it must not hold the write end
    /// (the pipe would never close), then it arms like any other process.
    pub fn arm_main(&self) {
        // SAFETY: close(2) of our copy of the write end.
        unsafe { libc::close(self.write) };
        arm();
    }
}

impl Drop for Lifeline {
    /// After the run (every process reaped): the supervisor lets go of both ends.
    fn drop(&mut self) {
        // SAFETY: close(2) of the descriptors `create` made.
        unsafe {
            libc::close(self.write);
            let base = BASE.swap(-1, Ordering::SeqCst);
            if base >= 0 {
                libc::close(base);
            }
        }
    }
}

extern "C" fn on_cut(_sig: libc::c_int) {
    if supervisor_gone() {
        // SAFETY: kill(2) and getpid(2) are async-signal-safe.
        unsafe { libc::kill(libc::getpid(), libc::SIGKILL) };
    }
}

/// Whether the write end is closed (the supervisor is dead): POLLHUP on the read end.
fn supervisor_gone() -> bool {
    let fd = match MINE.load(Ordering::SeqCst) {
        -1 => BASE.load(Ordering::SeqCst),
        fd => fd,
    };
    if fd < 0 {
        return false;
    }
    let mut pfd = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
    // SAFETY: poll(2) on one valid pollfd, without waiting (async-signal-safe).
    let r = unsafe { libc::poll(&mut pfd, 1, 0) };
    r > 0 && pfd.revents & libc::POLLHUP != 0
}

/// Arms this process's lifeline (in every process of the run, right after its fork). Where
/// `/proc` is missing, the parent-death signal stands in (same handler: it ends the process
/// only once the supervisor is gone), which covers every process whose parent chain up to
/// the supervisor dies with it.
pub fn arm() {
    let base = BASE.load(Ordering::SeqCst);
    if base < 0 {
        return;
    }
    let sig = signal();
    // SAFETY: a handler that only polls and kills itself; every call below is on this
    // process's own descriptors.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_cut as *const () as usize;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(sig, &action, std::ptr::null_mut());
        let path = format!("/proc/self/fd/{base}\0");
        let mine = libc::open(path.as_ptr().cast(), libc::O_RDONLY | libc::O_NONBLOCK | libc::O_CLOEXEC);
        let armed = mine >= 0
            && libc::fcntl(mine, F_SETSIG, sig) == 0
            && libc::fcntl(mine, libc::F_SETOWN, libc::getpid()) == 0
            && libc::fcntl(mine, libc::F_SETFL, libc::O_RDONLY | libc::O_NONBLOCK | libc::O_ASYNC) == 0;
        let previous = MINE.swap(if armed { mine } else { -1 }, Ordering::SeqCst);
        if previous >= 0 {
            // The parent's open, inherited through fork: its notification is the parent's.
            libc::close(previous);
        }
        if !armed {
            if mine >= 0 {
                libc::close(mine);
            }
            libc::prctl(libc::PR_SET_PDEATHSIG, sig, 0, 0, 0);
        }
    }
    if supervisor_gone() {
        // SAFETY: kill(2) of ourselves.
        unsafe { libc::kill(libc::getpid(), libc::SIGKILL) };
    }
}
