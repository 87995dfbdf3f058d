//! The view of each asyncio event loop: the ready queue (callbacks run in order at the loop's
//! next turn), the timers by deadline, and every task with its state, what it awaits and its
//! coroutine stack (the chain of `await`s down to the future it waits for). Read from the
//! prelude's private names (`py/asyncio.py`: `_all_tasks`, `BaseEventLoop._ready`,
//! `_scheduled`, `_current_task`, `Task._coro`, `_fut_waiter`, `Handle._callback`,
//! `TimerHandle._when`) and from parked coroutine frames.
//! Invariant: the same as `view`'s — reading only, deterministic order (loops by process
//! and creation, tasks in creation order, timers by deadline).

use super::kernel::{Machine, RunState};
use super::view::{attr, clip, plain_str, repr_of};
use super::view_services::{class_name, list_items as list, same};
use crate::vm::native::NativeData;
use crate::vm::value::Value;
use serde::Serialize;

/// Most tasks, ready callbacks and timers listed per loop.
const MAX_LISTED: usize = 40;
/// Deepest coroutine chain followed.
const MAX_AWAIT_DEPTH: usize = 16;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventLoopView {
    pub pid: u32,
    /// The thread running the loop (None while it is not running).
    pub tid: Option<u32>,
    /// The task whose step runs now.
    pub current: Option<String>,
    /// Callbacks due at the loop's next turn, in order (a task's step is `step Task-N`; a
    /// cancelled one, which the loop will skip, says so): entry k is task choice k.
    pub ready: Vec<String>,
    /// Timers by deadline: when (the loop's clock, seconds) and what they call.
    pub timers: Vec<(String, String)>,
    pub tasks: Vec<TaskView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TaskView {
    pub name: String,
    /// `running`, `ready` (its step is in the ready queue), `waiting`, `done`, `cancelled` or
    /// `failed`.
    pub state: String,
    /// What it waits for: another task, a sleep's timer, a queue, a lock… (None unless waiting).
    pub awaits: Option<String>,
    /// Its coroutines, outermost first: `function:line`.
    pub stack: Vec<String>,
    /// A done task's result or exception.
    pub outcome: Option<String>,
}

fn str_attr(v: &Value, name: &str) -> String {
    attr(v, name).map(|s| plain_str(&s)).unwrap_or_default()
}

/// A coroutine's chain of parked frames, outermost first (`f:line`), and the object at its
/// bottom: what the innermost one awaits (a future, or a generator it delegates to).
fn coroutine_chain(coro: &Value) -> (Vec<String>, Option<Value>) {
    let mut stack = Vec::new();
    let mut cur = coro.clone();
    for _ in 0..MAX_AWAIT_DEPTH {
        let Value::Native(n) = &cur else { return (stack, Some(cur)) };
        let next = match &*n.data.borrow() {
            NativeData::Generator(g) => {
                let Some(frame) = &g.frame else { return (stack, None) };
                // The program's coroutines with their line; asyncio's own by name only (its
                // lines are the prelude's, not CPython's), and not the future's `__await__`.
                if !frame.code.filename.starts_with("<frozen") {
                    stack.push(format!("{}:{}", g.qualname, frame.code.line_at(frame.pc.saturating_sub(1))));
                } else if &*g.qualname != "Future.__await__" {
                    stack.push(g.qualname.to_string());
                }
                // A parked `await`/`yield from` keeps its sub-iterator on top of the stack.
                g.stack.last().cloned()
            }
            _ => return (stack, Some(cur.clone())),
        };
        match next {
            Some(v) => cur = v,
            None => return (stack, None),
        }
    }
    (stack, None)
}

/// What a waiting task waits for, in a learner's words: the task it awaits, the timer of
/// a sleep, or the asyncio call it is parked in (`Queue.get`, `Lock.acquire`…).
fn awaits_text(waiter: &Value, stack: &[String], timers: &[(Value, String)]) -> String {
    if class_name(waiter).as_deref() == Some("Task") {
        return format!("task {}", str_attr(waiter, "_name"));
    }
    if let Some((_, when)) = timers.iter().find(|(args, _)| match args {
        Value::Tuple(t) => t.iter().any(|a| same(a, waiter)),
        _ => false,
    }) {
        return format!("sleep until {when} s");
    }
    if class_name(waiter).as_deref() == Some("_GatheringFuture") {
        let n = list(attr(waiter, "_children")).len();
        return format!("gather of {n}");
    }
    // The outermost frame that is asyncio's own names the operation (`Queue.join`, which
    // waits in an `Event.wait` inside).
    let call = stack.iter().map(|f| f.split_once(':').map_or(f.as_str(), |(name, _)| name)).find(|name| {
        ["Queue.", "Lock.", "Event.", "Condition.", "Semaphore.", "Barrier.", "wait_for", "wait", "to_thread"]
            .iter()
            .any(|p| name.starts_with(p))
    });
    match call {
        Some(name) => format!("{name}()"),
        None => "a future".into(),
    }
}

fn seconds(v: &Value) -> String {
    match v {
        Value::Float(f) => format!("{f:.3}"),
        Value::Int(i) => format!("{i}.000"),
        other => repr_of(other),
    }
}

/// A ready callback: a task's step, or the function it calls.
fn callback_text(cb: &Value) -> String {
    match cb {
        Value::BoundMethod(b) if class_name(&b.receiver).as_deref() == Some("Task") => {
            format!("step {}", str_attr(&b.receiver, "_name"))
        }
        Value::BoundMethod(b) => match &b.func {
            Value::Function(f) => f.qualname.borrow().to_string(),
            other => repr_of(other),
        },
        Value::Function(f) => f.qualname.borrow().to_string(),
        other => repr_of(other),
    }
}

pub(super) fn event_loops(m: &Machine) -> Vec<EventLoopView> {
    let mut out = Vec::new();
    for p in m.procs.iter().filter(|p| p.status.is_none()) {
        let Some(Value::Module(aio)) = p.interp.modules.get("asyncio") else { continue };
        let tasks = aio.globals.borrow().items().find(|(n, _)| &***n == "_all_tasks").map(|(_, v)| v.clone());
        let tasks = list(tasks);
        // Every loop a task belongs to, once, in order of their first task.
        let mut loops: Vec<Value> = Vec::new();
        for t in &tasks {
            if let Some(l) = attr(t, "_loop") {
                if !loops.iter().any(|x| same(x, &l)) {
                    loops.push(l);
                }
            }
        }
        for lp in loops {
            out.push(loop_view(m, p.pid, &lp, &tasks));
        }
    }
    out
}

fn loop_view(m: &Machine, pid: u32, lp: &Value, all: &[Value]) -> EventLoopView {
    let current = attr(lp, "_current_task").filter(|t| !matches!(t, Value::None));
    let ready_handles: Vec<Value> = list(attr(lp, "_ready"))
        .into_iter()
        .filter(|h| !matches!(attr(h, "_cancelled"), Some(Value::Bool(true))))
        .collect();
    let mut timer_handles: Vec<Value> = list(attr(lp, "_scheduled"))
        .into_iter()
        .filter(|h| !matches!(attr(h, "_cancelled"), Some(Value::Bool(true))))
        .collect();
    let when = |h: &Value| match attr(h, "_when") {
        Some(Value::Float(f)) => f,
        Some(Value::Int(i)) => i as f64,
        _ => 0.0,
    };
    timer_handles.sort_by(|a, b| when(a).total_cmp(&when(b)));
    let timer_args: Vec<(Value, String)> = timer_handles
        .iter()
        .map(|h| (attr(h, "_args").unwrap_or(Value::None), attr(h, "_when").map(|w| seconds(&w)).unwrap_or_default()))
        .collect();
    let stepping = |t: &Value| {
        ready_handles.iter().any(|h| match attr(h, "_callback") {
            Some(Value::BoundMethod(b)) => same(&b.receiver, t),
            _ => false,
        })
    };
    let tasks = all
        .iter()
        .filter(|t| attr(t, "_loop").is_some_and(|l| same(&l, lp)))
        .take(MAX_LISTED)
        .map(|t| {
            let (stack, _) = attr(t, "_coro").map(|c| coroutine_chain(&c)).unwrap_or_default();
            let waiter = attr(t, "_fut_waiter").filter(|w| !matches!(w, Value::None));
            let state = str_attr(t, "_state");
            let is_current = current.as_ref().is_some_and(|c| same(c, t));
            let (state, outcome) = match state.as_str() {
                "FINISHED" => match attr(t, "_exception").filter(|e| !matches!(e, Value::None)) {
                    Some(e) => ("failed", Some(format!("raised {}", repr_of(&e)))),
                    None => ("done", attr(t, "_result").map(|r| format!("returned {}", repr_of(&r)))),
                },
                "CANCELLED" => ("cancelled", None),
                _ if is_current => ("running", None),
                _ if stepping(t) => ("ready", None),
                _ => ("waiting", None),
            };
            let awaits = (state == "waiting").then(|| match &waiter {
                Some(w) => awaits_text(w, &stack, &timer_args),
                None => "a future".into(),
            });
            TaskView { name: str_attr(t, "_name"), state: state.into(), awaits, stack, outcome }
        })
        .collect();
    let tid = m
        .threads
        .iter()
        .filter(|t| t.pid == pid && t.state != RunState::Done)
        .find(|t| {
            t.ts.frames.iter().any(|f| {
                &*f.code.name == "run_forever"
                    && f.code
                        .varnames
                        .first()
                        .and_then(|_| f.locals.first().cloned().flatten())
                        .is_some_and(|s| same(&s, lp))
            })
        })
        .map(|t| t.tid);
    EventLoopView {
        pid,
        tid,
        current: current.map(|c| str_attr(&c, "_name")),
        ready: list(attr(lp, "_ready"))
            .iter()
            .take(MAX_LISTED)
            .map(|h| {
                let text = callback_text(&attr(h, "_callback").unwrap_or(Value::None));
                match attr(h, "_cancelled") {
                    Some(Value::Bool(true)) => clip(format!("{text} (cancelled)")),
                    _ => clip(text),
                }
            })
            .collect(),
        timers: timer_handles
            .iter()
            .zip(timer_args)
            .take(MAX_LISTED)
            .map(|(h, (args, when))| {
                // A sleep's timer completes the future a task waits on: name the task.
                let woken = all.iter().find(|t| {
                    let waiter = attr(t, "_fut_waiter").filter(|w| !matches!(w, Value::None));
                    matches!((&args, waiter), (Value::Tuple(a), Some(w)) if a.iter().any(|x| same(x, &w)))
                });
                let what = match woken {
                    Some(t) => format!("wake {}", str_attr(t, "_name")),
                    None => callback_text(&attr(h, "_callback").unwrap_or(Value::None)),
                };
                (when, clip(what))
            })
            .collect(),
        tasks,
    }
}

/// The task whose step a slice of thread `ti` (of process `pi`) runs: with `answer` k, the
/// task of the loop's ready callback k (the one a task choice takes); else the task the loop
/// was running when the thread stopped (a step that blocked the thread). None outside a
/// task's step.
pub(super) fn slice_task(m: &Machine, ti: usize, pi: usize, answer: Option<usize>) -> Option<String> {
    m.procs[pi].interp.modules.get("asyncio")?;
    let lp = m.threads[ti]
        .ts
        .frames
        .iter()
        .rev()
        .find(|f| &*f.code.name == "run_forever")?
        .locals
        .first()
        .cloned()
        .flatten()?;
    let task = match answer {
        Some(k) => match attr(list(attr(&lp, "_ready")).get(k)?, "_callback")? {
            Value::BoundMethod(b) => b.receiver.clone(),
            _ => return None,
        },
        None => attr(&lp, "_current_task")?,
    };
    (class_name(&task).as_deref() == Some("Task")).then(|| str_attr(&task, "_name"))
}
