//! Operators on builtin value kinds: arithmetic, comparison, membership, truth, length,
//! subscription, repr/str. The VM calls these first and falls back to user dunders when they
//! answer `Ok(None)` ("not a pair of kinds I handle"); an `Err` is a Python exception with
//! CPython 3.11's message. Submodules: `num` (int/float arithmetic, hashing), `index`
//! (subscription and slices), `repr` (repr/str, fake addresses).
//!
//! Invariant: a function here never returns `Ok(None)` after running user code, so the VM's
//! dunder fallback never runs an operation twice; and no RefCell borrow of a container is
//! held while calling back into the interpreter (containers are snapshotted first).

mod index;
mod num;
mod repr;

pub use index::{delitem, getitem, index_arg, setitem, slice_indices};
pub use num::{
    float_divmod, float_pow, float_to_int, hash_float, hash_int, hash_tuple, int_to_f64, int_value, is_int, is_number,
    num_cmp, small_int, to_bigint,
};
pub use repr::{
    address, ascii_escape, bytes_repr, class_repr, is_printable, object_id, repr_builtin, str_builtin, str_repr,
};

use crate::lang::bytecode::{BinOp, CmpOp, UnOp};
use crate::vm::builtins::dict::view_of;
use crate::vm::dict::{Dict, Set};
use crate::vm::value::{Flow, IterState, Value};
use crate::vm::Interp;
use num_bigint::BigInt;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

/// The operator's text in CPython's "unsupported operand type(s) for X" message.
pub fn binop_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::MatMul => "@",
        BinOp::TrueDiv => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::And => "&",
        BinOp::Or => "|",
        BinOp::Xor => "^",
    }
}

/// The dunder pair (`__add__`, `__radd__`) of a binary operator.
pub fn binop_dunders(op: BinOp) -> (&'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mul => ("__mul__", "__rmul__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__"),
        BinOp::TrueDiv => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::And => ("__and__", "__rand__"),
        BinOp::Or => ("__or__", "__ror__"),
        BinOp::Xor => ("__xor__", "__rxor__"),
    }
}

fn is_user(v: &Value) -> bool {
    matches!(v, Value::Instance(_)) || (matches!(v, Value::Native(_)) && view_of(v).is_none())
}

/// A repetition count (`seq * n`): Some for ints, an OverflowError for huge ones.
fn repeat_count(it: &Interp, n: &Value) -> Result<Option<usize>, Flow> {
    match n {
        Value::Int(_) | Value::Bool(_) => Ok(Some(small_int(n).unwrap_or(0).max(0) as usize)),
        Value::BigInt(_) => Err(it.err("OverflowError", "cannot fit 'int' into an index-sized integer")),
        _ => Ok(None),
    }
}

fn check_size(it: &Interp, unit: usize, n: usize) -> Result<(), Flow> {
    match unit.checked_mul(n) {
        Some(total) if total <= 1 << 31 && super::memory::fits(total) => Ok(()),
        _ => Err(it.err_args("MemoryError", vec![])),
    }
}

/// The set behind a set, frozenset or keys/items view (views are materialised).
fn as_set(it: &mut Interp, v: &Value) -> Result<Option<Set>, Flow> {
    match v {
        Value::Set(s) => Ok(Some(s.borrow().clone())),
        Value::FrozenSet(s) => Ok(Some((**s).clone())),
        Value::Native(_) => match view_of(v) {
            Some((d, what)) if what != 1 => {
                let items: Vec<Value> = match what {
                    0 => d.borrow().keys().cloned().collect(),
                    _ => d.borrow().iter().map(|(k, v)| Value::tuple(vec![k.0.clone(), v.clone()])).collect(),
                };
                let mut s = Set::default();
                for item in items {
                    it.set_insert(&mut s, &item)?;
                }
                Ok(Some(s))
            }
            _ => Ok(None),
        },
        _ => Ok(None),
    }
}

