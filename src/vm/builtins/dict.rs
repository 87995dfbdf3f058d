//! `dict` methods and the dict views. A view (`d.keys()`, `d.values()`, `d.items()`) is a
//! native object of class `dict_keys` / `dict_values` / `dict_items` whose data is
//! `NativeData::Opaque(Value::Dict(d))`: it shares the dict, so it is live (sees later
//! changes), re-iterable, sized, and prints as `dict_keys(['a'])` like CPython's.
//!
//! Invariant: the view classes come from `Types::natives` when the VM registers them there,
//! else from a per-thread cache built once per `Types`; either way `view_of` recognises a
//! view by its class name and data, never by address.

use super::{arg_range, no_args, Kw};
use crate::vm::dict::Dict;
use crate::vm::native::NativeData;
use crate::vm::ops;
use crate::vm::types::{new_class, Types};
use crate::vm::value::{Builtin, Class, ClassKind, Flow, NativeFn, NativeObj, Ref, Value};
use crate::vm::Interp;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

const VIEW_NAMES: [&str; 3] = ["dict_keys", "dict_values", "dict_items"];

/// The dict behind a view and which view it is (0 keys, 1 values, 2 items).
pub fn view_of(v: &Value) -> Option<(Ref<Dict>, u8)> {
    let Value::Native(n) = v else { return None };
    let what = VIEW_NAMES.iter().position(|name| *name == &*n.class.name)? as u8;
    match &*n.data.borrow() {
        NativeData::Opaque(Value::Dict(d)) => Some((d.clone(), what)),
        _ => None,
    }
}

/// The view classes built for one `Types` (kept weakly, so a new run rebuilds them).
type ViewClasses = (Weak<Types>, [Rc<Class>; 3]);

thread_local! {
    static VIEW_CLASSES: RefCell<Option<ViewClasses>> = const { RefCell::new(None) };
}

fn view_class(it: &Interp, what: u8) -> Rc<Class> {
    let name = VIEW_NAMES[what as usize];
    if let Some(c) = it.types.natives.get(name) {
        return c.clone();
    }
    VIEW_CLASSES.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((types, classes)) = &*cache {
            if Weak::ptr_eq(types, &Rc::downgrade(&it.types)) && types.strong_count() > 0 {
                return classes[what as usize].clone();
            }
        }
        let mk = |name: &str| {
            let mut d = Dict::new();
            for (mname, func) in super::type_methods(name) {
                d.set_str(mname, Value::Builtin(Rc::new(Builtin { name: mname, func: *func, bound: None })));
            }
            new_class(name, "builtins", vec![it.types.object.clone()], ClassKind::Builtin, d, true)
        };
        let classes = [mk(VIEW_NAMES[0]), mk(VIEW_NAMES[1]), mk(VIEW_NAMES[2])];
        let c = classes[what as usize].clone();
        *cache = Some((Rc::downgrade(&it.types), classes));
        c
    })
}

pub fn make_view(it: &mut Interp, d: &Ref<Dict>, what: u8) -> Value {
    let class = view_class(it, what);
    let serial = it.next_serial();
    Value::Native(NativeObj::new(class, serial, NativeData::Opaque(Value::Dict(d.clone()))))
}

fn this(it: &Interp, args: &[Value], method: &str) -> Result<Ref<Dict>, Flow> {
    match args.first().map(Value::unwrap_base) {
        Some(Value::Dict(d)) => Ok(d.clone()),
        Some(other) => Err(it.err(
            "TypeError",
            format!("descriptor '{method}' for 'dict' objects doesn't apply to a '{}' object", other.type_name()),
        )),
        None => Err(it.err("TypeError", format!("unbound method dict.{method}() needs an argument"))),
    }
}

fn get(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let d = this(it, args, "get")?;
    arg_range(it, "get", args.len() - 1, 1, 2)?;
    let k = it.dict_key(&d, &args[1])?;
    let v = d.borrow().get(&k);
    Ok(v.unwrap_or_else(|| args.get(2).cloned().unwrap_or(Value::None)))
}

fn setdefault(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let d = this(it, args, "setdefault")?;
    arg_range(it, "setdefault", args.len() - 1, 1, 2)?;
    let k = it.dict_key(&d, &args[1])?;
    let existing = d.borrow().get(&k);
    if let Some(v) = existing {
        return Ok(v);
    }
    let v = args.get(2).cloned().unwrap_or(Value::None);
    d.borrow_mut().insert(k, v.clone());
    Ok(v)
}

