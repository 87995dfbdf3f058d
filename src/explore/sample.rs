//! `random` and `pct`: independent seeded schedules until a budget stops them; never
//! exhaustive.
//!
//! `random` picks uniformly among the threads that can run at every decision. `pct`
//! (Burckhardt et al., ASPLOS 2010) gives each thread a random priority, always runs the
//! highest, and lowers the running thread's priority at d − 1 change points; a bug of depth d
//! shows with probability at least 1/(n·k^(d−1)) per schedule, k the places a change point is
//! drawn from.
//!
//! Every other schedule (the first included) has *windows* instead: after a read of what
//! may race, its thread steps aside until the other threads have written what it read a
//! random number of times (the first window of a schedule once: the plain lost update), then
//! runs next, writing back a value now stale. Window schedules hold 1, 2, 4, then 8 windows,
//! in turn: one lost update is the commonest bug, and two may cancel out. PCT's change
//! point sends a thread below all others for the rest of the run, so the others run to their
//! end first; in a loop whose every round leaves the shared state as it found it
//! (`balance += n; balance -= n`) that hides the lost update, which needs the other thread
//! stopped *inside* a round — depth 3 for PCT, one well-placed window here.
//!
//! Runs go free. An intervention (a change point, a window) is placed at an instruction count
//! drawn log-uniformly over the longest run so far (counted from when a second thread could
//! first run); until the next one the schedule runs free (`Pick::free`, chunks of
//! `FREE_CHUNK` instructions: a plain run's speed, the highest priority thread until it
//! blocks or ends, as PCT would anyway), and only from there steps one visible instruction at
//! a time until the intervention has found its step: a racy step (change point), a racy
//! read and the others' writes (window). What may race is learnt from the visible steps of
//! the run (`Shared`): what some thread writes, unless a window held it while the others ran
//! on without writing it. A schedule of `no_lock` (3.4M instructions) takes 0.08 s natively
//! instead of 1.4 s when every visible instruction was a decision; the first schedule shows
//! its lost update for 15 of the seeds 1–20. A run with all its steps visible is what DPOR,
//! `random` and manual stepping still do.

use super::{Budget, ExploreOptions, Explorer, Pick, Running, Step, Strategy};
use crate::vm::access::{Access, Loc};
use rustc_hash::{FxHashMap, FxHashSet};

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

/// What a run's visible steps so far showed of each location: which threads touched it,
/// whether one wrote it. It is kept per run: object numbers (`vm::access::Ids`) follow the
/// order objects are first seen at a visible step, which free running makes differ from run
/// to run, so what one run learnt would name other objects in the next. Steps run free are
/// not seen: a location may be shared or written without it being known yet.
#[derive(Default)]
struct Shared {
    /// Per location: the first thread that touched it, whether another did, whether any
    /// wrote.
    seen: FxHashMap<Loc, (u32, bool, bool)>,
    /// Locations a window held while the others ran `UNTOUCHED` visible decisions without
    /// touching them: so far only their thread's, not worth holding again in this run.
    private: FxHashSet<Loc>,
}

impl Shared {
    /// Learns what a step of `tid` touched; whether it is a step to intervene at: one that
    /// touches a location some thread writes and another touched, or (steps run free are not
    /// seen, so another thread may touch it unseen) one some thread writes that no window
    /// found private. One lookup per location, at every visible decision of every sampled
    /// schedule.
    fn learn(&mut self, tid: u32, access: &Access) -> bool {
        match access {
            Access::Local => false,
            Access::Universal => true,
            Access::Objects(list) => {
                let mut target = false;
                for (loc, write) in list {
                    let e = self.seen.entry(*loc).or_insert((tid, false, false));
                    e.1 |= e.0 != tid;
                    e.2 |= *write;
                    target |= e.2 && (e.1 || !self.private.contains(loc));
                }
                target
            }
        }
    }
}

