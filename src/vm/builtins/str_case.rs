//! `str` methods about character classes and case (`upper`, `title`, `isdigit`...) and
//! padding (`center`, `ljust`, `rjust`, `zfill`); the table is in `str_methods`.
//! Invariant: ASCII text behaves exactly as CPython; other text uses Rust's Unicode
//! properties (plus the titlecase digraphs), which agree with CPython's on letters and digits.

use super::ctors::py_isspace;
use super::str_methods::{s, this};
use super::{arg_range, exactly_one, no_args, Kw};
use crate::vm::ops;
use crate::vm::value::{Flow, Value};
use crate::vm::Interp;
use std::rc::Rc;

pub(super) fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || to_title(c).is_some()
}

/// The titlecase form of the Latin digraphs (Ǆ ǅ ǆ → ǅ ...), the letters whose titlecase
/// differs from their uppercase; None for every other character.
pub(super) fn to_title(c: char) -> Option<char> {
    let n = c as u32;
    let mid = match n {
        0x1c4..=0x1c6 => 0x1c5,
        0x1c7..=0x1c9 => 0x1c8,
        0x1ca..=0x1cc => 0x1cb,
        0x1f1..=0x1f3 => 0x1f2,
        _ => return None,
    };
    char::from_u32(mid)
}

pub(super) fn push_title(out: &mut String, c: char) {
    match to_title(c) {
        Some(t) => out.push(t),
        None => out.extend(c.to_uppercase()),
    }
}

pub(super) fn simple(it: &mut Interp, args: &[Value], name: &str, f: impl Fn(&str) -> String) -> Result<Value, Flow> {
    let st = this(it, args, name)?;
    no_args(it, &format!("str.{name}"), args.len() - 1)?;
    Ok(s(f(&st)))
}

pub(super) fn upper(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    simple(it, args, "upper", |x| x.to_uppercase())
}

pub(super) fn lower(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    simple(it, args, "lower", |x| x.to_lowercase())
}

pub(super) fn casefold(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    simple(it, args, "casefold", |x| x.to_lowercase().replace('ß', "ss"))
}

pub(super) fn title(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    simple(it, args, "title", |x| {
        let mut out = String::with_capacity(x.len());
        let mut prev_cased = false;
        for c in x.chars() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                push_title(&mut out, c);
            }
            prev_cased = is_cased(c);
        }
        out
    })
}

pub(super) fn capitalize(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    simple(it, args, "capitalize", |x| {
        let mut cs = x.chars();
        let mut out = String::with_capacity(x.len());
        if let Some(first) = cs.next() {
            push_title(&mut out, first);
            out.extend(cs.flat_map(char::to_lowercase));
        }
        out
    })
}

