//! What a thread's next instruction may touch that another thread could also touch: the hook
//! `explore` builds its partial-order reduction on. Invariant: `Access::Local` is only answered
//! for an instruction that reads and writes nothing but its own frame (locals, operand stack,
//! blocks) and immutable values, so it commutes with every instruction of every other thread;
//! anything not understood is `Universal` (conflicts with everything). Only computed while
//! `Interp::explore` is set: a normal run never calls it.

use super::dict::Key;
use super::frame::{OnReturn, ThreadState};
use super::native::NativeData;
use super::value::{IterState, Value};
use super::Interp;
use crate::lang::bytecode::{CmpOp, Code, Instr};
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

/// A shared location: a field of an object. `obj` is the object's number in this run (see
/// `Ids`) or one of the pseudo-objects below; `field` names a part of it (an attribute, a
/// global, a dict key), or is `WHOLE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    pub obj: u64,
    pub field: u64,
}

/// The whole object: overlaps every field of it (a list's items, a lock, `len(d)`).
pub const WHOLE: u64 = 0;
/// A field of a (non-reentrant) lock that only its acquires write: it marks the step that
/// took the lock, so DPOR can tell an acquire from a release (both write the whole lock)
/// and knows whether the lock was held at a step (see `explore::dpor`). Adds no conflict:
/// the acquire writes the whole lock anyway.
pub const ACQUIRE: u64 = u64::MAX - 1;
/// A dict's insertion order: inserting a new key writes it (two insertions do not commute),
/// reading the whole dict reads it.
const ORDER: u64 = 1;

/// Object numbers from here on are pseudo-objects, the same in every run.
const PSEUDO: u64 = 1 << 62;
/// Attributes looked up on classes, by name (field): class attributes reach every instance
/// through the MRO.
const CLASS_ATTRS: u64 = PSEUDO + 1;
/// Threads' ends (field: tid), what `join` waits for.
const THREAD_ENDS: u64 = PSEUDO + 2;
/// Threads' starts (field: tid): a new thread's first step happens after it.
const THREAD_STARTS: u64 = PSEUDO + 3;

impl Loc {
    /// Whether two accesses to these locations may not commute (given one writes). `fresh`:
    /// the two come from different runs that share their first decisions, where objects
    /// numbered `fresh` or more were first seen after the shared part (see `Ids`) and may
    /// have different numbers in each run, so any two of them may be the same object.
    pub fn overlaps(&self, other: &Loc, fresh: Option<u64>) -> bool {
        let same_obj = self.obj == other.obj
            || fresh.is_some_and(|n| (n..PSEUDO).contains(&self.obj) && (n..PSEUDO).contains(&other.obj));
        same_obj && (self.field == other.field || self.field == WHOLE || other.field == WHOLE)
    }
}

/// The shared state an instruction may touch: a list of (location, is a write), or all of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Access {
    /// Only the thread's own frame and immutable values.
    #[default]
    Local,
    /// These locations (field hashes may collide: a collision only adds a conflict).
    Objects(Vec<(Loc, bool)>),
    /// Anything: kernel requests, calls of natives not understood, imports, thread ends.
    Universal,
}

impl Access {
    pub fn is_local(&self) -> bool {
        matches!(self, Access::Local)
    }

    /// Whether this only waits for threads to end (an untimed join): such a step always
    /// follows the end it reads, whatever the schedule (a join that comes first waits), so
    /// it is ordered after the end but never races with it.
    /// The lock this step took, if it is a blocking acquire (see `ACQUIRE`).
    pub fn acquired_lock(&self) -> Option<u64> {
        match self {
            Access::Objects(list) => list.iter().find(|(l, w)| *w && l.field == ACQUIRE).map(|(l, _)| l.obj),
            _ => None,
        }
    }

