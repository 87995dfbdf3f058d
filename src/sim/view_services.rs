//! The views of the services the library runs in threads and processes: each
//! `concurrent.futures` executor (its workers, what each runs, the work not picked up yet)
//! and each `multiprocessing.managers` server (the objects it keeps for its proxies and what
//! each connection's thread is doing). Read from the preludes' private names
//! (`py/futures_thread.py`, `py/futures_process.py`, `py/managers.py`), like the pool view.
//! Invariant: the same as `view`'s — reading only, no Python code run, deterministic order.

use super::kernel::{Machine, RunState};
use super::view::{attr, call_repr, clip, int_attr, local, plain_str, repr_of, MAX_ITEMS};
use crate::vm::value::Value;
use serde::Serialize;
use std::rc::Rc;

/// A `ThreadPoolExecutor` or `ProcessPoolExecutor` as its owner process sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExecutorView {
    /// The process that created it.
    pub pid: u32,
    /// `ThreadPoolExecutor` or `ProcessPoolExecutor`.
    pub kind: String,
    pub max_workers: usize,
    /// `shutdown()` was called (or the `with` block ended).
    pub shut_down: bool,
    /// Started so far, in start order (threads) or pid order (processes).
    pub workers: Vec<ExecWorkerView>,
    /// Work submitted that no worker has picked up yet, oldest first, as `f(args)`.
    pub waiting: Vec<String>,
    /// Futures not done yet (waiting, running, or with a result on its way back).
    pub pending: usize,
    /// A process pool's call queue and result queue (the channels view has their items).
    pub call_queue: Option<u32>,
    pub result_queue: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExecWorkerView {
    /// The worker thread (thread pools) or the worker process's main thread.
    pub tid: Option<u32>,
    pub pid: u32,
    pub name: String,
    /// The call it runs now, as `f(args)`; None when idle or exited.
    pub task: Option<String>,
    pub exited: bool,
}

/// A `multiprocessing.managers` server process and what it keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ManagerView {
    pub pid: u32,
    /// `host:port` it listens on.
    pub address: String,
    /// The shared objects, by the id their proxies name, in creation order.
    pub objects: Vec<SharedObjectView>,
    /// Threads serving a connection, with the call each is running.
    pub serving: Vec<ServingView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SharedObjectView {
    pub id: String,
    pub repr: String,
    /// How many proxies hold it (the server's refcount).
    pub refs: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServingView {
    pub tid: u32,
    /// `id.method` of the call in progress, None while it waits for the next request.
    pub call: Option<String>,
}

pub(super) fn class_name(v: &Value) -> Option<Rc<str>> {
    match v {
        Value::Instance(i) => Some(i.class.borrow().name.clone()),
        _ => None,
    }
}

/// The same object (an instance, or a native object such as a coroutine).
pub(super) fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Instance(x), Value::Instance(y)) => Rc::ptr_eq(x, y),
        (Value::Native(x), Value::Native(y)) => Rc::ptr_eq(x, y),
        _ => false,
    }
}

