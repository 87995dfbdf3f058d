//! Constructors of the builtin types (`int(x, base)`, `float(s)`, `str(x)`, `list(it)`,
//! `dict(...)` lives in `dict.rs`, `range(a, b, s)`, `bytes(...)`, `slice(...)`), stored as
//! each class's `__new__` and called with the constructor's arguments without the class.
//! Invariant: string parsing accepts exactly CPython's literal grammar (whitespace, signs,
//! underscores between digits, base prefixes) and rejects everything else with its message.

use super::{arg_range, check_kwargs, kwarg, no_kwargs, Kw};
use crate::vm::dict::Set;
use crate::vm::ops::{self, bytes_repr, float_to_int, int_value, str_repr, to_bigint};
use crate::vm::value::{Flow, NativeFn, RangeObj, SliceObj, Value};
use crate::vm::Interp;
use num_bigint::BigInt;
use std::cell::RefCell;
use std::rc::Rc;

/// `str.isspace` for one character (Rust's whitespace plus the ASCII separators 0x1c-0x1f).
pub fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Removes underscores that sit between two digits of `base`; None if any other underscore.
fn strip_underscores(s: &str, base: u32, allow_leading: bool) -> Option<String> {
    if !s.contains('_') {
        return Some(s.to_string());
    }
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in cs.iter().enumerate() {
        if c == '_' {
            let prev_ok = if i == 0 { allow_leading } else { cs[i - 1].is_digit(base) };
            let next_ok = cs.get(i + 1).is_some_and(|n| n.is_digit(base));
            if !prev_ok || !next_ok {
                return None;
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Parses an int literal as `int(s, base)` does; None when it is not one.
pub fn parse_int(s: &str, base: u32) -> Option<BigInt> {
    let t = s.trim_matches(py_isspace);
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let mut base = base;
    let mut body = t;
    let mut prefixed = false;
    let b = t.as_bytes();
    if b.len() >= 2 && b[0] == b'0' {
        let p = b[1].to_ascii_lowercase();
        let pb = match p {
            b'x' => 16,
            b'o' => 8,
            b'b' => 2,
            _ => 0,
        };
        if pb != 0 && (base == 0 || base == pb) {
            base = pb;
            body = &t[2..];
            prefixed = true;
        }
    }
    if base == 0 {
        base = 10;
        // Base 0 refuses leading zeros of a nonzero decimal ("010").
        if body.starts_with('0') && body.chars().any(|c| c != '0' && c != '_') {
            return None;
        }
    }
    let clean = strip_underscores(body, base, prefixed)?;
    if clean.is_empty() || !clean.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let n = BigInt::parse_bytes(clean.as_bytes(), base)?;
    Some(if neg { -n } else { n })
}

/// Parses a float literal as `float(s)` does.
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim_matches(py_isspace);
    if t.is_empty() {
        return None;
    }
    let clean = if t.contains('_') {
        let cs: Vec<char> = t.chars().collect();
        for (i, &c) in cs.iter().enumerate() {
            if c == '_' && !(i > 0 && cs[i - 1].is_ascii_digit() && cs.get(i + 1).is_some_and(|n| n.is_ascii_digit())) {
                return None;
            }
        }
        t.replace('_', "")
    } else {
        t.to_string()
    };
    // Rust accepts exactly Python's decimal grammar plus inf/infinity/nan (any case, signed).
    clean.parse::<f64>().ok()
}

fn int_from_instance(it: &mut Interp, v: &Value) -> Result<Option<Value>, Flow> {
    let cls = it.class_of(v);
    for name in ["__int__", "__index__", "__trunc__"] {
        if let Some(f) = cls.lookup(name) {
            let r = it.call(&f, vec![v.clone()])?;
            if !ops::is_int(&r) {
                return Err(it.err("TypeError", format!("{name} returned non-int (type {})", r.type_name())));
            }
            return Ok(Some(int_value(to_bigint(&r).unwrap_or_default())));
        }
    }
    Ok(None)
}

pub fn int_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    check_kwargs(it, "int", kw, &["base"])?;
    if args.len() > 2 {
        return Err(it.err("TypeError", format!("int() takes at most 2 arguments ({} given)", args.len())));
    }
    let base_v = args.get(1).or_else(|| kwarg(kw, "base"));
    let Some(x) = args.first() else {
        if base_v.is_some() {
            return Err(it.err("TypeError", "int() missing string argument"));
        }
        return Ok(Value::Int(0));
    };
    let base = match base_v {
        None => None,
        Some(b) => {
            let b = super::int_arg(it, b)?;
            if !(b == 0 || (2..=36).contains(&b)) {
                return Err(it.err("ValueError", "int() base must be >= 2 and <= 36, or 0"));
            }
            Some(b as u32)
        }
    };
    // A str or bytes subclass's instance parses as its value.
    let x = match x.base_value() {
        Some(b @ (Value::Str(_) | Value::Bytes(_))) => b,
        _ => x,
    };
    let text = match x {
        Value::Str(s) => Some((s.to_string(), str_repr(s))),
        Value::Bytes(b) => Some((String::from_utf8_lossy(b).into_owned(), bytes_repr(b))),
        _ => None,
    };
    if let Some((s, shown)) = text {
        let b = base.unwrap_or(10);
        return match parse_int(&s, b) {
            Some(n) => Ok(int_value(n)),
            None => Err(it.err("ValueError", format!("invalid literal for int() with base {b}: {shown}"))),
        };
    }
    if base.is_some() {
        return Err(it.err("TypeError", "int() can't convert non-string with explicit base"));
    }
    match x {
        Value::Int(_) | Value::BigInt(_) => Ok(x.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => float_to_int(it, *f),
        _ => match int_from_instance(it, x)? {
            Some(v) => Ok(v),
            None => Err(it.err(
                "TypeError",
                format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    x.type_name()
                ),
            )),
        },
    }
}

pub fn float_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "float", kw)?;
    arg_range(it, "float", args.len(), 0, 1)?;
    let Some(x) = args.first() else {
        return Ok(Value::Float(0.0));
    };
    let parsed = |it: &Interp, s: &str, shown: String| match parse_float(s) {
        Some(f) => Ok(Value::Float(f)),
        None => Err(it.err("ValueError", format!("could not convert string to float: {shown}"))),
    };
    let x = match x.base_value() {
        Some(b @ (Value::Str(_) | Value::Bytes(_))) => b,
        _ => x,
    };
    match x {
        Value::Float(_) => Ok(x.clone()),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(Value::Float(ops::int_to_f64(it, x)?)),
        Value::Str(s) => parsed(it, s, str_repr(s)),
        Value::Bytes(b) => parsed(it, &String::from_utf8_lossy(b), bytes_repr(b)),
        _ => {
            let cls = it.class_of(x);
            if let Some(f) = cls.lookup("__float__") {
                return match it.call(&f, vec![x.clone()])? {
                    Value::Float(f) => Ok(Value::Float(f)),
                    other => Err(it.err(
                        "TypeError",
                        format!("{}.__float__ returned non-float (type {})", cls.name, other.type_name()),
                    )),
                };
            }
            if let Some(f) = cls.lookup("__index__") {
                let r = it.call(&f, vec![x.clone()])?;
                return Ok(Value::Float(ops::int_to_f64(it, &r)?));
            }
            Err(it.err(
                "TypeError",
                format!("float() argument must be a string or a real number, not '{}'", x.type_name()),
            ))
        }
    }
}

