//! Builtin functions about objects and iteration: `len`, `repr`, `ascii`, `format`,
//! `getattr`/`setattr`/`hasattr`, `isinstance`/`issubclass`, `callable`, `id`, `chr`/`ord`,
//! `iter`/`next`, `all`/`any`, `sorted`, `reversed`, `enumerate`, `zip`, `map`, `filter`.
//! Invariant: the lazy ones (`enumerate`, `zip`, `map`, `filter`, `reversed`) return
//! `Value::Iter` states the VM advances, so they stay lazy exactly as in CPython.

use super::list_methods::{sort_options, sort_values};
use super::{arg_range, check_kwargs, exactly_one, is_exception, kwarg, no_kwargs, Kw};
use crate::vm::ops;
use crate::vm::value::{Class, Flow, IterState, Value};
use crate::vm::Interp;
use std::cell::RefCell;
use std::rc::Rc;

fn iter_value(st: IterState) -> Value {
    Value::Iter(Rc::new(RefCell::new(st)))
}

pub fn len(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "len", kw)?;
    exactly_one(it, "len", args.len())?;
    Ok(Value::Int(it.len_of(&args[0])? as i64))
}

pub fn repr(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "repr", kw)?;
    exactly_one(it, "repr", args.len())?;
    Ok(Value::Str(it.repr(&args[0])?))
}

pub fn ascii(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "ascii", kw)?;
    exactly_one(it, "ascii", args.len())?;
    let r = it.repr(&args[0])?;
    Ok(Value::str(&ops::ascii_escape(&r)))
}

pub fn format(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    check_kwargs(it, "format", kw, &["value", "format_spec"])?;
    arg_range(it, "format", args.len(), 1, 2)?;
    let spec = match super::arg_or_kw(args, 1, kw, "format_spec") {
        None => Rc::from(""),
        Some(Value::Str(s)) => s.clone(),
        Some(other) => {
            return Err(it.err("TypeError", format!("format() argument 2 must be str, not {}", other.type_name())))
        }
    };
    Ok(Value::str(&crate::vm::format::format_spec(it, &args[0], &spec)?))
}

fn attr_name(it: &Interp, v: &Value) -> Result<Rc<str>, Flow> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => Err(it.err("TypeError", format!("attribute name must be string, not '{}'", other.type_name()))),
    }
}

pub fn getattr(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "getattr", kw)?;
    arg_range(it, "getattr", args.len(), 2, 3)?;
    let name = attr_name(it, &args[1])?;
    match it.get_attr(&args[0], &name) {
        Err(e) if args.len() == 3 && is_exception(it, &e, "AttributeError") => Ok(args[2].clone()),
        r => r,
    }
}

pub fn hasattr(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "hasattr", kw)?;
    arg_range(it, "hasattr", args.len(), 2, 2)?;
    let name = attr_name(it, &args[1])?;
    match it.get_attr(&args[0], &name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if is_exception(it, &e, "AttributeError") => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

pub fn setattr(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "setattr", kw)?;
    arg_range(it, "setattr", args.len(), 3, 3)?;
    let name = attr_name(it, &args[1])?;
    it.set_attr(&args[0], &name, args[2].clone())?;
    Ok(Value::None)
}

pub fn delattr(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "delattr", kw)?;
    arg_range(it, "delattr", args.len(), 2, 2)?;
    let name = attr_name(it, &args[1])?;
    it.del_attr(&args[0], &name)?;
    Ok(Value::None)
}

/// The classes of a classinfo argument (a class or nested tuples of them).
fn classinfo(v: &Value, out: &mut Vec<Rc<Class>>) -> bool {
    match v {
        Value::Class(c) => {
            out.push(c.clone());
            true
        }
        Value::Tuple(t) => t.iter().all(|x| classinfo(x, out)),
        _ => false,
    }
}

