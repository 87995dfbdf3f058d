//! Methods of `str`. Indices (`find`, `index`, `count`, `startswith` bounds) are in code
//! points, like CPython's; ASCII strings take a byte-indexed fast path. Invariant: every
//! method returns CPython 3.11's result for ASCII text; for non-ASCII text the character
//! classes (`isalpha`, `isdigit`, `title` casing...) use Rust's Unicode properties, which
//! agree with CPython's on letters and digits but not on every exotic code point.

use super::bytes_methods::str_encode;
use super::ctors::py_isspace;
use super::str_case::*;
use super::{arg_or_kw, arg_range, check_kwargs, exactly_one, Kw};
use crate::vm::format::str_format;
use crate::vm::ops;
use crate::vm::value::{Flow, NativeFn, Value};
use crate::vm::Interp;
use std::rc::Rc;

pub(super) fn this(it: &Interp, args: &[Value], method: &str) -> Result<Rc<str>, Flow> {
    match args.first().map(Value::unwrap_base) {
        Some(Value::Str(s)) => Ok(s.clone()),
        other => Err(it.err(
            "TypeError",
            format!(
                "descriptor '{method}' for 'str' objects doesn't apply to a '{}' object",
                other.map(|v| v.type_name()).unwrap_or_else(|| Rc::from("nothing"))
            ),
        )),
    }
}

pub(super) fn s(v: String) -> Value {
    Value::str(&v)
}

/// Code-point ↔ byte offset mapping of a string.
struct Chars<'a> {
    s: &'a str,
    /// Byte offset of each code point plus the total length; empty for ASCII strings.
    offs: Vec<usize>,
}

impl<'a> Chars<'a> {
    fn new(s: &'a str) -> Chars<'a> {
        let offs = if s.is_ascii() {
            Vec::new()
        } else {
            s.char_indices().map(|(i, _)| i).chain(std::iter::once(s.len())).collect()
        };
        Chars { s, offs }
    }

    fn len(&self) -> usize {
        if self.offs.is_empty() {
            self.s.len()
        } else {
            self.offs.len() - 1
        }
    }

    fn byte(&self, ci: usize) -> usize {
        if self.offs.is_empty() {
            ci
        } else {
            self.offs[ci]
        }
    }

    fn char_index(&self, b: usize) -> usize {
        if self.offs.is_empty() {
            b
        } else {
            self.offs.binary_search(&b).unwrap_or_else(|i| i)
        }
    }
}

/// CPython's `ADJUST_INDICES` for `find`-style bounds; None when `start` is past the end.
pub(super) fn span(
    it: &mut Interp,
    len: usize,
    start: Option<&Value>,
    end: Option<&Value>,
) -> Result<Option<(usize, usize)>, Flow> {
    let n = len as i64;
    let get = |it: &mut Interp, v: Option<&Value>| -> Result<Option<i64>, Flow> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(v) => super::int_arg(it, v).map(Some),
        }
    };
    let mut a = get(it, start)?.unwrap_or(0);
    let mut b = get(it, end)?.unwrap_or(n);
    if a < 0 {
        a = (a + n).max(0);
    }
    if b < 0 {
        b = (b + n).max(0);
    }
    b = b.min(n);
    if a > n || a > b {
        return Ok(None);
    }
    Ok(Some((a as usize, b as usize)))
}

fn sub_arg(it: &Interp, v: &Value) -> Result<Rc<str>, Flow> {
    match v.unwrap_base() {
        Value::Str(s) => Ok(s.clone()),
        other => Err(it.err("TypeError", format!("must be str, not {}", other.type_name()))),
    }
}

pub(super) fn find_args(it: &Interp, name: &str, args: &[Value]) -> Result<(), Flow> {
    let n = args.len() - 1;
    if n < 1 {
        return Err(it.err("TypeError", format!("{name}() takes at least 1 argument (0 given)")));
    }
    if n > 3 {
        return Err(it.err("TypeError", format!("{name}() takes at most 3 arguments ({n} given)")));
    }
    Ok(())
}

