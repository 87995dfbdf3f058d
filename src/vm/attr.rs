//! Attribute access: instance dicts, class MROs, bound methods, descriptors (property,
//! staticmethod, classmethod), module globals, thread-locals and the special attributes
//! programs read (`__name__`, `__class__`, `args`...). Invariant: lookups follow CPython's
//! order — data descriptors on the type, then the instance dict, then the type — and misses
//! raise CPython's AttributeError messages.

use super::native::NativeData;
use super::value::{BoundMethod, Builtin, Class, ClassKind, Value};
use super::{Dict, Flow, Interp};
use std::rc::Rc;

/// What kind of descriptor a class attribute is (builtin descriptor classes are marked by
/// a `__descriptor__` entry in their dict).
enum Descr {
    Property,
    Static,
    ClassMethod,
    Plain,
}

/// A descriptor of a class written in Python: an instance whose class defines `__get__`
/// (returned), and whether it is a data descriptor (`__set__` or `__delete__` too).
fn user_descriptor(v: &Value) -> Option<(Option<Value>, bool)> {
    let Value::Instance(i) = v else { return None };
    let c = i.class.borrow().clone();
    if c.builtin {
        return None;
    }
    let get = c.lookup("__get__");
    let data = c.lookup("__set__").is_some() || c.lookup("__delete__").is_some();
    if get.is_none() && !data {
        return None;
    }
    Some((get, data))
}

impl Interp {
    pub fn class_of_impl(&self, v: &Value) -> Rc<Class> {
        let t = &self.types;
        match v {
            Value::None => t.none.clone(),
            Value::NotImplemented => t.not_implemented.clone(),
            Value::Ellipsis => t.ellipsis.clone(),
            Value::Bool(_) => t.bool.clone(),
            Value::Int(_) | Value::BigInt(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Str(_) => t.str.clone(),
            Value::Bytes(_) => t.bytes.clone(),
            Value::Tuple(_) => t.tuple.clone(),
            Value::List(_) => t.list.clone(),
            Value::Dict(_) => t.dict.clone(),
            Value::Set(_) => t.set.clone(),
            Value::FrozenSet(_) => t.frozenset.clone(),
            Value::Range(_) => t.range.clone(),
            Value::Slice(_) => t.slice.clone(),
            Value::Function(_) => t.function.clone(),
            Value::Builtin(_) => t.builtin_function.clone(),
            Value::BoundMethod(_) => t.method.clone(),
            Value::Class(c) => c.meta.clone().unwrap_or_else(|| t.type_.clone()),
            Value::Instance(i) => i.class.borrow().clone(),
            Value::Module(_) => t.module.clone(),
            Value::Iter(_) => t.iterator.clone(),
            Value::Native(n) => n.class.clone(),
            Value::Code(_) => t.code.clone(),
            Value::Cell(_) => t.cell.clone(),
        }
    }

    fn descr_kind(&self, v: &Value) -> Descr {
        if let Value::Instance(i) = v {
            let c = i.class.borrow();
            if c.builtin {
                match &*c.name {
                    "property" => return Descr::Property,
                    "staticmethod" => return Descr::Static,
                    "classmethod" => return Descr::ClassMethod,
                    _ => {}
                }
            }
        }
        Descr::Plain
    }

    /// Whether `v`, found on a class, is a `property`.
    pub(super) fn is_property(&self, v: &Value) -> bool {
        matches!(self.descr_kind(v), Descr::Property)
    }

    /// The Python getter of a property `name` on `obj`'s class, if that is what `obj.name`
    /// reads (properties win over the instance dict).
    pub(super) fn python_property(&self, obj: &Value, name: &str) -> Option<Rc<super::value::Function>> {
        self.property_accessor(obj, name, "fget")
    }

    /// The Python function `name` (`__getitem__`, `__setitem__`, `__iter__`) defined on the
    /// class of instance `obj`, if there is one: the evaluation loop runs it as a frame, so
    /// that it may block.
    pub(super) fn python_dunder(&self, obj: &Value, name: &'static str) -> Option<Rc<super::value::Function>> {
        match self.lookup_special(obj, name)? {
            Value::Function(f) => Some(f),
            _ => None,
        }
    }

    /// The Python `__getattr__` that `obj.name` ends in, if the ordinary lookup finds nothing
    /// and the class has one written in Python (run as a frame, so it may block).
    pub(super) fn python_getattr(&mut self, obj: &Value, name: &str) -> Option<Rc<super::value::Function>> {
        let Value::Instance(i) = obj else { return None };
        let cls = i.class.borrow().clone();
        let Some(Value::Function(ga)) = cls.lookup("__getattr__") else { return None };
        if cls.lookup(name).is_some() || i.dict.borrow().get_str(name).is_some() {
            return None;
        }
        if self.special_instance_attr(obj, name).is_some() {
            return None;
        }
        Some(ga)
    }

    /// The Python setter of a property `name` on `obj`'s class, if it has one.
    pub(super) fn python_setter(&self, obj: &Value, name: &str) -> Option<Rc<super::value::Function>> {
        self.property_accessor(obj, name, "fset")
    }

    fn property_accessor(&self, obj: &Value, name: &str, which: &str) -> Option<Rc<super::value::Function>> {
        let Value::Instance(i) = obj else { return None };
        let cls = i.class.borrow().clone();
        let found = cls.lookup(name)?;
        if !matches!(self.descr_kind(&found), Descr::Property) {
            return None;
        }
        match Self::inst_field(&found, which) {
            Value::Function(f) => Some(f),
            _ => None,
        }
    }

    fn inst_field(v: &Value, name: &str) -> Value {
        match v {
            Value::Instance(i) => i.dict.borrow().get_str(name).unwrap_or(Value::None),
            _ => Value::None,
        }
    }

    /// A method found on the type of `obj` for `LoadMethod`: Some(func) to be called with
    /// obj as first argument, or None to fall back to a plain attribute load.
    pub(super) fn load_method(&mut self, obj: &Value, name: &Rc<str>) -> Result<Option<Value>, Flow> {
        match obj {
            Value::Instance(i) => {
                if i.dict.borrow().contains_str(name) {
                    return Ok(None);
                }
                let cls = i.class.borrow().clone();
                match cls.lookup_rc(name) {
                    Some(f @ Value::Function(_)) => Ok(Some(f)),
                    Some(b @ Value::Builtin(_)) => Ok(Some(b)),
                    _ => Ok(None),
                }
            }
            Value::Module(_) | Value::Class(_) => Ok(None),
            Value::Native(n) if &*n.class.name == "super" || matches!(&*n.data.borrow(), NativeData::Local { .. }) => {
                Ok(None)
            }
            _ => {
                let cls = self.class_of(obj);
                match cls.lookup(name) {
                    Some(b @ Value::Builtin(_)) => Ok(Some(b)),
                    _ => Ok(None),
                }
            }
        }
    }

    /// Looks up a dunder on the type only (as CPython does for operators), unbound.
    pub fn lookup_special(&self, obj: &Value, name: &'static str) -> Option<Value> {
        match obj {
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                cls.lookup_static(name)
            }
            // A class's operators come from its metaclass (`for m in SomeEnum`): the ones
            // written in Python; `type`'s own are the builtin behaviour.
            Value::Class(c) => match c.meta.as_ref()?.lookup(name)? {
                Value::Builtin(_) => None,
                f => Some(f),
            },
            _ => None,
        }
    }

