//! Files as a process sees them: the natives under `open()` (module `_concsim_fs`, used by
//! the `_concsim_io` prelude's file objects), the `os` functions on paths (`getcwd`, `chdir`,
//! `listdir`, `mkdir`, `rmdir`, `remove`/`unlink`, `rename`/`replace`, `stat`'s fields) and
//! `import` of a module beside the program. Invariant: every path is resolved against the
//! process's working directory and handed to the host's `sim::fs::Fs`, never to the host's
//! own files (a real run's `Fs::Dir` is its private directory); failures raise CPython's
//! `OSError` subclass for the errno, with the path as the caller gave it.

use super::{arg, int_arg};
use crate::vm::fs::{self, Fs, Snapshot};
use crate::vm::value::{NativeFn, Value};
use crate::vm::{Flow, Interp, Kwargs};

pub const FS: &[(&str, NativeFn)] = &[
    ("open", fs_open),
    ("read", fs_read),
    ("write", fs_write),
    ("truncate", fs_truncate),
    ("stdin", fs_stdin),
    ("script_dir", fs_script_dir),
    ("load_main", fs_load_main),
];

pub const OS: &[(&str, NativeFn)] = &[
    ("getcwd", getcwd),
    ("chdir", chdir),
    ("listdir", listdir),
    ("mkdir", mkdir),
    ("rmdir", rmdir),
    ("remove", remove),
    ("unlink", remove),
    ("rename", rename),
    ("replace", rename),
    ("_stat", stat),
    ("strerror", strerror),
    ("fspath", fspath),
    ("access", access),
];

/// `os`'s constants for files.
pub fn init_os(m: &crate::vm::value::Module) {
    for (n, v) in
        [("F_OK", 0), ("R_OK", 4), ("W_OK", 2), ("X_OK", 1), ("SEEK_SET", 0), ("SEEK_CUR", 1), ("SEEK_END", 2)]
    {
        m.set(n, Value::Int(v));
    }
}

impl Interp {
    /// The host's files and where this process stands in them (the snapshot's working and
    /// program directories; `/` when it has none).
    pub fn set_files(&mut self, fs: Fs, snap: &Snapshot) {
        self.fs = fs;
        self.cwd = if snap.cwd.is_empty() { "/".into() } else { fs::normalize(&snap.cwd) };
        self.script_dir = if snap.dir.is_empty() { self.cwd.clone() } else { fs::normalize(&snap.dir) };
    }

    /// `path` made absolute against the working directory, normalized.
    pub fn abs_path(&self, path: &str) -> String {
        if path.starts_with('/') {
            fs::normalize(path)
        } else {
            fs::normalize(&format!("{}/{path}", self.cwd))
        }
    }

    /// `OSError(errno, strerror, filename[, None, filename2])`, as the subclass for errno.
    pub fn os_error(&self, errno: i32, filename: Option<Value>, filename2: Option<Value>) -> Flow {
        let mut args = vec![Value::Int(i64::from(errno)), Value::str(fs::strerror(errno))];
        if let Some(f) = filename {
            args.push(f);
            if let Some(g) = filename2 {
                args.push(Value::None);
                args.push(g);
            }
        }
        let os_error = self.types.exceptions["OSError"].clone();
        Flow::Raise(self.new_instance(&os_error, args))
    }

    /// A `_concsim_fs`/`os` path argument: a str (as CPython's `os` functions take it).
    fn path_str(&mut self, v: Option<&Value>, func: &str, name: &str) -> Result<String, Flow> {
        match v {
            Some(Value::Str(s)) => Ok(s.to_string()),
            // An os.PathLike (pathlib's paths, os.DirEntry): its __fspath__().
            Some(inst @ Value::Instance(_)) if self.get_attr(inst, "__fspath__").is_ok() => {
                let f = self.get_attr(inst, "__fspath__")?;
                match self.call(&f, Vec::new())? {
                    Value::Str(s) => Ok(s.to_string()),
                    other => Err(self.err(
                        "TypeError",
                        format!("expected __fspath__() to return str or bytes, not {}", other.type_name()),
                    )),
                }
            }
            Some(other) => Err(self.err(
                "TypeError",
                format!("{func}: {name} should be string, bytes or os.PathLike, not {}", other.type_name()),
            )),
            None => Err(self.err("TypeError", format!("{func}() missing required argument '{name}' (pos 1)"))),
        }
    }
}