/// `find`/`rfind` core: the code-point index of `sub` within the span, or None.
fn find_impl(it: &mut Interp, args: &[Value], name: &str, rev: bool) -> Result<Option<usize>, Flow> {
    let st = this(it, args, name)?;
    find_args(it, name, args)?;
    let sub = sub_arg(it, &args[1])?;
    let cs = Chars::new(&st);
    let Some((a, b)) = span(it, cs.len(), args.get(2), args.get(3))? else {
        return Ok(None);
    };
    let hay = &st[cs.byte(a)..cs.byte(b)];
    let found = if rev { hay.rfind(&*sub) } else { hay.find(&*sub) };
    Ok(found.map(|p| cs.char_index(cs.byte(a) + p)))
}

fn find(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    Ok(Value::Int(find_impl(it, args, "find", false)?.map(|i| i as i64).unwrap_or(-1)))
}

fn rfind(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    Ok(Value::Int(find_impl(it, args, "rfind", true)?.map(|i| i as i64).unwrap_or(-1)))
}

fn index(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    match find_impl(it, args, "index", false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(it.err("ValueError", "substring not found")),
    }
}

fn rindex(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    match find_impl(it, args, "rindex", true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(it.err("ValueError", "substring not found")),
    }
}

fn count(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let st = this(it, args, "count")?;
    find_args(it, "count", args)?;
    let sub = sub_arg(it, &args[1])?;
    let cs = Chars::new(&st);
    let Some((a, b)) = span(it, cs.len(), args.get(2), args.get(3))? else {
        return Ok(Value::Int(0));
    };
    if sub.is_empty() {
        return Ok(Value::Int((b - a + 1) as i64));
    }
    let hay = &st[cs.byte(a)..cs.byte(b)];
    Ok(Value::Int(hay.matches(&*sub).count() as i64))
}

