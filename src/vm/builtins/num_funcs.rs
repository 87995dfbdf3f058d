//! Numeric builtin functions: `abs`, `bin`/`hex`/`oct`, `divmod`, `pow` (with modulus),
//! `round` (CPython's correctly rounded half-even), `hash`, `sum`, `min`/`max`.
//! Invariant: results equal CPython's bit for bit — float rounding goes through exact
//! decimal formatting, never through `x * 10**n`.

use super::{arg_range, check_kwargs, exactly_one, kwarg, no_kwargs, Kw};
use crate::lang::bytecode::BinOp;
use crate::vm::ops::{self, float_to_int, int_value, is_int, is_number, to_bigint};
use crate::vm::value::{Flow, Value};
use crate::vm::Interp;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Pow, Signed, ToPrimitive, Zero};

/// `args` with each instance of a builtin type's subclass whose class has no Python `name`
/// replaced by the value it holds (`round(Celsius(21.5))` rounds the float).
fn plain_args<'a>(it: &Interp, args: &'a [Value], name: &str) -> std::borrow::Cow<'a, [Value]> {
    if !args.iter().any(|a| a.base_value().is_some()) {
        return std::borrow::Cow::Borrowed(args);
    }
    std::borrow::Cow::Owned(
        args.iter()
            .map(|a| match a.base_value() {
                Some(b) if !matches!(it.class_of(a).lookup(name), Some(Value::Function(_))) => b.clone(),
                _ => a.clone(),
            })
            .collect(),
    )
}

/// Calls `name` on the object's class if defined (unbound lookup, CPython's special lookup).
fn call_special(it: &mut Interp, v: &Value, name: &str, extra: Vec<Value>) -> Result<Option<Value>, Flow> {
    if !matches!(v, Value::Instance(_) | Value::Native(_)) {
        return Ok(None);
    }
    match it.class_of(v).lookup(name) {
        Some(f) => {
            let mut a = vec![v.clone()];
            a.extend(extra);
            it.call(&f, a).map(Some)
        }
        None => Ok(None),
    }
}

pub fn abs(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let plain = plain_args(it, args, "__abs__");
    let args = &*plain;
    no_kwargs(it, "abs", kw)?;
    exactly_one(it, "abs", args.len())?;
    let v = &args[0];
    match v {
        Value::Float(f) => Ok(Value::Float(f.abs())),
        Value::Int(i) => Ok(match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => int_value(BigInt::from(*i).abs()),
        }),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::BigInt(b) => Ok(int_value(b.abs())),
        _ => match call_special(it, v, "__abs__", vec![])? {
            Some(r) => Ok(r),
            None => Err(it.err("TypeError", format!("bad operand type for abs(): '{}'", v.type_name()))),
        },
    }
}

/// An int argument for `bin`/`hex`/`oct`/`chr` (`__index__` honoured).
fn index_value(it: &mut Interp, v: &Value) -> Result<BigInt, Flow> {
    if let Some(n) = to_bigint(v) {
        return Ok(n);
    }
    if let Some(r) = call_special(it, v, "__index__", vec![])? {
        if let Some(n) = to_bigint(&r) {
            return Ok(n);
        }
        return Err(it.err("TypeError", format!("__index__ returned non-int (type {})", r.type_name())));
    }
    Err(it.err("TypeError", format!("'{}' object cannot be interpreted as an integer", v.type_name())))
}

fn radix_repr(it: &mut Interp, args: &[Value], kw: Kw, name: &str, radix: u32, prefix: &str) -> Result<Value, Flow> {
    no_kwargs(it, name, kw)?;
    exactly_one(it, name, args.len())?;
    let n = index_value(it, &args[0])?;
    let sign = if n.is_negative() { "-" } else { "" };
    Ok(Value::str(&format!("{sign}{prefix}{}", n.abs().to_str_radix(radix))))
}

pub fn bin(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    radix_repr(it, args, kw, "bin", 2, "0b")
}

pub fn oct(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    radix_repr(it, args, kw, "oct", 8, "0o")
}

pub fn hex(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    radix_repr(it, args, kw, "hex", 16, "0x")
}

