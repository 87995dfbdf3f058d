//! The file system a host's processes see. It owns the simulated file tree (`MemFs`, one per
//! host, shared by every process of the host: a write by one is seen by the others at once,
//! as on a real file system) and the real backend's private directory (`Fs::Dir`: a real run
//! works on real files under a fresh directory the supervisor filled with the same snapshot).
//! Paths given here are absolute and normalized (the VM joins them to the process's working
//! directory); errors are errno numbers, which the VM turns into CPython's `OSError`s.
//!
//! Invariant: the simulator's tree starts as the run's `Snapshot` (an input of the run, read
//! by the CLI when it loads the program) and changes only through the program, so a run stays
//! a pure function of its inputs; nothing here touches the host's files but `Fs::Dir`, which
//! only real runs use, and `Snapshot::of_program`, which only the CLI and tests call.

#[cfg(not(target_arch = "wasm32"))]
use crate::limits::{SNAPSHOT_MAX_DEPTH, SNAPSHOT_MAX_FILE, SNAPSHOT_MAX_FILES, SNAPSHOT_MAX_TOTAL};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

pub const ENOENT: i32 = 2;
pub const EEXIST: i32 = 17;
pub const ENOTDIR: i32 = 20;
pub const EISDIR: i32 = 21;
pub const EINVAL: i32 = 22;
pub const ENOTEMPTY: i32 = 39;

/// The files a run starts with: the program's folder as the CLI found it when loading the
/// program (see `of_program`'s bounds), the working directory and the program's directory
/// (where `import mymodule` looks), all absolute. The page passes an empty one (its
/// editor's files, when it has several).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub cwd: String,
    /// The directory of the main program (`sys.path[0]`).
    pub dir: String,
    /// Regular files by absolute path. Shared, not copied, by every run's tree (a file is
    /// copied when a run first writes it): explore boots thousands of runs.
    pub files: Vec<(String, Arc<Vec<u8>>)>,
}

/// A main program's path as CPython 3.9+ shows it (`__file__`, tracebacks, warnings): the
/// working directory joined to the path as given, not normalized (`./p.py` shows as
/// `/cwd/./p.py`); as given when it is absolute or there is no working directory (the page's
/// scenarios, whose programs have names but no folder).
pub fn shown_main_path(cwd: &str, path: &str) -> String {
    if path.starts_with('/') || cwd.is_empty() || path.starts_with('<') {
        return path.to_string();
    }
    format!("{}/{path}", cwd.trim_end_matches('/'))
}

impl Snapshot {
    /// The folder of `program` as a bounded snapshot: its regular files (each at most 1 MiB,
    /// 16 MiB and 2,000 files in all, subfolders two levels deep, hidden entries and
    /// `__pycache__` skipped), with the current directory as the working directory.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of_program(program: &str) -> Snapshot {
        let cwd = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_else(|_| "/".into());
        let path = std::path::Path::new(program);
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        let dir = std::fs::canonicalize(parent).map(|d| d.display().to_string()).unwrap_or_else(|_| cwd.clone());
        Snapshot::of_dir(&cwd, &dir)
    }

    /// A bounded snapshot of `dir` (see `of_program`), with `cwd` as the working directory.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of_dir(cwd: &str, dir: &str) -> Snapshot {
        let mut snap = Snapshot { cwd: normalize(cwd), dir: normalize(dir), files: Vec::new() };
        let mut total = 0u64;
        let mut stack = vec![(std::path::PathBuf::from(&snap.dir), 0usize)];
        while let Some((d, depth)) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else { continue };
            let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
            entries.sort_by_key(|e| e.file_name());
            for e in entries {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') || name == "__pycache__" {
                    continue;
                }
                let Ok(meta) = std::fs::symlink_metadata(e.path()) else { continue };
                if meta.is_dir() && depth < SNAPSHOT_MAX_DEPTH {
                    stack.push((e.path(), depth + 1));
                } else if meta.is_file()
                    && meta.len() <= SNAPSHOT_MAX_FILE
                    && total + meta.len() <= SNAPSHOT_MAX_TOTAL
                    && snap.files.len() < SNAPSHOT_MAX_FILES
                {
                    if let Ok(data) = std::fs::read(e.path()) {
                        total += data.len() as u64;
                        snap.files.push((e.path().display().to_string(), Arc::new(data)));
                    }
                }
            }
        }
        snap
    }
}

