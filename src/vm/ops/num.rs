//! Arithmetic on int (i64 with promotion to BigInt), bool (as int) and float, with CPython's
//! floor division, modulo signs, power rules, exact int/float comparison and numeric hash.
//! Invariant: every int result goes through `int_value`, so a value that fits in i64 is
//! always `Value::Int` and a `Value::BigInt` never fits in i64.

use crate::lang::bytecode::BinOp;
use crate::limits::MAX_INT_BITS;
use crate::vm::value::{Flow, Value};
use crate::vm::Interp;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Pow, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::rc::Rc;

/// The int a value is, for int, bool and big int.
pub fn to_bigint(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// int and bool as i64 (not big ints).
pub fn small_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

pub fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_))
}

/// Normalises a big int: `Value::Int` when it fits.
pub fn int_value(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::BigInt(Rc::new(b)),
    }
}

/// int → float, or CPython's OverflowError.
pub fn int_to_f64(it: &Interp, v: &Value) -> Result<f64, Flow> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::BigInt(b) => crate::vm::format::bigint_to_f64(it, b),
        Value::Float(f) => Ok(*f),
        _ => Err(it.err("TypeError", "must be real number")),
    }
}

/// `int(x)` for a float: truncation, with CPython's errors for inf and nan.
pub fn float_to_int(it: &Interp, x: f64) -> Result<Value, Flow> {
    if x.is_nan() {
        return Err(it.err("ValueError", "cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(it.err("OverflowError", "cannot convert float infinity to integer"));
    }
    let t = x.trunc();
    if t.abs() < 9.2e18 {
        return Ok(Value::Int(t as i64));
    }
    Ok(int_value(BigInt::from_f64(t).unwrap_or_default()))
}

fn overflow_34(it: &Interp) -> Flow {
    it.err_args("OverflowError", vec![Value::Int(34), Value::str("Numerical result out of range")])
}

/// Binary operation when both operands are int/bool/big int.
pub fn int_binop(it: &Interp, op: BinOp, a: &Value, b: &Value) -> Result<Option<Value>, Flow> {
    if let (Some(x), Some(y)) = (small_int(a), small_int(b)) {
        let both_bool = matches!((a, b), (Value::Bool(_), Value::Bool(_)));
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::TrueDiv => {
                if y == 0 {
                    return Err(it.err("ZeroDivisionError", "division by zero"));
                }
                if x.unsigned_abs() <= 1 << 53 && y.unsigned_abs() <= 1 << 53 {
                    return Ok(Some(Value::Float(x as f64 / y as f64)));
                }
                return big_truediv(it, &BigInt::from(x), &BigInt::from(y)).map(|f| Some(Value::Float(f)));
            }
            BinOp::FloorDiv => {
                if y == 0 {
                    return Err(it.err("ZeroDivisionError", "integer division or modulo by zero"));
                }
                if x == i64::MIN && y == -1 {
                    None
                } else {
                    Some(Integer::div_floor(&x, &y))
                }
            }
            BinOp::Mod => {
                if y == 0 {
                    return Err(it.err("ZeroDivisionError", "integer modulo by zero"));
                }
                if y == -1 {
                    Some(0)
                } else {
                    Some(x.mod_floor(&y))
                }
            }
            BinOp::Pow => {
                if y < 0 {
                    return float_pow(it, x as f64, y as f64).map(|f| Some(Value::Float(f)));
                }
                u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
            }
            BinOp::LShift => {
                if y < 0 {
                    return Err(it.err("ValueError", "negative shift count"));
                }
                if x == 0 {
                    Some(0)
                } else if y < 64 {
                    let r = (x as i128) << y;
                    i64::try_from(r).ok()
                } else {
                    None
                }
            }
            BinOp::RShift => {
                if y < 0 {
                    return Err(it.err("ValueError", "negative shift count"));
                }
                Some(if y >= 64 {
                    if x < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    x >> y
                })
            }
            BinOp::And | BinOp::Or | BinOp::Xor => {
                let r = match op {
                    BinOp::And => x & y,
                    BinOp::Or => x | y,
                    _ => x ^ y,
                };
                return Ok(Some(if both_bool { Value::Bool(r != 0) } else { Value::Int(r) }));
            }
            BinOp::MatMul => return Ok(None),
        };
        if let Some(r) = r {
            return Ok(Some(Value::Int(r)));
        }
    }
    let (Some(x), Some(y)) = (to_bigint(a), to_bigint(b)) else {
        return Ok(None);
    };
    big_binop(it, op, &x, &y)
}

fn big_binop(it: &Interp, op: BinOp, x: &BigInt, y: &BigInt) -> Result<Option<Value>, Flow> {
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv => {
            if y.is_zero() {
                return Err(it.err("ZeroDivisionError", "division by zero"));
            }
            return big_truediv(it, x, y).map(|f| Some(Value::Float(f)));
        }
        BinOp::FloorDiv => {
            if y.is_zero() {
                return Err(it.err("ZeroDivisionError", "integer division or modulo by zero"));
            }
            x.div_floor(y)
        }
        BinOp::Mod => {
            if y.is_zero() {
                return Err(it.err("ZeroDivisionError", "integer modulo by zero"));
            }
            x.mod_floor(y)
        }
        BinOp::Pow => {
            if y.is_negative() {
                let (fx, fy) = (crate::vm::format::bigint_to_f64(it, x)?, crate::vm::format::bigint_to_f64(it, y)?);
                return float_pow(it, fx, fy).map(|f| Some(Value::Float(f)));
            }
            if x.is_zero() || x.is_one() {
                return Ok(Some(int_value(x.clone())));
            }
            if *x == BigInt::from(-1) {
                return Ok(Some(Value::Int(if y.is_even() { 1 } else { -1 })));
            }
            let e = y.to_u64().filter(|e| e.saturating_mul(x.bits()) <= MAX_INT_BITS);
            let Some(e) = e else {
                return Err(it.err_args("MemoryError", vec![]));
            };
            Pow::pow(x, e)
        }
        BinOp::LShift | BinOp::RShift => {
            if y.is_negative() {
                return Err(it.err("ValueError", "negative shift count"));
            }
            let s = y.to_u64();
            if op == BinOp::RShift {
                match s {
                    Some(s) if s < x.bits() + 1 => x >> s,
                    _ => BigInt::from(if x.is_negative() { -1 } else { 0 }),
                }
            } else {
                if x.is_zero() {
                    return Ok(Some(Value::Int(0)));
                }
                match s.filter(|s| s + x.bits() <= MAX_INT_BITS) {
                    Some(s) => x << s,
                    None => return Err(it.err_args("MemoryError", vec![])),
                }
            }
        }
        BinOp::And => x & y,
        BinOp::Or => x | y,
        BinOp::Xor => x ^ y,
        BinOp::MatMul => return Ok(None),
    };
    Ok(Some(int_value(r)))
}