fn truthy(v: Option<&Value>) -> bool {
    matches!(v, Some(Value::Bool(true))) || matches!(v, Some(Value::Int(i)) if *i != 0)
}

/// `open(path, create, excl, trunc, write)`: checks and creates as open(2) would; returns the
/// absolute path the file object then reads and writes by.
fn fs_open(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let given = arg(args, kw, 0, "path").cloned().unwrap_or(Value::None);
    let path = match &given {
        Value::Str(s) => s.to_string(),
        other => {
            return Err(
                it.err("TypeError", format!("expected str, bytes or os.PathLike object, not {}", other.type_name()))
            )
        }
    };
    let abs = it.abs_path(&path);
    let now = it.now();
    let (create, excl, trunc, write) =
        (truthy(args.get(1)), truthy(args.get(2)), truthy(args.get(3)), truthy(args.get(4)));
    match it.fs.open(&abs, create, excl, trunc, write, now) {
        Ok(()) => {
            it.file_log.push(("open", abs.clone(), 0));
            Ok(Value::str(&abs))
        }
        Err(e) => Err(it.os_error(e, Some(given), None)),
    }
}

fn fs_read(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let path = it.path_str(arg(args, kw, 0, "path"), "read", "path")?;
    let offset = int_arg(it, arg(args, kw, 1, "offset").unwrap_or(&Value::Int(0)), "read()")?.max(0) as u64;
    let n = match arg(args, kw, 2, "n") {
        None | Some(Value::None) => None,
        Some(v) => Some(int_arg(it, v, "read()")?.max(0) as u64),
    };
    match it.fs.read(&path, offset, n) {
        Ok(data) => {
            it.file_log.push(("read", path, data.len() as u64));
            Ok(Value::Bytes(data.into()))
        }
        // A file removed while open reads as empty here (Linux would still read its inode).
        Err(fs::ENOENT) => Ok(Value::Bytes(Vec::new().into())),
        Err(e) => Err(it.os_error(e, None, None)),
    }
}

/// `write(path, offset or None (append), data)`: returns the offset after the write.
fn fs_write(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let path = it.path_str(arg(args, kw, 0, "path"), "write", "path")?;
    let offset = match arg(args, kw, 1, "offset") {
        None | Some(Value::None) => None,
        Some(v) => Some(int_arg(it, v, "write()")?.max(0) as u64),
    };
    let data: Vec<u8> = match arg(args, kw, 2, "data") {
        Some(Value::Bytes(b)) => b.to_vec(),
        Some(Value::Str(s)) => s.as_bytes().to_vec(),
        _ => return Err(it.err("TypeError", "a bytes-like object is required")),
    };
    let now = it.now();
    match it.fs.write(&path, offset, &data, now) {
        Ok(end) => {
            it.file_log.push(("write", path, data.len() as u64));
            Ok(Value::Int(end as i64))
        }
        // Written to a file removed while open: gone with it, as its inode would be.
        Err(fs::ENOENT) => Ok(Value::Int((offset.unwrap_or(0) + data.len() as u64) as i64)),
        Err(e) => Err(it.os_error(e, None, None)),
    }
}

fn fs_truncate(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let path = it.path_str(arg(args, kw, 0, "path"), "truncate", "path")?;
    let size = int_arg(it, arg(args, kw, 1, "size").unwrap_or(&Value::Int(0)), "truncate()")?.max(0) as u64;
    match it.fs.truncate(&path, size) {
        Ok(()) | Err(fs::ENOENT) => Ok(Value::Int(size as i64)),
        Err(e) => Err(it.os_error(e, None, None)),
    }
}

