//! `fork`: a deep copy of a process heap (its `Interp` and the forking thread's state) that
//! preserves sharing and cycles, as the kernel's copy-on-write does for a real process.
//! Invariant: after `fork`, no mutable object is reachable from both heaps; immutable
//! shared things (code, strings, builtin classes, builtin functions) are shared by pointer.
//!
//! Objects whose fields are not all `RefCell` (functions, tuples, bound methods, classes'
//! bases) are built after their children; when a cycle leads back to such an object while
//! its children are being copied, the copy made inside the cycle wins (memo checked again).

use super::async_gen::AsyncOp;
use super::frame::{Frame, OnReturn, ThreadState};
use super::generator::{GenResume, GenState, Resumption};
use super::native::NativeData;
use super::value::*;
use super::{Dict, Interp, Key, Set};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Default)]
pub struct Copier {
    memo: FxHashMap<usize, Value>,
    modules: FxHashMap<usize, Rc<Module>>,
    classes: FxHashMap<usize, Rc<Class>>,
    cells: FxHashMap<usize, CellRef>,
}

impl Copier {
    pub fn module(&mut self, m: &Rc<Module>) -> Rc<Module> {
        let k = Rc::as_ptr(m) as usize;
        if let Some(c) = self.modules.get(&k) {
            return c.clone();
        }
        let copy = Rc::new(Module { name: m.name.clone(), globals: RefCell::new(Globals::default()) });
        self.modules.insert(k, copy.clone());
        let g = m.globals.borrow().clone();
        let values = g.values.iter().map(|v| v.as_ref().map(|v| self.value(v))).collect();
        *copy.globals.borrow_mut() = Globals { names: g.names, values, index: g.index };
        copy
    }

    pub fn class(&mut self, c: &Rc<Class>) -> Rc<Class> {
        if c.builtin {
            return c.clone();
        }
        let k = Rc::as_ptr(c) as usize;
        if let Some(x) = self.classes.get(&k) {
            return x.clone();
        }
        let bases: Vec<Rc<Class>> = c.bases.iter().map(|b| self.class(b)).collect();
        let mro_rest: Vec<Rc<Class>> = c.mro_rest.iter().map(|b| self.class(b)).collect();
        let meta = c.meta.as_ref().map(|m| self.class(m));
        if let Some(x) = self.classes.get(&k) {
            return x.clone();
        }
        let copy = Rc::new(Class {
            name: c.name.clone(),
            qualname: c.qualname.clone(),
            mro_rest,
            bases,
            dict: super::value::ClassDict::new(Dict::new()),
            module: c.module.clone(),
            kind: c.kind,
            builtin: false,
            meta,
            value_base: c.value_base.clone(),
        });
        self.classes.insert(k, copy.clone());
        let d = self.dict(&c.dict.borrow());
        *copy.dict.borrow_mut() = d;
        copy
    }

    fn cell(&mut self, c: &CellRef) -> CellRef {
        let k = Rc::as_ptr(c) as usize;
        if let Some(x) = self.cells.get(&k) {
            return x.clone();
        }
        let copy: CellRef = Rc::new(RefCell::new(None));
        self.cells.insert(k, copy.clone());
        let v = c.borrow().as_ref().map(|v| self.value(v));
        *copy.borrow_mut() = v;
        copy
    }

    pub fn dict(&mut self, d: &Dict) -> Dict {
        let mut out = Dict::new();
        for (k, v) in d.iter() {
            let k2 = Key(self.value(&k.0));
            out.insert(k2, self.value(v));
        }
        out
    }

    fn set(&mut self, s: &Set) -> Set {
        s.iter().map(|k| Key(self.value(&k.0))).collect()
    }

    fn values(&mut self, vs: &[Value]) -> Vec<Value> {
        vs.iter().map(|v| self.value(v)).collect()
    }

    fn remember(&mut self, k: usize, v: Value) -> Value {
        self.memo.insert(k, v.clone());
        v
    }

