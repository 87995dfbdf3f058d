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
    /// reduction (a reference to check the reduction against, on small programs).
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

/// What the budget callback is told between two schedules.
pub struct Progress<'a> {
    pub schedules: u64,
    pub outcomes: &'a [Outcome],
}

/// Searches the schedules of `source`. `budget` is called before every schedule and stops
/// the search by returning the reason (e.g. "time limit of 10 s"): it is where a caller
/// checks its clock.
pub fn search(
    filename: &str,
    source: &str,
    options: &ExploreOptions,
    budget: &mut dyn FnMut(&Progress) -> Option<String>,
) -> Report {
    let mut run = options.run.clone();
    run.replay = None;
    if run.policy != Policy::Cpython {
        run.policy = Policy::PreemptAny;
    }
    let mut ex = Explorer {
        filename,
        source,
        run,
        report: Report {
            strategy: options.strategy,
            policy: Policy::PreemptAny,
            schedules: 0,
            pruned: 0,
            exhaustive: false,
            bounded_by: Vec::new(),
            preemptions_covered: None,
            outcomes: Vec::new(),
            notes: Vec::new(),
        },
        log: None,
    };
    ex.report.policy = ex.run.policy;
    let cap = options.max_schedules;
    let mut stop = |ex: &Explorer| -> Option<String> {
        if let Some(c) = cap {
            if ex.report.schedules >= c {
                return Some(format!("schedule cap of {c} (--max-schedules)"));
            }
        }
        budget(&Progress { schedules: ex.report.schedules, outcomes: &ex.report.outcomes })
    };
    match options.strategy {
        Strategy::Dpor => dpor::search(&mut ex, options.max_preemptions, options.no_reduction, &mut stop),
        Strategy::Random | Strategy::Pct => sample(&mut ex, options, &mut stop),
    }
    if ex.report.outcomes.iter().any(|o| o.kind == OutcomeKind::Budget) {
        ex.report
            .notes
            .push("some schedules ran out of a budget (--max-steps or virtual time): their outcome is 'budget'".into());
    }
    ex.report
}

/// One decision of a run: who ran, who could have, and what the slice touched.
pub(crate) struct Step {
    pub tid: u32,
    pub enabled: Vec<u32>,
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
}

/// Picks the next thread from the steps so far and the candidates (see `Explorer::execute`).
pub(crate) type Choose<'a> = dyn FnMut(&[Step], &[u32]) -> Option<u32> + 'a;

/// The previous decision's thread if it can go on (no preemption), else the first candidate.
pub(crate) fn no_switch(steps: &[Step], c: &[u32]) -> u32 {
    steps.last().map(|s| s.tid).filter(|p| c.contains(p)).unwrap_or(c[0])
}

pub(crate) struct Explorer<'a> {
    filename: &'a str,
    source: &'a str,
    run: RunOptions,
    pub report: Report,
    /// `steps_of_first_schedule`: one line per decision.
    log: Option<Vec<String>>,
}

impl Explorer<'_> {
    /// Runs one schedule: `choose(steps so far, candidates)` picks the thread of every
    /// decision, or None to abandon the run (its outcome is then not recorded); records the
    /// outcome.
    pub fn execute(&mut self, choose: &mut Choose) -> Run {
        let mut session = Session::new(self.filename, self.source, &self.run);
        session.machine_mut().set_explore(true);
        let mut steps: Vec<Step> = Vec::new();
        let mut timing = false;
        let mut prev: Option<u32> = None;
        let mut preemptions = 0u32;
        while session.stop().is_none() {
            let enabled = session.machine_mut().runnable();
            if enabled.is_empty() {
                session.step(None);
                break;
            }
            let Some(mut tid) = choose(&steps, &enabled) else {
                return Run { steps, timing, abandoned: true };
            };
            if !enabled.contains(&tid) {
                tid = enabled[0];
            }
            if prev.is_some_and(|p| p != tid && enabled.contains(&p)) {
                preemptions += 1;
            }
            let ids = session.machine_mut().explore_ids();
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
                steps.push(Step { tid, enabled, access, ids });
                prev = Some(tid);
            }
        }
        let cycle = match session.stop() {
            Some(StopReason::Deadlock { .. }) => deadlock_cycle(&session.machine().wait_edges()),
            _ => Vec::new(),
        };
        let result = session.finish();
        self.record(&result, cycle, preemptions);
        Run { steps, timing, abandoned: false }
    }

    fn record(&mut self, result: &RunResult, cycle: Vec<String>, preemptions: u32) {
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

/// splitmix64, as the kernel's.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

/// `random` and `pct`: independent seeded schedules until a budget stops them.
fn sample(ex: &mut Explorer, options: &ExploreOptions, stop: &mut dyn FnMut(&Explorer) -> Option<String>) {
    let mut rng = Rng(options.seed ^ 0x2545_f491_4f6c_dd1d);
    // pct: depth d (d - 1 priority change points) over runs of about `len` decisions.
    let depth = options.max_preemptions.map(|k| k + 1).unwrap_or(3).max(1) as usize;
    let mut len = 100u64;
    loop {
        if let Some(why) = stop(ex) {
            ex.report.bounded_by.push(why);
            break;
        }
        let run = match options.strategy {
            Strategy::Random => ex.execute(&mut |_, c| Some(c[rng.below(c.len() as u64) as usize])),
            _ => {
                // Priorities: higher runs first; a new thread gets a random one above the
                // change points' (which are 1..depth).
                let mut prio: Vec<(u32, u64)> = Vec::new();
                let changes: Vec<u64> = (1..depth).map(|_| rng.below(len)).collect();
                let mut seed_rng = Rng(rng.next());
                ex.execute(&mut |steps, c| {
                    let (k, prev) = (steps.len(), steps.last().map(|s| s.tid));
                    for &t in c {
                        if !prio.iter().any(|(p, _)| *p == t) {
                            prio.push((t, depth as u64 + 1 + seed_rng.below(1 << 20)));
                        }
                    }
                    if let Some(i) = changes.iter().position(|&s| s == k as u64) {
                        if let Some(p) = prev {
                            if let Some(e) = prio.iter_mut().find(|(t, _)| *t == p) {
                                e.1 = (i + 1) as u64;
                            }
                        }
                    }
                    let best = c.iter().max_by_key(|t| prio.iter().find(|(p, _)| p == *t).map(|e| e.1).unwrap_or(0));
                    Some(*best.unwrap_or(&c[0]))
                })
            }
        };
        len = len.max(run.steps.len() as u64);
    }
    ex.report.bounded_by.push(format!("{} sampling is never exhaustive", options.strategy.name()));
}

/// The decisions of the first (non-preemptive) schedule, one line each: the thread, who could
/// run, where the thread stopped, what its slice touched. For debugging the reduction.
#[doc(hidden)]
pub fn steps_of_first_schedule(filename: &str, source: &str, options: &ExploreOptions) -> Vec<String> {
    let mut run = options.run.clone();
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
    let mut ex = Explorer { filename, source, run, report, log: Some(Vec::new()) };
    ex.execute(&mut |steps, c| Some(no_switch(steps, c)));
    ex.log.unwrap_or_default()
}
