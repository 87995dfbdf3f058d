//! The simulated machine's kernel: processes (each with its own `Interp` heap), threads,
//! N cores, a GIL per process, a virtual clock, timers and the scheduler. Invariant: the
//! kernel is the only source of nondeterminism in a run, and it draws it from its seeded PRNG
//! (or a replayed schedule), so a run is a pure function of (program, options).
//!
//! Time model: each core has a clock; the core with the smallest clock picks next. A thread
//! runs a *slice* (a budget of instructions, `NS_PER_STEP` each) atomically; a process's
//! threads cannot overlap in time (`gil_free_at`), which is what the GIL means; different
//! processes run in parallel on different cores. With `--gil off` (free-threaded CPython)
//! a process's threads run in parallel too, in short slices of seeded lengths
//! (`FREE_THREADED_MAX_STEPS`), so that their instructions interleave as on real cores.

use super::api::{Decision, Gil, OutputChunk, Policy, RunOptions, StopReason, Stream};
use crate::limits::{
    EXPLORE_SLICE_STEPS, FINALIZE_NS, FORK_NS, FREE_THREADED_MAX_STEPS, NS_PER_STEP, RANDOM_MAX_STEPS,
    ROUND_ROBIN_STEPS,
};
use crate::trace::{Event, EventKind};
use crate::vm::request::{Request, Resume, WaitOn};
use crate::vm::value::Value;
use crate::vm::{Interp, ThreadState};

mod signals;
mod slice;

/// The parent of the main process (the shell).
pub const SHELL_PID: u32 = 999;
pub const MAIN_PID: u32 = 1000;

/// Where a simulated thread stands for the scheduler: runnable, waiting on something,
/// sleeping, or finished (the VM's own per-thread state is `vm::ThreadState`).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum RunState {
    Ready,
    Blocked(WaitOn),
    Sleeping,
    Done,
}

/// A thread's place, as the stepper compares it between decisions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ThreadMark {
    pub(super) tid: u32,
    /// Ready, blocked, sleeping, done (0..=3).
    pub(super) state: u8,
    /// Its line in its host's program.
    pub(super) line: Option<u32>,
    /// Its innermost frame is a library prelude's.
    pub(super) in_library: bool,
}

/// What the thread is for, which decides what happens when its code finishes.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum ThreadRole {
    /// The process's main thread running the program (or a forked child's surviving thread).
    Main,
    Worker,
    /// The main thread running exit hooks; `code` is the exit status decided before them.
    Exiting {
        code: i32,
    },
    /// Hooks done: the interpreter is finalizing; the process exits when this "sleep" ends.
    Finalizing {
        status: i32,
    },
}

/// Where the next decision is made: (core, its clock, candidates with their start times).
type NextDecision = (usize, u64, Vec<(u32, u64)>);

pub(super) struct Thread {
    pub(super) tid: u32,
    pub(super) pid: u32,
    pub(super) name: String,
    pub(super) ts: ThreadState,
    pub(super) state: RunState,
    pub(super) role: ThreadRole,
    ready_at: u64,
    ready_seq: u64,
    /// The answer to deliver before the thread runs again.
    pending: Option<Resume>,
    /// When a sleep or a timed wait ends.
    pub(super) wake_at: Option<u64>,
    /// What a timed wait answers when it expires (default: False for locks, None else).
    timeout_answer: Option<Value>,
    /// Channel requests made so far (names an operation in `chan` events).
    pub(super) chan_ops: u32,
    /// `explore`: what the answer this thread was woken with tells it (the end of the
    /// thread it joined, the start of the thread it started), until it runs again.
    learnt: Option<crate::vm::access::Loc>,
    /// `explore`: the thread has not run yet.
    fresh: bool,
    /// A signal interrupted this (main) thread's wait: how it enters the handlers.
    interrupt: Option<crate::vm::signals::Entry>,
    /// An interrupted timed wait's end and the frame depth of the call that waited: its
    /// retry waits only for the time it had left (see `signals::clamp_wait`).
    retry_deadline: Option<(u64, usize)>,
    /// The thread asked which of this many ready callbacks its event loop runs next
    /// (`Request::ChooseTask`): each answer is offered as a decision of its own.
    pub(super) choice: Option<u32>,
    /// What was left of the slice a task choice ended (not exploring): the thread keeps the
    /// GIL and goes on with it, so offering the choice does not change the run.
    budget_left: Option<u64>,
}

/// One simulated process: its interpreter and what the kernel keeps about it (named apart
/// from `real::RealProcess`, a process run on OS threads).
pub(super) struct SimProcess {
    pub(super) pid: u32,
    /// Index into `Machine::hosts`: the host whose cores run this process.
    pub(super) host: usize,
    pub(super) ppid: u32,
    pub(super) interp: Interp,
    /// Some(raw wait status) once exited.
    pub(super) status: Option<i32>,
    reaped: bool,
    gil_free_at: u64,
    /// Exit hooks still to run (threading shutdown, then atexit), popped from the front.
    hooks: Vec<Value>,
    /// Signals with a handler waiting for the main thread (bit N: signal N).
    pub(super) pending_signals: u64,
    /// Process group and session.
    pub(super) pgid: u32,
    pub(super) sid: u32,
    /// The ITIMER_REAL timer (`alarm`, `setitimer`): when it fires and its interval.
    pub(super) itimer: Option<(u64, u64)>,
    /// Stopped by SIGSTOP (or another stop signal) until SIGCONT: its threads do not run.
    pub(super) stopped: bool,
    /// Killed by another process's signal: it has ended, but until this time (`SIGNAL_EXIT_NS`
    /// after the signal) its teardown goes on: its parent cannot reap it and is not told.
    pub(super) reapable_at: Option<u64>,
}

pub struct Machine {
    opts: RunOptions,
    pub(super) procs: Vec<SimProcess>,
    pub(super) threads: Vec<Thread>,
    pub(super) chans: Vec<super::ipc::Chan>,
    pub(super) hosts: Vec<super::net::Host>,
    pub(super) listeners: Vec<super::net::Listener>,
    /// Messages on their way between processes over a connection, by arrival time.
    pub(super) in_flight: Vec<super::net::InFlight>,
    /// Where each pid's process is in `procs` (lookups only: never iterated).
    pid_index: rustc_hash::FxHashMap<u32, usize>,
    /// Each core's clock, and the host it belongs to.
    pub(super) cores: Vec<u64>,
    pub(super) core_host: Vec<usize>,
    /// The thread that ran the latest slice on each core (for displays).
    pub(super) on_core: Vec<Option<u32>>,
    rng: u64,
    seq: u64,
    ready_counter: u64,
    pub trace: Vec<Event>,
    pub output: Vec<OutputChunk>,
    pub schedule: Vec<Decision>,
    replay_pos: usize,
    pub steps: u64,
    tasks: u32,
    /// Each host's main process's exit code, once it has exited.
    main_exits: Vec<Option<i32>>,
    /// `explore` is driving (see `set_explore`); off in every other run.
    explore: bool,
    /// Event loops ask which ready callback runs next (`Request::ChooseTask`): under
    /// `explore`, and when replaying a schedule that answered such choices.
    task_choices: bool,
    /// Every callback is offered, even a lone one (`RunOptions::task_choices`, not exploring).
    every_task: bool,
    /// The decision to record for the slice about to run when it answers a task choice
    /// (`api::task_choice`), instead of the plain thread id.
    choice_taken: Option<u32>,
    /// `explore`: what the latest slice touched (taken by `take_slice_access`).
    slice_access: Option<crate::vm::access::Access>,
    /// `explore`: the next slice runs free for up to this many instructions (`run_free_next`).
    free_next: Option<u64>,
    /// A slice a learner paused mid-way (`step_instructions`); no decision is taken until
    /// it has ended.
    paused: Option<slice::SlicePart>,
    /// Threads a learner froze (`set_frozen`): the policy runs them only when no other thread
    /// is ready.
    frozen: Vec<u32>,
}

