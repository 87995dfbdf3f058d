//! Methods of `list`, `tuple` and `range`, and the stable sort behind `list.sort` and
//! `sorted`. Invariant: the sort is a stable merge sort that only ever asks `b < a` (like
//! CPython's timsort, which uses only `<`), propagates the first error from a key function
//! or a comparison, and never holds the list's borrow while calling back into Python.

use super::{arg_range, check_kwargs, exactly_one, kwarg, no_args, Kw};
use crate::vm::ops::{self, same_or_eq};
use crate::vm::value::{Flow, NativeFn, Ref, Value};
use crate::vm::Interp;
use std::rc::Rc;

fn this(it: &Interp, args: &[Value], method: &str) -> Result<Ref<Vec<Value>>, Flow> {
    match args.first().map(Value::unwrap_base) {
        Some(Value::List(l)) => Ok(l.clone()),
        other => Err(it.err(
            "TypeError",
            format!(
                "descriptor '{method}' for 'list' objects doesn't apply to a '{}' object",
                other.map(|v| v.type_name()).unwrap_or_else(|| Rc::from("nothing"))
            ),
        )),
    }
}

fn lt(it: &mut Interp, a: &Value, b: &Value) -> Result<bool, Flow> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        (Value::Str(x), Value::Str(y)) => Ok(x < y),
        _ => it.lt(a, b),
    }
}

fn merge_sort(it: &mut Interp, v: &mut [usize], keys: &[Value], buf: &mut Vec<usize>) -> Result<(), Flow> {
    let n = v.len();
    if n <= 12 {
        for i in 1..n {
            let pivot = v[i];
            let (mut lo, mut hi) = (0, i);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if lt(it, &keys[pivot], &keys[v[mid]])? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            v[lo..=i].rotate_right(1);
        }
        return Ok(());
    }
    let mid = n / 2;
    merge_sort(it, &mut v[..mid], keys, buf)?;
    merge_sort(it, &mut v[mid..], keys, buf)?;
    if !lt(it, &keys[v[mid]], &keys[v[mid - 1]])? {
        return Ok(());
    }
    buf.clear();
    let (mut i, mut j) = (0, mid);
    while i < mid && j < n {
        if lt(it, &keys[v[j]], &keys[v[i]])? {
            buf.push(v[j]);
            j += 1;
        } else {
            buf.push(v[i]);
            i += 1;
        }
    }
    buf.extend_from_slice(&v[i..mid]);
    buf.extend_from_slice(&v[j..n]);
    v.copy_from_slice(buf);
    Ok(())
}

