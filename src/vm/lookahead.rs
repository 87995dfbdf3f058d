//! Whether a thread's next instruction is a blocking call that cannot go through yet: an
//! `acquire` of a lock another thread holds, or a join of a thread (answered by the kernel,
//! which knows whether it ended). `explore` treats such a thread as not ready rather than
//! running a failed attempt: a contended acquire only suspends and is retried after the
//! release (see `modules::thread`), and a join only waits, so the attempt changes nothing and
//! skipping it loses no outcome, while each attempt would be one more step racing with the
//! release, doubling the schedules to search. Invariant: `Some` only for calls that block with
//! no timeout; anything else (timed waits, non-blocking calls, Python-level code) is `None`.

use super::frame::ThreadState;
use super::native::NativeData;
use super::value::Value;
use super::Interp;
use crate::lang::bytecode::{Code, Instr};

/// What a thread's next instruction would wait for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocker {
    /// A lock held by another thread (or by this one, not reentrant).
    Lock,
    /// The end of a thread (`_thread.join_thread(tid)` without a timeout).
    Thread(u32),
}

impl Interp {
    /// What the instruction at `pc`, thread `tid`'s next, would block on, if it is a call that
    /// blocks with no timeout.
    pub fn blocker_at(&self, tid: u32, ts: &ThreadState, code: &Code, pc: usize) -> Option<Blocker> {
        let (func, receiver, args) = match *code.instrs.get(pc)? {
            // Keyword arguments (`acquire(timeout=…)`) may set a timeout: never skipped.
            Instr::Call(argc) => call_parts(ts, argc as usize, 0)?,
            Instr::CallMethod(argc) => call_parts(ts, argc as usize, 1)?,
            // `f(*args)`, as `Thread.run` calls a target such as `lock.acquire`.
            Instr::CallEx(0) => {
                let n = ts.stack.len();
                match ts.stack.get(n.checked_sub(2)?..)? {
                    [func, Value::Tuple(items)] => (func, None, items.iter().collect()),
                    _ => return None,
                }
            }
            _ => return None,
        };
        let (name, this) = match func {
            Value::Builtin(b) => (b.name, receiver.or(b.bound.as_ref())),
            Value::BoundMethod(b) => match &b.func {
                Value::Builtin(f) => (f.name, Some(&b.receiver)),
                _ => return None,
            },
            _ => return None,
        };
        match (name, this) {
            ("acquire" | "acquire_lock" | "__enter__", Some(Value::Native(n))) => {
                // Only the plain blocking forms: `acquire()`, `acquire(True)`.
                let blocking = match args.as_slice() {
                    [] => true,
                    [Value::Bool(b)] => *b,
                    [Value::Int(i)] => *i != 0,
                    _ => false,
                };
                let held = match &*n.data.borrow() {
                    NativeData::Lock { owner: Some(o), reentrant, .. } => !(*o == tid && *reentrant),
                    _ => false,
                };
                (blocking && held).then_some(Blocker::Lock)
            }
            ("join_thread", None) => match args.as_slice() {
                [Value::Int(t)] | [Value::Int(t), Value::None] => u32::try_from(*t).ok().map(Blocker::Thread),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The callable, the receiver (for `CallMethod`) and the arguments in call order of a call
/// with `argc` positional arguments on top of the stack.
fn call_parts(ts: &ThreadState, argc: usize, extra: usize) -> Option<(&Value, Option<&Value>, Vec<&Value>)> {
    let stack = &ts.stack;
    let n = stack.len();
    let top = |k: usize| if k < n { Some(&stack[n - 1 - k]) } else { None };
    let func = top(argc + extra)?;
    let receiver = if extra == 1 { top(argc).filter(|v| !matches!(v, Value::Cell(_))) } else { None };
    let args: Vec<&Value> = (0..argc).rev().filter_map(top).collect();
    Some((func, receiver, args))
}
