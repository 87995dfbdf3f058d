//! AST → bytecode, after CPython 3.9's `compile.c`; the front end (`lang::front`) has
//! already turned programs CPython 3.11 would reject into its exact SyntaxError report.
//!
//! Owns: code generation for every supported construct (one `Code` per module, function,
//! lambda, class body and comprehension), the module's global slot table, the SyntaxErrors
//! CPython's compiler raises (`'return' outside function`, `'break' outside loop`,
//! starred-assignment misuse, ...), and the parse-time ones (via `front`). Unsupported
//! constructs end as a `CompileError` "concsim does not support X yet" at their line.
//!
//! Here: code units and emission; `stmt.rs` statements, `expr.rs` expressions. Positions are
//! `lang::lines`; parsing and SyntaxErrors are `lang::front`.
//!
//! Invariants:
//! - the instruction stream obeys the stack effects documented in `bytecode.rs` on every
//!   path (the tests check this by abstract interpretation); every instruction has the
//!   `Position` CPython 3.11 gives it (tracebacks and caret lines use them);
//! - `try`/`with`/`except` blocks are unwound on `break`/`continue`/`return` exactly as
//!   CPython 3.9's `compiler_unwind_fblock` does (finally bodies are inlined);
//! - no input panics, and nesting is bounded before the recursive parser runs (`front`'s
//!   nesting estimate), so the parser and this compiler cannot exhaust the stack.
//!
//! Documented deviations from CPython:
//! - `with` stores the `__enter__` result *before* its try block is set up (the VM's blocks
//!   record the stack depth at setup, and the target must not sit below the handler's
//!   values), so an exception raised while storing into a complex target (`as (a, b)`) does
//!   not call `__exit__`;
//! - a class body reads variables of an enclosing function with `LoadDeref` (CPython's
//!   `LOAD_CLASSDEREF` would first look in the class namespace);
//! - a function's annotations are evaluated when it is defined (its `__annotations__`), or
//!   kept as source text under `from __future__ import annotations`; a bare annotated
//!   variable outside a class evaluates nothing; `from __future__ import ...` compiles to nothing;
//! - `__module__`/`__qualname__` are not stored by class bodies (the VM has them from the
//!   body code's `qualname` and the module);
//! - statements nested deeper than a fixed budget (about 300 prefix operators or 250
//!   binary operators in one expression) are rejected with CPython's words for it,
//!   "RecursionError: maximum recursion depth exceeded during compilation", earlier than
//!   CPython would (~3000).

use super::bytecode::{
    BinOp, CmpOp, Code, CodeKind, CompiledModule, Instr, Position, UnOp, CO_ASYNC_GENERATOR, CO_COROUTINE,
    CO_GENERATOR, CO_VARARGS, CO_VARKEYWORDS,
};
use super::front::{self, expr_name};
use super::lines::LineIndex;
use super::symtable::{self, mangle, NameScope, ScopeKind, SymbolTable};
use super::CompileError;
use crate::limits::MAX_COMPILE_DEPTH;
use crate::vm::value::Value;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// Deepest statement/expression nesting the code generator accepts (the front end's
/// estimate rejects deeper programs first; this is a backstop against stack overflow).
mod expr;
mod pattern;
mod stmt;

pub fn compile_module(filename: &str, source: &str) -> Result<CompiledModule, CompileError> {
    let lines = LineIndex::new(source);
    let module = front::parse(filename, source, &lines)?;
    let st = symtable::build(&module).map_err(|e| lines.error(filename, "SyntaxError", e.msg, e.range))?;
    let mut c = Compiler {
        filename: Rc::from(filename),
        source,
        lines: &lines,
        st,
        globals: Vec::new(),
        global_index: FxHashMap::default(),
        units: Vec::new(),
        depth: 0,
        future_annotations: module.body.iter().any(|s| {
            matches!(s, Stmt::ImportFrom(f) if f.level == 0
                && f.module.as_ref().is_some_and(|m| m.as_str() == "__future__")
                && f.names.iter().any(|n| n.name.as_str() == "annotations"))
        }),
        interned: rustc_hash::FxHashSet::default(),
    };
    let code = c.compile_module(&module).map_err(|e| *e)?;
    Ok(CompiledModule { code, global_names: c.globals })
}

// ---------------------------------------------------------------------------------------
// Code units
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Label(usize);