/// The items of a list, set or dict's values (empty for anything else).
pub(super) fn list_items(v: Option<Value>) -> Vec<Value> {
    match v {
        Some(Value::List(l)) => l.try_borrow().map(|l| l.clone()).unwrap_or_default(),
        Some(Value::Set(s)) => s.try_borrow().map(|s| s.iter().map(|k| k.0.clone()).collect()).unwrap_or_default(),
        Some(Value::Dict(d)) => d.try_borrow().map(|d| d.iter().map(|(_, v)| v.clone()).collect()).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A work item's call: `f(args)`; a process pool's `map` chunk (`_process_chunk(f, chunk)`)
/// shows the calls of its chunk, `f(1), f(2)`.
fn work_repr(func: Option<Value>, args: Option<Value>) -> Option<String> {
    let (func, args) = (func?, args?);
    if let (Value::Function(f), Value::Tuple(a)) = (&func, &args) {
        if &**f.qualname.borrow() == "_process_chunk" && a.len() == 2 {
            if let Value::Tuple(chunk) = &a[1] {
                let calls: Vec<String> = chunk.iter().map(|c| call_repr(&a[0], c)).collect();
                return Some(clip(calls.join(", ")));
            }
        }
    }
    Some(call_repr(&func, &args))
}

/// Every live instance of the given classes bound to a global of `__main__` or a local of
/// a frame, with its process, each once, in process then discovery order.
fn find_instances(m: &Machine, classes: &[&str]) -> Vec<(u32, Value)> {
    let mut found: Vec<(u32, Value)> = Vec::new();
    let mut add = |pid: u32, v: &Value| {
        if class_name(v).is_some_and(|c| classes.contains(&&*c)) && !found.iter().any(|(_, w)| same(v, w)) {
            found.push((pid, v.clone()));
        }
    };
    for p in m.procs.iter().filter(|p| p.status.is_none()) {
        if let Some(Value::Module(main)) = p.interp.modules.get("__main__") {
            for (_, v) in main.globals.borrow().items() {
                add(p.pid, v);
            }
        }
    }
    for t in m.threads.iter().filter(|t| t.state != RunState::Done) {
        for f in &t.ts.frames {
            for v in f.locals.iter().flatten() {
                add(t.pid, v);
            }
        }
    }
    found.sort_by_key(|(pid, _)| *pid);
    found
}

/// The process an executor belongs to: where the threads it started run. A forked child
/// (a process pool's worker, a manager's server) holds a copy of its parent's executors in
/// its globals and copied frames; the copy is not an executor of the child's.
fn owner_pid(m: &Machine, ex: &Value) -> Option<u32> {
    let mut threads = list_items(attr(ex, "_threads"));
    threads.extend(attr(ex, "_executor_manager_thread"));
    threads.iter().find_map(|t| {
        let tid = usize::try_from(int_attr(t, "_tid")?).ok()?;
        m.threads.get(tid.wrapping_sub(1)).map(|t| t.pid)
    })
}

pub(super) fn executors(m: &Machine) -> Vec<ExecutorView> {
    find_instances(m, &["ThreadPoolExecutor", "ProcessPoolExecutor"])
        .into_iter()
        .filter(|(pid, ex)| match owner_pid(m, ex) {
            Some(owner) => owner == *pid,
            // Nothing started yet: a forked child's is a copy (a child creating its own
            // executor shows once the executor starts a thread).
            None => m.procs.iter().find(|p| p.pid == *pid).is_some_and(|p| p.interp.forked_from == 0),
        })
        .map(|(pid, ex)| match class_name(&ex).as_deref() {
            Some("ThreadPoolExecutor") => thread_executor(m, pid, &ex),
            _ => process_executor(m, pid, &ex),
        })
        .collect()
}

fn thread_executor(m: &Machine, pid: u32, ex: &Value) -> ExecutorView {
    let workers: Vec<ExecWorkerView> = list_items(attr(ex, "_threads"))
        .iter()
        .map(|th| {
            let tid = int_attr(th, "_tid").and_then(|t| u32::try_from(t).ok());
            let thread = tid.and_then(|t| m.threads.get((t as usize).wrapping_sub(1)));
            let exited = thread.is_none_or(|t| t.state == RunState::Done);
            // The item its `_worker` loop holds (None between items).
            let task = thread.filter(|_| !exited).and_then(|t| {
                let f = t.ts.frames.iter().rev().find(|f| &*f.code.name == "_worker")?;
                let item = local(f, "work_item")?;
                work_repr(attr(&item, "fn"), attr(&item, "args"))
            });
            let name = match attr(th, "_name") {
                Some(v) => plain_str(&v),
                None => String::new(),
            };
            ExecWorkerView { tid, pid, name, task, exited }
        })
        .collect();
    let mut workers = workers;
    workers.sort_by_key(|w| w.tid);
    let queued = list_items(attr(ex, "_work_queue").and_then(|q| attr(&q, "_queue")));
    let waiting: Vec<String> =
        queued.iter().filter_map(|item| work_repr(attr(item, "fn"), attr(item, "args"))).take(MAX_ITEMS).collect();
    let running = workers.iter().filter(|w| w.task.is_some()).count();
    ExecutorView {
        pid,
        kind: "ThreadPoolExecutor".into(),
        max_workers: int_attr(ex, "_max_workers").unwrap_or(0).max(0) as usize,
        shut_down: matches!(attr(ex, "_shutdown"), Some(Value::Bool(true))),
        pending: waiting.len() + running,
        workers,
        waiting,
        call_queue: None,
        result_queue: None,
    }
}

fn process_executor(m: &Machine, pid: u32, ex: &Value) -> ExecutorView {
    let mut workers: Vec<ExecWorkerView> = list_items(attr(ex, "_processes"))
        .iter()
        .filter_map(|p| {
            let wpid = u32::try_from(int_attr(p, "_pid")?).ok()?;
            let proc_ = m.procs.iter().find(|q| q.pid == wpid);
            let exited = proc_.is_none_or(|q| q.status.is_some());
            let main = m.threads.iter().find(|t| t.pid == wpid);
            // The call item its `_process_worker` loop holds.
            let task = main.filter(|_| !exited).and_then(|t| {
                let f = t.ts.frames.iter().rev().find(|f| &*f.code.name == "_process_worker")?;
                let item = local(f, "call_item")?;
                work_repr(attr(&item, "fn"), attr(&item, "args"))
            });
            let name = match attr(p, "_name") {
                Some(v) => plain_str(&v),
                None => String::new(),
            };
            Some(ExecWorkerView { tid: main.map(|t| t.tid), pid: wpid, name, task, exited })
        })
        .collect();
    workers.sort_by_key(|w| w.pid);
    let pending_items = list_items(attr(ex, "_pending_work_items"));
    // Submitted but not handed to the call queue yet: their future is still PENDING.
    let waiting = pending_items
        .iter()
        .filter(|item| {
            let state = attr(item, "future").and_then(|f| attr(&f, "_state"));
            matches!(state, Some(Value::Str(s)) if &*s == "PENDING")
        })
        .filter_map(|item| work_repr(attr(item, "fn"), attr(item, "args")))
        .take(MAX_ITEMS)
        .collect();
    let chan = |name: &str| attr(ex, name).and_then(|q| int_attr(&q, "_id")).and_then(|i| u32::try_from(i).ok());
    ExecutorView {
        pid,
        kind: "ProcessPoolExecutor".into(),
        max_workers: int_attr(ex, "_max_workers").unwrap_or(0).max(0) as usize,
        shut_down: matches!(attr(ex, "_shutdown_thread"), Some(Value::Bool(true))),
        workers,
        waiting,
        pending: pending_items.len(),
        call_queue: chan("_call_queue"),
        result_queue: chan("_result_queue"),
    }
}

/// A shared object as the learner would print it: a `Namespace` or manager `Value` shows its
/// contents (their reprs need Python code), anything else its repr.
fn shared_repr(v: &Value) -> String {
    match class_name(v).as_deref() {
        Some("Namespace") => {
            let fields = match v {
                Value::Instance(i) => i
                    .dict
                    .try_borrow()
                    .map(|d| {
                        d.iter()
                            .filter(|(k, _)| !plain_str(&k.0).starts_with('_'))
                            .map(|(k, x)| format!("{}={}", plain_str(&k.0), repr_of(x)))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            clip(format!("Namespace({})", fields.join(", ")))
        }
        Some("Value") => match (attr(v, "_typecode"), attr(v, "_value")) {
            (Some(t), Some(x)) => clip(format!("Value({}, {})", repr_of(&t), repr_of(&x))),
            _ => repr_of(v),
        },
        _ => repr_of(v),
    }
}

/// The manager servers alive: a server process's `current_process()._manager_server`.
pub(super) fn managers(m: &Machine) -> Vec<ManagerView> {
    m.procs
        .iter()
        .filter(|p| p.status.is_none())
        .filter_map(|p| {
            let Some(Value::Module(mp)) = p.interp.modules.get("multiprocessing") else { return None };
            let current =
                mp.globals.borrow().items().find(|(n, _)| &***n == "_current_process").map(|(_, v)| v.clone())?;
            let server = attr(&current, "_manager_server")?;
            let refs = match attr(&server, "id_to_refcount") {
                Some(Value::Dict(d)) => d.try_borrow().map(|d| d.clone()).ok(),
                _ => None,
            };
            let objects = match attr(&server, "id_to_obj") {
                Some(Value::Dict(d)) => d
                    .try_borrow()
                    .map(|d| {
                        d.iter()
                            .filter(|(k, _)| plain_str(&k.0) != "0")
                            .map(|(k, entry)| {
                                let obj = match entry {
                                    Value::Tuple(t) if !t.is_empty() => t[0].clone(),
                                    other => other.clone(),
                                };
                                let refs = refs.as_ref().and_then(|r| r.get(k)).and_then(|v| match v {
                                    Value::Int(i) => Some(i),
                                    _ => None,
                                });
                                SharedObjectView {
                                    id: plain_str(&k.0),
                                    repr: shared_repr(&obj),
                                    refs: refs.unwrap_or(0),
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            let address = match attr(&server, "address") {
                Some(Value::Tuple(t)) if t.len() == 2 => format!("{}:{}", plain_str(&t[0]), plain_str(&t[1])),
                Some(other) => plain_str(&other),
                None => String::new(),
            };
            let serving = m
                .threads
                .iter()
                .filter(|t| t.pid == p.pid && t.state != RunState::Done)
                .filter_map(|t| {
                    let f = t.ts.frames.iter().rev().find(|f| &*f.code.name == "serve_client")?;
                    let call = match (local(f, "ident"), local(f, "methodname")) {
                        (Some(Value::Str(id)), Some(Value::Str(meth))) => Some(format!("{id}.{meth}")),
                        _ => None,
                    };
                    Some(ServingView { tid: t.tid, call })
                })
                .collect();
            Some(ManagerView { pid: p.pid, address, objects, serving })
        })
        .collect()
}
