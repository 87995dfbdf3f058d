//! One Python process of a real run: its heap (`Interp`), its GIL, and one OS thread per
//! Python thread. Invariant: the heap is touched only by the thread holding the GIL (the
//! `Rc`s inside are never shared between two running threads), and the thread protocol is
//! the simulator's: a thread runs until it needs the kernel; what would block in the
//! simulator blocks here (with the GIL released) and then retries the same instruction, so
//! every GIL segment is one simulator decision and a real run's schedule replays exactly.
//! The waiters of a released lock take the GIL for their retries in the order they began
//! waiting (a failed retry keeps its place), as the simulator makes them ready and as
//! CPython's lock wakes its oldest waiter.

use super::broker::{Ask, ChanAnswer, ChanAsk, Client, Reply};
use super::broker_net::{NetAnswer, NetAsk};
use super::record::Recorder;
use super::sockets::{self, Sockets};
use super::tickets;
use crate::sim::Stream;
use crate::trace::EventKind;
use crate::vm::frame::ThreadState;
use crate::vm::interp::RunEnd;
use crate::vm::request::{Request, Resume, WaitOn};
use crate::vm::value::Value;
use crate::vm::{Flow, Interp, Slice};
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

mod commands;
mod net;
mod signals;

/// `time.time()` is `EPOCH_BASE_S` + the interpreter's clock: setting the clock to the real
/// time past that base makes it read the real wall time.
const EPOCH_BASE_NS: u64 = crate::vm::modules::system::EPOCH_BASE_S as u64 * 1_000_000_000;

/// The OS clock in the virtual clock's epoch: what a slice starts at and a clock call reads.
pub(crate) fn clock_now() -> u64 {
    tickets::now_ns().saturating_sub(EPOCH_BASE_NS)
}

/// CPython's switch interval: a thread waiting this long for the GIL asks its holder to drop it.
const SWITCH_INTERVAL: Duration = Duration::from_nanos(crate::limits::SWITCH_INTERVAL_NS);
/// Instructions between two looks at the drop request.
const CHUNK: u64 = 2_000;

/// What every process of a run shares (inherited through fork).
pub struct Ctx {
    pub broker: String,
    /// The run's secret (`broker::Secret`): shown to the broker and on every TCP stream.
    pub secret: super::broker::Secret,
    pub trace_dir: Option<std::path::PathBuf>,
    /// CLOCK_REALTIME at the start of the run: trace times are relative to it.
    pub t0: u64,
    /// The run's hosts (one, `localhost`, unless it has several: output lines are tagged).
    pub hosts: Vec<String>,
}

/// One process of a real run (its interpreter shared by its OS threads under its GIL; named
/// apart from `sim`'s `SimProcess`).
pub struct RealProcess {
    interp: UnsafeCell<Interp>,
    pub pid: u32,
    sched: Mutex<Sched>,
    cv: Condvar,
    drop_request: AtomicBool,
    ctx: Arc<Ctx>,
}

// SAFETY: the interpreter is only reached through `Runner::interp`, by the thread that holds
// the GIL (`Sched::holder`); the mutex hand-off orders every access after the previous one.
unsafe impl Sync for RealProcess {}
unsafe impl Send for RealProcess {}

struct ThreadInfo {
    tid: u32,
    waiting: Option<WaitOn>,
    woken: bool,
    done: bool,
    /// A lock waiter's place in its lock's line: when it started waiting (`Sched::lock_waits`),
    /// kept through a retry that failed.
    place: u64,
    /// Woken by a release of this lock (serial) and not yet holding the GIL for its retry:
    /// the waiters of one lock retry oldest first (see `first_in_line`).
    retrying: Option<u64>,
}

impl ThreadInfo {
    fn new(tid: u32) -> ThreadInfo {
        ThreadInfo { tid, waiting: None, woken: false, done: false, place: 0, retrying: None }
    }
}

/// Whether no older woken waiter of the same lock is still to take the GIL for its retry.
fn first_in_line(threads: &[ThreadInfo], me: usize) -> bool {
    let (lock, place) = (threads[me].retrying, threads[me].place);
    lock.is_none() || !threads.iter().any(|t| t.retrying == lock && t.place < place)
}

struct Sched {
    holder: Option<u32>,
    switches: u64,
    /// Lock waits begun so far: numbers the waiters' places.
    lock_waits: u64,
    threads: Vec<ThreadInfo>,
    /// Children forked by this process: (pid, OS pid).
    children: Vec<(u32, i32)>,
    rec: Recorder,
    /// Touched only by the GIL holder, like the heap (the lock is for `fork`'s hand-over).
    sockets: Sockets,
    /// Whether stdout and stderr are at the start of a line (for the `[host] ` tags).
    line_start: [bool; 2],
}

/// A value that crosses to another OS thread while the GIL orders every access to it.
struct SendBox<T>(T);
// SAFETY: see `RealProcess`: the boxed thread state is touched only under the GIL.
unsafe impl<T> Send for SendBox<T> {}

impl<T> SendBox<T> {
    fn into_inner(self) -> T {
        self.0
    }
}

#[derive(Clone, Copy, PartialEq)]
enum ThreadRole {
    Worker,
    Main,
    Exiting { code: i32 },
}

/// One Python thread on its OS thread.
pub struct Runner {
    proc: Arc<RealProcess>,
    tid: u32,
    ts: ThreadState,
    pending: Option<Resume>,
    role: ThreadRole,
    client: Option<Client>,
    /// Channel operations made so far (names an operation for the causal links).
    ops: u32,
    /// The main thread's exit hooks still to run.
    hooks: Vec<Value>,
    /// The thread's name when it started (a forked child's main thread keeps it).
    name: String,
    /// A real command that has ended: the answer its retried request gets.
    command_done: Option<crate::vm::request::CommandAnswer>,
    /// A signal interrupted this (main) thread's wait: how it enters the handlers.
    interrupt: Option<crate::vm::signals::Entry>,
    /// The signals whose handlers this segment entered (a `signal` event).
    entered: Vec<i32>,
    /// The heap's handler table version last published (`signals::publish`).
    signals_seen: u64,
    /// An interrupted timed wait's end and the frame depth of its call: the retry waits
    /// only for the time it had left, as CPython's does.
    retry_deadline: Option<(Instant, usize)>,
    /// The lock (serial) and place of the wait whose retry this thread runs next: if the
    /// retry fails (another thread took the lock first), it waits again in the same place.
    lock_place: Option<(u64, u64)>,
}

impl RealProcess {
    pub fn new(interp: Interp, pid: u32, main_tid: u32, ctx: Arc<Ctx>) -> Arc<RealProcess> {
        let rec = Recorder::open(ctx.trace_dir.as_deref(), pid, ctx.t0);
        Arc::new(RealProcess {
            interp: UnsafeCell::new(interp),
            pid,
            sched: Mutex::new(Sched {
                holder: None,
                switches: 0,
                lock_waits: 0,
                threads: vec![ThreadInfo::new(main_tid)],
                children: Vec::new(),
                rec,
                sockets: Sockets::default(),
                line_start: [true, true],
            }),
            cv: Condvar::new(),
            drop_request: AtomicBool::new(false),
            ctx,
        })
    }

