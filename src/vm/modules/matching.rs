//! The structural checks of `match` statements (PEP 634), called by the code
//! `lang::compile::pattern` generates: `.match_seq`, `.match_map`, `.match_class`. Each takes
//! the subject and answers None (no match) or a tuple of the parts the sub-patterns match, in
//! the order the compiler unpacks them; the errors are CPython 3.11's.
//!
//! Invariant: the helpers' names start with a dot, which no Python name can, so only
//! compiled patterns reach them (`Interp::missing_name`); a helper never binds a name.

use super::builtin;
use crate::vm::builtins::is_exception;
use crate::vm::value::{Class, Value};
use crate::vm::{Flow, Interp, Kwargs};
use std::rc::Rc;

/// The hidden helper named `name`, if it is one.
pub fn helper(name: &str) -> Option<Value> {
    Some(match name {
        ".match_seq" => builtin(".match_seq", match_seq),
        ".match_map" => builtin(".match_map", match_map),
        ".match_class" => builtin(".match_class", match_class),
        _ => return None,
    })
}

/// Whether a class (or one of its bases) is one of `names` defined in one of `modules`.
fn derives_from(c: &Rc<Class>, names: &[&str], modules: &[&str]) -> bool {
    c.mro().any(|k| names.contains(&&*k.name) && modules.contains(&&*k.module))
}

const SEQ_MODULES: &[&str] = &["builtins", "collections", "collections.abc", "_collections_abc", "array"];

/// CPython's Py_TPFLAGS_SEQUENCE: list, tuple, range, deque, memoryview, array and the classes
/// deriving from them or from `collections.abc.Sequence` (never str, bytes or bytearray).
fn is_sequence(it: &Interp, v: &Value) -> bool {
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Range(_) => true,
        Value::Str(_) | Value::Bytes(_) | Value::Dict(_) | Value::Set(_) => false,
        _ => {
            let c = it.class_of(v);
            derives_from(
                &c,
                &["list", "tuple", "range", "deque", "memoryview", "array", "Sequence", "MutableSequence", "UserList"],
                SEQ_MODULES,
            ) && !derives_from(&c, &["str", "bytes", "bytearray"], &["builtins"])
        }
    }
}

/// CPython's Py_TPFLAGS_MAPPING: dict, its subclasses and `collections.abc.Mapping`'s.
fn is_mapping(it: &Interp, v: &Value) -> bool {
    match v {
        Value::Dict(_) => true,
        Value::Instance(_) | Value::Native(_) => derives_from(
            &it.class_of(v),
            &["dict", "Mapping", "MutableMapping", "UserDict", "OrderedDict", "defaultdict", "Counter", "mappingproxy"],
            SEQ_MODULES,
        ),
        _ => false,
    }
}

fn int_arg(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        _ => -1,
    }
}

/// `.match_seq(subject, before, after)`: `after` is -1 without a starred name, else the
/// items before and after the star; the star's items come as a list.
fn match_seq(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let subject = &args[0];
    let (before, after) = (int_arg(&args[1]) as usize, int_arg(&args[2]));
    if !is_sequence(it, subject) {
        return Ok(Value::None);
    }
    let n = it.len_of(subject)?;
    let fits = if after < 0 { n == before } else { n >= before + after as usize };
    if !fits {
        return Ok(Value::None);
    }
    let items = it.collect(subject)?;
    if after < 0 {
        return Ok(Value::tuple(items));
    }
    let after = after as usize;
    let mut out: Vec<Value> = items[..before].to_vec();
    out.push(Value::list(items[before..items.len() - after].to_vec()));
    out.extend_from_slice(&items[items.len() - after..]);
    Ok(Value::tuple(out))
}

