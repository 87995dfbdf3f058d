//! `random` and `pct`: independent seeded schedules until a budget stops them; never
//! exhaustive.
//!
//! `random` picks uniformly among the threads that can run at every decision. `pct`
//! (Burckhardt et al., ASPLOS 2010) gives each thread a random priority, always runs the
//! highest, and lowers the running thread's priority at d − 1 random change points; a bug of
//! depth d shows with probability at least 1/(n·k^(d−1)) per schedule, k being the number of
//! steps a change point is drawn from. So change points are drawn among the steps that touch
//! a location another thread touches too (learnt from the runs so far, see `Shared`) rather
//! than among all steps: most steps of a Python program (the threading prelude, locals, the
//! thread's own objects) cannot race, and counting them only dilutes k.
//!
//! Every other PCT schedule is a *window* instead: after a racy read drawn at random, its
//! thread steps aside while the other threads touch what it read a random number of times
//! (1 to 8), then takes its turn back (four such windows per schedule). PCT's change point sends a thread below all others for the rest of
//! the run, so the others run to their end first; in a loop whose every round leaves the
//! shared state as it found it (`balance += n; balance -= n`) that hides the lost update,
//! which needs the other thread stopped *inside* a round — depth 3 for PCT (about one
//! schedule in 40 on `no_lock`), one well-placed window here (about one in 4).

use super::{Budget, ExploreOptions, Explorer, Running, Step, Strategy};
use crate::vm::access::{Access, Loc};
use rustc_hash::FxHashMap;

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

/// The locations two threads touched so far, one of them writing. Object numbers are per
/// run (`vm::access::Ids`) but follow the order objects are first named, which the runs of
/// one program mostly share: a location learnt from one run may be another object in the
/// next, which only makes a change point land on a step that cannot race.
#[derive(Default)]
struct Shared {
    /// Per location: the first thread that touched it, whether another did, whether any
    /// wrote.
    seen: FxHashMap<Loc, (u32, bool, bool)>,
}

impl Shared {
    /// Learns what a step of `tid` touched; whether it may race (`racy`, once learnt): one
    /// lookup per location, at every decision of every sampled schedule.
    fn learn(&mut self, tid: u32, access: &Access) -> bool {
        match access {
            Access::Local => false,
            Access::Universal => true,
            Access::Objects(list) => {
                let mut racy = false;
                for (loc, write) in list {
                    let e = self.seen.entry(*loc).or_insert((tid, false, false));
                    e.1 |= e.0 != tid;
                    e.2 |= *write;
                    racy |= e.1 && e.2;
                }
                racy
            }
        }
    }
}

/// PCT across schedules: the seed stream and what the runs so far showed (shared locations,
/// how many steps may race). The page's "Find a breaking schedule" drives it one decision at
/// a time; `search` one schedule at a time.
pub struct Pct {
    rng: Rng,
    /// d: d − 1 change points per schedule.
    depth: usize,
    shared: Shared,
    /// The most steps that may race in one run so far: where change points are drawn.
    racy_steps: u64,
    /// Schedules begun: odd ones are windows.
    schedules: u64,
}

/// Windows in a window schedule: a window drawn where one thread alone is left does
/// nothing, and a thread often runs alone for half the run under PCT's priorities.
const WINDOWS: usize = 4;

/// A window of one schedule: after racy read `at` (or the first one after), the thread that
/// took it steps aside until the others touched what it read `len` times.
struct Window {
    at: u64,
    len: u64,
    /// While it is open: the thread stepped aside, its priority, what it read.
    open: Option<(u32, u64, Vec<Loc>)>,
}

/// One schedule of PCT: the threads' priorities and where they change.
pub struct PctRun {
    prio: Vec<(u32, u64)>,
    changes: Vec<u64>,
    rng: Rng,
    depth: usize,
    /// Steps that may race so far in this run.
    racy: u64,
    /// The windows still to come, the next one last.
    windows: Vec<Window>,
}

impl Pct {
    pub fn new(seed: u64, depth: usize) -> Pct {
        Pct {
            rng: Rng(seed ^ 0x2545_f491_4f6c_dd1d),
            depth: depth.max(1),
            shared: Shared::default(),
            racy_steps: 0,
            schedules: 0,
        }
    }

