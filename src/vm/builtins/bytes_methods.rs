//! `bytes` methods and the codecs behind `str.encode` / `bytes.decode` (utf-8, ascii,
//! latin-1 with the `strict`, `replace` and `ignore` error handlers). Invariant: codec
//! errors carry CPython's messages; unknown codecs raise `LookupError: unknown encoding`.
//! The search methods (`find`, `rfind`, `index`, `rindex`, `count`, `startswith`, `endswith`)
//! take `str`'s optional `start, end` bounds, clamped by the same `span` as `str`'s.

use super::{arg_range, exactly_one, no_args, str_arg, Kw};
use crate::vm::value::{Flow, NativeFn, Value};
use crate::vm::Interp;
use std::rc::Rc;

fn codec_name(enc: &str) -> Option<&'static str> {
    match enc.to_ascii_lowercase().replace('_', "-").as_str() {
        "utf-8" | "utf8" | "u8" => Some("utf-8"),
        "ascii" | "us-ascii" => Some("ascii"),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => Some("latin-1"),
        _ => None,
    }
}

fn unicode_error(it: &Interp, class: &str, msg: String) -> Flow {
    let class = if it.types.exceptions.contains_key(class) { class } else { "UnicodeError" };
    it.err(class, msg)
}

pub fn decode_bytes(it: &mut Interp, b: &[u8], enc: &str, errors: &str) -> Result<Value, Flow> {
    let Some(codec) = codec_name(enc) else {
        return Err(it.err("LookupError", format!("unknown encoding: {enc}")));
    };
    let mut out = String::with_capacity(b.len());
    match codec {
        "latin-1" => out.extend(b.iter().map(|&c| c as char)),
        "ascii" => {
            for (i, &c) in b.iter().enumerate() {
                if c < 0x80 {
                    out.push(c as char);
                } else {
                    match errors {
                        "replace" => out.push('\u{fffd}'),
                        "ignore" => {}
                        _ => {
                            return Err(unicode_error(
                                it,
                                "UnicodeDecodeError",
                                format!(
                                "'ascii' codec can't decode byte 0x{c:02x} in position {i}: ordinal not in range(128)"
                            ),
                            ))
                        }
                    }
                }
            }
        }
        _ => {
            let mut rest = b;
            let mut pos = 0;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or(""));
                        let bad = e.error_len().unwrap_or(rest.len() - good);
                        match errors {
                            "replace" => out.push('\u{fffd}'),
                            "ignore" => {}
                            _ => {
                                let byte = rest[good];
                                let reason = if e.error_len().is_none() {
                                    "unexpected end of data"
                                } else if (0x80..0xc2).contains(&byte) || byte > 0xf4 {
                                    "invalid start byte"
                                } else {
                                    "invalid continuation byte"
                                };
                                let at = pos + good;
                                let msg = if e.error_len().is_none() && bad > 1 {
                                    format!(
                                        "'utf-8' codec can't decode bytes in position {at}-{}: {reason}",
                                        at + bad - 1
                                    )
                                } else {
                                    format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {at}: {reason}")
                                };
                                return Err(unicode_error(it, "UnicodeDecodeError", msg));
                            }
                        }
                        pos += good + bad;
                        rest = &rest[good + bad..];
                    }
                }
            }
        }
    }
    Ok(Value::str(&out))
}

pub fn encode_str(it: &mut Interp, s: &str, enc: &str) -> Result<Value, Flow> {
    encode_with(it, s, enc, "strict")
}

fn encode_with(it: &mut Interp, s: &str, enc: &str, errors: &str) -> Result<Value, Flow> {
    let Some(codec) = codec_name(enc) else {
        return Err(it.err("LookupError", format!("unknown encoding: {enc}")));
    };
    let limit = match codec {
        "utf-8" => return Ok(Value::Bytes(Rc::from(s.as_bytes()))),
        "ascii" => 0x80,
        _ => 0x100,
    };
    let mut out = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        let n = c as u32;
        if n < limit {
            out.push(n as u8);
            continue;
        }
        match errors {
            "replace" => out.push(b'?'),
            "ignore" => {}
            _ => {
                let shown = crate::vm::ops::ascii_escape(&c.to_string());
                return Err(unicode_error(
                    it,
                    "UnicodeEncodeError",
                    format!("'{codec}' codec can't encode character '{shown}' in position {i}: ordinal not in range({limit})"),
                ));
            }
        }
    }
    Ok(Value::Bytes(Rc::from(out)))
}

