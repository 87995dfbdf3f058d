//! The seam between a machine (the simulator's kernel, a real run's thread) and the VM: one
//! slice of one thread. The machine says who runs, when, for how long and with what answer
//! (`Slice`); the VM says what happened (`SliceEnd`): why the slice ended, how many
//! instructions ran, what it printed, which files it touched, which lock waiters may retry and,
//! for `explore`, what it touched.
//!
//! Invariant: the per-slice context on `Interp` (`tid`, `now_ns`, `run_steps`, `preempt_any`,
//! `explore`, `task_choices`) is written only here, at a slice's start, and what a slice produced (`out`,
//! `file_log`, `wakeups`, `nested_steps`, the explore accesses) is drained only here, at its
//! end, so nothing of one slice leaks into the next and no machine writes the VM's fields.

use super::access::Access;
use super::request::Resume;
use super::signals::Entry;
use super::{Interp, RunEnd, Stream, ThreadState};

/// What the machine gives a thread for one slice.
pub struct Slice {
    /// The running thread.
    pub tid: u32,
    /// The clock at the slice's start (virtual in the simulator, real time in `real`).
    pub now_ns: u64,
    /// At most this many instructions (at least one runs).
    pub budget: u64,
    /// Whether the slice may end at any instruction (preempt-any, random, replays) or only
    /// at CPython's eval-breaker points.
    pub preempt_any: bool,
    /// `explore`: end at visible instructions and record what the slice touched.
    pub explore: bool,
    /// Whether the machine answers `Request::ChooseTask`, and for which turns (`TaskChoices`).
    pub task_choices: TaskChoices,
    /// The answer to the request the thread's previous slice ended with.
    pub resume: Option<Resume>,
    /// Signals for the main thread's handlers, entered as the thread's interrupted wait says
    /// (only when the answer above did not end the thread).
    pub signals: Option<(Vec<i32>, Entry)>,
    /// A learner's pause: stop after this many instructions, wherever they end, without
    /// ending the slice (`SliceEnd::paused`). The machine goes on later with a slice of the
    /// budget left and the same `now_ns`, so a paused slice does exactly what an unpaused
    /// one does.
    pub pause_after: Option<u64>,
    /// Whether a write to a stream releases the GIL (`Request::Released`).
    pub io_release: IoRelease,
}

/// How long a write to a stream keeps the GIL released (a pipe's or terminal's `write`).
pub const WRITE_NS: u64 = 2_000;

/// Which of an event loop's turns ask the machine which ready callback runs next
/// (`_concsim.choose_task`, `Request::ChooseTask`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum TaskChoices {
    /// None: the loop takes its callbacks in CPython's order without asking.
    #[default]
    Off,
    /// Those with several ready callbacks (explore and its replays: only a real choice is a
    /// decision).
    Several,
    /// Every callback, even a lone one (the page: each task's step is a slice of its own, so
    /// the timeline draws it and manual mode offers it).
    Every,
}

/// CPython releases the GIL around a write to stdout or stderr (a system call; the streams
/// are unbuffered, PYTHONUNBUFFERED=1), so another thread may write between `print`'s text
/// and its `end`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IoRelease {
    /// Not a switch point (the policies that switch anywhere anyway; `explore`).
    Never,
    /// The simulator's cpython policy: a write passes the GIL only when the switch interval
    /// ends during it (it lasts `WRITE_NS`: CPython's forced switching in `drop_gil`, which
    /// the write's release goes through). Each run picks the likelier side of a race: a
    /// thread just woken by a lock this slice released wins a write's release in about a
    /// quarter of CPython's runs (measured with 3.11: a waiter woken by `Lock.release`,
    /// `Queue.put` or `Barrier.wait` printed between the waker's text and its newline in
    /// 46-52 of 200 runs each), and a thread parked on the GIL longer wins it less often.
    Contended,
    /// Every write releases the GIL and the machine decides who takes it (not used yet: in
    /// real runs the OS's scheduling then glued lines CPython does not, measured on the
    /// corpus; real runs keep the GIL across writes).
    Always,
}