    /// The chooser of the next schedule: PCT's change points, or (every other schedule once
    /// a run has shown racy steps) one window.
    pub fn run(&mut self) -> PctRun {
        self.schedules += 1;
        let (changes, mut windows) = if self.schedules.is_multiple_of(2) && self.racy_steps > 0 {
            let windows = (0..WINDOWS)
                .map(|_| Window { at: self.rng.below(self.racy_steps), len: 1 + self.rng.below(8), open: None })
                .collect();
            (Vec::new(), windows)
        } else {
            ((1..self.depth).map(|_| self.rng.below(self.racy_steps)).collect(), Vec::new())
        };
        windows.sort_by_key(|w: &Window| std::cmp::Reverse(w.at));
        PctRun { prio: Vec::new(), changes, rng: Rng(self.rng.next()), depth: self.depth, racy: 0, windows }
    }

    /// After each step of a run: `tid` ran a slice that touched `access`.
    pub fn observe(&mut self, run: &mut PctRun, tid: u32, access: &Access) {
        if !self.shared.learn(tid, access) {
            return;
        }
        // After the racy step a change point numbers, its thread drops to that change
        // point's priority (below every thread's initial one).
        if let Some(i) = run.changes.iter().position(|&k| k == run.racy) {
            if let Some(e) = run.prio.iter_mut().find(|(t, _)| *t == tid) {
                e.1 = (i + 1) as u64;
            }
        }
        run.step_window(tid, access);
        run.racy += 1;
        self.racy_steps = self.racy_steps.max(run.racy);
    }
}

impl PctRun {
    /// Opens the window after its racy step, or the first racy read after it (a thread that
    /// loaded a shared value and has not stored it yet is where an update can be lost): the
    /// thread drops below every other. Closes it once the others touched what it read `len`
    /// times (its priority comes back).
    fn step_window(&mut self, tid: u32, access: &Access) {
        let Some(w) = self.windows.last_mut() else { return };
        let Access::Objects(list) = access else { return };
        match &w.open {
            None if self.racy >= w.at && list.iter().all(|(_, write)| !write) => {
                if let Some(e) = self.prio.iter_mut().find(|(t, _)| *t == tid) {
                    w.open = Some((tid, e.1, list.iter().map(|(loc, _)| *loc).collect()));
                    e.1 = 0;
                }
            }
            Some((held, prio, read)) if *held != tid && list.iter().any(|(loc, _)| read.contains(loc)) => {
                w.len -= 1;
                if w.len == 0 {
                    let (held, prio) = (*held, *prio);
                    if let Some(e) = self.prio.iter_mut().find(|(t, _)| *t == held) {
                        e.1 = prio;
                    }
                    self.windows.pop();
                }
            }
            _ => {}
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
        let prio = |t: &u32| self.prio.iter().find(|(p, _)| p == t).map(|e| e.1).unwrap_or(0);
        *candidates.iter().max_by_key(|t| prio(t)).unwrap_or(&candidates[0])
    }
}

/// One sampling search (`random` or `pct`): a schedule at a time, which the budget may
/// pause inside and a later `next` takes on (the page samples schedules of millions of
/// decisions, a few milliseconds at a time). Runs keep only their latest step and do not
/// look ahead (`Explorer::advance`): a sampled decision costs what a plain run's does.
pub(crate) struct Sampler {
    strategy: Strategy,
    rng: Rng,
    pct: Pct,
    /// The schedule being run: its run, its PCT priorities, the steps PCT has seen.
    current: Option<(Running, PctRun, usize)>,
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
        let (mut run, mut prio, mut seen) = match self.current.take() {
            Some(c) => c,
            None => (ex.begin(false), self.pct.run(), 0),
        };
        let done = match self.strategy {
            Strategy::Random => {
                let rng = &mut self.rng;
                ex.advance(&mut run, &mut |_, _, c| Some(c[rng.below(c.len() as u64) as usize]), budget)
            }
            _ => {
                let pct = &mut self.pct;
                let prio = &mut prio;
                let seen = &mut seen;
                ex.advance(
                    &mut run,
                    &mut |steps: &[Step], taken, c| {
                        if taken > *seen {
                            if let Some(s) = steps.last() {
                                pct.observe(prio, s.tid, &s.access);
                            }
                            *seen = taken;
                        }
                        Some(prio.choose(c))
                    },
                    budget,
                )
            }
        };
        if done.is_none() {
            self.current = Some((run, prio, seen));
        }
    }
}