/// Instructions a free slice runs at most: the page's search is paused only between
/// decisions, and one must stay a few milliseconds long in wasm.
const FREE_CHUNK: u64 = 100_000;
/// Visible decisions an intervention waits for its step (a racy step, a racy read, the
/// others' writes of what a window holds) before it is given up.
const PATIENCE: u32 = 4_096;
/// Visible decisions of the others an open window waits for a first write of what it holds:
/// none by then, and it held what no other thread writes so far — it closes, marks that
/// private (`Shared`) and opens again at the next read it may hold.
const UNTOUCHED: u32 = 64;
/// Where interventions are drawn before any run has ended: up to 2^24 instructions.
const FIRST_SPAN: u64 = 1 << 24;

/// What a schedule does at one place of the run.
#[derive(Clone, Copy)]
enum Plan {
    /// PCT's change point: the thread of the next racy step drops to this priority.
    Change(u64),
    /// A window: after the next racy read, its thread steps aside until the others wrote
    /// what it read `len` times, then runs next.
    Window { len: u64 },
}

/// An intervention of one schedule: where it begins (instructions after a second thread
/// first could run) and what it does.
struct Intervention {
    at: u64,
    plan: Plan,
}

/// The intervention under way: the schedule stops at every visible instruction meanwhile.
struct Active {
    plan: Plan,
    /// Visible decisions spent waiting.
    waited: u32,
    /// Touches by the others of what an open window holds.
    touches: u32,
    /// An open window: the thread stepped aside, its priority, what it read.
    open: Option<(u32, u64, Vec<Loc>)>,
}

/// PCT across schedules: the seed stream and how long the runs so far were. The page's "Find a breaking schedule" drives it one
/// decision at a time; `search` one schedule at a time.
pub struct Pct {
    rng: Rng,
    /// d: d − 1 change points per schedule.
    depth: usize,
    /// The most instructions a run so far took after a second thread could run: the span
    /// interventions are drawn from.
    longest: u64,
    /// Schedules begun: odd ones (the first) are windows.
    schedules: u64,
}

/// Window schedules hold 2^k windows, k = 0, 1, …, WINDOW_COUNTS − 1 in turn: more windows
/// reach deeper bugs, and places where one thread alone is left (a window there does
/// nothing), but two lost updates may cancel out.
const WINDOW_COUNTS: u64 = 4;

/// One schedule of PCT: the threads' priorities and the interventions still to come.
pub struct PctRun {
    prio: Vec<(u32, u64)>,
    rng: Rng,
    depth: usize,
    /// The interventions still to come, the next one last.
    plan: Vec<Intervention>,
    active: Option<Active>,
    shared: Shared,
    /// The instruction count when a second thread first could run (before that nothing can
    /// interleave: the run goes free).
    origin: Option<u64>,
    /// The latest instruction count seen.
    now: u64,
    /// The latest decision ran free: its step (`Universal`) tells nothing.
    last_free: bool,
    /// Steps of the run observed so far.
    seen: usize,
}

/// A position drawn log-uniformly in [1, span]: an unknown place in a run of unknown length
/// is as likely within its first thousand instructions as within its first million.
fn log_uniform(rng: &mut Rng, span: u64) -> u64 {
    let bits = u64::from(64 - span.max(2).leading_zeros());
    let low = 1u64 << rng.below(bits);
    (low + rng.below(low)).min(span)
}

impl Pct {
    pub fn new(seed: u64, depth: usize) -> Pct {
        Pct { rng: Rng(seed ^ 0x2545_f491_4f6c_dd1d), depth: depth.max(1), longest: 0, schedules: 0 }
    }