fn affix(it: &mut Interp, args: &[Value], start: bool) -> Result<Value, Flow> {
    let name = if start { "startswith" } else { "endswith" };
    let st = this(it, args, name)?;
    arg_range(it, name, args.len() - 1, 1, 3)?;
    let cs = Chars::new(&st);
    let Some((a, b)) = span(it, cs.len(), args.get(2), args.get(3))? else {
        return Ok(Value::Bool(false));
    };
    let hay = &st[cs.byte(a)..cs.byte(b)];
    let cands: Vec<Value> = match &args[1] {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    };
    for c in &cands {
        let Value::Str(p) = c.unwrap_base() else {
            let what = if matches!(&args[1], Value::Tuple(_)) {
                format!("tuple for {name} must only contain str, not {}", c.type_name())
            } else {
                format!("{name} first arg must be str or a tuple of str, not {}", c.type_name())
            };
            return Err(it.err("TypeError", what));
        };
        if (start && hay.starts_with(&**p)) || (!start && hay.ends_with(&**p)) {
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

/// `sep` and `maxsplit` of `split`/`rsplit`.
fn split_args(it: &mut Interp, args: &[Value], kw: Kw, name: &str) -> Result<(Option<Rc<str>>, i64), Flow> {
    check_kwargs(it, name, kw, &["sep", "maxsplit"])?;
    arg_range(it, name, args.len() - 1, 0, 2)?;
    let sep = match arg_or_kw(&args[1..], 0, kw, "sep").map(Value::unwrap_base) {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => {
            if s.is_empty() {
                return Err(it.err("ValueError", "empty separator"));
            }
            Some(s.clone())
        }
        Some(other) => return Err(it.err("TypeError", format!("must be str or None, not {}", other.type_name()))),
    };
    let maxsplit = match arg_or_kw(&args[1..], 1, kw, "maxsplit") {
        Some(v) => super::int_arg(it, v)?,
        None => -1,
    };
    Ok((sep, maxsplit))
}

fn split_whitespace(st: &str, maxsplit: i64) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = st.trim_start_matches(py_isspace);
    let mut left = maxsplit;
    while !rest.is_empty() {
        if left == 0 {
            out.push(Value::str(rest));
            break;
        }
        match rest.find(py_isspace) {
            Some(p) => {
                out.push(Value::str(&rest[..p]));
                rest = rest[p..].trim_start_matches(py_isspace);
                left -= 1;
            }
            None => {
                out.push(Value::str(rest));
                break;
            }
        }
    }
    out
}

fn rsplit_whitespace(st: &str, maxsplit: i64) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = st.trim_end_matches(py_isspace);
    let mut left = maxsplit;
    while !rest.is_empty() {
        if left == 0 {
            out.push(Value::str(rest));
            break;
        }
        match rest.rfind(py_isspace) {
            Some(p) => {
                let c = rest[p..].chars().next().map(char::len_utf8).unwrap_or(1);
                out.push(Value::str(&rest[p + c..]));
                rest = rest[..p].trim_end_matches(py_isspace);
                left -= 1;
            }
            None => {
                out.push(Value::str(rest));
                break;
            }
        }
    }
    out.reverse();
    out
}

fn split(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let st = this(it, args, "split")?;
    let (sep, maxsplit) = split_args(it, args, kw, "split")?;
    let parts = match sep {
        None => split_whitespace(&st, maxsplit),
        Some(sep) if maxsplit < 0 => st.split(&*sep).map(Value::str).collect(),
        Some(sep) => st.splitn(maxsplit as usize + 1, &*sep).map(Value::str).collect(),
    };
    Ok(Value::list(parts))
}

fn rsplit(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let st = this(it, args, "rsplit")?;
    let (sep, maxsplit) = split_args(it, args, kw, "rsplit")?;
    let parts = match sep {
        None => rsplit_whitespace(&st, maxsplit),
        Some(sep) if maxsplit < 0 => st.split(&*sep).map(Value::str).collect(),
        Some(sep) => {
            let mut v: Vec<Value> = st.rsplitn(maxsplit as usize + 1, &*sep).map(Value::str).collect();
            v.reverse();
            v
        }
    };
    Ok(Value::list(parts))
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn splitlines(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let st = this(it, args, "splitlines")?;
    check_kwargs(it, "splitlines", kw, &["keepends"])?;
    arg_range(it, "splitlines", args.len() - 1, 0, 1)?;
    let keep = match arg_or_kw(&args[1..], 0, kw, "keepends") {
        Some(v) => it.truthy(v)?,
        None => false,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let b = st.as_bytes();
    let mut iter = st.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' && b.get(end) == Some(&b'\n') {
            iter.next();
            end += 1;
        }
        out.push(Value::str(&st[start..if keep { end } else { i }]));
        start = end;
    }
    if start < st.len() {
        out.push(Value::str(&st[start..]));
    }
    Ok(Value::list(out))
}

fn join(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let st = this(it, args, "join")?;
    exactly_one(it, "str.join", args.len() - 1)?;
    let items = it.collect(&args[1])?;
    let mut out = String::new();
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&st);
        }
        match v.unwrap_base() {
            Value::Str(x) => out.push_str(x),
            other => {
                return Err(it.err(
                    "TypeError",
                    format!("sequence item {i}: expected str instance, {} found", other.type_name()),
                ))
            }
        }
    }
    Ok(s(out))
}

