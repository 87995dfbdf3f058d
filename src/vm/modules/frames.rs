//! The builtins that read the calling thread's frames, which a native cannot see: the
//! evaluation loop answers them (`frame_native`, called by `Interp::call_on_stack`) with the
//! thread's state in hand. They are `globals()`, `locals()`, `vars()` and `dir()` without an
//! argument, `sys._getframe()` and `_concsim.caller_frames()`.
//!
//! Invariant: read-only views of the frames. A module's namespace is shown as the dict
//! `_concsim_ns` keeps for it (refreshed at each `globals()`, its writes reaching the module);
//! a function's `locals()` is a new dict of its variables, as CPython 3.11's is a snapshot.
//! Called some other way (`map(globals, ...)`), they raise a concsim error, never answer
//! for the wrong frame.

use crate::lang::bytecode::CodeKind;
use crate::vm::frame::{Frame, ThreadState};
use crate::vm::value::{NativeFn, Value};
use crate::vm::{Dict, Flow, Interp, Kwargs};
use std::rc::Rc;

/// A native the evaluation loop answers with the thread's frames.
pub type FrameFn = fn(&mut Interp, &ThreadState, &[Value]) -> Result<Value, Flow>;

/// The loop's answer for native `f` called with `nargs` positional arguments, if it is one
/// of those that read frames.
pub fn frame_native(f: NativeFn, nargs: usize) -> Option<FrameFn> {
    let is = |g: NativeFn| f as usize == g as usize;
    if is(super::thread::caller_frames) {
        Some(|_, ts, _| Ok(caller_frames(ts)))
    } else if is(globals) {
        Some(globals_of)
    } else if is(locals) {
        Some(locals_of)
    } else if is(super::system::getframe) {
        Some(getframe_of)
    } else if nargs == 0 && is(crate::vm::builtins::VARS) {
        Some(locals_of)
    } else if nargs == 0 && is(crate::vm::builtins::DIR) {
        Some(dir_of)
    } else {
        None
    }
}

/// `globals()` reached by a call the loop does not answer.
pub fn globals(it: &mut Interp, _args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    Err(it.err("TypeError", "concsim supports globals() only when called directly"))
}

/// `locals()` reached by a call the loop does not answer.
pub fn locals(it: &mut Interp, _args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    Err(it.err("TypeError", "concsim supports locals() only when called directly"))
}

fn no_args(it: &Interp, name: &str, args: &[Value]) -> Result<(), Flow> {
    if args.is_empty() {
        return Ok(());
    }
    Err(it.err("TypeError", format!("{name}() takes no arguments ({} given)", args.len())))
}

fn top(it: &Interp, ts: &ThreadState) -> Result<usize, Flow> {
    match ts.frames.len() {
        0 => Err(it.err("SystemError", "concsim: no frame")),
        n => Ok(n - 1),
    }
}

/// The dict standing for a module's namespace (`_concsim_ns._globals`).
fn module_dict(it: &mut Interp, module: &Rc<crate::vm::value::Module>) -> Result<Value, Flow> {
    let ns = it.import_nested("_concsim_ns")?;
    let f = it.get_attr(&ns, "_globals")?;
    it.call(&f, vec![Value::Module(module.clone())])
}

fn globals_of(it: &mut Interp, ts: &ThreadState, args: &[Value]) -> Result<Value, Flow> {
    no_args(it, "globals", args)?;
    let fi = top(it, ts)?;
    module_dict(it, &ts.frames[fi].globals.clone())
}

/// A frame's local variables: a class body's namespace itself, a module's namespace, or a
/// function's variables (parameters and locals in order, then cells, then free variables)
/// as a new dict; None for a module frame.
fn frame_locals(frame: &Frame) -> Option<Value> {
    if let Some(ns) = &frame.ns {
        return Some(Value::Dict(ns.clone()));
    }
    if frame.code.kind == CodeKind::Module {
        return None;
    }
    let c = &frame.code;
    let mut d = Dict::new();
    for (name, v) in c.varnames.iter().zip(frame.locals.iter()) {
        if let Some(v) = v {
            d.set_str(name, v.clone());
        }
    }
    for (name, cell) in c.cellvars.iter().chain(c.freevars.iter()).zip(frame.cells.iter()) {
        if let Some(v) = &*cell.borrow() {
            d.set_str(name, v.clone());
        }
    }
    Some(Value::dict(d))
}

fn locals_of(it: &mut Interp, ts: &ThreadState, args: &[Value]) -> Result<Value, Flow> {
    if !args.is_empty() {
        // `vars(x)` never comes here (nargs == 0); `locals(x)`:
        return Err(it.err("TypeError", format!("locals() takes no arguments ({} given)", args.len())));
    }
    let fi = top(it, ts)?;
    match frame_locals(&ts.frames[fi]) {
        Some(d) => Ok(d),
        None => module_dict(it, &ts.frames[fi].globals.clone()),
    }
}

/// `dir()`: the sorted names of the caller's local scope.
fn dir_of(it: &mut Interp, ts: &ThreadState, args: &[Value]) -> Result<Value, Flow> {
    let d = locals_of(it, ts, args)?;
    let names: Vec<Value> = it.collect(&d)?;
    Ok(Value::list(crate::vm::builtins::sort_values(it, names, None, false)?))
}

/// `sys._getframe(depth=0)`: the frame `depth` calls out from the caller, as a
/// `_concsim_ns.frame` whose `f_back` chain is built at once.
fn getframe_of(it: &mut Interp, ts: &ThreadState, args: &[Value]) -> Result<Value, Flow> {
    if args.len() > 1 {
        return Err(it.err("TypeError", format!("_getframe expected at most 1 argument, got {}", args.len())));
    }
    let depth = match args.first() {
        Some(v) => crate::vm::ops::index_arg(it, v)?,
        None => 0,
    };
    let n = ts.frames.len() as i64;
    if depth < 0 || depth >= n {
        if depth < 0 {
            // CPython clamps a negative depth to the caller's own frame.
            return getframe_of(it, ts, &[]);
        }
        return Err(it.err("ValueError", "call stack is not deep enough"));
    }
    let upto = (n - depth) as usize;
    let items = ts.frames[..upto]
        .iter()
        .map(|f| {
            let line = f.code.line_at(f.pc.saturating_sub(1));
            Value::tuple(vec![
                Value::Code(f.code.clone()),
                Value::Int(line as i64),
                Value::Module(f.globals.clone()),
                frame_locals(f).unwrap_or(Value::None),
            ])
        })
        .collect();
    let ns = it.import_nested("_concsim_ns")?;
    let f = it.get_attr(&ns, "_frames")?;
    it.call(&f, vec![Value::list(items)])
}

/// `_concsim.caller_frames()`: `(filename, line, function)` of each frame of the thread,
/// innermost first (logging's `findCaller` skips its own `<frozen logging>` frames).
fn caller_frames(ts: &ThreadState) -> Value {
    let items = ts
        .frames
        .iter()
        .rev()
        .map(|f| {
            let line = f.code.line_at(f.pc.saturating_sub(1));
            Value::tuple(vec![
                Value::Str(f.code.filename.clone()),
                Value::Int(line as i64),
                Value::Str(f.code.name.clone()),
            ])
        })
        .collect();
    Value::list(items)
}