fn set_binop(op: BinOp, a: &Set, b: &Set) -> Option<Set> {
    Some(match op {
        BinOp::Or => {
            let mut r = a.clone();
            r.extend(b.iter().cloned());
            r
        }
        BinOp::And => a.iter().filter(|k| b.contains(*k)).cloned().collect(),
        BinOp::Sub => a.iter().filter(|k| !b.contains(*k)).cloned().collect(),
        BinOp::Xor => {
            let mut r: Set = a.iter().filter(|k| !b.contains(*k)).cloned().collect();
            r.extend(b.iter().filter(|k| !a.contains(*k)).cloned());
            r
        }
        _ => return None,
    })
}

fn concat_error(it: &Interp, kind: &str, b: &Value) -> Flow {
    it.err("TypeError", format!("can only concatenate {kind} (not \"{}\") to {kind}", b.type_name()))
}

fn mul_error(it: &Interp, n: &Value) -> Flow {
    it.err("TypeError", format!("can't multiply sequence by non-int of type '{}'", n.type_name()))
}

/// `a op b` for builtin kinds; `Ok(None)` when the pair is not handled here.
pub fn binary(it: &mut Interp, op: BinOp, a: &Value, b: &Value) -> Result<Option<Value>, Flow> {
    if is_int(a) && is_int(b) {
        return num::int_binop(it, op, a, b);
    }
    if is_number(a) && is_number(b) {
        let x = int_to_f64(it, a)?;
        let y = int_to_f64(it, b)?;
        return num::float_binop(it, op, x, y);
    }
    match (op, a, b) {
        // str and bytes format whatever the right operand is (a str or bytes subclass's
        // Python `__rmod__` is not tried first, a difference from CPython).
        (BinOp::Mod, Value::Str(f), _) => return crate::vm::format::percent_format(it, f, b).map(Some),
        (BinOp::Mod, Value::Bytes(f), _) => return crate::vm::format::percent_format_bytes(it, f, b).map(Some),
        (BinOp::Add, Value::Str(x), Value::Str(y)) => {
            let mut s = String::with_capacity(x.len() + y.len());
            s.push_str(x);
            s.push_str(y);
            return Ok(Some(Value::str(&s)));
        }
        (BinOp::Add, Value::List(x), Value::List(y)) => {
            let mut v = x.borrow().clone();
            v.extend(y.borrow().iter().cloned());
            return Ok(Some(Value::list(v)));
        }
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
            let v: Vec<Value> = x.iter().chain(y.iter()).cloned().collect();
            return Ok(Some(Value::tuple(v)));
        }
        (BinOp::Add, Value::Bytes(x), Value::Bytes(y)) => {
            let v: Vec<u8> = x.iter().chain(y.iter()).copied().collect();
            return Ok(Some(Value::Bytes(Rc::from(v))));
        }
        (BinOp::Add, Value::Str(_), _) if !is_user(b) => return Err(concat_error(it, "str", b)),
        (BinOp::Add, Value::List(_), _) if !is_user(b) => return Err(concat_error(it, "list", b)),
        (BinOp::Add, Value::Tuple(_), _) if !is_user(b) => return Err(concat_error(it, "tuple", b)),
        (BinOp::Add, Value::Bytes(_), _) if !is_user(b) => {
            return Err(it.err("TypeError", format!("can't concat {} to bytes", b.type_name())))
        }
        (BinOp::Or, Value::Dict(x), Value::Dict(y)) => {
            let mut d = x.borrow().clone();
            let y = y.borrow().clone();
            for (k, v) in it.align_dict(y, &d)?.iter() {
                d.insert(k.clone(), v.clone());
            }
            return Ok(Some(Value::dict(d)));
        }
        _ => {}
    }
    if op == BinOp::Mul {
        let (seq, n) = match (a, b) {
            (Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_), _) => (a, b),
            (_, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)) => (b, a),
            _ => return Ok(None),
        };
        let Some(count) = repeat_count(it, n)? else {
            return if is_user(n) { Ok(None) } else { Err(mul_error(it, n)) };
        };
        return Ok(Some(match seq {
            Value::Str(s) => {
                check_size(it, s.len(), count)?;
                Value::str(&s.repeat(count))
            }
            Value::Bytes(s) => {
                check_size(it, s.len(), count)?;
                Value::Bytes(Rc::from(s.repeat(count)))
            }
            Value::List(l) => {
                let l = l.borrow();
                check_size(it, l.len(), count)?;
                let mut v = Vec::with_capacity(l.len() * count);
                for _ in 0..count {
                    v.extend(l.iter().cloned());
                }
                Value::list(v)
            }
            Value::Tuple(t) => {
                if count == 1 {
                    return Ok(Some(seq.clone()));
                }
                check_size(it, t.len(), count)?;
                let mut v = Vec::with_capacity(t.len() * count);
                for _ in 0..count {
                    v.extend(t.iter().cloned());
                }
                Value::tuple(v)
            }
            _ => return Ok(None),
        }));
    }
    if matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) {
        let left_frozen = matches!(a, Value::FrozenSet(_));
        // A dict view combines with any iterable (`d.keys() | ["x"]`), as CPython's views do.
        let any_view = view_of(a).is_some() || view_of(b).is_some();
        let operand = |it: &mut Interp, v: &Value| -> Result<Option<Set>, Flow> {
            if let Some(s) = as_set(it, v)? {
                return Ok(Some(s));
            }
            if any_view
                && matches!(v, Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) | Value::Dict(_))
            {
                let mut s = Set::default();
                for item in it.collect(v)? {
                    it.set_insert(&mut s, &item)?;
                }
                return Ok(Some(s));
            }
            Ok(None)
        };
        if let Some(x) = operand(it, a)? {
            if let Some(y) = operand(it, b)? {
                let y = it.align_set(y, &x)?;
                if let Some(r) = set_binop(op, &x, &y) {
                    return Ok(Some(if left_frozen {
                        Value::FrozenSet(Rc::new(r))
                    } else {
                        Value::Set(Rc::new(RefCell::new(r)))
                    }));
                }
            }
        }
    }
    Ok(None)
}

