//! What a thread asks of the kernel when it cannot go on by itself. Invariant: a request
//! carries only plain data (ids, durations, values to hand over); the kernel answers with a
//! `Resume`, and the VM never learns anything else about the machine.

use super::value::Value;
use serde::{Deserialize, Serialize};

/// What the real machine answered a `subprocess` request (an input of a real run).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommandAnswer {
    Lookup {
        errno: Option<i64>,
    },
    /// The command's exit status and its stdout and stderr as the bytes it wrote (binary
    /// output, e.g. `openssl`'s, must reach the program unchanged).
    Run {
        code: i32,
        out: Vec<u8>,
        err: Vec<u8>,
    },
}

impl CommandAnswer {
    pub fn to_value(&self) -> Value {
        match self {
            CommandAnswer::Lookup { errno } => errno.map_or(Value::None, Value::Int),
            CommandAnswer::Run { code, out, err } => Value::tuple(vec![
                Value::Int(i64::from(*code)),
                Value::Bytes(std::rc::Rc::from(&out[..])),
                Value::Bytes(std::rc::Rc::from(&err[..])),
            ]),
        }
    }
}

/// The reason a thread waits, as shown in deadlock reports and traces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitOn {
    /// A `threading.Lock`/`RLock` with this per-process serial.
    Lock { serial: u64, owner: Option<u32> },
    /// A thread (by tid) to finish.
    Thread { tid: u32 },
    /// A child process (by pid, or any child when None) to exit.
    Child { pid: Option<u32> },
    /// A kernel channel (multiprocessing queue or pipe): an item to get, room to put, or
    /// all tasks done (`join`).
    Chan { id: u32, op: ChanOp },
    /// A listening socket (by listener id) to receive a connection.
    Accept { listener: u32 },
    /// `signal.pause()`: a signal whose handler runs.
    Signal,
}

