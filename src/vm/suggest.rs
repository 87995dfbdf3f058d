//! CPython 3.11's "Did you mean" hints on uncaught `AttributeError` and `NameError`: the
//! closest name by an edit distance where a case-only change costs less than another
//! substitution. Invariant: the hint is computed only when the exception is printed (never part
//! of `str(exc)`), only for exceptions whose type is exactly `AttributeError` (from its `name`
//! and `obj` attributes, against `dir(obj)`) or exactly `NameError` (from `name`, against the
//! raising frame's local variable names, then its module's globals, then the builtins), as
//! CPython's `print_exception` does; 3.11's `traceback` module shows no hints, nor does
//! `ImportError`.

use super::value::Value;
use super::Interp;
use std::rc::Rc;

/// An insertion, deletion or substitution of two different characters.
const MOVE_COST: usize = 2;
/// A substitution that only changes an ASCII letter's case.
const CASE_COST: usize = 1;
/// CPython gives up on names longer than this (after removing the common prefix and suffix).
const MAX_STRING_SIZE: usize = 40;
/// A candidate list this long (or longer) yields no hint at all.
const MAX_CANDIDATE_ITEMS: usize = 750;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The weighted edit distance between two names (their UTF-8 bytes, as CPython measures), or
/// anything above `max_cost` once it is certain to exceed it.
fn distance(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    // `a` is the shorter: one row of the table, as long as `a`.
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &bc) in b.iter().enumerate() {
        let mut diagonal = bi * MOVE_COST;
        result = diagonal;
        let mut row_min = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = diagonal + substitution_cost(bc, ac);
            diagonal = row[ai];
            result = (result.min(diagonal) + MOVE_COST).min(substitute);
            row[ai] = result;
            row_min = row_min.min(result);
        }
        if row_min > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The candidate closest to `name`: no more than about a third of the characters involved may
/// change, and the first of equally close candidates wins.
pub fn closest<'a>(name: &str, candidates: &'a [Rc<str>]) -> Option<&'a Rc<str>> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&Rc<str>, usize)> = None;
    for c in candidates {
        if &**c == name {
            continue;
        }
        let mut max = (name.len() + c.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            // Only a strictly better candidate may replace the one found.
            max = max.min(d.saturating_sub(1));
        }
        let d = distance(name.as_bytes(), c.as_bytes(), max);
        if d <= max {
            best = Some((c, d));
        }
    }
    best.map(|(c, _)| c)
}

/// CPython 3.11's builtins in their dict's order (which decides between equally close names).
const BUILTIN_ORDER: &[&str] = &[
    "__name__",
    "__doc__",
    "__package__",
    "__loader__",
    "__spec__",
    "__build_class__",
    "__import__",
    "abs",
    "all",
    "any",
    "ascii",
    "bin",
    "breakpoint",
    "callable",
    "chr",
    "compile",
    "delattr",
    "dir",
    "divmod",
    "eval",
    "exec",
    "format",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "hex",
    "id",
    "input",
    "isinstance",
    "issubclass",
    "iter",
    "aiter",
    "len",
    "locals",
    "max",
    "min",
    "next",
    "anext",
    "oct",
    "ord",
    "pow",
    "print",
    "repr",
    "round",
    "setattr",
    "sorted",
    "sum",
    "vars",
    "None",
    "Ellipsis",
    "NotImplemented",
    "False",
    "True",
    "bool",
    "memoryview",
    "bytearray",
    "bytes",
    "classmethod",
    "complex",
    "dict",
    "enumerate",
    "filter",
    "float",
    "frozenset",
    "property",
    "int",
    "list",
    "map",
    "object",
    "range",
    "reversed",
    "set",
    "slice",
    "staticmethod",
    "str",
    "super",
    "tuple",
    "type",
    "zip",
    "__debug__",
    "BaseException",
    "BaseExceptionGroup",
    "Exception",
    "GeneratorExit",
    "KeyboardInterrupt",
    "SystemExit",
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BufferError",
    "EOFError",
    "ImportError",
    "LookupError",
    "MemoryError",
    "NameError",
    "OSError",
    "ReferenceError",
    "RuntimeError",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SystemError",
    "TypeError",
    "ValueError",
    "Warning",
    "FloatingPointError",
    "OverflowError",
    "ZeroDivisionError",
    "BytesWarning",
    "DeprecationWarning",
    "EncodingWarning",
    "FutureWarning",
    "ImportWarning",
    "PendingDeprecationWarning",
    "ResourceWarning",
    "RuntimeWarning",
    "SyntaxWarning",
    "UnicodeWarning",
    "UserWarning",
    "BlockingIOError",
    "ChildProcessError",
    "ConnectionError",
    "FileExistsError",
    "FileNotFoundError",
    "InterruptedError",
    "IsADirectoryError",
    "NotADirectoryError",
    "PermissionError",
    "ProcessLookupError",
    "TimeoutError",
    "IndentationError",
    "IndexError",
    "KeyError",
    "ModuleNotFoundError",
    "NotImplementedError",
    "RecursionError",
    "UnboundLocalError",
    "UnicodeError",
    "BrokenPipeError",
    "ConnectionAbortedError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "TabError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeTranslateError",
    "ExceptionGroup",
    "EnvironmentError",
    "IOError",
    "open",
    "quit",
    "exit",
    "copyright",
    "credits",
    "license",
    "help",
];

