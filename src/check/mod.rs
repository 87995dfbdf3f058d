//! Trace validation: is a real run's trace a behaviour the simulator allows? The real backend
//! records its own schedule — every GIL segment as a `run` event (thread, instructions),
//! in the run's global ticket order — so checking is a replay, linear in the trace: the
//! simulator follows the recorded decisions (`RunOptions::replay_real`) and must, decision
//! by decision, let that thread run that many instructions and produce the same observable
//! events: output text, channel operations with the items they moved, threads and processes
//! started and ended, exit codes, and the hosts' boots before any decision. Before the
//! replay, the trace's own order and causal links are checked: its events are numbered in
//! order, every process it mentions was started by a fork it records, and every item a get
//! received was put, earlier, by the operation it names, with the same value (a trace of
//! another schema version is refused when read, `trace::from_jsonl`).
//!
//! Invariant: the checker reads the trace and runs the simulator; it never trusts a real
//! run's claims about state (values, who was ready): the simulator recomputes them.

use crate::sim::{Decision, HostProgram, RealInputs, RunOptions, Session, StopReason};
use crate::trace::{Event, EventKind};
use serde::Serialize;

/// Where a real run and the simulator part ways.
#[derive(Clone, Debug, Serialize)]
pub struct Divergence {
    /// Index of the decision (GIL segment) in the real trace, from 0; None for a fault of
    /// the trace itself found before the replay.
    pub decision: Option<usize>,
    pub pid: u32,
    pub tid: u32,
    /// What the real run did there.
    pub real: String,
    /// What the simulator did (or allowed) instead.
    pub simulated: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    pub decisions: usize,
    pub divergence: Option<Divergence>,
}

impl Verdict {
    pub fn conforms(&self) -> bool {
        self.divergence.is_none()
    }
}

impl std::fmt::Display for Divergence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.decision {
            Some(d) => write!(
                f,
                "decision {d} (pid {}, tid {}): real: {}; simulator: {}",
                self.pid, self.tid, self.real, self.simulated
            ),
            None => {
                write!(f, "the trace itself (pid {}, tid {}): {}; {}", self.pid, self.tid, self.real, self.simulated)
            }
        }
    }
}

/// One GIL segment of the real trace: its decision and what it made visible.
struct Segment {
    decision: Decision,
    observed: Vec<String>,
    /// What the segment read of the real world (the clock, commands' answers).
    inputs: RealInputs,
}

/// What of an event both kernels must agree on, as text (None: not compared — scheduling
/// bookkeeping such as block/wake, or facts only a real run has, like OS pids).
fn observable(e: &Event) -> Option<String> {
    let who = format!("pid {} tid {}", e.pid, e.tid);
    match &e.kind {
        EventKind::Write { stream, text } => Some(format!("{who} {stream} {text:?}")),
        EventKind::Chan { chan, op, ok, item, origin, .. } => {
            let item = item.as_deref().unwrap_or("-");
            Some(format!("{who} {op}#{} queue#{chan} ok={ok} item={item}", origin[1]))
        }
        EventKind::ThreadStart { name, .. } => Some(format!("{who} thread_start {name:?}")),
        EventKind::ProcStart { ppid, .. } => Some(format!("pid {} proc_start ppid {ppid}", e.pid)),
        EventKind::ProcExit { code } => Some(format!("pid {} proc_exit {code}", e.pid)),
        EventKind::ThreadEnd => Some(format!("{who} thread_end")),
        EventKind::Listen { port } => Some(format!("{who} listen {port}")),
        EventKind::Connect { to, ok } => Some(format!("{who} connect {to} ok={ok}")),
        EventKind::Accept { peer } => Some(format!("{who} accept {peer}")),
        EventKind::File { op, path, bytes } => Some(format!("{who} file {op} {path:?} {bytes}")),
        _ => None,
    }
}

/// The observable events as text, consecutive writes of one thread to one stream joined:
/// how output is cut into writes (around a clock reading a real run records, say) is not
/// something the kernels must agree on; what is written, by whom and in what order is.
fn observed_of<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<String> {
    let mut out = Vec::new();
    let mut writing: Option<(u32, u32, String, String)> = None;
    let flush = |w: Option<(u32, u32, String, String)>, out: &mut Vec<String>| {
        if let Some((pid, tid, stream, text)) = w {
            out.push(format!("pid {pid} tid {tid} {stream} {text:?}"));
        }
    };
    for e in events {
        if let EventKind::Write { stream, text } = &e.kind {
            let stream = stream.to_string();
            match &mut writing {
                Some((pid, tid, s, acc)) if (*pid, *tid, s.as_str()) == (e.pid, e.tid, stream.as_str()) => {
                    acc.push_str(text)
                }
                _ => {
                    flush(writing.take(), &mut out);
                    writing = Some((e.pid, e.tid, stream, text.clone()));
                }
            }
        } else if let Some(o) = observable(e) {
            flush(writing.take(), &mut out);
            out.push(o);
        }
    }
    flush(writing, &mut out);
    out
}

