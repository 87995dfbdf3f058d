//! Calls made by the evaluation loop with their operands on the thread's stack: a Python
//! function becomes a pushed frame (so it may block), a native runs at once, a generator's
//! `next`/`send`/`throw`/`close` resumes its frame on the thread, and the builtins that
//! would run user code nested (`list(it)`, `print(obj)`, `iter(f, sentinel)`) are redirected
//! to `_concsim_iter`'s Python versions. Also function and class creation. Invariant: a call
//! either pushes exactly one frame (and returns true) or leaves exactly its result where the
//! callable was (and returns false); on error the stack above the callable is left for the
//! unwinder to cut.

use super::frame::{OnReturn, ThreadState};
use super::generator::{generator_of, GenMode, Resumed, Resumption};
use super::value::{Function, Value};
use super::{Flow, Interp};
use crate::limits::RECURSION_LIMIT;
use std::rc::Rc;

impl Interp {
    /// Calls the callable at `stack[func_at]` with the arguments from `args_at` to the top
    /// (the last `kwnames.len()` of them keyword arguments). Returns true when a Python frame
    /// was pushed (its result arrives later), false when the result is already on the stack.
    pub(super) fn call_on_stack(
        &mut self,
        ts: &mut ThreadState,
        func_at: usize,
        args_at: usize,
        kwnames: Option<&Rc<[Value]>>,
    ) -> Result<bool, Flow> {
        if ts.frames.len() >= RECURSION_LIMIT {
            return Err(self.err("RecursionError", "maximum recursion depth exceeded"));
        }
        let func = ts.stack[func_at].clone();
        let nkw = kwnames.map(|k| k.len()).unwrap_or(0);
        if nkw == 0 {
            // (Checked here, cheaply, before the call: most calls have no generator argument.)
            let n = ts.stack.len() - args_at;
            if (n == 1 || n == 2) && generator_of(&ts.stack[args_at]).is_some() {
                if let Some(r) = self.gather_on_stack(ts, func_at, args_at) {
                    return r;
                }
            }
            if let Some(r) = self.resume_on_stack(ts, func_at, args_at) {
                return r;
            }
        }
        let kw_at = ts.stack.len() - nkw;
        match &func {
            Value::Function(f) if nkw == 0 && self.is_simple(f, ts.stack.len() - args_at) => {
                let f = f.clone();
                let frame = self.simple_frame(&f, &ts.stack[args_at..], func_at);
                ts.stack.truncate(func_at);
                ts.frames.push(frame);
                Ok(true)
            }
            // A generator or coroutine function called positionally (`asyncio.sleep(0)`, a
            // generator expression): the call only makes the generator, around a frame bound
            // as for a simple call.
            Value::Function(f) if nkw == 0 && self.is_simple_generator(f, ts.stack.len() - args_at) => {
                let f = f.clone();
                let frame = self.simple_frame(&f, &ts.stack[args_at..], func_at);
                ts.stack.truncate(func_at);
                let gen = self.new_generator(frame);
                ts.stack.push(gen);
                Ok(false)
            }
            // A bound Python method (a callback, `obj.method` taken as a value): its receiver
            // takes the method's place on the stack as the first argument, as CPython's
            // method calls do, with no argument vector built.
            // (The slot below the arguments — the callable's, or `LoadMethod`'s marker — is
            // free for it.)
            Value::BoundMethod(m)
                if nkw == 0
                    && matches!(&m.func, Value::Function(f) if self.is_simple(f, ts.stack.len() - args_at + 1)) =>
            {
                let Value::Function(f) = &m.func else { unreachable!("matched above") };
                let f = f.clone();
                ts.stack[args_at - 1] = m.receiver.clone();
                let frame = self.simple_frame(&f, &ts.stack[args_at - 1..], func_at);
                ts.stack.truncate(func_at);
                ts.frames.push(frame);
                Ok(true)
            }
            // A class of the program's own whose instances are plain objects with a Python
            // `__init__` taking the arguments positionally (`Handle(callback, args, loop)`):
            // the new instance takes the slot below the arguments as `__init__`'s `self`, as
            // for a bound method; `instantiate` decides the same in the general case below.
            Value::Class(c) if nkw == 0 && self.simple_init(c, ts.stack.len() - args_at + 1).is_some() => {
                let f = self.simple_init(c, ts.stack.len() - args_at + 1).expect("checked in the guard");
                let instance = Value::Instance(super::value::Instance::new(c.clone(), None));
                ts.stack[args_at - 1] = instance.clone();
                let mut frame = self.simple_frame(&f, &ts.stack[args_at - 1..], func_at);
                frame.on_return = OnReturn::Init(instance);
                ts.stack.truncate(func_at);
                ts.frames.push(frame);
                Ok(true)
            }
            // (Any instance or generator among the arguments may need `iter_redirect`:
            // `print(1, proxy)`, `zip(xs, executor.map(f, xs))`.)
            Value::Builtin(b)
                if nkw == 0
                    && b.bound.is_none()
                    && !ts.stack[args_at..]
                        .iter()
                        .any(|v| matches!(v, Value::Instance(_)) || generator_of(v).is_some())
                    && !(b.name == "iter" && ts.stack.len() - args_at == 2) =>
            {
                // Natives read their arguments straight off the stack.
                let f = b.func;
                self.call_base = Some(func_at);
                self.handling = ts.exc.clone();
                // `globals()`, `sys._getframe()`, `_concsim.caller_frames()`... read this
                // thread's frames, which natives cannot see: answered here.
                let v = match super::modules::frame_native(f, ts.stack.len() - args_at) {
                    Some(g) => g(self, ts, &ts.stack[args_at..])?,
                    None => f(self, &ts.stack[args_at..], &[])?,
                };
                self.call_base = None;
                ts.stack.truncate(func_at);
                ts.stack.push(v);
                Ok(false)
            }
            _ => {
                let kwargs: Vec<(Rc<str>, Value)> = match kwnames {
                    Some(names) => names
                        .iter()
                        .zip(ts.stack[kw_at..].iter())
                        .map(|(n, v)| (if let Value::Str(s) = n { s.clone() } else { Rc::from("") }, v.clone()))
                        .collect(),
                    None => Vec::new(),
                };
                let mut args: Vec<Value> = ts.stack[args_at..kw_at].to_vec();
                let func = match self.iter_redirect(&func, &args) {
                    Some(f) => f,
                    None => match self.gather_redirect(&func, &args) {
                        Some((helper, lists, maps)) => {
                            args.splice(0..0, [func, lists, maps]);
                            helper
                        }
                        None => func,
                    },
                };
                self.call_base = Some(func_at);
                self.handling = ts.exc.clone();
                let r = self.invoke(&func, args, kwargs, func_at)?;
                self.call_base = None;
                match r {
                    super::call::Called::Value(v) => {
                        ts.stack.truncate(func_at);
                        ts.stack.push(v);
                        Ok(false)
                    }
                    super::call::Called::Frame(mut frame) => {
                        ts.stack.truncate(func_at);
                        frame.base = func_at;
                        ts.frames.push(*frame);
                        Ok(true)
                    }
                }
            }
        }
    }

