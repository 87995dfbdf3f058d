//! Time travel over a `Session`: stepping forwards, backwards and in bounded slices, as the
//! page does. Invariant: the stepper's state after any sequence of moves is exactly the state
//! of a fresh session stepped forwards through `choices()` — stepping back is deterministic
//! replay from the start, never an approximation (a run is a pure function of its inputs).
//!
//! A learner's step (`step_by`) is one or more units: to the next instruction, line, thread
//! switch, shared access or kernel event (`StepBy`), with the library preludes' own code (the
//! boot's `import threading`, `Thread.start`'s bookkeeping) run through unless asked for. A
//! unit is a decision, or, where a decision is long (every policy but preempt-any, whose
//! decisions are one instruction), one instruction of a slice the kernel pauses
//! (`Machine::step_instructions`: pausing never changes the run). A position is the decisions
//! taken plus the instructions run into a paused slice; where a step stops is a function of
//! the position alone, so stepping back by the same kind replays the run and stops at the
//! previous place a forward step would have stopped.
//!
//! With `set_explore` (the page's break levels) the machine decides where the schedule
//! search does (`Machine::set_explore`): a chosen thread runs to the next visible instruction
//! (preempt-any) or eval-breaker point (cpython), so the learner's choices are the search's
//! decisions and a level's par is reachable by hand.

use super::api::{RealInputs, RunOptions};
use super::view::View;
use super::{HostProgram, Session};
use crate::limits::{MAX_DECISIONS_PER_STEP, MAX_INSTRUCTIONS_REPLAYED};

pub struct Stepper {
    programs: Vec<HostProgram>,
    opts: RunOptions,
    session: Session,
    /// One entry per decision taken: the thread the learner chose, or None (the policy's).
    choices: Vec<Option<u32>>,
    /// Instructions run into a paused slice (0: none is paused), and its decision's choice.
    partial: u64,
    paused_choice: Option<u32>,
    /// The learner's freezes (`set_frozen`): from decision N on, these threads are frozen;
    /// replay applies each before its decision, so a replay runs as the original did.
    freezes: Vec<(usize, Vec<u32>)>,
    /// Replaying a real run: what the real world answered, fed before each decision as
    /// `check::check_trace` does (empty otherwise).
    inputs: std::rc::Rc<Vec<RealInputs>>,
    /// Every session of this stepper decides where the search does (`set_explore`).
    explore: bool,
}

/// How far one learner's step goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum StepBy {
    /// One bytecode instruction of the thread that runs.
    Instruction,
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
    /// Until an asyncio event loop runs a step of another task than the one that ran last
    /// (`task` events: the page's runs offer every task choice, `RunOptions::task_choices`).
    Task,
}

impl StepBy {
    pub const ALL: [StepBy; 7] = [
        StepBy::Instruction,
        StepBy::Decision,
        StepBy::Line,
        StepBy::Switch,
        StepBy::Shared,
        StepBy::Event,
        StepBy::Task,
    ];

    pub fn name(self) -> &'static str {
        match self {
            StepBy::Instruction => "instruction",
            StepBy::Decision => "decision",
            StepBy::Line => "line",
            StepBy::Switch => "switch",
            StepBy::Shared => "shared",
            StepBy::Event => "event",
            StepBy::Task => "task",
        }
    }

    pub fn parse(name: &str) -> Option<StepBy> {
        StepBy::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// A moment of a run as the learner reached it: the decisions (`Some`: the learner's
/// choice), the freezes (from decision N on, these threads), and the instructions run into a
/// paused slice with that slice's choice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Moment {
    pub choices: Vec<Option<u32>>,
    pub freezes: Vec<(usize, Vec<u32>)>,
    pub partial: u64,
    pub paused_choice: Option<u32>,
}

/// A place in the run: decisions taken, then instructions into a paused slice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Position {
    decisions: usize,
    partial: u64,
    paused_choice: Option<u32>,
}

/// Where the machine stood when a learner's step began, to tell when it has gone far enough.
struct Mark {
    threads: Vec<super::kernel::ThreadMark>,
    last_tid: Option<u32>,
    trace_len: usize,
    /// The task that ran last (only kept for `StepBy::Task`).
    task: Option<String>,
}

/// How much one slice of `run_for` may do before it returns to the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    pub decisions: u64,
    pub instructions: u64,
}

