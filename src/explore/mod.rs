//! `concsim explore`: searches the simulator's schedules of a program for every distinct
//! outcome (output, uncaught exception, failed assert, deadlock, exit status), each with a
//! minimal replayable `Schedule` (fewest preemptions).
//!
//! Strategies: `dpor` (systematic, with a partial-order reduction, see `dpor`), `pct`
//! (probabilistic concurrency testing: random priorities, a few priority change points) and
//! `random` (a uniform choice at every decision). Invariant: no wall clock here — the caller
//! passes a budget callback (the CLI checks its time limit in it; the page can use
//! `performance.now()`), so the module compiles unchanged for wasm32.
//!
//! A schedule is a sequence of kernel decisions. Under `preempt-any`, a decision is taken
//! before every *visible* instruction (one that may touch state another thread can touch,
//! `vm::access`); the instructions between two visible ones are local to the thread, commute
//! with everything, and run in the same slice. Under `cpython`, a decision is taken at each of
//! CPython 3.11's eval-breaker points (calls, backward jumps) instead.

mod dpor;
pub mod live;
pub mod relevance;
pub mod sample;

use crate::sim::{Policy, RunOptions, RunResult, Schedule, Session, StopReason};
use crate::vm::access::Access;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    #[default]
    Dpor,
    Pct,
    Random,
}

impl Strategy {
    pub fn parse(name: &str) -> Option<Strategy> {
        match name {
            "dpor" => Some(Strategy::Dpor),
            "pct" => Some(Strategy::Pct),
            "random" => Some(Strategy::Random),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Strategy::Dpor => "dpor",
            Strategy::Pct => "pct",
            Strategy::Random => "random",
        }
    }
}

/// What to search and how far.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExploreOptions {
    pub strategy: Strategy,
    /// The options of every run (policy: `preempt-any` or `cpython`; cores, budgets, args).
    pub run: RunOptions,
    /// Schedules with more preemptions than this are not explored (dpor); pct uses it as its
    /// depth (number of priority change points + 1, default 3).
    pub max_preemptions: Option<u32>,
    /// Stop after this many schedules.
    pub max_schedules: Option<u64>,
    /// Seed of pct and random.
    pub seed: u64,
    /// dpor: explore every thread that could run at every decision, without the partial-order
    /// reduction and offering threads whose next step would only block (a reference to check
    /// the reduction and that lookahead against, on small programs).
    #[serde(default)]
    pub no_reduction: bool,
}

impl Default for ExploreOptions {
    fn default() -> Self {
        ExploreOptions {
            strategy: Strategy::Dpor,
            run: RunOptions {
                policy: Policy::PreemptAny,
                record_trace: false,
                max_steps: 2_000_000,
                ..RunOptions::default()
            },
            max_preemptions: None,
            max_schedules: Some(100_000),
            seed: 0,
            no_reduction: false,
        }
    }
}

/// What kind of ending an outcome is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// The program exited (any status) without an uncaught exception.
    Exit,
    /// An uncaught exception (in the main thread or another thread).
    Exception,
    /// An uncaught AssertionError.
    AssertionFailed,
    Deadlock,
    /// A budget (instructions, time, threads) ran out: maybe an endless loop.
    Budget,
    CompileError,
}

/// One distinct outcome: what the program printed and how it ended, how many explored
/// schedules led to it, and the one with the fewest preemptions.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Outcome {
    /// 1, 2, … in the order found.
    pub id: usize,
    pub kind: OutcomeKind,
    /// One line: the exit status and the last line of output or the exception.
    pub summary: String,
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
    /// For a deadlock: the threads of a wait-for cycle, each waiting for the next (empty when
    /// the blocked threads wait for something else, e.g. a queue nobody fills).
    pub deadlock_cycle: Vec<String>,
    /// Explored schedules that ended this way.
    pub count: u64,
    /// The number of the schedule that first found it (1-based).
    pub first_found: u64,
    /// Preemptions of `schedule` (a switch away from a thread that could have gone on).
    pub preemptions: u32,
    /// The decisions (indices into `schedule`) of its preemptions that matter: they reorder
    /// steps that do not commute (see `relevance`).
    #[serde(default)]
    pub preemptions_that_matter: Vec<usize>,
    /// Replays this outcome: `concsim run --replay FILE` with it saved as JSON.
    pub schedule: Schedule,
}

/// The result of a search.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    pub strategy: Strategy,
    pub policy: Policy,
    /// Schedules run to their end.
    pub schedules: u64,
    /// dpor: runs abandoned early because every thread that could run was in the sleep set
    /// (whatever follows was covered by another schedule).
    pub pruned: u64,
    /// Every schedule was covered (up to the reduction's equivalence): the outcomes listed are
    /// all the program can have on the simulator.
    pub exhaustive: bool,
    /// Why the search is not exhaustive (empty when it is).
    pub bounded_by: Vec<String>,
    /// dpor, not exhaustive: the highest preemption bound whose pass completed (DPOR under a
    /// bound may still miss a schedule within it).
    pub preemptions_covered: Option<u32>,
    pub outcomes: Vec<Outcome>,
    /// Caveats: what the search assumed or fell back to.
    pub notes: Vec<String>,
}