/// `a/./b/../c` → `/a/c` (absolute; `..` above the root stays at the root, as POSIX does).
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

fn parent_of(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

#[derive(Clone, Debug)]
enum Node {
    Dir,
    File { data: Arc<Vec<u8>>, mtime_ns: u64 },
}

/// A host's simulated file tree: absolute normalized path → node; every ancestor of a node
/// is a directory in the map ("/" always is).
#[derive(Clone, Debug, Default)]
pub struct MemFs {
    nodes: BTreeMap<String, Node>,
}

/// What `os.stat` reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stat {
    pub is_dir: bool,
    pub size: u64,
    pub mtime_ns: u64,
}

impl MemFs {
    /// The snapshot's files, their folders, `/tmp` and the working directory.
    pub fn from_snapshot(s: &Snapshot) -> MemFs {
        let mut fs = MemFs::default();
        fs.nodes.insert("/".into(), Node::Dir);
        fs.mkdirs("/tmp");
        if !s.cwd.is_empty() {
            fs.mkdirs(&normalize(&s.cwd));
        }
        for (path, data) in &s.files {
            let p = normalize(path);
            fs.mkdirs(parent_of(&p));
            fs.nodes.insert(p, Node::File { data: Arc::clone(data), mtime_ns: 0 });
        }
        fs
    }

