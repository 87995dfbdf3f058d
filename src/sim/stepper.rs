//! Time travel over a `Session`: stepping forwards, backwards and in bounded slices, as the
//! page does. Invariant: the stepper's state after any sequence of moves is exactly the state
//! of a fresh session stepped forwards through `choices()` — stepping back is deterministic
//! replay from the start, never an approximation (a run is a pure function of its inputs).
//!
//! A learner's step (`step_by`) is one or more decisions: to the next line, thread switch,
//! shared access or kernel event (`StepBy`), with the library preludes' own code (the boot's
//! `import threading`, `Thread.start`'s bookkeeping) run through unless asked for. Where such
//! a step stops is a function of the decisions alone, so stepping back by the same kind
//! replays the run and stops at the previous place a forward step would have stopped.

use super::api::{RealInputs, RunOptions};
use super::view::View;
use super::{HostProgram, Session};

pub struct Stepper {
    programs: Vec<HostProgram>,
    opts: RunOptions,
    session: Session,
    /// One entry per decision taken: the thread the learner chose, or None (the policy's).
    choices: Vec<Option<u32>>,
    /// Replaying a real run: what the real world answered, fed before each decision as
    /// `check::check_trace` does (empty otherwise).
    inputs: std::rc::Rc<Vec<RealInputs>>,
}

/// How far one learner's step goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum StepBy {
    /// One scheduling decision (one slice of the policy).
    #[default]
    Decision,
    /// Until a thread's line in the program changes, or a thread blocks, wakes, starts or ends.
    Line,
    /// Until another thread runs than the one that ran last.
    Switch,
    /// Until the thread that ran stands before an instruction that may touch what another
    /// thread can see (a global, an attribute, a shared object), or stops being ready.
    Shared,
    /// Until the kernel records a block, wake, write, start or end.
    Event,
}

impl StepBy {
    pub const ALL: [StepBy; 5] = [StepBy::Decision, StepBy::Line, StepBy::Switch, StepBy::Shared, StepBy::Event];

    pub fn name(self) -> &'static str {
        match self {
            StepBy::Decision => "decision",
            StepBy::Line => "line",
            StepBy::Switch => "switch",
            StepBy::Shared => "shared",
            StepBy::Event => "event",
        }
    }

    pub fn parse(name: &str) -> Option<StepBy> {
        StepBy::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// The most decisions one learner's step takes before it stops anyway (a thread spinning in
/// a library loop, a line that never changes): the page must answer.
pub const MAX_DECISIONS_PER_STEP: usize = 20_000;

/// Where the machine stood when a learner's step began, to tell when it has gone far enough.
struct Mark {
    threads: Vec<super::kernel::ThreadMark>,
    last_tid: Option<u32>,
    trace_len: usize,
}

/// How much one slice of `run_for` may do before it returns to the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    pub decisions: u64,
    pub instructions: u64,
}

impl Stepper {
    pub fn new(filename: &str, source: &str, opts: &RunOptions) -> Stepper {
        let program =
            HostProgram { host: "localhost".into(), filename: filename.into(), source: source.into(), start_ns: 0 };
        Stepper::new_hosts(vec![program], opts)
    }

    /// A stepper over a multi-host run (a scenario's `programs()`).
    pub fn new_hosts(programs: Vec<HostProgram>, opts: &RunOptions) -> Stepper {
        let session = Session::new_hosts(&programs, opts);
        Stepper { programs, opts: opts.clone(), session, choices: Vec::new(), inputs: Default::default() }
    }

    /// Feeds these inputs, one entry per decision, before each decision (replaying a real
    /// run's trace with `RunOptions::replay_real`).
    pub fn set_real_inputs(&mut self, inputs: Vec<RealInputs>) {
        self.inputs = std::rc::Rc::new(inputs);
    }

    fn feed(session: &mut Session, inputs: &[RealInputs], i: usize) {
        if let Some(inputs) = inputs.get(i) {
            session.machine_mut().feed_inputs(inputs);
        }
    }

    /// Decisions taken so far.
    pub fn position(&self) -> u64 {
        self.choices.len() as u64
    }

    pub fn choices(&self) -> &[Option<u32>] {
        &self.choices
    }

    pub fn options(&self) -> &RunOptions {
        &self.opts
    }

    pub fn is_over(&self) -> bool {
        self.session.stop().is_some()
    }

    /// One decision (`choose` forces a ready thread); false if the run was already over.
    pub fn step(&mut self, choose: Option<u32>) -> bool {
        // A forced choice the machine would refuse is taken as the policy's, so that replay
        // sees exactly what happened.
        let choose = choose.filter(|t| self.session.machine_mut().choosable().contains(t));
        Stepper::feed(&mut self.session, &self.inputs, self.choices.len());
        let went = self.session.step(choose);
        if went {
            self.choices.push(choose);
        }
        went
    }

    fn mark(&self) -> Mark {
        let m = self.session.machine();
        Mark {
            threads: m.thread_marks(&self.session.files),
            last_tid: m.schedule.last().map(|d| d.tid),
            trace_len: m.trace.len(),
        }
    }