    fn sched(&self) -> MutexGuard<'_, Sched> {
        self.sched.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The process's heap; called only by the thread holding the GIL (see `RealProcess`).
#[allow(clippy::mut_from_ref)]
fn heap(proc: &RealProcess) -> &mut Interp {
    // SAFETY: the GIL makes this thread the only one touching the heap until it drops it.
    unsafe { &mut *proc.interp.get() }
}

impl Runner {
    pub fn main(proc: Arc<RealProcess>, tid: u32, ts: ThreadState) -> Runner {
        let name = "MainThread".to_string();
        Runner {
            proc,
            tid,
            ts,
            pending: None,
            role: ThreadRole::Main,
            client: None,
            ops: 0,
            hooks: Vec::new(),
            name,
            command_done: None,
            interrupt: None,
            entered: Vec::new(),
            signals_seen: 0,
            retry_deadline: None,
            lock_place: None,
        }
    }

    fn interp(&self) -> &mut Interp {
        heap(&self.proc)
    }

    fn take_gil(&self) {
        let p = &self.proc;
        let mut s = p.sched();
        // CPython's take_gil: a thread that waited a whole interval without any switch asks
        // the holder to drop the GIL. The interval is a deadline, not one condvar wait, so the
        // notifications of other threads' wakeups do not restart it.
        let mut seen = s.switches;
        let mut deadline = Instant::now() + SWITCH_INTERVAL;
        loop {
            if s.holder.is_none() {
                s.holder = Some(self.tid);
                s.switches += 1;
                p.drop_request.store(false, Ordering::SeqCst);
                return;
            }
            let now = Instant::now();
            if s.switches != seen {
                seen = s.switches;
                deadline = now + SWITCH_INTERVAL;
            } else if now >= deadline {
                p.drop_request.store(true, Ordering::SeqCst);
                deadline = now + SWITCH_INTERVAL;
            }
            s = p.cv.wait_timeout(s, deadline.saturating_duration_since(now)).unwrap_or_else(|e| e.into_inner()).0;
            deliver_signals();
        }
    }

    /// Releases the GIL; when another thread asked for it, waits until it took it (CPython's
    /// forced switching), so a busy thread cannot take it straight back.
    fn drop_gil(&self) {
        let p = &self.proc;
        let forced = p.drop_request.load(Ordering::SeqCst);
        let mut s = p.sched();
        s.holder = None;
        let seen = s.switches;
        p.cv.notify_all();
        if forced {
            let deadline = Instant::now() + SWITCH_INTERVAL;
            while s.switches == seen && Instant::now() < deadline {
                s = p.cv.wait_timeout(s, Duration::from_millis(1)).unwrap_or_else(|e| e.into_inner()).0;
            }
        }
    }

    fn client(&mut self) -> &mut Client {
        if self.client.is_none() {
            match Client::connect(&self.proc.ctx.broker, &self.proc.ctx.secret) {
                Ok(c) => self.client = Some(c),
                Err(e) => die(&format!("concsim real: cannot reach the broker: {e}")),
            }
        }
        self.client.as_mut().expect("connected above")
    }

    fn ask(&mut self, ask: Ask) -> Reply {
        match self.client().ask(&ask) {
            Ok(Reply::Gone) => await_death(),
            Ok(r) => r,
            Err(e) => die(&format!("concsim real: the broker is gone: {e}")),
        }
    }

    fn now_rel(&self) -> u64 {
        tickets::now_ns().saturating_sub(self.proc.ctx.t0)
    }

    /// Runs the thread to its end (a worker thread) or the process to its exit (a main thread).
    pub fn run(mut self) {
        self.take_gil();
        loop {
            deliver_signals();
            let start = self.now_rel();
            let ticket = tickets::next();
            let place = self.lock_place.take();
            let (outcome, steps, effects) = self.segment();
            // A lock's retry that blocks on the same lock within its segment failed (no other
            // thread ran in between to take it), or took it and waits for it again (a
            // self-deadlock): either way the thread keeps its place.
            self.lock_place = place.filter(|(serial, _)| {
                matches!(&outcome, RunEnd::Request(Request::Block { on: WaitOn::Lock { serial: s, .. }, .. }) if s == serial)
            });
            self.publish_signals();
            let mut events = self.drain_output(effects);
            let seg = Segment { ticket, start, steps, dur: self.now_rel().saturating_sub(start) };
            match outcome {
                RunEnd::Yield => {
                    let t = seg.ticket;
                    self.record(seg, t, &mut events);
                    self.drop_gil();
                    self.take_gil();
                }
                RunEnd::Request(r) => self.request(r, seg, events),
                RunEnd::Done(result) => {
                    if !self.thread_done(result, seg, events) {
                        return;
                    }
                }
            }
        }
    }

    /// One GIL segment: resume the pending answer, enter the handlers of the signals that
    /// arrived, then run slices until a request, the end, or a drop request. Returns the
    /// outcome, the instructions run (callbacks excluded, as in the simulator's decisions)
    /// and what the segment printed and did to files.
    fn segment(&mut self) -> (RunEnd, u64, Effects) {
        // Orphans are adopted by init (pid 1) once their parent has ended in the run's order.
        let interp = heap(&self.proc);
        if interp.ppid != 1 && tickets::ended(interp.ppid) {
            interp.ppid = 1;
        }
        let mut effects = Effects::default();
        let mut resume = self.pending.take();
        let mut signals = self.take_handler_signals();
        let mut steps = 0;
        loop {
            let slice = Slice {
                tid: self.tid,
                now_ns: clock_now(),
                budget: CHUNK,
                preempt_any: false,
                explore: false,
                task_choices: crate::vm::TaskChoices::Off,
                resume: resume.take(),
                signals: signals.take(),
                pause_after: None,
                io_release: crate::vm::IoRelease::Never,
            };
            let end = heap(&self.proc).run_slice(&mut self.ts, slice);
            if let Some(sigs) = end.signals_not_entered {
                // The answer ended the thread first: they stay pending.
                self.entered.retain(|s| !sigs.contains(s));
                signals::requeue(&sigs);
            }
            steps += end.steps;
            effects.out.extend(end.out);
            effects.files.extend(end.files);
            // A waiter whose lock was released retries now, not when this segment ends: it
            // then asks for the GIL, and this holder drops it within a switch interval.
            self.wake_lock_waiters(end.wakeups);
            match end.outcome {
                RunEnd::Yield if !self.proc.drop_request.load(Ordering::Relaxed) => {
                    signals::deliver_survived();
                    if self.interrupted() {
                        // The handlers run at the start of the next segment (as the replay
                        // enters them at the start of a decision).
                        return (RunEnd::Yield, steps, effects);
                    }
                }
                other => return (other, steps, effects),
            }
        }
    }

    /// Whether this is the process's main thread, running its code or exit hooks (the one
    /// that runs signal handlers).
    fn handles_signals(&self) -> bool {
        matches!(self.role, ThreadRole::Main | ThreadRole::Exiting { .. }) && self.interp().signals.main_tid == self.tid
    }

