//! Calling: binding arguments to a Python function's parameters (with CPython's error
//! messages), calling natives, instantiating classes, and running a callable to completion
//! from native code. Invariant: a Python callee always gets a fresh `Frame` whose locals
//! hold exactly its parameters; no Python code runs here except through nested runs
//! (`call_kw`), which may not block.

use super::frame::{Frame, OnReturn, ThreadState};
use super::interp::RunEnd;
use super::value::{Builtin, CellRef, Class, ClassKind, ExcData, Function, Instance, Value};
use super::{Dict, Flow, Interp};
use std::cell::RefCell;
use std::rc::Rc;

pub enum Called {
    Value(Value),
    Frame(Box<Frame>),
}

/// "'a', 'b', and 'c'" — CPython's list of missing argument names.
fn name_list(names: &[Rc<str>]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

impl Interp {
    /// The fast path applies: positional arguments only, exactly as many as parameters.
    pub(super) fn is_simple(&self, f: &Function, nargs: usize) -> bool {
        let c = &f.code;
        let argcount = c.argcount as usize;
        // Positional arguments only, the missing ones (if any) filled from the defaults.
        c.flags == 0 && c.kwonlyargcount == 0 && nargs <= argcount && nargs + f.defaults.borrow().len() >= argcount
    }

    /// `is_simple` for a generator, coroutine or async generator function: its call only
    /// binds the frame the new generator keeps (`asyncio.sleep(0)`, a generator expression).
    pub(super) fn is_simple_generator(&self, f: &Function, nargs: usize) -> bool {
        use crate::lang::bytecode::{CO_ASYNC_GENERATOR, CO_COROUTINE, CO_GENERATOR};
        let c = &f.code;
        let kinds = CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR;
        let argcount = c.argcount as usize;
        c.flags & kinds != 0
            && c.flags & !kinds == 0
            && c.kwonlyargcount == 0
            && nargs <= argcount
            && nargs + f.defaults.borrow().len() >= argcount
    }

    fn new_cells(&self, f: &Function, locals: &[Option<Value>]) -> Vec<CellRef> {
        let c = &f.code;
        if c.cellvars.is_empty() && f.closure.is_empty() {
            return Vec::new();
        }
        let mut cells: Vec<CellRef> = Vec::with_capacity(c.cellvars.len() + f.closure.len());
        for i in 0..c.cellvars.len() {
            let init = c.cell2arg.get(i).copied().flatten().and_then(|a| locals[a as usize].clone());
            cells.push(Rc::new(RefCell::new(init)));
        }
        cells.extend(f.closure.iter().cloned());
        cells
    }

    /// A frame for `f(*args)` when `is_simple` holds.
    pub(super) fn simple_frame(&mut self, f: &Rc<Function>, args: &[Value], base: usize) -> Frame {
        // Locals vectors are recycled: a call is then free of allocation.
        let mut locals: Vec<Option<Value>> = self.locals_pool.pop().unwrap_or_default();
        locals.extend(args.iter().map(|a| Some(a.clone())));
        let argcount = f.code.argcount as usize;
        if args.len() < argcount {
            // Defaults fill the last parameters (`is_simple` checked there are enough).
            let defaults = f.defaults.borrow();
            let first_default = argcount - defaults.len();
            locals.extend(defaults[args.len() - first_default..].iter().map(|d| Some(d.clone())));
        }
        locals.resize(f.code.nlocals().max(args.len()), None);
        let cells = self.new_cells(f, &locals);
        Frame {
            code: f.code.clone(),
            pc: 0,
            locals,
            cells,
            globals: f.globals.clone(),
            ns: None,
            blocks: Vec::new(),
            base,
            on_return: OnReturn::Push,
        }
    }

    /// Gives a finished frame's locals vector back for reuse.
    pub(super) fn recycle_locals(&mut self, mut locals: Vec<Option<Value>>) {
        if self.locals_pool.len() < 64 && locals.capacity() <= 64 {
            locals.clear();
            self.locals_pool.push(locals);
        }
    }

    /// Binds arguments like CPython's `_PyEval_MakeFrame`, with its error messages.
    pub(super) fn bind_frame(
        &mut self,
        f: &Rc<Function>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Frame, Flow> {
        if kwargs.is_empty() && self.is_simple(f, args.len()) {
            return Ok(self.simple_frame(f, &args, 0));
        }
        let c = f.code.clone();
        let qual = f.qualname.borrow().clone();
        let argcount = c.argcount as usize;
        let kwonly = c.kwonlyargcount as usize;
        // From the pool, as `simple_frame`'s (a call with defaults, `*args` or keywords).
        let mut locals: Vec<Option<Value>> = self.locals_pool.pop().unwrap_or_default();
        locals.resize(c.nlocals(), None);
        let npos = args.len().min(argcount);
        let mut args = args;
        let extra: Vec<Value> = if args.len() > argcount { args.split_off(argcount) } else { Vec::new() };
        for (i, a) in args.into_iter().enumerate() {
            locals[i] = Some(a);
        }
        let mut slot = argcount + kwonly;
        if c.has_varargs() {
            locals[slot] = Some(Value::tuple(extra));
            slot += 1;
        } else if !extra.is_empty() {
            let given = npos + extra.len();
            let defaults = f.defaults.borrow().len();
            let kw_given = kwargs.iter().filter(|(k, _)| c.varnames[..argcount].iter().any(|n| n == k)).count();
            let takes = if defaults > 0 {
                format!("from {} to {} positional arguments", argcount - defaults, argcount)
            } else {
                format!("{} positional argument{}", argcount, if argcount == 1 { "" } else { "s" })
            };
            let msg = if kw_given > 0 {
                format!(
                    "{qual}() takes {takes} but {given} positional argument{} (and {kw_given} keyword-only argument{}) were given",
                    if given == 1 { "" } else { "s" },
                    if kw_given == 1 { "" } else { "s" }
                )
            } else {
                format!("{qual}() takes {takes} but {given} {} given", if given == 1 { "was" } else { "were" })
            };
            return Err(self.err("TypeError", msg));
        }
        let kwdict = if c.has_varkeywords() {
            let d = Rc::new(RefCell::new(Dict::new()));
            locals[slot] = Some(Value::Dict(d.clone()));
            Some(d)
        } else {
            None
        };
        for (k, v) in kwargs {
            let pos = c.varnames[..argcount + kwonly].iter().position(|n| *n == k);
            match pos {
                Some(i) => {
                    if locals[i].is_some() {
                        return Err(self.err("TypeError", format!("{qual}() got multiple values for argument '{k}'")));
                    }
                    locals[i] = Some(v);
                }
                None => match &kwdict {
                    Some(d) => d.borrow_mut().set_str(&k, v),
                    None => {
                        return Err(self.err("TypeError", format!("{qual}() got an unexpected keyword argument '{k}'")));
                    }
                },
            }
        }
        // Defaults fill the last parameters.
        let defaults = f.defaults.borrow();
        let first_default = argcount - defaults.len().min(argcount);
        let mut missing = Vec::new();
        for (i, slot) in locals.iter_mut().enumerate().take(argcount) {
            if slot.is_none() {
                if i >= first_default {
                    *slot = Some(defaults[i - first_default].clone());
                } else {
                    missing.push(c.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.err(
                "TypeError",
                format!(
                    "{qual}() missing {} required positional argument{}: {}",
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    name_list(&missing)
                ),
            ));
        }
        let mut missing_kw = Vec::new();
        for (i, slot) in locals.iter_mut().enumerate().take(argcount + kwonly).skip(argcount) {
            if slot.is_none() {
                match f.kwdefaults.borrow().iter().find(|(n, _)| *n == c.varnames[i]) {
                    Some((_, v)) => *slot = Some(v.clone()),
                    None => missing_kw.push(c.varnames[i].clone()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(self.err(
                "TypeError",
                format!(
                    "{qual}() missing {} required keyword-only argument{}: {}",
                    missing_kw.len(),
                    if missing_kw.len() == 1 { "" } else { "s" },
                    name_list(&missing_kw)
                ),
            ));
        }
        let cells = self.new_cells(f, &locals);
        Ok(Frame {
            code: c,
            pc: 0,
            locals,
            cells,
            globals: f.globals.clone(),
            ns: None,
            blocks: Vec::new(),
            base: 0,
            on_return: OnReturn::Push,
        })
    }

    /// Calls anything callable. Python functions come back as a frame to push.
    pub(super) fn invoke(
        &mut self,
        func: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
        _at: usize,
    ) -> Result<Called, Flow> {
        match func {
            Value::Function(f) => {
                let frame = self.bind_frame(f, args, kwargs)?;
                if f.code.is_generator() {
                    return Ok(Called::Value(self.new_generator(frame)));
                }
                Ok(Called::Frame(Box::new(frame)))
            }
            Value::Builtin(b) => self.call_builtin(b, args, &kwargs).map(Called::Value),
            Value::BoundMethod(m) => {
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(m.receiver.clone());
                full.extend(args);
                let f = m.func.clone();
                self.invoke(&f, full, kwargs, _at)
            }
            Value::Class(c) => self.instantiate(c, args, kwargs),
            Value::Instance(_) => match self.lookup_special(func, "__call__") {
                Some(call) => {
                    let mut full = vec![func.clone()];
                    full.extend(args);
                    self.invoke(&call, full, kwargs, _at)
                }
                None => Err(self.err("TypeError", format!("'{}' object is not callable", func.type_name()))),
            },
            _ => Err(self.err("TypeError", format!("'{}' object is not callable", func.type_name()))),
        }
    }

    pub(super) fn call_builtin(
        &mut self,
        b: &Rc<Builtin>,
        args: Vec<Value>,
        kwargs: &[(Rc<str>, Value)],
    ) -> Result<Value, Flow> {
        match &b.bound {
            Some(recv) => {
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(recv.clone());
                full.extend(args);
                (b.func)(self, &full, kwargs)
            }
            None => (b.func)(self, &args, kwargs),
        }
    }

    fn instantiate(&mut self, c: &Rc<Class>, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> Result<Called, Flow> {
        // A metaclass's Python `__call__` decides what calling the class does.
        if let Some(m) = &c.meta {
            if let Some(call) = m.lookup("__call__") {
                if !matches!(call, Value::Builtin(_)) {
                    let mut full = Vec::with_capacity(args.len() + 1);
                    full.push(Value::Class(c.clone()));
                    full.extend(args);
                    return self.invoke(&call, full, kwargs, 0);
                }
            }
        }
        self.instantiate_plain(c, args, kwargs)
    }

    /// `type.__call__(cls, *args, **kwargs)` run to its end (a metaclass's
    /// `super().__call__(...)`): `__new__` then `__init__`, nested.
    pub(crate) fn construct_nested(
        &mut self,
        c: &Rc<Class>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, Flow> {
        match self.instantiate_plain(c, args, kwargs)? {
            Called::Value(v) => Ok(v),
            Called::Frame(frame) => self.run_nested_frame(*frame),
        }
    }

    /// The Python `__init__` that calling `c` with `nargs` positional arguments (the new
    /// instance counted) runs, when that call is only "make a plain instance, run its
    /// `__init__`" and the `__init__` takes them as a simple frame: no metaclass, no
    /// `__new__` of the program's, not an exception, a `type`, a builtin value type's or a
    /// `threading.local` subclass. None: `instantiate` must decide.
    pub(super) fn simple_init(&self, c: &Rc<Class>, nargs: usize) -> Option<Rc<super::value::Function>> {
        // A subclass of a builtin value type (`class Tally(dict)`) holds that value: its
        // instance is made by `instantiate`.
        if c.builtin || c.kind != ClassKind::Object || c.meta.is_some() || c.value_base.is_some() {
            return None;
        }
        if !matches!(c.lookup_static("__new__"), None | Some(Value::Builtin(_))) {
            return None;
        }
        if c.is_subclass_of(&self.types.type_) {
            return None;
        }
        if let Some(local) = self.types.natives.get("_local") {
            if c.mro().any(|k| Rc::ptr_eq(k, local)) {
                return None;
            }
        }
        match c.lookup_static("__init__") {
            Some(Value::Function(f)) if self.is_simple(&f, nargs) => Some(f),
            _ => None,
        }
    }

    fn instantiate_plain(
        &mut self,
        c: &Rc<Class>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Called, Flow> {
        if Rc::ptr_eq(c, &self.types.type_) {
            return match args.as_slice() {
                [v] => Ok(Called::Value(Value::Class(self.class_of(v)))),
                _ => Ok(Called::Value(self.type_from_parts(&args)?)),
            };
        }
        if c.kind == ClassKind::Builtin || (c.builtin && c.kind != ClassKind::Exception) {
            if Rc::ptr_eq(c, &self.types.object) {
                return Ok(Called::Value(self.new_instance(c, Vec::new())));
            }
            // Builtin types construct through their native `__new__` (without the class).
            let new = c.dict.borrow().get_str("__new__");
            if let Some(Value::Builtin(b)) = new {
                return (b.func)(self, &args, &kwargs).map(Called::Value);
            }
            return Err(self.err("TypeError", format!("cannot create '{}' instances", c.name)));
        }
        // A `__new__` written in Python makes the object (as a frame: it may block);
        // `__init__` follows if it returned an instance of the class.
        if let Some(new) = c.lookup_static("__new__") {
            let func = match &new {
                Value::Instance(i) if &*i.class.borrow().name == "staticmethod" => {
                    i.dict.borrow().get_str("__func__").unwrap_or(Value::None)
                }
                other => other.clone(),
            };
            if !matches!(func, Value::Builtin(_)) {
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(Value::Class(c.clone()));
                full.extend(args.iter().cloned());
                return match self.invoke(&func, full, kwargs.clone(), 0)? {
                    Called::Value(v) => self.after_new(c, v, args, kwargs),
                    Called::Frame(mut frame) => {
                        frame.on_return = OnReturn::New { cls: c.clone(), args, kwargs };
                        Ok(Called::Frame(frame))
                    }
                };
            }
        }
        if c.is_subclass_of(&self.types.type_) {
            // A metaclass without a Python `__new__`: `type.__new__` makes the class.
            let made = self.type_new_with(c, &args, kwargs.clone())?;
            return self.init_instance(c, made, args, kwargs, true);
        }
        // A subclass of a builtin value type: the instance holds a value of that type (empty
        // for list/dict/set, whose `__init__` fills it; built from the arguments otherwise).
        if let Some(vb) = c.value_base.clone() {
            let made = crate::vm::builtins::subclass::make_value_instance(self, c, &vb, &args, &kwargs)?;
            let mutable = self.types.is_mutable_value_type(&vb);
            return self.init_instance(c, made, args, kwargs, !mutable);
        }
        let instance = match self.types.natives.get("_local").cloned() {
            Some(local) if c.mro().any(|k| Rc::ptr_eq(k, &local)) => self.new_local_subclass(c, &args, &kwargs)?,
            // Only an exception keeps its arguments (`args`): no copy for the others.
            _ => self.new_instance(c, if c.kind == ClassKind::Exception { args.clone() } else { Vec::new() }),
        };
        self.init_instance(c, instance, args, kwargs, false)
    }

    /// What a Python `__new__` returned: an instance of `c` is initialised with the call's
    /// arguments; anything else is the call's result as it is.
    pub(super) fn after_new(
        &mut self,
        c: &Rc<Class>,
        made: Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Called, Flow> {
        if !self.isinstance(&made, c) {
            return Ok(Called::Value(made));
        }
        let cls = self.class_of(&made);
        self.init_instance(&cls, made, args, kwargs, true)
    }

    /// Runs `c.__init__` on a new instance: a Python `__init__` as a frame.
    fn init_instance(
        &mut self,
        c: &Rc<Class>,
        instance: Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
        new_overridden: bool,
    ) -> Result<Called, Flow> {
        let init = c.lookup_static("__init__");
        match init {
            Some(Value::Function(f)) => {
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(instance.clone());
                full.extend(args);
                let mut frame = self.bind_frame(&f, full, kwargs)?;
                frame.on_return = OnReturn::Init(instance);
                Ok(Called::Frame(Box::new(frame)))
            }
            // `list.__init__`, `dict.__init__`, `set.__init__` of a subclass's instance.
            Some(Value::Builtin(b)) if c.value_base.as_ref().is_some_and(|vb| self.types.is_mutable_value_type(vb)) => {
                let mut full = vec![instance.clone()];
                full.extend(args);
                (b.func)(self, &full, &kwargs)?;
                Ok(Called::Value(instance))
            }
            Some(Value::Builtin(b)) if c.kind == ClassKind::Exception => {
                let mut full = vec![instance.clone()];
                full.extend(args);
                (b.func)(self, &full, &kwargs)?;
                Ok(Called::Value(instance))
            }
            _ => {
                if (!args.is_empty() || !kwargs.is_empty()) && c.kind != ClassKind::Exception && !new_overridden {
                    return Err(self.err("TypeError", format!("{}() takes no arguments", c.name)));
                }
                Ok(Called::Value(instance))
            }
        }
    }

    /// An instance of a `threading.local` subclass: a native local (one attribute dict per
    /// thread) of that class, keeping the arguments its `__init__` runs with in other threads.
    fn new_local_subclass(
        &mut self,
        c: &Rc<Class>,
        args: &[Value],
        kwargs: &[(Rc<str>, Value)],
    ) -> Result<Value, Flow> {
        let python_init = matches!(c.lookup("__init__"), Some(Value::Function(_)));
        if !python_init && (!args.is_empty() || !kwargs.is_empty()) {
            return Err(self.err("TypeError", "Initialization arguments are not supported"));
        }
        let serial = self.next_serial();
        let init = python_init.then(|| Box::new((args.to_vec(), kwargs.to_vec())));
        Ok(Value::Native(super::value::NativeObj::new(
            c.clone(),
            serial,
            super::native::NativeData::Local { per_thread: vec![(self.tid, super::Dict::new())], init },
        )))
    }

    pub fn new_instance(&self, c: &Rc<Class>, args: Vec<Value>) -> Value {
        if c.kind == ClassKind::Exception {
            let os_error = &self.types.exceptions["OSError"];
            if c.is_subclass_of(os_error) {
                // `OSError(2, 'x')` is a FileNotFoundError, as CPython's `OSError.__new__` decides.
                let mapped = match args.first() {
                    Some(Value::Int(e)) if Rc::ptr_eq(c, os_error) && (2..=5).contains(&args.len()) => {
                        crate::vm::builtins::object::os_error_subclass(*e).map(|n| self.types.exceptions[n].clone())
                    }
                    _ => None,
                };
                let c = mapped.as_ref().unwrap_or(c);
                let inst = Instance::new(c.clone(), Some(ExcData { args: args.clone(), ..ExcData::default() }));
                crate::vm::builtins::object::os_error_fill(&inst, &args);
                return Value::Instance(inst);
            }
        }
        let family =
            if c.kind == ClassKind::Exception { crate::vm::builtins::object::keyword_attrs(self, c) } else { None };
        let msg = if args.len() == 1 { args[0].clone() } else { Value::None };
        let exc = if c.kind == ClassKind::Exception { Some(ExcData { args, ..ExcData::default() }) } else { None };
        let inst = Instance::new(c.clone(), exc);
        if let Some((family, attrs)) = family {
            // CPython's ImportError: `msg` (its one argument); its keyword attributes (`name`,
            // `path`; AttributeError's `name`, `obj`; NameError's `name`) start as None.
            let mut d = inst.dict.borrow_mut();
            if family == "ImportError" {
                d.set_str("msg", msg);
            }
            for a in attrs {
                d.set_str(a, Value::None);
            }
        }
        Value::Instance(inst)
    }

    /// Runs any callable to completion (natives calling back into Python: `sorted(key=)`,
    /// `__repr__`, `__eq__`...). The nested run may not block: a request raises RuntimeError
    /// naming the limitation, inside the callback where the request was made, so that the
    /// callback's own `try`/`except` may handle it (CPython's multiprocessing reprs fall back
    /// to "unknown" when they cannot read a semaphore).
    pub(super) fn call_nested(
        &mut self,
        func: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, Flow> {
        match self.invoke(func, args, kwargs, 0)? {
            Called::Value(v) => Ok(v),
            Called::Frame(frame) => self.run_nested_frame(*frame),
        }
    }

    /// Runs a frame to its end inside the current instruction (see `call_nested`).
    pub(super) fn run_nested_frame(&mut self, frame: Frame) -> Result<Value, Flow> {
        let mut ts = ThreadState::default();
        ts.frames.push(frame);
        self.run_nested(&mut ts)
    }

    /// Runs a thread of its own (a callback, a generator resumed by a native) to its end,
    /// counting its instructions in `nested_steps`. It may not block: a request raises
    /// RuntimeError where it was made.
    pub(super) fn run_nested(&mut self, ts: &mut ThreadState) -> Result<Value, Flow> {
        self.depth += 1;
        if self.depth > 200 {
            self.depth -= 1;
            return Err(self.err("RecursionError", "maximum recursion depth exceeded"));
        }
        let outcome = loop {
            let (outcome, steps) = self.run(ts, u64::MAX);
            self.nested_steps += steps;
            let RunEnd::Request(_) = outcome else { break outcome };
            // The request suspended its frame before the call instruction: step past it
            // again, as a raising instruction does, and raise there.
            ts.suspended = None;
            if let Some(f) = ts.frames.last_mut() {
                f.pc += 1;
            }
            let Flow::Raise(exc) = self.err(
                "RuntimeError",
                "concsim does not support blocking (locks, sleep, join...) inside __repr__, __eq__, sort keys or other callbacks called from builtins",
            ) else {
                unreachable!("err builds an exception")
            };
            if let Some(o) = self.raise_in(ts, exc, true) {
                break o;
            }
        };
        self.depth -= 1;
        super::interp::run_end_value(self, outcome)
    }
}