    pub fn value(&mut self, v: &Value) -> Value {
        match v {
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
            | Value::Code(_) => return v.clone(),
            Value::Class(c) => return Value::Class(self.class(c)),
            Value::Module(m) => return Value::Module(self.module(m)),
            Value::Cell(c) => return Value::Cell(self.cell(c)),
            Value::Builtin(b) if b.bound.is_none() => return v.clone(),
            _ => {}
        }
        let k = v.identity_ptr();
        if let Some(x) = self.memo.get(&k) {
            return x.clone();
        }
        match v {
            Value::Tuple(t) => {
                let items = self.values(t);
                if let Some(x) = self.memo.get(&k) {
                    return x.clone();
                }
                self.remember(k, Value::tuple(items))
            }
            Value::List(l) => {
                let copy = Rc::new(RefCell::new(Vec::new()));
                self.remember(k, Value::List(copy.clone()));
                let items = self.values(&l.borrow());
                *copy.borrow_mut() = items;
                Value::List(copy)
            }
            Value::Dict(d) => {
                let copy = Rc::new(RefCell::new(Dict::new()));
                self.remember(k, Value::Dict(copy.clone()));
                let items = self.dict(&d.borrow());
                *copy.borrow_mut() = items;
                Value::Dict(copy)
            }
            Value::Set(s) => {
                let copy = Rc::new(RefCell::new(Set::default()));
                self.remember(k, Value::Set(copy.clone()));
                let items = self.set(&s.borrow());
                *copy.borrow_mut() = items;
                Value::Set(copy)
            }
            Value::FrozenSet(s) => {
                let items = self.set(s);
                if let Some(x) = self.memo.get(&k) {
                    return x.clone();
                }
                self.remember(k, Value::FrozenSet(Rc::new(items)))
            }
            Value::Slice(s) => {
                let (a, b, c) = (self.value(&s.start), self.value(&s.stop), self.value(&s.step));
                self.remember(k, Value::Slice(Rc::new(SliceObj { start: a, stop: b, step: c })))
            }
            Value::Function(f) => {
                let globals = self.module(&f.globals);
                let defaults = self.values(&f.defaults.borrow());
                let kwdefaults = f.kwdefaults.borrow().iter().map(|(n, v)| (n.clone(), self.value(v))).collect();
                let closure = f.closure.iter().map(|c| self.cell(c)).collect();
                let defining_class = f.defining_class.borrow().as_ref().map(|c| self.class(c));
                let dict = self.dict(&f.dict.borrow());
                if let Some(x) = self.memo.get(&k) {
                    return x.clone();
                }
                self.remember(
                    k,
                    Value::Function(Rc::new(Function {
                        code: f.code.clone(),
                        globals,
                        defaults: RefCell::new(defaults),
                        kwdefaults: RefCell::new(kwdefaults),
                        closure,
                        name: RefCell::new(f.name.borrow().clone()),
                        qualname: RefCell::new(f.qualname.borrow().clone()),
                        defining_class: RefCell::new(defining_class),
                        dict: RefCell::new(dict),
                    })),
                )
            }
            Value::Builtin(b) => {
                let bound = b.bound.as_ref().map(|x| self.value(x));
                if let Some(x) = self.memo.get(&k) {
                    return x.clone();
                }
                self.remember(k, Value::Builtin(Rc::new(Builtin { name: b.name, func: b.func, bound })))
            }
            Value::BoundMethod(m) => {
                let receiver = self.value(&m.receiver);
                let func = self.value(&m.func);
                if let Some(x) = self.memo.get(&k) {
                    return x.clone();
                }
                self.remember(k, Value::BoundMethod(Rc::new(BoundMethod { receiver, func })))
            }
            Value::Instance(i) => {
                let class = self.class(&i.class.borrow());
                if let Some(x) = self.memo.get(&k) {
                    return x.clone();
                }
                let exc = i.exc.as_ref().map(|_| ExcData::default());
                // The attribute dict is an object of its own (`obj.__dict__` may be held
                // elsewhere): copied through the memo, so its sharing survives the fork.
                let dk = Rc::as_ptr(&i.dict) as usize;
                let (dict, fill) = match self.memo.get(&dk) {
                    Some(Value::Dict(d)) => (d.clone(), false),
                    _ => {
                        let d = Rc::new(RefCell::new(Dict::new()));
                        self.remember(dk, Value::Dict(d.clone()));
                        (d, true)
                    }
                };
                let copy = Rc::new(Instance {
                    class: RefCell::new(class),
                    dict: dict.clone(),
                    exc: exc.map(RefCell::new),
                    user_hash: std::cell::Cell::new(i.user_hash.get()),
                    base: i.base.as_ref().map(|b| self.value(b)),
                });
                self.remember(k, Value::Instance(copy.clone()));
                if fill {
                    let d = self.dict(&i.dict.borrow());
                    *dict.borrow_mut() = d;
                }
                if let (Some(src), Some(dst)) = (&i.exc, &copy.exc) {
                    let e = src.borrow().clone();
                    let data = ExcData {
                        args: self.values(&e.args),
                        traceback: e.traceback,
                        cause: e.cause.as_ref().map(|c| self.value(c)),
                        context: e.context.as_ref().map(|c| self.value(c)),
                        suppress_context: e.suppress_context,
                        scope: e.scope,
                    };
                    *dst.borrow_mut() = data;
                }
                Value::Instance(copy)
            }
            Value::Iter(it) => {
                let copy = Rc::new(RefCell::new(IterState::Exhausted));
                self.remember(k, Value::Iter(copy.clone()));
                let st = match &*it.borrow() {
                    IterState::Range { next, stop, step } => IterState::Range { next: *next, stop: *stop, step: *step },
                    IterState::Seq { seq, index } => IterState::Seq { seq: self.value(seq), index: *index },
                    IterState::DictView { items, index, what } => IterState::DictView {
                        items: items.iter().map(|(a, b)| (self.value(a), self.value(b))).collect(),
                        index: *index,
                        what: *what,
                    },
                    IterState::Values { items, index } => {
                        IterState::Values { items: self.values(items), index: *index }
                    }
                    IterState::Enumerate { inner, count } => {
                        IterState::Enumerate { inner: self.value(inner), count: *count }
                    }
                    IterState::Zip { inners } => IterState::Zip { inners: self.values(inners) },
                    IterState::Map { func, inners } => {
                        IterState::Map { func: self.value(func), inners: self.values(inners) }
                    }
                    IterState::Filter { func, inner } => {
                        IterState::Filter { func: self.value(func), inner: self.value(inner) }
                    }
                    IterState::Exhausted => IterState::Exhausted,
                };
                *copy.borrow_mut() = st;
                Value::Iter(copy)
            }
            Value::Native(n) => {
                let copy = NativeObj::new(n.class.clone(), n.serial, NativeData::Opaque(Value::None));
                self.remember(k, Value::Native(copy.clone()));
                let data = match &*n.data.borrow() {
                    NativeData::Lock { owner, count, reentrant, waiters: _ } => {
                        // Only the forking thread survives, and nobody waits in the child.
                        NativeData::Lock {
                            owner: *owner,
                            count: *count,
                            reentrant: *reentrant,
                            waiters: Default::default(),
                        }
                    }
                    NativeData::Local { per_thread, init } => NativeData::Local {
                        per_thread: per_thread.iter().map(|(t, d)| (*t, self.dict(d))).collect(),
                        init: init.as_ref().map(|i| {
                            Box::new((self.values(&i.0), i.1.iter().map(|(k, v)| (k.clone(), self.value(v))).collect()))
                        }),
                    },
                    NativeData::File { fd } => NativeData::File { fd: *fd },
                    NativeData::Kernel { id, end } => NativeData::Kernel { id: *id, end: *end },
                    NativeData::Random(r) => NativeData::Random(r.clone()),
                    NativeData::Opaque(v) => NativeData::Opaque(self.value(v)),
                    NativeData::Generator(g) => NativeData::Generator(Box::new(GenState {
                        frame: g.frame.as_ref().map(|f| self.frame(f)),
                        stack: self.values(&g.stack),
                        exc: g.exc.as_ref().map(|e| self.value(e)),
                        coroutine: g.coroutine,
                        async_gen: g.async_gen,
                        running_async: g.running_async,
                        started: g.started,
                        running: g.running,
                        finished: g.finished,
                        name: g.name.clone(),
                        qualname: g.qualname.clone(),
                        code: g.code.clone(),
                    })),
                    NativeData::AsyncGenOp(o) => NativeData::AsyncGenOp(Box::new(AsyncOp {
                        gen: self.native(&o.gen),
                        first: o.first.as_ref().map(|f| match f {
                            Resumption::Send(v) => Resumption::Send(self.value(v)),
                            Resumption::Throw(v) => Resumption::Throw(self.value(v)),
                            Resumption::Close => Resumption::Close,
                        }),
                        mode: o.mode,
                        state: o.state,
                        athrow: o.athrow,
                    })),
                };
                *copy.data.borrow_mut() = data;
                Value::Native(copy)
            }
            _ => v.clone(),
        }
    }

