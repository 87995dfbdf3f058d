//! The virtual machine: runs one process's bytecode. `Interp` is a process's heap-side state
//! (modules, builtin classes, counters); `ThreadState` is one thread's frames and operand
//! stack. Invariant: the VM never blocks and never looks at a real clock or the scheduler —
//! when a thread needs the kernel it stops with a `Request` and is resumed with a `Resume` —
//! so a run is a pure function of the kernel's decisions.
//!
//! Helper API for native code (builtins, methods, modules), all on `Interp` (see `api.rs`):
//! - errors: `err(class_name, msg)`, `err_args(class_name, args)` build a `Flow`;
//! - protocol: `repr`, `str_of`, `truthy`, `eq`, `lt`, `key`, `get_attr`, `set_attr`,
//!   `get_iter`, `next`, `collect`, `call`, `call_kw`, `class_of`, `isinstance`, `len_of`.

pub mod access;
mod api;
pub mod async_gen;
mod attr;
pub mod builtins;
mod call;
mod carets;
pub mod dict;
mod exc;
pub mod fork;
pub mod format;
pub mod frame;
pub mod fs;
pub mod generator;
mod import;
pub mod interp;
pub mod lookahead;
pub mod memory;
pub mod modules;
pub mod native;
pub mod ops;
pub mod pickle;
pub mod random;
pub mod request;
pub mod signals;
mod slice;
pub mod spawn;
mod stack_calls;
mod suggest;
pub mod teardown;
pub mod types;
mod unawaited;
pub mod value;

pub use dict::{Dict, Key, Set};
pub use frame::ThreadState;
pub use interp::RunEnd;

pub use request::{Request, Resume, WaitOn};
pub use slice::{IoRelease, Slice, SliceEnd, TaskChoices, WRITE_NS};
pub use types::Types;
pub use value::{Flow, Value};

/// The stream a process writes to (its `sys.stdout` or `sys.stderr`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    Stdout,
    Stderr,
}

use crate::limits::{NS_PER_STEP, SWITCH_INTERVAL_NS};
use indexmap::IndexMap;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::cell::RefCell;
use std::rc::Rc;
use value::{CellRef, Module};

/// Keyword arguments as passed to natives: names with values, in call order.
pub type Kwargs = [(Rc<str>, Value)];

