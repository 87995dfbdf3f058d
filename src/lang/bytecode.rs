//! The bytecode: a compact stack machine close to CPython 3.9's, so tracebacks, evaluation
//! order and exception semantics follow CPython's. Invariant: every instruction documents
//! its stack effect here, in prose and as `Instr::stack_effect` (which the compiler's checker
//! walks every path with), and the compiler (`compile/`) and the VM (`vm::interp`) agree on
//! it; operands are indices (u32) into the code object's tables or jump targets
//! (instruction indices, not byte offsets).
//!
//! Name resolution is decided at compile time:
//! - function locals: `LoadFast(i)` → `varnames[i]`;
//! - closure cells: `LoadDeref(i)` → `cellvars ++ freevars` at `i`;
//! - module globals: `LoadGlobal(slot)` → the module's global slot table
//!   (`CompiledModule::global_names[slot]`), falling back to builtins;
//! - class bodies: `LoadName(i)` → `names[i]` looked up in the class namespace, then
//!   globals, then builtins.

use crate::vm::value::Value;
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Pos,
    Not,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
    In,
    NotIn,
    Is,
    IsNot,
}

/// The flag of `BuildClass`'s argument saying a dict of class keywords is on the stack.
pub const CLASS_KEYWORDS: u32 = 1 << 16;

