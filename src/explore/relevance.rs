//! Which preemptions of a schedule matter. Thread p is preempted at a decision (switched
//! away from while it could go on); others run a window of steps; p resumes and runs a
//! segment until it is switched away again. If every step of the window commutes with every
//! step of p's segment, running the segment first gives an equivalent run — same outcome —
//! without this preemption: it does not matter. It matters when some step of the window
//! conflicts with one of the segment (`Access::conflicts`): it reorders accesses that do not
//! commute, as the read and the write of a lost update. A preemption whose thread never runs
//! again matters (what it would have done was cut off). Invariant: fed every step of one run
//! in order, the same run `explore` or the page recorded; memory grows with the distinct
//! locations of an open window, not with its length.

use crate::vm::access::{Access, Loc};
use rustc_hash::FxHashMap;

/// The locations a window of steps touched (per object: field, whether written).
#[derive(Default)]
struct Window {
    objects: FxHashMap<u64, Vec<(u64, bool)>>,
    universal: bool,
}

impl Window {
    fn add(&mut self, access: &Access) {
        match access {
            Access::Local => {}
            Access::Universal => self.universal = true,
            Access::Objects(list) => {
                for (loc, write) in list {
                    let fields = self.objects.entry(loc.obj).or_default();
                    match fields.iter_mut().find(|(f, _)| *f == loc.field) {
                        Some(e) => e.1 |= *write,
                        None => fields.push((loc.field, *write)),
                    }
                }
            }
        }
    }

    fn conflicts(&self, access: &Access) -> bool {
        match access {
            Access::Local => false,
            Access::Universal => self.universal || !self.objects.is_empty(),
            Access::Objects(_) if self.universal => true,
            Access::Objects(list) => list.iter().any(|(loc, write)| {
                self.objects.get(&loc.obj).is_some_and(|fields| {
                    fields
                        .iter()
                        .any(|&(field, written)| (written || *write) && Loc { obj: loc.obj, field }.overlaps(loc, None))
                })
            }),
        }
    }
}

/// A preemption being judged.
struct Open {
    /// Its decision (index into the schedule).
    at: usize,
    tid: u32,
    window: Window,
    resumed: bool,
    matters: bool,
}

/// Judges the preemptions of one run, fed its steps in order.
#[derive(Default)]
pub struct Relevance {
    prev: Option<u32>,
    open: Vec<Open>,
    /// Judged preemptions: (decision, matters).
    judged: Vec<(usize, bool)>,
}

impl Relevance {
    /// A step: decision `at` ran thread `tid`, chosen among `enabled`, touching `access`.
    pub fn step(&mut self, at: usize, tid: u32, enabled: &[u32], access: &Access) {
        if let Some(p) = self.prev.filter(|&p| p != tid && enabled.contains(&p)) {
            self.open.push(Open { at, tid: p, window: Window::default(), resumed: false, matters: false });
        }
        self.prev = Some(tid);
        let mut k = 0;
        while k < self.open.len() {
            let o = &mut self.open[k];
            if o.tid == tid {
                o.resumed = true;
                o.matters |= o.window.conflicts(access);
            } else if o.resumed {
                // Its segment is over.
                let o = self.open.remove(k);
                self.judged.push((o.at, o.matters));
                continue;
            } else {
                o.window.add(access);
            }
            k += 1;
        }
    }

    /// Decision `at` answered an event loop's task choice other than CPython's: it counts as
    /// a preemption, and as one that matters (the steps of one thread's tasks are not told
    /// apart here, so whether the reordered callbacks commute is not judged).
    pub fn task_choice(&mut self, at: usize) {
        self.judged.push((at, true));
    }

    /// The decisions of the preemptions that matter, in order.
    pub fn that_matter(self) -> Vec<usize> {
        self.finish().into_iter().filter(|p| p.1).map(|p| p.0).collect()
    }

    /// Every preemption of the run, in order: (decision, whether it matters).
    pub fn finish(mut self) -> Vec<(usize, bool)> {
        for o in self.open.drain(..) {
            self.judged.push((o.at, o.matters || !o.resumed));
        }
        self.judged.sort_unstable();
        self.judged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::access::WHOLE;

    fn obj(o: u64, field: u64, write: bool) -> Access {
        Access::Objects(vec![(Loc { obj: o, field }, write)])
    }

    #[test]
    fn a_preemption_matters_only_if_it_reorders_conflicting_steps() {
        // 1 reads x, is preempted, 2 writes x and ends, 1 writes x: a lost update.
        let mut r = Relevance::default();
        r.step(0, 1, &[1, 2], &obj(7, 1, false));
        r.step(1, 2, &[1, 2], &obj(7, 1, true));
        r.step(2, 1, &[1], &obj(7, 1, true));
        assert_eq!(r.finish(), vec![(1, true)]);
        // 1 is preempted, 2 touches y while 1 touches x, then 2 is preempted and touches z:
        // the same as running each first.
        let mut r = Relevance::default();
        r.step(0, 1, &[1, 2], &obj(7, 1, false));
        r.step(1, 2, &[1, 2], &obj(7, 2, true));
        r.step(2, 1, &[1, 2], &obj(7, 1, true));
        r.step(3, 2, &[2], &obj(8, WHOLE, false));
        assert_eq!(r.finish(), vec![(1, false), (2, false)]);
        // The same, but 2 reads all of the object 1 wrote: its preemption matters.
        let mut r = Relevance::default();
        r.step(0, 1, &[1, 2], &obj(7, 1, false));
        r.step(1, 2, &[1, 2], &obj(7, 2, true));
        r.step(2, 1, &[1, 2], &obj(7, 1, true));
        r.step(3, 2, &[2], &obj(7, WHOLE, false));
        assert_eq!(r.finish(), vec![(1, false), (2, true)]);
        // A preempted thread that never runs again.
        let mut r = Relevance::default();
        r.step(0, 1, &[1, 2], &Access::Local);
        r.step(1, 2, &[1, 2], &Access::Local);
        assert_eq!(r.finish(), vec![(1, true)]);
    }
}
