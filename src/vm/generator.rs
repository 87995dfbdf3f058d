//! Generators: the object a call of a generator function returns (`yield` in its body, or a
//! generator expression), and resuming it — `next()`, `for`, `send`, `throw`, `close` and
//! `yield from` — in CPython's design (PEP 255, 342, 380, 479).
//!
//! Invariant: a generator's frame is either parked in its `GenState` (its operand stack
//! saved beside it, its blocks' stack levels relative to its base) or on exactly one thread's frame stack, marked `OnReturn::Gen`; never
//! both, and `running` says which. The evaluation loop resumes a generator by pushing its
//! frame on the running thread, so a generator's body may block like any function's body;
//! natives that iterate one (`max(g)`, `dict(g)`, `"".join(g)`) run it nested, where it may
//! not block (`call_nested`'s rule). `sum(g)`, `list(g)` and `tuple(g)` push its frame in a
//! gathering mode instead: each yield is consumed where it happens and the frame runs on,
//! so those calls cost no park and resume per item (the frame stays on the thread until the
//! generator returns, or until an item `sum` cannot add natively parks it).
//!
//! Left out: closing a suspended generator when it is dropped (CPython runs its `finally`
//! blocks from the garbage collector; here they never run), `gi_frame`, `gi_code`.

use super::frame::{Frame, OnReturn, ThreadState};
use super::native::NativeData;
use super::value::{NativeObj, Value};
use super::{Flow, Interp, Kwargs};
use crate::lang::bytecode::Instr;
use std::rc::Rc;

pub struct GenState {
    /// None once the generator has finished (or while it runs).
    /// Unboxed (the state itself is boxed in `NativeData`): a resume moves it, allocates
    /// nothing.
    pub frame: Option<Frame>,
    /// The frame's operand stack above its base while it is parked.
    pub stack: Vec<Value>,
    /// The exception the generator's body was handling when it yielded (`sys.exc_info()`
    /// inside it), swapped with the caller's on every resumption, as CPython does.
    pub exc: Option<Value>,
    /// An `async def`'s coroutine (awaited, never iterated).
    pub coroutine: bool,
    /// An async generator (`vm::async_gen`): driven only through its awaitables.
    pub async_gen: bool,
    /// An async generator with an `asend`/`athrow` awaitable in progress (CPython's
    /// `ag_running_async`): a second one is a RuntimeError.
    pub running_async: bool,

    pub started: bool,
    pub running: bool,
    pub finished: bool,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    /// The function's code, kept after the frame is gone (a finished task's repr names it).
    pub code: Rc<crate::lang::bytecode::Code>,
}

impl Drop for GenState {
    /// A coroutine that never ran is going away: CPython's "never awaited" warning.
    fn drop(&mut self) {
        if self.coroutine && !self.started && !self.finished && self.frame.is_some() {
            super::unawaited::note_unawaited(&self.qualname);
        }
    }
}

/// What the resumer does with the generator's next yield or return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenMode {
    /// `next(g)`, `g.send(v)`, `g.throw(e)`: a yield is the call's result; a return raises
    /// StopIteration(value) in the caller (or gives `next`'s default).
    Call,
    /// A `for` loop's `ForIter`: a yield is the next item; a return ends the loop.
    ForIter,
    /// `yield from` in the caller (itself a generator): a yield passes through the caller's
    /// `YieldValue`; a return is the value of the `yield from` expression.
    Delegate,
    /// `g.close()`: GeneratorExit was thrown in; a yield is a RuntimeError, a return or
    /// GeneratorExit make close() return None.
    Close,
    /// An async generator driven by an `__anext__()`/`asend()`/`athrow()` awaitable: its
    /// `yield` ends the awaiting `yield from` with the value, its `await`s' yields pass
    /// through it; its return raises StopAsyncIteration.
    ASend,
    /// Driven by `aclose()`: its `yield` is a RuntimeError; a return, GeneratorExit or
    /// StopAsyncIteration end the await with None.
    AClose,
    /// `sum(g)` (`sum(g, start)`): each numeric yield is added to the running total (kept in
    /// `GenResume::default`) and the frame runs on without parking, as CPython's C `sum`
    /// takes item after item; a return gives the total to the caller. An item that is not
    /// a number parks the generator and the rest of the sum runs in Python
    /// (`_concsim_iter.sum_rest`), so a user `__add__` runs as a frame.
    Sum,
    /// `list(g)` / `tuple(g)`: each yield is appended to the list kept in
    /// `GenResume::default`, the frame running on; a return gives the list (or tuple).
    List,
    Tuple,
}

