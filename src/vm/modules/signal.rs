//! `_signal`, the native half of `signal` (the prelude `py/signal.py` builds the enums on
//! it), and the process-group functions of `os` (`getpgrp`, `setpgrp`, `getpgid`, `setpgid`,
//! `setsid`, `getsid`, `killpg`). Invariant: the handler table lives in the heap
//! (`Interp::signals`); everything that sends a signal, arms a timer or waits for a signal is
//! a kernel `Request`, answered with CPython's values and errors.

use super::{arg, float_arg, int_arg};
use crate::vm::request::{PgOp, Request};
use crate::vm::signals::{NSIG, SIGKILL, SIGNALS, SIGSTOP};
use crate::vm::value::{Module, NativeFn, Value};
use crate::vm::{Flow, Interp, Kwargs};

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("signal", signal),
    ("getsignal", getsignal),
    ("strsignal", strsignal),
    ("valid_signals", valid_signals),
    ("alarm", alarm),
    ("pause", pause),
    ("raise_signal", raise_signal),
    ("pthread_kill", pthread_kill),
    ("setitimer", setitimer),
    ("getitimer", getitimer),
    ("siginterrupt", siginterrupt),
    ("set_wakeup_fd", unsupported_set_wakeup_fd),
    ("pthread_sigmask", unsupported_pthread_sigmask),
    ("sigwait", unsupported_sigwait),
    ("sigpending", unsupported_sigpending),
    ("_sleep_ns", sleep_ns),
];

pub const OS_FUNCTIONS: &[(&str, NativeFn)] = &[
    ("getpgrp", getpgrp),
    ("setpgrp", setpgrp),
    ("getpgid", getpgid),
    ("setpgid", setpgid),
    ("setsid", setsid),
    ("getsid", getsid),
    ("killpg", killpg),
];

pub fn init(it: &mut Interp, m: &Module) {
    let mut pairs = Vec::new();
    for (name, n, _) in SIGNALS {
        m.set(name, Value::Int(i64::from(*n)));
        pairs.push(Value::tuple(vec![Value::str(name), Value::Int(i64::from(*n))]));
    }
    m.set("_signals", Value::list(pairs));
    for (name, n) in [("SIGIOT", 6), ("SIGPOLL", 29), ("SIGCLD", 17), ("NSIG", NSIG)] {
        m.set(name, Value::Int(i64::from(n)));
    }
    for (name, n) in [("ITIMER_REAL", 0), ("ITIMER_VIRTUAL", 1), ("ITIMER_PROF", 2), ("SIG_DFL", 0), ("SIG_IGN", 1)] {
        m.set(name, Value::Int(n));
    }
    for (name, n) in [("SIG_BLOCK", 0), ("SIG_UNBLOCK", 1), ("SIG_SETMASK", 2)] {
        m.set(name, Value::Int(n));
    }
    if let Some(os_error) = it.types.exceptions.get("OSError") {
        m.set("ItimerError", Value::Class(os_error.clone()));
    }
    let handler = it.signals.default_int_handler.clone().unwrap_or_else(|| {
        let h = super::builtin("default_int_handler", default_int_handler);
        it.signals.default_int_handler = Some(h.clone());
        h
    });
    m.set("default_int_handler", handler);
}

fn sig_arg(it: &Interp, args: &[Value], kw: &Kwargs, i: usize, name: &str, func: &str) -> Result<i32, Flow> {
    match arg(args, kw, i, name) {
        Some(v) => int_arg(it, v, func).map(|n| n.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32),
        None => Err(it.err("TypeError", format!("{func} missing required argument '{name}' (pos {})", i + 1))),
    }
}

fn in_range(it: &Interp, sig: i32) -> Result<(), Flow> {
    if !(1..NSIG).contains(&sig) {
        return Err(it.err("ValueError", "signal number out of range"));
    }
    Ok(())
}

fn is_main_thread(it: &Interp) -> bool {
    it.signals.main_tid == 0 || it.signals.main_tid == it.tid
}

fn callable(it: &Interp, v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Builtin(_) | Value::BoundMethod(_) | Value::Class(_) => true,
        Value::Instance(_) | Value::Native(_) => it.class_of(v).lookup("__call__").is_some(),
        _ => false,
    }
}

