//! What a thread has in hand, for the page's frame view: its call stack (function, line), each
//! frame's locals, the values it has loaded but not used yet (the operand stack, each named
//! by the instruction that produced it: "loaded balance = 0"), and its next instruction in
//! plain words with the frame's bytecode beside it.
//!
//! Invariant: only reads — no Python runs (values are shown with `view::repr_of`), nothing
//! is numbered or kept alive, so looking never changes a run. Where the stack's provenance
//! cannot be read with certainty (a jump into the middle of the line, an instruction whose
//! effect is not modelled here) values are shown without a name rather than with a wrong one.

use super::view::{repr_of, Var};
use crate::lang::bytecode::{BinOp, CmpOp, Code, Instr, UnOp};
use crate::vm::frame::{Frame, ThreadState};
use crate::vm::value::Value;
use serde::Serialize;
use std::rc::Rc;

/// One frame of a thread's call stack, outermost first in `ThreadView::frames`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FrameView {
    /// `change_it`, `Worker.run`, `<module>`.
    pub function: String,
    pub file: String,
    pub line: u32,
    /// A frame of a library prelude (`threading`, `multiprocessing`…), not the program's.
    pub library: bool,
    /// The function's local variables that are bound, in declaration order (none for a
    /// module body: its variables are the globals).
    pub locals: Vec<Var>,
    /// Values this frame has loaded or computed and not consumed yet, bottom first.
    pub stack: Vec<StackItem>,
    /// The next instruction (the innermost frame's; an outer frame's is the call it waits in).
    pub next: Option<InstrView>,
    /// The index of `next`, counted in the code object.
    pub pc: usize,
    /// The code object's instructions around `pc`, CPython's `dis` style: (index, line, text).
    pub bytecode: Vec<(usize, u32, String)>,
}

/// A value on the operand stack and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StackItem {
    pub origin: Origin,
    /// The expression it is the value of (`balance`, `balance + n`, `self.count`), when known.
    pub expr: Option<String>,
    pub repr: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Read from a variable or attribute: a copy that a store by another thread won't change.
    Loaded,
    /// The result of an operation or call.
    Computed,
    /// A literal of the program.
    Constant,
    /// Pushed before this line (a loop's iterator, a call in progress).
    Earlier,
}

/// An instruction, by name and in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InstrView {
    /// `LOAD_GLOBAL balance`.
    pub bytecode: String,
    /// What it does, for a learner: a key of `Plain`, with its operand.
    pub plain: Plain,
}

/// The plain-words meaning of an instruction; the page words it in each language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "what", rename_all = "snake_case")]
pub enum Plain {
    /// Read a variable: `balance`.
    Load(String),
    /// Write a variable.
    Store(String),
    /// Read an attribute `x.attr` (the object is on the stack).
    LoadAttr(String),
    StoreAttr(String),
    /// Read or write an item `x[k]`.
    LoadItem,
    StoreItem,
    /// An operator: `+`, `<`, `not`.
    Operate(String),
    /// Call the function (or method) with N arguments; the callee's expression when known.
    Call(usize, Option<String>),
    /// Jump or test: control flow within the frame.
    Branch,
    /// Take the next item of a loop.
    NextItem,
    Return,
    Import(String),
    /// Build a tuple, list, dict, string or function.
    Build,
    Raise,
    /// Anything else (stack shuffles, exception bookkeeping).
    Other,
}

/// Whether a frame belongs to a library prelude rather than the program.
pub fn is_library(f: &Frame) -> bool {
    f.code.filename.starts_with("<frozen ")
}

/// The frames of a thread, outermost first.
pub fn frames_of(ts: &ThreadState) -> Vec<FrameView> {
    let n = ts.frames.len();
    (0..n)
        .map(|i| {
            let f = &ts.frames[i];
            let innermost = i + 1 == n;
            let top = if innermost { ts.stack.len() } else { ts.frames[i + 1].base.min(ts.stack.len()) };
            let stack = &ts.stack[f.base.min(top)..top];
            // The innermost frame stands before instruction `pc`; an outer one is inside the
            // call at `pc - 1`.
            let at = if innermost { f.pc } else { f.pc.saturating_sub(1) };
            let module = f.globals.globals.borrow();
            let globals: &[Rc<str>] = &module.names;
            FrameView {
                function: f.code.qualname.to_string(),
                file: f.code.filename.to_string(),
                line: f.code.line_at(f.pc.saturating_sub(1)),
                library: is_library(f),
                locals: locals_of(f),
                stack: stack_items(&f.code, globals, f.pc, stack),
                next: f.code.instrs.get(at).map(|&ins| {
                    let mut next = describe(&f.code, globals, ins);
                    if let Plain::Call(_, callee) = &mut next.plain {
                        *callee = callee_of(&f.code, globals, at, ins);
                    }
                    next
                }),
                pc: at,
                bytecode: listing(f, globals, at),
            }
        })
        .collect()
}

