//! Dynamic partial-order reduction (Flanagan & Godefroid, POPL 2005), stateless: every
//! schedule is a fresh run that follows a prefix of recorded choices, then continues without
//! switching threads unless it must.
//!
//! After each run, every step is checked against the earlier steps it conflicts with (their
//! `Access`es touch a common location, one of them writing; a `Universal` one conflicts with
//! everything). When a conflicting earlier step `i` of another thread does not happen before
//! the step's thread (vector clocks over the conflicts), the two could have run in the other
//! order: the step's thread is added to the backtrack set of the decision before `i` (or, when
//! it could not run there, every thread that could). A thread whose next step would only
//! block is not offered (`Step::blocked`, see `vm::lookahead`): its races are with the steps
//! where it could have run (the acquire before a release), and the steps a run never took
//! (of threads waiting, asleep or cut off at its end) are checked too. Backtracking then explores each
//! decision's backtrack set, deepest decision first. Each backtrack set is a persistent set,
//! so every outcome of the program is reached by some explored schedule.

use super::{no_switch, preempts, Budget, Explorer, Pick, Step};
use crate::sim::decision_thread;
use crate::vm::access::{Access, WHOLE};
use rustc_hash::FxHashMap;

/// A thread's next step from some decision, as a run that took it there found it: for sleep
/// sets, which compare it with the steps of later runs.
#[derive(Clone)]
struct Pending {
    tid: u32,
    access: Access,
    /// The object numbering at that decision (`Step::ids`): numbers from here on may name
    /// different objects in another run (see `Access::conflicts_across`).
    ids: u64,
}

impl Pending {
    /// Whether `step` (of the current run, which shares the decisions up to where this was
    /// found) may not commute with this step.
    fn conflicts(&self, step: &Step) -> bool {
        self.access.conflicts_across(&step.access, Some(self.ids))
    }
}

struct Node {
    /// Threads that could run at this decision.
    enabled: Vec<u32>,
    /// Ready threads whose next step would only block here (`Step::blocked`).
    blocked: Vec<u32>,
    backtrack: Vec<u32>,
    done: Vec<u32>,
    /// The thread taken in the current schedule.
    chosen: u32,
    /// The thread that ran the decision before (a task choice's thread).
    prev: Option<u32>,
    /// Preemptions before this decision in the current schedule.
    preempts_before: u32,
    /// The object numbering before this decision (`Step::ids`).
    ids: u64,
    /// Sleep set (Godefroid): threads whose next step was already explored from an
    /// equivalent state; they are not tried here.
    sleep: Vec<Pending>,
    /// The steps taken from here so far.
    explored: Vec<Pending>,
}

impl Node {
    fn preempts(&self, t: u32) -> bool {
        preempts(self.prev, t, &self.enabled)
    }
}

/// Adds `t` to the backtrack set of `node` unless that would exceed the preemption bound. A
/// sleeping thread is not added: its step from here was explored from an equivalent state
/// (Flanagan–Godefroid with sleep sets keep it out rather than falling back to every thread).
fn add(node: &mut Node, t: u32, bound: Option<u32>, bound_hit: &mut bool) {
    if node.backtrack.contains(&t) || node.sleep.iter().any(|e| e.tid == t) {
        return;
    }
    if bound.is_some_and(|b| node.preempts_before + u32::from(node.preempts(t)) > b) {
        *bound_hit = true;
        return;
    }
    node.backtrack.push(t);
}

/// How a pass of the search ended.
enum Pass {
    /// Every backtrack point was explored; `bound_hit`: some were skipped for the bound.
    Complete {
        bound_hit: bool,
    },
    Diverged,
    /// A run turned out to depend on the virtual clock: the pass starts over without
    /// reduction (sleep sets assume that independent steps commute, which timing breaks).
    Restart,
}