/// What a `break`/`continue`/`return` must undo when leaving a block (CPython's fblocks).
#[derive(Clone, Copy)]
enum FBlock<'a> {
    WhileLoop {
        start: Label,
        exit: Label,
    },
    ForLoop {
        start: Label,
        exit: Label,
    },
    TryExcept,
    FinallyTry {
        body: &'a [Stmt],
    },
    FinallyEnd,
    With,
    /// `async with`: leaving it awaits `__aexit__(None, None, None)`.
    AsyncWith,
    HandlerCleanup {
        name: Option<&'a str>,
    },
    PopValue,
    ExceptionHandler,
    /// The body of an `except*` clause, which `break`, `continue` and `return` may not leave.
    ExceptStarHandler,
}

/// Keys for constant de-duplication (values that compare equal but differ in type or sign,
/// like `1`, `1.0`, `True`, `0.0`, `-0.0`, stay distinct).
#[derive(Clone, PartialEq, Eq, Hash)]
enum ConstKey {
    None,
    Ellipsis,
    Bool(bool),
    Int(i64),
    BigInt(String),
    Float(u64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Vec<ConstKey>),
}

fn const_key(v: &Value) -> Option<ConstKey> {
    Some(match v {
        Value::None => ConstKey::None,
        Value::Ellipsis => ConstKey::Ellipsis,
        Value::Bool(b) => ConstKey::Bool(*b),
        Value::Int(i) => ConstKey::Int(*i),
        Value::BigInt(b) => ConstKey::BigInt(b.to_string()),
        Value::Float(f) => ConstKey::Float(f.to_bits()),
        Value::Str(s) => ConstKey::Str(s.clone()),
        Value::Bytes(b) => ConstKey::Bytes(b.clone()),
        Value::Tuple(items) => ConstKey::Tuple(items.iter().map(const_key).collect::<Option<Vec<_>>>()?),
        _ => return None,
    })
}

struct Unit<'a> {
    scope: usize,
    kind: CodeKind,
    name: Rc<str>,
    qualname: Rc<str>,
    first_line: u32,
    instrs: Vec<Instr>,
    positions: Vec<Position>,
    consts: Vec<Value>,
    const_index: FxHashMap<ConstKey, u32>,
    names: Vec<Rc<str>>,
    name_index: FxHashMap<Rc<str>, u32>,
    varnames: Vec<Rc<str>>,
    var_index: FxHashMap<Rc<str>, u32>,
    cellvars: Vec<Rc<str>>,
    freevars: Vec<Rc<str>>,
    argcount: u32,
    kwonlyargcount: u32,
    flags: u32,
    labels: Vec<Option<u32>>,
    fixups: Vec<(usize, Label)>,
    fblocks: Vec<FBlock<'a>>,
    pos: Position,
    /// The innermost enclosing class name, for private name mangling.
    private: Option<Rc<str>>,
    /// For comprehensions: the whole expression (for error locations).
    comp_range: Option<TextRange>,
    /// The first `return <value>` (an error in an async generator, whichever comes first).
    return_value: Option<TextRange>,
    /// A function's docstring (its `__doc__`).
    doc: Option<Rc<str>>,
}

/// Errors are boxed: it keeps the recursive functions' frames small.
type CResult<T> = Result<T, Box<CompileError>>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Load,
    Store,
    Del,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Seq {
    Tuple,
    List,
    Set,
}

struct Compiler<'a> {
    filename: Rc<str>,
    source: &'a str,
    lines: &'a LineIndex<'a>,
    st: SymbolTable,
    globals: Vec<Rc<str>>,
    global_index: FxHashMap<Rc<str>, u32>,
    units: Vec<Unit<'a>>,
    depth: u32,
    /// `from __future__ import annotations`: annotations are kept as their source text.
    future_annotations: bool,
    /// One `Rc` per attribute name in the whole module: the VM stores an instruction's name
    /// as a new attribute's key, and another instruction reading that attribute then finds
    /// it by pointer (`vm::dict::StrKey`) and hits the class lookup cache keyed by it.
    interned: rustc_hash::FxHashSet<Rc<str>>,
}

fn is_starred(e: &Expr) -> bool {
    matches!(e, Expr::Starred(_))
}

