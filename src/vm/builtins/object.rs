//! Methods of `object` and of the exception base classes (`BaseException.__init__/__str__/
//! __repr__`, `KeyError.__str__`, `OSError.__str__`). These are what `super().__str__()`,
//! `object.__repr__(self)` and exception construction reach. Invariant: they agree with the
//! VM's own fast paths for repr/str of instances, so both routes print the same text.

use super::Kw;
use crate::vm::ops;
use crate::vm::value::{Class, Flow, NativeFn, Value};
use crate::vm::Interp;
use std::rc::Rc;

fn self_arg<'a>(it: &Interp, args: &'a [Value], what: &str) -> Result<&'a Value, Flow> {
    args.first().ok_or_else(|| it.err("TypeError", format!("descriptor '{what}' of 'object' object needs an argument")))
}

/// `object.__init__`: CPython's two errors for extra arguments.
fn object_init(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let this = self_arg(it, args, "__init__")?;
    if args.len() > 1 || !kw.is_empty() {
        let cls = it.class_of(this);
        let overridden = !matches!(cls.lookup("__init__"), Some(Value::Builtin(_)));
        if overridden {
            return Err(
                it.err("TypeError", "object.__init__() takes exactly one argument (the instance to initialize)")
            );
        }
        return Err(it.err("TypeError", format!("{}() takes no arguments", cls.name)));
    }
    Ok(Value::None)
}

/// `<__main__.C object at 0x...>`.
pub fn default_repr(it: &mut Interp, v: &Value) -> String {
    let cls = it.class_of(v);
    let addr = ops::address(it, v);
    if &*cls.module == "builtins" {
        format!("<{} object at {addr}>", cls.qualname)
    } else {
        format!("<{}.{} object at {addr}>", cls.module, cls.qualname)
    }
}

fn object_repr(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let this = self_arg(it, args, "__repr__")?;
    if let Some(s) = ops::repr_builtin(it, this)? {
        return Ok(Value::str(&s));
    }
    Ok(Value::str(&default_repr(it, this)))
}

fn object_str(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let this = self_arg(it, args, "__str__")?;
    Ok(Value::Str(it.repr(this)?))
}

fn object_eq(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    super::exactly_one(it, "object.__eq__", args.len().saturating_sub(1))?;
    Ok(if args[0].is(&args[1]) { Value::Bool(true) } else { Value::NotImplemented })
}

fn object_ne(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    super::exactly_one(it, "object.__ne__", args.len().saturating_sub(1))?;
    // CPython: the inverse of `__eq__` unless that is NotImplemented.
    let r = match it.class_of(&args[0]).lookup("__eq__") {
        Some(f) if !matches!(f, Value::Builtin(_)) => it.call(&f, vec![args[0].clone(), args[1].clone()])?,
        _ => {
            if args[0].is(&args[1]) {
                Value::Bool(true)
            } else {
                Value::NotImplemented
            }
        }
    };
    match r {
        Value::NotImplemented => Ok(Value::NotImplemented),
        other => Ok(Value::Bool(!it.truthy(&other)?)),
    }
}

fn not_implemented(_it: &mut Interp, _args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    Ok(Value::NotImplemented)
}

fn object_hash(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let this = self_arg(it, args, "__hash__")?;
    Ok(Value::Int((ops::object_id(it, this) >> 4) as i64))
}

fn object_format(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let this = self_arg(it, args, "__format__")?;
    super::exactly_one(it, "object.__format__", args.len() - 1)?;
    let spec = super::str_arg(it, &args[1], "format_spec")?;
    // `int.__format__` of an int subclass (IntEnum's format) reaches here: the value's type
    // formats it, as int's own `__format__` would.
    if let (Some(b), false) = (this.base_value(), spec.is_empty()) {
        let b = b.clone();
        return Ok(Value::str(&crate::vm::format::format_spec(it, &b, &spec)?));
    }
    Ok(Value::str(&crate::vm::format::object_format(it, this, &spec)?))
}