// With a preemption bound K, one pass under it. Without, iterative preemption bounding (as
// CHESS) for the first passes: bounds 0, 1, … `BOUNDED_PASSES` − 1, so that schedules with
// few preemptions, where most bugs show, come first; then one unbounded pass (plain DPOR),
// which settles the search as exhaustive — or the budget runs out. (Each bounded pass runs
// again the schedules of the passes before it: going on 3, 4, 5… to the end, the passes
// before the last cost 3 to 4 times the last on tests/explore/rounds.py. DPOR under a bound
// may miss a schedule within it: a bounded pass only says what it covered, never "all
// schedules with ≤ K preemptions".)

/// How many bounded passes come before the unbounded one.
const BOUNDED_PASSES: u32 = 3;

/// The search of `search`, one schedule at a time (the page runs it between repaints).
pub(crate) struct Dpor {
    bound: Option<u32>,
    no_reduction: bool,
    /// No reduction (asked for, or the program's timing showed it is unsound).
    full: bool,
    /// The current pass's bound.
    b: u32,
    path: Vec<Node>,
    bound_hit: bool,
}

impl Dpor {
    pub(crate) fn new(ex: &mut Explorer, bound: Option<u32>, no_reduction: bool) -> Dpor {
        if no_reduction {
            ex.report.notes.push("without reduction: every choice at every decision is explored".into());
        }
        Dpor { bound, no_reduction, full: no_reduction, b: bound.unwrap_or(0), path: Vec::new(), bound_hit: false }
    }

    /// The search was stopped by `why` (a budget): says so in the report.
    pub(crate) fn stopped(&self, ex: &mut Explorer, why: String) {
        let done = match ex.report.preemptions_covered {
            Some(c) => format!(" (the DPOR passes with preemption bounds up to {c} completed)"),
            None => String::new(),
        };
        ex.report.bounded_by.push(format!("{why}{done}"));
    }

    /// Runs one schedule; true once the search is over (the report says how it ended).
    pub(crate) fn next(&mut self, ex: &mut Explorer, budget: &mut Budget) -> bool {
        // Without reduction every schedule is explored anyway: one pass, unbounded.
        let unbounded = self.bound.is_none() && (self.no_reduction || self.b >= BOUNDED_PASSES);
        let pass_bound = if unbounded { None } else { Some(self.b) };
        let Some(result) = pass(ex, pass_bound, &mut self.full, &mut self.path, &mut self.bound_hit, budget) else {
            return false;
        };
        // The pass is over: the next one starts afresh.
        self.path.clear();
        self.bound_hit = false;
        let b = self.b;
        match result {
            Pass::Complete { bound_hit: false } => {
                ex.report.exhaustive = true;
                ex.report.preemptions_covered = None;
                true
            }
            Pass::Complete { bound_hit: true } => {
                ex.report.preemptions_covered = Some(b);
                if self.bound.is_some() {
                    ex.report.bounded_by.push(format!(
                        "preemption bound of {b} (--max-preemptions): schedules with more preemptions were skipped"
                    ));
                    return true;
                }
                self.b += 1;
                false
            }
            Pass::Restart => false,
            Pass::Diverged => {
                ex.report.notes.push("a replayed schedule prefix did not repeat itself: the search stopped".into());
                ex.report.bounded_by.push("nondeterministic replay".into());
                true
            }
        }
    }
}

