//! The page's "Find a breaking schedule": a search that runs a few milliseconds at a time
//! (`work`, called from the page's timer), stops by itself and says why (`SearchStop`).
//!
//! Two phases. First DPOR (`dpor::Dpor`, one schedule per call), as `concsim explore` runs
//! it, while the program's schedules are short (at most `Limits::exhaustive_decisions`
//! decisions) and for at most `Limits::exhaustive_ms`: many programs are settled in a few
//! schedules (fork: 2), and the search then stops as *exhaustive*. Otherwise PCT sampling
//! (`sample::Pct`), stepping the running `Session` one decision at a time, since one schedule
//! of a program like `no_lock` is millions of instructions (seconds). Sampling stops at the
//! time budget, the memory budget or the schedule budget, and says which.
//!
//! Invariant: memory stays bounded whatever the program — a run's heap is freed when it
//! ends (`vm::teardown`), one schedule has at most `Limits::max_steps` instructions and
//! `Limits::max_decisions` decisions (a schedule cut there is counted in `cut`, never
//! reported as an outcome), at most `MAX_OUTCOMES` distinct outcomes keep their schedule
//! (`MAX_KEPT_DECISIONS` decisions in all),
//! and the memory probe (wasm32: linear memory, which never shrinks) is read between
//! schedules and at every call of `work`: past `Limits::memory_bytes` the search stops.

use super::dpor::Dpor;
use super::relevance::Relevance;
use super::sample::{Pct, PctRun};
use super::{ExploreOptions, Explorer, Outcome, Strategy};
use crate::sim::{Decision, Policy, RunOptions, Session, StopReason};

/// Instructions of one schedule in the exhaustive phase (a longer one ends the phase).
const EXHAUSTIVE_MAX_STEPS: u64 = 1_000_000;

/// Distinct outcomes kept with their schedule; later ones are only counted.
pub const MAX_OUTCOMES: usize = 64;
/// Decisions the kept outcomes' schedules may hold in all (8 bytes each): a program whose
/// schedules are millions of decisions long and end many ways (`pool_cores`: 19 outcomes in
/// 60 s) keeps only the outcomes that fit, counting the others.
pub const MAX_KEPT_DECISIONS: usize = 16_000_000;

/// What one search may spend.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Wall-clock time of the whole search.
    pub time_ms: f64,
    /// The memory probe's reading past which the search stops.
    pub memory_bytes: u64,
    /// Schedules run (or cut) before the search stops.
    pub max_schedules: u64,
    /// Instructions of one schedule.
    pub max_steps: u64,
    /// Decisions of one sampled schedule.
    pub max_decisions: u64,
    /// The exhaustive phase gives up on a program with a schedule longer than this.
    pub exhaustive_decisions: usize,
    /// How long the exhaustive phase may run before sampling takes over.
    pub exhaustive_ms: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time_ms: 60_000.0,
            memory_bytes: 640 << 20,
            max_schedules: 1_000_000,
            max_steps: 20_000_000,
            max_decisions: 8_000_000,
            exhaustive_decisions: 10_000,
            exhaustive_ms: 15_000.0,
        }
    }
}

/// Why the search stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum SearchStop {
    /// Every schedule was covered (up to reordering independent steps): the outcomes are
    /// all the program can have on the simulator.
    Exhaustive,
    TimeBudget {
        secs: f64,
    },
    MemoryBudget {
        mib: u64,
    },
    ScheduleBudget {
        schedules: u64,
    },
    /// The learner pressed Stop.
    ByUser,
    CompileError,
}

impl SearchStop {
    /// One sentence, in English or Chinese.
    pub fn text(&self, zh: bool) -> String {
        match (self, zh) {
            (SearchStop::Exhaustive, false) => {
                "stopped: exhaustive — every schedule was covered, these are all the outcomes".into()
            }
            (SearchStop::Exhaustive, true) => "已停止：穷尽搜索——所有调度都已覆盖，这些就是全部结果".into(),
            (SearchStop::TimeBudget { secs }, false) => {
                format!("stopped: time budget of {secs:.0} s reached (not exhaustive)")
            }
            (SearchStop::TimeBudget { secs }, true) => format!("已停止：达到 {secs:.0} 秒的时间预算（未穷尽）"),
            (SearchStop::MemoryBudget { mib }, false) => {
                format!("stopped: memory budget of {mib} MiB reached (not exhaustive)")
            }
            (SearchStop::MemoryBudget { mib }, true) => format!("已停止：达到 {mib} MiB 的内存预算（未穷尽）"),
            (SearchStop::ScheduleBudget { schedules }, false) => {
                format!("stopped: budget of {schedules} schedules reached (not exhaustive)")
            }
            (SearchStop::ScheduleBudget { schedules }, true) => {
                format!("已停止：达到 {schedules} 个调度的预算（未穷尽）")
            }
            (SearchStop::ByUser, false) => "stopped by you (not exhaustive)".into(),
            (SearchStop::ByUser, true) => "已由你停止（未穷尽）".into(),
            (SearchStop::CompileError, false) => "stopped: the program does not compile".into(),
            (SearchStop::CompileError, true) => "已停止：程序无法编译".into(),
        }
    }
}