impl Report {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// What the budget callback is told between two schedules, and every
/// `BUDGET_CHECK_DECISIONS` decisions inside one (`in_schedule`: a long schedule is cut
/// there, so a time limit holds even when one schedule takes seconds).
pub struct Progress<'a> {
    pub schedules: u64,
    pub outcomes: &'a [Outcome],
    pub in_schedule: bool,
}

/// How often a running schedule asks the budget callback whether to go on.
pub const BUDGET_CHECK_DECISIONS: usize = 4096;

/// The budget callback: the reason to stop (e.g. "time limit of 10 s"), or None.
pub type Budget<'a> = dyn FnMut(&Progress) -> Option<String> + 'a;

/// Searches the schedules of `source`. `budget` is called before every schedule and every
/// `BUDGET_CHECK_DECISIONS` decisions of one, and stops the search by returning the reason
/// (e.g. "time limit of 10 s"): it is where a caller checks its clock. A schedule stopped
/// inside is not counted (its outcome was never seen).
pub fn search(filename: &str, source: &str, options: &ExploreOptions, budget: &mut Budget) -> Report {
    let mut ex = Explorer::new(filename, source, options);
    ex.budget = Some(budget);
    ex.max_schedules = options.max_schedules;
    match options.strategy {
        Strategy::Dpor => dpor::search(&mut ex, options.max_preemptions, options.no_reduction),
        Strategy::Random | Strategy::Pct => sample::search(&mut ex, options),
    }
    let cut: u64 = ex.report.outcomes.iter().filter(|o| o.kind == OutcomeKind::Budget).map(|o| o.count).sum();
    if cut > 0 {
        ex.report
            .notes
            .push("some schedules ran out of a budget (--max-steps or virtual time): their outcome is 'budget'".into());
        // What those runs would have done after the budget was never seen: not a proof.
        ex.report.exhaustive = false;
        ex.report.bounded_by.push(format!(
            "the budget of each schedule (--max-steps {} or virtual time): {cut} schedule{} cut short",
            ex.run.max_steps,
            if cut == 1 { " was" } else { "s were" }
        ));
    }
    ex.report
}

/// One decision of a run: who ran, who could have, and what the slice touched.
pub(crate) struct Step {
    /// The decision's index in the run's schedule.
    pub at: usize,
    pub tid: u32,
    pub enabled: Vec<u32>,
    /// Threads that were ready but not offered: their next step would only block (see
    /// `vm::lookahead`).
    pub blocked: Vec<u32>,
    pub access: Access,
    /// How many objects accesses had numbered before this decision: the numbers below are
    /// the same in every run that takes the same decisions up to here (see `vm::access::Ids`).
    pub ids: u64,
}

pub(crate) struct Run {
    pub steps: Vec<Step>,
    /// Which thread may run depended on the virtual clock somewhere in this run.
    pub timing: bool,
    /// The chooser gave up on it (dpor: every thread that could run was asleep).
    pub abandoned: bool,
    /// The threads ready at the last decision that did not run then (held back because
    /// their next step would only block, or not chosen, e.g. daemons when the process
    /// exited), with what their next step touches: they never took it in this run.
    pub waiting: Vec<(u32, Access)>,
    /// Stopped before its end, by the budget callback or the cap on decisions
    /// (`Explorer::max_decisions`): its outcome was not recorded.
    pub cut: bool,
}

/// Picks the next thread from the steps so far and the candidates (see `Explorer::execute`).
pub(crate) type Choose<'a> = dyn FnMut(&[Step], &[u32]) -> Option<u32> + 'a;

/// The previous decision's thread if it can go on (no preemption), else the first candidate.
pub(crate) fn no_switch(steps: &[Step], c: &[u32]) -> u32 {
    steps.last().map(|s| s.tid).filter(|p| c.contains(p)).unwrap_or(c[0])
}

pub(crate) struct Explorer<'a> {
    filename: String,
    source: String,
    run: RunOptions,
    pub report: Report,
    /// `steps_of_first_schedule`: one line per decision.
    log: Option<Vec<String>>,
    /// Whether threads whose next step would only block are offered (false: the search
    /// without reduction, a reference for the reduction and the lookahead).
    lookahead: bool,
    /// Asked between schedules and inside long ones (see `search`).
    budget: Option<&'a mut Budget<'a>>,
    max_schedules: Option<u64>,
    /// Why the budget stopped the search inside a schedule.
    pub(crate) interrupted: Option<String>,
    /// A schedule with more decisions than this is cut (`Run::cut`, not recorded): the
    /// page's exhaustive phase gives up on programs whose schedules are long.
    pub max_decisions: Option<usize>,
    /// Schedules cut by `max_decisions`.
    pub cut: u64,
}