    /// Whether this writes the whole of object `obj` (a lock's acquire or release).
    pub fn writes_whole(&self, obj: u64) -> bool {
        match self {
            Access::Objects(list) => list.iter().any(|(l, w)| *w && l.obj == obj && l.field == WHOLE),
            _ => false,
        }
    }

    pub fn only_awaits_thread_ends(&self) -> bool {
        match self {
            Access::Objects(list) => !list.is_empty() && list.iter().all(|(l, w)| l.obj == THREAD_ENDS && !w),
            _ => false,
        }
    }

    /// Whether two accesses (of different threads, in the same run) conflict: they may not
    /// commute.
    pub fn conflicts(&self, other: &Access) -> bool {
        self.conflicts_across(other, None)
    }

    /// `conflicts`, for accesses of two runs that share their decisions up to where the
    /// object numbering stood at `fresh` (see `Loc::overlaps`); None: the same run.
    /// What two accesses touch together.
    pub fn union(self, other: Access) -> Access {
        match (self, other) {
            (Access::Universal, _) | (_, Access::Universal) => Access::Universal,
            (Access::Local, x) | (x, Access::Local) => x,
            (Access::Objects(mut a), Access::Objects(b)) => {
                for loc in b {
                    if !a.contains(&loc) {
                        a.push(loc);
                    }
                }
                Access::Objects(a)
            }
        }
    }

    pub fn conflicts_across(&self, other: &Access, fresh: Option<u64>) -> bool {
        match (self, other) {
            (Access::Local, _) | (_, Access::Local) => false,
            (Access::Universal, _) | (_, Access::Universal) => true,
            (Access::Objects(a), Access::Objects(b)) => {
                a.iter().any(|(la, wa)| b.iter().any(|(lb, wb)| (*wa || *wb) && la.overlaps(lb, fresh)))
            }
        }
    }
}

/// Numbers the objects a run's accesses name, in the order they are first named. A number
/// must mean the same object in every run that takes the same decisions (DPOR's sleep sets
/// compare accesses of different runs), which addresses do not: the allocator hands out
/// different ones each run, and reuses a freed object's. So every numbered object is kept
/// alive until the run ends (its address is never reused; the simulator has no `__del__` or
/// weak references, so this changes nothing the program sees), and numbers are handed out
/// in the (deterministic) order of the run's access computations.
#[derive(Default)]
pub struct Ids {
    numbers: FxHashMap<usize, u64>,
    keep: Vec<Value>,
}

impl Ids {
    /// How many objects are numbered so far: objects first named later get numbers from
    /// here on.
    pub fn count(&self) -> u64 {
        self.keep.len() as u64
    }

    /// The objects kept alive (see `vm::teardown`, which empties them when the run ends).
    pub fn into_kept(self) -> Vec<Value> {
        self.keep
    }

    fn number(&mut self, v: &Value) -> u64 {
        // An instance of a list/dict/set subclass is one object with the value it holds (an
        // iterator or view of that value reads the instance's state).
        let v = match v {
            Value::Instance(i) => match &i.base {
                Some(b @ (Value::List(_) | Value::Dict(_) | Value::Set(_))) => b,
                _ => v,
            },
            _ => v,
        };
        let ptr = v.identity_ptr();
        if let Some(&n) = self.numbers.get(&ptr) {
            return n;
        }
        let n = self.keep.len() as u64;
        self.numbers.insert(ptr, n);
        self.keep.push(v.clone());
        n
    }
}

fn hash_of<T: Hash + ?Sized>(t: &T) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    t.hash(&mut h);
    // Never WHOLE or ORDER.
    h.finish() | 2
}

/// A name's field (a global, an attribute).
fn name_field(name: &str) -> u64 {
    hash_of(name)
}

/// A thread's end (what `join` waits for).
pub fn thread_end_key(tid: u32) -> Loc {
    Loc { obj: THREAD_ENDS, field: u64::from(tid) + 2 }
}

