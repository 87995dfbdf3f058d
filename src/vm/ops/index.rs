//! Subscription of builtin containers: `c[i]`, `c[a:b:s]`, `c[k] = v`, `del c[k]`, with
//! CPython's index normalisation, slice clamping and error messages. Invariant: no RefCell
//! borrow is held across a call back into the interpreter (hashing a key, iterating the
//! assigned value), so user code run by those calls may touch the container safely.

use super::num::{small_int, to_bigint};
use crate::vm::value::{Flow, RangeObj, SliceObj, Value};
use crate::vm::Interp;
use num_traits::{Signed, ToPrimitive};
use std::rc::Rc;

/// An index as the container sees it.
enum Idx<'a> {
    Int(i64),
    /// An int too large for an index (CPython: "cannot fit 'int' into an index-sized integer").
    Huge,
    Slice(&'a SliceObj),
    Other,
}

fn classify<'a>(it: &mut Interp, k: &'a Value) -> Result<Idx<'a>, Flow> {
    Ok(match k {
        Value::Int(i) => Idx::Int(*i),
        Value::Bool(b) => Idx::Int(*b as i64),
        Value::BigInt(_) => Idx::Huge,
        Value::Slice(s) => Idx::Slice(s),
        Value::Instance(_) if it.class_of(k).lookup("__index__").is_some() => {
            let f = it.get_attr(k, "__index__")?;
            match it.call(&f, vec![])? {
                Value::Int(i) => Idx::Int(i),
                Value::Bool(b) => Idx::Int(b as i64),
                Value::BigInt(_) => Idx::Huge,
                other => {
                    return Err(it.err("TypeError", format!("__index__ returned non-int (type {})", other.type_name())))
                }
            }
        }
        _ => Idx::Other,
    })
}

/// An int (or `__index__`-able) slice bound, clamped to i64; None for `None`.
fn slice_bound(it: &mut Interp, v: &Value) -> Result<Option<i64>, Flow> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(*b as i64)),
        Value::BigInt(b) => Ok(Some(if b.is_negative() { i64::MIN } else { i64::MAX })),
        Value::Instance(_) if it.class_of(v).lookup("__index__").is_some() => {
            let f = it.get_attr(v, "__index__")?;
            let r = it.call(&f, vec![])?;
            slice_bound(it, &r)
        }
        _ => Err(it.err("TypeError", "slice indices must be integers or None or have an __index__ method")),
    }
}

/// CPython's `PySlice_Unpack` + `PySlice_AdjustIndices`: (start, stop, step, length).
pub fn slice_indices(it: &mut Interp, s: &SliceObj, len: i64) -> Result<(i64, i64, i64, i64), Flow> {
    let step = slice_bound(it, &s.step)?.unwrap_or(1);
    if step == 0 {
        return Err(it.err("ValueError", "slice step cannot be zero"));
    }
    let step = step.max(-i64::MAX);
    let start = slice_bound(it, &s.start)?;
    let stop = slice_bound(it, &s.stop)?;
    let adjust = |v: Option<i64>, default_pos: i64, default_neg: i64| -> i64 {
        match v {
            None => {
                if step < 0 {
                    default_neg
                } else {
                    default_pos
                }
            }
            Some(mut x) => {
                if x < 0 {
                    x = x.saturating_add(len);
                    if x < 0 {
                        x = if step < 0 { -1 } else { 0 };
                    }
                } else if x >= len {
                    x = if step < 0 { len - 1 } else { len };
                }
                x
            }
        }
    };
    let start = adjust(start, 0, len - 1);
    let stop = adjust(stop, len, -1);
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok((start, stop, step, n))
}

fn slice_positions(start: i64, step: i64, n: i64) -> impl Iterator<Item = usize> {
    (0..n).map(move |i| (start + i * step) as usize)
}

fn norm(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    (0..len).contains(&j).then_some(j as usize)
}

fn bad_index(it: &Interp, what: &str, k: &Value) -> Flow {
    it.err("TypeError", format!("{what} indices must be integers or slices, not {}", k.type_name()))
}

fn huge(it: &Interp) -> Flow {
    it.err("IndexError", "cannot fit 'int' into an index-sized integer")
}

/// The code points of `s` as a vector, or None for ASCII (index bytes directly).
fn str_char_at(s: &str, i: usize) -> Option<char> {
    if s.is_ascii() {
        s.as_bytes().get(i).map(|b| *b as char)
    } else {
        s.chars().nth(i)
    }
}

fn str_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

