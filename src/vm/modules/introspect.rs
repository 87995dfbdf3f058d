//! The natives under `inspect` and `pickle`: `_concsim.func_info` (a function's parameters,
//! as CPython's `__code__` tells them), `_concsim.source_text` (a program file's text, for
//! getsource) and `_concsim.import_module` (what `importlib.import_module` does: pickle's
//! find_class).
//! Invariant: read-only views of what the compiler recorded; nothing here changes a function
//! or reads the host's files (the sources are those the interpreter was given).

use crate::vm::value::{NativeFn, Value};
use crate::vm::{Flow, Interp, Kwargs};

pub const FUNCTIONS: &[(&str, NativeFn)] =
    &[("func_info", func_info), ("source_text", source_text), ("import_module", import_module)];

/// `func_info(f)` → (name, qualname, argcount, kwonlyargcount, varnames, flags, filename,
/// first_line, kwdefaults as ((name, value), ...)), or None when `f` is not a Python function.
fn func_info(_it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let Some(Value::Function(f)) = args.first() else { return Ok(Value::None) };
    let c = &f.code;
    let kwdefaults =
        f.kwdefaults.borrow().iter().map(|(k, v)| Value::tuple(vec![Value::Str(k.clone()), v.clone()])).collect();
    Ok(Value::tuple(vec![
        Value::Str(f.name.borrow().clone()),
        Value::Str(f.qualname.borrow().clone()),
        Value::Int(c.argcount as i64),
        Value::Int(c.kwonlyargcount as i64),
        Value::tuple(c.varnames.iter().map(|n| Value::Str(n.clone())).collect()),
        Value::Int(c.flags as i64),
        Value::Str(c.filename.clone()),
        Value::Int(c.first_line as i64),
        Value::tuple(kwdefaults),
    ]))
}

/// `source_text(filename)` → the text of a program file the interpreter compiled, or None.
fn source_text(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let Some(Value::Str(name)) = args.first() else { return Ok(Value::None) };
    Ok(it.sources.get(name).map(|s| Value::Str(s.clone())).unwrap_or(Value::None))
}

/// `import_module(name)` → the module, imported (and its body run) if it was not yet.
fn import_module(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let Some(Value::Str(name)) = args.first() else { return Err(it.err("TypeError", "module name must be str")) };
    if &**name == "builtins" {
        return Ok(Value::Module(it.builtins.clone()));
    }
    it.import_nested(name)
}
