//! The evaluation loop's import instructions (`ImportName`, `ImportFrom`, `ImportStar`),
//! out of `Interp::run`'s match. Invariant: a module whose body must run first is pushed as
//! a frame with the caller's `pc` set back to the import (`Then::Frame`), so the import
//! executes again once the body returns and then finds the module ready.

use super::super::frame::{Frame, ThreadState};
use super::super::import::Imported;
use super::super::value::Value;
use super::super::{Flow, Interp};
use super::Then;
use std::rc::Rc;

impl Interp {
    /// Pushes a module body to run before the import at `pc - 1` runs again.
    fn run_module_body(ts: &mut ThreadState, fi: usize, pc: usize, mut frame: Frame) -> Then {
        ts.frames[fi].pc = pc - 1;
        frame.base = ts.stack.len();
        ts.frames.push(frame);
        Then::Frame
    }

    /// `import name`.
    #[inline]
    pub(super) fn import_name_instr(
        &mut self,
        ts: &mut ThreadState,
        fi: usize,
        pc: usize,
        name: &str,
    ) -> Result<Then, Flow> {
        ts.frames[fi].pc = pc;
        match self.import_module(name)? {
            Imported::Ready(m) => {
                ts.stack.push(m);
                Ok(Then::Next)
            }
            Imported::RunBody(frame) => Ok(Self::run_module_body(ts, fi, pc, *frame)),
        }
    }

    /// `from m import name`: an attribute of the module on the stack, or else a submodule
    /// (`from package import submodule`), imported then.
    #[inline]
    pub(super) fn import_from_instr(
        &mut self,
        ts: &mut ThreadState,
        fi: usize,
        pc: usize,
        name: &str,
    ) -> Result<Then, Flow> {
        let m = ts.stack.last().unwrap().clone();
        let e = match self.import_from(&m, name) {
            Ok(v) => {
                ts.stack.push(v);
                return Ok(Then::Next);
            }
            Err(e) => e,
        };
        let Value::Module(module) = &m else { return Err(e) };
        let full = format!("{}.{}", module.name, name);
        ts.frames[fi].pc = pc;
        match self.import_module(&full) {
            Ok(Imported::Ready(v)) => {
                ts.stack.push(v);
                Ok(Then::Next)
            }
            Ok(Imported::RunBody(frame)) => Ok(Self::run_module_body(ts, fi, pc, *frame)),
            Err(_) => Err(e),
        }
    }

    /// `from m import *`: the module's public globals into the frame's globals.
    pub(super) fn import_star_instr(&mut self, ts: &mut ThreadState, fi: usize) {
        let m = ts.stack.pop().unwrap();
        let globals = ts.frames[fi].globals.clone();
        if let Value::Module(src) = m {
            let items: Vec<(Rc<str>, Value)> = src
                .globals
                .borrow()
                .items()
                .filter(|(n, _)| !n.starts_with('_'))
                .map(|(n, v)| (n.clone(), v.clone()))
                .collect();
            for (n, v) in items {
                globals.set(&n, v);
            }
        }
    }
}