pub fn getitem(it: &mut Interp, c: &Value, k: &Value) -> Result<Option<Value>, Flow> {
    match c {
        Value::List(l) => {
            let idx = classify(it, k)?;
            match idx {
                Idx::Int(i) => {
                    let l = l.borrow();
                    match norm(i, l.len()) {
                        Some(j) => Ok(Some(l[j].clone())),
                        None => Err(it.err("IndexError", "list index out of range")),
                    }
                }
                Idx::Slice(s) => {
                    let len = l.borrow().len() as i64;
                    let (start, _, step, n) = slice_indices(it, s, len)?;
                    let l = l.borrow();
                    let items: Vec<Value> = slice_positions(start, step, n).filter_map(|j| l.get(j).cloned()).collect();
                    Ok(Some(Value::list(items)))
                }
                Idx::Huge => Err(huge(it)),
                Idx::Other => Err(bad_index(it, "list", k)),
            }
        }
        Value::Tuple(t) => match classify(it, k)? {
            Idx::Int(i) => match norm(i, t.len()) {
                Some(j) => Ok(Some(t[j].clone())),
                None => Err(it.err("IndexError", "tuple index out of range")),
            },
            Idx::Slice(s) => {
                let (start, _, step, n) = slice_indices(it, s, t.len() as i64)?;
                if step == 1 && n == t.len() as i64 {
                    return Ok(Some(c.clone()));
                }
                Ok(Some(Value::tuple(slice_positions(start, step, n).map(|j| t[j].clone()).collect())))
            }
            Idx::Huge => Err(huge(it)),
            Idx::Other => Err(bad_index(it, "tuple", k)),
        },
        Value::Str(s) => match classify(it, k)? {
            Idx::Int(i) => {
                let len = str_len(s);
                match norm(i, len).and_then(|j| str_char_at(s, j)) {
                    Some(ch) => Ok(Some(Value::str(ch.encode_utf8(&mut [0; 4])))),
                    None => Err(it.err("IndexError", "string index out of range")),
                }
            }
            Idx::Slice(sl) => {
                let ascii = s.is_ascii();
                let len = if ascii { s.len() } else { s.chars().count() };
                let (start, _, step, n) = slice_indices(it, sl, len as i64)?;
                if step == 1 && n == len as i64 {
                    return Ok(Some(c.clone()));
                }
                if ascii && step == 1 {
                    let a = start as usize;
                    return Ok(Some(Value::str(&s[a..a + n as usize])));
                }
                let out: String = if ascii {
                    let b = s.as_bytes();
                    slice_positions(start, step, n).map(|j| b[j] as char).collect()
                } else {
                    let cs: Vec<char> = s.chars().collect();
                    slice_positions(start, step, n).map(|j| cs[j]).collect()
                };
                Ok(Some(Value::str(&out)))
            }
            Idx::Huge => Err(huge(it)),
            Idx::Other => Err(it.err("TypeError", format!("string indices must be integers, not '{}'", k.type_name()))),
        },
        Value::Bytes(b) => match classify(it, k)? {
            Idx::Int(i) => match norm(i, b.len()) {
                Some(j) => Ok(Some(Value::Int(b[j] as i64))),
                None => Err(it.err("IndexError", "index out of range")),
            },
            Idx::Slice(s) => {
                let (start, _, step, n) = slice_indices(it, s, b.len() as i64)?;
                let out: Vec<u8> = slice_positions(start, step, n).map(|j| b[j]).collect();
                Ok(Some(Value::Bytes(Rc::from(out))))
            }
            Idx::Huge => Err(huge(it)),
            Idx::Other => Err(bad_index(it, "byte", k)),
        },
        Value::Range(r) => match classify(it, k)? {
            Idx::Int(i) => match norm(i, r.len() as usize) {
                Some(j) => Ok(Some(Value::Int(r.start + j as i64 * r.step))),
                None => Err(it.err("IndexError", "range object index out of range")),
            },
            Idx::Slice(s) => {
                let (start, stop, step, _) = slice_indices(it, s, r.len())?;
                let nr = RangeObj {
                    start: r.start.saturating_add(start.saturating_mul(r.step)),
                    stop: r.start.saturating_add(stop.saturating_mul(r.step)),
                    step: r.step.saturating_mul(step),
                };
                Ok(Some(Value::Range(Rc::new(nr))))
            }
            Idx::Huge => Err(it.err("IndexError", "range object index out of range")),
            Idx::Other => Err(bad_index(it, "range", k)),
        },
        Value::Dict(d) => {
            let key = it.dict_key(d, k)?;
            let v = d.borrow().get(&key);
            match v {
                Some(v) => Ok(Some(v)),
                None => Err(it.err_args("KeyError", vec![k.clone()])),
            }
        }
        _ => Ok(None),
    }
}

