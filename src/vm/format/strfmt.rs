//! `str.format`, as CPython 3.11's `unicode_format.h`: literal text with `{{`/`}}`, fields
//! `{name.attr[key]!conv:spec}` with automatic or manual numbering and one level of nested
//! fields inside a spec. Invariant: fields are evaluated left to right, once each, so
//! attribute lookups and `__format__` calls happen in CPython's order.

use super::format_spec;
use crate::vm::ops::ascii_escape;
use crate::vm::value::{Flow, Value};
use crate::vm::Interp;
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Unknown,
    Auto(usize),
    Manual,
}

struct Ctx<'a> {
    args: &'a [Value],
    kwargs: &'a [(Rc<str>, Value)],
    numbering: Numbering,
}

pub fn str_format(it: &mut Interp, fmt: &str, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> Result<String, Flow> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut ctx = Ctx { args, kwargs, numbering: Numbering::Unknown };
    render(it, &chars, &mut ctx, 2)
}

fn render(it: &mut Interp, s: &[char], ctx: &mut Ctx, depth: u32) -> Result<String, Flow> {
    if depth == 0 {
        return Err(it.err("ValueError", "Max string recursion exceeded"));
    }
    let mut out = String::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c == '}' {
            if i + 1 < s.len() && s[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(it.err("ValueError", "Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if i + 1 >= s.len() {
            return Err(it.err("ValueError", "Single '{' encountered in format string"));
        }
        if s[i + 1] == '{' {
            out.push('{');
            i += 2;
            continue;
        }
        i += 1;
        // Field name: up to '}', ':' or '!', skipping over [...].
        let name_start = i;
        let mut stop = None;
        while i < s.len() {
            match s[i] {
                '{' => return Err(it.err("ValueError", "unexpected '{' in field name")),
                '[' => {
                    while i < s.len() && s[i] != ']' {
                        i += 1;
                    }
                    if i < s.len() {
                        i += 1;
                    }
                    continue;
                }
                '}' | ':' | '!' => {
                    stop = Some(s[i]);
                    break;
                }
                _ => i += 1,
            }
        }
        let Some(mut stop) = stop else {
            return Err(it.err("ValueError", "expected '}' before end of string"));
        };
        let name: String = s[name_start..i].iter().collect();
        i += 1;
        let mut conversion = None;
        if stop == '!' {
            if i >= s.len() {
                return Err(it.err("ValueError", "end of string while looking for conversion specifier"));
            }
            conversion = Some(s[i]);
            i += 1;
            if i < s.len() {
                stop = s[i];
                i += 1;
                if stop != '}' && stop != ':' {
                    return Err(it.err("ValueError", "expected ':' after conversion specifier"));
                }
            } else {
                stop = ':';
            }
        }
        let mut spec: Vec<char> = Vec::new();
        let mut nested = false;
        if stop == ':' {
            let mut count = 1;
            let start = i;
            loop {
                if i >= s.len() {
                    return Err(it.err("ValueError", "unmatched '{' in format spec"));
                }
                match s[i] {
                    '{' => {
                        nested = true;
                        count += 1
                    }
                    '}' => {
                        count -= 1;
                        if count == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            spec.extend_from_slice(&s[start..i]);
            i += 1;
        }
        let value = resolve_field(it, &name, ctx)?;
        let value = match conversion {
            None => value,
            Some('r') => Value::Str(it.repr(&value)?),
            Some('s') => Value::Str(it.str_of(&value)?),
            Some('a') => Value::str(&ascii_escape(&it.repr(&value)?)),
            Some(c) => return Err(it.err("ValueError", format!("Unknown conversion specifier {c}"))),
        };
        let spec: String = if nested { render(it, &spec, ctx, depth - 1)? } else { spec.iter().collect() };
        out.push_str(&format_spec(it, &value, &spec)?);
    }
    Ok(out)
}

/// Evaluates `arg_name(.attr|[key])*`.
fn resolve_field(it: &mut Interp, name: &str, ctx: &mut Ctx) -> Result<Value, Flow> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let arg_name = &name[..first_end];
    let mut value = if arg_name.is_empty() {
        let n = match ctx.numbering {
            Numbering::Manual => {
                return Err(
                    it.err("ValueError", "cannot switch from manual field specification to automatic field numbering")
                )
            }
            Numbering::Unknown => 0,
            Numbering::Auto(n) => n,
        };
        ctx.numbering = Numbering::Auto(n + 1);
        positional(it, ctx, n)?
    } else if arg_name.bytes().all(|b| b.is_ascii_digit()) {
        if let Numbering::Auto(_) = ctx.numbering {
            return Err(
                it.err("ValueError", "cannot switch from automatic field numbering to manual field specification")
            );
        }
        ctx.numbering = Numbering::Manual;
        let n: usize =
            arg_name.parse().map_err(|_| it.err("ValueError", "Too many decimal digits in format string"))?;
        positional(it, ctx, n)?
    } else {
        match ctx.kwargs.iter().find(|(k, _)| &**k == arg_name) {
            Some((_, v)) => v.clone(),
            None => return Err(it.err_args("KeyError", vec![Value::str(arg_name)])),
        }
    };
    let rest: Vec<char> = name[first_end..].chars().collect();
    let mut i = 0;
    while i < rest.len() {
        match rest[i] {
            '.' => {
                i += 1;
                let start = i;
                while i < rest.len() && rest[i] != '.' && rest[i] != '[' {
                    i += 1;
                }
                if i == start {
                    return Err(it.err("ValueError", "Empty attribute in format string"));
                }
                let attr: String = rest[start..i].iter().collect();
                value = it.get_attr(&value, &attr)?;
            }
            '[' => {
                i += 1;
                let start = i;
                while i < rest.len() && rest[i] != ']' {
                    i += 1;
                }
                if i >= rest.len() {
                    return Err(it.err("ValueError", "Missing ']' in format string"));
                }
                if i == start {
                    return Err(it.err("ValueError", "Empty attribute in format string"));
                }
                let key: String = rest[start..i].iter().collect();
                i += 1;
                if i < rest.len() && rest[i] != '.' && rest[i] != '[' {
                    return Err(it.err("ValueError", "Only '.' or '[' may follow ']' in format field specifier"));
                }
                let k = match key.parse::<i64>() {
                    Ok(n) if key.bytes().all(|b| b.is_ascii_digit()) => Value::Int(n),
                    _ => Value::str(&key),
                };
                value = crate::vm::ops::getitem_full(it, &value, &k)?;
            }
            _ => return Err(it.err("ValueError", "Only '.' or '[' may follow ']' in format field specifier")),
        }
    }
    Ok(value)
}

fn positional(it: &Interp, ctx: &Ctx, n: usize) -> Result<Value, Flow> {
    ctx.args
        .get(n)
        .cloned()
        .ok_or_else(|| it.err("IndexError", format!("Replacement index {n} out of range for positional args tuple")))
}
