//! Methods of `set` and `frozenset`. Arguments of the set-algebra methods may be any
//! iterables (`{1}.union([2])`); results of a frozenset's methods are frozensets.
//! Invariant: elements keep insertion order (see `dict.rs`), and every element is hashed
//! through `it.key`, so unhashable ones raise CPython's TypeError.

use super::ctors::set_of;
use super::{exactly_one, no_args, Kw};
use crate::vm::dict::Set;
use crate::vm::value::{Flow, NativeFn, Ref, Value};
use crate::vm::Interp;
use std::cell::RefCell;
use std::rc::Rc;

/// The receiver's elements (a copy) and whether it is a frozenset.
fn this(it: &Interp, args: &[Value], method: &str) -> Result<(Set, bool), Flow> {
    match args.first().map(Value::unwrap_base) {
        Some(Value::Set(s)) => Ok((s.borrow().clone(), false)),
        Some(Value::FrozenSet(s)) => Ok(((**s).clone(), true)),
        _ => Err(it.err("TypeError", format!("descriptor '{method}' requires a 'set' object"))),
    }
}

fn this_mut(it: &Interp, args: &[Value], method: &str) -> Result<Ref<Set>, Flow> {
    match args.first().map(Value::unwrap_base) {
        Some(Value::Set(s)) => Ok(s.clone()),
        _ => Err(it.err("TypeError", format!("descriptor '{method}' for 'set' objects doesn't apply to this object"))),
    }
}

fn wrap(s: Set, frozen: bool) -> Value {
    if frozen {
        Value::FrozenSet(Rc::new(s))
    } else {
        Value::Set(Rc::new(RefCell::new(s)))
    }
}

fn add(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let s = this_mut(it, args, "add")?;
    exactly_one(it, "set.add", args.len() - 1)?;
    let k = it.set_key(&s, &args[1])?;
    s.borrow_mut().insert(k);
    Ok(Value::None)
}

fn remove(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let s = this_mut(it, args, "remove")?;
    exactly_one(it, "set.remove", args.len() - 1)?;
    let k = it.set_key(&s, &args[1])?;
    let removed = s.borrow_mut().shift_remove(&k);
    if !removed {
        return Err(it.err_args("KeyError", vec![args[1].clone()]));
    }
    Ok(Value::None)
}

fn discard(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let s = this_mut(it, args, "discard")?;
    exactly_one(it, "set.discard", args.len() - 1)?;
    let k = it.set_key(&s, &args[1])?;
    s.borrow_mut().shift_remove(&k);
    Ok(Value::None)
}

fn pop(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let s = this_mut(it, args, "pop")?;
    no_args(it, "set.pop", args.len() - 1)?;
    let first = s.borrow_mut().shift_remove_index(0);
    match first {
        Some(k) => Ok(k.0),
        None => Err(it.err("KeyError", "pop from an empty set")),
    }
}

fn clear(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let s = this_mut(it, args, "clear")?;
    no_args(it, "set.clear", args.len() - 1)?;
    let old = std::mem::take(&mut *s.borrow_mut());
    drop(old);
    Ok(Value::None)
}

fn copy(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let (s, frozen) = this(it, args, "copy")?;
    no_args(it, "set.copy", args.len() - 1)?;
    if frozen {
        return Ok(args[0].clone());
    }
    Ok(wrap(s, false))
}

/// The arguments as sets, each element that equals one of `to`'s by `__eq__` replaced by
/// it (`Interp::align_set`), so the algebra below may compare by identity.
fn others(it: &mut Interp, args: &[Value], to: &Set) -> Result<Vec<Set>, Flow> {
    let mut out = Vec::with_capacity(args.len());
    for a in args {
        let o = set_of(it, a)?;
        out.push(it.align_set(o, to)?);
    }
    Ok(out)
}

fn other(it: &mut Interp, arg: &Value, to: &Set) -> Result<Set, Flow> {
    let o = set_of(it, arg)?;
    it.align_set(o, to)
}

fn union_all(mut s: Set, others: Vec<Set>) -> Set {
    for o in others {
        s.extend(o);
    }
    s
}

fn intersect_all(mut s: Set, others: Vec<Set>) -> Set {
    for o in others {
        s.retain(|k| o.contains(k));
    }
    s
}