pub fn divmod(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let plain = plain_args(it, args, "__divmod__");
    let args = &*plain;
    no_kwargs(it, "divmod", kw)?;
    arg_range(it, "divmod", args.len(), 2, 2)?;
    let (a, b) = (&args[0], &args[1]);
    if is_int(a) && is_int(b) {
        let q = ops::binary(it, BinOp::FloorDiv, a, b)?.unwrap_or(Value::None);
        let r = ops::binary(it, BinOp::Mod, a, b)?.unwrap_or(Value::None);
        return Ok(Value::tuple(vec![q, r]));
    }
    if is_number(a) && is_number(b) {
        let (x, y) = (ops::int_to_f64(it, a)?, ops::int_to_f64(it, b)?);
        if y == 0.0 {
            return Err(it.err("ZeroDivisionError", "float divmod()"));
        }
        let (q, r) = ops::float_divmod(x, y);
        return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
    }
    if let Some(r) = call_special(it, a, "__divmod__", vec![b.clone()])? {
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    }
    if let Some(r) = call_special(it, b, "__rdivmod__", vec![a.clone()])? {
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    }
    Err(it.err(
        "TypeError",
        format!("unsupported operand type(s) for divmod(): '{}' and '{}'", a.type_name(), b.type_name()),
    ))
}

/// Modular inverse of `a` modulo `m > 0`, if any.
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let a = a.mod_floor(m);
    let e = a.extended_gcd(m);
    if !e.gcd.is_one() {
        return None;
    }
    Some(e.x.mod_floor(m))
}

pub fn pow(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let plain = plain_args(it, args, "__pow__");
    let args = &*plain;
    check_kwargs(it, "pow", kw, &["base", "exp", "mod"])?;
    if args.len() > 3 {
        return Err(it.err("TypeError", format!("pow expected at most 3 arguments, got {}", args.len())));
    }
    let Some(base) = super::arg_or_kw(args, 0, kw, "base") else {
        return Err(it.err("TypeError", "pow() missing required argument 'base' (pos 1)"));
    };
    let Some(exp) = super::arg_or_kw(args, 1, kw, "exp") else {
        return Err(it.err("TypeError", "pow() missing required argument 'exp' (pos 2)"));
    };
    let modulus = super::arg_or_kw(args, 2, kw, "mod").filter(|m| !m.is_none());
    let Some(m) = modulus else {
        return ops::binary_full(it, BinOp::Pow, base, exp);
    };
    let (Some(b), Some(e), Some(m)) = (to_bigint(base), to_bigint(exp), to_bigint(m)) else {
        if let Some(r) = call_special(it, base, "__pow__", vec![exp.clone(), m.clone()])? {
            return Ok(r);
        }
        return Err(it.err("TypeError", "pow() 3rd argument not allowed unless all arguments are integers"));
    };
    if m.is_zero() {
        return Err(it.err("ValueError", "pow() 3rd argument cannot be 0"));
    }
    let abs_m = m.abs();
    let (b, e) = if e.is_negative() {
        match mod_inverse(&b, &abs_m) {
            Some(inv) => (inv, -e),
            None => return Err(it.err("ValueError", "base is not invertible for the given modulus")),
        }
    } else {
        (b, e)
    };
    let mut r = b.modpow(&e, &abs_m);
    if m.is_negative() && !r.is_zero() {
        r += &m;
    }
    Ok(int_value(r))
}

/// Rounds an int to a multiple of `10**k` (k > 0), half to even.
fn round_int(n: &BigInt, k: u32) -> BigInt {
    let p = Pow::pow(BigInt::from(10), k);
    let (q, r) = n.div_mod_floor(&p);
    let twice: BigInt = &r * 2;
    let up = match twice.cmp(&p) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => q.is_odd(),
        std::cmp::Ordering::Less => false,
    };
    (if up { q + 1 } else { q }) * p
}

/// CPython's `double_round`: `x` rounded to `ndigits` decimal places, correctly (half-even
/// on the exact binary value).
fn round_float(it: &Interp, x: f64, ndigits: i64) -> Result<f64, Flow> {
    let r = round_float_raw(x, ndigits);
    if r.is_infinite() && x.is_finite() {
        return Err(it.err("OverflowError", "rounded value too large to represent"));
    }
    Ok(r)
}