impl GenMode {
    /// A mode in which the generator's plain yields are consumed in place by its resumer
    /// (the frame never parks between items).
    pub fn gathers(self) -> bool {
        matches!(self, GenMode::Sum | GenMode::List | GenMode::Tuple)
    }
}

/// Kept in a running generator frame's `OnReturn::Gen`.
pub struct GenResume {
    pub gen: Rc<NativeObj>,
    pub mode: GenMode,
    /// The caller's `sys.exc_info()`, restored when the generator yields, returns or raises.
    pub caller_exc: Option<Value>,
    /// `next(g, default)`: given back instead of raising StopIteration. In the gathering
    /// modes (`Sum`, `List`, `Tuple`): the running total, or the list of items so far.
    pub default: Option<Value>,
    /// The async generator awaitable driving it (`ASend`/`AClose`), finished with the run.
    pub op: Option<Rc<NativeObj>>,
}

/// How a generator is resumed.
pub enum Resumption {
    Send(Value),
    Throw(Value),
    Close,
}

/// The resumer's next move.
pub enum Resumed {
    /// The generator's frame is on the thread: run it. `Some(exc)`: raise exc in it first.
    Pushed(Option<Value>),
    /// The generator had already finished (or closing one never started): nothing to run.
    Exhausted,
}

/// The generator object inside a value, if it is one.
pub fn generator_of(v: &Value) -> Option<&Rc<NativeObj>> {
    generator_like(v).filter(|g| !is_async_gen_obj(g))
}

/// Any frame-backed object: generator, coroutine or async generator.
pub(super) fn generator_like(v: &Value) -> Option<&Rc<NativeObj>> {
    match v {
        Value::Native(n) if matches!(&*n.data.borrow(), NativeData::Generator(_)) => Some(n),
        _ => None,
    }
}

fn is_async_gen_obj(g: &NativeObj) -> bool {
    with_state(g, |g| g.async_gen).unwrap_or(false)
}

pub(super) fn with_state<R>(gen: &NativeObj, f: impl FnOnce(&mut GenState) -> R) -> Option<R> {
    match &mut *gen.data.borrow_mut() {
        NativeData::Generator(g) => Some(f(g)),
        _ => None,
    }
}

impl Interp {
    /// A generator function was called: its frame, bound to the arguments, starts parked.
    pub(super) fn new_generator(&mut self, frame: Frame) -> Value {
        let coroutine = frame.code.is_coroutine();
        let async_gen = frame.code.is_async_generator();
        let kind = if async_gen {
            "async_generator"
        } else if coroutine {
            "coroutine"
        } else {
            "generator"
        };
        let class = self.types.natives[kind].clone();
        let (name, qualname, code) = (frame.code.name.clone(), frame.code.qualname.clone(), frame.code.clone());
        // Serial 0: a generator is never named in traces, and numbering it would shift the
        // serials of the locks created after it.
        Value::Native(NativeObj::new(
            class,
            0,
            NativeData::Generator(Box::new(GenState {
                frame: Some(frame),
                stack: Vec::new(),
                exc: None,
                coroutine,
                async_gen,
                running_async: false,
                started: false,
                running: false,
                finished: false,
                name,
                qualname,
                code,
            })),
        ))
    }

