//! The natives under the data-format modules: `_concsim.hash_digest` (`hashlib`), `crc32`
//! (`binascii`), `float_pack`/`float_unpack` (`struct`'s e, f and d codes).
//! Invariant: pure functions of their arguments (a hash object written in Python keeps its
//! data and hashes it whole at each `digest()`), so nothing here holds state between calls.

use crate::vm::value::{NativeFn, Value};
use crate::vm::{Flow, Interp, Kwargs};
use std::rc::Rc;

pub const FUNCTIONS: &[(&str, NativeFn)] =
    &[("hash_digest", hash_digest), ("crc32", crc32), ("float_pack", float_pack), ("float_unpack", float_unpack)];

fn data_arg<'a>(it: &Interp, v: Option<&'a Value>) -> Result<&'a [u8], Flow> {
    match v {
        Some(Value::Bytes(b)) => Ok(b),
        Some(other) => {
            Err(it.err("TypeError", format!("a bytes-like object is required, not '{}'", other.type_name())))
        }
        None => Err(it.err("TypeError", "data is required")),
    }
}

/// `hash_digest(name, data)` → the digest of data under md5, sha1, sha224, sha256, sha384
/// or sha512 (`hashlib` checks the name first).
fn hash_digest(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    use sha2::Digest;
    let name = match args.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => return Err(it.err("TypeError", "hash name must be str")),
    };
    let data = data_arg(it, args.get(1))?;
    let out: Vec<u8> = match name.as_str() {
        "md5" => md5::Md5::digest(data).to_vec(),
        "sha1" => sha1::Sha1::digest(data).to_vec(),
        "sha224" => sha2::Sha224::digest(data).to_vec(),
        "sha256" => sha2::Sha256::digest(data).to_vec(),
        "sha384" => sha2::Sha384::digest(data).to_vec(),
        "sha512" => sha2::Sha512::digest(data).to_vec(),
        _ => return Err(it.err("ValueError", format!("unsupported hash type {name}"))),
    };
    Ok(Value::Bytes(Rc::from(&out[..])))
}

/// `crc32(data, value)`: zlib's CRC-32 of data continuing from value (0 to start).
fn crc32(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let data = data_arg(it, args.first())?;
    let start = match args.get(1) {
        Some(Value::Int(v)) => *v as u32,
        _ => 0,
    };
    let mut crc = !start;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    Ok(Value::Int(i64::from(!crc)))
}

/// `float_pack(x, size)`: x as an IEEE 754 binary16, binary32 or binary64 (size 2, 4, 8),
/// little-endian, rounded half to even like CPython's `PyFloat_Pack2/4/8`.
fn float_pack(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let x = match args.first() {
        Some(Value::Float(f)) => *f,
        _ => return Err(it.err("TypeError", "required argument is not a float")),
    };
    let out: Vec<u8> = match args.get(1) {
        Some(Value::Int(2)) => match f64_to_f16(x) {
            Some(h) => h.to_le_bytes().to_vec(),
            None => return Err(it.err("OverflowError", "float too large to pack with e format")),
        },
        Some(Value::Int(4)) => (x as f32).to_le_bytes().to_vec(),
        _ => x.to_le_bytes().to_vec(),
    };
    Ok(Value::Bytes(Rc::from(&out[..])))
}

fn f64_to_f16(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    let a = x.abs();
    if a.is_nan() {
        return Some(sign | 0x7e00);
    }
    if a.is_infinite() {
        return Some(sign | 0x7c00);
    }
    if a < 2f64.powi(-14) {
        // Subnormal: multiples of 2**-24; rounding up to 1024 gives the smallest normal.
        let r = (a * 2f64.powi(24)).round_ties_even();
        return Some(sign | r as u16);
    }
    let mut e = ((a.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let mut r = (a * 2f64.powi(10 - e)).round_ties_even() as u32;
    if r == 2048 {
        e += 1;
        r = 1024;
    }
    if e + 15 >= 31 {
        return None;
    }
    Some(sign | (((e + 15) as u16) << 10) | (r - 1024) as u16)
}

/// `float_unpack(b)`: the float of 2, 4 or 8 little-endian bytes.
fn float_unpack(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let b = data_arg(it, args.first())?;
    let x = match b.len() {
        2 => {
            let h = u16::from_le_bytes([b[0], b[1]]);
            let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
            let e = i32::from((h >> 10) & 0x1f);
            let m = f64::from(h & 0x3ff);
            sign * match e {
                0 => m * 2f64.powi(-24),
                31 if m == 0.0 => f64::INFINITY,
                31 => f64::NAN,
                _ => (1.0 + m / 1024.0) * 2f64.powi(e - 15),
            }
        }
        4 => f64::from(f32::from_le_bytes([b[0], b[1], b[2], b[3]])),
        8 => f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        _ => return Err(it.err("ValueError", "float_unpack expects 2, 4 or 8 bytes")),
    };
    Ok(Value::Float(x))
}