    /// The signals that arrived, for the main thread's handlers (entered as its interrupted
    /// wait says, else at this instruction boundary); recorded as an input of the run: the
    /// replay delivers them at the start of this segment.
    fn take_handler_signals(&mut self) -> Option<(Vec<i32>, crate::vm::signals::Entry)> {
        let entry = self.interrupt.take();
        if !self.handles_signals() || !signals::any_pending() {
            return None;
        }
        let sigs = signals::take_pending();
        self.entered.extend(sigs.iter().copied());
        Some((sigs, entry.unwrap_or(crate::vm::signals::Entry::Boundary)))
    }

    /// A signal for the main thread's handlers interrupts its wait.
    fn interrupted(&self) -> bool {
        signals::any_pending() && self.handles_signals()
    }

    /// After a segment: the heap's dispositions, published when they changed.
    fn publish_signals(&mut self) {
        let version = self.interp().signals.version;
        if version == self.signals_seen {
            return;
        }
        self.signals_seen = version;
        let masks = self.interp().signal_masks();
        if let Some(survive) = signals::publish(masks) {
            let pid = self.proc.pid;
            let _ = self.ask(Ask::Signals { pid, survive });
        }
    }

    /// Writes what the segment printed and returns it as trace events.
    fn drain_output(&mut self, effects: Effects) -> Vec<(u32, u32, EventKind)> {
        let entered = std::mem::take(&mut self.entered);
        let interp = self.interp();
        let Effects { mut out, mut files } = effects;
        // What hooks run outside a slice printed or did (after a fork, at exit).
        out.extend(interp.take_output());
        files.extend(interp.take_files());
        let mut events = Vec::new();
        if !entered.is_empty() {
            events.push((self.proc.pid, self.tid, EventKind::Signal { sigs: entered }));
        }

        if let crate::vm::ClockLog::Record { log, .. } = &mut interp.clock_log {
            if !log.is_empty() {
                events.push((self.proc.pid, self.tid, EventKind::Clock { values: std::mem::take(log) }));
            }
        }
        for (op, path, bytes) in files {
            events.push((self.proc.pid, self.tid, EventKind::File { op: op.into(), path, bytes }));
        }
        for (stream, text) in out {
            self.show(stream, &text);
            let stream = if stream == Stream::Stdout { "stdout" } else { "stderr" }.to_string();
            events.push((self.proc.pid, self.tid, EventKind::Write { stream, text }));
        }
        events
    }

    /// Threads whose lock was released in this slice retry (as the simulator's wakeups, which
    /// make them ready oldest first): they are all woken, and take the GIL for their retry in
    /// the order they started waiting (`first_in_line`), so the oldest gets the lock unless
    /// its releaser took it back first (CPython's lock wakes its oldest waiter).
    fn wake_lock_waiters(&mut self, wakeups: Vec<u32>) {
        if wakeups.is_empty() {
            return;
        }
        let mut s = self.proc.sched();
        let mut any = false;
        for t in s.threads.iter_mut() {
            if let (true, Some(WaitOn::Lock { serial, .. }), false) = (wakeups.contains(&t.tid), &t.waiting, t.woken) {
                t.retrying = Some(*serial);
                t.woken = true;
                any = true;
            }
        }
        if any {
            self.proc.cv.notify_all();
        }
    }

    fn record(&mut self, seg: Segment, ticket: u64, events: &mut Vec<(u32, u32, EventKind)>) {
        if tickets::killed_before(self.proc.pid, ticket) {
            await_death();
        }
        let core = nix::sched::sched_getcpu().map(|c| c as u32).unwrap_or(0);
        let run = EventKind::Run { core, steps: seg.steps.min(u64::from(u32::MAX)) as u32, dur: seg.dur };
        let mut s = self.proc.sched();
        s.rec.push(ticket, seg.start, self.proc.pid, self.tid, run);
        for (pid, tid, e) in events.drain(..) {
            s.rec.push(ticket, seg.start + seg.dur, pid, tid, e);
        }
        s.rec.flush();
    }

    fn raise(&mut self, class: &str, args: Vec<Value>) -> Resume {
        match self.interp().err_args(class, args) {
            Flow::Raise(e) => Resume::Raise(e),
            Flow::Request(_) => Resume::Value(Value::None),
        }
    }

    /// An OSError subclass for `errno`, with the C library's message.
    fn errno_error(&mut self, errno: i64) -> Resume {
        let (class, text) = match errno {
            1 => ("PermissionError", "Operation not permitted"),
            3 => ("ProcessLookupError", "No such process"),
            _ => ("OSError", "Invalid argument"),
        };
        self.raise(class, vec![Value::Int(errno), Value::str(text)])
    }

