//! The timeline model: a lane per thread over virtual time, built from the trace (`run`
//! slices, `block`/`wake` and `write` marks; under a thread that runs an asyncio event loop,
//! a lane per task with the slices that ran its steps, named by `task` events), kept compact enough for millions of slices, and
//! the map between a moment and a decision that lets the page seek by clicking a moment.
//!
//! The timeline is a run's *horizon*: the furthest the learner has seen along the current
//! choices. Stepping back does not shorten it (the run is deterministic, so the slices after
//! the current step are still the ones to come); a forward move that takes other choices than
//! the horizon's replaces it. Invariant: slice `k` of the whole run is decision `k` of the
//! schedule (each decision emits exactly one `run` event), and every list is sorted by time.

use crate::trace::{Event, EventKind};

/// One slice a thread ran: from `start` for `dur` ns, as decision number `decision`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slice {
    pub start: u64,
    pub dur: u32,
    pub decision: u32,
}

impl Slice {
    pub fn end(&self) -> u64 {
        self.start + u64::from(self.dur)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lane {
    pub tid: u32,
    pub pid: u32,
    pub name: String,
    /// By start time (and by decision: a thread's slices never overlap).
    pub slices: Vec<Slice>,
    /// When the thread blocked (or went to sleep), woke, and wrote to stdout/stderr.
    pub blocks: Vec<u64>,
    pub wakes: Vec<u64>,
    pub writes: Vec<u64>,
    /// The asyncio tasks whose steps this thread ran, in order of their first step.
    pub tasks: Vec<TaskLane>,
    /// The task the next `run` event of this thread runs (its `task` event came first).
    next_task: Option<String>,
}

/// The slices of one asyncio task, within its thread's lane.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskLane {
    pub name: String,
    pub slices: Vec<Slice>,
}

#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// Lane `i` is thread `i + 1` (tids are dense, from 1).
    pub lanes: Vec<Lane>,
    /// Decisions the horizon holds.
    pub decisions: usize,
    /// The horizon's forced choices (decision, tid), in decision order; the others were the
    /// policy's.
    manual: Vec<(u32, u32)>,
    /// Trace events read so far.
    consumed: usize,
    /// The latest moment of the horizon (end of its last slice or event).
    pub end_ns: u64,
    /// Whether the horizon is the whole run (it was seen to stop after its last decision).
    pub over: bool,
}

impl Timeline {
    /// Reads the events of `trace` not read yet; `choices` are the decisions that produced
    /// it (the stepper's), so the horizon remembers forced ones.
    pub fn ingest(&mut self, trace: &[Event], choices: &[Option<u32>]) {
        for e in trace.iter().skip(self.consumed) {
            self.end_ns = self.end_ns.max(e.t);
            if e.tid == 0 {
                continue;
            }
            let i = (e.tid - 1) as usize;
            if self.lanes.len() <= i {
                self.lanes.resize_with(i + 1, Lane::default);
            }
            let lane = &mut self.lanes[i];
            lane.tid = e.tid;
            lane.pid = e.pid;
            match &e.kind {
                EventKind::ThreadStart { name, .. } => lane.name = name.clone(),
                EventKind::Run { dur, .. } => {
                    let decision = self.decisions as u32;
                    let slice = Slice { start: e.t, dur: (*dur).min(u64::from(u32::MAX)) as u32, decision };
                    lane.slices.push(slice);
                    if let Some(name) = lane.next_task.take() {
                        match lane.tasks.iter_mut().find(|t| t.name == name) {
                            Some(t) => t.slices.push(slice),
                            None => lane.tasks.push(TaskLane { name, slices: vec![slice] }),
                        }
                    }
                    self.end_ns = self.end_ns.max(e.t + dur);
                    if let Some(Some(tid)) = choices.get(self.decisions) {
                        self.manual.push((decision, *tid));
                    }
                    self.decisions += 1;
                }
                EventKind::Task { name } => lane.next_task = Some(name.clone()),
                EventKind::Block { .. } => lane.blocks.push(e.t),
                EventKind::Wake { .. } => lane.wakes.push(e.t),
                EventKind::Write { .. } => lane.writes.push(e.t),
                _ => {}
            }
        }
        self.consumed = self.consumed.max(trace.len());
        // Marks may be emitted slightly out of time order (a wake at a slice's end is emitted
        // before a later timer's): keep them sorted for binary search.
        for lane in &mut self.lanes {
            for marks in [&mut lane.blocks, &mut lane.wakes, &mut lane.writes] {
                if !marks.is_sorted() {
                    marks.sort_unstable();
                }
            }
        }
    }

