//! `_thread` (alias `_concsim`): locks, thread-locals and the kernel calls the Python
//! prelude (`threading`, `multiprocessing`) is built on. Invariant: an uncontended lock
//! operation never involves the kernel; a contended acquire suspends with
//! `Request::Block` and is retried when a release wakes the waiters, so who gets the lock is
//! decided by the scheduler, as with CPython's non-fair locks.

use super::{arg, float_arg, int_arg};
use crate::vm::native::NativeData;
use crate::vm::request::{Request, WaitOn};
use crate::vm::value::{Module, NativeFn, NativeObj, Value};
use crate::vm::{Flow, Interp, Kwargs};
use std::collections::VecDeque;
use std::rc::Rc;

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("allocate_lock", allocate_lock),
    ("get_ident", get_ident),
    ("get_native_id", get_native_id),
    ("start_thread", start_thread),
    ("join_thread", join_thread),
    ("current_tid", current_tid),
    ("task_choices", task_choices),
    ("choose_task", choose_task),
    ("format_exception", format_exception),
    ("caller_frames", caller_frames),
    ("exc_copy_meta", crate::vm::exc::exc_copy_meta),
    ("exc_same_meta", crate::vm::exc::exc_same_meta),
    ("coro_info", crate::vm::generator::coro_info),
    ("yield_once", crate::vm::generator::yield_once),
    ("imported", imported),
    ("atexit_register", atexit_register),
    ("ident_of", ident_of_fn),
    ("forked_from", forked_from),
    ("register_shutdown", register_shutdown),
    ("wait_child", wait_child),
];

pub const LOCK_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", allocate_lock),
    ("acquire", acquire),
    ("acquire_lock", acquire),
    ("release", release),
    ("release_lock", release),
    ("locked", locked),
    ("__enter__", acquire),
    ("__exit__", exit),
];

pub const RLOCK_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", allocate_rlock),
    ("acquire", acquire),
    ("release", release),
    ("_is_owned", is_owned),
    ("_release_save", release_save),
    ("_acquire_restore", acquire_restore),
    ("__enter__", acquire),
    ("__exit__", exit),
];

pub const LOCAL_METHODS: &[(&str, NativeFn)] = &[("__new__", new_local)];

pub fn init(it: &mut Interp, m: &Module) {
    for (name, key) in [("LockType", "lock"), ("lock", "lock"), ("RLock", "RLock"), ("_local", "_local")] {
        if let Some(c) = it.types.natives.get(key) {
            m.set(name, Value::Class(c.clone()));
        }
    }
    if let Some(c) = it.types.natives.get("_local") {
        // `class C(threading.local)` is allowed (see `Interp::instantiate`).
        c.dict.borrow_mut().set_str("__subclassable__", Value::Bool(true));
    }
    m.set("TIMEOUT_MAX", Value::Float(9223372036.0));
}

/// The `threading.get_ident()` of a thread: deterministic, shaped like CPython's.
pub fn ident_of(tid: u32) -> u64 {
    139_637_976_727_552 + u64::from(tid) * 8_392_704
}

fn new_lock(it: &mut Interp, reentrant: bool) -> Value {
    let cls = it.types.natives[if reentrant { "RLock" } else { "lock" }].clone();
    let serial = it.next_serial();
    Value::Native(NativeObj::new(
        cls,
        serial,
        NativeData::Lock { owner: None, count: 0, reentrant, waiters: VecDeque::new() },
    ))
}

fn allocate_lock(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(new_lock(it, false))
}

fn allocate_rlock(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(new_lock(it, true))
}

fn new_local(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let cls = it.types.natives["_local"].clone();
    let serial = it.next_serial();
    Ok(Value::Native(NativeObj::new(cls, serial, NativeData::Local { per_thread: Vec::new(), init: None })))
}

fn native<'a>(it: &Interp, v: &'a Value) -> Result<&'a Rc<NativeObj>, Flow> {
    match v {
        Value::Native(n) => Ok(n),
        other => Err(it.err(
            "TypeError",
            format!("descriptor requires a '_thread.lock' object but received a '{}'", other.type_name()),
        )),
    }
}

