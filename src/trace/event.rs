//! The event schema (version `SCHEMA_VERSION`). Documented in docs/trace.md.

use serde::{Deserialize, Serialize};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Position in the run, from 0.
    pub seq: u64,
    /// Virtual time in nanoseconds.
    pub t: u64,
    pub pid: u32,
    pub tid: u32,
    #[serde(flatten)]
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "ev", rename_all = "snake_case")]
pub enum EventKind {
    ProcStart {
        ppid: u32,
        name: String,
    },
    ProcExit {
        code: i32,
    },
    ThreadStart {
        name: String,
        ident: u64,
    },
    ThreadEnd,
    /// A thread ran `steps` instructions on `core`, from `t` to `t + dur`.
    Run {
        core: u32,
        steps: u32,
        dur: u64,
    },
    Block {
        reason: String,
    },
    Wake {
        reason: String,
    },
    Write {
        stream: String,
        text: String,
    },
    /// A host of a multi-host run boots (emitted before its main process starts).
    Host {
        name: String,
        addr: String,
    },
    /// A process listens on `port` of its host.
    Listen {
        port: u16,
    },
    /// A process connects to `to` (`addr:port`); `ok` false when refused or unreachable.
    Connect {
        to: String,
        ok: bool,
    },
    /// A real run: the clock readings (`time.time()` and friends, ns past the simulator's
    /// epoch) of one GIL segment, in order; a replay answers them in the same places.
    Clock {
        values: Vec<u64>,
    },
    /// A real run (and its replay): what the machine answered a `subprocess` request — an
    /// input, like `clock`: finding a program, or a command's exit status and output.
    Command {
        argv: Vec<String>,
        answer: crate::vm::request::CommandAnswer,
    },
    /// A file operation on the host's files (`sim::fs`): `op` is `open`, `read`, `write`,
    /// `remove`, `rename`, `mkdir` or `rmdir`, `path` the absolute path, `bytes` how many
    /// were read or written.
    File {
        op: String,
        path: String,
        bytes: u64,
    },
    /// A real run: the main thread entered the handlers of these signals at the start of
    /// this segment — an input, like `clock`: the replay delivers them there.
    Signal {
        sigs: Vec<i32>,
    },
    /// A real run: the OS pid of a process (the program sees the simulator's pids).
    OsPid {
        os_pid: i32,
    },
    /// A multiprocessing channel operation (queue, pipe, lock, semaphore, shared value) in a
    /// real run or a replay: `origin` is (tid, n), the thread's n-th channel operation;
    /// a get names in `from` the put whose item it received; `item` is the item's pickled form.
    Chan {
        chan: u32,
        op: String,
        ok: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<[u32; 2]>,
        origin: [u32; 2],
    },
    /// A listening process accepts a connection from `peer` (`addr:port`).
    Accept {
        peer: String,
    },
    /// The slice that starts here runs a step of asyncio task `name` on this thread's event
    /// loop (emitted only when the machine offers task choices: the page, explore's replays).
    Task {
        name: String,
    },
}