fn signal(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let sig = sig_arg(it, args, kw, 0, "signalnum", "signal()")?;
    let Some(handler) = arg(args, kw, 1, "handler").cloned() else {
        return Err(it.err("TypeError", "signal() missing required argument 'handler' (pos 2)"));
    };
    if !is_main_thread(it) {
        return Err(it.err("ValueError", "signal only works in main thread of the main interpreter"));
    }
    in_range(it, sig)?;
    let handler = match handler {
        h if callable(it, &h) => h,
        Value::Int(n @ (0 | 1)) => Value::Int(n),
        Value::Bool(b) => Value::Int(i64::from(b)),
        _ => {
            return Err(
                it.err("TypeError", "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
            )
        }
    };
    if sig == SIGKILL || sig == SIGSTOP || sig == 32 || sig == 33 {
        return Err(it.err_args("OSError", vec![Value::Int(22), Value::str("Invalid argument")]));
    }
    let old = it.signal_handler(sig);
    it.set_signal_handler(sig, handler);
    Ok(old)
}

fn getsignal(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let sig = sig_arg(it, args, kw, 0, "signalnum", "getsignal()")?;
    in_range(it, sig)?;
    Ok(it.signal_handler(sig))
}

fn default_int_handler(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Err(it.err_args("KeyboardInterrupt", Vec::new()))
}

fn strsignal(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let sig = sig_arg(it, args, kw, 0, "signalnum", "strsignal()")?;
    in_range(it, sig)?;
    if let Some((_, _, text)) = SIGNALS.iter().find(|(_, n, _)| *n == sig) {
        return Ok(Value::str(text));
    }
    Ok(match sig {
        32 | 33 => Value::str(&format!("Unknown signal {sig}")),
        _ => Value::str(&format!("Real-time signal {}", sig - 34)),
    })
}

fn valid_signals(_it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::list((1..NSIG).filter(|s| *s != 32 && *s != 33).map(|s| Value::Int(i64::from(s))).collect()))
}

fn alarm(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let Some(v) = arg(args, kw, 0, "seconds") else {
        return Err(it.err("TypeError", "alarm() missing required argument 'seconds' (pos 1)"));
    };
    let secs = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => i64::from(*b),
        other => {
            return Err(
                it.err("TypeError", format!("'{}' object cannot be interpreted as an integer", other.type_name()))
            )
        }
    };
    if secs < 0 {
        return Err(it.err("OverflowError", "can't convert negative int to unsigned"));
    }
    let ns = (secs as u64).saturating_mul(1_000_000_000);
    Err(Flow::Request(Box::new(Request::Timer { set: Some((ns, 0)), alarm: true })))
}

fn which_arg(it: &Interp, args: &[Value], kw: &Kwargs, func: &str) -> Result<(), Flow> {
    let which = match arg(args, kw, 0, "which") {
        Some(v) => int_arg(it, v, func)?,
        None => return Err(it.err("TypeError", format!("{func} missing required argument 'which' (pos 1)"))),
    };
    match which {
        0 => Ok(()),
        1 | 2 => Err(it.err("NotImplementedError", "concsim does not support ITIMER_VIRTUAL and ITIMER_PROF yet")),
        _ => Err(it.err_args("OSError", vec![Value::Int(22), Value::str("Invalid argument")])),
    }
}

fn seconds_ns(it: &Interp, v: &Value, func: &str) -> Result<u64, Flow> {
    let s = float_arg(it, v, func)?;
    if s < 0.0 {
        return Err(it.err_args("OSError", vec![Value::Int(22), Value::str("Invalid argument")]));
    }
    Ok((s * 1e9).round() as u64)
}

fn setitimer(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    which_arg(it, args, kw, "setitimer()")?;
    let Some(v) = arg(args, kw, 1, "seconds") else {
        return Err(it.err("TypeError", "setitimer() missing required argument 'seconds' (pos 2)"));
    };
    let value = seconds_ns(it, v, "setitimer()")?;
    let interval = match arg(args, kw, 2, "interval") {
        Some(v) => seconds_ns(it, v, "setitimer()")?,
        None => 0,
    };
    Err(Flow::Request(Box::new(Request::Timer { set: Some((value, interval)), alarm: false })))
}

fn getitimer(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    which_arg(it, args, kw, "getitimer()")?;
    Err(Flow::Request(Box::new(Request::Timer { set: None, alarm: false })))
}

