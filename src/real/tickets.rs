//! The run's global order: one counter in a shared anonymous mapping, made by the supervisor
//! before the first fork, so every process of the run (and the broker) draws from it.
//! Invariant: a ticket is drawn at the moment an effect becomes visible to others (at the end
//! of a GIL segment, or under the broker's lock), so sorting by ticket orders every effect
//! after the ones it could have seen.

use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};

static COUNTER: AtomicPtr<AtomicU64> = AtomicPtr::new(std::ptr::null_mut());

/// Processes a run can signal-kill and still order exactly (pids 1000 up to 1000 + this).
const KILL_SLOTS: usize = 8191;
/// A kill in progress: its ticket is being drawn.
const KILLING: u64 = u64::MAX;

/// Maps the shared counter and the kill slots (once, in the supervisor): slot 0 is the
/// counter, slot k the ticket at which pid 999 + k ended (0: not yet).
pub fn init() -> nix::Result<()> {
    use nix::sys::mman::{mmap_anonymous, MapFlags, ProtFlags};
    let len = std::num::NonZeroUsize::new(std::mem::size_of::<AtomicU64>() * (KILL_SLOTS + 1)).expect("non-zero size");
    // SAFETY: a fresh anonymous mapping, zero-filled, aligned to a page: a valid AtomicU64.
    let ptr = unsafe { mmap_anonymous(None, len, ProtFlags::PROT_READ | ProtFlags::PROT_WRITE, MapFlags::MAP_SHARED)? };
    COUNTER.store(ptr.as_ptr().cast(), Ordering::SeqCst);
    Ok(())
}

/// The next ticket of the run.
pub fn next() -> u64 {
    let p = COUNTER.load(Ordering::Relaxed);
    if p.is_null() {
        return 0;
    }
    // SAFETY: set once by `init` to a mapping that lives as long as the process.
    unsafe { (*p).fetch_add(1, Ordering::SeqCst) }
}

fn slot(pid: u32) -> Option<&'static AtomicU64> {
    let p = COUNTER.load(Ordering::Relaxed);
    let k = (pid as usize).checked_sub(999).filter(|k| (1..=KILL_SLOTS).contains(k))?;
    if p.is_null() {
        return None;
    }
    // SAFETY: `init` mapped KILL_SLOTS + 1 counters; k is in range.
    Some(unsafe { &*p.add(k) })
}

/// The end of `pid` (its exit, or a kill): marks it in progress, draws the ticket, records
/// it. Processes that draw a ticket meanwhile wait for the mark to settle (`killed_before`).
pub fn end(pid: u32) -> u64 {
    let Some(s) = slot(pid) else { return next() };
    s.store(KILLING, Ordering::SeqCst);
    let t = next();
    s.store(t, Ordering::SeqCst);
    t
}

/// Whether `pid` has ended in the run's order (its OS process may take a moment to be gone).
pub fn ended(pid: u32) -> bool {
    killed_before(pid, u64::MAX)
}

/// Whether `pid` was killed before `ticket`: then what it did at that ticket happened, in the
/// run's order, after its death, and must not be recorded (the signal is on its way).
pub fn killed_before(pid: u32, ticket: u64) -> bool {
    let Some(s) = slot(pid) else { return false };
    loop {
        match s.load(Ordering::SeqCst) {
            KILLING => std::hint::spin_loop(),
            0 => return false,
            t => return t < ticket,
        }
    }
}

/// CLOCK_REALTIME in nanoseconds (what `time.time()` reads in a real run).
pub fn now_ns() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
}