/// One schedule of a pass: None while the pass goes on.
fn pass(
    ex: &mut Explorer,
    bound: Option<u32>,
    full: &mut bool,
    path: &mut Vec<Node>,
    bound_hit: &mut bool,
    budget: &mut Budget,
) -> Option<Pass> {
    {
        let fixed = path.len();
        // The sleep set of each decision, computed as the run goes (none without reduction).
        let mut sleeps: Vec<Vec<Pending>> = Vec::new();
        let reduce = !*full;
        let run = {
            let path = &*path;
            let sleeps = &mut sleeps;
            ex.execute(
                &mut |steps, _, c, _| {
                    let k = steps.len();
                    let mut sleep: Vec<Pending> = Vec::new();
                    if let (true, Some(j), Some(last)) = (reduce, k.checked_sub(1), steps.last()) {
                        // Asleep before, or explored from the decision before: still asleep
                        // unless the step just taken conflicts with theirs.
                        let siblings = path.get(j).map(|n| n.explored.as_slice()).unwrap_or(&[]);
                        for e in sleeps[j].iter().chain(siblings) {
                            if e.tid != last.tid && !e.conflicts(last) && !sleep.iter().any(|s| s.tid == e.tid) {
                                sleep.push(e.clone());
                            }
                        }
                    }
                    let choice = match path.get(k) {
                        Some(n) => Some(n.chosen),
                        None => {
                            let awake: Vec<u32> =
                                c.iter().copied().filter(|t| !sleep.iter().any(|e| e.tid == *t)).collect();
                            // Every candidate asleep: all that follows was covered elsewhere.
                            (!awake.is_empty()).then(|| no_switch(steps, &awake))
                        }
                    };
                    sleeps.push(sleep);
                    choice.map(Pick::visible)
                },
                budget,
            )
        };
        if run.cut {
            // Stopped inside (a budget): the search stops, or gives up on this program.
            return None;
        }
        if run.abandoned {
            ex.report.pruned += 1;
        }

        let diverged = run.steps.len() < fixed
            || path.iter().zip(&run.steps).any(|(n, s)| n.chosen != s.tid || n.enabled != s.enabled);
        if diverged {
            return Some(Pass::Diverged);
        }
        if (run.timing || run.task_choices) && !*full {
            *full = true;
            ex.report.notes.push(if run.timing {
                "which thread may run depends on the virtual clock (several processes, sleeps or timed waits): \
                 every choice is explored, without reduction"
                    .into()
            } else {
                "an event loop's choice of the next ready task is a decision: every choice is explored, \
                 without reduction"
                    .into()
            });
            // Sleep sets may already have kept threads out of decisions of this pass.
            return Some(Pass::Restart);
        }
        let mut pre = path.last().map(|n| n.preempts_before + u32::from(n.preempts(n.chosen))).unwrap_or(0);
        for (k, s) in run.steps.iter().enumerate().skip(fixed) {
            let prev = k.checked_sub(1).map(|j| decision_thread(run.steps[j].tid));
            let node = Node {
                enabled: s.enabled.clone(),
                blocked: s.blocked.clone(),
                backtrack: vec![s.tid],
                done: vec![s.tid],
                chosen: s.tid,
                prev,
                preempts_before: pre,
                ids: s.ids,
                sleep: std::mem::take(&mut sleeps[k]),
                explored: Vec::new(),
            };
            pre += u32::from(node.preempts(s.tid));
            path.push(node);
        }
        for (node, s) in path.iter_mut().zip(&run.steps) {
            if !node.explored.iter().any(|e| e.tid == s.tid) {
                node.explored.push(Pending { tid: s.tid, access: s.access.clone(), ids: node.ids });
            }
        }
        if *full {
            for node in path.iter_mut() {
                for t in node.enabled.clone() {
                    add(node, t, bound, bound_hit);
                }
            }
        } else {
            let steps = &run.steps;
            let one_instruction = ex.run.policy == crate::sim::Policy::PreemptAny;
            let mut on_race = |clocks: &Clocks, i: usize, p: u32, vc: &[u32], end: usize, dep: &Dep| {
                // Thread p's step would have blocked at `i` (a lock held since an earlier
                // step): the race is with the latest earlier conflicting step where it could
                // have run (Flanagan–Godefroid's "co-enabled"), typically the acquire before
                // the release `i`. Its step then no longer follows `i`'s chain: only p's
                // earlier steps order it.
                let (mut i, mut vc) = (i, vc);
                // (A thread that never ran has no clock yet.)
                let p_clock = clocks.threads.get(p as usize).map(Vec::as_slice).unwrap_or(&[]);
                // An acquire racing with a release of its lock would block there too, even
                // though its thread had not reached it yet: the race is with the acquire
                // that took the lock (the two critical sections swap). Reversed at the
                // release instead, the run only reaches the blocked acquire with the
                // release asleep, and is abandoned (half the runs of rounds.py were).
                // (Only where every step is one instruction: a slice of several may take
                // and release the lock.)
                let acquires = steps.get(end).filter(|_| one_instruction).and_then(|s| s.access.acquired_lock());
                while path[i].blocked.contains(&p) || acquires.is_some_and(|l| held_before(steps, i, l)) {
                    let before_p = |k: usize| clocks.hb(k, p_clock, steps);
                    match (0..i).rev().find(|&k| steps[k].tid != p && dep(k) && !before_p(k)) {
                        Some(k) => (i, vc) = (k, p_clock),
                        None => return,
                    }
                }
                let node = &mut path[i];
                // Source sets (Abdulla et al., POPL 2014): what must be tried before `i` is
                // one of the threads that can start the reversed order; one already tried,
                // chosen or asleep there covers it. None that can run there: the racing
                // step was made possible by `i` itself (woken by a release, started), and
                // cannot go first.
                let mut starts = initials(steps, clocks, i, end, p, vc);
                starts.retain(|q| node.enabled.contains(q));
                if starts.iter().any(|q| node.backtrack.contains(q) || node.sleep.iter().any(|e| e.tid == *q)) {
                    return;
                }
                // The racing thread itself, else one that needs no preemption.
                starts.sort_by_key(|&q| (q != p, node.preempts(q)));
                if let Some(&q) = starts.first() {
                    add(node, q, bound, bound_hit);
                }
            };
            // Judging a long run's races takes long too: the budget is asked as it goes, so a
            // time limit holds here as well.
            let mut tick = || ex.interrupt(budget);
            let clocks = races(steps, &mut on_race, &mut tick);
            // Steps the run never took: the sleeping threads' when it was abandoned, and
            // those of the threads ready at its last decision that did not run then.
            // Check each against the run as if it came next (Flanagan–Godefroid check
            // every thread's next step at every state).
            let mut untaken: Vec<Pending> = Vec::new();
            if run.abandoned {
                untaken = sleeps.get(run.steps.len()).cloned().unwrap_or_default();
            }
            // Numbered in this run: no number is fresh.
            for (tid, access) in run.waiting {
                untaken.push(Pending { tid, access, ids: u64::MAX });
            }
            for e in untaken {
                if tick() {
                    break;
                }
                pending_races(steps, &clocks, &e, &mut on_race);
            }
            if ex.interrupted.is_some() {
                return None;
            }
        }
        // The deepest decision with a thread still to try.
        loop {
            let Some(node) = path.last_mut() else {
                return Some(Pass::Complete { bound_hit: *bound_hit });
            };
            let asleep = |t: &u32| node.sleep.iter().any(|e| e.tid == *t);
            if let Some(&t) = node.backtrack.iter().find(|t| !node.done.contains(t) && !asleep(t)) {
                node.done.push(t);
                node.chosen = t;
                break;
            }
            path.pop();
        }
        None
    }
}