    fn request(&mut self, r: Request, seg: Segment, mut events: Vec<(u32, u32, EventKind)>) {
        let (pid, tid) = (self.proc.pid, self.tid);
        match r {
            Request::Sleep { ns } => {
                events.push((pid, tid, EventKind::Block { reason: format!("sleep {:.3}s", ns as f64 / 1e9) }));
                self.record(seg, tickets::next(), &mut events);
                self.drop_gil();
                let until = Instant::now() + Duration::from_nanos(ns);
                let mut interrupted = None;
                loop {
                    let left = until.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    std::thread::sleep(left.min(SIGNAL_POLL));
                    deliver_signals();
                    if self.interrupted() {
                        let left = until.saturating_duration_since(Instant::now()).as_nanos() as u64;
                        interrupted = Some(crate::vm::signals::Entry::Replace { resleep_ns: Some(left) });
                        break;
                    }
                }
                self.take_gil();
                self.pending = if interrupted.is_some() { None } else { Some(Resume::Value(Value::None)) };
                self.interrupt = interrupted;
            }
            Request::Pause => {
                events.push((pid, tid, EventKind::Block { reason: "a signal".into() }));
                self.record(seg, tickets::next(), &mut events);
                self.drop_gil();
                loop {
                    std::thread::sleep(SIGNAL_POLL);
                    deliver_signals();
                    if self.interrupted() {
                        break;
                    }
                }
                self.take_gil();
                self.pending = None;
                self.interrupt = Some(crate::vm::signals::Entry::Replace { resleep_ns: None });
            }
            Request::Timer { set, alarm } => {
                self.record(seg, tickets::next(), &mut events);
                let (left, interval) = signals::itimer(set);
                self.pending = Some(Resume::Value(crate::vm::signals::timer_answer(left, interval, alarm)));
            }
            Request::ProcGroup { op } => {
                let Reply::Group { answer, ticket } = self.ask(Ask::Group { pid, op }) else {
                    die("concsim real: the broker answered out of turn")
                };
                self.record(seg, ticket, &mut events);
                self.pending = Some(match answer {
                    Ok(v) => Resume::Value(v.map_or(Value::None, Value::Int)),
                    Err(errno) => self.errno_error(errno),
                });
            }
            Request::KillPg { pgid, sig } => {
                let Reply::KilledGroup { mut members, ticket } = self.ask(Ask::KillPg { pid, pgid, sig }) else {
                    die("concsim real: the broker answered out of turn")
                };
                for &(m, _, ends) in &members {
                    if ends {
                        events.push((m, 0, EventKind::ProcExit { code: -(sig & 0x7f) }));
                    }
                }
                self.record(seg, ticket, &mut events);
                if members.is_empty() {
                    self.pending = Some(self.errno_error(3));
                    return;
                }
                // This process last: the others get the signal even if it ends this one.
                members.sort_by_key(|&(m, _, _)| m == pid);
                let me = std::process::id() as i32;
                for (m, os, ends) in members {
                    let os = if m == pid { Some(me) } else { os };
                    let Some(os) = os.filter(|_| sig != 0) else { continue };
                    if m == pid {
                        flush_before_death(self);
                    }
                    // SAFETY: kill(2) of a live process of this run.
                    unsafe { libc::kill(os, sig) };
                    let mine = self.proc.sched().children.iter().any(|c| c.0 == m);
                    if ends && mine {
                        wait_exit_nowait(os, Some(Duration::from_secs(1)), false);
                    }
                }
                self.pending = Some(Resume::Value(Value::None));
            }
            // Real runs never offer task choices: the event loop runs CPython's FIFO order.
            Request::ChooseTask { .. } => self.pending = Some(Resume::Value(Value::Int(0))),
            Request::Yield => {
                self.record(seg, tickets::next(), &mut events);
                self.drop_gil();
                self.take_gil();
                self.pending = Some(Resume::Value(Value::None));
            }
            Request::Released { value } => {
                self.record(seg, tickets::next(), &mut events);
                self.drop_gil();
                self.take_gil();
                self.pending = Some(value.map_or(Resume::Retry, Resume::Value));
            }
            Request::Block { on, timeout_ns } => self.block(on, timeout_ns, seg, events),
            Request::StartThread { func, name, .. } => match self.interp().start_call(&func, Vec::new()) {
                Ok(ts) => {
                    // The OS thread first, waiting for its runner: when the machine has no
                    // thread to give, the program gets CPython's RuntimeError and nothing
                    // records a thread that never was.
                    let (hand, handed) = std::sync::mpsc::channel::<SendBox<Runner>>();
                    let spawned = std::thread::Builder::new().stack_size(16 << 20).spawn(move || {
                        if let Ok(boxed) = handed.recv() {
                            boxed.into_inner().run();
                        }
                    });
                    if spawned.is_err() {
                        drop(ts);
                        self.record(seg, tickets::next(), &mut events);
                        self.pending = Some(self.raise("RuntimeError", vec![Value::str("can't start new thread")]));
                        return;
                    }
                    let Reply::Tid { tid: new, ticket } = self.ask(Ask::NewThread { pid }) else {
                        die("concsim real: the broker answered out of turn")
                    };
                    let ident = crate::vm::modules::ident_of(new);
                    events.push((pid, new, EventKind::ThreadStart { name: name.clone(), ident }));
                    self.record(seg, ticket, &mut events);
                    self.proc.sched().threads.push(ThreadInfo::new(new));
                    let runner = Runner {
                        proc: self.proc.clone(),
                        tid: new,
                        ts,
                        pending: None,
                        role: ThreadRole::Worker,
                        client: None,
                        ops: 0,
                        hooks: Vec::new(),
                        name,
                        command_done: None,
                        interrupt: None,
                        entered: Vec::new(),
                        signals_seen: 0,
                        retry_deadline: None,
                        lock_place: None,
                    };
                    if hand.send(SendBox(runner)).is_err() {
                        die("concsim real: a new OS thread ended before it ran");
                    }
                    self.pending = Some(Resume::Value(Value::Int(i64::from(new))));
                }
                Err(exc) => {
                    self.record(seg, tickets::next(), &mut events);
                    self.pending = Some(Resume::Raise(exc));
                }
            },
            Request::Fork => self.fork(seg, events),
            Request::Spawn { prep, obj } => {
                // A forked child becomes a spawned one: a fresh heap, the bootstrap as its
                // main thread (vm::spawn); the old heap is dropped with it.
                self.record(seg, tickets::next(), &mut events);
                match self.interp().spawned(prep, obj) {
                    Ok((interp, ts)) => {
                        let old = std::mem::replace(self.interp(), interp);
                        drop(old);
                        self.ts = ts;
                        self.pending = Some(Resume::Retry);
                    }
                    Err(msg) => self.pending = Some(self.raise("RuntimeError", vec![Value::str(&msg)])),
                }
            }
            Request::WaitPid { pid: which, nohang, timeout_ns } => self.waitpid(which, nohang, timeout_ns, seg, events),
            Request::Kill { pid: target, sig } => {
                let Reply::Killed { os_pid, gone, ends, ticket } = self.ask(Ask::Kill { pid: target, sig }) else {
                    die("concsim real: the broker answered out of turn")
                };
                if ends {
                    // As in the simulator, the signalled process ends at the kill.
                    events.push((target, 0, EventKind::ProcExit { code: -(sig & 0x7f) }));
                }
                self.record(seg, ticket, &mut events);
                // An exited child that is not reaped yet can still be signalled (a zombie), and
                // its OS pid cannot have been reused.
                let my_child = self.proc.sched().children.iter().find(|c| c.0 == target).map(|c| c.1);
                let os = match (my_child, os_pid) {
                    _ if target == pid => Some(std::process::id() as i32),
                    (Some(os), _) => Some(os),
                    (None, Some(os)) if !gone => Some(os),
                    _ => None,
                };
                self.pending = Some(match os {
                    None => self.raise("ProcessLookupError", vec![Value::Int(3), Value::str("No such process")]),
                    Some(os) => {
                        if sig != 0 {
                            flush_before_death(self);
                            // SAFETY: kill(2) of a live or unreaped process of this run.
                            unsafe { libc::kill(os, sig) };
                            // In the run's order the process ended at the kill: a child of
                            // ours is waited for until the OS agrees (a waitpid right after
                            // then reaps it, as in the simulator).
                            if ends && my_child.is_some() && os != std::process::id() as i32 {
                                wait_exit_nowait(os, Some(Duration::from_secs(1)), false);
                            }
                        }
                        Resume::Value(Value::None)
                    }
                });
            }
            Request::Exit { code } => self.exit_process(code, seg, events),
            Request::ExecLookup { .. } | Request::ExecRun { .. } => self.command(r, seg, events),
            Request::GetPpid => {
                let ticket = tickets::next();
                let interp = self.interp();
                if interp.ppid != 1 && tickets::killed_before(interp.ppid, ticket) {
                    interp.ppid = 1;
                }
                let ppid = Value::Int(i64::from(interp.ppid));
                self.record(seg, ticket, &mut events);
                self.pending = Some(Resume::Value(ppid));
            }
            Request::NetListen { .. }
            | Request::NetAccept { .. }
            | Request::NetConnect { .. }
            | Request::NetUnlisten { .. } => self.net(r, seg, events),
            other => self.chan(other, seg, events),
        }
    }