    /// Binds a value found on a class to `obj` as Python would when read via the instance.
    fn bind(&mut self, found: Value, obj: &Value, cls: &Rc<Class>) -> Result<Value, Flow> {
        match self.descr_kind(&found) {
            Descr::Property => {
                let fget = Self::inst_field(&found, "fget");
                if fget.is_none() {
                    return Err(self.err("AttributeError", "property has no getter"));
                }
                self.call(&fget, vec![obj.clone()])
            }
            Descr::Static => Ok(Self::inst_field(&found, "__func__")),
            Descr::ClassMethod => Ok(Value::BoundMethod(Rc::new(BoundMethod {
                receiver: Value::Class(cls.clone()),
                func: Self::inst_field(&found, "__func__"),
            }))),
            Descr::Plain => match found {
                Value::Function(_) => {
                    Ok(Value::BoundMethod(Rc::new(BoundMethod { receiver: obj.clone(), func: found })))
                }
                Value::Builtin(b) if b.bound.is_none() => {
                    Ok(Value::Builtin(Rc::new(Builtin { name: b.name, func: b.func, bound: Some(obj.clone()) })))
                }
                other => Ok(other),
            },
        }
    }

    /// `object.__getattribute__(obj, name)`: the ordinary lookup, without the class's
    /// `__getattr__` fallback.
    pub(crate) fn getattribute(&mut self, obj: &Value, name: &str) -> Result<Value, Flow> {
        if let Value::Instance(i) = obj {
            let cls = i.class.borrow().clone();
            if cls.lookup("__getattr__").is_some() {
                if let Some(v) = self.instance_attr(obj, i, &cls, name)? {
                    return Ok(v);
                }
                return Err(self.attr_error(obj, name));
            }
        }
        self.get_attr(obj, name)
    }

    /// The ordinary lookup of `obj.name` on an instance: data descriptors on the type
    /// (properties, user classes with `__set__`/`__delete__`), then the instance dict, then
    /// the type (non-data descriptors' `__get__`, functions bound), then the special
    /// attributes. None: not found (the caller tries `__getattr__`).
    fn instance_attr(
        &mut self,
        obj: &Value,
        i: &super::value::Instance,
        cls: &Rc<Class>,
        name: &str,
    ) -> Result<Option<Value>, Flow> {
        self.instance_attr_found(obj, i, cls, name, cls.lookup(name))
    }