/// `str.encode(encoding='utf-8', errors='strict')`.
pub fn str_encode(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let Some(Value::Str(s)) = args.first() else {
        return Err(it.err("TypeError", "descriptor 'encode' requires a 'str' object"));
    };
    super::check_kwargs(it, "encode", kw, &["encoding", "errors"])?;
    arg_range(it, "encode", args.len() - 1, 0, 2)?;
    let enc = match super::arg_or_kw(&args[1..], 0, kw, "encoding") {
        Some(v) => str_arg(it, v, "encode() argument 'encoding'")?,
        None => Rc::from("utf-8"),
    };
    let errors = match super::arg_or_kw(&args[1..], 1, kw, "errors") {
        Some(v) => str_arg(it, v, "encode() argument 'errors'")?,
        None => Rc::from("strict"),
    };
    let s = s.clone();
    encode_with(it, &s, &enc, &errors)
}

fn this(it: &Interp, args: &[Value], method: &str) -> Result<Rc<[u8]>, Flow> {
    match args.first().map(Value::unwrap_base) {
        Some(Value::Bytes(b)) => Ok(b.clone()),
        other => Err(it.err(
            "TypeError",
            format!(
                "descriptor '{method}' for 'bytes' objects doesn't apply to a '{}' object",
                other.map(|v| v.type_name()).unwrap_or_else(|| Rc::from("nothing"))
            ),
        )),
    }
}

fn bytes_arg(it: &Interp, v: &Value) -> Result<Rc<[u8]>, Flow> {
    match v.unwrap_base() {
        Value::Bytes(b) => Ok(b.clone()),
        other => Err(it.err("TypeError", format!("a bytes-like object is required, not '{}'", other.type_name()))),
    }
}

fn bytes_value(v: Vec<u8>) -> Value {
    Value::Bytes(Rc::from(v))
}

fn decode(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let b = this(it, args, "decode")?;
    super::check_kwargs(it, "decode", kw, &["encoding", "errors"])?;
    arg_range(it, "decode", args.len() - 1, 0, 2)?;
    let enc = match super::arg_or_kw(&args[1..], 0, kw, "encoding") {
        Some(v) => str_arg(it, v, "decode() argument 'encoding'")?,
        None => Rc::from("utf-8"),
    };
    let errors = match super::arg_or_kw(&args[1..], 1, kw, "errors") {
        Some(v) => str_arg(it, v, "decode() argument 'errors'")?,
        None => Rc::from("strict"),
    };
    decode_bytes(it, &b, &enc, &errors)
}

fn hex(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let b = this(it, args, "hex")?;
    let s: String = b.iter().map(|c| format!("{c:02x}")).collect();
    Ok(Value::str(&s))
}

fn fromhex(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let args = if args.len() == 2 { &args[1..] } else { args };
    exactly_one(it, "fromhex", args.len())?;
    let s = str_arg(it, &args[0], "fromhex() argument")?;
    let mut out = Vec::new();
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        if cs[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = cs[i].to_digit(16);
        let lo = cs.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => {
                let pos = if hi.is_none() { i } else { i + 1 };
                return Err(
                    it.err("ValueError", format!("non-hexadecimal number found in fromhex() arg at position {pos}"))
                );
            }
        }
        i += 2;
    }
    Ok(bytes_value(out))
}

fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The `sub` of `find`/`count`/`index`: bytes, or an int naming a single byte.
fn sub_arg(it: &Interp, v: &Value) -> Result<Vec<u8>, Flow> {
    let n = match v {
        Value::Bytes(b) => return Ok(b.to_vec()),
        Value::Int(n) => *n,
        Value::Bool(b) => *b as i64,
        other => {
            return Err(it.err(
                "TypeError",
                format!("argument should be integer or bytes-like object, not '{}'", other.type_name()),
            ))
        }
    };
    if (0..256).contains(&n) {
        Ok(vec![n as u8])
    } else {
        Err(it.err("ValueError", "byte must be in range(0, 256)"))
    }
}

/// `find`/`rfind`/`index`/`rindex` core, `(sub[, start[, end]])` as in `str`: the index of
/// `sub` within the span, or None.
fn find_impl(it: &mut Interp, args: &[Value], name: &str, rev: bool) -> Result<Option<usize>, Flow> {
    let b = this(it, args, name)?;
    super::str_methods::find_args(it, name, args)?;
    let sub = sub_arg(it, &args[1])?;
    let Some((lo, hi)) = super::str_methods::span(it, b.len(), args.get(2), args.get(3))? else {
        return Ok(None);
    };
    let hay = &b[lo..hi];
    let found = if rev { rfind_sub(hay, &sub) } else { find_sub(hay, &sub) };
    Ok(found.map(|p| lo + p))
}

fn find(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    Ok(Value::Int(find_impl(it, args, "find", false)?.map(|p| p as i64).unwrap_or(-1)))
}

fn rfind(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    Ok(Value::Int(find_impl(it, args, "rfind", true)?.map(|p| p as i64).unwrap_or(-1)))
}

fn index_impl(it: &mut Interp, args: &[Value], name: &str, rev: bool) -> Result<Value, Flow> {
    match find_impl(it, args, name, rev)? {
        Some(p) => Ok(Value::Int(p as i64)),
        None => Err(it.err("ValueError", "subsection not found")),
    }
}

fn index(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    index_impl(it, args, "index", false)
}

fn rindex(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    index_impl(it, args, "rindex", true)
}

fn count(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let b = this(it, args, "count")?;
    super::str_methods::find_args(it, "count", args)?;
    let sub = sub_arg(it, &args[1])?;
    let Some((lo, hi)) = super::str_methods::span(it, b.len(), args.get(2), args.get(3))? else {
        return Ok(Value::Int(0));
    };
    if sub.is_empty() {
        return Ok(Value::Int((hi - lo + 1) as i64));
    }
    let (mut n, mut i) = (0, lo);
    while let Some(p) = find_sub(&b[i..hi], &sub) {
        n += 1;
        i += p + sub.len();
    }
    Ok(Value::Int(n))
}

