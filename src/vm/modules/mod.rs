//! The standard library as concsim provides it: native modules (`sys`, `os`, `time`,
//! `random`, `_thread`, `_concsim`) and prelude modules written in Python (`threading`,
//! `multiprocessing`) on top of them, plus the builtins the VM itself owns (`print`,
//! `super`, descriptors). Also where each prelude stands in CPython's standard library
//! (`CPYTHON_FILES`: its `__file__` under `STDLIB_DIR`) and which of its lines stand for
//! CPython's lines (`# cpython-line N` marks: the frames tracebacks show). Invariant:
//! everything that needs the machine (blocking, time, processes) goes through a kernel
//! `Request` or the fields the kernel keeps current on `Interp` (`now_ns`, `tid`); nothing here
//! reads the host's clock, files or environment.

mod builtins_vm;
mod data;
pub mod files;
mod frames;
mod introspect;
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

pub use frames::{frame_native, FrameFn};

/// The native object classes' methods (for `Types::new`).
pub fn native_methods(name: &str) -> &'static [(&'static str, NativeFn)] {
    match name {
        "lock" => thread::LOCK_METHODS,
        "RLock" => thread::RLOCK_METHODS,
        "TextIOWrapper" => system::FILE_METHODS,
        "Random" => system::RANDOM_METHODS,
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

/// A prelude the page does not carry: modules no scenario imports, fetched the first time a
/// program imports one (`set_on_demand_loader`), so the page's first load stays small while
/// the standard library grows. Native builds embed them like every prelude; in tests they
/// note each one loaded, so a test can check that no scenario needs one.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! on_demand {
    ($file:literal) => {{
        ON_DEMAND_LOADED.with(|l| l.borrow_mut().push($file));
        Some(prelude!($file))
    }};
}

#[cfg(target_arch = "wasm32")]
macro_rules! on_demand {
    ($file:literal) => {
        fetched_prelude($file)
    };
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static ON_DEMAND_LOADED: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The on-demand preludes this thread has loaded since the last call (native builds: a test
/// checks that no scenario needs one, since the page would fetch it).
#[cfg(not(target_arch = "wasm32"))]
pub fn take_on_demand_loaded() -> Vec<&'static str> {
    ON_DEMAND_LOADED.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Fetches the text of a prelude the page does not carry (`py/NAME.py` beside the page).
pub type OnDemandLoader = fn(&str) -> Option<String>;

#[cfg(target_arch = "wasm32")]
thread_local! {
    static LOADER: std::cell::Cell<Option<OnDemandLoader>> = const { std::cell::Cell::new(None) };
    /// Each file asked for once: its text (leaked, as the embedded ones are static), or None
    /// when it could not be fetched (the import then fails as for an unknown module).
    static FETCHED: std::cell::RefCell<Vec<(&'static str, Option<&'static str>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Installs the page's loader of on-demand preludes (without one, they do not exist).
#[cfg(target_arch = "wasm32")]
pub fn set_on_demand_loader(loader: OnDemandLoader) {
    LOADER.with(|l| l.set(Some(loader)));
}

#[cfg(target_arch = "wasm32")]
fn fetched_prelude(file: &'static str) -> Option<&'static str> {
    if let Some(known) = FETCHED.with(|f| f.borrow().iter().find(|(name, _)| *name == file).map(|(_, text)| *text)) {
        return known;
    }
    let text = LOADER.with(|l| l.get()).and_then(|load| load(file)).map(|t| &*Box::leak(t.into_boxed_str()));
    FETCHED.with(|f| f.borrow_mut().push((file, text)));
    text
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
        "traceback" => Some(prelude!("traceback.py")),
        "_queue" => Some(prelude!("_queue.py")),
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
        "mmap" => on_demand!("mmap.py"),
        "_concsim_io" => Some(prelude!("_concsim_io.py")),
        "_concsim_os" => Some(prelude!("_concsim_os.py")),
        "posixpath" => Some(prelude!("posixpath.py")),
        "glob" => on_demand!("glob.py"),
        "fnmatch" => on_demand!("fnmatch.py"),
        "tempfile" => on_demand!("tempfile.py"),
        "shutil" => on_demand!("shutil.py"),
        "_concsim_sh" => on_demand!("_concsim_sh.py"),
        "shlex" => on_demand!("shlex.py"),
        "pathlib" => on_demand!("pathlib.py"),
        "logging" => Some(prelude!("logging.py")),
        "logging.handlers" => on_demand!("logging_handlers.py"),
        "logging.config" => on_demand!("logging_config.py"),
        "_concsim_time" => Some(prelude!("_concsim_time.py")),
        "collections" => Some(prelude!("collections.py")),
        "math" => Some(prelude!("math.py")),
        "functools" => Some(prelude!("functools.py")),
        "operator" => on_demand!("operator.py"),
        "itertools" => Some(prelude!("itertools.py")),
        "datetime" => on_demand!("datetime.py"),
        "dataclasses" => on_demand!("dataclasses.py"),
        "pprint" => on_demand!("pprint.py"),
        "atexit" => Some(prelude!("atexit.py")),
        "io" => Some(prelude!("io.py")),
        "gc" => on_demand!("gc.py"),
        "contextlib" => on_demand!("contextlib.py"),
        "heapq" => on_demand!("heapq.py"),
        "bisect" => on_demand!("bisect.py"),
        "errno" => on_demand!("errno.py"),
        "enum" => on_demand!("enum.py"),
        "typing" => on_demand!("typing.py"),
        "string" => Some(prelude!("string.py")),
        "copy" => on_demand!("copy.py"),
        "textwrap" => on_demand!("textwrap.py"),
        "select" => Some(prelude!("select.py")),
        "selectors" => on_demand!("selectors.py"),
        "socket" => on_demand!("socket.py"),
        "socketserver" => on_demand!("socketserver.py"),
        "asyncio.subprocess" => on_demand!("asyncio_subprocess.py"),
        "asyncio.streams" => on_demand!("asyncio_streams.py"),
        // asyncio's other submodules (asyncio.exceptions...) answer from asyncio itself.
        n if n.strip_prefix("asyncio.").is_some_and(|s| {
            "base_events coroutines events exceptions futures locks queues runners taskgroups tasks timeouts"
                .split(' ')
                .any(|m| m == s)
        }) =>
        {
            on_demand!("asyncio_alias.py")
        }
        "multiprocessing.context" => Some(prelude!("mp_context.py")),
        "concurrent" => Some(prelude!("concurrent.py")),
        "concurrent.futures" => Some(prelude!("futures_init.py")),
        "concurrent.futures._base" => Some(prelude!("futures_base.py")),
        "concurrent.futures.thread" => Some(prelude!("futures_thread.py")),
        "concurrent.futures.process" => Some(prelude!("futures_process.py")),
        // Language support (abc, types, warnings, argparse, statistics, timeit, contextvars, weakref).
        "abc" => on_demand!("abc.py"),
        "types" => on_demand!("types.py"),
        "warnings" => Some(prelude!("warnings.py")),
        "argparse" => on_demand!("argparse.py"),
        "statistics" => on_demand!("statistics.py"),
        "timeit" => on_demand!("timeit.py"),
        "contextvars" => on_demand!("contextvars.py"),
        "weakref" => on_demand!("weakref.py"),
        // Builtin subclasses group: bytearray and memoryview, builtins names resolved lazily.
        "_concsim_bytes" => on_demand!("_concsim_bytes.py"),
        "_concsim_textio" => on_demand!("_concsim_textio.py"),
        "_concsim_aio" => on_demand!("_concsim_aio.py"),
        "_concsim_more" => on_demand!("_concsim_more.py"),
        // The data formats (json, hashlib, struct, base64, binascii, uuid).
        "json" => on_demand!("json.py"),
        "json.decoder" => on_demand!("json_decoder.py"),
        "json.encoder" => on_demand!("json_encoder.py"),
        "hashlib" => on_demand!("hashlib.py"),
        "struct" => on_demand!("struct.py"),
        "base64" => on_demand!("base64.py"),
        "binascii" => on_demand!("binascii.py"),
        "uuid" => on_demand!("uuid.py"),
        // Regular expressions in CPython's sre design.
        "re" => on_demand!("re.py"),
        // VM gaps (issue 16): the namespaces of globals() and frames, importlib, random.Random, complex.
        "_concsim_ns" => on_demand!("_concsim_ns.py"),
        "importlib" => on_demand!("importlib.py"),
        "_concsim_random" => on_demand!("_concsim_random.py"),
        "_concsim_complex" => on_demand!("_concsim_complex.py"),
        // Breadth 2: platform, getpass, secrets, sched, fractions, csv, shared memory.
        "platform" => on_demand!("platform.py"),
        "getpass" => on_demand!("getpass.py"),
        "secrets" => on_demand!("secrets.py"),
        "sched" => on_demand!("sched.py"),
        "fractions" => on_demand!("fractions.py"),
        "csv" => on_demand!("csv.py"),
        "multiprocessing.shared_memory" => on_demand!("mp_shared_memory.py"),
        // Breadth 3 (mods): collections.abc, pickle, inspect, urllib, numbers, codecs, zlib,
        // array, decimal, locale, unittest, http, smtplib, sqlite3, zipfile, gzip, tarfile.
        "collections.abc" => on_demand!("collections_abc.py"),
        "pickle" => on_demand!("pickle.py"),
        "inspect" => on_demand!("inspect.py"),
        "urllib" => on_demand!("urllib.py"),
        "urllib.parse" => on_demand!("urllib_parse.py"),
        "urllib.request" => on_demand!("urllib_request.py"),
        "urllib.error" => on_demand!("urllib_error.py"),
        "numbers" => on_demand!("numbers.py"),
        "codecs" => on_demand!("codecs.py"),
        "zlib" => on_demand!("zlib.py"),
        "array" => on_demand!("array.py"),
        "decimal" => on_demand!("decimal.py"),
        "locale" => on_demand!("locale.py"),
        "unittest" => on_demand!("unittest.py"),
        "http" => on_demand!("http.py"),
        "http.server" => on_demand!("http_server.py"),
        "http.client" => on_demand!("http_client.py"),
        "smtplib" => on_demand!("smtplib.py"),
        "sqlite3" => on_demand!("sqlite3.py"),
        "zipfile" => on_demand!("zipfile.py"),
        "gzip" => on_demand!("gzip.py"),
        "tarfile" => on_demand!("tarfile.py"),
        // A module being written: NAME.py in the development folder, before it is listed.
        _ => prelude_from_dev_dir(&format!("{name}.py")),
    }
}

/// Where the simulated machine's Python keeps its standard library (`sys.executable` is
/// /usr/bin/python3): the directory of the `__file__` of the preludes that stand for one of
/// CPython's pure-Python modules, and of the frames tracebacks show in them.
pub const STDLIB_DIR: &str = "/usr/lib/python3.11/";

/// The preludes that stand for one of CPython 3.11's pure-Python modules, with that module's
/// file under `STDLIB_DIR`. The others stand for C modules (`_thread`, `math`, `select`,
/// `mmap`, `itertools`...) or are concsim's own (`_concsim_*`): they have no `__file__`.
pub const CPYTHON_FILES: &[(&str, &str)] = &[
    ("threading", "threading.py"),
    ("asyncio", "asyncio/__init__.py"),
    ("multiprocessing", "multiprocessing/__init__.py"),
    ("multiprocessing.synchronize", "multiprocessing/synchronize.py"),
    ("multiprocessing.sharedctypes", "multiprocessing/sharedctypes.py"),
    ("multiprocessing.pool", "multiprocessing/pool.py"),
    ("multiprocessing.managers", "multiprocessing/managers.py"),
    ("multiprocessing.connection", "multiprocessing/connection.py"),
    ("multiprocessing.context", "multiprocessing/context.py"),
    ("queue", "queue.py"),
    ("traceback", "traceback.py"),
    ("subprocess", "subprocess.py"),
    ("signal", "signal.py"),
    ("ctypes", "ctypes/__init__.py"),
    ("posixpath", "posixpath.py"),
    ("glob", "glob.py"),
    ("fnmatch", "fnmatch.py"),
    ("tempfile", "tempfile.py"),
    ("shutil", "shutil.py"),
    ("shlex", "shlex.py"),
    ("pathlib", "pathlib.py"),
    ("logging", "logging/__init__.py"),
    ("logging.handlers", "logging/handlers.py"),
    ("logging.config", "logging/config.py"),
    ("collections", "collections/__init__.py"),
    ("functools", "functools.py"),
    ("operator", "operator.py"),
    ("datetime", "datetime.py"),
    ("dataclasses", "dataclasses.py"),
    ("pprint", "pprint.py"),
    ("io", "io.py"),
    ("contextlib", "contextlib.py"),
    ("heapq", "heapq.py"),
    ("bisect", "bisect.py"),
    ("enum", "enum.py"),
    ("typing", "typing.py"),
    ("string", "string.py"),
    ("copy", "copy.py"),
    ("textwrap", "textwrap.py"),
    ("concurrent", "concurrent/__init__.py"),
    ("concurrent.futures", "concurrent/futures/__init__.py"),
    ("concurrent.futures._base", "concurrent/futures/_base.py"),
    ("concurrent.futures.thread", "concurrent/futures/thread.py"),
    ("concurrent.futures.process", "concurrent/futures/process.py"),
    ("socket", "socket.py"),
    ("selectors", "selectors.py"),
    ("socketserver", "socketserver.py"),
    ("abc", "abc.py"),
    ("types", "types.py"),
    ("warnings", "warnings.py"),
    ("argparse", "argparse.py"),
    ("statistics", "statistics.py"),
    ("timeit", "timeit.py"),
    ("contextvars", "contextvars.py"),
    ("weakref", "weakref.py"),
    ("json", "json/__init__.py"),
    ("json.decoder", "json/decoder.py"),
    ("json.encoder", "json/encoder.py"),
    ("hashlib", "hashlib.py"),
    ("struct", "struct.py"),
    ("base64", "base64.py"),
    ("uuid", "uuid.py"),
    ("re", "re/__init__.py"),
    ("platform", "platform.py"),
    ("getpass", "getpass.py"),
    ("secrets", "secrets.py"),
    ("sched", "sched.py"),
    ("fractions", "fractions.py"),
    ("csv", "csv.py"),
    ("multiprocessing.shared_memory", "multiprocessing/shared_memory.py"),
    ("collections.abc", "collections/abc.py"),
    ("pickle", "pickle.py"),
    ("inspect", "inspect.py"),
    ("urllib", "urllib/__init__.py"),
    ("urllib.parse", "urllib/parse.py"),
    ("urllib.request", "urllib/request.py"),
    ("urllib.error", "urllib/error.py"),
    ("numbers", "numbers.py"),
    ("codecs", "codecs.py"),
    ("decimal", "decimal.py"),
    ("locale", "locale.py"),
    ("unittest", "unittest/__init__.py"),
    ("http", "http/__init__.py"),
    ("http.server", "http/server.py"),
    ("http.client", "http/client.py"),
    ("smtplib", "smtplib.py"),
    ("sqlite3", "sqlite3/__init__.py"),
    ("zipfile", "zipfile.py"),
    ("gzip", "gzip.py"),
    ("tarfile", "tarfile.py"),
];

/// The file, under `STDLIB_DIR`, of the CPython module prelude `name` stands for.
pub fn cpython_file(name: &str) -> Option<&'static str> {
    CPYTHON_FILES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// The prelude whose CPython file is `path` (a full path under `STDLIB_DIR`), the inverse of
/// `cpython_file`.
pub fn prelude_of_cpython_file(path: &str) -> Option<String> {
    let rel = path.strip_prefix(STDLIB_DIR)?;
    let module = rel.strip_suffix("/__init__.py").or_else(|| rel.strip_suffix(".py"))?.replace('/', ".");
    (cpython_file(&module) == Some(rel)).then_some(module)
}

/// The marker that ends a prelude line standing for a line of CPython's module
/// (`self.run()  # cpython-line 1045`): a traceback passing through it shows CPython's frame.
/// `# cpython-line FILE:N` names another file under `STDLIB_DIR` than the prelude's own
/// (`asyncio/runners.py:118`: CPython's asyncio is a package of several files).
pub const CPYTHON_LINE_MARK: &str = "# cpython-line ";

/// What tracebacks show of a prelude's frames: the lines marked with `CPYTHON_LINE_MARK`,
/// mapped to CPython's files and line numbers. Frames at other lines of a prelude stay hidden.
pub struct CpythonLines {
    /// (prelude line, index in `files`, CPython line), sorted by prelude line.
    pub lines: Vec<(u32, usize, u32)>,
    /// The CPython files the marks name (full paths under `STDLIB_DIR`), each with its text as
    /// far as the marks tell it: at each marked CPython line the prelude line's text without
    /// its marker, every other line empty (what the traceback prints).
    pub files: Vec<(Rc<str>, Rc<str>)>,
}

impl CpythonLines {
    /// The CPython file and line that prelude line `line` stands for.
    pub fn cpython_line(&self, line: u32) -> Option<(Rc<str>, u32)> {
        let k = self.lines.binary_search_by_key(&line, |&(ours, _, _)| ours).ok()?;
        let (_, file, number) = self.lines[k];
        Some((self.files[file].0.clone(), number))
    }
}

/// Reads the marks of a prelude's source (see `CpythonLines`); `file` is the prelude's own
/// CPython file (under `STDLIB_DIR`). None when it has no marks. Panics on a malformed mark or
/// two marks claiming one CPython line (a test reads them all).
pub fn parse_cpython_lines(file: &str, source: &str) -> Option<CpythonLines> {
    let mut lines = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut texts: Vec<(usize, u32, &str)> = Vec::new();
    for (k, line) in source.lines().enumerate() {
        let Some(at) = line.find(CPYTHON_LINE_MARK) else { continue };
        let mark = line[at + CPYTHON_LINE_MARK.len()..].trim();
        let (name, number) = match mark.rsplit_once(':') {
            Some((name, number)) => (name, number),
            None => (file, mark),
        };
        let number: u32 =
            number.parse().unwrap_or_else(|_| panic!("{file}: malformed {CPYTHON_LINE_MARK:?} on line {}", k + 1));
        let index = match names.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                names.push(name.to_string());
                names.len() - 1
            }
        };
        lines.push((k as u32 + 1, index, number));
        texts.push((index, number, line[..at].trim_end()));
    }
    if lines.is_empty() {
        return None;
    }
    texts.sort();
    assert!(
        texts.windows(2).all(|w| (w[0].0, w[0].1) != (w[1].0, w[1].1)),
        "{file}: two lines marked with one CPython line"
    );
    let files = names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let mut text = String::new();
            let mut at = 1;
            for &(_, number, code) in texts.iter().filter(|t| t.0 == index) {
                while at < number {
                    text.push('\n');
                    at += 1;
                }
                text.push_str(code);
                text.push('\n');
                at += 1;
            }
            (Rc::from(format!("{STDLIB_DIR}{name}")), Rc::from(text))
        })
        .collect();
    Some(CpythonLines { lines, files })
}

thread_local! {
    /// `cpython_lines` of each prelude, read once (the preludes' sources are fixed).
    static CPYTHON_LINES: std::cell::RefCell<rustc_hash::FxHashMap<&'static str, Option<Rc<CpythonLines>>>> =
        std::cell::RefCell::new(Default::default());
}

/// The marked lines of prelude `name` (None when it stands for no CPython file or has no
/// marks), computed on first use: only an exception passing through a prelude asks.
pub fn cpython_lines(name: &str) -> Option<Rc<CpythonLines>> {
    let (name, file) = CPYTHON_FILES.iter().find(|(n, _)| *n == name)?;
    if let Some(known) = CPYTHON_LINES.with(|c| c.borrow().get(name).cloned()) {
        return known;
    }
    let marks = parse_cpython_lines(file, prelude_source(name)?).map(Rc::new);
    CPYTHON_LINES.with(|c| c.borrow_mut().insert(name, marks.clone()));
    marks
}

/// The text a traceback shows for a frame in CPython file `path` (see `CpythonLines::files`):
/// from the prelude that stands for that file, else from any prelude whose marks name it.
pub fn cpython_source(path: &str) -> Option<Rc<str>> {
    let find = |name: &str| {
        let marks = cpython_lines(name)?;
        marks.files.iter().find(|(p, _)| &**p == path).map(|(_, text)| text.clone())
    };
    if let Some(text) = prelude_of_cpython_file(path).and_then(|name| find(&name)) {
        return Some(text);
    }
    CPYTHON_FILES.iter().find_map(|(name, _)| find(name))
}

/// Modules CPython 3.11 freezes into its executable (their repr says `(frozen)`, though they
/// have a `__file__`).
pub fn frozen_in_cpython(name: &str) -> bool {
    matches!(name, "posixpath" | "io")
}

/// The preludes that are packages (they have submodules among the preludes): they get a
/// `__path__`, and a submodule that does not exist is "No module named 'a.b'", not "'a' is
/// not a package".
pub fn is_package(name: &str) -> bool {
    matches!(
        name,
        "multiprocessing"
            | "asyncio"
            | "concurrent"
            | "concurrent.futures"
            | "logging"
            | "json"
            | "collections"
            | "urllib"
            | "http"
            | "unittest"
            | "sqlite3"
    )
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
            for (n, f) in ipc::FUNCTIONS.iter().chain(data::FUNCTIONS).chain(introspect::FUNCTIONS) {
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
        // A subclass's instance is named by its class, as CPython's `object.__repr__`.
        NativeData::Local { .. } if !n.class.builtin => {
            format!("<{}.{} object at {addr}>", n.class.module, n.class.qualname)
        }
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

    /// Every line marked with CPython's line number is in a prelude that stands for a CPython
    /// file, and (when python3 is CPython 3.11.7, the version the numbers are of) reads as
    /// CPython's line there, indentation aside.
    #[test]
    fn cpython_line_marks_match_cpython() {
        let source_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/vm/modules/py");
        let mut marked_files = 0;
        for entry in std::fs::read_dir(source_dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            marked_files += text.contains(super::CPYTHON_LINE_MARK) as usize;
        }
        let mut with_marks = 0;
        for (name, _) in super::CPYTHON_FILES {
            assert!(super::prelude_source(name).is_some(), "{name} is not a prelude");
            with_marks += super::cpython_lines(name).is_some() as usize;
        }
        assert_eq!(with_marks, marked_files, "a prelude with marks stands for no CPython file");
        let stdlib = std::process::Command::new("python3")
            .args(["-c", "import sys, sysconfig; print(sys.version.split()[0], sysconfig.get_paths()['stdlib'])"])
            .output();
        let Ok(out) = stdlib else { return };
        let out = String::from_utf8_lossy(&out.stdout).into_owned();
        let Some(("3.11.7", dir)) = out.trim().split_once(' ') else {
            println!("note: python3 is not CPython 3.11.7; the marks were not compared");
            return;
        };
        let mut compared = 0;
        for (name, _) in super::CPYTHON_FILES {
            let Some(marks) = super::cpython_lines(name) else { continue };
            for &(ours, index, number) in &marks.lines {
                let (path, text) = &marks.files[index];
                let file = path.strip_prefix(super::STDLIB_DIR).unwrap();
                let cpython = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
                let want = cpython.lines().nth(number as usize - 1).unwrap_or("").trim();
                let have = text.lines().nth(number as usize - 1).unwrap_or("").trim();
                assert_eq!(have, want, "{name} line {ours}: CPython's {file} line {number} differs");
                compared += 1;
            }
        }
        assert!(compared >= 10, "only {compared} marks compared");
    }
}
