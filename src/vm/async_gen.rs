//! Async generators (PEP 525) and `async for` (PEP 492), on the generator machinery of
//! `vm::generator`: an async generator is a `GenState` whose frame is resumed only through
//! its awaitables — `__anext__()`/`asend(v)`/`athrow(e)` (class `async_generator_asend` /
//! `async_generator_athrow`) and `aclose()` — in the modes `GenMode::ASend`/`AClose`. While an
//! awaitable drives it, the generator's `await`s yield through to the event loop like a
//! coroutine's, and its own `yield v` (`YieldAsync`) ends the awaiting `yield from` with v.
//!
//! Invariant: an awaitable starts at most once (`Init` → `Iter` → `Done`), and at most one
//! awaitable of a generator is between its start and its end (`GenState::running_async`);
//! whatever ends it (a yield, a return, an exception) marks both (`op_finished`).
//!
//! Left out: the event loop's async generator hooks (`sys.set_asyncgen_hooks`,
//! `loop.shutdown_asyncgens`): a generator abandoned suspended never runs its `finally`.

use super::frame::ThreadState;
use super::generator::{generator_like, thrown, with_state, GenMode, Resumed, Resumption};
use super::native::NativeData;
use super::value::{NativeObj, Value};
use super::{Flow, Interp, Kwargs};
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OpState {
    Init,
    Iter,
    Done,
}

/// An `asend`/`athrow` awaitable (an `__anext__()` is `asend(None)`, `aclose()` an athrow of
/// GeneratorExit).
pub struct AsyncOp {
    pub gen: Rc<NativeObj>,
    /// What its first resumption does (taken when it starts).
    pub first: Option<Resumption>,
    pub mode: GenMode,
    pub state: OpState,
    /// Made by `athrow()`/`aclose()` (their messages name them).
    pub athrow: bool,
}

/// The awaitable inside a value, if it is one.
pub fn op_of(v: &Value) -> Option<&Rc<NativeObj>> {
    match v {
        Value::Native(n) if matches!(&*n.data.borrow(), NativeData::AsyncGenOp(_)) => Some(n),
        _ => None,
    }
}

fn with_op<R>(op: &NativeObj, f: impl FnOnce(&mut AsyncOp) -> R) -> Option<R> {
    match &mut *op.data.borrow_mut() {
        NativeData::AsyncGenOp(o) => Some(f(o)),
        _ => None,
    }
}

/// The awaitable `op` of `gen` has ended (its result delivered or raised).
pub(super) fn op_finished(gen: &NativeObj, op: Option<&Rc<NativeObj>>) {
    with_state(gen, |g| g.running_async = false);
    if let Some(op) = op {
        with_op(op, |o| o.state = OpState::Done);
    }
}

/// Whether a value is an async generator object.
pub fn is_async_generator(v: &Value) -> bool {
    generator_like(v).is_some_and(|g| with_state(g, |g| g.async_gen).unwrap_or(false))
}

impl Interp {
    fn new_op(&mut self, gen: Rc<NativeObj>, first: Resumption, mode: GenMode, athrow: bool) -> Value {
        let class = self.types.natives[if athrow { "async_generator_athrow" } else { "async_generator_asend" }].clone();
        let op = AsyncOp { gen, first: Some(first), mode, state: OpState::Init, athrow };
        Value::Native(NativeObj::new(class, 0, NativeData::AsyncGenOp(Box::new(op))))
    }

    /// Resumes the generator behind the awaitable `op` on `ts` (`how`: what the awaiting
    /// `yield from` sends or throws). `Exhausted` means `op` completed with None (an
    /// `aclose()` of a finished or unstarted generator); an `asend` of a finished one
    /// raises StopAsyncIteration.
    pub(super) fn drive_op(
        &mut self,
        ts: &mut ThreadState,
        op: &Rc<NativeObj>,
        how: Resumption,
    ) -> Result<Resumed, Flow> {
        let (gen, mode, state, athrow) =
            with_op(op, |o| (o.gen.clone(), o.mode, o.state, o.athrow)).expect("op_of checked it");
        let how = match state {
            OpState::Done => {
                let what = if athrow { "aclose()/athrow()" } else { "__anext__()/asend()" };
                return Err(self.err("RuntimeError", format!("cannot reuse already awaited {what}")));
            }
            OpState::Iter => how,
            OpState::Init => {
                if with_state(&gen, |g| g.running_async).unwrap_or(false) {
                    let what = match (athrow, mode) {
                        (false, _) => "anext",
                        (true, GenMode::AClose) => "aclose",
                        _ => "athrow",
                    };
                    return Err(
                        self.err("RuntimeError", format!("{what}(): asynchronous generator is already running"))
                    );
                }
                with_state(&gen, |g| g.running_async = true);
                let first = with_op(op, |o| {
                    o.state = OpState::Iter;
                    o.first.take()
                })
                .flatten();
                match (how, first) {
                    (Resumption::Send(_), Some(first)) => first,
                    (how, _) => how,
                }
            }
        };
        match self.resume_frame(ts, &gen, how, mode, None, Some(op.clone())) {
            Ok(Resumed::Exhausted) => {
                op_finished(&gen, Some(op));
                if mode == GenMode::AClose {
                    return Ok(Resumed::Exhausted);
                }
                let class = self.types.exceptions["StopAsyncIteration"].clone();
                Err(Flow::Raise(self.new_exception(&class, vec![])))
            }
            Ok(r) => Ok(r),
            Err(e) => {
                op_finished(&gen, Some(op));
                Err(e)
            }
        }
    }

