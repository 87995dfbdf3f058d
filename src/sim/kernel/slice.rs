//! One slice of the simulated kernel: a thread runs on a core from a start time for a budget of
//! instructions (`vm::Slice`), then the kernel books what it did — its time on the core, its
//! output and file events, the lock waiters it woke, what it touched (`explore`) — and answers
//! the request it ended with.
//!
//! A learner may pause a slice mid-way (`Machine::step_instructions`): the slice's parts run
//! with the same start time and what is left of its budget, the console shows each part's
//! output at once, and everything else is booked once, when the slice ends. Invariant: a
//! slice run in parts leaves exactly the trace, output, schedule and heap of the same slice run
//! whole, so pausing never changes a run; while a slice is paused no other decision is taken.

use super::{Decision, Gil, Machine, OutputChunk, Policy, RunState, Stream, ThreadRole};
use crate::limits::NS_PER_STEP;
use crate::trace::EventKind;
use crate::vm::request::{Request, Resume, WaitOn};
use crate::vm::{IoRelease, RunEnd, Slice, SliceEnd};

/// A slice begun and not yet booked: where it runs, and what its parts have done so far.
pub(super) struct SlicePart {
    core: usize,
    tid: u32,
    /// What the schedule records: `tid`, or the task choice it answered (`api::task_choice`).
    decision: u32,
    start: u64,
    budget: u64,
    preempt_any: bool,
    explore_visible: bool,
    /// `Slice::io_release`.
    io_release: IoRelease,
    /// `explore`: the thread was woken with an answer (it learns what another thread did).
    woken: bool,
    learnt: Option<crate::vm::access::Loc>,
    fresh: bool,
    steps: u64,
    nested: u64,
    out: Vec<(Stream, String)>,
    files: Vec<(&'static str, String, u64)>,
    wakeups: Vec<u32>,
}

impl SlicePart {
    pub(super) fn tid(&self) -> u32 {
        self.tid
    }

    pub(super) fn steps(&self) -> u64 {
        self.steps
    }
}

impl Machine {
    /// Runs a slice of thread `tid` on `core` from `start`: to its end, or, with
    /// `pause_after`, at most that many instructions (then it stays paused in `self.paused`).
    pub(super) fn run_slice(&mut self, core: usize, tid: u32, start: u64, budget: u64, pause_after: Option<u64>) {
        let ti = (tid - 1) as usize;
        let pi = self.proc_index(self.threads[ti].pid);
        // Without a GIL nothing waits for an eval-breaker point: other cores run meanwhile.
        let preempt_any = self.opts.replay.is_some()
            || matches!(self.opts.policy, Policy::PreemptAny | Policy::Random)
            || self.opts.gil == Gil::Off;
        // Until a second thread exists nothing can interleave: such slices run long. Under
        // the cpython policy slices end at eval-breaker points and record what all their
        // instructions touch.
        let free = self.free_next.take();
        let explore_visible = self.explore && self.threads.len() > 1 && free.is_none();
        let budget = match free {
            Some(n) => n.min(self.opts.max_steps.saturating_sub(self.steps)).max(1),
            None => budget,
        };
        let resume = self.threads[ti].pending.take();
        // The task whose step this slice runs: the ready callback a task choice takes, or the
        // task its loop was running when the thread last stopped.
        let task = if self.task_choices && self.opts.record_trace {
            let answer = match (&self.threads[ti].choice, &resume) {
                (Some(_), Some(Resume::Value(crate::vm::value::Value::Int(k)))) => Some(*k as usize),
                _ => None,
            };
            super::super::view_asyncio::slice_task(self, ti, pi, answer)
        } else {
            None
        };
        if let Some(name) = task {
            let pid = self.threads[ti].pid;
            self.emit(start, pid, tid, EventKind::Task { name });
        }
        // A task choice is answered by `resume` (0 unless the decision said otherwise).
        self.threads[ti].choice = None;
        let decision = self.choice_taken.take().unwrap_or(tid);
        // `explore`: a thread woken with an answer (a join, a child, a channel) learns of
        // something another thread did; only a lock retry repeats a visible instruction.
        let woken = matches!(resume, Some(Resume::Value(_) | Resume::Raise(_)));
        let learnt = self.threads[ti].learnt.take();
        let fresh = std::mem::take(&mut self.threads[ti].fresh);
        let signals = self.take_signals(ti, pi);
        // Under the cpython policy a write may pass the GIL (the other policies switch
        // anywhere anyway; `explore` keeps its own switch points; a replayed real run keeps
        // the GIL across writes as real runs do).
        let io_release = if self.opts.policy == Policy::Cpython
            && self.opts.gil == Gil::On
            && !self.explore
            && !self.opts.replay_real
        {
            IoRelease::Contended
        } else {
            IoRelease::Never
        };
        let part = SlicePart {
            core,
            tid,
            decision,
            start,
            budget,
            preempt_any,
            explore_visible,
            io_release,
            woken,
            learnt,
            fresh,
            steps: 0,
            nested: 0,
            out: Vec::new(),
            files: Vec::new(),
            wakeups: Vec::new(),
        };
        self.run_part(part, resume, signals, pause_after);
    }