/// A thread's start (its first step happens after it).
pub fn thread_start_key(tid: u32) -> Loc {
    Loc { obj: THREAD_STARTS, field: u64::from(tid) + 2 }
}

/// A dict key's field: keys equal in Python (`1`, `1.0`, `True`) get the same one, as the
/// dict's own hashing does. None for keys hashed by identity (their field would differ
/// between runs): the caller then uses the whole dict.
fn dict_field(k: &Value) -> Option<u64> {
    fn by_value(v: &Value) -> bool {
        match v {
            Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::BigInt(_)
            | Value::Float(_)
            | Value::Str(_)
            | Value::Bytes(_) => true,
            Value::Tuple(t) => t.iter().all(by_value),
            _ => false,
        }
    }
    by_value(k).then(|| hash_of(&Key(k.clone())))
}

/// Whether a value is a mutable object that accesses name (by its number, see `Ids`);
/// immutable values carry no state another thread could change.
fn is_object(v: &Value) -> bool {
    matches!(
        v,
        Value::List(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Instance(_)
            | Value::Native(_)
            | Value::Module(_)
            | Value::Class(_)
            | Value::Iter(_)
            | Value::Cell(_)
    )
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
/// The lock a call takes if it is a blocking acquire without a timeout of a `_thread.lock`
/// (not an RLock: its owner's acquire does not block; not `acquire(False)`, which fails
/// rather than waits): such an acquire cannot run while the lock is held.
fn blocking_acquire<'a>(func: &'a Value, receiver: Option<&'a Value>, args: &[&Value]) -> Option<&'a Value> {
    let (name, lock) = match func {
        Value::Builtin(b) => (b.name, receiver.or(b.bound.as_ref())?),
        Value::BoundMethod(b) => match &b.func {
            Value::Builtin(f) => (f.name, &b.receiver),
            _ => return None,
        },
        _ => return None,
    };
    let blocking = match args {
        [] => true,
        [Value::Bool(b)] => *b,
        [Value::Int(i)] => *i != 0,
        _ => false,
    };
    let plain =
        matches!(lock, Value::Native(n) if matches!(&*n.data.borrow(), NativeData::Lock { reentrant: false, .. }));
    (blocking && plain && matches!(name, "acquire" | "acquire_lock" | "__enter__")).then_some(lock)
}

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
    // A snapshot of its argument (the iterator holds copies).
    "reversed",
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

struct Acc<'a> {
    locs: Vec<(Loc, bool)>,
    universal: bool,
    ids: &'a mut Ids,
}

impl Acc<'_> {
    fn add(&mut self, loc: Loc, write: bool) {
        self.locs.push((loc, write));
    }
    fn universal(&mut self) {
        self.universal = true;
    }
    /// An object's number (see `Ids`).
    fn number(&mut self, v: &Value) -> u64 {
        self.ids.number(v)
    }
    /// The whole of a mutable object, or Universal for anything else.
    fn whole(&mut self, v: &Value, write: bool) {
        if is_object(v) {
            let obj = self.number(v);
            self.add(Loc { obj, field: WHOLE }, write);
        } else {
            self.universal();
        }
    }
    fn field(&mut self, v: &Value, field: u64, write: bool) {
        let obj = self.number(v);
        self.add(Loc { obj, field }, write);
    }
    /// A value the instruction reads (or writes) through: an immutable one costs nothing, a
    /// container is a read of its state, an instance may run Python dunders (anything).
    fn value(&mut self, v: &Value, write: bool) {
        match v {
            _ if is_plain(v) => {}
            Value::Instance(_) | Value::FrozenSet(_) | Value::Tuple(_) | Value::Slice(_) | Value::BoundMethod(_) => {
                self.universal()
            }
            other => self.whole(other, write),
        }
    }
    /// `d[k]`-like access to the entry `k` of a dict (the whole dict when `k` is hashed by
    /// identity); `insert`: the access may add the key (writes the order when it is new).
    fn dict_entry(&mut self, d: &Value, k: &Value, write: bool, insert: bool) {
        let Value::Dict(map) = d else { return self.whole(d, write) };
        match dict_field(k) {
            Some(f) => {
                self.field(d, f, write);
                if insert && !map.borrow().map.contains_key(&Key(k.clone())) {
                    self.field(d, ORDER, true);
                }
            }
            None => {
                self.value(k, false);
                self.whole(d, write);
            }
        }
    }
    /// A builtin method of `receiver` called with `args` (in call order).
    fn method(&mut self, receiver: &Value, name: &str, args: &[&Value]) {
        if is_plain(receiver) {
        } else if !is_object(receiver) {
            self.universal();
        } else if let (Value::Dict(_), Some(k)) = (receiver, args.first()) {
            // Methods on one key touch only its entry.
            match name {
                "get" | "__contains__" | "__getitem__" => self.dict_entry(receiver, k, false, false),
                "pop" => self.dict_entry(receiver, k, true, false),
                "setdefault" => self.dict_entry(receiver, k, true, true),
                _ => self.whole(receiver, receiver_write(receiver, name)),
            }
        } else {
            self.whole(receiver, receiver_write(receiver, name));
        }
        for a in args {
            match a {
                // Passed along by reference, not read: instances handed to a native method
                // (list.append(obj)) are only stored.
                Value::Instance(_) => {}
                other => self.value(other, false),
            }
        }
    }
    fn done(self) -> Access {
        if self.universal {
            Access::Universal
        } else if self.locs.is_empty() {
            Access::Local
        } else {
            Access::Objects(self.locs)
        }
    }
}