impl Interp {
    /// The name CPython's traceback would suggest for `exc`, if any.
    pub(super) fn suggestion_for(&mut self, exc: &Value) -> Option<Rc<str>> {
        let Value::Instance(i) = exc else { return None };
        let cls = i.class.borrow().clone();
        let name = match i.dict.borrow().get_str("name") {
            Some(Value::Str(s)) => s,
            _ => return None,
        };
        if Rc::ptr_eq(&cls, &self.types.exceptions["AttributeError"]) {
            let obj = i.dict.borrow().get_str("obj")?;
            if obj.is_none() {
                return None;
            }
            let names = match super::builtins::funcs::dir(self, &[obj], &[]) {
                Ok(Value::List(l)) => l
                    .borrow()
                    .iter()
                    .filter_map(|v| match v {
                        Value::Str(s) => Some(s.clone()),
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
                _ => return None,
            };
            return closest(&name, &names).cloned();
        }
        if !Rc::ptr_eq(&cls, &self.types.exceptions["NameError"]) {
            return None;
        }
        let (code, module) = i.exc.as_ref()?.borrow().scope.clone()?;
        if let Some(s) = closest(&name, &code.varnames) {
            return Some(s.clone());
        }
        let globals: Vec<Rc<str>> = {
            let g = module.globals.borrow();
            g.names.iter().zip(g.values.iter()).filter(|(_, v)| v.is_some()).map(|(n, _)| n.clone()).collect()
        };
        if let Some(s) = closest(&name, &globals) {
            return Some(s.clone());
        }
        let builtins: Vec<Rc<str>> = {
            let g = self.builtins.globals.borrow();
            BUILTIN_ORDER.iter().filter(|n| g.get(n).is_some()).map(|n| Rc::from(*n)).collect()
        };
        closest(&name, &builtins).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<Rc<str>> {
        v.iter().map(|s| Rc::from(*s)).collect()
    }

    #[test]
    fn picks_cpythons_candidates() {
        assert_eq!(closest("sqr", &names(&["sin", "sqrt", "tan"])).map(|s| &**s), Some("sqrt"));
        assert_eq!(closest("isAlive", &names(&["is_alive", "join", "name"])).map(|s| &**s), Some("is_alive"));
        // Four case changes cost 4, above (4 + 4 + 3) * 2 / 6 = 3.
        assert_eq!(closest("SQRT", &names(&["sqrt"])), None);
        assert_eq!(closest("value", &names(&["vars", "False"])).map(|s| &**s), Some("False"));
        assert_eq!(closest("x", &names(&["x"])), None);
    }
}