    /// An awaitable's `send`/`throw`/`close` called by a program (not awaited): runs the
    /// generator nested until the awaitable yields (the value) or completes
    /// (StopIteration(value)).
    fn drive_op_nested(&mut self, op: &Rc<NativeObj>, how: Resumption) -> Result<Value, Flow> {
        let mut ts = ThreadState::default();
        let v = match self.drive_op(&mut ts, op, how)? {
            Resumed::Exhausted => Value::None,
            Resumed::Pushed(throw) => self.run_pushed(&mut ts, throw)?,
        };
        if with_op(op, |o| o.state == OpState::Done).unwrap_or(true) {
            return Err(Flow::Raise(self.stop_iteration(v)));
        }
        Ok(v)
    }
}

/// `async for`'s `GetAIter`: `type(v).__aiter__(v)`, which must have `__anext__`.
pub(super) fn get_aiter(it: &mut Interp, v: &Value) -> Result<Value, Flow> {
    if is_async_generator(v) {
        return Ok(v.clone());
    }
    let Some(method) = it.lookup_special(v, "__aiter__") else {
        return Err(
            it.err("TypeError", format!("'async for' requires an object with __aiter__ method, got {}", v.type_name()))
        );
    };
    let aiter = it.call(&method, vec![v.clone()])?;
    if !is_async_generator(&aiter) && it.lookup_special(&aiter, "__anext__").is_none() {
        return Err(it.err(
            "TypeError",
            format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                aiter.type_name()
            ),
        ));
    }
    Ok(aiter)
}

/// `async for`'s `GetANext`: what to await for the next item.
pub(super) fn get_anext(it: &mut Interp, aiter: &Value) -> Result<Value, Flow> {
    if let Some(g) = generator_like(aiter).filter(|_| is_async_generator(aiter)) {
        let g = g.clone();
        return Ok(it.new_op(g, Resumption::Send(Value::None), GenMode::ASend, false));
    }
    let Some(method) = it.lookup_special(aiter, "__anext__") else {
        return Err(it.err(
            "TypeError",
            format!("'async for' requires an iterator with __anext__ method, got {}", aiter.type_name()),
        ));
    };
    let next = it.call(&method, vec![aiter.clone()])?;
    if op_of(&next).is_some() {
        return Ok(next);
    }
    match super::generator::awaitable(it, &next) {
        Err(Flow::Raise(_)) => Err(
            it.err("TypeError", format!("'async for' received an invalid object from __anext__: {}", next.type_name()))
        ),
        r => r,
    }
}

fn agen_receiver(it: &Interp, args: &[Value]) -> Result<Rc<NativeObj>, Flow> {
    match args.first() {
        Some(v) if is_async_generator(v) => Ok(generator_like(v).expect("checked").clone()),
        _ => Err(it.err("TypeError", "descriptor requires an 'async_generator' object")),
    }
}

fn agen_aiter(_it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(args[0].clone())
}

fn agen_anext(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let g = agen_receiver(it, args)?;
    Ok(it.new_op(g, Resumption::Send(Value::None), GenMode::ASend, false))
}

fn agen_asend(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let g = agen_receiver(it, args)?;
    match args.get(1..) {
        Some([v]) => Ok(it.new_op(g, Resumption::Send(v.clone()), GenMode::ASend, false)),
        _ => Err(it.err(
            "TypeError",
            format!("async_generator.asend() takes exactly one argument ({} given)", args.len().saturating_sub(1)),
        )),
    }
}

fn agen_athrow(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let g = agen_receiver(it, args)?;
    let exc = thrown(it, &args[1..])?;
    Ok(it.new_op(g, Resumption::Throw(exc), GenMode::ASend, true))
}

fn agen_aclose(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let g = agen_receiver(it, args)?;
    Ok(it.new_op(g, Resumption::Close, GenMode::AClose, true))
}

pub const AGEN_METHODS: &[(&str, super::value::NativeFn)] = &[
    ("__aiter__", agen_aiter),
    ("__anext__", agen_anext),
    ("asend", agen_asend),
    ("athrow", agen_athrow),
    ("aclose", agen_aclose),
];

fn op_receiver(it: &Interp, args: &[Value]) -> Result<Rc<NativeObj>, Flow> {
    match args.first().and_then(op_of) {
        Some(o) => Ok(o.clone()),
        None => Err(it.err("TypeError", "descriptor requires an async generator awaitable")),
    }
}

fn op_self(_it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(args[0].clone())
}

fn op_next(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let op = op_receiver(it, args)?;
    it.drive_op_nested(&op, Resumption::Send(Value::None))
}

fn op_send(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let op = op_receiver(it, args)?;
    match args.get(1..) {
        Some([v]) => it.drive_op_nested(&op, Resumption::Send(v.clone())),
        _ => Err(
            it.err("TypeError", format!("send() takes exactly one argument ({} given)", args.len().saturating_sub(1)))
        ),
    }
}

fn op_throw(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let op = op_receiver(it, args)?;
    let exc = thrown(it, &args[1..])?;
    it.drive_op_nested(&op, Resumption::Throw(exc))
}

fn op_close(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let op = op_receiver(it, args)?;
    with_op(&op, |o| {
        if o.state == OpState::Iter {
            with_state(&o.gen, |g| g.running_async = false);
        }
        o.state = OpState::Done;
    });
    Ok(Value::None)
}

pub const OP_METHODS: &[(&str, super::value::NativeFn)] = &[
    ("__await__", op_self),
    ("__iter__", op_self),
    ("__next__", op_next),
    ("send", op_send),
    ("throw", op_throw),
    ("close", op_close),
];