fn fs_stdin(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Str(it.stdin.clone()))
}

fn fs_script_dir(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::str(&it.script_dir))
}

fn getcwd(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::str(&it.cwd))
}

fn chdir(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let given = arg(args, kw, 0, "path").cloned();
    let path = it.path_str(given.as_ref(), "chdir", "path")?;
    let abs = it.abs_path(&path);
    match it.fs.stat(&abs) {
        Ok(s) if s.is_dir => {
            it.cwd = abs;
            Ok(Value::None)
        }
        Ok(_) => Err(it.os_error(fs::ENOTDIR, Some(Value::str(&path)), None)),
        Err(e) => Err(it.os_error(e, Some(Value::str(&path)), None)),
    }
}

fn listdir(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let given = arg(args, kw, 0, "path").cloned().filter(|v| !v.is_none());
    let path = match &given {
        Some(v) => it.path_str(Some(v), "listdir", "path")?,
        None => ".".into(),
    };
    let abs = it.abs_path(&path);
    match it.fs.listdir(&abs) {
        Ok(names) => Ok(Value::list(names.iter().map(|n| Value::str(n)).collect())),
        Err(e) => Err(it.os_error(e, Some(Value::str(&path)), None)),
    }
}

/// The shared shape of the one-path operations.
fn one_path(
    it: &mut Interp,
    args: &[Value],
    kw: &Kwargs,
    func: &'static str,
    op: fn(&Fs, &str) -> Result<(), i32>,
) -> Result<Value, Flow> {
    let given = arg(args, kw, 0, "path").cloned();
    let path = it.path_str(given.as_ref(), func, "path")?;
    let abs = it.abs_path(&path);
    match op(&it.fs, &abs) {
        Ok(()) => {
            it.file_log.push((func, abs, 0));
            Ok(Value::None)
        }
        Err(e) => Err(it.os_error(e, Some(Value::str(&path)), None)),
    }
}

fn mkdir(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    one_path(it, args, kw, "mkdir", Fs::mkdir)
}

fn rmdir(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    one_path(it, args, kw, "rmdir", Fs::rmdir)
}

fn remove(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    one_path(it, args, kw, "remove", Fs::unlink)
}

fn rename(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let src = arg(args, kw, 0, "src").cloned();
    let dst = arg(args, kw, 1, "dst").cloned();
    let a = it.path_str(src.as_ref(), "rename", "src")?;
    let b = it.path_str(dst.as_ref(), "rename", "dst")?;
    let (abs_a, abs_b) = (it.abs_path(&a), it.abs_path(&b));
    match it.fs.rename(&abs_a, &abs_b) {
        Ok(()) => {
            it.file_log.push(("rename", format!("{abs_a} -> {abs_b}"), 0));
            Ok(Value::None)
        }
        Err(e) => Err(it.os_error(e, Some(Value::str(&a)), Some(Value::str(&b)))),
    }
}

/// `_stat(path)`: `(is_dir, size, mtime_ns)` for the prelude's `os.stat`.
fn stat(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let given = arg(args, kw, 0, "path").cloned();
    let path = it.path_str(given.as_ref(), "stat", "path")?;
    let abs = it.abs_path(&path);
    match it.fs.stat(&abs) {
        Ok(s) => {
            Ok(Value::tuple(vec![Value::Bool(s.is_dir), Value::Int(s.size as i64), Value::Int(s.mtime_ns as i64)]))
        }
        Err(e) => Err(it.os_error(e, Some(Value::str(&path)), None)),
    }
}

fn strerror(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let n = int_arg(it, arg(args, kw, 0, "code").unwrap_or(&Value::Int(0)), "strerror()")?;
    Ok(Value::str(fs::strerror(n as i32)))
}