    fn native(&mut self, n: &Rc<NativeObj>) -> Rc<NativeObj> {
        match self.value(&Value::Native(n.clone())) {
            Value::Native(n) => n,
            _ => unreachable!("a native copies to a native"),
        }
    }

    pub fn frame(&mut self, f: &Frame) -> Frame {
        Frame {
            code: f.code.clone(),
            pc: f.pc,
            locals: f.locals.iter().map(|v| v.as_ref().map(|v| self.value(v))).collect(),
            cells: f.cells.iter().map(|c| self.cell(c)).collect(),
            globals: self.module(&f.globals),
            ns: f.ns.as_ref().map(|ns| {
                let d = self.dict(&ns.borrow());
                Rc::new(RefCell::new(d))
            }),
            blocks: f.blocks.clone(),
            base: f.base,
            on_return: match &f.on_return {
                OnReturn::Push => OnReturn::Push,
                OnReturn::Discard => OnReturn::Discard,
                OnReturn::Spread => OnReturn::Spread,
                OnReturn::PushAttr => OnReturn::PushAttr,
                OnReturn::Init(v) => OnReturn::Init(self.value(v)),
                OnReturn::Gen(r) => OnReturn::Gen(GenResume {
                    gen: self.native(&r.gen),
                    mode: r.mode,
                    caller_exc: r.caller_exc.as_ref().map(|e| self.value(e)),
                    default: r.default.as_ref().map(|d| self.value(d)),
                    op: r.op.as_ref().map(|o| self.native(o)),
                }),
                OnReturn::Class { name, bases, ns, kwargs } => OnReturn::Class {
                    name: name.clone(),
                    bases: bases.iter().map(|b| self.class(b)).collect(),
                    ns: {
                        let d = self.dict(&ns.borrow());
                        Rc::new(RefCell::new(d))
                    },
                    kwargs: kwargs.iter().map(|(k, v)| (k.clone(), self.value(v))).collect(),
                },
                OnReturn::New { cls, args, kwargs } => OnReturn::New {
                    cls: self.class(cls),
                    args: self.values(args),
                    kwargs: kwargs.iter().map(|(k, v)| (k.clone(), self.value(v))).collect(),
                },
            },
        }
    }

