//! A thread's execution state: its frames, operand stack and the exception it is handling.
//! Invariant: the operand stack is shared by all frames of the thread; a frame owns the
//! slice above `base`, and every block records a stack depth inside that slice, so unwinding
//! can always cut the stack back to a consistent state.

use super::value::{CellRef, Class, Module, Ref, Value};
use super::Dict;
use crate::lang::bytecode::Code;
use std::rc::Rc;

#[derive(Clone, Copy, Debug)]
pub struct Block {
    /// Handler instruction (try blocks) — unused for except-handler blocks.
    pub handler: u32,
    /// Stack depth when the block was pushed.
    pub level: u32,
    /// An except-handler block: `prev_exc_info` sits at `level`.
    pub except: bool,
}

/// What happens with a frame's return value.
pub enum OnReturn {
    /// Push it on the caller's stack.
    Push,
    /// Drop it (a module body run by `import`).
    Discard,
    /// A property read by `LoadMethod`: push it and the no-self marker.
    PushAttr,
    /// `__init__` returned: it must be None; push the new instance instead.
    Init(Value),
    /// A class body returned: build the class from its namespace.
    Class { name: Rc<str>, bases: Vec<Rc<Class>>, ns: Ref<Dict>, kwargs: Vec<(Rc<str>, Value)> },
    /// A Python `__new__` returned: if it made an instance of `cls`, its `__init__` runs
    /// next with the same arguments (CPython's `type.__call__`).
    New { cls: Rc<Class>, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)> },
    /// A generator's frame, resumed: what becomes of its yields and its return.
    Gen(super::generator::GenResume),
    /// A `_concsim_iter` helper unpacked a list for `UnpackSequence`/`UnpackEx`: push its
    /// items in reverse (the first on top), as the instruction does.
    Spread,
}

pub struct Frame {
    pub code: Rc<Code>,
    pub pc: usize,
    pub locals: Vec<Option<Value>>,
    /// `cellvars ++ freevars`.
    pub cells: Vec<CellRef>,
    pub globals: Rc<Module>,
    /// The namespace of a class body (`LoadName`/`StoreName`).
    pub ns: Option<Ref<Dict>>,
    pub blocks: Vec<Block>,
    /// Stack depth at entry: everything below belongs to callers.
    pub base: usize,
    pub on_return: OnReturn,
}

/// How many items a suspended call instruction left on the stack, so the kernel's answer
/// can replace them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Suspended {
    pub items: usize,
}

#[derive(Default)]
pub struct ThreadState {
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    /// The exception being handled (`sys.exc_info()`), if any.
    pub exc: Option<Value>,
    pub suspended: Option<Suspended>,
}

impl ThreadState {
    /// The innermost frame's current source line, for displays.
    pub fn current_line(&self) -> Option<u32> {
        self.frames.last().map(|f| f.code.line_at(f.pc.saturating_sub(1)))
    }

    /// Where the user's own code is: the innermost frame not in a library prelude, as
    /// (file name, line), and the library function it called there (`Event.wait`), if any.
    pub fn user_location(&self) -> Option<(Rc<str>, u32, Option<Rc<str>>)> {
        let is_library = |f: &Frame| f.code.filename.starts_with("<frozen ");
        let i = self.frames.iter().rposition(|f| !is_library(f))?;
        let f = &self.frames[i];
        let called = self.frames.get(i + 1).filter(|g| is_library(g)).map(|g| g.code.qualname.clone());
        Some((f.code.filename.clone(), f.code.line_at(f.pc.saturating_sub(1)), called))
    }
}
