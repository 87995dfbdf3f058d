//! Dynamic partial-order reduction (Flanagan & Godefroid, POPL 2005), stateless: every
//! schedule is a fresh run that follows a prefix of recorded choices, then continues without
//! switching threads unless it must.
//!
//! After each run, every step is checked against the earlier steps it conflicts with (their
//! `Access`es touch a common location, one of them writing; a `Universal` one conflicts with
//! everything). When a conflicting earlier step `i` of another thread does not happen before
//! the step's thread (vector clocks over the conflicts), the two could have run in the other
//! order: the step's thread is added to the backtrack set of the decision before `i` (or, when
//! it could not run there, every thread that could). Backtracking then explores each
//! decision's backtrack set, deepest decision first. Each backtrack set is a persistent set,
//! so every outcome of the program is reached by some explored schedule.

use super::{no_switch, Explorer, Step};
use crate::vm::access::Access;
use rustc_hash::FxHashMap;

/// Sleep sets are implemented but off: with them the search missed the lost update of a
/// two-thread `x = x + 1` while claiming to be exhaustive, a soundness bug not found yet.
const SLEEP_SETS: bool = false;

struct Node {
    /// Threads that could run at this decision.
    enabled: Vec<u32>,
    backtrack: Vec<u32>,
    done: Vec<u32>,
    /// The thread taken in the current schedule.
    chosen: u32,
    /// The thread that ran the decision before.
    prev: Option<u32>,
    /// Preemptions before this decision in the current schedule.
    preempts_before: u32,
    /// Sleep set (Godefroid): threads whose next step was already explored from an
    /// equivalent state, with what that step touches; they are not tried here.
    sleep: Vec<(u32, Access)>,
    /// The steps taken from here so far: thread and what it touched.
    explored: Vec<(u32, Access)>,
}

impl Node {
    fn preempts(&self, t: u32) -> bool {
        self.prev.is_some_and(|p| p != t && self.enabled.contains(&p))
    }
}