    /// A wait on something inside this process (a lock, a thread's end).
    fn block(&mut self, on: WaitOn, timeout_ns: Option<u64>, seg: Segment, mut events: Vec<(u32, u32, EventKind)>) {
        let (pid, tid) = (self.proc.pid, self.tid);
        if let WaitOn::Thread { tid: other } = on {
            let done = self.proc.sched().threads.iter().find(|t| t.tid == other).is_none_or(|t| t.done);
            if done {
                self.record(seg, tickets::next(), &mut events);
                self.pending = Some(Resume::Value(Value::None));
                return;
            }
        }
        let reason = match &on {
            WaitOn::Lock { serial, .. } => format!("lock#{serial}"),
            WaitOn::Thread { tid } => format!("join tid {tid}"),
            other => format!("{other:?}"),
        };
        events.push((pid, tid, EventKind::Block { reason }));
        self.record(seg, tickets::next(), &mut events);
        let lock = match on {
            WaitOn::Lock { serial, .. } => Some(serial),
            _ => None,
        };
        let kept = self.lock_place.take().filter(|(serial, _)| Some(*serial) == lock).map(|(_, place)| place);
        let place = {
            let mut s = self.proc.sched();
            s.lock_waits += 1;
            let place = kept.unwrap_or(s.lock_waits);
            if let Some(t) = s.threads.iter_mut().find(|t| t.tid == tid) {
                t.waiting = Some(on);
                t.woken = false;
                t.place = place;
                t.retrying = None;
            }
            place
        };
        self.drop_gil();
        let mut deadline = timeout_ns.map(|ns| Instant::now() + Duration::from_nanos(ns));
        let depth = self.ts.frames.len();
        match self.retry_deadline {
            Some((d, at)) if at == depth => {
                self.retry_deadline = None;
                deadline = deadline.map(|x| x.min(d));
            }
            Some((_, at)) if at < depth => {}
            _ => self.retry_deadline = None,
        }
        // Decided and cleared under one hold of the lock, so that a release cannot wake this
        // thread after its wait timed out.
        let (woken, interrupted) = {
            let p = &self.proc;
            let mut s = p.sched();
            let woken = loop {
                let me = s.threads.iter().position(|t| t.tid == tid).expect("registered thread");
                if s.threads[me].woken {
                    if first_in_line(&s.threads, me) {
                        break true;
                    }
                    // An older waiter of this lock retries first. The release answered this
                    // wait already: its deadline no longer applies.
                } else if let Some(d) = deadline {
                    if Instant::now() >= d {
                        break false;
                    }
                }
                let wait = match deadline {
                    Some(d) if !s.threads[me].woken => d.saturating_duration_since(Instant::now()),
                    _ => SIGNAL_POLL,
                };
                s =
                    p.cv.wait_timeout(s, wait.clamp(Duration::from_micros(1), SIGNAL_POLL))
                        .unwrap_or_else(|e| e.into_inner())
                        .0;
                deliver_signals();
                if signals::any_pending() && self.handles_signals() {
                    break true;
                }
            };
            let me = s.threads.iter().position(|t| t.tid == tid).expect("registered thread");
            let interrupted = !s.threads[me].woken && self.interrupted();
            s.threads[me].waiting = None;
            s.threads[me].woken = false;
            (woken, interrupted)
        };
        self.take_gil();
        {
            // Holding the GIL, this thread's retry comes before the next waiter's.
            let mut s = self.proc.sched();
            if let Some(t) = s.threads.iter_mut().find(|t| t.tid == tid) {
                if t.retrying.take().is_some() {
                    self.proc.cv.notify_all();
                }
            }
        }
        if interrupted {
            self.pending = None;
            self.interrupt = Some(crate::vm::signals::Entry::Retry);
            self.retry_deadline = deadline.map(|d| (d, depth));
            return;
        }
        if woken {
            self.lock_place = lock.map(|serial| (serial, place));
        }
        self.pending = Some(match (woken, lock.is_some()) {
            (true, true) => Resume::Retry,
            (true, false) => Resume::Value(Value::None),
            (false, true) => Resume::Value(Value::Bool(false)),
            (false, false) => Resume::Value(Value::None),
        });
    }

    fn fork(&mut self, seg: Segment, mut events: Vec<(u32, u32, EventKind)>) {
        let pid = self.proc.pid;
        let Reply::Reserved { pid: child_pid, tid: child_tid, ticket } = self.ask(Ask::Reserve { parent: pid }) else {
            die("concsim real: the broker answered out of turn")
        };
        let name = self.interp().argv.first().cloned().unwrap_or_default();
        events.push((child_pid, 0, EventKind::ProcStart { ppid: pid, name }));
        let ident = crate::vm::modules::ident_of(child_tid);
        events.push((child_pid, child_tid, EventKind::ThreadStart { name: self.name.clone(), ident }));
        self.record(seg, ticket, &mut events);
        self.proc.sched().rec.flush();
        // No other thread of this process is inside the scheduler's lock while we fork.
        let guard = self.proc.sched();
        // SAFETY: fork(2); the child touches only memory it owns from here on (it leaks the
        // parent's `RealProcess`, whose lock this thread holds, and builds its own).
        let forked = unsafe { libc::fork() };
        if forked < 0 {
            drop(guard);
            self.pending = Some(
                self.raise("BlockingIOError", vec![Value::Int(11), Value::str("Resource temporarily unavailable")]),
            );
            return;
        }
        if forked > 0 {
            let mut s = guard;
            s.children.push((child_pid, forked));
            drop(s);
            self.pending = Some(Resume::Value(Value::Int(i64::from(child_pid))));
            return;
        }
        // The child: it dies with the supervisor, whatever happens to its parent.
        super::lifeline::arm();
        // This thread is all that is left of the process; it keeps the sockets.
        let mut guard = guard;
        let sockets = std::mem::take(&mut guard.sockets);
        std::mem::forget(guard);
        // SAFETY: the parent's RealProcess stays allocated (leaked); its interpreter moves out once.
        let interp = unsafe { std::ptr::read(self.proc.interp.get()) };
        let ctx = self.proc.ctx.clone();
        let old = std::mem::replace(&mut self.proc, RealProcess::new(interp, child_pid, child_tid, ctx));
        std::mem::forget(old);
        self.proc.sched().sockets = sockets;
        if let Some(c) = self.client.take() {
            // The parent's thread still uses this connection: close only our copy of it.
            drop(c);
        }
        self.tid = child_tid;
        self.role = ThreadRole::Main;
        self.ops = 0;
        self.hooks.clear();
        self.interrupt = None;
        self.take_gil();
        signals::after_fork();
        self.interp().become_fork_child(child_pid, pid, child_tid);
        let os_pid = std::process::id() as i32;
        let _ = self.ask(Ask::Bind { pid: child_pid, os_pid });
        let mut s = self.proc.sched();
        s.rec.push(tickets::next(), self.now_rel(), child_pid, 0, EventKind::OsPid { os_pid });
        drop(s);
        self.pending = Some(Resume::Value(Value::Int(0)));
    }

