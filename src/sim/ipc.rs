//! Channels: the kernel objects behind `multiprocessing.Queue`, `JoinableQueue`,
//! `SimpleQueue` and `Pipe`. Items are `Pickled` copies, so no process heap is shared.
//! Invariant: a channel is touched only by kernel requests, and every change that could end
//! a wait (an item in, an item out, the last task done, the last writer gone) makes the
//! threads waiting on that channel retry.

use super::kernel::{Machine, RunState};
use crate::trace::EventKind;
use crate::vm::pickle::Pickled;
use crate::vm::request::{ChanOp, Request, Resume, WaitOn};
use crate::vm::value::Value;
use crate::vm::Flow;
use std::collections::VecDeque;

pub struct Chan {
    pub(super) items: VecDeque<Pickled>,
    pub(super) maxsize: usize,
    unfinished: i64,
    pub(super) pipe: bool,
    /// Processes that may still write (for a pipe's EOF).
    pub(super) writers: Vec<u32>,
    /// How long an item takes to arrive (a network connection; 0 for queues and pipes).
    latency_ns: u64,
    /// Items sent but not arrived yet: they keep a connection from reporting EOF.
    in_transit: usize,
    last_arrival: u64,
}

impl Chan {
    fn new(maxsize: usize, pipe: bool, writers: Vec<u32>, latency_ns: u64) -> Chan {
        Chan {
            items: VecDeque::new(),
            maxsize,
            unfinished: 0,
            pipe,
            writers,
            latency_ns,
            in_transit: 0,
            last_arrival: 0,
        }
    }

    /// A reader would see end-of-file: nothing here, nothing coming, nobody left to write.
    fn at_eof(&self) -> bool {
        self.pipe && self.items.is_empty() && self.in_transit == 0 && self.writers.is_empty()
    }
}

impl Machine {
    pub(super) fn chan_request(&mut self, tid: u32, r: Request, now: u64) {
        let pid = self.thread_pid(tid);
        self.threads[(tid - 1) as usize].chan_ops += 1;
        match r {
            Request::ChanNew { maxsize, pipe } => {
                let id = self.chans.len() as u32;
                self.chans.push(Chan::new(maxsize, pipe, vec![pid], 0));
                self.make_ready(tid, now, Resume::Value(Value::Int(i64::from(id))));
            }
            Request::ChanPut { id, item, block, timeout_ns } => {
                let Some(c) = self.chans.get_mut(id as usize) else { return self.bad_chan(tid, now) };
                if c.maxsize > 0 && c.items.len() >= c.maxsize {
                    if !block || timeout_ns == Some(0) {
                        self.chan_event(tid, id, "put", false, None, now);
                        return self.make_ready(tid, now, Resume::Value(Value::Bool(false)));
                    }
                    // Keep the item for the retry: the instruction runs again and re-pickles.
                    return self.block_on(
                        tid,
                        WaitOn::Chan { id, op: ChanOp::Put },
                        timeout_ns,
                        now,
                        Value::Bool(false),
                    );
                }
                c.unfinished += 1;
                if self.replay_real() {
                    let text = serde_json::to_string(&item).unwrap_or_default();
                    self.chan_event(tid, id, "put", true, Some(text), now);
                }
                let Some(c) = self.chans.get_mut(id as usize) else { return };
                if c.latency_ns > 0 {
                    let at = (now + c.latency_ns).max(c.last_arrival);
                    c.last_arrival = at;
                    c.in_transit += 1;
                    self.send_in_flight(id, item, at);
                } else {
                    c.items.push_back(item);
                    self.wake_chan(id, &[ChanOp::Get], now);
                }
                self.make_ready(tid, now, Resume::Value(Value::Bool(true)));
            }
            Request::ChanGet { id, block, timeout_ns } => {
                let Some(c) = self.chans.get_mut(id as usize) else { return self.bad_chan(tid, now) };
                match c.items.pop_front() {
                    Some(item) => {
                        if self.replay_real() {
                            let text = serde_json::to_string(&item).unwrap_or_default();
                            self.chan_event(tid, id, "get", true, Some(text), now);
                        }
                        self.wake_chan(id, &[ChanOp::Put], now);
                        let pi = self.proc_of(pid);
                        let answer = match self.procs[pi].interp.unpickle(&item) {
                            Ok(v) => Resume::Value(Value::tuple(vec![Value::Bool(true), v])),
                            Err(Flow::Raise(e)) => Resume::Raise(e),
                            Err(Flow::Request(_)) => Resume::Value(Value::None),
                        };
                        self.make_ready(tid, now, answer);
                    }
                    None => {
                        if c.at_eof() {
                            self.chan_event(tid, id, "get", false, None, now);
                            return self.raise(tid, pid, now, "EOFError", vec![]);
                        }
                        let empty = Value::tuple(vec![Value::Bool(false), Value::None]);
                        if !block || timeout_ns == Some(0) {
                            self.chan_event(tid, id, "get", false, None, now);
                            return self.make_ready(tid, now, Resume::Value(empty));
                        }
                        self.block_on(tid, WaitOn::Chan { id, op: ChanOp::Get }, timeout_ns, now, empty);
                    }
                }
            }
            Request::ChanPoll { id, timeout_ns } => {
                let Some(c) = self.chans.get(id as usize) else { return self.bad_chan(tid, now) };
                let ready = !c.items.is_empty() || c.at_eof();
                if ready || timeout_ns == Some(0) {
                    self.chan_event(tid, id, "poll", ready, None, now);
                    return self.make_ready(tid, now, Resume::Value(Value::Bool(ready)));
                }
                self.block_on(tid, WaitOn::Chan { id, op: ChanOp::Get }, timeout_ns, now, Value::Bool(false));
            }
            Request::ChanClose { id } => {
                if let Some(c) = self.chans.get_mut(id as usize) {
                    c.writers.retain(|p| *p != pid);
                    self.chan_event(tid, id, "close", true, None, now);
                }
                self.wake_chan(id, &[ChanOp::Get], now);
                self.make_ready(tid, now, Resume::Value(Value::None));
            }
            Request::ChanSize { id } => {
                let n = self.chans.get(id as usize).map(|c| c.items.len()).unwrap_or(0);
                self.make_ready(tid, now, Resume::Value(Value::Int(n as i64)));
            }
            Request::ChanTaskDone { id } => {
                let Some(c) = self.chans.get_mut(id as usize) else { return self.bad_chan(tid, now) };
                if c.unfinished <= 0 {
                    self.chan_event(tid, id, "task_done", false, None, now);
                    return self.make_ready(tid, now, Resume::Value(Value::Bool(false)));
                }
                c.unfinished -= 1;
                if c.unfinished == 0 {
                    self.wake_chan(id, &[ChanOp::Join], now);
                }
                self.chan_event(tid, id, "task_done", true, None, now);
                self.make_ready(tid, now, Resume::Value(Value::Bool(true)));
            }
            Request::ChanJoin { id } => {
                let Some(c) = self.chans.get(id as usize) else { return self.bad_chan(tid, now) };
                if c.unfinished == 0 {
                    self.chan_event(tid, id, "join", true, None, now);
                    return self.make_ready(tid, now, Resume::Value(Value::None));
                }
                self.block_on(tid, WaitOn::Chan { id, op: ChanOp::Join }, None, now, Value::None);
            }
            _ => {}
        }
    }