    /// Pushes `gen`'s frame on `ts` to resume it. A `throw`/`close` into a generator
    /// suspended in `yield from` goes to the sub-generator first (its frame pushed above),
    /// as CPython's `gen_throw` does.
    pub(super) fn resume_generator(
        &mut self,
        ts: &mut ThreadState,
        gen: &Rc<NativeObj>,
        how: Resumption,
        mode: GenMode,
        default: Option<Value>,
    ) -> Result<Resumed, Flow> {
        self.resume_frame(ts, gen, how, mode, default, None)
    }

    /// `resume_generator`, for an async generator driven by the awaitable `op`.
    pub(super) fn resume_frame(
        &mut self,
        ts: &mut ThreadState,
        gen: &Rc<NativeObj>,
        how: Resumption,
        mode: GenMode,
        default: Option<Value>,
        op: Option<Rc<NativeObj>>,
    ) -> Result<Resumed, Flow> {
        if ts.frames.len() >= crate::limits::RECURSION_LIMIT {
            return Err(self.err("RecursionError", "maximum recursion depth exceeded"));
        }
        let Some((running, started, finished)) = with_state(gen, |g| (g.running, g.started, g.finished)) else {
            return Err(self.err("TypeError", "not a generator"));
        };
        if running {
            return Err(self.err("ValueError", "generator already executing"));
        }
        if finished || (!started && matches!(how, Resumption::Close)) {
            with_state(gen, |g| {
                g.finished = true;
                g.frame = None;
                g.stack.clear();
            });
            return match how {
                Resumption::Throw(exc) => Err(Flow::Raise(exc)),
                _ => Ok(Resumed::Exhausted),
            };
        }
        if let Resumption::Send(v) = &how {
            if !started && !v.is_none() {
                return Err(self.err("TypeError", "can't send non-None value to a just-started generator"));
            }
        }
        let base = ts.stack.len();
        let (stack, frames) = (&mut ts.stack, &mut ts.frames);
        // The frame moves straight from the generator to the thread's frames (a frame is
        // a couple of hundred bytes, and this runs at every resumption).
        let gen_exc = with_state(gen, |g| {
            g.running = true;
            g.started = true;
            // Moved, not taken: the parked stack keeps its buffer for the next park.
            stack.append(&mut g.stack);
            frames.push(g.frame.take().expect("a suspended generator has its frame"));
            g.exc.take()
        })
        .expect("checked above");
        // A generator handling no exception of its own sees its caller's (CPython walks the
        // chain of exception states): an exception raised in it gets that as its context.
        let caller_exc = ts.exc.clone();
        if gen_exc.is_some() {
            ts.exc = gen_exc;
        }
        let frame = ts.frames.last_mut().expect("pushed above");
        // Blocks record absolute stack depths: parked ones are relative to the frame's base.
        frame.base = base;
        for b in frame.blocks.iter_mut() {
            b.level += frame.base as u32;
        }
        frame.on_return = OnReturn::Gen(GenResume { gen: gen.clone(), mode, caller_exc, default, op });
        let throw = match how {
            Resumption::Send(v) => {
                if started {
                    ts.stack.push(v);
                }
                None
            }
            Resumption::Throw(exc) => Some(exc),
            Resumption::Close => Some(match self.err("GeneratorExit", "") {
                Flow::Raise(e) => e,
                Flow::Request(_) => unreachable!("err builds an exception"),
            }),
        };
        let Some(exc) = throw else {
            return Ok(Resumed::Pushed(None));
        };
        // Suspended in `yield from` (`YieldFrom; YieldValue` just before pc, the
        // sub-iterator on top of the saved stack): back up to the `YieldValue`, so what the
        // sub-generator yields next passes through it, then throw into the sub-generator.
        let frame = ts.frames.last_mut().expect("pushed above");
        let delegating = frame.pc >= 2
            && matches!(frame.code.instrs[frame.pc - 1], Instr::YieldValue)
            && matches!(frame.code.instrs[frame.pc - 2], Instr::YieldFrom(_));
        if delegating {
            frame.pc -= 1;
        }
        let sub = if delegating { ts.stack.last().cloned() } else { None };
        let sub_gen = sub.as_ref().and_then(generator_of).cloned();
        let sub_op = sub.as_ref().and_then(super::async_gen::op_of).cloned();
        if let Some(op) = sub_op {
            // Awaiting an async generator's `__anext__()`: the throw goes into it.
            return match self.drive_op(ts, &op, Resumption::Throw(exc.clone())) {
                Ok(Resumed::Pushed(t)) => Ok(Resumed::Pushed(t)),
                // aclose() of a finished generator: the await is over, with None.
                Ok(Resumed::Exhausted) => {
                    self.await_completed(ts, Value::None)?;
                    Ok(Resumed::Pushed(None))
                }
                Err(Flow::Raise(e)) => Ok(Resumed::Pushed(Some(e))),
                Err(e) => Err(e),
            };
        }
        match sub_gen {
            Some(sub) => {
                let again =
                    if is_generator_exit(&exc, self) { Resumption::Close } else { Resumption::Throw(exc.clone()) };
                match self.resume_generator(ts, &sub, again, GenMode::Delegate, None) {
                    Ok(Resumed::Pushed(t)) => Ok(Resumed::Pushed(t)),
                    // A finished sub-generator: the exception lands in this one.
                    Ok(Resumed::Exhausted) => Ok(Resumed::Pushed(Some(exc))),
                    Err(Flow::Raise(e)) => Ok(Resumed::Pushed(Some(e))),
                    Err(e) => Err(e),
                }
            }
            None => Ok(Resumed::Pushed(Some(exc))),
        }
    }