pub fn str_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    check_kwargs(it, "str", kw, &["object", "encoding", "errors"])?;
    if args.len() > 3 {
        return Err(it.err("TypeError", format!("str() takes at most 3 arguments ({} given)", args.len())));
    }
    let obj = super::arg_or_kw(args, 0, kw, "object");
    let encoding = super::arg_or_kw(args, 1, kw, "encoding");
    let errors = super::arg_or_kw(args, 2, kw, "errors");
    let Some(obj) = obj else {
        return Ok(Value::str(""));
    };
    if encoding.is_none() && errors.is_none() {
        return Ok(Value::Str(it.str_of(obj)?));
    }
    let Value::Bytes(b) = obj else {
        return Err(
            it.err("TypeError", format!("decoding to str: need a bytes-like object, {} found", obj.type_name()))
        );
    };
    let enc = match encoding {
        Some(e) => super::str_arg(it, e, "str() argument 'encoding'")?,
        None => Rc::from("utf-8"),
    };
    let errs = match errors {
        Some(e) => super::str_arg(it, e, "str() argument 'errors'")?,
        None => Rc::from("strict"),
    };
    super::bytes_methods::decode_bytes(it, b, &enc, &errs)
}

pub fn bool_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "bool", kw)?;
    arg_range(it, "bool", args.len(), 0, 1)?;
    match args.first() {
        Some(v) => Ok(Value::Bool(it.truthy(v)?)),
        None => Ok(Value::Bool(false)),
    }
}

