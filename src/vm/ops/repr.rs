//! `repr()` and `str()` of builtin values, CPython 3.11's text: quote choice and escapes of
//! strings and bytes, container brackets, `[...]` for recursive containers, `<function f at
//! 0x...>` shapes. Also `id()`: the deterministic fake addresses shown in those shapes.
//!
//! Invariant: output never depends on real memory addresses: an object's "address" is the
//! VM's `fake_address` (a per-process serial in order of first display), so a run prints the
//! same text natively and in wasm.

use crate::vm::builtins::dict::view_of;
use crate::vm::dict::Dict;
use crate::vm::format::float_repr;
use crate::vm::value::{Flow, Value};
use crate::vm::Interp;
use std::cell::RefCell;
use std::fmt::Write;

thread_local! {
    /// Identity pointers of the containers being repr'd right now (recursion guard).
    static REPR_STACK: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// CPython's `id(v)`: the number shown as the object's address in reprs (the VM's
/// `fake_address`: a per-process serial in order of first display, never a real address).
/// Immediates are values here, so equal ones share an id, as `is` says they are the same.
pub fn object_id(it: &mut Interp, v: &Value) -> u64 {
    const BASE: u64 = 0x7f00_0000_0000;
    match v {
        Value::None => BASE - 0x1000,
        Value::NotImplemented => BASE - 0x2000,
        Value::Ellipsis => BASE - 0x3000,
        Value::Bool(b) => BASE - 0x4000 + 0x20 * (*b as u64),
        Value::Int(i) => 0x5500_0000_0000u64.wrapping_add((*i as u64).wrapping_mul(0x20)) & (u64::MAX >> 1),
        Value::Float(f) => (0x6600_0000_0000u64 ^ f.to_bits().rotate_left(5)) & (u64::MAX >> 1),
        _ => {
            let a = it.fake_address(v);
            u64::from_str_radix(a.trim_start_matches("0x"), 16).unwrap_or(0)
        }
    }
}

/// The `0x...` text of an object's address in reprs (see `object_id`).
pub fn address(it: &mut Interp, v: &Value) -> String {
    match v {
        Value::None | Value::NotImplemented | Value::Ellipsis | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {
            format!("0x{:x}", object_id(it, v))
        }
        _ => it.fake_address(v),
    }
}

/// Pops the recursion guard on drop.
struct Guard(usize);

impl Drop for Guard {
    fn drop(&mut self) {
        REPR_STACK.with(|s| {
            let mut s = s.borrow_mut();
            if let Some(pos) = s.iter().rposition(|p| *p == self.0) {
                s.remove(pos);
            }
        });
    }
}

/// Enters a container's repr; None if it is already being printed (a cycle).
fn enter(v: &Value) -> Option<Guard> {
    let p = v.identity_ptr();
    REPR_STACK.with(|s| {
        let mut s = s.borrow_mut();
        if s.contains(&p) {
            None
        } else {
            s.push(p);
            Some(Guard(p))
        }
    })
}

pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => escape_char(&mut out, c),
        }
    }
    out.push(quote);
    out
}

fn escape_char(out: &mut String, c: char) {
    let n = c as u32;
    let _ = if n < 0x100 {
        write!(out, "\\x{n:02x}")
    } else if n < 0x10000 {
        write!(out, "\\u{n:04x}")
    } else {
        write!(out, "\\U{n:08x}")
    };
}

/// An approximation of `Py_UNICODE_ISPRINTABLE` without Unicode tables: controls, the
/// separators and format characters programs meet, private use and noncharacters are not.
pub fn is_printable(c: char) -> bool {
    let n = c as u32;
    if n < 0x7f {
        return n >= 0x20;
    }
    if n < 0xa1 || n == 0xad {
        return false;
    }
    !matches!(n,
        0x1680 | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064 | 0x2066..=0x206f |
        0x3000 | 0xd800..=0xf8ff | 0xfeff | 0xfff0..=0xfffb | 0xfffe | 0xffff |
        0xe0000..=0xe0fff | 0xf0000..=0x10ffff)
}

/// `ascii()`: a repr with every non-ASCII character escaped.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            escape_char(&mut out, c);
        }
    }
    out
}

pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}

fn join_reprs(it: &mut Interp, items: &[Value], out: &mut String) -> Result<(), Flow> {
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&it.repr(v)?);
    }
    Ok(())
}

fn dict_repr(it: &mut Interp, d: &Dict, out: &mut String) -> Result<(), Flow> {
    let items: Vec<(Value, Value)> = d.iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
    out.push('{');
    for (i, (k, v)) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&it.repr(k)?);
        out.push_str(": ");
        out.push_str(&it.repr(v)?);
    }
    out.push('}');
    Ok(())
}

/// `<class 'int'>` / `<class '__main__.C'>`.
pub fn class_repr(c: &crate::vm::value::Class) -> String {
    // Native types carry their module in their name already ('_thread.lock', as CPython's
    // tp_name), for error messages.
    if &*c.module == "builtins" || c.qualname.starts_with(&format!("{}.", c.module)) {
        format!("<class '{}'>", c.qualname)
    } else {
        format!("<class '{}.{}'>", c.module, c.qualname)
    }
}