    /// A generator frame yielded `v`: parks it and hands `v` to the resumer. Returns
    /// `Err` for a close() that the generator ignored (raised in the caller).
    /// `wrapped`: an async generator's own `yield` (`YieldAsync`), which ends the awaitable
    /// driving it: returns Ok(true) when the resumer must complete its `yield from` with
    /// the value (`await_completed`) instead of passing it up.
    pub(super) fn park_generator(
        &mut self,
        ts: &mut ThreadState,
        mut frame: Frame,
        pc: usize,
        wrapped: bool,
    ) -> Result<bool, Flow> {
        frame.pc = pc;
        let base = frame.base;
        for b in frame.blocks.iter_mut() {
            b.level -= frame.base as u32;
        }
        let OnReturn::Gen(resume) = std::mem::replace(&mut frame.on_return, OnReturn::Discard) else {
            ts.stack.truncate(base);
            return Err(self.err("SystemError", "concsim: yield outside a generator's frame"));
        };
        let GenResume { gen, mode, caller_exc, op, .. } = resume;
        let own_exc = std::mem::replace(&mut ts.exc, caller_exc.clone())
            .filter(|e| !caller_exc.as_ref().is_some_and(|c| c.is(e)));
        let stack = &mut ts.stack;
        with_state(&gen, |g| {
            g.frame = Some(frame);
            g.stack.extend(stack.drain(base..));
            g.exc = own_exc;
            g.running = false;
        });
        if !wrapped {
            if mode == GenMode::Close {
                return Err(self.err("RuntimeError", "generator ignored GeneratorExit"));
            }
            return Ok(false);
        }
        super::async_gen::op_finished(&gen, op.as_ref());
        match mode {
            GenMode::ASend => Ok(true),
            GenMode::AClose => Err(self.err("RuntimeError", "async generator ignored GeneratorExit")),
            _ => Err(self.err("SystemError", "concsim: async generator resumed without an awaitable")),
        }
    }

