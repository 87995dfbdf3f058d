//! Builtin functions (`len`, `sorted`, `round`...) and the method tables of the builtin types
//! (`str.split`, `list.sort`, `dict.items`, exception `__str__`...), including each type's
//! constructor as `__new__` (called with the constructor's arguments, without the class).
//!
//! Files: `funcs` and `num_funcs` (functions of the `builtins` module), `ctors` (constructors),
//! `str_methods`, `bytes_methods`, `list_methods` (list, tuple, the stable sort),
//! `dict` (dict and its views), `set_methods`, `num_methods` (int, float), `object`
//! (object and exceptions). `print`, `super`, `type`, `object`, `open`, `globals`,
//! `__import__` and `exit` are the VM's.
//!
//! Invariant: every error is CPython 3.11's exception class and message, and every callback
//! into Python code goes through the `Interp` helpers (`it.call`, `it.eq`, `it.lt`...), so
//! user dunders are honoured and a native never holds a RefCell borrow across one.

mod bytes_methods;
pub mod ctors;
pub mod dict;
pub(crate) mod funcs;
mod list_methods;
pub mod num_funcs;
mod num_methods;
pub(crate) mod object;
mod set_methods;
mod str_case;
mod str_methods;
pub mod subclass;
#[cfg(test)]
#[allow(clippy::approx_constant)]
mod tests;

pub use list_methods::sort_values;
pub use object::default_repr;

use super::value::{Flow, NativeFn, Value};
use super::Interp;
use std::rc::Rc;

/// The methods (including `__new__` constructors) of the builtin type or exception `name`.
pub fn type_methods(name: &str) -> &'static [(&'static str, NativeFn)] {
    match name {
        "object" => object::OBJECT_METHODS,
        "type" => object::TYPE_METHODS,
        "NoneType" => object::NONE_METHODS,
        "BaseException" => object::BASE_EXCEPTION_METHODS,
        "KeyError" => object::KEY_ERROR_METHODS,
        "OSError" => object::OS_ERROR_METHODS,
        "int" => num_methods::INT_METHODS,
        "bool" => num_methods::BOOL_METHODS,
        "float" => num_methods::FLOAT_METHODS,
        "str" => str_methods::STR_METHODS,
        "bytes" => bytes_methods::BYTES_METHODS,
        "list" => list_methods::LIST_METHODS,
        "tuple" => list_methods::TUPLE_METHODS,
        "dict" => dict::DICT_METHODS,
        "dict_keys" => dict::KEYS_METHODS,
        "dict_values" => dict::VALUES_METHODS,
        "dict_items" => dict::ITEMS_METHODS,
        "set" => set_methods::SET_METHODS,
        "frozenset" => set_methods::FROZENSET_METHODS,
        "range" => list_methods::RANGE_METHODS,
        "slice" => ctors::SLICE_METHODS,
        _ => &[],
    }
}

/// `vars` and `dir`, which the evaluation loop answers itself when called without an
/// argument (they then read the caller's frame: `modules::frame_native`).
pub const VARS: NativeFn = funcs::vars;
pub const DIR: NativeFn = funcs::dir;

/// The functions of the `builtins` module.
pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("abs", num_funcs::abs),
    ("all", funcs::all),
    ("any", funcs::any),
    ("ascii", funcs::ascii),
    ("bin", num_funcs::bin),
    ("callable", funcs::callable),
    ("dir", funcs::dir),
    ("vars", funcs::vars),
    ("chr", funcs::chr),
    ("delattr", funcs::delattr),
    ("divmod", num_funcs::divmod),
    ("enumerate", funcs::enumerate),
    ("filter", funcs::filter),
    ("format", funcs::format),
    ("getattr", funcs::getattr),
    ("hasattr", funcs::hasattr),
    ("hash", num_funcs::hash),
    ("hex", num_funcs::hex),
    ("id", funcs::id),
    ("isinstance", funcs::isinstance),
    ("issubclass", funcs::issubclass),
    ("iter", funcs::iter),
    ("len", funcs::len),
    ("map", funcs::map),
    ("max", num_funcs::max),
    ("min", num_funcs::min),
    ("next", funcs::next),
    ("oct", num_funcs::oct),
    ("ord", funcs::ord),
    ("pow", num_funcs::pow),
    ("repr", funcs::repr),
    ("reversed", funcs::reversed),
    ("round", num_funcs::round),
    ("setattr", funcs::setattr),
    ("sorted", funcs::sorted),
    ("sum", num_funcs::sum),
    ("zip", funcs::zip),
    ("__import__", funcs::dunder_import),
];

