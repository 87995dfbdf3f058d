//! The memory budget (`--max-memory`): how many bytes the process's heap may hold before the
//! program gets CPython's `MemoryError` instead of the machine's allocator aborting.
//!
//! The measure is the bytes the process's Rust allocations asked for and have not freed
//! (`Counting`, installed as the global allocator by the `concsim` binary; a library user or
//! the web page installs none and then has no budget). It counts requested sizes, not what
//! the system allocator keeps, so for one binary and one set of inputs it is the same number
//! at the same instruction: `run` (one thread drives the whole simulated machine) stays a
//! pure function of its inputs, the budget among them. In `real` every process counts its
//! own heap (a forked child starts from its parent's count, the pages it shares).
//!
//! Invariant: an instruction raises `MemoryError` when, at its end, the heap holds more than
//! the budget and more than when the last `MemoryError` was raised plus an eighth of the
//! budget: the handler that reports or frees gets that margin, as CPython's small
//! allocations still succeed after a big one failed. Repetitions (`'a' * n`, `[0] * n`)
//! that would not fit raise before allocating.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

static LIVE: AtomicUsize = AtomicUsize::new(0);
static BUDGET: AtomicUsize = AtomicUsize::new(usize::MAX);
/// The heap's size when the last MemoryError was raised, plus the margin (0: none pending).
static MARK: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counting the bytes held.
pub struct Counting;

// SAFETY: every call is passed on to `System` unchanged; the counter is only arithmetic.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_add(new_size, Ordering::Relaxed);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        p
    }
}

/// Sets the budget in bytes (`usize::MAX`: none).
pub fn set_budget(bytes: usize) {
    BUDGET.store(bytes.max(1), Ordering::Relaxed);
    MARK.store(0, Ordering::Relaxed);
}

/// The default budget: half of this machine's physical memory (none where it is unknown).
pub fn default_budget() -> usize {
    #[cfg(not(target_arch = "wasm32"))]
    {
        // SAFETY: sysconf(3) reads constants of the system.
        let (pages, size) = unsafe { (libc::sysconf(libc::_SC_PHYS_PAGES), libc::sysconf(libc::_SC_PAGESIZE)) };
        if pages > 0 && size > 0 {
            return (pages as usize).saturating_mul(size as usize) / 2;
        }
    }
    usize::MAX
}

/// Parses a size: bytes, or a number with K, M, G or T (powers of 1024; `512M`, `1.5G`).
pub fn parse_size(text: &str) -> Option<usize> {
    let t = text.trim();
    let (num, unit) = match t.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => (&t[..i], t[i..].to_ascii_uppercase()),
        None => (t, String::new()),
    };
    let scale: f64 = match unit.trim_end_matches("IB").trim_end_matches('B') {
        "" => 1.0,
        "K" => 1024.0,
        "M" => 1024.0 * 1024.0,
        "G" => 1024.0 * 1024.0 * 1024.0,
        "T" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let n: f64 = num.trim().parse().ok()?;
    let bytes = n * scale;
    // `as` saturates: a size past the address space is no budget at all.
    (bytes.is_finite() && bytes >= 1.0).then_some(bytes as usize)
}

/// Whether the instruction that just ran must raise MemoryError (see the invariant).
#[inline]
pub fn exhausted() -> bool {
    let live = LIVE.load(Ordering::Relaxed);
    let budget = BUDGET.load(Ordering::Relaxed);
    if live <= budget {
        return false;
    }
    let mark = MARK.load(Ordering::Relaxed);
    if live <= mark {
        return false;
    }
    MARK.store(live.saturating_add(budget / 8), Ordering::Relaxed);
    true
}

/// Whether `bytes` more would still fit in the budget (a repetition's check before it
/// allocates).
pub fn fits(bytes: usize) -> bool {
    let budget = BUDGET.load(Ordering::Relaxed);
    budget == usize::MAX || LIVE.load(Ordering::Relaxed).saturating_add(bytes) <= budget
}
