//! What a thread's next instruction may touch that another thread could also touch: the hook
//! `explore` builds its partial-order reduction on. Invariant: `Access::Local` is only answered
//! for an instruction that reads and writes nothing but its own frame (locals, operand stack,
//! blocks) and immutable values, so it commutes with every instruction of every other thread;
//! anything not understood is `Universal` (conflicts with everything). Only computed while
//! `Interp::explore` is set: a normal run never calls it.

use super::frame::{OnReturn, ThreadState};
use super::value::{IterState, Value};
use super::Interp;
use crate::lang::bytecode::{CmpOp, Code, Instr};
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// The shared state an instruction may touch: a list of (location, is a write), or all of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Access {
    /// Only the thread's own frame and immutable values.
    #[default]
    Local,
    /// These locations (hashed keys; a collision only adds a conflict).
    Objects(Vec<(u64, bool)>),
    /// Anything: kernel requests, calls of natives not understood, imports, thread ends.
    Universal,
}

impl Access {
    pub fn is_local(&self) -> bool {
        matches!(self, Access::Local)
    }

    /// Whether two accesses (of different threads) conflict: they may not commute.
    pub fn conflicts(&self, other: &Access) -> bool {
        match (self, other) {
            (Access::Local, _) | (_, Access::Local) => false,
            (Access::Universal, _) | (_, Access::Universal) => true,
            (Access::Objects(a), Access::Objects(b)) => {
                a.iter().any(|(ka, wa)| b.iter().any(|(kb, wb)| ka == kb && (*wa || *wb)))
            }
        }
    }
}

fn key(tag: u8, ptr: u64, name: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    tag.hash(&mut h);
    ptr.hash(&mut h);
    name.hash(&mut h);
    h.finish()
}

/// A module global (`LoadGlobal`, `module.attr`).
fn global_key(module: u64, name: &str) -> u64 {
    key(1, module, name)
}

/// An attribute of one object.
fn attr_key(ptr: u64, name: &str) -> u64 {
    key(2, ptr, name)
}

/// An attribute name on any class (class attributes reach every instance through the MRO).
fn attr_any_key(name: &str) -> u64 {
    key(3, 0, name)
}

/// A thread's end (what `join` waits for).
pub fn thread_end_key(tid: u32) -> u64 {
    key(5, u64::from(tid), "")
}

/// A thread's start (its first step happens after it).
pub fn thread_start_key(tid: u32) -> u64 {
    key(6, u64::from(tid), "")
}

/// The whole state of a mutable object (list items, dict entries, a lock, a native's data).
fn obj_key(ptr: u64) -> u64 {
    key(4, ptr, "")
}

/// The identity of a mutable object, or None for immutable values (which carry no state that
/// another thread could change). A native (lock, thread-local…) is named by its serial, which
/// is never reused, so a freed lock and a new one at the same address do not look alike.
fn ptr_of(v: &Value) -> Option<u64> {
    let addr = |p: *const u8| p as usize as u64;
    Some(match v {
        Value::List(r) => addr(Rc::as_ptr(r) as *const u8),
        Value::Dict(r) => addr(Rc::as_ptr(r) as *const u8),
        Value::Set(r) => addr(Rc::as_ptr(r) as *const u8),
        Value::Instance(r) => addr(Rc::as_ptr(r) as *const u8),
        Value::Native(r) => (1 << 63) | r.serial,
        Value::Module(r) => addr(Rc::as_ptr(r) as *const u8),
        Value::Class(r) => addr(Rc::as_ptr(r) as *const u8),
        Value::Iter(r) => addr(Rc::as_ptr(r) as *const u8),
        Value::Cell(r) => addr(Rc::as_ptr(r) as *const u8),
        _ => return None,
    })
}

/// Values whose every use (hash, compare, str, truth) runs no Python code and reads no
/// mutable state.
fn is_plain(v: &Value) -> bool {
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
        | Value::Function(_)
        | Value::Builtin(_)
        | Value::Code(_) => true,
        Value::Tuple(t) => t.iter().all(is_plain),
        _ => false,
    }
}

/// Methods of builtin containers (and `lock.locked`) that only read their receiver.
const READ_ONLY_METHODS: &[&str] =
    &["get", "keys", "values", "items", "copy", "count", "index", "locked", "__contains__", "__len__", "__getitem__"];

/// A native method's access to its receiver: a read for the read-only methods of containers.
fn receiver_write(receiver: &Value, method: &str) -> bool {
    let container = matches!(receiver, Value::List(_) | Value::Dict(_) | Value::Set(_))
        || (matches!(receiver, Value::Native(_)) && method == "locked");
    !(container && READ_ONLY_METHODS.contains(&method))
}