/// `object.__new__(cls)`: a bare instance of `cls` (a user `__new__`'s `super().__new__(cls)`),
/// with CPython's errors for extra arguments and for classes it cannot make.
fn object_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let Some(first) = args.first() else {
        return Err(it.err("TypeError", "object.__new__(): not enough arguments"));
    };
    let Value::Class(c) = first else {
        return Err(it.err("TypeError", format!("object.__new__(X): X is not a type object ({})", first.type_name())));
    };
    if c.kind == crate::vm::value::ClassKind::Builtin && !std::rc::Rc::ptr_eq(c, &it.types.object) {
        return Err(it.err("TypeError", format!("object.__new__({}) is not safe, use {}.__new__()", c.name, c.name)));
    }
    if args.len() > 1 || !kw.is_empty() {
        let new_overridden = !matches!(c.lookup("__new__"), Some(Value::Builtin(_)));
        let init_overridden = !matches!(c.lookup("__init__"), Some(Value::Builtin(_)));
        if new_overridden || !init_overridden {
            let msg = if new_overridden {
                "object.__new__() takes exactly one argument (the type to instantiate)".to_string()
            } else {
                format!("{}() takes no arguments", c.name)
            };
            return Err(it.err("TypeError", msg));
        }
    }
    Ok(it.new_instance(c, Vec::new()))
}

/// `object.__init_subclass__`: does nothing, and takes no keyword arguments.
fn object_init_subclass(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    if !kw.is_empty() {
        let name = match args.first() {
            Some(Value::Class(c)) => c.name.to_string(),
            _ => "object".to_string(),
        };
        return Err(it.err("TypeError", format!("{name}.__init_subclass__() takes no keyword arguments")));
    }
    Ok(Value::None)
}

/// `type(x)`: the class of `x`; `type(name, bases, dict)`: a new class;
/// `type.__new__(meta, name, bases, dict, **kw)` (a metaclass's `super().__new__`): a new
/// class of metaclass `meta`.
fn type_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    match (args, kw.is_empty()) {
        ([v], true) => Ok(Value::Class(it.class_of(v))),
        ([_, _, _], _) => it.type_from_parts(args),
        ([Value::Class(meta), rest @ ..], _) if rest.len() == 3 && meta.is_subclass_of(&it.types.type_) => {
            let meta = meta.clone();
            it.type_new_with(&meta, rest, kw.to_vec())
        }
        _ => Err(it.err("TypeError", "type() takes 1 or 3 arguments")),
    }
}

/// `type.__init__(cls, ...)`: nothing to do (a metaclass's `super().__init__`).
fn type_init(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    if !matches!(args.len(), 2 | 4) {
        return Err(it.err("TypeError", "type.__init__() takes 1 or 3 arguments"));
    }
    Ok(Value::None)
}

/// `type.__call__(cls, *args, **kw)`: a metaclass's `super().__call__(...)` makes the
/// instance as calling the class would without the metaclass (run nested).
fn type_call(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let Some(Value::Class(c)) = args.first() else {
        return Err(it.err("TypeError", "descriptor '__call__' requires a 'type' object"));
    };
    let c = c.clone();
    it.construct_nested(&c, args[1..].to_vec(), kw.to_vec())
}

pub static TYPE_METHODS: &[(&str, NativeFn)] =
    &[("__new__", type_new), ("__init__", type_init), ("__call__", type_call)];

fn none_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    if !args.is_empty() || !kw.is_empty() {
        return Err(it.err("TypeError", "NoneType takes no arguments"));
    }
    Ok(Value::None)
}

pub static NONE_METHODS: &[(&str, NativeFn)] = &[("__new__", none_new)];

pub static OBJECT_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", object_new),
    ("__init__", object_init),
    ("__repr__", object_repr),
    ("__str__", object_str),
    ("__eq__", object_eq),
    ("__ne__", object_ne),
    ("__lt__", not_implemented),
    ("__le__", not_implemented),
    ("__gt__", not_implemented),
    ("__ge__", not_implemented),
    ("__hash__", object_hash),
    ("__format__", object_format),
    ("__init_subclass__", object_init_subclass),
    ("__getattribute__", object_getattribute),
    ("__setattr__", object_setattr),
    ("__delattr__", object_delattr),
];

/// `object.__getattribute__(obj, name)`: no `__getattr__` fallback.
fn object_getattribute(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    match args {
        [obj, Value::Str(name)] => it.getattribute(obj, name),
        [_, other] => Err(it.err("TypeError", format!("attribute name must be string, not '{}'", other.type_name()))),
        _ => Err(it.err("TypeError", format!("expected 2 arguments, got {}", args.len()))),
    }
}

