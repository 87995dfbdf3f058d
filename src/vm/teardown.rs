//! Teardown of process heaps when a run ends: values are `Rc`s without a cycle collector, and
//! a Python heap is full of cycles (a module's globals hold its functions, whose `globals`
//! is the module; a class's dict holds methods whose `defining_class` is the class; a
//! `Thread` in `threading._active`…), so dropping a finished run's `Machine` alone freed
//! almost nothing: `explore` leaked ~80 KB per schedule.
//!
//! `Heap` walks everything reachable from the roots it is given (modules, interpreter
//! fields, thread stacks and frames, kernel answers) and empties every mutable container it
//! reaches (dicts, lists, sets, cells, module globals, class and instance dicts, iterators,
//! native objects' values): every cycle passes through one of them, so the plain drops that
//! follow free the whole heap. Immutable composites (tuples, functions' defaults, bound
//! methods) are only walked, once each. Invariant: only called when nothing will run on these
//! heaps again (the machine is being dropped); builtin classes and code (shared by every run
//! of a thread, `sim::TYPES`, the compile caches) are never touched. Cost: one visit per
//! object reachable at the end of the run.

use super::frame::{Frame, OnReturn, ThreadState};
use super::native::NativeData;
use super::value::{CellRef, Class, IterState, Module, Value};
use super::Interp;
use rustc_hash::FxHashSet;
use std::rc::Rc;

/// A teardown in progress: values still to empty, and the immutable composites already
/// walked.
#[derive(Default)]
pub struct Heap {
    todo: Vec<Value>,
    seen: FxHashSet<usize>,
}

impl Heap {
    /// A value to empty (and everything reachable from it).
    pub fn value(&mut self, v: Value) {
        if is_leaf(&v) {
            return;
        }
        self.todo.push(v);
    }

    fn values(&mut self, vs: impl IntoIterator<Item = Value>) {
        for v in vs {
            self.value(v);
        }
    }

    fn module(&mut self, m: Rc<Module>) {
        self.value(Value::Module(m));
    }

    fn cell(&mut self, c: &CellRef) {
        let v = c.borrow_mut().take();
        if let Some(v) = v {
            self.value(v);
        }
    }

    fn class(&mut self, c: Rc<Class>) {
        if !c.builtin {
            self.value(Value::Class(c));
        }
    }

    /// A thread's stack, frames and handled exception.
    pub fn thread(&mut self, ts: ThreadState) {
        let ThreadState { stack, frames, exc, suspended: _ } = ts;
        self.values(stack);
        self.values(exc);
        for f in frames {
            self.frame(f);
        }
    }

    fn frame(&mut self, f: Frame) {
        self.values(f.locals.into_iter().flatten());
        for c in &f.cells {
            self.cell(c);
        }
        self.module(f.globals);
        if let Some(ns) = f.ns {
            self.value(Value::Dict(ns));
        }
        match f.on_return {
            OnReturn::Init(v) => self.value(v),
            OnReturn::Class { ns, bases, kwargs, .. } => {
                self.value(Value::Dict(ns));
                for b in bases {
                    self.class(b);
                }
                self.values(kwargs.into_iter().map(|(_, v)| v));
            }
            OnReturn::New { cls, args, kwargs } => {
                self.class(cls);
                self.values(args);
                self.values(kwargs.into_iter().map(|(_, v)| v));
            }
            OnReturn::Gen(r) => {
                self.value(Value::Native(r.gen));
                self.values(r.caller_exc);
                self.values(r.default);
                if let Some(op) = r.op {
                    self.value(Value::Native(op));
                }
            }
            OnReturn::Push | OnReturn::Discard | OnReturn::PushAttr | OnReturn::Spread => {}
        }
    }

    /// A process heap's roots: its modules, its hooks, its files, its object numbering.
    pub fn interp(&mut self, it: &mut Interp) {
        self.module(it.builtins.clone());
        let modules = std::mem::take(&mut it.modules);
        self.values(modules.into_values());
        self.values(std::mem::take(&mut it.atexit));
        self.values(std::mem::take(&mut it.shutdown_hooks));
        self.values(std::mem::take(&mut it.after_fork_child));
        self.values(it.handling.take());
        self.values(std::mem::take(&mut it.signals.handlers).into_iter().map(|(_, h)| h));
        self.value(std::mem::replace(&mut it.stdout_obj, Value::None));
        self.value(std::mem::replace(&mut it.stderr_obj, Value::None));
        self.values(std::mem::take(&mut it.explore_ids).into_kept());
    }

    /// Empties everything reachable from the values given so far.
    pub fn run(&mut self) {
        while let Some(v) = self.todo.pop() {
            self.empty(v);
        }
    }

