//! State of objects implemented natively: locks, thread-locals, files, kernel handles.
//! Invariant: native state belongs to one process heap and is deep-copied by `fork` like any
//! other object (a forked lock keeps its state, as on POSIX).

use super::dict::Dict;
use super::value::Value;
use std::collections::VecDeque;

/// The positional and keyword arguments a `threading.local` subclass was built with.
pub type LocalInit = (Vec<Value>, Vec<(std::rc::Rc<str>, Value)>);

pub enum NativeData {
    /// `threading.Lock` (`reentrant` false) and `threading.RLock`.
    Lock {
        owner: Option<u32>,
        count: u32,
        reentrant: bool,
        waiters: VecDeque<u32>,
    },
    /// `threading.local`: one attribute dict per thread id.
    Local {
        per_thread: Vec<(u32, Dict)>,
        /// A subclass's constructor arguments: its `__init__` runs again with them in each
        /// thread that first touches the object, as CPython's `_thread._local` does.
        init: Option<Box<LocalInit>>,
    },
    /// `sys.stdout` / `sys.stderr`.
    File {
        fd: u8,
    },
    /// A handle on a kernel object shared between processes (a queue, a pipe end): `end`
    /// says which side of a pipe.
    Kernel {
        id: u32,
        end: u8,
    },
    /// Anything else a module needs to keep (e.g. a Random's state).
    Random(Box<crate::vm::random::Mt19937>),
    Opaque(Value),
    /// A generator object (`vm::generator`).
    Generator(Box<super::generator::GenState>),
    /// An async generator's `asend`/`athrow` awaitable (`vm::async_gen`).
    AsyncGenOp(Box<super::async_gen::AsyncOp>),
}
