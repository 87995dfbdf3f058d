//! What classes written in Python inherit from a builtin value type (int, float, str, bytes,
//! tuple, list, dict, set, frozenset): the slot methods (`dict.__getitem__`,
//! `list.__init__`, `int.__add__`...) that `super().__getitem__(k)`,
//! `dict.__setitem__(self, k, v)` and the protocol helpers reach, and the making of such
//! instances (`tuple.__new__(cls, ...)`). Invariant: an instance of such a subclass holds its
//! builtin value in `Instance::base`; every function here acts on that value (on the
//! receiver itself when it is a plain builtin value) through the same `ops`/`api` paths a
//! plain value takes, so a subclass behaves as its base type wherever it overrides nothing.

use super::Kw;
use crate::lang::bytecode::{BinOp, CmpOp};
use crate::vm::dict::{Dict, Set};
use crate::vm::value::{Class, Flow, Instance, NativeFn, Value};
use crate::vm::{ops, Interp};
use std::cell::RefCell;
use std::rc::Rc;

/// The receiver's builtin value (args[0], unwrapped), or CPython's error for a bare call.
fn recv(it: &Interp, args: &[Value], name: &str) -> Result<Value, Flow> {
    match args.first() {
        Some(v) => Ok(v.unwrap_base().clone()),
        None => Err(it.err("TypeError", format!("descriptor '{name}' needs an argument"))),
    }
}

fn arg<'a>(it: &Interp, args: &'a [Value], i: usize, _name: &str) -> Result<&'a Value, Flow> {
    match args.get(i) {
        Some(v) if args.len() == i + 1 => Ok(v),
        _ => Err(it.err(
            "TypeError",
            format!("expected {} argument{}, got {}", i, if i == 1 { "" } else { "s" }, args.len().saturating_sub(1)),
        )),
    }
}

/// An instance of `cls` (a subclass of value type `vb`, or `vb` itself) made from the
/// constructor's arguments: mutable types start empty (their `__init__` fills them), immutable
/// ones are built by the type's constructor.
pub fn make_value_instance(
    it: &mut Interp,
    cls: &Rc<Class>,
    vb: &Rc<Class>,
    args: &[Value],
    kw: Kw,
) -> Result<Value, Flow> {
    let base = if Rc::ptr_eq(vb, &it.types.list) {
        Value::list(Vec::new())
    } else if Rc::ptr_eq(vb, &it.types.dict) {
        Value::dict(Dict::new())
    } else if Rc::ptr_eq(vb, &it.types.set) {
        Value::Set(Rc::new(RefCell::new(Set::default())))
    } else {
        let ctor = vb.dict.borrow().get_str("__new__");
        match ctor {
            Some(Value::Builtin(b)) => (b.func)(it, args, kw)?,
            _ => return Err(it.err("TypeError", format!("cannot create '{}' instances", vb.name))),
        }
    };
    if Rc::ptr_eq(cls, vb) {
        return Ok(base);
    }
    Ok(Value::Instance(Instance::with_base(cls.clone(), base)))
}

/// `int.__new__(cls, *args)` read from a class (`super().__new__(cls, x)`): a `Builtin`
/// bound to the value type, so args are `[type, cls, *args]`.
pub fn value_new(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let Some(Value::Class(vb)) = args.first() else { return Err(it.err("SystemError", "bad __new__")) };
    let Some(first) = args.get(1) else {
        return Err(it.err("TypeError", format!("{}.__new__(): not enough arguments", vb.name)));
    };
    let Value::Class(cls) = first else {
        return Err(
            it.err("TypeError", format!("{}.__new__(X): X is not a type object ({})", vb.name, first.type_name()))
        );
    };
    if !cls.is_subclass_of(vb) {
        return Err(it.err(
            "TypeError",
            format!("{}.__new__({}): {} is not a subtype of {}", vb.name, cls.name, cls.name, vb.name),
        ));
    }
    make_value_instance(it, cls, vb, &args[2..], kw)
}