    /// `instance_attr` with the class's lookup of `name` already done (`found`).
    fn instance_attr_found(
        &mut self,
        obj: &Value,
        i: &super::value::Instance,
        cls: &Rc<Class>,
        name: &str,
        found: Option<Value>,
    ) -> Result<Option<Value>, Flow> {
        let mut descr_get = None;
        if let Some(f) = &found {
            if matches!(self.descr_kind(f), Descr::Property) {
                return self.bind(f.clone(), obj, cls).map(Some);
            }
            match user_descriptor(f) {
                Some((Some(get), true)) => {
                    return self.call(&get, vec![f.clone(), obj.clone(), Value::Class(cls.clone())]).map(Some);
                }
                Some((get, _)) => descr_get = get,
                None => {}
            }
        }
        if let Some(v) = i.dict.borrow().get_str(name) {
            return Ok(Some(v));
        }
        if let Some(f) = found {
            if let Some(get) = descr_get {
                return self.call(&get, vec![f, obj.clone(), Value::Class(cls.clone())]).map(Some);
            }
            return self.bind(f, obj, cls).map(Some);
        }
        // The number attributes of an int or float subclass's value (`m.real`).
        if let (Some(b), "real" | "imag" | "numerator" | "denominator") = (&i.base, name) {
            if matches!(b, Value::Int(_) | Value::BigInt(_) | Value::Float(_)) {
                return self.get_attr(&b.clone(), name).map(Some);
            }
        }
        Ok(self.special_instance_attr(obj, name))
    }

    /// `LoadAttr`'s common case on an instance, with one lookup of `name` on the class where
    /// the general path (`python_property`, `python_getattr`, then `get_attr`) makes up to
    /// four: the result that path gives, or None when it must run (a property, whose Python
    /// getter runs as a frame; or a name neither on the class nor in the instance dict, where
    /// a Python `__getattr__` may run as a frame). Runs exactly the Python the general path
    /// would (a user descriptor's `__get__`, nested, as `get_attr` does).
    pub(super) fn load_attr_fast(&mut self, obj: &Value, name: &Rc<str>) -> Option<Result<Value, Flow>> {
        let Value::Instance(i) = obj else { return None };
        let cls = i.class.borrow().clone();
        match cls.lookup_rc(name) {
            // No property and no `__getattr__` call: the class has no `name`, the dict has.
            None => i.dict.borrow().get_str(name).map(Ok),
            Some(f) if matches!(self.descr_kind(&f), Descr::Property) => None,
            // Found on the class: `python_getattr` gives None; `get_attr` is this lookup.
            found @ Some(_) => Some(match self.instance_attr_found(obj, i, &cls, name, found) {
                Ok(Some(v)) => Ok(v),
                Ok(None) => Err(self.attr_error(obj, name)),
                Err(e) => Err(e),
            }),
        }
    }