/// Whether lock `lock` was held when step `i` ran: the latest step before it that wrote the
/// whole lock was a blocking acquire (a release, or nothing, leaves it free). It errs on
/// "free", which only costs schedules: a reentrant lock is never marked
/// (`vm::access::ACQUIRE`), and a universal step may have done anything.
fn held_before(steps: &[Step], i: usize, lock: u64) -> bool {
    steps[..i]
        .iter()
        .rev()
        .find(|s| matches!(s.access, Access::Universal) || s.access.writes_whole(lock))
        .is_some_and(|s| s.access.acquired_lock() == Some(lock))
}

/// Reads and the latest write of one location since that write (the latest read of each
/// thread).
#[derive(Default)]
struct Rw {
    write: Option<usize>,
    reads: Vec<usize>,
}

impl Rw {
    /// The earlier steps an access (a write when `write`) to this location depends on.
    fn deps(&self, write: bool, out: &mut Vec<usize>) {
        out.extend(self.write);
        if write {
            out.extend(self.reads.iter().copied());
        }
    }

    fn record(&mut self, j: usize, write: bool, steps: &[Step]) {
        if write {
            self.write = Some(j);
            self.reads.clear();
        } else {
            self.reads.retain(|&r| steps[r].tid != steps[j].tid);
            self.reads.push(j);
        }
    }
}