/// A finished run's heaps are full of `Rc` cycles: empty them (`vm::teardown`) so dropping
/// the machine frees them, instead of leaking every run of `explore` and of the page.
impl Drop for Machine {
    fn drop(&mut self) {
        let mut heap = crate::vm::teardown::Heap::default();
        for th in &mut self.threads {
            heap.thread(std::mem::take(&mut th.ts));
            if let Some(Resume::Value(v) | Resume::Raise(v)) = th.pending.take() {
                heap.value(v);
            }
            if let Some(v) = th.timeout_answer.take() {
                heap.value(v);
            }
        }
        for p in &mut self.procs {
            for v in std::mem::take(&mut p.hooks) {
                heap.value(v);
            }
            heap.interp(&mut p.interp);
        }
        heap.run();
    }
}

/// The raw wait status of an exit with `code`; a negative code is death by signal -code
/// (an uncaught KeyboardInterrupt: CPython re-raises SIGINT).
fn wait_status_exit(code: i32) -> i32 {
    if code < 0 {
        return (-code) & 0x7f;
    }
    (code & 0xff) << 8
}

impl Machine {
    pub fn new(opts: RunOptions) -> Machine {
        let rng = opts.seed ^ 0x5851_f42d_4c95_7f2d;
        let every_task = opts.task_choices && opts.replay.is_none();
        let task_choices = every_task || opts.replay.iter().flatten().any(|d| super::as_task_choice(d.tid).is_some());
        Machine {
            on_core: Vec::new(),
            opts,
            procs: Vec::new(),
            threads: Vec::new(),
            chans: Vec::new(),
            hosts: Vec::new(),
            listeners: Vec::new(),
            in_flight: Vec::new(),
            pid_index: Default::default(),
            cores: Vec::new(),
            core_host: Vec::new(),
            rng,
            seq: 0,
            ready_counter: 0,
            trace: Vec::new(),
            output: Vec::new(),
            schedule: Vec::new(),
            replay_pos: 0,
            steps: 0,
            tasks: 0,
            main_exits: Vec::new(),
            explore: false,
            task_choices,
            every_task,
            choice_taken: None,
            slice_access: None,
            free_next: None,
            paused: None,
            frozen: Vec::new(),
        }
    }