/// `startswith`/`endswith(prefix[, start[, end]])`; `prefix` may be a tuple, whose items are
/// tried in order (a match stops before a later item's type is checked, as in CPython).
fn affix(it: &mut Interp, args: &[Value], start: bool) -> Result<Value, Flow> {
    let name = if start { "startswith" } else { "endswith" };
    let b = this(it, args, name)?;
    super::str_methods::find_args(it, name, args)?;
    let Some((lo, hi)) = super::str_methods::span(it, b.len(), args.get(2), args.get(3))? else {
        return Ok(Value::Bool(false));
    };
    let hay = &b[lo..hi];
    let cands: Vec<Value> = match &args[1] {
        Value::Tuple(t) => t.to_vec(),
        Value::Bytes(_) => vec![args[1].clone()],
        other => {
            return Err(it.err(
                "TypeError",
                format!("{name} first arg must be bytes or a tuple of bytes, not {}", other.type_name()),
            ))
        }
    };
    for c in cands {
        let p = bytes_arg(it, &c)?;
        if (start && hay.starts_with(&p)) || (!start && hay.ends_with(&p)) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn startswith(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    affix(it, args, true)
}

fn endswith(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    affix(it, args, false)
}

fn upper(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let b = this(it, args, "upper")?;
    no_args(it, "bytes.upper", args.len() - 1)?;
    Ok(bytes_value(b.to_ascii_uppercase()))
}

fn lower(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let b = this(it, args, "lower")?;
    no_args(it, "bytes.lower", args.len() - 1)?;
    Ok(bytes_value(b.to_ascii_lowercase()))
}

/// `strip`/`lstrip`/`rstrip([chars])`: `chars` None or absent means ASCII whitespace.
fn strip_impl(it: &mut Interp, args: &[Value], name: &str, left: bool, right: bool) -> Result<Value, Flow> {
    let b = this(it, args, name)?;
    arg_range(it, name, args.len() - 1, 0, 1)?;
    let chars: Vec<u8> = match args.get(1) {
        None | Some(Value::None) => b" \t\n\r\x0b\x0c".to_vec(),
        Some(v) => bytes_arg(it, v)?.to_vec(),
    };
    let start = if left { b.iter().position(|c| !chars.contains(c)).unwrap_or(b.len()) } else { 0 };
    let end = if right { b.iter().rposition(|c| !chars.contains(c)).map(|p| p + 1).unwrap_or(0) } else { b.len() };
    Ok(bytes_value(b[start..end.max(start)].to_vec()))
}

fn strip(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    strip_impl(it, args, "strip", true, true)
}

fn lstrip(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    strip_impl(it, args, "lstrip", true, false)
}

fn rstrip(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    strip_impl(it, args, "rstrip", false, true)
}

fn split(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let b = this(it, args, "split")?;
    arg_range(it, "split", args.len() - 1, 0, 1)?;
    let parts: Vec<Value> = match args.get(1) {
        None | Some(Value::None) => b
            .split(|c| b" \t\n\r\x0b\x0c".contains(c))
            .filter(|p| !p.is_empty())
            .map(|p| bytes_value(p.to_vec()))
            .collect(),
        Some(v) => {
            let sep = bytes_arg(it, v)?;
            if sep.is_empty() {
                return Err(it.err("ValueError", "empty separator"));
            }
            let mut out = Vec::new();
            let mut rest: &[u8] = &b;
            while let Some(p) = find_sub(rest, &sep) {
                out.push(bytes_value(rest[..p].to_vec()));
                rest = &rest[p + sep.len()..];
            }
            out.push(bytes_value(rest.to_vec()));
            out
        }
    };
    Ok(Value::list(parts))
}

fn join(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let b = this(it, args, "join")?;
    exactly_one(it, "join", args.len() - 1)?;
    let items = it.collect(&args[1])?;
    let mut out = Vec::new();
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&b);
        }
        match v {
            Value::Bytes(x) => out.extend_from_slice(x),
            other => {
                return Err(it.err(
                    "TypeError",
                    format!("sequence item {i}: expected a bytes-like object, {} found", other.type_name()),
                ))
            }
        }
    }
    Ok(bytes_value(out))
}

fn replace(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let b = this(it, args, "replace")?;
    arg_range(it, "replace", args.len() - 1, 2, 3)?;
    let old = bytes_arg(it, &args[1])?;
    let new = bytes_arg(it, &args[2])?;
    let mut limit = match args.get(3) {
        Some(v) => super::int_arg(it, v)?,
        None => -1,
    };
    let mut out = Vec::new();
    let mut rest: &[u8] = &b;
    if old.is_empty() {
        return Ok(bytes_value(b.to_vec()));
    }
    while limit != 0 {
        let Some(p) = find_sub(rest, &old) else { break };
        out.extend_from_slice(&rest[..p]);
        out.extend_from_slice(&new);
        rest = &rest[p + old.len()..];
        limit -= 1;
    }
    out.extend_from_slice(rest);
    Ok(bytes_value(out))
}

pub static BYTES_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", super::ctors::bytes_new),
    ("decode", decode),
    ("hex", hex),
    ("fromhex", fromhex),
    ("count", count),
    ("find", find),
    ("rfind", rfind),
    ("index", index),
    ("rindex", rindex),
    ("startswith", startswith),
    ("endswith", endswith),
    ("upper", upper),
    ("lower", lower),
    ("strip", strip),
    ("lstrip", lstrip),
    ("rstrip", rstrip),
    ("split", split),
    ("join", join),
    ("replace", replace),
];