fn fspath(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    match arg(args, kw, 0, "path") {
        Some(v @ (Value::Str(_) | Value::Bytes(_))) => Ok(v.clone()),
        Some(other) => {
            Err(it.err("TypeError", format!("expected str, bytes or os.PathLike object, not {}", other.type_name())))
        }
        None => Err(it.err("TypeError", "fspath() missing required argument 'path' (pos 1)")),
    }
}

fn access(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let path = it.path_str(arg(args, kw, 0, "path"), "access", "path")?;
    let abs = it.abs_path(&path);
    Ok(Value::Bool(it.fs.stat(&abs).is_ok()))
}

/// `load_main(path, argv[, source])`: what `python3 FILE.py` (or `python3 -c CODE`) runs in a
/// simulated shell's process (the process "execs" the program): FILE compiled as a fresh
/// `__main__` module, returned as a function of no arguments whose frame runs the module's
/// body (so it may block, start threads and fork like any program). `sys.argv` becomes `argv`.
fn fs_load_main(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    use crate::vm::value::{Function, Module};
    use std::cell::RefCell;
    use std::rc::Rc;
    let given = arg(args, kw, 0, "path").cloned();
    let path = it.path_str(given.as_ref(), "load_main", "path")?;
    let abs = it.abs_path(&path);
    // `python3 -c CODE` gives its code (and "<string>" as the path): no file, no __file__.
    let code = match arg(args, kw, 2, "source") {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    let bytes = match &code {
        Some(code) => code.clone().into_bytes(),
        None => match it.fs.read(&abs, 0, None) {
            Ok(b) => b,
            Err(e) => return Err(it.os_error(e, Some(Value::str(&abs)), None)),
        },
    };
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
            return Err(it.err(
                "SyntaxError",
                format!(
                    "Non-UTF-8 code starting with '\\x{:02x}' in file {abs} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                    e.as_bytes()[at]
                ),
            ));
        }
    };
    // A file's code is named as CPython names a main program's (`python3 -c`: "<string>").
    let shown = if code.is_some() { path.clone() } else { crate::vm::fs::shown_main_path(&it.cwd, &path) };
    let compiled = crate::lang::compile_module(&shown, &source)
        .map_err(|e| it.err(e.kind, format!("{} ({shown}, line {})", e.msg, e.line)))?;
    let module = Module::new("__main__", &compiled.global_names);
    module.set("__name__", Value::str("__main__"));
    if code.is_none() {
        // (CPython shows no source lines for "<string>".)
        let mut sources = (*it.sources).clone();
        sources.insert(Rc::from(shown.as_str()), Rc::from(source.as_str()));
        it.sources = Rc::new(sources);
        module.set("__file__", Value::str(&shown));
        it.main_path = shown.clone();
    } else {
        it.main_path = String::new();
    }
    module.set("__builtins__", Value::Module(it.builtins.clone()));
    it.register_main(&module);
    if let Some(Value::List(argv)) = arg(args, kw, 1, "argv") {
        let argv: Vec<String> = argv
            .borrow()
            .iter()
            .map(|v| match v {
                Value::Str(s) => s.to_string(),
                _ => String::new(),
            })
            .collect();
        if let Some(Value::Module(sys)) = it.modules.get("sys").cloned() {
            sys.set("argv", Value::list(argv.iter().map(|a| Value::str(a)).collect()));
        }
        it.argv = argv;
    }
    let name: Rc<str> = Rc::from("<module>");
    Ok(Value::Function(Rc::new(Function {
        code: compiled.code,
        globals: module,
        defaults: RefCell::new(Vec::new()),
        kwdefaults: RefCell::new(Vec::new()),
        closure: Vec::new(),
        name: RefCell::new(name.clone()),
        qualname: RefCell::new(name),
        defining_class: RefCell::new(None),
        dict: RefCell::new(crate::vm::Dict::new()),
    })))
}