/// `object.__setattr__(obj, name, value)`: plain assignment (what a class's own
/// `__setattr__` calls to store after all).
fn object_setattr(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    match args {
        [obj, Value::Str(name), v] => {
            it.set_attr_plain(obj, name, v.clone())?;
            Ok(Value::None)
        }
        [_, other, _] => {
            Err(it.err("TypeError", format!("attribute name must be string, not '{}'", other.type_name())))
        }
        _ => Err(it.err("TypeError", format!("expected 3 arguments, got {}", args.len()))),
    }
}

/// `object.__delattr__(obj, name)`.
fn object_delattr(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    match args {
        [obj, Value::Str(name)] => {
            it.del_attr_plain(obj, name)?;
            Ok(Value::None)
        }
        [_, other] => Err(it.err("TypeError", format!("attribute name must be string, not '{}'", other.type_name()))),
        _ => Err(it.err("TypeError", format!("expected 2 arguments, got {}", args.len()))),
    }
}

fn exc_args(it: &Interp, v: &Value) -> Result<Vec<Value>, Flow> {
    match v {
        Value::Instance(i) => match &i.exc {
            Some(e) => Ok(e.borrow().args.clone()),
            None => Err(it.err(
                "TypeError",
                format!("descriptor requires a 'BaseException' object but received '{}'", v.type_name()),
            )),
        },
        _ => Err(it.err(
            "TypeError",
            format!("descriptor requires a 'BaseException' object but received '{}'", v.type_name()),
        )),
    }
}

