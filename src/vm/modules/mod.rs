//! The standard library as concsim provides it: native modules (`sys`, `os`, `time`,
//! `random`, `_thread`, `_concsim`) and prelude modules written in Python (`threading`,
//! `multiprocessing`) on top of them, plus the builtins the VM itself owns (`print`,
//! `super`, descriptors). Invariant: everything that needs the machine (blocking, time,
//! processes) goes through a kernel `Request` or the fields the kernel keeps current on
//! `Interp` (`now_ns`, `tid`); nothing here reads the host's clock, files or environment.

mod builtins_vm;
pub mod files;
mod ipc;
pub mod matching;
mod signal;
mod stdlib;
pub mod system;
mod thread;

use super::native::NativeData;
use super::value::{Builtin, Module, NativeFn, NativeObj, Value};
use super::{Flow, Interp, Kwargs};
use std::rc::Rc;

pub use builtins_vm::{descriptor_classes, make_builtins, new_descriptor, super_getattr};
pub use thread::ident_of;

/// The native the evaluation loop answers itself (it needs the thread's frames).
pub const CALLER_FRAMES: NativeFn = thread::caller_frames;

/// The native object classes' methods (for `Types::new`).
pub fn native_methods(name: &str) -> &'static [(&'static str, NativeFn)] {
    match name {
        "lock" => thread::LOCK_METHODS,
        "RLock" => thread::RLOCK_METHODS,
        "TextIOWrapper" => system::FILE_METHODS,
        "_local" => thread::LOCAL_METHODS,
        "generator" => crate::vm::generator::METHODS,
        "coroutine" => crate::vm::generator::COROUTINE_METHODS,
        "async_generator" => crate::vm::async_gen::AGEN_METHODS,
        "async_generator_asend" | "async_generator_athrow" => crate::vm::async_gen::OP_METHODS,
        _ => &[],
    }
}

/// The text of a prelude as build.rs copied it into OUT_DIR (its comment-only lines blanked).
macro_rules! prelude {
    ($file:literal) => {
        prelude_from_dev_dir($file).unwrap_or(include_str!(concat!(env!("OUT_DIR"), "/py/", $file)))
    };
}

/// A development aid (native builds only): with `CONCSIM_PRELUDE_DIR=src/vm/modules/py`, a
/// prelude is read from that folder at import, so editing a stdlib module written in Python
/// needs no rebuild, and a module not listed yet is NAME.py there. The text is leaked: one
/// copy per import, acceptable for a developer's runs and never done otherwise.
#[cfg(not(target_arch = "wasm32"))]
fn prelude_from_dev_dir(file: &str) -> Option<&'static str> {
    let dir = std::env::var_os("CONCSIM_PRELUDE_DIR")?;
    let text = std::fs::read_to_string(std::path::Path::new(&dir).join(file)).ok()?;
    Some(Box::leak(text.into_boxed_str()))
}

#[cfg(target_arch = "wasm32")]
fn prelude_from_dev_dir(_file: &str) -> Option<&'static str> {
    None
}