/// `a op b` with the user-dunder fallback (`__add__`, then the reflected `__radd__`), for
/// natives like `sum()` that must add arbitrary objects.
pub fn binary_full(it: &mut Interp, op: BinOp, a: &Value, b: &Value) -> Result<Value, Flow> {
    if let Some(v) = binary(it, op, a, b)? {
        return Ok(v);
    }
    let (name, rname) = binop_dunders(op);
    if let Some(f) = it.class_of(a).lookup(name) {
        let r = it.call(&f, vec![a.clone(), b.clone()])?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    }
    if let Some(f) = it.class_of(b).lookup(rname) {
        let r = it.call(&f, vec![b.clone(), a.clone()])?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    }
    Err(it.err(
        "TypeError",
        format!("unsupported operand type(s) for {}: '{}' and '{}'", binop_symbol(op), a.type_name(), b.type_name()),
    ))
}

/// `container[key]` for builtin containers, else the object's `__getitem__`.
pub fn getitem_full(it: &mut Interp, container: &Value, key: &Value) -> Result<Value, Flow> {
    if let Some(v) = getitem(it, container, key)? {
        return Ok(v);
    }
    match it.class_of(container).lookup("__getitem__") {
        Some(f) => it.call(&f, vec![container.clone(), key.clone()]),
        None => Err(it.err("TypeError", format!("'{}' object is not subscriptable", container.type_name()))),
    }
}

/// `-a`, `+a`, `~a` for numbers; `Ok(None)` otherwise (and for `not`, which is the VM's).
pub fn unary(_it: &mut Interp, op: UnOp, a: &Value) -> Result<Option<Value>, Flow> {
    Ok(match (op, a) {
        (UnOp::Neg, Value::Float(f)) => Some(Value::Float(-f)),
        (UnOp::Pos, Value::Float(f)) => Some(Value::Float(*f)),
        (UnOp::Neg, Value::Int(i)) => Some(match i.checked_neg() {
            Some(n) => Value::Int(n),
            None => int_value(-BigInt::from(*i)),
        }),
        (UnOp::Neg, _) if is_int(a) => Some(int_value(-to_bigint(a).unwrap_or_default())),
        (UnOp::Pos, _) if is_int(a) => Some(int_value(to_bigint(a).unwrap_or_default())),
        (UnOp::Invert, Value::Int(i)) => Some(Value::Int(!i)),
        (UnOp::Invert, _) if is_int(a) => Some(int_value(-(to_bigint(a).unwrap_or_default()) - 1)),
        _ => None,
    })
}

