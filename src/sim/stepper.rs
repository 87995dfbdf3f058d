//! Time travel over a `Session`: stepping forwards, backwards and in bounded slices, as the
//! page does. Invariant: the stepper's state after any sequence of moves is exactly the state
//! of a fresh session stepped forwards through `choices()` — stepping back is deterministic
//! replay from the start, never an approximation (a run is a pure function of its inputs).

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

    /// Back one decision: replays the run from the start to the previous decision.
    pub fn back(&mut self) {
        let target = self.choices.len().saturating_sub(1);
        self.seek(target);
    }

    /// Goes to decision `n` (at most where the run ends) by replay from the start when it
    /// lies behind, else by stepping on with the policy's choices.
    pub fn seek(&mut self, n: usize) {
        if n < self.choices.len() {
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
        while self.choices.len() < n && self.step(None) {}
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