fn acquire(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let n = native(it, &args[0])?.clone();
    let blocking = match arg(args, kw, 1, "blocking") {
        Some(v) => it.truthy(v)?,
        None => true,
    };
    let timeout = match arg(args, kw, 2, "timeout") {
        Some(v) => float_arg(it, v, "timeout")?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(it.err("ValueError", "can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(it.err("ValueError", "timeout value must be a non-negative number"));
    }
    let me = it.tid;
    let mut d = n.data.borrow_mut();
    let NativeData::Lock { owner, count, reentrant, waiters } = &mut *d else {
        return Err(it.err("TypeError", "not a lock"));
    };
    match owner {
        None => {
            *owner = Some(me);
            *count = 1;
            Ok(Value::Bool(true))
        }
        Some(o) if *o == me && *reentrant => {
            *count += 1;
            Ok(Value::Bool(true))
        }
        Some(o) => {
            if !blocking {
                return Ok(Value::Bool(false));
            }
            let holder = *o;
            if !waiters.contains(&me) {
                waiters.push_back(me);
            }
            let timeout_ns = if timeout >= 0.0 { Some((timeout * 1e9) as u64) } else { None };
            Err(Flow::Request(Box::new(Request::Block {
                on: WaitOn::Lock { serial: n.serial, owner: Some(holder) },
                timeout_ns,
            })))
        }
    }
}

fn release(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let n = native(it, &args[0])?.clone();
    let me = it.tid;
    let mut d = n.data.borrow_mut();
    let NativeData::Lock { owner, count, reentrant, waiters } = &mut *d else {
        return Err(it.err("TypeError", "not a lock"));
    };
    if *reentrant {
        if *owner != Some(me) {
            return Err(it.err("RuntimeError", "cannot release un-acquired lock"));
        }
        *count -= 1;
        if *count > 0 {
            return Ok(Value::None);
        }
    } else if owner.is_none() {
        return Err(it.err("RuntimeError", "release unlocked lock"));
    }
    *owner = None;
    *count = 0;
    // Every waiter retries; the scheduler decides who wins (CPython locks are not fair).
    it.wakeups.extend(waiters.drain(..));
    Ok(Value::None)
}

fn exit(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    release(it, &args[..1], kw)?;
    Ok(Value::Bool(false))
}

fn locked(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let n = native(it, &args[0])?;
    let d = n.data.borrow();
    Ok(Value::Bool(matches!(&*d, NativeData::Lock { owner: Some(_), .. })))
}

fn is_owned(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let n = native(it, &args[0])?;
    let d = n.data.borrow();
    Ok(Value::Bool(matches!(&*d, NativeData::Lock { owner: Some(o), .. } if *o == it.tid)))
}

/// `RLock._release_save()`: releases an RLock completely, returning its recursion count.
fn release_save(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let n = native(it, &args[0])?.clone();
    let mut d = n.data.borrow_mut();
    let NativeData::Lock { owner, count, waiters, .. } = &mut *d else {
        return Err(it.err("TypeError", "not a lock"));
    };
    if owner.is_none() {
        return Err(it.err("RuntimeError", "cannot release un-acquired lock"));
    }
    let saved = *count;
    *owner = None;
    *count = 0;
    it.wakeups.extend(waiters.drain(..));
    Ok(Value::Int(i64::from(saved)))
}

/// `RLock._acquire_restore(count)`: blocks until acquired, then restores the count.
fn acquire_restore(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let saved = match args.get(1) {
        Some(Value::Int(c)) => (*c).max(1) as u32,
        _ => 1,
    };
    acquire(it, &args[..1], kw)?;
    let n = native(it, &args[0])?.clone();
    if let NativeData::Lock { count, .. } = &mut *n.data.borrow_mut() {
        *count = saved;
    }
    Ok(Value::None)
}

fn get_ident(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Int(ident_of(it.tid) as i64))
}

fn get_native_id(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Int(it.pid as i64 + it.tid as i64))
}

fn ident_of_fn(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    match args.first() {
        Some(Value::Int(t)) => Ok(Value::Int(ident_of(*t as u32) as i64)),
        _ => Err(it.err("TypeError", "ident_of(tid)")),
    }
}

fn current_tid(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Int(it.tid as i64))
}

