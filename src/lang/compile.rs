//! AST → bytecode, after CPython 3.9's `compile.c`, plus the front end (`mod front`, at
//! the end) that turns programs CPython 3.11 would reject into its exact SyntaxError report.
//!
//! Owns: code generation for every supported construct (one `Code` per module, function,
//! lambda, class body and comprehension), the module's global slot table, the SyntaxErrors
//! CPython's compiler raises (`'return' outside function`, `'break' outside loop`,
//! starred-assignment misuse, ...), and the parse-time ones (via `front`). Unsupported
//! constructs end as a `CompileError` "concsim does not support X yet" at their line.
//!
//! Sections: positions (`LineIndex`), code units and emission, statements, expressions,
//! then `front` (CPython's tokenizer checks, nesting limits, ruff error translation).
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
//! - annotations are never evaluated; `from __future__ import ...` compiles to nothing;
//! - `__module__`/`__qualname__` are not stored by class bodies (the VM has them from the
//!   body code's `qualname` and the module);
//! - statements nested deeper than a fixed budget (about 300 prefix operators or 250
//!   binary operators in one expression) are rejected with CPython's words for it,
//!   "RecursionError: maximum recursion depth exceeded during compilation", earlier than
//!   CPython would (~3000).

use super::bytecode::{
    BinOp, CmpOp, Code, CodeKind, CompiledModule, Instr, Position, UnOp, CO_GENERATOR, CO_VARARGS, CO_VARKEYWORDS,
};
use super::symtable::{self, mangle, NameScope, ScopeKind, SymbolTable};
use super::CompileError;
use crate::vm::value::Value;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// Deepest statement/expression nesting the code generator accepts (the front end's
/// estimate rejects deeper programs first; this is a backstop against stack overflow).
const MAX_COMPILE_DEPTH: u32 = 1500;

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
    };
    let code = c.compile_module(&module).map_err(|e| *e)?;
    Ok(CompiledModule { code, global_names: c.globals })
}

// ---------------------------------------------------------------------------------------
// Source positions
// ---------------------------------------------------------------------------------------

