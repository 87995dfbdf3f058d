//! Signals, interval timers and process groups in the simulated kernel. A signal sent to a
//! process (`os.kill`, `killpg`, `raise_signal`, its `alarm`) meets the disposition its heap
//! holds (`Interp::signal_disposition`): the default action ends the process (status = the
//! signal, exit code -N), an ignored one is dropped, a handled one becomes pending on the
//! process and interrupts its main thread's wait (`Thread::interrupt`); the main thread runs
//! the handlers at the start of its next slice (`take_signals`, handed to
//! `Interp::enter_signal_handlers` by `run_slice`: the one seam between kernel and VM here).
//! Invariant: handlers run only in a process's main thread and only between two
//! instructions; pending signals and timers are not inherited by a fork child, handlers are.

use super::{Machine, RunState, ThreadRole};
use crate::limits::SIGNAL_EXIT_NS;
use crate::trace::EventKind;
use crate::vm::request::{PgOp, Resume, WaitOn};
use crate::vm::signals::{Disposition, Entry};
use crate::vm::value::Value;

const SIGALRM: i32 = 14;
const SIGCONT: i32 = 18;

impl Machine {
    /// `os.kill(target, sig)` from thread `tid`.
    pub(super) fn kill_request(&mut self, tid: u32, target: u32, sig: i32, now: u64) {
        let pid = self.thread_pid(tid);
        let exists = self.pid_index.get(&target).is_some_and(|&i| !self.procs[i].reaped);
        if !exists {
            return self.raise(tid, pid, now, "ProcessLookupError", vec![Value::Int(3), Value::str("No such process")]);
        }
        self.send_signal_from(Some(pid), target, sig, now);
        self.after_kill(tid, pid, target == pid, now);
    }

    /// `os.killpg(pgid, sig)` (and `os.kill(0 or -pgid, sig)`): every process of the group,
    /// the caller's own last.
    pub(super) fn killpg_request(&mut self, tid: u32, pgid: i64, sig: i32, now: u64) {
        let pid = self.thread_pid(tid);
        let pi = self.proc_of(pid);
        let group = if pgid == 0 { self.procs[pi].pgid } else { pgid.clamp(0, i64::from(u32::MAX)) as u32 };
        let mut members: Vec<u32> =
            self.procs.iter().filter(|p| p.pgid == group && !p.reaped && p.status.is_none()).map(|p| p.pid).collect();
        if members.is_empty() {
            return self.raise(tid, pid, now, "ProcessLookupError", vec![Value::Int(3), Value::str("No such process")]);
        }
        let mine = members.contains(&pid);
        members.retain(|&p| p != pid);
        if mine {
            members.push(pid);
        }
        for m in members {
            self.send_signal_from(Some(pid), m, sig, now);
        }
        self.after_kill(tid, pid, mine, now);
    }

    /// The sender goes on (unless the signal ended its own process); a process that
    /// signalled itself handles the signal before anything else runs, as CPython does at
    /// the eval breaker right after the call.
    fn after_kill(&mut self, tid: u32, pid: u32, to_self: bool, now: u64) {
        let ti = (tid - 1) as usize;
        if self.threads[ti].state == RunState::Done {
            return;
        }
        self.make_ready(tid, now, Resume::Value(Value::None));
        let pi = self.proc_of(pid);
        if to_self && self.procs[pi].pending_signals != 0 {
            let main = self.procs[pi].interp.signals.main_tid;
            if let Some(m) = self.threads.get_mut((main.max(1) - 1) as usize) {
                m.ready_seq = 0;
            }
        }
    }

    /// Delivers `sig` to process `target` (0 only checks it exists): a stop signal's default
    /// action stops it (its threads do not run) until SIGCONT.
    pub(super) fn send_signal(&mut self, target: u32, sig: i32, now: u64) {
        self.send_signal_from(None, target, sig, now)
    }

    /// `send_signal` by process `sender` (None: the kernel itself). A default action that
    /// kills another process ends it at once, but its teardown takes `SIGNAL_EXIT_NS`: its
    /// parent sees it alive until then (`terminate(); is_alive()` is True in CPython).
    fn send_signal_from(&mut self, sender: Option<u32>, target: u32, sig: i32, now: u64) {
        if sig == 0 {
            return;
        }
        let pi = self.proc_of(target);
        if self.procs[pi].status.is_some() {
            return;
        }
        // SIGCONT continues a stopped process whatever its disposition (signal(7)).
        if sig == SIGCONT && self.procs[pi].stopped {
            self.procs[pi].stopped = false;
            self.emit(now, target, 0, EventKind::Wake { reason: "continued (SIGCONT)".into() });
        }
        match self.procs[pi].interp.signal_disposition(sig) {
            // Replaying a real run: the real backend ends a killed child at the kill (it waits
            // for the OS), so the replay has no teardown either.
            Disposition::Terminate if sender.is_some_and(|s| s != target) && !self.replay_real() => {
                self.procs[pi].reapable_at = Some(now + SIGNAL_EXIT_NS);
                self.exit_process(target, sig & 0x7f, now);
            }
            Disposition::Terminate => self.exit_process(target, sig & 0x7f, now),
            Disposition::Ignore => {}
            Disposition::Stop => {
                if !self.procs[pi].stopped {
                    self.procs[pi].stopped = true;
                    self.emit(now, target, 0, EventKind::Block { reason: format!("stopped (signal {sig})") });
                }
            }
            // Replaying a real run, handled signals arrive as inputs (`feed_signals`), where
            // the real main thread took them.
            Disposition::Handler if self.replay_real() => {}
            Disposition::Handler => {
                self.procs[pi].pending_signals |= 1u64 << (sig as u64 & 63);
                self.interrupt_main(pi, sig, now);
            }
        }
    }