/// One process's interpreter state. Deep-copied by `fork`.
pub struct Interp {
    pub pid: u32,
    pub ppid: u32,
    /// Builtin classes, shared by every process (immutable once built).
    pub types: Rc<Types>,
    pub builtins: Rc<Module>,
    /// `sys.modules`, in import order.
    pub modules: IndexMap<Rc<str>, Value, FxBuildHasher>,
    /// Text written since the kernel last drained it.
    pub(in crate::vm) out: Vec<(Stream, String)>,
    /// Virtual time at the start of the current slice (kept current by the kernel).
    pub(in crate::vm) now_ns: u64,
    /// The thread currently running in this process.
    pub(in crate::vm) tid: u32,
    /// Threads whose wait may have ended during this slice (a lock they wait for was
    /// released); the kernel makes them retry.
    pub(in crate::vm) wakeups: Vec<u32>,
    /// Source text by file name, for traceback lines.
    pub sources: Rc<FxHashMap<Rc<str>, Rc<str>>>,
    next_serial: u64,
    /// The `LoadMethod` marker (a cell that never holds a value).
    marker: CellRef,
    /// Stack position of the callable of the call in progress (for suspending it).
    call_base: Option<usize>,
    depth: u32,
    pub(in crate::vm) nested_steps: u64,
    /// The `warnings` registry of "coroutine never awaited": (file, line, text) already shown.
    warned: Vec<(Rc<str>, u32, Rc<str>)>,
    /// `sys.getswitchinterval()` in ns (CPython's 5 ms unless the program sets it): how long
    /// a thread keeps the GIL while another waits for it (the kernel reads it).
    pub switch_interval_ns: u64,
    addresses: FxHashMap<usize, u64>,
    /// Instructions run so far in the current slice (for `time.time()` inside a slice).
    pub(in crate::vm) run_steps: u64,
    /// `Slice::io_release` of the running slice.
    pub(in crate::vm) io_release: slice::IoRelease,
    /// At the current call: the slice's instructions so far and those left in its budget
    /// (a write within `WRITE_NS` of the switch interval's end switches there).
    pub(in crate::vm) call_steps: (u64, u64),
    /// `print`'s parts not written yet when a write released the GIL, per thread: (thread,
    /// the call's arguments, the parts left); the thread's retried call goes on with them.
    pub(in crate::vm) print_rest: Vec<(u32, Vec<Value>, std::collections::VecDeque<Rc<str>>)>,
    /// `atexit` callbacks (multiprocessing's joining of children).
    pub atexit: Vec<Value>,
    /// Run before `atexit` when the main thread ends (threading's joining of threads).
    pub shutdown_hooks: Vec<Value>,
    /// `os.register_at_fork(after_in_child=...)` callbacks.
    pub after_fork_child: Vec<Value>,
    pub rng: random::Mt19937,
    /// Whether an instance was ever filed under a Python `__hash__` (`Interp::key`): until
    /// then a plain key (an int, a str) needs no search for a stored instance it equals.
    pub eq_keys_seen: bool,
    pub run_seed: u64,
    pub cores: u32,
    pub argv: Vec<String>,
    pub stdout_obj: Value,
    pub stderr_obj: Value,
    /// In a forked child: the tid of the thread that called fork in the parent.
    pub forked_from: u32,
    /// The exception being handled by the running thread (for `sys.exc_info()`).
    pub handling: Option<Value>,
    /// Whether a slice may end at any instruction (preempt-any and random policies, replay)
    /// or only where CPython checks for a GIL drop request (calls and backward jumps).
    pub(in crate::vm) preempt_any: bool,
    /// `explore` runs only: with `preempt_any` a slice stops before the first instruction
    /// after its first that is not `Access::Local`, and `explore_access` holds what the
    /// slice's first instruction touches (see `access`); under the cpython policy it runs to
    /// an eval-breaker point and `explore_before` + `explore_access` hold what it touched.
    pub(in crate::vm) explore: bool,
    /// The machine answers task choices (`Request::ChooseTask`): asyncio's loop then asks
    /// which ready callback runs next instead of taking the first.
    pub(in crate::vm) task_choices: TaskChoices,
    /// A learner's pause: the running slice stops after this many of its own instructions
    /// (u64::MAX: never), and `paused` says it did (see `slice`).
    pause_at: u64,
    paused: bool,
    pub(in crate::vm) explore_access: access::Access,
    /// Under the cpython policy, what the slice's instructions before its latest touched
    /// (`explore_access` is the latest's); Local under preempt-any.
    pub(in crate::vm) explore_before: access::Access,
    /// `explore`: the run's object numbering (see `access::Ids`).
    pub explore_ids: access::Ids,
    /// Block-buffered stdout (`--stdout block`): text waits in `stdout_buf` until 8 KiB,
    /// a flush, or a normal exit.
    pub stdout_block: bool,
    pub stdout_buf: String,
    /// Draws of `os.urandom` so far: its bytes come from a stream of their own, so they never
    /// disturb the `random` module's sequence.
    pub urandom_draws: u64,
    /// The clock as an input: a real run logs every reading (`Record`), and the replay of a
    /// real run answers with those readings (`Replay`) instead of the virtual clock.
    pub clock_log: ClockLog,
    /// Real runs: `os.getppid()` asks the kernel (`Request::GetPpid`) instead of reading
    /// `ppid`, so the reading is ordered against the parent's exit like any other effect
    /// (a segment that read its parent's pid at its start could otherwise be ordered after
    /// the parent ended). The simulator reads `ppid` directly: its decisions are atomic.
    pub ordered_ppid: bool,
    /// Real runs and their replays: `subprocess` runs the machine's real commands
    /// (`Request::ExecLookup`, `ExecRun`) instead of the simulator's built-in ones.
    pub real_commands: bool,
    /// Replaying a real run: the answers the next slice's command requests get.
    pub command_feed: std::collections::VecDeque<request::CommandAnswer>,
    /// The host's files (`sim::fs`): shared by the host's processes.
    pub fs: crate::vm::fs::Fs,
    /// The working directory (absolute), per process.
    pub cwd: String,
    /// The main program's directory, where `import mymodule` finds modules (`sys.path[0]`).
    pub script_dir: String,
    /// The main program's path as its code and `__file__` name it (`fs::shown_main_path`):
    /// the key of its source in `sources` ("" for `python3 -c`).
    pub main_path: String,
    /// File operations since the kernel last drained them (trace `file` events): (op,
    /// absolute path, bytes).
    pub(in crate::vm) file_log: Vec<(&'static str, String, u64)>,
    /// What `sys.stdin` reads (empty unless given), shared by the processes of a run.
    pub stdin: Rc<str>,
    /// Recycled locals vectors (see `simple_frame`).
    locals_pool: Vec<Vec<Option<Value>>>,
    /// Signal handlers and the main thread's tid (see `signals`).
    pub signals: signals::SignalState,
    /// A spawned child (`spawn`): its pickled preparation data and process object.
    pub spawn_payload: Option<(pickle::Pickled, pickle::Pickled)>,
}

/// See `Interp::clock_log`.
#[derive(Clone, Debug, Default)]
pub enum ClockLog {
    #[default]
    Off,
    /// A real run: every reading comes from `source` (the OS clock, in the virtual clock's
    /// epoch) at the moment of the call, as CPython reads it, and is logged for the replay.
    /// Reading the slice's start instead froze the clock for a whole chunk and then jumped it.
    Record {
        log: Vec<u64>,
        source: fn() -> u64,
    },
    Replay(std::collections::VecDeque<u64>),
}

impl Interp {
    pub fn new(
        types: Rc<Types>,
        pid: u32,
        ppid: u32,
        run_seed: u64,
        cores: u32,
        argv: Vec<String>,
        sources: Rc<FxHashMap<Rc<str>, Rc<str>>>,
    ) -> Interp {
        let builtins = modules::make_builtins(&types);
        let file_cls = types.natives["TextIOWrapper"].clone();
        let stdout_obj = Value::Native(value::NativeObj::new(file_cls.clone(), 0, native::NativeData::File { fd: 1 }));
        let stderr_obj = Value::Native(value::NativeObj::new(file_cls, 0, native::NativeData::File { fd: 2 }));
        let mut it = Interp {
            pid,
            ppid,
            types,
            builtins,
            modules: IndexMap::default(),
            out: Vec::new(),
            now_ns: 0,
            tid: 0,
            wakeups: Vec::new(),
            sources,
            next_serial: 0,
            marker: Rc::new(RefCell::new(None)),
            call_base: None,
            depth: 0,
            nested_steps: 0,
            warned: Vec::new(),
            switch_interval_ns: SWITCH_INTERVAL_NS,
            addresses: FxHashMap::default(),
            run_steps: 0,
            io_release: slice::IoRelease::Never,
            call_steps: (0, u64::MAX),
            print_rest: Vec::new(),
            pause_at: u64::MAX,
            paused: false,
            atexit: Vec::new(),
            shutdown_hooks: Vec::new(),
            after_fork_child: Vec::new(),
            rng: random::Mt19937::new(0),
            eq_keys_seen: false,
            run_seed,
            cores,
            argv,
            stdout_obj,
            stderr_obj,
            forked_from: 0,
            handling: None,
            preempt_any: false,
            explore: false,
            task_choices: TaskChoices::Off,
            explore_access: access::Access::Local,
            explore_before: access::Access::Local,
            explore_ids: access::Ids::default(),
            locals_pool: Vec::new(),
            stdout_block: false,
            stdout_buf: String::new(),
            urandom_draws: 0,
            clock_log: ClockLog::Off,
            ordered_ppid: false,
            real_commands: false,
            command_feed: std::collections::VecDeque::new(),
            fs: crate::vm::fs::Fs::default(),
            cwd: "/".into(),
            script_dir: "/".into(),
            main_path: String::new(),
            stdin: Rc::from(""),
            signals: signals::SignalState::default(),
            file_log: Vec::new(),
            spawn_payload: None,
        };
        let s = it.fresh_seed();
        it.rng.seed_u64(s);
        it
    }