    /// Goes on with the paused slice (to its end, or at most `pause_after` more
    /// instructions). False when no slice is paused.
    pub(super) fn resume_paused(&mut self, pause_after: Option<u64>) -> bool {
        match self.paused.take() {
            Some(part) => {
                self.run_part(part, None, None, pause_after);
                true
            }
            None => false,
        }
    }

    fn run_part(
        &mut self,
        mut part: SlicePart,
        resume: Option<Resume>,
        signals: Option<(Vec<i32>, crate::vm::signals::Entry)>,
        pause_after: Option<u64>,
    ) {
        let ti = (part.tid - 1) as usize;
        let pid = self.threads[ti].pid;
        let pi = self.proc_index(pid);
        let mut ts = std::mem::take(&mut self.threads[ti].ts);
        let slice = Slice {
            tid: part.tid,
            now_ns: part.start,
            // A part after a pause has what is left; past the budget (the cpython policy
            // waits for an eval-breaker point) it stops at the first one, as the whole would.
            budget: part.budget.saturating_sub(part.steps),
            preempt_any: part.preempt_any,
            explore: part.explore_visible,
            task_choices: match (self.task_choices, self.every_task) {
                (false, _) => crate::vm::TaskChoices::Off,
                (true, false) => crate::vm::TaskChoices::Several,
                (true, true) => crate::vm::TaskChoices::Every,
            },
            resume,
            signals,
            pause_after,
            io_release: part.io_release,
        };
        let end: SliceEnd = self.procs[pi].interp.run_slice(&mut ts, slice);
        self.threads[ti].ts = ts;
        part.steps += end.steps;
        part.nested += end.nested_steps;
        for (stream, text) in &end.out {
            let tid = part.tid;
            match self.output.last_mut() {
                Some(c) if c.stream == *stream && c.pid == pid && c.tid == tid => c.text.push_str(text),
                _ => self.output.push(OutputChunk { stream: *stream, pid, tid, text: text.clone() }),
            }
        }
        part.out.extend(end.out);
        part.files.extend(end.files);
        part.wakeups.extend(end.wakeups);
        if end.paused {
            self.paused = Some(part);
            return;
        }
        self.book_slice(part, end.outcome, end.access_last, end.access_before);
    }