/// The `Builtin` that `C.__new__` / `super().__new__` gives when found on value type `k`.
pub fn bound_new(it: &Interp, k: &Rc<Class>, found: Value) -> Value {
    if it.types.is_value_type(k) {
        if let Value::Builtin(b) = &found {
            if b.bound.is_none() {
                return Value::Builtin(Rc::new(crate::vm::value::Builtin {
                    name: "__new__",
                    func: value_new,
                    bound: Some(Value::Class(k.clone())),
                }));
            }
        }
    }
    found
}

fn list_init(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let Value::List(l) = recv(it, args, "__init__")? else {
        return Err(it.err("TypeError", "descriptor '__init__' requires a 'list' object"));
    };
    if let Some((k, _)) = kw.first() {
        return Err(it.err("TypeError", format!("list() takes no keyword arguments (got '{k}')")));
    }
    if args.len() > 2 {
        return Err(it.err("TypeError", format!("list expected at most 1 argument, got {}", args.len() - 1)));
    }
    let items = match args.get(1) {
        Some(v) => it.collect(v)?,
        None => Vec::new(),
    };
    *l.borrow_mut() = items;
    Ok(Value::None)
}

fn dict_init(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let Value::Dict(d) = recv(it, args, "__init__")? else {
        return Err(it.err("TypeError", "descriptor '__init__' requires a 'dict' object"));
    };
    if args.len() > 2 {
        return Err(it.err("TypeError", format!("dict expected at most 1 argument, got {}", args.len() - 1)));
    }
    super::dict::update_from(it, &d, args.get(1), kw)?;
    Ok(Value::None)
}

fn set_init(it: &mut Interp, args: &[Value], kw: Kw) -> Result<Value, Flow> {
    let Value::Set(s) = recv(it, args, "__init__")? else {
        return Err(it.err("TypeError", "descriptor '__init__' requires a 'set' object"));
    };
    if !kw.is_empty() {
        return Err(it.err("TypeError", "set() takes no keyword arguments"));
    }
    if args.len() > 2 {
        return Err(it.err("TypeError", format!("set expected at most 1 argument, got {}", args.len() - 1)));
    }
    let mut out = Set::default();
    if let Some(v) = args.get(1) {
        for x in it.collect(v)? {
            it.set_insert(&mut out, &x)?;
        }
    }
    *s.borrow_mut() = out;
    Ok(Value::None)
}

fn slot_repr(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let v = recv(it, args, "__repr__")?;
    Ok(Value::Str(it.repr(&v)?))
}

fn slot_str(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let v = recv(it, args, "__str__")?;
    Ok(Value::Str(it.str_of(&v)?))
}

fn slot_hash(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let v = recv(it, args, "__hash__")?;
    Ok(Value::Int(super::num_funcs::hash_value(it, &v)?))
}

fn slot_len(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let v = recv(it, args, "__len__")?;
    Ok(Value::Int(it.len_of(&v)? as i64))
}

fn slot_iter(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let v = recv(it, args, "__iter__")?;
    it.get_iter(&v)
}

fn slot_contains(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let v = recv(it, args, "__contains__")?;
    let x = arg(it, args, 1, "__contains__")?;
    Ok(Value::Bool(it.contains(&v, x)?))
}

/// `obj[key]` on the value `obj` holds; a dict subclass's `__missing__` answers a missing key.
pub fn subscript(it: &mut Interp, obj: &Value, key: &Value) -> Result<Value, Flow> {
    let v = obj.unwrap_base().clone();
    if let (Value::Dict(d), Value::Instance(i)) = (&v, obj) {
        if let Some(found) = super::dict::dict_get(it, d, key)? {
            return Ok(found);
        }
        let cls = i.class.borrow().clone();
        if let Some(missing) = cls.lookup("__missing__") {
            return it.call(&missing, vec![obj.clone(), key.clone()]);
        }
    }
    it.getitem(&v, key)
}