    /// The chooser of the next schedule: windows (odd schedules) or PCT's change points.
    pub fn run(&mut self) -> PctRun {
        self.schedules += 1;
        let span = if self.longest > 0 { self.longest } else { FIRST_SPAN };
        let mut plan: Vec<Intervention> = if !self.schedules.is_multiple_of(2) {
            let windows = 1 << ((self.schedules / 2) % WINDOW_COUNTS);
            (0..windows)
                .map(|k| Intervention {
                    at: log_uniform(&mut self.rng, span),
                    plan: Plan::Window {
                        len: if k == 0 || self.rng.below(2) == 0 { 1 } else { 2 + self.rng.below(7) },
                    },
                })
                .collect()
        } else {
            (1..self.depth)
                .map(|i| Intervention { at: log_uniform(&mut self.rng, span), plan: Plan::Change(i as u64) })
                .collect()
        };
        plan.sort_by_key(|i| std::cmp::Reverse(i.at));
        PctRun {
            prio: Vec::new(),
            rng: Rng(self.rng.next()),
            depth: self.depth,
            plan,
            active: None,
            shared: Shared::default(),
            origin: None,
            now: 0,
            last_free: false,
            seen: 0,
        }
    }

    /// A run ended: its length bounds where the next schedules intervene.
    pub fn ended(&mut self, run: &PctRun) {
        if let Some(origin) = run.origin {
            self.longest = self.longest.max(run.now.saturating_sub(origin));
        }
    }

    /// The decision of `run` among `candidates` (not empty), after `taken` steps (the latest
    /// last in `steps`) and `instructions` instructions.
    pub(crate) fn choose(
        &mut self,
        run: &mut PctRun,
        steps: &[Step],
        taken: usize,
        candidates: &[u32],
        instructions: u64,
    ) -> Pick {
        run.now = instructions;
        if taken > run.seen {
            if let (false, Some(s)) = (run.last_free, steps.last()) {
                self.observe(run, s.tid, &s.access, candidates);
            }
            run.seen = taken;
        }
        if run.origin.is_none() && candidates.len() > 1 {
            run.origin = Some(instructions);
        }
        if let (None, Some(origin)) = (&run.active, run.origin) {
            if run.plan.last().is_some_and(|i| origin + i.at <= instructions) {
                let next = run.plan.pop().map(|i| i.plan);
                run.active = next.map(|plan| Active { plan, waited: 0, touches: 0, open: None });
            }
        }
        let tid = run.choose(candidates);
        let free = match (&run.active, run.origin, run.plan.last()) {
            (Some(_), _, _) => 0,
            (None, Some(origin), Some(next)) => (origin + next.at).saturating_sub(instructions).clamp(1, FREE_CHUNK),
            _ => FREE_CHUNK,
        };
        run.last_free = free > 0;
        Pick { tid, free }
    }

    /// A visible step of `run`: `tid` ran a slice that touched `access`; `candidates` may
    /// run next.
    fn observe(&mut self, run: &mut PctRun, tid: u32, access: &Access, candidates: &[u32]) {
        let target = run.shared.learn(tid, access);
        let own = run.priority(tid);
        let Some(active) = run.active.as_mut() else { return };
        active.waited += 1;
        let mut done = active.waited > PATIENCE;
        // The priority `tid` takes now, if it changes; the thread a window gives back.
        let (mut drop_to, mut rearm) = (None, None);
        match (active.plan, &mut active.open) {
            (Plan::Change(priority), _) => {
                if target {
                    drop_to = Some(priority);
                    done = true;
                }
            }
            // A read of what races (what some thread writes, until a race is known), by a
            // thread another could run beside: it steps aside, holding a value it may write
            // back.
            (Plan::Window { .. }, open @ None) => {
                if let Access::Objects(list) = access {
                    let read = list.iter().all(|(_, write)| !write);
                    let others = candidates.iter().any(|&c| c != tid);
                    if read && others && target {
                        *open = Some((tid, own, list.iter().map(|(loc, _)| *loc).collect()));
                        active.waited = 0;
                        done = false;
                        drop_to = Some(0);
                    }
                }
            }
            (Plan::Window { len }, Some((held, prio, read))) => {
                let touched = match access {
                    Access::Objects(list) => list.iter().any(|(loc, write)| *write && read.contains(loc)),
                    Access::Universal | Access::Local => false,
                };
                if *held != tid && touched {
                    active.plan = Plan::Window { len: len - 1 };
                    active.touches += 1;
                    done |= len <= 1;
                } else if active.touches == 0 && active.waited > UNTOUCHED {
                    run.shared.private.extend(read.iter().copied());
                    rearm = Some((*held, *prio));
                    active.open = None;
                    active.waited = 0;
                }
            }
        }
        if let Some((held, prio)) = rearm {
            run.set_priority(held, prio);
        }
        if let Some(priority) = drop_to {
            run.set_priority(tid, priority);
        }
        if done {
            if let Some(Active { open: Some((held, prio, _)), touches, .. }) = run.active.take() {
                // Touched: the held thread runs next, with the value it read now stale (left
                // at its own priority, a thread above it could run to its end first and make
                // that value current again). Untouched: it goes back to its place.
                let first = run.prio.iter().map(|e| e.1).max().unwrap_or(0) + 1;
                run.set_priority(held, if touches > 0 { first } else { prio });
            }
        }
    }
}

