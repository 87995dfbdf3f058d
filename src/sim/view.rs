//! The view model: a plain, serializable snapshot of the simulated machine between two
//! scheduling decisions, which the web page draws (and tests inspect) without touching the
//! kernel. Invariant: building a view only reads the machine — it runs no Python code (no
//! user `__repr__`), draws no random number and changes no state, so looking at a run can
//! never change it; and every list is in a deterministic order (creation order, or sorted),
//! never a hash map's.
//!
//! The pool panel, process names and instance reprs read private names of the Python
//! preludes (`_pool`, `_taskqueue`, `_cache`, `_handle_workers`, `_current_process`, `_id`,
//! …): the contract is written at the top of `vm/modules/py/pool.py`, `multiprocessing.py`
//! and `queue.py`; change both sides together.

use super::api::{OutputChunk, StopReason};
use super::kernel::{Machine, RunState, ThreadRole};
use crate::vm::format::float_repr;
use crate::vm::native::NativeData;
use crate::vm::ops::{bytes_repr, str_repr};
use crate::vm::pickle::Pickled;
use crate::vm::request::WaitOn;
use crate::vm::value::Value;
use crate::vm::ThreadState;
use serde::Serialize;

/// Longest repr shown for one value; longer ones end with "…".
const MAX_REPR: usize = 120;
/// Deepest nesting of containers shown before "…".
const MAX_DEPTH: usize = 4;
/// Most items of one container shown before "…".
pub(super) const MAX_ITEMS: usize = 40;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View {
    /// Scheduling decisions made so far (the step counter of the page).
    pub step: u64,
    /// Virtual time: the latest clock of any core, in nanoseconds.
    pub time_ns: u64,
    /// Bytecode instructions run so far over all threads.
    /// Instructions run into a slice a learner paused (0: none is paused; see
    /// `Machine::step_instructions`), counted in `instructions` already.
    pub partial: u64,
    pub instructions: u64,
    pub cores: Vec<CoreView>,
    /// In creation order (pid order); the tree is given by `ppid`.
    pub processes: Vec<ProcView>,
    /// In creation order (tid order).
    pub threads: Vec<ThreadView>,
    pub channels: Vec<ChanView>,
    pub locks: Vec<LockView>,
    /// `multiprocessing.Pool`s alive in some process, in process then creation order.
    pub pools: Vec<PoolView>,
    /// `concurrent.futures` executors alive, in process then discovery order.
    pub executors: Vec<super::view_services::ExecutorView>,
    /// `multiprocessing.managers` servers alive, in pid order.
    pub managers: Vec<super::view_services::ManagerView>,
    /// Processes with signal handlers set, signals pending, an alarm armed or stopped.
    pub signals: Vec<super::view_os::SignalView>,
    /// The files of each host's file system.
    pub files: Vec<super::view_os::FileView>,
    /// asyncio event loops with tasks, in process then creation order.
    pub event_loops: Vec<super::view_asyncio::EventLoopView>,
    /// Everything written so far, in the order it reached the terminal.
    pub console: Vec<OutputChunk>,
    /// Why the run ended, once it has (None while it can go on).
    pub stop: Option<StopReason>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CoreView {
    pub index: u32,
    /// This core's clock: when it is next free.
    pub clock_ns: u64,
    /// The thread that ran the latest slice on this core (None if it never ran one).
    pub last_tid: Option<u32>,
    pub last_pid: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProcView {
    pub pid: u32,
    /// The current parent: 1 (init) once the creator has exited, as on Linux.
    pub ppid: u32,
    /// The process that created this one (draw the tree with this).
    pub parent: u32,
    /// `multiprocessing`'s process name when the program uses it, else the main thread's.
    pub name: String,
    /// Running until it exits; then its exit code (`-N` when killed by signal N).
    pub exit_code: Option<i32>,
    /// The thread holding this process's GIL: the latest one to run here, unless it has
    /// blocked, gone to sleep or finished since (each of which releases the GIL).
    pub gil: Option<u32>,
    /// `__main__`'s user globals (no modules, functions, classes or dunders) as reprs, in
    /// definition order: a forked child's copy diverges visibly from its parent's.
    pub globals: Vec<Var>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Var {
    pub name: String,
    pub repr: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ThreadView {
    pub tid: u32,
    pub pid: u32,
    pub name: String,
    pub state: ThreadStatus,
    /// The line of the program (the user's file, not a library's) the thread is at.
    pub line: Option<u32>,
    /// This thread's `threading.local` attributes, as `local_name.attr`.
    pub locals: Vec<Var>,
    /// Its call stack, outermost first: each frame's line, locals, the values it has loaded
    /// and its next instruction (see `frames`).
    pub frames: Vec<super::frames::FrameView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ThreadStatus {
    /// Holds its process's GIL and may go on at the next decision.
    Running,
    /// Could run, waiting for a core or for its process's GIL.
    Ready,
    /// Waits for something; `reason` says what (and who holds it), `holder` is the thread
    /// holding the lock it waits for when the kernel knows it.
    Blocked {
        reason: String,
        holder: Option<u32>,
        until_ns: Option<u64>,
    },
    /// `time.sleep` until a virtual time.
    Sleeping {
        until_ns: u64,
    },
    /// The main thread has finished the program and its exit hooks; the interpreter is
    /// shutting down until `until_ns`.
    Exiting {
        until_ns: u64,
    },
    Finished,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChanView {
    pub id: u32,
    /// "queue" or "pipe".
    pub kind: String,
    /// 0 means unbounded.
    pub maxsize: usize,
    /// The items waiting in it, oldest first, as reprs.
    pub items: Vec<String>,
    /// Processes that still hold its write end, in pid order.
    pub writers: Vec<u32>,
}

/// A `multiprocessing.Pool` as its owner process sees it (read from the prelude's `Pool`
/// object: `py/pool.py`), with what each worker process is doing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PoolView {
    /// The process that created the pool.
    pub pid: u32,
    /// `RUN`, `CLOSE` or `TERMINATE`.
    pub state: String,
    /// `Pool(processes=N)`'s N.
    pub size: usize,
    pub workers: Vec<PoolWorkerView>,
    /// Tasks submitted that the task handler thread has not passed to the workers yet, as
    /// `f(args)`.
    pub waiting: Vec<String>,
    /// The channel that carries tasks to the workers (the channels view has its items).
    pub inqueue: Option<u32>,
    /// The channel that carries results back.
    pub outqueue: Option<u32>,
    /// Jobs (an `apply_async`, a `map`…) whose results have not all come back.
    pub pending_jobs: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PoolWorkerView {
    /// None until the worker process has been forked.
    pub pid: Option<u32>,
    pub name: String,
    /// The task it runs now, as `f(args)`.
    pub task: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LockView {
    pub pid: u32,
    /// The per-process serial the trace and deadlock reports use ("lock#3").
    pub serial: u64,
    /// The global it is bound to in `__main__`, if any.
    pub name: Option<String>,
    pub reentrant: bool,
    pub owner: Option<u32>,
    /// Threads waiting to acquire it, in tid order.
    pub waiters: Vec<u32>,
}

impl View {
    /// The machine as it stands; `files` are the programs' file names, one per host (to find
    /// each thread's line in its host's program rather than in a library), `stop` why the
    /// run ended if it has.
    pub fn build(m: &Machine, files: &[String], stop: Option<&StopReason>) -> View {
        let file_of = |pid: u32| {
            let h = super::api::host_of_pid(pid);
            files.get(h).or(files.first()).map(String::as_str).unwrap_or("")
        };
        let (cores, last_in_proc) = core_history(m);
        let mut threads: Vec<ThreadView> = m
            .threads
            .iter()
            .map(|t| ThreadView {
                tid: t.tid,
                pid: t.pid,
                name: t.name.clone(),
                state: thread_status(m, t.tid),
                line: user_line(&t.ts, file_of(t.pid)),
                locals: Vec::new(),
                frames: super::frames::frames_of(&t.ts),
            })
            .collect();
        let mut processes = Vec::new();
        let mut locks = Vec::new();
        for p in &m.procs {
            let gil = last_in_proc
                .iter()
                .find(|(pid, _)| *pid == p.pid)
                .map(|(_, tid)| *tid)
                .filter(|tid| m.threads[(*tid - 1) as usize].state == RunState::Ready);
            let exit_code = p.status.map(|s| if s & 0x7f != 0 { -(s & 0x7f) } else { (s >> 8) & 0xff });
            let main_thread = m.threads.iter().find(|t| t.pid == p.pid).map(|t| t.name.clone()).unwrap_or_default();
            let name = process_name(&p.interp).unwrap_or(main_thread);
            let mut globals = Vec::new();
            if let Some(Value::Module(main)) = p.interp.modules.get("__main__") {
                let g = main.globals.borrow();
                for (name, value) in g.names.iter().zip(g.values.iter()) {
                    let Some(value) = value else { continue };
                    if name.starts_with("__") && name.ends_with("__") {
                        continue;
                    }
                    match value {
                        Value::Module(_) | Value::Function(_) | Value::Class(_) | Value::Builtin(_) => continue,
                        Value::Native(n) => match &*n.data.borrow() {
                            NativeData::Lock { owner, reentrant, waiters, .. } => {
                                let mut w: Vec<u32> = waiters.iter().copied().collect();
                                w.extend(lock_waiters(m, p.pid, n.serial));
                                w.sort_unstable();
                                w.dedup();
                                locks.push(LockView {
                                    pid: p.pid,
                                    serial: n.serial,
                                    name: Some(name.to_string()),
                                    reentrant: *reentrant,
                                    owner: *owner,
                                    waiters: w,
                                });
                            }
                            NativeData::Local { per_thread, .. } => {
                                for (tid, d) in per_thread {
                                    if let Some(t) = threads.get_mut((*tid).wrapping_sub(1) as usize) {
                                        for (k, v) in d.iter() {
                                            t.locals.push(Var {
                                                name: format!("{name}.{}", plain_str(&k.0)),
                                                repr: repr_of(v),
                                            });
                                        }
                                    }
                                }
                            }
                            _ => {}
                        },
                        _ => {}
                    }
                    globals.push(Var { name: name.to_string(), repr: repr_of(value) });
                }
            }
            // The process that forked this one, even after it exited and init adopted this one.
            let parent = match p.interp.forked_from {
                0 => p.ppid,
                tid => m.threads[(tid - 1) as usize].pid,
            };
            processes.push(ProcView { pid: p.pid, ppid: p.ppid, parent, name, exit_code, gil, globals });
        }
        // Locks the kernel sees threads wait for but no global names (e.g. inside a Queue).
        for t in &m.threads {
            if let RunState::Blocked(WaitOn::Lock { serial, owner }) = &t.state {
                if !locks.iter().any(|l| l.pid == t.pid && l.serial == *serial) {
                    locks.push(LockView {
                        pid: t.pid,
                        serial: *serial,
                        name: None,
                        reentrant: false,
                        owner: *owner,
                        waiters: lock_waiters(m, t.pid, *serial),
                    });
                }
            }
        }
        locks.sort_by_key(|l| (l.pid, l.serial));
        let channels = m
            .chans
            .iter()
            .enumerate()
            // A pipe nobody can write to any more and with nothing left to read is gone (a
            // closed connection of a manager): it would only crowd the view.
            .filter(|(_, c)| !(c.pipe && c.writers.is_empty() && c.items.is_empty()))
            .map(|(i, c)| {
                let mut writers = c.writers.clone();
                writers.sort_unstable();
                ChanView {
                    id: i as u32,
                    kind: if c.pipe { "pipe" } else { "queue" }.to_string(),
                    maxsize: c.maxsize,
                    items: c.items.iter().map(pickled_repr).collect(),
                    writers,
                }
            })
            .collect();
        // The GIL holder is "running"; other ready threads wait for a core or the GIL.
        for t in threads.iter_mut() {
            if t.state == ThreadStatus::Ready && processes.iter().any(|p| p.gil == Some(t.tid)) {
                t.state = ThreadStatus::Running;
            }
        }
        let pools = pools(m);
        View {
            step: m.schedule.len() as u64,
            time_ns: m.elapsed(),
            instructions: m.steps + m.paused_instructions(),
            partial: m.paused_instructions(),
            cores,
            processes,
            threads,
            channels,
            locks,
            pools,
            executors: super::view_services::executors(m),
            managers: super::view_services::managers(m),
            signals: super::view_os::signals(m),
            files: super::view_os::files(m),
            event_loops: super::view_asyncio::event_loops(m),
            console: super::api::tag_hosts(&m.output, &m.host_names()),
            stop: stop.cloned(),
        }
    }

    /// The console's text of one stream, as the CLI prints it.
    pub fn text_of(&self, stream: super::api::Stream) -> String {
        self.console.iter().filter(|c| c.stream == stream).map(|c| c.text.as_str()).collect()
    }
}

/// Each core's latest slice, and the latest thread to run in each process that has a
/// ready thread (pid, tid). The second is read backwards from the schedule, and the scan
/// stops as soon as every such process is found, so it stays short.
fn core_history(m: &Machine) -> (Vec<CoreView>, Vec<(u32, u32)>) {
    let cores = m
        .cores
        .iter()
        .zip(m.on_core.iter())
        .enumerate()
        .map(|(i, (clock, tid))| CoreView {
            index: i as u32,
            clock_ns: *clock,
            last_tid: *tid,
            last_pid: tid.map(|t| m.threads[(t - 1) as usize].pid),
        })
        .collect();
    let mut wanted: Vec<u32> = Vec::new();
    for t in &m.threads {
        if t.state == RunState::Ready && !wanted.contains(&t.pid) {
            wanted.push(t.pid);
        }
    }
    let mut last_in_proc: Vec<(u32, u32)> = Vec::new();
    // A paused slice's thread holds its process's GIL: it is running now.
    let schedule = m.schedule.iter().rev().map(|d| super::decision_thread(d.tid));
    for tid in m.paused_thread().into_iter().chain(schedule) {
        if last_in_proc.len() == wanted.len() {
            break;
        }
        let pid = m.threads[(tid - 1) as usize].pid;
        if wanted.contains(&pid) && !last_in_proc.iter().any(|(p, _)| *p == pid) {
            last_in_proc.push((pid, tid));
        }
    }
    (cores, last_in_proc)
}

fn thread_status(m: &Machine, tid: u32) -> ThreadStatus {
    let t = &m.threads[(tid - 1) as usize];
    match &t.state {
        RunState::Ready => ThreadStatus::Ready,
        RunState::Done => ThreadStatus::Finished,
        RunState::Sleeping => match t.role {
            ThreadRole::Finalizing { .. } => ThreadStatus::Exiting { until_ns: t.wake_at.unwrap_or(0) },
            _ => ThreadStatus::Sleeping { until_ns: t.wake_at.unwrap_or(0) },
        },
        RunState::Blocked(on) => {
            let holder = match on {
                WaitOn::Lock { owner, .. } => *owner,
                _ => None,
            };
            ThreadStatus::Blocked { reason: m.wait_reason(on), holder, until_ns: t.wake_at }
        }
    }
}

/// A local variable of a frame, by name.
pub(super) fn local(f: &crate::vm::frame::Frame, name: &str) -> Option<Value> {
    let i = f.code.varnames.iter().position(|n| &**n == name)?;
    f.locals.get(i).cloned().flatten()
}

pub(super) fn attr(v: &Value, name: &str) -> Option<Value> {
    match v {
        Value::Instance(i) => i.dict.try_borrow().ok()?.get_str(name),
        _ => None,
    }
}

pub(super) fn int_attr(v: &Value, name: &str) -> Option<i64> {
    match attr(v, name)? {
        Value::Int(i) => Some(i),
        _ => None,
    }
}

/// `f(1, 2)` for a pool task's function and arguments (a `map` chunk shows as
/// `mapstar((f, (1, 2)))`, as CPython ships it).
pub(super) fn call_repr(func: &Value, args: &Value) -> String {
    let name = match func {
        Value::Function(f) => f.qualname.borrow().to_string(),
        other => repr_of(other),
    };
    let args = match args {
        Value::Tuple(t) => t.iter().map(repr_of).collect::<Vec<_>>().join(", "),
        other => repr_of(other),
    };
    clip(format!("{name}({args})"))
}

/// A task tuple `(job, i, func, args, kwds)` as `f(args)`.
fn task_repr(task: &Value) -> String {
    match task {
        Value::Tuple(t) if t.len() == 5 => call_repr(&t[2], &t[3]),
        other => repr_of(other),
    }
}

/// The pools alive in every process: found through their worker-handler thread (whose frame
/// holds the pool) or a global of `__main__` bound to one.
fn pools(m: &Machine) -> Vec<PoolView> {
    let mut found: Vec<(u32, Value)> = Vec::new();
    let mut add = |pid: u32, v: Value| {
        let Value::Instance(i) = &v else { return };
        if i.class.borrow().name.as_ref() != "Pool" {
            return;
        }
        if !found.iter().any(|(_, w)| matches!(w, Value::Instance(j) if std::rc::Rc::ptr_eq(i, j))) {
            found.push((pid, v));
        }
    };
    for t in &m.threads {
        if t.state == RunState::Done {
            continue;
        }
        for f in &t.ts.frames {
            if &*f.code.name == "_handle_workers" {
                if let Some(v) = local(f, "pool") {
                    add(t.pid, v);
                }
            }
        }
    }
    for p in &m.procs {
        if p.status.is_some() {
            continue;
        }
        if let Some(Value::Module(main)) = p.interp.modules.get("__main__") {
            for (_, v) in main.globals.borrow().items() {
                add(p.pid, v.clone());
            }
        }
    }
    found.sort_by_key(|(pid, _)| *pid);
    found
        .into_iter()
        .map(|(pid, pool)| {
            let state = match attr(&pool, "_state") {
                Some(Value::Str(s)) => s.to_string(),
                _ => String::new(),
            };
            let procs = match attr(&pool, "_pool") {
                Some(Value::List(l)) => l.try_borrow().map(|l| l.clone()).unwrap_or_default(),
                _ => Vec::new(),
            };
            let workers = procs
                .iter()
                .map(|w| {
                    let pid = int_attr(w, "_pid").and_then(|p| u32::try_from(p).ok());
                    let name = match attr(w, "_name") {
                        Some(Value::Str(s)) => s.to_string(),
                        _ => String::new(),
                    };
                    // What the worker's `worker()` loop holds now (its locals are None
                    // between tasks).
                    let task = pid.and_then(|pid| {
                        m.threads.iter().filter(|t| t.pid == pid && t.state != RunState::Done).find_map(|t| {
                            let f = t.ts.frames.iter().rev().find(|f| &*f.code.name == "worker")?;
                            Some(call_repr(&local(f, "func")?, &local(f, "args")?))
                        })
                    });
                    PoolWorkerView { pid, name, task }
                })
                .collect();
            let mut waiting = Vec::new();
            if let Some(Value::List(items)) = attr(&pool, "_taskqueue").and_then(|q| attr(&q, "_queue")) {
                for item in items.try_borrow().map(|l| l.clone()).unwrap_or_default() {
                    match &item {
                        // (tasks, set_length): a list of task tuples.
                        Value::Tuple(t) if t.len() == 2 => match &t[0] {
                            Value::List(tasks) => waiting.extend(
                                tasks
                                    .try_borrow()
                                    .map(|l| l.iter().map(task_repr).collect::<Vec<_>>())
                                    .unwrap_or_default(),
                            ),
                            other => waiting.push(repr_of(other)),
                        },
                        Value::None => {}
                        other => waiting.push(repr_of(other)),
                    }
                }
            }
            waiting.truncate(MAX_ITEMS);
            let chan =
                |name: &str| attr(&pool, name).and_then(|q| int_attr(&q, "_id")).and_then(|i| u32::try_from(i).ok());
            let pending_jobs = match attr(&pool, "_cache").and_then(|c| attr(&c, "_jobs")) {
                Some(Value::Dict(d)) => d.try_borrow().map(|d| d.len()).unwrap_or(0),
                _ => 0,
            };
            PoolView {
                pid,
                state,
                size: int_attr(&pool, "_processes").unwrap_or(0).max(0) as usize,
                workers,
                waiting,
                inqueue: chan("_inqueue"),
                outqueue: chan("_outqueue"),
                pending_jobs,
            }
        })
        .collect()
}

/// Threads of `pid` the kernel has blocked on lock `serial`, in tid order.
fn lock_waiters(m: &Machine, pid: u32, serial: u64) -> Vec<u32> {
    m.threads
        .iter()
        .filter(|t| {
            t.pid == pid && matches!(&t.state, RunState::Blocked(WaitOn::Lock { serial: s, .. }) if *s == serial)
        })
        .map(|t| t.tid)
        .collect()
}

/// The innermost frame running code of `file` (a thread inside `threading` or `queue` is
/// shown at the user's line that called into it).
fn user_line(ts: &ThreadState, file: &str) -> Option<u32> {
    ts.frames.iter().rev().find(|f| &*f.code.filename == file).map(|f| f.code.line_at(f.pc.saturating_sub(1)))
}

/// `multiprocessing.current_process().name`, read from the prelude's `_current_process`.
pub(super) fn process_name(interp: &crate::vm::Interp) -> Option<String> {
    let Some(Value::Module(mp)) = interp.modules.get("multiprocessing") else { return None };
    let g = mp.globals.borrow();
    let i = g.names.iter().position(|n| &**n == "_current_process")?;
    let Some(Value::Instance(p)) = g.values.get(i)?.clone() else { return None };
    let name = p.dict.borrow().get_str("_name");
    match name {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    }
}

pub(super) fn plain_str(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        other => repr_of(other),
    }
}

/// A repr like CPython's for builtin values, computed without running Python code: an
/// instance shows as `<Class>` (with its name and the kernel object it wraps, if any).
pub fn repr_of(v: &Value) -> String {
    let mut out = String::new();
    repr_into(v, 0, &mut out);
    clip(out)
}

pub(super) fn clip(mut s: String) -> String {
    if s.chars().count() > MAX_REPR {
        s = s.chars().take(MAX_REPR - 1).collect();
        s.push('…');
    }
    s
}

fn repr_into(v: &Value, depth: usize, out: &mut String) {
    if depth > MAX_DEPTH || out.len() > MAX_REPR * 2 {
        out.push('…');
        return;
    }
    let seq = |items: &mut dyn Iterator<Item = &Value>, open: &str, close: &str, out: &mut String| {
        out.push_str(open);
        for (i, x) in items.enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if i == MAX_ITEMS {
                out.push('…');
                break;
            }
            repr_into(x, depth + 1, out);
        }
        out.push_str(close);
    };
    match v {
        Value::None => out.push_str("None"),
        Value::NotImplemented => out.push_str("NotImplemented"),
        Value::Ellipsis => out.push_str("Ellipsis"),
        Value::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::BigInt(b) => out.push_str(&b.to_string()),
        Value::Float(f) => out.push_str(&float_repr(*f)),
        Value::Str(s) => out.push_str(&str_repr(s)),
        Value::Bytes(b) => out.push_str(&bytes_repr(b)),
        Value::Tuple(t) => {
            let close = if t.len() == 1 { ",)" } else { ")" };
            seq(&mut t.iter(), "(", close, out);
        }
        Value::List(l) => match l.try_borrow() {
            Ok(l) => seq(&mut l.iter(), "[", "]", out),
            Err(_) => out.push_str("[…]"),
        },
        Value::Set(s) => match s.try_borrow() {
            Ok(s) if s.is_empty() => out.push_str("set()"),
            Ok(s) => seq(&mut s.iter().map(|k| &k.0), "{", "}", out),
            Err(_) => out.push_str("{…}"),
        },
        Value::FrozenSet(s) => seq(&mut s.iter().map(|k| &k.0), "frozenset({", "})", out),
        Value::Dict(d) => match d.try_borrow() {
            Ok(d) => {
                out.push('{');
                for (i, (k, x)) in d.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if i == MAX_ITEMS {
                        out.push('…');
                        break;
                    }
                    repr_into(&k.0, depth + 1, out);
                    out.push_str(": ");
                    repr_into(x, depth + 1, out);
                }
                out.push('}');
            }
            Err(_) => out.push_str("{…}"),
        },
        Value::Range(r) if r.step == 1 => out.push_str(&format!("range({}, {})", r.start, r.stop)),
        Value::Range(r) => out.push_str(&format!("range({}, {}, {})", r.start, r.stop, r.step)),
        Value::Function(f) => out.push_str(&format!("<function {}>", f.qualname.borrow())),
        Value::Class(c) => out.push_str(&format!("<class '{}'>", c.qualname)),
        Value::Module(m) => out.push_str(&format!("<module '{}'>", m.name)),
        Value::Native(n) => match &*n.data.borrow() {
            NativeData::Lock { owner, reentrant, .. } => out.push_str(&format!(
                "<{} {}#{}{}>",
                if *reentrant { "RLock" } else { "Lock" },
                if *reentrant { "rlock" } else { "lock" },
                n.serial,
                match owner {
                    Some(t) => format!(" held by T{t}"),
                    None => " unlocked".into(),
                }
            )),
            NativeData::Kernel { id, .. } => out.push_str(&format!("<{} #{id}>", n.class.name)),
            NativeData::Local { .. } => out.push_str("<threading.local>"),
            _ => out.push_str(&format!("<{}>", n.class.name)),
        },
        Value::Instance(i) => {
            let cls = i.class.borrow().name.clone();
            out.push('<');
            out.push_str(&cls);
            if let Ok(d) = i.dict.try_borrow() {
                if let Some(Value::Str(name)) = d.get_str("_name") {
                    out.push(' ');
                    out.push_str(&str_repr(&name));
                }
                // The kernel channel a multiprocessing wrapper stands for, named as in the
                // channels view (the prelude keeps channel ids in `_id`, `_rid`, `_wid`).
                let chan = |key: &str| match d.get_str(key) {
                    Some(Value::Int(i)) => Some(i),
                    _ => None,
                };
                if let Some(i) = chan("_id") {
                    let kind = if cls.ends_with("Queue") { "queue" } else { "chan" };
                    out.push_str(&format!(" {kind}#{i}"));
                }
                for (key, what) in [("_rid", "reads"), ("_wid", "writes")] {
                    if let Some(i) = chan(key) {
                        out.push_str(&format!(" {what} pipe#{i}"));
                    }
                }
                // What kernel object the wrapper stands for (a queue, a pipe end, a lock).
                for (_, x) in d.iter() {
                    if let Value::Native(n) = x {
                        if let NativeData::Kernel { id, .. } = &*n.data.borrow() {
                            out.push_str(&format!(" #{id}"));
                        }
                    }
                }
            }
            out.push('>');
        }
        other => out.push_str(&format!("<{}>", other.type_name())),
    }
}

/// The repr of an item waiting in a channel (a pickled copy, owned by no process).
pub fn pickled_repr(p: &Pickled) -> String {
    let mut out = String::new();
    pickled_into(p, 0, &mut out);
    clip(out)
}

fn pickled_into(p: &Pickled, depth: usize, out: &mut String) {
    if depth > MAX_DEPTH || out.len() > MAX_REPR * 2 {
        out.push('…');
        return;
    }
    let seq = |items: &[Pickled], open: &str, close: &str, out: &mut String| {
        out.push_str(open);
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if i == MAX_ITEMS {
                out.push('…');
                break;
            }
            pickled_into(x, depth + 1, out);
        }
        out.push_str(close);
    };
    match p {
        Pickled::None => out.push_str("None"),
        Pickled::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Pickled::Int(i) => out.push_str(&i.to_string()),
        Pickled::BigInt(b) => out.push_str(&b.to_string()),
        Pickled::Float(f) => out.push_str(&float_repr(*f)),
        Pickled::Str(s) => out.push_str(&str_repr(s)),
        Pickled::Bytes(b) => out.push_str(&bytes_repr(b)),
        Pickled::Ellipsis => out.push_str("Ellipsis"),
        Pickled::Tuple(t) => seq(t, "(", if t.len() == 1 { ",)" } else { ")" }, out),
        Pickled::List(l) => seq(l, "[", "]", out),
        Pickled::Set(s) if s.is_empty() => out.push_str("set()"),
        Pickled::Set(s) => seq(s, "{", "}", out),
        Pickled::FrozenSet(s) => seq(s, "frozenset({", "})", out),
        Pickled::Dict(d) => {
            out.push('{');
            for (i, (k, v)) in d.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if i == MAX_ITEMS {
                    out.push('…');
                    break;
                }
                pickled_into(k, depth + 1, out);
                out.push_str(": ");
                pickled_into(v, depth + 1, out);
            }
            out.push('}');
        }
        Pickled::Range(a, b, 1) => out.push_str(&format!("range({a}, {b})")),
        Pickled::Range(a, b, c) => out.push_str(&format!("range({a}, {b}, {c})")),
        Pickled::Slice(parts) => seq(&parts[..], "slice(", ")", out),
        Pickled::Global { qualname, .. } => out.push_str(&format!("<{qualname}>")),
        Pickled::Object { qualname, exc_args: Some(args), .. } => seq(args, &format!("{qualname}("), ")", out),
        Pickled::Object { qualname, .. } => out.push_str(&format!("<{qualname} object>")),
        Pickled::Handle { class, id, .. } => out.push_str(&format!("<{class} #{id}>")),
    }
}