// ---- argument helpers -------------------------------------------------------------------

pub(crate) type Kw<'a> = &'a [(Rc<str>, Value)];

/// `len() takes exactly one argument (2 given)` (METH_O functions and methods).
pub(crate) fn exactly_one(it: &Interp, qual: &str, n: usize) -> Result<(), Flow> {
    if n == 1 {
        return Ok(());
    }
    Err(it.err("TypeError", format!("{qual}() takes exactly one argument ({n} given)")))
}

/// `list.copy() takes no arguments (1 given)` (METH_NOARGS).
pub(crate) fn no_args(it: &Interp, qual: &str, n: usize) -> Result<(), Flow> {
    if n == 0 {
        return Ok(());
    }
    Err(it.err("TypeError", format!("{qual}() takes no arguments ({n} given)")))
}

/// `pop expected at most 1 argument, got 2` (argument-clinic positional ranges).
pub(crate) fn arg_range(it: &Interp, name: &str, n: usize, min: usize, max: usize) -> Result<(), Flow> {
    let plural = |k: usize| if k == 1 { "argument" } else { "arguments" };
    if min == max && n != min {
        return Err(it.err("TypeError", format!("{name} expected {min} {}, got {n}", plural(min))));
    }
    if n < min {
        return Err(it.err("TypeError", format!("{name} expected at least {min} {}, got {n}", plural(min))));
    }
    if n > max {
        return Err(it.err("TypeError", format!("{name} expected at most {max} {}, got {n}", plural(max))));
    }
    Ok(())
}

/// `list.append() takes no keyword arguments`.
pub(crate) fn no_kwargs(it: &Interp, qual: &str, kwargs: Kw) -> Result<(), Flow> {
    if kwargs.is_empty() {
        return Ok(());
    }
    Err(it.err("TypeError", format!("{qual}() takes no keyword arguments")))
}

/// Checks that every keyword is one of `allowed`; CPython's message names `func()`.
pub(crate) fn check_kwargs(it: &Interp, func: &str, kwargs: Kw, allowed: &[&str]) -> Result<(), Flow> {
    for (k, _) in kwargs {
        if !allowed.contains(&&**k) {
            return Err(it.err("TypeError", format!("'{k}' is an invalid keyword argument for {func}()")));
        }
    }
    Ok(())
}

pub(crate) fn kwarg<'a>(kwargs: Kw<'a>, name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
}

/// Positional argument `i`, else keyword `name`, else None.
pub(crate) fn arg_or_kw<'a>(args: &'a [Value], i: usize, kwargs: Kw<'a>, name: &str) -> Option<&'a Value> {
    args.get(i).or_else(|| kwarg(kwargs, name))
}

/// An index-like integer argument (`__index__` honoured).
pub(crate) fn int_arg(it: &mut Interp, v: &Value) -> Result<i64, Flow> {
    super::ops::index_arg(it, v)
}

pub(crate) fn is_exception(it: &Interp, flow: &Flow, class: &str) -> bool {
    match flow {
        Flow::Raise(exc) => match it.types.exceptions.get(class) {
            Some(c) => it.isinstance(exc, c),
            None => false,
        },
        _ => false,
    }
}

/// Calls `f` on each item of `iterable`, lazily; `f` returns false to stop early.
pub(crate) fn for_each(
    it: &mut Interp,
    iterable: &Value,
    mut f: impl FnMut(&mut Interp, Value) -> Result<bool, Flow>,
) -> Result<(), Flow> {
    let iter = it.get_iter(iterable)?;
    while let Some(v) = it.next(&iter)? {
        if !f(it, v)? {
            break;
        }
    }
    Ok(())
}

/// A str argument or `TypeError: {what} must be str, not int`.
pub(crate) fn str_arg(it: &Interp, v: &Value, what: &str) -> Result<Rc<str>, Flow> {
    match v.unwrap_base() {
        Value::Str(s) => Ok(s.clone()),
        other => Err(it.err("TypeError", format!("{what} must be str, not {}", other.type_name()))),
    }
}
