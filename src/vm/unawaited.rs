//! CPython's "RuntimeWarning: coroutine '…' was never awaited": a coroutine object freed before
//! it ever ran. Its `GenState` is dropped inside some instruction (the last reference goes with
//! a `PopTop`, a store, a frame's locals); the drop only notes the coroutine's name in a queue of
//! this OS thread, and the evaluation loop prints the warning once that instruction is done, at
//! the current frame's line, through the `warnings` module's "default" rule (once per location
//! and text). Invariant: the queue is empty whenever a slice starts (`forget_unawaited`), so a
//! note is printed by the interpreter whose heap dropped it, or not at all (a heap torn down
//! after its run, a forked copy).

use super::{Interp, Stream};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

thread_local! {
    static PENDING: Cell<bool> = const { Cell::new(false) };
    static QUEUE: RefCell<Vec<Rc<str>>> = const { RefCell::new(Vec::new()) };
}

/// Called by `GenState`'s drop: a coroutine that never started is going away.
pub(super) fn note_unawaited(qualname: &Rc<str>) {
    QUEUE.with(|q| q.borrow_mut().push(qualname.clone()));
    PENDING.with(|p| p.set(true));
}

/// Whether a warning waits to be printed (one thread-local read: checked after every
/// instruction).
#[inline]
pub(super) fn unawaited_pending() -> bool {
    PENDING.with(|p| p.get())
}

/// Drops notes left by another heap (teardown, a fork's copies).
pub(super) fn forget_unawaited() {
    if unawaited_pending() {
        PENDING.with(|p| p.set(false));
        QUEUE.with(|q| q.borrow_mut().clear());
    }
}

impl Interp {
    /// Prints the queued warnings at `filename:line` (the instruction that dropped them; in a
    /// prelude, at the CPython line it is marked with, as a traceback shows it).
    pub(super) fn warn_unawaited(&mut self, filename: &Rc<str>, line: u32) {
        PENDING.with(|p| p.set(false));
        let names = QUEUE.with(|q| std::mem::take(&mut *q.borrow_mut()));
        let (filename, line) = match filename.strip_prefix("<frozen ").and_then(|n| n.strip_suffix('>')) {
            Some(name) => match super::modules::cpython_lines(name).and_then(|m| m.cpython_line(line)) {
                Some(at) => at,
                None => (filename.clone(), line),
            },
            None => (filename.clone(), line),
        };
        let filename = &filename;
        for name in names {
            let text: Rc<str> = Rc::from(format!("coroutine '{name}' was never awaited"));
            let key = (filename.clone(), line, text.clone());
            if self.warned.contains(&key) {
                continue;
            }
            self.warned.push(key);
            let mut out = format!("{filename}:{line}: RuntimeWarning: {text}\n");
            if let Some(src) = self
                .source_of(filename)
                .and_then(|s| s.lines().nth((line as usize).wrapping_sub(1)).map(str::to_string))
            {
                out.push_str(&format!("  {}\n", src.trim()));
            }
            out.push_str("RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n");
            self.write(Stream::Stderr, &out);
        }
    }
}