fn round_float_raw(x: f64, ndigits: i64) -> f64 {
    if !x.is_finite() || ndigits > 323 {
        return x;
    }
    if ndigits < -308 {
        return 0.0 * x;
    }
    if ndigits >= 0 {
        format!("{:.*}", ndigits as usize, x).parse::<f64>().unwrap_or(x)
    } else {
        let k = (-ndigits) as i32;
        // Digits kept: those at or above 10**k.
        let exp: i32 = format!("{:e}", x.abs()).split_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0);
        let sig = exp + 1 - k;
        if x == 0.0 {
            x
        } else if sig <= 0 {
            let half = 0.5 * 10f64.powi(k);
            if x.abs() > half {
                format!("1e{k}").parse::<f64>().unwrap_or(f64::INFINITY).copysign(x)
            } else {
                0.0f64.copysign(x)
            }
        } else {
            let s = format!("{:.*e}", (sig - 1) as usize, x);
            s.parse::<f64>().unwrap_or(x)
        }
    }
}

pub fn round(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let plain = plain_args(it, args, "__round__");
    let args = &*plain;
    check_kwargs(it, "round", kw, &["number", "ndigits"])?;
    arg_range(it, "round", args.len(), 1, 2)?;
    let Some(x) = super::arg_or_kw(args, 0, kw, "number") else {
        return Err(it.err("TypeError", "round() missing required argument 'number' (pos 1)"));
    };
    let nd = super::arg_or_kw(args, 1, kw, "ndigits").filter(|v| !v.is_none()).cloned();
    let ndigits = match &nd {
        Some(v) => Some(super::int_arg(it, v)?),
        None => None,
    };
    match x {
        Value::Float(f) => match ndigits {
            None => float_to_int(it, f.round_ties_even()),
            Some(n) => Ok(Value::Float(round_float(it, *f, n)?)),
        },
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let n = to_bigint(x).unwrap_or_default();
            match ndigits {
                Some(d) if d < 0 => {
                    let k = u32::try_from(-d).unwrap_or(u32::MAX);
                    if k > 4300 {
                        return Ok(Value::Int(0));
                    }
                    Ok(int_value(round_int(&n, k)))
                }
                _ => Ok(int_value(n)),
            }
        }
        _ => {
            let extra = nd.into_iter().collect();
            match call_special(it, x, "__round__", extra)? {
                Some(r) => Ok(r),
                None => Err(it.err("TypeError", format!("type {} doesn't define __round__ method", x.type_name()))),
            }
        }
    }
}

/// CPython's `hash()` for builtin values (ints and floats exactly; strings deterministically
/// but not with CPython's per-process random seed).
pub fn hash_value(it: &mut Interp, v: &Value) -> Result<i64, Flow> {
    Ok(match v {
        Value::Int(i) => ops::hash_int(&BigInt::from(*i)),
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => ops::hash_int(b),
        Value::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.2e18 {
                ops::hash_int(&BigInt::from(*f as i64))
            } else {
                ops::hash_float(*f)
            }
        }
        Value::Tuple(t) => {
            let mut hs = Vec::with_capacity(t.len());
            for x in t.iter() {
                hs.push(hash_value(it, x)?);
            }
            ops::hash_tuple(&hs)
        }
        Value::Str(s) => {
            if s.is_empty() {
                0
            } else {
                fnv(s.as_bytes())
            }
        }
        Value::Bytes(b) => {
            if b.is_empty() {
                0
            } else {
                fnv(b)
            }
        }
        Value::FrozenSet(s) => {
            let mut acc: u64 = 0;
            for k in s.iter() {
                acc = acc.wrapping_add(hash_value(it, &k.0)? as u64);
            }
            acc as i64
        }
        Value::Instance(_) => {
            let cls = it.class_of(v);
            match cls.lookup("__hash__") {
                Some(Value::None) => return Err(it.err("TypeError", format!("unhashable type: '{}'", v.type_name()))),
                Some(f) if !matches!(f, Value::Builtin(_)) => {
                    let r = it.call(&f, vec![v.clone()])?;
                    match to_bigint(&r) {
                        Some(n) => n.to_i64().unwrap_or_else(|| ops::hash_int(&n)),
                        None => return Err(it.err("TypeError", "__hash__ method should return an integer")),
                    }
                }
                _ => {
                    if let Some(b) = v.base_value() {
                        let b = b.clone();
                        return hash_value(it, &b);
                    }
                    it.key(v)?;
                    (ops::object_id(it, v) >> 4) as i64
                }
            }
        }
        _ => {
            it.key(v)?;
            (ops::object_id(it, v) >> 4) as i64
        }
    })
}

fn fnv(b: &[u8]) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for x in b {
        h ^= *x as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    let h = h as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    no_kwargs(it, "hash", kw)?;
    exactly_one(it, "hash", args.len())?;
    Ok(Value::Int(hash_value(it, &args[0])?))
}