fn difference_all(mut s: Set, others: Vec<Set>) -> Set {
    for o in others {
        s.retain(|k| !o.contains(k));
    }
    s
}

fn symmetric(s: &Set, o: &Set) -> Set {
    let mut r: Set = s.iter().filter(|k| !o.contains(*k)).cloned().collect();
    r.extend(o.iter().filter(|k| !s.contains(*k)).cloned());
    r
}

fn union(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let (s, frozen) = this(it, args, "union")?;
    let o = others(it, &args[1..], &s)?;
    Ok(wrap(union_all(s, o), frozen))
}

fn intersection(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let (s, frozen) = this(it, args, "intersection")?;
    let o = others(it, &args[1..], &s)?;
    Ok(wrap(intersect_all(s, o), frozen))
}

fn difference(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let (s, frozen) = this(it, args, "difference")?;
    let o = others(it, &args[1..], &s)?;
    Ok(wrap(difference_all(s, o), frozen))
}

fn symmetric_difference(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let (s, frozen) = this(it, args, "symmetric_difference")?;
    exactly_one(it, "set.symmetric_difference", args.len() - 1)?;
    let o = other(it, &args[1], &s)?;
    Ok(wrap(symmetric(&s, &o), frozen))
}

fn update(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let target = this_mut(it, args, "update")?;
    let cur = target.borrow().clone();
    let o = others(it, &args[1..], &cur)?;
    let mut t = target.borrow_mut();
    for s in o {
        t.extend(s);
    }
    Ok(Value::None)
}

fn intersection_update(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let target = this_mut(it, args, "intersection_update")?;
    let cur = target.borrow().clone();
    let o = others(it, &args[1..], &cur)?;
    *target.borrow_mut() = intersect_all(cur, o);
    Ok(Value::None)
}

fn difference_update(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let target = this_mut(it, args, "difference_update")?;
    let cur = target.borrow().clone();
    let o = others(it, &args[1..], &cur)?;
    *target.borrow_mut() = difference_all(cur, o);
    Ok(Value::None)
}

fn symmetric_difference_update(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let target = this_mut(it, args, "symmetric_difference_update")?;
    exactly_one(it, "set.symmetric_difference_update", args.len() - 1)?;
    let cur = target.borrow().clone();
    let o = other(it, &args[1], &cur)?;
    *target.borrow_mut() = symmetric(&cur, &o);
    Ok(Value::None)
}

fn issubset(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let (s, _) = this(it, args, "issubset")?;
    exactly_one(it, "set.issubset", args.len() - 1)?;
    let o = other(it, &args[1], &s)?;
    Ok(Value::Bool(s.iter().all(|k| o.contains(k))))
}

fn issuperset(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let (s, _) = this(it, args, "issuperset")?;
    exactly_one(it, "set.issuperset", args.len() - 1)?;
    let o = other(it, &args[1], &s)?;
    Ok(Value::Bool(o.iter().all(|k| s.contains(k))))
}

fn isdisjoint(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let (s, _) = this(it, args, "isdisjoint")?;
    exactly_one(it, "set.isdisjoint", args.len() - 1)?;
    let o = other(it, &args[1], &s)?;
    Ok(Value::Bool(!s.iter().any(|k| o.contains(k))))
}

pub static SET_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", super::ctors::set_new),
    ("add", add),
    ("remove", remove),
    ("discard", discard),
    ("pop", pop),
    ("clear", clear),
    ("copy", copy),
    ("union", union),
    ("intersection", intersection),
    ("difference", difference),
    ("symmetric_difference", symmetric_difference),
    ("update", update),
    ("intersection_update", intersection_update),
    ("difference_update", difference_update),
    ("symmetric_difference_update", symmetric_difference_update),
    ("issubset", issubset),
    ("issuperset", issuperset),
    ("isdisjoint", isdisjoint),
];

pub static FROZENSET_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", super::ctors::frozenset_new),
    ("copy", copy),
    ("union", union),
    ("intersection", intersection),
    ("difference", difference),
    ("symmetric_difference", symmetric_difference),
    ("issubset", issubset),
    ("issuperset", issuperset),
    ("isdisjoint", isdisjoint),
];