fn pop(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let d = this(it, args, "pop")?;
    arg_range(it, "pop", args.len() - 1, 1, 2)?;
    let k = it.dict_key(&d, &args[1])?;
    let removed = d.borrow_mut().remove(&k);
    match (removed, args.get(2)) {
        (Some(v), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(it.err_args("KeyError", vec![args[1].clone()])),
    }
}

fn popitem(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let d = this(it, args, "popitem")?;
    no_args(it, "dict.popitem", args.len() - 1)?;
    let last = d.borrow_mut().map.pop();
    match last {
        Some((k, v)) => Ok(Value::tuple(vec![k.0, v])),
        None => Err(it.err("KeyError", "popitem(): dictionary is empty")),
    }
}

fn keys(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let d = this(it, args, "keys")?;
    no_args(it, "dict.keys", args.len() - 1)?;
    Ok(make_view(it, &d, 0))
}

fn values(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let d = this(it, args, "values")?;
    no_args(it, "dict.values", args.len() - 1)?;
    Ok(make_view(it, &d, 1))
}

fn items(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let d = this(it, args, "items")?;
    no_args(it, "dict.items", args.len() - 1)?;
    Ok(make_view(it, &d, 2))
}

fn copy(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let d = this(it, args, "copy")?;
    no_args(it, "dict.copy", args.len() - 1)?;
    let c = d.borrow().clone();
    Ok(Value::dict(c))
}

fn clear(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let d = this(it, args, "clear")?;
    no_args(it, "dict.clear", args.len() - 1)?;
    d.borrow_mut().map.clear();
    Ok(Value::None)
}

/// `dict.update(other, **kw)` semantics into `d`: a dict, an object with `keys()`, or an
/// iterable of pairs (CPython's errors for malformed pairs).
pub fn update_from(it: &mut Interp, d: &Ref<Dict>, other: Option<&Value>, kwargs: Kw) -> Result<(), Flow> {
    if let Some(other) = other {
        match merge_source(it, other) {
            Value::Dict(o) => {
                let o = o.borrow().clone();
                let items = if o.keys().any(crate::vm::dict::needs_eq) {
                    let to = d.borrow().clone();
                    it.align_dict(o, &to)?
                } else {
                    o
                };
                let mut d = d.borrow_mut();
                for (k, v) in items.map {
                    d.insert(k, v);
                }
            }
            Value::Instance(_) if it.class_of(other).lookup("keys").is_some() => {
                let keys_fn = it.get_attr(other, "keys")?;
                let keys = it.call(&keys_fn, vec![])?;
                let keys = it.collect(&keys)?;
                for k in keys {
                    let v = ops::getitem_full(it, other, &k)?;
                    let key = it.dict_key(d, &k)?;
                    d.borrow_mut().insert(key, v);
                }
            }
            _ => {
                let iter = it.get_iter(other)?;
                let mut i = 0;
                while let Some(item) = it.next(&iter)? {
                    let pair = match &item {
                        Value::Tuple(t) => t.to_vec(),
                        Value::List(l) => l.borrow().clone(),
                        Value::Str(_)
                        | Value::Bytes(_)
                        | Value::Dict(_)
                        | Value::Set(_)
                        | Value::FrozenSet(_)
                        | Value::Range(_) => it.collect(&item)?,
                        Value::Instance(_) | Value::Iter(_) => it.collect(&item).map_err(|_| {
                            it.err(
                                "TypeError",
                                format!("cannot convert dictionary update sequence element #{i} to a sequence"),
                            )
                        })?,
                        _ => {
                            return Err(it.err(
                                "TypeError",
                                format!("cannot convert dictionary update sequence element #{i} to a sequence"),
                            ))
                        }
                    };
                    if pair.len() != 2 {
                        return Err(it.err(
                            "ValueError",
                            format!("dictionary update sequence element #{i} has length {}; 2 is required", pair.len()),
                        ));
                    }
                    let key = it.dict_key(d, &pair[0])?;
                    d.borrow_mut().insert(key, pair[1].clone());
                    i += 1;
                }
            }
        }
    }
    for (k, v) in kwargs {
        d.borrow_mut().set_str(k, v.clone());
    }
    Ok(())
}

fn update(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let d = this(it, args, "update")?;
    if args.len() > 2 {
        return Err(it.err("TypeError", format!("update expected at most 1 argument, got {}", args.len() - 1)));
    }
    update_from(it, &d, args.get(1), kw)?;
    Ok(Value::None)
}

/// `dict.fromkeys(iterable, value=None)`, called on the class (no self). Called on an
/// instance with both arguments, the instance comes first and is ignored.
fn fromkeys(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let args = if args.len() == 3 { &args[1..] } else { args };
    arg_range(it, "fromkeys", args.len(), 1, 2)?;
    let value = args.get(1).cloned().unwrap_or(Value::None);
    let mut d = Dict::new();
    for k in it.collect(&args[0])? {
        let key = it.key_among(&k, |k| crate::vm::dict::same_hash_in_map(&d.map, k))?;
        d.insert(key, value.clone());
    }
    Ok(Value::dict(d))
}

fn view_this(it: &Interp, args: &[Value]) -> Result<(Ref<Dict>, u8), Flow> {
    args.first().and_then(view_of).ok_or_else(|| it.err("TypeError", "descriptor requires a dict view"))
}

fn view_iter(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    view_this(it, args)?;
    Ok(ops::iter_builtin(&args[0]).unwrap_or(Value::None))
}

fn view_len(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let (d, _) = view_this(it, args)?;
    let n = d.borrow().len();
    Ok(Value::Int(n as i64))
}

fn view_contains(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    view_this(it, args)?;
    super::exactly_one(it, "__contains__", args.len() - 1)?;
    Ok(Value::Bool(ops::contains(it, &args[0], &args[1])?.unwrap_or(false)))
}

fn view_repr(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    view_this(it, args)?;
    Ok(Value::str(&ops::repr_builtin(it, &args[0])?.unwrap_or_default()))
}

fn view_isdisjoint(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    view_this(it, args)?;
    super::exactly_one(it, "isdisjoint", args.len() - 1)?;
    for item in it.collect(&args[1])? {
        if ops::contains(it, &args[0], &item)?.unwrap_or(false) {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// What `dict.update(other)` / `{**other}` reads: a dict subclass's own storage when its
/// class keeps dict's `__iter__` (CPython's fast path, which skips an overridden
/// `__getitem__` or `keys`), else `other` itself.
pub fn merge_source<'a>(it: &Interp, other: &'a Value) -> &'a Value {
    match other.base_value() {
        Some(b @ Value::Dict(_)) if !matches!(it.class_of(other).lookup("__iter__"), Some(Value::Function(_))) => b,
        _ => other,
    }
}

/// `d.get(key)` with the interpreter's key rules; for natives needing a quick lookup.
pub fn dict_get(it: &mut Interp, d: &Ref<Dict>, key: &Value) -> Result<Option<Value>, Flow> {
    let k = it.dict_key(d, key)?;
    Ok(d.borrow().get(&k))
}

fn dict_contains(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let d = this(it, args, "__contains__")?;
    super::exactly_one(it, "dict.__contains__", args.len() - 1)?;
    Ok(Value::Bool(dict_get(it, &d, &args[1])?.is_some()))
}

fn dict_getitem(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    this(it, args, "__getitem__")?;
    super::exactly_one(it, "dict.__getitem__", args.len() - 1)?;
    ops::getitem_full(it, &args[0], &args[1])
}

fn dict_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    if args.len() > 1 {
        return Err(it.err("TypeError", format!("dict expected at most 1 argument, got {}", args.len())));
    }
    let d = Rc::new(RefCell::new(Dict::new()));
    update_from(it, &d, args.first(), kw)?;
    Ok(Value::Dict(d))
}

pub static DICT_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", dict_new),
    ("__contains__", dict_contains),
    ("__getitem__", dict_getitem),
    ("get", get),
    ("setdefault", setdefault),
    ("pop", pop),
    ("popitem", popitem),
    ("keys", keys),
    ("values", values),
    ("items", items),
    ("update", update),
    ("copy", copy),
    ("clear", clear),
    ("fromkeys", fromkeys),
];

pub static KEYS_METHODS: &[(&str, NativeFn)] = &[
    ("__iter__", view_iter),
    ("__len__", view_len),
    ("__contains__", view_contains),
    ("__repr__", view_repr),
    ("isdisjoint", view_isdisjoint),
];

pub static VALUES_METHODS: &[(&str, NativeFn)] =
    &[("__iter__", view_iter), ("__len__", view_len), ("__contains__", view_contains), ("__repr__", view_repr)];

pub static ITEMS_METHODS: &[(&str, NativeFn)] = &[
    ("__iter__", view_iter),
    ("__len__", view_len),
    ("__contains__", view_contains),
    ("__repr__", view_repr),
    ("isdisjoint", view_isdisjoint),
];