/// The docstring of a body, if its first statement is a plain string literal.
fn docstring(body: &[Stmt]) -> Option<&str> {
    match body.first() {
        Some(Stmt::Expr(e)) => match &*e.value {
            Expr::StringLiteral(s) => Some(s.value.to_str()),
            _ => None,
        },
        _ => None,
    }
}

/// An integer literal's value: `i64` when it fits, else a BigInt (the parser keeps the
/// literal's text for those: prefix, digits, underscores).
fn int_value(i: &ast::Int) -> Option<Value> {
    if let Some(v) = i.as_i64() {
        return Some(Value::Int(v));
    }
    let text: String = i.to_string().chars().filter(|c| *c != '_').collect();
    let lower = text.to_ascii_lowercase();
    let (digits, radix) = if let Some(d) = lower.strip_prefix("0x") {
        (d, 16)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (d, 8)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (d, 2)
    } else {
        (lower.as_str(), 10)
    };
    let big = num_bigint::BigInt::parse_bytes(digits.as_bytes(), radix)?;
    Some(normalize_big(big))
}

fn normalize_big(big: num_bigint::BigInt) -> Value {
    use num_traits::ToPrimitive;
    match big.to_i64() {
        Some(v) => Value::Int(v),
        None => Value::BigInt(Rc::new(big)),
    }
}