impl Interp {
    /// What the instruction at `pc` of the thread's innermost frame may touch (see `Access`);
    /// numbers the objects it names (`explore_ids`).
    pub fn access_at(&mut self, ts: &ThreadState, code: &Code, pc: usize) -> Access {
        let mut ids = std::mem::take(&mut self.explore_ids);
        let access = self.access_with(ts, code, pc, &mut ids);
        self.explore_ids = ids;
        access
    }

    /// Whether the instruction at `pc` may touch what another thread can also touch, for
    /// displays (the page's "step to the next shared access"): unlike `access_at` it numbers
    /// nothing and keeps nothing alive, so asking changes nothing.
    pub fn touches_shared(&self, ts: &ThreadState, code: &Code, pc: usize) -> bool {
        let mut ids = Ids::default();
        !self.access_with(ts, code, pc, &mut ids).is_local()
    }

    /// What writing to (or flushing) stdout and stderr touches.
    pub fn output_access(&mut self) -> Vec<(Loc, bool)> {
        let mut ids = std::mem::take(&mut self.explore_ids);
        let mut acc = Acc { locs: Vec::new(), universal: false, ids: &mut ids };
        for out in [&self.stdout_obj, &self.stderr_obj] {
            if is_object(out) {
                acc.whole(out, true);
            }
        }
        let locs = acc.locs;
        self.explore_ids = ids;
        locs
    }

