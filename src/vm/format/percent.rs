//! printf-style formatting, `str % args` and `bytes % args`, as CPython 3.11's
//! `PyUnicode_Format` and `_PyBytes_FormatEx`. A bytes format is formatted as text whose
//! characters are its bytes (latin-1), so both share one parser. Invariant: arguments are consumed left to right exactly as CPython consumes them, so the
//! same format raises the same "not enough arguments" / "not all arguments converted" error.

use super::format_float_short;
use crate::vm::ops::{ascii_escape, to_bigint};
use crate::vm::value::{Flow, Value};
use crate::vm::Interp;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

struct Args<'a> {
    items: Vec<Value>,
    pos: usize,
    /// The mapping for `%(name)s`, when the right operand is one.
    mapping: Option<&'a Value>,
}

impl Args<'_> {
    fn next(&mut self, it: &Interp) -> Result<Value, Flow> {
        match self.items.get(self.pos) {
            Some(v) => {
                self.pos += 1;
                Ok(v.clone())
            }
            None => Err(it.err("TypeError", "not enough arguments for format string")),
        }
    }
}

fn is_mapping_like(it: &Interp, v: &Value) -> bool {
    match v {
        Value::Dict(_) | Value::List(_) => true,
        Value::Instance(_) => it.class_of(v).lookup("__getitem__").is_some(),
        _ => false,
    }
}

pub fn percent_format(it: &mut Interp, fmt: &str, args: &Value) -> Result<Value, Flow> {
    format_text(it, fmt, args, false).map(|s| Value::str(&s))
}

/// `bytes % args`: `%s` and `%b` take bytes (or `__bytes__`), `%c` an int below 256 or one
/// byte, `%r`/`%a` the ASCII repr; the rest as for str.
pub fn percent_format_bytes(it: &mut Interp, fmt: &[u8], args: &Value) -> Result<Value, Flow> {
    let text: String = fmt.iter().map(|&b| char::from(b)).collect();
    let out = format_text(it, &text, args, true)?;
    Ok(Value::Bytes(out.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>().into()))
}

/// The bytes `%s`/`%b` inserts, as latin-1 text.
fn bytes_arg(it: &mut Interp, v: &Value) -> Result<String, Flow> {
    let bytes = match v {
        Value::Bytes(b) => b.to_vec(),
        Value::Instance(_) if it.class_of(v).lookup("__bytes__").is_some() => {
            let f = it.get_attr(v, "__bytes__")?;
            match it.call(&f, vec![])? {
                Value::Bytes(b) => b.to_vec(),
                other => {
                    let msg = format!("__bytes__ returned non-bytes (type {})", other.type_name());
                    return Err(it.err("TypeError", msg));
                }
            }
        }
        _ => {
            let msg = format!(
                "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                v.type_name()
            );
            return Err(it.err("TypeError", msg));
        }
    };
    Ok(bytes.iter().map(|&b| char::from(b)).collect())
}