fn binop(op: ast::Operator) -> BinOp {
    use ast::Operator as O;
    match op {
        O::Add => BinOp::Add,
        O::Sub => BinOp::Sub,
        O::Mult => BinOp::Mul,
        O::MatMult => BinOp::MatMul,
        O::Div => BinOp::TrueDiv,
        O::Mod => BinOp::Mod,
        O::Pow => BinOp::Pow,
        O::LShift => BinOp::LShift,
        O::RShift => BinOp::RShift,
        O::BitOr => BinOp::Or,
        O::BitXor => BinOp::Xor,
        O::BitAnd => BinOp::And,
        O::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmpop(op: ast::CmpOp) -> CmpOp {
    use ast::CmpOp as C;
    match op {
        C::Eq => CmpOp::Eq,
        C::NotEq => CmpOp::Ne,
        C::Lt => CmpOp::Lt,
        C::LtE => CmpOp::Le,
        C::Gt => CmpOp::Gt,
        C::GtE => CmpOp::Ge,
        C::Is => CmpOp::Is,
        C::IsNot => CmpOp::IsNot,
        C::In => CmpOp::In,
        C::NotIn => CmpOp::NotIn,
    }
}

fn patch_jump(i: Instr, target: u32) -> Instr {
    match i {
        Instr::Jump(_) => Instr::Jump(target),
        Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(target),
        Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(target),
        Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(target),
        Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(target),
        Instr::ForIter(_) => Instr::ForIter(target),
        Instr::YieldFrom(_) => Instr::YieldFrom(target),
        Instr::SetupFinally(_) => Instr::SetupFinally(target),
        Instr::JumpIfNotExcMatch(_) => Instr::JumpIfNotExcMatch(target),
        other => other,
    }
}

const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

impl<'a> Compiler<'a> {
    // ----- errors ------------------------------------------------------------------------

    fn error(&self, range: TextRange, msg: impl Into<String>) -> Box<CompileError> {
        Box::new(self.lines.error(&self.filename, "SyntaxError", msg, range))
    }

    fn unsupported(&self, range: TextRange, what: &str) -> Box<CompileError> {
        self.error(range, format!("concsim does not support {what} yet"))
    }

    fn internal(&self, range: TextRange, what: &str) -> Box<CompileError> {
        self.error(range, format!("internal compiler error: {what}"))
    }

    // ----- units -------------------------------------------------------------------------

    fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a code unit is always open while compiling")
    }

    fn unit_ref(&self) -> &Unit<'a> {
        self.units.last().expect("a code unit is always open while compiling")
    }

    fn qualname_for(&self, name: &str, kind: CodeKind) -> String {
        let Some(parent) = self.units.last() else {
            return name.to_string();
        };
        if parent.kind == CodeKind::Module {
            return name.to_string();
        }
        if matches!(kind, CodeKind::Function | CodeKind::Class) {
            let m = mangle(parent.private.as_deref(), name);
            if self.st.scopes[parent.scope].scope_of(&m) == NameScope::GlobalExplicit {
                return name.to_string();
            }
        }
        match parent.kind {
            CodeKind::Class => format!("{}.{}", parent.qualname, name),
            _ => format!("{}.<locals>.{}", parent.qualname, name),
        }
    }

    fn enter_unit(&mut self, scope: usize, kind: CodeKind, name: &str, range: TextRange) {
        let qualname = self.qualname_for(name, kind);
        let private = if kind == CodeKind::Class {
            Some(Rc::from(name))
        } else {
            self.units.last().and_then(|u| u.private.clone())
        };
        let ste = &self.st.scopes[scope];
        let varnames: Vec<Rc<str>> = ste.params.iter().map(|p| Rc::from(p.as_str())).collect();
        let var_index = varnames.iter().enumerate().map(|(i, v)| (v.clone(), i as u32)).collect();
        let pos = self.lines.position(range);
        self.units.push(Unit {
            scope,
            kind,
            name: Rc::from(name),
            qualname: Rc::from(qualname),
            first_line: pos.line,
            instrs: Vec::new(),
            positions: Vec::new(),
            consts: Vec::new(),
            const_index: FxHashMap::default(),
            names: Vec::new(),
            name_index: FxHashMap::default(),
            varnames,
            var_index,
            cellvars: ste.cellvars.iter().map(|c| Rc::from(c.as_str())).collect(),
            freevars: ste.freevars.iter().map(|c| Rc::from(c.as_str())).collect(),
            argcount: 0,
            kwonlyargcount: 0,
            flags: 0,
            labels: Vec::new(),
            fixups: Vec::new(),
            fblocks: Vec::new(),
            pos,
            private,
            comp_range: None,
            return_value: None,
            doc: None,
        });
    }

    fn finish_unit(&mut self) -> CResult<Rc<Code>> {
        let u = self.units.pop().expect("finish_unit after enter_unit");
        let mut instrs = u.instrs;
        for (at, label) in &u.fixups {
            let target = u.labels[label.0].ok_or_else(|| {
                self.lines.error(
                    &self.filename,
                    "SyntaxError",
                    "internal compiler error: unbound label",
                    TextRange::default(),
                )
            })?;
            instrs[*at] = patch_jump(instrs[*at], target);
        }
        let cell2arg = u
            .cellvars
            .iter()
            .map(|c| u.varnames[..self.st.scopes[u.scope].params.len()].iter().position(|v| v == c).map(|i| i as u32))
            .collect();
        Ok(Rc::new(Code {
            name: u.name,
            qualname: u.qualname,
            filename: self.filename.clone(),
            first_line: u.first_line,
            kind: u.kind,
            instrs,
            positions: u.positions,
            consts: u.consts,
            names: u.names,
            varnames: u.varnames,
            cellvars: u.cellvars,
            cell2arg,
            freevars: u.freevars,
            argcount: u.argcount,
            kwonlyargcount: u.kwonlyargcount,
            flags: u.flags,
            doc: u.doc,
        }))
    }

    // ----- emission ----------------------------------------------------------------------

    fn emit(&mut self, i: Instr) {
        let u = self.unit();
        u.instrs.push(i);
        let p = u.pos;
        u.positions.push(p);
    }

    fn set_pos(&mut self, r: TextRange) -> Position {
        let p = self.lines.position(r);
        std::mem::replace(&mut self.unit().pos, p)
    }

    fn restore_pos(&mut self, p: Position) {
        self.unit().pos = p;
    }

    fn new_label(&mut self) -> Label {
        let u = self.unit();
        u.labels.push(None);
        Label(u.labels.len() - 1)
    }

    fn bind(&mut self, l: Label) {
        let u = self.unit();
        u.labels[l.0] = Some(u.instrs.len() as u32);
    }

    fn emit_jump(&mut self, make: fn(u32) -> Instr, l: Label) {
        let at = self.unit_ref().instrs.len();
        self.unit().fixups.push((at, l));
        self.emit(make(u32::MAX));
    }

    fn add_const(&mut self, v: Value) -> u32 {
        let u = self.unit();
        match const_key(&v) {
            Some(k) => {
                if let Some(&i) = u.const_index.get(&k) {
                    return i;
                }
                let i = u.consts.len() as u32;
                u.consts.push(v);
                u.const_index.insert(k, i);
                i
            }
            None => {
                u.consts.push(v);
                (u.consts.len() - 1) as u32
            }
        }
    }

    fn load_const(&mut self, v: Value) {
        let i = self.add_const(v);
        self.emit(Instr::LoadConst(i));
    }

    fn name_idx(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.unit_ref().name_index.get(name) {
            return i;
        }
        let rc: Rc<str> = match self.interned.get(name) {
            Some(rc) => rc.clone(),
            None => {
                let rc: Rc<str> = Rc::from(name);
                self.interned.insert(rc.clone());
                rc
            }
        };
        let u = self.unit();
        u.names.push(rc.clone());
        u.name_index.insert(rc, (u.names.len() - 1) as u32);
        (u.names.len() - 1) as u32
    }

    /// An attribute/method name, mangled inside a class.
    fn attr_idx(&mut self, name: &str) -> u32 {
        let m = mangle(self.unit_ref().private.as_deref(), name).into_owned();
        self.name_idx(&m)
    }

    fn var_idx(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(&i) = u.var_index.get(name) {
            return i;
        }
        let rc: Rc<str> = Rc::from(name);
        u.varnames.push(rc.clone());
        u.var_index.insert(rc, (u.varnames.len() - 1) as u32);
        (u.varnames.len() - 1) as u32
    }

    fn global_slot(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.global_index.get(name) {
            return i;
        }
        let rc: Rc<str> = Rc::from(name);
        self.globals.push(rc.clone());
        self.global_index.insert(rc, (self.globals.len() - 1) as u32);
        (self.globals.len() - 1) as u32
    }

    /// Index of a cell or free variable in `cellvars ++ freevars`.
    fn deref_idx(&self, name: &str) -> Option<u32> {
        let u = self.unit_ref();
        if let Some(i) = u.cellvars.iter().position(|c| &**c == name) {
            return Some(i as u32);
        }
        u.freevars.iter().position(|c| &**c == name).map(|i| (u.cellvars.len() + i) as u32)
    }

    /// Load, store or delete a variable, resolved by the symbol table (CPython's nameop).
    fn name_op(&mut self, name: &str, ctx: Ctx, range: TextRange) -> CResult<()> {
        if name == "__debug__" && ctx == Ctx::Load {
            self.load_const(Value::Bool(true));
            return Ok(());
        }
        let mangled = mangle(self.unit_ref().private.as_deref(), name).into_owned();
        let ste = &self.st.scopes[self.unit_ref().scope];
        let kind = ste.kind;
        let scope = ste.scope_of(&mangled);
        enum Op {
            Fast,
            Deref,
            Global,
            Name,
        }
        let op = match (kind, scope) {
            (ScopeKind::Module, _) => Op::Global,
            (_, NameScope::Free | NameScope::Cell) => Op::Deref,
            (k, NameScope::Local) if k.is_function_like() => Op::Fast,
            (k, NameScope::GlobalImplicit) if k.is_function_like() => Op::Global,
            (_, NameScope::GlobalExplicit) => Op::Global,
            _ => Op::Name,
        };
        let instr = match op {
            Op::Fast => {
                let i = self.var_idx(&mangled);
                match ctx {
                    Ctx::Load => Instr::LoadFast(i),
                    Ctx::Store => Instr::StoreFast(i),
                    Ctx::Del => Instr::DeleteFast(i),
                }
            }
            Op::Deref => {
                let i =
                    self.deref_idx(&mangled).ok_or_else(|| self.internal(range, &format!("no cell for '{name}'")))?;
                match ctx {
                    Ctx::Load => Instr::LoadDeref(i),
                    Ctx::Store => Instr::StoreDeref(i),
                    Ctx::Del => Instr::DeleteDeref(i),
                }
            }
            Op::Global => {
                let i = self.global_slot(&mangled);
                match ctx {
                    Ctx::Load => Instr::LoadGlobal(i),
                    Ctx::Store => Instr::StoreGlobal(i),
                    Ctx::Del => Instr::DeleteGlobal(i),
                }
            }
            Op::Name => {
                let i = self.name_idx(&mangled);
                match ctx {
                    Ctx::Load => Instr::LoadName(i),
                    Ctx::Store => Instr::StoreName(i),
                    Ctx::Del => Instr::DeleteName(i),
                }
            }
        };
        self.emit(instr);
        Ok(())
    }

    fn enter_depth(&mut self, range: TextRange) -> CResult<()> {
        self.depth += 1;
        if self.depth > MAX_COMPILE_DEPTH {
            let mut e = self.lines.error(
                &self.filename,
                "RecursionError",
                "maximum recursion depth exceeded during compilation",
                range,
            );
            e.kind = "RecursionError";
            return Err(Box::new(e));
        }
        Ok(())
    }

    // ----- module, bodies ----------------------------------------------------------------

    fn compile_module(&mut self, m: &'a ast::ModModule) -> CResult<Rc<Code>> {
        self.enter_unit(0, CodeKind::Module, "<module>", TextRange::default());
        self.unit().first_line = 1;
        self.check_future_imports(&m.body)?;
        self.compile_body_with_doc(&m.body)?;
        self.implicit_return(&m.body);
        self.finish_unit()
    }

    /// `from __future__ import x` must come first (after the docstring) and name a known
    /// feature; it compiles to nothing.
    fn check_future_imports(&self, body: &[Stmt]) -> CResult<()> {
        let mut allowed = true;
        for (i, s) in body.iter().enumerate() {
            match s {
                Stmt::ImportFrom(f)
                    if f.level == 0 && f.module.as_ref().is_some_and(|m| m.as_str() == "__future__") =>
                {
                    if !allowed {
                        return Err(
                            self.error(f.range, "from __future__ imports must occur at the beginning of the file")
                        );
                    }
                    for a in &f.names {
                        let n = a.name.as_str();
                        // CPython points at the statement's first character.
                        let at = TextRange::empty(f.range.start());
                        if n == "braces" {
                            return Err(self.error(at, "not a chance"));
                        }
                        if !FUTURE_FEATURES.contains(&n) {
                            return Err(self.error(at, format!("future feature {n} is not defined")));
                        }
                    }
                }
                _ if i == 0 && docstring(body).is_some() => {}
                _ => allowed = false,
            }
        }
        Ok(())
    }

    /// A module or class body: a leading docstring is stored as `__doc__`.
    fn compile_body_with_doc(&mut self, body: &'a [Stmt]) -> CResult<()> {
        let rest = if let Some(doc) = docstring(body) {
            let saved = self.set_pos(body[0].range());
            self.load_const(Value::Str(Rc::from(doc)));
            self.name_op("__doc__", Ctx::Store, body[0].range())?;
            self.restore_pos(saved);
            &body[1..]
        } else {
            body
        };
        self.compile_body(rest)
    }

    fn compile_body(&mut self, body: &'a [Stmt]) -> CResult<()> {
        for s in body {
            self.compile_stmt(s)?;
        }
        Ok(())
    }

    /// `return None` at the end of a body, positioned at its last statement.
    fn implicit_return(&mut self, body: &[Stmt]) {
        if let Some(last) = body.last() {
            let p = self.lines.position(last.range());
            self.unit().pos = p;
        }
        self.load_const(Value::None);
        self.emit(Instr::ReturnValue);
    }
}

