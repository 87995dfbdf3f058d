//! The run's global order: one counter in a shared anonymous mapping, made by the supervisor
//! before the first fork, so every process of the run (and the broker) draws from it.
//! Invariant: a ticket is drawn at the moment an effect becomes visible to others (at the end
//! of a GIL segment, or under the broker's lock), so sorting by ticket orders every effect
//! after the ones it could have seen.

use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};

static COUNTER: AtomicPtr<AtomicU64> = AtomicPtr::new(std::ptr::null_mut());

/// Maps the shared counter (once, in the supervisor).
pub fn init() -> nix::Result<()> {
    use nix::sys::mman::{mmap_anonymous, MapFlags, ProtFlags};
    let len = std::num::NonZeroUsize::new(std::mem::size_of::<AtomicU64>()).expect("non-zero size");
    // SAFETY: a fresh anonymous mapping, zero-filled, aligned to a page: a valid AtomicU64.
    let ptr = unsafe {
        mmap_anonymous(None, len, ProtFlags::PROT_READ | ProtFlags::PROT_WRITE, MapFlags::MAP_SHARED)?
    };
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

/// CLOCK_REALTIME in nanoseconds (what `time.time()` reads in a real run).
pub fn now_ns() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
}