pub fn list_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "list", kw)?;
    arg_range(it, "list", args.len(), 0, 1)?;
    match args.first() {
        Some(v) => Ok(Value::list(it.collect(v)?)),
        None => Ok(Value::list(vec![])),
    }
}

pub fn tuple_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "tuple", kw)?;
    arg_range(it, "tuple", args.len(), 0, 1)?;
    match args.first() {
        Some(t @ Value::Tuple(_)) => Ok(t.clone()),
        Some(v) => Ok(Value::tuple(it.collect(v)?)),
        None => Ok(Value::tuple(vec![])),
    }
}

/// The set of an iterable's items (hashing each through the interpreter).
pub fn set_of(it: &mut Interp, v: &Value) -> Result<Set, Flow> {
    match v {
        Value::Set(s) => Ok(s.borrow().clone()),
        Value::FrozenSet(s) => Ok((**s).clone()),
        _ => {
            let mut s = Set::default();
            for item in it.collect(v)? {
                it.set_insert(&mut s, &item)?;
            }
            Ok(s)
        }
    }
}

pub fn set_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "set", kw)?;
    arg_range(it, "set", args.len(), 0, 1)?;
    let s = match args.first() {
        Some(v) => set_of(it, v)?,
        None => Set::default(),
    };
    Ok(Value::Set(Rc::new(RefCell::new(s))))
}

pub fn frozenset_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "frozenset", kw)?;
    arg_range(it, "frozenset", args.len(), 0, 1)?;
    match args.first() {
        Some(f @ Value::FrozenSet(_)) => Ok(f.clone()),
        Some(v) => Ok(Value::FrozenSet(Rc::new(set_of(it, v)?))),
        None => Ok(Value::FrozenSet(Rc::new(Set::default()))),
    }
}

fn range_arg(it: &mut Interp, v: &Value) -> Result<i64, Flow> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(_) => Err(it.err("OverflowError", "Python int too large to convert to C ssize_t")),
        _ => super::int_arg(it, v),
    }
}

pub fn range_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "range", kw)?;
    arg_range(it, "range", args.len(), 1, 3)?;
    let mut n = Vec::with_capacity(3);
    for a in args {
        n.push(range_arg(it, a)?);
    }
    let r = match n.as_slice() {
        [stop] => RangeObj { start: 0, stop: *stop, step: 1 },
        [start, stop] => RangeObj { start: *start, stop: *stop, step: 1 },
        [start, stop, step] => {
            if *step == 0 {
                return Err(it.err("ValueError", "range() arg 3 must not be zero"));
            }
            RangeObj { start: *start, stop: *stop, step: *step }
        }
        _ => unreachable!("arity checked"),
    };
    Ok(Value::Range(Rc::new(r)))
}