/// The locations of one object: the whole of it, and its fields.
#[derive(Default)]
struct Object {
    whole: Rw,
    fields: FxHashMap<u64, Rw>,
}

fn join(into: &mut [u32], other: &[u32]) {
    for (a, b) in into.iter_mut().zip(other) {
        *a = (*a).max(*b);
    }
}

/// Happens-before of a run: the vector clock of each step and of each thread at the end
/// (entry q = 1 + the index of the latest step of q known to happen before).
struct Clocks {
    steps: Vec<Vec<u32>>,
    threads: Vec<Vec<u32>>,
}

impl Clocks {
    fn hb(&self, i: usize, vc: &[u32], steps: &[Step]) -> bool {
        vc.get(steps[i].tid as usize).is_some_and(|&c| c as usize > i)
    }
}

/// Calls `race(i, tid)` for every earlier step `i` that conflicts with a later step of thread
/// `tid` and is not ordered before it by happens-before other than through that conflict
/// (neither before the thread's previous steps nor before another step the later one
/// conflicts with: reversing that other race comes first).
/// `tick` is called every 4096 steps and every 64 races, and stops the judging when it says so
/// (the clocks are then those of a prefix of the run).
fn races(steps: &[Step], race: &mut Race, tick: &mut dyn FnMut() -> bool) -> Clocks {
    let nt = steps.iter().map(|s| s.tid as usize).max().unwrap_or(0) + 1;
    let mut clocks = Clocks { steps: Vec::with_capacity(steps.len()), threads: vec![vec![0; nt]; nt] };
    // The latest step of each thread that touched anything shared.
    let mut last_of: Vec<Option<usize>> = vec![None; nt];
    let mut all = vec![0u32; nt];
    let mut last_universal: Option<usize> = None;
    let mut objects: FxHashMap<u64, Object> = FxHashMap::default();
    let mut deps: Vec<usize> = Vec::new();
    let (mut later, mut before_other) = (Vec::new(), Vec::new());
    let mut judged = 0u32;
    for (j, s) in steps.iter().enumerate() {
        if j % 4096 == 4095 && tick() {
            break;
        }
        let p = s.tid as usize;
        let mut vc = clocks.threads[p].clone();
        deps.clear();
        match &s.access {
            Access::Local => {}
            Access::Universal => {
                deps.extend(last_of.iter().enumerate().filter(|(q, _)| *q != p).filter_map(|(_, i)| *i));
                join(&mut vc, &all);
            }
            Access::Objects(list) => {
                deps.extend(last_universal);
                for (loc, w) in list {
                    let Some(o) = objects.get(&loc.obj) else { continue };
                    o.whole.deps(*w, &mut deps);
                    if loc.field == WHOLE {
                        o.fields.values().for_each(|rw| rw.deps(*w, &mut deps));
                    } else if let Some(rw) = o.fields.get(&loc.field) {
                        rw.deps(*w, &mut deps);
                    }
                }
            }
        }
        deps.sort_unstable();
        deps.dedup();
        for &i in deps.iter() {
            join(&mut vc, &clocks.steps[i]);
        }
        vc[p] = (j + 1) as u32;
        // Whether each dep happens before another: only a later one can know it (a step's
        // clock holds no later step), so scanning them latest first, `later` joins the
        // clocks of those after (linear in the deps: a step that reads a whole object with
        // many fields has thousands).
        later.clear();
        later.resize(nt, 0);
        before_other.clear();
        before_other.resize(deps.len(), false);
        for (x, &i) in deps.iter().enumerate().rev() {
            before_other[x] = clocks.hb(i, &later, steps);
            join(&mut later, &clocks.steps[i]);
        }
        // A join waits for the end it reads: ordered after it, never racing with it.
        let awaits = s.access.only_awaits_thread_ends();
        for (x, &i) in deps.iter().enumerate() {
            let before_thread = clocks.hb(i, &clocks.threads[p], steps);
            if steps[i].tid != s.tid && !before_thread && !before_other[x] && !awaits {
                judged += 1;
                if judged.is_multiple_of(64) && tick() {
                    return clocks;
                }
                race(&clocks, i, s.tid, &vc, j, &|k| steps[k].access.conflicts(&s.access));
            }
        }
        match &s.access {
            Access::Universal => last_universal = Some(j),
            Access::Objects(list) => {
                for (loc, w) in list {
                    let o = objects.entry(loc.obj).or_default();
                    let rw = if loc.field == WHOLE { &mut o.whole } else { o.fields.entry(loc.field).or_default() };
                    rw.record(j, *w, steps);
                }
            }
            Access::Local => {}
        }
        if !s.access.is_local() {
            last_of[p] = Some(j);
        }
        join(&mut all, &vc);
        clocks.threads[p].clone_from(&vc);
        clocks.steps.push(vc);
    }
    clocks
}