/// Byte offsets → (1-based line, 0-based byte column). Lines end at `\n`, `\r\n` or `\r`.
pub(crate) struct LineIndex<'s> {
    src: &'s str,
    starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    pub(crate) fn new(src: &'s str) -> LineIndex<'s> {
        let mut starts = vec![0];
        let b = src.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if b.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { src, starts }
    }

    /// Number of lines (a final line without a newline counts; an empty last line after a
    /// final newline does not).
    pub(crate) fn line_count(&self) -> u32 {
        let n = self.starts.len();
        if n > 1 && self.starts[n - 1] >= self.src.len() {
            (n - 1) as u32
        } else {
            n as u32
        }
    }

    pub(crate) fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.src.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line as u32 + 1, (offset - self.starts[line]) as u32)
    }

    pub(crate) fn line_start(&self, line: u32) -> usize {
        let i = (line.max(1) - 1) as usize;
        self.starts.get(i).copied().unwrap_or(self.src.len())
    }

    /// The text of a 1-based line, without its line ending.
    pub(crate) fn line_text(&self, line: u32) -> &'s str {
        let i = (line.max(1) - 1) as usize;
        let Some(&start) = self.starts.get(i) else {
            return "";
        };
        let end = self.starts.get(i + 1).copied().unwrap_or(self.src.len());
        self.src[start..end].trim_end_matches(['\n', '\r'])
    }

    pub(crate) fn position(&self, r: TextRange) -> Position {
        let (line, col) = self.line_col(r.start().to_usize());
        let (end_line, end_col) = self.line_col(r.end().to_usize());
        Position { line, end_line, col, end_col }
    }

    /// A CompileError spanning `range` (CPython's SyntaxError offsets: 1-based byte columns;
    /// a range running past its first line highlights to the end of that line).
    pub(crate) fn error(
        &self,
        filename: &str,
        kind: &'static str,
        msg: impl Into<String>,
        range: TextRange,
    ) -> CompileError {
        let p = self.position(range);
        let text = self.line_text(p.line);
        let end_col = if p.end_line > p.line { text.len() as u32 + 1 } else { p.end_col + 1 };
        CompileError {
            kind,
            msg: msg.into(),
            filename: filename.to_string(),
            line: p.line,
            col: p.col + 1,
            end_col,
            text: text.to_string(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Code units
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Label(usize);

/// What a `break`/`continue`/`return` must undo when leaving a block (CPython's fblocks).
#[derive(Clone, Copy)]
enum FBlock<'a> {
    WhileLoop { start: Label, exit: Label },
    ForLoop { start: Label, exit: Label },
    TryExcept,
    FinallyTry { body: &'a [Stmt] },
    FinallyEnd,
    With,
    HandlerCleanup { name: Option<&'a str> },
    PopValue,
    ExceptionHandler,
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

/// CPython's `_PyPegen_get_expr_name`, for "cannot assign to ..." messages.
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => "literal",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        Expr::Slice(_) | Expr::IpyEscapeCommand(_) => "expression",
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
        let u = self.unit();
        if let Some(&i) = u.name_index.get(name) {
            return i;
        }
        let rc: Rc<str> = Rc::from(name);
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

    // ----- statements --------------------------------------------------------------------

    fn compile_stmt(&mut self, s: &'a Stmt) -> CResult<()> {
        self.enter_depth(s.range())?;
        let saved = self.set_pos(s.range());
        let r = self.compile_stmt_inner(s);
        self.restore_pos(saved);
        self.depth -= 1;
        r
    }

    fn compile_stmt_inner(&mut self, s: &'a Stmt) -> CResult<()> {
        match s {
            Stmt::FunctionDef(f) => self.compile_funcdef(f),
            Stmt::ClassDef(c) => self.compile_classdef(c),
            Stmt::Return(r) => self.compile_return(r),
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.compile_delete(t)?;
                }
                Ok(())
            }
            Stmt::Assign(a) => self.compile_assign(a),
            Stmt::AugAssign(a) => self.compile_augassign(a),
            Stmt::AnnAssign(a) => self.compile_annassign(a),
            Stmt::For(f) => self.compile_for(f),
            Stmt::While(w) => self.compile_while(w),
            Stmt::If(i) => self.compile_if(i),
            Stmt::With(w) => {
                if w.is_async {
                    return Err(self.unsupported(w.range, "'async with' (coroutines)"));
                }
                self.compile_with(w, 0)
            }
            Stmt::Match(m) => Err(self.unsupported(m.range, "'match' statements")),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.compile_expr(e)?;
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.compile_expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Instr::Raise(n));
                Ok(())
            }
            Stmt::Try(t) => {
                if t.is_star {
                    return Err(self.unsupported(t.range, "'except*'"));
                }
                if t.finalbody.is_empty() {
                    self.compile_try_except(t)
                } else {
                    self.compile_try_finally(t)
                }
            }
            Stmt::Assert(a) => self.compile_assert(a),
            Stmt::Import(i) => self.compile_import(i),
            Stmt::ImportFrom(i) => self.compile_import_from(i),
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) => Ok(()),
            Stmt::Expr(e) => {
                if self.const_value(&e.value)?.is_some() {
                    return Ok(()); // docstrings and other constants: no code (as CPython)
                }
                self.compile_expr(&e.value)?;
                self.emit(Instr::PopTop);
                Ok(())
            }
            Stmt::Break(b) => self.compile_break(b.range),
            Stmt::Continue(c) => self.compile_continue(c.range),
            Stmt::TypeAlias(t) => Err(self.unsupported(t.range, "'type' aliases")),
            Stmt::IpyEscapeCommand(c) => Err(self.error(c.range, "invalid syntax")),
        }
    }

    fn compile_funcdef(&mut self, f: &'a ast::StmtFunctionDef) -> CResult<()> {
        if f.is_async {
            return Err(self.unsupported(f.range, "'async def' (coroutines)"));
        }
        if let Some(tp) = &f.type_params {
            return Err(self.unsupported(tp.range, "type parameters"));
        }
        for d in &f.decorator_list {
            self.compile_expr(&d.expression)?;
        }
        let flags = self.compile_defaults(&f.parameters)?;
        let scope = self
            .st
            .lookup(f.range, ScopeKind::Function)
            .ok_or_else(|| self.internal(f.range, "function scope missing"))?;
        self.enter_unit(scope, CodeKind::Function, &f.name, f.range);
        self.set_signature(&f.parameters);
        let body: &'a [Stmt] = if docstring(&f.body).is_some() { &f.body[1..] } else { &f.body };
        self.compile_body(body)?;
        if !matches!(f.body.last(), Some(Stmt::Return(_) | Stmt::Raise(_))) {
            self.implicit_return(&f.body);
        }
        let code = self.finish_unit()?;
        self.make_closure(code, flags, f.range)?;
        for d in f.decorator_list.iter().rev() {
            let saved = self.set_pos(d.range);
            self.emit(Instr::Call(1));
            self.restore_pos(saved);
        }
        self.name_op(&f.name, Ctx::Store, f.name.range)
    }

    fn set_signature(&mut self, p: &ast::Parameters) {
        let u = self.unit();
        u.argcount = (p.posonlyargs.len() + p.args.len()) as u32;
        u.kwonlyargcount = p.kwonlyargs.len() as u32;
        if p.vararg.is_some() {
            u.flags |= CO_VARARGS;
        }
        if p.kwarg.is_some() {
            u.flags |= CO_VARKEYWORDS;
        }
    }

    /// Pushes the defaults tuple and keyword-only defaults dict; returns MakeFunction flags.
    fn compile_defaults(&mut self, p: &'a ast::Parameters) -> CResult<u32> {
        let mut flags = 0;
        let defaults: Vec<&'a Expr> =
            p.posonlyargs.iter().chain(&p.args).filter_map(|a| a.default.as_deref()).collect();
        if !defaults.is_empty() {
            let mut consts = Vec::new();
            for d in &defaults {
                match self.const_value(d)? {
                    Some(v) => consts.push(v),
                    None => break,
                }
            }
            if consts.len() == defaults.len() {
                // All constants: one constant tuple (CPython's constant folding).
                self.load_const(Value::Tuple(consts.into()));
            } else {
                for d in &defaults {
                    self.compile_expr(d)?;
                }
                self.emit(Instr::BuildTuple(defaults.len() as u32));
            }
            flags |= 1;
        }
        let kw: Vec<(&'a str, &'a Expr)> =
            p.kwonlyargs.iter().filter_map(|a| a.default.as_deref().map(|d| (a.parameter.name.as_str(), d))).collect();
        if !kw.is_empty() {
            for (name, d) in &kw {
                let m = mangle(self.unit_ref().private.as_deref(), name).into_owned();
                self.load_const(Value::Str(Rc::from(m)));
                self.compile_expr(d)?;
            }
            self.emit(Instr::BuildMap(kw.len() as u32));
            flags |= 2;
        }
        Ok(flags)
    }

    /// Pushes the closure tuple (if the code has free variables) and the code, then
    /// `MakeFunction`.
    fn make_closure(&mut self, code: Rc<Code>, mut flags: u32, range: TextRange) -> CResult<()> {
        if !code.freevars.is_empty() {
            let is_class = self.unit_ref().kind == CodeKind::Class;
            for name in code.freevars.iter() {
                let idx = if is_class && &**name == "__class__" {
                    self.unit_ref().cellvars.iter().position(|c| &**c == "__class__").map(|i| i as u32)
                } else {
                    self.deref_idx(name)
                };
                let idx = idx.ok_or_else(|| self.internal(range, &format!("no cell to close over for '{name}'")))?;
                self.emit(Instr::LoadClosure(idx));
            }
            self.emit(Instr::BuildTuple(code.freevars.len() as u32));
            flags |= 8;
        }
        self.load_const(Value::Code(code));
        self.emit(Instr::MakeFunction(flags));
        Ok(())
    }

    fn compile_classdef(&mut self, c: &'a ast::StmtClassDef) -> CResult<()> {
        if let Some(tp) = &c.type_params {
            return Err(self.unsupported(tp.range, "type parameters"));
        }
        if let Some(args) = &c.arguments {
            if let Some(k) = args.keywords.first() {
                return Err(self.unsupported(k.range, "class keyword arguments (metaclass=...)"));
            }
            if let Some(s) = args.args.iter().find(|a| is_starred(a)) {
                return Err(self.unsupported(s.range(), "'*' in class bases"));
            }
        }
        for d in &c.decorator_list {
            self.compile_expr(&d.expression)?;
        }
        let scope =
            self.st.lookup(c.range, ScopeKind::Class).ok_or_else(|| self.internal(c.range, "class scope missing"))?;
        self.enter_unit(scope, CodeKind::Class, &c.name, c.range);
        self.compile_body_with_doc(&c.body)?;
        if let Some(last) = c.body.last() {
            let p = self.lines.position(last.range());
            self.unit().pos = p;
        }
        if self.st.scopes[scope].needs_class_closure {
            let idx = self.deref_idx("__class__").ok_or_else(|| self.internal(c.range, "__class__"))?;
            self.emit(Instr::LoadClosure(idx));
        } else {
            self.load_const(Value::None);
        }
        self.emit(Instr::ReturnValue);
        let code = self.finish_unit()?;
        self.make_closure(code, 0, c.range)?;
        self.load_const(Value::Str(Rc::from(c.name.as_str())));
        let mut nbases = 0;
        if let Some(args) = &c.arguments {
            for b in args.args.iter() {
                self.compile_expr(b)?;
                nbases += 1;
            }
        }
        self.emit(Instr::BuildClass(nbases));
        for d in c.decorator_list.iter().rev() {
            let saved = self.set_pos(d.range);
            self.emit(Instr::Call(1));
            self.restore_pos(saved);
        }
        self.name_op(&c.name, Ctx::Store, c.name.range)
    }

    fn compile_return(&mut self, r: &'a ast::StmtReturn) -> CResult<()> {
        let kind = self.unit_ref().kind;
        if !matches!(kind, CodeKind::Function | CodeKind::Lambda) {
            return Err(self.error(r.range, "'return' outside function"));
        }
        let preserve = match &r.value {
            Some(v) => self.const_value(v)?.is_none(),
            None => false,
        };
        if preserve {
            if let Some(v) = &r.value {
                self.compile_expr(v)?;
            }
        }
        self.unwind_fblock_stack(preserve, false)?;
        match &r.value {
            None => self.load_const(Value::None),
            Some(v) if !preserve => self.compile_expr(v)?,
            Some(_) => {}
        }
        self.emit(Instr::ReturnValue);
        Ok(())
    }

    fn compile_break(&mut self, range: TextRange) -> CResult<()> {
        let Some(lp) = self.unwind_fblock_stack(false, true)? else {
            return Err(self.error(range, "'break' outside loop"));
        };
        self.unwind_fblock(lp, false)?;
        match lp {
            FBlock::WhileLoop { exit, .. } | FBlock::ForLoop { exit, .. } => self.emit_jump(Instr::Jump, exit),
            _ => return Err(self.internal(range, "break target")),
        }
        Ok(())
    }

    fn compile_continue(&mut self, range: TextRange) -> CResult<()> {
        let Some(lp) = self.unwind_fblock_stack(false, true)? else {
            return Err(self.error(range, "'continue' not properly in loop"));
        };
        match lp {
            FBlock::WhileLoop { start, .. } | FBlock::ForLoop { start, .. } => self.emit_jump(Instr::Jump, start),
            _ => return Err(self.internal(range, "continue target")),
        }
        Ok(())
    }

    /// Emits what leaving one block requires. With `preserve_tos`, a value (the return
    /// value) sits on top of the stack and must stay there.
    fn unwind_fblock(&mut self, fb: FBlock<'a>, preserve_tos: bool) -> CResult<()> {
        match fb {
            FBlock::WhileLoop { .. } | FBlock::ExceptionHandler => {}
            FBlock::ForLoop { .. } | FBlock::PopValue => {
                if preserve_tos {
                    self.emit(Instr::RotTwo);
                }
                self.emit(Instr::PopTop);
            }
            FBlock::TryExcept => self.emit(Instr::PopBlock),
            FBlock::FinallyTry { body } => {
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.unit().fblocks.push(FBlock::PopValue);
                }
                let saved = self.unit_ref().pos;
                self.compile_body(body)?;
                self.restore_pos(saved);
                if preserve_tos {
                    self.unit().fblocks.pop();
                }
            }
            FBlock::FinallyEnd => {
                // [prev_exc, exc, (value)]: drop exc, then PopExcept removes prev_exc.
                if preserve_tos {
                    self.emit(Instr::RotTwo);
                }
                self.emit(Instr::PopTop);
                self.emit(Instr::PopExcept);
            }
            FBlock::With => {
                // [exit, (value)]: call exit(None, None, None) and drop its result.
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.emit(Instr::RotTwo);
                }
                self.call_exit_with_nones();
                self.emit(Instr::PopTop);
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.emit(Instr::PopBlock);
                }
                self.emit(Instr::PopExcept);
                if let Some(n) = name {
                    self.clear_handler_name(n)?;
                }
            }
        }
        Ok(())
    }

    /// Unwinds every block up to (not including) the innermost loop when `to_loop`, else all
    /// of them, and returns that loop. The block stack itself is left unchanged.
    fn unwind_fblock_stack(&mut self, preserve_tos: bool, to_loop: bool) -> CResult<Option<FBlock<'a>>> {
        let mut popped = Vec::new();
        let mut found = None;
        while let Some(&top) = self.unit_ref().fblocks.last() {
            if to_loop && matches!(top, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }) {
                found = Some(top);
                break;
            }
            self.unit().fblocks.pop();
            popped.push(top);
            self.unwind_fblock(top, preserve_tos)?;
        }
        while let Some(fb) = popped.pop() {
            self.unit().fblocks.push(fb);
        }
        Ok(found)
    }

    fn call_exit_with_nones(&mut self) {
        self.load_const(Value::None);
        self.load_const(Value::None);
        self.load_const(Value::None);
        self.emit(Instr::Call(3));
    }

    fn clear_handler_name(&mut self, name: &str) -> CResult<()> {
        let r = TextRange::default();
        self.load_const(Value::None);
        self.name_op(name, Ctx::Store, r)?;
        self.name_op(name, Ctx::Del, r)
    }

    fn compile_assign(&mut self, a: &'a ast::StmtAssign) -> CResult<()> {
        // `a, b = b, a` swaps without building a tuple (CPython's peephole optimisation).
        if let [target] = a.targets.as_slice() {
            if let (Some(te), Some(ve)) = (seq_elts(target), seq_elts(&a.value)) {
                let n = te.len();
                if (2..=3).contains(&n) && ve.len() == n && !te.iter().any(is_starred) && !ve.iter().any(is_starred) {
                    for v in ve {
                        self.compile_expr(v)?;
                    }
                    if n == 3 {
                        self.emit(Instr::RotThree);
                    }
                    self.emit(Instr::RotTwo);
                    for t in te {
                        self.compile_store(t)?;
                    }
                    return Ok(());
                }
            }
        }
        self.compile_expr(&a.value)?;
        for (i, t) in a.targets.iter().enumerate() {
            if i + 1 < a.targets.len() {
                self.emit(Instr::DupTop);
            }
            self.compile_store(t)?;
        }
        Ok(())
    }

    fn compile_augassign(&mut self, a: &'a ast::StmtAugAssign) -> CResult<()> {
        let op = binop(a.op);
        match &*a.target {
            Expr::Name(n) => {
                let saved = self.set_pos(n.range);
                self.name_op(&n.id, Ctx::Load, n.range)?;
                self.restore_pos(saved);
                self.compile_expr(&a.value)?;
                self.emit(Instr::Inplace(op));
                let saved = self.set_pos(n.range);
                self.name_op(&n.id, Ctx::Store, n.range)?;
                self.restore_pos(saved);
            }
            Expr::Attribute(at) => {
                // [obj] DupTop [obj, obj] LoadAttr [obj, v] <value> Inplace [obj, r]
                // RotTwo [r, obj] StoreAttr
                self.compile_expr(&at.value)?;
                let saved = self.set_pos(at.range);
                self.emit(Instr::DupTop);
                let idx = self.attr_idx(&at.attr);
                self.emit(Instr::LoadAttr(idx));
                self.restore_pos(saved);
                self.compile_expr(&a.value)?;
                self.emit(Instr::Inplace(op));
                let saved = self.set_pos(at.range);
                self.emit(Instr::RotTwo);
                self.emit(Instr::StoreAttr(idx));
                self.restore_pos(saved);
            }
            Expr::Subscript(s) => {
                // [c, k] DupTop2 [c, k, c, k] BinarySubscr [c, k, v] <value> Inplace
                // [c, k, r] RotThree [r, c, k] StoreSubscr
                self.compile_expr(&s.value)?;
                self.compile_expr(&s.slice)?;
                let saved = self.set_pos(s.range);
                self.emit(Instr::DupTop2);
                self.emit(Instr::BinarySubscr);
                self.restore_pos(saved);
                self.compile_expr(&a.value)?;
                self.emit(Instr::Inplace(op));
                let saved = self.set_pos(s.range);
                self.emit(Instr::RotThree);
                self.emit(Instr::StoreSubscr);
                self.restore_pos(saved);
            }
            other => {
                return Err(self.error(
                    other.range(),
                    format!("'{}' is an illegal expression for augmented assignment", expr_name(other)),
                ))
            }
        }
        Ok(())
    }

    fn compile_annassign(&mut self, a: &'a ast::StmtAnnAssign) -> CResult<()> {
        if let Some(v) = &a.value {
            self.compile_expr(v)?;
            return self.compile_store(&a.target);
        }
        // No value: the annotation is not evaluated; the target's object and key are.
        match &*a.target {
            Expr::Attribute(at) => {
                self.compile_expr(&at.value)?;
                self.emit(Instr::PopTop);
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value)?;
                self.emit(Instr::PopTop);
                self.compile_expr(&s.slice)?;
                self.emit(Instr::PopTop);
            }
            _ => {}
        }
        Ok(())
    }

    fn compile_store(&mut self, t: &'a Expr) -> CResult<()> {
        let saved = self.set_pos(t.range());
        let r = self.compile_store_inner(t);
        self.restore_pos(saved);
        r
    }

    fn compile_store_inner(&mut self, t: &'a Expr) -> CResult<()> {
        match t {
            Expr::Name(n) => self.name_op(&n.id, Ctx::Store, n.range),
            Expr::Attribute(a) => {
                self.compile_expr(&a.value)?;
                let idx = self.attr_idx(&a.attr);
                self.emit(Instr::StoreAttr(idx));
                Ok(())
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value)?;
                self.compile_expr(&s.slice)?;
                self.emit(Instr::StoreSubscr);
                Ok(())
            }
            Expr::Tuple(_) | Expr::List(_) => {
                let elts = seq_elts(t).unwrap_or(&[]);
                self.unpack(elts, t.range())?;
                for e in elts {
                    match e {
                        Expr::Starred(s) => self.compile_store(&s.value)?,
                        _ => self.compile_store(e)?,
                    }
                }
                Ok(())
            }
            Expr::Starred(s) => Err(self.error(s.range, "starred assignment target must be in a list or tuple")),
            other => Err(self.error(other.range(), format!("cannot assign to {}", expr_name(other)))),
        }
    }

    fn unpack(&mut self, elts: &[Expr], range: TextRange) -> CResult<()> {
        let stars: Vec<usize> = elts.iter().enumerate().filter(|(_, e)| is_starred(e)).map(|(i, _)| i).collect();
        match stars.as_slice() {
            [] => self.emit(Instr::UnpackSequence(elts.len() as u32)),
            [i] => {
                let before = *i;
                let after = elts.len() - i - 1;
                if before >= 256 || after >= (1 << 24) {
                    return Err(self.error(range, "too many expressions in star-unpacking assignment"));
                }
                self.emit(Instr::UnpackEx((before | (after << 8)) as u32));
            }
            _ => return Err(self.error(range, "multiple starred expressions in assignment")),
        }
        Ok(())
    }

    fn compile_delete(&mut self, t: &'a Expr) -> CResult<()> {
        let saved = self.set_pos(t.range());
        let r = match t {
            Expr::Name(n) => self.name_op(&n.id, Ctx::Del, n.range),
            Expr::Attribute(a) => {
                self.compile_expr(&a.value)?;
                let idx = self.attr_idx(&a.attr);
                self.emit(Instr::DeleteAttr(idx));
                Ok(())
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value)?;
                self.compile_expr(&s.slice)?;
                self.emit(Instr::DeleteSubscr);
                Ok(())
            }
            Expr::Tuple(_) | Expr::List(_) => {
                for e in seq_elts(t).unwrap_or(&[]) {
                    self.compile_delete(e)?;
                }
                Ok(())
            }
            other => Err(self.error(other.range(), format!("cannot delete {}", expr_name(other)))),
        };
        self.restore_pos(saved);
        r
    }

    fn compile_if(&mut self, i: &'a ast::StmtIf) -> CResult<()> {
        let end = self.new_label();
        let next = self.new_label();
        self.jump_if(&i.test, false, next)?;
        self.compile_body(&i.body)?;
        if !i.elif_else_clauses.is_empty() {
            self.emit_jump(Instr::Jump, end);
        }
        self.bind(next);
        let n = i.elif_else_clauses.len();
        for (k, clause) in i.elif_else_clauses.iter().enumerate() {
            let saved = self.set_pos(clause.range);
            match &clause.test {
                Some(test) => {
                    let next = self.new_label();
                    self.jump_if(test, false, next)?;
                    self.compile_body(&clause.body)?;
                    if k + 1 < n {
                        self.emit_jump(Instr::Jump, end);
                    }
                    self.bind(next);
                }
                None => self.compile_body(&clause.body)?,
            }
            self.restore_pos(saved);
        }
        self.bind(end);
        Ok(())
    }

    fn compile_while(&mut self, w: &'a ast::StmtWhile) -> CResult<()> {
        let start = self.new_label();
        let orelse = self.new_label();
        let exit = self.new_label();
        self.bind(start);
        let always = matches!(self.const_value(&w.test)?, Some(v) if const_truthy(&v));
        if !always {
            self.jump_if(&w.test, false, orelse)?;
        }
        self.unit().fblocks.push(FBlock::WhileLoop { start, exit });
        self.compile_body(&w.body)?;
        self.emit_jump(Instr::Jump, start);
        self.unit().fblocks.pop();
        self.bind(orelse);
        self.compile_body(&w.orelse)?;
        self.bind(exit);
        Ok(())
    }

    fn compile_for(&mut self, f: &'a ast::StmtFor) -> CResult<()> {
        if f.is_async {
            return Err(self.unsupported(f.range, "'async for' (coroutines)"));
        }
        let start = self.new_label();
        let cleanup = self.new_label();
        let exit = self.new_label();
        self.compile_expr(&f.iter)?;
        self.emit(Instr::GetIter);
        self.bind(start);
        self.emit_jump(Instr::ForIter, cleanup);
        self.unit().fblocks.push(FBlock::ForLoop { start, exit });
        self.compile_store(&f.target)?;
        self.compile_body(&f.body)?;
        self.emit_jump(Instr::Jump, start);
        self.unit().fblocks.pop();
        self.bind(cleanup);
        self.compile_body(&f.orelse)?;
        self.bind(exit);
        Ok(())
    }

    /// `with a as x, b: body`, one item at a time (nested like CPython). Per item:
    ///
    /// ```text
    ///   <manager>                  [mgr]
    ///   DupTop                     [mgr, mgr]
    ///   LoadAttr __exit__          [mgr, exit]
    ///   RotTwo                     [exit, mgr]
    ///   LoadMethod __enter__       [exit, enter, mgr]
    ///   CallMethod 0               [exit, res]
    ///   <store x> | PopTop         [exit]
    ///   SetupFinally handler       (block level: just above exit)
    ///   <body>
    ///   PopBlock
    ///   LoadConst None ×3
    ///   Call 3                     [exit(None, None, None)]
    ///   PopTop                     []
    ///   Jump end
    /// handler:                     [exit, prev_exc, exc]
    ///   WithExceptStart            [exit, prev_exc, exc, suppress]
    ///   PopJumpIfTrue suppress     [exit, prev_exc, exc]
    ///   Reraise
    /// suppress:
    ///   PopTop                     [exit, prev_exc]
    ///   PopExcept                  [exit]
    ///   PopTop                     []
    /// end:
    /// ```
    fn compile_with(&mut self, w: &'a ast::StmtWith, idx: usize) -> CResult<()> {
        let Some(item) = w.items.get(idx) else {
            return self.compile_body(&w.body);
        };
        let handler = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        self.compile_expr(&item.context_expr)?;
        self.emit(Instr::DupTop);
        let exit_idx = self.name_idx("__exit__");
        self.emit(Instr::LoadAttr(exit_idx));
        self.emit(Instr::RotTwo);
        let enter_idx = self.name_idx("__enter__");
        self.emit(Instr::LoadMethod(enter_idx));
        self.emit(Instr::CallMethod(0));
        match &item.optional_vars {
            Some(t) => self.compile_store(t)?,
            None => self.emit(Instr::PopTop),
        }
        self.emit_jump(Instr::SetupFinally, handler);
        self.unit().fblocks.push(FBlock::With);
        self.compile_with(w, idx + 1)?;
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.call_exit_with_nones();
        self.emit(Instr::PopTop);
        self.emit_jump(Instr::Jump, end);
        self.bind(handler);
        self.emit(Instr::WithExceptStart);
        self.emit_jump(Instr::PopJumpIfTrue, suppress);
        self.emit(Instr::Reraise);
        self.bind(suppress);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.emit(Instr::PopTop);
        self.bind(end);
        Ok(())
    }

    /// ```text
    ///   SetupFinally except
    ///   <body>
    ///   PopBlock
    ///   Jump orelse
    /// except:                      [prev_exc, exc]
    ///   <type> JumpIfNotExcMatch next
    ///   StoreX name | PopTop       [prev_exc]
    ///   (named: SetupFinally cleanup, body, PopBlock, PopExcept, name = None, del name)
    ///   (bare:  body, PopExcept)
    ///   Jump end
    /// next: ... more handlers ...
    ///   Reraise                    (no handler matched)
    /// orelse: <else body>
    /// end:
    /// ```
    fn compile_try_except(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        let except = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        self.emit_jump(Instr::SetupFinally, except);
        self.unit().fblocks.push(FBlock::TryExcept);
        self.compile_body(&t.body)?;
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.emit_jump(Instr::Jump, orelse);
        self.bind(except);
        self.unit().fblocks.push(FBlock::ExceptionHandler);
        let n = t.handlers.len();
        for (i, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            if h.type_.is_none() && i + 1 < n {
                return Err(self.error(h.range, "default 'except:' must be last"));
            }
            let saved = self.set_pos(h.range);
            let next = self.new_label();
            if let Some(ty) = &h.type_ {
                if let Expr::Tuple(tu) = &**ty {
                    if !tu.parenthesized {
                        return Err(self.error(tu.range, "multiple exception types must be parenthesized"));
                    }
                }
                self.compile_expr(ty)?;
                self.emit_jump(Instr::JumpIfNotExcMatch, next);
            }
            match &h.name {
                Some(name) => {
                    let cleanup = self.new_label();
                    self.name_op(name, Ctx::Store, name.range)?;
                    self.emit_jump(Instr::SetupFinally, cleanup);
                    self.unit().fblocks.push(FBlock::HandlerCleanup { name: Some(name.as_str()) });
                    self.compile_body(&h.body)?;
                    self.unit().fblocks.pop();
                    self.emit(Instr::PopBlock);
                    self.emit(Instr::PopExcept);
                    self.clear_handler_name(name)?;
                    self.emit_jump(Instr::Jump, end);
                    // An exception inside the handler: [prev_exc, prev_exc2, exc2].
                    self.bind(cleanup);
                    self.clear_handler_name(name)?;
                    self.emit(Instr::Reraise);
                }
                None => {
                    self.emit(Instr::PopTop);
                    self.unit().fblocks.push(FBlock::HandlerCleanup { name: None });
                    self.compile_body(&h.body)?;
                    self.unit().fblocks.pop();
                    self.emit(Instr::PopExcept);
                    self.emit_jump(Instr::Jump, end);
                }
            }
            self.restore_pos(saved);
            self.bind(next);
        }
        self.unit().fblocks.pop();
        self.emit(Instr::Reraise);
        self.bind(orelse);
        self.compile_body(&t.orelse)?;
        self.bind(end);
        Ok(())
    }

    /// ```text
    ///   SetupFinally final
    ///   <body, or the whole try/except>
    ///   PopBlock
    ///   <finally body>             (normal path)
    ///   Jump exit
    /// final:                       [prev_exc, exc]
    ///   <finally body>             (exception path)
    ///   Reraise
    /// exit:
    /// ```
    fn compile_try_finally(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        let fin = self.new_label();
        let exit = self.new_label();
        self.emit_jump(Instr::SetupFinally, fin);
        self.unit().fblocks.push(FBlock::FinallyTry { body: &t.finalbody });
        if t.handlers.is_empty() {
            self.compile_body(&t.body)?;
            self.compile_body(&t.orelse)?;
        } else {
            self.compile_try_except(t)?;
        }
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.compile_body(&t.finalbody)?;
        self.emit_jump(Instr::Jump, exit);
        self.bind(fin);
        self.unit().fblocks.push(FBlock::FinallyEnd);
        self.compile_body(&t.finalbody)?;
        self.unit().fblocks.pop();
        self.emit(Instr::Reraise);
        self.bind(exit);
        Ok(())
    }

    /// `assert test, msg`. CPython 3.11 positions the raise at the last comparison of the
    /// condition (its compiler leaves that location set), else at the statement; tracebacks
    /// show that span.
    fn compile_assert(&mut self, a: &'a ast::StmtAssert) -> CResult<()> {
        let end = self.new_label();
        self.jump_if(&a.test, true, end)?;
        let saved = last_comparison(&a.test).map(|r| self.set_pos(r));
        let idx = self.name_idx("AssertionError");
        self.emit(Instr::LoadBuiltin(idx));
        if let Some(m) = &a.msg {
            self.compile_expr(m)?;
            self.emit(Instr::Call(1));
        }
        self.emit(Instr::Raise(1));
        if let Some(p) = saved {
            self.restore_pos(p);
        }
        self.bind(end);
        Ok(())
    }

    fn compile_import(&mut self, i: &'a ast::StmtImport) -> CResult<()> {
        for alias in &i.names {
            let name = alias.name.as_str();
            match &alias.asname {
                Some(asname) => {
                    let idx = self.name_idx(name);
                    self.emit(Instr::ImportName(idx));
                    self.name_op(asname, Ctx::Store, asname.range)?;
                }
                None => {
                    let top = name.split('.').next().unwrap_or(name);
                    let idx = self.name_idx(name);
                    self.emit(Instr::ImportName(idx));
                    if top != name {
                        self.emit(Instr::PopTop);
                        let idx = self.name_idx(top);
                        self.emit(Instr::ImportName(idx));
                    }
                    self.name_op(top, Ctx::Store, alias.range)?;
                }
            }
        }
        Ok(())
    }

    fn compile_import_from(&mut self, i: &'a ast::StmtImportFrom) -> CResult<()> {
        if i.level > 0 {
            return Err(self.unsupported(i.range, "relative imports"));
        }
        let Some(module) = &i.module else {
            return Err(self.unsupported(i.range, "relative imports"));
        };
        if module.as_str() == "__future__" {
            if self.unit_ref().kind != CodeKind::Module {
                return Err(self.error(i.range, "from __future__ imports must occur at the beginning of the file"));
            }
            return Ok(());
        }
        let idx = self.name_idx(module.as_str());
        self.emit(Instr::ImportName(idx));
        if i.names.len() == 1 && i.names[0].name.as_str() == "*" {
            self.emit(Instr::ImportStar);
            return Ok(());
        }
        for alias in &i.names {
            let idx = self.name_idx(alias.name.as_str());
            self.emit(Instr::ImportFrom(idx));
            let store = alias.asname.as_ref().unwrap_or(&alias.name);
            self.name_op(store, Ctx::Store, store.range)?;
        }
        self.emit(Instr::PopTop);
        Ok(())
    }

    // ----- expressions -------------------------------------------------------------------

    fn compile_expr(&mut self, e: &'a Expr) -> CResult<()> {
        self.enter_depth(e.range())?;
        let saved = self.set_pos(e.range());
        let r = self.compile_expr_inner(e);
        self.restore_pos(saved);
        self.depth -= 1;
        r
    }

    /// Dispatch only: each construct compiles in its own function, so the frames on the
    /// recursive path stay small (deeply nested expressions must not exhaust the stack).
    fn compile_expr_inner(&mut self, e: &'a Expr) -> CResult<()> {
        match e {
            Expr::BinOp(b) => self.compile_binop(b),
            Expr::UnaryOp(u) => self.compile_unary(u),
            Expr::Name(n) => self.name_op(&n.id, Ctx::Load, n.range),
            Expr::Attribute(a) => self.compile_attribute(a),
            Expr::Subscript(s) => self.compile_subscript(s),
            Expr::Call(c) => self.compile_call(c),
            Expr::Compare(c) => self.compile_compare(c),
            Expr::BoolOp(b) => self.compile_boolop(b),
            Expr::If(i) => self.compile_ifexp(i),
            Expr::Lambda(l) => self.compile_lambda(l),
            Expr::Dict(d) => self.compile_dict(d),
            Expr::Set(s) => self.starunpack(&s.elts, Seq::Set),
            Expr::List(l) => self.starunpack(&l.elts, Seq::List),
            Expr::Tuple(t) => self.compile_tuple(e, &t.elts),
            Expr::FString(f) => self.compile_fstring(f),
            _ => self.compile_expr_rest(e),
        }
    }

    fn compile_binop(&mut self, b: &'a ast::ExprBinOp) -> CResult<()> {
        self.compile_expr(&b.left)?;
        self.compile_expr(&b.right)?;
        self.emit(Instr::Binary(binop(b.op)));
        Ok(())
    }

    fn compile_unary(&mut self, u: &'a ast::ExprUnaryOp) -> CResult<()> {
        if u.op == ast::UnaryOp::USub {
            if let Some(v) = self.negated_number(&u.operand)? {
                self.load_const(v);
                return Ok(());
            }
        }
        self.compile_expr(&u.operand)?;
        self.emit(Instr::Unary(match u.op {
            ast::UnaryOp::Invert => UnOp::Invert,
            ast::UnaryOp::Not => UnOp::Not,
            ast::UnaryOp::UAdd => UnOp::Pos,
            ast::UnaryOp::USub => UnOp::Neg,
        }));
        Ok(())
    }

    fn compile_attribute(&mut self, a: &'a ast::ExprAttribute) -> CResult<()> {
        self.compile_expr(&a.value)?;
        let idx = self.attr_idx(&a.attr);
        self.emit(Instr::LoadAttr(idx));
        Ok(())
    }

    fn compile_subscript(&mut self, s: &'a ast::ExprSubscript) -> CResult<()> {
        self.compile_expr(&s.value)?;
        self.compile_expr(&s.slice)?;
        self.emit(Instr::BinarySubscr);
        Ok(())
    }

    fn compile_boolop(&mut self, b: &'a ast::ExprBoolOp) -> CResult<()> {
        let end = self.new_label();
        let jump: fn(u32) -> Instr = match b.op {
            ast::BoolOp::And => Instr::JumpIfFalseOrPop,
            ast::BoolOp::Or => Instr::JumpIfTrueOrPop,
        };
        let n = b.values.len();
        for (i, v) in b.values.iter().enumerate() {
            self.compile_expr(v)?;
            if i + 1 < n {
                self.emit_jump(jump, end);
            }
        }
        self.bind(end);
        Ok(())
    }

    fn compile_ifexp(&mut self, i: &'a ast::ExprIf) -> CResult<()> {
        let orelse = self.new_label();
        let end = self.new_label();
        self.jump_if(&i.test, false, orelse)?;
        self.compile_expr(&i.body)?;
        self.emit_jump(Instr::Jump, end);
        self.bind(orelse);
        self.compile_expr(&i.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn compile_tuple(&mut self, e: &'a Expr, elts: &'a [Expr]) -> CResult<()> {
        if let Some(v) = self.const_value(e)? {
            self.load_const(v);
            return Ok(());
        }
        self.starunpack(elts, Seq::Tuple)
    }

    fn compile_expr_rest(&mut self, e: &'a Expr) -> CResult<()> {
        if let Some(v) = self.const_value(e)? {
            self.load_const(v);
            return Ok(());
        }
        match e {
            Expr::Named(n) => {
                self.compile_expr(&n.value)?;
                self.emit(Instr::DupTop);
                self.compile_store(&n.target)?;
            }
            Expr::ListComp(c) => self.compile_comprehension(e, CompKind::List, &c.generators, &c.elt, None)?,
            Expr::SetComp(c) => self.compile_comprehension(e, CompKind::Set, &c.generators, &c.elt, None)?,
            Expr::DictComp(c) => {
                self.compile_comprehension(e, CompKind::Dict, &c.generators, &c.key, Some(&c.value))?
            }
            Expr::Generator(c) => self.compile_comprehension(e, CompKind::Gen, &c.generators, &c.elt, None)?,
            Expr::Await(a) => return Err(self.outside_or_unsupported(a.range, "await")),
            Expr::Yield(y) => {
                self.enter_generator(y.range, "yield")?;
                match &y.value {
                    Some(v) => self.compile_expr(v)?,
                    None => self.load_const(Value::None),
                }
                self.emit(Instr::YieldValue);
            }
            Expr::YieldFrom(y) => {
                self.enter_generator(y.range, "yield from")?;
                self.compile_expr(&y.value)?;
                self.emit(Instr::GetIter);
                self.load_const(Value::None);
                let again = self.new_label();
                let done = self.new_label();
                self.bind(again);
                self.emit_jump(Instr::YieldFrom, done);
                self.emit(Instr::YieldValue);
                self.emit_jump(Instr::Jump, again);
                self.bind(done);
            }
            Expr::TString(t) => return Err(self.unsupported(t.range, "t-strings")),
            Expr::Starred(s) => return Err(self.error(s.range, "can't use starred expression here")),
            Expr::Slice(s) => {
                let mut n = 2;
                for part in [&s.lower, &s.upper] {
                    match part {
                        Some(p) => self.compile_expr(p)?,
                        None => self.load_const(Value::None),
                    }
                }
                if let Some(step) = &s.step {
                    self.compile_expr(step)?;
                    n = 3;
                }
                self.emit(Instr::BuildSlice(n));
            }
            Expr::IpyEscapeCommand(c) => return Err(self.error(c.range, "invalid syntax")),
            _ => return Err(self.internal(e.range(), "unexpected expression")),
        }
        Ok(())
    }

    /// A `yield` makes the function being compiled a generator; outside a function (or in
    /// a comprehension) it is CPython's SyntaxError.
    fn enter_generator(&mut self, range: TextRange, what: &str) -> CResult<()> {
        match self.unit_ref().kind {
            CodeKind::Function | CodeKind::Lambda => {
                self.unit().flags |= CO_GENERATOR;
                Ok(())
            }
            _ => Err(self.outside_or_unsupported(range, what)),
        }
    }

    fn outside_or_unsupported(&self, range: TextRange, what: &str) -> Box<CompileError> {
        let u = self.unit_ref();
        let kind = u.kind;
        if kind == CodeKind::Comprehension {
            if what == "await" {
                return self.error(
                    u.comp_range.unwrap_or(range),
                    "asynchronous comprehension outside of an asynchronous function",
                );
            }
            let inside = match &*u.name {
                "<listcomp>" => "list comprehension",
                "<setcomp>" => "set comprehension",
                "<dictcomp>" => "dict comprehension",
                _ => "generator expression",
            };
            return self.error(range, format!("'yield' inside {inside}"));
        }
        match kind {
            CodeKind::Module | CodeKind::Class => {
                let word = if what == "await" { "await" } else { "yield" };
                self.error(range, format!("'{word}' outside function"))
            }
            _ if what == "await" => self.unsupported(range, "'await' (coroutines)"),
            _ => self.unsupported(range, &format!("'{what}' (generators)")),
        }
    }

    /// `-<number literal>` folded to a constant.
    fn negated_number(&self, operand: &Expr) -> CResult<Option<Value>> {
        if !matches!(operand, Expr::NumberLiteral(_)) {
            return Ok(None);
        }
        Ok(match self.const_value(operand)? {
            Some(Value::Int(i)) => Some(match i.checked_neg() {
                Some(v) => Value::Int(v),
                None => normalize_big(-num_bigint::BigInt::from(i)),
            }),
            Some(Value::BigInt(b)) => Some(normalize_big(-(*b).clone())),
            Some(Value::Float(f)) => Some(Value::Float(-f)),
            _ => None,
        })
    }

    /// The value of a constant expression: literals, `-literal`, tuples of constants.
    fn const_value(&self, e: &Expr) -> CResult<Option<Value>> {
        Ok(Some(match e {
            Expr::NoneLiteral(_) => Value::None,
            Expr::BooleanLiteral(b) => Value::Bool(b.value),
            Expr::EllipsisLiteral(_) => Value::Ellipsis,
            Expr::StringLiteral(s) => Value::Str(Rc::from(s.value.to_str())),
            Expr::BytesLiteral(b) => Value::Bytes(b.value.bytes().collect::<Vec<u8>>().into()),
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => int_value(i).ok_or_else(|| self.error(n.range, "invalid integer literal"))?,
                ast::Number::Float(f) => Value::Float(*f),
                ast::Number::Complex { .. } => return Err(self.unsupported(n.range, "complex numbers")),
            },
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub => {
                return self.negated_number(&u.operand);
            }
            Expr::Tuple(t) => {
                let mut items = Vec::with_capacity(t.elts.len());
                for x in &t.elts {
                    match self.const_value(x)? {
                        Some(v) => items.push(v),
                        None => return Ok(None),
                    }
                }
                Value::Tuple(items.into())
            }
            _ => return Ok(None),
        }))
    }

    /// Compiles `e` as a condition: jumps to `label` when its truth equals `cond`
    /// (CPython's compiler_jump_if, with short-circuiting `and`/`or`/`not`/chains).
    fn jump_if(&mut self, e: &'a Expr, cond: bool, label: Label) -> CResult<()> {
        self.enter_depth(e.range())?;
        let saved = self.set_pos(e.range());
        let r = self.jump_if_inner(e, cond, label);
        self.restore_pos(saved);
        self.depth -= 1;
        r
    }

    fn jump_if_inner(&mut self, e: &'a Expr, cond: bool, label: Label) -> CResult<()> {
        match e {
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => return self.jump_if(&u.operand, !cond, label),
            Expr::BoolOp(b) if !b.values.is_empty() => {
                let cond2 = b.op == ast::BoolOp::Or;
                let next2 = if cond2 != cond { Some(self.new_label()) } else { None };
                let target2 = next2.unwrap_or(label);
                let n = b.values.len();
                for v in &b.values[..n - 1] {
                    self.jump_if(v, cond2, target2)?;
                }
                self.jump_if(&b.values[n - 1], cond, label)?;
                if let Some(l) = next2 {
                    self.bind(l);
                }
                return Ok(());
            }
            Expr::If(i) => {
                let end = self.new_label();
                let next2 = self.new_label();
                self.jump_if(&i.test, false, next2)?;
                self.jump_if(&i.body, cond, label)?;
                self.emit_jump(Instr::Jump, end);
                self.bind(next2);
                self.jump_if(&i.orelse, cond, label)?;
                self.bind(end);
                return Ok(());
            }
            Expr::Compare(c) if c.ops.len() > 1 => {
                let cleanup = self.new_label();
                let end = self.new_label();
                self.compile_expr(&c.left)?;
                let n = c.ops.len();
                for i in 0..n - 1 {
                    self.compile_expr(&c.comparators[i])?;
                    self.emit(Instr::DupTop);
                    self.emit(Instr::RotThree);
                    self.emit(Instr::Compare(cmpop(c.ops[i])));
                    self.emit_jump(Instr::PopJumpIfFalse, cleanup);
                }
                self.compile_expr(&c.comparators[n - 1])?;
                self.emit(Instr::Compare(cmpop(c.ops[n - 1])));
                self.emit_jump(if cond { Instr::PopJumpIfTrue } else { Instr::PopJumpIfFalse }, label);
                self.emit_jump(Instr::Jump, end);
                self.bind(cleanup);
                self.emit(Instr::PopTop);
                if !cond {
                    self.emit_jump(Instr::Jump, label);
                }
                self.bind(end);
                return Ok(());
            }
            _ => {}
        }
        self.compile_expr(e)?;
        self.emit_jump(if cond { Instr::PopJumpIfTrue } else { Instr::PopJumpIfFalse }, label);
        Ok(())
    }

    /// `a < b < c`: `a b DupTop RotThree Compare JumpIfFalseOrPop cleanup c Compare
    /// Jump end; cleanup: RotTwo PopTop; end:`.
    fn compile_compare(&mut self, c: &'a ast::ExprCompare) -> CResult<()> {
        self.compile_expr(&c.left)?;
        let n = c.ops.len();
        if n == 0 {
            return Ok(());
        }
        if n == 1 {
            self.compile_expr(&c.comparators[0])?;
            self.emit(Instr::Compare(cmpop(c.ops[0])));
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for i in 0..n - 1 {
            self.compile_expr(&c.comparators[i])?;
            self.emit(Instr::DupTop);
            self.emit(Instr::RotThree);
            self.emit(Instr::Compare(cmpop(c.ops[i])));
            self.emit_jump(Instr::JumpIfFalseOrPop, cleanup);
        }
        self.compile_expr(&c.comparators[n - 1])?;
        self.emit(Instr::Compare(cmpop(c.ops[n - 1])));
        self.emit_jump(Instr::Jump, end);
        self.bind(cleanup);
        self.emit(Instr::RotTwo);
        self.emit(Instr::PopTop);
        self.bind(end);
        Ok(())
    }

    /// Tuple/list/set displays. With `*x` items: `BuildList` of the leading plain items,
    /// then `ListExtend 1` per starred and `ListAppend 1` per later plain item (then
    /// `ListToTuple`, or `set(list)` via the builtin for sets).
    fn starunpack(&mut self, elts: &'a [Expr], seq: Seq) -> CResult<()> {
        if !elts.iter().any(is_starred) {
            for e in elts {
                self.compile_expr(e)?;
            }
            let n = elts.len() as u32;
            self.emit(match seq {
                Seq::Tuple => Instr::BuildTuple(n),
                Seq::List => Instr::BuildList(n),
                Seq::Set => Instr::BuildSet(n),
            });
            return Ok(());
        }
        if seq == Seq::Set {
            let idx = self.name_idx("set");
            self.emit(Instr::LoadBuiltin(idx));
        }
        self.star_list(elts)?;
        match seq {
            Seq::Tuple => self.emit(Instr::ListToTuple),
            Seq::Set => self.emit(Instr::Call(1)),
            Seq::List => {}
        }
        Ok(())
    }

    fn star_list(&mut self, elts: &'a [Expr]) -> CResult<()> {
        let mut seen_star = false;
        for (i, e) in elts.iter().enumerate() {
            match e {
                Expr::Starred(s) => {
                    if !seen_star {
                        self.emit(Instr::BuildList(i as u32));
                        seen_star = true;
                    }
                    self.compile_expr(&s.value)?;
                    self.emit(Instr::ListExtend(1));
                }
                _ => {
                    self.compile_expr(e)?;
                    if seen_star {
                        self.emit(Instr::ListAppend(1));
                    }
                }
            }
        }
        if !seen_star {
            self.emit(Instr::BuildList(elts.len() as u32));
        }
        Ok(())
    }

    /// `{k: v, **m}`: plain pairs are gathered by `BuildMap n`, `**m` merged with
    /// `DictUpdate 1` (later keys win).
    fn compile_dict(&mut self, d: &'a ast::ExprDict) -> CResult<()> {
        let mut pending = 0u32;
        let mut have_dict = false;
        for item in &d.items {
            match &item.key {
                Some(k) => {
                    self.compile_expr(k)?;
                    self.compile_expr(&item.value)?;
                    pending += 1;
                }
                None => {
                    if pending > 0 {
                        self.emit(Instr::BuildMap(pending));
                        if have_dict {
                            self.emit(Instr::DictUpdate(1));
                        }
                        have_dict = true;
                        pending = 0;
                    }
                    if !have_dict {
                        self.emit(Instr::BuildMap(0));
                        have_dict = true;
                    }
                    self.compile_expr(&item.value)?;
                    self.emit(Instr::DictUpdate(1));
                }
            }
        }
        if pending > 0 || !have_dict {
            self.emit(Instr::BuildMap(pending));
            if have_dict {
                self.emit(Instr::DictUpdate(1));
            }
        }
        Ok(())
    }

    fn compile_call(&mut self, c: &'a ast::ExprCall) -> CResult<()> {
        if self.try_zero_arg_super(c)? {
            return Ok(());
        }
        let args = &c.arguments;
        let has_star = args.args.iter().any(is_starred);
        if let Expr::Attribute(a) = &*c.func {
            if args.keywords.is_empty() && !has_star {
                self.compile_expr(&a.value)?;
                let saved = self.set_pos(a.range);
                let idx = self.attr_idx(&a.attr);
                self.emit(Instr::LoadMethod(idx));
                self.restore_pos(saved);
                for x in args.args.iter() {
                    self.compile_expr(x)?;
                }
                self.emit(Instr::CallMethod(args.args.len() as u32));
                return Ok(());
            }
        }
        self.compile_expr(&c.func)?;
        self.call_helper(&args.args, &args.keywords)
    }

    /// Arguments and the call: `Call n`, `CallKw n` (names as a const tuple), or `CallEx`
    /// when any `*`/`**` is present (`BuildList`+`ListExtend`+`ListToTuple`,
    /// `BuildMap 0`+`DictMerge`).
    fn call_helper(&mut self, args: &'a [Expr], keywords: &'a [ast::Keyword]) -> CResult<()> {
        let has_star = args.iter().any(is_starred);
        let has_dstar = keywords.iter().any(|k| k.arg.is_none());
        if !has_star && !has_dstar {
            for a in args {
                self.compile_expr(a)?;
            }
            if keywords.is_empty() {
                self.emit(Instr::Call(args.len() as u32));
            } else {
                let mut names = Vec::with_capacity(keywords.len());
                for k in keywords {
                    self.compile_expr(&k.value)?;
                    if let Some(a) = &k.arg {
                        names.push(Value::Str(Rc::from(a.as_str())));
                    }
                }
                self.load_const(Value::Tuple(names.into()));
                self.emit(Instr::CallKw((args.len() + keywords.len()) as u32));
            }
            return Ok(());
        }
        if has_star {
            self.star_list(args)?;
            self.emit(Instr::ListToTuple);
        } else {
            for a in args {
                self.compile_expr(a)?;
            }
            self.emit(Instr::BuildTuple(args.len() as u32));
        }
        if keywords.is_empty() {
            self.emit(Instr::CallEx(0));
            return Ok(());
        }
        if !has_dstar {
            for k in keywords {
                let name = k.arg.as_ref().map(|a| a.as_str()).unwrap_or("");
                self.load_const(Value::Str(Rc::from(name)));
                self.compile_expr(&k.value)?;
            }
            self.emit(Instr::BuildMap(keywords.len() as u32));
        } else {
            self.emit(Instr::BuildMap(0));
            let mut pending = 0u32;
            for k in keywords {
                match &k.arg {
                    Some(a) => {
                        self.load_const(Value::Str(Rc::from(a.as_str())));
                        self.compile_expr(&k.value)?;
                        pending += 1;
                    }
                    None => {
                        if pending > 0 {
                            self.emit(Instr::BuildMap(pending));
                            self.emit(Instr::DictMerge(1));
                            pending = 0;
                        }
                        self.compile_expr(&k.value)?;
                        self.emit(Instr::DictMerge(1));
                    }
                }
            }
            if pending > 0 {
                self.emit(Instr::BuildMap(pending));
                self.emit(Instr::DictMerge(1));
            }
        }
        self.emit(Instr::CallEx(1));
        Ok(())
    }

    /// `super()` in a method: `super(__class__, <first argument>)`.
    fn try_zero_arg_super(&mut self, c: &'a ast::ExprCall) -> CResult<bool> {
        let Expr::Name(n) = &*c.func else {
            return Ok(false);
        };
        if n.id.as_str() != "super" || !c.arguments.args.is_empty() || !c.arguments.keywords.is_empty() {
            return Ok(false);
        }
        let u = self.unit_ref();
        let ste = &self.st.scopes[u.scope];
        if !ste.kind.is_function_like()
            || !matches!(ste.scope_of("super"), NameScope::GlobalImplicit | NameScope::GlobalExplicit)
            || ste.scope_of("__class__") != NameScope::Free
            || u.argcount == 0
        {
            return Ok(false);
        }
        let first = u.varnames[0].clone();
        let first_cell = u.cellvars.iter().position(|c| *c == first);
        let saved = self.set_pos(n.range);
        self.name_op("super", Ctx::Load, n.range)?;
        self.restore_pos(saved);
        let idx = self.deref_idx("__class__").ok_or_else(|| self.internal(c.range, "__class__"))?;
        self.emit(Instr::LoadDeref(idx));
        match first_cell {
            Some(i) => self.emit(Instr::LoadDeref(i as u32)),
            None => self.emit(Instr::LoadFast(0)),
        }
        self.emit(Instr::Call(2));
        Ok(true)
    }

    fn compile_lambda(&mut self, l: &'a ast::ExprLambda) -> CResult<()> {
        let empty = ast::Parameters::default();
        let flags = match &l.parameters {
            Some(p) => self.compile_defaults(p)?,
            None => 0,
        };
        let scope =
            self.st.lookup(l.range, ScopeKind::Lambda).ok_or_else(|| self.internal(l.range, "lambda scope missing"))?;
        self.enter_unit(scope, CodeKind::Lambda, "<lambda>", l.range);
        self.set_signature(l.parameters.as_deref().unwrap_or(&empty));
        self.compile_expr(&l.body)?;
        self.emit(Instr::ReturnValue);
        let code = self.finish_unit()?;
        self.make_closure(code, flags, l.range)
    }

    /// A comprehension is a nested function taking the first iterator as `.0`:
    /// `MakeFunction; <iter>; GetIter; Call 1`. A generator expression's function is a
    /// generator (it yields each element), so it is lazy, as in CPython.
    fn compile_comprehension(
        &mut self,
        e: &'a Expr,
        kind: CompKind,
        generators: &'a [ast::Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> CResult<()> {
        if let Some(g) = generators.iter().find(|g| g.is_async) {
            return Err(self.unsupported(g.range, "asynchronous comprehensions"));
        }
        let Some(first) = generators.first() else {
            return Err(self.internal(e.range(), "comprehension without generators"));
        };
        let scope = self
            .st
            .lookup(e.range(), ScopeKind::Comprehension)
            .ok_or_else(|| self.internal(e.range(), "comprehension scope missing"))?;
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Gen => "<genexpr>",
        };
        self.enter_unit(scope, CodeKind::Comprehension, name, e.range());
        self.unit().argcount = 1;
        self.unit().comp_range = Some(e.range());
        match kind {
            CompKind::List => self.emit(Instr::BuildList(0)),
            CompKind::Set => self.emit(Instr::BuildSet(0)),
            CompKind::Dict => self.emit(Instr::BuildMap(0)),
            CompKind::Gen => self.unit().flags |= CO_GENERATOR,
        }
        self.comprehension_generator(generators, 0, 0, elt, value, kind)?;
        if kind == CompKind::Gen {
            self.load_const(Value::None);
        }
        self.emit(Instr::ReturnValue);
        let code = self.finish_unit()?;
        self.make_closure(code, 0, e.range())?;
        self.compile_expr(&first.iter)?;
        self.emit(Instr::GetIter);
        self.emit(Instr::Call(1));
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        generators: &'a [ast::Comprehension],
        index: usize,
        depth: u32,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        kind: CompKind,
    ) -> CResult<()> {
        let g = &generators[index];
        let start = self.new_label();
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        if index == 0 {
            self.emit(Instr::LoadFast(0));
        } else {
            self.compile_expr(&g.iter)?;
            self.emit(Instr::GetIter);
        }
        let depth = depth + 1;
        self.bind(start);
        self.emit_jump(Instr::ForIter, anchor);
        self.compile_store(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, if_cleanup)?;
        }
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, value, kind)?;
        } else {
            match kind {
                CompKind::List => {
                    self.compile_expr(elt)?;
                    self.emit(Instr::ListAppend(depth + 1));
                }
                CompKind::Gen => {
                    self.compile_expr(elt)?;
                    self.emit(Instr::YieldValue);
                    self.emit(Instr::PopTop);
                }
                CompKind::Set => {
                    self.compile_expr(elt)?;
                    self.emit(Instr::SetAdd(depth + 1));
                }
                CompKind::Dict => {
                    self.compile_expr(elt)?;
                    if let Some(v) = value {
                        self.compile_expr(v)?;
                    }
                    self.emit(Instr::MapAdd(depth + 1));
                }
            }
        }
        self.bind(if_cleanup);
        self.emit_jump(Instr::Jump, start);
        self.bind(anchor);
        Ok(())
    }

    /// f-strings: literal parts as constants, each `{x!r:spec}` as `FormatValue`, joined by
    /// `BuildString n` (no BuildString for a single part).
    fn compile_fstring(&mut self, f: &'a ast::ExprFString) -> CResult<()> {
        let mut pieces: Vec<Piece<'a>> = Vec::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => push_lit(&mut pieces, &s.value),
                ast::FStringPart::FString(fs) => self.collect_pieces(&fs.elements, &mut pieces),
            }
        }
        self.emit_pieces(&pieces)
    }

    fn collect_pieces(&self, elements: &'a ast::InterpolatedStringElements, pieces: &mut Vec<Piece<'a>>) {
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => push_lit(pieces, &l.value),
                ast::InterpolatedStringElement::Interpolation(i) => {
                    if let Some(d) = &i.debug_text {
                        let r = i.expression.range();
                        let src = self.source.get(r.start().to_usize()..r.end().to_usize()).unwrap_or("");
                        push_lit(pieces, &format!("{}{}{}", d.leading, src, d.trailing));
                    }
                    pieces.push(Piece::Field(i));
                }
            }
        }
    }

    fn emit_pieces(&mut self, pieces: &[Piece<'a>]) -> CResult<()> {
        if pieces.is_empty() {
            self.load_const(Value::Str(Rc::from("")));
            return Ok(());
        }
        for p in pieces {
            match p {
                Piece::Lit(s) => self.load_const(Value::Str(Rc::from(s.as_str()))),
                Piece::Field(i) => self.compile_field(i)?,
            }
        }
        if pieces.len() > 1 {
            self.emit(Instr::BuildString(pieces.len() as u32));
        }
        Ok(())
    }

    fn compile_field(&mut self, i: &'a ast::InterpolatedElement) -> CResult<()> {
        self.compile_expr(&i.expression)?;
        let mut conv = match i.conversion {
            ast::ConversionFlag::None => 0,
            ast::ConversionFlag::Str => 1,
            ast::ConversionFlag::Repr => 2,
            ast::ConversionFlag::Ascii => 3,
        };
        if conv == 0 && i.debug_text.is_some() && i.format_spec.is_none() {
            conv = 2;
        }
        if let Some(spec) = &i.format_spec {
            let mut pieces = Vec::new();
            self.collect_pieces(&spec.elements, &mut pieces);
            self.emit_pieces(&pieces)?;
            conv |= 4;
        }
        self.emit(Instr::FormatValue(conv));
        Ok(())
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

// ---------------------------------------------------------------------------------------
// Front end: parsing, and CPython 3.11's SyntaxError for programs that do not parse.
// ---------------------------------------------------------------------------------------

/// Turns source text into an AST, or into the SyntaxError CPython 3.11 reports for it.
///
/// ruff's parser recovers from errors and words them its own way, so the report is rebuilt
/// in two halves, combined the way CPython's parser combines them:
/// - `Lexer` re-implements the parts of CPython's tokenizer that raise errors
///   (unterminated strings, unbalanced brackets, indentation, invalid characters and number
///   literals, line continuations) and bounds nesting so the recursive parser and compiler
///   cannot overflow the stack;
/// - `translate` turns ruff's first parse error into CPython's message for that mistake
///   (`print 'x'`, missing `:`, missing comma, invalid assignment targets, ...), falling back
///   to "invalid syntax" at the offending token.
///
/// A tokenizer error wins when the parser would reach it first, or when CPython's tokenizer
/// raises it itself (CPython tokenizes the rest of the file after a parse error); an
/// unclosed bracket wins when it was opened on an earlier line than the parse error.
mod front {
    use super::{expr_name, LineIndex};
    use crate::lang::CompileError;
    use ruff_python_ast::token::TokenKind;
    use ruff_python_ast::visitor::{walk_expr, walk_stmt, Visitor};
    use ruff_python_ast::{self as ast, Expr, ModModule, Stmt};
    use ruff_python_parser::LexicalErrorType;
    use ruff_python_parser::{parse_unchecked, Mode, ParseError, ParseErrorType, ParseOptions};
    use ruff_text_size::{Ranged, TextRange, TextSize};

    /// Nesting budget (see `Lexer::weigh`): deeper statements end as CPython's RecursionError
    /// before the recursive parser sees them.
    const MAX_WEIGHT: u32 = 1000;
    /// CPython's tokenizer limits.
    const MAX_PARENS: usize = 200;
    const MAX_INDENT: usize = 100;

    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum TK {
        Name,
        Number,
        Str,
        Op,
        Newline,
        Indent,
        Dedent,
        End,
    }

    #[derive(Clone, Copy, Debug)]
    struct Tok {
        kind: TK,
        start: usize,
        end: usize,
    }

    /// A SyntaxError as CPython reports it: 1-based line, 1-based byte columns (`col` 0
    /// means "no caret", as CPython prints none for some errors).
    #[derive(Clone, Debug)]
    struct PyErr {
        etype: &'static str,
        msg: String,
        line: u32,
        col: u32,
        end_col: u32,
        /// The source line shown, when not the file's own line (f-string expressions).
        text: Option<String>,
    }

    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum Prio {
        /// CPython's tokenizer raises it itself: it wins over any parser error.
        Raised,
        /// An error token, reported only if the parser gets that far.
        Reached,
        /// End of file inside brackets.
        Unclosed { paren_line: u32 },
    }

    #[derive(Clone, Debug)]
    struct TokErr {
        err: PyErr,
        at: usize,
        prio: Prio,
    }

    pub(super) fn parse(filename: &str, source: &str, lines: &LineIndex<'_>) -> Result<ModModule, CompileError> {
        let finish = |e: PyErr| -> CompileError {
            CompileError {
                kind: e.etype,
                msg: e.msg,
                filename: filename.to_string(),
                line: e.line,
                col: e.col,
                end_col: e.end_col,
                text: e.text.unwrap_or_else(|| lines.line_text(e.line).to_string()),
            }
        };
        if let Some(i) = source.find('\0') {
            let (line, col) = lines.line_col(i);
            let text = lines.line_text(line);
            let mut cut = (col as usize).min(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            return Err(CompileError {
                kind: "SyntaxError",
                msg: "source code cannot contain null bytes".into(),
                filename: filename.to_string(),
                line,
                col: 0,
                end_col: 0,
                text: text[..cut].to_string(),
            });
        }
        let lexed = Lexer::run(source, lines);
        if let Some(deep) = &lexed.too_deep {
            if let Some(te) = &lexed.error {
                if te.at <= deep.at {
                    return Err(finish(te.err.clone()));
                }
            }
            return Err(finish(deep.err.clone()));
        }
        let parsed = parse_unchecked(source, ParseOptions::from(Mode::Module));
        // ruff's first error in detection order (its lexical errors are merged in by
        // position) is the closest to the point where CPython's parser gives up.
        let first = parsed.errors().first().cloned();
        let module = match parsed.into_syntax() {
            ast::Mod::Module(m) => m,
            ast::Mod::Expression(e) => return Err(finish(err_range(lines, "SyntaxError", "invalid syntax", e.range))),
        };
        let Some(first) = first else {
            // ruff accepts inconsistent tabs, any indentation depth and 3.12 f-strings
            // (newlines and nested quotes inside); CPython 3.11's tokenizer does not.
            if let Some(te) = lexed.error {
                if !matches!(te.prio, Prio::Unclosed { .. }) {
                    return Err(finish(te.err));
                }
            }
            let cx = Cx { src: source, lines, toks: &lexed.toks, module: &module };
            if let Some(e) = fstring_311_error(&cx, usize::MAX) {
                return Err(finish(e));
            }
            if let Some(e) = grammar_checks(&module, lines) {
                return Err(finish(e));
            }
            return Ok(module);
        };
        let cx = Cx { src: source, lines, toks: &lexed.toks, module: &module };
        // An f-string CPython 3.11 rejects, before ruff's error, is reached first.
        if let Some(e) = fstring_311_error(&cx, first.location.start().to_usize()) {
            if lexed.error.as_ref().is_none_or(|te| te.prio != Prio::Raised) {
                return Err(finish(e));
            }
        }
        let (cp, overridable) = translate(&first, &cx);
        let p = first.location.start().to_usize();
        if let Some(te) = lexed.error {
            let wins = match te.prio {
                _ if te.at <= p => true,
                Prio::Raised => overridable,
                Prio::Unclosed { paren_line } => overridable && paren_line < lines.line_col(p).0,
                Prio::Reached => false,
            };
            if wins {
                return Err(finish(te.err));
            }
        }
        Err(finish(cp))
    }

    fn err_range(lines: &LineIndex<'_>, etype: &'static str, msg: &str, r: TextRange) -> PyErr {
        let e = lines.error("", etype, msg, r);
        PyErr { etype, msg: msg.to_string(), line: e.line, col: e.col, end_col: e.end_col, text: None }
    }

    /// What ruff accepts but CPython's grammar rejects: `except A, B:` (an unparenthesized
    /// tuple) and `class C(x for x in y):`.
    fn grammar_checks(m: &ModModule, lines: &LineIndex<'_>) -> Option<PyErr> {
        struct V<'l> {
            lines: &'l LineIndex<'l>,
            found: Option<PyErr>,
        }
        impl<'a> Visitor<'a> for V<'_> {
            fn visit_stmt(&mut self, s: &'a Stmt) {
                if self.found.is_some() {
                    return;
                }
                if let Stmt::ClassDef(c) = s {
                    for b in c.arguments.iter().flat_map(|a| a.args.iter()) {
                        if let Expr::Generator(g) = b {
                            if let (false, Some(first)) = (g.parenthesized, g.generators.first()) {
                                if self.found.is_none() {
                                    let at = first.range.start();
                                    let r = TextRange::new(at, at + TextSize::from(3));
                                    self.found = Some(err_range(self.lines, "SyntaxError", "invalid syntax", r));
                                }
                            }
                        }
                    }
                }
                if let Stmt::Try(t) = s {
                    for h in &t.handlers {
                        let ast::ExceptHandler::ExceptHandler(h) = h;
                        if let Some(Expr::Tuple(tu)) = h.type_.as_deref() {
                            if !tu.parenthesized && self.found.is_none() {
                                self.found = Some(err_range(
                                    self.lines,
                                    "SyntaxError",
                                    "multiple exception types must be parenthesized",
                                    tu.range,
                                ));
                            }
                        }
                    }
                }
                walk_stmt(self, s);
            }
            fn visit_expr(&mut self, e: &'a Expr) {
                if self.found.is_some() {
                    return;
                }
                if let Expr::FString(f) = e {
                    for part in f.value.iter() {
                        if let ast::FStringPart::FString(fs) = part {
                            if too_deep_spec(&fs.elements, 0) {
                                let (line, col) = self.lines.line_col(fs.range.end().to_usize());
                                self.found = Some(PyErr {
                                    etype: "SyntaxError",
                                    msg: "f-string: expressions nested too deeply".into(),
                                    line,
                                    col: col + 1,
                                    end_col: col + 2,
                                    text: None,
                                });
                                return;
                            }
                        }
                    }
                }
                walk_expr(self, e);
            }
        }
        /// A replacement field inside two levels of format specs (CPython 3.11's limit).
        fn too_deep_spec(elements: &ast::InterpolatedStringElements, level: u32) -> bool {
            elements.iter().any(|el| match el {
                ast::InterpolatedStringElement::Interpolation(i) => {
                    level >= 2 || i.format_spec.as_ref().is_some_and(|s| too_deep_spec(&s.elements, level + 1))
                }
                ast::InterpolatedStringElement::Literal(_) => false,
            })
        }
        let mut v = V { lines, found: None };
        for s in &m.body {
            v.visit_stmt(s);
        }
        v.found
    }

    // ----- the tokenizer ------------------------------------------------------------------

    struct Lexed {
        toks: Vec<Tok>,
        error: Option<TokErr>,
        too_deep: Option<TokErr>,
    }

    struct Lexer<'s> {
        src: &'s str,
        b: &'s [u8],
        lines: &'s LineIndex<'s>,
        pos: usize,
        toks: Vec<Tok>,
        /// Indentation stack: (column with tabs to 8, column with tabs to 1).
        indents: Vec<(u32, u32)>,
        /// Open brackets: (char, offset).
        parens: Vec<(u8, usize)>,
        error: Option<TokErr>,
        too_deep: Option<TokErr>,
        at_bol: bool,
        line_has_tokens: bool,
        /// Nesting estimate per bracket level: (weight since the last comma, open lambdas),
        /// and the sum of the weights.
        levels: Vec<(u64, u32)>,
        weight_total: u64,
        /// Where the current logical line began (CPython's token buffer).
        logical_start: usize,
    }

    fn is_ident_byte(c: u8) -> bool {
        c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
    }

    fn is_string_prefix(w: &str) -> bool {
        matches!(w.to_ascii_lowercase().as_str(), "r" | "u" | "b" | "br" | "rb" | "f" | "fr" | "rf" | "t" | "tr" | "rt")
    }

    /// Python's `str.isprintable` for one character, approximately.
    fn printable(ch: char) -> bool {
        let c = ch as u32;
        !(ch.is_control()
            || (ch.is_whitespace() && ch != ' ')
            || c == 0xAD
            || (0x600..=0x605).contains(&c)
            || c == 0x61C
            || c == 0x6DD
            || c == 0x70F
            || c == 0x180E
            || (0x200B..=0x200F).contains(&c)
            || (0x202A..=0x202E).contains(&c)
            || (0x2060..=0x206F).contains(&c)
            || c == 0xFEFF
            || (0xFFF9..=0xFFFB).contains(&c)
            || (0xE000..=0xF8FF).contains(&c))
    }

    fn ident_continue(ch: char) -> bool {
        let c = ch as u32;
        ch.is_alphanumeric()
            || ch == '_'
            || (0x300..=0x36F).contains(&c)
            || (0x1AB0..=0x1AFF).contains(&c)
            || (0x1DC0..=0x1DFF).contains(&c)
            || (0x20D0..=0x20FF).contains(&c)
            || (0xFE20..=0xFE2F).contains(&c)
            || ch == '\u{b7}'
    }

    const OPS3: [&str; 5] = ["**=", "//=", ">>=", "<<=", "..."];
    const OPS2: [&str; 20] = [
        "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
        ":=", "<>",
    ];
    const HEAVY_KEYWORDS: [&str; 6] = ["not", "lambda", "await", "yield", "if", "else"];
    const LIGHT_KEYWORDS: [&str; 5] = ["and", "or", "in", "is", "for"];

    impl<'s> Lexer<'s> {
        fn run(src: &'s str, lines: &'s LineIndex<'s>) -> Lexed {
            let mut lx = Lexer {
                src,
                b: src.as_bytes(),
                lines,
                pos: 0,
                toks: Vec::new(),
                indents: vec![(0, 0)],
                parens: Vec::new(),
                error: None,
                too_deep: None,
                at_bol: true,
                line_has_tokens: false,
                levels: vec![(0, 0)],
                weight_total: 0,
                logical_start: 0,
            };
            // A UTF-8 byte order mark is not part of the program.
            if src.starts_with('\u{feff}') {
                lx.pos = 3;
            }
            lx.scan();
            Lexed { toks: lx.toks, error: lx.error, too_deep: lx.too_deep }
        }

        /// CPython's tokenizer reports columns in characters (and prints them as bytes).
        fn col0(&self, offset: usize) -> u32 {
            let (line, col) = self.lines.line_col(offset);
            let start = self.lines.line_start(line);
            match self.src.get(start..offset) {
                Some(t) => t.chars().count() as u32,
                None => col,
            }
        }

        fn line(&self, offset: usize) -> u32 {
            self.lines.line_col(offset).0
        }

        /// Records the first tokenizer error. `col` is CPython's 1-based offset.
        fn fail(&mut self, prio: Prio, etype: &'static str, msg: String, at: usize, col: u32, end_col: u32) {
            if self.error.is_none() {
                let line = self.line(at);
                self.error = Some(TokErr { err: PyErr { etype, msg, line, col, end_col, text: None }, at, prio });
            }
        }

        fn push(&mut self, kind: TK, start: usize, end: usize) {
            self.toks.push(Tok { kind, start, end });
            if !matches!(kind, TK::Newline | TK::Indent | TK::Dedent | TK::End) {
                self.line_has_tokens = true;
                self.weigh(kind, start, end);
            }
        }

        /// The nesting estimate: an upper bound on how deeply the statement's AST (and so
        /// the parser's and compiler's recursion) can nest. Every token adds weight to its
        /// bracket level (operators and prefix keywords more, brackets most); a comma resets
        /// its level (unless inside a lambda's parameters), a statement end resets all.
        fn weigh(&mut self, kind: TK, start: usize, end: usize) {
            let text = &self.src[start..end];
            let mut w = 1;
            match (kind, text) {
                (TK::Op, "(" | "[" | "{") => {
                    self.add_weight(4, start);
                    self.levels.push((0, 0));
                    return;
                }
                (TK::Op, ")" | "]" | "}") => {
                    if self.levels.len() > 1 {
                        if let Some((w, _)) = self.levels.pop() {
                            self.weight_total -= w;
                        }
                    }
                    return;
                }
                (TK::Op, ",") => {
                    if let Some(top) = self.levels.last_mut() {
                        if top.1 == 0 {
                            self.weight_total -= top.0;
                            top.0 = 0;
                        }
                    }
                    return;
                }
                (TK::Op, ";") => {
                    self.reset_weights();
                    return;
                }
                (TK::Op, ":") => {
                    if let Some(top) = self.levels.last_mut() {
                        top.1 = top.1.saturating_sub(1);
                    }
                }
                (TK::Op, "-" | "+" | "~" | "**") => w = 3,
                (TK::Op, _) => w = 2,
                (TK::Name, "lambda") => {
                    if let Some(top) = self.levels.last_mut() {
                        top.1 += 1;
                    }
                    w = 3;
                }
                (TK::Name, t) if HEAVY_KEYWORDS.contains(&t) => w = 3,
                (TK::Name, t) if LIGHT_KEYWORDS.contains(&t) => w = 2,
                (TK::Str, _) if self.toks.len() >= 2 && self.toks[self.toks.len() - 2].kind == TK::Str => {
                    w = 0; // implicit concatenation: parsed as a list, not nested
                }
                (TK::Str, t) => {
                    let prefix_f =
                        t.bytes().take_while(|c| c.is_ascii_alphabetic()).any(|c| matches!(c | 0x20, b'f' | b't'));
                    if prefix_f {
                        w = 1 + fstring_weight(t);
                    }
                }
                _ => {}
            }
            self.add_weight(w, start);
        }

        fn reset_weights(&mut self) {
            self.levels.clear();
            self.levels.push((0, 0));
            self.weight_total = 0;
        }

        fn add_weight(&mut self, w: u32, at: usize) {
            let w = w.min(MAX_WEIGHT + 1) as u64;
            if let Some(top) = self.levels.last_mut() {
                top.0 += w;
                self.weight_total += w;
            }
            if self.weight_total > MAX_WEIGHT as u64 && self.too_deep.is_none() {
                let line = self.line(at);
                let col = self.col0(at) + 1;
                self.too_deep = Some(TokErr {
                    err: PyErr {
                        etype: "RecursionError",
                        msg: "maximum recursion depth exceeded during compilation".into(),
                        line,
                        col,
                        end_col: col,
                        text: None,
                    },
                    at,
                    prio: Prio::Raised,
                });
            }
        }

        fn scan(&mut self) {
            let n = self.b.len();
            loop {
                if self.too_deep.is_some() {
                    return;
                }
                if self.at_bol {
                    self.at_bol = false;
                    self.indentation();
                }
                while self.pos < n && matches!(self.b[self.pos], b' ' | b'\t' | b'\x0c') {
                    self.pos += 1;
                }
                if self.pos >= n {
                    self.eof();
                    return;
                }
                let start = self.pos;
                let c = self.b[start];
                match c {
                    b'#' => {
                        while self.pos < n && !matches!(self.b[self.pos], b'\n' | b'\r') {
                            self.pos += 1;
                        }
                    }
                    b'\n' | b'\r' => self.newline(),
                    b'\\' => self.continuation(),
                    b'0'..=b'9' => self.number(),
                    b'.' if self.b.get(start + 1).is_some_and(u8::is_ascii_digit) => self.number(),
                    b'\'' | b'"' => self.string(start, false),
                    c if is_ident_byte(c) => self.name(),
                    b'(' | b'[' | b'{' => {
                        self.pos += 1;
                        if self.parens.len() >= MAX_PARENS {
                            let col = self.col0(self.pos);
                            self.fail(
                                Prio::Raised,
                                "SyntaxError",
                                "too many nested parentheses".into(),
                                start,
                                col,
                                col,
                            );
                            if self.too_deep.is_none() {
                                self.too_deep = self.error.clone();
                            }
                        }
                        self.parens.push((c, start));
                        self.push(TK::Op, start, self.pos);
                    }
                    b')' | b']' | b'}' => {
                        self.pos += 1;
                        let col = self.col0(start) + 1;
                        match self.parens.pop() {
                            None => {
                                let msg = format!("unmatched '{}'", c as char);
                                self.fail(Prio::Raised, "SyntaxError", msg, start, col, col);
                            }
                            Some((open, at)) => {
                                let expected = match open {
                                    b'(' => b')',
                                    b'[' => b']',
                                    _ => b'}',
                                };
                                if expected != c {
                                    let mut msg = format!(
                                        "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                        c as char, open as char
                                    );
                                    let open_line = self.line(at);
                                    if open_line != self.line(start) {
                                        msg.push_str(&format!(" on line {open_line}"));
                                    }
                                    self.fail(Prio::Raised, "SyntaxError", msg, start, col, col);
                                }
                            }
                        }
                        self.push(TK::Op, start, self.pos);
                    }
                    c if c < 0x20 || c == 0x7f => {
                        self.pos += 1;
                        let col = self.col0(start) + 1;
                        let msg = format!("invalid non-printable character U+{:04X}", c);
                        self.fail(Prio::Raised, "SyntaxError", msg, start, col, col);
                    }
                    _ => {
                        let rest = &self.src[start..];
                        let len = OPS3
                            .iter()
                            .chain(OPS2.iter())
                            .find(|op| rest.starts_with(*op))
                            .map(|op| op.len())
                            .unwrap_or(1);
                        self.pos += len;
                        self.push(TK::Op, start, self.pos);
                    }
                }
            }
        }

        fn indentation(&mut self) {
            let n = self.b.len();
            let (mut col, mut alt) = (0u32, 0u32);
            let start = self.pos;
            while self.pos < n {
                match self.b[self.pos] {
                    b' ' => {
                        col += 1;
                        alt += 1;
                    }
                    b'\t' => {
                        col = (col / 8 + 1) * 8;
                        alt += 1;
                    }
                    b'\x0c' => {
                        col = 0;
                        alt = 0;
                    }
                    _ => break,
                }
                self.pos += 1;
            }
            let blank = self.pos >= n || matches!(self.b[self.pos], b'#' | b'\n' | b'\r');
            if blank || !self.parens.is_empty() {
                return;
            }
            self.logical_start = start;
            let tab_error = |lx: &mut Lexer<'_>| {
                lx.fail(
                    Prio::Reached,
                    "TabError",
                    "inconsistent use of tabs and spaces in indentation".into(),
                    start,
                    1,
                    0,
                );
            };
            let (top, top_alt) = *self.indents.last().expect("indent stack never empty");
            if col == top {
                if alt != top_alt {
                    tab_error(self);
                }
            } else if col > top {
                if self.indents.len() >= MAX_INDENT {
                    self.fail(Prio::Reached, "IndentationError", "too many levels of indentation".into(), start, 1, 0);
                    if self.too_deep.is_none() {
                        self.too_deep = self.error.clone();
                    }
                }
                if alt <= top_alt {
                    tab_error(self);
                }
                self.indents.push((col, alt));
                self.push(TK::Indent, start, self.pos);
            } else {
                while self.indents.len() > 1 && col < self.indents.last().map_or(0, |t| t.0) {
                    self.indents.pop();
                    self.push(TK::Dedent, self.pos, self.pos);
                }
                let (top, top_alt) = *self.indents.last().expect("indent stack never empty");
                if col != top {
                    let line = self.line(start);
                    let len = self.lines.line_text(line).chars().count() as u32;
                    self.fail(
                        Prio::Reached,
                        "IndentationError",
                        "unindent does not match any outer indentation level".into(),
                        start,
                        len + 1,
                        0,
                    );
                } else if alt != top_alt {
                    tab_error(self);
                }
            }
        }

        fn newline(&mut self) {
            let at = self.pos;
            if self.b[at] == b'\r' && self.b.get(at + 1) == Some(&b'\n') {
                self.pos += 2;
            } else {
                self.pos += 1;
            }
            if self.parens.is_empty() && self.line_has_tokens {
                self.push(TK::Newline, at, at + 1);
                self.line_has_tokens = false;
                self.reset_weights();
            }
            self.at_bol = true;
        }

        fn continuation(&mut self) {
            let at = self.pos;
            let n = self.b.len();
            // CPython counts from the start of the logical line, clamped to this line.
            let line_len = self.lines.line_text(self.line(at)).chars().count() as u32;
            let from_logical = self.src.get(self.logical_start..at).map_or(0, |t| t.chars().count()) as u32;
            let col = (from_logical + 2).min(line_len + 1);
            match self.b.get(at + 1) {
                None => {
                    self.pos = n;
                    self.fail(Prio::Reached, "SyntaxError", "unexpected EOF while parsing".into(), at, col, 0);
                }
                Some(b'\n') | Some(b'\r') => {
                    self.pos = at + 1;
                    if self.b[self.pos] == b'\r' && self.b.get(self.pos + 1) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.pos += 1;
                    if self.pos >= n {
                        // CPython shows no caret when the file ends with the newline.
                        self.fail(Prio::Reached, "SyntaxError", "unexpected EOF while parsing".into(), at, 0, 0);
                    }
                }
                Some(_) => {
                    self.pos = at + 1;
                    self.fail(
                        Prio::Reached,
                        "SyntaxError",
                        "unexpected character after line continuation character".into(),
                        at,
                        col,
                        0,
                    );
                }
            }
        }

        fn eof(&mut self) {
            let n = self.b.len();
            if let Some(&(c, at)) = self.parens.last() {
                let col = self.col0(at) + 1;
                let paren_line = self.line(at);
                self.fail(
                    Prio::Unclosed { paren_line },
                    "SyntaxError",
                    format!("'{}' was never closed", c as char),
                    n,
                    col,
                    0,
                );
                // Report it at the bracket, not at the end of the file.
                if let Some(e) = &mut self.error {
                    if e.at == n && matches!(e.prio, Prio::Unclosed { .. }) {
                        e.err.line = paren_line;
                    }
                }
            }
            if self.line_has_tokens {
                self.push(TK::Newline, n, n);
            }
            while self.indents.len() > 1 {
                self.indents.pop();
                self.push(TK::Dedent, n, n);
            }
            self.push(TK::End, n, n);
        }

        fn name(&mut self) {
            let start = self.pos;
            let n = self.b.len();
            while self.pos < n && is_ident_byte(self.b[self.pos]) {
                self.pos += 1;
            }
            while !self.src.is_char_boundary(self.pos) {
                self.pos += 1;
            }
            let word = &self.src[start..self.pos];
            if self.pos < n && matches!(self.b[self.pos], b'\'' | b'"') && is_string_prefix(word) {
                self.string(start, true);
                return;
            }
            for (i, ch) in word.char_indices() {
                if ch.is_ascii() {
                    continue;
                }
                let ok = if i == 0 { ch.is_alphabetic() } else { ident_continue(ch) };
                if !ok {
                    let at = start + i;
                    let col = self.col0(at) + 1;
                    let msg = if printable(ch) {
                        format!("invalid character '{ch}' (U+{:04X})", ch as u32)
                    } else {
                        format!("invalid non-printable character U+{:04X}", ch as u32)
                    };
                    self.fail(Prio::Raised, "SyntaxError", msg, at, col, col);
                    break;
                }
            }
            self.push(TK::Name, start, self.pos);
        }

        /// A string literal starting at `start` (its prefix, if `prefixed`, runs up to the
        /// quote at `self.pos`).
        fn string(&mut self, start: usize, prefixed: bool) {
            let n = self.b.len();
            if !prefixed {
                self.pos = start;
            }
            let q = self.b[self.pos];
            let triple = self.b.get(self.pos + 1) == Some(&q) && self.b.get(self.pos + 2) == Some(&q);
            self.pos += if triple { 3 } else { 1 };
            let col = self.col0(start) + 1;
            loop {
                if self.pos >= n {
                    let msg = if triple {
                        let last = self.lines.line_count().max(self.line(start));
                        format!("unterminated triple-quoted string literal (detected at line {last})")
                    } else {
                        format!("unterminated string literal (detected at line {})", self.line(n))
                    };
                    self.fail(Prio::Raised, "SyntaxError", msg, start, col, col);
                    break;
                }
                let c = self.b[self.pos];
                if c == b'\\' {
                    self.pos += 1;
                    if self.pos < n {
                        if self.b[self.pos] == b'\r' && self.b.get(self.pos + 1) == Some(&b'\n') {
                            self.pos += 1;
                        }
                        self.pos += 1;
                    }
                    continue;
                }
                if !triple && matches!(c, b'\n' | b'\r') {
                    let msg = format!("unterminated string literal (detected at line {})", self.line(self.pos));
                    self.fail(Prio::Raised, "SyntaxError", msg, start, col, col);
                    break;
                }
                if c == q {
                    if !triple {
                        self.pos += 1;
                        break;
                    }
                    if self.b.get(self.pos + 1) == Some(&q) && self.b.get(self.pos + 2) == Some(&q) {
                        self.pos += 3;
                        break;
                    }
                }
                self.pos += 1;
            }
            while !self.src.is_char_boundary(self.pos) {
                self.pos += 1;
            }
            self.push(TK::Str, start, self.pos);
        }

        fn number(&mut self) {
            let start = self.pos;
            let b = self.b;
            let n = b.len();
            let digit_ok = |c: u8, radix: u8| match radix {
                16 => c.is_ascii_hexdigit(),
                8 => (b'0'..=b'7').contains(&c),
                2 => c == b'0' || c == b'1',
                _ => c.is_ascii_digit(),
            };
            let mut p = start;
            let mut bad = false;
            if b[p] == b'0' && p + 1 < n && matches!(b[p + 1] | 0x20, b'x' | b'o' | b'b') {
                let (radix, name) = match b[p + 1] | 0x20 {
                    b'x' => (16, "hexadecimal"),
                    b'o' => (8, "octal"),
                    _ => (2, "binary"),
                };
                p += 2;
                loop {
                    if p < n && b[p] == b'_' {
                        p += 1;
                    }
                    if p >= n || !digit_ok(b[p], radix) {
                        if radix != 16 && p < n && b[p].is_ascii_digit() {
                            let col = self.col0(p) + 1;
                            let msg = format!("invalid digit '{}' in {name} literal", b[p] as char);
                            self.fail(Prio::Raised, "SyntaxError", msg, p, col, col);
                        } else {
                            let col = self.col0(p);
                            self.fail(Prio::Raised, "SyntaxError", format!("invalid {name} literal"), p, col, col);
                        }
                        bad = true;
                        break;
                    }
                    while p < n && digit_ok(b[p], radix) {
                        p += 1;
                    }
                    if !(p < n && b[p] == b'_') {
                        break;
                    }
                }
                if !bad && radix != 16 && p < n && b[p].is_ascii_digit() {
                    let col = self.col0(p) + 1;
                    let msg = format!("invalid digit '{}' in {name} literal", b[p] as char);
                    self.fail(Prio::Raised, "SyntaxError", msg, p, col, col);
                } else if !bad {
                    self.verify_end(p, name);
                }
            } else {
                // Decimal digits with single underscores between them.
                let digits = |lx: &mut Lexer<'_>, mut p: usize| -> (usize, bool) {
                    loop {
                        while p < n && b[p].is_ascii_digit() {
                            p += 1;
                        }
                        if p < n && b[p] == b'_' {
                            if p + 1 < n && b[p + 1].is_ascii_digit() {
                                p += 1;
                                continue;
                            }
                            let col = lx.col0(p + 1);
                            lx.fail(Prio::Raised, "SyntaxError", "invalid decimal literal".into(), p, col, col);
                            return (p + 1, false);
                        }
                        return (p, true);
                    }
                };
                let mut ok;
                let mut is_float = false;
                if b[p] == b'.' {
                    p += 1;
                    (p, ok) = digits(self, p);
                } else {
                    let leading_zero = b[p] == b'0';
                    (p, ok) = digits(self, p);
                    if ok && p < n && b[p] == b'.' {
                        is_float = true;
                        p += 1;
                        if p < n && b[p].is_ascii_digit() {
                            (p, ok) = digits(self, p);
                        }
                    }
                    if ok && leading_zero && !is_float {
                        let text = &self.src[start..p];
                        let nonzero = text.bytes().any(|c| c.is_ascii_digit() && c != b'0');
                        let exp_or_imag = p < n && matches!(b[p] | 0x20, b'e' | b'j');
                        if nonzero && !exp_or_imag {
                            let col = self.col0(start) + 1;
                            self.fail(
                                Prio::Raised,
                                "SyntaxError",
                                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into(),
                                start,
                                col,
                                col + 1,
                            );
                            ok = false;
                        }
                    }
                }
                if ok && p < n && (b[p] | 0x20) == b'e' {
                    let e = p;
                    let mut q = p + 1;
                    let signed = q < n && matches!(b[q], b'+' | b'-');
                    if signed {
                        q += 1;
                    }
                    if signed && !(q < n && b[q].is_ascii_digit()) {
                        let col = self.col0(q);
                        self.fail(Prio::Raised, "SyntaxError", "invalid decimal literal".into(), q, col, col);
                        ok = false;
                        p = q;
                    } else if q < n && b[q].is_ascii_digit() {
                        (p, ok) = digits(self, q);
                    } else if !self.verify_end(e, "decimal") {
                        ok = false;
                        p = e;
                    } else {
                        p = e;
                        self.pos = p;
                        self.push(TK::Number, start, p);
                        return;
                    }
                }
                if ok && p < n && (b[p] | 0x20) == b'j' {
                    p += 1;
                    self.verify_end(p, "imaginary");
                } else if ok {
                    self.verify_end(p, "decimal");
                }
            }
            // Swallow the rest of a malformed literal.
            while p < n && (b[p].is_ascii_alphanumeric() || b[p] == b'_') {
                p += 1;
            }
            self.pos = p;
            self.push(TK::Number, start, p);
        }

        /// CPython's `verify_end_of_number`: a letter right after a number is an error,
        /// unless it starts a keyword that may follow a number (`1if x else 2`).
        fn verify_end(&mut self, p: usize, kind: &str) -> bool {
            let b = self.b;
            let Some(&c) = b.get(p) else { return true };
            let rest = &b[p + 1..];
            let keyword = match c {
                b'a' => rest.starts_with(b"nd"),
                b'e' => rest.starts_with(b"lse"),
                b'f' => rest.starts_with(b"or"),
                b'i' => matches!(rest.first(), Some(b'f' | b'n' | b's')),
                b'o' => rest.starts_with(b"r"),
                b'n' => rest.starts_with(b"ot"),
                _ => false,
            };
            if keyword {
                return true;
            }
            let letter = if c >= 0x80 {
                self.src[p..].chars().next().is_some_and(|ch| ch.is_alphanumeric())
            } else {
                c.is_ascii_alphanumeric() || c == b'_'
            };
            if letter {
                let col = self.col0(p);
                self.fail(Prio::Raised, "SyntaxError", format!("invalid {kind} literal"), p, col, col);
                return false;
            }
            true
        }
    }

    /// Nesting estimate of the expressions inside an f-string's text (ruff parses them).
    fn fstring_weight(text: &str) -> u32 {
        let mut levels: Vec<u64> = vec![0];
        let (mut total, mut max) = (0u64, 0u64);
        for c in text.bytes() {
            let w = match c {
                b'(' | b'[' | b'{' => {
                    if let Some(t) = levels.last_mut() {
                        *t += 4;
                    }
                    total += 4;
                    levels.push(0);
                    0
                }
                b')' | b']' | b'}' => {
                    if levels.len() > 1 {
                        total -= levels.pop().unwrap_or(0);
                    }
                    0
                }
                b',' => {
                    if let Some(t) = levels.last_mut() {
                        total -= *t;
                        *t = 0;
                    }
                    0
                }
                b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'~' | b'<' | b'>' | b'=' | b'.' | b'@'
                | b'!' | b':' => 3,
                _ => 1,
            };
            if let Some(t) = levels.last_mut() {
                *t += w;
                total += w;
            }
            max = max.max(total);
        }
        max.min(u32::MAX as u64) as u32
    }

    // ----- translating ruff's errors --------------------------------------------------------

    struct Cx<'a> {
        src: &'a str,
        lines: &'a LineIndex<'a>,
        toks: &'a [Tok],
        module: &'a ModModule,
    }

    const KEYWORDS: [&str; 35] = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ];

    impl<'a> Cx<'a> {
        fn text(&self, t: &Tok) -> &'a str {
            &self.src[t.start..t.end]
        }

        /// Index of the token at or after `offset` (not counting the zero-width
        /// INDENT/DEDENT tokens that start there).
        fn tok_index(&self, offset: usize) -> usize {
            let found = self
                .toks
                .iter()
                .position(|t| t.end > offset || (t.start >= offset && !matches!(t.kind, TK::Indent | TK::Dedent)));
            found.unwrap_or(self.toks.len().saturating_sub(1))
        }

        fn err(&self, etype: &'static str, msg: impl Into<String>, r: TextRange) -> PyErr {
            err_range(self.lines, etype, &msg.into(), r)
        }

        /// "invalid syntax" at the token at `offset` (CPython points at the first token it
        /// could not parse).
        fn generic(&self, offset: usize) -> PyErr {
            if self.toks.is_empty() {
                return self.err("SyntaxError", "invalid syntax", range(offset, offset));
            }
            let t = self.toks[self.tok_index(offset)];
            let r = match t.kind {
                TK::Newline | TK::End | TK::Dedent | TK::Indent => {
                    // The newline CPython's tokenizer supplies at the end of the line.
                    let line = self.lines.line_col(t.start.min(offset.max(t.start))).0;
                    let line = if t.kind == TK::Newline { self.lines.line_col(t.start).0 } else { line };
                    let end = self.lines.line_start(line) + self.lines.line_text(line).len();
                    let at = if t.kind == TK::Newline { t.start } else { end.min(self.src.len()) };
                    range(at, at + 1)
                }
                _ => range(t.start, t.end),
            };
            self.err("SyntaxError", "invalid syntax", r)
        }

        fn is_kw(&self, t: &Tok, words: &[&str]) -> bool {
            t.kind == TK::Name && words.contains(&self.text(t))
        }

        /// The first token of the logical line containing token `i`.
        fn line_start_tok(&self, i: usize) -> usize {
            let mut j = i;
            while j > 0 && !matches!(self.toks[j - 1].kind, TK::Newline | TK::Indent | TK::Dedent) {
                j -= 1;
            }
            j
        }

        /// The innermost bracket open at token `i`: its token index.
        fn open_bracket(&self, i: usize) -> Option<usize> {
            let mut stack = Vec::new();
            for (k, t) in self.toks[..i.min(self.toks.len())].iter().enumerate() {
                if t.kind == TK::Op {
                    match self.text(t) {
                        "(" | "[" | "{" => stack.push(k),
                        ")" | "]" | "}" => {
                            stack.pop();
                        }
                        _ => {}
                    }
                }
            }
            stack.pop()
        }

        /// The token closing the bracket opened at token `open`.
        fn closing(&self, open: usize) -> Option<usize> {
            let mut depth = 0i32;
            for (k, t) in self.toks.iter().enumerate().skip(open) {
                if t.kind == TK::Op {
                    match self.text(t) {
                        "(" | "[" | "{" => depth += 1,
                        ")" | "]" | "}" => {
                            depth -= 1;
                            if depth == 0 {
                                return Some(k);
                            }
                        }
                        _ => {}
                    }
                }
            }
            None
        }

        fn ends_expr(&self, t: &Tok) -> bool {
            match t.kind {
                TK::Name => {
                    let w = self.text(t);
                    !KEYWORDS.contains(&w) || matches!(w, "True" | "False" | "None")
                }
                TK::Number | TK::Str => true,
                TK::Op => matches!(self.text(t), ")" | "]" | "}"),
                _ => false,
            }
        }

        fn starts_expr(&self, t: &Tok) -> bool {
            match t.kind {
                TK::Name => {
                    let w = self.text(t);
                    !KEYWORDS.contains(&w) || matches!(w, "True" | "False" | "None" | "not" | "lambda" | "await")
                }
                TK::Number | TK::Str => true,
                TK::Op => matches!(self.text(t), "(" | "[" | "{" | "~" | "..."),
                _ => false,
            }
        }

        /// End of the expression starting at token `i` (CPython's `bitwise_or` when
        /// `bitwise_only`, else a full expression), scanning at bracket depth 0.
        fn expr_end(&self, i: usize, bitwise_only: bool) -> Option<usize> {
            let mut depth = 0i32;
            let mut last = None;
            let mut prev: Option<&Tok> = None;
            for t in &self.toks[i..] {
                let s = self.text(t);
                if depth == 0 {
                    // Two atoms side by side end the expression (`[1 2 3]`), except for
                    // implicitly concatenated strings and `not in`.
                    if let Some(pv) = prev {
                        let adjacent = self.ends_expr(pv)
                            && self.starts_expr(t)
                            && !matches!(s, "(" | "[")
                            && !(pv.kind == TK::Str && t.kind == TK::Str)
                            && s != "not";
                        if adjacent {
                            break;
                        }
                    }
                    let stop = match t.kind {
                        TK::Newline | TK::End | TK::Indent | TK::Dedent => true,
                        TK::Op => {
                            matches!(s, "," | ";" | ":" | "=" | ":=" | ")" | "]" | "}")
                                || (bitwise_only && matches!(s, "<" | ">" | "==" | "!=" | "<=" | ">=" | "<>"))
                        }
                        TK::Name => {
                            matches!(s, "for" | "async")
                                || (bitwise_only
                                    && matches!(s, "and" | "or" | "not" | "if" | "else" | "in" | "is" | "lambda"))
                        }
                        _ => false,
                    };
                    if stop {
                        break;
                    }
                }
                if t.kind == TK::Op {
                    match s {
                        "(" | "[" | "{" => depth += 1,
                        ")" | "]" | "}" => depth -= 1,
                        _ => {}
                    }
                }
                if depth == 0 {
                    prev = Some(t);
                }
                last = Some(t.end);
            }
            last
        }
    }

    fn range(start: usize, end: usize) -> TextRange {
        let s = TextSize::try_from(start).unwrap_or_default();
        let e = TextSize::try_from(end.max(start)).unwrap_or(s);
        TextRange::new(s, e)
    }

    /// ruff's first error → CPython's error, and whether a tokenizer error found later in
    /// the file may override it (CPython does not tokenize on after "unexpected indent").
    fn translate(e: &ParseError, cx: &Cx<'_>) -> (PyErr, bool) {
        let p = e.location.start().to_usize();
        let loc = e.location;
        let se = |msg: &str, r: TextRange| cx.err("SyntaxError", msg, r);
        if let Some(err) = fstring_error(cx, e).or_else(|| unicode_name_error(cx, e)) {
            return (err, true);
        }
        let out = match &e.error {
            ParseErrorType::SimpleStatementsOnSameLine => legacy_print(cx, p).unwrap_or_else(|| cx.generic(p)),
            ParseErrorType::UnexpectedIndentation => {
                let (line, _) = cx.lines.line_col(p);
                let width = loc.end().to_usize().saturating_sub(cx.lines.line_start(line)) as u32;
                let err = PyErr {
                    etype: "IndentationError",
                    msg: "unexpected indent".into(),
                    line,
                    col: width,
                    end_col: 0,
                    text: None,
                };
                return (err, false);
            }
            ParseErrorType::OtherError(m) if m.starts_with("Expected an indented block after ") => {
                indented_block(cx, m, p)
            }
            ParseErrorType::ExpectedToken { expected: TokenKind::Colon, found } => colon(cx, p, *found),
            ParseErrorType::ExpectedToken {
                expected: TokenKind::Comma | TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace,
                ..
            } => missing_comma(cx, p).or_else(|| comprehension_target(cx, p)).unwrap_or_else(|| cx.generic(p)),
            ParseErrorType::ExpectedToken { expected: TokenKind::Else, .. } => {
                match find_expr(cx.module, |x| matches!(x, Expr::If(_)) && x.range().contains_inclusive(loc.start())) {
                    Some(Expr::If(i)) => {
                        se("expected 'else' after 'if' expression", TextRange::new(i.body.start(), i.test.end()))
                    }
                    _ => cx.generic(p),
                }
            }
            ParseErrorType::InvalidAssignmentTarget => assign_target(cx, loc),
            ParseErrorType::InvalidAugmentedAssignmentTarget => match find_expr(cx.module, |x| x.range() == loc) {
                Some(x) => se(&format!("'{}' is an illegal expression for augmented assignment", expr_name(x)), loc),
                None => cx.generic(p),
            },
            ParseErrorType::InvalidDeleteTarget => match find_expr(cx.module, |x| x.range() == loc) {
                Some(x) => se(&format!("cannot delete {}", expr_name(x)), loc),
                None => cx.generic(p),
            },
            ParseErrorType::InvalidNamedAssignmentTarget => match find_expr(cx.module, |x| x.range() == loc) {
                Some(x) => se(&format!("cannot use assignment expressions with {}", expr_name(x)), loc),
                None => cx.generic(p),
            },
            ParseErrorType::PositionalAfterKeywordArgument | ParseErrorType::PositionalAfterKeywordUnpacking => {
                let msg = if matches!(e.error, ParseErrorType::PositionalAfterKeywordArgument) {
                    "positional argument follows keyword argument"
                } else {
                    "positional argument follows keyword argument unpacking"
                };
                let i = cx.tok_index(p);
                match cx.open_bracket(i).and_then(|o| cx.closing(o)) {
                    Some(c) => {
                        let t = cx.toks[c];
                        se(msg, range(t.start, t.end))
                    }
                    None => se(msg, loc),
                }
            }
            ParseErrorType::InvalidArgumentUnpackingOrder => {
                se("iterable argument unpacking follows keyword argument unpacking", range(p, p + 1))
            }
            ParseErrorType::UnparenthesizedGeneratorExpression => se("Generator expression must be parenthesized", loc),
            ParseErrorType::NonDefaultParamAfterDefaultParam => {
                se("non-default argument follows default argument", loc)
            }
            ParseErrorType::DuplicateKeywordArgumentError(name) => {
                se(&format!("keyword argument repeated: {name}"), loc)
            }
            ParseErrorType::OtherError(m) if m.starts_with("Only single target (not ") => {
                let what = if m.contains("(not list)") { "list" } else { "tuple" };
                let msg = format!("only single target (not {what}) can be annotated");
                // An unparenthesized tuple is reported at its first element.
                let r = match find_expr(cx.module, |x| x.range() == loc) {
                    Some(Expr::Tuple(t)) if !t.parenthesized => t.elts.first().map_or(loc, |e| e.range()),
                    _ => loc,
                };
                se(&msg, r)
            }
            ParseErrorType::InvalidAnnotatedAssignmentTarget => se("illegal target for annotation", loc),
            ParseErrorType::ExpectedKeywordParam => {
                // At the bare `*` itself.
                let i = cx.tok_index(p);
                let star = cx.toks[..=i].iter().rev().find(|t| t.kind == TK::Op && cx.text(t) == "*");
                let r = star.map(|t| range(t.start, t.end)).unwrap_or(loc);
                se("named arguments must follow bare *", r)
            }
            ParseErrorType::ParamAfterVarKeywordParam => se("arguments cannot follow var-keyword argument", loc),
            ParseErrorType::OtherError(m) if m.starts_with("Expected `except` or `finally`") => missing_except(cx, p),
            ParseErrorType::UnparenthesizedTupleExpression => {
                let i = cx.tok_index(p);
                let comma = cx.toks[i..]
                    .iter()
                    .find(|t| t.start >= p && t.kind == TK::Op && cx.text(t) == ",")
                    .map(|t| t.start);
                cx.generic(comma.unwrap_or(p))
            }
            ParseErrorType::OtherError(m) if m == "Trailing comma not allowed" => {
                let i = cx.tok_index(p);
                let next = cx.toks.get(i + 1).map(|t| t.start).unwrap_or(p);
                if cx.is_kw(&cx.toks[cx.line_start_tok(i)], &["from"]) {
                    let mut e = cx.generic(next);
                    e.msg = "trailing comma not allowed without surrounding parentheses".into();
                    e
                } else {
                    cx.generic(next)
                }
            }
            ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
                let line = cx.lines.line_col(p).0;
                let len = cx.lines.line_text(line).len() as u32;
                PyErr {
                    etype: "IndentationError",
                    msg: "unindent does not match any outer indentation level".into(),
                    line,
                    col: len + 1,
                    end_col: 0,
                    text: None,
                }
            }
            _ => cx.generic(p),
        };
        (out, true)
    }

    /// An unknown `\N{name}` in a (non-f, non-bytes) string: CPython 3.11 decodes the literal
    /// with the `unicodeescape` codec and reports the bytes of the escape in the literal's
    /// body — where each non-ASCII character counts 10, as 3.11 first rewrites it as a
    /// `\UXXXXXXXX` escape — pointing just past the string (the last of an implicit
    /// concatenation).
    fn unicode_name_error(cx: &Cx<'_>, e: &ParseError) -> Option<PyErr> {
        if !matches!(e.error, ParseErrorType::Lexical(LexicalErrorType::UnicodeError)) {
            return None;
        }
        // ruff's range is the name, between the braces.
        let (name_start, name_end) = (e.location.start().to_usize(), e.location.end().to_usize());
        let esc = name_start.checked_sub(3)?;
        if cx.src.get(esc..name_start)? != "\\N{" || cx.src.as_bytes().get(name_end) != Some(&b'}') {
            return None;
        }
        let i = cx.toks.iter().position(|t| t.kind == TK::Str && t.start <= esc && esc < t.end)?;
        let tok = cx.toks[i];
        let text = cx.text(&tok);
        let prefix = text.bytes().take_while(u8::is_ascii_alphabetic).count();
        if text[..prefix].bytes().any(|c| matches!(c | 0x20, b'f' | b'b' | b'r')) {
            return None;
        }
        let quotes = if text[prefix..].starts_with("\"\"\"") || text[prefix..].starts_with("'''") { 3 } else { 1 };
        let weight = |s: &str| s.chars().map(|c| if c.is_ascii() { 1 } else { 10 }).sum::<usize>();
        let first = weight(cx.src.get(tok.start + prefix + quotes..esc)?);
        let last = first + weight(&cx.src[esc..=name_end]) - 1;
        let end = cx.toks[i..].iter().take_while(|t| t.kind == TK::Str).last()?.end;
        let msg = format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {first}-{last}: unknown Unicode character name"
        );
        Some(cx.err("SyntaxError", msg, range(end, end + 1)))
    }

    /// Errors inside an f-string: CPython 3.11 words them "f-string: ..." and points just
    /// past the string.
    fn fstring_error(cx: &Cx<'_>, e: &ParseError) -> Option<PyErr> {
        use ruff_python_parser::InterpolatedStringErrorType as F;
        let p = e.location.start().to_usize();
        let tok = cx.toks.iter().find(|t| t.kind == TK::Str && t.start <= p && p < t.end)?;
        let text = cx.text(tok);
        if !text.bytes().take_while(u8::is_ascii_alphabetic).any(|c| (c | 0x20) == b'f') {
            return None;
        }
        if let Some(err) = fstring_field_error(cx, tok, p) {
            return Some(err);
        }
        let fe = match &e.error {
            ParseErrorType::FStringError(f) => Some(f),
            ParseErrorType::Lexical(LexicalErrorType::FStringError(f)) => Some(f),
            _ => None,
        };
        let msg = match fe {
            Some(F::InvalidConversionFlag) => "f-string: invalid conversion character: expected 's', 'r', or 'a'",
            Some(F::UnclosedLbrace) => "f-string: expecting '}'",
            Some(F::SingleRbrace) => "f-string: single '}' is not allowed",
            Some(_) => return None,
            None => match (&e.error, cx.src.as_bytes().get(p)) {
                (ParseErrorType::ExpectedExpression, Some(b'}')) => "f-string: empty expression not allowed",
                (ParseErrorType::ExpectedExpression, Some(b'!')) => "f-string: expression required before '!'",
                (ParseErrorType::ExpectedExpression, Some(b':')) => "f-string: expression required before ':'",
                _ => return None,
            },
        };
        Some(after_token(cx, tok, msg))
    }

    /// CPython 3.11 reports f-string errors at the token after the string.
    fn after_token(cx: &Cx<'_>, tok: &Tok, msg: &str) -> PyErr {
        let i = cx.tok_index(tok.end);
        let r = match cx.toks.get(i) {
            Some(t) if t.start >= tok.end && !matches!(t.kind, TK::Newline | TK::End | TK::Dedent) => {
                range(t.start, t.end)
            }
            _ => range(tok.end, tok.end),
        };
        cx.err("SyntaxError", msg, r)
    }

    /// The first f-string (starting before `limit`) that CPython 3.11's f-string parser
    /// rejects. Its tokenizer ends an f-string at the first matching quote, so 3.12-style
    /// nested quotes (`f"{d["k"]}"`) fail here even though ruff accepts them.
    fn fstring_311_error(cx: &Cx<'_>, limit: usize) -> Option<PyErr> {
        for tok in cx.toks.iter().filter(|t| t.kind == TK::Str && t.start < limit) {
            let text = cx.text(tok);
            let prefix_len = text.bytes().take_while(u8::is_ascii_alphabetic).count();
            if !text[..prefix_len].bytes().any(|c| (c | 0x20) == b'f') {
                continue;
            }
            let b = text.as_bytes();
            let q = prefix_len;
            let triple = b.len() >= q + 6 && b[q + 1] == b[q] && b[q + 2] == b[q];
            let qlen = if triple { 3 } else { 1 };
            if b.len() < q + 2 * qlen {
                continue; // unterminated: the tokenizer reports it
            }
            let body = &b[q + qlen..b.len() - qlen];
            if let Err(msg) = fstring_311(body, 0).map(|_| ()) {
                return Some(after_token(cx, tok, &msg));
            }
        }
        None
    }

    /// CPython 3.11's `fstring_find_literal_and_expr` over an f-string body (or a format
    /// spec when `level` > 0, which ends at its closing `}`): returns where it stopped.
    fn fstring_311(b: &[u8], level: u32) -> Result<usize, String> {
        let n = b.len();
        let mut i = 0;
        loop {
            // Literal text.
            while i < n {
                match b[i] {
                    b'{' if level == 0 && b.get(i + 1) == Some(&b'{') => i += 2,
                    b'}' if level == 0 && b.get(i + 1) == Some(&b'}') => i += 2,
                    b'}' if level == 0 => return Err("f-string: single '}' is not allowed".into()),
                    b'}' => return Ok(i),
                    b'{' => break,
                    _ => i += 1,
                }
            }
            if i >= n {
                return Ok(n);
            }
            // A replacement field.
            if level >= 2 {
                return Err("f-string: expressions nested too deeply".into());
            }
            i += 1;
            let start = i;
            let mut stack: Vec<u8> = Vec::new();
            let mut quote: Option<(u8, bool)> = None;
            loop {
                if i >= n {
                    if quote.is_some() {
                        return Err("f-string: unterminated string".into());
                    }
                    return Err(match stack.last() {
                        Some(&c) => format!("f-string: unmatched '{}'", c as char),
                        None => "f-string: expecting '}'".into(),
                    });
                }
                let c = b[i];
                if c == b'\\' {
                    return Err("f-string expression part cannot include a backslash".into());
                }
                if let Some((qc, tri)) = quote {
                    if c == qc && (!tri || (b.get(i + 1) == Some(&qc) && b.get(i + 2) == Some(&qc))) {
                        quote = None;
                        i += if tri { 3 } else { 1 };
                    } else {
                        i += 1;
                    }
                    continue;
                }
                match c {
                    b'\'' | b'"' => {
                        let tri = b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
                        quote = Some((c, tri));
                        i += if tri { 3 } else { 1 };
                        continue;
                    }
                    b'(' | b'[' | b'{' => {
                        if stack.len() >= 200 {
                            return Err("f-string: too many nested parenthesis".into());
                        }
                        stack.push(c);
                    }
                    b'}' if stack.is_empty() => break,
                    b')' | b']' | b'}' => {
                        let Some(open) = stack.pop() else {
                            return Err(format!("f-string: unmatched '{}'", c as char));
                        };
                        let want = match open {
                            b'(' => b')',
                            b'[' => b']',
                            _ => b'}',
                        };
                        if c != want {
                            return Err(format!(
                                "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                                c as char, open as char
                            ));
                        }
                    }
                    b'#' => return Err("f-string expression part cannot include '#'".into()),
                    b'!' if stack.is_empty() && b.get(i + 1) != Some(&b'=') => break,
                    b':' if stack.is_empty() => break,
                    b'=' if stack.is_empty()
                        && b.get(i + 1) != Some(&b'=')
                        && !matches!(b.get(i.wrapping_sub(1)), Some(b'=' | b'!' | b'<' | b'>')) =>
                    {
                        break
                    }
                    _ => {}
                }
                i += 1;
            }
            if b[start..i].iter().all(|c| c.is_ascii_whitespace()) {
                return Err(match b[i] {
                    b'}' => "f-string: empty expression not allowed".into(),
                    c => format!("f-string: expression required before '{}'", c as char),
                });
            }
            if b[i] == b'=' {
                // `{x = }`: whitespace may follow the `=`.
                i += 1;
                while i < n && b[i].is_ascii_whitespace() {
                    i += 1;
                }
            }
            if i < n && b[i] == b'!' {
                i += 1;
                match b.get(i) {
                    Some(b's' | b'r' | b'a') => i += 1,
                    Some(_) => return Err("f-string: invalid conversion character: expected 's', 'r', or 'a'".into()),
                    None => return Err("f-string: expecting '}'".into()),
                }
            }
            if i < n && b[i] == b':' {
                i += 1;
                i += fstring_311(&b[i..], level + 1)?;
            }
            if i >= n || b[i] != b'}' {
                return Err("f-string: expecting '}'".into());
            }
            i += 1;
        }
    }

    /// CPython 3.11 compiles each replacement field's expression on its own, wrapped in
    /// parentheses, and reports its errors against that text: `(a b)`.
    fn fstring_field_error(cx: &Cx<'_>, tok: &Tok, p: usize) -> Option<PyErr> {
        let text = cx.text(tok);
        let b = text.as_bytes();
        let q = b.iter().position(|c| matches!(c, b'\'' | b'"'))?;
        let triple = b.get(q + 1) == Some(&b[q]) && b.get(q + 2) == Some(&b[q]);
        let qlen = if triple { 3 } else { 1 };
        let body_end = if b.len() >= q + 2 * qlen && b.ends_with(&b[q..q + qlen]) { b.len() - qlen } else { b.len() };
        let mut i = q + qlen;
        while i < body_end {
            if b[i] != b'{' {
                i += 1;
                continue;
            }
            if b.get(i + 1) == Some(&b'{') {
                i += 2;
                continue;
            }
            let start = i + 1;
            let (mut depth, mut j, mut expr_end) = (0i32, start, None);
            while j < body_end {
                match b[j] {
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' => depth -= 1,
                    b'}' if depth == 0 => break,
                    b'}' => depth -= 1,
                    b'!' if depth == 0 && expr_end.is_none() && b.get(j + 1) != Some(&b'=') => expr_end = Some(j),
                    b':' if depth == 0 && expr_end.is_none() => expr_end = Some(j),
                    b'=' if depth == 0
                        && expr_end.is_none()
                        && b.get(j + 1) != Some(&b'=')
                        && !matches!(b[j - 1], b'=' | b'!' | b'<' | b'>') =>
                    {
                        expr_end = Some(j)
                    }
                    _ => {}
                }
                j += 1;
            }
            if tok.start + start <= p && p <= tok.start + j {
                let expr = text.get(start..expr_end.unwrap_or(j))?;
                let sub = format!("({expr})");
                let sub_lines = LineIndex::new(&sub);
                let e = parse("", &sub, &sub_lines).err()?;
                // The tokenizer's own errors keep their words; the parser's get a prefix.
                let msg = if is_tokenizer_message(&e.msg) { e.msg } else { format!("f-string: {}", e.msg) };
                return Some(PyErr {
                    etype: e.kind,
                    msg,
                    line: cx.lines.line_col(tok.start).0,
                    col: e.col,
                    end_col: e.end_col,
                    text: Some(sub),
                });
            }
            i = j + 1;
        }
        None
    }

    /// Messages `Lexer` produces (CPython's tokenizer raises them, not its parser).
    fn is_tokenizer_message(msg: &str) -> bool {
        const PREFIXES: [&str; 13] = [
            "invalid decimal literal",
            "invalid hexadecimal literal",
            "invalid octal literal",
            "invalid binary literal",
            "invalid imaginary literal",
            "invalid digit",
            "leading zeros",
            "invalid character",
            "invalid non-printable",
            "unterminated ",
            "unmatched '",
            "closing parenthesis",
            "too many nested parentheses",
        ];
        PREFIXES.iter().any(|p| msg.starts_with(p))
            || msg.ends_with("was never closed")
            || msg.starts_with("unexpected character after line continuation")
    }

    /// A `try` block without handlers: CPython points at what follows the block.
    fn missing_except(cx: &Cx<'_>, p: usize) -> PyErr {
        let msg = "expected 'except' or 'finally' block";
        let try_stmt = find_stmt_where(
            &cx.module.body,
            &|s| matches!(s, Stmt::Try(t) if t.handlers.is_empty() && t.finalbody.is_empty() && t.start().to_usize() < p.max(1)),
        );
        let after = try_stmt
            .and_then(|s| match s {
                Stmt::Try(t) => t.body.last().map(|b| b.end().to_usize()),
                _ => None,
            })
            .and_then(|end| {
                cx.toks.iter().find(|t| t.start >= end && !matches!(t.kind, TK::Newline | TK::Indent | TK::Dedent))
            });
        match after {
            Some(t) if t.kind != TK::End => cx.err("SyntaxError", msg, range(t.start, t.end)),
            _ => PyErr {
                etype: "SyntaxError",
                msg: msg.into(),
                line: cx.lines.line_count().max(1),
                col: 0,
                end_col: 0,
                text: None,
            },
        }
    }

    /// The first statement (in source order, at any depth) satisfying `pred`.
    fn find_stmt_where<'m>(body: &'m [Stmt], pred: &dyn Fn(&Stmt) -> bool) -> Option<&'m Stmt> {
        for s in body {
            if pred(s) {
                return Some(s);
            }
            let inner = match s {
                Stmt::FunctionDef(f) => find_stmt_where(&f.body, pred),
                Stmt::ClassDef(c) => find_stmt_where(&c.body, pred),
                Stmt::For(f) => find_stmt_where(&f.body, pred).or_else(|| find_stmt_where(&f.orelse, pred)),
                Stmt::While(w) => find_stmt_where(&w.body, pred).or_else(|| find_stmt_where(&w.orelse, pred)),
                Stmt::If(i) => find_stmt_where(&i.body, pred)
                    .or_else(|| i.elif_else_clauses.iter().find_map(|c| find_stmt_where(&c.body, pred))),
                Stmt::With(w) => find_stmt_where(&w.body, pred),
                Stmt::Try(t) => find_stmt_where(&t.body, pred)
                    .or_else(|| {
                        t.handlers.iter().find_map(|h| {
                            let ast::ExceptHandler::ExceptHandler(h) = h;
                            find_stmt_where(&h.body, pred)
                        })
                    })
                    .or_else(|| find_stmt_where(&t.orelse, pred))
                    .or_else(|| find_stmt_where(&t.finalbody, pred)),
                _ => None,
            };
            if inner.is_some() {
                return inner;
            }
        }
        None
    }

    /// Python 2's `print 'x'` / `exec 'code'`: CPython highlights from the keyword to the end
    /// of what follows it.
    fn legacy_print(cx: &Cx<'_>, p: usize) -> Option<PyErr> {
        let (prev, next) = find_pair(&cx.module.body, p)?;
        let Stmt::Expr(pe) = prev else { return None };
        let Expr::Name(n) = &*pe.value else {
            return None;
        };
        let word = n.id.as_str();
        if !matches!(word, "print" | "exec") {
            return None;
        }
        if cx.lines.line_col(prev.end().to_usize()).0 != cx.lines.line_col(p).0 {
            return None;
        }
        let end = next.end();
        Some(cx.err(
            "SyntaxError",
            format!("Missing parentheses in call to '{word}'. Did you mean {word}(...)?"),
            TextRange::new(prev.start(), end),
        ))
    }

    /// Two consecutive statements of one body, the second starting at `p`.
    fn find_pair(body: &[Stmt], p: usize) -> Option<(&Stmt, &Stmt)> {
        for w in body.windows(2) {
            if w[1].start().to_usize() == p {
                return Some((&w[0], &w[1]));
            }
        }
        for s in body {
            if !(s.start().to_usize() <= p && p <= s.end().to_usize()) {
                continue;
            }
            let found = match s {
                Stmt::FunctionDef(f) => find_pair(&f.body, p),
                Stmt::ClassDef(c) => find_pair(&c.body, p),
                Stmt::For(f) => find_pair(&f.body, p).or_else(|| find_pair(&f.orelse, p)),
                Stmt::While(w) => find_pair(&w.body, p).or_else(|| find_pair(&w.orelse, p)),
                Stmt::If(i) => {
                    find_pair(&i.body, p).or_else(|| i.elif_else_clauses.iter().find_map(|c| find_pair(&c.body, p)))
                }
                Stmt::With(w) => find_pair(&w.body, p),
                Stmt::Try(t) => find_pair(&t.body, p)
                    .or_else(|| {
                        t.handlers.iter().find_map(|h| {
                            let ast::ExceptHandler::ExceptHandler(h) = h;
                            find_pair(&h.body, p)
                        })
                    })
                    .or_else(|| find_pair(&t.orelse, p))
                    .or_else(|| find_pair(&t.finalbody, p)),
                Stmt::Match(m) => m.cases.iter().find_map(|c| find_pair(&c.body, p)),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// "expected an indented block after 'if' statement on line N".
    fn indented_block(cx: &Cx<'_>, m: &str, p: usize) -> PyErr {
        let clause = m.trim_start_matches("Expected an indented block after ");
        let clause = match clause {
            "`if` statement" => "'if' statement",
            "`else` clause" => "'else' statement",
            "`elif` clause" => "'elif' statement",
            "`for` statement" => "'for' statement",
            "`with` statement" => "'with' statement",
            "`class` definition" => "class definition",
            "`while` statement" => "'while' statement",
            "`case` block" => "'case' statement",
            "`try` statement" => "'try' statement",
            "`except` clause" => "'except' statement",
            "`finally` clause" => "'finally' statement",
            "`match` statement" => "'match' statement",
            other => other,
        };
        // The header's NEWLINE is the last one at or before the error.
        let nl = cx.toks.iter().rposition(|t| t.kind == TK::Newline && t.start <= p);
        let header_line = match nl {
            Some(i) => {
                let s = cx.line_start_tok(i);
                cx.lines.line_col(cx.toks[s].start).0
            }
            None => cx.lines.line_col(p).0,
        };
        let msg = format!("expected an indented block after {clause} on line {header_line}");
        let at_eof = match nl {
            Some(i) => cx.toks[i + 1..].iter().all(|t| matches!(t.kind, TK::Newline | TK::Dedent | TK::End)),
            None => false,
        };
        if at_eof {
            // CPython reports the file's last line, without a caret.
            let line = cx.lines.line_count().max(1);
            return PyErr { etype: "IndentationError", msg, line, col: 0, end_col: 0, text: None };
        }
        let (line, col) = cx.lines.line_col(p);
        PyErr { etype: "IndentationError", msg, line, col: col + 1, end_col: col + 2, text: None }
    }

    /// ruff expected a `:`.
    fn colon(cx: &Cx<'_>, p: usize, found: TokenKind) -> PyErr {
        let i = cx.tok_index(p);
        if let Some(open) = cx.open_bracket(i) {
            if cx.text(&cx.toks[open]) == "{" && i > 0 {
                // After a dictionary key: CPython points at the key's last character.
                let end = cx.toks[i - 1].end;
                let (line, col) = cx.lines.line_col(end);
                return PyErr {
                    etype: "SyntaxError",
                    msg: "':' expected after dictionary key".into(),
                    line,
                    col,
                    end_col: 0,
                    text: None,
                };
            }
            return cx.generic(p);
        }
        if found == TokenKind::Newline {
            return cx.err("SyntaxError", "expected ':'", range(p, p + 1));
        }
        let head = cx.line_start_tok(i);
        let head_tok = cx.toks[head];
        if found == TokenKind::Equal && cx.is_kw(&head_tok, &["if", "elif", "while"]) {
            if let Some(e) = maybe_meant_eq(cx, head + 1, i) {
                return e;
            }
        }
        if cx.is_kw(&head_tok, &["def", "else", "try", "finally"]) {
            let t = cx.toks[i];
            return cx.err("SyntaxError", "expected ':'", range(t.start, t.end));
        }
        cx.generic(p)
    }

    /// `if x = 1:` → "invalid syntax. Maybe you meant '==' or ':=' instead of '='?".
    fn maybe_meant_eq(cx: &Cx<'_>, a: usize, eq: usize) -> Option<PyErr> {
        if a >= eq {
            return None;
        }
        let a_start = cx.toks[a].start;
        let a_end = cx.toks[eq - 1].end;
        let target = find_expr(cx.module, |x| x.start().to_usize() == a_start && x.end().to_usize() == a_end)?;
        let b_end = cx.expr_end(eq + 1, true)?;
        match target {
            Expr::Name(_) => Some(cx.err(
                "SyntaxError",
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                range(a_start, b_end),
            )),
            Expr::List(_) | Expr::Tuple(_) | Expr::Generator(_) | Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) => {
                None
            }
            x => Some(cx.err(
                "SyntaxError",
                format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(x)),
                range(a_start, a_end),
            )),
        }
    }

    /// Two expressions side by side inside brackets: "Perhaps you forgot a comma?".
    fn missing_comma(cx: &Cx<'_>, p: usize) -> Option<PyErr> {
        let i = cx.tok_index(p);
        if i == 0 || cx.toks[i].start != p {
            return None;
        }
        let open = cx.open_bracket(i)?;
        if open >= 2 && cx.is_kw(&cx.toks[open - 2], &["def"]) {
            return None;
        }
        let (prev, found) = (cx.toks[i - 1], cx.toks[i]);
        if !cx.ends_expr(&prev) || !cx.starts_expr(&found) {
            return None;
        }
        if prev.kind == TK::Name && found.kind == TK::Str {
            return None;
        }
        // Back to the start of the expression before: after `,`, `:`, `=` or the bracket.
        let mut depth = 0i32;
        let mut a = i - 1;
        loop {
            let t = cx.toks[a];
            let s = cx.text(&t);
            if t.kind == TK::Op {
                match s {
                    ")" | "]" | "}" => depth += 1,
                    "(" | "[" | "{" if depth == 0 => {
                        a += 1;
                        break;
                    }
                    "(" | "[" | "{" => depth -= 1,
                    "," | ":" | "=" if depth == 0 => {
                        a += 1;
                        break;
                    }
                    _ => {}
                }
            }
            if t.kind == TK::Name && depth == 0 && matches!(s, "lambda" | "else" | "if" | "for" | "in") {
                a += 1;
                break;
            }
            if a == 0 {
                break;
            }
            a -= 1;
        }
        if a + 1 == i && cx.is_kw(&cx.toks[a], &["print", "exec"]) {
            return None;
        }
        let b_end = cx.expr_end(i, false)?;
        Some(cx.err("SyntaxError", "invalid syntax. Perhaps you forgot a comma?", range(cx.toks[a].start, b_end)))
    }

    /// `[1, 2 for x in y]`: "did you forget parentheses around the comprehension target?".
    fn comprehension_target(cx: &Cx<'_>, p: usize) -> Option<PyErr> {
        let i = cx.tok_index(p);
        if !cx.is_kw(&cx.toks[i], &["for"]) {
            return None;
        }
        let open = cx.open_bracket(i)?;
        if !matches!(cx.text(&cx.toks[open]), "[" | "{") || open + 1 >= i {
            return None;
        }
        let mut depth = 0i32;
        let mut comma = false;
        for t in &cx.toks[open + 1..i] {
            match (t.kind, cx.text(t)) {
                (TK::Op, "(" | "[" | "{") => depth += 1,
                (TK::Op, ")" | "]" | "}") => depth -= 1,
                (TK::Op, ",") if depth == 0 => comma = true,
                _ => {}
            }
        }
        if !comma {
            return None;
        }
        Some(cx.err(
            "SyntaxError",
            "did you forget parentheses around the comprehension target?",
            range(cx.toks[open + 1].start, cx.toks[i - 1].end),
        ))
    }

    /// Invalid assignment targets: "cannot assign to X" (with "here. Maybe you meant '=='
    /// instead of '='?" when `X = y` could have been a comparison).
    fn assign_target(cx: &Cx<'_>, loc: TextRange) -> PyErr {
        let p = loc.start().to_usize();
        let Some(target) = find_expr(cx.module, |x| x.range() == loc) else {
            return cx.generic(p);
        };
        if matches!(target, Expr::Yield(_) | Expr::YieldFrom(_)) {
            return cx.err("SyntaxError", "assignment to yield expression not possible", loc);
        }
        let enclosing = find_stmt(&cx.module.body, p);
        if let Some(Stmt::With(w)) = enclosing {
            let is_item_target = w.items.iter().any(|i| i.optional_vars.as_ref().is_some_and(|v| v.range() == loc));
            let i = cx.tok_index(loc.end().to_usize());
            let next_ok = cx.toks.get(i).is_some_and(|t| matches!(cx.text(t), "," | ")" | ":"));
            if is_item_target && !next_ok {
                return cx.generic(loc.end().to_usize());
            }
        }
        let name = expr_name(target);
        // A parenthesized expression is an atom (`(a := 1) = 2` gets the "here" variant).
        let start_i = cx.tok_index(p);
        let end_i = cx.tok_index(loc.end().to_usize());
        let parenthesized = start_i > 0
            && cx.text(&cx.toks[start_i - 1]) == "("
            && cx.toks.get(end_i).is_some_and(|t| cx.text(t) == ")");
        let excluded = matches!(target, Expr::Tuple(_) | Expr::Generator(_))
            || !parenthesized
                && matches!(
                    target,
                    Expr::Tuple(_)
                        | Expr::List(_)
                        | Expr::Generator(_)
                        | Expr::BooleanLiteral(_)
                        | Expr::NoneLiteral(_)
                        | Expr::Starred(_)
                        | Expr::Compare(_)
                        | Expr::BoolOp(_)
                        | Expr::If(_)
                        | Expr::Lambda(_)
                        | Expr::Named(_)
                )
            || matches!(target, Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not);
        let in_first_target = enclosing.is_some_and(|s| match s {
            Stmt::Assign(a) => a.targets.first().is_some_and(|t| t.range().contains_range(loc)),
            _ => false,
        });
        if !excluded && in_first_target {
            let i = if parenthesized { end_i + 1 } else { end_i };
            let is_eq = cx.toks.get(i).is_some_and(|t| t.kind == TK::Op && cx.text(t) == "=");
            if is_eq {
                if let Some(b_end) = cx.expr_end(i + 1, true) {
                    let after = cx.toks.iter().find(|t| t.start >= b_end);
                    let chained = after.is_some_and(|t| matches!(cx.text(t), "=" | ":="));
                    if !chained {
                        return cx.err(
                            "SyntaxError",
                            format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?"),
                            loc,
                        );
                    }
                }
            }
        }
        cx.err("SyntaxError", format!("cannot assign to {name}"), loc)
    }

    /// The innermost statement containing `p`.
    fn find_stmt(body: &[Stmt], p: usize) -> Option<&Stmt> {
        let s = body.iter().find(|s| s.start().to_usize() <= p && p < s.end().to_usize())?;
        let inner = match s {
            Stmt::FunctionDef(f) => find_stmt(&f.body, p),
            Stmt::ClassDef(c) => find_stmt(&c.body, p),
            Stmt::For(f) => find_stmt(&f.body, p).or_else(|| find_stmt(&f.orelse, p)),
            Stmt::While(w) => find_stmt(&w.body, p).or_else(|| find_stmt(&w.orelse, p)),
            Stmt::If(i) => {
                find_stmt(&i.body, p).or_else(|| i.elif_else_clauses.iter().find_map(|c| find_stmt(&c.body, p)))
            }
            Stmt::With(w) => find_stmt(&w.body, p),
            Stmt::Try(t) => find_stmt(&t.body, p)
                .or_else(|| {
                    t.handlers.iter().find_map(|h| {
                        let ast::ExceptHandler::ExceptHandler(h) = h;
                        find_stmt(&h.body, p)
                    })
                })
                .or_else(|| find_stmt(&t.orelse, p))
                .or_else(|| find_stmt(&t.finalbody, p)),
            _ => None,
        };
        inner.or(Some(s))
    }

    /// The outermost expression satisfying `pred` (statement ranges prune the search).
    fn find_expr(m: &ModModule, pred: impl Fn(&Expr) -> bool) -> Option<&Expr> {
        struct F<'m, P> {
            pred: P,
            found: Option<&'m Expr>,
        }
        impl<'m, P: Fn(&Expr) -> bool> Visitor<'m> for F<'m, P> {
            fn visit_stmt(&mut self, s: &'m Stmt) {
                if self.found.is_none() {
                    walk_stmt(self, s);
                }
            }
            fn visit_expr(&mut self, e: &'m Expr) {
                if self.found.is_some() {
                    return;
                }
                if (self.pred)(e) {
                    self.found = Some(e);
                    return;
                }
                walk_expr(self, e);
            }
        }
        let mut f = F { pred, found: None };
        for s in &m.body {
            f.visit_stmt(s);
        }
        f.found
    }
}