/// Instructions shown around the next one: enough to see the current line and its
/// neighbours, few enough that a view built at every step stays cheap.
const LISTING_AROUND: usize = 12;

fn listing(f: &Frame, globals: &[Rc<str>], at: usize) -> Vec<(usize, u32, String)> {
    let from = at.saturating_sub(LISTING_AROUND);
    let to = (at + LISTING_AROUND + 1).min(f.code.instrs.len());
    (from..to).map(|k| (k, f.code.line_at(k), disassemble(&f.code, globals, f.code.instrs[k]))).collect()
}

fn locals_of(f: &Frame) -> Vec<Var> {
    if f.code.kind == crate::lang::bytecode::CodeKind::Module {
        return Vec::new();
    }
    let mut out: Vec<Var> = f
        .code
        .varnames
        .iter()
        .zip(f.locals.iter())
        .filter_map(|(name, v)| v.as_ref().map(|v| Var { name: name.to_string(), repr: repr_of(v) }))
        .collect();
    let cell_names = f.code.cellvars.iter().chain(f.code.freevars.iter());
    for (name, cell) in cell_names.zip(f.cells.iter()) {
        if out.iter().any(|v| v.name == **name) {
            continue;
        }
        if let Some(v) = cell.borrow().as_ref() {
            out.push(Var { name: name.to_string(), repr: repr_of(v) });
        }
    }
    out
}

/// The name of slot `i` of a table, or `?` (never panics on a malformed operand).
fn name_in(table: &[impl AsRef<str>], i: u32) -> String {
    table.get(i as usize).map(|s| s.as_ref().to_string()).unwrap_or_else(|| "?".into())
}

fn deref_name(code: &Code, i: u32) -> String {
    let names: Vec<&str> = code.cellvars.iter().chain(code.freevars.iter()).map(|s| &**s).collect();
    name_in(&names, i)
}

fn binop_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::MatMul => "@",
        BinOp::TrueDiv => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::And => "&",
        BinOp::Or => "|",
        BinOp::Xor => "^",
    }
}

fn cmp_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
    }
}

fn unop_symbol(op: UnOp) -> &'static str {
    match op {
        UnOp::Neg => "-",
        UnOp::Pos => "+",
        UnOp::Not => "not ",
        UnOp::Invert => "~",
    }
}

