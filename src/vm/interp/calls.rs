//! The evaluation loop's less common call instructions (`CallEx`, `WithExceptStart`), out
//! of `Interp::run`'s match; the hot `Call`/`CallMethod` stay inline there. Invariant: a
//! call that blocks (`Flow::Request`) leaves the stack as the instruction found it, so the
//! kernel can retry the instruction or replace its operands with the answer.

use super::super::frame::{OnReturn, ThreadState};
use super::super::value::Value;
use super::super::{Flow, Interp};
use std::rc::Rc;

/// How `f(*args, **kwargs)` went.
pub(super) enum CallEx {
    /// `call_on_stack`'s result: `Ok(true)` when it pushed a frame.
    Called(Result<bool, Flow>),
    /// `args` was not iterable: raised at once, never suspended.
    BadArgs(Flow),
}

impl Interp {
    /// `CallEx`: spreads the args tuple (and the kwargs dict) on the stack, then calls.
    /// `call_steps`: the slice's steps so far and its budget left (`Interp::call_steps`).
    #[inline]
    pub(super) fn call_ex_instr(&mut self, ts: &mut ThreadState, has_kw: bool, call_steps: (u64, u64)) -> CallEx {
        let kwargs = if has_kw { Some(ts.stack.pop().unwrap()) } else { None };
        let args = ts.stack.pop().unwrap();
        let func = ts.stack.pop().unwrap();
        if self.iterated_in_python(&args) {
            // `f(*gen)`: the items are taken as frames, then `f` is called.
            let helper_args = vec![func, args, kwargs.unwrap_or(Value::None)];
            return CallEx::Called(
                self.push_helper_call(ts, "call_star_of", helper_args, OnReturn::Push).map(|()| true),
            );
        }
        let base = ts.stack.len();
        let arg_values: Vec<Value> = match &args {
            Value::Tuple(t) => t.to_vec(),
            other => match self.collect(other) {
                Ok(v) => v,
                Err(e) => return CallEx::BadArgs(e),
            },
        };
        let mut kw_names = Vec::new();
        ts.stack.push(func.clone());
        ts.stack.extend(arg_values);
        if let Some(Value::Dict(d)) = &kwargs {
            for (k, v) in d.borrow().iter() {
                if let Value::Str(s) = &k.0 {
                    kw_names.push(Value::Str(s.clone()));
                    ts.stack.push(v.clone());
                }
            }
        }
        // No keyword names: no (allocated) empty tuple of them.
        let names: Option<Rc<[Value]>> = if kw_names.is_empty() { None } else { Some(Rc::from(kw_names)) };
        self.call_steps = call_steps;
        let r = self.call_on_stack(ts, base, base + 1, names.as_ref());
        if matches!(r, Err(Flow::Request(_))) {
            // Calls that block are only retried through plain calls; a blocking call
            // through f(*args) answers with a value instead.
            ts.stack.truncate(base);
            ts.stack.push(func);
            ts.stack.push(args);
            if let Some(k) = kwargs {
                ts.stack.push(k);
            }
        }
        CallEx::Called(r)
    }

    /// `WithExceptStart`: calls `__exit__(type, exc, None)` with the exception the `with`
    /// block raised. `Ok(true)` when the call pushed a frame.
    #[inline]
    pub(super) fn with_except_start_instr(&mut self, ts: &mut ThreadState) -> Result<bool, Flow> {
        let n = ts.stack.len();
        let exit = ts.stack[n - 3].clone();
        let exc = ts.stack[n - 1].clone();
        let ty = Value::Class(self.class_of(&exc));
        ts.stack.push(exit);
        ts.stack.push(ty);
        ts.stack.push(exc);
        ts.stack.push(Value::None);
        let at = ts.stack.len() - 4;
        self.call_on_stack(ts, at, at + 1, None)
    }
}