    /// The horizon's choice at decision `i` (None: the policy's, or beyond the horizon).
    pub fn choice(&self, i: usize) -> Option<u32> {
        self.manual.binary_search_by_key(&(i as u32), |(d, _)| *d).ok().map(|k| self.manual[k].1)
    }

    /// Whether the decisions `from..to` of `choices` are the horizon's (so it stays valid).
    pub fn follows(&self, choices: &[Option<u32>], from: usize) -> bool {
        let to = choices.len().min(self.decisions);
        (from..to).all(|i| choices[i] == self.choice(i))
    }

    /// How many decisions to take to be at moment `t`: every slice that started at or before
    /// `t` has run.
    pub fn decision_at(&self, t: u64) -> usize {
        self.lanes
            .iter()
            .filter_map(|l| {
                let k = l.slices.partition_point(|s| s.start <= t);
                (k > 0).then(|| l.slices[k - 1].decision as usize + 1)
            })
            .max()
            .unwrap_or(0)
    }

    /// Where decision `d` (0-based) ended, if the horizon holds it.
    pub fn end_of(&self, d: usize) -> Option<u64> {
        self.lanes.iter().find_map(|l| {
            let k = l.slices.partition_point(|s| (s.decision as usize) < d);
            l.slices.get(k).filter(|s| s.decision as usize == d).map(Slice::end)
        })
    }

    /// The moment the page is at after `step` decisions: the end of the latest slice taken.
    pub fn cursor(&self, step: u64) -> u64 {
        match step {
            0 => 0,
            n => self.end_of(n as usize - 1).unwrap_or(0),
        }
    }

    /// The task whose step ran latest among the first `step` decisions (None: no task yet).
    pub fn task_at(&self, step: u64) -> Option<&str> {
        let step = step as u32;
        let last =
            |t: &TaskLane| t.slices[..t.slices.partition_point(|s| s.decision < step)].last().map(|s| s.decision);
        self.lanes.iter().flat_map(|l| &l.tasks).filter_map(|t| Some((last(t)?, t.name.as_str()))).max().map(|(_, n)| n)
    }

    /// Trace events read so far (all slices: the sum over lanes equals `decisions`).
    pub fn slice_count(&self) -> usize {
        self.lanes.iter().map(|l| l.slices.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::stepper::Stepper;
    use crate::sim::RunOptions;

    const SRC: &str = "import threading\nx = 0\ndef f():\n    global x\n    for i in range(3000):\n        x += 1\nts = [threading.Thread(target=f) for _ in range(2)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(x)\n";

    #[test]
    fn lanes_slices_and_seek_by_time() {
        let opts = RunOptions { policy: crate::sim::Policy::RoundRobin, ..RunOptions::default() };
        let mut st = Stepper::new("t.py", SRC, &opts);
        while st.step(None) {}
        let mut tl = Timeline::default();
        tl.ingest(st.trace(), st.choices());
        assert_eq!(tl.decisions as u64, st.position());
        assert_eq!(tl.slice_count(), tl.decisions);
        assert_eq!(tl.lanes.len(), 3);
        assert_eq!(tl.lanes[0].name, "MainThread");
        for l in &tl.lanes {
            assert!(l.slices.windows(2).all(|w| w[0].end() <= w[1].start && w[0].decision < w[1].decision));
        }
        // Every slice's start seeks to just after it.
        for l in &tl.lanes {
            for s in &l.slices {
                let n = tl.decision_at(s.start);
                assert!(n > s.decision as usize, "decision {} at {}", s.decision, s.start);
            }
        }
        assert_eq!(tl.decision_at(tl.end_ns), tl.decisions);
        assert_eq!(tl.cursor(0), 0);
        // Stepping back keeps the horizon; seeking forwards along it follows it.
        let mid = tl.decision_at(tl.end_ns / 2);
        st.seek(mid);
        assert_eq!(st.position() as usize, mid);
        assert!(tl.follows(st.choices(), 0));
        assert!(tl.cursor(mid as u64) <= tl.end_ns);
    }
}
