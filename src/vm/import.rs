//! `import`: finds a module in `sys.modules`, builds a native module (`sys`, `os`, `time`,
//! `random`, `_thread`, `_concsim`), or compiles a prelude module written in Python
//! (`threading`, `multiprocessing`...) and runs its body in the importing thread. Invariant:
//! a module is registered in `modules` before its body runs (so cyclic imports see the
//! partial module, as in CPython), and importing never touches the host file system.

use super::frame::{Frame, OnReturn};
use super::value::{Module, Value};
use super::{modules, Flow, Interp};
use std::rc::Rc;

pub enum Imported {
    Ready(Value),
    /// Run this module body first, then execute the import instruction again.
    RunBody(Box<Frame>),
}

/// A prelude module's name, code and global names.
type CachedPrelude = (String, Rc<crate::lang::bytecode::Code>, Vec<Rc<str>>);

thread_local! {
    /// Compiled prelude modules (their source is fixed and `Code` is immutable), so that a
    /// run that imports `threading` does not compile it again: `explore` starts thousands.
    static PRELUDES: std::cell::RefCell<Vec<CachedPrelude>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn prelude_cached(name: &str) -> Option<crate::lang::bytecode::CompiledModule> {
    PRELUDES.with(|p| {
        p.borrow().iter().find(|(n, _, _)| n == name).map(|(_, code, names)| crate::lang::bytecode::CompiledModule {
            code: code.clone(),
            global_names: names.clone(),
        })
    })
}

impl Interp {
    pub(super) fn import_module(&mut self, name: &str) -> Result<Imported, Flow> {
        if let Some(m) = self.modules.get(name) {
            return Ok(Imported::Ready(m.clone()));
        }
        // Parents first: `import a.b` needs `a`.
        if let Some((parent, _)) = name.rsplit_once('.') {
            if !self.modules.contains_key(parent) {
                return self.import_module(parent);
            }
        }
        if let Some(m) = modules::native_module(self, name) {
            let v = Value::Module(m);
            self.register_module(name, v.clone());
            return Ok(Imported::Ready(v));
        }
        if let Some(source) = modules::prelude_source(name) {
            let compiled = match prelude_cached(name) {
                Some(c) => c,
                None => {
                    let filename = format!("<frozen {name}>");
                    let compiled = crate::lang::compile_module(&filename, source).map_err(|e| {
                        self.err("ImportError", format!("concsim prelude module {name} failed to compile: {}", e.msg))
                    })?;
                    PRELUDES.with(|p| {
                        p.borrow_mut().push((name.to_string(), compiled.code.clone(), compiled.global_names.clone()))
                    });
                    compiled
                }
            };
            let module = Module::new(name, &compiled.global_names);
            module.set("__name__", Value::str(name));
            let v = Value::Module(module.clone());
            self.register_module(name, v);
            let frame = Frame {
                code: compiled.code,
                pc: 0,
                locals: Vec::new(),
                cells: Vec::new(),
                globals: module,
                ns: None,
                blocks: Vec::new(),
                base: 0,
                on_return: OnReturn::Discard,
            };
            return Ok(Imported::RunBody(Box::new(frame)));
        }
        let top = name.split('.').next().unwrap_or(name);
        if top != name && self.modules.contains_key(top) {
            return Err(self.err("ModuleNotFoundError", format!("No module named '{name}'; '{top}' is not a package")));
        }
        Err(self.err("ModuleNotFoundError", format!("No module named '{name}'")))
    }

    fn register_module(&mut self, name: &str, m: Value) {
        self.modules.insert(Rc::from(name), m.clone());
        if let Some((parent, child)) = name.rsplit_once('.') {
            if let Some(Value::Module(p)) = self.modules.get(parent) {
                p.set(child, m);
            }
        }
    }

    pub(super) fn import_from(&mut self, m: &Value, name: &str) -> Result<Value, Flow> {
        if let Value::Module(module) = m {
            if let Some(v) = module.get(name) {
                return Ok(v);
            }
            let full = format!("{}.{}", module.name, name);
            if let Some(v) = self.modules.get(full.as_str()) {
                return Ok(v.clone());
            }
            return Err(self.err(
                "ImportError",
                format!("cannot import name '{}' from '{}' (unknown location)", name, module.name),
            ));
        }
        self.get_attr(m, name)
    }
}