    /// A yield of a generator in a gathering mode (`GenMode::gathers`): adds `v` to the
    /// total or the list kept in `resume`. None when taken; `Some(v)` (given back) when `sum`
    /// meets an item or a total that is not a number, which needs Python's `+`.
    pub(super) fn gather_item(&mut self, resume: &mut GenResume, v: Value) -> Option<Value> {
        let number = |v: &Value| matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_));
        match (resume.mode, &mut resume.default) {
            (GenMode::List | GenMode::Tuple, Some(Value::List(items))) => {
                items.borrow_mut().push(v);
                None
            }
            (GenMode::Sum, Some(total)) => {
                // A total past i64 grows in place (the frame holds its only reference), as
                // CPython's sum adds to its int object: no new big int per item.
                if let (Value::BigInt(a), Value::Int(b)) = (&mut *total, &v) {
                    if let Some(m) = Rc::get_mut(a) {
                        *m += *b;
                        if let Some(i) = num_traits::ToPrimitive::to_i64(&*m) {
                            *total = Value::Int(i);
                        }
                        return None;
                    }
                }
                let sum = match (&*total, &v) {
                    (Value::Int(a), Value::Int(b)) if a.checked_add(*b).is_some() => Value::Int(a + b),
                    (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
                    (Value::Float(a), Value::Int(b)) => Value::Float(a + *b as f64),
                    (a, b) if number(a) && number(b) => {
                        match super::ops::binary_full(self, crate::lang::bytecode::BinOp::Add, a, b) {
                            Ok(s) => s,
                            Err(_) => return Some(v),
                        }
                    }
                    _ => return Some(v),
                };
                *total = sum;
                None
            }
            _ => Some(v),
        }
    }

    /// `sum(g)` met an item `v` it cannot add natively (yielded at `pc` by the generator
    /// frame on top): parks the generator at that yield and calls
    /// `_concsim_iter.sum_rest(g, total, v)` as a frame in the caller, which adds the rest
    /// with Python's `+` (a user `__add__` runs as a frame, so it may block).
    #[cold]
    #[inline(never)]
    pub(super) fn sum_in_python(&mut self, ts: &mut ThreadState, pc: usize, v: Value) -> Result<(), Flow> {
        let Some(mut frame) = ts.frames.pop() else { return Ok(()) };
        let (gen, total) = match &mut frame.on_return {
            OnReturn::Gen(r) => (Value::Native(r.gen.clone()), r.default.take().unwrap_or(Value::Int(0))),
            _ => return Err(self.err("SystemError", "concsim: sum over a lost generator")),
        };
        self.park_generator(ts, frame, pc, false)?;
        match self.concsim_helper("sum_rest") {
            Some(Value::Function(f)) => self.push_python_call(ts, &f, vec![gen, total, v], OnReturn::Push),
            _ => Err(self.err("SystemError", "concsim: no sum_rest helper")),
        }
    }

    /// Ends the `yield from` (an `await`) of the frame on top with `v`, as a delegated
    /// generator's return does; a nested run (no frame left) gets `v` on the stack.
    pub(super) fn await_completed(&mut self, ts: &mut ThreadState, v: Value) -> Result<(), Flow> {
        let Some(caller) = ts.frames.last_mut() else {
            ts.stack.push(v);
            return Ok(());
        };
        if let Some(Instr::YieldFrom(t)) = caller.code.instrs.get(caller.pc.wrapping_sub(1)).copied() {
            ts.stack.pop();
            ts.stack.push(v);
            caller.pc = t as usize;
            return Ok(());
        }
        Err(self.err("SystemError", "concsim: generator resumed by a lost yield from"))
    }

    /// A generator frame is gone (returned or raised): the generator is finished.
    pub(super) fn retire_generator(&mut self, ts: &mut ThreadState, resume: &mut GenResume) {
        ts.exc = resume.caller_exc.take();
        with_state(&resume.gen, |g| {
            g.running = false;
            g.finished = true;
            g.frame = None;
            g.stack.clear();
        });
    }

    /// A generator returned `v` (its frame already popped and its stack cut): what its
    /// resumer gets. `Ok(Some(v))` when the thread's outermost frame was the generator's
    /// (a nested run).
    pub(super) fn generator_returned(
        &mut self,
        ts: &mut ThreadState,
        mut resume: GenResume,
        v: Value,
    ) -> Result<Option<Value>, Flow> {
        self.retire_generator(ts, &mut resume);
        let result = match resume.mode {
            GenMode::Call => match resume.default.take() {
                Some(d) => d,
                None => return Err(Flow::Raise(self.stop_iteration(v))),
            },
            GenMode::Close => Value::None,
            GenMode::Sum | GenMode::List => resume.default.take().unwrap_or(Value::None),
            GenMode::Tuple => match resume.default.take() {
                Some(Value::List(items)) => Value::tuple(std::mem::take(&mut *items.borrow_mut())),
                other => other.unwrap_or(Value::None),
            },
            GenMode::ForIter => {
                if let Some(caller) = ts.frames.last_mut() {
                    if let Some(Instr::ForIter(t)) = caller.code.instrs.get(caller.pc.wrapping_sub(1)).copied() {
                        ts.stack.pop();
                        caller.pc = t as usize;
                        return Ok(None);
                    }
                }
                return Err(self.err("SystemError", "concsim: generator resumed by a lost for loop"));
            }
            GenMode::Delegate => {
                if ts.frames.is_empty() {
                    return Err(self.err("SystemError", "concsim: generator resumed by a lost yield from"));
                }
                self.await_completed(ts, v)?;
                return Ok(None);
            }
            GenMode::ASend => {
                super::async_gen::op_finished(&resume.gen, resume.op.as_ref());
                return Err(Flow::Raise(
                    self.new_exception(&self.types.exceptions["StopAsyncIteration"].clone(), vec![]),
                ));
            }
            GenMode::AClose => {
                super::async_gen::op_finished(&resume.gen, resume.op.as_ref());
                self.await_completed(ts, Value::None)?;
                return Ok(if ts.frames.is_empty() { ts.stack.pop() } else { None });
            }
        };
        if ts.frames.is_empty() {
            return Ok(Some(result));
        }
        ts.stack.push(result);
        Ok(None)
    }

    /// An exception leaves a generator's frame (already popped): PEP 479 turns a
    /// StopIteration into RuntimeError; a close() whose GeneratorExit came back out
    /// succeeded. Returns the exception to propagate, or None when it is absorbed (close()
    /// returned None: pushed on the caller's stack, or the nested run's result).
    pub(super) fn generator_raised(
        &mut self,
        ts: &mut ThreadState,
        mut resume: GenResume,
        exc: Value,
    ) -> Option<Value> {
        self.retire_generator(ts, &mut resume);
        let exit = self.types.exceptions["GeneratorExit"].clone();
        if resume.mode == GenMode::Close && self.isinstance(&exc, &exit) {
            ts.stack.push(Value::None);
            return None;
        }
        let stop_async = self.types.exceptions["StopAsyncIteration"].clone();
        let is_async = matches!(resume.mode, GenMode::ASend | GenMode::AClose);
        if is_async {
            super::async_gen::op_finished(&resume.gen, resume.op.as_ref());
            if resume.mode == GenMode::AClose && (self.isinstance(&exc, &exit) || self.isinstance(&exc, &stop_async)) {
                return match self.await_completed(ts, Value::None) {
                    Ok(()) => None,
                    Err(Flow::Raise(e)) => Some(e),
                    Err(Flow::Request(_)) => None,
                };
            }
        }
        let stop = self.types.exceptions["StopIteration"].clone();
        let message = if self.isinstance(&exc, &stop) {
            if is_async {
                "async generator raised StopIteration"
            } else {
                "generator raised StopIteration"
            }
        } else if is_async && self.isinstance(&exc, &stop_async) {
            "async generator raised StopAsyncIteration"
        } else {
            return Some(exc);
        };
        let Flow::Raise(err) = self.err("RuntimeError", message) else { unreachable!("err builds an exception") };
        if let Value::Instance(i) = &err {
            if let Some(d) = &i.exc {
                let mut d = d.borrow_mut();
                d.cause = Some(exc.clone());
                d.context = Some(exc);
                d.suppress_context = true;
            }
        }
        Some(err)
    }

    /// `StopIteration(v)` (no argument for None, as CPython raises it).
    pub(super) fn stop_iteration(&self, v: Value) -> Value {
        let class = self.types.exceptions["StopIteration"].clone();
        self.new_exception(&class, if v.is_none() { vec![] } else { vec![v] })
    }

    /// Resumes a generator from native code (`__next__` called by a builtin): runs it nested
    /// on a thread of its own until it yields (`Ok(v)`), returns (StopIteration) or raises.
    pub(super) fn resume_nested(&mut self, gen: &Rc<NativeObj>, how: Resumption) -> Result<Value, Flow> {
        let close = matches!(how, Resumption::Close);
        let mode = if close { GenMode::Close } else { GenMode::Call };
        let mut ts = ThreadState::default();
        match self.resume_generator(&mut ts, gen, how, mode, None)? {
            Resumed::Exhausted if close => Ok(Value::None),
            Resumed::Exhausted => Err(Flow::Raise(self.stop_iteration(Value::None))),
            Resumed::Pushed(throw) => self.run_pushed(&mut ts, throw),
        }
    }

    /// Runs a nested thread whose generator frame was just pushed (`throw`: raised in it
    /// first) to its first yield or its end.
    pub(super) fn run_pushed(&mut self, ts: &mut ThreadState, throw: Option<Value>) -> Result<Value, Flow> {
        if let Some(exc) = throw {
            if let Some(outcome) = self.raise_in(ts, exc, true) {
                return super::interp::run_end_value(self, outcome);
            }
        }
        // A close() absorbed by the generator's own frame leaves None behind.
        if ts.frames.is_empty() {
            return Ok(ts.stack.pop().unwrap_or(Value::None));
        }
        self.run_nested(ts)
    }
}