/// `task_choices()`: whether the machine chooses which ready callback an event loop runs next
/// (explore and its replays, the page); asyncio's loop asks it once, so that a plain run pays
/// nothing.
fn task_choices(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Bool(it.task_choices != crate::vm::TaskChoices::Off))
}

/// `choose_task(n)`: the index of the ready callback to run among `n` (0 is CPython's FIFO
/// order); the machine decides, as it decides which thread runs (`Request::ChooseTask`).
fn choose_task(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let n = int_arg(it, arg(args, kw, 0, "n").unwrap_or(&Value::Int(0)), "choose_task")?;
    use crate::vm::TaskChoices;
    if it.task_choices == TaskChoices::Off || (n <= 1 && it.task_choices == TaskChoices::Several) || n < 1 {
        return Ok(Value::Int(0));
    }
    let n = n.min(i64::from(crate::vm::request::MAX_TASK_CHOICES)) as u32;
    Err(Flow::Request(Box::new(Request::ChooseTask { n })))
}

/// `start_thread(func, name, daemon, keep_gil=False)`: the new thread runs `func()`;
/// returns its tid. `keep_gil`: the caller goes on first (see `Request::StartThread`).
fn start_thread(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let func = arg(args, kw, 0, "func").cloned().unwrap_or(Value::None);
    let name = match arg(args, kw, 1, "name") {
        Some(v) => it.str_of(v)?.to_string(),
        None => String::new(),
    };
    let daemon = match arg(args, kw, 2, "daemon") {
        Some(v) => it.truthy(v)?,
        None => false,
    };
    let keep_gil = match arg(args, kw, 3, "keep_gil") {
        Some(v) => it.truthy(v)?,
        None => false,
    };
    Err(Flow::Request(Box::new(Request::StartThread { func, name, daemon, keep_gil })))
}

/// `join_thread(tid, timeout=None)`: waits for the thread to end.
fn join_thread(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let tid = match arg(args, kw, 0, "tid") {
        Some(Value::Int(t)) => *t as u32,
        _ => return Err(it.err("TypeError", "join_thread(tid)")),
    };
    let timeout_ns = match arg(args, kw, 1, "timeout") {
        None | Some(Value::None) => None,
        Some(v) => Some((float_arg(it, v, "timeout")?.max(0.0) * 1e9) as u64),
    };
    Err(Flow::Request(Box::new(Request::Block { on: WaitOn::Thread { tid }, timeout_ns })))
}

fn format_exception(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let exc = args.first().cloned().unwrap_or(Value::None);
    let s = it.format_exception(&exc);
    Ok(Value::str(&s))
}

fn atexit_register(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    if let Some(f) = args.first() {
        it.atexit.push(f.clone());
    }
    Ok(args.first().cloned().unwrap_or(Value::None))
}

fn forked_from(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Int(it.forked_from as i64))
}

fn register_shutdown(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    if let Some(f) = args.first() {
        it.shutdown_hooks.push(f.clone());
    }
    Ok(Value::None)
}

/// `wait_child(pid, timeout)`: the raw wait status, or None if the child is still running
/// when the timeout expires.
fn wait_child(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let pid = match arg(args, kw, 0, "pid") {
        Some(Value::Int(p)) => *p,
        _ => return Err(it.err("TypeError", "wait_child(pid, timeout)")),
    };
    let timeout = match arg(args, kw, 1, "timeout") {
        Some(v) => float_arg(it, v, "timeout")?.max(0.0),
        None => 0.0,
    };
    Err(Flow::Request(Box::new(Request::WaitPid { pid, nohang: false, timeout_ns: Some((timeout * 1e9) as u64) })))
}

/// `caller_frames()`: answered by the evaluation loop, which sees the thread's frames
/// (`interp::caller_frames`); a call that reaches here (through `invoke`) gets no frames.
pub fn caller_frames(_it: &mut Interp, _args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::list(Vec::new()))
}

/// `imported(name)`: the module if it has been imported in this process, else None (what
/// `sys.modules.get(name)` answers in CPython; logging asks it for multiprocessing).
fn imported(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let name = match args.first() {
        Some(Value::Str(s)) => s.clone(),
        _ => return Ok(Value::None),
    };
    Ok(it.modules.get(&*name).cloned().unwrap_or(Value::None))
}