/// The repr of a builtin value; None for instances and native objects (their class's
/// `__repr__` decides, `object.__repr__` by default).
pub fn repr_builtin(it: &mut Interp, v: &Value) -> Result<Option<String>, Flow> {
    let s = match v {
        Value::None => "None".to_string(),
        Value::NotImplemented => "NotImplemented".to_string(),
        Value::Ellipsis => "Ellipsis".to_string(),
        Value::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(f) => float_repr(*f),
        Value::Str(s) => str_repr(s),
        Value::Bytes(b) => bytes_repr(b),
        Value::List(l) => {
            let Some(_g) = enter(v) else {
                return Ok(Some("[...]".into()));
            };
            let items = l.borrow().clone();
            let mut out = String::from("[");
            join_reprs(it, &items, &mut out)?;
            out.push(']');
            out
        }
        Value::Tuple(t) => {
            let Some(_g) = enter(v) else {
                return Ok(Some("(...)".into()));
            };
            let mut out = String::from("(");
            join_reprs(it, t, &mut out)?;
            if t.len() == 1 {
                out.push(',');
            }
            out.push(')');
            out
        }
        Value::Dict(d) => {
            let Some(_g) = enter(v) else {
                return Ok(Some("{...}".into()));
            };
            let d = d.borrow().clone();
            let mut out = String::new();
            dict_repr(it, &d, &mut out)?;
            out
        }
        Value::Set(s) => {
            let Some(_g) = enter(v) else {
                return Ok(Some("set(...)".into()));
            };
            let items: Vec<Value> = s.borrow().iter().map(|k| k.0.clone()).collect();
            if items.is_empty() {
                return Ok(Some("set()".into()));
            }
            let mut out = String::from("{");
            join_reprs(it, &items, &mut out)?;
            out.push('}');
            out
        }
        Value::FrozenSet(s) => {
            let items: Vec<Value> = s.iter().map(|k| k.0.clone()).collect();
            if items.is_empty() {
                return Ok(Some("frozenset()".into()));
            }
            let mut out = String::from("frozenset({");
            join_reprs(it, &items, &mut out)?;
            out.push_str("})");
            out
        }
        Value::Range(r) => {
            if r.step == 1 {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            }
        }
        Value::Slice(s) => {
            let (a, b, c) = (it.repr(&s.start)?, it.repr(&s.stop)?, it.repr(&s.step)?);
            format!("slice({a}, {b}, {c})")
        }
        Value::Function(f) => format!("<function {} at {}>", f.qualname.borrow(), address(it, v)),
        Value::Builtin(b) => match &b.bound {
            Some(recv) => {
                format!("<built-in method {} of {} object at {}>", b.name, recv.type_name(), address(it, recv))
            }
            None => format!("<built-in function {}>", b.name),
        },
        Value::BoundMethod(m) => match &m.func {
            Value::Builtin(b) => {
                format!(
                    "<built-in method {} of {} object at {}>",
                    b.name,
                    m.receiver.type_name(),
                    address(it, &m.receiver)
                )
            }
            Value::Function(f) => {
                let q = f.qualname.borrow().clone();
                format!("<bound method {} of {}>", q, it.repr(&m.receiver)?)
            }
            other => format!(
                "<bound method ? of {}>",
                it.repr(&m.receiver).map(|r| r.to_string()).unwrap_or_else(|_| other.type_name().to_string())
            ),
        },
        Value::Class(c) => class_repr(c),
        Value::Module(m) => match m.get("__file__") {
            _ if crate::vm::modules::frozen_in_cpython(&m.name) => format!("<module '{}' (frozen)>", m.name),
            Some(Value::Str(f)) => format!("<module '{}' from '{}'>", m.name, f),
            _ => format!("<module '{}' (built-in)>", m.name),
        },
        Value::Iter(_) => format!("<{} object at {}>", v.type_name(), address(it, v)),
        Value::Code(c) => {
            format!("<code object {} at {}, file \"{}\", line {}>", c.name, address(it, v), c.filename, c.first_line)
        }
        Value::Cell(_) => format!("<cell at {}>", address(it, v)),
        Value::Native(_) if crate::vm::generator::qualname(v).is_some() => {
            let name = crate::vm::generator::qualname(v).unwrap_or_else(|| "?".into());
            let kind = if crate::vm::generator::is_coroutine(v) {
                "coroutine"
            } else if crate::vm::async_gen::is_async_generator(v) {
                "async_generator"
            } else {
                "generator"
            };
            format!("<{kind} object {name} at {}>", address(it, v))
        }
        Value::Native(n) => {
            let Some((d, what)) = view_of(v) else {
                return Ok(None);
            };
            let Some(_g) = enter(v) else {
                return Ok(Some("...".into()));
            };
            let d = d.borrow().clone();
            let items: Vec<Value> = match what {
                0 => d.keys().cloned().collect(),
                1 => d.iter().map(|(_, v)| v.clone()).collect(),
                _ => d.iter().map(|(k, v)| Value::tuple(vec![k.0.clone(), v.clone()])).collect(),
            };
            let mut out = format!("{}([", n.class.name);
            join_reprs(it, &items, &mut out)?;
            out.push_str("])");
            out
        }
        Value::Instance(_) => return Ok(None),
    };
    Ok(Some(s))
}

/// `str()` of a builtin value: the string itself for str, else its repr; None for
/// instances and natives.
pub fn str_builtin(it: &mut Interp, v: &Value) -> Result<Option<String>, Flow> {
    match v {
        Value::Str(s) => Ok(Some(s.to_string())),
        _ => repr_builtin(it, v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_quotes_and_escapes() {
        assert_eq!(str_repr("abc"), "'abc'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(str_repr("tab\there\n"), "'tab\\there\\n'");
        assert_eq!(str_repr("\x00\x7f\u{a0}é"), "'\\x00\\x7f\\xa0é'");
        assert_eq!(str_repr("back\\slash"), "'back\\\\slash'");
        assert_eq!(str_repr("\u{2028}"), "'\\u2028'");
        assert_eq!(ascii_escape("'é😀'"), "'\\xe9\\U0001f600'");
        assert_eq!(bytes_repr(b"a'\x00\xff"), "b\"a'\\x00\\xff\"");
        assert_eq!(bytes_repr(b""), "b''");
    }
}