fn pause(_it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Err(Flow::Request(Box::new(Request::Pause)))
}

fn raise_signal(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let sig = sig_arg(it, args, kw, 0, "signalnum", "raise_signal()")?;
    if !(1..NSIG).contains(&sig) || sig == 32 || sig == 33 {
        return Err(it.err_args("OSError", vec![Value::Int(22), Value::str("Invalid argument")]));
    }
    Err(Flow::Request(Box::new(Request::Kill { pid: it.pid, sig })))
}

/// Every thread's handlers are the process's and run in its main thread: a signal sent to
/// one of this process's threads is a signal sent to the process.
fn pthread_kill(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let ident = match arg(args, kw, 0, "thread_id") {
        Some(v) => int_arg(it, v, "pthread_kill()")?,
        None => return Err(it.err("TypeError", "pthread_kill() missing required argument 'thread_id' (pos 1)")),
    };
    let sig = sig_arg(it, args, kw, 1, "signalnum", "pthread_kill()")?;
    if !(0..NSIG).contains(&sig) {
        return Err(it.err_args("OSError", vec![Value::Int(22), Value::str("Invalid argument")]));
    }
    if ident == 0 {
        return Err(it.err_args("ProcessLookupError", vec![Value::Int(3), Value::str("No such process")]));
    }
    if sig == 0 {
        return Ok(Value::None);
    }
    Err(Flow::Request(Box::new(Request::Kill { pid: it.pid, sig })))
}

fn siginterrupt(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let sig = sig_arg(it, args, kw, 0, "signalnum", "siginterrupt()")?;
    in_range(it, sig)?;
    Ok(Value::None)
}

fn unsupported(it: &Interp, what: &str) -> Flow {
    it.err("NotImplementedError", format!("concsim does not support signal.{what} yet"))
}

fn unsupported_set_wakeup_fd(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Err(unsupported(it, "set_wakeup_fd"))
}

fn unsupported_pthread_sigmask(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Err(unsupported(it, "pthread_sigmask"))
}

fn unsupported_sigwait(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Err(unsupported(it, "sigwait"))
}

fn unsupported_sigpending(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Err(unsupported(it, "sigpending"))
}

fn sleep_ns(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let ns = int_arg(it, args.first().unwrap_or(&Value::Int(0)), "_sleep_ns()")?;
    if ns <= 0 {
        return Ok(Value::None);
    }
    Err(Flow::Request(Box::new(Request::Sleep { ns: ns as u64 })))
}

// --- os: process groups and sessions ---

fn pid_arg(it: &Interp, args: &[Value], kw: &Kwargs, i: usize, name: &str, func: &str) -> Result<i64, Flow> {
    match arg(args, kw, i, name) {
        Some(v) => int_arg(it, v, func),
        None => Err(it.err("TypeError", format!("{func} missing required argument '{name}' (pos {})", i + 1))),
    }
}

fn pg(op: PgOp) -> Result<Value, Flow> {
    Err(Flow::Request(Box::new(Request::ProcGroup { op })))
}

fn getpgrp(_it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    pg(PgOp::GetPgid { pid: 0 })
}

fn setpgrp(_it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    pg(PgOp::SetPgid { pid: 0, pgid: 0 })
}

fn getpgid(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let pid = pid_arg(it, args, kw, 0, "pid", "getpgid()")?;
    pg(PgOp::GetPgid { pid })
}

fn setpgid(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let pid = pid_arg(it, args, kw, 0, "pid", "setpgid()")?;
    let pgid = pid_arg(it, args, kw, 1, "pgrp", "setpgid()")?;
    pg(PgOp::SetPgid { pid, pgid })
}

fn setsid(_it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    pg(PgOp::SetSid)
}

fn getsid(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let pid = pid_arg(it, args, kw, 0, "pid", "getsid()")?;
    pg(PgOp::GetSid { pid })
}

fn killpg(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let pgid = pid_arg(it, args, kw, 0, "pgid", "killpg()")?;
    let sig = sig_arg(it, args, kw, 1, "signal", "killpg()")?;
    if pgid < 0 || !(0..NSIG).contains(&sig) {
        return Err(it.err_args("OSError", vec![Value::Int(22), Value::str("Invalid argument")]));
    }
    Err(Flow::Request(Box::new(Request::KillPg { pgid, sig })))
}