fn format_text(it: &mut Interp, fmt: &str, args: &Value, bytes: bool) -> Result<String, Flow> {
    let (items, tuple_args) = match args {
        Value::Tuple(t) => (t.to_vec(), true),
        other => (vec![other.clone()], false),
    };
    let plain = matches!(args, Value::Str(_)) || (bytes && matches!(args, Value::Bytes(_)));
    let mapping = if !tuple_args && !plain && is_mapping_like(it, args) { Some(args) } else { None };
    let mut a = Args { items, pos: 0, mapping };
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if i >= chars.len() {
            return Err(it.err("ValueError", "incomplete format"));
        }
        if chars[i] == '%' {
            out.push('%');
            i += 1;
            continue;
        }
        // %(key)
        if chars[i] == '(' {
            let Some(map) = a.mapping else {
                return Err(it.err("TypeError", "format requires a mapping"));
            };
            let mut depth = 1;
            let kstart = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(it.err("ValueError", "incomplete format key"));
            }
            let key: String = chars[kstart..i - 1].iter().collect();
            // CPython replaces the argument list by the looked-up value.
            let key = if bytes {
                Value::Bytes(key.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>().into())
            } else {
                Value::str(&key)
            };
            a.items = vec![lookup(it, map, key)?];
            a.pos = 0;
        }
        let (mut left, mut sign, mut space, mut alt, mut zero) = (false, false, false, false, false);
        while i < chars.len() {
            match chars[i] {
                '-' => left = true,
                '+' => sign = true,
                ' ' => space = true,
                '#' => alt = true,
                '0' => zero = true,
                _ => break,
            }
            i += 1;
        }
        let mut width: usize = 0;
        if i < chars.len() && chars[i] == '*' {
            let w = star_arg(it, &mut a)?;
            if w < 0 {
                left = true;
            }
            width = w.unsigned_abs() as usize;
            i += 1;
        } else {
            while i < chars.len() && chars[i].is_ascii_digit() {
                width = width.saturating_mul(10).saturating_add(chars[i] as usize - '0' as usize);
                i += 1;
            }
        }
        let mut prec: Option<usize> = None;
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            if i < chars.len() && chars[i] == '*' {
                let p = star_arg(it, &mut a)?;
                prec = Some(p.max(0) as usize);
                i += 1;
            } else {
                let mut p = 0usize;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    p = p.saturating_mul(10).saturating_add(chars[i] as usize - '0' as usize);
                    i += 1;
                }
                prec = Some(p);
            }
        }
        while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        if i >= chars.len() {
            return Err(it.err("ValueError", "incomplete format"));
        }
        let conv = chars[i];
        i += 1;
        if conv == '%' {
            // `%5%`: CPython consumes an argument, then rejects the conversion.
            a.next(it)?;
        }
        let v = if conv == '%' { Value::None } else { a.next(it)? };
        let f = Flags { left, sign, space, alt, zero, width, prec };
        let piece = match conv {
            's' | 'b' if bytes => {
                let s = bytes_arg(it, &v)?;
                let s: String = match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                pad_text(&s, &f)
            }
            'r' | 'a' if bytes => {
                let s = ascii_escape(&it.repr(&v)?);
                let s: String = match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                pad_text(&s, &f)
            }
            'c' if bytes => {
                let byte = match &v {
                    Value::Bytes(b) if b.len() == 1 => b[0],
                    Value::Int(n) if (0..256).contains(n) => *n as u8,
                    Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
                        return Err(it.err("OverflowError", "%c arg not in range(256)"))
                    }
                    _ => return Err(it.err("TypeError", "%c requires an integer in range(256) or a single byte")),
                };
                pad_text(&char::from(byte).to_string(), &Flags { prec: None, ..f })
            }
            's' | 'r' | 'a' => {
                let s: String = match conv {
                    's' => it.str_of(&v)?.to_string(),
                    'r' => it.repr(&v)?.to_string(),
                    _ => ascii_escape(&it.repr(&v)?),
                };
                let s: String = match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                pad_text(&s, &f)
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let n = int_arg(it, &v, conv)?;
                format_int(&n, conv, &f)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = float_arg(it, &v)?;
                format_float(x, conv, &f)
            }
            'c' => {
                let ch = match &v {
                    Value::Str(s) if s.chars().count() == 1 => s.chars().next().unwrap_or(' '),
                    Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                        let n = to_bigint(&v).unwrap_or_default();
                        match n.to_u32().and_then(char::from_u32) {
                            Some(c) => c,
                            None => return Err(it.err("OverflowError", "%c arg not in range(0x110000)")),
                        }
                    }
                    _ => return Err(it.err("TypeError", "%c requires int or char")),
                };
                pad_text(&ch.to_string(), &Flags { prec: None, ..f })
            }
            other => {
                return Err(it.err(
                    "ValueError",
                    format!("unsupported format character '{}' (0x{:x}) at index {}", other, other as u32, i - 1),
                ))
            }
        };
        out.push_str(&piece);
    }
    if a.pos < a.items.len() && a.mapping.is_none() {
        let what = if bytes { "bytes" } else { "string" };
        return Err(it.err("TypeError", format!("not all arguments converted during {what} formatting")));
    }
    Ok(out)
}

struct Flags {
    left: bool,
    sign: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    prec: Option<usize>,
}

fn lookup(it: &mut Interp, map: &Value, k: Value) -> Result<Value, Flow> {
    match crate::vm::ops::getitem(it, map, &k)? {
        Some(v) => Ok(v),
        None => {
            let f = it.get_attr(map, "__getitem__")?;
            it.call(&f, vec![k])
        }
    }
}

fn star_arg(it: &Interp, a: &mut Args) -> Result<i64, Flow> {
    match a.next(it)? {
        Value::Int(n) => Ok(n),
        Value::Bool(b) => Ok(b as i64),
        _ => Err(it.err("TypeError", "* wants int")),
    }
}

fn int_arg(it: &mut Interp, v: &Value, conv: char) -> Result<BigInt, Flow> {
    if let Some(n) = to_bigint(v) {
        return Ok(n);
    }
    let decimal = matches!(conv, 'd' | 'i' | 'u');
    match v {
        Value::Float(x) if decimal => crate::vm::ops::float_to_int(it, *x).map(|v| to_bigint(&v).unwrap_or_default()),
        Value::Instance(_) => {
            let cls = it.class_of(v);
            let name = if cls.lookup("__index__").is_some() {
                "__index__"
            } else if decimal && cls.lookup("__int__").is_some() {
                "__int__"
            } else {
                return Err(int_type_error(it, v, conv));
            };
            let f = it.get_attr(v, name)?;
            let r = it.call(&f, vec![])?;
            to_bigint(&r).ok_or_else(|| int_type_error(it, v, conv))
        }
        _ => Err(int_type_error(it, v, conv)),
    }
}

