//! The views of what the kernel keeps per process and per host beside threads and channels:
//! each process's signal handlers, pending signals and alarm, and each host's files.
//! Invariant: the same as `view`'s — reading only, deterministic order (pid order, signal
//! number order, path order).

use super::kernel::Machine;
use super::view::{clip, repr_of};
use crate::vm::fs::Fs;
use crate::vm::ops::str_repr;
use crate::vm::signals::SIGNALS;
use crate::vm::value::Value;
use serde::Serialize;

/// Most files listed per host.
const MAX_FILES: usize = 40;
/// Bytes of a file shown as its start.
const PREVIEW_BYTES: usize = 48;

/// A process whose signal state differs from a fresh one's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignalView {
    pub pid: u32,
    /// Signals with a disposition set by `signal.signal`, in number order: the signal's name
    /// and `SIG_DFL`, `SIG_IGN` or the handler's name.
    pub handlers: Vec<(String, String)>,
    /// Signals arrived whose handler the main thread has not run yet.
    pub pending: Vec<String>,
    /// When `alarm`/`setitimer`'s SIGALRM fires (virtual ns).
    pub alarm_at_ns: Option<u64>,
    /// Stopped (SIGSTOP, SIGTSTP…) until SIGCONT.
    pub stopped: bool,
}

/// A file of a host's file system.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileView {
    pub host: String,
    pub path: String,
    pub size: usize,
    /// Its first bytes, as text when they are text, else as a bytes repr.
    pub start: String,
    /// Written during the run (not only read from the snapshot it started with).
    pub written: bool,
}

fn signal_name(sig: i32) -> String {
    SIGNALS.iter().find(|(_, n, _)| *n == sig).map_or_else(|| format!("signal {sig}"), |(name, _, _)| name.to_string())
}

fn handler_name(h: &Value) -> String {
    match h {
        Value::Int(0) => "SIG_DFL".into(),
        Value::Int(1) => "SIG_IGN".into(),
        Value::Function(f) => f.qualname.borrow().to_string(),
        other => repr_of(other),
    }
}

pub(super) fn signals(m: &Machine) -> Vec<SignalView> {
    m.procs
        .iter()
        .filter(|p| p.status.is_none())
        .filter_map(|p| {
            let mut handlers: Vec<(i32, String)> =
                p.interp.signals.handlers.iter().map(|(sig, h)| (*sig, handler_name(h))).collect();
            handlers.sort_by_key(|(sig, _)| *sig);
            let pending: Vec<String> =
                (1..64).filter(|sig| p.pending_signals & (1u64 << sig) != 0).map(signal_name).collect();
            let alarm_at_ns = p.itimer.map(|(at, _)| at);
            if handlers.is_empty() && pending.is_empty() && alarm_at_ns.is_none() && !p.stopped {
                return None;
            }
            Some(SignalView {
                pid: p.pid,
                handlers: handlers.into_iter().map(|(sig, h)| (signal_name(sig), h)).collect(),
                pending,
                alarm_at_ns,
                stopped: p.stopped,
            })
        })
        .collect()
}

fn preview(data: &[u8]) -> String {
    let head = &data[..data.len().min(PREVIEW_BYTES)];
    let cut = data.len() > head.len();
    let text = match std::str::from_utf8(head) {
        Ok(s) => str_repr(s),
        // A cut in the middle of a character is still text.
        Err(e) if e.error_len().is_none() => str_repr(&String::from_utf8_lossy(&head[..e.valid_up_to()])),
        Err(_) => crate::vm::ops::bytes_repr(head),
    };
    clip(if cut { format!("{text}…") } else { text })
}

/// Each host's files, hosts in order, paths sorted (the simulated file systems only; a real
/// run's are real directories and are not drawn).
pub(super) fn files(m: &Machine) -> Vec<FileView> {
    let mut out = Vec::new();
    for (h, host) in m.hosts.iter().enumerate() {
        let Some(p) = m.procs.iter().find(|p| p.host == h) else { continue };
        let Fs::Mem(fs) = &p.interp.fs else { continue };
        let Ok(fs) = fs.try_borrow() else { continue };
        for (path, data, mtime) in fs.files().take(MAX_FILES) {
            out.push(FileView {
                host: host.name.clone(),
                path: path.to_string(),
                size: data.len(),
                start: preview(data),
                written: mtime != 0,
            });
        }
    }
    out
}