impl<'a> Explorer<'a> {
    pub fn new(filename: &str, source: &str, options: &ExploreOptions) -> Explorer<'a> {
        let mut run = options.run.clone();
        run.replay = None;
        if run.policy != Policy::Cpython {
            run.policy = Policy::PreemptAny;
        }
        let report = Report {
            strategy: options.strategy,
            policy: run.policy,
            schedules: 0,
            pruned: 0,
            exhaustive: false,
            bounded_by: Vec::new(),
            preemptions_covered: None,
            outcomes: Vec::new(),
            notes: Vec::new(),
        };
        Explorer {
            filename: filename.to_string(),
            source: source.to_string(),
            run,
            report,
            log: None,
            lookahead: !options.no_reduction,
            budget: None,
            max_schedules: None,
            interrupted: None,
            max_decisions: None,
            cut: 0,
        }
    }

    /// Why the search must stop now, if it must: a budget ran out inside the last
    /// schedule, the schedule cap, or the budget callback.
    pub fn stop(&mut self) -> Option<String> {
        if let Some(why) = self.interrupted.clone() {
            return Some(why);
        }
        if let Some(c) = self.max_schedules {
            if self.report.schedules >= c {
                return Some(format!("schedule cap of {c} (--max-schedules)"));
            }
        }
        let budget = self.budget.as_mut()?;
        budget(&Progress { schedules: self.report.schedules, outcomes: &self.report.outcomes, in_schedule: false })
    }

    /// Inside a schedule (or its analysis): whether the budget says to stop (remembered
    /// for `stop`).
    pub(crate) fn interrupt(&mut self) -> bool {
        if self.interrupted.is_none() {
            if let Some(budget) = self.budget.as_mut() {
                self.interrupted = budget(&Progress {
                    schedules: self.report.schedules,
                    outcomes: &self.report.outcomes,
                    in_schedule: true,
                });
            }
        }
        self.interrupted.is_some()
    }

    /// Runs one schedule: `choose(steps so far, candidates)` picks the thread of every
    /// decision, or None to abandon the run (its outcome is then not recorded); records the
    /// outcome.
    pub fn execute(&mut self, choose: &mut Choose) -> Run {
        let mut session = Session::new(&self.filename, &self.source, &self.run);
        session.machine_mut().set_explore(true);
        let mut steps: Vec<Step> = Vec::new();
        let mut timing = false;
        let mut prev: Option<u32> = None;
        let mut preemptions = 0u32;
        let mut waiting = Vec::new();
        while session.stop().is_none() {
            // A thread whose next step would only block is not offered (see `vm::lookahead`).
            let (enabled, blocked) = match self.lookahead {
                true => session.machine_mut().offered(),
                false => (session.machine_mut().runnable(), Vec::new()),
            };
            if enabled.is_empty() {
                session.step(None);
                break;
            }
            let (ids, mut next) = session.machine_mut().explore_ids();
            let Some(mut tid) = choose(&steps, &enabled) else {
                // (The sleeping threads' next steps are the chooser's to check.)
                next.retain(|(t, _)| blocked.contains(t));
                return Run { steps, timing, abandoned: true, waiting: next, cut: false };
            };
            if !enabled.contains(&tid) {
                tid = enabled[0];
            }
            next.retain(|(t, _)| *t != tid);
            waiting = next;
            if prev.is_some_and(|p| p != tid && enabled.contains(&p)) {
                preemptions += 1;
            }
            let at = session.machine().schedule.len();
            session.step(Some(tid));
            timing |= session.machine().timing_sensitive();
            if let Some(access) = session.machine_mut().take_slice_access() {
                if let Some(log) = self.log.as_mut() {
                    let place = session.machine().thread_place(tid).unwrap_or_default();
                    log.push(format!(
                        "{:>4} tid {tid} of {enabled:?} -> {}:{}  {access:?}",
                        steps.len(),
                        place.0,
                        place.1
                    ));
                }
                steps.push(Step { at, tid, enabled, blocked, access, ids });
                prev = Some(tid);
            }
            let n = steps.len();
            let over = self.max_decisions.is_some_and(|m| n > m);
            if over || (n.is_multiple_of(BUDGET_CHECK_DECISIONS) && n > 0 && self.interrupt()) {
                self.cut += u64::from(over);
                return Run { steps, timing, abandoned: true, waiting: Vec::new(), cut: true };
            }
        }
        let cycle = match session.stop() {
            Some(StopReason::Deadlock { .. }) => deadlock_cycle(&session.machine().wait_edges()),
            _ => Vec::new(),
        };
        let result = session.finish();
        self.record(&result, cycle, preemptions, &steps);
        Run { steps, timing, abandoned: false, waiting, cut: false }
    }

    fn record(&mut self, result: &RunResult, cycle: Vec<String>, preemptions: u32, steps: &[Step]) {
        let that_matter = || {
            let mut r = relevance::Relevance::default();
            for s in steps {
                r.step(s.at, s.tid, &s.enabled, &s.access);
            }
            r.that_matter()
        };
        self.report.schedules += 1;
        let (stdout, stderr) = (result.stdout(), result.stderr());
        let n = self.report.schedules;
        if let Some(o) = self
            .report
            .outcomes
            .iter_mut()
            .find(|o| o.exit_code == result.exit_code && o.stdout == stdout && o.stderr == stderr)
        {
            o.count += 1;
            if preemptions < o.preemptions
                || (preemptions == o.preemptions && result.schedule.len() < o.schedule.decisions.len())
            {
                o.preemptions = preemptions;
                o.preemptions_that_matter = that_matter();
                o.schedule = Schedule::new(&self.run, result.schedule.clone());
            }
            return;
        }
        let kind = match &result.stop {
            StopReason::Deadlock { .. } => OutcomeKind::Deadlock,
            StopReason::BudgetExhausted { .. } => OutcomeKind::Budget,
            StopReason::CompileError => OutcomeKind::CompileError,
            StopReason::Exited if stderr.contains("AssertionError") => OutcomeKind::AssertionFailed,
            StopReason::Exited if stderr.contains("Traceback (most recent call last)") => OutcomeKind::Exception,
            StopReason::Exited => OutcomeKind::Exit,
        };
        let summary = summarize(kind, result.exit_code, &stdout, &stderr, &cycle);
        self.report.outcomes.push(Outcome {
            id: self.report.outcomes.len() + 1,
            kind,
            summary,
            stdout,
            stderr,
            exit_code: result.exit_code,
            deadlock_cycle: cycle,
            count: 1,
            first_found: n,
            preemptions,
            preemptions_that_matter: that_matter(),
            schedule: Schedule::new(&self.run, result.schedule.clone()),
        });
    }
}