/// Process groups and sessions (`os.getpgid`...); pid 0 is the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PgOp {
    /// Resumed with the process group of `pid`.
    GetPgid {
        pid: i64,
    },
    /// `setpgid(pid, pgid)` (pgid 0: pid's own); `os.setpgrp()` is `setpgid(0, 0)`.
    SetPgid {
        pid: i64,
        pgid: i64,
    },
    /// `os.setsid()` (resumed with None, as CPython's returns).
    SetSid,
    GetSid {
        pid: i64,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChanOp {
    Get,
    Put,
    Join,
}

/// Task choices offered at one decision: at most this many ready callbacks are told apart.
pub const MAX_TASK_CHOICES: u32 = 1 << 15;

pub enum Request {
    /// Sleep for this many virtual nanoseconds; resumed with None.
    Sleep {
        ns: u64,
    },
    /// Wait until woken (by `Interp::wake`) or, with a timeout, until it expires; the
    /// instruction that asked is executed again on resume (`Resume::Retry`), or resumed
    /// with False on timeout.
    Block {
        on: WaitOn,
        timeout_ns: Option<u64>,
    },
    /// Start a thread in this process running `func()`; resumed with its tid.
    /// `keep_gil`: the starter goes on before the new thread runs (`_thread.start_new_thread`,
    /// which returns at once in CPython; `threading`'s start waits for the thread anyway).
    StartThread {
        func: Value,
        name: String,
        daemon: bool,
        keep_gil: bool,
    },
    /// `os.fork()`: resumed with the child's pid in the parent, 0 in the child.
    Fork,
    /// A forked child becomes a spawned one (`multiprocessing`'s spawn and forkserver start
    /// methods): the process goes on from a fresh interpreter (`Interp::spawned`) whose main
    /// thread runs the spawn bootstrap; resumed with `Resume::Retry` at its first instruction.
    Spawn {
        prep: crate::vm::pickle::Pickled,
        obj: crate::vm::pickle::Pickled,
    },
    /// `os.waitpid(pid, options)`: resumed with `(pid, status)` or blocks; `nohang` returns
    /// `(0, 0)` when no child has exited.
    /// With `timeout_ns`, resumed with the raw status, or None when the time runs out first.
    WaitPid {
        pid: i64,
        nohang: bool,
        timeout_ns: Option<u64>,
    },
    /// `os.kill(pid, sig)`: the target's disposition decides (default action, ignored, or
    /// its handler runs in its main thread); sig 0 only checks that the process exists.
    Kill {
        pid: u32,
        sig: i32,
    },
    /// `os.killpg(pgid, sig)` (`os.kill(0 or -pgid, sig)`); pgid 0 is the caller's group.
    KillPg {
        pgid: i64,
        sig: i32,
    },
    /// `signal.alarm`/`setitimer`/`getitimer` (ITIMER_REAL, one per process): arm it with
    /// (value, interval) ns, or only read it; resumed with the previous setting — whole
    /// seconds left for `alarm`, else `(seconds, interval)` floats.
    Timer {
        set: Option<(u64, u64)>,
        alarm: bool,
    },
    /// `signal.pause()`: sleeps until a signal is handled (resumed with None after the
    /// handlers ran).
    Pause,
    ProcGroup {
        op: PgOp,
    },
    /// `os._exit(code)`: the process ends now.
    Exit {
        code: i32,
    },
    /// `os.getppid()` in a real run (`Interp::ordered_ppid`): resumed with the parent's pid,
    /// or 1 once the parent has ended — read at the moment the answer takes its place in
    /// the run's order.
    GetPpid,
    /// `subprocess` in a real run (`Interp::real_commands`): find program `prog` as execvp
    /// would; resumed with None, or the errno that exec would fail with.
    ExecLookup {
        prog: String,
    },
    /// Run a real command to its end with `input` on its stdin; resumed with (exit status,
    /// stdout, stderr). Its answer is an input of the run, recorded in a real trace and fed
    /// back when replaying it: the first request only starts the command (the thread is
    /// resumed with `Resume::Retry` once it ended), the retry takes the answer.
    /// `cwd`: the real directory the command runs in (a real run's private files).
    ExecRun {
        argv: Vec<String>,
        input: Option<Vec<u8>>,
        /// The command's whole environment (the calling process's `os.environ`, or Popen's
        /// `env`), as the bytes of each name and value.
        env: Vec<(Vec<u8>, Vec<u8>)>,
        cwd: Option<std::path::PathBuf>,
    },
    /// A new channel shared by every process that inherits it; resumed with its id.
    /// `maxsize` 0 means unbounded; a pipe raises EOFError once empty with no writer left.
    ChanNew {
        maxsize: usize,
        pipe: bool,
    },
    /// Put an item: resumed with True, or False when non-blocking/timed out and full.
    ChanPut {
        id: u32,
        item: crate::vm::pickle::Pickled,
        block: bool,
        timeout_ns: Option<u64>,
    },
    /// Get an item: resumed with `(True, item)`, or `(False, None)` when empty and not
    /// blocking or timed out.
    ChanGet {
        id: u32,
        block: bool,
        timeout_ns: Option<u64>,
    },
    /// Wait until an item is there (`Connection.poll`): resumed with a bool.
    ChanPoll {
        id: u32,
        timeout_ns: Option<u64>,
    },
    /// This process stops writing to the channel (a pipe end's close).
    ChanClose {
        id: u32,
    },
    /// Resumed with the number of items.
    ChanSize {
        id: u32,
    },
    /// `JoinableQueue.task_done()`: resumed with False when called too many times.
    ChanTaskDone {
        id: u32,
    },
    /// `JoinableQueue.join()`: blocks until every put item is done.
    ChanJoin {
        id: u32,
    },
    /// Listen on `port` of this host (0: any free port); resumed with the port, or raises
    /// `OSError: [Errno 98] Address already in use`.
    NetListen {
        port: u16,
    },
    /// Take a connection on a listener; resumed with `(read_chan, write_chan, (addr, port))`.
    /// With `block` false, resumed with None at once when no connection is waiting (the
    /// readiness `select` and a non-blocking socket's `accept` need).
    NetAccept {
        listener: u32,
        block: bool,
    },
    /// Connect to `host:port` (an address, a host name, `localhost` or `''`); resumed with
    /// `(read_chan, write_chan, (own addr, own port))`, or raises `ConnectionRefusedError`
    /// when nobody listens.
    NetConnect {
        host: String,
        port: u16,
    },
    /// Stop listening on a port of this host.
    NetUnlisten {
        port: u16,
    },
    /// Yield the GIL (e.g. `time.sleep(0)`); resumed with None.
    Yield,
    /// Which of `n` ready callbacks an event loop runs next (`_concsim.choose_task`, asked
    /// only when the machine offers task choices): resumed with the index, 0 being CPython's
    /// FIFO order (see `sim::api::TASK_CHOICE`).
    ChooseTask {
        n: u32,
    },
    /// A system call released the GIL while another thread wanted it (a write to stdout or
    /// stderr: CPython drops the GIL around the write, and a thread waiting for it takes
    /// it): the waiting threads go first, then the thread goes on, resumed with `value`, or
    /// (None) by executing the instruction again (`print`'s next part, see `Interp::print_parts`).
    Released {
        value: Option<Value>,
    },
}

/// How the kernel resumes a suspended thread.
pub enum Resume {
    Value(Value),
    /// Execute the instruction that made the request again (a lock to retry).
    Retry,
    Raise(Value),
}
