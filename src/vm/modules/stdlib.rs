//! Natives behind the pure-Python standard library: `_collections` (the one-step list
//! operations `collections.deque` is built on) and `math`.
//! Invariant: each `_collections` function changes its list in one native call, so a deque
//! operation is one instruction of the simulated machine and atomic under every policy, as
//! CPython's C deque is under the GIL; `math` answers as CPython's libm-backed module does
//! (same results, same `ValueError: math domain error` / `OverflowError` messages).

use super::{arg, float_arg};
use crate::vm::value::{NativeFn, Value};
use crate::vm::{Flow, Interp, Kwargs};

pub const COLLECTIONS: &[(&str, NativeFn)] = &[("bounded_push", bounded_push), ("rotate", rotate)];

fn list_arg(it: &Interp, args: &[Value]) -> Result<crate::vm::value::Ref<Vec<Value>>, Flow> {
    match args.first() {
        Some(Value::List(l)) => Ok(l.clone()),
        _ => Err(it.err("TypeError", "_collections: a list is required")),
    }
}

/// `bounded_push(items, x, maxlen, left)`: append `x` (at the left end if `left`) and drop
/// items from the other end beyond `maxlen` (None: unbounded).
fn bounded_push(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let l = list_arg(it, args)?;
    let x = args.get(1).cloned().unwrap_or(Value::None);
    let maxlen = match args.get(2) {
        Some(Value::Int(n)) => Some((*n).max(0) as usize),
        _ => None,
    };
    let left = matches!(args.get(3), Some(Value::Bool(true)));
    let mut v = l.borrow_mut();
    if maxlen == Some(0) {
        return Ok(Value::None);
    }
    if left {
        v.insert(0, x);
        if let Some(m) = maxlen {
            v.truncate(m);
        }
    } else {
        v.push(x);
        if let Some(m) = maxlen {
            if v.len() > m {
                let extra = v.len() - m;
                v.drain(..extra);
            }
        }
    }
    Ok(Value::None)
}

/// `rotate(items, n)`: rotate right by `n` steps (left when negative).
fn rotate(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let l = list_arg(it, args)?;
    let n = match args.get(1) {
        Some(Value::Int(n)) => *n,
        _ => 1,
    };
    let mut v = l.borrow_mut();
    let len = v.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        v.rotate_right(k);
    }
    Ok(Value::None)
}

pub const MATH: &[(&str, NativeFn)] = &[
    ("sqrt", sqrt),
    ("exp", exp),
    ("log", log),
    ("log2", log2),
    ("log10", log10),
    ("sin", sin),
    ("cos", cos),
    ("tan", tan),
    ("asin", asin),
    ("acos", acos),
    ("atan", atan),
    ("atan2", atan2),
    ("sinh", sinh),
    ("cosh", cosh),
    ("tanh", tanh),
    ("fabs", fabs),
    ("pow", pow),
    ("hypot", hypot),
    ("degrees", degrees),
    ("radians", radians),
    ("isnan", isnan),
    ("isinf", isinf),
    ("isfinite", isfinite),
    ("copysign", copysign),
    ("fmod", fmod),
];

pub fn init_math(m: &crate::vm::value::Module) {
    m.set("pi", Value::Float(std::f64::consts::PI));
    m.set("e", Value::Float(std::f64::consts::E));
    m.set("tau", Value::Float(std::f64::consts::TAU));
    m.set("inf", Value::Float(f64::INFINITY));
    m.set("nan", Value::Float(f64::NAN));
}

fn x_of(it: &mut Interp, args: &[Value], kw: &Kwargs, i: usize, name: &str, func: &str) -> Result<f64, Flow> {
    match arg(args, kw, i, name) {
        Some(Value::BigInt(b)) => {
            use num_traits::ToPrimitive;
            b.to_f64()
                .filter(|f| f.is_finite())
                .ok_or_else(|| it.err("OverflowError", "int too large to convert to float"))
        }
        // An object with __float__ (a Fraction) converts through it, as in CPython.
        Some(v @ Value::Instance(_)) if it.lookup_special(v, "__float__").is_some() => {
            let method = it.lookup_special(v, "__float__").expect("checked above");
            match it.call(&method, vec![v.clone()])? {
                Value::Float(x) => Ok(x),
                other => Err(it.err(
                    "TypeError",
                    format!("{}.__float__ returned non-float (type {})", v.type_name(), other.type_name()),
                )),
            }
        }
        Some(v) => float_arg(it, v, func)
            .map_err(|_| it.err("TypeError", format!("must be real number, not {}", v.type_name()))),
        None => Err(it.err("TypeError", format!("{func}() takes exactly one argument (0 given)"))),
    }
}