    /// A number unique within this process, for native objects' display names.
    pub fn next_serial(&mut self) -> u64 {
        self.next_serial += 1;
        self.next_serial
    }

    /// What `time.time()` and friends read: the virtual clock, or (see `ClockLog`) a real
    /// run's reading.
    pub fn read_clock(&mut self) -> u64 {
        match &mut self.clock_log {
            ClockLog::Off => self.now(),
            ClockLog::Record { log, source } => {
                let t = source();
                log.push(t);
                t
            }
            ClockLog::Replay(feed) => feed.pop_front().unwrap_or_else(|| self.now()),
        }
    }

    /// Virtual now, including the instructions already run in this slice.
    pub fn now(&self) -> u64 {
        self.now_ns + self.run_steps * NS_PER_STEP
    }

    /// A seed that depends only on the run's seed, this process and how many were drawn:
    /// CPython seeds from the OS; concsim must stay a function of the run's seed.
    pub fn fresh_seed(&mut self) -> u64 {
        let n = self.next_serial();
        let mut h = self.run_seed ^ 0x9e37_79b9_7f4a_7c15;
        for x in [u64::from(self.pid), n] {
            h = (h ^ x).wrapping_mul(0x1000_0000_01b3).rotate_left(29);
        }
        h
    }

    /// A fresh thread state that will run `code` as the module `module`.
    pub fn start_module(&mut self, code: Rc<crate::lang::bytecode::Code>, module: Rc<Module>) -> ThreadState {
        let mut ts = ThreadState::default();
        ts.frames.push(frame::Frame {
            code,
            pc: 0,
            locals: Vec::new(),
            cells: Vec::new(),
            globals: module,
            ns: None,
            blocks: Vec::new(),
            base: 0,
            on_return: frame::OnReturn::Push,
        });
        ts
    }

    /// A thread state that will call `func()` (a thread's bootstrap, an exit hook).
    pub fn start_call(&mut self, func: &Value, args: Vec<Value>) -> Result<ThreadState, Value> {
        let mut ts = ThreadState::default();
        match self.invoke(func, args, Vec::new(), 0) {
            Ok(call::Called::Frame(f)) => ts.frames.push(*f),
            Ok(call::Called::Value(_)) => {}
            Err(Flow::Raise(e)) => return Err(e),
            Err(Flow::Request(_)) => {}
        }
        Ok(ts)
    }

    /// Registers `__main__`.
    pub fn register_main(&mut self, module: &Rc<Module>) {
        self.modules.insert(Rc::from("__main__"), Value::Module(module.clone()));
    }
}