fn strip_impl(it: &mut Interp, args: &[Value], name: &str, left: bool, right: bool) -> Result<Value, Flow> {
    let st = this(it, args, name)?;
    arg_range(it, name, args.len() - 1, 0, 1)?;
    let chars: Option<Vec<char>> = match args.get(1).map(Value::unwrap_base) {
        None | Some(Value::None) => None,
        Some(Value::Str(c)) => Some(c.chars().collect()),
        Some(_) => return Err(it.err("TypeError", format!("{name} arg must be None or str"))),
    };
    let pred = |c: char| match &chars {
        None => py_isspace(c),
        Some(cs) => cs.contains(&c),
    };
    let mut r: &str = &st;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    Ok(Value::str(r))
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

fn replace(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let st = this(it, args, "replace")?;
    arg_range(it, "replace", args.len() - 1, 2, 3)?;
    let mut parts = Vec::with_capacity(2);
    for (i, v) in args[1..3].iter().enumerate() {
        match v.unwrap_base() {
            Value::Str(x) => parts.push(x.clone()),
            other => {
                return Err(
                    it.err("TypeError", format!("replace() argument {} must be str, not {}", i + 1, other.type_name()))
                )
            }
        }
    }
    let count = match args.get(3) {
        Some(v) => super::int_arg(it, v)?,
        None => -1,
    };
    Ok(if count < 0 {
        s(st.replace(&*parts[0], &parts[1]))
    } else {
        s(st.replacen(&*parts[0], &parts[1], count as usize))
    })
}

fn partition_impl(it: &mut Interp, args: &[Value], name: &str, rev: bool) -> Result<Value, Flow> {
    let st = this(it, args, name)?;
    exactly_one(it, &format!("str.{name}"), args.len() - 1)?;
    let sep = sub_arg(it, &args[1])?;
    if sep.is_empty() {
        return Err(it.err("ValueError", "empty separator"));
    }
    let found = if rev { st.rfind(&*sep) } else { st.find(&*sep) };
    Ok(Value::tuple(match found {
        Some(p) => vec![Value::str(&st[..p]), Value::Str(sep.clone()), Value::str(&st[p + sep.len()..])],
        None if rev => vec![Value::str(""), Value::str(""), Value::Str(st.clone())],
        None => vec![Value::Str(st.clone()), Value::str(""), Value::str("")],
    }))
}

fn partition(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    partition_impl(it, args, "partition", false)
}

fn rpartition(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    partition_impl(it, args, "rpartition", true)
}

fn expandtabs(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let st = this(it, args, "expandtabs")?;
    check_kwargs(it, "expandtabs", kw, &["tabsize"])?;
    let tab = match arg_or_kw(&args[1..], 0, kw, "tabsize") {
        Some(v) => super::int_arg(it, v)?,
        None => 8,
    };
    let mut out = String::with_capacity(st.len());
    let mut col = 0i64;
    for c in st.chars() {
        match c {
            '\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(s(out))
}

fn removeprefix(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let st = this(it, args, "removeprefix")?;
    exactly_one(it, "str.removeprefix", args.len() - 1)?;
    let p = sub_arg(it, &args[1])?;
    Ok(Value::str(st.strip_prefix(&*p).unwrap_or(&st)))
}

fn removesuffix(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let st = this(it, args, "removesuffix")?;
    exactly_one(it, "str.removesuffix", args.len() - 1)?;
    let p = sub_arg(it, &args[1])?;
    Ok(Value::str(st.strip_suffix(&*p).unwrap_or(&st)))
}

fn format(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let st = this(it, args, "format")?;
    Ok(s(str_format(it, &st, &args[1..], kw)?))
}

/// `str.format_map(mapping)`: `format(**mapping)` for the mappings programs pass (a dict
/// whose keys are strings); others are named as unsupported rather than half-served.
fn format_map(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let st = this(it, args, "format_map")?;
    exactly_one(it, "str.format_map", args.len() - 1)?;
    let Value::Dict(d) = &args[1] else {
        return Err(it.err("TypeError", "concsim supports str.format_map() with a dict only"));
    };
    let mut kwargs: Vec<(Rc<str>, Value)> = Vec::new();
    for (k, v) in d.borrow().iter() {
        match &k.0 {
            Value::Str(name) => kwargs.push((name.clone(), v.clone())),
            _ => return Err(it.err("TypeError", "concsim supports str.format_map() with string keys only")),
        }
    }
    Ok(s(str_format(it, &st, &[], &kwargs)?))
}

fn translate(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let st = this(it, args, "translate")?;
    exactly_one(it, "str.translate", args.len() - 1)?;
    let table = &args[1];
    let mut out = String::with_capacity(st.len());
    for c in st.chars() {
        match ops::getitem_full(it, table, &Value::Int(c as i64)) {
            Ok(Value::None) => {}
            Ok(Value::Str(r)) => out.push_str(&r),
            Ok(Value::Int(n)) => match u32::try_from(n).ok().and_then(char::from_u32) {
                Some(r) => out.push(r),
                None => return Err(it.err("ValueError", "character mapping must be in range(0x110000)")),
            },
            Ok(_) => return Err(it.err("TypeError", "character mapping must return integer, None or str")),
            Err(e) if super::is_exception(it, &e, "LookupError") => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(s(out))
}

/// `str.maketrans(x[, y[, z]])`, called on the class.
fn maketrans(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    arg_range(it, "maketrans", args.len(), 1, 3)?;
    let mut d = crate::vm::dict::Dict::new();
    let mut put = |it: &mut Interp, k: Value, v: Value| -> Result<(), Flow> {
        let key = it.key(&k)?;
        d.insert(key, v);
        Ok(())
    };
    match args {
        [Value::Dict(m)] => {
            let items: Vec<(Value, Value)> = m.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
            for (k, v) in items {
                let k = match &k {
                    Value::Str(x) if x.chars().count() == 1 => Value::Int(x.chars().next().unwrap_or('\0') as i64),
                    Value::Int(_) => k.clone(),
                    _ => return Err(it.err("ValueError", "string keys in translate table must be of length 1")),
                };
                put(it, k, v)?;
            }
        }
        [_] => return Err(it.err("TypeError", "if you give only one argument to maketrans it must be a dict")),
        [Value::Str(x), Value::Str(y), rest @ ..] => {
            if x.chars().count() != y.chars().count() {
                return Err(it.err("ValueError", "the first two maketrans arguments must have equal length"));
            }
            for (a, b) in x.chars().zip(y.chars()) {
                put(it, Value::Int(a as i64), Value::Int(b as i64))?;
            }
            if let Some(Value::Str(z)) = rest.first() {
                for c in z.chars() {
                    put(it, Value::Int(c as i64), Value::None)?;
                }
            }
        }
        _ => return Err(it.err("TypeError", "maketrans() argument 1 must be str")),
    }
    Ok(Value::dict(d))
}

pub static STR_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", super::ctors::str_new),
    ("split", split),
    ("rsplit", rsplit),
    ("splitlines", splitlines),
    ("join", join),
    ("strip", strip),
    ("lstrip", lstrip),
    ("rstrip", rstrip),
    ("replace", replace),
    ("upper", upper),
    ("lower", lower),
    ("casefold", casefold),
    ("title", title),
    ("capitalize", capitalize),
    ("swapcase", swapcase),
    ("startswith", startswith),
    ("endswith", endswith),
    ("find", find),
    ("rfind", rfind),
    ("index", index),
    ("rindex", rindex),
    ("count", count),
    ("center", center),
    ("ljust", ljust),
    ("rjust", rjust),
    ("zfill", zfill),
    ("isdigit", isdigit),
    ("isdecimal", isdecimal),
    ("isnumeric", isnumeric),
    ("isalpha", isalpha),
    ("isalnum", isalnum),
    ("isspace", isspace),
    ("isupper", isupper),
    ("islower", islower),
    ("istitle", istitle),
    ("isidentifier", isidentifier),
    ("isascii", isascii),
    ("isprintable", isprintable),
    ("format", format),
    ("format_map", format_map),
    ("encode", str_encode),
    ("partition", partition),
    ("rpartition", rpartition),
    ("expandtabs", expandtabs),
    ("removeprefix", removeprefix),
    ("removesuffix", removesuffix),
    ("translate", translate),
    ("maketrans", maketrans),
];