/// Values assigned to a slice: CPython's errors for non-iterables.
fn assigned_items(it: &mut Interp, v: &Value, extended: bool) -> Result<Vec<Value>, Flow> {
    match v {
        Value::List(l) => Ok(l.borrow().clone()),
        Value::Tuple(t) => Ok(t.to_vec()),
        Value::None | Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) | Value::Function(_) => {
            Err(it.err(
                "TypeError",
                if extended { "must assign iterable to extended slice" } else { "can only assign an iterable" },
            ))
        }
        _ => it.collect(v),
    }
}

pub fn setitem(it: &mut Interp, c: &Value, k: &Value, v: Value) -> Result<Option<()>, Flow> {
    match c {
        Value::List(l) => match classify(it, k)? {
            Idx::Int(i) => {
                let mut l = l.borrow_mut();
                match norm(i, l.len()) {
                    Some(j) => {
                        l[j] = v;
                        Ok(Some(()))
                    }
                    None => Err(it.err("IndexError", "list assignment index out of range")),
                }
            }
            Idx::Slice(s) => {
                let len = l.borrow().len() as i64;
                let (start, stop, step, n) = slice_indices(it, s, len)?;
                let items = assigned_items(it, &v, step != 1)?;
                let mut l = l.borrow_mut();
                if step == 1 {
                    let start = start.clamp(0, l.len() as i64) as usize;
                    let stop = (stop.max(start as i64) as usize).min(l.len());
                    l.splice(start..stop, items);
                    return Ok(Some(()));
                }
                if items.len() as i64 != n {
                    return Err(it.err(
                        "ValueError",
                        format!("attempt to assign sequence of size {} to extended slice of size {n}", items.len()),
                    ));
                }
                for (j, item) in slice_positions(start, step, n).zip(items) {
                    l[j] = item;
                }
                Ok(Some(()))
            }
            Idx::Huge => Err(it.err("IndexError", "cannot fit 'int' into an index-sized integer")),
            Idx::Other => Err(bad_index(it, "list", k)),
        },
        Value::Dict(d) => {
            let key = it.dict_key(d, k)?;
            d.borrow_mut().insert(key, v);
            Ok(Some(()))
        }
        _ => Ok(None),
    }
}

pub fn delitem(it: &mut Interp, c: &Value, k: &Value) -> Result<Option<()>, Flow> {
    match c {
        Value::List(l) => match classify(it, k)? {
            Idx::Int(i) => {
                let mut l = l.borrow_mut();
                match norm(i, l.len()) {
                    Some(j) => {
                        l.remove(j);
                        Ok(Some(()))
                    }
                    None => Err(it.err("IndexError", "list assignment index out of range")),
                }
            }
            Idx::Slice(s) => {
                let len = l.borrow().len() as i64;
                let (start, _, step, n) = slice_indices(it, s, len)?;
                let mut l = l.borrow_mut();
                if step == 1 {
                    let a = start as usize;
                    l.drain(a..a + n as usize);
                    return Ok(Some(()));
                }
                let mut doomed = vec![false; l.len()];
                for j in slice_positions(start, step, n) {
                    doomed[j] = true;
                }
                let mut idx = 0;
                l.retain(|_| {
                    idx += 1;
                    !doomed[idx - 1]
                });
                Ok(Some(()))
            }
            Idx::Huge => Err(it.err("IndexError", "cannot fit 'int' into an index-sized integer")),
            Idx::Other => Err(bad_index(it, "list", k)),
        },
        Value::Dict(d) => {
            let key = it.dict_key(d, k)?;
            let removed = d.borrow_mut().remove(&key);
            match removed {
                Some(_) => Ok(Some(())),
                None => Err(it.err_args("KeyError", vec![k.clone()])),
            }
        }
        _ => Ok(None),
    }
}

/// An index argument for methods (`list.insert(i, x)`, `list.pop(i)`): int-like or error.
pub fn index_arg(it: &mut Interp, v: &Value) -> Result<i64, Flow> {
    if let Some(i) = small_int(v) {
        return Ok(i);
    }
    if let Some(b) = to_bigint(v) {
        return Ok(b.to_i64().unwrap_or(if b.is_negative() { i64::MIN } else { i64::MAX }));
    }
    match classify(it, v)? {
        Idx::Int(i) => Ok(i),
        _ => Err(it.err("TypeError", format!("'{}' object cannot be interpreted as an integer", v.type_name()))),
    }
}