    fn waitpid(
        &mut self,
        which: i64,
        nohang: bool,
        timeout_ns: Option<u64>,
        seg: Segment,
        mut events: Vec<(u32, u32, EventKind)>,
    ) {
        let target = if which > 0 {
            let known = self.proc.sched().children.iter().find(|c| i64::from(c.0) == which).map(|c| c.1);
            match known {
                Some(os) => os,
                None => {
                    self.record(seg, tickets::next(), &mut events);
                    self.pending =
                        Some(self.raise("ChildProcessError", vec![Value::Int(10), Value::str("No child processes")]));
                    return;
                }
            }
        } else {
            -1
        };
        let mut status = 0;
        // SAFETY: waitpid(2) on this process's own children.
        let mut got = unsafe { libc::waitpid(target, &mut status, libc::WNOHANG) };
        if got == 0 {
            // A child that has ended in the run's order (its exit or kill has its ticket) is
            // reaped now, as the simulator would: the OS is only a moment behind.
            let children = self.proc.sched().children.clone();
            if let Some(&(_, os)) = children.iter().find(|c| (target == -1 || c.1 == target) && tickets::ended(c.0)) {
                // SAFETY: as above, blocking for a child that is about to be gone.
                got = unsafe { libc::waitpid(os, &mut status, 0) };
            }
        }
        if got < 0 {
            self.record(seg, tickets::next(), &mut events);
            self.pending =
                Some(self.raise("ChildProcessError", vec![Value::Int(10), Value::str("No child processes")]));
            return;
        }
        if got > 0 {
            let ticket = tickets::next();
            self.record(seg, ticket, &mut events);
            let lpid = {
                let mut s = self.proc.sched();
                let l = s.children.iter().find(|c| c.1 == got).map(|c| c.0).unwrap_or(0);
                s.children.retain(|c| c.1 != got);
                l
            };
            self.pending = Some(Resume::Value(if timeout_ns.is_some() {
                Value::Int(i64::from(status))
            } else {
                Value::tuple(vec![Value::Int(i64::from(lpid)), Value::Int(i64::from(status))])
            }));
            return;
        }
        if nohang {
            self.record(seg, tickets::next(), &mut events);
            self.pending = Some(Resume::Value(Value::tuple(vec![Value::Int(0), Value::Int(0)])));
            return;
        }
        let (pid, tid) = (self.proc.pid, self.tid);
        events.push((pid, tid, EventKind::Block { reason: format!("waitpid({which})") }));
        self.record(seg, tickets::next(), &mut events);
        self.drop_gil();
        let exited = wait_exit_nowait(target, timeout_ns.map(Duration::from_nanos), self.handles_signals());
        self.take_gil();
        if !exited && self.interrupted() {
            self.pending = None;
            self.interrupt = Some(crate::vm::signals::Entry::Retry);
            return;
        }
        self.pending = Some(if exited { Resume::Retry } else { Resume::Value(Value::None) });
    }

    fn chan(&mut self, r: Request, seg: Segment, mut events: Vec<(u32, u32, EventKind)>) {
        let (pid, tid) = (self.proc.pid, self.tid);
        let (ask, timeout_ns, on_timeout) = match r {
            Request::ChanNew { maxsize, pipe } => (ChanAsk::New { maxsize, pipe }, None, Value::None),
            Request::ChanPut { id, item, block, timeout_ns } => {
                let item = serde_json::to_string(&item).unwrap_or_default();
                (ChanAsk::Put { id, item, block: block && timeout_ns != Some(0) }, timeout_ns, Value::Bool(false))
            }
            Request::ChanGet { id, block, timeout_ns } => (
                ChanAsk::Get { id, block: block && timeout_ns != Some(0) },
                timeout_ns,
                Value::tuple(vec![Value::Bool(false), Value::None]),
            ),
            Request::ChanPoll { id, timeout_ns } => {
                (ChanAsk::Poll { id, block: timeout_ns != Some(0) }, timeout_ns, Value::Bool(false))
            }
            Request::ChanClose { id } => (ChanAsk::Close { id }, None, Value::None),
            Request::ChanSize { id } => (ChanAsk::Size { id }, None, Value::None),
            Request::ChanTaskDone { id } => (ChanAsk::TaskDone { id }, None, Value::None),
            Request::ChanJoin { id } => (ChanAsk::Join { id }, None, Value::None),
            _ => {
                self.record(seg, tickets::next(), &mut events);
                self.pending = Some(self.raise("OSError", vec![Value::str("unsupported request in a real run")]));
                return;
            }
        };
        self.ops += 1;
        let origin = (tid, self.ops);
        let (chan, op_name) = chan_label(&ask);
        // A connection's messages travel over its TCP stream: the broker only orders them.
        let writing = matches!(ask, ChanAsk::Put { .. } | ChanAsk::Close { .. });
        let stream = chan.and_then(|id| self.proc.sched().sockets.stream(id, writing));
        let mut ask = ask;
        let put_item = match &mut ask {
            ChanAsk::Put { item, .. } if stream.is_some() => Some(std::mem::take(item)),
            ChanAsk::Put { item, .. } => Some(item.clone()),
            _ => None,
        };
        let reply = self.ask(Ask::Chan { pid, origin, op: ask, timeout_ns });
        match reply {
            Reply::Done { mut answer, ticket } => {
                if let Some(stream) = &stream {
                    answer = self.socket_io(stream, answer, put_item.as_deref());
                    if op_name == "close" {
                        self.proc.sched().sockets.close(chan.unwrap_or(0));
                    }
                }
                let (item, from) = match &answer {
                    ChanAnswer::Item { item, origin } => (Some(item.clone()), Some([origin.0, origin.1])),
                    ChanAnswer::Bool(true) => (put_item, None),
                    _ => (None, None),
                };
                if let Some(chan) = chan {
                    let ok = !matches!(answer, ChanAnswer::Bool(false) | ChanAnswer::Eof | ChanAnswer::BadChannel);
                    let event = EventKind::Chan { chan, op: op_name.into(), ok, item, from, origin: [tid, self.ops] };
                    events.push((pid, tid, event));
                }
                self.record(seg, ticket, &mut events);
                self.pending = Some(self.chan_answer(answer, &on_timeout));
            }
            Reply::Blocked { ticket } => {
                let reason = format!("{op_name} on queue#{}", chan.unwrap_or(0));
                events.push((pid, tid, EventKind::Block { reason }));
                self.record(seg, ticket, &mut events);
                self.drop_gil();
                let woken = self.wait_wake();
                self.take_gil();
                if self.interrupted() {
                    self.pending = None;
                    self.interrupt = Some(crate::vm::signals::Entry::Retry);
                    return;
                }
                self.pending = Some(if woken { Resume::Retry } else { Resume::Value(on_timeout) });
            }
            other => die(&format!("concsim real: unexpected broker reply {other:?}")),
        }
    }

    /// The bytes of a connection's message: a put the broker accepted is sent, an item the
    /// broker handed over is read from the stream (a placeholder until then). A broken
    /// stream (the peer died between its put and its send) reads as the connection's end.
    fn socket_io(&mut self, stream: &std::net::TcpStream, answer: ChanAnswer, put: Option<&str>) -> ChanAnswer {
        match (answer, put) {
            (ChanAnswer::Bool(true), Some(item)) => {
                // A peer that is gone drops what is sent to it, as the simulator's pipe does.
                let _ = sockets::write_frame(stream, item.as_bytes());
                ChanAnswer::Bool(true)
            }
            (ChanAnswer::Item { origin, .. }, _) => match sockets::read_frame(stream).map(String::from_utf8) {
                Ok(Ok(item)) => ChanAnswer::Item { item, origin },
                _ => ChanAnswer::Eof,
            },
            (other, _) => other,
        }
    }

