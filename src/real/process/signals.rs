//! Python signal handlers in a real process. The OS delivers the program's signals (those
//! of `MANAGED`) only at safe points (`deliver_signals`: they are blocked otherwise); there a
//! C handler (`on_signal`) reads the dispositions the heap published (`publish`): a handled
//! signal becomes pending (`PENDING`), an ignored one is dropped, any other ends the process
//! by its default action. The main Python thread takes the pending signals at its next
//! instruction boundary or out of its wait and runs the handlers there
//! (`Interp::enter_signal_handlers`), as the simulator does.
//! Invariant: `on_signal` only touches atomics and async-signal-safe calls; the heap is
//! touched only by the GIL holder.

use std::sync::atomic::{AtomicU64, Ordering};

/// The signals whose disposition follows the program's (the others keep the OS default).
const MANAGED: [i32; 8] = [
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGTERM,
    libc::SIGCHLD,
];

/// Signals that arrived and wait for their Python handler (bit N: signal N).
static PENDING: AtomicU64 = AtomicU64::new(0);
/// Signals with a Python handler, and signals the process survives (handled or ignored).
static HANDLED: AtomicU64 = AtomicU64::new(1 << libc::SIGINT);
static SURVIVE: AtomicU64 = AtomicU64::new(crate::vm::signals::STARTUP_SURVIVE);

extern "C" fn on_signal(sig: libc::c_int) {
    let bit = 1u64 << (sig as u64 & 63);
    if HANDLED.load(Ordering::SeqCst) & bit != 0 {
        PENDING.fetch_or(bit, Ordering::SeqCst);
    } else if SURVIVE.load(Ordering::SeqCst) & bit == 0 {
        // The default action: it lands as this handler returns (the signal is blocked
        // during it), so the process dies by the signal with the status its parent expects.
        // SAFETY: signal(2) and raise(3) are async-signal-safe.
        unsafe {
            libc::signal(sig, libc::SIG_DFL);
            libc::raise(sig);
        }
    }
}

/// The managed signals (blocked outside safe points).
pub fn managed() -> nix::sys::signal::SigSet {
    let mut set = nix::sys::signal::SigSet::empty();
    for s in MANAGED {
        if let Ok(sig) = nix::sys::signal::Signal::try_from(s) {
            set.add(sig);
        }
    }
    set
}

/// Installs `on_signal` for the managed signals (a forked child inherits it).
pub fn install() {
    use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, Signal};
    let action = SigAction::new(SigHandler::Handler(on_signal), SaFlags::SA_RESTART, SigSet::empty());
    for s in MANAGED {
        if let Ok(sig) = Signal::try_from(s) {
            // SAFETY: the handler only touches atomics and async-signal-safe calls.
            let _ = unsafe { sigaction(sig, &action) };
        }
    }
}

/// Publishes the heap's dispositions; returns the survive mask when it changed (the broker
/// is told, so that a kill of this process knows whether it ends it).
pub fn publish(masks: (u64, u64)) -> Option<u64> {
    let (survive, handled) = masks;
    HANDLED.store(handled, Ordering::SeqCst);
    let old = SURVIVE.swap(survive, Ordering::SeqCst);
    (old != survive).then_some(survive)
}

/// Whether a handled signal waits.
pub fn any_pending() -> bool {
    PENDING.load(Ordering::SeqCst) != 0
}

/// Takes the pending signals, in signal order.
pub fn take_pending() -> Vec<i32> {
    let bits = PENDING.swap(0, Ordering::SeqCst);
    (1..64).filter(|s| bits & (1u64 << s) != 0).collect()
}

/// Puts back signals taken by `take_pending` that no handler entered.
pub fn requeue(sigs: &[i32]) {
    let bits = sigs.iter().fold(0u64, |bits, s| bits | (1u64 << s));
    PENDING.fetch_or(bits, Ordering::SeqCst);
}

/// A fork child starts with nothing pending (POSIX), and its parent's dispositions.
pub fn after_fork() {
    PENDING.store(0, Ordering::SeqCst);
}

/// `signal.alarm`/`setitimer`/`getitimer` on the process's real ITIMER_REAL: the previous
/// setting, as (ns left, interval ns).
pub fn itimer(set: Option<(u64, u64)>) -> (u64, u64) {
    let tv = |ns: u64| libc::timeval {
        tv_sec: (ns / 1_000_000_000) as libc::time_t,
        tv_usec: ((ns % 1_000_000_000) / 1_000) as libc::suseconds_t,
    };
    let ns = |t: libc::timeval| t.tv_sec as u64 * 1_000_000_000 + t.tv_usec as u64 * 1_000;
    // SAFETY: zeroed itimervals filled in by the calls below.
    let mut old: libc::itimerval = unsafe { std::mem::zeroed() };
    match set {
        Some((value, interval)) => {
            let new = libc::itimerval { it_value: tv(value), it_interval: tv(interval) };
            // SAFETY: setitimer(2) with valid pointers.
            unsafe { libc::setitimer(libc::ITIMER_REAL, &new, &mut old) };
        }
        // SAFETY: getitimer(2) with a valid pointer.
        None => unsafe {
            libc::getitimer(libc::ITIMER_REAL, &mut old);
        },
    }
    (ns(old.it_value), ns(old.it_interval))
}

/// Inside a segment: the pending signals this process survives (handled or ignored) are
/// taken now, so a long computation sees its handlers run; a signal that would end the
/// process waits for the next safe point.
pub fn deliver_survived() {
    let survive = SURVIVE.load(Ordering::SeqCst);
    // SAFETY: sigpending(2) into a zeroed set, then sigismember on it.
    let mut raw: libc::sigset_t = unsafe { std::mem::zeroed() };
    if unsafe { libc::sigpending(&mut raw) } < 0 {
        return;
    }
    let mut set = nix::sys::signal::SigSet::empty();
    for s in MANAGED {
        // SAFETY: `raw` was filled in by sigpending.
        if survive & (1u64 << s) != 0 && unsafe { libc::sigismember(&raw, s) } == 1 {
            if let Ok(sig) = nix::sys::signal::Signal::try_from(s) {
                set.add(sig);
            }
        }
    }
    if set.iter().next().is_some() {
        let _ = set.thread_unblock();
        let _ = set.thread_block();
    }
}
