//! The standard library as concsim provides it: native modules (`sys`, `os`, `time`,
//! `random`, `_thread`, `_concsim`) and prelude modules written in Python (`threading`,
//! `multiprocessing`) on top of them, plus the builtins the VM itself owns (`print`,
//! `super`, descriptors). Invariant: everything that needs the machine (blocking, time,
//! processes) goes through a kernel `Request` or the fields the kernel keeps current on
//! `Interp` (`now_ns`, `tid`); nothing here reads the host's clock, files or environment.

mod builtins_vm;
pub mod files;
mod ipc;
mod signal;
mod stdlib;
pub mod system;
mod thread;

use super::native::NativeData;
use super::value::{Builtin, Module, NativeFn, NativeObj, Value};
use super::{Flow, Interp, Kwargs};
use std::rc::Rc;

pub use builtins_vm::{descriptor_classes, make_builtins, super_getattr};
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
        _ => &[],
    }
}

/// Source of the modules written in Python.
pub fn prelude_source(name: &str) -> Option<&'static str> {
    match name {
        "threading" => Some(include_str!("py/threading.py")),
        "asyncio" => Some(include_str!("py/asyncio.py")),
        "multiprocessing.synchronize" => Some(include_str!("py/mp_synchronize.py")),
        "multiprocessing.sharedctypes" => Some(include_str!("py/mp_sharedctypes.py")),
        "multiprocessing" => Some(include_str!("py/multiprocessing.py")),
        "queue" => Some(include_str!("py/queue.py")),
        "subprocess" => Some(include_str!("py/subprocess.py")),
        "_concsim_iter" => Some(include_str!("py/_concsim_iter.py")),
        "_thread" => Some(include_str!("py/_thread.py")),
        "signal" => Some(include_str!("py/signal.py")),
        "_concsim_pipe" => Some(include_str!("py/_concsim_pipe.py")),
        "multiprocessing.pool" => Some(include_str!("py/pool.py")),
        "multiprocessing.managers" => Some(include_str!("py/managers.py")),
        "_concsim_io" => Some(include_str!("py/_concsim_io.py")),
        "_concsim_os" => Some(include_str!("py/_concsim_os.py")),
        "posixpath" => Some(include_str!("py/posixpath.py")),
        "glob" => Some(include_str!("py/glob.py")),
        "fnmatch" => Some(include_str!("py/fnmatch.py")),
        "tempfile" => Some(include_str!("py/tempfile.py")),
        "shutil" => Some(include_str!("py/shutil.py")),
        "_concsim_sh" => Some(include_str!("py/_concsim_sh.py")),
        "shlex" => Some(include_str!("py/shlex.py")),
        "pathlib" => Some(include_str!("py/pathlib.py")),
        "logging" => Some(include_str!("py/logging.py")),
        "logging.handlers" => Some(include_str!("py/logging_handlers.py")),
        "logging.config" => Some(include_str!("py/logging_config.py")),
        "_concsim_time" => Some(include_str!("py/_concsim_time.py")),
        "collections" => Some(include_str!("py/collections.py")),
        "math" => Some(include_str!("py/math.py")),
        "functools" => Some(include_str!("py/functools.py")),
        "operator" => Some(include_str!("py/operator.py")),
        "itertools" => Some(include_str!("py/itertools.py")),
        "datetime" => Some(include_str!("py/datetime.py")),
        "dataclasses" => Some(include_str!("py/dataclasses.py")),
        "pprint" => Some(include_str!("py/pprint.py")),
        "atexit" => Some(include_str!("py/atexit.py")),
        "io" => Some(include_str!("py/io.py")),
        "gc" => Some(include_str!("py/gc.py")),
        "contextlib" => Some(include_str!("py/contextlib.py")),
        "heapq" => Some(include_str!("py/heapq.py")),
        "bisect" => Some(include_str!("py/bisect.py")),
        "string" => Some(include_str!("py/string.py")),
        "copy" => Some(include_str!("py/copy.py")),
        "textwrap" => Some(include_str!("py/textwrap.py")),
        "select" => Some(include_str!("py/select.py")),
        "multiprocessing.context" => Some(include_str!("py/mp_context.py")),
        "concurrent" => Some(include_str!("py/concurrent.py")),
        "concurrent.futures" => Some(include_str!("py/futures_init.py")),
        "concurrent.futures._base" => Some(include_str!("py/futures_base.py")),
        "concurrent.futures.thread" => Some(include_str!("py/futures_thread.py")),
        "concurrent.futures.process" => Some(include_str!("py/futures_process.py")),
        _ => None,
    }
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
