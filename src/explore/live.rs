//! The page's "Find a breaking schedule": a search that runs a few milliseconds at a time
//! (`work`, called from the page's timer), stops by itself and says why (`SearchStop`).
//!
//! It is `explore::Search` — the search `concsim explore` runs — with the page's budgets.
//! Two phases. First DPOR, as `concsim explore` runs it, while the program's schedules are
//! short (at most `Limits::exhaustive_decisions` decisions) and for at most
//! `Limits::exhaustive_ms`: many programs are settled in a few schedules (fork: 2), and the
//! search then stops as *exhaustive*. Otherwise PCT sampling (`Search::sample`), paused
//! inside a schedule at the end of each `work` (one schedule of a program like `no_lock` is
//! millions of instructions; it runs free between the places PCT intervenes, see `sample`). Sampling stops at the time budget, the memory budget
//! or the schedule budget, and says which.
//!
//! Invariant: memory stays bounded whatever the program — a run's heap is freed when it
//! ends (`vm::teardown`), one schedule has at most `Limits::max_steps` instructions and
//! `Limits::max_decisions` decisions (a schedule cut there is counted in `cut`, never
//! reported as an outcome), at most `MAX_OUTCOMES` distinct outcomes keep their schedule
//! (`MAX_KEPT_DECISIONS` decisions in all),
//! and the memory probe (wasm32: linear memory, which never shrinks) is read between
//! schedules and at every call of `work`: past `Limits::memory_bytes` the search stops.

use super::{ExploreOptions, Outcome, OutcomeKind, Strategy};
use crate::limits::{EXHAUSTIVE_MAX_STEPS, MAX_KEPT_DECISIONS, MAX_OUTCOMES};
use crate::sim::{Decision, Policy, RunOptions};
use std::cell::Cell;

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

/// A search in progress (or finished): the explorer's search, its phase and its budgets.
pub struct Search {
    inner: super::Search,
    opts: RunOptions,
    seed: u64,
    /// Still in the exhaustive (DPOR) phase.
    exhaustive_phase: bool,
    /// Searching (false once stopped, by itself or by the learner).
    pub running: bool,
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
            // A schedule of the exhaustive phase runs in one call: keep it short.
            run: RunOptions { max_steps: opts.max_steps.min(EXHAUSTIVE_MAX_STEPS), ..opts.clone() },
            max_preemptions: None,
            max_schedules: None,
            seed: base.seed,
            no_reduction: false,
        };
        let mut inner = super::Search::new(filename, source, &options);
        inner.ex.max_decisions = Some(limits.exhaustive_decisions);
        inner.ex.cut_budgets = true;
        inner.ex.keep = Some((MAX_OUTCOMES, MAX_KEPT_DECISIONS));
        // Sampling pauses inside a schedule at the end of a slice of work.
        inner.ex.check_every = 64;
        Search {
            inner,
            opts,
            seed: base.seed,
            exhaustive_phase: true,
            running: true,
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

    /// The distinct outcomes found (at most `MAX_OUTCOMES`), in the order found.
    pub fn outcomes(&self) -> &[Outcome] {
        self.inner.outcomes()
    }

    /// Schedules run to their end.
    pub fn schedules(&self) -> u64 {
        self.inner.report().schedules
    }

    /// Schedules cut by the per-schedule budget (`Limits::max_steps`, `max_decisions`, or the
    /// program's own `--max-time`): not outcomes — what they would have done was never seen.
    pub fn cut(&self) -> u64 {
        self.inner.cut()
    }

    /// Distinct outcomes found beyond `MAX_OUTCOMES` (counted, not kept).
    pub fn more_outcomes(&self) -> u64 {
        self.inner.ex.more_outcomes
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
        self.exhaustive_phase
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
            (self.schedules() + self.cut()) as f64 * 1000.0 / ms
        }
    }

    /// The options a found schedule replays with on the page.
    pub fn replay_options(&self, schedule: &[Decision]) -> RunOptions {
        RunOptions { replay: Some(schedule.to_vec()), record_trace: true, ..self.opts.clone() }
    }

    fn halt(&mut self, why: SearchStop) {
        self.stop = Some(why);
        self.running = false;
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
        let began = self.started.unwrap_or(start);
        if let Some(why) = over_budget(&self.limits, self.probe, began, start, 0, true) {
            return self.halt(why);
        }
        // What the budget callback decided, besides pausing at the end of the slice.
        let stop: Cell<Option<SearchStop>> = Cell::new(None);
        let give_up = Cell::new(false);
        let exhaustive_phase = self.exhaustive_phase;
        let (limits, probe) = (&self.limits, self.probe);
        let mut until = |p: &super::Progress| {
            let t = now();
            if p.in_schedule {
                // A schedule of the exhaustive phase runs whole (it is short).
                return (!exhaustive_phase && t - start > ms).then(|| "slice".to_string());
            }
            if exhaustive_phase && (p.cut > 0 || t - began > limits.exhaustive_ms) {
                give_up.set(true);
                return Some("sampling".into());
            }
            let done = p.schedules + p.cut;
            if let Some(why) = over_budget(limits, probe, began, t, done, done.is_multiple_of(16)) {
                stop.set(Some(why));
                return Some("budget".into());
            }
            (t - start > ms).then(|| "slice".to_string())
        };
        let over = self.inner.work(&mut until);
        self.last = now();
        if self.outcomes().iter().any(|o| o.kind == OutcomeKind::CompileError) {
            return self.halt(SearchStop::CompileError);
        }
        if let Some(why) = stop.take() {
            return self.halt(why);
        }
        if self.exhaustive_phase && (over || give_up.get()) {
            if over && self.inner.exhaustive() {
                return self.halt(SearchStop::Exhaustive);
            }
            self.exhaustive_phase = false;
            self.inner.sample(self.seed, self.opts.max_steps, self.limits.max_decisions as usize);
        }
    }
}

/// A budget of the whole search ran out: the reason. (The memory probe is read at every
/// `work` and every 16th schedule: natively it reads a file.)
fn over_budget(limits: &Limits, probe: fn() -> u64, began: f64, now: f64, done: u64, read: bool) -> Option<SearchStop> {
    if now - began >= limits.time_ms {
        return Some(SearchStop::TimeBudget { secs: limits.time_ms / 1000.0 });
    }
    if done >= limits.max_schedules {
        return Some(SearchStop::ScheduleBudget { schedules: limits.max_schedules });
    }
    if read && probe() > limits.memory_bytes {
        return Some(SearchStop::MemoryBudget { mib: limits.memory_bytes >> 20 });
    }
    None
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