/// A libm result as CPython returns it: NaN from a non-NaN argument is a domain error,
/// infinity from a finite one an overflow.
fn checked(it: &Interp, x: f64, r: f64) -> Result<Value, Flow> {
    if r.is_nan() && !x.is_nan() {
        return Err(it.err("ValueError", "math domain error"));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(it.err("OverflowError", "math range error"));
    }
    Ok(Value::Float(r))
}

macro_rules! unary {
    ($name:ident, $f:expr) => {
        fn $name(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
            let x = x_of(it, args, kw, 0, "x", stringify!($name))?;
            let f: fn(f64) -> f64 = $f;
            checked(it, x, f(x))
        }
    };
}

unary!(exp, f64::exp);
unary!(sin, f64::sin);
unary!(cos, f64::cos);
unary!(tan, f64::tan);
unary!(asin, f64::asin);
unary!(acos, f64::acos);
unary!(atan, f64::atan);
unary!(sinh, f64::sinh);
unary!(cosh, f64::cosh);
unary!(tanh, f64::tanh);
unary!(fabs, f64::abs);
unary!(degrees, f64::to_degrees);
unary!(radians, f64::to_radians);

fn sqrt(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let x = x_of(it, args, kw, 0, "x", "sqrt")?;
    if x < 0.0 {
        return Err(it.err("ValueError", "math domain error"));
    }
    Ok(Value::Float(x.sqrt()))
}

fn log_domain(it: &Interp, x: f64) -> Result<(), Flow> {
    if x <= 0.0 {
        return Err(it.err("ValueError", "math domain error"));
    }
    Ok(())
}

fn log(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let x = x_of(it, args, kw, 0, "x", "log")?;
    log_domain(it, x)?;
    match args.get(1) {
        Some(b) => {
            let b = float_arg(it, b, "log")?;
            log_domain(it, b)?;
            let d = b.ln();
            if d == 0.0 {
                return Err(it.err("ZeroDivisionError", "float division by zero"));
            }
            Ok(Value::Float(x.ln() / d))
        }
        None => Ok(Value::Float(x.ln())),
    }
}

fn log2(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let x = x_of(it, args, kw, 0, "x", "log2")?;
    log_domain(it, x)?;
    Ok(Value::Float(x.log2()))
}

fn log10(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let x = x_of(it, args, kw, 0, "x", "log10")?;
    log_domain(it, x)?;
    Ok(Value::Float(x.log10()))
}

fn atan2(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let y = x_of(it, args, kw, 0, "y", "atan2")?;
    let x = x_of(it, args, kw, 1, "x", "atan2")?;
    Ok(Value::Float(y.atan2(x)))
}

fn pow(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let x = x_of(it, args, kw, 0, "x", "pow")?;
    let y = x_of(it, args, kw, 1, "y", "pow")?;
    if x == 0.0 && y < 0.0 {
        return Err(it.err("ValueError", "math domain error"));
    }
    let r = x.powf(y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(it.err("ValueError", "math domain error"));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(it.err("OverflowError", "math range error"));
    }
    Ok(Value::Float(r))
}

fn hypot(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let mut acc = 0.0f64;
    for i in 0..args.len() {
        let v = x_of(it, args, kw, i, "x", "hypot")?;
        acc = acc.hypot(v);
    }
    Ok(Value::Float(acc))
}

fn isnan(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Bool(x_of(it, args, kw, 0, "x", "isnan")?.is_nan()))
}

fn isinf(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Bool(x_of(it, args, kw, 0, "x", "isinf")?.is_infinite()))
}

fn isfinite(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Bool(x_of(it, args, kw, 0, "x", "isfinite")?.is_finite()))
}

fn copysign(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let x = x_of(it, args, kw, 0, "x", "copysign")?;
    let y = x_of(it, args, kw, 1, "y", "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

fn fmod(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let x = x_of(it, args, kw, 0, "x", "fmod")?;
    let y = x_of(it, args, kw, 1, "y", "fmod")?;
    if y == 0.0 && !x.is_nan() {
        return Err(it.err("ValueError", "math domain error"));
    }
    Ok(Value::Float(x % y))
}
