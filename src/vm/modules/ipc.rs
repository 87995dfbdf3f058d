//! `_concsim.chan_*`: the natives under `multiprocessing.Queue`/`Pipe`. Each one pickles
//! what it sends and asks the kernel (`Request::Chan*`), which owns the channel.
//! Invariant: nothing here keeps channel state; a retry after a wake-up re-runs the whole
//! native call, so pickling happens again and sees the current value.

use super::{arg, float_arg};
use crate::vm::request::Request;
use crate::vm::value::{NativeFn, Value};
use crate::vm::{Flow, Interp, Kwargs};

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("chan_new", chan_new),
    ("chan_put", chan_put),
    ("chan_get", chan_get),
    ("chan_poll", chan_poll),
    ("chan_close", chan_close),
    ("chan_size", chan_size),
    ("chan_task_done", chan_task_done),
    ("chan_join", chan_join),
    ("pickle_check", pickle_check),
];

fn id_arg(it: &Interp, args: &[Value]) -> Result<u32, Flow> {
    match args.first() {
        Some(Value::Int(i)) if *i >= 0 => Ok(*i as u32),
        _ => Err(it.err("TypeError", "channel id expected")),
    }
}

fn timeout_arg(it: &mut Interp, v: Option<&Value>) -> Result<Option<u64>, Flow> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some((float_arg(it, v, "timeout")?.max(0.0) * 1e9) as u64)),
    }
}

fn flag(it: &mut Interp, v: Option<&Value>, default: bool) -> Result<bool, Flow> {
    match v {
        Some(v) => it.truthy(v),
        None => Ok(default),
    }
}

/// `chan_new(maxsize=0, pipe=False)`.
fn chan_new(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let maxsize = match arg(args, kw, 0, "maxsize") {
        Some(Value::Int(n)) if *n > 0 => *n as usize,
        _ => 0,
    };
    let pipe = flag(it, arg(args, kw, 1, "pipe"), false)?;
    Err(Flow::Request(Box::new(Request::ChanNew { maxsize, pipe })))
}

/// `chan_put(id, item, block=True, timeout=None)` → bool.
fn chan_put(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    let item = it.pickle(args.get(1).unwrap_or(&Value::None))?;
    let block = flag(it, arg(args, kw, 2, "block"), true)?;
    let timeout_ns = timeout_arg(it, arg(args, kw, 3, "timeout"))?;
    Err(Flow::Request(Box::new(Request::ChanPut { id, item, block, timeout_ns })))
}

/// `chan_get(id, block=True, timeout=None)` → (ok, item).
fn chan_get(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    let block = flag(it, arg(args, kw, 1, "block"), true)?;
    let timeout_ns = timeout_arg(it, arg(args, kw, 2, "timeout"))?;
    Err(Flow::Request(Box::new(Request::ChanGet { id, block, timeout_ns })))
}

/// `chan_poll(id, timeout=0)` → bool.
fn chan_poll(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    let timeout_ns = match arg(args, kw, 1, "timeout") {
        None => Some(0),
        v => timeout_arg(it, v)?,
    };
    Err(Flow::Request(Box::new(Request::ChanPoll { id, timeout_ns })))
}

fn chan_close(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    Err(Flow::Request(Box::new(Request::ChanClose { id })))
}

fn chan_size(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    Err(Flow::Request(Box::new(Request::ChanSize { id })))
}

fn chan_task_done(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    Err(Flow::Request(Box::new(Request::ChanTaskDone { id })))
}

fn chan_join(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    Err(Flow::Request(Box::new(Request::ChanJoin { id })))
}

/// `pickle_check(obj)`: raises what pickling `obj` would raise (Pool checks its tasks).
fn pickle_check(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let p = it.pickle(args.first().unwrap_or(&Value::None))?;
    it.unpickle(&p)
}