pub fn isinstance(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "isinstance", kw)?;
    arg_range(it, "isinstance", args.len(), 2, 2)?;
    let mut classes = Vec::new();
    if !classinfo(&args[1], &mut classes) {
        return Err(it.err("TypeError", "isinstance() arg 2 must be a type, a tuple of types, or a union"));
    }
    let cls = it.class_of(&args[0]);
    for c in &classes {
        if Rc::ptr_eq(&cls, c) {
            return Ok(Value::Bool(true));
        }
        if let Some(hook) = meta_hook(c, "__instancecheck__") {
            let r = it.call_nested(&hook, vec![Value::Class(c.clone()), args[0].clone()], Vec::new())?;
            if it.truthy(&r)? {
                return Ok(Value::Bool(true));
            }
        } else if cls.is_subclass_of(c) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// A metaclass's own `__instancecheck__`/`__subclasscheck__` (abc.ABCMeta's), which CPython's
/// isinstance/issubclass consult after the exact-type fast path; None for plain classes.
fn meta_hook(c: &Rc<Class>, name: &str) -> Option<Value> {
    c.meta.as_ref().and_then(|m| m.lookup(name))
}

pub fn issubclass(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "issubclass", kw)?;
    arg_range(it, "issubclass", args.len(), 2, 2)?;
    let Value::Class(c) = &args[0] else {
        return Err(it.err("TypeError", "issubclass() arg 1 must be a class"));
    };
    let mut classes = Vec::new();
    if !classinfo(&args[1], &mut classes) {
        return Err(it.err("TypeError", "issubclass() arg 2 must be a class, a tuple of classes, or a union"));
    }
    for k in &classes {
        if let Some(hook) = meta_hook(k, "__subclasscheck__") {
            let r = it.call_nested(&hook, vec![Value::Class(k.clone()), args[0].clone()], Vec::new())?;
            if it.truthy(&r)? {
                return Ok(Value::Bool(true));
            }
        } else if c.is_subclass_of(k) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

pub fn callable(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "callable", kw)?;
    exactly_one(it, "callable", args.len())?;
    let v = &args[0];
    let r = match v {
        Value::Function(_) | Value::Builtin(_) | Value::BoundMethod(_) | Value::Class(_) => true,
        Value::Instance(_) | Value::Native(_) => it.class_of(v).lookup("__call__").is_some(),
        _ => false,
    };
    Ok(Value::Bool(r))
}

/// `dir(x)`: the sorted attribute names of `x` — its own namespace, then its class's MRO
/// (CPython's default `__dir__`); `dir()` without an argument is not supported.
/// `vars(obj)`: its `__dict__` (TypeError as CPython's when it has none).
pub fn vars(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "vars", kw)?;
    let Some(v) = args.first() else {
        return Err(it.err("TypeError", "concsim supports only vars(x) with one argument"));
    };
    arg_range(it, "vars", args.len(), 0, 1)?;
    match it.get_attr(v, "__dict__") {
        Err(Flow::Raise(_)) => Err(it.err("TypeError", "vars() argument must have __dict__ attribute")),
        other => other,
    }
}