/// Source of the modules written in Python.
pub fn prelude_source(name: &str) -> Option<&'static str> {
    match name {
        "threading" => Some(prelude!("threading.py")),
        "asyncio" => Some(prelude!("asyncio.py")),
        "multiprocessing.synchronize" => Some(prelude!("mp_synchronize.py")),
        "multiprocessing.sharedctypes" => Some(prelude!("mp_sharedctypes.py")),
        "multiprocessing" => Some(prelude!("multiprocessing.py")),
        "queue" => Some(prelude!("queue.py")),
        "subprocess" => Some(prelude!("subprocess.py")),
        "_concsim_iter" => Some(prelude!("_concsim_iter.py")),
        "_concsim_eg" => Some(prelude!("_concsim_eg.py")),
        "_thread" => Some(prelude!("_thread.py")),
        "signal" => Some(prelude!("signal.py")),
        "_concsim_pipe" => Some(prelude!("_concsim_pipe.py")),
        "multiprocessing.pool" => Some(prelude!("pool.py")),
        "multiprocessing.managers" => Some(prelude!("managers.py")),
        "multiprocessing.connection" => Some(prelude!("mp_connection.py")),
        "ctypes" => Some(prelude!("ctypes.py")),
        "mmap" => Some(prelude!("mmap.py")),
        "_concsim_io" => Some(prelude!("_concsim_io.py")),
        "_concsim_os" => Some(prelude!("_concsim_os.py")),
        "posixpath" => Some(prelude!("posixpath.py")),
        "glob" => Some(prelude!("glob.py")),
        "fnmatch" => Some(prelude!("fnmatch.py")),
        "tempfile" => Some(prelude!("tempfile.py")),
        "shutil" => Some(prelude!("shutil.py")),
        "_concsim_sh" => Some(prelude!("_concsim_sh.py")),
        "shlex" => Some(prelude!("shlex.py")),
        "pathlib" => Some(prelude!("pathlib.py")),
        "logging" => Some(prelude!("logging.py")),
        "logging.handlers" => Some(prelude!("logging_handlers.py")),
        "logging.config" => Some(prelude!("logging_config.py")),
        "_concsim_time" => Some(prelude!("_concsim_time.py")),
        "collections" => Some(prelude!("collections.py")),
        "math" => Some(prelude!("math.py")),
        "functools" => Some(prelude!("functools.py")),
        "operator" => Some(prelude!("operator.py")),
        "itertools" => Some(prelude!("itertools.py")),
        "datetime" => Some(prelude!("datetime.py")),
        "dataclasses" => Some(prelude!("dataclasses.py")),
        "pprint" => Some(prelude!("pprint.py")),
        "atexit" => Some(prelude!("atexit.py")),
        "io" => Some(prelude!("io.py")),
        "gc" => Some(prelude!("gc.py")),
        "contextlib" => Some(prelude!("contextlib.py")),
        "heapq" => Some(prelude!("heapq.py")),
        "bisect" => Some(prelude!("bisect.py")),
        "errno" => Some(prelude!("errno.py")),
        "enum" => Some(prelude!("enum.py")),
        "typing" => Some(prelude!("typing.py")),
        "string" => Some(prelude!("string.py")),
        "copy" => Some(prelude!("copy.py")),
        "textwrap" => Some(prelude!("textwrap.py")),
        "select" => Some(prelude!("select.py")),
        "selectors" => Some(prelude!("selectors.py")),
        "socket" => Some(prelude!("socket.py")),
        "socketserver" => Some(prelude!("socketserver.py")),
        "multiprocessing.context" => Some(prelude!("mp_context.py")),
        "concurrent" => Some(prelude!("concurrent.py")),
        "concurrent.futures" => Some(prelude!("futures_init.py")),
        "concurrent.futures._base" => Some(prelude!("futures_base.py")),
        "concurrent.futures.thread" => Some(prelude!("futures_thread.py")),
        "concurrent.futures.process" => Some(prelude!("futures_process.py")),
        // Group re: regular expressions in CPython's sre design.
        "re" => Some(prelude!("re.py")),
        // A module being written: NAME.py in the development folder, before it is listed.
        _ => prelude_from_dev_dir(&format!("{name}.py")),
    }
}

/// The preludes that are packages (they have submodules among the preludes): they get a
/// `__path__`, and a submodule that does not exist is "No module named 'a.b'", not "'a' is
/// not a package".
pub fn is_package(name: &str) -> bool {
    matches!(name, "multiprocessing" | "concurrent" | "concurrent.futures" | "logging")
}