pub(super) fn swapcase(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    simple(it, args, "swapcase", |x| {
        let mut out = String::with_capacity(x.len());
        for c in x.chars() {
            if c.is_uppercase() {
                out.extend(c.to_lowercase());
            } else if c.is_lowercase() {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
        }
        out
    })
}

pub(super) fn predicate(it: &mut Interp, args: &[Value], name: &str, f: impl Fn(&str) -> bool) -> Result<Value, Flow> {
    let st = this(it, args, name)?;
    no_args(it, &format!("str.{name}"), args.len() - 1)?;
    Ok(Value::Bool(f(&st)))
}

pub(super) fn is_digit_char(c: char) -> bool {
    c.is_ascii_digit()
        || (!c.is_ascii() && c.is_numeric() && !matches!(c as u32, 0xbc..=0xbe | 0x2150..=0x215f | 0x2160..=0x2188))
}

pub(super) fn is_alpha_char(c: char) -> bool {
    c.is_alphabetic() && !c.is_numeric()
}

pub(super) fn all_nonempty(x: &str, f: impl Fn(char) -> bool) -> bool {
    !x.is_empty() && x.chars().all(f)
}

pub(super) fn isdigit(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    predicate(it, args, "isdigit", |x| all_nonempty(x, is_digit_char))
}

pub(super) fn isdecimal(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    predicate(it, args, "isdecimal", |x| all_nonempty(x, |c| is_digit_char(c) && !matches!(c, '²' | '³' | '¹')))
}

pub(super) fn isnumeric(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    predicate(it, args, "isnumeric", |x| all_nonempty(x, char::is_numeric))
}

pub(super) fn isalpha(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    predicate(it, args, "isalpha", |x| all_nonempty(x, is_alpha_char))
}

pub(super) fn isalnum(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    predicate(it, args, "isalnum", |x| all_nonempty(x, |c| is_alpha_char(c) || c.is_numeric()))
}

pub(super) fn isspace(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    predicate(it, args, "isspace", |x| all_nonempty(x, py_isspace))
}

pub(super) fn isupper(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    predicate(it, args, "isupper", |x| x.chars().any(is_cased) && !x.chars().any(char::is_lowercase))
}

pub(super) fn islower(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    predicate(it, args, "islower", |x| x.chars().any(is_cased) && !x.chars().any(char::is_uppercase))
}

pub(super) fn istitle(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    predicate(it, args, "istitle", |x| {
        let (mut prev_cased, mut any) = (false, false);
        for c in x.chars() {
            if c.is_uppercase() {
                if prev_cased {
                    return false;
                }
                prev_cased = true;
                any = true;
            } else if c.is_lowercase() {
                if !prev_cased {
                    return false;
                }
                prev_cased = true;
                any = true;
            } else {
                prev_cased = false;
            }
        }
        any
    })
}

pub(super) fn isidentifier(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    predicate(it, args, "isidentifier", |x| {
        let mut cs = x.chars();
        match cs.next() {
            Some(c) if c == '_' || is_alpha_char(c) => cs.all(|c| c == '_' || c.is_alphanumeric()),
            _ => false,
        }
    })
}

pub(super) fn isascii(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    predicate(it, args, "isascii", |x| x.is_ascii())
}

pub(super) fn isprintable(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    predicate(it, args, "isprintable", |x| x.chars().all(ops::is_printable))
}

/// `width` and `fillchar` of `center`/`ljust`/`rjust`.
pub(super) fn pad_args(it: &mut Interp, args: &[Value], name: &str) -> Result<(Rc<str>, usize, usize, char), Flow> {
    let st = this(it, args, name)?;
    arg_range(it, name, args.len() - 1, 1, 2)?;
    let width = super::int_arg(it, &args[1])?.max(0) as usize;
    let fill = match args.get(2) {
        None => ' ',
        Some(Value::Str(f)) => {
            let mut cs = f.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => return Err(it.err("TypeError", "The fill character must be exactly one character long")),
            }
        }
        Some(other) => {
            return Err(it.err("TypeError", format!("{name}() argument 2 must be str, not {}", other.type_name())))
        }
    };
    let len = st.chars().count();
    Ok((st, len, width, fill))
}

pub(super) fn padded(st: &str, left: usize, right: usize, fill: char) -> Value {
    let mut out = String::with_capacity(st.len() + left + right);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(st);
    out.extend(std::iter::repeat_n(fill, right));
    s(out)
}

pub(super) fn center(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let (st, len, width, fill) = pad_args(it, args, "center")?;
    if len >= width {
        return Ok(Value::Str(st));
    }
    let marg = width - len;
    let left = marg / 2 + (marg & width & 1);
    Ok(padded(&st, left, marg - left, fill))
}

pub(super) fn ljust(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let (st, len, width, fill) = pad_args(it, args, "ljust")?;
    Ok(if len >= width { Value::Str(st) } else { padded(&st, 0, width - len, fill) })
}

pub(super) fn rjust(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let (st, len, width, fill) = pad_args(it, args, "rjust")?;
    Ok(if len >= width { Value::Str(st) } else { padded(&st, width - len, 0, fill) })
}

pub(super) fn zfill(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let st = this(it, args, "zfill")?;
    exactly_one(it, "str.zfill", args.len() - 1)?;
    let width = super::int_arg(it, &args[1])?.max(0) as usize;
    let len = st.chars().count();
    if len >= width {
        return Ok(Value::Str(st));
    }
    let zeros = "0".repeat(width - len);
    Ok(match st.chars().next() {
        Some(c @ ('+' | '-')) => s(format!("{c}{zeros}{}", &st[1..])),
        _ => s(format!("{zeros}{st}")),
    })
}