/// The exception families whose constructor takes keyword-only attributes, as CPython's
/// `ImportError(*args, name=None, path=None)`, `AttributeError(*args, name=None, obj=None)`
/// and `NameError(*args, name=None)`: (family, its attributes), None for other exceptions.
pub fn keyword_attrs(it: &Interp, cls: &Rc<Class>) -> Option<(&'static str, &'static [&'static str])> {
    const FAMILIES: [(&str, &[&str]); 3] =
        [("ImportError", &["name", "path"]), ("AttributeError", &["name", "obj"]), ("NameError", &["name"])];
    FAMILIES.into_iter().find(|(family, _)| cls.is_subclass_of(&it.types.exceptions[*family]))
}

/// `BaseException.__init__(self, *args)`: stores `args`.
fn exc_init(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let this = self_arg(it, args, "__init__")?;
    let family = keyword_attrs(it, &it.class_of(this));
    if !kw.is_empty() && family.is_none() {
        let name = it.class_of(this).name.clone();
        return Err(it.err("TypeError", format!("{name}() takes no keyword arguments")));
    }
    if let (Some((family, attrs)), Value::Instance(i)) = (family, this) {
        let mut d = i.dict.borrow_mut();
        if family == "ImportError" {
            d.set_str("msg", if args.len() == 2 { args[1].clone() } else { Value::None });
        }
        for a in attrs {
            d.set_str(a, Value::None);
        }
        for (k, v) in kw.iter() {
            if !attrs.contains(&&**k) {
                drop(d);
                return Err(it.err("TypeError", format!("'{k}' is an invalid keyword argument for {family}()")));
            }
            d.set_str(k, v.clone());
        }
    }
    match this {
        Value::Instance(i) => match &i.exc {
            Some(e) => {
                e.borrow_mut().args = args[1..].to_vec();
                let os_error = &it.types.exceptions["OSError"];
                if i.class.borrow().is_subclass_of(os_error) {
                    os_error_fill(i, &args[1..]);
                }
            }
            None => return Err(it.err("TypeError", "descriptor '__init__' requires a 'BaseException' object")),
        },
        _ => return Err(it.err("TypeError", "descriptor '__init__' requires a 'BaseException' object")),
    }
    Ok(Value::None)
}

/// `str(exc)`: '' for no args, str(arg) for one, the args tuple's repr for more.
pub fn exception_str(it: &mut Interp, args: &[Value]) -> Result<Value, Flow> {
    match args {
        [] => Ok(Value::str("")),
        [one] => Ok(Value::Str(it.str_of(one)?)),
        many => Ok(Value::Str(it.repr(&Value::tuple(many.to_vec()))?)),
    }
}

fn exc_str(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let a = exc_args(it, self_arg(it, args, "__str__")?)?;
    exception_str(it, &a)
}

fn exc_repr(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let this = self_arg(it, args, "__repr__")?;
    let a = exc_args(it, this)?;
    let name = it.class_of(this).name.clone();
    let mut parts = Vec::with_capacity(a.len());
    for v in &a {
        parts.push(it.repr(v)?.to_string());
    }
    Ok(Value::str(&format!("{name}({})", parts.join(", "))))
}

fn exc_with_traceback(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    Ok(self_arg(it, args, "with_traceback")?.clone())
}

pub static BASE_EXCEPTION_METHODS: &[(&str, NativeFn)] =
    &[("__init__", exc_init), ("__str__", exc_str), ("__repr__", exc_repr), ("with_traceback", exc_with_traceback)];

fn key_error_str(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let a = exc_args(it, self_arg(it, args, "__str__")?)?;
    match a.as_slice() {
        [one] => Ok(Value::Str(it.repr(one)?)),
        _ => exception_str(it, &a),
    }
}

pub static KEY_ERROR_METHODS: &[(&str, NativeFn)] = &[("__str__", key_error_str)];

/// `[Errno 2] No such file or directory: 'x'` for `OSError(errno, strerror[, filename])`,
/// from the attributes `os_error_fill` set (as CPython's `OSError.__str__` does).
fn os_error_str(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let this = self_arg(it, args, "__str__")?.clone();
    let a = exc_args(it, &this)?;
    let attr = |n: &str| match &this {
        Value::Instance(i) => i.dict.borrow().get_str(n).unwrap_or(Value::None),
        _ => Value::None,
    };
    let (errno, strerror, f1, f2) = (attr("errno"), attr("strerror"), attr("filename"), attr("filename2"));
    if !f1.is_none() {
        let (e, s, f) = (it.str_of(&errno)?, it.str_of(&strerror)?, it.repr(&f1)?);
        if !f2.is_none() {
            let g = it.repr(&f2)?;
            return Ok(Value::str(&format!("[Errno {e}] {s}: {f} -> {g}")));
        }
        return Ok(Value::str(&format!("[Errno {e}] {s}: {f}")));
    }
    if !errno.is_none() && !strerror.is_none() {
        let (e, s) = (it.str_of(&errno)?, it.str_of(&strerror)?);
        return Ok(Value::str(&format!("[Errno {e}] {s}")));
    }
    exception_str(it, &a)
}

/// The `OSError` subclass CPython's `OSError(errno, ...)` constructs for `errno`.
pub fn os_error_subclass(errno: i64) -> Option<&'static str> {
    Some(match errno {
        1 | 13 => "PermissionError",
        2 => "FileNotFoundError",
        3 => "ProcessLookupError",
        4 => "InterruptedError",
        10 => "ChildProcessError",
        11 | 114 | 115 => "BlockingIOError",
        17 => "FileExistsError",
        20 => "NotADirectoryError",
        21 => "IsADirectoryError",
        32 | 108 => "BrokenPipeError",
        103 => "ConnectionAbortedError",
        104 => "ConnectionResetError",
        110 => "TimeoutError",
        111 => "ConnectionRefusedError",
        _ => return None,
    })
}

/// CPython's `OSError.__new__`/`__init__` bookkeeping for an instance built with `args`:
/// `errno`, `strerror`, `filename`, `filename2` set from 2 to 5 arguments (and `args` cut to
/// `(errno, strerror)` when a filename was given), all None otherwise.
pub fn os_error_fill(inst: &crate::vm::value::Instance, args: &[Value]) {
    let mut d = inst.dict.borrow_mut();
    let (errno, strerror, f1, f2) = if (2..=5).contains(&args.len()) {
        (args[0].clone(), args[1].clone(), args.get(2).cloned(), args.get(4).cloned())
    } else {
        (Value::None, Value::None, None, None)
    };
    d.set_str("errno", errno);
    d.set_str("strerror", strerror);
    d.set_str("filename", f1.unwrap_or(Value::None));
    d.set_str("filename2", f2.unwrap_or(Value::None));
    drop(d);
    if (3..=5).contains(&args.len()) {
        if let Some(e) = &inst.exc {
            e.borrow_mut().args = args[..2].to_vec();
        }
    }
}

pub static OS_ERROR_METHODS: &[(&str, NativeFn)] = &[("__str__", os_error_str)];