/// Without the thread ends a process's exit implies: the simulator ends every live thread of
/// an exiting process (`thread_end` each, then `proc_exit`), a real process just ends. A
/// thread that ends on its own does so in a segment of its own, and is compared.
fn without_implied_ends(observed: Vec<String>) -> Vec<String> {
    let exits: Vec<(usize, String)> = observed
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.find(" proc_exit ").map(|at| (i, format!("{} ", &o[..at]))))
        .collect();
    observed
        .into_iter()
        .enumerate()
        .filter(|(i, o)| {
            !(o.ends_with(" thread_end") && exits.iter().any(|(j, pid)| j > i && o.starts_with(pid.as_str())))
        })
        .map(|(_, o)| o)
        .collect()
}

/// Faults of the trace that need no simulator: a pid no fork made, a get whose item no put
/// sent.
fn check_links(real: &[Event]) -> Option<Divergence> {
    let mut started: Vec<u32> = Vec::new();
    let mut puts: Vec<([u32; 2], u32, Option<String>, bool)> = Vec::new();
    let mut last_seq: Option<u64> = None;
    for e in real {
        // The events are in the run's order, numbered from 0 without a gap.
        let expected = last_seq.map_or(0, |s| s + 1);
        if e.seq != expected {
            return Some(Divergence {
                decision: None,
                pid: e.pid,
                tid: e.tid,
                real: format!("event {} ({}) where event {expected} comes", e.seq, kind_name(&e.kind)),
                simulated: "events are numbered in order".into(),
            });
        }
        last_seq = Some(e.seq);
        let fault = |what: String| Divergence {
            decision: None,
            pid: e.pid,
            tid: e.tid,
            real: what,
            simulated: "no such link is possible".into(),
        };
        match &e.kind {
            EventKind::ProcStart { .. } => started.push(e.pid),
            // A host announces itself just before its main process starts.
            EventKind::Host { .. } => {}
            _ if !started.contains(&e.pid) => {
                return Some(fault(format!(
                    "event {} ({}) of pid {}, which no recorded fork created",
                    e.seq,
                    kind_name(&e.kind),
                    e.pid
                )));
            }
            EventKind::Chan { op, ok: true, origin, chan, item, .. } if op == "put" => {
                puts.push((*origin, *chan, item.clone(), false))
            }
            EventKind::Chan { op, ok: true, from: Some(from), chan, item, .. } if op == "get" => {
                let Some(put) = puts.iter_mut().find(|p| p.0 == *from && p.1 == *chan && !p.3) else {
                    return Some(fault(format!(
                        "get from queue#{chan} received the item of operation {from:?}, which put nothing there before"
                    )));
                };
                if put.2 != *item {
                    return Some(fault(format!(
                        "get from queue#{chan} received {:?}, but operation {from:?} put {:?}",
                        item, put.2
                    )));
                }
                put.3 = true;
            }
            _ => {}
        }
    }
    None
}

fn kind_name(k: &EventKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.get("ev").and_then(|e| e.as_str().map(String::from)))
        .unwrap_or_default()
}

/// A real run's schedule and what the real world answered before each of its decisions, as
/// a replay follows them (`Stepper::set_real_inputs` on the page).
pub fn replay_plan(real: &[Event]) -> (Vec<Decision>, Vec<RealInputs>) {
    segments(real).into_iter().map(|s| (s.decision, s.inputs)).unzip()
}

/// The hosts' boots: each host's main process and main thread starting, wherever its
/// shell started it (the simulator boots every host before its first decision, a real host
/// boots at its start time), in pid order.
fn boot_observed(events: &[Event]) -> Vec<String> {
    let mut booting: Vec<u32> = Vec::new();
    let mut out: Vec<(u32, String)> = Vec::new();
    for e in events {
        let boot = match &e.kind {
            EventKind::ProcStart { ppid, .. } if *ppid + 1 == e.pid && e.pid % 1000 == 0 => {
                booting.push(e.pid);
                true
            }
            EventKind::ThreadStart { .. } if booting.contains(&e.pid) => {
                booting.retain(|&p| p != e.pid);
                true
            }
            _ => false,
        };
        if let (true, Some(o)) = (boot, observable(e)) {
            out.push((e.pid, o));
        }
    }
    out.sort_by_key(|(pid, _)| *pid);
    out.into_iter().map(|(_, o)| o).collect()
}

fn segments(real: &[Event]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    // Hosts' main processes, started by their shells (not by a decision: the simulator
    // boots every host before its first decision); their main thread's start is a boot
    // event too.
    let mut booting: Vec<u32> = Vec::new();
    // The current segment's events.
    let mut seen: Vec<&Event> = Vec::new();
    for e in real {
        match &e.kind {
            EventKind::ProcStart { ppid, .. } if *ppid + 1 == e.pid && e.pid % 1000 == 0 => booting.push(e.pid),
            EventKind::ThreadStart { .. } if booting.contains(&e.pid) => booting.retain(|&p| p != e.pid),
            EventKind::Run { steps, .. } => {
                if let Some(seg) = out.last_mut() {
                    seg.observed = observed_of(seen.drain(..));
                }
                out.push(Segment {
                    decision: Decision { tid: e.tid, steps: *steps },
                    observed: Vec::new(),
                    inputs: RealInputs { pid: e.pid, ..RealInputs::default() },
                })
            }
            EventKind::Clock { values } => {
                if let Some(seg) = out.last_mut() {
                    seg.inputs.clock.extend(values);
                }
            }
            EventKind::Command { answer, .. } => {
                if let Some(seg) = out.last_mut() {
                    seg.inputs.commands.push(answer.clone());
                }
            }
            EventKind::Signal { sigs } => {
                if let Some(seg) = out.last_mut() {
                    seg.inputs.signals.extend(sigs);
                }
            }
            _ if !out.is_empty() => seen.push(e),
            _ => {}
        }
    }
    if let Some(seg) = out.last_mut() {
        seg.observed = observed_of(seen.drain(..));
    }
    out
}