impl PctRun {
    fn priority(&self, tid: u32) -> u64 {
        self.prio.iter().find(|(t, _)| *t == tid).map(|e| e.1).unwrap_or(0)
    }

    fn set_priority(&mut self, tid: u32, priority: u64) {
        if let Some(e) = self.prio.iter_mut().find(|(t, _)| *t == tid) {
            e.1 = priority;
        }
    }

    /// The thread to run among `candidates` (not empty): the highest priority; a thread seen
    /// for the first time gets a random one above the change points'.
    pub fn choose(&mut self, candidates: &[u32]) -> u32 {
        for &t in candidates {
            if !self.prio.iter().any(|(p, _)| *p == t) {
                self.prio.push((t, self.depth as u64 + 1 + self.rng.below(1 << 20)));
            }
        }
        *candidates.iter().max_by_key(|t| self.priority(**t)).unwrap_or(&candidates[0])
    }
}

/// One sampling search (`random` or `pct`): a schedule at a time, which the budget may
/// pause inside and a later `next` takes on (the page samples schedules of millions of
/// decisions, a few milliseconds at a time). Runs keep only their latest step and do not
/// look ahead (`Explorer::advance`): a sampled decision costs what a plain run's does, and
/// PCT runs free (a plain run's speed) between the places it intervenes.
pub(crate) struct Sampler {
    strategy: Strategy,
    rng: Rng,
    pct: Pct,
    /// The schedule being run, with its PCT plan.
    current: Option<(Running, PctRun)>,
}

impl Sampler {
    pub(crate) fn new(options: &ExploreOptions) -> Sampler {
        let depth = options.max_preemptions.map(|k| k + 1).unwrap_or(3) as usize;
        let strategy = if options.strategy == Strategy::Random { Strategy::Random } else { Strategy::Pct };
        Sampler {
            strategy,
            rng: Rng(options.seed ^ 0x2545_f491_4f6c_dd1d),
            pct: Pct::new(options.seed, depth),
            current: None,
        }
    }

    /// Runs the current schedule (or a new one) to its end, or until the budget pauses it.
    pub(crate) fn next(&mut self, ex: &mut Explorer, budget: &mut Budget) {
        let (mut run, mut plan) = match self.current.take() {
            Some(c) => c,
            None => (ex.begin(false), self.pct.run()),
        };
        let done = match self.strategy {
            Strategy::Random => {
                let rng = &mut self.rng;
                ex.advance(
                    &mut run,
                    &mut |_, _, c, _| Some(Pick::visible(c[rng.below(c.len() as u64) as usize])),
                    budget,
                )
            }
            _ => {
                let (pct, plan) = (&mut self.pct, &mut plan);
                ex.advance(&mut run, &mut |steps, taken, c, at| Some(pct.choose(plan, steps, taken, c, at)), budget)
            }
        };
        match done {
            Some(_) => self.pct.ended(&plan),
            None => self.current = Some((run, plan)),
        }
    }
}
