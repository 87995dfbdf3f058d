//! A real run's trace: each process appends its events to its own file (no locking between
//! processes), tagged with the ticket of the GIL segment they belong to; `merge` sorts them
//! into one run. Invariant: a segment's events follow its `run` event, and every ticket is
//! drawn once in the whole run, so the merged order is a total order of segments.

use crate::trace::{Event, EventKind};
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct Recorder {
    file: Option<std::fs::File>,
    buf: Vec<u8>,
}

impl Recorder {
    /// A recorder writing to `DIR/PID.jsonl`, or one that records nothing.
    pub fn open(dir: Option<&Path>, pid: u32, _t0: u64) -> Recorder {
        let file = dir.and_then(|d| {
            std::fs::OpenOptions::new().create(true).append(true).open(d.join(format!("{pid}.jsonl"))).ok()
        });
        Recorder { file, buf: Vec::new() }
    }

    pub fn push(&mut self, ticket: u64, t: u64, pid: u32, tid: u32, kind: EventKind) {
        if self.file.is_none() {
            return;
        }
        let e = Event { seq: ticket, t, pid, tid, kind };
        if serde_json::to_writer(&mut self.buf, &e).is_ok() {
            self.buf.push(b'\n');
        }
    }

    /// Appends what is buffered to the file, in one write: called at the end of every
    /// segment, so a process killed by a signal loses none of its finished segments.
    pub fn flush(&mut self) {
        let Some(f) = &mut self.file else { return };
        if self.buf.is_empty() {
            return;
        }
        let _ = f.write_all(&self.buf);
        self.buf.clear();
    }
}

/// The events of every process file in `dir`, in ticket order (a segment's events keep
/// their order), renumbered from 0.
pub fn merge(dir: &Path) -> std::io::Result<Vec<Event>> {
    let mut events: Vec<(u64, usize, Event)> = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?.flatten().map(|e| e.path()).collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f)?;
        for line in text.lines() {
            if let Ok(e) = serde_json::from_str::<Event>(line) {
                let n = events.len();
                events.push((e.seq, n, e));
            }
        }
    }
    events.sort_by_key(|(ticket, n, _)| (*ticket, *n));
    Ok(events
        .into_iter()
        .enumerate()
        .map(|(i, (_, _, mut e))| {
            e.seq = i as u64;
            e
        })
        .collect())
}
