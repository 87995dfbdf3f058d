//! The protocol helpers natives and the evaluation loop use to act on values (errors, repr,
//! equality, ordering, iteration, item access, operators, calls). Invariant: every helper
//! handles builtin kinds through `ops` and dispatches to user-defined dunder methods where
//! Python would, so natives behave on instances exactly as on builtin values.

use super::dict::Key;
use super::value::{Class, IterState, Value};
use super::{ops, Dict, Flow, Interp};
use crate::lang::bytecode::{BinOp, CmpOp, UnOp};
use std::cell::RefCell;
use std::rc::Rc;

pub(super) fn dunder(op: BinOp) -> (&'static str, &'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__", "+"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__", "-"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__", "*"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__", "@"),
        BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__", "/"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__", "//"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__", "%"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__", "** or pow()"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__", "<<"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__", ">>"),
        BinOp::And => ("__and__", "__rand__", "__iand__", "&"),
        BinOp::Or => ("__or__", "__ror__", "__ior__", "|"),
        BinOp::Xor => ("__xor__", "__rxor__", "__ixor__", "^"),
    }
}

fn cmp_names(op: CmpOp) -> (&'static str, &'static str, &'static str) {
    match op {
        CmpOp::Lt => ("__lt__", "__gt__", "<"),
        CmpOp::Le => ("__le__", "__ge__", "<="),
        CmpOp::Gt => ("__gt__", "__lt__", ">"),
        CmpOp::Ge => ("__ge__", "__le__", ">="),
        CmpOp::Eq => ("__eq__", "__eq__", "=="),
        _ => ("__ne__", "__ne__", "!="),
    }
}

impl Interp {
    /// `raise ClassName(msg)` for a builtin exception class.
    pub fn err(&self, class: &str, msg: impl Into<String>) -> Flow {
        let msg: String = msg.into();
        let e = self.err_args(class, vec![Value::str(&msg)]);
        // The interpreter's `name 'x' is not defined` carries the name, as CPython's NameError
        // does (the printed traceback suggests a close name from it).
        if class == "NameError" {
            if let (Some(name), Flow::Raise(Value::Instance(i))) =
                (msg.strip_prefix("name '").and_then(|m| m.strip_suffix("' is not defined")), &e)
            {
                i.dict.borrow_mut().set_str("name", Value::str(name));
            }
        }
        e
    }

    /// `raise ClassName(*args)`.
    pub fn err_args(&self, class: &str, args: Vec<Value>) -> Flow {
        let cls =
            self.types.exceptions.get(class).cloned().unwrap_or_else(|| self.types.exceptions["SystemError"].clone());
        Flow::Raise(self.new_exception(&cls, args))
    }

    pub fn new_exception(&self, class: &Rc<Class>, args: Vec<Value>) -> Value {
        self.new_instance(class, args)
    }

    pub fn class_of(&self, v: &Value) -> Rc<Class> {
        self.class_of_impl(v)
    }

    pub fn isinstance(&self, v: &Value, c: &Rc<Class>) -> bool {
        self.class_of(v).is_subclass_of(c)
    }

    /// A user-defined (non-builtin) method of `v`'s class.
    fn user_dunder(&self, v: &Value, name: &str) -> Option<Value> {
        if let Value::Class(c) = v {
            let meta = c.meta.as_ref()?;
            for k in meta.mro() {
                if let Some(f) = k.dict.borrow().get_str(name) {
                    return if k.builtin { None } else { Some(f) };
                }
            }
            return None;
        }
        if let Value::Instance(i) = v {
            let cls = i.class.borrow().clone();
            for c in cls.mro() {
                if let Some(f) = c.dict.borrow().get_str(name) {
                    return if c.builtin { None } else { Some(f) };
                }
            }
        }
        None
    }