/// Stack effects are written `[before] -> [after]`, top of stack rightmost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instr {
    Nop,
    /// `[a] -> []`
    PopTop,
    /// `[a] -> [a, a]`
    DupTop,
    /// `[a, b] -> [a, b, a, b]`
    DupTop2,
    /// `[a, b] -> [b, a]`
    RotTwo,
    /// `[a, b, c] -> [c, a, b]`
    RotThree,
    /// `[a, b, c, d] -> [d, a, b, c]`
    RotFour,

    /// `[] -> [consts[i]]`
    LoadConst(u32),
    /// `[] -> [locals[i]]`; UnboundLocalError if unset.
    LoadFast(u32),
    /// `[v] -> []`
    StoreFast(u32),
    DeleteFast(u32),
    /// `[] -> [cell value]`; index into `cellvars ++ freevars`.
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// `[] -> [the cell itself]`, for building a closure tuple.
    LoadClosure(u32),
    /// `[] -> [global or builtin]`; operand is a module global slot.
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Class bodies only: operand indexes `names`.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    /// `[] -> [builtins[names[i]]]` (e.g. AssertionError, which user code cannot shadow).
    LoadBuiltin(u32),

    /// `[obj] -> [obj.names[i]]`
    LoadAttr(u32),
    /// `[v, obj] -> []` (obj.names[i] = v)
    StoreAttr(u32),
    /// `[obj] -> []`
    DeleteAttr(u32),
    /// `[obj] -> [func, self]` when `names[i]` is a method found on the type (self bound
    /// later by `CallMethod`), else `[attr, NULL]`-equivalent: the VM pushes the attribute
    /// and a marker so `CallMethod` calls it without self.
    LoadMethod(u32),
    /// `[func, self_or_marker, arg1..argN] -> [result]`
    CallMethod(u32),
    /// `[func, arg1..argN] -> [result]`
    Call(u32),
    /// `[func, arg1..argN, kwnames] -> [result]`: the last `len(kwnames)` args are keyword
    /// arguments named by the const tuple `kwnames` (a `Value::Tuple` of `Str`).
    /// The operand is N, the total count of args including keyword ones.
    CallKw(u32),
    /// `[func, args_tuple] -> [result]` (operand 0) or
    /// `[func, args_tuple, kwargs_dict] -> [result]` (operand 1).
    CallEx(u32),

    /// `[container, key] -> [container[key]]`
    BinarySubscr,
    /// `[v, container, key] -> []`
    StoreSubscr,
    /// `[container, key] -> []`
    DeleteSubscr,
    /// `[a, b] -> [a op b]`
    Binary(BinOp),
    /// `[a, b] -> [a op= b]` (tries `__iop__` first, then `op`; lists extend in place).
    Inplace(BinOp),
    /// `[a] -> [op a]`
    Unary(UnOp),
    /// `[a, b] -> [a cmp b]`
    Compare(CmpOp),

    /// Unconditional jump to instruction index.
    Jump(u32),
    /// `[cond] -> []`, jump if falsy.
    PopJumpIfFalse(u32),
    /// `[cond] -> []`, jump if truthy.
    PopJumpIfTrue(u32),
    /// `[cond] -> [cond]` and jump if falsy, else `[cond] -> []`.
    JumpIfFalseOrPop(u32),
    /// `[cond] -> [cond]` and jump if truthy, else `[cond] -> []`.
    JumpIfTrueOrPop(u32),

    /// `[iterable] -> [iterator]`
    GetIter,
    /// `[iterator] -> [iterator, next]`, or when exhausted `[iterator] -> []` and jump.
    ForIter(u32),

    /// `[a1..aN] -> [(a1..aN)]`
    BuildTuple(u32),
    /// `[a1..aN] -> [[a1..aN]]`
    BuildList(u32),
    /// `[a1..aN] -> [{a1..aN}]`
    BuildSet(u32),
    /// `[k1, v1, .. kN, vN] -> [{k1: v1, ..}]`
    BuildMap(u32),
    /// `[start, stop] -> [slice]` (operand 2) or `[start, stop, step] -> [slice]` (3).
    BuildSlice(u32),
    /// `[a1..aN] -> ["a1a2..aN"]` (f-string parts, all already str).
    BuildString(u32),
    /// f-string field. Operand bits 0-1: conversion (0 none, 1 `!s`, 2 `!r`, 3 `!a`);
    /// bit 2: a format spec (a str) is on top.
    /// `[v] -> [str]` or `[v, spec] -> [str]`.
    FormatValue(u32),
    /// Comprehensions: `[.., list, (i-1 items).., v] -> [.., list, ..]`: appends v to the
    /// list found `i` slots below the top after popping v.
    ListAppend(u32),
    /// Same for sets.
    SetAdd(u32),
    /// `[.., dict, .., k, v] -> [.., dict, ..]`, dict `i` slots below after popping k, v.
    MapAdd(u32),
    /// `[.., list, .., iterable] -> [.., list, ..]`: list.extend(iterable); list `i` below.
    ListExtend(u32),
    /// `[list] -> [tuple]`
    ListToTuple,
    /// `[.., dict, .., mapping] -> [.., dict, ..]`: dict.update(mapping) for `**` in calls,
    /// raising TypeError on a repeated keyword. Dict `i` below.
    DictMerge(u32),
    /// Like DictMerge but later keys win (`{**a, **b}` literals).
    DictUpdate(u32),
    /// `[seq] -> [vN..v1]` (v1 on top), exactly N items or ValueError.
    UnpackSequence(u32),
    /// Starred unpacking: operand = before | (after << 8).
    /// `[seq] -> [v_last.., list_of_middle, .. v1]` (CPython's order: first item on top).
    UnpackEx(u32),

    /// `[defaults_tuple?, kwdefaults_dict?, annotations_dict?, closure_tuple?, code] -> [function]`;
    /// flags: 1 defaults, 2 kwdefaults, 4 annotations, 8 closure (pushed in that order, code on top).
    MakeFunction(u32),
    /// Runs a class body: `[body_function, name, base1..baseN, kwargs?] -> [class]`, the
    /// keyword dict (`metaclass=`, `__init_subclass__`'s) present when the argument has
    /// `CLASS_KEYWORDS` set, the bases counted in its low 16 bits.
    /// The body function is called with a fresh namespace as its `LoadName`/`StoreName`
    /// scope; its return value is the `__class__` cell (or None) which is set to the new class.
    BuildClass(u32),
    /// `[v] -> []`, returns from the frame.
    ReturnValue,
    /// Generators: `[v] -> []` in this frame, which is suspended (its stack above its base
    /// saved in the generator); when resumed, `[] -> [sent]` (None for `next()`).
    YieldValue,
    /// `yield from`: `[iter, sent] -> [iter, item]` when the sub-iterator produces an item
    /// (sent to it with `send`, or `next` for None), or `[iter, sent] -> [result]` and jump to
    /// the operand when it is exhausted (result: its return value, None for plain iterators).
    /// The compiler follows it with `YieldValue; Jump back`, so a delegated throw or close can
    /// find the sub-iterator right below the suspended `YieldValue`.
    YieldFrom(u32),
    /// `await`: `[v] -> [iterator]`: a coroutine itself, else what `v.__await__()` returns
    /// (TypeError "object X can't be used in 'await' expression" otherwise).
    GetAwaitable,
    /// `yield v` in an async generator: like `YieldValue`, but the value ends the pending
    /// `__anext__()`/`asend()` awaitable (its `await` evaluates to v) instead of passing up
    /// to the event loop as an `await`'s yield does (CPython's `ASYNC_GEN_WRAP; YIELD_VALUE`).
    YieldAsync,
    /// `async for`: `[v] -> [aiter]`, `type(v).__aiter__(v)`, which must have `__anext__`.
    GetAIter,
    /// `async for`: `[aiter] -> [aiter, awaitable]`, `aiter.__anext__()` made awaitable.
    GetANext,
    /// The handler of an `async for`: `[aiter, prev_exc, exc]`: StopAsyncIteration ends the
    /// loop (`[]`, the except block popped), anything else is re-raised.
    EndAsyncFor,
    /// Operand 0: re-raise the exception being handled; 1: `[exc] -> raise exc`;
    /// 2: `[exc, cause] -> raise exc from cause`.
    Raise(u32),

    /// Pushes a try block whose handler is at the operand. When an exception reaches it, the
    /// stack is cut back to the depth at setup, an except-handler block is pushed and
    /// `[prev_exc_info, exc]` are pushed (prev_exc_info: the exception being handled before,
    /// or None), the thread's current exception becomes exc, and control jumps to handler.
    SetupFinally(u32),
    /// Pops the innermost try block (normal exit from the protected body).
    PopBlock,
    /// Leaves an except handler: pops the except-handler block, removes `prev_exc_info` from
    /// the stack position recorded by that block (values above it stay) and restores it as
    /// the current exception.
    PopExcept,
    /// `[exc] -> raise exc` again, keeping its traceback (end of a finally/unmatched except).
    Reraise,
    /// `[exc, type_or_tuple] -> [exc]`, jump to operand if exc does not match.
    JumpIfNotExcMatch(u32),
    /// `except* T`: `[rest, T] -> [rest', match]`, the part of `rest` (an exception, or None
    /// once taken whole) the clause handles and what is left (`_concsim_eg._split_star`); a
    /// match becomes the exception being handled. TypeError for a T that is not an exception
    /// class or is an exception group's.
    CheckEgMatch,
    /// End of `except*`: `[orig, list] -> [exc_or_None]`, what leaves the statement given what
    /// the clauses raised and the unhandled rest, last in the list (`_prep_reraise_star`).
    PrepReraiseStar,
    /// With statements: `[exit, prev_exc_info, exc] -> [exit, prev_exc_info, exc, result]`
    /// where result = exit(type(exc), exc, None) (a call; may run Python code).
    WithExceptStart,

    /// `[] -> [module]`: imports the module named `names[i]` (full dotted name) and pushes
    /// it (for `import a.b` the compiler emits ImportName("a.b"), PopTop, ImportName("a")).
    ImportName(u32),
    /// `[module] -> [module, module.names[i]]`, ImportError "cannot import name" if missing.
    ImportFrom(u32),
    /// `[module] -> []`: binds every public name of module in the current globals.
    ImportStar,
    /// `[v] -> []`: prints repr(v) if not None (unused by scripts; reserved for a REPL).
    PrintExpr,
}