fn slot_getitem(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    recv(it, args, "__getitem__")?;
    let k = arg(it, args, 1, "__getitem__")?;
    subscript(it, &args[0], k)
}

fn slot_setitem(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let v = recv(it, args, "__setitem__")?;
    if args.len() != 3 {
        return Err(it.err("TypeError", format!("expected 2 arguments, got {}", args.len().saturating_sub(1))));
    }
    it.setitem(&v, &args[1], args[2].clone())?;
    Ok(Value::None)
}

fn slot_delitem(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let v = recv(it, args, "__delitem__")?;
    let k = arg(it, args, 1, "__delitem__")?;
    it.delitem(&v, k)?;
    Ok(Value::None)
}

fn compare_slot(it: &mut Interp, args: &[Value], op: CmpOp, name: &str) -> Result<Value, Flow> {
    let v = recv(it, args, name)?;
    let other = arg(it, args, 1, name)?.unwrap_base().clone();
    Ok(ops::compare(it, op, &v, &other)?.unwrap_or(Value::NotImplemented))
}

fn binary_slot(it: &mut Interp, args: &[Value], op: BinOp, reflected: bool, name: &str) -> Result<Value, Flow> {
    let v = recv(it, args, name)?;
    let other = arg(it, args, 1, name)?.unwrap_base().clone();
    let r = if reflected { ops::binary(it, op, &other, &v)? } else { ops::binary(it, op, &v, &other)? };
    Ok(r.unwrap_or(Value::NotImplemented))
}

macro_rules! compare_slots {
    ($($f:ident $op:ident $name:literal),*) => {$(
        fn $f(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
            compare_slot(it, args, CmpOp::$op, $name)
        }
    )*};
}

macro_rules! binary_slots {
    ($($f:ident $op:ident $refl:literal $name:literal),*) => {$(
        fn $f(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
            binary_slot(it, args, BinOp::$op, $refl, $name)
        }
    )*};
}

compare_slots!(slot_eq Eq "__eq__", slot_ne Ne "__ne__", slot_lt Lt "__lt__", slot_le Le "__le__",
    slot_gt Gt "__gt__", slot_ge Ge "__ge__");

binary_slots!(slot_add Add false "__add__", slot_radd Add true "__radd__", slot_sub Sub false "__sub__",
    slot_rsub Sub true "__rsub__", slot_mul Mul false "__mul__", slot_rmul Mul true "__rmul__",
    slot_truediv TrueDiv false "__truediv__", slot_rtruediv TrueDiv true "__rtruediv__",
    slot_floordiv FloorDiv false "__floordiv__", slot_rfloordiv FloorDiv true "__rfloordiv__",
    slot_mod Mod false "__mod__", slot_rmod Mod true "__rmod__", slot_pow Pow false "__pow__",
    slot_rpow Pow true "__rpow__", slot_and And false "__and__", slot_rand And true "__rand__",
    slot_or Or false "__or__", slot_ror Or true "__ror__", slot_xor Xor false "__xor__",
    slot_rxor Xor true "__rxor__", slot_lshift LShift false "__lshift__", slot_rshift RShift false "__rshift__");

fn slot_float(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let v = recv(it, args, "__float__")?;
    match v {
        Value::Float(_) => Ok(v),
        _ => Ok(Value::Float(ops::int_to_f64(it, &v)?)),
    }
}

fn slot_int(it: &mut Interp, args: &[Value], _kw: Kw) -> Result<Value, Flow> {
    let v = recv(it, args, "__int__")?;
    match v {
        Value::Float(f) => ops::float_to_int(it, f),
        Value::Bool(b) => Ok(Value::Int(b as i64)),
        _ => Ok(v),
    }
}