    pub(super) fn get_attr_impl(&mut self, obj: &Value, name: &str) -> Result<Value, Flow> {
        match obj {
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                if let Some(v) = self.instance_attr(obj, i, &cls, name)? {
                    return Ok(v);
                }
                if let Some(ga) = cls.lookup("__getattr__") {
                    return self.call(&ga, vec![obj.clone(), Value::str(name)]);
                }
                Err(self.attr_error(obj, name))
            }
            Value::Class(c) => {
                for k in c.mro() {
                    let found = k.dict.borrow().get_str(name);
                    if let Some(v) = found {
                        return match self.descr_kind(&v) {
                            Descr::Static => Ok(Self::inst_field(&v, "__func__")),
                            Descr::ClassMethod => Ok(Value::BoundMethod(Rc::new(BoundMethod {
                                receiver: obj.clone(),
                                func: Self::inst_field(&v, "__func__"),
                            }))),
                            _ => match user_descriptor(&v) {
                                // `C.attr` of a descriptor: `__get__(None, C)`.
                                Some((Some(get), _)) => self.call(&get, vec![v, Value::None, obj.clone()]),
                                // `tuple.__new__` takes the class first when read from a class.
                                _ if name == "__new__" => Ok(crate::vm::builtins::subclass::bound_new(self, k, v)),
                                _ => Ok(v),
                            },
                        };
                    }
                }
                if let Some(m) = &c.meta {
                    if let Some(v) = m.lookup(name) {
                        let m = m.clone();
                        return self.bind(v, obj, &m);
                    }
                }
                match name {
                    // Native types are named with their module for reprs ('_thread._local');
                    // their `__name__` is CPython's tp_name after the last dot.
                    "__name__" | "__qualname__" if c.builtin && c.name.contains('.') => {
                        Ok(Value::str(c.name.rsplit('.').next().unwrap_or(&c.name)))
                    }
                    "__name__" => Ok(Value::Str(c.name.clone())),
                    "__qualname__" => Ok(Value::Str(c.qualname.clone())),
                    "__module__" => Ok(Value::Str(c.module.clone())),
                    "__class__" => Ok(Value::Class(self.class_of(obj))),
                    "__mro__" => Ok(Value::tuple(c.mro().map(|k| Value::Class(k.clone())).collect())),
                    "__bases__" => Ok(Value::tuple(c.bases.iter().map(|k| Value::Class(k.clone())).collect())),
                    "__base__" => Ok(c.bases.first().map(|k| Value::Class(k.clone())).unwrap_or(Value::None)),
                    "__dict__" => Ok(Value::dict(c.dict.borrow().clone())),
                    "__doc__" => Ok(Value::None),
                    _ => {
                        let msg = format!("type object '{}' has no attribute '{}'", c.name, name);
                        Err(self.missing_attr(msg, obj, name))
                    }
                }
            }
            Value::Module(m) => match m.get(name) {
                Some(v) => Ok(v),
                None if name == "__name__" => Ok(Value::Str(m.name.clone())),
                // `sys.modules`: the modules imported so far, in import order (a new dict at
                // each use: entries written into it do not make imports).
                None if name == "modules" && &*m.name == "sys" => {
                    let mut d = Dict::new();
                    for (k, v) in &self.modules {
                        d.set_str(k, v.clone());
                    }
                    Ok(Value::dict(d))
                }
                None if name == "__dict__" => {
                    let mut d = Dict::new();
                    for (k, v) in m.globals.borrow().items() {
                        d.set_str(k, v.clone());
                    }
                    Ok(Value::dict(d))
                }
                None => match self.lazy_attr(&m.name.clone(), name) {
                    Some(r) => r,
                    // PEP 562: a module's own `__getattr__` answers names it lacks.
                    None => match m.get("__getattr__") {
                        Some(f) => self.call(&f, vec![Value::str(name)]),
                        None => {
                            let msg = format!("module '{}' has no attribute '{}'", m.name, name);
                            Err(self.missing_attr(msg, obj, name))
                        }
                    },
                },
            },
            Value::Function(f) => match name {
                "__name__" => Ok(Value::Str(f.name.borrow().clone())),
                "__qualname__" => Ok(Value::Str(f.qualname.borrow().clone())),
                // Assigned ones (functools.wraps copies both) live in the function's dict.
                "__module__" | "__doc__" if f.dict.borrow().get_str(name).is_some() => {
                    Ok(f.dict.borrow().get_str(name).unwrap_or(Value::None))
                }
                "__module__" => Ok(Value::Str(f.globals.name.clone())),
                "__defaults__" => {
                    let d = f.defaults.borrow();
                    Ok(if d.is_empty() { Value::None } else { Value::tuple(d.clone()) })
                }
                "__kwdefaults__" => Ok(if f.kwdefaults.borrow().is_empty() {
                    Value::None
                } else {
                    let mut d = Dict::new();
                    for (k, v) in f.kwdefaults.borrow().iter() {
                        d.set_str(k, v.clone());
                    }
                    Value::dict(d)
                }),
                "__doc__" => Ok(f.code.doc.clone().map(Value::Str).unwrap_or(Value::None)),
                "__code__" => Ok(Value::Code(f.code.clone())),
                "__dict__" => {
                    let mut d = f.dict.borrow().clone();
                    for hidden in ["__annotations__", "__doc__", "__module__"] {
                        d.remove_str(hidden);
                    }
                    Ok(Value::dict(d))
                }
                "__annotations__" => {
                    let found = f.dict.borrow().get_str(name);
                    Ok(found.unwrap_or_else(|| {
                        // Made on first use and kept, as CPython does.
                        let d = Value::dict(Dict::new());
                        f.dict.borrow_mut().set_str("__annotations__", d.clone());
                        d
                    }))
                }
                _ => match f.dict.borrow().get_str(name) {
                    Some(v) => Ok(v),
                    None => Err(self.attr_error(obj, name)),
                },
            },
            Value::Code(c) => code_attr(c, name).ok_or_else(|| self.attr_error(obj, name)),
            Value::BoundMethod(m) => match name {
                "__self__" => Ok(m.receiver.clone()),
                "__func__" => Ok(m.func.clone()),
                _ => self.get_attr(&m.func.clone(), name),
            },
            Value::Builtin(b) => match name {
                "__name__" | "__qualname__" => Ok(Value::str(b.name)),
                "__self__" => Ok(b.bound.clone().unwrap_or(Value::None)),
                _ => Err(self.attr_error(obj, name)),
            },
            Value::Native(n) => {
                if &*n.class.name == "super" {
                    let pair = match &*n.data.borrow() {
                        NativeData::Opaque(v) => v.clone(),
                        _ => Value::None,
                    };
                    return super::modules::super_getattr(self, &pair, name);
                }
                if name == "__class__" {
                    return Ok(Value::Class(n.class.clone()));
                }
                self.local_for_thread(n)?;
                if let NativeData::Local { per_thread, .. } = &*n.data.borrow() {
                    if let Some((_, d)) = per_thread.iter().find(|(t, _)| *t == self.tid) {
                        if name == "__dict__" {
                            return Ok(Value::dict(d.clone()));
                        }
                        if let Some(v) = d.get_str(name) {
                            return Ok(v);
                        }
                    }
                }
                if name == "name" {
                    // sys.stdin/stdout/stderr's `name` (logging's StreamHandler repr shows it).
                    if let NativeData::File { fd } = &*n.data.borrow() {
                        let s = match fd {
                            0 => "<stdin>".to_string(),
                            1 => "<stdout>".to_string(),
                            2 => "<stderr>".to_string(),
                            other => other.to_string(),
                        };
                        return Ok(Value::str(&s));
                    }
                }
                let cls = n.class.clone();
                match cls.lookup(name) {
                    Some(f) => self.bind(f, obj, &cls),
                    None => super::generator::attribute(obj, name).ok_or_else(|| self.attr_error(obj, name)),
                }
            }
            _ => {
                let cls = self.class_of(obj);
                if let Some(f) = cls.lookup(name) {
                    return self.bind(f, obj, &cls);
                }
                match (obj, name) {
                    (Value::Int(i), "real" | "numerator") => Ok(Value::Int(*i)),
                    (Value::Int(_), "imag") => Ok(Value::Int(0)),
                    (Value::Int(_), "denominator") => Ok(Value::Int(1)),
                    (Value::Float(f), "real") => Ok(Value::Float(*f)),
                    (Value::Float(_), "imag") => Ok(Value::Float(0.0)),
                    (Value::Range(r), "start") => Ok(Value::Int(r.start)),
                    (Value::Range(r), "stop") => Ok(Value::Int(r.stop)),
                    (Value::Range(r), "step") => Ok(Value::Int(r.step)),
                    (Value::Slice(s), "start") => Ok(s.start.clone()),
                    (Value::Slice(s), "stop") => Ok(s.stop.clone()),
                    (Value::Slice(s), "step") => Ok(s.step.clone()),
                    (_, "__class__") => Ok(Value::Class(cls)),
                    _ => Err(self.attr_error(obj, name)),
                }
            }
        }
    }

    fn special_instance_attr(&mut self, obj: &Value, name: &str) -> Option<Value> {
        let Value::Instance(i) = obj else { return None };
        match name {
            "__class__" => return Some(Value::Class(i.class.borrow().clone())),
            "__dict__" => return Some(Value::Dict(i.dict.clone())),
            _ => {}
        }
        let exc = i.exc.as_ref()?;
        let e = exc.borrow();
        match name {
            "args" => Some(Value::tuple(e.args.clone())),
            "__cause__" => Some(e.cause.clone().unwrap_or(Value::None)),
            "__context__" => Some(e.context.clone().unwrap_or(Value::None)),
            "__suppress_context__" => Some(Value::Bool(e.suppress_context)),
            "__traceback__" => Some(Value::None),
            "value" if i.class.borrow().is_subclass_of(&self.types.exceptions["StopIteration"]) => {
                Some(e.args.first().cloned().unwrap_or(Value::None))
            }
            "code" if i.class.borrow().is_subclass_of(&self.types.exceptions["SystemExit"]) => {
                Some(match e.args.len() {
                    0 => Value::None,
                    1 => e.args[0].clone(),
                    _ => Value::tuple(e.args.clone()),
                })
            }
            _ => None,
        }
    }

    /// A `threading.local` subclass touched by a thread for the first time: gives the thread
    /// its own attribute dict and runs the subclass's `__init__` there with the arguments of
    /// the construction (nested: it may not block), as CPython's `_thread._local` does.
    fn local_for_thread(&mut self, n: &Rc<super::value::NativeObj>) -> Result<(), Flow> {
        let tid = self.tid;
        let args = match &mut *n.data.borrow_mut() {
            NativeData::Local { per_thread, init: Some(init) } if !per_thread.iter().any(|(t, _)| *t == tid) => {
                per_thread.push((tid, Dict::new()));
                init.as_ref().clone()
            }
            _ => return Ok(()),
        };
        if let Some(Value::Function(f)) = n.class.lookup("__init__") {
            let mut full = vec![Value::Native(n.clone())];
            full.extend(args.0);
            self.call_nested(&Value::Function(f), full, args.1)?;
        }
        Ok(())
    }

    pub fn attr_error(&self, obj: &Value, name: &str) -> Flow {
        self.missing_attr(format!("'{}' object has no attribute '{}'", obj.type_name(), name), obj, name)
    }

    /// An AttributeError carrying `name` and `obj`, as CPython's attribute lookup raises it
    /// (the printed traceback suggests a close name from `dir(obj)`).
    fn missing_attr(&self, msg: String, obj: &Value, name: &str) -> Flow {
        let e = self.err("AttributeError", msg);
        if let Flow::Raise(Value::Instance(i)) = &e {
            let mut d = i.dict.borrow_mut();
            d.set_str("name", Value::str(name));
            d.set_str("obj", obj.clone());
        }
        e
    }

    pub(super) fn set_attr_impl(&mut self, obj: &Value, name: &str, v: Value) -> Result<(), Flow> {
        if let Value::Instance(i) = obj {
            // A class of the program's own `__setattr__` (a frozen dataclass's) decides.
            let cls = i.class.borrow().clone();
            if let Some(f @ Value::Function(_)) = cls.lookup("__setattr__") {
                self.call(&f, vec![obj.clone(), Value::str(name), v])?;
                return Ok(());
            }
        }
        self.set_attr_plain(obj, name, v)
    }

    /// `object.__setattr__` on an instance, with the class's lookup of `name` already done.
    // `key` is `name` as the instruction's `Rc` when there is one (see the end).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn set_instance_attr(
        &mut self,
        obj: &Value,
        i: &super::value::Instance,
        cls: &Rc<Class>,
        name: &str,
        v: Value,
        found: Option<Value>,
        key: Option<&Rc<str>>,
    ) -> Result<(), Flow> {
        if let Some(found) = found {
            if let Descr::Property = self.descr_kind(&found) {
                let fset = Self::inst_field(&found, "fset");
                if fset.is_none() {
                    return Err(
                        self.err("AttributeError", format!("property '{name}' of '{}' object has no setter", cls.name))
                    );
                }
                self.call(&fset, vec![obj.clone(), v])?;
                return Ok(());
            }
            if let Value::Instance(d) = &found {
                let dcls = d.class.borrow().clone();
                if !dcls.builtin {
                    if let Some(set) = dcls.lookup("__set__") {
                        self.call(&set, vec![found.clone(), obj.clone(), v])?;
                        return Ok(());
                    }
                    if dcls.lookup("__delete__").is_some() {
                        return Err(self.err("AttributeError", "__set__"));
                    }
                }
            }
        }
        if let Some(exc) = &i.exc {
            match name {
                "args" => {
                    exc.borrow_mut().args = self.collect(&v)?;
                    return Ok(());
                }
                "__cause__" => {
                    let mut e = exc.borrow_mut();
                    e.cause = if v.is_none() { None } else { Some(v) };
                    e.suppress_context = true;
                    return Ok(());
                }
                "__context__" => {
                    exc.borrow_mut().context = if v.is_none() { None } else { Some(v) };
                    return Ok(());
                }
                _ => {}
            }
        }
        if name == "__class__" {
            if let Value::Class(c) = v {
                *i.class.borrow_mut() = c;
                return Ok(());
            }
        }
        let mut d = i.dict.borrow_mut();
        match key {
            // The instruction's own name as the key of a new attribute: no copy of it, and
            // later reads by the same name compare pointers (`StrKey`).
            Some(k) => d.set_rc(k, v),
            None => d.set_str(name, v),
        }
        cls.dict.note_instance_len(d.len());
        Ok(())
    }

    /// `object.__setattr__`: assignment without the class's own `__setattr__`.
    pub fn set_attr_plain(&mut self, obj: &Value, name: &str, v: Value) -> Result<(), Flow> {
        match obj {
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                let found = cls.lookup(name);
                self.set_instance_attr(obj, i, &cls, name, v, found, None)
            }
            Value::Class(c) => {
                if c.builtin {
                    return Err(
                        self.err("TypeError", format!("cannot set '{name}' attribute of immutable type '{}'", c.name))
                    );
                }
                c.dict.borrow_mut().set_str(name, v);
                Ok(())
            }
            Value::Module(m) => {
                m.set(name, v);
                Ok(())
            }
            Value::Function(f) => {
                match name {
                    "__name__" | "__qualname__" => {
                        let Value::Str(s) = v else {
                            return Err(self.err("TypeError", format!("{name} must be set to a string object")));
                        };
                        *(if name == "__name__" { &f.name } else { &f.qualname }).borrow_mut() = s;
                    }
                    "__defaults__" => {
                        *f.defaults.borrow_mut() = match v {
                            Value::None => Vec::new(),
                            Value::Tuple(t) => t.to_vec(),
                            _ => return Err(self.err("TypeError", "__defaults__ must be set to a tuple object")),
                        }
                    }
                    "__kwdefaults__" => {
                        *f.kwdefaults.borrow_mut() = match v {
                            Value::None => Vec::new(),
                            Value::Dict(d) => {
                                let mut kw = Vec::new();
                                for (k, v) in d.borrow().iter() {
                                    if let Value::Str(s) = &k.0 {
                                        kw.push((s.clone(), v.clone()));
                                    }
                                }
                                kw
                            }
                            _ => return Err(self.err("TypeError", "__kwdefaults__ must be set to a dict object")),
                        }
                    }
                    "__globals__" | "__closure__" => return Err(self.err("AttributeError", "readonly attribute")),
                    "__code__" => {
                        return Err(self.err("NotImplementedError", "concsim does not support assigning __code__ yet"))
                    }
                    _ => f.dict.borrow_mut().set_str(name, v),
                }
                Ok(())
            }
            Value::Native(n) => {
                let tid = self.tid;
                self.local_for_thread(n)?;
                if let NativeData::Local { per_thread, .. } = &mut *n.data.borrow_mut() {
                    match per_thread.iter_mut().find(|(t, _)| *t == tid) {
                        Some((_, d)) => d.set_str(name, v),
                        None => {
                            let mut d = Dict::new();
                            d.set_str(name, v);
                            per_thread.push((tid, d));
                        }
                    }
                    return Ok(());
                }
                Err(self.attr_error(obj, name))
            }
            _ => {
                let cls = self.class_of(obj);
                if cls.lookup(name).is_some() {
                    Err(self.err(
                        "AttributeError",
                        format!("'{}' object attribute '{}' is read-only", obj.type_name(), name),
                    ))
                } else {
                    Err(self.attr_error(obj, name))
                }
            }
        }
    }

    pub(super) fn del_attr(&mut self, obj: &Value, name: &str) -> Result<(), Flow> {
        if let Value::Instance(i) = obj {
            let cls = i.class.borrow().clone();
            if let Some(f @ Value::Function(_)) = cls.lookup("__delattr__") {
                self.call(&f, vec![obj.clone(), Value::str(name)])?;
                return Ok(());
            }
        }
        self.del_attr_plain(obj, name)
    }

    /// `object.__delattr__`: deletion without the class's own `__delattr__`.
    pub fn del_attr_plain(&mut self, obj: &Value, name: &str) -> Result<(), Flow> {
        if let Value::Instance(i) = obj {
            let cls = i.class.borrow().clone();
            let found = cls.lookup(name);
            if let Some(Value::Instance(d)) = &found {
                let found = Value::Instance(d.clone());
                let dcls = d.class.borrow().clone();
                if !dcls.builtin {
                    if let Some(del) = dcls.lookup("__delete__") {
                        self.call(&del, vec![found.clone(), obj.clone()])?;
                        return Ok(());
                    }
                    if dcls.lookup("__set__").is_some() {
                        return Err(self.err("AttributeError", "__delete__"));
                    }
                }
            }
        }
        let removed = match obj {
            Value::Instance(i) => i.dict.borrow_mut().remove_str(name).is_some(),
            Value::Class(c) if !c.builtin => c.dict.borrow_mut().remove_str(name).is_some(),
            Value::Module(m) => {
                let mut g = m.globals.borrow_mut();
                match g.index.get(name).copied() {
                    Some(i) => g.values[i as usize].take().is_some(),
                    None => false,
                }
            }
            Value::Native(n) => {
                let tid = self.tid;
                self.local_for_thread(n)?;
                match &mut *n.data.borrow_mut() {
                    NativeData::Local { per_thread, .. } => per_thread
                        .iter_mut()
                        .find(|(t, _)| *t == tid)
                        .map(|(_, d)| d.remove_str(name).is_some())
                        .unwrap_or(false),
                    _ => false,
                }
            }
            _ => false,
        };
        if removed {
            Ok(())
        } else {
            Err(self.attr_error(obj, name))
        }
    }

    /// `type(name, bases, dict)`: a class made at run time, as a `class` statement would.
    pub(crate) fn type_from_parts(&mut self, args: &[Value]) -> Result<Value, Flow> {
        let type_ = self.types.type_.clone();
        self.type_new_with(&type_, args, Vec::new())
    }

    /// `type.__new__(meta, name, bases, dict, **kwargs)`: a class whose metaclass is `meta`
    /// (or the most derived of its bases' metaclasses).
    pub(crate) fn type_new_with(
        &mut self,
        meta: &Rc<Class>,
        args: &[Value],
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, Flow> {
        let [name, bases, ns] = args else {
            return Err(self.err("TypeError", "type() takes 1 or 3 arguments"));
        };
        let Value::Str(name) = name else {
            let t = name.type_name();
            return Err(self.err("TypeError", format!("type.__new__() argument 1 must be str, not {t}")));
        };
        let Value::Tuple(bases) = bases else {
            let t = bases.type_name();
            return Err(self.err("TypeError", format!("type.__new__() argument 2 must be tuple, not {t}")));
        };
        let Value::Dict(ns) = ns else {
            let t = ns.type_name();
            return Err(self.err("TypeError", format!("type.__new__() argument 3 must be dict, not {t}")));
        };
        let mut classes = Vec::with_capacity(bases.len());
        for b in bases.iter() {
            match b {
                Value::Class(c) => classes.push(c.clone()),
                other => {
                    let t = other.type_name();
                    return Err(
                        self.err("TypeError", format!("type.__new__() argument 2 must contain classes, not {t}"))
                    );
                }
            }
        }
        let meta = self.winner_meta(Some(meta.clone()), &classes)?;
        let ns = ns.borrow().clone();
        self.new_class(name.clone(), classes, ns, meta, kwargs)
    }

    /// The metaclass of a class with these bases: the most derived of `explicit` and the
    /// bases' metaclasses (None: `type`), or CPython's metaclass conflict.
    fn winner_meta(&mut self, explicit: Option<Rc<Class>>, bases: &[Rc<Class>]) -> Result<Option<Rc<Class>>, Flow> {
        let type_ = self.types.type_.clone();
        let mut winner = explicit.unwrap_or_else(|| type_.clone());
        for b in bases {
            let m = b.meta.clone().unwrap_or_else(|| type_.clone());
            if winner.is_subclass_of(&m) {
                continue;
            }
            if m.is_subclass_of(&winner) {
                winner = m;
                continue;
            }
            return Err(self.err(
                "TypeError",
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        Ok(if Rc::ptr_eq(&winner, &type_) { None } else { Some(winner) })
    }

    /// `class` statement's end: the class from its body's namespace; `cell` is the body's
    /// `__class__` cell (or None), filled with the new class for zero-argument `super()`.
    /// A metaclass other than `type` is called (nested) as `meta(name, bases, ns, **kw)`.
    pub(super) fn make_class(
        &mut self,
        name: Rc<str>,
        bases: Vec<Rc<Class>>,
        ns: super::value::Ref<Dict>,
        cell: Value,
        mut kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, Flow> {
        let mut explicit = None;
        if let Some(at) = kwargs.iter().position(|(k, _)| &**k == "metaclass") {
            let (_, meta) = kwargs.remove(at);
            match meta {
                Value::Class(m) if m.is_subclass_of(&self.types.type_) => explicit = Some(m),
                // Any callable may stand for a metaclass: it makes the class.
                other => {
                    let bases_t = Value::tuple(bases.iter().map(|b| Value::Class(b.clone())).collect());
                    return self.call_nested(&other, vec![Value::Str(name), bases_t, Value::Dict(ns)], kwargs);
                }
            }
        }
        let meta = self.winner_meta(explicit, &bases)?;
        if let Value::Cell(_) = &cell {
            ns.borrow_mut().set_str("__classcell__", cell);
        }
        if let Some(m) = meta {
            let bases_t = Value::tuple(bases.iter().map(|b| Value::Class(b.clone())).collect());
            return self.call_nested(&Value::Class(m), vec![Value::Str(name), bases_t, Value::Dict(ns)], kwargs);
        }
        let dict = ns.borrow().clone();
        self.new_class(name, bases, dict, None, kwargs)
    }

    /// `type.__new__`'s work: the class object, its `__class__` cell filled (from the
    /// namespace's `__classcell__`), `__set_name__` of its attributes, then the parent's
    /// `__init_subclass__` with the class keywords (CPython's order).
    fn new_class(
        &mut self,
        name: Rc<str>,
        bases: Vec<Rc<Class>>,
        mut dict: Dict,
        meta: Option<Rc<Class>>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Value, Flow> {
        let cell = dict.remove_str("__classcell__");
        let bases = if bases.is_empty() { vec![self.types.object.clone()] } else { bases };
        let kind =
            if bases.iter().any(|b| b.kind == ClassKind::Exception) { ClassKind::Exception } else { ClassKind::Object };
        let module: Rc<str> = match dict.get_str("__module__") {
            Some(Value::Str(s)) => s,
            _ => Rc::from("__main__"),
        };
        let qualname: Rc<str> = match dict.remove_str("__qualname__") {
            Some(Value::Str(s)) => s,
            _ => name.clone(),
        };
        // A class that defines `__eq__` but not `__hash__` is unhashable (CPython's type_new).
        if dict.contains_str("__eq__") && !dict.contains_str("__hash__") {
            dict.set_str("__hash__", Value::None);
        }
        // As CPython's type_new: `__init_subclass__` and `__class_getitem__` are implicitly
        // classmethods, `__new__` a staticmethod.
        for (name, kind) in
            [("__init_subclass__", "classmethod"), ("__class_getitem__", "classmethod"), ("__new__", "staticmethod")]
        {
            if let Some(f @ Value::Function(_)) = dict.get_str(name) {
                let wrapped = super::modules::new_descriptor(self, kind, &[("__func__", f)]);
                dict.set_str(name, wrapped);
            }
        }
        let mro_rest = super::types::merge_mro(&bases);
        let mut value_base: Option<Rc<Class>> = None;
        for c in mro_rest.iter().filter(|c| self.types.is_value_type(c)) {
            match &value_base {
                None => value_base = Some(c.clone()),
                // `class X(int, str)`: each would need its own value inside the instance.
                Some(v) if !c.is_subclass_of(v) && !v.is_subclass_of(c) => {
                    return Err(self.err("TypeError", "multiple bases have instance lay-out conflict"));
                }
                Some(_) => {}
            }
        }
        let cls = Rc::new(Class {
            name,
            qualname,
            mro_rest,
            bases,
            dict: super::value::ClassDict::new(std::mem::take(&mut dict)),
            module,
            kind,
            builtin: false,
            meta,
            value_base,
        });
        if let Some(Value::Cell(c)) = cell {
            *c.borrow_mut() = Some(Value::Class(cls.clone()));
        }
        // `__set_name__` of each attribute that has one, then the parent's
        // `__init_subclass__` with the class keywords (CPython's order).
        let items: Vec<(Value, Value)> = cls.dict.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
        for (k, v) in items {
            let Value::Instance(i) = &v else { continue };
            let vc = i.class.borrow().clone();
            if vc.builtin {
                continue;
            }
            if let Some(set_name) = vc.lookup("__set_name__") {
                self.call(&set_name, vec![v.clone(), Value::Class(cls.clone()), k])?;
            }
        }
        self.init_subclass(&cls, kwargs)?;
        Ok(Value::Class(cls))
    }

    /// `super(cls, cls).__init_subclass__(**kwargs)` for a new class.
    fn init_subclass(&mut self, cls: &Rc<Class>, kwargs: Vec<(Rc<str>, Value)>) -> Result<(), Flow> {
        for k in cls.mro_rest.iter() {
            let Some(f) = k.dict.borrow().get_str("__init_subclass__") else { continue };
            if let Descr::ClassMethod = self.descr_kind(&f) {
                let func = Self::inst_field(&f, "__func__");
                self.call_nested(&func, vec![Value::Class(cls.clone())], kwargs)?;
                return Ok(());
            }
            break;
        }
        if !kwargs.is_empty() {
            return Err(self.err("TypeError", format!("{}.__init_subclass__() takes no keyword arguments", cls.name)));
        }
        Ok(())
    }
}

/// The `co_*` attributes of a code object (`f.__code__`, a frame's `f_code`).
fn code_attr(c: &Rc<crate::lang::bytecode::Code>, name: &str) -> Option<Value> {
    let names = |v: &[Rc<str>]| Value::tuple(v.iter().map(|n| Value::Str(n.clone())).collect());
    Some(match name {
        "co_name" => Value::Str(c.name.clone()),
        "co_qualname" => Value::Str(c.qualname.clone()),
        "co_filename" => Value::Str(c.filename.clone()),
        "co_firstlineno" => Value::Int(c.first_line as i64),
        "co_argcount" => Value::Int(c.argcount as i64),
        "co_kwonlyargcount" => Value::Int(c.kwonlyargcount as i64),
        "co_nlocals" => Value::Int(c.varnames.len() as i64),
        "co_varnames" => names(&c.varnames),
        "co_cellvars" => names(&c.cellvars),
        "co_freevars" => names(&c.freevars),
        _ => return None,
    })
}
