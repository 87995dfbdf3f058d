//! The evaluation loop: executes one thread's instructions until its budget is spent, it
//! needs the kernel, or its outermost frame returns. Invariant: an instruction either
//! completes (stack effect as documented in `lang::bytecode`), raises (the stack is unwound
//! to a handler or the thread ends), or suspends before consuming anything (`Request`), so
//! the kernel can retry it or replace its operands with the answer.

use super::access::Access;
use super::frame::{Block, OnReturn, Suspended, ThreadState};
use super::generator::{generator_of, GenMode, Resumed, Resumption};
use super::request::{Request, Resume};
use super::value::Value;
use super::{ops, Flow, Interp};
use crate::lang::bytecode::{BinOp, CmpOp, Instr, UnOp};
use std::rc::Rc;

mod calls;
mod imports;
mod names;

use calls::CallEx;

/// What an instruction's helper asks of the loop: go on with the next instruction, or
/// re-enter `'frames` because it pushed a frame (its caller's `pc` saved).
enum Then {
    Next,
    Frame,
}

/// A finished nested run's result, as a native sees it.
pub(super) fn run_end_value(it: &Interp, outcome: RunEnd) -> Result<Value, Flow> {
    match outcome {
        RunEnd::Done(Ok(v)) => Ok(v),
        RunEnd::Done(Err(e)) => Err(Flow::Raise(e)),
        _ => Err(it.err("RuntimeError", "concsim: nested call ran out of budget")),
    }
}

/// Why `run` returned: the thread's run ends here (named apart from `explore::Outcome`, how a
/// whole schedule ended).
pub enum RunEnd {
    /// The budget was spent; the thread can continue.
    Yield,
    /// The thread is suspended until the kernel answers with `resume`.
    Request(Request),
    /// The outermost frame returned a value or raised an exception.
    Done(Result<Value, Value>),
}

/// `v.clone()` with the immediates inline: the derived clone is an out-of-line call through
/// a jump table, which dominates loads in tight loops.
#[inline(always)]
fn fast_clone(v: &Value) -> Value {
    match v {
        Value::Int(i) => Value::Int(*i),
        Value::Float(f) => Value::Float(*f),
        Value::Bool(b) => Value::Bool(*b),
        Value::None => Value::None,
        other => other.clone(),
    }
}

/// Drops a value, skipping the out-of-line drop glue for immediates.
#[inline(always)]
fn fast_drop(v: Option<Value>) {
    match v {
        Some(Value::Int(_)) | Some(Value::Float(_)) | Some(Value::Bool(_)) | None => std::mem::forget(v),
        other => drop(other),
    }
}

/// Marker pushed by `LoadMethod` when the attribute is not a method (no self to pass).
fn is_marker(v: &Value) -> bool {
    matches!(v, Value::Cell(_))
}

impl Interp {
    /// A name found nowhere: a builtin a prelude provides on first use (`open`), or NameError.
    #[cold]
    fn missing_name(&mut self, name: &str) -> Result<Value, Flow> {
        if let Some(h) = name.strip_prefix('.').and_then(|_| super::modules::matching::helper(name)) {
            return Ok(h);
        }
        match self.lazy_attr("builtins", name) {
            Some(r) => r,
            None => Err(self.err("NameError", format!("name '{name}' is not defined"))),
        }
    }

    /// Whether a preempt-any slice ends before the instruction at `pc`: its budget is spent,
    /// or (`explore`) the instruction is visible and not the slice's first — a slice is one
    /// visible instruction and the local ones after it; the first one's access is kept.
    /// Under the cpython policy (`explore` without `preempt_any`) a slice runs to the next
    /// eval-breaker point whatever it touches: what all its instructions touch is kept.
    /// Out of line: the evaluation loop stays as tight as without `explore`.
    #[inline(never)]
    fn slice_ends(
        &mut self,
        ts: &ThreadState,
        code: &crate::lang::bytecode::Code,
        pc: usize,
        steps: u64,
        budget: u64,
    ) -> bool {
        if !self.preempt_any {
            if self.depth == 0 {
                let access = self.access_at(ts, code, pc);
                let last = std::mem::replace(&mut self.explore_access, access);
                let before = std::mem::take(&mut self.explore_before);
                self.explore_before = if steps == 0 { Access::Local } else { before.union(last) };
            }
            return false;
        }
        if steps >= budget {
            return true;
        }
        if self.depth != 0 {
            return false;
        }
        let access = self.access_at(ts, code, pc);
        if steps == 0 {
            self.explore_before = Access::Local;
            self.explore_access = access;
            false
        } else {
            !access.is_local()
        }
    }

    /// Answers a suspended thread's request.
    pub fn resume(&mut self, ts: &mut ThreadState, answer: Resume) -> Option<RunEnd> {
        let items = ts.suspended.take().map(|s| s.items).unwrap_or(0);
        match answer {
            Resume::Retry => None,
            Resume::Value(v) => {
                let len = ts.stack.len();
                ts.stack.truncate(len - items);
                ts.stack.push(v);
                if let Some(f) = ts.frames.last_mut() {
                    f.pc += 1;
                }
                None
            }
            Resume::Raise(exc) => {
                let len = ts.stack.len();
                ts.stack.truncate(len - items);
                if let Some(f) = ts.frames.last_mut() {
                    f.pc += 1;
                }
                self.raise_in(ts, exc, true)
            }
        }
    }