pub fn bytes_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    check_kwargs(it, "bytes", kw, &["source", "encoding", "errors"])?;
    let src = super::arg_or_kw(args, 0, kw, "source");
    let encoding = super::arg_or_kw(args, 1, kw, "encoding");
    let Some(src) = src else {
        return Ok(Value::Bytes(Rc::from(Vec::new())));
    };
    if let Value::Str(s) = src {
        let Some(enc) = encoding else {
            return Err(it.err("TypeError", "string argument without an encoding"));
        };
        let enc = super::str_arg(it, enc, "bytes() argument 'encoding'")?;
        return super::bytes_methods::encode_str(it, s, &enc);
    }
    if encoding.is_some() {
        return Err(it.err("TypeError", "encoding without a string argument"));
    }
    match src {
        Value::Bytes(_) => Ok(src.clone()),
        Value::Int(n) => {
            if *n < 0 {
                return Err(it.err("ValueError", "negative count"));
            }
            Ok(Value::Bytes(Rc::from(vec![0u8; *n as usize])))
        }
        Value::Float(_) | Value::None | Value::Bool(_) | Value::Function(_) | Value::Class(_) => {
            if let Value::Bool(b) = src {
                return Ok(Value::Bytes(Rc::from(vec![0u8; *b as usize])));
            }
            Err(it.err("TypeError", format!("cannot convert '{}' object to bytes", src.type_name())))
        }
        _ => {
            let items = it.collect(src)?;
            let mut out = Vec::with_capacity(items.len());
            for v in items {
                let n = super::int_arg(it, &v)?;
                if !(0..256).contains(&n) {
                    return Err(it.err("ValueError", "bytes must be in range(0, 256)"));
                }
                out.push(n as u8);
            }
            Ok(Value::Bytes(Rc::from(out)))
        }
    }
}

pub fn slice_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "slice", kw)?;
    arg_range(it, "slice", args.len(), 1, 3)?;
    let s = match args {
        [stop] => SliceObj { start: Value::None, stop: stop.clone(), step: Value::None },
        [a, b] => SliceObj { start: a.clone(), stop: b.clone(), step: Value::None },
        [a, b, c] => SliceObj { start: a.clone(), stop: b.clone(), step: c.clone() },
        _ => unreachable!("arity checked"),
    };
    Ok(Value::Slice(Rc::new(s)))
}

/// `slice.indices(length)`.
fn slice_indices(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let Some(Value::Slice(s)) = args.first() else {
        return Err(it.err("TypeError", "descriptor 'indices' requires a 'slice' object"));
    };
    super::exactly_one(it, "slice.indices", args.len() - 1)?;
    let len = super::int_arg(it, &args[1])?;
    if len < 0 {
        return Err(it.err("ValueError", "length should not be negative"));
    }
    let (a, b, c, _) = ops::slice_indices(it, s, len)?;
    Ok(Value::tuple(vec![Value::Int(a), Value::Int(b), Value::Int(c)]))
}

pub static SLICE_METHODS: &[(&str, NativeFn)] = &[("__new__", slice_new), ("indices", slice_indices)];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_literals_like_cpython() {
        let ok = |s: &str, b: u32, n: i64| assert_eq!(parse_int(s, b), Some(BigInt::from(n)), "int({s:?}, {b})");
        ok("12", 10, 12);
        ok(" 12 ", 10, 12);
        ok("1_000", 10, 1000);
        ok("ff", 16, 255);
        ok("0xff", 16, 255);
        ok("0xff", 0, 255);
        ok("0b101", 0, 5);
        ok("0x_ff", 16, 255);
        ok("z", 36, 35);
        ok("+5", 10, 5);
        ok("-0", 10, 0);
        ok("000", 0, 0);
        for (s, b) in [
            ("010", 0),
            ("x", 10),
            ("", 10),
            ("3.5", 10),
            ("1__0", 10),
            ("_10", 10),
            ("- 5", 10),
            ("10_", 10),
            ("0x", 16),
        ] {
            assert_eq!(parse_int(s, b), None, "int({s:?}, {b}) must fail");
        }
    }

    #[test]
    fn float_literals_like_cpython() {
        assert_eq!(parse_float("1.5"), Some(1.5));
        assert_eq!(parse_float(" inf "), Some(f64::INFINITY));
        assert_eq!(parse_float("-Infinity"), Some(f64::NEG_INFINITY));
        assert!(parse_float("nan").is_some_and(f64::is_nan));
        assert_eq!(parse_float("1_0.5"), Some(10.5));
        assert_eq!(parse_float("1."), Some(1.0));
        assert_eq!(parse_float(".5"), Some(0.5));
        assert_eq!(parse_float("1e500"), Some(f64::INFINITY));
        for s in ["x", "", " ", "1__0", "_1", "1_", "1e", "0x10"] {
            assert_eq!(parse_float(s), None, "float({s:?}) must fail");
        }
    }
}