    /// A channel operation that took effect, traced in replays of real runs (the real
    /// backend traces the same, see `real::process`).
    fn chan_event(&mut self, tid: u32, id: u32, op: &str, ok: bool, item: Option<String>, now: u64) {
        if !self.replay_real() {
            return;
        }
        let th = &self.threads[(tid - 1) as usize];
        let (pid, origin) = (th.pid, [tid, th.chan_ops]);
        self.emit(now, pid, tid, EventKind::Chan { chan: id, op: op.into(), ok, item, from: None, origin });
    }

    /// A new pipe channel for one direction of a network connection.
    pub(super) fn new_chan(&mut self, writers: Vec<u32>, latency_ns: u64) -> u32 {
        self.chans.push(Chan::new(0, true, writers, latency_ns));
        self.chans.len() as u32 - 1
    }

    pub(super) fn set_chan_writers(&mut self, id: u32, writers: Vec<u32>, now: u64) {
        if let Some(c) = self.chans.get_mut(id as usize) {
            c.writers = writers;
        }
        self.wake_chan(id, &[ChanOp::Get], now);
    }

    /// An item sent over a connection arrives.
    pub(super) fn chan_arrive(&mut self, id: u32, item: Pickled, at: u64) {
        if let Some(c) = self.chans.get_mut(id as usize) {
            c.in_transit -= 1;
            c.items.push_back(item);
        }
        self.wake_chan(id, &[ChanOp::Get], at);
    }

    fn bad_chan(&mut self, tid: u32, now: u64) {
        let pid = self.thread_pid(tid);
        self.raise(tid, pid, now, "OSError", vec![Value::Int(9), Value::str("Bad file descriptor")]);
    }

    pub(super) fn raise(&mut self, tid: u32, pid: u32, now: u64, class: &str, args: Vec<Value>) {
        let pi = self.proc_of(pid);
        if let Flow::Raise(e) = self.procs[pi].interp.err_args(class, args) {
            self.make_ready(tid, now, Resume::Raise(e));
        }
    }

    /// Makes threads waiting on channel `id` for one of `ops` retry their request.
    fn wake_chan(&mut self, id: u32, ops: &[ChanOp], now: u64) {
        let waiters: Vec<(u32, u32)> = self
            .threads
            .iter()
            .filter(
                |t| matches!(&t.state, RunState::Blocked(WaitOn::Chan { id: i, op }) if *i == id && ops.contains(op)),
            )
            .map(|t| (t.tid, t.pid))
            .collect();
        for (w, p) in waiters {
            self.make_ready(w, now, Resume::Retry);
            self.emit(now, p, w, EventKind::Wake { reason: format!("queue#{id} changed") });
        }
    }

    /// A process is gone or forked: update who may write to each channel.
    pub(super) fn chan_process_exit(&mut self, pid: u32, now: u64) {
        let mut touched = Vec::new();
        for (i, c) in self.chans.iter_mut().enumerate() {
            if c.writers.contains(&pid) {
                c.writers.retain(|p| *p != pid);
                touched.push(i as u32);
            }
        }
        for id in touched {
            self.wake_chan(id, &[ChanOp::Get], now);
        }
    }

    pub(super) fn chan_fork(&mut self, parent: u32, child: u32) {
        for c in self.chans.iter_mut() {
            if c.writers.contains(&parent) {
                c.writers.push(child);
            }
        }
    }

    pub(super) fn chan_label(&self, id: u32, op: ChanOp) -> String {
        let kind = match self.chans.get(id as usize) {
            Some(c) if c.pipe => "pipe",
            _ => "queue",
        };
        match op {
            ChanOp::Get => format!("an item from {kind}#{id} (empty)"),
            ChanOp::Put => format!("room in {kind}#{id} (full)"),
            ChanOp::Join => format!("all tasks of {kind}#{id} done"),
        }
    }
}