    /// Books a finished slice: its time on the core, its events, the waiters it woke, what it
    /// touched (`explore`), then the request it ended with.
    fn book_slice(
        &mut self,
        part: SlicePart,
        outcome: RunEnd,
        access_last: crate::vm::access::Access,
        access_before: crate::vm::access::Access,
    ) {
        let SlicePart {
            core,
            tid,
            decision,
            start,
            budget,
            steps,
            nested,
            out,
            files,
            wakeups,
            woken,
            learnt,
            fresh,
            explore_visible,
            ..
        } = part;
        let ti = (tid - 1) as usize;
        let pid = self.threads[ti].pid;
        let pi = self.proc_index(pid);
        let dur = (steps + nested).max(1) * NS_PER_STEP;
        let end = start + dur;
        self.steps += steps + nested;
        self.cores[core] = end;
        self.on_core[core] = Some(tid);
        self.procs[pi].gil_free_at = end;
        self.schedule.push(Decision { tid: decision, steps: steps.min(u64::from(u32::MAX)) as u32 });
        self.emit(start, pid, tid, EventKind::Run { core: core as u32, steps: steps as u32, dur });
        for (op, path, bytes) in files {
            self.emit(end, pid, tid, EventKind::File { op: op.into(), path, bytes });
        }
        // The console has the text already (`run_part`); the trace writes it at the slice's end.
        for (stream, text) in out {
            let stream = if stream == Stream::Stdout { "stdout" } else { "stderr" };
            self.emit(end, pid, tid, EventKind::Write { stream: stream.into(), text });
        }
        for w in wakeups {
            let wi = (w - 1) as usize;
            if self
                .threads
                .get(wi)
                .is_some_and(|t| t.pid == pid && matches!(t.state, RunState::Blocked(WaitOn::Lock { .. })))
            {
                self.make_ready(w, end, Resume::Retry);
                self.emit(end, pid, w, EventKind::Wake { reason: "lock released".into() });
            }
        }
        self.ready_counter += 1;
        self.threads[ti].ready_seq = self.ready_counter;
        self.threads[ti].ready_at = end;
        if self.explore {
            // A slice that asked the kernel, ended its thread, or was not cut at visible
            // instructions may have touched anything.
            use crate::vm::access::{thread_end_key, thread_start_key, Access};
            // The slice's last instruction (what the kernel was asked is about it), and
            // what the instructions before it touched (cpython policy; Local under
            // preempt-any, whose slices have one visible instruction).
            let mut access = access_last;
            let before = access_before;
            // A failed acquire only read its lock (the release wakes every waiter); a join
            // only reads whether the thread ended; a worker thread that returned only ended
            // (its last instruction says so, see vm::access).
            let precise = explore_visible
                && (!woken || learnt.is_some())
                && match &outcome {
                    RunEnd::Yield => true,
                    RunEnd::Request(Request::Block { on: WaitOn::Lock { .. }, timeout_ns: None }) => {
                        if let Access::Objects(list) = &mut access {
                            list.iter_mut().for_each(|(_, w)| *w = false);
                        }
                        true
                    }
                    RunEnd::Request(Request::Block { on: WaitOn::Thread { tid: other }, timeout_ns: None })
                        if !woken =>
                    {
                        access = Access::Objects(vec![(thread_end_key(*other), false)]);
                        true
                    }
                    // Starting a thread only makes it exist (its first step reads that).
                    RunEnd::Request(Request::StartThread { .. }) if !woken => {
                        access = Access::Objects(vec![(thread_start_key(self.threads.len() as u32 + 1), true)]);
                        true
                    }
                    // The main thread's module body (or an exit hook) returned and the
                    // next exit hook (threading._shutdown, atexit) starts: nothing shared
                    // changes until the process exits, after the last one.
                    // After the last one stdout is flushed and the process finalizes (on a
                    // timer, while the other threads finish): that writes the output.
                    RunEnd::Done(Ok(_)) => match &self.threads[ti].role {
                        ThreadRole::Worker => true,
                        role @ (ThreadRole::Main | ThreadRole::Exiting { .. }) => {
                            let proc = &mut self.procs[pi];
                            let more = match role {
                                ThreadRole::Main => {
                                    !proc.interp.shutdown_hooks.is_empty() || !proc.interp.atexit.is_empty()
                                }
                                _ => !proc.hooks.is_empty(),
                            };
                            if !more {
                                let mut locs = proc.interp.output_access();
                                access = match access {
                                    Access::Objects(mut list) => {
                                        list.append(&mut locs);
                                        Access::Objects(list)
                                    }
                                    Access::Local => Access::Objects(locs),
                                    Access::Universal => Access::Universal,
                                };
                            }
                            true
                        }
                        _ => false,
                    },
                    _ => false,
                };
            // What the answer it was woken with told it; a new thread's first step.
            let fresh_key = fresh.then(|| thread_start_key(tid));
            for key in [learnt, fresh_key].into_iter().flatten() {
                access = match access {
                    Access::Local => Access::Objects(vec![(key, false)]),
                    Access::Objects(mut list) => {
                        list.push((key, false));
                        Access::Objects(list)
                    }
                    Access::Universal => Access::Universal,
                };
            }
            self.slice_access = Some(if precise { before.union(access) } else { Access::Universal });
        }
        if matches!(outcome, RunEnd::Request(Request::ChooseTask { .. })) && !self.explore {
            self.threads[ti].budget_left = Some(budget.saturating_sub(steps));
        }
        match outcome {
            RunEnd::Yield => {}
            RunEnd::Request(r) => {
                let deadline = self.retry_deadline(ti);
                self.handle_request(tid, r, end);
                self.clamp_wait(ti, deadline);
            }
            RunEnd::Done(result) => self.thread_done(tid, result, end),
        }
    }
}