fn int_type_error(it: &Interp, v: &Value, conv: char) -> Flow {
    let what = if matches!(conv, 'd' | 'i' | 'u') { "a real number" } else { "an integer" };
    it.err("TypeError", format!("%{conv} format: {what} is required, not {}", v.type_name()))
}

fn float_arg(it: &mut Interp, v: &Value) -> Result<f64, Flow> {
    match v {
        Value::Float(x) => Ok(*x),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            super::bigint_to_f64(it, &to_bigint(v).unwrap_or_default())
        }
        Value::Instance(_) if it.class_of(v).lookup("__float__").is_some() => {
            let f = it.get_attr(v, "__float__")?;
            match it.call(&f, vec![])? {
                Value::Float(x) => Ok(x),
                other => Err(it.err("TypeError", format!("__float__ returned non-float (type {})", other.type_name()))),
            }
        }
        _ => Err(it.err("TypeError", format!("must be real number, not {}", v.type_name()))),
    }
}

fn pad_text(s: &str, f: &Flags) -> String {
    let n = s.chars().count();
    if n >= f.width {
        return s.to_string();
    }
    let fill: String = " ".repeat(f.width - n);
    if f.left {
        format!("{s}{fill}")
    } else {
        format!("{fill}{s}")
    }
}

/// Sign, prefix and digits padded as CPython: zeros go between prefix and digits.
fn pad_number(negative: bool, prefix: &str, digits: &str, f: &Flags, zero_ok: bool) -> String {
    let sign = if negative {
        "-"
    } else if f.sign {
        "+"
    } else if f.space {
        " "
    } else {
        ""
    };
    let len = sign.len() + prefix.len() + digits.chars().count();
    if len >= f.width {
        return format!("{sign}{prefix}{digits}");
    }
    let fill = f.width - len;
    if f.left {
        format!("{sign}{prefix}{digits}{}", " ".repeat(fill))
    } else if f.zero && zero_ok {
        format!("{sign}{prefix}{}{digits}", "0".repeat(fill))
    } else {
        format!("{}{sign}{prefix}{digits}", " ".repeat(fill))
    }
}

fn format_int(n: &BigInt, conv: char, f: &Flags) -> String {
    let (radix, prefix) = match conv {
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        'o' => (8, "0o"),
        _ => (10, ""),
    };
    let mut digits = n.abs().to_str_radix(radix);
    if conv == 'X' {
        digits = digits.to_uppercase();
    }
    if let Some(p) = f.prec {
        if digits.len() < p {
            digits = format!("{}{digits}", "0".repeat(p - digits.len()));
        }
    }
    let prefix = if f.alt { prefix } else { "" };
    pad_number(n.is_negative(), prefix, &digits, f, true)
}

fn format_float(x: f64, conv: char, f: &Flags) -> String {
    let prec = f.prec.unwrap_or(6);
    let code = conv.to_ascii_lowercase();
    let mut body = format_float_short(x, code, prec, false, f.alt);
    if conv.is_ascii_uppercase() {
        body = body.to_uppercase();
    }
    let negative = body.starts_with('-');
    if negative {
        body.remove(0);
    }
    pad_number(negative, "", &body, f, true)
}

#[cfg(test)]
#[allow(clippy::approx_constant)]
mod tests {
    use super::*;

    fn flags(width: usize, prec: Option<usize>) -> Flags {
        Flags { left: false, sign: false, space: false, alt: false, zero: false, width, prec }
    }

    #[test]
    fn numbers_like_cpython() {
        assert_eq!(format_float(3.14159, 'f', &flags(5, Some(2))), " 3.14");
        assert_eq!(format_float(-3.14159, 'f', &Flags { zero: true, ..flags(8, Some(3)) }), "-003.142");
        assert_eq!(format_float(3.14, 'f', &Flags { zero: true, space: true, ..flags(5, Some(1)) }), " 03.1");
        assert_eq!(format_float(f64::INFINITY, 'f', &Flags { zero: true, ..flags(5, None) }), "00inf");
        assert_eq!(format_float(1e-10, 'G', &flags(0, None)), "1E-10");
        assert_eq!(format_float(1.0, 'g', &Flags { alt: true, ..flags(0, Some(3)) }), "1.00");
        assert_eq!(format_float(1234.5, 'e', &Flags { sign: true, ..flags(0, Some(2)) }), "+1.23e+03");
        let n = BigInt::from(255);
        assert_eq!(format_int(&n, 'x', &Flags { alt: true, zero: true, ..flags(5, None) }), "0x0ff");
        assert_eq!(format_int(&n, 'x', &Flags { alt: true, ..flags(0, Some(5)) }), "0x000ff");
        assert_eq!(format_int(&BigInt::from(-8), 'o', &Flags { alt: true, ..flags(0, None) }), "-0o10");
        assert_eq!(format_int(&BigInt::from(-42), 'd', &Flags { zero: true, ..flags(5, None) }), "-0042");
        assert_eq!(format_int(&BigInt::from(3), 'd', &Flags { zero: true, left: true, ..flags(5, None) }), "3    ");
    }
}
