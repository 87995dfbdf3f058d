//! Methods of `int`, `bool` and `float` (`bit_length`, `to_bytes`, `is_integer`,
//! `as_integer_ratio`, `hex`...), plus their constructors from `ctors`. Invariant: int
//! results are normalised (`int_value`), so a method never returns a BigInt that fits i64.

use super::{arg_or_kw, check_kwargs, ctors, kwarg, no_args, Kw};
use crate::vm::ops::{int_value, to_bigint};
use crate::vm::value::{Flow, NativeFn, Value};
use crate::vm::Interp;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, Zero};
use std::rc::Rc;

fn this_int(it: &Interp, args: &[Value], method: &str) -> Result<BigInt, Flow> {
    args.first().map(Value::unwrap_base).and_then(to_bigint).ok_or_else(|| {
        it.err(
            "TypeError",
            format!("descriptor '{method}' for 'int' objects doesn't apply to a '{}' object", type_of(args)),
        )
    })
}

fn type_of(args: &[Value]) -> Rc<str> {
    args.first().map(|v| v.type_name()).unwrap_or_else(|| Rc::from("nothing"))
}

fn bit_length(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let n = this_int(it, args, "bit_length")?;
    no_args(it, "int.bit_length", args.len() - 1)?;
    Ok(Value::Int(n.bits() as i64))
}

fn bit_count(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let n = this_int(it, args, "bit_count")?;
    no_args(it, "int.bit_count", args.len() - 1)?;
    let (_, digits) = n.to_u64_digits();
    Ok(Value::Int(digits.iter().map(|d| d.count_ones() as i64).sum()))
}

fn conjugate(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    match args.first() {
        Some(Value::Bool(b)) => Ok(Value::Int(*b as i64)),
        Some(v @ (Value::Int(_) | Value::BigInt(_) | Value::Float(_))) => Ok(v.clone()),
        _ => Err(it.err("TypeError", "descriptor 'conjugate' requires a number")),
    }
}

fn int_ratio(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let n = this_int(it, args, "as_integer_ratio")?;
    Ok(Value::tuple(vec![int_value(n), Value::Int(1)]))
}