    /// Every file, in path order: its path, its bytes and when it was last written (0: it
    /// came with the snapshot and was never written since).
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8], u64)> {
        self.nodes.iter().filter_map(|(p, n)| match n {
            Node::File { data, mtime_ns } => Some((p.as_str(), data.as_slice(), *mtime_ns)),
            Node::Dir => None,
        })
    }

    fn mkdirs(&mut self, path: &str) {
        if path == "/" {
            return;
        }
        self.mkdirs(parent_of(path));
        self.nodes.entry(path.to_string()).or_insert(Node::Dir);
    }

    /// The parent must exist and be a directory.
    fn check_parent(&self, path: &str) -> Result<(), i32> {
        match self.nodes.get(parent_of(path)) {
            Some(Node::Dir) => Ok(()),
            Some(Node::File { .. }) => Err(ENOTDIR),
            None => Err(self.missing(parent_of(path))),
        }
    }

    /// ENOENT, or ENOTDIR when an ancestor is a file.
    fn missing(&self, path: &str) -> i32 {
        let mut p = parent_of(path);
        while p != "/" {
            if let Some(Node::File { .. }) = self.nodes.get(p) {
                return ENOTDIR;
            }
            p = parent_of(p);
        }
        ENOENT
    }

    fn stat(&self, path: &str) -> Result<Stat, i32> {
        match self.nodes.get(path) {
            Some(Node::Dir) => Ok(Stat { is_dir: true, size: 4096, mtime_ns: 0 }),
            Some(Node::File { data, mtime_ns }) => {
                Ok(Stat { is_dir: false, size: data.len() as u64, mtime_ns: *mtime_ns })
            }
            None => Err(self.missing(path)),
        }
    }

    fn open(&mut self, path: &str, create: bool, excl: bool, trunc: bool, now: u64) -> Result<(), i32> {
        match self.nodes.get_mut(path) {
            Some(Node::Dir) => Err(if excl { EEXIST } else { EISDIR }),
            Some(Node::File { data, mtime_ns }) => {
                if excl {
                    return Err(EEXIST);
                }
                if trunc {
                    *data = Arc::new(Vec::new());
                    *mtime_ns = now;
                }
                Ok(())
            }
            None => {
                if !create {
                    return Err(self.missing(path));
                }
                self.check_parent(path)?;
                self.nodes.insert(path.to_string(), Node::File { data: Arc::new(Vec::new()), mtime_ns: now });
                Ok(())
            }
        }
    }

    fn read(&self, path: &str, offset: u64, n: Option<u64>) -> Result<Vec<u8>, i32> {
        match self.nodes.get(path) {
            Some(Node::File { data, .. }) => {
                let start = (offset as usize).min(data.len());
                let end = n.map_or(data.len(), |n| start.saturating_add(n as usize).min(data.len()));
                Ok(data[start..end].to_vec())
            }
            Some(Node::Dir) => Err(EISDIR),
            None => Err(self.missing(path)),
        }
    }

    fn write(&mut self, path: &str, offset: Option<u64>, bytes: &[u8], now: u64) -> Result<u64, i32> {
        match self.nodes.get_mut(path) {
            Some(Node::File { data, mtime_ns }) => {
                let data = Arc::make_mut(data);
                let at = offset.map_or(data.len(), |o| o as usize);
                if data.len() < at {
                    data.resize(at, 0);
                }
                let end = at + bytes.len();
                if data.len() < end {
                    data.resize(end, 0);
                }
                data[at..end].copy_from_slice(bytes);
                *mtime_ns = now;
                Ok(end as u64)
            }
            Some(Node::Dir) => Err(EISDIR),
            None => Err(self.missing(path)),
        }
    }

    fn truncate(&mut self, path: &str, size: u64) -> Result<(), i32> {
        match self.nodes.get_mut(path) {
            Some(Node::File { data, .. }) => {
                Arc::make_mut(data).resize(size as usize, 0);
                Ok(())
            }
            Some(Node::Dir) => Err(EISDIR),
            None => Err(self.missing(path)),
        }
    }

    fn children(&self, path: &str) -> Vec<String> {
        let prefix = if path == "/" { "/".to_string() } else { format!("{path}/") };
        self.nodes
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(k, _)| !k[prefix.len()..].contains('/') && k.len() > prefix.len())
            .map(|(k, _)| k[prefix.len()..].to_string())
            .collect()
    }

    fn listdir(&self, path: &str) -> Result<Vec<String>, i32> {
        match self.nodes.get(path) {
            Some(Node::Dir) => Ok(self.children(path)),
            Some(Node::File { .. }) => Err(ENOTDIR),
            None => Err(self.missing(path)),
        }
    }

    fn mkdir(&mut self, path: &str) -> Result<(), i32> {
        if self.nodes.contains_key(path) {
            return Err(EEXIST);
        }
        self.check_parent(path)?;
        self.nodes.insert(path.to_string(), Node::Dir);
        Ok(())
    }

    fn rmdir(&mut self, path: &str) -> Result<(), i32> {
        match self.nodes.get(path) {
            Some(Node::Dir) if path == "/" => Err(EINVAL),
            Some(Node::Dir) if !self.children(path).is_empty() => Err(ENOTEMPTY),
            Some(Node::Dir) => {
                self.nodes.remove(path);
                Ok(())
            }
            Some(Node::File { .. }) => Err(ENOTDIR),
            None => Err(self.missing(path)),
        }
    }

    fn unlink(&mut self, path: &str) -> Result<(), i32> {
        match self.nodes.get(path) {
            Some(Node::File { .. }) => {
                self.nodes.remove(path);
                Ok(())
            }
            Some(Node::Dir) => Err(EISDIR),
            None => Err(self.missing(path)),
        }
    }

    fn rename(&mut self, from: &str, to: &str) -> Result<(), i32> {
        let node = self.nodes.get(from).cloned().ok_or_else(|| self.missing(from))?;
        self.check_parent(to)?;
        if from == to {
            return Ok(());
        }
        match (&node, self.nodes.get(to)) {
            (Node::File { .. }, Some(Node::Dir)) => return Err(EISDIR),
            (Node::Dir, Some(Node::File { .. })) => return Err(ENOTDIR),
            (Node::Dir, Some(Node::Dir)) if !self.children(to).is_empty() => return Err(ENOTEMPTY),
            (Node::Dir, _) if to.starts_with(&format!("{from}/")) => return Err(EINVAL),
            _ => {}
        }
        if let Node::Dir = node {
            let prefix = format!("{from}/");
            let moved: Vec<String> = self
                .nodes
                .range(prefix.clone()..)
                .take_while(|(k, _)| k.starts_with(&prefix))
                .map(|(k, _)| k.clone())
                .collect();
            for k in moved {
                if let Some(n) = self.nodes.remove(&k) {
                    self.nodes.insert(format!("{to}/{}", &k[prefix.len()..]), n);
                }
            }
        }
        self.nodes.remove(from);
        self.nodes.insert(to.to_string(), node);
        Ok(())
    }
}

/// A process's handle on its host's files: the simulated tree, or (real runs) a private
/// real directory that stands for `/`.
#[derive(Clone, Debug)]
pub enum Fs {
    Mem(Rc<RefCell<MemFs>>),
    Dir(std::path::PathBuf),
}

impl Default for Fs {
    fn default() -> Self {
        Fs::Mem(Rc::new(RefCell::new(MemFs::from_snapshot(&Snapshot::default()))))
    }
}