    /// `x.name(y)` for a user-defined dunder, unless it is missing or returns NotImplemented.
    /// CPython's rule: when `b`'s type is a strict subclass of `a`'s, `b`'s reflected method
    /// is tried first — for comparisons always, for binary operators when the subclass
    /// overrides it (`overridden`: it has `rname` and `a`'s type has none or another one).
    fn reflected_first(&self, a: &Value, b: &Value, rname: &str, overridden: bool) -> bool {
        if !matches!(b, Value::Instance(_)) {
            return false;
        }
        let (ca, cb) = (self.class_of(a), self.class_of(b));
        if Rc::ptr_eq(&ca, &cb) || !cb.is_subclass_of(&ca) {
            return false;
        }
        if !overridden {
            return true;
        }
        match (cb.lookup(rname), ca.lookup(rname)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(fb), Some(fa)) => !fb.is(&fa),
        }
    }

    fn try_dunder(&mut self, x: &Value, name: &str, y: &Value) -> Result<Option<Value>, Flow> {
        let Some(f) = self.user_dunder(x, name) else { return Ok(None) };
        let r = self.call(&f, vec![x.clone(), y.clone()])?;
        Ok(if matches!(r, Value::NotImplemented) { None } else { Some(r) })
    }

    pub fn repr(&mut self, v: &Value) -> Result<Rc<str>, Flow> {
        match v {
            Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None => {}
            _ => {
                if let Some(f) = self.user_dunder(v, "__repr__") {
                    let r = self.call(&f, vec![v.clone()])?;
                    return match r {
                        Value::Str(s) => Ok(s),
                        other => {
                            Err(self
                                .err("TypeError", format!("__repr__ returned non-string (type {})", other.type_name())))
                        }
                    };
                }
                // A builtin type's subclass shows its value as the type does ({'a': 1}).
                if let Some(b) = v.base_value() {
                    let b = b.clone();
                    return self.repr(&b);
                }
                if let Value::Instance(i) = v {
                    let cls = i.class.borrow().clone();
                    if let Some(exc) = &i.exc {
                        let args = exc.borrow().args.clone();
                        let inner = if args.len() == 1 {
                            self.repr(&args[0])?.to_string()
                        } else {
                            let mut parts = Vec::new();
                            for a in &args {
                                parts.push(self.repr(a)?.to_string());
                            }
                            parts.join(", ")
                        };
                        return Ok(Rc::from(format!("{}({})", cls.name, inner)));
                    }
                    let addr = self.fake_address(v);
                    let name = if &*cls.module == "builtins" {
                        cls.qualname.to_string()
                    } else {
                        format!("{}.{}", cls.module, cls.qualname)
                    };
                    return Ok(Rc::from(format!("<{name} object at {addr}>")));
                }
                if let Value::Native(n) = v {
                    if let Some(s) = super::modules::native_repr(self, n) {
                        return Ok(Rc::from(s));
                    }
                }
            }
        }
        match ops::repr_builtin(self, v)? {
            Some(s) => Ok(Rc::from(s)),
            None => {
                let addr = self.fake_address(v);
                Ok(Rc::from(format!("<{} object at {}>", v.type_name(), addr)))
            }
        }
    }

    /// A stable, address-looking number for `<C object at 0x...>`: assigned in order of
    /// first display, so output never depends on real addresses.
    pub fn fake_address(&mut self, v: &Value) -> String {
        let key = v.identity_ptr();
        let next = self.addresses.len() as u64;
        let n = *self.addresses.entry(key).or_insert(next);
        format!("0x7f00{:08x}", 0x1000 + n * 0x30)
    }

    pub fn str_of(&mut self, v: &Value) -> Result<Rc<str>, Flow> {
        match v {
            Value::Str(s) => Ok(s.clone()),
            Value::Instance(i) => {
                if let Some(f) = self.user_dunder(v, "__str__") {
                    let r = self.call(&f, vec![v.clone()])?;
                    return match r {
                        Value::Str(s) => Ok(s),
                        other => {
                            Err(self
                                .err("TypeError", format!("__str__ returned non-string (type {})", other.type_name())))
                        }
                    };
                }
                // A builtin type's subclass: its Python `__repr__` if it has one (object's
                // `__str__`), else the str of its value.
                if let Some(b) = i.base.clone() {
                    if self.user_dunder(v, "__repr__").is_some() {
                        return self.repr(v);
                    }
                    return self.str_of(&b);
                }
                // Builtin exception classes below BaseException may format themselves
                // (OSError's "[Errno 2] ...").
                let cls = i.class.borrow().clone();
                if i.exc.is_some() {
                    for c in cls.mro() {
                        if Rc::ptr_eq(c, &self.types.base_exception) {
                            break;
                        }
                        if let Some(Value::Builtin(b)) = c.dict.borrow().get_str("__str__") {
                            if c.builtin {
                                let r = (b.func)(self, std::slice::from_ref(v), &[])?;
                                return match r {
                                    Value::Str(s) => Ok(s),
                                    other => Ok(self.repr(&other)?),
                                };
                            }
                        }
                    }
                }
                if let Some(exc) = &i.exc {
                    let args = exc.borrow().args.clone();
                    let is_key_error = i.class.borrow().is_subclass_of(&self.types.exceptions["KeyError"]);
                    return match args.len() {
                        0 => Ok(Rc::from("")),
                        1 if is_key_error => self.repr(&args[0]),
                        1 => self.str_of(&args[0]),
                        _ => self.repr(&Value::tuple(args)),
                    };
                }
                self.repr(v)
            }
            _ => match ops::str_builtin(self, v)? {
                Some(s) => Ok(Rc::from(s)),
                None => self.repr(v),
            },
        }
    }

    pub fn truthy(&mut self, v: &Value) -> Result<bool, Flow> {
        match v {
            Value::Bool(b) => Ok(*b),
            Value::None => Ok(false),
            Value::Int(i) => Ok(*i != 0),
            Value::Instance(_) => {
                if let Some(f) = self.user_dunder(v, "__bool__") {
                    let r = self.call(&f, vec![v.clone()])?;
                    return match r {
                        Value::Bool(b) => Ok(b),
                        other => Err(self
                            .err("TypeError", format!("__bool__ should return bool, returned {}", other.type_name()))),
                    };
                }
                if let Some(f) = self.user_dunder(v, "__len__") {
                    let r = self.call(&f, vec![v.clone()])?;
                    return self.truthy(&r);
                }
                if let Some(b) = v.base_value() {
                    let b = b.clone();
                    return self.truthy(&b);
                }
                Ok(true)
            }
            _ => Ok(ops::truthy_builtin(v).unwrap_or(true)),
        }
    }

    pub fn eq(&mut self, a: &Value, b: &Value) -> Result<bool, Flow> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => return Ok(x == y),
            (Value::Str(x), Value::Str(y)) => return Ok(x == y),
            _ => {}
        }
        let r = self.compare_op(CmpOp::Eq, a, b)?;
        self.truthy(&r)
    }

    pub fn lt(&mut self, a: &Value, b: &Value) -> Result<bool, Flow> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            return Ok(x < y);
        }
        let r = self.compare_op(CmpOp::Lt, a, b)?;
        self.truthy(&r)
    }

    /// A dict key / set element, or `TypeError: unhashable type: 'list'`. Instances (also
    /// inside tuples) whose class defines `__hash__` in Python get it called and cached
    /// (`Instance::user_hash`); a class whose `__hash__` is None is unhashable. A key for
    /// which `dict::needs_eq` holds must then be matched against a container's keys with
    /// `key_among` (or `dict_key`, `set_key`) before the container is searched.
    pub fn key(&mut self, v: &Value) -> Result<Key, Flow> {
        if matches!(v, Value::Instance(_) | Value::Tuple(_)) {
            self.file_hash(v)?;
        }
        Key::new(v.clone()).map_err(|u| self.err("TypeError", format!("unhashable type: '{}'", u.0)))
    }

    fn file_hash(&mut self, v: &Value) -> Result<(), Flow> {
        match v {
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                match cls.lookup("__hash__") {
                    Some(Value::None) => Err(self.err("TypeError", format!("unhashable type: '{}'", v.type_name()))),
                    Some(Value::Builtin(_)) | None => {
                        i.user_hash.set(None);
                        Ok(())
                    }
                    Some(_) => {
                        let h = super::builtins::num_funcs::hash_value(self, v)?;
                        i.user_hash.set(Some(h));
                        self.eq_keys_seen = true;
                        Ok(())
                    }
                }
            }
            Value::Tuple(items) => items.iter().try_for_each(|x| match x {
                Value::Instance(_) | Value::Tuple(_) => self.file_hash(x),
                _ => Ok(()),
            }),
            _ => Ok(()),
        }
    }

    /// The key for `v` in a container whose stored keys `candidates` lists (given the key,
    /// the stored keys with its hash that need `__eq__`): the stored key `v` equals, if
    /// any, so that the container finds it by identity; else `v`'s own key. `__eq__` is
    /// called as CPython's dict does: only on a hash match, the stored key first.
    pub fn key_among(&mut self, v: &Value, candidates: impl FnOnce(&Key) -> Vec<Value>) -> Result<Key, Flow> {
        let k = self.key(v)?;
        // A plain key may still equal a stored instance (`{Key(7): x}[7]`): searched for
        // only once the program has filed some instance under its `__hash__`.
        if !super::dict::needs_eq(&k.0) && !self.eq_keys_seen {
            return Ok(k);
        }
        for c in candidates(&k) {
            if c.is(&k.0) || self.eq(&c, &k.0)? {
                return Ok(Key(c));
            }
        }
        Ok(k)
    }

    /// `key_among` the keys of dict `d`.
    pub fn dict_key(&mut self, d: &RefCell<Dict>, v: &Value) -> Result<Key, Flow> {
        self.key_among(v, |k| super::dict::same_hash_in_map(&d.borrow().map, k))
    }

    /// `key_among` the elements of set `s`.
    pub fn set_key(&mut self, s: &RefCell<super::dict::Set>, v: &Value) -> Result<Key, Flow> {
        self.key_among(v, |k| super::dict::same_hash_in_set(&s.borrow(), k))
    }

    /// Adds `v` to a set being built (`set(iterable)`, `{a, b}`).
    pub fn set_insert(&mut self, s: &mut super::dict::Set, v: &Value) -> Result<(), Flow> {
        let k = self.key_among(v, |k| super::dict::same_hash_in_set(s, k))?;
        s.insert(k);
        Ok(())
    }

    /// `o` with each element that equals one of `to`'s by `__eq__` replaced by that
    /// element, so that set algebra between the two works by identity.
    pub fn align_set(&mut self, o: super::dict::Set, to: &super::dict::Set) -> Result<super::dict::Set, Flow> {
        if !o.iter().any(|k| super::dict::needs_eq(&k.0)) {
            return Ok(o);
        }
        let mut out = super::dict::Set::default();
        for k in o {
            let k = self.key_among(&k.0, |k| super::dict::same_hash_in_set(to, k))?;
            out.insert(k);
        }
        Ok(out)
    }

    /// `o`'s keys aligned with `to`'s, as `align_set` does for sets.
    pub fn align_dict(&mut self, o: Dict, to: &Dict) -> Result<Dict, Flow> {
        if !o.keys().any(super::dict::needs_eq) {
            return Ok(o);
        }
        let mut out = Dict::new();
        for (k, v) in o.map {
            let k = self.key_among(&k.0, |k| super::dict::same_hash_in_map(&to.map, k))?;
            out.insert(k, v);
        }
        Ok(out)
    }

    pub fn get_attr(&mut self, v: &Value, name: &str) -> Result<Value, Flow> {
        self.get_attr_impl(v, name)
    }

    pub fn set_attr(&mut self, v: &Value, name: &str, val: Value) -> Result<(), Flow> {
        self.set_attr_impl(v, name, val)
    }

    pub fn get_iter(&mut self, v: &Value) -> Result<Value, Flow> {
        let state = match v {
            Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) => {
                IterState::Seq { seq: v.clone(), index: 0 }
            }
            Value::Range(r) => IterState::Range { next: r.start, stop: r.stop, step: r.step },
            Value::Dict(d) => IterState::Values { items: d.borrow().keys().cloned().collect(), index: 0 },
            Value::Set(s) => IterState::Values { items: s.borrow().iter().map(|k| k.0.clone()).collect(), index: 0 },
            Value::FrozenSet(s) => IterState::Values { items: s.iter().map(|k| k.0.clone()).collect(), index: 0 },
            Value::Iter(_) => return Ok(v.clone()),
            Value::Instance(_) | Value::Native(_) | Value::Class(_) => {
                let f = match v {
                    Value::Instance(_) | Value::Class(_) => self.lookup_special(v, "__iter__"),
                    Value::Native(n) => n.class.lookup("__iter__"),
                    _ => None,
                };
                return match f {
                    Some(f) => self.call(&f, vec![v.clone()]),
                    None if self.lookup_special(v, "__getitem__").is_some() => {
                        Ok(Value::Iter(Rc::new(RefCell::new(IterState::Seq { seq: v.clone(), index: 0 }))))
                    }
                    None => Err(self.err("TypeError", format!("'{}' object is not iterable", v.type_name()))),
                };
            }
            _ => return Err(self.err("TypeError", format!("'{}' object is not iterable", v.type_name()))),
        };
        Ok(Value::Iter(Rc::new(RefCell::new(state))))
    }

    /// The next item, or None when the iterator is exhausted.
    pub fn next(&mut self, it: &Value) -> Result<Option<Value>, Flow> {
        let Value::Iter(cell) = it else {
            if let Some(g) = super::generator::generator_of(it) {
                let g = g.clone();
                return match self.resume_nested(&g, super::generator::Resumption::Send(Value::None)) {
                    Ok(v) => Ok(Some(v)),
                    Err(Flow::Raise(e)) if self.isinstance(&e, &self.types.exceptions["StopIteration"].clone()) => {
                        Ok(None)
                    }
                    Err(e) => Err(e),
                };
            }
            if let Some(f) = self.lookup_special(it, "__next__") {
                return match self.call(&f, vec![it.clone()]) {
                    Ok(v) => Ok(Some(v)),
                    Err(Flow::Raise(e)) if self.isinstance(&e, &self.types.exceptions["StopIteration"].clone()) => {
                        Ok(None)
                    }
                    Err(e) => Err(e),
                };
            }
            return Err(self.err("TypeError", format!("'{}' object is not an iterator", it.type_name())));
        };
        // Cheap states advance under the borrow; those that call back into Python clone
        // what they need first.
        let mut st = cell.borrow_mut();
        let r = match &mut *st {
            IterState::Range { next, stop, step } => {
                if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                    let v = *next;
                    *next += *step;
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            IterState::Seq { seq, index } => match seq {
                Value::List(l) => {
                    let l = l.borrow();
                    let v = l.get(*index).cloned();
                    *index += 1;
                    v
                }
                Value::Tuple(t) => {
                    let v = t.get(*index).cloned();
                    *index += 1;
                    v
                }
                Value::Str(s) => match s[*index..].chars().next() {
                    Some(c) => {
                        *index += c.len_utf8();
                        let mut buf = [0u8; 4];
                        Some(Value::str(c.encode_utf8(&mut buf)))
                    }
                    None => None,
                },
                Value::Bytes(b) => {
                    let v = b.get(*index).map(|x| Value::Int(*x as i64));
                    *index += 1;
                    v
                }
                other => {
                    let obj = other.clone();
                    let i = *index;
                    *index += 1;
                    drop(st);
                    return match self.getitem(&obj, &Value::Int(i as i64)) {
                        Ok(v) => Ok(Some(v)),
                        Err(Flow::Raise(e))
                            if self.isinstance(&e, &self.types.exceptions["IndexError"].clone())
                                || self.isinstance(&e, &self.types.exceptions["StopIteration"].clone()) =>
                        {
                            Ok(None)
                        }
                        Err(e) => Err(e),
                    };
                }
            },
            IterState::DictView { items, index, what } => {
                let v = items.get(*index).map(|(k, v)| match what {
                    0 => k.clone(),
                    1 => v.clone(),
                    _ => Value::tuple(vec![k.clone(), v.clone()]),
                });
                *index += 1;
                v
            }
            IterState::Values { items, index } => {
                let v = items.get(*index).cloned();
                *index += 1;
                v
            }
            IterState::Exhausted => None,
            IterState::Enumerate { inner, count } => {
                let inner = inner.clone();
                let c = *count;
                *count += 1;
                drop(st);
                return Ok(self.next(&inner)?.map(|v| Value::tuple(vec![Value::Int(c), v])));
            }
            IterState::Zip { inners } => {
                let inners = inners.clone();
                drop(st);
                let mut out = Vec::with_capacity(inners.len());
                for i in &inners {
                    match self.next(i)? {
                        Some(v) => out.push(v),
                        None => return Ok(None),
                    }
                }
                return Ok(if inners.is_empty() { None } else { Some(Value::tuple(out)) });
            }
            IterState::Map { func, inners } => {
                let (func, inners) = (func.clone(), inners.clone());
                drop(st);
                let mut args = Vec::with_capacity(inners.len());
                for i in &inners {
                    match self.next(i)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                return self.call(&func, args).map(Some);
            }
            IterState::Filter { func, inner } => {
                let (func, inner) = (func.clone(), inner.clone());
                drop(st);
                loop {
                    let Some(v) = self.next(&inner)? else { return Ok(None) };
                    let keep = if func.is_none() {
                        self.truthy(&v)?
                    } else {
                        let r = self.call(&func, vec![v.clone()])?;
                        self.truthy(&r)?
                    };
                    if keep {
                        return Ok(Some(v));
                    }
                }
            }
        };
        if r.is_none() {
            *st = IterState::Exhausted;
        }
        Ok(r)
    }

    /// Iterates `v` to the end.
    pub fn collect(&mut self, v: &Value) -> Result<Vec<Value>, Flow> {
        match v {
            Value::List(l) => return Ok(l.borrow().clone()),
            Value::Tuple(t) => return Ok(t.to_vec()),
            Value::Range(r) if r.len() <= 10_000_000 => {
                let mut out = Vec::with_capacity(r.len().max(0) as usize);
                let mut i = r.start;
                while (r.step > 0 && i < r.stop) || (r.step < 0 && i > r.stop) {
                    out.push(Value::Int(i));
                    i += r.step;
                }
                return Ok(out);
            }
            _ => {}
        }
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
        }
        Ok(out)
    }

    /// Calls any callable and runs it to completion.
    pub fn call(&mut self, f: &Value, args: Vec<Value>) -> Result<Value, Flow> {
        self.call_kw(f, args, Vec::new())
    }

    pub fn call_kw(&mut self, f: &Value, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> Result<Value, Flow> {
        self.call_nested(f, args, kwargs)
    }

    pub fn len_of(&mut self, v: &Value) -> Result<usize, Flow> {
        if let Some(n) = ops::len_builtin(v) {
            return Ok(n);
        }
        if let Some(f) = self.lookup_special(v, "__len__") {
            let r = self.call(&f, vec![v.clone()])?;
            return match r {
                Value::Int(n) if n >= 0 => Ok(n as usize),
                Value::Int(_) => Err(self.err("ValueError", "__len__() should return >= 0")),
                other => Err(self
                    .err("TypeError", format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
            };
        }
        Err(self.err("TypeError", format!("object of type '{}' has no len()", v.type_name())))
    }

    pub(super) fn getitem(&mut self, obj: &Value, key: &Value) -> Result<Value, Flow> {
        if let (Value::List(l), Value::Int(i)) = (obj, key) {
            let l = l.borrow();
            let n = l.len() as i64;
            let j = if *i < 0 { i + n } else { *i };
            if j >= 0 && j < n {
                return Ok(l[j as usize].clone());
            }
        }
        if let Some(v) = ops::getitem(self, obj, key)? {
            return Ok(v);
        }
        if let Some(f) = self.lookup_special(obj, "__getitem__") {
            return self.call(&f, vec![obj.clone(), key.clone()]);
        }
        if let Value::Class(c) = obj {
            // PEP 560: `C[key]` calls `C.__class_getitem__(key)`, an implicit classmethod.
            if let Some(f) = c.lookup("__class_getitem__") {
                if let Value::Function(_) = f {
                    return self.call(&f, vec![obj.clone(), key.clone()]);
                }
                let bound = self.get_attr(obj, "__class_getitem__")?;
                return self.call(&bound, vec![key.clone()]);
            }
            // `list[int]`: a types.GenericAlias, written in the typing prelude.
            if c.builtin && &*c.module == "builtins" && GENERIC_BUILTINS.contains(&&*c.name) {
                let typing = self.import_nested("typing")?;
                let alias = self.get_attr(&typing, "_builtin_alias")?;
                return self.call(&alias, vec![obj.clone(), key.clone()]);
            }
            return Err(self.err("TypeError", format!("type '{}' is not subscriptable", c.name)));
        }
        Err(self.err("TypeError", format!("'{}' object is not subscriptable", obj.type_name())))
    }

    pub(super) fn setitem(&mut self, obj: &Value, key: &Value, v: Value) -> Result<(), Flow> {
        if let Some(f) = self.lookup_special(obj, "__setitem__") {
            self.call(&f, vec![obj.clone(), key.clone(), v])?;
            return Ok(());
        }
        match ops::setitem(self, obj, key, v)? {
            Some(()) => Ok(()),
            None => {
                Err(self.err("TypeError", format!("'{}' object does not support item assignment", obj.type_name())))
            }
        }
    }

    pub(super) fn delitem(&mut self, obj: &Value, key: &Value) -> Result<(), Flow> {
        if let Some(f) = self.lookup_special(obj, "__delitem__") {
            self.call(&f, vec![obj.clone(), key.clone()])?;
            return Ok(());
        }
        match ops::delitem(self, obj, key)? {
            Some(()) => Ok(()),
            None => Err(self.err("TypeError", format!("'{}' object doesn't support item deletion", obj.type_name()))),
        }
    }

    pub(super) fn binary_dunder(&mut self, op: BinOp, a: &Value, b: &Value, inplace: bool) -> Result<Value, Flow> {
        let (name, rname, iname, sym) = dunder(op);
        if inplace {
            if let Some(r) = self.try_dunder(a, iname, b)? {
                return Ok(r);
            }
            if let Some(v) = ops::binary(self, op, a, b)? {
                return Ok(v);
            }
        }
        let swapped = self.reflected_first(a, b, rname, true);
        if swapped {
            if let Some(r) = self.try_dunder(b, rname, a)? {
                return Ok(r);
            }
        }
        if let Some(r) = self.try_dunder(a, name, b)? {
            return Ok(r);
        }
        if !swapped {
            if let Some(r) = self.try_dunder(b, rname, a)? {
                return Ok(r);
            }
        }
        // A builtin type's subclass without the dunder in Python: the type's own operator
        // on its value (`MyInt(2) + 1` is an int); in place, a list/dict/set value changes.
        let (ua, ub) = (a.unwrap_base(), b.unwrap_base());
        if a.base_value().is_some() || b.base_value().is_some() {
            let (ua, ub) = (ua.clone(), ub.clone());
            if inplace && a.base_value().is_some() {
                if let Some(()) = self.inplace_value(op, &ua, &ub)? {
                    return Ok(a.clone());
                }
            }
            if let Some(v) = ops::binary(self, op, &ua, &ub)? {
                return Ok(v);
            }
        }
        let (a_kind, b_kind) = (ua, ub);
        let sym = if inplace { format!("{sym}=") } else { sym.to_string() };
        let sym = if sym == "** or pow()=" { "**=".to_string() } else { sym };
        if op == BinOp::Add && matches!(a_kind, Value::Str(_)) && !inplace {
            return Err(self.err("TypeError", format!("can only concatenate str (not \"{}\") to str", b.type_name())));
        }
        if op == BinOp::Add && matches!(a_kind, Value::List(_)) {
            return Err(self.err("TypeError", format!("can only concatenate list (not \"{}\") to list", b.type_name())));
        }
        if op == BinOp::Add && matches!(a_kind, Value::Tuple(_)) {
            return Err(
                self.err("TypeError", format!("can only concatenate tuple (not \"{}\") to tuple", b.type_name()))
            );
        }
        if op == BinOp::Mul
            && (matches!(a_kind, Value::Str(_) | Value::List(_) | Value::Tuple(_))
                || matches!(b_kind, Value::Str(_) | Value::List(_) | Value::Tuple(_)))
        {
            let other = if matches!(a_kind, Value::Str(_) | Value::List(_) | Value::Tuple(_)) { b } else { a };
            return Err(
                self.err("TypeError", format!("can't multiply sequence by non-int of type '{}'", other.type_name()))
            );
        }
        Err(self.err(
            "TypeError",
            format!("unsupported operand type(s) for {}: '{}' and '{}'", sym, a.type_name(), b.type_name()),
        ))
    }

    pub(super) fn unary_op(&mut self, op: UnOp, a: &Value) -> Result<Value, Flow> {
        if let Some(v) = ops::unary(self, op, a)? {
            return Ok(v);
        }
        let (name, sym) = match op {
            UnOp::Neg => ("__neg__", "-"),
            UnOp::Pos => ("__pos__", "+"),
            UnOp::Invert => ("__invert__", "~"),
            UnOp::Not => ("__bool__", "not"),
        };
        if let Some(f) = self.user_dunder(a, name) {
            return self.call(&f, vec![a.clone()]);
        }
        if let Some(b) = a.base_value() {
            let b = b.clone();
            return self.unary_op(op, &b);
        }
        Err(self.err("TypeError", format!("bad operand type for unary {}: '{}'", sym, a.type_name())))
    }

    pub(super) fn compare_op(&mut self, op: CmpOp, a: &Value, b: &Value) -> Result<Value, Flow> {
        match op {
            CmpOp::Is => return Ok(Value::Bool(a.is(b))),
            CmpOp::IsNot => return Ok(Value::Bool(!a.is(b))),
            CmpOp::In | CmpOp::NotIn => {
                let r = self.contains(b, a)?;
                return Ok(Value::Bool(r == (op == CmpOp::In)));
            }
            _ => {}
        }
        let (name, rname, sym) = cmp_names(op);
        if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
            let swapped = self.reflected_first(a, b, rname, false);
            if swapped {
                if let Some(r) = self.try_dunder(b, rname, a)? {
                    return Ok(r);
                }
            }
            if let Some(r) = self.try_dunder(a, name, b)? {
                return Ok(r);
            }
            if !swapped {
                if let Some(r) = self.try_dunder(b, rname, a)? {
                    return Ok(r);
                }
            }
            if op == CmpOp::Ne {
                if let Some(f) = self.user_dunder(a, "__eq__") {
                    let r = self.call(&f, vec![a.clone(), b.clone()])?;
                    if !matches!(r, Value::NotImplemented) {
                        let t = self.truthy(&r)?;
                        return Ok(Value::Bool(!t));
                    }
                }
            }
            if a.base_value().is_some() || b.base_value().is_some() {
                let (ua, ub) = (a.unwrap_base().clone(), b.unwrap_base().clone());
                if let Some(v) = ops::compare(self, op, &ua, &ub)? {
                    return Ok(v);
                }
            }
        }
        if let Some(v) = ops::compare(self, op, a, b)? {
            return Ok(v);
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(a.is(b))),
            CmpOp::Ne => Ok(Value::Bool(!a.is(b))),
            _ => Err(self.err(
                "TypeError",
                format!("'{}' not supported between instances of '{}' and '{}'", sym, a.type_name(), b.type_name()),
            )),
        }
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> Result<bool, Flow> {
        if let Some(r) = ops::contains(self, container, item)? {
            return Ok(r);
        }
        if let Some(f) = self.lookup_special(container, "__contains__") {
            let r = self.call(&f, vec![container.clone(), item.clone()])?;
            return self.truthy(&r);
        }
        let it = match self.get_iter(container) {
            Ok(it) => it,
            Err(_) => {
                return Err(
                    self.err("TypeError", format!("argument of type '{}' is not iterable", container.type_name()))
                );
            }
        };
        while let Some(x) = self.next(&it)? {
            if x.is(item) || self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub(super) fn build_set(&mut self, items: Vec<Value>) -> Result<Value, Flow> {
        let mut s = super::Set::default();
        for v in items {
            self.set_insert(&mut s, &v)?;
        }
        Ok(Value::Set(Rc::new(RefCell::new(s))))
    }

    pub(super) fn build_map(&mut self, items: Vec<Value>) -> Result<Value, Flow> {
        let mut d = Dict::new();
        let mut it = items.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            let k = self.key_among(&k, |k| super::dict::same_hash_in_map(&d.map, k))?;
            d.insert(k, v);
        }
        Ok(Value::dict(d))
    }

    pub(super) fn dict_merge(&mut self, target: &Value, src: &Value, strict: bool) -> Result<(), Flow> {
        let Value::Dict(t) = target else { return Ok(()) };
        let pairs: Vec<(Value, Value)> = match super::builtins::dict::merge_source(self, src) {
            Value::Dict(d) => d.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect(),
            other => {
                if self.lookup_special(other, "keys").is_none() {
                    return Err(self.err("TypeError", format!("'{}' object is not a mapping", other.type_name())));
                }
                let keys_fn = self.get_attr(other, "keys")?;
                let keys = self.call(&keys_fn, vec![])?;
                let mut out = Vec::new();
                for k in self.collect(&keys)? {
                    let v = self.getitem(other, &k)?;
                    out.push((k, v));
                }
                out
            }
        };
        for (k, v) in pairs {
            let key = self.dict_key(t, &k)?;
            if strict && t.borrow().get(&key).is_some() {
                let name = self.str_of(&k)?;
                return Err(self.err("TypeError", format!("got multiple values for keyword argument '{name}'")));
            }
            t.borrow_mut().insert(key, v);
        }
        Ok(())
    }

    pub(super) fn unpack(&mut self, v: &Value, n: usize) -> Result<Vec<Value>, Flow> {
        let items = match v {
            Value::Tuple(t) if t.len() == n => return Ok(t.to_vec()),
            Value::List(_)
            | Value::Tuple(_)
            | Value::Str(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Range(_)
            | Value::Iter(_)
            | Value::Instance(_)
            | Value::Bytes(_)
            | Value::FrozenSet(_)
            | Value::Native(_) => match self.collect(v) {
                Ok(items) => items,
                Err(e) => {
                    if matches!(v, Value::Instance(_) | Value::Native(_))
                        && self.lookup_special(v, "__iter__").is_none()
                    {
                        return Err(
                            self.err("TypeError", format!("cannot unpack non-iterable {} object", v.type_name()))
                        );
                    }
                    return Err(e);
                }
            },
            other => {
                return Err(self.err("TypeError", format!("cannot unpack non-iterable {} object", other.type_name())))
            }
        };
        if items.len() > n {
            return Err(self.err("ValueError", format!("too many values to unpack (expected {n})")));
        }
        if items.len() < n {
            return Err(
                self.err("ValueError", format!("not enough values to unpack (expected {n}, got {})", items.len()))
            );
        }
        Ok(items)
    }

    pub(super) fn format_with_spec(&mut self, v: &Value, spec: &str) -> Result<String, Flow> {
        if let Some(f) = self.user_dunder(v, "__format__") {
            let r = self.call(&f, vec![v.clone(), Value::str(spec)])?;
            return Ok(self.str_of(&r)?.to_string());
        }
        super::format::format_spec(self, v, spec)
    }

    /// `a op= b` on the list, dict or set value of a builtin type's subclass, in place
    /// (CPython's `list.__iadd__`...): Some when done, None for other values and operators.
    fn inplace_value(&mut self, op: BinOp, a: &Value, b: &Value) -> Result<Option<()>, Flow> {
        match (a, op) {
            (Value::List(l), BinOp::Add) => {
                let items = self.collect(b)?;
                l.borrow_mut().extend(items);
                Ok(Some(()))
            }
            (Value::Dict(d), BinOp::Or) => {
                super::builtins::dict::update_from(self, d, Some(b), &[])?;
                Ok(Some(()))
            }
            (Value::List(l), BinOp::Mul) => match ops::binary(self, op, a, b)? {
                Some(Value::List(r)) => {
                    let r = r.borrow().clone();
                    *l.borrow_mut() = r;
                    Ok(Some(()))
                }
                _ => Ok(None),
            },
            (Value::Set(s), BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) => match ops::binary(self, op, a, b)? {
                Some(Value::Set(r)) => {
                    let r = r.borrow().clone();
                    *s.borrow_mut() = r;
                    Ok(Some(()))
                }
                _ => Ok(None),
            },
            _ => Ok(None),
        }
    }
}

/// The builtin classes CPython subscripts into a `types.GenericAlias` (`list[int]`).
const GENERIC_BUILTINS: &[&str] = &["list", "dict", "tuple", "set", "frozenset", "type"];