/// `.match_map(subject, keys, rest)`: the values of `keys` (looked up with `get`, as
/// CPython does, so `__missing__` is not called), then a dict of the other items if `rest`.
fn match_map(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let subject = &args[0];
    if !is_mapping(it, subject) {
        return Ok(Value::None);
    }
    let keys = match &args[1] {
        Value::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    };
    let want_rest = matches!(args[2], Value::Bool(true));
    if it.len_of(subject)? < keys.len() {
        return Ok(Value::None);
    }
    for (i, k) in keys.iter().enumerate() {
        for o in &keys[..i] {
            if it.eq(o, k)? {
                let r = it.repr(k)?;
                return Err(it.err("ValueError", format!("mapping pattern checks duplicate key ({r})")));
            }
        }
    }
    let get = it.get_attr(subject, "get")?;
    let missing = Value::list(Vec::new());
    let mut out = Vec::with_capacity(keys.len() + 1);
    for k in &keys {
        let v = it.call(&get, vec![k.clone(), missing.clone()])?;
        if v.is(&missing) {
            return Ok(Value::None);
        }
        out.push(v);
    }
    if want_rest {
        let dict_cls = Value::Class(it.types.dict.clone());
        let rest = it.call(&dict_cls, vec![subject.clone()])?;
        if let Value::Dict(d) = &rest {
            for k in &keys {
                let key = it.dict_key(d, k)?;
                d.borrow_mut().remove(&key);
            }
        }
        out.push(rest);
    }
    Ok(Value::tuple(out))
}

/// Builtin classes whose single positional sub-pattern matches the subject itself.
const SELF_MATCHING: &[&str] =
    &["bool", "bytearray", "bytes", "dict", "float", "frozenset", "int", "list", "set", "str", "tuple"];

/// `.match_class(subject, cls, npos, kwnames)`: the attributes the positional sub-patterns
/// name through `cls.__match_args__`, then the keyword ones.
fn match_class(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let subject = &args[0];
    let Value::Class(cls) = &args[1] else {
        return Err(it.err("TypeError", "called match pattern must be a type"));
    };
    let npos = int_arg(&args[2]) as usize;
    let kwnames: Vec<Value> = match &args[3] {
        Value::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    };
    if !it.isinstance(subject, cls) {
        return Ok(Value::None);
    }
    let mut names: Vec<Rc<str>> = Vec::new();
    let mut out = Vec::new();
    if npos > 0 {
        let match_args = match it.get_attr(&args[1], "__match_args__") {
            Ok(v) => Some(v),
            Err(e) if is_exception(it, &e, "AttributeError") => None,
            Err(e) => return Err(e),
        };
        match match_args {
            Some(Value::Tuple(t)) => {
                if npos > t.len() {
                    let s = if t.len() == 1 { "" } else { "s" };
                    return Err(it.err(
                        "TypeError",
                        format!("{}() accepts {} positional sub-pattern{s} ({npos} given)", cls.name, t.len()),
                    ));
                }
                for v in &t[..npos] {
                    match v {
                        Value::Str(s) => names.push(s.clone()),
                        other => {
                            return Err(it.err(
                                "TypeError",
                                format!("__match_args__ elements must be strings (got {})", other.type_name()),
                            ))
                        }
                    }
                }
            }
            Some(other) => {
                return Err(it.err(
                    "TypeError",
                    format!("{}.__match_args__ must be a tuple (got {})", cls.name, other.type_name()),
                ))
            }
            None if self_matching_base(cls) => {
                if npos > 1 {
                    return Err(
                        it.err("TypeError", format!("{}() accepts 1 positional sub-pattern ({npos} given)", cls.name))
                    );
                }
                out.push(subject.clone());
            }
            None => {
                return Err(
                    it.err("TypeError", format!("{}() accepts 0 positional sub-patterns ({npos} given)", cls.name))
                )
            }
        }
    }
    for k in &kwnames {
        if let Value::Str(s) = k {
            names.push(s.clone());
        }
    }
    for (i, n) in names.iter().enumerate() {
        if names[..i].contains(n) {
            return Err(it.err("TypeError", format!("{}() got multiple sub-patterns for attribute '{n}'", cls.name)));
        }
    }
    for n in &names {
        match it.get_attr(subject, n) {
            Ok(v) => out.push(v),
            Err(e) if is_exception(it, &e, "AttributeError") => return Ok(Value::None),
            Err(e) => return Err(e),
        }
    }
    Ok(Value::tuple(out))
}

/// A user class deriving from a self-matching builtin without `__match_args__` of its own
/// matches itself too (CPython checks the flag its builtin base gave it).
fn self_matching_base(cls: &Rc<Class>) -> bool {
    cls.mro().any(|k| k.builtin && &*k.module == "builtins" && SELF_MATCHING.contains(&&*k.name))
}