    /// Runs at most `budget` instructions. Returns the outcome and the instructions executed.
    pub fn run(&mut self, ts: &mut ThreadState, budget: u64) -> (RunEnd, u64) {
        let mut steps: u64 = 0;
        // A learner's pause (`Slice::pause_after`) stops the thread's own run at an exact
        // instruction; a nested run (a callback inside an instruction) never pauses.
        let pause_at = if self.depth == 0 { self.pause_at } else { u64::MAX };
        'frames: loop {
            let Some(frame) = ts.frames.last() else {
                return (RunEnd::Done(Ok(Value::None)), steps);
            };
            // Function entry is one of CPython's eval-breaker points, where the GIL can pass.
            if steps >= budget {
                return (RunEnd::Yield, steps);
            }
            let code = frame.code.clone();
            let mut pc = frame.pc;
            let fi = ts.frames.len() - 1;
            loop {
                if ((self.preempt_any && steps >= budget) || self.explore)
                    && self.slice_ends(ts, &code, pc, steps, budget)
                {
                    ts.frames[fi].pc = pc;
                    return (RunEnd::Yield, steps);
                }
                // After the policy's check: where the slice ends anyway, it ends, not pauses.
                if steps >= pause_at {
                    ts.frames[fi].pc = pc;
                    self.paused = true;
                    return (RunEnd::Yield, steps);
                }
                steps += 1;
                let instr = code.instrs[pc];
                pc += 1;
                let result: Result<(), Flow> = match instr {
                    Instr::Nop => Ok(()),
                    Instr::PopTop => {
                        ts.stack.pop();
                        Ok(())
                    }
                    Instr::DupTop => {
                        let v = ts.stack.last().unwrap().clone();
                        ts.stack.push(v);
                        Ok(())
                    }
                    Instr::DupTop2 => {
                        let n = ts.stack.len();
                        let a = ts.stack[n - 2].clone();
                        let b = ts.stack[n - 1].clone();
                        ts.stack.push(a);
                        ts.stack.push(b);
                        Ok(())
                    }
                    Instr::RotTwo => {
                        let n = ts.stack.len();
                        ts.stack.swap(n - 1, n - 2);
                        Ok(())
                    }
                    Instr::RotThree => {
                        let v = ts.stack.pop().unwrap();
                        let n = ts.stack.len();
                        ts.stack.insert(n - 2, v);
                        Ok(())
                    }
                    Instr::RotFour => {
                        let v = ts.stack.pop().unwrap();
                        let n = ts.stack.len();
                        ts.stack.insert(n - 3, v);
                        Ok(())
                    }
                    Instr::LoadConst(i) => {
                        ts.stack.push(fast_clone(&code.consts[i as usize]));
                        Ok(())
                    }
                    Instr::LoadFast(i) => match &ts.frames[fi].locals[i as usize] {
                        Some(v) => {
                            ts.stack.push(fast_clone(v));
                            Ok(())
                        }
                        None => Err(self.err(
                            "UnboundLocalError",
                            format!(
                                "cannot access local variable '{}' where it is not associated with a value",
                                code.varnames[i as usize]
                            ),
                        )),
                    },
                    Instr::StoreFast(i) => {
                        let v = ts.stack.pop().unwrap();
                        fast_drop(ts.frames[fi].locals[i as usize].replace(v));
                        Ok(())
                    }
                    Instr::DeleteFast(i) => {
                        if ts.frames[fi].locals[i as usize].take().is_none() {
                            Err(self.err(
                                "UnboundLocalError",
                                format!(
                                    "cannot access local variable '{}' where it is not associated with a value",
                                    code.varnames[i as usize]
                                ),
                            ))
                        } else {
                            Ok(())
                        }
                    }
                    Instr::LoadDeref(i) => {
                        let v = ts.frames[fi].cells[i as usize].borrow().clone();
                        match v {
                            Some(v) => {
                                ts.stack.push(v);
                                Ok(())
                            }
                            None => Err(self.unbound_deref(&code, i as usize)),
                        }
                    }
                    Instr::StoreDeref(i) => {
                        let v = ts.stack.pop().unwrap();
                        *ts.frames[fi].cells[i as usize].borrow_mut() = Some(v);
                        Ok(())
                    }
                    Instr::DeleteDeref(i) => {
                        let old = ts.frames[fi].cells[i as usize].borrow_mut().take();
                        if old.is_none() {
                            Err(self.unbound_deref(&code, i as usize))
                        } else {
                            Ok(())
                        }
                    }
                    Instr::LoadClosure(i) => {
                        ts.stack.push(Value::Cell(ts.frames[fi].cells[i as usize].clone()));
                        Ok(())
                    }
                    Instr::LoadGlobal(slot) => {
                        let g = &ts.frames[fi].globals;
                        let gl = g.globals.borrow();
                        match gl.values.get(slot as usize) {
                            Some(Some(v)) => {
                                ts.stack.push(fast_clone(v));
                                Ok(())
                            }
                            _ => {
                                drop(gl);
                                let name = g.globals.borrow().names[slot as usize].clone();
                                match self.builtins.get(&name) {
                                    Some(v) => {
                                        ts.stack.push(v);
                                        Ok(())
                                    }
                                    None => self.missing_name(&name).map(|v| ts.stack.push(v)),
                                }
                            }
                        }
                    }
                    Instr::StoreGlobal(slot) => {
                        let v = ts.stack.pop().unwrap();
                        let old = ts.frames[fi].globals.globals.borrow_mut().values[slot as usize].replace(v);
                        fast_drop(old);
                        Ok(())
                    }
                    Instr::DeleteGlobal(slot) => {
                        let g = ts.frames[fi].globals.clone();
                        let old = g.globals.borrow_mut().values[slot as usize].take();
                        match old {
                            Some(_) => Ok(()),
                            None => {
                                let name = g.globals.borrow().names[slot as usize].clone();
                                Err(self.err("NameError", format!("name '{name}' is not defined")))
                            }
                        }
                    }
                    Instr::LoadName(i) => {
                        let name = &code.names[i as usize];
                        let f = &ts.frames[fi];
                        let local = f.ns.as_ref().and_then(|ns| ns.borrow().get_str(name));
                        match local.or_else(|| f.globals.get(name)).or_else(|| self.builtins.get(name)) {
                            Some(v) => {
                                ts.stack.push(v);
                                Ok(())
                            }
                            None => self.missing_name(name).map(|v| ts.stack.push(v)),
                        }
                    }
                    Instr::StoreName(i) => {
                        let v = ts.stack.pop().unwrap();
                        let f = &ts.frames[fi];
                        match &f.ns {
                            Some(ns) => ns.borrow_mut().set_str(&code.names[i as usize], v),
                            None => f.globals.set(&code.names[i as usize], v),
                        }
                        Ok(())
                    }
                    Instr::DeleteName(i) => {
                        let name = &code.names[i as usize];
                        let f = &ts.frames[fi];
                        let removed = match &f.ns {
                            Some(ns) => ns.borrow_mut().remove_str(name).is_some(),
                            None => false,
                        };
                        if removed {
                            Ok(())
                        } else {
                            Err(self.err("NameError", format!("name '{name}' is not defined")))
                        }
                    }
                    Instr::LoadBuiltin(i) => {
                        let name = &code.names[i as usize];
                        match self.builtins.get(name) {
                            Some(v) => {
                                ts.stack.push(v);
                                Ok(())
                            }
                            None => self.missing_name(name).map(|v| ts.stack.push(v)),
                        }
                    }
                    Instr::LoadAttr(i) => {
                        let obj = ts.stack.pop().unwrap();
                        match self.load_attr_fast(&obj, &code.names[i as usize]) {
                            Some(Ok(v)) => {
                                ts.stack.push(v);
                                Ok(())
                            }
                            Some(Err(e)) => Err(e),
                            None => {
                                // A Python property getter runs as a frame, so it may block.
                                if let Some(fget) = self.python_property(&obj, &code.names[i as usize]) {
                                    ts.frames[fi].pc = pc;
                                    match self.push_python_call(ts, &fget, vec![obj], OnReturn::Push) {
                                        Ok(()) => continue 'frames,
                                        Err(e) => {
                                            if let Some(o) = self.raise_flow(ts, e) {
                                                return (o, steps);
                                            }
                                            continue 'frames;
                                        }
                                    }
                                }
                                if let Some(ga) = self.python_getattr(&obj, &code.names[i as usize]) {
                                    ts.frames[fi].pc = pc;
                                    let name = Value::Str(code.names[i as usize].clone());
                                    match self.push_python_call(ts, &ga, vec![obj, name], OnReturn::Push) {
                                        Ok(()) => continue 'frames,
                                        Err(e) => Err(e),
                                    }
                                } else {
                                    match self.get_attr(&obj, &code.names[i as usize]) {
                                        Ok(v) => {
                                            ts.stack.push(v);
                                            Ok(())
                                        }
                                        Err(e) => Err(e),
                                    }
                                }
                            }
                        }
                    }
                    Instr::StoreAttr(i) => match self.store_attr_instr(ts, fi, pc, &code.names[i as usize]) {
                        Ok(Then::Frame) => continue 'frames,
                        r => r.map(|_| ()),
                    },
                    Instr::DeleteAttr(i) => match self.delete_attr_instr(ts, fi, pc, &code.names[i as usize]) {
                        Ok(Then::Frame) => continue 'frames,
                        r => r.map(|_| ()),
                    },
                    Instr::LoadMethod(i) => match self.load_method_instr(ts, fi, pc, &code.names[i as usize]) {
                        Ok(Then::Frame) => continue 'frames,
                        r => r.map(|_| ()),
                    },
                    Instr::CallMethod(argc) => {
                        let n = ts.stack.len();
                        let argc = argc as usize;
                        let (func_at, args_at) = if is_marker(&ts.stack[n - argc - 1]) {
                            (n - argc - 2, n - argc)
                        } else {
                            (n - argc - 2, n - argc - 1)
                        };
                        ts.frames[fi].pc = pc;
                        self.call_steps = (steps, budget.saturating_sub(steps));
                        match self.call_on_stack(ts, func_at, args_at, None) {
                            Ok(true) => continue 'frames,
                            // A call that returned at once (a builtin's) ends at CPython 3.11's
                            // eval-breaker check (CALL's CHECK_EVAL_BREAKER): the GIL may pass.
                            Ok(false) if steps >= budget => return (RunEnd::Yield, steps),
                            Ok(false) => Ok(()),
                            Err(e) => Err(e),
                        }
                    }
                    Instr::Call(argc) => {
                        let n = ts.stack.len();
                        let func_at = n - argc as usize - 1;
                        ts.frames[fi].pc = pc;
                        self.call_steps = (steps, budget.saturating_sub(steps));
                        match self.call_on_stack(ts, func_at, func_at + 1, None) {
                            Ok(true) => continue 'frames,
                            Ok(false) if steps >= budget => return (RunEnd::Yield, steps),
                            Ok(false) => Ok(()),
                            Err(e) => Err(e),
                        }
                    }
                    Instr::CallKw(argc) => {
                        let names = ts.stack.pop().unwrap();
                        let n = ts.stack.len();
                        let func_at = n - argc as usize - 1;
                        ts.frames[fi].pc = pc;
                        let names = match names {
                            Value::Tuple(t) => t,
                            _ => Rc::from(Vec::new()),
                        };
                        self.call_steps = (steps, budget.saturating_sub(steps));
                        let r = self.call_on_stack(ts, func_at, func_at + 1, Some(&names));
                        if matches!(r, Err(Flow::Request(_))) {
                            // Keep the stack as the instruction found it, for a retry.
                            ts.stack.push(Value::Tuple(names));
                        }
                        match r {
                            Ok(true) => continue 'frames,
                            Ok(false) if steps >= budget => return (RunEnd::Yield, steps),
                            Ok(false) => Ok(()),
                            Err(e) => Err(e),
                        }
                    }
                    Instr::CallEx(has_kw) => {
                        ts.frames[fi].pc = pc;
                        match self.call_ex_instr(ts, has_kw == 1, (steps, budget.saturating_sub(steps))) {
                            CallEx::Called(Ok(true)) => continue 'frames,
                            CallEx::Called(Ok(false)) if steps >= budget => return (RunEnd::Yield, steps),
                            CallEx::Called(r) => r.map(|_| ()),
                            CallEx::BadArgs(e) => {
                                if let Some(o) = self.raise_flow(ts, e) {
                                    return (o, steps);
                                }
                                continue 'frames;
                            }
                        }
                    }
                    Instr::BinarySubscr => {
                        let key = ts.stack.pop().unwrap();
                        let obj = ts.stack.pop().unwrap();
                        // A Python __getitem__ runs as a frame, so it may block (a shared Array).
                        if let Some(f) = self.python_dunder(&obj, "__getitem__") {
                            ts.frames[fi].pc = pc;
                            match self.push_python_call(ts, &f, vec![obj, key], OnReturn::Push) {
                                Ok(()) => continue 'frames,
                                Err(e) => Err(e),
                            }
                        } else {
                            match self.getitem(&obj, &key) {
                                Ok(v) => {
                                    ts.stack.push(v);
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            }
                        }
                    }
                    Instr::StoreSubscr => {
                        let key = ts.stack.pop().unwrap();
                        let obj = ts.stack.pop().unwrap();
                        let v = ts.stack.pop().unwrap();
                        // A Python __setitem__ runs as a frame, so it may block.
                        if let Some(f) = self.python_dunder(&obj, "__setitem__") {
                            ts.frames[fi].pc = pc;
                            match self.push_python_call(ts, &f, vec![obj, key, v], OnReturn::Discard) {
                                Ok(()) => continue 'frames,
                                Err(e) => Err(e),
                            }
                        } else {
                            self.setitem(&obj, &key, v)
                        }
                    }
                    Instr::DeleteSubscr => {
                        let key = ts.stack.pop().unwrap();
                        let obj = ts.stack.pop().unwrap();
                        self.delitem(&obj, &key)
                    }
                    Instr::Binary(op) | Instr::Inplace(op) => {
                        let b = ts.stack.pop().unwrap();
                        let a = ts.stack.pop().unwrap();
                        let fast = match (&a, &b, op) {
                            (Value::Int(x), Value::Int(y), BinOp::Add) => x.checked_add(*y).map(Value::Int),
                            (Value::Int(x), Value::Int(y), BinOp::Sub) => x.checked_sub(*y).map(Value::Int),
                            (Value::Int(x), Value::Int(y), BinOp::Mul) => x.checked_mul(*y).map(Value::Int),
                            (Value::Float(x), Value::Float(y), BinOp::Add) => Some(Value::Float(x + y)),
                            (Value::Float(x), Value::Float(y), BinOp::Sub) => Some(Value::Float(x - y)),
                            (Value::Float(x), Value::Float(y), BinOp::Mul) => Some(Value::Float(x * y)),
                            _ => None,
                        };
                        match fast {
                            Some(v) => {
                                ts.stack.push(v);
                                Ok(())
                            }
                            None => {
                                // `a += b` with a Python __iadd__ runs it as a frame (a manager's
                                // list proxy asks its server).
                                let helper = match (&a, instr) {
                                    (Value::Instance(_), Instr::Inplace(_)) => {
                                        let (name, _, iname, _) = super::api::dunder(op);
                                        if self.python_dunder(&a, iname).is_some() {
                                            self.concsim_helper("inplace_of").map(|h| (h, name, iname))
                                        } else {
                                            None
                                        }
                                    }
                                    _ => None,
                                };
                                if let Some((Value::Function(h), name, iname)) = helper {
                                    ts.frames[fi].pc = pc;
                                    let args = vec![a, b, Value::str(iname), Value::str(name)];
                                    match self.push_python_call(ts, &h, args, OnReturn::Push) {
                                        Ok(()) => continue 'frames,
                                        Err(e) => Err(e),
                                    }
                                } else {
                                    let r = if matches!(instr, Instr::Inplace(_)) {
                                        self.inplace_op(op, a, b)
                                    } else {
                                        self.binary_op(op, &a, &b)
                                    };
                                    match r {
                                        Ok(v) => {
                                            ts.stack.push(v);
                                            Ok(())
                                        }
                                        Err(e) => Err(e),
                                    }
                                }
                            }
                        }
                    }
                    Instr::Unary(op) => {
                        let a = ts.stack.pop().unwrap();
                        let r = match op {
                            UnOp::Not => self.truthy(&a).map(|t| Value::Bool(!t)),
                            _ => self.unary_op(op, &a),
                        };
                        match r {
                            Ok(v) => {
                                ts.stack.push(v);
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Instr::Compare(op) => {
                        let b = ts.stack.pop().unwrap();
                        let a = ts.stack.pop().unwrap();
                        // `x in obj` with a Python __contains__ runs it as a frame (a manager's
                        // dict proxy asks its server).
                        // `x in gen` takes the generator's items as frames until one is equal.
                        let helper = if !matches!(op, CmpOp::In | CmpOp::NotIn) {
                            None
                        } else if matches!(b, Value::Instance(_)) && self.python_dunder(&b, "__contains__").is_some() {
                            self.concsim_helper(if op == CmpOp::In { "contains_of" } else { "not_contains_of" })
                        } else if self.iterated_in_python(&b) && self.lookup_special(&b, "__contains__").is_none() {
                            self.concsim_helper(if op == CmpOp::In {
                                "iter_contains_of"
                            } else {
                                "iter_not_contains_of"
                            })
                        } else {
                            None
                        };
                        if let Some(Value::Function(h)) = helper {
                            ts.frames[fi].pc = pc;
                            match self.push_python_call(ts, &h, vec![b, a], OnReturn::Push) {
                                Ok(()) => continue 'frames,
                                Err(e) => Err(e),
                            }
                        } else {
                            let fast = match (&a, &b) {
                                (Value::Int(x), Value::Int(y)) => match op {
                                    CmpOp::Lt => Some(x < y),
                                    CmpOp::Le => Some(x <= y),
                                    CmpOp::Eq => Some(x == y),
                                    CmpOp::Ne => Some(x != y),
                                    CmpOp::Gt => Some(x > y),
                                    CmpOp::Ge => Some(x >= y),
                                    _ => None,
                                },
                                _ => None,
                            };
                            let r = match fast {
                                Some(t) => Ok(Value::Bool(t)),
                                None => self.compare_op(op, &a, &b),
                            };
                            match r {
                                Ok(v) => {
                                    ts.stack.push(v);
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            }
                        }
                    }
                    Instr::Jump(t) => {
                        let backward = (t as usize) < pc;
                        pc = t as usize;
                        // Backward jumps are CPython 3.11's other eval-breaker point.
                        if backward && steps >= budget {
                            ts.frames[fi].pc = pc;
                            return (RunEnd::Yield, steps);
                        }
                        Ok(())
                    }
                    Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) => {
                        let v = ts.stack.pop().unwrap();
                        let truth = match &v {
                            Value::Bool(b) => Ok(*b),
                            other => self.truthy(other),
                        };
                        match truth {
                            Ok(b) => {
                                if b == matches!(instr, Instr::PopJumpIfTrue(_)) {
                                    pc = t as usize;
                                }
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Instr::JumpIfFalseOrPop(t) | Instr::JumpIfTrueOrPop(t) => {
                        let v = ts.stack.last().unwrap().clone();
                        match self.truthy(&v) {
                            Ok(b) => {
                                if b == matches!(instr, Instr::JumpIfTrueOrPop(_)) {
                                    pc = t as usize;
                                } else {
                                    ts.stack.pop();
                                }
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Instr::GetIter => {
                        let v = ts.stack.pop().unwrap();
                        // A Python __iter__ runs as a frame, so it may block.
                        if let Some(f) = self.python_dunder(&v, "__iter__") {
                            ts.frames[fi].pc = pc;
                            match self.push_python_call(ts, &f, vec![v], OnReturn::Push) {
                                Ok(()) => continue 'frames,
                                Err(e) => Err(e),
                            }
                        } else {
                            match self.get_iter(&v) {
                                Ok(it) => {
                                    ts.stack.push(it);
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            }
                        }
                    }
                    Instr::ForIter(t) => {
                        // The common loop, `for i in range(...)`, without touching the
                        // iterator's reference count.
                        let mut range_step = None;
                        if let Some(Value::Iter(cell)) = ts.stack.last() {
                            let unique = Rc::strong_count(cell) == 1;
                            match &mut *cell.borrow_mut() {
                                super::value::IterState::Range { next, stop, step } => {
                                    range_step =
                                        Some(if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                                            let v = *next;
                                            *next += *step;
                                            Some(Value::Int(v))
                                        } else {
                                            None
                                        });
                                }
                                // A list only this loop's iterator holds (`for h in
                                // self._take_ready()`): no one can see it again, so each item
                                // moves out instead of being copied, and is freed as soon as
                                // the loop is done with it (CPython frees each handle of
                                // asyncio's ready queue after running it, `popleft()`).
                                super::value::IterState::Seq { seq: Value::List(l), index }
                                    if unique && Rc::strong_count(l) == 1 =>
                                {
                                    let mut items = l.borrow_mut();
                                    range_step = Some(match items.get_mut(*index) {
                                        Some(slot) => {
                                            *index += 1;
                                            Some(std::mem::replace(slot, Value::None))
                                        }
                                        None => None,
                                    });
                                }
                                _ => {}
                            }
                        }
                        if let Some(r) = range_step {
                            match r {
                                Some(v) => ts.stack.push(v),
                                None => {
                                    ts.stack.pop();
                                    pc = t as usize;
                                }
                            }
                            continue;
                        }
                        let it = ts.stack.last().unwrap().clone();
                        if let Some(gen) = generator_of(&it) {
                            ts.frames[fi].pc = pc;
                            match self.resume_generator(ts, gen, Resumption::Send(Value::None), GenMode::ForIter, None)
                            {
                                Ok(Resumed::Pushed(_)) => continue 'frames,
                                Ok(Resumed::Exhausted) => {
                                    ts.stack.pop();
                                    pc = t as usize;
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            }
                        }
                        // A Python `__next__` runs as a frame, so it may block (a pool's
                        // imap); its StopIteration ends the loop in `raise_in`.
                        else if let (Value::Instance(_), Some(Value::Function(f))) =
                            (&it, self.lookup_special(&it, "__next__"))
                        {
                            ts.frames[fi].pc = pc;
                            let base = ts.stack.len();
                            match self.bind_frame(&f, vec![it.clone()], Vec::new()) {
                                Ok(mut frame) => {
                                    frame.base = base;
                                    ts.frames.push(frame);
                                    continue 'frames;
                                }
                                Err(e) => Err(e),
                            }
                        } else {
                            match self.next(&it) {
                                Ok(Some(v)) => {
                                    ts.stack.push(v);
                                    Ok(())
                                }
                                Ok(None) => {
                                    ts.stack.pop();
                                    pc = t as usize;
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            }
                        }
                    }
                    Instr::BuildTuple(n) => {
                        let at = ts.stack.len() - n as usize;
                        let items: Vec<Value> = ts.stack.drain(at..).collect();
                        ts.stack.push(Value::tuple(items));
                        Ok(())
                    }
                    Instr::BuildList(n) => {
                        let at = ts.stack.len() - n as usize;
                        let items: Vec<Value> = ts.stack.drain(at..).collect();
                        ts.stack.push(Value::list(items));
                        Ok(())
                    }
                    Instr::BuildSet(n) => {
                        let at = ts.stack.len() - n as usize;
                        let items: Vec<Value> = ts.stack.drain(at..).collect();
                        self.build_set(items).map(|s| ts.stack.push(s))
                    }
                    Instr::BuildMap(n) => {
                        let at = ts.stack.len() - 2 * n as usize;
                        let items: Vec<Value> = ts.stack.drain(at..).collect();
                        self.build_map(items).map(|d| ts.stack.push(d))
                    }
                    Instr::BuildSlice(n) => {
                        let step = if n == 3 { ts.stack.pop().unwrap() } else { Value::None };
                        let stop = ts.stack.pop().unwrap();
                        let start = ts.stack.pop().unwrap();
                        ts.stack.push(Value::Slice(Rc::new(super::value::SliceObj { start, stop, step })));
                        Ok(())
                    }
                    Instr::BuildString(n) => {
                        let at = ts.stack.len() - n as usize;
                        let mut s = String::new();
                        for v in ts.stack.drain(at..) {
                            if let Value::Str(p) = v {
                                s.push_str(&p);
                            }
                        }
                        ts.stack.push(Value::str(&s));
                        Ok(())
                    }
                    Instr::FormatValue(flags) => {
                        let spec = if flags & 4 != 0 { ts.stack.pop() } else { None };
                        let v = ts.stack.pop().unwrap();
                        let r = self.format_value(&v, flags & 3, spec.as_ref());
                        r.map(|s| ts.stack.push(s))
                    }
                    Instr::ListAppend(i) => {
                        let v = ts.stack.pop().unwrap();
                        let n = ts.stack.len();
                        if let Value::List(l) = &ts.stack[n - i as usize] {
                            l.borrow_mut().push(v);
                        }
                        Ok(())
                    }
                    Instr::SetAdd(i) => {
                        let v = ts.stack.pop().unwrap();
                        let n = ts.stack.len();
                        let target = ts.stack[n - i as usize].clone();
                        match &target {
                            Value::Set(s) => match self.set_key(s, &v) {
                                Ok(k) => {
                                    s.borrow_mut().insert(k);
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            },
                            _ => Ok(()),
                        }
                    }
                    Instr::MapAdd(i) => {
                        let v = ts.stack.pop().unwrap();
                        let k = ts.stack.pop().unwrap();
                        let n = ts.stack.len();
                        let target = ts.stack[n - i as usize].clone();
                        match &target {
                            Value::Dict(d) => match self.dict_key(d, &k) {
                                Ok(k) => {
                                    d.borrow_mut().insert(k, v);
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            },
                            _ => Ok(()),
                        }
                    }
                    Instr::ListExtend(i) => {
                        let v = ts.stack.pop().unwrap();
                        let n = ts.stack.len();
                        let target = ts.stack[n - i as usize].clone();
                        if self.iterated_in_python(&v) {
                            // `[*gen]`, `f(a, *gen)`: the items are taken as frames.
                            ts.frames[fi].pc = pc;
                            match self.push_helper_call(ts, "extend_into", vec![target, v], OnReturn::Discard) {
                                Ok(()) => continue 'frames,
                                Err(e) => Err(e),
                            }
                        } else {
                            match self.collect(&v) {
                                Ok(items) => {
                                    if let Value::List(l) = target {
                                        l.borrow_mut().extend(items);
                                    }
                                    Ok(())
                                }
                                Err(_) if !self.is_iterable(&v) => Err(self.err(
                                    "TypeError",
                                    format!("Value after * must be an iterable, not {}", v.type_name()),
                                )),
                                Err(e) => Err(e),
                            }
                        }
                    }
                    Instr::ListToTuple => {
                        let v = ts.stack.pop().unwrap();
                        if let Value::List(l) = v {
                            let items = l.borrow().clone();
                            ts.stack.push(Value::tuple(items));
                        }
                        Ok(())
                    }
                    Instr::DictMerge(i) | Instr::DictUpdate(i) => {
                        let v = ts.stack.pop().unwrap();
                        let n = ts.stack.len();
                        let target = ts.stack[n - i as usize].clone();
                        self.dict_merge(&target, &v, matches!(instr, Instr::DictMerge(_)))
                    }
                    Instr::UnpackSequence(n) if self.iterated_in_python(&ts.stack[ts.stack.len() - 1]) => {
                        // `a, b = gen`: the items are taken as frames.
                        let v = ts.stack.pop().unwrap();
                        ts.frames[fi].pc = pc;
                        match self.push_helper_call(ts, "unpack_of", vec![v, Value::Int(n as i64)], OnReturn::Spread) {
                            Ok(()) => continue 'frames,
                            Err(e) => Err(e),
                        }
                    }
                    Instr::UnpackEx(spec) if self.iterated_in_python(&ts.stack[ts.stack.len() - 1]) => {
                        let v = ts.stack.pop().unwrap();
                        ts.frames[fi].pc = pc;
                        let (before, after) = (Value::Int(i64::from(spec & 0xff)), Value::Int(i64::from(spec >> 8)));
                        match self.push_helper_call(ts, "unpack_ex_of", vec![v, before, after], OnReturn::Spread) {
                            Ok(()) => continue 'frames,
                            Err(e) => Err(e),
                        }
                    }
                    Instr::UnpackSequence(n) => {
                        let v = ts.stack.pop().unwrap();
                        match self.unpack(&v, n as usize) {
                            Ok(items) => {
                                ts.stack.extend(items.into_iter().rev());
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Instr::UnpackEx(spec) => {
                        let v = ts.stack.pop().unwrap();
                        let before = (spec & 0xff) as usize;
                        let after = (spec >> 8) as usize;
                        match self.collect(&v) {
                            Ok(items) => {
                                if items.len() < before + after {
                                    Err(self.err(
                                        "ValueError",
                                        format!(
                                            "not enough values to unpack (expected at least {}, got {})",
                                            before + after,
                                            items.len()
                                        ),
                                    ))
                                } else {
                                    let mid_end = items.len() - after;
                                    let mut out: Vec<Value> = items[..before].to_vec();
                                    out.push(Value::list(items[before..mid_end].to_vec()));
                                    out.extend_from_slice(&items[mid_end..]);
                                    ts.stack.extend(out.into_iter().rev());
                                    Ok(())
                                }
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Instr::MakeFunction(flags) => {
                        let r = self.make_function(ts, flags, &ts.frames[fi].globals.clone());
                        r.map(|f| ts.stack.push(f))
                    }
                    Instr::BuildClass(nbases) => {
                        ts.frames[fi].pc = pc;
                        match self.build_class(ts, nbases) {
                            Ok(()) => continue 'frames,
                            Err(e) => Err(e),
                        }
                    }
                    Instr::ReturnValue => {
                        let v = ts.stack.pop().unwrap();
                        let mut frame = ts.frames.pop().unwrap();
                        ts.stack.truncate(frame.base);
                        self.recycle_locals(std::mem::take(&mut frame.locals));
                        match self.finish_frame(ts, frame.on_return, v) {
                            Ok(Some(done)) => return (RunEnd::Done(Ok(done)), steps),
                            Ok(None) => continue 'frames,
                            Err(e) => {
                                if let Some(o) = self.raise_flow(ts, e) {
                                    return (o, steps);
                                }
                                continue 'frames;
                            }
                        }
                    }
                    Instr::YieldValue | Instr::YieldAsync => {
                        let v = ts.stack.pop().unwrap();
                        // `sum(g)`, `list(g)`, `tuple(g)`: the item is taken in place and the
                        // generator runs on (it was sent None), no park and resume per item.
                        let v = match &mut ts.frames[fi].on_return {
                            OnReturn::Gen(r) if r.mode.gathers() && matches!(instr, Instr::YieldValue) => {
                                match self.gather_item(r, v) {
                                    None => {
                                        ts.stack.push(Value::None);
                                        continue;
                                    }
                                    Some(v) => {
                                        // Not a number for `sum`: the generator parks at this
                                        // yield and `_concsim_iter.sum_rest` adds the rest.
                                        if let Err(e) = self.sum_in_python(ts, pc, v) {
                                            if let Some(o) = self.raise_flow(ts, e) {
                                                return (o, steps);
                                            }
                                        }
                                        continue 'frames;
                                    }
                                }
                            }
                            _ => v,
                        };
                        let frame = ts.frames.pop().unwrap();
                        let wrapped = matches!(instr, Instr::YieldAsync);
                        let r = match self.park_generator(ts, frame, pc, wrapped) {
                            Ok(true) if !ts.frames.is_empty() => self.await_completed(ts, v.clone()),
                            Ok(_) => Ok(()),
                            Err(e) => Err(e),
                        };
                        if let Err(e) = r {
                            if let Some(o) = self.raise_flow(ts, e) {
                                return (o, steps);
                            }
                            continue 'frames;
                        }
                        if ts.frames.is_empty() {
                            return (RunEnd::Done(Ok(v)), steps);
                        }
                        if !wrapped {
                            ts.stack.push(v);
                        }
                        continue 'frames;
                    }
                    Instr::GetAIter => {
                        let v = ts.stack.pop().unwrap();
                        match super::async_gen::get_aiter(self, &v) {
                            Ok(it) => {
                                ts.stack.push(it);
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Instr::GetANext => {
                        let aiter = ts.stack.last().unwrap().clone();
                        match super::async_gen::get_anext(self, &aiter) {
                            Ok(it) => {
                                ts.stack.push(it);
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Instr::EndAsyncFor => {
                        let exc = ts.stack.pop().unwrap();
                        let stop = self.types.exceptions["StopAsyncIteration"].clone();
                        if self.isinstance(&exc, &stop) {
                            if let Some(b) = ts.frames[fi].blocks.pop() {
                                let prev = ts.stack.remove(b.level as usize);
                                ts.exc = if prev.is_none() { None } else { Some(prev) };
                            }
                            ts.stack.pop();
                            Ok(())
                        } else {
                            ts.frames[fi].pc = pc;
                            if let Some(o) = self.raise_in(ts, exc, false) {
                                return (o, steps);
                            }
                            continue 'frames;
                        }
                    }
                    Instr::GetAwaitable => {
                        let v = ts.stack.pop().unwrap();
                        match super::generator::awaitable(self, &v) {
                            Ok(it) => {
                                ts.stack.push(it);
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Instr::YieldFrom(t) => {
                        let sent = ts.stack.pop().unwrap();
                        let sub = ts.stack.last().unwrap().clone();
                        if let Some(op) = super::async_gen::op_of(&sub) {
                            ts.frames[fi].pc = pc;
                            match self.drive_op(ts, op, Resumption::Send(sent)) {
                                Ok(Resumed::Pushed(None)) => continue 'frames,
                                Ok(Resumed::Pushed(Some(exc))) => {
                                    if let Some(o) = self.raise_in(ts, exc, true) {
                                        return (o, steps);
                                    }
                                    continue 'frames;
                                }
                                Ok(Resumed::Exhausted) => {
                                    ts.stack.pop();
                                    ts.stack.push(Value::None);
                                    pc = t as usize;
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            }
                        } else if let Some(gen) = generator_of(&sub) {
                            ts.frames[fi].pc = pc;
                            match self.resume_generator(ts, gen, Resumption::Send(sent), GenMode::Delegate, None) {
                                Ok(Resumed::Pushed(_)) => continue 'frames,
                                Ok(Resumed::Exhausted) => {
                                    ts.stack.pop();
                                    ts.stack.push(Value::None);
                                    pc = t as usize;
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            }
                        } else {
                            match self.delegate_to_iterator(&sub, sent) {
                                Ok(Some(v)) => {
                                    ts.stack.push(v);
                                    Ok(())
                                }
                                Ok(None) => {
                                    ts.stack.pop();
                                    ts.stack.push(Value::None);
                                    pc = t as usize;
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            }
                        }
                    }
                    Instr::Raise(kind) => {
                        ts.frames[fi].pc = pc;
                        let r = match kind {
                            0 => match ts.exc.clone() {
                                Some(e) => {
                                    if let Some(o) = self.raise_in(ts, e, false) {
                                        return (o, steps);
                                    }
                                    continue 'frames;
                                }
                                None => Err(self.err("RuntimeError", "No active exception to reraise")),
                            },
                            1 => {
                                let e = ts.stack.pop().unwrap();
                                self.make_exception(e, None)
                            }
                            _ => {
                                let cause = ts.stack.pop().unwrap();
                                let e = ts.stack.pop().unwrap();
                                self.make_exception(e, Some(cause))
                            }
                        };
                        match r {
                            Ok(exc) => Err(Flow::Raise(exc)),
                            Err(e) => Err(e),
                        }
                    }
                    Instr::SetupFinally(h) => {
                        let level = ts.stack.len() as u32;
                        ts.frames[fi].blocks.push(Block { handler: h, level, except: false });
                        Ok(())
                    }
                    Instr::PopBlock => {
                        ts.frames[fi].blocks.pop();
                        Ok(())
                    }
                    Instr::PopExcept => {
                        if let Some(b) = ts.frames[fi].blocks.pop() {
                            let prev = ts.stack.remove(b.level as usize);
                            ts.exc = if prev.is_none() { None } else { Some(prev) };
                        }
                        Ok(())
                    }
                    Instr::Reraise => {
                        let e = ts.stack.pop().unwrap();
                        ts.frames[fi].pc = pc;
                        if let Some(o) = self.raise_in(ts, e, false) {
                            return (o, steps);
                        }
                        continue 'frames;
                    }
                    Instr::CheckEgMatch => {
                        let ty = ts.stack.pop().unwrap();
                        let rest = ts.stack.pop().unwrap();
                        match self.eg_helper("_split_star", vec![rest, ty]) {
                            Ok(Value::Tuple(pair)) if pair.len() == 2 => {
                                let (m, r) = (pair[0].clone(), pair[1].clone());
                                if !m.is_none() {
                                    ts.exc = Some(m.clone());
                                }
                                ts.stack.push(r);
                                ts.stack.push(m);
                                Ok(())
                            }
                            Ok(_) => Err(self.err("SystemError", "except* split did not return a pair")),
                            Err(e) => Err(e),
                        }
                    }
                    Instr::PrepReraiseStar => {
                        let list = ts.stack.pop().unwrap();
                        let orig = ts.stack.pop().unwrap();
                        match self.eg_helper("_prep_reraise_star", vec![orig, list]) {
                            Ok(v) => {
                                ts.stack.push(v);
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Instr::JumpIfNotExcMatch(t) => {
                        let ty = ts.stack.pop().unwrap();
                        let exc = ts.stack.last().unwrap().clone();
                        match self.exception_matches(&exc, &ty) {
                            Ok(true) => Ok(()),
                            Ok(false) => {
                                pc = t as usize;
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Instr::WithExceptStart => {
                        ts.frames[fi].pc = pc;
                        match self.with_except_start_instr(ts) {
                            Ok(true) => continue 'frames,
                            r => r.map(|_| ()),
                        }
                    }
                    Instr::ImportName(i) => match self.import_name_instr(ts, fi, pc, &code.names[i as usize]) {
                        Ok(Then::Frame) => continue 'frames,
                        r => r.map(|_| ()),
                    },
                    Instr::ImportFrom(i) => match self.import_from_instr(ts, fi, pc, &code.names[i as usize]) {
                        Ok(Then::Frame) => continue 'frames,
                        r => r.map(|_| ()),
                    },
                    Instr::ImportStar => {
                        self.import_star_instr(ts, fi);
                        Ok(())
                    }
                    Instr::PrintExpr => {
                        ts.stack.pop();
                        Ok(())
                    }
                };
                if super::unawaited::unawaited_pending() {
                    self.warn_unawaited(&code.filename, code.line_at(pc - 1));
                }
                // The memory budget (`vm::memory`): the instruction that outgrew it raises.
                let result = match result {
                    Ok(()) if super::memory::exhausted() => Err(self.err_args("MemoryError", vec![])),
                    other => other,
                };
                if let Err(flow) = result {
                    ts.frames[fi].pc = pc;
                    match flow {
                        Flow::Raise(exc) => {
                            if let Some(o) = self.raise_in(ts, exc, true) {
                                return (o, steps);
                            }
                            continue 'frames;
                        }
                        Flow::Request(r) => {
                            // Suspend before the call instruction: a retry re-executes it;
                            // an answer replaces its operands.
                            ts.frames[fi].pc = pc - 1;
                            let items = ts.stack.len() - self.call_base.take().unwrap_or(ts.stack.len());
                            ts.suspended = Some(Suspended { items });
                            return (RunEnd::Request(*r), steps);
                        }
                    }
                }
            }
        }
    }

    fn raise_flow(&mut self, ts: &mut ThreadState, flow: Flow) -> Option<RunEnd> {
        match flow {
            Flow::Raise(e) => self.raise_in(ts, e, true),
            Flow::Request(_) => {
                let e = self.err("RuntimeError", "concsim: a blocking call is not allowed here");
                match e {
                    Flow::Raise(e) => self.raise_in(ts, e, true),
                    Flow::Request(_) => None,
                }
            }
        }
    }

    fn unbound_deref(&self, code: &crate::lang::bytecode::Code, i: usize) -> Flow {
        if i < code.cellvars.len() {
            let name = &code.cellvars[i];
            self.err(
                "UnboundLocalError",
                format!("cannot access local variable '{name}' where it is not associated with a value"),
            )
        } else {
            let name = &code.freevars[i - code.cellvars.len()];
            self.err(
                "NameError",
                format!(
                    "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
                ),
            )
        }
    }

    /// Handles a finished frame's return value. Returns `Some(v)` when the thread's
    /// outermost frame returned.
    pub(super) fn finish_frame(
        &mut self,
        ts: &mut ThreadState,
        on_return: OnReturn,
        v: Value,
    ) -> Result<Option<Value>, Flow> {
        let result = match on_return {
            OnReturn::Push => v,
            OnReturn::PushAttr => {
                if ts.frames.is_empty() {
                    return Ok(Some(v));
                }
                ts.stack.push(v);
                ts.stack.push(Value::Cell(self.marker.clone()));
                return Ok(None);
            }
            OnReturn::Discard => return Ok(if ts.frames.is_empty() { Some(Value::None) } else { None }),
            OnReturn::Spread => {
                if ts.frames.is_empty() {
                    return Ok(Some(v));
                }
                if let Value::List(items) = &v {
                    ts.stack.extend(items.borrow().iter().rev().cloned());
                }
                return Ok(None);
            }
            OnReturn::Init(instance) => {
                if !v.is_none() {
                    return Err(
                        self.err("TypeError", format!("__init__() should return None, not '{}'", v.type_name()))
                    );
                }
                instance
            }
            OnReturn::Class { name, bases, ns, kwargs } => self.make_class(name, bases, ns, v, kwargs)?,
            OnReturn::New { cls, args, kwargs } => match self.after_new(&cls, v, args, kwargs)? {
                super::call::Called::Value(v) => v,
                super::call::Called::Frame(mut frame) => {
                    frame.base = ts.stack.len();
                    ts.frames.push(*frame);
                    return Ok(None);
                }
            },
            OnReturn::Gen(resume) => return self.generator_returned(ts, resume, v),
        };
        if ts.frames.is_empty() {
            return Ok(Some(result));
        }
        ts.stack.push(result);
        Ok(None)
    }

    /// Raises `exc` in the innermost frame: records the traceback entry (unless this is a
    /// re-raise), then unwinds to a handler. Returns the outcome when the thread ends.
    pub(super) fn raise_in(&mut self, ts: &mut ThreadState, mut exc: Value, new_entry: bool) -> Option<RunEnd> {
        if new_entry {
            if let Some(f) = ts.frames.last() {
                self.add_traceback(&exc, f, true);
            }
            self.set_context(&exc, ts.exc.as_ref());
        }
        loop {
            let Some(frame) = ts.frames.last_mut() else {
                return Some(RunEnd::Done(Err(exc)));
            };
            while let Some(b) = frame.blocks.pop() {
                if b.except {
                    ts.stack.truncate(b.level as usize + 1);
                    let prev = ts.stack.pop().unwrap_or(Value::None);
                    ts.exc = if prev.is_none() { None } else { Some(prev) };
                    continue;
                }
                ts.stack.truncate(b.level as usize);
                frame.blocks.push(Block { handler: 0, level: b.level, except: true });
                ts.stack.push(ts.exc.clone().unwrap_or(Value::None));
                ts.stack.push(exc.clone());
                ts.exc = Some(exc);
                frame.pc = b.handler as usize;
                return None;
            }
            let frame = ts.frames.pop().unwrap();
            ts.stack.truncate(frame.base);
            if let OnReturn::Gen(resume) = frame.on_return {
                match self.generator_raised(ts, resume, exc) {
                    Some(e) => exc = e,
                    // close() succeeded: its None is on the caller's stack.
                    None if ts.frames.is_empty() => {
                        return Some(RunEnd::Done(Ok(ts.stack.pop().unwrap_or(Value::None))))
                    }
                    None => return None,
                }
            }
            if let Some(caller) = ts.frames.last_mut() {
                // StopIteration out of a `__next__` frame ends the caller's for loop.
                if let Some(Instr::ForIter(t)) = caller.code.instrs.get(caller.pc.wrapping_sub(1)).copied() {
                    let stop = self.types.exceptions["StopIteration"].clone();
                    if self.isinstance(&exc, &stop) {
                        ts.stack.pop();
                        caller.pc = t as usize;
                        return None;
                    }
                }
                let caller = ts.frames.last().unwrap();
                self.add_traceback(&exc, caller, true);
            } else {
                return Some(RunEnd::Done(Err(exc)));
            }
        }
    }

    fn is_iterable(&mut self, v: &Value) -> bool {
        self.get_iter(v).is_ok()
    }

    pub(super) fn format_value(&mut self, v: &Value, conv: u32, spec: Option<&Value>) -> Result<Value, Flow> {
        let v = match conv {
            1 => Value::Str(self.str_of(v)?),
            2 => Value::Str(self.repr(v)?),
            3 => Value::Str(self.repr(v)?),
            _ => v.clone(),
        };
        let spec = match spec {
            Some(Value::Str(s)) => s.clone(),
            _ => Rc::from(""),
        };
        if spec.is_empty() {
            if let Value::Str(_) = v {
                return Ok(v);
            }
            return Ok(Value::Str(self.str_of(&v)?));
        }
        self.format_with_spec(&v, &spec).map(|s| Value::str(&s))
    }

    pub(super) fn binary_op(&mut self, op: BinOp, a: &Value, b: &Value) -> Result<Value, Flow> {
        if let Some(v) = ops::binary(self, op, a, b)? {
            return Ok(v);
        }
        self.binary_dunder(op, a, b, false)
    }

    fn inplace_op(&mut self, op: BinOp, a: Value, b: Value) -> Result<Value, Flow> {
        if let (BinOp::Add, Value::List(l)) = (op, &a) {
            let items = self.collect(&b)?;
            l.borrow_mut().extend(items);
            return Ok(a);
        }
        if let Value::Instance(_) = &a {
            return self.binary_dunder(op, &a, &b, true);
        }
        self.binary_op(op, &a, &b)
    }
}