/// Builtin functions that read their arguments and change nothing else.
const PURE_BUILTINS: &[&str] = &[
    "range",
    "len",
    "abs",
    "min",
    "max",
    "int",
    "float",
    "bool",
    "str",
    "repr",
    "isinstance",
    "issubclass",
    "type",
    "id",
    "hash",
    "tuple",
    "list",
    "dict",
    "set",
    "sorted",
    "sum",
    "divmod",
    "round",
    "chr",
    "ord",
    "hex",
    "format",
    // Which thread is asking, a new lock: nothing shared.
    "allocate_lock",
    "RLock",
    "get_ident",
    "get_native_id",
    "current_tid",
];

struct Acc(Vec<(u64, bool)>, bool);

impl Acc {
    fn new() -> Acc {
        Acc(Vec::new(), false)
    }
    fn add(&mut self, k: u64, write: bool) {
        self.0.push((k, write));
    }
    fn universal(&mut self) {
        self.1 = true;
    }
    /// A value the instruction reads (or writes) through: an immutable one costs nothing, a
    /// container is a read of its state, an instance may run Python dunders (anything).
    fn value(&mut self, v: &Value, write: bool) {
        match v {
            _ if is_plain(v) => {}
            Value::Instance(_) | Value::FrozenSet(_) | Value::Tuple(_) | Value::Slice(_) | Value::BoundMethod(_) => {
                self.universal()
            }
            other => match ptr_of(other) {
                Some(p) => self.add(obj_key(p), write),
                None => self.universal(),
            },
        }
    }
    fn done(self) -> Access {
        if self.1 {
            Access::Universal
        } else if self.0.is_empty() {
            Access::Local
        } else {
            Access::Objects(self.0)
        }
    }
}