/// What an instruction does to the depth of the operand stack, as its documentation above
/// states it: it needs `needs` items, then execution goes on at the next instruction with
/// the depth changed by `fall` (None: it never falls through — return, raise), and when it
/// jumps, at its target with the depth changed by `jump`. The code generator's checker
/// (`lang::tests::verify`) walks every path with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StackEffect {
    pub needs: u32,
    pub fall: Option<i32>,
    pub jump: Option<(u32, i32)>,
}

impl Instr {
    pub fn stack_effect(self) -> StackEffect {
        use Instr::*;
        let plain = |needs: u32, delta: i32| StackEffect { needs, fall: Some(delta), jump: None };
        let branch = |needs: u32, fall: i32, target: u32, jump: i32| StackEffect {
            needs,
            fall: Some(fall),
            jump: Some((target, jump)),
        };
        let ends = |needs: u32| StackEffect { needs, fall: None, jump: None };
        match self {
            Nop | DeleteFast(_) | DeleteDeref(_) | DeleteGlobal(_) | DeleteName(_) | PopBlock => plain(0, 0),
            PopTop | StoreFast(_) | StoreDeref(_) | StoreGlobal(_) | StoreName(_) | DeleteAttr(_) => plain(1, -1),
            DupTop => plain(1, 1),
            DupTop2 => plain(2, 2),
            RotTwo => plain(2, 0),
            RotThree => plain(3, 0),
            RotFour => plain(4, 0),
            LoadConst(_) | LoadFast(_) | LoadDeref(_) | LoadClosure(_) | LoadGlobal(_) | LoadName(_)
            | LoadBuiltin(_) | ImportName(_) => plain(0, 1),
            LoadAttr(_) | Unary(_) | GetIter | GetAwaitable | GetAIter | ListToTuple => plain(1, 0),
            GetANext => plain(1, 1),
            EndAsyncFor => plain(3, -3),
            StoreAttr(_) | DeleteSubscr => plain(2, -2),
            LoadMethod(_) | ImportFrom(_) => plain(1, 1),
            CallMethod(k) | CallKw(k) | CallEx(k) => plain(k + 2, -(k as i32) - 1),
            Call(k) => plain(k + 1, -(k as i32)),
            BinarySubscr | Binary(_) | Inplace(_) | Compare(_) => plain(2, -1),
            StoreSubscr => plain(3, -3),
            Jump(t) => StackEffect { needs: 0, fall: None, jump: Some((t, 0)) },
            PopJumpIfFalse(t) | PopJumpIfTrue(t) => branch(1, -1, t, -1),
            JumpIfFalseOrPop(t) | JumpIfTrueOrPop(t) => branch(1, -1, t, 0),
            ForIter(t) => branch(1, 1, t, -1),
            BuildTuple(k) | BuildList(k) | BuildSet(k) | BuildString(k) => plain(k, 1 - k as i32),
            BuildMap(k) => plain(2 * k, 1 - 2 * k as i32),
            BuildSlice(k) => plain(k, 1 - k as i32),
            FormatValue(f) => {
                let k = if f & 4 != 0 { 2 } else { 1 };
                plain(k, 1 - k as i32)
            }
            ListAppend(k) | SetAdd(k) | ListExtend(k) | DictMerge(k) | DictUpdate(k) => plain(k + 1, -1),
            MapAdd(k) => plain(k + 2, -2),
            UnpackSequence(k) => plain(1, k as i32 - 1),
            UnpackEx(k) => plain(1, ((k & 0xff) + (k >> 8) + 1) as i32 - 1),
            MakeFunction(f) => {
                let k = 1 + (f & 1) + ((f >> 1) & 1) + ((f >> 2) & 1) + ((f >> 3) & 1);
                plain(k, 1 - k as i32)
            }
            BuildClass(k) => {
                let n = (k & 0xffff) + 2 + (k >> 16 & 1);
                plain(n, 1 - n as i32)
            }
            ReturnValue | Reraise => ends(1),
            Raise(k) => ends(k),
            YieldValue | YieldAsync => plain(1, 0),
            YieldFrom(t) => branch(2, 0, t, -1),
            // The handler is entered with `[prev_exc_info, exc]` above the level at setup.
            SetupFinally(t) => branch(0, 0, t, 2),
            PopExcept => plain(1, -1),
            JumpIfNotExcMatch(t) => branch(2, -1, t, -1),
            WithExceptStart => plain(3, 1),
            CheckEgMatch => plain(2, 0),
            PrepReraiseStar => plain(2, -1),
            ImportStar | PrintExpr => plain(1, -1),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Module,
    Function,
    Lambda,
    Class,
    Comprehension,
}

/// Flags on a code object.
pub const CO_VARARGS: u32 = 1;
pub const CO_VARKEYWORDS: u32 = 2;
/// The code contains `yield`: calling it makes a generator instead of running it.
pub const CO_GENERATOR: u32 = 0x20;
/// An `async def`: calling it makes a coroutine (run like a generator, awaited).
pub const CO_COROUTINE: u32 = 0x80;
/// An `async def` with `yield` (set with CO_COROUTINE while compiling, so `await` is allowed):
/// calling it makes an async generator.
pub const CO_ASYNC_GENERATOR: u32 = 0x200;

/// A compiled function, class body, comprehension or module body. Immutable once built, so
/// processes share it.
#[derive(Debug)]
pub struct Code {
    /// `f`, `<lambda>`, `<listcomp>`, `<module>`, class name.
    pub name: Rc<str>,
    /// `C.method`, `f.<locals>.g`.
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub first_line: u32,
    pub kind: CodeKind,
    pub instrs: Vec<Instr>,
    /// The source span of each instruction (same length as `instrs`): the expression or
    /// statement it was compiled from, for tracebacks and CPython 3.11's caret lines.
    pub positions: Vec<Position>,
    pub consts: Vec<Value>,
    /// Attribute, import and class-body names.
    pub names: Vec<Rc<str>>,
    /// Positional params, then keyword-only params, then `*args`, then `**kwargs`, then
    /// other locals (CPython's order).
    pub varnames: Vec<Rc<str>>,
    /// Locals captured by nested functions. A parameter that is also a cell is copied into
    /// its cell on entry: `cell2arg[i]` is its varnames index.
    pub cellvars: Vec<Rc<str>>,
    pub cell2arg: Vec<Option<u32>>,
    /// Variables this code reads from enclosing functions (its closure, in this order).
    pub freevars: Vec<Rc<str>>,
    /// Positional parameters (including those with defaults).
    pub argcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    /// A function's docstring (`__doc__`), None for other code.
    pub doc: Option<Rc<str>>,
}

impl Code {
    pub fn has_varargs(&self) -> bool {
        self.flags & CO_VARARGS != 0
    }

    pub fn has_varkeywords(&self) -> bool {
        self.flags & CO_VARKEYWORDS != 0
    }

    /// A generator or a coroutine: its call makes a suspended frame object.
    pub fn is_generator(&self) -> bool {
        self.flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR) != 0
    }

    pub fn is_coroutine(&self) -> bool {
        self.flags & (CO_COROUTINE | CO_ASYNC_GENERATOR) == CO_COROUTINE
    }

    pub fn is_async_generator(&self) -> bool {
        self.flags & CO_ASYNC_GENERATOR != 0
    }

    /// Slots for locals: all varnames.
    pub fn nlocals(&self) -> usize {
        self.varnames.len()
    }

    pub fn line_at(&self, pc: usize) -> u32 {
        self.positions.get(pc).map(|p| p.line).unwrap_or(self.first_line)
    }
}

/// A source span: 1-based lines, 0-based UTF-8 byte columns (CPython's `co_positions`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
}

/// A compiled module: its body and the global slot table every code object in it uses.
pub struct CompiledModule {
    pub code: Rc<Code>,
    pub global_names: Vec<Rc<str>>,
}