/// Equality without the interpreter for the kinds where it is pure; None when it would need
/// to call back (containers, user objects).
pub fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    if is_number(a) && is_number(b) {
        return Some(num_cmp(a, b) == Some(Ordering::Equal));
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Some(x == y),
        (Value::Bytes(x), Value::Bytes(y)) => Some(x == y),
        (Value::None, _) | (_, Value::None) if !is_user(a) && !is_user(b) => Some(a.is(b)),
        (Value::Str(_), _) | (Value::Bytes(_), _) if !is_user(b) && !matches!(b, Value::Str(_) | Value::Bytes(_)) => {
            Some(false)
        }
        _ => None,
    }
}

/// `x is y or x == y`, the element test of containers.
pub fn same_or_eq(it: &mut Interp, x: &Value, y: &Value) -> Result<bool, Flow> {
    if x.is(y) {
        return Ok(true);
    }
    match fast_eq(x, y) {
        Some(r) => Ok(r),
        None => it.eq(x, y),
    }
}

fn ord_matches(op: CmpOp, o: Ordering) -> bool {
    match op {
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::Le => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::Ge => o != Ordering::Less,
        CmpOp::Eq => o == Ordering::Equal,
        CmpOp::Ne => o != Ordering::Equal,
        _ => false,
    }
}

/// Lexicographic comparison of sequences, CPython's way: the first pair that is not equal
/// decides, else the lengths.
fn seq_compare(it: &mut Interp, op: CmpOp, a: &[Value], b: &[Value]) -> Result<bool, Flow> {
    if matches!(op, CmpOp::Eq | CmpOp::Ne) && a.len() != b.len() {
        return Ok(op == CmpOp::Ne);
    }
    for (x, y) in a.iter().zip(b.iter()) {
        if same_or_eq(it, x, y)? {
            continue;
        }
        return match op {
            CmpOp::Eq => Ok(false),
            CmpOp::Ne => Ok(true),
            CmpOp::Lt | CmpOp::Le => lt(it, x, y),
            _ => lt(it, y, x),
        };
    }
    Ok(ord_matches(op, a.len().cmp(&b.len())))
}

fn lt(it: &mut Interp, x: &Value, y: &Value) -> Result<bool, Flow> {
    if let Some(o) = num_cmp(x, y) {
        return Ok(o == Ordering::Less);
    }
    if let (Value::Str(p), Value::Str(q)) = (x, y) {
        return Ok(p < q);
    }
    it.lt(x, y)
}

fn set_compare(op: CmpOp, a: &Set, b: &Set) -> bool {
    let sub = |x: &Set, y: &Set| x.len() <= y.len() && x.iter().all(|k| y.contains(k));
    match op {
        CmpOp::Eq => a.len() == b.len() && sub(a, b),
        CmpOp::Ne => !(a.len() == b.len() && sub(a, b)),
        CmpOp::Le => sub(a, b),
        CmpOp::Lt => a.len() < b.len() && sub(a, b),
        CmpOp::Ge => sub(b, a),
        CmpOp::Gt => b.len() < a.len() && sub(b, a),
        _ => false,
    }
}