    /// Calls a Python function (a property accessor, a dunder) as a new frame of this
    /// thread, so it may block; `on_return` says what becomes of its result.
    pub(super) fn push_python_call(
        &mut self,
        ts: &mut ThreadState,
        f: &Rc<super::value::Function>,
        args: Vec<Value>,
        on_return: OnReturn,
    ) -> Result<(), Flow> {
        let mut frame = self.bind_frame(f, args, Vec::new())?;
        if f.code.is_generator() {
            // `def __iter__(self): yield ...`: the call only makes the generator.
            let gen = self.new_generator(frame);
            return self.finish_frame(ts, on_return, gen).map(|_| ());
        }
        frame.base = ts.stack.len();
        frame.on_return = on_return;
        ts.frames.push(frame);
        Ok(())
    }

    /// `next(g)`, `next(g, default)`, `g.__next__()`, `g.send(v)`, `g.throw(...)` and
    /// `g.close()` on a generator resume its frame on this thread (its body may block), where
    /// a native would run it nested. None: not such a call (or a wrong argument count, which
    /// the native reports).
    pub(super) fn resume_on_stack(
        &mut self,
        ts: &mut ThreadState,
        func_at: usize,
        args_at: usize,
    ) -> Option<Result<bool, Flow>> {
        let Value::Builtin(b) = &ts.stack[func_at] else { return None };
        let (name, bound) = (b.name, b.bound.clone());
        let args = &ts.stack[args_at..];
        if let (None, "next", [obj @ Value::Instance(_)]) = (&bound, name, args) {
            // `next(it)` on an iterator written in Python (a pool's imap) calls its
            // `__next__` as a frame of this thread, so it may block.
            let Some(Value::Function(f)) = self.lookup_special(obj, "__next__") else { return None };
            let obj = obj.clone();
            ts.stack.truncate(func_at);
            return Some(self.push_python_call(ts, &f, vec![obj], OnReturn::Push).map(|()| true));
        }
        let (receiver, rest): (Value, &[Value]) = match (&bound, name) {
            (None, "next" | "__next__" | "send" | "throw" | "close") => (args.first()?.clone(), &args[1..]),
            (Some(r), "__next__" | "send" | "throw" | "close") => (r.clone(), args),
            _ => return None,
        };
        let gen = generator_of(&receiver)?.clone();
        if matches!(name, "next" | "__next__") && super::generator::is_coroutine(&receiver) {
            return None;
        }
        let (how, mode, default) = match (name, rest) {
            ("next", []) | ("__next__", []) => (Resumption::Send(Value::None), GenMode::Call, None),
            ("next", [d]) => (Resumption::Send(Value::None), GenMode::Call, Some(d.clone())),
            ("send", [v]) => (Resumption::Send(v.clone()), GenMode::Call, None),
            ("throw", [_, ..]) if rest.len() <= 3 => {
                let rest = rest.to_vec();
                match super::generator::thrown(self, &rest) {
                    Ok(e) => (Resumption::Throw(e), GenMode::Call, None),
                    Err(e) => return Some(Err(e)),
                }
            }
            ("close", []) => (Resumption::Close, GenMode::Close, None),
            _ => return None,
        };
        ts.stack.truncate(func_at);
        Some(match self.resume_generator(ts, &gen, how, mode, default.clone()) {
            Ok(Resumed::Pushed(None)) => Ok(true),
            // Raised by the caller's error path in the frame now on top: the generator's.
            Ok(Resumed::Pushed(Some(exc))) => Err(Flow::Raise(exc)),
            Ok(Resumed::Exhausted) => match (mode, default) {
                (GenMode::Close, _) => {
                    ts.stack.push(Value::None);
                    Ok(false)
                }
                (_, Some(d)) => {
                    ts.stack.push(d);
                    Ok(false)
                }
                _ => Err(Flow::Raise(self.stop_iteration(Value::None))),
            },
            Err(e) => Err(e),
        })
    }