/// `x * 2**e` without intermediate overflow.
fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e as i32)
}

/// Correctly rounded `x / y` for ints too large for exact float conversion.
fn big_truediv(it: &Interp, x: &BigInt, y: &BigInt) -> Result<f64, Flow> {
    let negative = x.is_negative() != y.is_negative();
    let (a, b) = (x.abs(), y.abs());
    if a.is_zero() {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    let shift = b.bits() as i64 - a.bits() as i64 + 55;
    let (num, den) = if shift >= 0 { (a << shift as u64, b) } else { (a, b << (-shift) as u64) };
    let (q, r) = num.div_rem(&den);
    let qbits = q.bits() as i64;
    let drop = qbits - 53;
    let qu = q.to_u64().unwrap_or(u64::MAX);
    let mut mant = qu >> drop;
    let rem = qu & ((1u64 << drop) - 1);
    let half = 1u64 << (drop - 1);
    if rem > half || (rem == half && (!r.is_zero() || mant & 1 == 1)) {
        mant += 1;
    }
    let f = ldexp(mant as f64, drop - shift);
    if f.is_infinite() {
        return Err(it.err("OverflowError", "integer division result too large for a float"));
    }
    Ok(if negative { -f } else { f })
}

/// CPython's `float_divmod` (floor quotient and modulo with the divisor's sign).
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

/// CPython's `float_pow`.
pub fn float_pow(it: &Interp, x: f64, y: f64) -> Result<f64, Flow> {
    if y == 0.0 {
        return Ok(1.0);
    }
    if x.is_nan() {
        return Ok(x);
    }
    if y.is_nan() {
        return Ok(if x == 1.0 { 1.0 } else { y });
    }
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(it.err("ZeroDivisionError", "0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return Err(it.err(
            "ValueError",
            "negative number cannot be raised to a fractional power (complex results are not supported)",
        ));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(overflow_34(it));
    }
    Ok(r)
}