impl Interp {
    /// What the instruction at `pc` of the thread's innermost frame may touch (see `Access`).
    pub fn access_at(&self, ts: &ThreadState, code: &Code, pc: usize) -> Access {
        let Some(frame) = ts.frames.last() else { return Access::Universal };
        let Some(&instr) = code.instrs.get(pc) else { return Access::Universal };
        let stack = &ts.stack;
        let n = stack.len();
        let top = |k: usize| -> Option<&Value> {
            if k < n {
                Some(&stack[n - 1 - k])
            } else {
                None
            }
        };
        let mut acc = Acc::new();
        let module_ptr = Rc::as_ptr(&frame.globals) as usize as u64;
        match instr {
            Instr::Nop
            | Instr::PopTop
            | Instr::DupTop
            | Instr::DupTop2
            | Instr::RotTwo
            | Instr::RotThree
            | Instr::RotFour
            | Instr::LoadConst(_)
            | Instr::LoadFast(_)
            | Instr::StoreFast(_)
            | Instr::DeleteFast(_)
            | Instr::LoadClosure(_)
            | Instr::LoadBuiltin(_)
            | Instr::Jump(_)
            | Instr::BuildTuple(_)
            | Instr::BuildList(_)
            | Instr::BuildSlice(_)
            | Instr::BuildString(_)
            | Instr::ListAppend(_)
            | Instr::ListToTuple
            | Instr::MakeFunction(_)
            | Instr::SetupFinally(_)
            | Instr::PopBlock
            | Instr::PopExcept
            | Instr::JumpIfNotExcMatch(_)
            | Instr::Raise(_)
            | Instr::Reraise => {}
            Instr::LoadDeref(i) | Instr::StoreDeref(i) | Instr::DeleteDeref(i) => {
                let write = !matches!(instr, Instr::LoadDeref(_));
                match frame.cells.get(i as usize) {
                    Some(c) => acc.add(obj_key(Rc::as_ptr(c) as *const u8 as usize as u64), write),
                    None => acc.universal(),
                }
            }
            Instr::LoadGlobal(slot) | Instr::StoreGlobal(slot) | Instr::DeleteGlobal(slot) => {
                let write = !matches!(instr, Instr::LoadGlobal(_));
                let g = frame.globals.globals.borrow();
                match g.names.get(slot as usize) {
                    Some(name) => acc.add(global_key(module_ptr, name), write),
                    None => acc.universal(),
                }
            }
            Instr::LoadName(i) | Instr::StoreName(i) | Instr::DeleteName(i) => {
                let name = &code.names[i as usize];
                let write = !matches!(instr, Instr::LoadName(_));
                // A class body's namespace is its own until the class exists.
                if !(write && frame.ns.is_some()) {
                    acc.add(global_key(module_ptr, name), write);
                }
            }
            Instr::LoadAttr(i) | Instr::LoadMethod(i) | Instr::StoreAttr(i) | Instr::DeleteAttr(i) => {
                let name = &code.names[i as usize];
                let write = matches!(instr, Instr::StoreAttr(_) | Instr::DeleteAttr(_));
                match top(0) {
                    Some(obj @ Value::Instance(_)) => {
                        let p = ptr_of(obj).unwrap_or(0);
                        acc.add(attr_key(p, name), write);
                        if !write {
                            acc.add(attr_any_key(name), false);
                        }
                    }
                    Some(obj @ Value::Native(_)) => {
                        let p = ptr_of(obj).unwrap_or(0);
                        acc.add(attr_key(p, name), write);
                        // A method of a native (lock.acquire) is its type's: only a plain
                        // attribute may reflect the native's state.
                        if !matches!(instr, Instr::LoadMethod(_)) {
                            acc.add(obj_key(p), write);
                        }
                    }
                    Some(Value::Module(m)) => acc.add(global_key(Rc::as_ptr(m) as usize as u64, name), write),
                    Some(Value::Class(_)) => acc.add(attr_any_key(name), write),
                    // Methods and attributes of builtin values: their type's, immutable.
                    Some(_) if !write => {}
                    _ => acc.universal(),
                }
            }
            Instr::Call(argc) | Instr::CallKw(argc) | Instr::CallMethod(argc) => {
                let argc = argc as usize;
                let kw = usize::from(matches!(instr, Instr::CallKw(_)));
                // Arguments (and the receiver slot of CallMethod) sit above the callable.
                let extra = usize::from(matches!(instr, Instr::CallMethod(_)));
                let func_depth = kw + argc + extra;
                let args: Vec<&Value> = (kw..kw + argc).filter_map(top).collect();
                let receiver = if extra == 1 { top(kw + argc).filter(|v| !matches!(v, Value::Cell(_))) } else { None };
                match top(func_depth) {
                    Some(func) => self.call_access(func, receiver, &args, &mut acc),
                    None => acc.universal(),
                }
            }
            Instr::CallEx(_) => {
                // f(*args, **kwargs) of a Python function: the tuple is passed along, the dict
                // is read.
                let has_kw = usize::from(matches!(instr, Instr::CallEx(1)));
                let python = |f: &Value| match f {
                    Value::Function(_) => true,
                    Value::BoundMethod(b) => matches!(b.func, Value::Function(_)),
                    _ => false,
                };
                match top(1 + has_kw) {
                    Some(f) if python(f) => {
                        match top(has_kw) {
                            Some(Value::Tuple(_)) => {}
                            Some(v @ Value::List(_)) => acc.add(obj_key(ptr_of(v).unwrap_or(0)), false),
                            _ => acc.universal(),
                        }
                        if has_kw == 1 {
                            match top(0) {
                                Some(v @ Value::Dict(_)) => acc.add(obj_key(ptr_of(v).unwrap_or(0)), false),
                                _ => acc.universal(),
                            }
                        }
                    }
                    _ => acc.universal(),
                }
            }
            Instr::BinarySubscr | Instr::StoreSubscr | Instr::DeleteSubscr => {
                let write = !matches!(instr, Instr::BinarySubscr);
                match (top(1), top(0)) {
                    (Some(c), Some(k)) => {
                        acc.value(k, false);
                        match c {
                            Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::Range(_) if !write => {}
                            Value::Instance(_) | Value::Native(_) | Value::Class(_) => match ptr_of(c) {
                                Some(p) => acc.add(obj_key(p), write),
                                None => acc.universal(),
                            },
                            other => acc.value(other, write),
                        }
                        if matches!(instr, Instr::StoreSubscr) {
                            // The stored value is not read, only referenced.
                        }
                    }
                    _ => acc.universal(),
                }
            }
            Instr::Binary(_) | Instr::Inplace(_) => {
                let inplace = matches!(instr, Instr::Inplace(_));
                match (top(1), top(0)) {
                    (Some(a), Some(b)) => {
                        acc.value(a, inplace);
                        acc.value(b, false);
                    }
                    _ => acc.universal(),
                }
            }
            Instr::Compare(op) => {
                if !matches!(op, CmpOp::Is | CmpOp::IsNot) {
                    match (top(1), top(0)) {
                        (Some(a), Some(b)) => {
                            acc.value(a, false);
                            acc.value(b, false);
                        }
                        _ => acc.universal(),
                    }
                }
            }
            Instr::Unary(_)
            | Instr::PopJumpIfFalse(_)
            | Instr::PopJumpIfTrue(_)
            | Instr::JumpIfFalseOrPop(_)
            | Instr::JumpIfTrueOrPop(_)
            | Instr::UnpackSequence(_)
            | Instr::UnpackEx(_)
            | Instr::ListExtend(_)
            | Instr::DictMerge(_)
            | Instr::DictUpdate(_) => match top(0) {
                Some(Value::Tuple(_)) if matches!(instr, Instr::UnpackSequence(_) | Instr::UnpackEx(_)) => {}
                Some(v) => acc.value(v, false),
                None => acc.universal(),
            },
            Instr::GetIter => match top(0) {
                Some(Value::Tuple(_) | Value::Str(_) | Value::Range(_) | Value::Bytes(_)) => {}
                Some(v @ Value::Iter(_)) => acc.add(obj_key(ptr_of(v).unwrap_or(0)), false),
                Some(v) => acc.value(v, false),
                None => acc.universal(),
            },
            Instr::ForIter(_) => match top(0) {
                Some(v @ Value::Iter(it)) => {
                    acc.add(obj_key(ptr_of(v).unwrap_or(0)), true);
                    match &*it.borrow() {
                        IterState::Range { .. }
                        | IterState::DictView { .. }
                        | IterState::Values { .. }
                        | IterState::Exhausted => {}
                        IterState::Seq { seq, .. } => acc.value(seq, false),
                        _ => acc.universal(),
                    }
                }
                _ => acc.universal(),
            },
            Instr::BuildSet(k) | Instr::SetAdd(k) | Instr::MapAdd(k) | Instr::BuildMap(k) => {
                let items = match instr {
                    Instr::BuildSet(k) => k as usize,
                    Instr::BuildMap(k) => 2 * k as usize,
                    Instr::MapAdd(_) => 2,
                    _ => 1,
                };
                let _ = k;
                for d in 0..items {
                    match top(d) {
                        Some(v) if is_plain(v) => {}
                        // Hashing a container fails without running code; an instance may
                        // run its __hash__/__eq__.
                        Some(Value::List(_) | Value::Dict(_) | Value::Set(_)) => {}
                        _ => acc.universal(),
                    }
                }
            }
            Instr::FormatValue(flags) => {
                let v = if flags & 4 != 0 { top(1) } else { top(0) };
                match v {
                    Some(v) if is_plain(v) => {}
                    _ => acc.universal(),
                }
            }
            Instr::ReturnValue => {
                // The outermost frame's return ends the thread (joiners wake); a module body
                // run by import, or a class body, changes shared state.
                if ts.frames.len() == 1 {
                    // The kernel makes it Universal unless this is a worker thread.
                    acc.add(thread_end_key(self.tid), true);
                } else if !matches!(frame.on_return, OnReturn::Push | OnReturn::Init(_) | OnReturn::PushAttr) {
                    acc.universal();
                }
            }
            Instr::WithExceptStart
            | Instr::BuildClass(_)
            | Instr::ImportName(_)
            | Instr::ImportFrom(_)
            | Instr::ImportStar
            | Instr::PrintExpr => acc.universal(),
        }
        acc.done()
    }