    /// splitmix64: small, fast and stable across platforms.
    fn rand(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(super) fn emit(&mut self, t: u64, pid: u32, tid: u32, kind: EventKind) {
        if !self.opts.record_trace {
            return;
        }
        self.trace.push(Event { seq: self.seq, t, pid, tid, kind });
        self.seq += 1;
    }

    fn proc_index(&self, pid: u32) -> usize {
        self.pid_index[&pid]
    }

    pub(super) fn proc_of(&self, pid: u32) -> usize {
        self.proc_index(pid)
    }

    pub(super) fn thread_pid(&self, tid: u32) -> u32 {
        self.threads[(tid - 1) as usize].pid
    }

    /// Suspends `tid` on `on`; when `timeout_ns` runs out it is resumed with `on_timeout`.
    pub(super) fn block_on(&mut self, tid: u32, on: WaitOn, timeout_ns: Option<u64>, now: u64, on_timeout: Value) {
        let reason = self.wait_reason(&on);
        let pid = self.thread_pid(tid);
        let th = self.thread_mut(tid);
        th.state = RunState::Blocked(on);
        th.wake_at = timeout_ns.map(|t| now + t);
        th.timeout_answer = Some(on_timeout);
        self.emit(now, pid, tid, EventKind::Block { reason });
    }

    fn thread_mut(&mut self, tid: u32) -> &mut Thread {
        &mut self.threads[(tid - 1) as usize]
    }

    /// Adds a host with its own cores (`opts.cores` of them) and pid range; returns its index.
    /// A single-program run has one host; `--host` runs have one per program.
    pub fn add_host(&mut self, name: &str) -> usize {
        let index = self.hosts.len();
        self.hosts.push(super::net::Host::new(name, index));
        self.main_exits.push(None);
        for _ in 0..self.opts.cores.max(1) {
            self.cores.push(0);
            self.core_host.push(index);
            self.on_core.push(None);
        }
        index
    }

    /// Adds the main process of `host` running `ts` in `interp`, ready at `start_ns`.
    pub fn spawn_main(&mut self, host: usize, mut interp: Interp, ts: ThreadState, name: &str, start_ns: u64) {
        let pid = self.hosts[host].alloc_pid();
        let shell = self.hosts[host].pid_base - 1;
        interp.pid = pid;
        interp.ppid = shell;
        self.pid_index.insert(pid, self.procs.len());
        self.procs.push(SimProcess {
            pid,
            host,
            ppid: shell,
            interp,
            status: None,
            reaped: false,
            gil_free_at: start_ns,
            hooks: Vec::new(),
            pending_signals: 0,
            pgid: pid,
            sid: shell,
            itimer: None,
            stopped: false,
            reapable_at: None,
        });
        if self.hosts.len() > 1 {
            let (name, addr) = (self.hosts[host].name.clone(), self.hosts[host].addr.clone());
            self.emit(start_ns, pid, 0, EventKind::Host { name, addr });
        }
        self.emit(start_ns, pid, 0, EventKind::ProcStart { ppid: shell, name: name.to_string() });
        let tid = self.add_thread(pid, ts, "MainThread".into(), ThreadRole::Main, start_ns);
        let pi = self.proc_index(pid);
        self.procs[pi].interp.signals.main_tid = tid;
    }

    fn add_thread(&mut self, pid: u32, ts: ThreadState, name: String, role: ThreadRole, at: u64) -> u32 {
        let tid = self.threads.len() as u32 + 1;
        self.tasks += 1;
        self.ready_counter += 1;
        self.threads.push(Thread {
            tid,
            pid,
            name: name.clone(),
            ts,
            state: RunState::Ready,
            role,
            ready_at: at,
            ready_seq: self.ready_counter,
            pending: None,
            wake_at: None,
            timeout_answer: None,
            chan_ops: 0,
            learnt: None,
            fresh: true,
            interrupt: None,
            retry_deadline: None,
            choice: None,
            budget_left: None,
        });
        let ident = crate::vm::modules::ident_of(tid);
        self.emit(at, pid, tid, EventKind::ThreadStart { name, ident });
        tid
    }

    pub(super) fn make_ready(&mut self, tid: u32, at: u64, answer: Resume) {
        self.ready_counter += 1;
        let seq = self.ready_counter;
        let th = self.thread_mut(tid);
        th.state = RunState::Ready;
        th.ready_at = th.ready_at.max(at);
        th.ready_seq = seq;
        th.pending = Some(answer);
        th.wake_at = None;
        th.timeout_answer = None;
    }

    /// Runs until every process has exited, a budget runs out, or a deadlock.
    pub fn run(&mut self) -> StopReason {
        loop {
            if let Some(stop) = self.step(None) {
                return stop;
            }
        }
    }

    /// Makes one scheduling decision and runs its slice: the unit of stepping in the page.
    /// `choose` forces which ready thread runs (manual scheduling; it must be one of
    /// `choosable()`), otherwise the policy decides. A paused slice is run to its end instead
    /// (its decision was taken). Returns `Some` once the run is over.
    pub fn step(&mut self, choose: Option<u32>) -> Option<StopReason> {
        if self.resume_paused(None) {
            return None;
        }
        if self.opts.replay_real {
            return self.step_real(None);
        }
        let (core, tid, start, budget) = match self.decide(choose) {
            Ok(d) => d,
            Err(stop) => return Some(stop),
        };
        self.run_slice(core, tid, start, budget, None);
        None
    }

    /// Runs at most `n` instructions of the current slice, taking a decision first when no
    /// slice is paused (as `step`). The slice stays paused unless it ended within them; the
    /// run is the same as with whole slices (see `slice`). Returns `Some` once the run is over.
    pub fn step_instructions(&mut self, choose: Option<u32>, n: u64) -> Option<StopReason> {
        if self.resume_paused(Some(n)) {
            return None;
        }
        if self.opts.replay_real {
            return self.step_real(Some(n));
        }
        let (core, tid, start, budget) = match self.decide(choose) {
            Ok(d) => d,
            Err(stop) => return Some(stop),
        };
        self.run_slice(core, tid, start, budget, Some(n));
        None
    }

    /// The thread of a paused slice (see `step_instructions`).
    pub fn paused_thread(&self) -> Option<u32> {
        self.paused.as_ref().map(|p| p.tid())
    }

    /// Freezes these threads: from the next decision on, the policy runs a frozen thread only
    /// when no thread that is not frozen is ready (so freezing never deadlocks a run); a
    /// manual choice may still pick it.
    pub fn set_frozen(&mut self, tids: Vec<u32>) {
        self.frozen = tids;
    }

    pub fn frozen(&self) -> &[u32] {
        &self.frozen
    }

    /// Whether the policy passes over thread `tid` now (see `set_frozen`).
    fn held_back(&self, tid: u32) -> bool {
        !self.frozen.is_empty()
            && self.frozen.contains(&tid)
            && self.threads.iter().any(|t| {
                t.state == RunState::Ready
                    && !self.frozen.contains(&t.tid)
                    && !self.procs[self.proc_index(t.pid)].stopped
            })
    }

    /// Instructions the paused slice has run so far (0: none is paused).
    pub fn paused_instructions(&self) -> u64 {
        self.paused.as_ref().map_or(0, |p| p.steps())
    }

    /// The next decision: on which core, which thread, from when, for how many instructions.
    fn decide(&mut self, choose: Option<u32>) -> Result<(usize, u32, u64, u64), StopReason> {
        if self.steps >= self.opts.max_steps {
            return Err(StopReason::BudgetExhausted {
                what: format!("instruction budget of {} steps (--max-steps)", self.opts.max_steps),
            });
        }
        if self.tasks > self.opts.max_tasks {
            return Err(StopReason::BudgetExhausted {
                what: format!("task budget of {} threads and processes", self.opts.max_tasks),
            });
        }
        let (core, clock, candidates) = self.advance()?;
        if candidates.first().is_some_and(|&(_, start)| start > self.opts.max_time_ns) {
            return Err(StopReason::BudgetExhausted {
                what: format!("time budget of {} s of virtual time (--max-time)", self.opts.max_time_ns as f64 / 1e9),
            });
        }
        let (tid, budget) = match choose.filter(|t| self.choosable_at(core, clock, &candidates).contains(t)) {
            Some(t) => {
                let t = self.take_task_choice(t);
                (t, self.policy_budget(t))
            }
            None => self.pick(&candidates)?,
        };
        let start = self.start_time(tid, clock);
        Ok((core, tid, start, budget))
    }

    /// `explore` drives this machine: chosen slices stop before each visible instruction
    /// (preempt-any) or at each eval-breaker point (cpython), and record what they touched.
    pub fn set_explore(&mut self, on: bool) {
        self.explore = on;
        self.task_choices |= on;
        self.every_task &= !on;
    }

    /// `explore`: the next slice (the next decision's) runs up to `n` instructions without
    /// stopping at visible ones — sooner only if its thread blocks or ends — and touches
    /// anything (`Access::Universal`): a sampled schedule runs at a plain run's speed between
    /// the places its sampler wants to watch (`explore/sample.rs`).
    pub fn run_free_next(&mut self, n: u64) {
        self.free_next = (n > 0).then_some(n);
    }

    /// Offers each answer of a thread's pending task choice as a decision of its own
    /// (`api::task_choice`) in place of the thread.
    fn with_task_choices(&self, tids: Vec<u32>) -> Vec<u32> {
        if !tids.iter().any(|&t| self.threads[(t - 1) as usize].choice.is_some()) {
            return tids;
        }
        let mut out = Vec::with_capacity(tids.len());
        for t in tids {
            match self.threads[(t - 1) as usize].choice {
                Some(n) => out.extend((0..n).map(|k| super::task_choice(t, k))),
                None => out.push(t),
            }
        }
        out
    }

    /// The thread a decision runs; a task choice's answer becomes the thread's (which asked
    /// with `Request::ChooseTask`) and the decision is recorded as the choice.
    fn take_task_choice(&mut self, decision: u32) -> u32 {
        let Some((tid, k)) = super::as_task_choice(decision) else { return decision };
        if let Some(th) = self.threads.get_mut((tid.max(1) - 1) as usize) {
            if th.choice.is_some_and(|n| k < n) {
                th.pending = Some(Resume::Value(Value::Int(i64::from(k))));
                self.choice_taken = Some(decision);
            }
        }
        tid
    }

    /// `explore`, before a decision: numbers the objects each ready thread's next
    /// instruction names, so that the step taken names only objects numbered before the
    /// decision (the same in every run that gets here, see `vm::access::Ids`); returns how
    /// many objects the main process has numbered, and what each ready thread's next
    /// instruction would touch. A thread with an answer to take first (woken) is skipped:
    /// its next instruction is not known yet.
    pub fn explore_ids(&mut self) -> (u64, Vec<(u32, crate::vm::access::Access)>) {
        let mut next = Vec::new();
        for th in &self.threads {
            if th.state != RunState::Ready || th.pending.is_some() {
                continue;
            }
            let Some(frame) = th.ts.frames.last() else { continue };
            let code = frame.code.clone();
            let pi = self.proc_index(th.pid);
            let interp = &mut self.procs[pi].interp;
            next.push((th.tid, interp.access_of_thread(th.tid, &th.ts, &code, frame.pc)));
        }
        (self.procs.first().map(|p| p.interp.explore_ids.count()).unwrap_or(0), next)
    }

    /// `explore`: the threads to offer at the next decision, and the ready threads held back
    /// because their next step would only block (see `vm::lookahead`); every ready thread is
    /// offered when each would block (running them shows the deadlock).
    pub fn offered(&mut self) -> (Vec<u32>, Vec<u32>) {
        let ready = self.runnable();
        let (blocked, offered): (Vec<u32>, Vec<u32>) = ready.iter().partition(|&&t| self.would_block(t));
        if offered.is_empty() {
            return (ready, Vec::new());
        }
        (offered, blocked)
    }

    /// `explore`: whether a ready thread's next instruction would only block (an acquire of
    /// a held lock, a join of a running thread; see `vm::lookahead`).
    pub fn would_block(&self, tid: u32) -> bool {
        use crate::vm::lookahead::Blocker;
        let Some(th) = self.threads.get((tid.max(1) - 1) as usize) else { return false };
        if th.state != RunState::Ready || th.pending.is_some() {
            return false;
        }
        let Some(frame) = th.ts.frames.last() else { return false };
        let interp = &self.procs[self.proc_index(th.pid)].interp;
        match interp.blocker_at(th.tid, &th.ts, &frame.code, frame.pc) {
            Some(Blocker::Lock) => true,
            Some(Blocker::Thread(other)) => {
                self.threads.get((other.max(1) - 1) as usize).is_some_and(|t| t.state != RunState::Done)
            }
            None => false,
        }
    }

    /// What the latest slice touched (`explore` only; None when no slice ran).
    pub fn take_slice_access(&mut self) -> Option<crate::vm::access::Access> {
        self.slice_access.take()
    }

    /// Whether which thread may run depends on the virtual clock: several processes (they run
    /// in parallel, ordered by time), a sleep or timed wait, a message in flight, an armed `alarm`.
    pub fn timing_sensitive(&self) -> bool {
        self.procs.len() > 1
            || !self.in_flight.is_empty()
            || self.procs.iter().any(|p| p.itimer.is_some() || p.reapable_at.is_some())
            || self.threads.iter().any(|t| {
                !matches!(t.role, ThreadRole::Finalizing { .. })
                    && (t.state == RunState::Sleeping || t.wake_at.is_some())
            })
    }

    /// Where a thread is: its innermost frame's code name and line (for `explore`'s step
    /// listings).
    pub fn thread_place(&self, tid: u32) -> Option<(String, u32)> {
        let t = self.threads.get((tid.max(1) - 1) as usize)?;
        let f = t.ts.frames.last()?;
        Some((f.code.qualname.to_string(), f.code.line_at(f.pc)))
    }

    /// Where each thread stands, cheaply, for the stepper's coarse steps (see
    /// `stepper::StepBy`): reads only.
    pub(super) fn thread_marks(&self, files: &[String]) -> Vec<ThreadMark> {
        self.threads
            .iter()
            .map(|t| {
                let file =
                    files.get(super::api::host_of_pid(t.pid)).or(files.first()).map(String::as_str).unwrap_or("");
                let line =
                    t.ts.frames
                        .iter()
                        .rev()
                        .find(|f| &*f.code.filename == file)
                        .map(|f| f.code.line_at(f.pc.saturating_sub(1)));
                let in_library = t.ts.frames.last().is_some_and(super::frames::is_library);
                let state = match t.state {
                    RunState::Ready => 0,
                    RunState::Blocked(_) => 1,
                    RunState::Sleeping => 2,
                    RunState::Done => 3,
                };
                ThreadMark { tid: t.tid, state, line, in_library }
            })
            .collect()
    }

    /// Whether a ready thread's next instruction may touch state another thread can see
    /// (reads only: see `Interp::touches_shared`).
    pub(super) fn next_touches_shared(&self, tid: u32) -> bool {
        let Some(th) = self.threads.get((tid.max(1) - 1) as usize) else { return false };
        let Some(frame) = th.ts.frames.last() else { return false };
        let interp = &self.procs[self.proc_index(th.pid)].interp;
        interp.touches_shared(&th.ts, &frame.code, frame.pc)
    }

    /// Who waits for whom: (thread, its label, the thread holding what it waits for or that it
    /// joins), for every blocked thread.
    pub fn wait_edges(&self) -> Vec<(u32, String, Option<u32>)> {
        self.threads
            .iter()
            .filter_map(|t| match &t.state {
                RunState::Blocked(on) => {
                    let to = match on {
                        WaitOn::Lock { owner: Some(o), .. } if *o != t.tid => Some(*o),
                        WaitOn::Thread { tid } => Some(*tid),
                        _ => None,
                    };
                    Some((t.tid, self.thread_label(t.tid), to))
                }
                _ => None,
            })
            .collect()
    }

    /// What a manual scheduler may pick at the next decision: the earliest to start
    /// (`runnable`) and every other ready thread of the same host, which then starts when it
    /// can while the core waits (a forked child is ready a moment after its parent goes on:
    /// picking it runs the child first). A thread that could start only after a pending timer
    /// is left out, so that picking it never skips the timer.
    pub fn choosable(&mut self) -> Vec<u32> {
        match self.advance() {
            Ok((core, clock, candidates)) => self.choosable_at(core, clock, &candidates),
            Err(_) => Vec::new(),
        }
    }

    fn choosable_at(&self, core: usize, clock: u64, candidates: &[(u32, u64)]) -> Vec<u32> {
        let host = self.core_host[core];
        let timer = self.next_timer();
        let mut out: Vec<u32> = candidates.iter().map(|(t, _)| *t).collect();
        for th in &self.threads {
            let p = &self.procs[self.proc_index(th.pid)];
            if th.state != RunState::Ready || out.contains(&th.tid) || p.host != host || p.stopped {
                continue;
            }
            if timer.is_none_or(|t| self.start_time(th.tid, clock) < t) {
                out.push(th.tid);
            }
        }
        out.sort_unstable();
        self.with_task_choices(out)
    }

    /// The threads that could run at the next decision (what a manual scheduler offers).
    pub fn runnable(&mut self) -> Vec<u32> {
        match self.advance() {
            Ok((_, _, c)) => self.with_task_choices(c.into_iter().map(|(t, _)| t).collect()),
            Err(_) => Vec::new(),
        }
    }

    /// Moves idle time forward (firing timers) until some thread can run: returns the core
    /// that decides next, its clock and the candidates, or why the run is over.
    fn advance(&mut self) -> Result<NextDecision, StopReason> {
        loop {
            // The earliest moment any ready thread could start: on its host's first free core,
            // once it is ready and its process's GIL is free.
            let mut first_core: Vec<Option<usize>> = vec![None; self.hosts.len()];
            for (c, &h) in self.core_host.iter().enumerate() {
                if first_core[h].is_none_or(|f| self.cores[c] < self.cores[f]) {
                    first_core[h] = Some(c);
                }
            }
            let mut best: Option<(u64, usize)> = None;
            for th in self.threads.iter().filter(|t| t.state == RunState::Ready) {
                let p = &self.procs[self.proc_index(th.pid)];
                if p.stopped || self.held_back(th.tid) {
                    continue;
                }
                let Some(core) = first_core[p.host] else { continue };
                let start = self.cores[core].max(th.ready_at).max(self.gil_free_at(p));
                if best.is_none_or(|b| (start, core) < b) {
                    best = Some((start, core));
                }
            }
            // Timers due by then go first: what they wake may run at that moment too.
            match (best, self.next_timer()) {
                (_, Some(t)) if best.is_none_or(|(start, _)| t <= start) => self.fire_timers(t),
                (Some((_, core)), _) => {
                    let clock = self.cores[core];
                    let candidates = self.candidates(clock, self.core_host[core]);
                    return Ok((core, clock, candidates));
                }
                (None, _) => {
                    if self.threads.iter().any(|t| matches!(t.state, RunState::Blocked(_))) {
                        return Err(StopReason::Deadlock { report: self.deadlock_report() });
                    }
                    return Err(StopReason::Exited);
                }
            }
        }
    }

    /// How many instructions a thread of the cpython policy runs before it drops the GIL
    /// for a waiting thread: its process's `sys.getswitchinterval()`.
    fn switch_steps(&self, tid: u32) -> u64 {
        let pid = self.threads[(tid - 1) as usize].pid;
        (self.procs[self.proc_index(pid)].interp.switch_interval_ns / NS_PER_STEP).max(1)
    }

    /// The slice length the policy gives a thread it did not choose itself.
    fn policy_budget(&mut self, tid: u32) -> u64 {
        if self.explore {
            // cpython: up to the next eval-breaker point; else up to the next visible
            // instruction (the interpreter stops there, see run_slice).
            return if self.opts.policy == Policy::Cpython { 1 } else { EXPLORE_SLICE_STEPS };
        }
        match self.opts.policy {
            Policy::Cpython => self.cpython_steps(tid),
            Policy::RoundRobin => ROUND_ROBIN_STEPS,
            Policy::PreemptAny => 1,
            Policy::Random => RANDOM_MAX_STEPS / 2,
        }
    }

    /// Ready threads of `host` with the earliest time each could start on a core free at
    /// `clock`.
    fn candidates(&self, clock: u64, host: usize) -> Vec<(u32, u64)> {
        let mut out: Vec<(u32, u64)> = Vec::new();
        for th in &self.threads {
            if th.state != RunState::Ready {
                continue;
            }
            let p = &self.procs[self.proc_index(th.pid)];
            if p.host != host || p.stopped || self.held_back(th.tid) {
                continue;
            }
            let start = clock.max(th.ready_at).max(self.gil_free_at(p));
            out.push((th.tid, start));
        }
        if let Some(min) = out.iter().map(|(_, s)| *s).min() {
            out.retain(|(_, s)| *s == min);
        }
        out
    }

    /// When `tid` could start on a core free at `clock`: after it is ready and after its
    /// process's GIL is free.
    fn start_time(&self, tid: u32, clock: u64) -> u64 {
        let th = &self.threads[(tid - 1) as usize];
        let p = &self.procs[self.proc_index(th.pid)];
        clock.max(th.ready_at).max(self.gil_free_at(p))
    }

    /// When a process's GIL is free (0 without one: `--gil off`).
    fn gil_free_at(&self, p: &SimProcess) -> u64 {
        match self.opts.gil {
            Gil::On => p.gil_free_at,
            Gil::Off => 0,
        }
    }

    /// The slice of a thread under the cpython policy: until the switch interval asks for
    /// the GIL. Without a GIL, while another thread of its process is alive and its host
    /// has another core, a short slice of seeded length: the threads run at once, and cores
    /// do not run in lockstep, so a read-modify-write of one thread is sometimes cut by the
    /// other's, sometimes not. On one core the OS's time slice stands in for the switch
    /// interval (it is far longer than a read-modify-write).
    fn cpython_steps(&mut self, tid: u32) -> u64 {
        if let Some(left) = self.threads[(tid - 1) as usize].budget_left.take() {
            return left.max(1);
        }
        if self.opts.gil == Gil::Off {
            let pid = self.threads[(tid - 1) as usize].pid;
            let host = self.procs[self.proc_index(pid)].host;
            let parallel = self.core_host.iter().filter(|&&h| h == host).count() > 1;
            if parallel && self.threads.iter().any(|t| t.pid == pid && t.tid != tid && t.state != RunState::Done) {
                return 1 + self.rand() % FREE_THREADED_MAX_STEPS;
            }
        }
        self.switch_steps(tid)
    }

    fn pick(&mut self, candidates: &[(u32, u64)]) -> Result<(u32, u64), StopReason> {
        if let Some(replay) = &self.opts.replay {
            let Some(d) = replay.get(self.replay_pos).copied() else {
                return Err(StopReason::BudgetExhausted {
                    what: "the replayed schedule ended before the program".into(),
                });
            };
            self.replay_pos += 1;
            let tid = super::decision_thread(d.tid);
            if !self.threads.iter().any(|t| t.tid == tid && t.state == RunState::Ready) {
                return Err(StopReason::BudgetExhausted {
                    what: format!(
                        "the replayed schedule diverged: thread {tid} cannot run at decision {}",
                        self.replay_pos - 1
                    ),
                });
            }
            return Ok((self.take_task_choice(d.tid), u64::from(d.steps)));
        }
        let by_fifo = || {
            candidates.iter().min_by_key(|(t, _)| self.threads[(*t - 1) as usize].ready_seq).map(|(t, _)| *t).unwrap()
        };
        Ok(match self.opts.policy {
            Policy::Cpython => {
                let tid = by_fifo();
                (tid, self.cpython_steps(tid))
            }
            Policy::RoundRobin => (by_fifo(), ROUND_ROBIN_STEPS),
            Policy::PreemptAny => {
                let i = (self.rand() % candidates.len() as u64) as usize;
                (candidates[i].0, 1)
            }
            Policy::Random => {
                let i = (self.rand() % candidates.len() as u64) as usize;
                let steps = 1 + self.rand() % RANDOM_MAX_STEPS;
                (candidates[i].0, steps)
            }
        })
    }

    /// When the next sleep or timed wait ends, or the next message arrives.
    fn next_timer(&self) -> Option<u64> {
        let wakes = self
            .threads
            .iter()
            .filter(|t| matches!(t.state, RunState::Sleeping | RunState::Blocked(_)))
            .filter_map(|t| t.wake_at);
        wakes
            .chain(self.in_flight.first().map(|m| m.at))
            .chain(self.next_itimer())
            .chain(self.procs.iter().filter_map(|p| p.reapable_at))
            .min()
    }

    /// Wakes sleepers and timed waiters whose time has come.
    fn fire_timers(&mut self, now: u64) {
        self.deliver_due(now);
        self.fire_itimers(now);
        self.end_teardowns(now);
        let due: Vec<(u32, bool)> = self
            .threads
            .iter()
            .filter(|t| {
                matches!(t.state, RunState::Sleeping | RunState::Blocked(_)) && t.wake_at.is_some_and(|w| w <= now)
            })
            .map(|t| (t.tid, t.state == RunState::Sleeping))
            .collect();
        for (tid, sleeping) in due {
            self.fire_timer(tid, sleeping, now);
        }
    }

    /// The sleep or timed wait of `tid` ends (or, finalizing, its process exits).
    fn fire_timer(&mut self, tid: u32, sleeping: bool, now: u64) {
        let th = &self.threads[(tid - 1) as usize];
        if let ThreadRole::Finalizing { status } = th.role {
            let (pid, at) = (th.pid, th.wake_at.unwrap_or(now));
            self.exit_process(pid, status, at);
            return;
        }
        let at = th.wake_at.unwrap_or(now);
        let (pid, answer, reason) = if sleeping {
            (th.pid, Resume::Value(Value::None), "sleep ended".to_string())
        } else {
            let answer = match (&th.state, &th.timeout_answer) {
                (_, Some(v)) => Resume::Value(v.clone()),
                (RunState::Blocked(WaitOn::Lock { .. }), None) => Resume::Value(Value::Bool(false)),
                _ => Resume::Value(Value::None),
            };
            (th.pid, answer, "timeout".to_string())
        };
        self.make_ready(tid, at, answer);
        self.emit(at, pid, tid, EventKind::Wake { reason });
    }

    /// One decision of a real run's schedule (`RunOptions::replay_real`): the named thread's
    /// timer fires if it is sleeping or in a timed wait, then it runs exactly the recorded
    /// number of instructions on its host's least busy core.
    fn step_real(&mut self, pause_after: Option<u64>) -> Option<StopReason> {
        let diverged = |what: String| {
            Some(StopReason::BudgetExhausted { what: format!("the replayed schedule diverged: {what}") })
        };
        let Some(d) = self.opts.replay.as_ref().and_then(|r| r.get(self.replay_pos)).copied() else {
            if self.threads.iter().all(|t| t.state == RunState::Done) {
                return Some(StopReason::Exited);
            }
            return Some(StopReason::BudgetExhausted { what: "the replayed schedule ended before the program".into() });
        };
        self.replay_pos += 1;
        let Some(th) = self.threads.get((d.tid.max(1) - 1) as usize) else {
            return diverged(format!("thread {} does not exist at decision {}", d.tid, self.replay_pos - 1));
        };
        let timed = th.wake_at.is_some() && matches!(th.state, RunState::Sleeping | RunState::Blocked(_));
        if timed {
            let sleeping = th.state == RunState::Sleeping;
            let at = th.wake_at.unwrap_or(0);
            self.fire_timer(d.tid, sleeping, at);
        }
        let th = &self.threads[(d.tid - 1) as usize];
        if th.state == RunState::Done {
            return if d.steps == 0 {
                None
            } else {
                diverged(format!("thread {} has ended at decision {}", d.tid, self.replay_pos - 1))
            };
        }
        if th.state != RunState::Ready {
            let why = match &th.state {
                RunState::Blocked(on) => format!("blocked on {}", self.wait_reason(on)),
                _ => "not ready".into(),
            };
            return diverged(format!("thread {} is {why} at decision {}", d.tid, self.replay_pos - 1));
        }
        let host = self.procs[self.proc_index(th.pid)].host;
        let core =
            (0..self.cores.len()).filter(|&c| self.core_host[c] == host).min_by_key(|&c| self.cores[c]).unwrap_or(0);
        let start = self.start_time(d.tid, self.cores[core]);
        self.run_slice(core, d.tid, start, u64::from(d.steps), pause_after);
        None
    }

    fn handle_request(&mut self, tid: u32, r: Request, now: u64) {
        let ti = (tid - 1) as usize;
        let pid = self.threads[ti].pid;
        match r {
            Request::Sleep { ns } => {
                let th = &mut self.threads[ti];
                th.state = RunState::Sleeping;
                th.wake_at = Some(now + ns);
                th.pending = Some(Resume::Value(Value::None));
                self.emit(now, pid, tid, EventKind::Block { reason: format!("sleep {:.3}s", ns as f64 / 1e9) });
            }
            Request::Yield => self.make_ready(tid, now, Resume::Value(Value::None)),
            // Answer 0 unless a decision says otherwise (`take_task_choice`).
            Request::ChooseTask { n } => {
                self.make_ready(tid, now, Resume::Value(Value::Int(0)));
                self.threads[ti].choice = Some(n);
                // Offering a choice hands nothing over: the thread stays first for the GIL.
                if !self.explore {
                    self.threads[ti].ready_seq = 0;
                }
            }
            Request::Released { value } => self.make_ready(tid, now, value.map_or(Resume::Retry, Resume::Value)),
            Request::Block { on, timeout_ns } => {
                if let WaitOn::Thread { tid: other } = on {
                    if self.threads.get((other.max(1) - 1) as usize).is_none_or(|t| t.state == RunState::Done) {
                        self.make_ready(tid, now, Resume::Value(Value::None));
                        self.threads[ti].learnt = Some(crate::vm::access::thread_end_key(other));
                        return;
                    }
                }
                let reason = self.wait_reason(&on);
                let th = &mut self.threads[ti];
                th.state = RunState::Blocked(on);
                th.wake_at = timeout_ns.map(|t| now + t);
                self.emit(now, pid, tid, EventKind::Block { reason });
            }
            // Daemon threads are the prelude's business: threading._shutdown skips them.
            Request::StartThread { func, name, daemon: _, keep_gil } => {
                let pi = self.proc_index(pid);
                match self.procs[pi].interp.start_call(&func, Vec::new()) {
                    Ok(ts) => {
                        let new_tid = self.add_thread(pid, ts, name, ThreadRole::Worker, now);
                        self.make_ready(tid, now, Resume::Value(Value::Int(i64::from(new_tid))));
                        // Starting a thread does not release CPython's GIL: the new thread
                        // waits for it behind the thread that started it.
                        if keep_gil {
                            let ni = (new_tid - 1) as usize;
                            let (a, b) = (self.threads[ti].ready_seq, self.threads[ni].ready_seq);
                            (self.threads[ti].ready_seq, self.threads[ni].ready_seq) = (a.min(b), a.max(b));
                        }
                        self.threads[ti].learnt = Some(crate::vm::access::thread_start_key(new_tid));
                    }
                    Err(exc) => self.make_ready(tid, now, Resume::Raise(exc)),
                }
            }
            Request::Fork => self.fork(tid, now),
            Request::Spawn { prep, obj } => self.spawn(tid, pid, prep, obj, now),
            Request::WaitPid { pid: which, nohang, timeout_ns } => self.waitpid(tid, which, nohang, timeout_ns, now),
            Request::Kill { pid: target, sig } => self.kill_request(tid, target, sig, now),
            Request::KillPg { pgid, sig } => self.killpg_request(tid, pgid, sig, now),
            Request::Timer { set, alarm } => self.timer_request(tid, set, alarm, now),
            Request::Pause => self.pause_request(tid, now),
            Request::ProcGroup { op } => self.pg_request(tid, op, now),
            Request::Exit { code } => self.exit_process(pid, wait_status_exit(code), now),
            Request::ExecLookup { .. } | Request::ExecRun { .. } => self.command_request(tid, pid, r, now),
            Request::GetPpid => {
                let ppid = self.procs[self.proc_index(pid)].interp.ppid;
                self.make_ready(tid, now, Resume::Value(Value::Int(i64::from(ppid))));
            }
            Request::NetListen { .. }
            | Request::NetAccept { .. }
            | Request::NetConnect { .. }
            | Request::NetUnlisten { .. } => self.net_request(tid, r, now),
            other => self.chan_request(tid, other, now),
        }
    }

    pub(super) fn wait_reason(&self, on: &WaitOn) -> String {
        match on {
            WaitOn::Lock { serial, owner } => match owner {
                Some(o) => format!("lock#{serial} held by {}", self.thread_label(*o)),
                None => format!("lock#{serial}"),
            },
            WaitOn::Thread { tid } => format!("join {}", self.thread_label(*tid)),
            WaitOn::Child { pid: Some(p) } => format!("waitpid({p})"),
            WaitOn::Child { pid: None } => "wait for any child".into(),
            WaitOn::Chan { id, op } => self.chan_label(*id, *op),
            WaitOn::Accept { listener } => self.accept_label(*listener),
            WaitOn::Signal => "a signal".into(),
        }
    }

    fn thread_label(&self, tid: u32) -> String {
        match self.threads.get((tid.max(1) - 1) as usize) {
            Some(t) => format!("'{}' (pid {}, tid {})", t.name, t.pid, t.tid),
            None => format!("tid {tid}"),
        }
    }

    /// One line per blocked thread: where it is in the user's code, the library call it is
    /// in, and what it waits for (and who holds that).
    fn deadlock_report(&self) -> Vec<String> {
        self.threads
            .iter()
            .filter_map(|t| match &t.state {
                RunState::Blocked(on) => {
                    let place = match t.ts.user_location() {
                        Some((file, line, Some(call))) => format!(" at {file} line {line}, in {call}(),"),
                        Some((file, line, None)) => format!(" at {file} line {line}"),
                        None => String::new(),
                    };
                    let what = match on {
                        // A lock the thread holds itself is a waiter lock (Condition, Event,
                        // Semaphore, Barrier...): only another thread's notify releases it.
                        WaitOn::Lock { serial, owner: Some(o) } if *o == t.tid => {
                            format!("a notify from another thread (its waiter lock#{serial})")
                        }
                        other => self.wait_reason(other),
                    };
                    Some(format!("thread {}{place} waits for {what}", self.thread_label(t.tid)))
                }
                _ => None,
            })
            .collect()
    }

    fn fork(&mut self, tid: u32, now: u64) {
        let ti = (tid - 1) as usize;
        let pid = self.threads[ti].pid;
        let pi = self.proc_index(pid);
        let host = self.procs[pi].host;
        let Some(child_pid) = self.hosts[host].try_alloc_pid() else {
            let args = vec![Value::Int(11), Value::str("Resource temporarily unavailable")];
            return self.raise(tid, pid, now, "BlockingIOError", args);
        };
        let (mut child, child_ts) = self.procs[pi].interp.fork(&self.threads[ti].ts);
        let child_tid = self.threads.len() as u32 + 1;
        child.become_fork_child(child_pid, pid, child_tid);
        let out = child.take_output();
        self.chan_fork(pid, child_pid);
        let name = self.procs_name(pid);
        self.pid_index.insert(child_pid, self.procs.len());
        self.procs.push(SimProcess {
            pid: child_pid,
            host,
            ppid: pid,
            interp: child,
            status: None,
            reaped: false,
            gil_free_at: now,
            hooks: Vec::new(),
            pending_signals: 0,
            pgid: self.procs[pi].pgid,
            sid: self.procs[pi].sid,
            itimer: None,
            stopped: false,
            reapable_at: None,
        });
        self.emit(now, child_pid, 0, EventKind::ProcStart { ppid: pid, name });
        let role = ThreadRole::Main;
        let thread_name = self.threads[ti].name.clone();
        let new_tid = self.add_thread(child_pid, child_ts, thread_name, role, now);
        debug_assert_eq!(new_tid, child_tid);
        for (stream, text) in out {
            self.output.push(OutputChunk { stream, pid: child_pid, tid: new_tid, text });
        }
        // Like Linux (sched_child_runs_first = 0), the parent goes on while the child is
        // being set up.
        self.make_ready(tid, now, Resume::Value(Value::Int(i64::from(child_pid))));
        self.make_ready(new_tid, now + FORK_NS, Resume::Value(Value::Int(0)));
    }

    /// A forked child continues as a spawned process: a fresh heap whose main thread runs the
    /// spawn bootstrap (`vm::spawn`); the old heap is emptied (nothing runs on it again).
    fn spawn(
        &mut self,
        tid: u32,
        pid: u32,
        prep: crate::vm::pickle::Pickled,
        obj: crate::vm::pickle::Pickled,
        now: u64,
    ) {
        let ti = (tid - 1) as usize;
        let pi = self.proc_index(pid);
        match self.procs[pi].interp.spawned(prep, obj) {
            Ok((interp, ts)) => {
                let mut old = std::mem::replace(&mut self.procs[pi].interp, interp);
                let old_ts = std::mem::replace(&mut self.threads[ti].ts, ts);
                let mut heap = crate::vm::teardown::Heap::default();
                heap.interp(&mut old);
                heap.thread(old_ts);
                heap.run();
                self.make_ready(tid, now, Resume::Retry);
            }
            Err(msg) => {
                let args = vec![Value::str(&msg)];
                self.raise(tid, pid, now, "RuntimeError", args);
            }
        }
    }

    fn procs_name(&self, _pid: u32) -> String {
        self.trace
            .iter()
            .find_map(|e| if let EventKind::ProcStart { name, .. } = &e.kind { Some(name.clone()) } else { None })
            .unwrap_or_default()
    }

    fn waitpid(&mut self, tid: u32, which: i64, nohang: bool, timeout_ns: Option<u64>, now: u64) {
        let ti = (tid - 1) as usize;
        let pid = self.threads[ti].pid;
        let children: Vec<usize> = (0..self.procs.len())
            .filter(|&i| {
                self.procs[i].ppid == pid
                    && !self.procs[i].reaped
                    && (which <= 0 || i64::from(self.procs[i].pid) == which)
            })
            .collect();
        if children.is_empty() {
            let pi = self.proc_index(pid);
            if let crate::vm::Flow::Raise(e) = self.procs[pi]
                .interp
                .err_args("ChildProcessError", vec![Value::Int(10), Value::str("No child processes")])
            {
                self.make_ready(tid, now, Resume::Raise(e));
            }
            return;
        }
        // A child in its teardown is alive to `WNOHANG`; a blocking wait takes it at once (the
        // OS ends it within the wait), as real runs do: no wait, so the two agree.
        let exited = |p: &SimProcess| p.status.is_some() && (p.reapable_at.is_none() || !nohang);
        if let Some(&i) = children.iter().find(|&&i| exited(&self.procs[i])) {
            if self.procs[i].reapable_at.take().is_some() {
                self.send_signal(pid, 17, now);
            }
            self.procs[i].reaped = true;
            let status = self.procs[i].status.unwrap_or(0);
            let cpid = self.procs[i].pid;
            let answer = if timeout_ns.is_some() {
                Value::Int(i64::from(status))
            } else {
                Value::tuple(vec![Value::Int(i64::from(cpid)), Value::Int(i64::from(status))])
            };
            self.make_ready(tid, now, Resume::Value(answer));
            return;
        }
        if nohang {
            self.make_ready(tid, now, Resume::Value(Value::tuple(vec![Value::Int(0), Value::Int(0)])));
            return;
        }
        let on = WaitOn::Child { pid: if which > 0 { Some(which as u32) } else { None } };
        let reason = self.wait_reason(&on);
        let th = &mut self.threads[ti];
        th.state = RunState::Blocked(on);
        th.wake_at = timeout_ns.map(|t| now + t);
        th.pending = Some(Resume::Retry);
        if timeout_ns.is_some() {
            // A timed wait that expires answers None (see fire_timers: Value(None)).
        }
        self.emit(now, pid, tid, EventKind::Block { reason });
    }

    fn thread_done(&mut self, tid: u32, result: Result<Value, Value>, now: u64) {
        let ti = (tid - 1) as usize;
        let pid = self.threads[ti].pid;
        let pi = self.proc_index(pid);
        let role = self.threads[ti].role.clone();
        match role {
            ThreadRole::Worker => {
                if let Err(exc) = result {
                    let text = self.procs[pi].interp.format_exception(&exc);
                    self.write_now(pid, tid, Stream::Stderr, &text, now);
                }
                self.finish_thread(tid, now);
            }
            ThreadRole::Main => {
                let code = match result {
                    Ok(_) => 0,
                    Err(exc) => self.exit_code_for(pid, tid, &exc, now),
                };
                let interp = &mut self.procs[pi].interp;
                let mut hooks = interp.shutdown_hooks.clone();
                hooks.extend(interp.atexit.iter().rev().cloned());
                self.procs[pi].hooks = hooks;
                self.threads[ti].role = ThreadRole::Exiting { code };
                self.next_hook(tid, code, now);
            }
            ThreadRole::Finalizing { status } => self.exit_process(pid, status, now),
            ThreadRole::Exiting { code } => {
                if let Err(exc) = result {
                    let text = self.procs[pi].interp.format_exception(&exc);
                    self.write_now(
                        pid,
                        tid,
                        Stream::Stderr,
                        &format!("Exception ignored in atexit callback:\n{text}"),
                        now,
                    );
                }
                self.next_hook(tid, code, now);
            }
        }
    }

    /// Runs the process's next exit hook in its main thread, or exits the process.
    fn next_hook(&mut self, tid: u32, code: i32, now: u64) {
        let ti = (tid - 1) as usize;
        let pid = self.threads[ti].pid;
        let pi = self.proc_index(pid);
        if self.procs[pi].hooks.is_empty() {
            // A normal exit flushes stdout (os._exit and signals do not).
            let interp = &mut self.procs[pi].interp;
            interp.flush_stdout();
            for (stream, text) in interp.take_output() {
                self.write_now(pid, tid, stream, &text, now);
            }
            // CPython's finalization takes a few milliseconds before the process is gone.
            let th = &mut self.threads[ti];
            th.role = ThreadRole::Finalizing { status: wait_status_exit(code) };
            th.state = RunState::Sleeping;
            th.wake_at = Some(now + FINALIZE_NS);
            return;
        }
        let hook = self.procs[pi].hooks.remove(0);
        match self.procs[pi].interp.start_call(&hook, Vec::new()) {
            Ok(ts) => {
                self.threads[ti].ts = ts;
                self.make_ready(tid, now, Resume::Retry);
                self.threads[ti].pending = None;
            }
            Err(_) => self.next_hook(tid, code, now),
        }
    }

    /// The exit status for an uncaught exception in a main thread (printing it, as CPython).
    fn exit_code_for(&mut self, pid: u32, tid: u32, exc: &Value, now: u64) -> i32 {
        let pi = self.proc_index(pid);
        let (code, text) = self.procs[pi].interp.exit_status_of(exc);
        if let Some(text) = text {
            self.write_now(pid, tid, Stream::Stderr, &text, now);
        }
        code
    }

    fn write_now(&mut self, pid: u32, tid: u32, stream: Stream, text: &str, now: u64) {
        self.emit(
            now,
            pid,
            tid,
            EventKind::Write {
                stream: if stream == Stream::Stdout { "stdout".into() } else { "stderr".into() },
                text: text.to_string(),
            },
        );
        self.output.push(OutputChunk { stream, pid, tid, text: text.to_string() });
    }

    fn finish_thread(&mut self, tid: u32, now: u64) {
        let ti = (tid - 1) as usize;
        if self.threads[ti].state == RunState::Done {
            return;
        }
        let pid = self.threads[ti].pid;
        self.threads[ti].state = RunState::Done;
        self.threads[ti].ts = ThreadState::default();
        self.emit(now, pid, tid, EventKind::ThreadEnd);
        let joiners: Vec<u32> = self
            .threads
            .iter()
            .filter(|t| t.state == RunState::Blocked(WaitOn::Thread { tid }))
            .map(|t| t.tid)
            .collect();
        for j in joiners {
            self.make_ready(j, now, Resume::Value(Value::None));
            self.threads[(j - 1) as usize].learnt = Some(crate::vm::access::thread_end_key(tid));
            let jp = self.threads[(j - 1) as usize].pid;
            self.emit(now, jp, j, EventKind::Wake { reason: format!("thread {tid} ended") });
        }
    }

    /// Ends a process: every thread stops; the parent may reap the status.
    fn exit_process(&mut self, pid: u32, status: i32, now: u64) {
        let pi = self.proc_index(pid);
        if self.procs[pi].status.is_some() {
            return;
        }
        self.procs[pi].status = Some(status);
        let tids: Vec<u32> =
            self.threads.iter().filter(|t| t.pid == pid && t.state != RunState::Done).map(|t| t.tid).collect();
        for t in tids {
            self.finish_thread(t, now);
        }
        let code = if status & 0x7f != 0 { -(status & 0x7f) } else { (status >> 8) & 0xff };
        self.emit(now, pid, 0, EventKind::ProcExit { code });
        self.chan_process_exit(pid, now);
        let host = self.procs[pi].host;
        if pid == self.hosts[host].pid_base {
            self.main_exits[host] = Some(code);
        }
        self.net_process_exit(pid);
        // Orphans are adopted by init (pid 1), as on Linux.
        for p in self.procs.iter_mut() {
            if p.ppid == pid && p.status.is_none() {
                p.ppid = 1;
                p.interp.ppid = 1;
            }
        }
        if self.procs[pi].reapable_at.is_none() {
            self.tell_parent(pid, now);
        }
    }

    /// A child's end reaches its parent: SIGCHLD, and its `waitpid` returns.
    pub(super) fn tell_parent(&mut self, pid: u32, now: u64) {
        let pi = self.proc_index(pid);
        let ppid = self.procs[pi].ppid;
        // The parent is told by SIGCHLD (ignored unless it has a handler).
        if self.pid_index.contains_key(&ppid) {
            self.send_signal(ppid, 17, now);
        }
        let waiters: Vec<u32> = self
            .threads
            .iter()
            .filter(|t| {
                t.pid == ppid
                    && matches!(t.state, RunState::Blocked(WaitOn::Child { pid: p }) if p.is_none() || p == Some(pid))
            })
            .map(|t| t.tid)
            .collect();
        for w in waiters {
            self.make_ready(w, now, Resume::Retry);
            self.emit(now, ppid, w, EventKind::Wake { reason: format!("child {pid} exited") });
        }
    }

    /// The main process's exit code (CPython's exit status for `python3 FILE.py`); with
    /// several hosts, the first host's non-zero one, else 0.
    /// The threads that could run now, with their process (what a divergence report offers
    /// as "what the simulator allowed instead").
    pub fn ready_threads(&self) -> Vec<(u32, u32)> {
        self.threads.iter().filter(|t| t.state == RunState::Ready).map(|t| (t.pid, t.tid)).collect()
    }

    /// What the next slice of `inputs.pid` reads of the real world (replaying a real run):
    /// its clock readings and its `subprocess` answers.
    pub fn feed_inputs(&mut self, inputs: &super::RealInputs) {
        if let Some(&i) = self.pid_index.get(&inputs.pid) {
            let interp = &mut self.procs[i].interp;
            interp.clock_log = crate::vm::ClockLog::Replay(inputs.clock.iter().copied().collect());
            interp.command_feed = inputs.commands.iter().cloned().collect();
            self.feed_signals(i, &inputs.signals);
        }
    }

    /// A real command, replayed: answered from the feed; a run with nothing fed yet is the
    /// request that started the command (the real thread waited for it, then retried).
    fn command_request(&mut self, tid: u32, pid: u32, r: Request, now: u64) {
        let pi = self.proc_index(pid);
        let argv = match &r {
            Request::ExecLookup { prog } => vec![prog.clone()],
            Request::ExecRun { argv, .. } => argv.clone(),
            _ => Vec::new(),
        };
        match self.procs[pi].interp.command_feed.pop_front() {
            Some(answer) => {
                self.make_ready(tid, now, Resume::Value(answer.to_value()));
                self.emit(now, pid, tid, EventKind::Command { argv, answer });
            }
            None if matches!(r, Request::ExecRun { .. }) && self.opts.replay_real => {
                self.make_ready(tid, now, Resume::Retry)
            }
            None => {
                let msg = "real commands exist only in real runs and their replays";
                self.raise(tid, pid, now, "OSError", vec![Value::str(msg)]);
            }
        }
    }

    pub(super) fn replay_real(&self) -> bool {
        self.opts.replay_real
    }

    pub fn main_exit_code(&self) -> Option<i32> {
        let shell = |c: i32| if c < 0 { 128 - c } else { c };
        let codes: Vec<Option<i32>> = self.main_exits.iter().map(|c| c.map(shell)).collect();
        codes.iter().flatten().find(|&&c| c != 0).copied().or_else(|| codes.first().copied().flatten())
    }

    pub fn host_names(&self) -> Vec<String> {
        self.hosts.iter().map(|h| h.name.clone()).collect()
    }

    pub fn elapsed(&self) -> u64 {
        self.cores.iter().copied().max().unwrap_or(0)
    }
}