fn last_line(text: &str) -> &str {
    text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim()
}

fn summarize(kind: OutcomeKind, code: i32, stdout: &str, stderr: &str, cycle: &[String]) -> String {
    let out = last_line(stdout);
    let out = if out.is_empty() { String::new() } else { format!(", last output line: {out}") };
    match kind {
        OutcomeKind::Exit => format!("exit status {code}{out}"),
        OutcomeKind::Exception | OutcomeKind::AssertionFailed => {
            let exc = stderr.lines().rev().find(|l| !l.starts_with(' ') && !l.trim().is_empty()).unwrap_or("");
            format!("uncaught {exc} (exit status {code}){out}")
        }
        OutcomeKind::Deadlock if !cycle.is_empty() => {
            format!("deadlock: {} waits for {}{out}", cycle.join(" waits for "), cycle[0])
        }
        OutcomeKind::Deadlock => format!("deadlock: every thread blocked{out}"),
        OutcomeKind::Budget => format!("stopped by a budget: {}", last_line(stderr)),
        OutcomeKind::CompileError => format!("does not compile: {}", last_line(stderr)),
    }
}

/// A cycle in the wait-for graph: each thread waits for (a lock held by, or the end of) the
/// next, the last for the first.
fn deadlock_cycle(edges: &[(u32, String, Option<u32>)]) -> Vec<String> {
    let next = |t: u32| edges.iter().find(|e| e.0 == t).and_then(|e| e.2);
    for start in edges.iter().map(|e| e.0) {
        let mut seen = vec![start];
        let mut cur = start;
        while let Some(n) = next(cur) {
            if let Some(pos) = seen.iter().position(|&s| s == n) {
                let label = |t: u32| edges.iter().find(|e| e.0 == t).map(|e| e.1.clone()).unwrap_or_default();
                return seen[pos..].iter().map(|&t| label(t)).collect();
            }
            seen.push(n);
            cur = n;
        }
    }
    Vec::new()
}

/// The decisions of the first (non-preemptive) schedule, one line each: the thread, who could
/// run, where the thread stopped, what its slice touched. For debugging the reduction.
#[doc(hidden)]
pub fn steps_of_first_schedule(filename: &str, source: &str, options: &ExploreOptions) -> Vec<String> {
    let mut ex = Explorer::new(filename, source, options);
    ex.log = Some(Vec::new());
    ex.lookahead = true;
    ex.execute(&mut |steps, c| Some(no_switch(steps, c)));
    ex.log.unwrap_or_default()
}