/// `races` for the next step of a thread that never ran it (asleep when the run was
/// abandoned), found in an earlier run: every latest step it conflicts with that does not
/// happen before the thread's previous steps.
fn pending_races(steps: &[Step], clocks: &Clocks, e: &Pending, race: &mut Race) {
    if e.access.only_awaits_thread_ends() {
        return;
    }
    let p = e.tid as usize;
    let none = vec![0; clocks.threads.len()];
    let mut vc = clocks.threads.get(p).unwrap_or(&none).clone();
    let candidates: Vec<usize> = (0..steps.len())
        .filter(|&i| steps[i].tid != e.tid && e.conflicts(&steps[i]) && !clocks.hb(i, &vc, steps))
        .collect();
    for &i in &candidates {
        join(&mut vc, &clocks.steps[i]);
    }
    // The latest candidates: those before no other candidate. Only a later step can know
    // an earlier one, so scanning them latest first, `later` joins the clocks of those after
    // (linear: a pending step that conflicts with everything has a candidate per step).
    let mut latest = vec![false; candidates.len()];
    let mut later = vec![0; clocks.threads.len()];
    for (x, &i) in candidates.iter().enumerate().rev() {
        latest[x] = !clocks.hb(i, &later, steps);
        join(&mut later, &clocks.steps[i]);
    }
    for (x, &i) in candidates.iter().enumerate() {
        if latest[x] {
            race(clocks, i, e.tid, &vc, steps.len(), &|k| e.conflicts(&steps[k]));
        }
    }
}

/// Called for a race between step `i` and a later step (or a pending one) of thread `p`:
/// with the run's clocks, the later step's vector clock, where it stands in the run, and
/// which earlier steps it conflicts with.
type Race<'a> = dyn FnMut(&Clocks, usize, u32, &[u32], usize, &Dep) + 'a;

/// Whether the racing step conflicts with the step at an index.
type Dep<'a> = dyn Fn(usize) -> bool + 'a;

/// The initials (Abdulla et al.) of the steps after `i`, up to `end`, that do not happen
/// after `i`, followed by the racing step of `p` (clock `vc`): the threads whose first step
/// in that sequence happens after none of the others, which can start it.
fn initials(steps: &[Step], clocks: &Clocks, i: usize, end: usize, p: u32, vc: &[u32]) -> Vec<u32> {
    let v: Vec<usize> = (i + 1..end).filter(|&k| !clocks.hb(i, &clocks.steps[k], steps)).collect();
    let mut seen: Vec<u32> = Vec::new();
    let mut out = Vec::new();
    for (n, &k) in v.iter().enumerate() {
        let q = steps[k].tid;
        if seen.contains(&q) {
            continue;
        }
        seen.push(q);
        if !v[..n].iter().any(|&b| clocks.hb(b, &clocks.steps[k], steps)) {
            out.push(q);
        }
    }
    if !seen.contains(&p) && !v.iter().any(|&b| clocks.hb(b, vc, steps)) {
        out.push(p);
    }
    out
}