    /// Waits for the broker's `Wake` (true) or `TimedOut` (false: the broker keeps a blocked
    /// operation's deadline, so a timed wait costs one round trip and ends when the broker's
    /// high resolution timer does, not at the next scheduler tick); a signal for the main
    /// thread's handlers cancels it (see `interrupted`).
    fn wait_wake(&mut self) -> bool {
        loop {
            match self.client().read_timeout(Some(SIGNAL_POLL)) {
                Ok(Some(Reply::Wake)) => return true,
                Ok(Some(Reply::TimedOut { .. })) => return false,
                Ok(Some(other)) => die(&format!("concsim real: unexpected broker message {other:?}")),
                Ok(None) => {
                    deliver_signals();
                    if self.interrupted() {
                        // A signal for the main thread's handlers ends the wait (cancelled
                        // below): the operation is retried after them.
                        break;
                    }
                }
                Err(e) => die(&format!("concsim real: the broker is gone: {e}")),
            }
        }
        // Cancel; a wake already on its way wins (the thread then retries).
        let mut woken = false;
        if let Err(e) = self.client().ask_no_reply(&Ask::Cancel) {
            die(&format!("concsim real: the broker is gone: {e}"));
        }
        loop {
            match self.client().read_timeout(None) {
                Ok(Some(Reply::Wake)) => woken = true,
                Ok(Some(Reply::Cancelled { .. })) => return woken,
                Ok(_) => {}
                Err(e) => die(&format!("concsim real: the broker is gone: {e}")),
            }
        }
    }

    fn chan_answer(&mut self, answer: ChanAnswer, on_timeout: &Value) -> Resume {
        match answer {
            ChanAnswer::Id(id) => Resume::Value(Value::Int(i64::from(id))),
            ChanAnswer::Bool(false) => Resume::Value(on_timeout.clone()),
            ChanAnswer::Bool(true) => Resume::Value(Value::Bool(true)),
            ChanAnswer::Size(n) => Resume::Value(Value::Int(n as i64)),
            ChanAnswer::Unit => Resume::Value(Value::None),
            ChanAnswer::Eof => self.raise("EOFError", vec![]),
            ChanAnswer::BadChannel => self.raise("OSError", vec![Value::Int(9), Value::str("Bad file descriptor")]),
            ChanAnswer::Item { item, .. } => match serde_json::from_str::<crate::vm::pickle::Pickled>(&item)
                .map_err(|e| self.interp().err("OSError", format!("a damaged item: {e}")))
                .and_then(|p| self.interp().unpickle(&p))
            {
                Ok(v) => Resume::Value(Value::tuple(vec![Value::Bool(true), v])),
                Err(Flow::Raise(e)) => Resume::Raise(e),
                Err(Flow::Request(_)) => Resume::Value(Value::None),
            },
        }
    }

    /// A thread's outermost frame returned or raised. Returns false when the OS thread ends.
    fn thread_done(
        &mut self,
        result: Result<Value, Value>,
        seg: Segment,
        mut events: Vec<(u32, u32, EventKind)>,
    ) -> bool {
        let (pid, tid) = (self.proc.pid, self.tid);
        match self.role {
            ThreadRole::Worker => {
                if let Err(exc) = result {
                    let text = self.interp().format_exception(&exc);
                    events.extend(self.write_now(Stream::Stderr, &text));
                }
                events.push((pid, tid, EventKind::ThreadEnd));
                self.record(seg, tickets::next(), &mut events);
                self.ts = ThreadState::default();
                {
                    let mut s = self.proc.sched();
                    for t in s.threads.iter_mut() {
                        if t.tid == tid {
                            t.done = true;
                        }
                        if t.waiting == Some(WaitOn::Thread { tid }) {
                            t.woken = true;
                        }
                    }
                }
                self.drop_gil();
                false
            }
            ThreadRole::Main => {
                let code = match result {
                    Ok(_) => 0,
                    Err(exc) => {
                        let (code, text) = self.interp().exit_status_of(&exc);
                        if let Some(text) = text {
                            events.extend(self.write_now(Stream::Stderr, &text));
                        }
                        code
                    }
                };
                let interp = self.interp();
                let mut hooks = interp.shutdown_hooks.clone();
                hooks.extend(interp.atexit.iter().rev().cloned());
                self.hooks = hooks;
                self.role = ThreadRole::Exiting { code };
                self.after_main_code(code, seg, events);
                true
            }
            ThreadRole::Exiting { code } => {
                if let Err(exc) = result {
                    let text = self.interp().format_exception(&exc);
                    events.extend(
                        self.write_now(Stream::Stderr, &format!("Exception ignored in atexit callback:\n{text}")),
                    );
                }
                self.after_main_code(code, seg, events);
                true
            }
        }
    }

    /// The main thread's code (or an exit hook) has ended: start the next exit hook, or flush
    /// stdout (in this segment, as the simulator does) and end the process.
    fn after_main_code(&mut self, code: i32, seg: Segment, mut events: Vec<(u32, u32, EventKind)>) {
        while !self.hooks.is_empty() {
            let hook = self.hooks.remove(0);
            if let Ok(ts) = self.interp().start_call(&hook, Vec::new()) {
                self.ts = ts;
                self.pending = None;
                self.record(seg, tickets::next(), &mut events);
                return;
            }
        }
        // A normal exit flushes stdout (os._exit and signals do not).
        self.interp().flush_stdout();
        events.extend(self.drain_output(Effects::default()));
        self.record(seg, tickets::next(), &mut events);
        // The simulator's finalization is a decision of its own (a timer of the main thread).
        let start = self.now_rel();
        self.exit_process_now(code, Segment { ticket: 0, start, steps: 0, dur: 0 }, &mut Vec::new());
    }

    /// Writes program output to this process's stdout or stderr; with several hosts each line
    /// starts with `[host] `, as `sim::tag_hosts` shows it (tracked per process here).
    fn show(&self, stream: Stream, text: &str) {
        let fd = if stream == Stream::Stdout { 1 } else { 2 };
        let hosts = &self.proc.ctx.hosts;
        if hosts.len() <= 1 {
            return write_fd(fd, text.as_bytes());
        }
        let tag = format!("[{}] ", hosts[crate::sim::host_of_pid(self.proc.pid).min(hosts.len() - 1)]);
        let mut s = self.proc.sched();
        let tagged = crate::sim::tag_lines(text, &tag, &mut s.line_start[fd as usize - 1]);
        drop(s);
        write_fd(fd, tagged.as_bytes());
    }

    fn write_now(&mut self, stream: Stream, text: &str) -> Vec<(u32, u32, EventKind)> {
        self.show(stream, text);
        let name = if stream == Stream::Stdout { "stdout" } else { "stderr" }.to_string();
        vec![(self.proc.pid, self.tid, EventKind::Write { stream: name, text: text.to_string() })]
    }