/// Sorts `items` stably by `key(item)` (or the items themselves), descending if `reverse`
/// (CPython's way: reverse, stable sort, reverse, so equal items keep their order).
pub fn sort_values(it: &mut Interp, items: Vec<Value>, key: Option<&Value>, reverse: bool) -> Result<Vec<Value>, Flow> {
    let keys: Vec<Value> = match key {
        Some(f) if !f.is_none() => {
            let mut ks = Vec::with_capacity(items.len());
            for v in &items {
                ks.push(it.call(f, vec![v.clone()])?);
            }
            ks
        }
        _ => items.clone(),
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    if reverse {
        idx.reverse();
    }
    let mut buf = Vec::with_capacity(idx.len());
    merge_sort(it, &mut idx, &keys, &mut buf)?;
    if reverse {
        idx.reverse();
    }
    Ok(idx.into_iter().map(|i| items[i].clone()).collect())
}

/// The `key=` and `reverse=` keywords of `sort()`/`sorted()`.
pub fn sort_options(it: &mut Interp, kw: Kw) -> Result<(Option<Value>, bool), Flow> {
    check_kwargs(it, "sort", kw, &["key", "reverse"])?;
    let key = kwarg(kw, "key").cloned();
    let reverse = match kwarg(kw, "reverse") {
        Some(v) => it.truthy(v)?,
        None => false,
    };
    Ok((key, reverse))
}

fn sort(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let l = this(it, args, "sort")?;
    if args.len() > 1 {
        return Err(it.err("TypeError", "sort() takes no positional arguments"));
    }
    let (key, reverse) = sort_options(it, kw)?;
    // As CPython, the list looks empty while it is being sorted.
    let items = std::mem::take(&mut *l.borrow_mut());
    match sort_values(it, items.clone(), key.as_ref(), reverse) {
        Ok(sorted) => {
            let modified = !l.borrow().is_empty();
            *l.borrow_mut() = sorted;
            if modified {
                return Err(it.err("ValueError", "list modified during sort"));
            }
            Ok(Value::None)
        }
        Err(e) => {
            *l.borrow_mut() = items;
            Err(e)
        }
    }
}

fn append(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let l = this(it, args, "append")?;
    exactly_one(it, "list.append", args.len() - 1)?;
    l.borrow_mut().push(args[1].clone());
    Ok(Value::None)
}

fn extend(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let l = this(it, args, "extend")?;
    exactly_one(it, "list.extend", args.len() - 1)?;
    let items = it.collect(&args[1])?;
    l.borrow_mut().extend(items);
    Ok(Value::None)
}

fn insert(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let l = this(it, args, "insert")?;
    arg_range(it, "insert", args.len() - 1, 2, 2)?;
    let i = super::int_arg(it, &args[1])?;
    let mut l = l.borrow_mut();
    let n = l.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    l.insert(at as usize, args[2].clone());
    Ok(Value::None)
}

fn pop(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let l = this(it, args, "pop")?;
    arg_range(it, "pop", args.len() - 1, 0, 1)?;
    let i = match args.get(1) {
        Some(v) => super::int_arg(it, v)?,
        None => -1,
    };
    let mut l = l.borrow_mut();
    if l.is_empty() {
        return Err(it.err("IndexError", "pop from empty list"));
    }
    let n = l.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if !(0..n).contains(&j) {
        return Err(it.err("IndexError", "pop index out of range"));
    }
    Ok(l.remove(j as usize))
}

fn position(it: &mut Interp, items: &[Value], x: &Value, start: usize, end: usize) -> Result<Option<usize>, Flow> {
    for (i, v) in items.iter().enumerate().take(end).skip(start) {
        if same_or_eq(it, v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn remove(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let l = this(it, args, "remove")?;
    exactly_one(it, "list.remove", args.len() - 1)?;
    let items = l.borrow().clone();
    match position(it, &items, &args[1], 0, items.len())? {
        Some(i) => {
            let mut l = l.borrow_mut();
            if i < l.len() {
                l.remove(i);
            }
            Ok(Value::None)
        }
        None => Err(it.err("ValueError", "list.remove(x): x not in list")),
    }
}

/// Start/stop arguments of `index()`, clamped like slice bounds.
fn bounds(it: &mut Interp, args: &[Value], len: usize) -> Result<(usize, usize), Flow> {
    let clamp = |i: i64| -> usize {
        let n = len as i64;
        (if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize
    };
    let start = match args.first() {
        Some(v) => clamp(super::int_arg(it, v)?),
        None => 0,
    };
    let end = match args.get(1) {
        Some(v) => clamp(super::int_arg(it, v)?),
        None => len,
    };
    Ok((start, end))
}

fn index(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let l = this(it, args, "index")?;
    arg_range(it, "index", args.len() - 1, 1, 3)?;
    let items = l.borrow().clone();
    let (start, end) = bounds(it, &args[2..], items.len())?;
    match position(it, &items, &args[1], start, end)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            let r = it.repr(&args[1])?;
            Err(it.err("ValueError", format!("{r} is not in list")))
        }
    }
}

fn count_in(it: &mut Interp, items: &[Value], x: &Value) -> Result<Value, Flow> {
    let mut n = 0;
    for v in items {
        if same_or_eq(it, v, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn count(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let l = this(it, args, "count")?;
    exactly_one(it, "list.count", args.len() - 1)?;
    let items = l.borrow().clone();
    count_in(it, &items, &args[1])
}

fn reverse(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let l = this(it, args, "reverse")?;
    no_args(it, "list.reverse", args.len() - 1)?;
    l.borrow_mut().reverse();
    Ok(Value::None)
}

fn copy(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let l = this(it, args, "copy")?;
    no_args(it, "list.copy", args.len() - 1)?;
    let items = l.borrow().clone();
    Ok(Value::list(items))
}

fn clear(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let l = this(it, args, "clear")?;
    no_args(it, "list.clear", args.len() - 1)?;
    let old = std::mem::take(&mut *l.borrow_mut());
    drop(old);
    Ok(Value::None)
}

pub static LIST_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", super::ctors::list_new),
    ("append", append),
    ("extend", extend),
    ("insert", insert),
    ("pop", pop),
    ("remove", remove),
    ("index", index),
    ("count", count),
    ("sort", sort),
    ("reverse", reverse),
    ("copy", copy),
    ("clear", clear),
];

fn this_tuple(it: &Interp, args: &[Value], method: &str) -> Result<Rc<[Value]>, Flow> {
    match args.first().map(Value::unwrap_base) {
        Some(Value::Tuple(t)) => Ok(t.clone()),
        _ => Err(it.err("TypeError", format!("descriptor '{method}' requires a 'tuple' object"))),
    }
}

fn tuple_index(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let t = this_tuple(it, args, "index")?;
    arg_range(it, "index", args.len() - 1, 1, 3)?;
    let (start, end) = bounds(it, &args[2..], t.len())?;
    match position(it, &t, &args[1], start, end)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(it.err("ValueError", "tuple.index(x): x not in tuple")),
    }
}

fn tuple_count(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let t = this_tuple(it, args, "count")?;
    exactly_one(it, "tuple.count", args.len() - 1)?;
    count_in(it, &t, &args[1])
}

pub static TUPLE_METHODS: &[(&str, NativeFn)] =
    &[("__new__", super::ctors::tuple_new), ("index", tuple_index), ("count", tuple_count)];

fn range_index(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let Some(Value::Range(r)) = args.first() else {
        return Err(it.err("TypeError", "descriptor 'index' requires a 'range' object"));
    };
    exactly_one(it, "range.index", args.len() - 1)?;
    let x = &args[1];
    if let (Some(n), Some(true)) = (ops::small_int(x), ops::contains(it, &args[0], x)?) {
        return Ok(Value::Int((n - r.start) / r.step));
    }
    let r2 = it.repr(x)?;
    Err(it.err("ValueError", format!("{r2} is not in range")))
}

fn range_count(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    if !matches!(args.first(), Some(Value::Range(_))) {
        return Err(it.err("TypeError", "descriptor 'count' requires a 'range' object"));
    }
    exactly_one(it, "range.count", args.len() - 1)?;
    let inside = ops::contains(it, &args[0], &args[1])?.unwrap_or(false);
    Ok(Value::Int(inside as i64))
}

pub static RANGE_METHODS: &[(&str, NativeFn)] =
    &[("__new__", super::ctors::range_new), ("index", range_index), ("count", range_count)];