/// Binary operation on two floats (ints already converted).
pub fn float_binop(it: &Interp, op: BinOp, x: f64, y: f64) -> Result<Option<Value>, Flow> {
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv => {
            if y == 0.0 {
                return Err(it.err("ZeroDivisionError", "float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(it.err("ZeroDivisionError", "float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(it.err("ZeroDivisionError", "float modulo"));
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => float_pow(it, x, y)?,
        _ => return Ok(None),
    };
    Ok(Some(Value::Float(r)))
}

/// Exact comparison of two numbers (int, bool, big int, float); None when unordered (NaN)
/// or when either is not a number.
pub fn num_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        (Value::Float(x), _) => int_float_cmp(b, *x).map(Ordering::reverse),
        (_, Value::Float(y)) => int_float_cmp(a, *y),
        _ => {
            if let (Some(x), Some(y)) = (small_int(a), small_int(b)) {
                return Some(x.cmp(&y));
            }
            Some(to_bigint(a)?.cmp(&to_bigint(b)?))
        }
    }
}

/// Compares the int `n` with the float `f` exactly.
fn int_float_cmp(n: &Value, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        to_bigint(n)?;
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    if let Some(i) = small_int(n) {
        if i.unsigned_abs() <= 1 << 53 {
            return (i as f64).partial_cmp(&f);
        }
    }
    let n = to_bigint(n)?;
    let fl = f.floor();
    let fb = BigInt::from_f64(fl)?;
    match n.cmp(&fb) {
        Ordering::Equal if f > fl => Some(Ordering::Less),
        o => Some(o),
    }
}

pub fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_))
}

const HASH_MODULUS: u64 = (1 << 61) - 1;

/// CPython's hash of an int.
pub fn hash_int(n: &BigInt) -> i64 {
    let m = BigInt::from(HASH_MODULUS);
    let r = (n.abs() % &m).to_i64().unwrap_or(0);
    let h = if n.sign() == Sign::Minus { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython's hash of a float (`_Py_HashDouble`; NaN hashes to 0 here, CPython uses identity).
pub fn hash_float(v: f64) -> i64 {
    if v.is_infinite() {
        return if v > 0.0 { 314159 } else { -314159 };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(v.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 { e % 61 } else { 61 - 1 - ((-1 - e) % 61) };
    x = ((x << e) & HASH_MODULUS) | (x >> (61 - e));
    let mut h = x as i64;
    if v < 0.0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `frexp` for a positive finite float: `v = m * 2**e`, `0.5 <= m < 1`.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (0.0, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

/// CPython's tuple hash (xxHash-based, 3.8+).
pub fn hash_tuple(items: &[i64]) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for &h in items {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_cpython() {
        assert_eq!(hash_float(1.5), 1152921504606846977);
        assert_eq!(hash_float(-1.5), -1152921504606846977);
        assert_eq!(hash_float(0.1), 230584300921369408);
        assert_eq!(hash_float(f64::INFINITY), 314159);
        assert_eq!(hash_float(2.0), 2);
        assert_eq!(hash_int(&BigInt::from(-1)), -2);
        assert_eq!(hash_int(&(BigInt::from(1) << 64u32)), 8);
        assert_eq!(hash_int(&((BigInt::from(1) << 61u32) - 1)), 0);
        assert_eq!(hash_int(&BigInt::from(i64::MIN)), -4);
        assert_eq!(hash_tuple(&[1, 2]), -3550055125485641917);
        assert_eq!(hash_tuple(&[]), 5740354900026072187);
        assert_eq!(hash_tuple(&[1]), -6644214454873602895);
    }

    #[test]
    fn float_floor_semantics() {
        assert_eq!(float_divmod(-7.5, 2.0), (-4.0, 0.5));
        assert_eq!(float_divmod(7.5, -2.0), (-4.0, -0.5));
        let (_, m) = float_divmod(-0.0, 5.0);
        assert!(m == 0.0 && m.is_sign_positive());
    }

    #[test]
    fn exact_mixed_comparison() {
        let big = int_value(BigInt::from(1) << 64u32);
        assert_eq!(num_cmp(&big, &Value::Float(2f64.powi(64))), Some(Ordering::Equal));
        let n = Value::Int((1 << 53) + 1);
        assert_eq!(num_cmp(&n, &Value::Float(2f64.powi(53) + 2.0)), Some(Ordering::Less));
        assert_eq!(num_cmp(&n, &Value::Float(2f64.powi(53))), Some(Ordering::Greater));
        assert_eq!(num_cmp(&Value::Int(1), &Value::Float(f64::NAN)), None);
        assert_eq!(num_cmp(&Value::Bool(true), &Value::Float(1.0)), Some(Ordering::Equal));
    }
}