fn byteorder(it: &mut Interp, v: Option<&Value>) -> Result<bool, Flow> {
    match v {
        None => Ok(true),
        Some(Value::Str(s)) if &**s == "big" => Ok(true),
        Some(Value::Str(s)) if &**s == "little" => Ok(false),
        Some(Value::Str(_)) => Err(it.err("ValueError", "byteorder must be either 'little' or 'big'")),
        Some(other) => {
            Err(it.err("TypeError", format!("to_bytes() argument 'byteorder' must be str, not {}", other.type_name())))
        }
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn to_bytes(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let n = this_int(it, args, "to_bytes")?;
    check_kwargs(it, "to_bytes", kw, &["length", "byteorder", "signed"])?;
    let rest = &args[1..];
    let length = match arg_or_kw(rest, 0, kw, "length") {
        Some(v) => super::int_arg(it, v)?,
        None => 1,
    };
    if length < 0 {
        return Err(it.err("ValueError", "length argument must be non-negative"));
    }
    let big = byteorder(it, arg_or_kw(rest, 1, kw, "byteorder"))?;
    let signed = match kwarg(kw, "signed") {
        Some(v) => it.truthy(v)?,
        None => false,
    };
    if n.is_negative() && !signed {
        return Err(it.err("OverflowError", "can't convert negative int to unsigned"));
    }
    let mut bytes = if signed { n.to_signed_bytes_le() } else { n.to_bytes_le().1 };
    if n.is_zero() {
        bytes.clear();
    }
    if bytes.len() > length as usize {
        return Err(it.err("OverflowError", "int too big to convert"));
    }
    let fill = if n.is_negative() { 0xff } else { 0 };
    bytes.resize(length as usize, fill);
    if big {
        bytes.reverse();
    }
    Ok(Value::Bytes(Rc::from(bytes)))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`, called on the class.
fn from_bytes(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    check_kwargs(it, "from_bytes", kw, &["bytes", "byteorder", "signed"])?;
    // Called on an instance, the instance comes first: drop it.
    let args = if args.len() >= 2 && matches!(args[0], Value::Int(_) | Value::BigInt(_)) { &args[1..] } else { args };
    let Some(src) = arg_or_kw(args, 0, kw, "bytes") else {
        return Err(it.err("TypeError", "from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let data: Vec<u8> = match src {
        Value::Bytes(b) => b.to_vec(),
        other => {
            let mut out = Vec::new();
            for v in it.collect(other)? {
                let n = super::int_arg(it, &v)?;
                if !(0..256).contains(&n) {
                    return Err(it.err("ValueError", "bytes must be in range(0, 256)"));
                }
                out.push(n as u8);
            }
            out
        }
    };
    let big = byteorder(it, arg_or_kw(args, 1, kw, "byteorder"))?;
    let signed = match kwarg(kw, "signed") {
        Some(v) => it.truthy(v)?,
        None => false,
    };
    let n = match (big, signed) {
        (true, false) => BigInt::from_bytes_be(Sign::Plus, &data),
        (false, false) => BigInt::from_bytes_le(Sign::Plus, &data),
        (true, true) => BigInt::from_signed_bytes_be(&data),
        (false, true) => BigInt::from_signed_bytes_le(&data),
    };
    Ok(int_value(n))
}

fn int_index(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    Ok(int_value(this_int(it, args, "__index__")?))
}

pub static INT_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", ctors::int_new),
    ("bit_length", bit_length),
    ("bit_count", bit_count),
    ("conjugate", conjugate),
    ("as_integer_ratio", int_ratio),
    ("to_bytes", to_bytes),
    ("from_bytes", from_bytes),
    ("__index__", int_index),
    ("__int__", int_index),
];

pub static BOOL_METHODS: &[(&str, NativeFn)] = &[("__new__", ctors::bool_new)];

fn this_float(it: &Interp, args: &[Value], method: &str) -> Result<f64, Flow> {
    match args.first().map(Value::unwrap_base) {
        Some(Value::Float(f)) => Ok(*f),
        _ => Err(it.err(
            "TypeError",
            format!("descriptor '{method}' for 'float' objects doesn't apply to a '{}' object", type_of(args)),
        )),
    }
}

fn is_integer(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let f = this_float(it, args, "is_integer")?;
    no_args(it, "float.is_integer", args.len() - 1)?;
    Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
}

fn float_ratio(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let f = this_float(it, args, "as_integer_ratio")?;
    no_args(it, "float.as_integer_ratio", args.len() - 1)?;
    if f.is_infinite() {
        return Err(it.err("OverflowError", "cannot convert Infinity to integer ratio"));
    }
    if f.is_nan() {
        return Err(it.err("ValueError", "cannot convert NaN to integer ratio"));
    }
    if f == 0.0 {
        return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mut mant = (bits & ((1 << 52) - 1)) as i64;
    let mut e = if exp == 0 { -1074 } else { exp - 1075 };
    if exp != 0 {
        mant |= 1 << 52;
    }
    while mant & 1 == 0 {
        mant >>= 1;
        e += 1;
    }
    let mut num = BigInt::from(mant);
    let mut den = BigInt::one();
    if e > 0 {
        num <<= e as u64;
    } else {
        den <<= (-e) as u64;
    }
    let g = num.gcd(&den);
    num /= &g;
    den /= &g;
    if f < 0.0 {
        num = -num;
    }
    Ok(Value::tuple(vec![int_value(num), int_value(den)]))
}

/// `float.hex()`: `0x1.8000000000000p+0`.
fn float_hex(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let f = this_float(it, args, "hex")?;
    no_args(it, "float.hex", args.len() - 1)?;
    if f.is_nan() {
        return Ok(Value::str("nan"));
    }
    if f.is_infinite() {
        return Ok(Value::str(if f > 0.0 { "inf" } else { "-inf" }));
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return Ok(Value::str(&format!("{sign}0x0.0p+0")));
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1 << 52) - 1);
    let (lead, e) = if exp == 0 { (0, -1022) } else { (1, exp - 1023) };
    let es = if e >= 0 { format!("+{e}") } else { e.to_string() };
    Ok(Value::str(&format!("{sign}0x{lead}.{mant:013x}p{es}")))
}

pub static FLOAT_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", ctors::float_new),
    ("is_integer", is_integer),
    ("as_integer_ratio", float_ratio),
    ("hex", float_hex),
    ("conjugate", conjugate),
];