/// One distinct outcome found (by stdout, stderr and exit status).
#[derive(Clone, Debug)]
pub struct Found {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
    /// Schedules that ended this way.
    pub count: u64,
    /// Preemptions of `schedule` (the fewest seen for this outcome).
    pub preemptions: u32,
    pub schedule: Vec<Decision>,
    /// The decisions (indices into `schedule`) of the preemptions that matter: they reorder
    /// steps that do not commute (`explore::relevance`).
    pub matter_at: Vec<usize>,
}

impl Found {
    /// One line: the exit status and the last line of output.
    pub fn summary(&self) -> String {
        let last = self.stdout.lines().last().or_else(|| self.stderr.lines().last()).unwrap_or("");
        format!("exit {} · {}", self.exit_code, last)
    }

    fn from_outcome(o: &Outcome) -> Found {
        Found {
            stdout: o.stdout.clone(),
            stderr: o.stderr.clone(),
            exit_code: o.exit_code,
            count: o.count,
            preemptions: o.preemptions,
            schedule: o.schedule.decisions.clone(),
            matter_at: o.preemptions_that_matter.clone(),
        }
    }
}

/// The schedule being sampled.
struct Current {
    session: Session,
    pct: PctRun,
    prev: Option<u32>,
    preemptions: u32,
    relevance: Relevance,
    decisions: u64,
}

enum Phase {
    Exhaustive(Box<Dpor>),
    Sample,
}

/// A search in progress (or finished): its phase, the sampler's state and what it found.
pub struct Search {
    ex: Explorer<'static>,
    opts: RunOptions,
    phase: Phase,
    pct: Pct,
    current: Option<Current>,
    /// Searching (false once stopped, by itself or by the learner).
    pub running: bool,
    /// Schedules run to their end.
    pub schedules: u64,
    /// Schedules cut by the per-schedule budget (`Limits::max_steps`, `max_decisions`, or the
    /// program's own `--max-time`): not outcomes — what they would have done was never seen.
    pub cut: u64,
    pub outcomes: Vec<Found>,
    /// Distinct outcomes found beyond `MAX_OUTCOMES` (counted, not kept).
    pub more_outcomes: u64,
    pub limits: Limits,
    stop: Option<SearchStop>,
    /// The clock reading of the first `work`, and the latest.
    started: Option<f64>,
    last: f64,
    /// Reads the memory in use (see `memory_in_use`).
    probe: fn() -> u64,
}

impl Search {
    pub fn new(filename: &str, source: &str, base: &RunOptions) -> Search {
        Search::with_limits(filename, source, base, Limits::default())
    }

    pub fn with_limits(filename: &str, source: &str, base: &RunOptions, limits: Limits) -> Search {
        let opts = RunOptions {
            policy: Policy::PreemptAny,
            record_trace: false,
            replay: None,
            replay_real: false,
            max_steps: limits.max_steps.min(base.max_steps),
            ..base.clone()
        };
        let options = ExploreOptions {
            strategy: Strategy::Dpor,
            run: opts.clone(),
            max_preemptions: None,
            max_schedules: None,
            seed: base.seed,
            no_reduction: false,
        };
        let mut ex = Explorer::new(filename, source, &options);
        ex.max_decisions = Some(limits.exhaustive_decisions);
        // A schedule of the exhaustive phase runs in one call: keep it short.
        ex.run.max_steps = ex.run.max_steps.min(EXHAUSTIVE_MAX_STEPS);
        let dpor = Dpor::new(&mut ex, None, false);
        Search {
            ex,
            opts,
            phase: Phase::Exhaustive(Box::new(dpor)),
            pct: Pct::new(base.seed, 3),
            current: None,
            running: true,
            schedules: 0,
            cut: 0,
            outcomes: Vec::new(),
            more_outcomes: 0,
            limits,
            stop: None,
            started: None,
            last: 0.0,
            probe: memory_in_use,
        }
    }