    /// Replaying a real run: the signals whose handlers the real main thread of process `pi`
    /// entered at the start of the next decision become pending there (interrupting its
    /// wait as they did).
    pub(super) fn feed_signals(&mut self, pi: usize, sigs: &[i32]) {
        if sigs.is_empty() {
            return;
        }
        let now = self.procs[pi].gil_free_at;
        for &sig in sigs {
            self.procs[pi].pending_signals |= 1u64 << (sig as u64 & 63);
            // The real timer fired (a replay's timers do not: real time decided when).
            if sig == SIGALRM {
                if let Some((at, interval)) = self.procs[pi].itimer {
                    self.procs[pi].itimer = (interval > 0).then_some((at.max(now) + interval, interval));
                }
            }
        }
        let main = self.procs[pi].interp.signals.main_tid;
        let now = self.threads.get((main.max(1) - 1) as usize).map_or(now, |t| now.max(t.ready_at));
        self.interrupt_main(pi, sigs[0], now);
    }

    /// A handled signal is pending: the process's main thread stops waiting (its wait is
    /// retried, or, for a sleep or `pause`, ends with the handlers) and will run them.
    fn interrupt_main(&mut self, pi: usize, sig: i32, now: u64) {
        let pid = self.procs[pi].pid;
        let main = self.procs[pi].interp.signals.main_tid;
        let Some(th) = self.threads.get((main.max(1) - 1) as usize) else { return };
        if th.pid != pid || !matches!(th.role, ThreadRole::Main | ThreadRole::Exiting { .. }) {
            return;
        }
        let entry = match &th.state {
            RunState::Sleeping => Entry::Replace { resleep_ns: Some(th.wake_at.unwrap_or(now).saturating_sub(now)) },
            RunState::Blocked(WaitOn::Signal) => Entry::Replace { resleep_ns: None },
            RunState::Blocked(_) => Entry::Retry,
            RunState::Ready | RunState::Done => return,
        };
        let deadline = match (&th.state, th.wake_at) {
            (RunState::Blocked(_), Some(w)) => Some((w, th.ts.frames.len())),
            _ => None,
        };
        self.make_ready(main, now, Resume::Retry);
        let th = &mut self.threads[(main - 1) as usize];
        th.pending = None;
        th.interrupt = Some(entry);
        th.retry_deadline = deadline;
        self.emit(now, pid, main, EventKind::Wake { reason: format!("signal {sig}") });
    }

    /// The deadline of an interrupted timed wait, when the request thread `ti` just made is
    /// that wait's retry (made at the waiting call's depth, after the handlers' frames);
    /// kept while the handlers' own requests go by, dropped once the call is left.
    pub(super) fn retry_deadline(&mut self, ti: usize) -> Option<u64> {
        let th = &mut self.threads[ti];
        let (deadline, depth) = th.retry_deadline?;
        let now_depth = th.ts.frames.len();
        if now_depth > depth {
            return None;
        }
        th.retry_deadline = None;
        (now_depth == depth).then_some(deadline)
    }

    /// A retried timed wait ends when the interrupted one would have (CPython recomputes
    /// the timeout left after running the handlers).
    pub(super) fn clamp_wait(&mut self, ti: usize, deadline: Option<u64>) {
        let Some(d) = deadline else { return };
        let th = &mut self.threads[ti];
        if matches!(th.state, RunState::Blocked(_) | RunState::Sleeping) {
            if let Some(w) = th.wake_at {
                th.wake_at = Some(w.min(d));
            }
        }
    }

    /// The signals thread `ti` of process `pi` handles at the start of its slice, in signal
    /// order (taken: they are no longer pending), and how it is entered.
    pub(super) fn take_signals(&mut self, ti: usize, pi: usize) -> Option<(Vec<i32>, Entry)> {
        let th = &mut self.threads[ti];
        let interrupt = th.interrupt.take();
        let p = &mut self.procs[pi];
        if p.pending_signals == 0
            || p.interp.signals.main_tid != th.tid
            || !matches!(th.role, ThreadRole::Main | ThreadRole::Exiting { .. })
        {
            return None;
        }
        let bits = std::mem::take(&mut p.pending_signals);
        let sigs = (1..64).filter(|s| bits & (1u64 << s) != 0).collect();
        Some((sigs, interrupt.unwrap_or(Entry::Boundary)))
    }

