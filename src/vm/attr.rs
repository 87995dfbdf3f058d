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
            Value::Class(_) => t.type_.clone(),
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

    /// The Python getter of a property `name` on `obj`'s class, if that is what `obj.name`
    /// reads (properties win over the instance dict).
    pub(super) fn python_property(&self, obj: &Value, name: &str) -> Option<Rc<super::value::Function>> {
        self.property_accessor(obj, name, "fget")
    }

    /// The Python function `name` (`__getitem__`, `__setitem__`, `__iter__`) defined on the
    /// class of instance `obj`, if there is one: the evaluation loop runs it as a frame, so
    /// that it may block.
    pub(super) fn python_dunder(&self, obj: &Value, name: &str) -> Option<Rc<super::value::Function>> {
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
    pub(super) fn load_method(&mut self, obj: &Value, name: &str) -> Result<Option<Value>, Flow> {
        match obj {
            Value::Instance(i) => {
                if i.dict.borrow().contains_str(name) {
                    return Ok(None);
                }
                let cls = i.class.borrow().clone();
                match cls.lookup(name) {
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
    pub fn lookup_special(&self, obj: &Value, name: &str) -> Option<Value> {
        match obj {
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                cls.lookup(name)
            }
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
                let found = cls.lookup(name);
                if let Some(f) = &found {
                    if matches!(self.descr_kind(f), Descr::Property) {
                        return self.bind(f.clone(), obj, &cls);
                    }
                }
                if let Some(v) = i.dict.borrow().get_str(name) {
                    return Ok(v);
                }
                if let Some(f) = found {
                    return self.bind(f, obj, &cls);
                }
                if let Some(v) = self.special_instance_attr(obj, name) {
                    return Ok(v);
                }
                return Err(self.attr_error(obj, name));
            }
        }
        self.get_attr(obj, name)
    }

    pub(super) fn get_attr_impl(&mut self, obj: &Value, name: &str) -> Result<Value, Flow> {
        match obj {
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                let found = cls.lookup(name);
                if let Some(f) = &found {
                    if matches!(self.descr_kind(f), Descr::Property) {
                        return self.bind(f.clone(), obj, &cls);
                    }
                }
                if let Some(v) = i.dict.borrow().get_str(name) {
                    return Ok(v);
                }
                if let Some(f) = found {
                    return self.bind(f, obj, &cls);
                }
                if let Some(v) = self.special_instance_attr(obj, name) {
                    return Ok(v);
                }
                if let Some(ga) = cls.lookup("__getattr__") {
                    return self.call(&ga, vec![obj.clone(), Value::str(name)]);
                }
                Err(self.attr_error(obj, name))
            }
            Value::Class(c) => {
                for k in c.mro() {
                    if let Some(v) = k.dict.borrow().get_str(name) {
                        return match self.descr_kind(&v) {
                            Descr::Static => Ok(Self::inst_field(&v, "__func__")),
                            Descr::ClassMethod => Ok(Value::BoundMethod(Rc::new(BoundMethod {
                                receiver: obj.clone(),
                                func: Self::inst_field(&v, "__func__"),
                            }))),
                            _ => Ok(v),
                        };
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
                    "__mro__" => Ok(Value::tuple(c.mro().map(|k| Value::Class(k.clone())).collect())),
                    "__bases__" => Ok(Value::tuple(c.bases.iter().map(|k| Value::Class(k.clone())).collect())),
                    "__base__" => Ok(c.bases.first().map(|k| Value::Class(k.clone())).unwrap_or(Value::None)),
                    "__dict__" => Ok(Value::dict(c.dict.borrow().clone())),
                    "__doc__" => Ok(Value::None),
                    _ => {
                        Err(self.err("AttributeError", format!("type object '{}' has no attribute '{}'", c.name, name)))
                    }
                }
            }
            Value::Module(m) => match m.get(name) {
                Some(v) => Ok(v),
                None if name == "__name__" => Ok(Value::Str(m.name.clone())),
                None if name == "__dict__" => {
                    let mut d = Dict::new();
                    for (k, v) in m.globals.borrow().items() {
                        d.set_str(k, v.clone());
                    }
                    Ok(Value::dict(d))
                }
                None => match self.lazy_attr(&m.name.clone(), name) {
                    Some(r) => r,
                    None => Err(self.err("AttributeError", format!("module '{}' has no attribute '{}'", m.name, name))),
                },
            },
            Value::Function(f) => match name {
                "__name__" => Ok(Value::Str(f.name.borrow().clone())),
                "__qualname__" => Ok(Value::Str(f.qualname.borrow().clone())),
                "__module__" => Ok(Value::Str(f.globals.name.clone())),
                "__defaults__" => {
                    Ok(if f.defaults.is_empty() { Value::None } else { Value::tuple(f.defaults.clone()) })
                }
                "__doc__" => Ok(Value::None),
                "__dict__" => Ok(Value::dict(f.dict.borrow().clone())),
                _ => match f.dict.borrow().get_str(name) {
                    Some(v) => Ok(v),
                    None => Err(self.attr_error(obj, name)),
                },
            },
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
            "__dict__" => return Some(Value::dict(i.dict.borrow().clone())),
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
        self.err("AttributeError", format!("'{}' object has no attribute '{}'", obj.type_name(), name))
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

    /// `object.__setattr__`: assignment without the class's own `__setattr__`.
    pub fn set_attr_plain(&mut self, obj: &Value, name: &str, v: Value) -> Result<(), Flow> {
        match obj {
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                if let Some(found) = cls.lookup(name) {
                    if let Descr::Property = self.descr_kind(&found) {
                        let fset = Self::inst_field(&found, "fset");
                        if fset.is_none() {
                            return Err(self.err(
                                "AttributeError",
                                format!("property '{name}' of '{}' object has no setter", cls.name),
                            ));
                        }
                        self.call(&fset, vec![obj.clone(), v])?;
                        return Ok(());
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
                i.dict.borrow_mut().set_str(name, v);
                Ok(())
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
                    "__name__" => *f.name.borrow_mut() = self.str_of(&v)?,
                    "__qualname__" => *f.qualname.borrow_mut() = self.str_of(&v)?,
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
        let ns = Rc::new(std::cell::RefCell::new(ns.borrow().clone()));
        self.make_class(name.clone(), classes, ns, Value::None)
    }

    /// `class` statement's end: the class from its body's namespace; `cell` is the body's
    /// `__class__` cell (or None), filled with the new class for zero-argument `super()`.
    pub(super) fn make_class(
        &mut self,
        name: Rc<str>,
        bases: Vec<Rc<Class>>,
        ns: super::value::Ref<Dict>,
        cell: Value,
    ) -> Result<Value, Flow> {
        let bases = if bases.is_empty() { vec![self.types.object.clone()] } else { bases };
        let kind =
            if bases.iter().any(|b| b.kind == ClassKind::Exception) { ClassKind::Exception } else { ClassKind::Object };
        let mut dict = ns.borrow().clone();
        let module: Rc<str> = match dict.get_str("__module__") {
            Some(Value::Str(s)) => s,
            _ => Rc::from("__main__"),
        };
        let qualname: Rc<str> = match dict.remove_str("__qualname__") {
            Some(Value::Str(s)) => s,
            _ => name.clone(),
        };
        let mro_rest = super::types::merge_mro(&bases);
        let cls = Rc::new(Class {
            name,
            qualname,
            mro_rest,
            bases,
            dict: std::cell::RefCell::new(std::mem::take(&mut dict)),
            module,
            kind,
            builtin: false,
        });
        if let Value::Cell(c) = cell {
            *c.borrow_mut() = Some(Value::Class(cls.clone()));
        }
        Ok(Value::Class(cls))
    }
}