/// Whether a thrown exception is a GeneratorExit (a close, passed on as a close).
fn is_generator_exit(exc: &Value, it: &Interp) -> bool {
    let exit = it.types.exceptions["GeneratorExit"].clone();
    it.isinstance(exc, &exit)
}

fn receiver(it: &Interp, args: &[Value]) -> Result<Rc<NativeObj>, Flow> {
    match args.first().and_then(generator_of) {
        Some(g) => Ok(g.clone()),
        None => Err(it.err("TypeError", "descriptor requires a 'generator' object")),
    }
}

/// `throw(type[, value[, tb]])` or `throw(exception)`: the exception instance to raise.
pub(super) fn thrown(it: &mut Interp, args: &[Value]) -> Result<Value, Flow> {
    match args {
        [] => Err(it.err("TypeError", "throw expected at least 1 argument, got 0")),
        [e] => it.make_exception(e.clone(), None),
        [ty, value, ..] => match value {
            Value::Instance(i) if i.exc.is_some() => Ok(value.clone()),
            Value::None => it.make_exception(ty.clone(), None),
            Value::Tuple(items) => {
                let e = it.call(ty, items.to_vec())?;
                it.make_exception(e, None)
            }
            v => {
                let e = it.call(ty, vec![v.clone()])?;
                it.make_exception(e, None)
            }
        },
    }
}