/// `LOAD_GLOBAL`, from the instruction's Rust name (CPython 3.11's for operators).
fn opname(ins: Instr) -> String {
    match ins {
        Instr::Binary(_) | Instr::Inplace(_) => return "BINARY_OP".into(),
        Instr::Compare(_) => return "COMPARE_OP".into(),
        Instr::Unary(op) => {
            let name = match op {
                UnOp::Neg => "UNARY_NEGATIVE",
                UnOp::Pos => "UNARY_POSITIVE",
                UnOp::Not => "UNARY_NOT",
                UnOp::Invert => "UNARY_INVERT",
            };
            return name.into();
        }
        _ => {}
    }
    let debug = format!("{ins:?}");
    let name = debug.split('(').next().unwrap_or("");
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// One instruction as `dis` prints it: name, operand, and what the operand names.
pub fn disassemble(code: &Code, globals: &[Rc<str>], ins: Instr) -> String {
    let name = opname(ins);
    let arg = match ins {
        Instr::LoadConst(i) => code.consts.get(i as usize).map(|v| format!("{i} ({})", short(&repr_of(v)))),
        Instr::LoadFast(i) | Instr::StoreFast(i) | Instr::DeleteFast(i) => {
            Some(format!("{i} ({})", name_in(&code.varnames, i)))
        }
        Instr::LoadDeref(i) | Instr::StoreDeref(i) | Instr::DeleteDeref(i) | Instr::LoadClosure(i) => {
            Some(format!("{i} ({})", deref_name(code, i)))
        }
        Instr::LoadGlobal(i) | Instr::StoreGlobal(i) | Instr::DeleteGlobal(i) => {
            Some(format!("{i} ({})", name_in(globals, i)))
        }
        Instr::LoadName(i)
        | Instr::StoreName(i)
        | Instr::DeleteName(i)
        | Instr::LoadBuiltin(i)
        | Instr::LoadAttr(i)
        | Instr::StoreAttr(i)
        | Instr::DeleteAttr(i)
        | Instr::LoadMethod(i)
        | Instr::ImportName(i)
        | Instr::ImportFrom(i) => Some(format!("{i} ({})", name_in(&code.names, i))),
        Instr::Binary(op) => Some(format!("({})", binop_symbol(op))),
        Instr::Inplace(op) => Some(format!("({}=)", binop_symbol(op))),
        Instr::Compare(op) => Some(format!("({})", cmp_symbol(op))),
        Instr::Unary(_) => None,
        _ if jumps(ins).is_some() => jumps(ins).map(|t| format!("(to {t})")),
        _ => {
            let debug = format!("{ins:?}");
            debug.split_once('(').map(|(_, rest)| rest.trim_end_matches(')').to_string())
        }
    };
    match arg {
        Some(a) => format!("{name} {a}"),
        None => name,
    }
}

fn short(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() > MAX {
        s.chars().take(MAX - 1).chain(['…']).collect()
    } else {
        s.to_string()
    }
}

/// The instruction in words.
fn describe(code: &Code, globals: &[Rc<str>], ins: Instr) -> InstrView {
    let plain = match ins {
        Instr::LoadFast(i) => Plain::Load(name_in(&code.varnames, i)),
        Instr::LoadGlobal(i) => Plain::Load(name_in(globals, i)),
        Instr::LoadDeref(i) => Plain::Load(deref_name(code, i)),
        Instr::LoadName(i) | Instr::LoadBuiltin(i) => Plain::Load(name_in(&code.names, i)),
        Instr::LoadConst(i) => Plain::Load(code.consts.get(i as usize).map(|v| short(&repr_of(v))).unwrap_or_default()),
        Instr::StoreFast(i) => Plain::Store(name_in(&code.varnames, i)),
        Instr::StoreGlobal(i) => Plain::Store(name_in(globals, i)),
        Instr::StoreDeref(i) => Plain::Store(deref_name(code, i)),
        Instr::StoreName(i) => Plain::Store(name_in(&code.names, i)),
        Instr::LoadAttr(i) | Instr::LoadMethod(i) => Plain::LoadAttr(name_in(&code.names, i)),
        Instr::StoreAttr(i) => Plain::StoreAttr(name_in(&code.names, i)),
        Instr::BinarySubscr => Plain::LoadItem,
        Instr::StoreSubscr => Plain::StoreItem,
        Instr::Binary(op) | Instr::Inplace(op) => Plain::Operate(binop_symbol(op).into()),
        Instr::Compare(op) => Plain::Operate(cmp_symbol(op).into()),
        Instr::Unary(op) => Plain::Operate(unop_symbol(op).trim().into()),
        Instr::Call(n) | Instr::CallMethod(n) | Instr::CallKw(n) => Plain::Call(n as usize, None),
        Instr::CallEx(_) => Plain::Call(0, None),
        Instr::Jump(_)
        | Instr::PopJumpIfFalse(_)
        | Instr::PopJumpIfTrue(_)
        | Instr::JumpIfFalseOrPop(_)
        | Instr::JumpIfTrueOrPop(_) => Plain::Branch,
        Instr::ForIter(_) => Plain::NextItem,
        Instr::ReturnValue => Plain::Return,
        Instr::ImportName(i) | Instr::ImportFrom(i) => Plain::Import(name_in(&code.names, i)),
        Instr::BuildTuple(_)
        | Instr::BuildList(_)
        | Instr::BuildSet(_)
        | Instr::BuildMap(_)
        | Instr::BuildString(_)
        | Instr::FormatValue(_)
        | Instr::MakeFunction(_)
        | Instr::BuildClass(_) => Plain::Build,
        Instr::Raise(_) | Instr::Reraise => Plain::Raise,
        _ => Plain::Other,
    };
    InstrView { bytecode: disassemble(code, globals, ins), plain }
}

/// A symbolic stack entry: what produced it.
#[derive(Clone)]
struct Sym {
    origin: Origin,
    expr: String,
}

fn sym(origin: Origin, expr: impl Into<String>) -> Sym {
    Sym { origin, expr: expr.into() }
}

/// Whether an instruction may jump (so straight-line code ends after it), and where.
fn jumps(ins: Instr) -> Option<u32> {
    ins.stack_effect().jump.map(|(target, _)| target)
}

/// Names the values on a frame's stack: replays symbolically the straight-line run of
/// instructions of the current line that ends at `pc` (no jump in it, none into it), so the
/// values it pushed get the expression they are the value of; the ones below were there
/// before the line (shown as `Earlier`). Gives up (all `Earlier`) on anything it does not
/// model, rather than guess.
fn stack_items(code: &Code, globals: &[Rc<str>], pc: usize, stack: &[Value]) -> Vec<StackItem> {
    let syms = replay_line(code, globals, pc).filter(|s| s.len() <= stack.len()).unwrap_or_default();
    // The replay counts LoadMethod's marker; the markers are not shown, nor are their names.
    let mut named: Vec<Option<Sym>> = vec![None; stack.len() - syms.len()];
    named.extend(syms.into_iter().map(Some));
    stack
        .iter()
        .zip(named)
        .filter(|(v, _)| !matches!(v, Value::Cell(_)))
        .map(|(v, s)| match s {
            Some(s) => StackItem { origin: s.origin, expr: Some(s.expr), repr: repr_of(v) },
            None => StackItem { origin: Origin::Earlier, expr: None, repr: repr_of(v) },
        })
        .collect()
}

fn replay_line(code: &Code, globals: &[Rc<str>], pc: usize) -> Option<Vec<Sym>> {
    if pc == 0 || pc > code.instrs.len() {
        return Some(Vec::new());
    }
    let line = code.line_at(pc - 1);
    let targets: Vec<u32> = code.instrs.iter().filter_map(|&i| jumps(i)).collect();
    let mut start = pc;
    while start > 0
        && code.line_at(start - 1) == line
        && jumps(code.instrs[start - 1]).is_none()
        && !targets.contains(&(start as u32))
    {
        start -= 1;
    }
    let mut st: Vec<Sym> = Vec::new();
    // A loop's body starts right after its FOR_ITER, which pushed the next item.
    if start > 0 && matches!(code.instrs[start - 1], Instr::ForIter(_)) {
        st.push(sym(Origin::Computed, "next(…)"));
    }
    let pop = |st: &mut Vec<Sym>| st.pop().map(|s| s.expr);
    for &ins in &code.instrs[start..pc] {
        match ins {
            Instr::Nop => {}
            Instr::LoadConst(i) => st.push(sym(
                Origin::Constant,
                code.consts.get(i as usize).map(|v| short(&repr_of(v))).unwrap_or_default(),
            )),
            Instr::LoadFast(i) => st.push(sym(Origin::Loaded, name_in(&code.varnames, i))),
            Instr::LoadGlobal(i) => st.push(sym(Origin::Loaded, name_in(globals, i))),
            Instr::LoadDeref(i) => st.push(sym(Origin::Loaded, deref_name(code, i))),
            Instr::LoadName(i) | Instr::LoadBuiltin(i) => st.push(sym(Origin::Loaded, name_in(&code.names, i))),
            Instr::LoadAttr(i) => {
                let obj = pop(&mut st)?;
                st.push(sym(Origin::Loaded, format!("{obj}.{}", name_in(&code.names, i))));
            }
            Instr::LoadMethod(i) => {
                let obj = pop(&mut st)?;
                st.push(sym(Origin::Loaded, format!("{obj}.{}", name_in(&code.names, i))));
                st.push(sym(Origin::Loaded, obj));
            }
            Instr::BinarySubscr => {
                let k = pop(&mut st)?;
                let c = pop(&mut st)?;
                st.push(sym(Origin::Loaded, format!("{c}[{k}]")));
            }
            Instr::Binary(op) => {
                let b = pop(&mut st)?;
                let a = pop(&mut st)?;
                st.push(sym(Origin::Computed, format!("{a} {} {b}", binop_symbol(op))));
            }
            Instr::Inplace(op) => {
                let b = pop(&mut st)?;
                let a = pop(&mut st)?;
                st.push(sym(Origin::Computed, format!("{a} {} {b}", binop_symbol(op))));
            }
            Instr::Compare(op) => {
                let b = pop(&mut st)?;
                let a = pop(&mut st)?;
                st.push(sym(Origin::Computed, format!("{a} {} {b}", cmp_symbol(op))));
            }
            Instr::Unary(op) => {
                let a = pop(&mut st)?;
                st.push(sym(Origin::Computed, format!("{}{a}", unop_symbol(op))));
            }
            Instr::Call(n) => {
                let args: Vec<String> = (0..n).map(|_| pop(&mut st)).collect::<Option<Vec<_>>>()?;
                let f = pop(&mut st)?;
                st.push(sym(Origin::Computed, call_expr(&f, args)));
            }
            Instr::CallMethod(n) => {
                let args: Vec<String> = (0..n).map(|_| pop(&mut st)).collect::<Option<Vec<_>>>()?;
                pop(&mut st)?;
                let f = pop(&mut st)?;
                st.push(sym(Origin::Computed, call_expr(&f, args)));
            }
            Instr::CallKw(n) => {
                pop(&mut st)?;
                let args: Vec<String> = (0..n).map(|_| pop(&mut st)).collect::<Option<Vec<_>>>()?;
                let f = pop(&mut st)?;
                st.push(sym(Origin::Computed, call_expr(&f, args)));
            }
            Instr::PopTop
            | Instr::StoreFast(_)
            | Instr::StoreGlobal(_)
            | Instr::StoreDeref(_)
            | Instr::StoreName(_)
            | Instr::DeleteAttr(_) => {
                pop(&mut st)?;
            }
            Instr::StoreAttr(_) | Instr::DeleteSubscr => {
                pop(&mut st)?;
                pop(&mut st)?;
            }
            Instr::StoreSubscr => {
                for _ in 0..3 {
                    pop(&mut st)?;
                }
            }
            Instr::DupTop => {
                let top = st.last()?.clone();
                st.push(top);
            }
            Instr::RotTwo => {
                let n = st.len();
                if n < 2 {
                    return None;
                }
                st.swap(n - 1, n - 2);
            }
            Instr::BuildTuple(n) | Instr::BuildList(n) | Instr::BuildSet(n) | Instr::BuildString(n) => {
                let items: Vec<String> = (0..n).map(|_| pop(&mut st)).collect::<Option<Vec<_>>>()?;
                let (open, close) = match ins {
                    Instr::BuildTuple(_) => ("(", ")"),
                    Instr::BuildList(_) => ("[", "]"),
                    Instr::BuildSet(_) => ("{", "}"),
                    _ => ("f'", "'"),
                };
                let inner: Vec<String> = items.into_iter().rev().collect();
                st.push(sym(Origin::Computed, format!("{open}{}{close}", inner.join(", "))));
            }
            Instr::ImportName(i) => st.push(sym(Origin::Loaded, name_in(&code.names, i))),
            Instr::GetIter => {
                let a = pop(&mut st)?;
                st.push(sym(Origin::Computed, format!("iter({a})")));
            }
            // Not modelled: a wrong name would mislead more than no name.
            _ => return None,
        }
    }
    Some(st)
}

/// The expression of the function a call instruction at `at` calls, read from the
/// symbolic stack just before it.
fn callee_of(code: &Code, globals: &[Rc<str>], at: usize, ins: Instr) -> Option<String> {
    let below = match ins {
        Instr::Call(n) => n as usize,
        Instr::CallMethod(n) | Instr::CallKw(n) => n as usize + 1,
        _ => return None,
    };
    let syms = replay_line(code, globals, at)?;
    syms.len().checked_sub(below + 1).map(|i| syms[i].expr.clone())
}

fn call_expr(f: &str, args: Vec<String>) -> String {
    let args: Vec<String> = args.into_iter().rev().collect();
    format!("{f}({})", short(&args.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{Policy, RunOptions, Session};

    /// Steps `no_lock`-like code until a worker thread has loaded `balance` and is about to
    /// compute with it: its frame names the loaded value.
    #[test]
    fn a_loaded_global_is_named_on_the_stack() {
        let src = "balance = 0\n\ndef change_it(n):\n    global balance\n    balance = balance + n\n\nchange_it(5)\nprint(balance)\n";
        let opts = RunOptions { policy: Policy::PreemptAny, ..RunOptions::default() };
        let mut s = Session::new("t.py", src, &opts);
        let mut seen = false;
        while s.step(None) && !seen {
            let v = s.view();
            for t in &v.threads {
                let Some(f) = t.frames.last() else { continue };
                if f.function == "change_it" && f.stack.iter().any(|i| i.expr.as_deref() == Some("balance")) {
                    let item = f.stack.iter().find(|i| i.expr.as_deref() == Some("balance")).unwrap();
                    assert_eq!(item.origin, Origin::Loaded);
                    assert_eq!(item.repr, "0");
                    assert!(f.locals.iter().any(|l| l.name == "n" && l.repr == "5"));
                    seen = true;
                }
            }
        }
        assert!(seen, "never saw change_it holding the loaded balance");
    }

    #[test]
    fn instructions_are_named_like_dis() {
        assert_eq!(opname(Instr::LoadGlobal(3)), "LOAD_GLOBAL");
        assert_eq!(opname(Instr::PopJumpIfFalse(3)), "POP_JUMP_IF_FALSE");
        assert_eq!(opname(Instr::Binary(BinOp::Add)), "BINARY_OP");
    }
}