    /// Replaces the memory probe (tests).
    pub fn set_probe(&mut self, probe: fn() -> u64) {
        self.probe = probe;
    }

    /// Why the search stopped (None while it runs).
    pub fn stop_reason(&self) -> Option<SearchStop> {
        match &self.stop {
            Some(s) => Some(s.clone()),
            None if !self.running => Some(SearchStop::ByUser),
            None => None,
        }
    }

    /// Whether it is still in its exhaustive (DPOR) phase.
    pub fn exhaustive_phase(&self) -> bool {
        matches!(self.phase, Phase::Exhaustive(_))
    }

    /// Wall-clock milliseconds the search has run (from its first `work` to its latest).
    pub fn elapsed_ms(&self) -> f64 {
        self.started.map(|s| self.last - s).unwrap_or(0.0)
    }

    /// Schedules (run or cut) per second of wall-clock time so far.
    pub fn per_second(&self) -> f64 {
        let ms = self.elapsed_ms();
        if ms <= 0.0 {
            0.0
        } else {
            (self.schedules + self.cut) as f64 * 1000.0 / ms
        }
    }

    /// The options a found schedule replays with on the page.
    pub fn replay_options(&self, schedule: &[Decision]) -> RunOptions {
        RunOptions { replay: Some(schedule.to_vec()), record_trace: true, ..self.opts.clone() }
    }

    fn halt(&mut self, why: SearchStop) {
        self.stop = Some(why);
        self.running = false;
        self.current = None;
    }

    /// A budget of the whole search ran out: the reason. (The memory probe is read at every
    /// `work` and every 16th schedule: natively it reads a file.)
    fn over_budget(&self, now: f64, probe: bool) -> Option<SearchStop> {
        if self.started.is_some_and(|s| now - s >= self.limits.time_ms) {
            return Some(SearchStop::TimeBudget { secs: self.limits.time_ms / 1000.0 });
        }
        if self.schedules + self.cut >= self.limits.max_schedules {
            return Some(SearchStop::ScheduleBudget { schedules: self.limits.max_schedules });
        }
        if probe && (self.probe)() > self.limits.memory_bytes {
            return Some(SearchStop::MemoryBudget { mib: self.limits.memory_bytes >> 20 });
        }
        None
    }

    /// Runs the search for about `ms` milliseconds of wall time (`now` reads the clock, in
    /// milliseconds).
    pub fn work(&mut self, ms: f64, now: &dyn Fn() -> f64) {
        let start = now();
        self.started.get_or_insert(start);
        self.last = start;
        if !self.running {
            return;
        }
        if let Some(why) = self.over_budget(start, true) {
            return self.halt(why);
        }
        if matches!(self.phase, Phase::Exhaustive(_)) {
            self.work_exhaustive(start, ms, now);
        }
        if matches!(self.phase, Phase::Sample) {
            self.work_sample(start, ms, now);
        }
        self.last = now();
    }

    fn work_exhaustive(&mut self, start: f64, ms: f64, now: &dyn Fn() -> f64) {
        loop {
            let Phase::Exhaustive(dpor) = &mut self.phase else { return };
            let over = dpor.next(&mut self.ex);
            if self.ex.report.outcomes.iter().any(|o| o.kind == super::OutcomeKind::CompileError) {
                self.sync_outcomes();
                return self.halt(SearchStop::CompileError);
            }
            self.sync_outcomes();
            if over && self.ex.report.exhaustive && self.cut == 0 {
                return self.halt(SearchStop::Exhaustive);
            }
            let t = now();
            self.last = t;
            let gave_up =
                over || self.ex.cut > 0 || self.cut > 0 || t - self.started.unwrap_or(t) > self.limits.exhaustive_ms;
            if gave_up {
                self.phase = Phase::Sample;
                return;
            }
            if let Some(why) = self.over_budget(t, self.schedules.is_multiple_of(16)) {
                return self.halt(why);
            }
            if t - start > ms {
                return;
            }
        }
    }