fn gen_iter(_it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(args[0].clone())
}

fn gen_next(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let g = receiver(it, args)?;
    it.resume_nested(&g, Resumption::Send(Value::None))
}

fn gen_send(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let g = receiver(it, args)?;
    match args.get(1..) {
        Some([v]) => it.resume_nested(&g, Resumption::Send(v.clone())),
        _ => Err(it.err(
            "TypeError",
            format!("generator.send() takes exactly one argument ({} given)", args.len().saturating_sub(1)),
        )),
    }
}

fn gen_throw(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let g = receiver(it, args)?;
    let exc = thrown(it, &args[1..])?;
    it.resume_nested(&g, Resumption::Throw(exc))
}

fn gen_close(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let g = receiver(it, args)?;
    it.resume_nested(&g, Resumption::Close)
}

/// `await v`: the iterator the awaiting frame delegates to — a coroutine itself, or what
/// `v.__await__()` returns (a Future's is a generator).
pub(super) fn awaitable(it: &mut Interp, v: &Value) -> Result<Value, Flow> {
    if is_coroutine(v) || super::async_gen::op_of(v).is_some() {
        return Ok(v.clone());
    }
    let Some(method) = it.lookup_special(v, "__await__") else {
        return Err(it.err("TypeError", format!("object {} can't be used in 'await' expression", v.type_name())));
    };
    let iter = it.call(&method, vec![v.clone()])?;
    if is_coroutine(&iter) {
        return Err(it.err("TypeError", "__await__() returned a coroutine"));
    }
    if generator_of(&iter).is_none()
        && it.lookup_special(&iter, "__next__").is_none()
        && !matches!(iter, Value::Iter(_))
    {
        return Err(it.err("TypeError", format!("__await__() returned non-iterator of type '{}'", iter.type_name())));
    }
    Ok(iter)
}