    /// Whether a learner's step that began at `from` ends after the decision just taken.
    fn stops_here(&self, by: StepBy, library: bool, from: &Mark) -> bool {
        if self.is_over() {
            return true;
        }
        let m = self.session.machine();
        let Some(ran) = m.schedule.last().map(|d| d.tid) else { return true };
        let now = m.thread_marks(&self.session.files);
        let ran_mark = now.iter().find(|t| t.tid == ran);
        let ran_ready = ran_mark.is_some_and(|t| t.state == 0);
        // A thread still inside a library's code, and able to go on, is not worth a stop.
        if !library && ran_ready && ran_mark.is_some_and(|t| t.in_library) {
            return false;
        }
        let changed_state =
            now.len() != from.threads.len() || now.iter().zip(&from.threads).any(|(a, b)| a.state != b.state);
        match by {
            StepBy::Decision => true,
            StepBy::Line => changed_state || now.iter().zip(&from.threads).any(|(a, b)| a.line != b.line),
            StepBy::Switch => from.last_tid != Some(ran) || changed_state,
            StepBy::Shared => !ran_ready || m.next_touches_shared(ran),
            StepBy::Event => m.trace[from.trace_len.min(m.trace.len())..].iter().any(|e| {
                use crate::trace::EventKind as K;
                !matches!(e.kind, K::Run { .. } | K::Clock { .. } | K::Command { .. } | K::Signal { .. })
            }),
        }
    }

    /// One learner's step: decisions until `by` says it has gone far enough (see `StepBy`),
    /// running library code through unless `library`; `choose` keeps choosing that thread
    /// while it can run (manual mode). False if the run was already over.
    pub fn step_by(&mut self, by: StepBy, library: bool, choose: Option<u32>) -> bool {
        let from = self.mark();
        for taken in 0..MAX_DECISIONS_PER_STEP {
            if !self.step(choose) {
                return taken > 0;
            }
            if self.stops_here(by, library, &from) {
                break;
            }
            if choose.is_some_and(|t| !self.runnable().contains(&t)) {
                break;
            }
        }
        true
    }

    /// Back one learner's step of this kind: to the latest decision before this one where a
    /// forward `step_by` from the start (along the same choices) would have stopped.
    pub fn back_by(&mut self, by: StepBy, library: bool) {
        if (by == StepBy::Decision && library) || self.is_over() {
            return self.back();
        }
        let target = self.choices.len();
        if target == 0 {
            return;
        }
        let choices = self.choices.clone();
        let mut probe = Stepper {
            programs: self.programs.clone(),
            opts: self.opts.clone(),
            session: Session::new_hosts(&self.programs, &self.opts),
            choices: Vec::new(),
            inputs: self.inputs.clone(),
        };
        let mut stop_at = 0;
        let mut from = probe.mark();
        let mut since = 0;
        for c in &choices[..target - 1] {
            if !probe.step(*c) {
                break;
            }
            since += 1;
            if since >= MAX_DECISIONS_PER_STEP || probe.stops_here(by, library, &from) {
                stop_at = probe.choices.len();
                from = probe.mark();
                since = 0;
            }
        }
        self.seek(stop_at);
    }

    /// Back one decision: replays the run from the start to the previous decision.
    pub fn back(&mut self) {
        // From the end, back is the moment before the run was found over: every decision
        // taken, the last thread's slice run.
        if self.is_over() && !self.choices.is_empty() {
            return self.replay(self.choices.len());
        }
        let target = self.choices.len().saturating_sub(1);
        self.seek(target);
    }

    /// Goes to decision `n` (at most where the run ends) by replay from the start when it
    /// lies behind, else by stepping on with the policy's choices.
    pub fn seek(&mut self, n: usize) {
        if n < self.choices.len() {
            self.replay(n);
        }
        while self.choices.len() < n && self.step(None) {}
    }

    /// A fresh session stepped through the first `n` recorded choices.
    fn replay(&mut self, n: usize) {
        let mut choices = std::mem::take(&mut self.choices);
        choices.truncate(n);
        self.session = Session::new_hosts(&self.programs, &self.opts);
        for c in choices {
            Stepper::feed(&mut self.session, &self.inputs, self.choices.len());
            if self.session.step(c) {
                self.choices.push(c);
            }
        }
    }

    /// Steps with the policy until the run ends or the budget is spent; returns whether the
    /// run can go on.
    pub fn run_for(&mut self, budget: Budget) -> bool {
        let start = self.session.machine().steps;
        let mut taken = 0;
        while taken < budget.decisions && self.session.machine().steps - start < budget.instructions {
            if !self.step(None) {
                return false;
            }
            taken += 1;
        }
        !self.is_over()
    }

    /// The threads a manual scheduler may pick now.
    pub fn runnable(&mut self) -> Vec<u32> {
        if self.is_over() {
            return Vec::new();
        }
        self.session.machine_mut().choosable()
    }

    /// The trace of the run so far (one `run` event per decision).
    pub fn trace(&self) -> &[crate::trace::Event] {
        &self.session.machine().trace
    }

    pub fn view(&self) -> View {
        self.session.view()
    }
}
