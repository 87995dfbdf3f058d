//! Python values and heap objects.
//!
//! A `Value` is 16 bytes: immediates (None, bool, small int, float) inline, everything else
//! behind an `Rc`. Immutable objects (str, bytes, tuple, code, builtin functions, builtin
//! classes) may be shared between processes; mutable ones (list, dict, set, instance, module,
//! class, function, cell, native objects) belong to exactly one process heap, and `fork`
//! deep-copies them (see `deepcopy`). Invariant: nothing here orders by address — identity is
//! `Rc::ptr_eq`, and every ordered container iterates in insertion order. A class's lookup
//! cache (`ClassDict`) keys names by address only while it holds them (or they are static),
//! and never outlives a change to a dict of the class's MRO.

use super::dict::{Dict, Set};
use super::native::NativeData;
use crate::lang::bytecode::Code;
use num_bigint::BigInt;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

pub type Ref<T> = Rc<RefCell<T>>;
/// A closure cell: a variable shared between a function and the functions nested in it.
pub type CellRef = Rc<RefCell<Option<Value>>>;

#[derive(Clone)]
pub enum Value {
    None,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    Int(i64),
    /// Only for values outside i64; arithmetic normalises back to `Int` when they fit.
    BigInt(Rc<BigInt>),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Rc<[Value]>),
    List(Ref<Vec<Value>>),
    Dict(Ref<Dict>),
    Set(Ref<Set>),
    FrozenSet(Rc<Set>),
    Range(Rc<RangeObj>),
    Slice(Rc<SliceObj>),
    Function(Rc<Function>),
    Builtin(Rc<Builtin>),
    BoundMethod(Rc<BoundMethod>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    Module(Rc<Module>),
    Iter(Ref<IterState>),
    /// Objects whose state is native (locks, thread-locals, kernel handles...).
    Native(Rc<NativeObj>),
    Code(Rc<Code>),
    /// A closure cell, only ever on the operand stack while building a closure tuple.
    Cell(CellRef),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObj {
    pub fn len(&self) -> i64 {
        if self.step > 0 && self.start < self.stop {
            (self.stop - self.start - 1) / self.step + 1
        } else if self.step < 0 && self.start > self.stop {
            (self.start - self.stop - 1) / (-self.step) + 1
        } else {
            0
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

pub struct SliceObj {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// A Python function: code plus what it closed over.
pub struct Function {
    pub code: Rc<Code>,
    pub globals: Rc<Module>,
    /// `__defaults__` and `__kwdefaults__` (assignable).
    pub defaults: RefCell<Vec<Value>>,
    pub kwdefaults: RefCell<Vec<(Rc<str>, Value)>>,
    pub closure: Vec<CellRef>,
    pub name: RefCell<Rc<str>>,
    pub qualname: RefCell<Rc<str>>,
    /// The class whose body defined this function; zero-argument `super()` reads it.
    pub defining_class: RefCell<Option<Rc<Class>>>,
    pub dict: RefCell<Dict>,
}

pub type NativeFn = fn(&mut super::Interp, &[Value], &[(Rc<str>, Value)]) -> Result<Value, Flow>;

/// A function implemented in Rust. Methods of builtin types are `Builtin`s stored in their
/// class's dict and receive `self` as `args[0]`.
pub struct Builtin {
    pub name: &'static str,
    pub func: NativeFn,
    /// For a builtin bound at creation (e.g. a module function needing no self): None.
    /// For a method fetched from an object (`lock.acquire`), the object.
    pub bound: Option<Value>,
}

pub struct BoundMethod {
    pub receiver: Value,
    pub func: Value,
}

pub struct Class {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    /// Method resolution order, starting with this class itself (stored as its bases' MROs
    /// merged; the class itself is implicit at index 0 and not stored to avoid a cycle).
    pub mro_rest: Vec<Rc<Class>>,
    pub bases: Vec<Rc<Class>>,
    pub dict: ClassDict,
    /// The module name (`__module__`), e.g. "__main__" or "builtins".
    pub module: Rc<str>,
    /// Which builtin representation instances of this class use.
    pub kind: ClassKind,
    /// Builtin classes are shared between processes and never deep-copied.
    pub builtin: bool,
    /// The metaclass when it is not `type`: a Python class deriving from `type`.
    pub meta: Option<Rc<Class>>,
    /// For a class written in Python whose MRO holds a builtin value type (int, float, str,
    /// bytes, tuple, list, dict, set, frozenset): that type. Its instances carry a value of
    /// it in `Instance::base`. None for builtin classes themselves and for other classes.
    pub value_base: Option<Rc<Class>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassKind {
    /// Instances are `Value::Instance` with a `__dict__`.
    Object,
    /// Instances are exceptions (`Instance` with exception data).
    Exception,
    /// The class describes a builtin value kind (int, str, list...); not subclassable here.
    Builtin,
}

impl Class {
    /// The MRO: self first, then the rest.
    pub fn mro(self: &Rc<Class>) -> impl Iterator<Item = &Rc<Class>> + '_ {
        std::iter::once(self).chain(self.mro_rest.iter())
    }

    pub fn lookup(self: &Rc<Class>, name: &str) -> Option<Value> {
        for c in self.mro() {
            if let Some(v) = c.dict.borrow().get_str(name) {
                return Some(v);
            }
        }
        None
    }

    /// `lookup` of a name the evaluation loop holds (an instruction's name), through the
    /// class's lookup cache: one probe keyed by the name's address where `lookup` hashes the
    /// name in every class of the MRO. The cache keeps the `Rc`, so no other string can
    /// take that address while the entry lives.
    #[inline]
    pub fn lookup_rc(self: &Rc<Class>, name: &Rc<str>) -> Option<Value> {
        self.cached_lookup(name, Some(name))
    }

    /// `lookup` of a name written in the VM's source (`"__setattr__"`), cached like
    /// `lookup_rc`: a static string's address is its own for the whole run.
    #[inline]
    pub fn lookup_static(self: &Rc<Class>, name: &'static str) -> Option<Value> {
        self.cached_lookup(name, None)
    }

    /// The sum of the MRO's dict versions: it grows whenever any dict the lookup reads
    /// changes (a class's MRO itself never changes).
    fn mro_version(&self) -> u64 {
        self.mro_rest.iter().fold(self.dict.version.get(), |acc, c| acc.wrapping_add(c.dict.version.get()))
    }

    fn cached_lookup(self: &Rc<Class>, name: &str, keep: Option<&Rc<str>>) -> Option<Value> {
        // Builtin classes are shared by every run of a thread: they keep no cache of names
        // from a program's code.
        if self.builtin {
            return self.lookup(name);
        }
        let version = self.mro_version();
        let key = (name.as_ptr() as usize, name.len());
        {
            let mut cache = self.dict.cache.borrow_mut();
            if cache.version != version {
                cache.map.clear();
                cache.version = version;
            } else if let Some((_, v)) = cache.map.get(&key) {
                return v.clone();
            }
        }
        let found = self.lookup(name);
        let mut cache = self.dict.cache.borrow_mut();
        if cache.map.len() >= LOOKUP_CACHE_MAX {
            cache.map.clear();
        }
        cache.map.insert(key, (keep.cloned(), found.clone()));
        found
    }

    pub fn is_subclass_of(self: &Rc<Class>, other: &Rc<Class>) -> bool {
        self.mro().any(|c| Rc::ptr_eq(c, other))
    }
}

/// A class cache holds at most this many names (then starts over): a program that makes
/// code at run time cannot grow it without bound.
const LOOKUP_CACHE_MAX: usize = 512;

/// A class's namespace (`__dict__`) and the cache of lookups through the class's MRO
/// (`Class::lookup_rc`, `lookup_static`). Invariant: every change to the dict goes through
/// `borrow_mut`, which bumps `version` and empties this class's cache; a cache is valid
/// only while the sum of its MRO's versions is the one it was filled at, so a change to a
/// base class invalidates its subclasses' caches too.
pub struct ClassDict {
    dict: RefCell<Dict>,
    version: std::cell::Cell<u64>,
    cache: RefCell<LookupCache>,
    /// The most attributes an instance of the class has had (at most
    /// `INSTANCE_LEN_MAX`): a new instance's dict is made that big at once, where growing
    /// it one attribute at a time reallocates it two or three times.
    instance_len: std::cell::Cell<usize>,
}

const INSTANCE_LEN_MAX: usize = 32;

/// Lookup results (found or not) by the name's (address, length), with the `Rc` that keeps
/// the address the name's (None for static names).
/// The name's `Rc` (kept so its address stays its own) and what the lookup found.
type CachedLookup = (Option<Rc<str>>, Option<Value>);

#[derive(Default)]
struct LookupCache {
    version: u64,
    map: rustc_hash::FxHashMap<(usize, usize), CachedLookup>,
}

impl ClassDict {
    pub fn new(d: Dict) -> ClassDict {
        ClassDict {
            dict: RefCell::new(d),
            version: std::cell::Cell::new(0),
            cache: RefCell::default(),
            instance_len: std::cell::Cell::new(0),
        }
    }

    /// An instance of the class now has `n` attributes.
    #[inline]
    pub fn note_instance_len(&self, n: usize) {
        if n > self.instance_len.get() && n <= INSTANCE_LEN_MAX {
            self.instance_len.set(n);
        }
    }

    #[inline]
    pub fn borrow(&self) -> std::cell::Ref<'_, Dict> {
        self.dict.borrow()
    }

    /// The dict for changing it: the lookup caches that read it are invalidated.
    pub fn borrow_mut(&self) -> std::cell::RefMut<'_, Dict> {
        self.version.set(self.version.get().wrapping_add(1));
        self.cache.borrow_mut().map.clear();
        self.dict.borrow_mut()
    }
}

pub struct Instance {
    pub class: RefCell<Rc<Class>>,
    /// The attribute dict, shared with `obj.__dict__` and `vars(obj)` (a live mapping).
    pub dict: Ref<Dict>,
    /// Present for exception instances.
    pub exc: Option<RefCell<ExcData>>,
    /// The result of the class's Python `__hash__` when the instance was last used as a
    /// dict key or set element (`Interp::key` computes it): the hash its key is filed
    /// under. None for instances hashed by identity.
    pub user_hash: std::cell::Cell<Option<i64>>,
    /// For an instance of a subclass of a builtin value type (`class Counter(dict)`), the
    /// builtin value it holds (a `Value::Dict` for a dict subclass...): set when the
    /// instance is made and never replaced (a mutable one changes in place).
    pub base: Option<Value>,
}

impl Instance {
    pub fn new(class: Rc<Class>, exc: Option<ExcData>) -> Rc<Instance> {
        let dict = Dict::with_capacity(class.dict.instance_len.get());
        Rc::new(Instance {
            class: RefCell::new(class),
            dict: Rc::new(RefCell::new(dict)),
            exc: exc.map(RefCell::new),
            user_hash: std::cell::Cell::new(None),
            base: None,
        })
    }

    /// An instance of a subclass of a builtin value type, holding `base`.
    pub fn with_base(class: Rc<Class>, base: Value) -> Rc<Instance> {
        Rc::new(Instance {
            class: RefCell::new(class),
            dict: Rc::new(RefCell::new(Dict::new())),
            exc: None,
            user_hash: std::cell::Cell::new(None),
            base: Some(base),
        })
    }
}

impl Value {
    /// The builtin value an instance of a builtin type's subclass holds, if `self` is one.
    #[inline]
    pub fn base_value(&self) -> Option<&Value> {
        match self {
            Value::Instance(i) => i.base.as_ref(),
            _ => None,
        }
    }

    /// `self`, or the builtin value it holds if it is an instance of a builtin subclass.
    #[inline]
    pub fn unwrap_base(&self) -> &Value {
        self.base_value().unwrap_or(self)
    }
}

/// What an exception carries besides its attributes.
#[derive(Clone, Default)]
pub struct ExcData {
    pub args: Vec<Value>,
    /// Innermost frame last, like CPython's printed traceback.
    pub traceback: Vec<TracebackEntry>,
    pub cause: Option<Value>,
    pub context: Option<Value>,
    pub suppress_context: bool,
    /// A `NameError`'s raising frame: its code (local names) and module (globals), where the
    /// printed traceback looks for a name to suggest (`suggest.rs`).
    pub scope: Option<(Rc<Code>, Rc<Module>)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TracebackEntry {
    pub filename: Rc<str>,
    pub line: u32,
    pub func: Rc<str>,
    /// The failing instruction's span (0-based byte columns), for CPython 3.11's carets.
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
}

/// A module's namespace. Globals are slots: the compiler resolves every global name of a
/// module to an index, so `LoadGlobal` is an array access, not a hash lookup.
pub struct Module {
    pub name: Rc<str>,
    pub globals: RefCell<Globals>,
}

#[derive(Clone, Default)]
pub struct Globals {
    pub names: Vec<Rc<str>>,
    pub values: Vec<Option<Value>>,
    pub index: rustc_hash::FxHashMap<Rc<str>, u32>,
}

impl Globals {
    pub fn with_names(names: &[Rc<str>]) -> Globals {
        let mut g = Globals::default();
        for n in names {
            g.slot(n);
        }
        g
    }

    /// The slot for `name`, created empty if new.
    pub fn slot(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        let name: Rc<str> = Rc::from(name);
        self.names.push(name.clone());
        self.values.push(None);
        self.index.insert(name, i);
        i
    }

    pub fn get(&self, name: &str) -> Option<Value> {
        self.index.get(name).and_then(|&i| self.values[i as usize].clone())
    }

    pub fn set(&mut self, name: &str, v: Value) {
        let i = self.slot(name);
        self.values[i as usize] = Some(v);
    }

    /// Defined names in definition-slot order.
    pub fn items(&self) -> impl Iterator<Item = (&Rc<str>, &Value)> {
        self.names.iter().zip(self.values.iter()).filter_map(|(n, v)| v.as_ref().map(|v| (n, v)))
    }
}

impl Module {
    pub fn new(name: &str, global_names: &[Rc<str>]) -> Rc<Module> {
        Rc::new(Module { name: Rc::from(name), globals: RefCell::new(Globals::with_names(global_names)) })
    }

    pub fn get(&self, name: &str) -> Option<Value> {
        self.globals.borrow().get(name)
    }

    pub fn set(&self, name: &str, v: Value) {
        self.globals.borrow_mut().set(name, v)
    }
}

/// Iterator state for the builtin iterables; user iterators (`__iter__`/`__next__`) are
/// plain instances.
pub enum IterState {
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    Seq {
        seq: Value,
        index: usize,
    },
    /// Keys (0), values (1) or items (2) of a dict snapshot taken at creation.
    DictView {
        items: Vec<(Value, Value)>,
        index: usize,
        what: u8,
    },
    Values {
        items: Vec<Value>,
        index: usize,
    },
    Enumerate {
        inner: Value,
        count: i64,
    },
    Zip {
        inners: Vec<Value>,
    },
    Map {
        func: Value,
        inners: Vec<Value>,
    },
    Filter {
        func: Value,
        inner: Value,
    },
    Exhausted,
}

pub struct NativeObj {
    pub class: Rc<Class>,
    /// A stable per-process number used in trace events and displays ("lock#3").
    pub serial: u64,
    pub data: RefCell<NativeData>,
}

/// Why control leaves a native function other than by returning.
pub enum Flow {
    /// A Python exception (an exception instance).
    Raise(Value),
    /// The thread needs the kernel: it is suspended until the kernel resumes it with a value
    /// or an exception.
    Request(Box<super::request::Request>),
}

impl From<Value> for Flow {
    fn from(v: Value) -> Flow {
        Flow::Raise(v)
    }
}

thread_local! {
    /// The empty tuple (immutable, so shared like the builtin classes).
    static EMPTY_TUPLE: Rc<[Value]> = Rc::from(Vec::new());
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        if items.is_empty() {
            // CPython's `()` is one object; sharing it also spares an allocation for every
            // call without extra positional arguments to a function taking `*args`.
            return EMPTY_TUPLE.with(|t| Value::Tuple(t.clone()));
        }
        Value::Tuple(Rc::from(items))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    pub fn dict(d: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(d)))
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// Identity (`is`): same immediate, or same heap object.
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (None, None) | (NotImplemented, NotImplemented) | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Str(a), Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Bytes(a), Bytes(b)) => Rc::ptr_eq(a, b),
            (Tuple(a), Tuple(b)) => Rc::ptr_eq(a, b) || (a.is_empty() && b.is_empty()),
            (BigInt(a), BigInt(b)) => Rc::ptr_eq(a, b),
            (List(a), List(b)) => Rc::ptr_eq(a, b),
            (Dict(a), Dict(b)) => Rc::ptr_eq(a, b),
            (Set(a), Set(b)) => Rc::ptr_eq(a, b),
            (FrozenSet(a), FrozenSet(b)) => Rc::ptr_eq(a, b),
            (Range(a), Range(b)) => Rc::ptr_eq(a, b),
            (Slice(a), Slice(b)) => Rc::ptr_eq(a, b),
            (Function(a), Function(b)) => Rc::ptr_eq(a, b),
            (Builtin(a), Builtin(b)) => Rc::ptr_eq(a, b),
            (BoundMethod(a), BoundMethod(b)) => Rc::ptr_eq(a, b),
            (Class(a), Class(b)) => Rc::ptr_eq(a, b),
            (Instance(a), Instance(b)) => Rc::ptr_eq(a, b),
            (Module(a), Module(b)) => Rc::ptr_eq(a, b),
            (Iter(a), Iter(b)) => Rc::ptr_eq(a, b),
            (Native(a), Native(b)) => Rc::ptr_eq(a, b),
            (Code(a), Code(b)) => Rc::ptr_eq(a, b),
            (Cell(a), Cell(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// The address-free identity key of a heap object, for `id()` and identity hashing:
    /// the pointer is used only as a lookup key, never for ordering or output.
    pub fn identity_ptr(&self) -> usize {
        use Value::*;
        match self {
            Str(a) => Rc::as_ptr(a) as *const u8 as usize,
            Bytes(a) => Rc::as_ptr(a) as *const u8 as usize,
            Tuple(a) => Rc::as_ptr(a) as *const u8 as usize,
            BigInt(a) => Rc::as_ptr(a) as usize,
            List(a) => Rc::as_ptr(a) as usize,
            Dict(a) => Rc::as_ptr(a) as usize,
            Set(a) => Rc::as_ptr(a) as usize,
            FrozenSet(a) => Rc::as_ptr(a) as usize,
            Range(a) => Rc::as_ptr(a) as usize,
            Slice(a) => Rc::as_ptr(a) as usize,
            Function(a) => Rc::as_ptr(a) as usize,
            Builtin(a) => Rc::as_ptr(a) as usize,
            BoundMethod(a) => Rc::as_ptr(a) as usize,
            Class(a) => Rc::as_ptr(a) as usize,
            Instance(a) => Rc::as_ptr(a) as usize,
            Module(a) => Rc::as_ptr(a) as usize,
            Iter(a) => Rc::as_ptr(a) as usize,
            Native(a) => Rc::as_ptr(a) as usize,
            Code(a) => Rc::as_ptr(a) as usize,
            Cell(a) => Rc::as_ptr(a) as usize,
            None | NotImplemented | Ellipsis | Bool(_) | Int(_) | Float(_) => 0,
        }
    }

    /// CPython's type name for error messages (`'int' object is not callable`).
    pub fn type_name(&self) -> Rc<str> {
        use Value::*;
        let s: &str = match self {
            None => "NoneType",
            NotImplemented => "NotImplementedType",
            Ellipsis => "ellipsis",
            Bool(_) => "bool",
            Int(_) | BigInt(_) => "int",
            Float(_) => "float",
            Str(_) => "str",
            Bytes(_) => "bytes",
            Tuple(_) => "tuple",
            List(_) => "list",
            Dict(_) => "dict",
            Set(_) => "set",
            FrozenSet(_) => "frozenset",
            Range(_) => "range",
            Slice(_) => "slice",
            Function(_) => "function",
            Builtin(_) => "builtin_function_or_method",
            BoundMethod(_) => "method",
            Class(_) => "type",
            Instance(i) => return i.class.borrow().name.clone(),
            Module(_) => "module",
            Iter(it) => match &*it.borrow() {
                IterState::Range { .. } => "range_iterator",
                IterState::Seq { seq: Value::List(_), .. } => "list_iterator",
                IterState::Seq { seq: Value::Tuple(_), .. } => "tuple_iterator",
                IterState::Seq { seq: Value::Str(_), .. } => "str_ascii_iterator",
                IterState::Enumerate { .. } => "enumerate",
                IterState::Zip { .. } => "zip",
                IterState::Map { .. } => "map",
                IterState::Filter { .. } => "filter",
                IterState::DictView { what: 0, .. } => "dict_keyiterator",
                IterState::DictView { what: 1, .. } => "dict_valueiterator",
                IterState::DictView { .. } => "dict_itemiterator",
                _ => "iterator",
            },
            Native(n) => return n.class.name.clone(),
            Code(_) => "code",
            Cell(_) => "cell",
        };
        Rc::from(s)
    }
}

impl NativeObj {
    /// `serial` comes from `Interp::next_serial`, so it is a function of the run.
    pub fn new(class: Rc<Class>, serial: u64, data: NativeData) -> Rc<NativeObj> {
        Rc::new(NativeObj { class, serial, data: RefCell::new(data) })
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Value::Int(i) => write!(f, "{i}"),
            Value::BigInt(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Str(s) => write!(f, "{s:?}"),
            other => write!(f, "<{}>", other.type_name()),
        }
    }
}