    /// Mirrors the exhaustive phase's outcomes (same order, same grouping).
    fn sync_outcomes(&mut self) {
        let report = &self.ex.report;
        let mut more = 0;
        for o in &report.outcomes {
            if o.kind == super::OutcomeKind::Budget {
                continue;
            }
            let same = |f: &&mut Found| f.stdout == o.stdout && f.stderr == o.stderr && f.exit_code == o.exit_code;
            let room = self.outcomes.len() < MAX_OUTCOMES;
            match self.outcomes.iter_mut().find(same) {
                Some(f) => {
                    if f.count != o.count {
                        f.count = o.count;
                        if f.preemptions != o.preemptions || f.schedule.len() != o.schedule.decisions.len() {
                            *f = Found::from_outcome(o);
                        }
                    }
                }
                None if room => self.outcomes.push(Found::from_outcome(o)),
                None => more += 1,
            }
        }
        self.more_outcomes = more;
        // Schedules the per-schedule budget cut are not outcomes.
        let budget: u64 =
            report.outcomes.iter().filter(|o| o.kind == super::OutcomeKind::Budget).map(|o| o.count).sum();
        self.schedules = report.schedules - budget;
        self.cut = budget;
    }

    fn work_sample(&mut self, start: f64, ms: f64, now: &dyn Fn() -> f64) {
        let mut n = 0u32;
        while self.running {
            n += 1;
            if n.is_multiple_of(64) && now() - start > ms {
                return;
            }
            if self.current.is_none() {
                let probe = (self.schedules + self.cut).is_multiple_of(16);
                if let Some(why) = self.over_budget(now(), probe) {
                    return self.halt(why);
                }
                let mut session = Session::new(&self.ex.filename, &self.ex.source, &self.opts);
                if session.compile_error().is_some() {
                    return self.halt(SearchStop::CompileError);
                }
                session.machine_mut().set_explore(true);
                let pct = self.pct.run();
                self.current = Some(Current {
                    session,
                    pct,
                    prev: None,
                    preemptions: 0,
                    relevance: Relevance::default(),
                    decisions: 0,
                });
            }
            let cur = self.current.as_mut().expect("a run");
            let s = &mut cur.session;
            let (enabled, _) = if s.stop().is_none() { s.machine_mut().offered() } else { (Vec::new(), Vec::new()) };
            if enabled.is_empty() {
                if s.stop().is_none() {
                    s.step(None);
                }
                self.finish();
                continue;
            }
            if cur.decisions >= self.limits.max_decisions {
                self.current = None;
                self.cut += 1;
                continue;
            }
            cur.decisions += 1;
            let tid = cur.pct.choose(&enabled);
            let at = cur.session.machine().schedule.len();
            if cur.prev.is_some_and(|p| p != tid && enabled.contains(&p)) {
                cur.preemptions += 1;
            }
            cur.session.step(Some(tid));
            if let Some(access) = cur.session.machine_mut().take_slice_access() {
                self.pct.observe(&mut cur.pct, tid, &access);
                cur.relevance.step(at, tid, &enabled, &access);
                cur.prev = Some(tid);
            }
        }
    }

    fn finish(&mut self) {
        let Some(cur) = self.current.take() else { return };
        if matches!(cur.session.stop(), Some(StopReason::BudgetExhausted { .. })) {
            self.cut += 1;
            return;
        }
        self.schedules += 1;
        let result = cur.session.finish();
        let (stdout, stderr, exit_code) = (result.stdout(), result.stderr(), result.exit_code);
        if let Some(o) =
            self.outcomes.iter_mut().find(|o| o.stdout == stdout && o.stderr == stderr && o.exit_code == exit_code)
        {
            o.count += 1;
            if cur.preemptions < o.preemptions {
                o.preemptions = cur.preemptions;
                o.schedule = result.schedule;
                o.matter_at = cur.relevance.that_matter();
            }
            return;
        }
        let kept: usize = self.outcomes.iter().map(|o| o.schedule.len()).sum();
        if self.outcomes.len() >= MAX_OUTCOMES || kept + result.schedule.len() > MAX_KEPT_DECISIONS {
            self.more_outcomes += 1;
            return;
        }
        self.outcomes.push(Found {
            stdout,
            stderr,
            exit_code,
            count: 1,
            preemptions: cur.preemptions,
            schedule: result.schedule,
            matter_at: cur.relevance.that_matter(),
        });
    }
}

/// The memory the search's process uses: on wasm32 the linear memory's size (it never
/// shrinks: the bound must be kept, not repaired), natively the resident set (Linux), else 0.
pub fn memory_in_use() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0) as u64 * 65_536
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse::<u64>().ok()))
            .map(|pages| pages * 4096)
            .unwrap_or(0)
    }
}