fn dict_eq(it: &mut Interp, a: &Dict, b: &Dict) -> Result<bool, Flow> {
    if a.len() != b.len() {
        return Ok(false);
    }
    for (k, v) in a.iter() {
        let k = it.key_among(&k.0, |k| crate::vm::dict::same_hash_in_map(&b.map, k))?;
        match b.get(&k) {
            Some(w) => {
                if !same_or_eq(it, v, &w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

fn range_eq(a: &crate::vm::value::RangeObj, b: &crate::vm::value::RangeObj) -> bool {
    let (la, lb) = (a.len(), b.len());
    la == lb && (la == 0 || (a.start == b.start && (la == 1 || a.step == b.step)))
}

/// `a op b` for the six rich comparisons (and `in`/`is`) on builtin kinds.
pub fn compare(it: &mut Interp, op: CmpOp, a: &Value, b: &Value) -> Result<Option<Value>, Flow> {
    match op {
        CmpOp::Is => return Ok(Some(Value::Bool(a.is(b)))),
        CmpOp::IsNot => return Ok(Some(Value::Bool(!a.is(b)))),
        CmpOp::In => return Ok(contains(it, b, a)?.map(Value::Bool)),
        CmpOp::NotIn => return Ok(contains(it, b, a)?.map(|r| Value::Bool(!r))),
        _ => {}
    }
    if is_user(a) || is_user(b) {
        return Ok(None);
    }
    let eqop = matches!(op, CmpOp::Eq | CmpOp::Ne);
    let r = if is_number(a) && is_number(b) {
        match num_cmp(a, b) {
            Some(o) => ord_matches(op, o),
            None => op == CmpOp::Ne,
        }
    } else {
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => ord_matches(op, (**x).cmp(&**y)),
            (Value::Bytes(x), Value::Bytes(y)) => ord_matches(op, (**x).cmp(&**y)),
            (Value::Tuple(x), Value::Tuple(y)) => {
                let (x, y) = (x.clone(), y.clone());
                seq_compare(it, op, &x, &y)?
            }
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                seq_compare(it, op, &x, &y)?
            }
            (Value::Dict(x), Value::Dict(y)) if eqop => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                dict_eq(it, &x, &y)? == (op == CmpOp::Eq)
            }
            (Value::Range(x), Value::Range(y)) if eqop => range_eq(x, y) == (op == CmpOp::Eq),
            (Value::Slice(x), Value::Slice(y)) => {
                let x = [x.start.clone(), x.stop.clone(), x.step.clone()];
                let y = [y.start.clone(), y.stop.clone(), y.step.clone()];
                seq_compare(it, op, &x, &y)?
            }
            _ => {
                let sa = as_set(it, a)?;
                let sb = if sa.is_some() { as_set(it, b)? } else { None };
                match (sa, sb) {
                    (Some(x), Some(y)) => {
                        let y = it.align_set(y, &x)?;
                        set_compare(op, &x, &y)
                    }
                    _ if eqop => a.is(b) == (op == CmpOp::Eq),
                    _ => return Ok(None),
                }
            }
        }
    };
    Ok(Some(Value::Bool(r)))
}

/// `item in container` for builtin containers; `Ok(None)` for others.
pub fn contains(it: &mut Interp, container: &Value, item: &Value) -> Result<Option<bool>, Flow> {
    match container {
        Value::Str(s) => match item.unwrap_base() {
            Value::Str(x) => Ok(Some(s.contains(&**x))),
            _ => Err(
                it.err("TypeError", format!("'in <string>' requires string as left operand, not {}", item.type_name()))
            ),
        },
        Value::Bytes(b) => match item {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                match small_int(item).filter(|n| (0..256).contains(n)) {
                    Some(n) => Ok(Some(b.contains(&(n as u8)))),
                    None => Err(it.err("ValueError", "byte must be in range(0, 256)")),
                }
            }
            Value::Bytes(x) => Ok(Some(x.is_empty() || b.windows(x.len()).any(|w| w == &**x))),
            _ => Err(it.err("TypeError", format!("a bytes-like object is required, not '{}'", item.type_name()))),
        },
        Value::List(l) => {
            let items = l.borrow().clone();
            seq_contains(it, &items, item).map(Some)
        }
        Value::Tuple(t) => {
            let t = t.clone();
            seq_contains(it, &t, item).map(Some)
        }
        Value::Dict(d) => {
            let k = it.dict_key(d, item)?;
            Ok(Some(d.borrow().map.contains_key(&k)))
        }
        Value::Set(s) => {
            let k = it.set_key(s, item)?;
            Ok(Some(s.borrow().contains(&k)))
        }
        Value::FrozenSet(s) => {
            let k = it.key_among(item, |k| crate::vm::dict::same_hash_in_set(s, k))?;
            Ok(Some(s.contains(&k)))
        }
        Value::Range(r) => {
            let n = match item {
                Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(*f as i64),
                Value::Float(_) => return Ok(Some(false)),
                _ if is_int(item) => match small_int(item) {
                    Some(n) => Some(n),
                    None => return Ok(Some(false)),
                },
                _ => None,
            };
            let Some(n) = n else {
                return Ok(Some(false));
            };
            let inside = if r.step > 0 { r.start <= n && n < r.stop } else { r.stop < n && n <= r.start };
            Ok(Some(inside && (n - r.start) % r.step == 0))
        }
        Value::Native(_) => match view_of(container) {
            Some((d, 0)) => {
                let k = it.dict_key(&d, item)?;
                Ok(Some(d.borrow().map.contains_key(&k)))
            }
            Some((d, 1)) => {
                let vals: Vec<Value> = d.borrow().iter().map(|(_, v)| v.clone()).collect();
                seq_contains(it, &vals, item).map(Some)
            }
            Some((d, _)) => {
                let Value::Tuple(t) = item else {
                    return Ok(Some(false));
                };
                if t.len() != 2 {
                    return Ok(Some(false));
                }
                let k = it.dict_key(&d, &t[0])?;
                let v = d.borrow().get(&k);
                match v {
                    Some(v) => same_or_eq(it, &v, &t[1]).map(Some),
                    None => Ok(Some(false)),
                }
            }
            None => Ok(None),
        },
        _ => Ok(None),
    }
}

fn seq_contains(it: &mut Interp, items: &[Value], item: &Value) -> Result<bool, Flow> {
    for x in items {
        if same_or_eq(it, x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Truth of builtin values; None for instances and natives (their `__bool__`/`__len__`).
pub fn truthy_builtin(v: &Value) -> Option<bool> {
    Some(match v {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::BigInt(_) => true,
        Value::Float(f) => *f != 0.0,
        Value::Instance(_) => return None,
        Value::Native(_) => return len_builtin(v).map(|n| n > 0),
        _ => match len_builtin(v) {
            Some(n) => n > 0,
            None => true,
        },
    })
}

/// `len(v)` for builtin containers; None for anything else.
pub fn len_builtin(v: &Value) -> Option<usize> {
    Some(match v {
        Value::Str(s) => {
            if s.is_ascii() {
                s.len()
            } else {
                s.chars().count()
            }
        }
        Value::Bytes(b) => b.len(),
        Value::Tuple(t) => t.len(),
        Value::List(l) => l.borrow().len(),
        Value::Dict(d) => d.borrow().len(),
        Value::Set(s) => s.borrow().len(),
        Value::FrozenSet(s) => s.len(),
        Value::Range(r) => r.len() as usize,
        Value::Native(_) => view_of(v)?.0.borrow().len(),
        _ => return None,
    })
}

/// `iter(v)` for builtin iterables (snapshots for dicts and sets); None for others.
pub fn iter_builtin(v: &Value) -> Option<Value> {
    let st = match v {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) => IterState::Seq { seq: v.clone(), index: 0 },
        Value::Range(r) => IterState::Range { next: r.start, stop: r.stop, step: r.step },
        Value::Dict(d) => dict_iter(&d.borrow(), 0),
        Value::Set(s) => IterState::Values { items: s.borrow().iter().map(|k| k.0.clone()).collect(), index: 0 },
        Value::FrozenSet(s) => IterState::Values { items: s.iter().map(|k| k.0.clone()).collect(), index: 0 },
        Value::Bytes(b) => IterState::Values { items: b.iter().map(|x| Value::Int(*x as i64)).collect(), index: 0 },
        Value::Iter(_) => return Some(v.clone()),
        Value::Native(_) => {
            let (d, what) = view_of(v)?;
            let st = dict_iter(&d.borrow(), what);
            st
        }
        _ => return None,
    };
    Some(Value::Iter(Rc::new(RefCell::new(st))))
}

fn dict_iter(d: &Dict, what: u8) -> IterState {
    IterState::DictView { items: d.iter().map(|(k, v)| (k.0.clone(), v.clone())).collect(), index: 0, what }
}