pub fn native_module(it: &mut Interp, name: &str) -> Option<Rc<Module>> {
    let m = Module::new(name, &[]);
    m.set("__name__", Value::str(name));
    let functions: &[(&'static str, NativeFn)] = match name {
        "sys" => {
            system::init_sys(it, &m);
            system::SYS
        }
        "os" => {
            system::init_os(&m);
            files::init_os(&m);
            for (n, f) in files::OS.iter().chain(signal::OS_FUNCTIONS) {
                m.set(n, builtin(n, *f));
            }
            system::OS
        }
        "_concsim_fs" => files::FS,
        "time" => system::TIME,
        "_collections" => stdlib::COLLECTIONS,
        "_math" => {
            stdlib::init_math(&m);
            stdlib::MATH
        }
        "_signal" => {
            signal::init(it, &m);
            signal::FUNCTIONS
        }
        "random" => system::RANDOM,
        "_concsim" => {
            thread::init(it, &m);
            for (n, f) in ipc::FUNCTIONS {
                m.set(n, builtin(n, *f));
            }
            thread::FUNCTIONS
        }
        _ => return None,
    };
    for (n, f) in functions {
        m.set(n, builtin(n, *f));
    }
    Some(m)
}

pub fn builtin(name: &'static str, func: NativeFn) -> Value {
    Value::Builtin(Rc::new(Builtin { name, func, bound: None }))
}

/// `repr()` of native objects.
pub fn native_repr(it: &mut Interp, n: &Rc<NativeObj>) -> Option<String> {
    let addr = it.fake_address(&Value::Native(n.clone()));
    let d = n.data.borrow();
    Some(match &*d {
        NativeData::Lock { owner, count, reentrant: false, .. } => {
            let _ = count;
            format!("<{} _thread.lock object at {}>", if owner.is_some() { "locked" } else { "unlocked" }, addr)
        }
        NativeData::Lock { owner, count, reentrant: true, .. } => format!(
            "<{} _thread.RLock object owner={} count={} at {}>",
            if owner.is_some() { "locked" } else { "unlocked" },
            owner.map(thread::ident_of).unwrap_or(0),
            count,
            addr
        ),
        NativeData::Local { .. } => format!("<_thread._local object at {addr}>"),
        NativeData::File { fd } => format!(
            "<_io.TextIOWrapper name='<{}>' mode='w' encoding='utf-8'>",
            if *fd == 1 { "stdout" } else { "stderr" }
        ),
        _ => return None,
    })
}

/// Argument `i` (positional) or `name` (keyword).
pub fn arg<'a>(args: &'a [Value], kw: &'a Kwargs, i: usize, name: &str) -> Option<&'a Value> {
    args.get(i).or_else(|| kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v))
}

pub fn int_arg(it: &Interp, v: &Value, what: &str) -> Result<i64, Flow> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        other => Err(it.err("TypeError", format!("{what}: an integer is required (got type {})", other.type_name()))),
    }
}

pub fn float_arg(it: &Interp, v: &Value, what: &str) -> Result<f64, Flow> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Float(f) => Ok(*f),
        other => Err(it.err("TypeError", format!("{what}: must be real number, not {}", other.type_name()))),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    /// build.rs blanks only comment lines: every prelude compiles to the same code objects
    /// (instructions, constants, line tables) from its copy as from the file in the tree.
    #[test]
    fn stripped_preludes_compile_alike() {
        let source_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/vm/modules/py");
        let mut compared = 0;
        for entry in std::fs::read_dir(source_dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let original = std::fs::read_to_string(&path).unwrap();
            let stripped = std::fs::read_to_string(format!("{}/py/{name}", env!("OUT_DIR"))).unwrap();
            assert_eq!(original.lines().count(), stripped.lines().count(), "{name}: line count");
            assert!(stripped.len() <= original.len());
            let compile = |text: &str| format!("{:?}", crate::lang::compile_module(&name, text).unwrap().code);
            assert_eq!(compile(&original), compile(&stripped), "{name} compiles differently once stripped");
            compared += 1;
        }
        assert!(compared >= 40, "only {compared} preludes found");
    }
}