    fn access_with(&self, ts: &ThreadState, code: &Code, pc: usize, ids: &mut Ids) -> Access {
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
        let mut acc = Acc { locs: Vec::new(), universal: false, ids };
        let module = |acc: &mut Acc| acc.number(&Value::Module(frame.globals.clone()));
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
                    Some(c) => acc.whole(&Value::Cell(c.clone()), write),
                    None => acc.universal(),
                }
            }
            Instr::LoadGlobal(slot) | Instr::StoreGlobal(slot) | Instr::DeleteGlobal(slot) => {
                let write = !matches!(instr, Instr::LoadGlobal(_));
                let g = frame.globals.globals.borrow();
                match g.names.get(slot as usize) {
                    Some(name) => {
                        let obj = module(&mut acc);
                        acc.add(Loc { obj, field: name_field(name) }, write);
                    }
                    None => acc.universal(),
                }
            }
            Instr::LoadName(i) | Instr::StoreName(i) | Instr::DeleteName(i) => {
                let name = &code.names[i as usize];
                let write = !matches!(instr, Instr::LoadName(_));
                // A class body's namespace is its own until the class exists.
                if !(write && frame.ns.is_some()) {
                    let obj = module(&mut acc);
                    acc.add(Loc { obj, field: name_field(name) }, write);
                }
            }
            Instr::LoadAttr(i) | Instr::LoadMethod(i) | Instr::StoreAttr(i) | Instr::DeleteAttr(i) => {
                let name = &code.names[i as usize];
                // `__dict__` is a copy of every attribute: all of them are read.
                let field = if &**name == "__dict__" { WHOLE } else { name_field(name) };
                let write = matches!(instr, Instr::StoreAttr(_) | Instr::DeleteAttr(_));
                match top(0) {
                    Some(obj @ Value::Instance(_)) => {
                        acc.field(obj, field, write);
                        if !write {
                            acc.add(Loc { obj: CLASS_ATTRS, field }, false);
                        }
                    }
                    // A method of a native (lock.acquire) is its builtin type's, which never
                    // changes; a plain attribute may reflect the native's state. `with`
                    // loads `__exit__` by LoadAttr: a method too, whatever the lock's state
                    // (reading the whole lock there made every `with lock:` race with the
                    // other threads' acquires and releases: 25 times the schedules).
                    Some(Value::Native(_))
                        if matches!(instr, Instr::LoadMethod(_))
                            || matches!(&**name, "__enter__" | "__exit__" | "__aenter__" | "__aexit__") => {}
                    Some(obj @ Value::Native(_)) => acc.whole(obj, write),
                    Some(m @ Value::Module(_)) => acc.field(m, field, write),
                    Some(Value::Class(_)) => acc.add(Loc { obj: CLASS_ATTRS, field }, write),
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
                // In call order: the last argument is on top.
                let args: Vec<&Value> = (kw..kw + argc).rev().filter_map(top).collect();
                let receiver = if extra == 1 { top(kw + argc).filter(|v| !matches!(v, Value::Cell(_))) } else { None };
                match top(func_depth) {
                    Some(func) => {
                        self.call_access(func, receiver, &args, &mut acc);
                        if kw == 0 {
                            if let Some(lock) = blocking_acquire(func, receiver, &args) {
                                acc.field(lock, ACQUIRE, true);
                            }
                        }
                    }
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
                // A builtin called with a tuple and no keywords (`Thread(target=lock.acquire)`
                // runs `self._target(*self._args)`): as the plain call.
                let empty_kw = has_kw == 0 || matches!(top(0), Some(Value::Dict(d)) if d.borrow().is_empty());
                match (top(1 + has_kw), top(has_kw)) {
                    (Some(f), Some(Value::Tuple(items))) if !python(f) && empty_kw => {
                        let args: Vec<&Value> = items.iter().collect();
                        self.call_access(f, None, &args, &mut acc);
                    }
                    (Some(f), _) if python(f) => {
                        match top(has_kw) {
                            Some(Value::Tuple(_)) => {}
                            Some(v @ Value::List(_)) => acc.whole(v, false),
                            _ => acc.universal(),
                        }
                        if has_kw == 1 {
                            match top(0) {
                                Some(v @ Value::Dict(_)) => acc.whole(v, false),
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
                    (Some(c), Some(k)) => match c {
                        Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::Range(_) if !write => {
                            acc.value(k, false)
                        }
                        Value::Dict(_) => acc.dict_entry(c, k, write, matches!(instr, Instr::StoreSubscr)),
                        Value::Instance(_) | Value::Native(_) | Value::Class(_) => {
                            acc.value(k, false);
                            acc.whole(c, write);
                        }
                        other => {
                            acc.value(k, false);
                            acc.value(other, write);
                        }
                    },
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
            Instr::Compare(op) => match (top(1), top(0)) {
                _ if matches!(op, CmpOp::Is | CmpOp::IsNot) => {}
                // `k in d` reads one entry.
                (Some(k), Some(d @ Value::Dict(_))) if matches!(op, CmpOp::In | CmpOp::NotIn) => {
                    acc.dict_entry(d, k, false, false)
                }
                (Some(a), Some(b)) => {
                    acc.value(a, false);
                    acc.value(b, false);
                }
                _ => acc.universal(),
            },
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
                Some(v @ Value::Iter(_)) => acc.whole(v, false),
                Some(v) => acc.value(v, false),
                None => acc.universal(),
            },
            // Parking the frame writes its generator (another thread resuming it meanwhile
            // gets "generator already executing").
            Instr::YieldValue | Instr::YieldAsync => match &frame.on_return {
                OnReturn::Gen(r) => acc.whole(&Value::Native(r.gen.clone()), true),
                _ => acc.universal(),
            },
            // They call `__aiter__`/`__anext__`; the handler only reads the frame.
            Instr::GetAIter | Instr::GetANext => acc.universal(),
            Instr::EndAsyncFor => {}
            Instr::GetAwaitable => match top(0) {
                Some(v) if super::generator::is_coroutine(v) => {}
                _ => acc.universal(),
            },
            Instr::YieldFrom(_) => match top(1) {
                Some(v) if super::generator::generator_of(v).is_some() => acc.whole(v, true),
                _ => acc.universal(),
            },
            Instr::ForIter(_) if top(0).is_some_and(|v| super::generator::generator_of(v).is_some()) => {
                acc.whole(top(0).unwrap(), true)
            }
            Instr::ForIter(_) => match top(0) {
                Some(v @ Value::Iter(it)) => {
                    acc.whole(v, true);
                    match &*it.borrow() {
                        // Dict views iterate over a snapshot taken by GetIter.
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
            | Instr::CheckEgMatch
            | Instr::PrepReraiseStar
            | Instr::BuildClass(_)
            | Instr::ImportName(_)
            | Instr::ImportFrom(_)
            | Instr::ImportStar
            | Instr::PrintExpr => acc.universal(),
        }
        acc.done()
    }

    /// A call of `func` (with `receiver` for a method call; `args` in call order): Python
    /// functions only push a frame (their body's instructions speak for themselves); a native
    /// method reads and writes its receiver (a dict's methods on one key only that entry);
    /// known builtins read their arguments; anything else is Universal.
    fn call_access(&self, func: &Value, receiver: Option<&Value>, args: &[&Value], acc: &mut Acc) {
        match func {
            Value::Function(_) => {}
            Value::BoundMethod(b) => match &b.func {
                Value::Function(_) => {}
                Value::Builtin(f) => acc.method(&b.receiver, f.name, args),
                _ => acc.universal(),
            },
            Value::Builtin(b) => match receiver.or(b.bound.as_ref()) {
                Some(obj) => acc.method(obj, b.name, args),
                None if b.name == "print" => {
                    for out in [&self.stdout_obj, &self.stderr_obj] {
                        if is_object(out) {
                            acc.whole(out, true);
                        }
                    }
                    for a in args {
                        if !is_plain(a) {
                            acc.universal();
                        }
                    }
                }
                // `_thread.join_thread(tid)`: whether that thread ended, all the kernel's
                // answer depends on (as the step itself reports it, see `sim::kernel::slice`).
                None if b.name == "join_thread" => match args {
                    [Value::Int(t)] | [Value::Int(t), Value::None] => match u32::try_from(*t) {
                        Ok(t) => acc.add(thread_end_key(t), false),
                        Err(_) => acc.universal(),
                    },
                    _ => acc.universal(),
                },
                None if PURE_BUILTINS.contains(&b.name) => {
                    for a in args {
                        acc.value(a, false);
                    }
                }
                None => acc.universal(),
            },
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