    /// `sum(g)`, `sum(g, start)` (a numeric start), `list(g)` and `tuple(g)` of a generator
    /// push its frame in a gathering mode (`GenMode::Sum`/`List`/`Tuple`): the evaluation
    /// loop consumes each yield in place, with no park and resume per item, and the
    /// generator's return leaves the sum or the list where the call was. None: not such a
    /// call.
    #[inline(never)]
    fn gather_on_stack(&mut self, ts: &mut ThreadState, func_at: usize, args_at: usize) -> Option<Result<bool, Flow>> {
        let args = &ts.stack[args_at..];
        if args.is_empty() || args.len() > 2 {
            return None;
        }
        let gen = generator_of(&args[0])?;
        let number = |v: &Value| matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_));
        let (mode, acc) = match (&ts.stack[func_at], args) {
            (Value::Builtin(b), [_]) if b.bound.is_none() && b.name == "sum" => (GenMode::Sum, Value::Int(0)),
            (Value::Builtin(b), [_, start]) if b.bound.is_none() && b.name == "sum" && number(start) => {
                (GenMode::Sum, start.clone())
            }
            (Value::Class(c), [_]) if Rc::ptr_eq(c, &self.types.list) => (GenMode::List, Value::list(Vec::new())),
            (Value::Class(c), [_]) if Rc::ptr_eq(c, &self.types.tuple) => (GenMode::Tuple, Value::list(Vec::new())),
            _ => return None,
        };
        if super::generator::is_coroutine(&args[0]) {
            return None;
        }
        let gen = gen.clone();
        ts.stack.truncate(func_at);
        Some(match self.resume_generator(ts, &gen, Resumption::Send(Value::None), mode, Some(acc.clone())) {
            Ok(Resumed::Pushed(None)) => Ok(true),
            Ok(Resumed::Pushed(Some(exc))) => Err(Flow::Raise(exc)),
            // Already finished: the start, or no items.
            Ok(Resumed::Exhausted) => {
                ts.stack.push(if mode == GenMode::Tuple { Value::tuple(Vec::new()) } else { acc });
                Ok(false)
            }
            Err(e) => Err(e),
        })
    }

    /// One step of `yield from` over an iterator that is not a generator: its next item, or
    /// None when it is exhausted. A value other than None is sent with its `send` method.
    pub(super) fn delegate_to_iterator(&mut self, sub: &Value, sent: Value) -> Result<Option<Value>, Flow> {
        if sent.is_none() {
            return self.next(sub);
        }
        let send = self.get_attr(sub, "send")?;
        match self.call(&send, vec![sent]) {
            Ok(v) => Ok(Some(v)),
            Err(Flow::Raise(e)) if self.isinstance(&e, &self.types.exceptions["StopIteration"].clone()) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `list(x)`, `tuple(x)`, `set(x)`, `sorted(x)`, `sum(x)` over a user-defined iterable,
    /// `next(x)` of an object whose `__next__` is Python (an executor's `map`), `len(x)`,
    /// `getattr`/`setattr` of objects with a Python `__len__`/`__getattr__`/`__setattr__`, and `str(x)`, `repr(x)`, `print(...)` of objects with `__str__`/`__repr__` written in
    /// Python, run the `_concsim_iter` helpers instead: there the user's code runs as frames,
    /// so it may block (a manager proxy's `__str__` asks its server over the network).
    pub(super) fn iter_redirect(&mut self, func: &Value, args: &[Value]) -> Option<Value> {
        let first = args.first()?;
        // Only builtins (and the builtin classes below) are redirected: a call of a Python
        // function or of a class of the program's own is answered without a lookup.
        match func {
            Value::Builtin(_) => {}
            Value::Class(c) if c.builtin => {}
            _ => return None,
        }
        let python_method =
            |it: &Self, v: &Value, name: &'static str| matches!(it.lookup_special(v, name), Some(Value::Function(_)));
        let shows_in_python =
            |it: &Self, v: &Value| python_method(it, v, "__str__") || python_method(it, v, "__repr__");
        let python_iter = |it: &Self, v: &Value| {
            (matches!(v, Value::Instance(_)) && it.lookup_special(v, "__iter__").is_some()) || generator_of(v).is_some()
        };
        let iterable = python_iter(self, first);
        let helper = match func {
            Value::Class(c) if iterable && Rc::ptr_eq(c, &self.types.list) => "list_of",
            Value::Class(c) if iterable && Rc::ptr_eq(c, &self.types.tuple) => "tuple_of",
            Value::Class(c) if iterable && Rc::ptr_eq(c, &self.types.set) => "set_of",
            // bytes(x) of an object with a Python __bytes__ or __iter__ (shared memory's buffer
            // reads its channel there).
            Value::Class(c)
                if args.len() == 1
                    && Rc::ptr_eq(c, &self.types.bytes)
                    && (iterable || python_method(self, first, "__bytes__")) =>
            {
                "bytes_of"
            }
            Value::Builtin(b) if iterable && b.bound.is_none() && b.name == "sorted" => "sorted_of",
            Value::Builtin(b) if iterable && b.bound.is_none() && b.name == "sum" => "sum_of",
            Value::Builtin(b) if iterable && b.bound.is_none() && b.name == "all" => "all_of",
            Value::Builtin(b) if iterable && b.bound.is_none() && b.name == "any" => "any_of",
            Value::Builtin(b) if b.bound.is_none() && b.name == "iter" && args.len() == 2 => "callable_iter",
            // The lazy builtins over an iterator whose `__next__` is Python (an executor's
            // `map`, a pool's `imap`, a generator): their items are taken as frames.
            Value::Builtin(b) if b.bound.is_none() && b.name == "zip" && args.iter().any(|a| python_iter(self, a)) => {
                "zip_of"
            }
            Value::Builtin(b) if b.bound.is_none() && b.name == "enumerate" && python_iter(self, first) => {
                "enumerate_of"
            }
            Value::Builtin(b)
                if b.bound.is_none() && b.name == "map" && args[1..].iter().any(|a| python_iter(self, a)) =>
            {
                "map_of"
            }
            Value::Builtin(b)
                if b.bound.is_none() && b.name == "filter" && args.len() == 2 && python_iter(self, &args[1]) =>
            {
                "filter_of"
            }
            Value::Class(c) if args.len() == 1 && Rc::ptr_eq(c, &self.types.str) && shows_in_python(self, first) => {
                "str_of"
            }
            Value::Builtin(b) if b.bound.is_none() && b.name == "repr" && python_method(self, first, "__repr__") => {
                "repr_of"
            }
            Value::Builtin(b)
                if b.bound.is_none()
                    && b.name == "getattr"
                    && matches!(first, Value::Instance(_))
                    && python_method(self, first, "__getattr__") =>
            {
                "getattr_of"
            }
            Value::Builtin(b)
                if b.bound.is_none()
                    && b.name == "setattr"
                    && matches!(first, Value::Instance(_))
                    && python_method(self, first, "__setattr__") =>
            {
                "setattr_of"
            }
            Value::Builtin(b) if b.bound.is_none() && b.name == "len" && python_method(self, first, "__len__") => {
                "len_of"
            }
            // `next(it)` alone never gets here: `resume_on_stack` pushes `it.__next__` as a
            // frame first; only `next(it, default)` needs the helper.
            Value::Builtin(b)
                if b.bound.is_none()
                    && b.name == "next"
                    && args.len() == 2
                    && matches!(first, Value::Instance(_))
                    && python_method(self, first, "__next__") =>
            {
                "next_of"
            }
            Value::Builtin(b)
                if b.bound.is_none() && b.name == "print" && args.iter().any(|a| shows_in_python(self, a)) =>
            {
                "print_of"
            }
            _ => return None,
        };
        self.concsim_helper(helper)
    }

    /// A builtin that consumes a whole iterable natively (`max(g)`, `dict(proxy)`,
    /// `",".join(g)`, `xs.extend(g)`, `s.update(g)`...) with such an argument iterated in
    /// Python (a generator, a Python `__iter__`, a manager's proxy): `_concsim_iter.gather_call`
    /// with the indices of the arguments to gather into lists and of those to read as
    /// mappings, so their items are taken as frames that may block. None: not such a call.
    /// (CPython's builtins also take every item before they finish; one that fails on an
    /// item midway, as `max` on items it cannot compare, sees the rest taken first here.)
    fn gather_redirect(&mut self, func: &Value, args: &[Value]) -> Option<(Value, Value, Value)> {
        let python_iter = |it: &Self, v: &Value| it.iterated_in_python(v);
        let mapping = |it: &Self, v: &Value| {
            python_iter(it, v)
                || (matches!(v, Value::Instance(i) if i.base.is_none()) && it.lookup_special(v, "keys").is_some())
        };
        let (mut lists, mut maps) = (Vec::new(), Vec::new());
        match func {
            Value::Builtin(b) => {
                // A method's receiver is its first argument, or bound in the builtin.
                let shift = usize::from(b.bound.is_none());
                let receiver = if shift == 1 { args.first()? } else { b.bound.as_ref()? };
                let rest = if shift == 1 { &args[1..] } else { args };
                match (b.name, receiver.unwrap_base()) {
                    ("max" | "min", _) if b.bound.is_none() && args.len() == 1 && python_iter(self, &args[0]) => {
                        lists.push(0)
                    }
                    ("join", Value::Str(_) | Value::Bytes(_)) | ("extend", Value::List(_))
                        if rest.len() == 1 && python_iter(self, &rest[0]) =>
                    {
                        lists.push(shift)
                    }
                    (
                        "update"
                        | "union"
                        | "intersection"
                        | "difference"
                        | "symmetric_difference"
                        | "issubset"
                        | "issuperset"
                        | "isdisjoint"
                        | "intersection_update"
                        | "difference_update"
                        | "symmetric_difference_update",
                        Value::Set(_) | Value::FrozenSet(_),
                    ) => lists.extend((0..rest.len()).filter(|&i| python_iter(self, &rest[i])).map(|i| i + shift)),
                    ("update", Value::Dict(_)) if rest.len() == 1 && mapping(self, &rest[0]) => maps.push(shift),
                    // `dict.fromkeys(it)`, called on the class: no receiver.
                    ("fromkeys", _) if b.bound.is_none() && python_iter(self, &args[0]) => lists.push(0),
                    _ => return None,
                }
            }
            Value::Class(c) if args.len() == 1 => {
                if Rc::ptr_eq(c, &self.types.dict) && mapping(self, &args[0]) {
                    maps.push(0)
                } else if Rc::ptr_eq(c, &self.types.frozenset) && python_iter(self, &args[0]) {
                    lists.push(0)
                } else {
                    return None;
                }
            }
            _ => return None,
        }
        if lists.is_empty() && maps.is_empty() {
            return None;
        }
        let indices = |v: Vec<usize>| Value::tuple(v.into_iter().map(|i| Value::Int(i as i64)).collect());
        Some((self.concsim_helper("gather_call")?, indices(lists), indices(maps)))
    }

    /// Whether iterating `v` runs Python code (a generator's frame, a Python `__iter__`):
    /// the builtins and instructions that would iterate it natively (nested, where it may
    /// not block) hand it to a `_concsim_iter` helper instead.
    pub(super) fn iterated_in_python(&self, v: &Value) -> bool {
        match v {
            Value::Instance(i) => i.base.is_none() && self.lookup_special(v, "__iter__").is_some(),
            _ => generator_of(v).is_some() && !super::generator::is_coroutine(v),
        }
    }

    /// Pushes a call of the `_concsim_iter` helper `name` as a frame of this thread.
    pub(super) fn push_helper_call(
        &mut self,
        ts: &mut ThreadState,
        name: &str,
        args: Vec<Value>,
        on_return: OnReturn,
    ) -> Result<(), Flow> {
        match self.concsim_helper(name) {
            Some(Value::Function(f)) => self.push_python_call(ts, &f, args, on_return),
            _ => Err(self.err("SystemError", format!("concsim's helper {name} is missing"))),
        }
    }

    /// A function of the `_concsim_iter` prelude (loaded on first use).
    pub(super) fn concsim_helper(&mut self, helper: &str) -> Option<Value> {
        let module = match self.modules.get("_concsim_iter") {
            Some(Value::Module(m)) => m.clone(),
            _ => {
                let compiled = crate::lang::compile_module(
                    "<frozen _concsim_iter>",
                    super::modules::prelude_source("_concsim_iter")?,
                )
                .ok()?;
                let m = super::value::Module::new("_concsim_iter", &compiled.global_names);
                let mut ts = self.start_module(compiled.code, m.clone());
                // Inside the current instruction: a nested run, never a slice's end.
                let _ = self.run_nested(&mut ts);
                self.modules.insert(Rc::from("_concsim_iter"), Value::Module(m.clone()));
                m
            }
        };
        module.get(helper)
    }

    pub(super) fn make_function(
        &mut self,
        ts: &mut ThreadState,
        flags: u32,
        globals: &Rc<super::value::Module>,
    ) -> Result<Value, Flow> {
        let code = match ts.stack.pop() {
            Some(Value::Code(c)) => c,
            _ => return Err(self.err("SystemError", "MakeFunction without code")),
        };
        let closure = if flags & 8 != 0 {
            match ts.stack.pop() {
                Some(Value::Tuple(t)) => {
                    t.iter().filter_map(|c| if let Value::Cell(c) = c { Some(c.clone()) } else { None }).collect()
                }
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let annotations = if flags & 4 != 0 { ts.stack.pop() } else { None };
        let kwdefaults = if flags & 2 != 0 {
            match ts.stack.pop() {
                Some(Value::Dict(d)) => d
                    .borrow()
                    .iter()
                    .filter_map(|(k, v)| if let Value::Str(s) = &k.0 { Some((s.clone(), v.clone())) } else { None })
                    .collect(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let defaults = if flags & 1 != 0 {
            match ts.stack.pop() {
                Some(Value::Tuple(t)) => t.to_vec(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        Ok(Value::Function(Rc::new(Function {
            name: std::cell::RefCell::new(code.name.clone()),
            qualname: std::cell::RefCell::new(code.qualname.clone()),
            code,
            globals: globals.clone(),
            defaults: std::cell::RefCell::new(defaults),
            kwdefaults: std::cell::RefCell::new(kwdefaults),
            closure,
            defining_class: std::cell::RefCell::new(None),
            dict: std::cell::RefCell::new({
                // `__annotations__` lives in the function's dict (hidden from `__dict__`).
                let mut d = super::Dict::new();
                if let Some(a) = annotations {
                    d.set_str("__annotations__", a);
                }
                d
            }),
        })))
    }

    /// `BuildClass(n)`: `[body, name, bases..] -> [class]`; runs the body in a new frame.
    pub(super) fn build_class(&mut self, ts: &mut ThreadState, arg: u32) -> Result<(), Flow> {
        let kwargs: Vec<(Rc<str>, Value)> = if arg & crate::lang::bytecode::CLASS_KEYWORDS != 0 {
            match ts.stack.pop() {
                Some(Value::Dict(d)) => d
                    .borrow()
                    .iter()
                    .filter_map(|(k, v)| if let Value::Str(s) = &k.0 { Some((s.clone(), v.clone())) } else { None })
                    .collect(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let nbases = (arg & 0xffff) as usize;
        let at = ts.stack.len() - nbases - 2;
        let items: Vec<Value> = ts.stack.drain(at..).collect();
        let body = match &items[0] {
            Value::Function(f) => f.clone(),
            _ => return Err(self.err("SystemError", "BuildClass without a body")),
        };
        let name: Rc<str> = match &items[1] {
            Value::Str(s) => s.clone(),
            _ => Rc::from("?"),
        };
        let mut bases = Vec::new();
        for b in &items[2..] {
            match b {
                Value::Class(c) => {
                    if c.kind == super::value::ClassKind::Builtin
                        && !c.dict.borrow().contains_str("__subclassable__")
                        && !Rc::ptr_eq(c, &self.types.type_)
                        && !self.types.is_value_type(c)
                    {
                        if Rc::ptr_eq(c, &self.types.bool) || Rc::ptr_eq(c, &self.types.range) {
                            return Err(
                                self.err("TypeError", format!("type '{}' is not an acceptable base type", c.name))
                            );
                        }
                        return Err(self.err(
                            "TypeError",
                            format!("concsim does not support subclassing the builtin type '{}' yet", c.name),
                        ));
                    }
                    bases.push(c.clone())
                }
                other => {
                    return Err(self.err("TypeError", format!("bases must be types, not {}", other.type_name())));
                }
            }
        }
        let ns = Rc::new(std::cell::RefCell::new(super::Dict::new()));
        ns.borrow_mut().set_str("__module__", Value::Str(body.globals.name.clone()));
        ns.borrow_mut().set_str("__qualname__", Value::Str(body.code.qualname.clone()));
        let mut frame = self.simple_frame(&body, &[], at);
        frame.ns = Some(ns.clone());
        frame.on_return = OnReturn::Class { name, bases, ns, kwargs };
        ts.frames.push(frame);
        Ok(())
    }
}