pub fn sum(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    check_kwargs(it, "sum", kw, &["start"])?;
    if args.is_empty() {
        return Err(it.err("TypeError", "sum() takes at least 1 positional argument (0 given)"));
    }
    if args.len() > 2 {
        return Err(it.err("TypeError", format!("sum() takes at most 2 arguments ({} given)", args.len())));
    }
    let start = args.get(1).or_else(|| kwarg(kw, "start")).cloned().unwrap_or(Value::Int(0));
    match &start {
        Value::Str(_) => return Err(it.err("TypeError", "sum() can't sum strings [use ''.join(seq) instead]")),
        Value::Bytes(_) => return Err(it.err("TypeError", "sum() can't sum bytes [use b''.join(seq) instead]")),
        _ => {}
    }
    let mut acc = start;
    super::for_each(it, &args[0], |it, v| {
        acc = match (&acc, &v) {
            (Value::Int(a), Value::Int(b)) => match a.checked_add(*b) {
                Some(s) => Value::Int(s),
                None => ops::binary_full(it, BinOp::Add, &acc, &v)?,
            },
            (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
            _ => ops::binary_full(it, BinOp::Add, &acc, &v)?,
        };
        Ok(true)
    })?;
    Ok(acc)
}

fn min_max(it: &mut Interp, args: &[Value], kw: Kw, name: &str, want_max: bool) -> Result<Value, Flow> {
    check_kwargs(it, name, kw, &["key", "default"])?;
    if args.is_empty() {
        return Err(it.err("TypeError", format!("{name} expected at least 1 argument, got 0")));
    }
    let key = kwarg(kw, "key").filter(|k| !k.is_none()).cloned();
    let default = kwarg(kw, "default").cloned();
    if args.len() > 1 && default.is_some() {
        return Err(
            it.err("TypeError", format!("Cannot specify a default for {name}() with multiple positional arguments"))
        );
    }
    let source = if args.len() == 1 { args[0].clone() } else { Value::tuple(args.to_vec()) };
    let mut best: Option<(Value, Value)> = None;
    super::for_each(it, &source, |it, v| {
        let k = match &key {
            Some(f) => it.call(f, vec![v.clone()])?,
            None => v.clone(),
        };
        let replace = match &best {
            None => true,
            Some((bk, _)) => {
                if want_max {
                    it.lt(bk, &k)?
                } else {
                    it.lt(&k, bk)?
                }
            }
        };
        if replace {
            best = Some((k, v));
        }
        Ok(true)
    })?;
    match (best, default) {
        (Some((_, v)), _) => Ok(v),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(it.err("ValueError", format!("{name}() arg is an empty sequence"))),
    }
}

pub fn max(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    min_max(it, args, kw, "max", true)
}

pub fn min(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    min_max(it, args, kw, "min", false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_rounding_is_half_even() {
        let r = |n: i64, k: u32| round_int(&BigInt::from(n), k).to_i64().unwrap();
        assert_eq!(r(1234, 2), 1200);
        assert_eq!(r(1250, 2), 1200);
        assert_eq!(r(1350, 2), 1400);
        assert_eq!(r(-1250, 2), -1200);
        assert_eq!(r(-1251, 2), -1300);
    }

    #[test]
    fn float_rounding_like_cpython() {
        assert_eq!(round_float_raw(2.675, 2), 2.67);
        assert_eq!(round_float_raw(1234.5678, -2), 1200.0);
        assert_eq!(round_float_raw(1e300, -300), 1e300);
        assert_eq!(round_float_raw(0.5, 0), 0.0);
        assert_eq!(round_float_raw(2.5, 0), 2.0);
        assert_eq!(round_float_raw(5000.0, -4), 0.0);
        assert_eq!(round_float_raw(5001.0, -4), 10000.0);
        assert!(round_float_raw(-0.4, 0).is_sign_negative());
        assert_eq!(round_float_raw(0.125, 2), 0.12);
        assert_eq!(round_float_raw(0.375, 2), 0.38);
    }

    #[test]
    fn modular_inverse() {
        assert_eq!(mod_inverse(&BigInt::from(3), &BigInt::from(7)), Some(BigInt::from(5)));
        assert_eq!(mod_inverse(&BigInt::from(2), &BigInt::from(4)), None);
    }
}