    /// `signal.alarm`/`setitimer`/`getitimer` of the calling process.
    pub(super) fn timer_request(&mut self, tid: u32, set: Option<(u64, u64)>, alarm: bool, now: u64) {
        let pid = self.thread_pid(tid);
        let pi = self.proc_of(pid);
        let (left, interval) = self.procs[pi].itimer.map_or((0, 0), |(at, iv)| (at.saturating_sub(now), iv));
        let answer = crate::vm::signals::timer_answer(left, interval, alarm);
        if let Some((value, interval)) = set {
            self.procs[pi].itimer = if value == 0 { None } else { Some((now + value, interval)) };
        }
        self.make_ready(tid, now, Resume::Value(answer));
    }

    /// `signal.pause()`: waits for a signal (the handlers end it, see `interrupt_main`).
    pub(super) fn pause_request(&mut self, tid: u32, now: u64) {
        self.block_on(tid, WaitOn::Signal, None, now, Value::None);
    }

    /// When the next interval timer of a live process fires.
    /// The processes killed by a signal whose teardown is over reach their parents.
    pub(super) fn end_teardowns(&mut self, now: u64) {
        let due: Vec<(u32, u64)> =
            self.procs.iter().filter_map(|p| p.reapable_at.filter(|&at| at <= now).map(|at| (p.pid, at))).collect();
        for (pid, at) in due {
            let pi = self.proc_of(pid);
            self.procs[pi].reapable_at = None;
            self.tell_parent(pid, at);
        }
    }

    pub(super) fn next_itimer(&self) -> Option<u64> {
        self.procs.iter().filter(|p| p.status.is_none()).filter_map(|p| p.itimer.map(|t| t.0)).min()
    }

    /// Fires the interval timers due by `now`: SIGALRM to their process.
    pub(super) fn fire_itimers(&mut self, now: u64) {
        let due: Vec<(usize, u64)> = (0..self.procs.len())
            .filter_map(|i| {
                let p = &self.procs[i];
                p.itimer.filter(|&(at, _)| at <= now && p.status.is_none()).map(|(at, _)| (i, at))
            })
            .collect();
        for (i, at) in due {
            let (pid, interval) = (self.procs[i].pid, self.procs[i].itimer.map_or(0, |t| t.1));
            self.procs[i].itimer = if interval > 0 { Some((at + interval, interval)) } else { None };
            self.send_signal(pid, SIGALRM, at);
        }
    }

    /// `os.getpgid`, `setpgid`, `setsid`, `getsid` (`getpgrp`, `setpgrp`).
    pub(super) fn pg_request(&mut self, tid: u32, op: PgOp, now: u64) {
        let pid = self.thread_pid(tid);
        let pi = self.proc_of(pid);
        let lookup = |m: &Machine, p: i64| -> Option<usize> {
            if p == 0 {
                return Some(pi);
            }
            let p = u32::try_from(p).ok()?;
            m.pid_index.get(&p).copied().filter(|&i| !m.procs[i].reaped)
        };
        let no_such = |m: &mut Machine| {
            m.raise(tid, pid, now, "ProcessLookupError", vec![Value::Int(3), Value::str("No such process")])
        };
        let eperm = |m: &mut Machine| {
            m.raise(tid, pid, now, "PermissionError", vec![Value::Int(1), Value::str("Operation not permitted")])
        };
        match op {
            PgOp::GetPgid { pid: p } => match lookup(self, p) {
                Some(i) => self.make_ready(tid, now, Resume::Value(Value::Int(i64::from(self.procs[i].pgid)))),
                None => no_such(self),
            },
            PgOp::GetSid { pid: p } => match lookup(self, p) {
                Some(i) => self.make_ready(tid, now, Resume::Value(Value::Int(i64::from(self.procs[i].sid)))),
                None => no_such(self),
            },
            PgOp::SetPgid { pid: p, pgid } => {
                let Some(i) = lookup(self, p).filter(|&i| i == pi || self.procs[i].ppid == pid) else {
                    return no_such(self);
                };
                if pgid < 0 {
                    return self.raise(tid, pid, now, "OSError", vec![Value::Int(22), Value::str("Invalid argument")]);
                }
                let target = self.procs[i].pid;
                let group = if pgid == 0 { target } else { pgid as u32 };
                let sid = self.procs[i].sid;
                let leader = self.procs[i].sid == target;
                let group_ok = group == target || self.procs.iter().any(|q| q.pgid == group && q.sid == sid);
                if leader || sid != self.procs[pi].sid || !group_ok {
                    return eperm(self);
                }
                self.procs[i].pgid = group;
                self.make_ready(tid, now, Resume::Value(Value::None));
            }
            PgOp::SetSid => {
                if self.procs[pi].pgid == pid {
                    return eperm(self);
                }
                self.procs[pi].pgid = pid;
                self.procs[pi].sid = pid;
                self.make_ready(tid, now, Resume::Value(Value::None));
            }
        }
    }
}
