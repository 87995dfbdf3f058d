//! Chrome Trace Event JSON (the format Perfetto and chrome://tracing open): processes and
//! threads become tracks named by metadata events, slices become complete ("X") events and
//! the rest instant ("i") events. Invariant: a pure function of the event list.

use super::{Event, EventKind};
use serde_json::{json, Value};

pub fn to_chrome_json(events: &[Event]) -> String {
    let us = |ns: u64| ns as f64 / 1000.0;
    let mut out: Vec<Value> = Vec::new();
    for e in events {
        match &e.kind {
            EventKind::ProcStart { ppid, name } => {
                out.push(json!({"ph": "M", "name": "process_name", "pid": e.pid, "tid": 0, "args": {"name": format!("{name} (pid {}, parent {ppid})", e.pid)}}));
            }
            EventKind::ThreadStart { name, .. } => {
                out.push(json!({"ph": "M", "name": "thread_name", "pid": e.pid, "tid": e.tid, "args": {"name": name}}));
            }
            EventKind::Run { core, steps, dur } => {
                out.push(json!({"ph": "X", "name": "run", "cat": "cpu", "pid": e.pid, "tid": e.tid, "ts": us(e.t), "dur": us(*dur), "args": {"core": core, "steps": steps}}));
            }
            EventKind::Block { reason } => {
                out.push(json!({"ph": "i", "s": "t", "name": format!("block: {reason}"), "pid": e.pid, "tid": e.tid, "ts": us(e.t)}));
            }
            EventKind::Wake { reason } => {
                out.push(json!({"ph": "i", "s": "t", "name": format!("wake: {reason}"), "pid": e.pid, "tid": e.tid, "ts": us(e.t)}));
            }
            EventKind::Write { stream, text } => {
                out.push(json!({"ph": "i", "s": "t", "name": format!("{stream}: {}", text.trim_end()), "pid": e.pid, "tid": e.tid, "ts": us(e.t)}));
            }
            EventKind::ThreadEnd => {
                out.push(json!({"ph": "i", "s": "t", "name": "thread end", "pid": e.pid, "tid": e.tid, "ts": us(e.t)}));
            }
            EventKind::Host { name, addr } => {
                out.push(json!({"ph": "i", "s": "p", "name": format!("host {name} ({addr})"), "pid": e.pid, "tid": 0, "ts": us(e.t)}));
            }
            EventKind::Listen { port } => {
                out.push(json!({"ph": "i", "s": "t", "name": format!("listen :{port}"), "pid": e.pid, "tid": e.tid, "ts": us(e.t)}));
            }
            EventKind::Connect { to, ok } => {
                let what = if *ok { "connect" } else { "connect refused" };
                out.push(json!({"ph": "i", "s": "t", "name": format!("{what} {to}"), "pid": e.pid, "tid": e.tid, "ts": us(e.t)}));
            }
            EventKind::Accept { peer } => {
                out.push(json!({"ph": "i", "s": "t", "name": format!("accept {peer}"), "pid": e.pid, "tid": e.tid, "ts": us(e.t)}));
            }
            EventKind::File { op, path, bytes } => {
                out.push(json!({"ph": "i", "s": "t", "name": format!("file {op} {path} ({bytes} bytes)"), "pid": e.pid, "tid": e.tid, "ts": us(e.t)}));
            }
            EventKind::Task { name } => {
                out.push(json!({"ph": "i", "s": "t", "name": format!("task {name}"), "pid": e.pid, "tid": e.tid, "ts": us(e.t)}));
            }
            EventKind::Clock { .. } | EventKind::Command { .. } | EventKind::Signal { .. } => {}
            EventKind::OsPid { os_pid } => {
                out.push(json!({"ph": "i", "s": "p", "name": format!("OS pid {os_pid}"), "pid": e.pid, "tid": 0, "ts": us(e.t)}));
            }
            EventKind::Chan { chan, op, ok, .. } => {
                let what = if *ok { op.clone() } else { format!("{op} (none)") };
                out.push(json!({"ph": "i", "s": "t", "name": format!("queue#{chan} {what}"), "pid": e.pid, "tid": e.tid, "ts": us(e.t)}));
            }
            EventKind::ProcExit { code } => {
                out.push(
                    json!({"ph": "i", "s": "p", "name": format!("exit {code}"), "pid": e.pid, "tid": 0, "ts": us(e.t)}),
                );
            }
        }
    }
    serde_json::to_string(&json!({"traceEvents": out, "displayTimeUnit": "ns"})).unwrap_or_default()
}
