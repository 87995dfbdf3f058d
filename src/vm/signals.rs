//! Signals as a process's interpreter sees them: the handler table `signal.signal` fills, the
//! disposition the kernel (or the real runner) reads when a signal arrives, and the hand-over
//! that runs the handlers of pending signals in the main thread: a frame of the `signal`
//! prelude's `_run_handlers` pushed at an instruction boundary, so a handler runs as Python
//! code of that thread (it may block; what it raises propagates from the interrupted
//! instruction, with CPython's traceback).
//! Invariant: the kernel decides when signals are handled and which wait they interrupt;
//! this file only decides how, and touches a thread only between two instructions.

use super::frame::OnReturn;
use super::value::Value;
use super::{Interp, RunEnd, ThreadState};

/// Signal numbers are 1..NSIG (Linux: 64 signals).
pub const NSIG: i32 = 65;
pub const SIGINT: i32 = 2;
pub const SIGKILL: i32 = 9;
pub const SIGPIPE: i32 = 13;
pub const SIGSTOP: i32 = 19;
pub const SIGXFSZ: i32 = 25;

/// Linux's signals with their names and `strsignal` texts (CPython's `signal.Signals`).
pub const SIGNALS: &[(&str, i32, &str)] = &[
    ("SIGHUP", 1, "Hangup"),
    ("SIGINT", 2, "Interrupt"),
    ("SIGQUIT", 3, "Quit"),
    ("SIGILL", 4, "Illegal instruction"),
    ("SIGTRAP", 5, "Trace/breakpoint trap"),
    ("SIGABRT", 6, "Aborted"),
    ("SIGBUS", 7, "Bus error"),
    ("SIGFPE", 8, "Floating point exception"),
    ("SIGKILL", 9, "Killed"),
    ("SIGUSR1", 10, "User defined signal 1"),
    ("SIGSEGV", 11, "Segmentation fault"),
    ("SIGUSR2", 12, "User defined signal 2"),
    ("SIGPIPE", 13, "Broken pipe"),
    ("SIGALRM", 14, "Alarm clock"),
    ("SIGTERM", 15, "Terminated"),
    ("SIGSTKFLT", 16, "Stack fault"),
    ("SIGCHLD", 17, "Child exited"),
    ("SIGCONT", 18, "Continued"),
    ("SIGSTOP", 19, "Stopped (signal)"),
    ("SIGTSTP", 20, "Stopped"),
    ("SIGTTIN", 21, "Stopped (tty input)"),
    ("SIGTTOU", 22, "Stopped (tty output)"),
    ("SIGURG", 23, "Urgent I/O condition"),
    ("SIGXCPU", 24, "CPU time limit exceeded"),
    ("SIGXFSZ", 25, "File size limit exceeded"),
    ("SIGVTALRM", 26, "Virtual timer expired"),
    ("SIGPROF", 27, "Profiling timer expired"),
    ("SIGWINCH", 28, "Window changed"),
    ("SIGIO", 29, "I/O possible"),
    ("SIGPWR", 30, "Power failure"),
    ("SIGSYS", 31, "Bad system call"),
    ("SIGRTMIN", 34, "Real-time signal 0"),
    ("SIGRTMAX", 64, "Real-time signal 30"),
];

/// The process's signal state that lives with its heap (and is copied by `fork`).
#[derive(Default)]
pub struct SignalState {
    /// Handlers set by `signal.signal`: `Int(0)` SIG_DFL, `Int(1)` SIG_IGN or a callable.
    /// A signal not listed has its startup disposition (`startup_handler`).
    pub handlers: Vec<(i32, Value)>,
    /// `signal.default_int_handler`, once `_signal` is imported (SIGINT's startup handler).
    pub default_int_handler: Option<Value>,
    /// The process's main thread: the only one that may set handlers and that runs them.
    pub main_tid: u32,
    /// Counts changes of `handlers` (a real process publishes its dispositions on change).
    pub version: u64,
}

/// What a signal does to a process when it arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// The default action ends the process (killed by the signal).
    Terminate,
    /// Discarded: SIG_IGN, or a signal whose default action is to ignore it.
    Ignore,
    /// A stop signal's default action (concsim does not stop processes).
    Stop,
    /// A Python handler runs in the main thread.
    Handler,
}

/// How the main thread is entered to run handlers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// Between two instructions (the thread was ready or running).
    Boundary,
    /// A blocking call was interrupted: after the handlers it is executed again (a lock's
    /// acquire, a join, a channel wait, `waitpid`).
    Retry,
    /// A blocking call was interrupted and ends with the handlers: `signal.pause()`
    /// (`resleep_ns` None) or `time.sleep`, which sleeps on for the time it had left
    /// (PEP 475).
    Replace { resleep_ns: Option<u64> },
}

/// The signals a process survives at startup (bit N: signal N): SIGINT (its handler raises
/// KeyboardInterrupt), SIGPIPE and SIGXFSZ (CPython ignores them), those ignored by default,
/// and the stop signals (19-22: they stop it).
pub const STARTUP_SURVIVE: u64 =
    1 << SIGINT | 1 << SIGPIPE | 1 << SIGXFSZ | 1 << 17 | 1 << 18 | 0xf << 19 | 1 << 23 | 1 << 28;

