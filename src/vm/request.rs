//! What a thread asks of the kernel when it cannot go on by itself. Invariant: a request
//! carries only plain data (ids, durations, values to hand over); the kernel answers with a
//! `Resume`, and the VM never learns anything else about the machine.

use super::value::Value;

/// The reason a thread waits, as shown in deadlock reports and traces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitOn {
    /// A `threading.Lock`/`RLock` with this per-process serial.
    Lock { serial: u64, owner: Option<u32> },
    /// A thread (by tid) to finish.
    Thread { tid: u32 },
    /// A child process (by pid, or any child when None) to exit.
    Child { pid: Option<u32> },
}

pub enum Request {
    /// Sleep for this many virtual nanoseconds; resumed with None.
    Sleep { ns: u64 },
    /// Wait until woken (by `Interp::wake`) or, with a timeout, until it expires; the
    /// instruction that asked is executed again on resume (`Resume::Retry`), or resumed
    /// with False on timeout.
    Block { on: WaitOn, timeout_ns: Option<u64> },
    /// Start a thread in this process running `func()`; resumed with its tid.
    StartThread { func: Value, name: String, daemon: bool },
    /// `os.fork()`: resumed with the child's pid in the parent, 0 in the child.
    Fork,
    /// `os.waitpid(pid, options)`: resumed with `(pid, status)` or blocks; `nohang` returns
    /// `(0, 0)` when no child has exited.
    /// With `timeout_ns`, resumed with the raw status, or None when the time runs out first.
    WaitPid { pid: i64, nohang: bool, timeout_ns: Option<u64> },
    /// `os.kill(pid, sig)`.
    Kill { pid: u32, sig: i32 },
    /// `os._exit(code)`: the process ends now.
    Exit { code: i32 },
    /// Yield the GIL (e.g. `time.sleep(0)`); resumed with None.
    Yield,
}

/// How the kernel resumes a suspended thread.
pub enum Resume {
    Value(Value),
    /// Execute the instruction that made the request again (a lock to retry).
    Retry,
    Raise(Value),
}
