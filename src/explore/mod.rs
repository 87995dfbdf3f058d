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

pub use crate::limits::BUDGET_CHECK_DECISIONS;
use crate::sim::{
    as_task_choice, decision_thread, task_choice, Policy, RunOptions, RunResult, Schedule, Session, StopReason,
};
use crate::vm::access::Access;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    #[default]
    Dpor,
    Pct,
    Random,
}

impl Strategy {
    pub const ALL: [Strategy; 3] = [Strategy::Dpor, Strategy::Pct, Strategy::Random];

    /// The strategy's name in reports and the page (clap derives the same for `--strategy`).
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Dpor => "dpor",
            Strategy::Pct => "pct",
            Strategy::Random => "random",
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[test]
fn strategy_names_match_clap() {
    use clap::ValueEnum;
    for s in Strategy::ALL {
        assert_eq!(s.to_possible_value().unwrap().get_name(), s.name());
    }
    assert_eq!(Strategy::value_variants().len(), Strategy::ALL.len());
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

/// How a run that stopped this way, with this stderr, ended (also the page's levels, for
/// the learner's own run).
pub fn kind_of(stop: &StopReason, stderr: &str) -> OutcomeKind {
    match stop {
        StopReason::Deadlock { .. } => OutcomeKind::Deadlock,
        StopReason::BudgetExhausted { .. } => OutcomeKind::Budget,
        StopReason::CompileError => OutcomeKind::CompileError,
        StopReason::Exited if stderr.contains("AssertionError") => OutcomeKind::AssertionFailed,
        StopReason::Exited if stderr.contains("Traceback (most recent call last)") => OutcomeKind::Exception,
        StopReason::Exited => OutcomeKind::Exit,
    }
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
    /// Schedules cut so far (by the cap on decisions, or, when `Search::cut_budgets`, by
    /// their own budget): never outcomes.
    pub cut: u64,
}

/// The budget callback: the reason to stop (e.g. "time limit of 10 s"), or None.
pub type Budget<'a> = dyn FnMut(&Progress) -> Option<String> + 'a;

/// Searches the schedules of `source`. `budget` is called before every schedule and every
/// `BUDGET_CHECK_DECISIONS` decisions of one, and stops the search by returning the reason
/// (e.g. "time limit of 10 s"): it is where a caller checks its clock. A schedule stopped
/// inside is not counted (its outcome was never seen).
pub fn search(filename: &str, source: &str, options: &ExploreOptions, budget: &mut Budget) -> Report {
    let mut s = Search::new(filename, source, options);
    s.work(budget);
    s.finish()
}

/// The search engine a `Search` runs.
enum Engine {
    Dpor(Box<dpor::Dpor>),
    Sample(Box<sample::Sampler>),
}

/// A search of a program's schedules that can be paused and resumed: `work(until)` runs it
/// until it is over or `until` says to pause, `outcomes` is what it found so far, `finish`
/// the report. The CLI runs one `work` with its time limit as `until`; the page
/// (`live::Search`) one per timer tick. Invariant: a pause costs nothing but the schedule
/// it interrupted (not counted: DPOR runs it again, sampling goes on from where it was).
pub struct Search {
    ex: Explorer,
    engine: Engine,
    /// The search is over (exhaustive, a bound, the schedule cap, a divergence).
    over: bool,
    /// Why `until` paused it last (the report's reason when it is finished then).
    paused: Option<String>,
    options: ExploreOptions,
}

impl Search {
    pub fn new(filename: &str, source: &str, options: &ExploreOptions) -> Search {
        let mut ex = Explorer::new(filename, source, options);
        ex.max_schedules = options.max_schedules;
        let engine = match options.strategy {
            Strategy::Dpor => {
                Engine::Dpor(Box::new(dpor::Dpor::new(&mut ex, options.max_preemptions, options.no_reduction)))
            }
            Strategy::Random | Strategy::Pct => Engine::Sample(Box::new(sample::Sampler::new(options))),
        };
        Search { ex, engine, over: false, paused: None, options: options.clone() }
    }

    /// Runs the search until it is over (true) or `until` returns a reason to pause
    /// (false); `work` may be called again to go on.
    pub fn work(&mut self, until: &mut Budget) -> bool {
        if self.over {
            return true;
        }
        self.paused = None;
        self.ex.interrupted = None;
        loop {
            if let Some(c) = self.ex.max_schedules.filter(|&c| self.ex.report.schedules >= c) {
                let why = format!("schedule cap of {c} (--max-schedules)");
                self.end(why);
                return true;
            }
            if let Some(why) = self.ex.ask(until, false) {
                self.paused = Some(why);
                return false;
            }
            let over = match &mut self.engine {
                Engine::Dpor(d) => d.next(&mut self.ex, until),
                Engine::Sample(s) => {
                    s.next(&mut self.ex, until);
                    false
                }
            };
            if over {
                self.over = true;
                return true;
            }
            if let Some(why) = self.ex.interrupted.take() {
                self.paused = Some(why);
                return false;
            }
        }
    }

    /// Stops the search for `why` (it is over).
    fn end(&mut self, why: String) {
        match &self.engine {
            Engine::Dpor(d) => d.stopped(&mut self.ex, why),
            Engine::Sample(_) => self.ex.report.bounded_by.push(why),
        }
        self.over = true;
    }

    /// Goes on by PCT sampling (depth 3, `seed`), each schedule of at most `max_decisions`
    /// decisions: the page's second phase, once DPOR gave up.
    pub(crate) fn sample(&mut self, seed: u64, max_steps: u64, max_decisions: usize) {
        let options = ExploreOptions { strategy: Strategy::Pct, seed, max_preemptions: None, ..self.options.clone() };
        self.engine = Engine::Sample(Box::new(sample::Sampler::new(&options)));
        self.options = options;
        self.over = false;
        self.ex.run.max_steps = max_steps;
        self.ex.max_decisions = Some(max_decisions);
    }

    /// The distinct outcomes so far, in the order found.
    pub fn outcomes(&self) -> &[Outcome] {
        &self.ex.report.outcomes
    }

    /// The report as it stands (`finish` adds why it stopped).
    pub fn report(&self) -> &Report {
        &self.ex.report
    }

    /// Whether the search is over (it will find nothing more).
    pub fn over(&self) -> bool {
        self.over
    }

    /// Whether every schedule was covered, none cut short: the outcomes are all there are.
    pub fn exhaustive(&self) -> bool {
        self.ex.report.exhaustive
            && self.ex.cut == 0
            && !self.ex.report.outcomes.iter().any(|o| o.kind == OutcomeKind::Budget)
    }

    /// Schedules cut before their end and not recorded (see `cut_budgets`, `max_decisions`).
    pub fn cut(&self) -> u64 {
        self.ex.cut
    }

    /// The search's report: why it stopped, and that schedules cut short by their budget
    /// are no proof.
    pub fn finish(mut self) -> Report {
        if !self.over {
            let why = self.paused.take().unwrap_or_else(|| "stopped".into());
            self.end(why);
        }
        if let Engine::Sample(_) = self.engine {
            let name = self.options.strategy.name();
            let name = if name == "dpor" { "pct" } else { name };
            self.ex.report.bounded_by.push(format!("{name} sampling is never exhaustive"));
        }
        let mut report = self.ex.report;
        let cut: u64 = report.outcomes.iter().filter(|o| o.kind == OutcomeKind::Budget).map(|o| o.count).sum();
        if cut > 0 {
            report.notes.push(
                "some schedules ran out of a budget (--max-steps or virtual time): their outcome is 'budget'".into(),
            );
            // What those runs would have done after the budget was never seen: not a proof.
            report.exhaustive = false;
            report.bounded_by.push(format!(
                "the budget of each schedule (--max-steps {} or virtual time): {cut} schedule{} cut short",
                self.ex.run.max_steps,
                if cut == 1 { " was" } else { "s were" }
            ));
        }
        report
    }
}

/// One decision of a run: who ran, who could have, and what the slice touched.
pub(crate) struct Step {
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
    /// An event loop's task choices were decisions of this run (`sim::TASK_CHOICE`): the
    /// reduction, which reasons about threads, does not apply to them.
    pub task_choices: bool,
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

/// Picks the next decision from the steps so far, how many steps the run took (`Running`
/// may keep only the latest), the candidates and the instructions run so far (see
/// `Explorer::execute`).
pub(crate) type Choose<'a> = dyn FnMut(&[Step], usize, &[u32], u64) -> Option<Pick> + 'a;

/// A chooser's decision: the thread (or task choice) to run, and how far.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pick {
    pub tid: u32,
    /// 0: up to its next visible instruction, a step whose access DPOR can judge. n > 0: up
    /// to n instructions, not stopped at visible ones (`Machine::run_free_next`); its step
    /// touches anything (`Universal`).
    pub free: u64,
}

impl Pick {
    pub(crate) fn visible(tid: u32) -> Pick {
        Pick { tid, free: 0 }
    }
}

/// The previous decision's thread if it can go on (no preemption; a thread asking a task
/// choice takes CPython's answer, the first ready callback), else the first candidate.
pub(crate) fn no_switch(steps: &[Step], c: &[u32]) -> u32 {
    let Some(p) = steps.last().map(|s| decision_thread(s.tid)) else { return c[0] };
    [p, task_choice(p, 0)].into_iter().find(|t| c.contains(t)).unwrap_or(c[0])
}

/// Whether taking `t` where `enabled` could run, after thread `prev` ran, is a preemption:
/// a switch away from a thread that could go on, or a task choice other than CPython's
/// (the first ready callback) — both are what a schedule deviates by.
pub(crate) fn preempts(prev: Option<u32>, t: u32, enabled: &[u32]) -> bool {
    if as_task_choice(t).is_some_and(|(_, k)| k > 0) {
        return true;
    }
    let t = decision_thread(t);
    prev.is_some_and(|p| p != t && (enabled.contains(&p) || enabled.contains(&task_choice(p, 0))))
}

/// A schedule being run, which `Explorer::advance` takes on a number of decisions at a time.
pub(crate) struct Running {
    /// None once the run has ended.
    session: Option<Session>,
    /// Every step (DPOR), or only the latest (`keep_steps` false: sampling a schedule of
    /// millions of decisions keeps its memory bounded; such a run does not look ahead:
    /// its steps' `ids` are 0, its `waiting` and `timing` are not kept).
    steps: Vec<Step>,
    keep_steps: bool,
    /// Steps taken in all.
    taken: usize,
    /// Decisions taken in all (a slice that touched nothing takes no step).
    decisions: usize,
    timing: bool,
    task_choices: bool,
    prev: Option<u32>,
    preemptions: u32,
    waiting: Vec<(u32, Access)>,
    /// The preemptions that matter, judged as the run goes.
    relevance: relevance::Relevance,
}

pub(crate) struct Explorer {
    filename: String,
    source: String,
    run: RunOptions,
    pub report: Report,
    /// `steps_of_first_schedule`: one line per decision.
    log: Option<Vec<String>>,
    /// Whether threads whose next step would only block are offered (false: the search
    /// without reduction, a reference for the reduction and the lookahead).
    lookahead: bool,
    max_schedules: Option<u64>,
    /// Why the budget stopped the search inside a schedule.
    pub(crate) interrupted: Option<String>,
    /// A schedule with more decisions than this is cut (`Run::cut`, not recorded): the
    /// page's exhaustive phase gives up on programs whose schedules are long.
    pub max_decisions: Option<usize>,
    /// Schedules cut (by `max_decisions`, or by their budget when `cut_budgets`).
    pub cut: u64,
    /// A schedule stopped by its own budget (instructions, virtual time) is counted in
    /// `cut` rather than recorded as a `Budget` outcome (the page).
    pub cut_budgets: bool,
    /// How many decisions of a schedule between two questions to the budget callback.
    pub check_every: usize,
    /// At most this many distinct outcomes, whose schedules hold at most this many
    /// decisions in all, are kept; later ones are counted in `more_outcomes` (the page's
    /// memory bound).
    pub keep: Option<(usize, usize)>,
    pub more_outcomes: u64,
}

impl Explorer {
    pub fn new(filename: &str, source: &str, options: &ExploreOptions) -> Explorer {
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
            max_schedules: None,
            interrupted: None,
            max_decisions: None,
            cut: 0,
            cut_budgets: false,
            check_every: BUDGET_CHECK_DECISIONS,
            keep: None,
            more_outcomes: 0,
        }
    }

    /// Asks the budget callback.
    fn ask(&self, budget: &mut Budget, in_schedule: bool) -> Option<String> {
        budget(&Progress {
            schedules: self.report.schedules,
            outcomes: &self.report.outcomes,
            in_schedule,
            cut: self.cut,
        })
    }

    /// Inside a schedule (or its analysis): whether the budget says to stop (remembered
    /// in `interrupted`).
    pub(crate) fn interrupt(&mut self, budget: &mut Budget) -> bool {
        if self.interrupted.is_none() {
            self.interrupted = self.ask(budget, true);
        }
        self.interrupted.is_some()
    }

    /// A fresh run of the program, ready for its first decision.
    pub fn begin(&self, keep_steps: bool) -> Running {
        let mut session = Session::new(&self.filename, &self.source, &self.run);
        session.machine_mut().set_explore(true);
        Running {
            session: Some(session),
            steps: Vec::new(),
            keep_steps,
            taken: 0,
            decisions: 0,
            timing: false,
            task_choices: false,
            prev: None,
            preemptions: 0,
            waiting: Vec::new(),
            relevance: relevance::Relevance::default(),
        }
    }

    /// Runs one schedule: `choose(steps so far, how many, candidates)` picks the thread of
    /// every decision, or None to abandon the run (its outcome is then not recorded);
    /// records the outcome.
    pub fn execute(&mut self, choose: &mut Choose, budget: &mut Budget) -> Run {
        let mut r = self.begin(true);
        match self.advance(&mut r, choose, budget) {
            Some(run) => run,
            // Stopped inside by the budget: not recorded.
            None => Run {
                steps: r.steps,
                timing: r.timing,
                task_choices: r.task_choices,
                abandoned: true,
                waiting: Vec::new(),
                cut: true,
            },
        }
    }

    /// Takes decisions of `r` until it ends (its `Run`, the outcome recorded unless it was
    /// abandoned or cut) or the budget says to stop (None; `interrupted` says why, and `r`
    /// may be taken on later). The budget is asked every `check_every` decisions.
    pub fn advance(&mut self, r: &mut Running, choose: &mut Choose, budget: &mut Budget) -> Option<Run> {
        let session = r.session.as_mut()?;
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
            // What the other threads would touch next, and the object numbering, are DPOR's
            // (its races and sleep sets): a sampled run (`keep_steps` false) skips them — they
            // cost a lookahead of every ready thread at every decision, half a sampled
            // schedule's time on `no_lock`.
            let (ids, mut next) = match r.keep_steps {
                true => session.machine_mut().explore_ids(),
                false => (0, Vec::new()),
            };
            let instructions = session.machine().steps;
            let Some(Pick { mut tid, free }) = choose(&r.steps, r.taken, &enabled, instructions) else {
                // (The sleeping threads' next steps are the chooser's to check.)
                next.retain(|(t, _)| blocked.contains(t));
                let steps = std::mem::take(&mut r.steps);
                return Some(Run {
                    steps,
                    timing: r.timing,
                    task_choices: r.task_choices,
                    abandoned: true,
                    waiting: next,
                    cut: false,
                });
            };
            if !enabled.contains(&tid) {
                tid = enabled[0];
            }
            next.retain(|(t, _)| *t != tid);
            r.waiting = next;
            if preempts(r.prev, tid, &enabled) {
                r.preemptions += 1;
            }
            r.task_choices |= enabled.iter().any(|&t| as_task_choice(t).is_some());
            let at = session.machine().schedule.len();
            session.machine_mut().run_free_next(free);
            session.step(Some(tid));
            r.decisions += 1;
            r.timing |= r.keep_steps && session.machine().timing_sensitive();
            if let Some(access) = session.machine_mut().take_slice_access() {
                if let Some(log) = self.log.as_mut() {
                    let place = session.machine().thread_place(tid).unwrap_or_default();
                    log.push(format!("{:>4} tid {tid} of {enabled:?} -> {}:{}  {access:?}", r.taken, place.0, place.1));
                }
                // Relevance judges threads: a task choice is its thread's step.
                if r.task_choices {
                    let threads: Vec<u32> = enabled.iter().map(|&e| decision_thread(e)).collect();
                    r.relevance.step(at, decision_thread(tid), &threads, &access);
                    if as_task_choice(tid).is_some_and(|(_, k)| k > 0) {
                        r.relevance.task_choice(at);
                    }
                } else {
                    r.relevance.step(at, tid, &enabled, &access);
                }
                if !r.keep_steps {
                    r.steps.clear();
                }
                r.steps.push(Step { tid, enabled, blocked, access, ids });
                r.taken += 1;
                r.prev = Some(decision_thread(tid));
            }
            let over = self.max_decisions.is_some_and(|m| r.taken > m);
            if over {
                self.cut += 1;
                let steps = std::mem::take(&mut r.steps);
                return Some(Run {
                    steps,
                    timing: r.timing,
                    task_choices: r.task_choices,
                    abandoned: true,
                    waiting: Vec::new(),
                    cut: true,
                });
            }
            // A free slice may be thousands of instructions: the budget is asked after each.
            if (free > 0 || r.decisions.is_multiple_of(self.check_every)) && self.interrupt(budget) {
                return None;
            }
        }
        let cycle = match session.stop() {
            Some(StopReason::Deadlock { .. }) => deadlock_cycle(&session.machine().wait_edges()),
            _ => Vec::new(),
        };
        let result = r.session.take().map(Session::finish)?;
        let relevance = std::mem::take(&mut r.relevance);
        self.record(&result, cycle, r.preemptions, relevance);
        let steps = std::mem::take(&mut r.steps);
        Some(Run {
            steps,
            timing: r.timing,
            task_choices: r.task_choices,
            abandoned: false,
            waiting: std::mem::take(&mut r.waiting),
            cut: false,
        })
    }

    fn record(&mut self, result: &RunResult, cycle: Vec<String>, preemptions: u32, relevance: relevance::Relevance) {
        if self.cut_budgets && matches!(result.stop, StopReason::BudgetExhausted { .. }) {
            self.cut += 1;
            return;
        }
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
                o.preemptions_that_matter = relevance.that_matter();
                o.schedule = Schedule::new(&self.run, result.schedule.clone());
            }
            return;
        }
        if let Some((most, decisions)) = self.keep {
            let kept: usize = self.report.outcomes.iter().map(|o| o.schedule.decisions.len()).sum();
            if self.report.outcomes.len() >= most || kept + result.schedule.len() > decisions {
                self.more_outcomes += 1;
                return;
            }
        }
        let kind = kind_of(&result.stop, &stderr);
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
            preemptions_that_matter: relevance.that_matter(),
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
    ex.execute(&mut |steps, _, c, _| Some(Pick::visible(no_switch(steps, c))), &mut |_| None);
    ex.log.unwrap_or_default()
}