    fn empty(&mut self, v: Value) {
        let v_ptr = v.identity_ptr();
        match v {
            Value::List(l) => {
                let items = std::mem::take(&mut *l.borrow_mut());
                self.values(items);
            }
            Value::Dict(d) => {
                let map = std::mem::take(&mut d.borrow_mut().map);
                for (k, v) in map {
                    self.value(k.0);
                    self.value(v);
                }
            }
            Value::Set(s) => {
                let set = std::mem::take(&mut *s.borrow_mut());
                self.values(set.into_iter().map(|k| k.0));
            }
            Value::Cell(c) => self.cell(&c),
            Value::Module(m) => {
                let values = std::mem::take(&mut m.globals.borrow_mut().values);
                self.values(values.into_iter().flatten());
            }
            Value::Class(c) => {
                if c.builtin {
                    return;
                }
                let map = std::mem::take(&mut c.dict.borrow_mut().map);
                for (k, v) in map {
                    self.value(k.0);
                    self.value(v);
                }
                if self.seen.insert(Rc::as_ptr(&c) as usize) {
                    for b in c.bases.iter().chain(c.mro_rest.iter()) {
                        self.class(b.clone());
                    }
                }
            }
            Value::Instance(i) => {
                let map = std::mem::take(&mut i.dict.borrow_mut().map);
                for (k, v) in map {
                    self.value(k.0);
                    self.value(v);
                }
                if let Some(exc) = &i.exc {
                    let e = std::mem::take(&mut *exc.borrow_mut());
                    self.values(e.args);
                    self.values(e.cause);
                    self.values(e.context);
                }
                let class = i.class.borrow().clone();
                self.class(class);
            }
            Value::Function(f) => {
                let map = std::mem::take(&mut f.dict.borrow_mut().map);
                for (k, v) in map {
                    self.value(k.0);
                    self.value(v);
                }
                for c in &f.closure {
                    self.cell(c);
                }
                if let Some(c) = f.defining_class.borrow_mut().take() {
                    self.class(c);
                }
                if self.seen.insert(Rc::as_ptr(&f) as usize) {
                    self.module(f.globals.clone());
                    let defaults = f.defaults.borrow().clone();
                    self.values(defaults);
                    let kwdefaults = f.kwdefaults.borrow().clone();
                    self.values(kwdefaults.into_iter().map(|(_, v)| v));
                }
            }
            Value::Iter(it) => {
                let state = std::mem::replace(&mut *it.borrow_mut(), IterState::Exhausted);
                match state {
                    IterState::Seq { seq, .. } => self.value(seq),
                    IterState::DictView { items, .. } => {
                        for (a, b) in items {
                            self.value(a);
                            self.value(b);
                        }
                    }
                    IterState::Values { items, .. } => self.values(items),
                    IterState::Enumerate { inner, .. } => self.value(inner),
                    IterState::Zip { inners } => self.values(inners),
                    IterState::Map { func, inners } => {
                        self.value(func);
                        self.values(inners);
                    }
                    IterState::Filter { func, inner } => {
                        self.value(func);
                        self.value(inner);
                    }
                    IterState::Range { .. } | IterState::Exhausted => {}
                }
            }
            Value::Native(n) => {
                let mut data = n.data.borrow_mut();
                match &mut *data {
                    NativeData::Local { per_thread, init } => {
                        if let Some(i) = init.take() {
                            let (args, kwargs) = *i;
                            self.values(args);
                            self.values(kwargs.into_iter().map(|(_, v)| v));
                        }
                        for (_, d) in std::mem::take(per_thread) {
                            for (k, v) in d.map {
                                self.value(k.0);
                                self.value(v);
                            }
                        }
                    }
                    NativeData::Opaque(v) => {
                        let v = std::mem::replace(v, Value::None);
                        drop(data);
                        self.value(v);
                    }
                    NativeData::Generator(g) => {
                        let frame = g.frame.take();
                        let stack = std::mem::take(&mut g.stack);
                        let exc = g.exc.take();
                        drop(data);
                        if let Some(f) = frame {
                            self.frame(f);
                        }
                        self.values(stack);
                        self.values(exc);
                    }
                    NativeData::AsyncGenOp(o) => {
                        let gen = o.gen.clone();
                        let first = o.first.take();
                        drop(data);
                        self.value(Value::Native(gen));
                        if let Some(
                            crate::vm::generator::Resumption::Send(v) | crate::vm::generator::Resumption::Throw(v),
                        ) = first
                        {
                            self.value(v);
                        }
                    }
                    _ => {}
                }
            }
            // Immutable composites: walked once each.
            Value::Tuple(t) if self.seen.insert(v_ptr) => self.values(t.iter().cloned()),
            Value::FrozenSet(s) if self.seen.insert(v_ptr) => self.values(s.iter().map(|k| k.0.clone())),
            Value::Slice(s) if self.seen.insert(v_ptr) => {
                self.values([s.start.clone(), s.stop.clone(), s.step.clone()])
            }
            Value::BoundMethod(m) if self.seen.insert(v_ptr) => self.values([m.receiver.clone(), m.func.clone()]),
            Value::Builtin(b) if self.seen.insert(v_ptr) => self.values(b.bound.clone()),
            _ => {}
        }
    }
}

/// Values that hold no other value (or only shared immutable code).
fn is_leaf(v: &Value) -> bool {
    matches!(
        v,
        Value::None
            | Value::NotImplemented
            | Value::Ellipsis
            | Value::Bool(_)
            | Value::Int(_)
            | Value::BigInt(_)
            | Value::Float(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::Range(_)
            | Value::Code(_)
    ) || matches!(v, Value::Class(c) if c.builtin)
        || matches!(v, Value::Builtin(b) if b.bound.is_none())
}