    /// A call of `func` (with `receiver` for a method call): Python functions only push a
    /// frame (their body's instructions speak for themselves); a native method reads and
    /// writes its receiver; known builtins read their arguments; anything else is Universal.
    fn call_access(&self, func: &Value, receiver: Option<&Value>, args: &[&Value], acc: &mut Acc) {
        let read_args = |acc: &mut Acc| {
            for a in args {
                match a {
                    // Passed along by reference, not read: instances handed to a native
                    // method (list.append(obj)) are only stored.
                    Value::Instance(_) => {}
                    other => acc.value(other, false),
                }
            }
        };
        match func {
            Value::Function(_) => {}
            Value::BoundMethod(b) => match &b.func {
                Value::Function(_) => {}
                Value::Builtin(f) => {
                    match ptr_of(&b.receiver) {
                        Some(p) => acc.add(obj_key(p), receiver_write(&b.receiver, f.name)),
                        None if is_plain(&b.receiver) => {}
                        None => acc.universal(),
                    }
                    read_args(acc);
                }
                _ => acc.universal(),
            },
            Value::Builtin(b) => {
                let this = receiver.or(b.bound.as_ref());
                match this {
                    Some(obj) => {
                        match ptr_of(obj) {
                            Some(p) => acc.add(obj_key(p), receiver_write(obj, b.name)),
                            None if is_plain(obj) => {}
                            None => acc.universal(),
                        }
                        read_args(acc);
                    }
                    None if b.name == "print" => {
                        for out in [&self.stdout_obj, &self.stderr_obj] {
                            if let Some(p) = ptr_of(out) {
                                acc.add(obj_key(p), true);
                            }
                        }
                        for a in args {
                            if !is_plain(a) {
                                acc.universal();
                            }
                        }
                    }
                    None if PURE_BUILTINS.contains(&b.name) => {
                        for a in args {
                            acc.value(a, false);
                        }
                    }
                    None => acc.universal(),
                }
            }
            // A user class: a new instance and its Python __init__ (a frame); a builtin class
            // reads its arguments.
            Value::Class(c) if !c.builtin => {}
            Value::Class(_) => {
                for a in args {
                    acc.value(a, false);
                }
            }
            _ => acc.universal(),
        }
    }
}
