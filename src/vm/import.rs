//! `import`: finds a module in `sys.modules`, builds a native module (`sys`, `os`, `time`,
//! `random`, `_thread`, `_concsim`), or compiles a prelude module written in Python
//! (`threading`, `multiprocessing`...) and runs its body in the importing thread. Invariant:
//! a module is registered in `modules` before its body runs (so cyclic imports see the
//! partial module, as in CPython), and importing never touches the host file system.

use super::frame::{Frame, OnReturn};
use super::value::{Module, Value};
use super::{modules, Flow, Interp};
use std::rc::Rc;

/// (module, name, prelude, attribute of the prelude or "" for the prelude itself): see
/// `Interp::lazy_attr`.
const LAZY: &[(&str, &str, &str, &str)] = &[
    ("builtins", "open", "_concsim_io", "open"),
    ("random", "Random", "_concsim_random", "Random"),
    ("builtins", "complex", "_concsim_complex", "complex"),
    ("builtins", "BaseExceptionGroup", "_concsim_eg", "BaseExceptionGroup"),
    ("builtins", "ExceptionGroup", "_concsim_eg", "ExceptionGroup"),
    ("time", "struct_time", "_concsim_time", "struct_time"),
    ("time", "gmtime", "_concsim_time", "gmtime"),
    ("time", "localtime", "_concsim_time", "localtime"),
    ("time", "mktime", "_concsim_time", "mktime"),
    ("time", "asctime", "_concsim_time", "asctime"),
    ("time", "ctime", "_concsim_time", "ctime"),
    ("time", "strftime", "_concsim_time", "strftime"),
    ("time", "strptime", "_concsim_time", "strptime"),
    ("time", "timezone", "_concsim_time", "timezone"),
    ("time", "altzone", "_concsim_time", "altzone"),
    ("time", "daylight", "_concsim_time", "daylight"),
    ("time", "tzname", "_concsim_time", "tzname"),
    ("time", "thread_time", "_concsim_time", "thread_time"),
    ("time", "thread_time_ns", "_concsim_time", "thread_time_ns"),
    ("time", "process_time_ns", "_concsim_time", "process_time_ns"),
    ("time", "get_clock_info", "_concsim_time", "get_clock_info"),
    ("builtins", "input", "_concsim_io", "input"),
    ("asyncio", "run_coroutine_threadsafe", "_concsim_aio", "run_coroutine_threadsafe"),
    ("asyncio", "AbstractEventLoopPolicy", "_concsim_aio", "AbstractEventLoopPolicy"),
    ("asyncio", "DefaultEventLoopPolicy", "_concsim_aio", "DefaultEventLoopPolicy"),
    ("asyncio", "get_event_loop_policy", "_concsim_aio", "get_event_loop_policy"),
    ("asyncio", "set_event_loop_policy", "_concsim_aio", "set_event_loop_policy"),
    ("_thread", "stack_size", "_concsim_more", "stack_size"),
    ("_thread", "interrupt_main", "_concsim_more", "interrupt_main"),
    ("threading", "stack_size", "_concsim_more", "stack_size"),
    ("subprocess", "getoutput", "_concsim_more", "getoutput"),
    ("subprocess", "getstatusoutput", "_concsim_more", "getstatusoutput"),
    ("builtins", "bytearray", "_concsim_bytes", "bytearray"),
    ("builtins", "memoryview", "_concsim_bytes", "memoryview"),
    ("sys", "stdin", "_concsim_io", "stdin"),
    ("sys", "__stdin__", "_concsim_io", "stdin"),
    ("os", "path", "posixpath", ""),
    ("collections", "abc", "collections.abc", ""),
    ("os", "stat", "_concsim_os", "stat"),
    ("os", "stat_result", "_concsim_os", "stat_result"),
    ("os", "makedirs", "_concsim_os", "makedirs"),
    ("os", "removedirs", "_concsim_os", "removedirs"),
    ("os", "walk", "_concsim_os", "walk"),
    ("os", "system", "_concsim_os", "system"),
    ("os", "popen", "_concsim_os", "popen"),
    ("os", "scandir", "_concsim_os", "scandir"),
    ("os", "fdopen", "_concsim_pipe", "fdopen"),
    ("os", "pipe", "_concsim_pipe", "pipe"),
    ("os", "read", "_concsim_pipe", "read"),
    ("os", "write", "_concsim_pipe", "write"),
    ("os", "close", "_concsim_pipe", "close"),
    ("os", "dup", "_concsim_pipe", "dup"),
    ("os", "error", "_concsim_os", "error"),
    ("os", "curdir", "_concsim_os", "curdir"),
    ("os", "pardir", "_concsim_os", "pardir"),
    ("os", "devnull", "_concsim_os", "devnull"),
    ("os", "extsep", "_concsim_os", "extsep"),
    ("os", "pathsep", "_concsim_os", "pathsep"),
    ("os", "urandom", "_concsim_os", "urandom"),
    ("os", "DirEntry", "_concsim_os", "DirEntry"),
    ("os", "getenv", "_concsim_os", "getenv"),
    ("os", "getuid", "_concsim_os", "getuid"),
    ("os", "geteuid", "_concsim_os", "getuid"),
    ("os", "getgid", "_concsim_os", "getuid"),
    ("os", "getegid", "_concsim_os", "getuid"),
    ("os", "getlogin", "_concsim_os", "getlogin"),
    ("multiprocessing", "Value", "multiprocessing.sharedctypes", "Value"),
    ("multiprocessing", "Array", "multiprocessing.sharedctypes", "Array"),
    ("multiprocessing", "RawValue", "multiprocessing.sharedctypes", "RawValue"),
    ("multiprocessing", "RawArray", "multiprocessing.sharedctypes", "RawArray"),
];

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
        if name == "os.path" {
            // `os.path` is `posixpath`, as in CPython.
            let m = self.import_nested("posixpath")?;
            self.register_module(name, m.clone());
            return Ok(Imported::Ready(m));
        }
        if name == "__mp_main__" && self.spawn_payload.is_some() {
            if let Some((filename, source)) = self.mp_main_source() {
                let compiled = crate::lang::compile_module(&filename, &source)
                    .map_err(|e| self.err("ImportError", format!("cannot compile the main module again: {}", e.msg)))?;
                let module = Module::new(name, &compiled.global_names);
                module.set("__name__", Value::str(name));
                module.set("__file__", Value::str(&filename));
                module.set("__builtins__", Value::Module(self.builtins.clone()));
                let v = Value::Module(module.clone());
                self.register_module(name, v.clone());
                // CPython then makes it sys.modules['__main__'] too, so what the parent
                // pickled as __main__.f is found here.
                self.register_module("__main__", v);
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
            if let Some(file) = modules::cpython_file(name) {
                module.set("__file__", Value::str(&format!("{}{file}", modules::STDLIB_DIR)));
            }
            if modules::is_package(name) {
                module.set("__path__", Value::list(Vec::new()));
            }
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
        if let Some(frame) = self.local_module(name)? {
            return Ok(Imported::RunBody(Box::new(frame)));
        }
        if let Some((parent, _)) = name.rsplit_once('.') {
            if self.modules.contains_key(parent) && !self.is_package_module(parent) {
                return Err(
                    self.module_not_found(name, format!("No module named '{name}'; '{parent}' is not a package"))
                );
            }
        }
        Err(self.module_not_found(name, format!("No module named '{name}'")))
    }

    /// `ModuleNotFoundError(msg, name=name)`.
    fn module_not_found(&self, name: &str, msg: String) -> Flow {
        let e = self.err("ModuleNotFoundError", msg);
        if let Flow::Raise(Value::Instance(i)) = &e {
            i.dict.borrow_mut().set_str("name", Value::str(name));
        }
        e
    }

    /// A module beside the program (`import mymodule`, `import pkg.mod` with
    /// `pkg/__init__.py`), read from the host's files as CPython reads `sys.path[0]`: its
    /// body to run, registered first. Its file name in tracebacks is the main program's
    /// directory as the program was named, joined with the module's path.
    fn local_module(&mut self, name: &str) -> Result<Option<Frame>, Flow> {
        let rel = name.replace('.', "/");
        let dir = self.script_dir.clone();
        let mut found = None;
        for (candidate, package) in [(format!("{rel}.py"), false), (format!("{rel}/__init__.py"), true)] {
            let abs = crate::vm::fs::normalize(&format!("{dir}/{candidate}"));
            if let Ok(st) = self.fs.stat(&abs) {
                if !st.is_dir {
                    found = Some((candidate, abs, package));
                    break;
                }
            }
        }
        let Some((candidate, abs, package)) = found else { return Ok(None) };
        let bytes = self.fs.read(&abs, 0, None).unwrap_or_default();
        // CPython shows `sys.path[0]` joined to the file: absolute when the main program's
        // path is (always, from the CLI); the page's programs have names but no folder.
        let main_file = &self.main_path;
        let filename = if main_file.starts_with('/') {
            abs.clone()
        } else {
            let shown_dir = main_file.rfind('/').map_or("", |i| &main_file[..=i]);
            format!("{shown_dir}{candidate}")
        };
        let source = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
                return Err(self.err(
                    "SyntaxError",
                    format!(
                        "Non-UTF-8 code starting with '\\x{:02x}' in file {abs} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                        e.as_bytes()[at]
                    ),
                ));
            }
        };
        let compiled = crate::lang::compile_module(&filename, &source)
            .map_err(|e| self.err(e.kind, format!("{} ({candidate}, line {})", e.msg, e.line)))?;
        let mut sources = (*self.sources).clone();
        sources.insert(std::rc::Rc::from(filename.as_str()), std::rc::Rc::from(source.as_str()));
        self.sources = std::rc::Rc::new(sources);
        let module = Module::new(name, &compiled.global_names);
        module.set("__name__", Value::str(name));
        module.set("__file__", Value::str(&abs));
        if package {
            module.set(
                "__path__",
                Value::list(vec![Value::str(crate::vm::fs::normalize(&format!("{dir}/{rel}")).as_str())]),
            );
        }
        module.set("__builtins__", Value::Module(self.builtins.clone()));
        self.register_module(name, Value::Module(module.clone()));
        Ok(Some(Frame {
            code: compiled.code,
            pc: 0,
            locals: Vec::new(),
            cells: Vec::new(),
            globals: module,
            ns: None,
            blocks: Vec::new(),
            base: 0,
            on_return: OnReturn::Discard,
        }))
    }

    /// Imports `name` inside the current instruction, running its body (and its parents')
    /// as a nested call: for names a native module or the builtins get from a prelude on
    /// first use (`lazy_attr`).
    pub(super) fn import_nested(&mut self, name: &str) -> Result<Value, Flow> {
        for _ in 0..8 {
            match self.import_module(name)? {
                Imported::Ready(v) => return Ok(v),
                Imported::RunBody(frame) => {
                    self.run_nested_frame(*frame)?;
                }
            }
        }
        Err(self.err("ImportError", format!("concsim could not import {name}")))
    }

    /// A name that a native module (or the builtins) takes from a prelude written in Python,
    /// imported on first use so that programs that never use it pay nothing: `os.path` is
    /// `posixpath`, `open` and `sys.stdin` are `_concsim_io`'s, `os.stat`... `_concsim_os`'s.
    pub(super) fn lazy_attr(&mut self, module: &str, name: &str) -> Option<Result<Value, Flow>> {
        let (from, attr) = LAZY.iter().find(|(m, n, _, _)| *m == module && *n == name).map(|(_, _, f, a)| (*f, *a))?;
        Some((|| {
            let m = self.import_nested(from)?;
            let v = if attr.is_empty() { m } else { self.get_attr(&m, attr)? };
            if module == "builtins" {
                self.builtins.set(name, v.clone());
            } else if let Some(Value::Module(owner)) = self.modules.get(module) {
                owner.set(name, v.clone());
            }
            Ok(v)
        })())
    }

    /// A module with a `__path__` (a prelude package, or a program's `pkg/__init__.py`).
    fn is_package_module(&self, name: &str) -> bool {
        matches!(self.modules.get(name), Some(Value::Module(m)) if m.get("__path__").is_some())
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
            if let Some(r) = self.lazy_attr(&module.name.clone(), name) {
                return r;
            }
            // PEP 562: the module's `__getattr__`; its AttributeError becomes the ImportError.
            if let Some(f) = module.get("__getattr__") {
                match self.call(&f, vec![Value::str(name)]) {
                    Err(e) if crate::vm::builtins::is_exception(self, &e, "AttributeError") => {}
                    r => return r,
                }
            }
            let place = match module.get("__file__") {
                Some(Value::Str(f)) => f.to_string(),
                _ => "unknown location".to_string(),
            };
            let e =
                self.err("ImportError", format!("cannot import name '{}' from '{}' ({})", name, module.name, place));
            if let Flow::Raise(Value::Instance(i)) = &e {
                i.dict.borrow_mut().set_str("name", Value::Str(module.name.clone()));
            }
            return Err(e);
        }
        self.get_attr(m, name)
    }
}