/// The task of the latest `task` event in `trace` (see `StepBy::Task`).
fn last_task(trace: &[crate::trace::Event]) -> Option<String> {
    trace.iter().rev().find_map(|e| match &e.kind {
        crate::trace::EventKind::Task { name } => Some(name.clone()),
        _ => None,
    })
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
        Stepper {
            programs,
            opts: opts.clone(),
            session,
            choices: Vec::new(),
            partial: 0,
            paused_choice: None,
            freezes: Vec::new(),
            inputs: Default::default(),
            explore: false,
        }
    }

    /// The same stepper, back at the start, with the machine deciding where the schedule
    /// search does (`Machine::set_explore`): a chosen thread's slice ends before its next
    /// visible instruction (preempt-any) or at its next eval-breaker point (cpython).
    pub fn exploring(mut self) -> Stepper {
        self.explore = true;
        self.replay(0);
        self
    }

    /// A fresh session of this stepper's run.
    fn session(&self) -> Session {
        let mut session = Session::new_hosts(&self.programs, &self.opts);
        if self.explore {
            session.machine_mut().set_explore(true);
        }
        session
    }

    /// Feeds these inputs, one entry per decision, before each decision (replaying a real
    /// run's trace with `RunOptions::replay_real`).
    pub fn set_real_inputs(&mut self, inputs: Vec<RealInputs>) {
        self.inputs = std::rc::Rc::new(inputs);
    }

    /// Before decision `choices.len()`: the real run's inputs for it, and the learner's
    /// freezes from it on.
    fn before_decision(&mut self) {
        let i = self.choices.len();
        if let Some(inputs) = self.inputs.get(i) {
            self.session.machine_mut().feed_inputs(inputs);
        }
        if let Some((_, frozen)) = self.freezes.iter().rev().find(|(at, _)| *at == i) {
            self.session.machine_mut().set_frozen(frozen.clone());
        }
    }

    /// Freezes these threads from the next decision on (none: unfreezes all): the policy
    /// runs a frozen thread only when no other is ready; "solo" is freezing all the others.
    /// Freezes taken later in the run than here are forgotten, as choices are.
    pub fn set_frozen(&mut self, tids: Vec<u32>) {
        let at = self.choices.len() + usize::from(self.partial > 0);
        self.freezes.retain(|(i, _)| *i < at);
        self.freezes.push((at, tids.clone()));
        if self.partial == 0 {
            self.session.machine_mut().set_frozen(tids);
        }
    }

    /// The threads frozen now (see `set_frozen`).
    pub fn frozen(&self) -> Vec<u32> {
        let at = self.choices.len() + usize::from(self.partial > 0);
        self.freezes.iter().rev().find(|(i, _)| *i <= at).map(|(_, f)| f.clone()).unwrap_or_default()
    }

    /// Decisions taken so far.
    pub fn position(&self) -> u64 {
        self.choices.len() as u64
    }

    pub fn choices(&self) -> &[Option<u32>] {
        &self.choices
    }

    /// Where the stepper stands: decisions taken, then instructions run into the current
    /// slice when a step paused it (0: none is paused). Ordered as the run goes.
    pub fn place(&self) -> (u64, u64) {
        (self.choices.len() as u64, self.partial)
    }

    /// Everything that places this stepper in its run (what a shared link carries).
    pub fn moment(&self) -> Moment {
        Moment {
            choices: self.choices.clone(),
            freezes: self.freezes.clone(),
            partial: self.partial,
            paused_choice: self.paused_choice,
        }
    }

    /// Replays the run from its start to `moment` (as far as the run goes).
    pub fn go_to(&mut self, moment: Moment) {
        let to =
            Position { decisions: moment.choices.len(), partial: moment.partial, paused_choice: moment.paused_choice };
        self.choices = moment.choices;
        self.freezes = moment.freezes;
        self.replay_to(to);
    }

    fn here(&self) -> Position {
        Position { decisions: self.choices.len(), partial: self.partial, paused_choice: self.paused_choice }
    }

    /// Whether `by` moves one instruction at a time (a paused slice) rather than by decisions.
    fn by_instructions(&self, by: StepBy) -> bool {
        matches!(by, StepBy::Instruction | StepBy::Line | StepBy::Shared)
            && self.opts.policy != super::api::Policy::PreemptAny
    }

    pub fn options(&self) -> &RunOptions {
        &self.opts
    }

    pub fn is_over(&self) -> bool {
        self.session.stop().is_some()
    }

    /// One decision (`choose` forces a ready thread); false if the run was already over. A
    /// paused slice is run to its end instead (its decision was taken when it began).
    pub fn step(&mut self, choose: Option<u32>) -> bool {
        if self.partial > 0 {
            self.session.step(None);
            self.end_paused_decision();
            return true;
        }
        // A forced choice the machine would refuse is taken as the policy's, so that replay
        // sees exactly what happened.
        let choose = choose.filter(|t| self.session.machine_mut().choosable().contains(t));
        self.before_decision();
        let went = self.session.step(choose);
        if went {
            self.choices.push(choose);
        }
        went
    }

    /// One instruction: of the paused slice, or of a new decision's slice (which stays paused
    /// unless it ended there). False if the run was already over.
    pub fn step_instruction(&mut self, choose: Option<u32>) -> bool {
        if self.partial > 0 {
            self.session.step_instructions(None, 1);
            self.partial += 1;
            if self.session.machine().paused_thread().is_none() {
                self.end_paused_decision();
            }
            return true;
        }
        let choose = choose.filter(|t| self.session.machine_mut().choosable().contains(t));
        self.before_decision();
        if !self.session.step_instructions(choose, 1) {
            return false;
        }
        if self.session.machine().paused_thread().is_some() {
            self.partial = 1;
            self.paused_choice = choose;
        } else {
            self.choices.push(choose);
        }
        true
    }

    fn end_paused_decision(&mut self) {
        self.choices.push(self.paused_choice.take());
        self.partial = 0;
    }

    /// One unit of `by` (see the module comment).
    fn step_unit(&mut self, by: StepBy, choose: Option<u32>) -> bool {
        if self.by_instructions(by) {
            self.step_instruction(choose)
        } else {
            self.step(choose)
        }
    }

    fn mark(&self, by: StepBy) -> Mark {
        let m = self.session.machine();
        let task = match by {
            StepBy::Task => last_task(&m.trace),
            _ => None,
        };
        Mark {
            threads: m.thread_marks(&self.session.files),
            last_tid: Stepper::last_ran(m),
            trace_len: m.trace.len(),
            task,
        }
    }

    /// The thread that ran last: the paused slice's, else the latest decision's.
    fn last_ran(m: &super::kernel::Machine) -> Option<u32> {
        m.paused_thread().or_else(|| m.schedule.last().map(|d| super::decision_thread(d.tid)))
    }

    /// Whether a learner's step that began at `from` ends after the decision just taken.
    fn stops_here(&self, by: StepBy, library: bool, from: &Mark) -> bool {
        if self.is_over() {
            return true;
        }
        let m = self.session.machine();
        let Some(ran) = Stepper::last_ran(m) else { return true };
        let now = m.thread_marks(&self.session.files);
        let ran_mark = now.iter().find(|t| t.tid == ran);
        let ran_ready = ran_mark.is_some_and(|t| t.state == 0);
        // A thread still inside a library's code, and able to go on, is not worth a stop (a
        // task switch is always inside asyncio's loop).
        if !library && by != StepBy::Task && ran_ready && ran_mark.is_some_and(|t| t.in_library) {
            return false;
        }
        let changed_state =
            now.len() != from.threads.len() || now.iter().zip(&from.threads).any(|(a, b)| a.state != b.state);
        match by {
            StepBy::Instruction | StepBy::Decision => true,
            StepBy::Line => changed_state || now.iter().zip(&from.threads).any(|(a, b)| a.line != b.line),
            StepBy::Switch => from.last_tid != Some(ran) || changed_state,
            StepBy::Shared => !ran_ready || m.next_touches_shared(ran),
            StepBy::Task => {
                last_task(&m.trace[from.trace_len.min(m.trace.len())..]).is_some_and(|t| Some(t) != from.task)
            }
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
        let from = self.mark(by);
        for taken in 0..MAX_DECISIONS_PER_STEP {
            if !self.step_unit(by, choose) {
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

    /// Back one learner's step of this kind: to the latest place before this one where a
    /// forward `step_by` from the start (along the same choices) would have stopped.
    pub fn back_by(&mut self, by: StepBy, library: bool) {
        if self.is_over() {
            return self.back();
        }
        if by == StepBy::Instruction {
            return self.back_instruction();
        }
        if by == StepBy::Decision && library {
            return self.back();
        }
        let target = self.here();
        if target.decisions == 0 && target.partial == 0 {
            return;
        }
        let by_instructions =
            self.by_instructions(by) && self.session.machine().steps + target.partial <= MAX_INSTRUCTIONS_REPLAYED;
        let mut probe = self.fresh();
        let mut stop_at = probe.here();
        let mut from = probe.mark(by);
        let mut since = 0;
        loop {
            let next = match probe.choices.len().cmp(&target.decisions) {
                std::cmp::Ordering::Less => self.choices[probe.choices.len()],
                _ => target.paused_choice,
            };
            let went = if by_instructions {
                probe.step_instruction(next)
            } else if probe.choices.len() < target.decisions {
                probe.step(next)
            } else {
                break;
            };
            if !went || probe.here() == target {
                break;
            }
            since += 1;
            if since >= MAX_DECISIONS_PER_STEP || probe.stops_here(by, library, &from) {
                stop_at = probe.here();
                from = probe.mark(by);
                since = 0;
            }
        }
        self.replay_to(stop_at);
    }

    /// Back one instruction: to the same slice paused one instruction earlier, or into the
    /// previous decision's slice paused before its last instruction.
    pub fn back_instruction(&mut self) {
        let here = self.here();
        let to = if here.partial > 1 {
            Position { partial: here.partial - 1, ..here }
        } else if here.partial == 1 || here.decisions == 0 {
            Position { partial: 0, paused_choice: None, ..here }
        } else {
            let last = self.session.machine().schedule.get(here.decisions - 1).map_or(0, |d| u64::from(d.steps));
            let decisions = here.decisions - 1;
            match last {
                0 | 1 => Position { decisions, partial: 0, paused_choice: None },
                n => Position { decisions, partial: n - 1, paused_choice: self.choices[decisions] },
            }
        };
        self.replay_to(to);
    }

    /// Back one decision: replays the run from the start to the previous decision.
    pub fn back(&mut self) {
        // From the end, back is the moment before the run was found over: every decision
        // taken, the last thread's slice run.
        if self.is_over() && !self.choices.is_empty() {
            return self.replay(self.choices.len());
        }
        // Inside a paused slice, back is its start.
        if self.partial > 0 {
            return self.replay(self.choices.len());
        }
        let target = self.choices.len().saturating_sub(1);
        self.seek(target);
    }

    /// Goes to decision `n` (at most where the run ends) by replay from the start when it
    /// lies behind, else by stepping on with the policy's choices.
    pub fn seek(&mut self, n: usize) {
        if n < self.choices.len() || self.partial > 0 {
            self.replay(n.min(self.choices.len()));
        }
        while self.choices.len() < n && self.step(None) {}
    }

    /// A stepper at the start of the same run.
    fn fresh(&self) -> Stepper {
        Stepper {
            programs: self.programs.clone(),
            opts: self.opts.clone(),
            session: self.session(),
            choices: Vec::new(),
            partial: 0,
            paused_choice: None,
            freezes: self.freezes.clone(),
            inputs: self.inputs.clone(),
            explore: self.explore,
        }
    }

    /// A fresh session stepped through the first `n` recorded choices.
    fn replay(&mut self, n: usize) {
        self.replay_to(Position { decisions: n, partial: 0, paused_choice: None });
    }

    /// A fresh session stepped through the recorded choices to `to`.
    fn replay_to(&mut self, to: Position) {
        let mut choices = std::mem::take(&mut self.choices);
        choices.truncate(to.decisions);
        // Freezes later than `to` go with the choices after it.
        let last = to.decisions + usize::from(to.partial > 0);
        self.freezes.retain(|(i, _)| *i <= last);
        self.session = self.session();
        self.partial = 0;
        self.paused_choice = None;
        for c in choices {
            self.before_decision();
            if self.session.step(c) {
                self.choices.push(c);
            }
        }
        if to.partial > 0 {
            self.before_decision();
            if self.session.step_instructions(to.paused_choice, to.partial) {
                if self.session.machine().paused_thread().is_some() {
                    self.partial = to.partial;
                    self.paused_choice = to.paused_choice;
                } else {
                    self.choices.push(to.paused_choice);
                }
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