const COMMON: &[(&str, NativeFn)] = &[
    ("__repr__", slot_repr),
    ("__eq__", slot_eq),
    ("__ne__", slot_ne),
    ("__lt__", slot_lt),
    ("__le__", slot_le),
    ("__gt__", slot_gt),
    ("__ge__", slot_ge),
];
const CONTAINER: &[(&str, NativeFn)] =
    &[("__len__", slot_len), ("__iter__", slot_iter), ("__contains__", slot_contains)];
const MUTABLE_ITEMS: &[(&str, NativeFn)] = &[("__setitem__", slot_setitem), ("__delitem__", slot_delitem)];
const NUMBER: &[(&str, NativeFn)] = &[
    ("__hash__", slot_hash),
    ("__add__", slot_add),
    ("__radd__", slot_radd),
    ("__sub__", slot_sub),
    ("__rsub__", slot_rsub),
    ("__mul__", slot_mul),
    ("__rmul__", slot_rmul),
    ("__truediv__", slot_truediv),
    ("__rtruediv__", slot_rtruediv),
    ("__floordiv__", slot_floordiv),
    ("__rfloordiv__", slot_rfloordiv),
    ("__mod__", slot_mod),
    ("__rmod__", slot_rmod),
    ("__pow__", slot_pow),
    ("__rpow__", slot_rpow),
    ("__float__", slot_float),
    ("__int__", slot_int),
];
const INT_BITS: &[(&str, NativeFn)] = &[
    ("__and__", slot_and),
    ("__rand__", slot_rand),
    ("__or__", slot_or),
    ("__ror__", slot_ror),
    ("__xor__", slot_xor),
    ("__rxor__", slot_rxor),
    ("__lshift__", slot_lshift),
    ("__rshift__", slot_rshift),
];
const SEQUENCE: &[(&str, NativeFn)] =
    &[("__getitem__", slot_getitem), ("__add__", slot_add), ("__mul__", slot_mul), ("__rmul__", slot_rmul)];
const SET_OPS: &[(&str, NativeFn)] = &[
    ("__and__", slot_and),
    ("__rand__", slot_rand),
    ("__or__", slot_or),
    ("__ror__", slot_ror),
    ("__xor__", slot_xor),
    ("__rxor__", slot_rxor),
    ("__sub__", slot_sub),
    ("__rsub__", slot_rsub),
];

/// The slot methods value type `name` gets on top of its own methods, and whether its
/// instances are unhashable (`__hash__` None: list, dict, set).
pub fn slots(name: &str) -> (Vec<(&'static str, NativeFn)>, bool) {
    let mut v: Vec<(&'static str, NativeFn)> = COMMON.to_vec();
    let unhashable = matches!(name, "list" | "dict" | "set");
    match name {
        "int" => {
            v.extend_from_slice(NUMBER);
            v.extend_from_slice(INT_BITS);
        }
        "float" => v.extend_from_slice(NUMBER),
        "str" | "bytes" | "tuple" | "list" => {
            v.extend_from_slice(CONTAINER);
            v.extend_from_slice(SEQUENCE);
            if name != "list" {
                v.push(("__hash__", slot_hash));
            }
            if name == "str" {
                v.push(("__str__", slot_str));
            }
            if name == "str" || name == "bytes" {
                v.push(("__mod__", slot_mod));
            }
            if name == "list" {
                v.extend_from_slice(MUTABLE_ITEMS);
                v.push(("__init__", list_init));
            }
        }
        "dict" => {
            v.extend_from_slice(CONTAINER);
            v.extend_from_slice(MUTABLE_ITEMS);
            v.push(("__getitem__", slot_getitem));
            v.push(("__or__", slot_or));
            v.push(("__init__", dict_init));
        }
        "set" | "frozenset" => {
            v.extend_from_slice(CONTAINER);
            v.extend_from_slice(SET_OPS);
            if name == "set" {
                v.push(("__init__", set_init));
            } else {
                v.push(("__hash__", slot_hash));
            }
        }
        _ => return (Vec::new(), false),
    }
    (v, unhashable)
}