/// Whether a value is an `async def`'s coroutine.
pub fn is_coroutine(v: &Value) -> bool {
    generator_of(v).is_some_and(|g| with_state(g, |g| g.coroutine).unwrap_or(false))
}

fn coro_await(_it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(args[0].clone())
}

/// A coroutine's methods: no `__next__`/`__iter__` (it is awaited, not iterated).
pub const COROUTINE_METHODS: &[(&str, super::value::NativeFn)] =
    &[("send", gen_send), ("throw", gen_throw), ("close", gen_close), ("__await__", coro_await)];

pub const METHODS: &[(&str, super::value::NativeFn)] =
    &[("__iter__", gen_iter), ("__next__", gen_next), ("send", gen_send), ("throw", gen_throw), ("close", gen_close)];

/// `_concsim.yield_once(awaitable)`: asyncio's `_Yield.__await__` (the bare `yield` of
/// `asyncio.sleep(0)`, CPython's `__sleep0`), as an iterator that gives None once and then
/// stops: the `await` that drives it yields None to the task (which reschedules itself)
/// and ends when the task resumes it, as a generator with a bare `yield` would, without a
/// generator's frame to make, resume and retire on every `sleep(0)` (the hot path of a task
/// switch). Nothing else can reach the iterator: a throw into the awaiting coroutine is
/// raised at its `await`, as for any iterator without `throw`.
pub fn yield_once(_it: &mut Interp, _args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Iter(Rc::new(std::cell::RefCell::new(super::value::IterState::Values {
        items: vec![Value::None],
        index: 0,
    }))))
}

/// `<generator object f at 0x…>`'s name part, and the attributes a program may read.
pub fn attribute(v: &Value, name: &str) -> Option<Value> {
    let g = generator_like(v)?;
    with_state(g, |g| match name {
        "__name__" => Some(Value::Str(g.name.clone())),
        "__qualname__" => Some(Value::Str(g.qualname.clone())),
        "gi_running" => Some(Value::Bool(g.running)),
        "gi_suspended" => Some(Value::Bool(g.started && !g.running && !g.finished)),
        _ => None,
    })
    .flatten()
}

/// `_concsim.coro_info(coro)`: `(qualname, filename, first line, current line, state)` with
/// state "done", "running" or "suspended" (not started counts: its line is the `def`'s), what
/// asyncio's `_format_coroutine` shows in a task's repr (`coro=<f() running at x.py:3>`).
pub fn coro_info(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let Some(g) = args.first().and_then(generator_like) else {
        return Err(it.err("TypeError", "coro_info() expects a coroutine or generator"));
    };
    let info = with_state(g, |g| {
        let first = g.code.first_line;
        let (line, state) = match &g.frame {
            _ if g.running => (first, "running"),
            Some(f) if g.started => (f.code.line_at(f.pc.saturating_sub(1)), "suspended"),
            Some(_) => (first, "suspended"),
            None => (first, "done"),
        };
        (g.qualname.clone(), g.code.filename.clone(), first, line, state)
    });
    let Some((q, file, first, line, state)) = info else { return Ok(Value::None) };
    Ok(Value::tuple(vec![
        Value::Str(q),
        Value::Str(file),
        Value::Int(first as i64),
        Value::Int(line as i64),
        Value::str(state),
    ]))
}

pub fn qualname(v: &Value) -> Option<Rc<str>> {
    generator_like(v).and_then(|g| with_state(g, |g| g.qualname.clone()))
}