    pub fn thread(&mut self, ts: &ThreadState) -> ThreadState {
        ThreadState {
            stack: self.values(&ts.stack),
            frames: ts.frames.iter().map(|f| self.frame(f)).collect(),
            exc: ts.exc.as_ref().map(|e| self.value(e)),
            suspended: ts.suspended,
        }
    }
}

impl Interp {
    /// The child's heap and thread after `os.fork()` in thread `ts`.
    pub fn fork(&self, ts: &ThreadState) -> (Interp, ThreadState) {
        let mut c = Copier::default();
        let builtins = c.module(&self.builtins);
        let modules = self.modules.iter().map(|(k, v)| (k.clone(), c.value(v))).collect();
        let child_ts = c.thread(ts);
        let child = Interp {
            pid: self.pid,
            ppid: self.ppid,
            types: self.types.clone(),
            builtins,
            modules,
            out: Vec::new(),
            now_ns: self.now_ns,
            tid: self.tid,
            wakeups: Vec::new(),
            sources: self.sources.clone(),
            next_serial: self.next_serial,
            marker: self.marker.clone(),
            call_base: None,
            depth: 0,
            nested_steps: 0,
            warned: self.warned.clone(),
            switch_interval_ns: self.switch_interval_ns,
            addresses: self.addresses.clone(),
            run_steps: 0,
            io_release: super::slice::IoRelease::Never,
            call_steps: (0, u64::MAX),
            print_rest: Vec::new(),
            pause_at: u64::MAX,
            paused: false,
            atexit: c.values(&self.atexit),
            shutdown_hooks: c.values(&self.shutdown_hooks),
            after_fork_child: c.values(&self.after_fork_child),
            rng: self.rng.clone(),
            eq_keys_seen: self.eq_keys_seen,
            run_seed: self.run_seed,
            cores: self.cores,
            argv: self.argv.clone(),
            stdout_obj: c.value(&self.stdout_obj),
            stderr_obj: c.value(&self.stderr_obj),
            forked_from: self.tid,
            handling: None,
            preempt_any: self.preempt_any,
            explore: false,
            task_choices: crate::vm::TaskChoices::Off,
            explore_access: super::access::Access::Local,
            explore_before: super::access::Access::Local,
            // The child's objects are new ones (explore searches forking programs without
            // reduction: numbering them afresh loses nothing).
            explore_ids: super::access::Ids::default(),
            locals_pool: Vec::new(),
            // The unflushed buffer is part of the copied heap: it gets printed twice.
            stdout_block: self.stdout_block,
            stdout_buf: self.stdout_buf.clone(),
            urandom_draws: self.urandom_draws,
            clock_log: self.clock_log.clone(),
            ordered_ppid: self.ordered_ppid,
            real_commands: self.real_commands,
            command_feed: std::collections::VecDeque::new(),
            // The host's files are shared (one tree per host); the working directory is the
            // process's own, inherited.
            fs: self.fs.clone(),
            cwd: self.cwd.clone(),
            script_dir: self.script_dir.clone(),
            main_path: self.main_path.clone(),
            stdin: self.stdin.clone(),
            // Handlers are inherited; the kernel names the child's main thread.
            signals: super::signals::SignalState {
                handlers: self.signals.handlers.iter().map(|(s, h)| (*s, c.value(h))).collect(),
                default_int_handler: self.signals.default_int_handler.as_ref().map(|h| c.value(h)),
                main_tid: 0,
                version: self.signals.version,
            },
            file_log: Vec::new(),
            spawn_payload: None,
        };
        (child, child_ts)
    }
}
