//! The trace: every observable event of a run, in one versioned schema shared by the
//! simulator and (later) real runs. Serialised as JSON Lines (`to_jsonl`) and as Chrome
//! Trace Event JSON (`chrome`). Invariant: events are appended in `seq` order and carry
//! only virtual time, pids and tids, so a trace is byte-identical for identical runs.

pub mod chrome;
mod event;

pub use event::{Event, EventKind, SCHEMA_VERSION};

/// One JSON object per line, each ending with `\n`; the first line is a header naming the
/// schema version.
pub fn to_jsonl(events: &[Event]) -> String {
    let mut out = format!("{{\"schema\":\"concsim-trace\",\"version\":{SCHEMA_VERSION}}}\n");
    for e in events {
        out.push_str(&serde_json::to_string(e).expect("trace events always serialise"));
        out.push('\n');
    }
    out
}

/// Reads a JSON Lines trace written by `to_jsonl` (its schema line first, then one event
/// per line).
pub fn from_jsonl(text: &str) -> Result<Vec<Event>, String> {
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    match lines.next() {
        Some((_, first)) if first.contains("\"schema\":\"concsim-trace\"") => {
            // Another version's events may mean something else: never read them as ours.
            let header: serde_json::Value = serde_json::from_str(first).map_err(|e| format!("line 1: {e}"))?;
            let version = header.get("version").and_then(|v| v.as_u64());
            if version != Some(u64::from(SCHEMA_VERSION)) {
                return Err(format!(
                    "line 1: trace schema version {}, this concsim reads version {SCHEMA_VERSION}",
                    version.map_or("missing".to_string(), |v| v.to_string())
                ));
            }
        }
        _ => return Err("line 1: not a concsim trace (no schema line)".into()),
    }
    lines.map(|(i, l)| serde_json::from_str::<Event>(l).map_err(|e| format!("line {}: {e}", i + 1))).collect()
}

/// FNV-1a, 64 bits: a stable digest of a trace for parity tests between native and wasm
/// builds (std's hasher is not guaranteed stable across targets or releases).
pub use crate::vm::random::fnv1a64;