enum Piece<'a> {
    Lit(String),
    Field(&'a ast::InterpolatedElement),
}

fn push_lit(pieces: &mut Vec<Piece<'_>>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Piece::Lit(last)) = pieces.last_mut() {
        last.push_str(s);
    } else {
        pieces.push(Piece::Lit(s.to_string()));
    }
}

/// The last comparison a condition evaluates (through `not`, `and`/`or`, `x if c else y`).
fn last_comparison(e: &Expr) -> Option<TextRange> {
    match e {
        Expr::Compare(c) => Some(c.range),
        Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => last_comparison(&u.operand),
        Expr::BoolOp(b) => b.values.iter().rev().find_map(last_comparison),
        Expr::If(i) => {
            last_comparison(&i.orelse).or_else(|| last_comparison(&i.body)).or_else(|| last_comparison(&i.test))
        }
        _ => None,
    }
}

fn seq_elts(e: &Expr) -> Option<&[Expr]> {
    match e {
        Expr::Tuple(t) => Some(&t.elts),
        Expr::List(l) => Some(&l.elts),
        _ => None,
    }
}

fn const_truthy(v: &Value) -> bool {
    match v {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::BigInt(_) | Value::Ellipsis => true,
        Value::Float(f) => *f != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::Bytes(b) => !b.is_empty(),
        Value::Tuple(t) => !t.is_empty(),
        _ => true,
    }
}