fn errno_of(e: &std::io::Error) -> i32 {
    e.raw_os_error().unwrap_or(ENOENT)
}

impl Fs {
    fn real(root: &std::path::Path, path: &str) -> std::path::PathBuf {
        root.join(path.trim_start_matches('/'))
    }

    pub fn stat(&self, path: &str) -> Result<Stat, i32> {
        match self {
            Fs::Mem(m) => m.borrow().stat(path),
            Fs::Dir(root) => {
                let meta = std::fs::metadata(Self::real(root, path)).map_err(|e| errno_of(&e))?;
                let mtime_ns = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos() as u64);
                Ok(Stat { is_dir: meta.is_dir(), size: if meta.is_dir() { 4096 } else { meta.len() }, mtime_ns })
            }
        }
    }

    /// Opens as `open(2)` would with these flags (checks, creates, truncates); the file
    /// object then reads and writes by path and offset.
    pub fn open(&self, path: &str, create: bool, excl: bool, trunc: bool, write: bool, now: u64) -> Result<(), i32> {
        match self {
            Fs::Mem(m) => m.borrow_mut().open(path, create, excl, trunc, now),
            Fs::Dir(root) => {
                let p = Self::real(root, path);
                if p.is_dir() {
                    return Err(if excl { EEXIST } else { EISDIR });
                }
                let mut o = std::fs::OpenOptions::new();
                o.read(!write).write(write).create(create && !excl).create_new(excl).truncate(trunc);
                o.open(&p).map(|_| ()).map_err(|e| errno_of(&e))
            }
        }
    }

    /// Up to `n` bytes (all, for None) from `offset`.
    pub fn read(&self, path: &str, offset: u64, n: Option<u64>) -> Result<Vec<u8>, i32> {
        match self {
            Fs::Mem(m) => m.borrow().read(path, offset, n),
            Fs::Dir(root) => {
                use std::io::{Read, Seek, SeekFrom};
                let mut f = std::fs::File::open(Self::real(root, path)).map_err(|e| errno_of(&e))?;
                f.seek(SeekFrom::Start(offset)).map_err(|e| errno_of(&e))?;
                let mut buf = Vec::new();
                match n {
                    Some(n) => f.take(n).read_to_end(&mut buf),
                    None => f.read_to_end(&mut buf),
                }
                .map_err(|e| errno_of(&e))?;
                Ok(buf)
            }
        }
    }

    /// Writes at `offset` (at the end for None: append mode); returns the offset after.
    pub fn write(&self, path: &str, offset: Option<u64>, data: &[u8], now: u64) -> Result<u64, i32> {
        match self {
            Fs::Mem(m) => m.borrow_mut().write(path, offset, data, now),
            Fs::Dir(root) => {
                use std::io::{Seek, SeekFrom, Write};
                let mut f = std::fs::OpenOptions::new()
                    .write(true)
                    .append(offset.is_none())
                    .open(Self::real(root, path))
                    .map_err(|e| errno_of(&e))?;
                if let Some(o) = offset {
                    f.seek(SeekFrom::Start(o)).map_err(|e| errno_of(&e))?;
                }
                f.write_all(data).map_err(|e| errno_of(&e))?;
                f.stream_position().map_err(|e| errno_of(&e))
            }
        }
    }

    pub fn truncate(&self, path: &str, size: u64) -> Result<(), i32> {
        match self {
            Fs::Mem(m) => m.borrow_mut().truncate(path, size),
            Fs::Dir(root) => std::fs::OpenOptions::new()
                .write(true)
                .open(Self::real(root, path))
                .and_then(|f| f.set_len(size))
                .map_err(|e| errno_of(&e)),
        }
    }

    /// Entry names, sorted.
    pub fn listdir(&self, path: &str) -> Result<Vec<String>, i32> {
        match self {
            Fs::Mem(m) => m.borrow().listdir(path),
            Fs::Dir(root) => {
                let mut names: Vec<String> = std::fs::read_dir(Self::real(root, path))
                    .map_err(|e| errno_of(&e))?
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect();
                names.sort();
                Ok(names)
            }
        }
    }

    pub fn mkdir(&self, path: &str) -> Result<(), i32> {
        match self {
            Fs::Mem(m) => m.borrow_mut().mkdir(path),
            Fs::Dir(root) => std::fs::create_dir(Self::real(root, path)).map_err(|e| errno_of(&e)),
        }
    }

    pub fn rmdir(&self, path: &str) -> Result<(), i32> {
        match self {
            Fs::Mem(m) => m.borrow_mut().rmdir(path),
            Fs::Dir(root) => std::fs::remove_dir(Self::real(root, path)).map_err(|e| errno_of(&e)),
        }
    }

    pub fn unlink(&self, path: &str) -> Result<(), i32> {
        match self {
            Fs::Mem(m) => m.borrow_mut().unlink(path),
            Fs::Dir(root) => {
                let p = Self::real(root, path);
                if p.is_dir() {
                    return Err(EISDIR);
                }
                std::fs::remove_file(p).map_err(|e| errno_of(&e))
            }
        }
    }

    pub fn rename(&self, from: &str, to: &str) -> Result<(), i32> {
        match self {
            Fs::Mem(m) => m.borrow_mut().rename(from, to),
            Fs::Dir(root) => std::fs::rename(Self::real(root, from), Self::real(root, to)).map_err(|e| errno_of(&e)),
        }
    }

    /// Writes a snapshot under a real run's private root (the supervisor does, once).
    pub fn populate(root: &std::path::Path, s: &Snapshot) -> std::io::Result<()> {
        std::fs::create_dir_all(Self::real(root, "/tmp"))?;
        if !s.cwd.is_empty() {
            std::fs::create_dir_all(Self::real(root, &normalize(&s.cwd)))?;
        }
        for (path, data) in &s.files {
            let p = Self::real(root, &normalize(path));
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(p, data.as_slice())?;
        }
        Ok(())
    }
}