/// Adds `t` to the backtrack set of `node` unless that would exceed the preemption bound.
fn add(node: &mut Node, t: u32, bound: Option<u32>, bound_hit: &mut bool) {
    if node.backtrack.contains(&t) || node.sleep.iter().any(|(u, _)| *u == t) {
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
    Stopped(String),
    Diverged,
}

/// With a preemption bound K, one pass under it. Without, iterative preemption bounding (as
/// CHESS): passes with bounds 0, 1, 2… until a pass skips nothing — that pass is plain DPOR,
/// so the search is then exhaustive — or the budget runs out. Schedules with few preemptions,
/// where most bugs show, come first. (DPOR under a bound may miss a schedule within it: a
/// bounded pass only says what it covered, never "all schedules with ≤ K preemptions".)
pub(super) fn search(ex: &mut Explorer, bound: Option<u32>, stop: &mut dyn FnMut(&Explorer) -> Option<String>) {
    let mut full = false;
    let mut b = bound.unwrap_or(0);
    loop {
        match pass(ex, Some(b), &mut full, stop) {
            Pass::Complete { bound_hit: false } => {
                ex.report.exhaustive = true;
                ex.report.preemptions_covered = None;
                return;
            }
            Pass::Complete { bound_hit: true } => {
                ex.report.preemptions_covered = Some(b);
                if bound.is_some() {
                    ex.report.bounded_by.push(format!(
                        "preemption bound of {b} (--max-preemptions): schedules with more preemptions were skipped"
                    ));
                    return;
                }
                b += 1;
            }
            Pass::Stopped(why) => {
                let done = match ex.report.preemptions_covered {
                    Some(c) => format!(" (the DPOR passes with preemption bounds up to {c} completed)"),
                    None => String::new(),
                };
                ex.report.bounded_by.push(format!("{why}{done}"));
                return;
            }
            Pass::Diverged => {
                ex.report.notes.push("a replayed schedule prefix did not repeat itself: the search stopped".into());
                ex.report.bounded_by.push("nondeterministic replay".into());
                return;
            }
        }
    }
}

fn pass(
    ex: &mut Explorer,
    bound: Option<u32>,
    full: &mut bool,
    stop: &mut dyn FnMut(&Explorer) -> Option<String>,
) -> Pass {
    let mut path: Vec<Node> = Vec::new();
    let mut bound_hit = false;
    loop {
        if let Some(why) = stop(ex) {
            return Pass::Stopped(why);
        }
        let fixed = path.len();
        // The sleep set of each decision, computed as the run goes.
        let mut sleeps: Vec<Vec<(u32, Access)>> = Vec::new();
        let run = {
            let path = &path;
            let sleeps = &mut sleeps;
            ex.execute(&mut |steps, c| {
                let k = steps.len();
                let sleep = match (k.checked_sub(1), steps.last()) {
                    (Some(j), Some(last)) => {
                        // Asleep before, or explored from the decision before: still asleep
                        // unless the step just taken conflicts with theirs.
                        let mut next: Vec<(u32, Access)> = Vec::new();
                        let before = sleeps[j].iter();
                        let siblings = path.get(j).map(|n| n.explored.as_slice()).unwrap_or(&[]);
                        for (u, a) in before.chain(siblings.iter()) {
                            if *u != last.tid && !a.conflicts(&last.access) && !next.iter().any(|(v, _)| v == u) {
                                next.push((*u, a.clone()));
                            }
                        }
                        next
                    }
                    _ => Vec::new(),
                };
                let sleep = if SLEEP_SETS { sleep } else { Vec::new() };
                let choice = match path.get(k) {
                    Some(n) => Some(n.chosen),
                    None => {
                        let awake: Vec<u32> =
                            c.iter().copied().filter(|t| !sleep.iter().any(|(u, _)| u == t)).collect();
                        // Every candidate asleep: all that follows was covered elsewhere.
                        (!awake.is_empty()).then(|| no_switch(steps, &awake))
                    }
                };
                sleeps.push(sleep);
                choice
            })
        };
        if run.abandoned {
            ex.report.pruned += 1;
        }

        let diverged = run.steps.len() < fixed
            || path.iter().zip(&run.steps).any(|(n, s)| n.chosen != s.tid || n.enabled != s.enabled);
        if diverged {
            return Pass::Diverged;
        }
        let mut pre = path.last().map(|n| n.preempts_before + u32::from(n.preempts(n.chosen))).unwrap_or(0);
        for (k, s) in run.steps.iter().enumerate().skip(fixed) {
            let prev = k.checked_sub(1).map(|j| run.steps[j].tid);
            let node = Node {
                enabled: s.enabled.clone(),
                backtrack: vec![s.tid],
                done: vec![s.tid],
                chosen: s.tid,
                prev,
                preempts_before: pre,
                sleep: std::mem::take(&mut sleeps[k]),
                explored: Vec::new(),
            };
            pre += u32::from(node.preempts(s.tid));
            path.push(node);
        }
        for (node, s) in path.iter_mut().zip(&run.steps) {
            if !node.explored.iter().any(|(u, _)| *u == s.tid) {
                node.explored.push((s.tid, s.access.clone()));
            }
        }
        if run.timing && !*full {
            *full = true;
            ex.report.notes.push(
                "which thread may run depends on the virtual clock (several processes, sleeps or timed waits): \
                 every choice is explored, without reduction"
                    .into(),
            );
        }
        if *full {
            for node in path.iter_mut() {
                for t in node.enabled.clone() {
                    add(node, t, bound, &mut bound_hit);
                }
            }
        } else {
            let mut on_race = |i: usize, p: u32| {
                let node = &mut path[i];
                if node.enabled.contains(&p) {
                    add(node, p, bound, &mut bound_hit);
                } else {
                    for t in node.enabled.clone() {
                        add(node, t, bound, &mut bound_hit);
                    }
                }
            };
            races(&run.steps, &mut on_race);
            // An abandoned run never executes the sleeping threads' next steps: check each
            // of them against the run as if it came next (FG check every thread's next step).
            let mut steps = run.steps;
            let n = steps.len();
            if run.abandoned {
                for (u, a) in sleeps.get(n).cloned().unwrap_or_default() {
                    steps.push(Step { tid: u, enabled: Vec::new(), access: a });
                    races(&steps, &mut |i, p| {
                        if i < n {
                            on_race(i, p)
                        }
                    });
                    steps.pop();
                }
            }
        }
        // The deepest decision with a thread still to try.
        loop {
            let Some(node) = path.last_mut() else {
                return Pass::Complete { bound_hit };
            };
            let asleep = |t: &u32| node.sleep.iter().any(|(u, _)| u == t);
            if let Some(&t) = node.backtrack.iter().find(|t| !node.done.contains(t) && !asleep(t)) {
                node.done.push(t);
                node.chosen = t;
                break;
            }
            path.pop();
        }
    }
}

#[derive(Default)]
struct Loc {
    /// The latest write, and the latest read of each thread since.
    write: Option<usize>,
    reads: Vec<usize>,
}

fn join(into: &mut [u32], other: &[u32]) {
    for (a, b) in into.iter_mut().zip(other) {
        *a = (*a).max(*b);
    }
}

/// Calls `race(i, tid)` for every earlier step `i` that conflicts with a later step of thread
/// `tid` without happening before that thread's previous steps.
fn races(steps: &[Step], race: &mut dyn FnMut(usize, u32)) {
    let nt = steps.iter().map(|s| s.tid as usize).max().unwrap_or(0) + 1;
    // Vector clocks: entry q = 1 + the index of the latest step of q known to happen before.
    let mut vcs: Vec<Vec<u32>> = Vec::with_capacity(steps.len());
    let mut thread_vc: Vec<Vec<u32>> = vec![vec![0; nt]; nt];
    let mut last_of: Vec<Option<usize>> = vec![None; nt];
    let mut all = vec![0u32; nt];
    let mut last_universal: Option<usize> = None;
    let mut locs: FxHashMap<u64, Loc> = FxHashMap::default();
    let mut deps: Vec<usize> = Vec::new();
    for (j, s) in steps.iter().enumerate() {
        let p = s.tid as usize;
        let mut vc = thread_vc[p].clone();
        deps.clear();
        match &s.access {
            Access::Local => {}
            Access::Universal => {
                deps.extend(last_of.iter().enumerate().filter(|(q, _)| *q != p).filter_map(|(_, i)| *i));
                join(&mut vc, &all);
            }
            Access::Objects(list) => {
                deps.extend(last_universal);
                for (k, w) in list {
                    if let Some(l) = locs.get(k) {
                        deps.extend(l.write);
                        if *w {
                            deps.extend(l.reads.iter().copied());
                        }
                    }
                }
            }
        }
        for &i in deps.iter() {
            let q = steps[i].tid as usize;
            if q != p && (thread_vc[p][q] as usize) < i + 1 {
                race(i, s.tid);
            }
            join(&mut vc, &vcs[i]);
        }
        vc[p] = (j + 1) as u32;
        match &s.access {
            Access::Universal => last_universal = Some(j),
            Access::Objects(list) => {
                for (k, w) in list {
                    let l = locs.entry(*k).or_default();
                    if *w {
                        l.write = Some(j);
                        l.reads.clear();
                    } else {
                        l.reads.retain(|&r| steps[r].tid != s.tid);
                        l.reads.push(j);
                    }
                }
            }
            Access::Local => {}
        }
        join(&mut all, &vc);
        thread_vc[p].clone_from(&vc);
        last_of[p] = Some(j);
        vcs.push(vc);
    }
}