/// What one slice did.
pub struct SliceEnd {
    pub outcome: RunEnd,
    /// The slice stopped at `Slice::pause_after` (its outcome is then `Yield`).
    pub paused: bool,
    /// Instructions of the thread itself (scheduling points).
    pub steps: u64,
    /// Instructions of callbacks run by builtins: they take time but are not scheduling points.
    pub nested_steps: u64,
    pub out: Vec<(Stream, String)>,
    /// File operations: (op, absolute path, bytes).
    pub files: Vec<(&'static str, String, u64)>,
    /// Threads whose lock wait may have ended (a lock they wait for was released).
    pub wakeups: Vec<u32>,
    /// The signals of `Slice::signals` when they were not entered (the answer ended the
    /// thread first): the machine keeps them pending.
    pub signals_not_entered: Option<Vec<i32>>,
    /// `explore`: what the slice's last instruction touched, and what the ones before it did.
    pub access_last: Access,
    pub access_before: Access,
}

impl Interp {
    /// Runs one slice of thread `ts`: takes the answer, enters signal handlers, then runs.
    pub fn run_slice(&mut self, ts: &mut ThreadState, slice: Slice) -> SliceEnd {
        super::unawaited::forget_unawaited();
        self.tid = slice.tid;
        self.now_ns = slice.now_ns;
        self.run_steps = 0;
        self.preempt_any = slice.preempt_any;
        self.explore = slice.explore;
        self.task_choices = slice.task_choices;
        self.io_release = slice.io_release;
        self.call_steps = (0, u64::MAX);
        let mut outcome = slice.resume.and_then(|answer| self.resume(ts, answer));
        let mut signals_not_entered = None;
        if let Some((sigs, entry)) = slice.signals {
            if outcome.is_none() {
                outcome = self.enter_signal_handlers(ts, &sigs, entry);
            } else {
                signals_not_entered = Some(sigs);
            }
        }
        self.pause_at = slice.pause_after.unwrap_or(u64::MAX);
        let (outcome, steps) = match outcome {
            Some(o) => (o, 0),
            None => self.run(ts, slice.budget.max(1)),
        };
        self.pause_at = u64::MAX;
        SliceEnd {
            outcome,
            paused: std::mem::take(&mut self.paused),
            steps,
            nested_steps: std::mem::take(&mut self.nested_steps),
            out: std::mem::take(&mut self.out),
            files: std::mem::take(&mut self.file_log),
            wakeups: std::mem::take(&mut self.wakeups),
            signals_not_entered,
            access_last: std::mem::take(&mut self.explore_access),
            access_before: std::mem::take(&mut self.explore_before),
        }
    }

    /// What the process printed outside any slice (the flush of a normal exit).
    pub fn take_output(&mut self) -> Vec<(Stream, String)> {
        std::mem::take(&mut self.out)
    }

    /// File operations made outside any slice (by hooks the machine called).
    pub fn take_files(&mut self) -> Vec<(&'static str, String, u64)> {
        std::mem::take(&mut self.file_log)
    }

    /// What thread `tid`'s next instruction at `code[pc]` would touch (`explore`'s lookahead,
    /// between slices).
    pub fn access_of_thread(
        &mut self,
        tid: u32,
        ts: &ThreadState,
        code: &crate::lang::bytecode::Code,
        pc: usize,
    ) -> Access {
        let running = std::mem::replace(&mut self.tid, tid);
        let access = self.access_at(ts, code, pc);
        self.tid = running;
        access
    }

    /// The process became a fork child (both machines copy the parent's heap, then call
    /// this in the copy): its identity, the thread that continues in it (the forking one,
    /// `forked_from`), a fresh `random` seed (CPython's random module reseeds a child through
    /// `os.register_at_fork`), then the program's `after_in_child` hooks, whose errors are
    /// printed as CPython prints them. Their output waits for `take_output`.
    pub fn become_fork_child(&mut self, pid: u32, ppid: u32, tid: u32) {
        self.forked_from = self.tid;
        self.pid = pid;
        self.ppid = ppid;
        self.tid = tid;
        self.signals.main_tid = tid;
        let seed = self.fresh_seed();
        self.rng.seed_u64(seed);
        for hook in self.after_fork_child.clone() {
            if let Err(super::Flow::Raise(e)) = self.call(&hook, Vec::new()) {
                let text = self.format_exception(&e);
                self.write(Stream::Stderr, &text);
            }
        }
    }
}