/// CPython's `os.strerror` on Linux (glibc's messages) for every code of the `errno` module.
pub fn strerror(errno: i32) -> &'static str {
    match errno {
        1 => "Operation not permitted",
        2 => "No such file or directory",
        3 => "No such process",
        4 => "Interrupted system call",
        5 => "Input/output error",
        6 => "No such device or address",
        7 => "Argument list too long",
        8 => "Exec format error",
        9 => "Bad file descriptor",
        10 => "No child processes",
        11 => "Resource temporarily unavailable",
        12 => "Cannot allocate memory",
        13 => "Permission denied",
        14 => "Bad address",
        15 => "Block device required",
        16 => "Device or resource busy",
        17 => "File exists",
        18 => "Invalid cross-device link",
        19 => "No such device",
        20 => "Not a directory",
        21 => "Is a directory",
        22 => "Invalid argument",
        23 => "Too many open files in system",
        24 => "Too many open files",
        25 => "Inappropriate ioctl for device",
        26 => "Text file busy",
        27 => "File too large",
        28 => "No space left on device",
        29 => "Illegal seek",
        30 => "Read-only file system",
        31 => "Too many links",
        32 => "Broken pipe",
        33 => "Numerical argument out of domain",
        34 => "Numerical result out of range",
        35 => "Resource deadlock avoided",
        36 => "File name too long",
        37 => "No locks available",
        38 => "Function not implemented",
        39 => "Directory not empty",
        40 => "Too many levels of symbolic links",
        42 => "No message of desired type",
        43 => "Identifier removed",
        44 => "Channel number out of range",
        45 => "Level 2 not synchronized",
        46 => "Level 3 halted",
        47 => "Level 3 reset",
        48 => "Link number out of range",
        49 => "Protocol driver not attached",
        50 => "No CSI structure available",
        51 => "Level 2 halted",
        52 => "Invalid exchange",
        53 => "Invalid request descriptor",
        54 => "Exchange full",
        55 => "No anode",
        56 => "Invalid request code",
        57 => "Invalid slot",
        59 => "Bad font file format",
        60 => "Device not a stream",
        61 => "No data available",
        62 => "Timer expired",
        63 => "Out of streams resources",
        64 => "Machine is not on the network",
        65 => "Package not installed",
        66 => "Object is remote",
        67 => "Link has been severed",
        68 => "Advertise error",
        69 => "Srmount error",
        70 => "Communication error on send",
        71 => "Protocol error",
        72 => "Multihop attempted",
        73 => "RFS specific error",
        74 => "Bad message",
        75 => "Value too large for defined data type",
        76 => "Name not unique on network",
        77 => "File descriptor in bad state",
        78 => "Remote address changed",
        79 => "Can not access a needed shared library",
        80 => "Accessing a corrupted shared library",
        81 => ".lib section in a.out corrupted",
        82 => "Attempting to link in too many shared libraries",
        83 => "Cannot exec a shared library directly",
        84 => "Invalid or incomplete multibyte or wide character",
        85 => "Interrupted system call should be restarted",
        86 => "Streams pipe error",
        87 => "Too many users",
        88 => "Socket operation on non-socket",
        89 => "Destination address required",
        90 => "Message too long",
        91 => "Protocol wrong type for socket",
        92 => "Protocol not available",
        93 => "Protocol not supported",
        94 => "Socket type not supported",
        95 => "Operation not supported",
        96 => "Protocol family not supported",
        97 => "Address family not supported by protocol",
        98 => "Address already in use",
        99 => "Cannot assign requested address",
        100 => "Network is down",
        101 => "Network is unreachable",
        102 => "Network dropped connection on reset",
        103 => "Software caused connection abort",
        104 => "Connection reset by peer",
        105 => "No buffer space available",
        106 => "Transport endpoint is already connected",
        107 => "Transport endpoint is not connected",
        108 => "Cannot send after transport endpoint shutdown",
        109 => "Too many references: cannot splice",
        110 => "Connection timed out",
        111 => "Connection refused",
        112 => "Host is down",
        113 => "No route to host",
        114 => "Operation already in progress",
        115 => "Operation now in progress",
        116 => "Stale file handle",
        117 => "Structure needs cleaning",
        118 => "Not a XENIX named type file",
        119 => "No XENIX semaphores available",
        120 => "Is a named type file",
        121 => "Remote I/O error",
        122 => "Disk quota exceeded",
        123 => "No medium found",
        124 => "Wrong medium type",
        125 => "Operation canceled",
        126 => "Required key not available",
        127 => "Key has expired",
        128 => "Key has been revoked",
        129 => "Key was rejected by service",
        130 => "Owner died",
        131 => "State not recoverable",
        132 => "Operation not possible due to RF-kill",
        _ => "Unknown error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap() -> Snapshot {
        Snapshot {
            cwd: "/home/u".into(),
            dir: "/home/u".into(),
            files: vec![("/home/u/a.txt".into(), Arc::new(b"abc".to_vec()))],
        }
    }

    #[test]
    fn runs_share_the_snapshot_but_not_their_writes() {
        let s = snap();
        let one = Fs::Mem(Rc::new(RefCell::new(MemFs::from_snapshot(&s))));
        let two = Fs::Mem(Rc::new(RefCell::new(MemFs::from_snapshot(&s))));
        one.write("/home/u/a.txt", Some(1), b"X", 0).unwrap();
        assert_eq!(one.read("/home/u/a.txt", 0, None).unwrap(), b"aXc");
        assert_eq!(two.read("/home/u/a.txt", 0, None).unwrap(), b"abc");
        assert_eq!(s.files[0].1.as_slice(), b"abc");
    }

    #[test]
    fn errors_are_the_posix_errnos() {
        let fs = Fs::Mem(Rc::new(RefCell::new(MemFs::from_snapshot(&snap()))));
        assert_eq!(fs.open("/nope/x", true, false, true, true, 0), Err(ENOENT));
        assert_eq!(fs.open("/home/u/a.txt/x", true, false, true, true, 0), Err(ENOTDIR));
        assert_eq!(fs.open("/home/u", false, false, false, false, 0), Err(EISDIR));
        assert_eq!(fs.open("/home/u/a.txt", true, true, false, true, 0), Err(EEXIST));
        assert_eq!(fs.rmdir("/home"), Err(ENOTEMPTY));
        assert_eq!(fs.unlink("/home/u"), Err(EISDIR));
        assert_eq!(fs.mkdir("/home/u"), Err(EEXIST));
    }

    #[test]
    fn a_renamed_directory_takes_its_tree() {
        let fs = Fs::Mem(Rc::new(RefCell::new(MemFs::from_snapshot(&snap()))));
        fs.mkdir("/home/u/d").unwrap();
        fs.open("/home/u/d/f", true, false, false, true, 0).unwrap();
        fs.rename("/home/u/d", "/tmp/e").unwrap();
        assert_eq!(fs.listdir("/tmp/e").unwrap(), vec!["f".to_string()]);
        assert_eq!(fs.listdir("/home/u").unwrap(), vec!["a.txt".to_string()]);
        assert_eq!(normalize("a/./b/../c//"), "/a/c");
        assert_eq!(normalize("/../x"), "/x");
    }
}