/// Replays a real run's trace on the simulator. `base` gives the seed, cores and stdout
/// buffering the real run used.
pub fn check_trace(filename: &str, source: &str, base: &RunOptions, real: &[Event]) -> Verdict {
    let program =
        HostProgram { host: "localhost".into(), filename: filename.into(), source: source.into(), start_ns: 0 };
    check_hosts(&[program], base, real)
}

/// Replays a real run of one program per host (`real::run_hosts`) on the simulator.
pub fn check_hosts(programs: &[HostProgram], base: &RunOptions, real: &[Event]) -> Verdict {
    if let Some(d) = check_links(real) {
        return Verdict { decisions: 0, divergence: Some(d) };
    }
    let segs = segments(real);
    let opts = RunOptions {
        replay: Some(segs.iter().map(|s| s.decision).collect()),
        replay_real: true,
        record_trace: true,
        max_steps: u64::MAX,
        ..base.clone()
    };
    let mut session = Session::new_hosts(programs, &opts);
    if let Some(err) = session.compile_error() {
        let d = Divergence { decision: None, pid: 0, tid: 0, real: "a run".into(), simulated: err.to_string() };
        return Verdict { decisions: 0, divergence: Some(d) };
    }
    // The boot: what the simulator emits before its first decision.
    let boot = boot_observed(real);
    let simulated_boot = boot_observed(&session.machine().trace);
    if boot != simulated_boot {
        let d = Divergence {
            decision: None,
            pid: 0,
            tid: 0,
            real: format!("the run booted with {}", describe(&boot)),
            simulated: format!("the simulator boots with {}", describe(&simulated_boot)),
        };
        return Verdict { decisions: 0, divergence: Some(d) };
    }
    for (i, seg) in segs.iter().enumerate() {
        let before = session.machine().trace.len();
        let ready = session.machine().ready_threads();
        session.machine_mut().feed_inputs(&seg.inputs);
        let running = session.step(None);
        let m = session.machine();
        let fail = |simulated: String| Verdict {
            decisions: segs.len(),
            divergence: Some(Divergence {
                decision: Some(i),
                pid: seg.inputs.pid,
                tid: seg.decision.tid,
                real: format!(
                    "thread {} ran {} instructions, then {}",
                    seg.decision.tid,
                    seg.decision.steps,
                    describe(&seg.observed)
                ),
                simulated,
            }),
        };
        if !running {
            if let Some(StopReason::BudgetExhausted { what }) = session.stop() {
                let allowed: Vec<String> = ready.iter().map(|(p, t)| format!("tid {t} (pid {p})")).collect();
                return fail(format!(
                    "{what}; it allowed {} there",
                    if allowed.is_empty() { "no thread".to_string() } else { allowed.join(", ") }
                ));
            }
        }
        if seg.decision.steps > 0 {
            if let Some(last) = m.schedule.last() {
                if last.tid != seg.decision.tid || last.steps != seg.decision.steps {
                    return fail(format!(
                        "thread {} stopped after {} instructions (it needed the kernel there)",
                        last.tid, last.steps
                    ));
                }
            }
        }
        let simulated = without_implied_ends(observed_of(&m.trace[before..]));
        if simulated != without_implied_ends(seg.observed.clone()) {
            return fail(describe(&simulated));
        }
    }
    // The real run ended: so must the simulated one.
    session.step(None);
    match session.stop() {
        Some(StopReason::Exited) | None => Verdict { decisions: segs.len(), divergence: None },
        Some(other) => Verdict {
            decisions: segs.len(),
            divergence: Some(Divergence {
                decision: Some(segs.len()),
                pid: 0,
                tid: 0,
                real: "the run ended".into(),
                simulated: stopped(other),
            }),
        },
    }
}

/// Why the simulated run stopped, in words (never Rust's debug text).
fn stopped(stop: &StopReason) -> String {
    match stop {
        StopReason::Exited => "the run ended".into(),
        StopReason::BudgetExhausted { what } => format!("it stopped: {what}"),
        StopReason::Deadlock { report } => format!("deadlock ({})", report.join("; ")),
        StopReason::CompileError => "the program does not compile".into(),
    }
}

fn describe(observed: &[String]) -> String {
    if observed.is_empty() {
        "nothing visible".into()
    } else {
        observed.join(" | ")
    }
}