pub fn dir(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "dir", kw)?;
    let Some(v) = args.first() else {
        return Err(it.err("TypeError", "concsim supports only dir(x) with one argument"));
    };
    arg_range(it, "dir", args.len(), 0, 1)?;
    let mut names: Vec<Rc<str>> = Vec::new();
    let add_dict = |names: &mut Vec<Rc<str>>, d: &crate::vm::dict::Dict| {
        for k in d.keys() {
            if let Value::Str(s) = k {
                names.push(s.clone());
            }
        }
    };
    match v {
        Value::Module(m) => {
            let g = m.globals.borrow();
            for (n, val) in g.names.iter().zip(g.values.iter()) {
                if val.is_some() {
                    names.push(n.clone());
                }
            }
        }
        Value::Class(c) => {
            for k in c.mro() {
                add_dict(&mut names, &k.dict.borrow());
            }
        }
        other => {
            if let Value::Instance(i) = other {
                add_dict(&mut names, &i.dict.borrow());
            }
            let cls = it.class_of(other);
            for k in cls.mro() {
                add_dict(&mut names, &k.dict.borrow());
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(Value::Str).collect()))
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`: imports `name` (a
/// nested import: the module's body runs at once) and returns the top-level package, or the
/// module itself when `fromlist` is not empty. Relative imports are not supported.
pub fn dunder_import(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    check_kwargs(it, "__import__", kw, &["name", "globals", "locals", "fromlist", "level"])?;
    if args.len() > 5 {
        return Err(it.err("TypeError", format!("__import__() takes at most 5 arguments ({} given)", args.len())));
    }
    let Some(name) = super::arg_or_kw(args, 0, kw, "name").cloned() else {
        return Err(it.err("TypeError", "__import__() missing required argument 'name' (pos 1)"));
    };
    let Value::Str(name) = name else {
        return Err(it.err("TypeError", "module name must be a string"));
    };
    let level = match super::arg_or_kw(args, 4, kw, "level") {
        Some(v) => super::int_arg(it, &v.clone())?,
        None => 0,
    };
    if level < 0 {
        return Err(it.err("ValueError", "level must be >= 0"));
    }
    if level > 0 {
        return Err(it.err("NotImplementedError", "concsim does not support relative __import__ yet"));
    }
    if name.is_empty() {
        return Err(it.err("ValueError", "Empty module name"));
    }
    let fromlist = match super::arg_or_kw(args, 3, kw, "fromlist") {
        Some(v) => it.truthy(&v.clone())?,
        None => false,
    };
    // Each enclosing package first, as an import statement does.
    let mut m = Value::None;
    for (i, _) in name.match_indices('.').chain(std::iter::once((name.len(), ""))) {
        m = it.import_nested(&name[..i])?;
    }
    if fromlist {
        return Ok(m);
    }
    let top = name.split('.').next().unwrap_or(&name);
    Ok(it.modules.get(top).cloned().unwrap_or(m))
}

/// `id(x)`: the deterministic number shown as the object's address (see `ops::object_id`).
pub fn id(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "id", kw)?;
    exactly_one(it, "id", args.len())?;
    Ok(Value::Int(ops::object_id(it, &args[0]) as i64))
}

pub fn chr(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "chr", kw)?;
    exactly_one(it, "chr", args.len())?;
    let n = super::int_arg(it, &args[0])?;
    match u32::try_from(n).ok().filter(|n| *n < 0x110000) {
        Some(n) => match char::from_u32(n) {
            Some(c) => Ok(Value::str(c.encode_utf8(&mut [0; 4]))),
            None => Err(it.err("ValueError", "concsim cannot represent lone surrogate characters")),
        },
        None => Err(it.err("ValueError", "chr() arg not in range(0x110000)")),
    }
}

pub fn ord(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "ord", kw)?;
    exactly_one(it, "ord", args.len())?;
    match &args[0] {
        Value::Str(s) => {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(it.err(
                    "TypeError",
                    format!("ord() expected a character, but string of length {} found", s.chars().count()),
                )),
            }
        }
        Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
        Value::Bytes(b) => {
            Err(it.err("TypeError", format!("ord() expected a character, but string of length {} found", b.len())))
        }
        other => {
            Err(it.err("TypeError", format!("ord() expected string of length 1, but {} found", other.type_name())))
        }
    }
}

pub fn iter(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "iter", kw)?;
    arg_range(it, "iter", args.len(), 1, 2)?;
    if args.len() == 2 {
        return Err(it.err("TypeError", "concsim does not support iter(callable, sentinel) yet"));
    }
    it.get_iter(&args[0])
}

pub fn next(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "next", kw)?;
    arg_range(it, "next", args.len(), 1, 2)?;
    let is_iterator = match &args[0] {
        Value::Iter(_) => true,
        Value::Instance(_) | Value::Native(_) => it.class_of(&args[0]).lookup("__next__").is_some(),
        _ => false,
    };
    if !is_iterator {
        return Err(it.err("TypeError", format!("'{}' object is not an iterator", args[0].type_name())));
    }
    match it.next(&args[0])? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(it.err_args("StopIteration", vec![])),
        },
    }
}

pub fn all(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "all", kw)?;
    exactly_one(it, "all", args.len())?;
    let mut r = true;
    super::for_each(it, &args[0], |it, v| {
        if !it.truthy(&v)? {
            r = false;
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(Value::Bool(r))
}

pub fn any(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "any", kw)?;
    exactly_one(it, "any", args.len())?;
    let mut r = false;
    super::for_each(it, &args[0], |it, v| {
        if it.truthy(&v)? {
            r = true;
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(Value::Bool(r))
}

pub fn sorted(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    arg_range(it, "sorted", args.len(), 1, 1)?;
    let (key, reverse) = sort_options(it, kw)?;
    let items = it.collect(&args[0])?;
    Ok(Value::list(sort_values(it, items, key.as_ref(), reverse)?))
}

pub fn reversed(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "reversed", kw)?;
    arg_range(it, "reversed", args.len(), 1, 1)?;
    let v = &args[0];
    let items: Vec<Value> = match v {
        Value::Range(r) => {
            let n = r.len();
            if n == 0 {
                return Ok(iter_value(IterState::Exhausted));
            }
            let last = r.start + (n - 1) * r.step;
            return Ok(iter_value(IterState::Range { next: last, stop: last - n * r.step, step: -r.step }));
        }
        Value::List(l) => l.borrow().iter().rev().cloned().collect(),
        Value::Tuple(t) => t.iter().rev().cloned().collect(),
        Value::Str(s) => s.chars().rev().map(|c| Value::str(c.encode_utf8(&mut [0; 4]))).collect(),
        Value::Bytes(b) => b.iter().rev().map(|x| Value::Int(*x as i64)).collect(),
        Value::Dict(d) => d.borrow().map.keys().rev().map(|k| k.0.clone()).collect(),
        Value::Native(_) if crate::vm::builtins::dict::view_of(v).is_some() => {
            let mut all = it.collect(v)?;
            all.reverse();
            all
        }
        Value::Instance(_) => {
            let cls = it.class_of(v);
            if let Some(f) = cls.lookup("__reversed__") {
                return it.call(&f, vec![v.clone()]);
            }
            if cls.lookup("__len__").is_some() && cls.lookup("__getitem__").is_some() {
                let n = it.len_of(v)?;
                let mut out = Vec::with_capacity(n);
                for i in (0..n).rev() {
                    out.push(ops::getitem_full(it, v, &Value::Int(i as i64))?);
                }
                out
            } else {
                return Err(it.err("TypeError", format!("'{}' object is not reversible", v.type_name())));
            }
        }
        _ => return Err(it.err("TypeError", format!("'{}' object is not reversible", v.type_name()))),
    };
    Ok(iter_value(IterState::Values { items, index: 0 }))
}

pub fn enumerate(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    check_kwargs(it, "enumerate", kw, &["iterable", "start"])?;
    let Some(src) = super::arg_or_kw(args, 0, kw, "iterable") else {
        return Err(it.err("TypeError", "enumerate() missing required argument 'iterable' (pos 1)"));
    };
    if args.len() > 2 {
        return Err(it.err("TypeError", format!("enumerate() takes at most 2 arguments ({} given)", args.len())));
    }
    let count = match super::arg_or_kw(args, 1, kw, "start") {
        Some(v) => super::int_arg(it, v)?,
        None => 0,
    };
    let inner = it.get_iter(src)?;
    Ok(iter_value(IterState::Enumerate { inner, count }))
}

/// `zip(*iterables, strict=False)`; `strict` is accepted and not checked.
pub fn zip(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    check_kwargs(it, "zip", kw, &["strict"])?;
    let _ = kwarg(kw, "strict");
    let mut inners = Vec::with_capacity(args.len());
    for a in args {
        inners.push(it.get_iter(a)?);
    }
    Ok(iter_value(IterState::Zip { inners }))
}

pub fn map(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "map", kw)?;
    if args.len() < 2 {
        return Err(it.err("TypeError", "map() must have at least two arguments."));
    }
    let mut inners = Vec::with_capacity(args.len() - 1);
    for a in &args[1..] {
        inners.push(it.get_iter(a)?);
    }
    Ok(iter_value(IterState::Map { func: args[0].clone(), inners }))
}

pub fn filter(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "filter", kw)?;
    arg_range(it, "filter", args.len(), 2, 2)?;
    let inner = it.get_iter(&args[1])?;
    Ok(iter_value(IterState::Filter { func: args[0].clone(), inner }))
}