/// What `alarm` (whole seconds left, rounded as alarm(2) does: 1 rather than 0 for an armed
/// timer) or `setitimer`/`getitimer` (`(seconds, interval)`) answer about the previous timer.
pub fn timer_answer(left_ns: u64, interval_ns: u64, alarm: bool) -> Value {
    if alarm {
        let secs = (left_ns + 500_000_000) / 1_000_000_000;
        Value::Int(if left_ns > 0 && secs == 0 { 1 } else { secs as i64 })
    } else {
        Value::tuple(vec![Value::Float(left_ns as f64 / 1e9), Value::Float(interval_ns as f64 / 1e9)])
    }
}

/// Signals whose default action is to ignore them (signal(7)).
pub fn ignored_by_default(sig: i32) -> bool {
    matches!(sig, 17 | 18 | 23 | 28)
}

pub fn is_stop(sig: i32) -> bool {
    matches!(sig, 19..=22)
}

impl Interp {
    /// The handler of `sig` as `signal.getsignal` reports it.
    pub fn signal_handler(&self, sig: i32) -> Value {
        if let Some((_, h)) = self.signals.handlers.iter().find(|(s, _)| *s == sig) {
            return h.clone();
        }
        match sig {
            SIGINT => self.signals.default_int_handler.clone().unwrap_or(Value::Int(0)),
            SIGPIPE | SIGXFSZ => Value::Int(1),
            _ => Value::Int(0),
        }
    }

    pub fn set_signal_handler(&mut self, sig: i32, handler: Value) {
        self.signals.handlers.retain(|(s, _)| *s != sig);
        self.signals.handlers.push((sig, handler));
        self.signals.version += 1;
    }

    /// What `sig` does to this process now.
    pub fn signal_disposition(&self, sig: i32) -> Disposition {
        if sig == SIGKILL {
            return Disposition::Terminate;
        }
        if sig == SIGSTOP {
            return Disposition::Stop;
        }
        let own = self.signals.handlers.iter().find(|(s, _)| *s == sig).map(|(_, h)| h);
        match own {
            None if sig == SIGINT => Disposition::Handler,
            None if sig == SIGPIPE || sig == SIGXFSZ => Disposition::Ignore,
            Some(Value::Int(1)) => Disposition::Ignore,
            None | Some(Value::Int(0)) if ignored_by_default(sig) => Disposition::Ignore,
            None | Some(Value::Int(0)) if is_stop(sig) => Disposition::Stop,
            None | Some(Value::Int(0)) => Disposition::Terminate,
            Some(_) => Disposition::Handler,
        }
    }

    /// The signals this process survives now (handled or ignored; bit N: signal N), and
    /// those with a Python handler.
    pub fn signal_masks(&self) -> (u64, u64) {
        let (mut survive, mut handled) = (0u64, 0u64);
        for sig in 1..64 {
            match self.signal_disposition(sig) {
                Disposition::Handler => {
                    survive |= 1 << sig;
                    handled |= 1 << sig;
                }
                Disposition::Ignore | Disposition::Stop => survive |= 1 << sig,
                Disposition::Terminate => {}
            }
        }
        (survive, handled)
    }

    /// Runs the handlers of `sigs` (in this order) in the main thread `ts`, entered as
    /// `entry` says: pushes a frame of `signal._run_handlers`. Returns an outcome when the
    /// thread cannot go on (the prelude is missing: never, short of a broken build).
    pub fn enter_signal_handlers(&mut self, ts: &mut ThreadState, sigs: &[i32], entry: Entry) -> Option<RunEnd> {
        let Some(Value::Function(f)) = self.signal_prelude_function("_run_handlers") else {
            return None;
        };
        let list = Value::list(sigs.iter().map(|&s| Value::Int(i64::from(s))).collect());
        let on_return = match entry {
            Entry::Boundary => OnReturn::Discard,
            Entry::Retry => {
                // The call's operands stay on the stack: it runs again after the handlers.
                ts.suspended = None;
                OnReturn::Discard
            }
            Entry::Replace { .. } => {
                // The handlers' frame takes the call's place: its result is the call's.
                let items = ts.suspended.take().map(|s| s.items).unwrap_or(0);
                let len = ts.stack.len();
                ts.stack.truncate(len.saturating_sub(items));
                if let Some(fr) = ts.frames.last_mut() {
                    fr.pc += 1;
                }
                OnReturn::Push
            }
        };
        let resleep = match entry {
            Entry::Replace { resleep_ns: Some(ns) } => Value::Int(ns.min(i64::MAX as u64) as i64),
            _ => Value::None,
        };
        match self.bind_frame(&f, vec![list, resleep], Vec::new()) {
            Ok(mut frame) => {
                frame.base = ts.stack.len();
                frame.on_return = on_return;
                ts.frames.push(frame);
                None
            }
            Err(super::Flow::Raise(e)) => self.raise_in(ts, e, true),
            Err(super::Flow::Request(_)) => None,
        }
    }

    /// A function of the `signal` prelude, importing it (its body runs to its end here: it
    /// only defines things) when the program has not.
    fn signal_prelude_function(&mut self, name: &str) -> Option<Value> {
        if let Some(Value::Module(m)) = self.modules.get("signal") {
            return m.get(name);
        }
        let super::import::Imported::RunBody(frame) = self.import_module("signal").ok()? else {
            return match self.modules.get("signal") {
                Some(Value::Module(m)) => m.get(name),
                _ => None,
            };
        };
        let mut ts = ThreadState::default();
        ts.frames.push(*frame);
        // Inside the current instruction: a nested run, never a slice's end.
        let _ = self.run_nested(&mut ts);
        match self.modules.get("signal") {
            Some(Value::Module(m)) => m.get(name),
            _ => None,
        }
    }
}