    fn exit_process(&mut self, code: i32, seg: Segment, mut events: Vec<(u32, u32, EventKind)>) {
        self.exit_process_now(code, seg, &mut events);
    }

    fn exit_process_now(&mut self, code: i32, seg: Segment, events: &mut Vec<(u32, u32, EventKind)>) -> ! {
        let pid = self.proc.pid;
        let Reply::Ticket { ticket } = self.ask(Ask::Exit { pid }) else {
            die("concsim real: the broker answered out of turn")
        };
        // Death by a signal (negative code) is recorded as the simulator says it: -N.
        events.push((pid, 0, EventKind::ProcExit { code: if code < 0 { code } else { code & 0xff } }));
        self.record(seg, ticket, events);
        self.proc.sched().rec.flush();
        if code < 0 {
            // Death by a signal (an uncaught KeyboardInterrupt re-raises SIGINT, as CPython).
            // SAFETY: signal/sigprocmask/raise on ourselves, then _exit should it survive.
            unsafe {
                libc::signal(-code, libc::SIG_DFL);
                let mut set: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut set);
                libc::sigaddset(&mut set, -code);
                libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
                libc::raise(-code);
            }
        }
        // SAFETY: _exit(2): the process ends here without running Rust destructors or atexit.
        unsafe { libc::_exit(code & 0xff) }
    }
}

/// What a segment's slices printed and did to files, for the trace.
#[derive(Default)]
struct Effects {
    out: Vec<(Stream, String)>,
    files: Vec<(&'static str, String, u64)>,
}

struct Segment {
    /// The ticket drawn as the segment began: where a segment that ends inside its own
    /// process sits in the run's order (what it read of other processes — is my parent
    /// alive? — it read as it began).
    ticket: u64,
    start: u64,
    steps: u64,
    dur: u64,
}

fn chan_label(ask: &ChanAsk) -> (Option<u32>, &'static str) {
    match ask {
        ChanAsk::Put { id, .. } => (Some(*id), "put"),
        ChanAsk::Get { id, .. } => (Some(*id), "get"),
        ChanAsk::New { .. } => (None, "new"),
        ChanAsk::Poll { id, .. } => (Some(*id), "poll"),
        ChanAsk::Close { id } => (Some(*id), "close"),
        ChanAsk::Size { .. } => (None, "size"),
        ChanAsk::TaskDone { id } => (Some(*id), "task_done"),
        ChanAsk::Join { id } => (Some(*id), "join"),
    }
}

/// Before a signal that may end this very process, its trace reaches the disk.
fn flush_before_death(r: &Runner) {
    r.proc.sched().rec.flush();
}

/// Waits (without reaping) until `target` (or any child, -1) has exited; false on timeout.
/// With `interruptible`, a signal for the main thread's handlers ends the wait too (false).
fn wait_exit_nowait(target: i32, timeout: Option<Duration>, interruptible: bool) -> bool {
    let (idtype, id) = if target > 0 { (libc::P_PID, target as libc::id_t) } else { (libc::P_ALL, 0) };
    let deadline = timeout.map(|t| Instant::now() + t);
    let mut pause = Duration::from_micros(50);
    loop {
        // SAFETY: waitid(2) into a zeroed siginfo; WNOWAIT leaves the child to be reaped.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let flags = libc::WEXITED | libc::WNOWAIT | libc::WNOHANG;
        let r = unsafe { libc::waitid(idtype, id, &mut info, flags) };
        if r < 0 {
            let err = std::io::Error::last_os_error();
            if err.raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return true;
        }
        // SAFETY: filled in by waitid above.
        if unsafe { info.si_pid() } != 0 {
            return true;
        }
        deliver_signals();
        if deadline.is_some_and(|d| Instant::now() >= d) || (interruptible && signals::any_pending()) {
            return false;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(2));
    }
}

/// The signals a program's processes receive only at safe points: between two recorded
/// segments, never between a channel operation and its record (see `deliver_signals`).
fn deferred_signals() -> nix::sys::signal::SigSet {
    signals::managed()
}

/// Blocks the deferred signals in this thread (threads and forked children inherit it) and
/// installs the handler that follows the program's dispositions (`signals`).
pub fn defer_signals() {
    let _ = deferred_signals().thread_block();
    signals::install();
}

/// A safe point: a deferred signal that is pending is delivered now — its default action
/// ends the process, with the status the parent expects; a handled one waits for the main
/// thread (`signals::PENDING`).
fn deliver_signals() {
    let Ok(pending) = nix_sigpending() else { return };
    if deferred_signals().iter().any(|s| pending.contains(s)) {
        let _ = deferred_signals().thread_unblock();
        let _ = deferred_signals().thread_block();
    }
}

fn nix_sigpending() -> nix::Result<nix::sys::signal::SigSet> {
    let mut raw: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: sigpending(2) into a zeroed set.
    if unsafe { libc::sigpending(&mut raw) } < 0 {
        return Err(nix::errno::Errno::last());
    }
    // SAFETY: filled in by sigpending.
    Ok(unsafe { nix::sys::signal::SigSet::from_sigset_t_unchecked(raw) })
}

/// How long a wait goes without looking for a deferred signal.
const SIGNAL_POLL: Duration = Duration::from_millis(20);

/// This process was killed; its signal is on its way: wait for it, doing nothing more.
fn await_death() -> ! {
    let _ = deferred_signals().thread_unblock();
    loop {
        // SAFETY: pause(2) until a signal (the fatal one) arrives.
        unsafe { libc::pause() };
    }
}

pub fn write_fd(fd: i32, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: write(2) from a live slice.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if n < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return;
        }
        bytes = &bytes[n as usize..];
    }
}

pub fn die(msg: &str) -> ! {
    write_fd(2, format!("{msg}\n").as_bytes());
    // SAFETY: _exit(2).
    unsafe { libc::_exit(70) }
}

/// A host's main process's first events: its host (when the run has several), its start,
/// its OS pid and its main thread `tid`.
pub fn boot_events(proc: &RealProcess, name: &str, tid: u32) {
    let t = tickets::now_ns().saturating_sub(proc.ctx.t0);
    let mut s = proc.sched();
    let host = crate::sim::host_of_pid(proc.pid);
    if proc.ctx.hosts.len() > 1 {
        let (name, addr) = (proc.ctx.hosts[host].clone(), format!("10.0.0.{}", host + 1));
        s.rec.push(tickets::next(), t, proc.pid, 0, EventKind::Host { name, addr });
    }
    let ppid = proc.pid - 1;
    s.rec.push(tickets::next(), t, proc.pid, 0, EventKind::ProcStart { ppid, name: name.to_string() });
    s.rec.push(tickets::next(), t, proc.pid, 0, EventKind::OsPid { os_pid: std::process::id() as i32 });
    let ident = crate::vm::modules::ident_of(tid);
    s.rec.push(tickets::next(), t, proc.pid, tid, EventKind::ThreadStart { name: "MainThread".into(), ident });
    s.rec.flush();
}
