//! Scope analysis, after CPython 3.9's `symtable.c`: one pass records what each scope does
//! with each name (binds, uses, declares global/nonlocal), a second pass decides for every
//! name whether it is local, global (explicit or implicit), free or a cell.
//!
//! Owns: the `SymbolTable` the compiler (`compile/`) consults, and the SyntaxErrors CPython
//! raises from its symtable (misplaced `global`/`nonlocal`, duplicate parameters, `import *`
//! in a function, walrus misuse in comprehensions).
//!
//! Invariant: every scope the compiler will create a code object for (module, function,
//! lambda, class body, comprehension) has exactly one `Scope`, found by `SymbolTable::lookup`
//! with the node's source range and kind; names are stored mangled (`__x` in class `C` is
//! `_C__x`), so the compiler must mangle with the same rule (`mangle`) before looking up.
//! Class scopes are invisible to the scopes nested in them, as in Python.

use indexmap::IndexMap;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

pub(crate) const DEF_LOCAL: u32 = 1;
pub(crate) const DEF_PARAM: u32 = 2;
pub(crate) const DEF_GLOBAL: u32 = 4;
pub(crate) const DEF_NONLOCAL: u32 = 8;
pub(crate) const USE: u32 = 16;
pub(crate) const DEF_IMPORT: u32 = 32;
/// A class-scope name that a method also uses as a free variable of an enclosing function.
pub(crate) const DEF_FREE_CLASS: u32 = 64;
/// A comprehension's iteration variable.
pub(crate) const DEF_COMP_ITER: u32 = 128;
pub(crate) const DEF_ANNOT: u32 = 256;
const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ScopeKind {
    Module,
    Function,
    Lambda,
    Class,
    Comprehension,
}

impl ScopeKind {
    /// CPython's "FunctionBlock": functions, lambdas and comprehensions have fast locals.
    pub(crate) fn is_function_like(self) -> bool {
        matches!(self, ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Clone, Debug)]
pub(crate) struct Symbol {
    pub flags: u32,
    pub scope: NameScope,
}

#[derive(Debug)]
pub(crate) struct Scope {
    pub kind: ScopeKind,
    /// Names in first-seen order, mangled.
    pub symbols: IndexMap<String, Symbol>,
    /// Parameters in CPython's varnames order (positional, keyword-only, `*args`, `**kw`).
    pub params: Vec<String>,
    pub children: Vec<usize>,
    /// A class body whose methods use `__class__` (zero-argument `super()`).
    pub needs_class_closure: bool,
    /// Contains an `await` or an `async for` (a comprehension's makes it asynchronous),
    /// or an asynchronous comprehension that is not a generator expression (awaited here).
    pub awaits: bool,
    /// Nested inside a function-like scope.
    nested: bool,
    /// Where each `global`/`nonlocal` name was declared, for error locations.
    directives: FxHashMap<String, TextRange>,
    /// Inside the iterable expression of a comprehension (walrus is forbidden there).
    comp_iter_expr: u32,
    /// Currently visiting a comprehension's iteration target.
    comp_iter_target: bool,
    /// Sorted `Cell` names (plus `__class__` for a class needing it): the code's cellvars.
    pub cellvars: Vec<String>,
    /// Sorted `Free` names and class names flagged `DEF_FREE_CLASS`: the code's freevars.
    pub freevars: Vec<String>,
}

impl Scope {
    fn new(kind: ScopeKind, nested: bool) -> Scope {
        Scope {
            kind,
            symbols: IndexMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            needs_class_closure: false,
            awaits: false,
            nested,
            directives: FxHashMap::default(),
            comp_iter_expr: 0,
            comp_iter_target: false,
            cellvars: Vec::new(),
            freevars: Vec::new(),
        }
    }

    /// How a (mangled) name resolves in this scope. Names the analysis never saw (only
    /// compiler-made ones) count as implicit globals.
    pub(crate) fn scope_of(&self, name: &str) -> NameScope {
        self.symbols.get(name).map(|s| s.scope).unwrap_or(NameScope::GlobalImplicit)
    }

    pub(crate) fn flags_of(&self, name: &str) -> u32 {
        self.symbols.get(name).map(|s| s.flags).unwrap_or(0)
    }
}

/// A SyntaxError found during scope analysis.
#[derive(Debug)]
pub(crate) struct SymError {
    pub msg: String,
    pub range: TextRange,
}

type Key = (u32, u32, ScopeKind);

fn key(range: TextRange, kind: ScopeKind) -> Key {
    (range.start().into(), range.end().into(), kind)
}

#[derive(Debug)]
pub(crate) struct SymbolTable {
    pub scopes: Vec<Scope>,
    index: FxHashMap<Key, usize>,
}

impl SymbolTable {
    /// The scope of the node at `range` (the statement for `def`/`class`, the expression for
    /// lambdas and comprehensions). Scope 0 is the module.
    pub(crate) fn lookup(&self, range: TextRange, kind: ScopeKind) -> Option<usize> {
        self.index.get(&key(range, kind)).copied()
    }
}

/// CPython's private name mangling: inside class `C`, `__x` becomes `_C__x` (not dunder
/// names, not dotted names, not when the class name is all underscores).
pub(crate) fn mangle<'a>(private: Option<&str>, name: &'a str) -> std::borrow::Cow<'a, str> {
    use std::borrow::Cow;
    let Some(class) = private else {
        return Cow::Borrowed(name);
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return Cow::Borrowed(name);
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return Cow::Borrowed(name);
    }
    Cow::Owned(format!("_{stripped}{name}"))
}

/// Analyses a module. Errors are CPython's symtable SyntaxErrors, first in source order.
pub(crate) fn build(module: &ast::ModModule) -> Result<SymbolTable, SymError> {
    let mut b = Builder {
        scopes: vec![Scope::new(ScopeKind::Module, false)],
        stack: vec![0],
        private: None,
        index: FxHashMap::default(),
    };
    b.index.insert(key(module.range, ScopeKind::Module), 0);
    b.visit_body(&module.body)?;
    let mut table = SymbolTable { scopes: b.scopes, index: b.index };
    let mut free = BTreeSet::new();
    analyze_block(&mut table.scopes, 0, None, &mut BTreeSet::new(), &mut free)?;
    for scope in &mut table.scopes {
        let mut cells: Vec<String> =
            scope.symbols.iter().filter(|(_, s)| s.scope == NameScope::Cell).map(|(n, _)| n.clone()).collect();
        if scope.needs_class_closure {
            cells.push("__class__".to_string());
        }
        cells.sort();
        let mut frees: Vec<String> = scope
            .symbols
            .iter()
            .filter(|(_, s)| s.scope == NameScope::Free || s.flags & DEF_FREE_CLASS != 0)
            .map(|(n, _)| n.clone())
            .collect();
        frees.sort();
        scope.cellvars = cells;
        scope.freevars = frees;
    }
    Ok(table)
}

// ---------------------------------------------------------------------------------------
// Pass 1: record what each scope does with each name.
// ---------------------------------------------------------------------------------------

struct Builder {
    scopes: Vec<Scope>,
    /// Enclosing scopes, innermost last.
    stack: Vec<usize>,
    /// The innermost enclosing class name, for mangling.
    private: Option<String>,
    index: FxHashMap<Key, usize>,
}

fn err(msg: impl Into<String>, range: TextRange) -> SymError {
    SymError { msg: msg.into(), range }
}

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        let i = *self.stack.last().expect("scope stack never empty");
        &mut self.scopes[i]
    }

    fn cur_kind(&self) -> ScopeKind {
        self.scopes[*self.stack.last().expect("scope stack never empty")].kind
    }

    fn mangled(&self, name: &str) -> String {
        mangle(self.private.as_deref(), name).into_owned()
    }

    fn lookup(&mut self, name: &str) -> u32 {
        let m = self.mangled(name);
        self.cur().flags_of(&m)
    }

    fn add_def(&mut self, name: &str, flag: u32, range: TextRange) -> Result<(), SymError> {
        let scope = *self.stack.last().expect("scope stack never empty");
        self.add_def_in(scope, name, flag, range)
    }

    fn add_def_in(&mut self, scope: usize, name: &str, flag: u32, range: TextRange) -> Result<(), SymError> {
        let mangled = self.mangled(name);
        let ste = &mut self.scopes[scope];
        let mut val = match ste.symbols.get(&mangled) {
            Some(sym) => {
                if flag & DEF_PARAM != 0 && sym.flags & DEF_PARAM != 0 {
                    return Err(err(format!("duplicate argument '{name}' in function definition"), range));
                }
                sym.flags | flag
            }
            None => flag,
        };
        if ste.comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(err(
                    format!("comprehension inner loop cannot rebind assignment expression target '{name}'"),
                    range,
                ));
            }
            val |= DEF_COMP_ITER;
        }
        ste.symbols.insert(mangled.clone(), Symbol { flags: val, scope: NameScope::GlobalImplicit });
        if flag & DEF_PARAM != 0 {
            ste.params.push(mangled);
        } else if flag & DEF_GLOBAL != 0 && scope != 0 {
            // A global declaration also makes the name a symbol of the module.
            let module = &mut self.scopes[0];
            let entry = module.symbols.entry(mangled).or_insert(Symbol { flags: 0, scope: NameScope::GlobalImplicit });
            entry.flags |= flag;
        }
        Ok(())
    }

    fn enter(&mut self, kind: ScopeKind, range: TextRange) {
        let parent = *self.stack.last().expect("scope stack never empty");
        let nested = self.scopes[parent].nested || self.scopes[parent].kind.is_function_like();
        let id = self.scopes.len();
        let mut scope = Scope::new(kind, nested);
        // Still inside a comprehension's iterable (CPython inherits the flag).
        scope.comp_iter_expr = self.scopes[parent].comp_iter_expr;
        self.scopes.push(scope);
        self.scopes[parent].children.push(id);
        self.index.insert(key(range, kind), id);
        self.stack.push(id);
    }

    fn exit(&mut self) {
        self.stack.pop();
    }

    fn visit_body(&mut self, body: &[Stmt]) -> Result<(), SymError> {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    fn visit_stmt(&mut self, s: &Stmt) -> Result<(), SymError> {
        match s {
            Stmt::FunctionDef(f) => {
                self.add_def(&f.name, DEF_LOCAL, f.name.range)?;
                self.visit_defaults(&f.parameters)?;
                if let Some(r) = &f.returns {
                    self.visit_expr(r)?;
                }
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression)?;
                }
                self.enter(ScopeKind::Function, f.range);
                self.visit_params(&f.parameters)?;
                self.visit_body(&f.body)?;
                self.exit();
            }
            Stmt::ClassDef(c) => {
                self.add_def(&c.name, DEF_LOCAL, c.name.range)?;
                if let Some(args) = &c.arguments {
                    for a in args.args.iter() {
                        self.visit_expr(a)?;
                    }
                    for k in args.keywords.iter() {
                        self.visit_expr(&k.value)?;
                    }
                }
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression)?;
                }
                self.enter(ScopeKind::Class, c.range);
                let saved = self.private.replace(c.name.id.to_string());
                let r = self.visit_body(&c.body);
                self.private = saved;
                r?;
                self.exit();
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.visit_expr(v)?;
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.visit_target(t)?;
                }
            }
            Stmt::Assign(a) => {
                for t in &a.targets {
                    self.visit_target(t)?;
                }
                self.visit_expr(&a.value)?;
            }
            Stmt::AugAssign(a) => {
                self.visit_target(&a.target)?;
                self.visit_expr(&a.value)?;
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    let cur = self.lookup(&n.id);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && *self.stack.last().expect("nonempty") != 0 && a.simple
                    {
                        let what = if cur & DEF_GLOBAL != 0 { "global" } else { "nonlocal" };
                        return Err(err(format!("annotated name '{}' can't be {what}", n.id), a.range));
                    }
                    if a.simple {
                        self.add_def(&n.id, DEF_ANNOT | DEF_LOCAL, n.range)?;
                    } else if a.value.is_some() {
                        self.add_def(&n.id, DEF_LOCAL, n.range)?;
                    }
                } else {
                    self.visit_target(&a.target)?;
                }
                if let Some(v) = &a.value {
                    self.visit_expr(v)?;
                }
            }
            Stmt::For(f) => {
                self.visit_target(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_body(&f.body)?;
                self.visit_body(&f.orelse)?;
            }
            Stmt::While(w) => {
                self.visit_expr(&w.test)?;
                self.visit_body(&w.body)?;
                self.visit_body(&w.orelse)?;
            }
            Stmt::If(i) => {
                self.visit_expr(&i.test)?;
                self.visit_body(&i.body)?;
                for clause in &i.elif_else_clauses {
                    if let Some(t) = &clause.test {
                        self.visit_expr(t)?;
                    }
                    self.visit_body(&clause.body)?;
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.visit_expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.visit_target(v)?;
                    }
                }
                self.visit_body(&w.body)?;
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.visit_expr(e)?;
                }
                if let Some(c) = &r.cause {
                    self.visit_expr(c)?;
                }
            }
            Stmt::Try(t) => {
                self.visit_body(&t.body)?;
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.visit_expr(ty)?;
                    }
                    if let Some(name) = &h.name {
                        self.add_def(name, DEF_LOCAL, name.range)?;
                    }
                    self.visit_body(&h.body)?;
                }
                self.visit_body(&t.orelse)?;
                self.visit_body(&t.finalbody)?;
            }
            Stmt::Assert(a) => {
                self.visit_expr(&a.test)?;
                if let Some(m) = &a.msg {
                    self.visit_expr(m)?;
                }
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    self.visit_alias(alias)?;
                }
            }
            Stmt::ImportFrom(i) => {
                for alias in &i.names {
                    self.visit_alias(alias)?;
                }
            }
            Stmt::Global(g) => {
                for name in &g.names {
                    let cur = self.lookup(name);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{name}' is parameter and global")
                        } else if cur & USE != 0 {
                            format!("name '{name}' is used prior to global declaration")
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{name}' can't be global")
                        } else {
                            format!("name '{name}' is assigned to before global declaration")
                        };
                        return Err(err(msg, g.range));
                    }
                    self.add_def(name, DEF_GLOBAL, g.range)?;
                    let m = self.mangled(name);
                    self.cur().directives.entry(m).or_insert(g.range);
                }
            }
            Stmt::Nonlocal(n) => {
                for name in &n.names {
                    let cur = self.lookup(name);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{name}' is parameter and nonlocal")
                        } else if cur & USE != 0 {
                            format!("name '{name}' is used prior to nonlocal declaration")
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{name}' can't be nonlocal")
                        } else {
                            format!("name '{name}' is assigned to before nonlocal declaration")
                        };
                        return Err(err(msg, n.range));
                    }
                    self.add_def(name, DEF_NONLOCAL, n.range)?;
                    let m = self.mangled(name);
                    self.cur().directives.entry(m).or_insert(n.range);
                }
            }
            Stmt::Expr(e) => self.visit_expr(&e.value)?,
            Stmt::Match(m) => {
                self.visit_expr(&m.subject)?;
                for case in &m.cases {
                    self.visit_pattern(&case.pattern)?;
                    if let Some(g) = &case.guard {
                        self.visit_expr(g)?;
                    }
                    self.visit_body(&case.body)?;
                }
            }
            // Compiled as "unsupported" errors; nothing to record.
            Stmt::TypeAlias(_) | Stmt::IpyEscapeCommand(_) => {}
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
        }
        Ok(())
    }

    fn visit_alias(&mut self, alias: &ast::Alias) -> Result<(), SymError> {
        let name = alias.name.as_str();
        if name == "*" {
            if self.cur_kind() != ScopeKind::Module {
                return Err(err("import * only allowed at module level", alias.range));
            }
            return Ok(());
        }
        let store = match &alias.asname {
            Some(a) => a.as_str(),
            None => name.split('.').next().unwrap_or(name),
        };
        self.add_def(store, DEF_IMPORT, alias.range)
    }

    /// Defaults and annotations are evaluated in the enclosing scope.
    fn visit_defaults(&mut self, params: &ast::Parameters) -> Result<(), SymError> {
        let all = params
            .posonlyargs
            .iter()
            .chain(&params.args)
            .map(|a| &a.parameter)
            .chain(params.vararg.as_deref())
            .chain(params.kwonlyargs.iter().map(|a| &a.parameter))
            .chain(params.kwarg.as_deref());
        for p in all {
            if let Some(a) = &p.annotation {
                self.visit_expr(a)?;
            }
        }
        for p in params.posonlyargs.iter().chain(&params.args) {
            if let Some(d) = &p.default {
                self.visit_expr(d)?;
            }
        }
        for p in &params.kwonlyargs {
            if let Some(d) = &p.default {
                self.visit_expr(d)?;
            }
        }
        Ok(())
    }

    fn visit_params(&mut self, params: &ast::Parameters) -> Result<(), SymError> {
        for p in params.posonlyargs.iter().chain(&params.args).chain(&params.kwonlyargs) {
            self.add_def(&p.parameter.name, DEF_PARAM, p.parameter.name.range)?;
        }
        if let Some(v) = &params.vararg {
            self.add_def(&v.name, DEF_PARAM, v.name.range)?;
        }
        if let Some(k) = &params.kwarg {
            self.add_def(&k.name, DEF_PARAM, k.name.range)?;
        }
        Ok(())
    }

    /// A `match` case's pattern: the names it captures are assigned, its values and classes
    /// are read.
    fn visit_pattern(&mut self, p: &ast::Pattern) -> Result<(), SymError> {
        use ast::Pattern as P;
        match p {
            P::MatchValue(v) => self.visit_expr(&v.value)?,
            P::MatchSingleton(_) => {}
            P::MatchSequence(s) => {
                for sub in &s.patterns {
                    self.visit_pattern(sub)?;
                }
            }
            P::MatchMapping(m) => {
                self.visit_exprs(&m.keys)?;
                for sub in &m.patterns {
                    self.visit_pattern(sub)?;
                }
                if let Some(n) = &m.rest {
                    self.add_def(n, DEF_LOCAL, n.range)?;
                }
            }
            P::MatchClass(c) => {
                self.visit_expr(&c.cls)?;
                for sub in &c.arguments.patterns {
                    self.visit_pattern(sub)?;
                }
                for k in &c.arguments.keywords {
                    self.visit_pattern(&k.pattern)?;
                }
            }
            P::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.add_def(n, DEF_LOCAL, n.range)?;
                }
            }
            P::MatchAs(a) => {
                if let Some(sub) = &a.pattern {
                    self.visit_pattern(sub)?;
                }
                if let Some(n) = &a.name {
                    self.add_def(n, DEF_LOCAL, n.range)?;
                }
            }
            P::MatchOr(o) => {
                for sub in &o.patterns {
                    self.visit_pattern(sub)?;
                }
            }
        }
        Ok(())
    }

    /// An assignment or `del` target.
    fn visit_target(&mut self, e: &Expr) -> Result<(), SymError> {
        match e {
            Expr::Name(n) => self.add_def(&n.id, DEF_LOCAL, n.range),
            Expr::Tuple(t) => {
                for x in &t.elts {
                    self.visit_target(x)?;
                }
                Ok(())
            }
            Expr::List(l) => {
                for x in &l.elts {
                    self.visit_target(x)?;
                }
                Ok(())
            }
            Expr::Starred(s) => self.visit_target(&s.value),
            _ => self.visit_expr(e),
        }
    }

    fn visit_exprs<'e>(&mut self, es: impl IntoIterator<Item = &'e Expr>) -> Result<(), SymError> {
        for e in es {
            self.visit_expr(e)?;
        }
        Ok(())
    }

    fn visit_fstring_elements(&mut self, elements: &ast::InterpolatedStringElements) -> Result<(), SymError> {
        for el in elements.iter() {
            if let ast::InterpolatedStringElement::Interpolation(i) = el {
                self.visit_expr(&i.expression)?;
                if let Some(spec) = &i.format_spec {
                    self.visit_fstring_elements(&spec.elements)?;
                }
            }
        }
        Ok(())
    }

    fn visit_expr(&mut self, e: &Expr) -> Result<(), SymError> {
        match e {
            Expr::BoolOp(b) => self.visit_exprs(&b.values)?,
            Expr::Named(n) => self.visit_named(n)?,
            Expr::BinOp(b) => {
                self.visit_expr(&b.left)?;
                self.visit_expr(&b.right)?;
            }
            Expr::UnaryOp(u) => self.visit_expr(&u.operand)?,
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.visit_defaults(p)?;
                }
                self.enter(ScopeKind::Lambda, l.range);
                if let Some(p) = &l.parameters {
                    self.visit_params(p)?;
                }
                self.visit_expr(&l.body)?;
                self.exit();
            }
            Expr::If(i) => {
                self.visit_expr(&i.test)?;
                self.visit_expr(&i.body)?;
                self.visit_expr(&i.orelse)?;
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    if let Some(k) = &item.key {
                        self.visit_expr(k)?;
                    }
                    self.visit_expr(&item.value)?;
                }
            }
            Expr::Set(s) => self.visit_exprs(&s.elts)?,
            Expr::ListComp(c) => self.visit_comprehension(e.range(), &c.generators, &c.elt, None, false)?,
            Expr::SetComp(c) => self.visit_comprehension(e.range(), &c.generators, &c.elt, None, false)?,
            Expr::Generator(c) => self.visit_comprehension(e.range(), &c.generators, &c.elt, None, true)?,
            Expr::DictComp(c) => self.visit_comprehension(e.range(), &c.generators, &c.key, Some(&c.value), false)?,
            Expr::Await(a) => {
                self.cur().awaits = true;
                self.visit_expr(&a.value)?
            }
            Expr::Yield(y) => {
                if let Some(v) = &y.value {
                    self.visit_expr(v)?;
                }
            }
            Expr::YieldFrom(y) => self.visit_expr(&y.value)?,
            Expr::Compare(c) => {
                self.visit_expr(&c.left)?;
                self.visit_exprs(c.comparators.iter())?;
            }
            Expr::Call(c) => {
                self.visit_expr(&c.func)?;
                self.visit_exprs(c.arguments.args.iter())?;
                for k in c.arguments.keywords.iter() {
                    self.visit_expr(&k.value)?;
                }
            }
            Expr::FString(f) => {
                for part in f.value.iter() {
                    if let ast::FStringPart::FString(fs) = part {
                        self.visit_fstring_elements(&fs.elements)?;
                    }
                }
            }
            Expr::TString(t) => {
                for ts in t.value.iter() {
                    self.visit_fstring_elements(&ts.elements)?;
                }
            }
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::IpyEscapeCommand(_) => {}
            Expr::Attribute(a) => self.visit_expr(&a.value)?,
            Expr::Subscript(s) => {
                self.visit_expr(&s.value)?;
                self.visit_expr(&s.slice)?;
            }
            Expr::Starred(s) => self.visit_expr(&s.value)?,
            Expr::Name(n) => {
                let flag = if n.ctx == ast::ExprContext::Load { USE } else { DEF_LOCAL };
                self.add_def(&n.id, flag, n.range)?;
                // Zero-argument super() needs the enclosing class's `__class__` cell.
                if n.ctx == ast::ExprContext::Load && self.cur_kind().is_function_like() && n.id.as_str() == "super" {
                    self.add_def("__class__", USE, n.range)?;
                }
            }
            Expr::List(l) => self.visit_exprs(&l.elts)?,
            Expr::Tuple(t) => self.visit_exprs(&t.elts)?,
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.visit_expr(part)?;
                }
            }
        }
        Ok(())
    }

    fn visit_named(&mut self, n: &ast::ExprNamed) -> Result<(), SymError> {
        if self.cur().comp_iter_expr > 0 {
            return Err(err("assignment expression cannot be used in a comprehension iterable expression", n.range));
        }
        if self.cur_kind() == ScopeKind::Comprehension {
            if let Expr::Name(target) = &*n.target {
                self.extend_namedexpr_scope(target)?;
            }
        }
        self.visit_expr(&n.value)?;
        self.visit_target(&n.target)
    }

    /// A walrus inside a comprehension binds in the nearest enclosing function (or module).
    fn extend_namedexpr_scope(&mut self, target: &ast::ExprName) -> Result<(), SymError> {
        let name = target.id.as_str();
        for depth in (0..self.stack.len()).rev() {
            let id = self.stack[depth];
            let mangled = self.mangled(name);
            let ste = &self.scopes[id];
            match ste.kind {
                ScopeKind::Comprehension => {
                    if ste.flags_of(&mangled) & DEF_COMP_ITER != 0 {
                        return Err(err(
                            format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                            target.range,
                        ));
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda => {
                    let flag = if ste.flags_of(&mangled) & DEF_GLOBAL != 0 { DEF_GLOBAL } else { DEF_NONLOCAL };
                    self.add_def(name, flag, target.range)?;
                    self.cur().directives.entry(mangled).or_insert(target.range);
                    return self.add_def_in(id, name, DEF_LOCAL, target.range);
                }
                ScopeKind::Module => {
                    self.add_def(name, DEF_GLOBAL, target.range)?;
                    self.cur().directives.entry(mangled).or_insert(target.range);
                    return self.add_def_in(id, name, DEF_GLOBAL, target.range);
                }
                ScopeKind::Class => {
                    return Err(err(
                        "assignment expression within a comprehension cannot be used in a class body",
                        target.range,
                    ));
                }
            }
        }
        Ok(())
    }

    fn visit_comprehension(
        &mut self,
        range: TextRange,
        generators: &[ast::Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
        is_gen: bool,
    ) -> Result<(), SymError> {
        let Some(first) = generators.first() else {
            return self.visit_expr(elt);
        };
        // The outermost iterable is evaluated in the enclosing scope.
        self.visit_comp_iter(&first.iter)?;
        self.enter(ScopeKind::Comprehension, range);
        if generators.iter().any(|g| g.is_async) {
            self.cur().awaits = true;
        }
        // It arrives as the implicit parameter `.0`.
        self.add_def(".0", DEF_PARAM, range)?;
        self.visit_comp_target(&first.target)?;
        self.visit_exprs(&first.ifs)?;
        for g in &generators[1..] {
            self.visit_comp_target(&g.target)?;
            self.visit_comp_iter(&g.iter)?;
            self.visit_exprs(&g.ifs)?;
        }
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        self.visit_expr(elt)?;
        // An asynchronous generator expression is not awaited where it is built.
        let awaits = self.cur().awaits && !is_gen;
        self.exit();
        if awaits {
            self.cur().awaits = true;
        }
        Ok(())
    }

    /// A comprehension's iterable (walrus is forbidden there). The flag is restored on the
    /// scope it was set on, even when an error leaves nested scopes open.
    fn visit_comp_iter(&mut self, iter: &Expr) -> Result<(), SymError> {
        let id = *self.stack.last().expect("scope stack never empty");
        self.scopes[id].comp_iter_expr += 1;
        let r = self.visit_expr(iter);
        self.scopes[id].comp_iter_expr -= 1;
        r
    }

    fn visit_comp_target(&mut self, target: &Expr) -> Result<(), SymError> {
        let id = *self.stack.last().expect("scope stack never empty");
        self.scopes[id].comp_iter_target = true;
        let r = self.visit_target(target);
        self.scopes[id].comp_iter_target = false;
        r
    }
}

// ---------------------------------------------------------------------------------------
// Pass 2: resolve every name (CPython's analyze_block / analyze_name / update_symbols).
// ---------------------------------------------------------------------------------------

type Names = BTreeSet<String>;

/// `bound`: names bound in enclosing function scopes (None at module level); `global`:
/// names known to be global; `free` collects this block's free names for its parent.
fn analyze_block(
    scopes: &mut Vec<Scope>,
    id: usize,
    bound: Option<&mut Names>,
    global: &mut Names,
    free: &mut Names,
) -> Result<(), SymError> {
    let kind = scopes[id].kind;
    let mut local = Names::new();
    let mut newglobal = Names::new();
    let mut newfree = Names::new();
    let mut newbound = Names::new();
    let mut bound = bound;

    if kind == ScopeKind::Class {
        // The class namespace is not visible to nested scopes: pass the outer sets through.
        newglobal.extend(global.iter().cloned());
        if let Some(b) = bound.as_deref() {
            newbound.extend(b.iter().cloned());
        }
    }

    let names: Vec<(String, u32)> = scopes[id].symbols.iter().map(|(n, s)| (n.clone(), s.flags)).collect();
    for (name, flags) in names {
        let scope = analyze_name(&mut scopes[id], &name, flags, bound.as_deref_mut(), &mut local, free, global)?;
        if let Some(sym) = scopes[id].symbols.get_mut(&name) {
            sym.scope = scope;
        }
    }

    if kind != ScopeKind::Class {
        if kind.is_function_like() {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = bound.as_deref() {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert("__class__".to_string());
    }

    let mut allfree = Names::new();
    let children = scopes[id].children.clone();
    for child in children {
        let mut child_bound = newbound.clone();
        let mut child_global = newglobal.clone();
        let mut child_free = Names::new();
        analyze_block(scopes, child, Some(&mut child_bound), &mut child_global, &mut child_free)?;
        allfree.extend(child_free);
    }
    newfree.extend(allfree);

    if kind.is_function_like() {
        // Locals used by nested scopes become cells.
        let ste = &mut scopes[id];
        for (name, sym) in ste.symbols.iter_mut() {
            if sym.scope == NameScope::Local && newfree.remove(name) {
                sym.scope = NameScope::Cell;
            }
        }
    } else if kind == ScopeKind::Class && newfree.remove("__class__") {
        scopes[id].needs_class_closure = true;
    }

    // Record free names of children not otherwise known here (update_symbols).
    let is_class = kind == ScopeKind::Class;
    let ste = &mut scopes[id];
    for name in &newfree {
        if let Some(sym) = ste.symbols.get_mut(name) {
            if is_class && sym.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                sym.flags |= DEF_FREE_CLASS;
            }
            continue;
        }
        if let Some(b) = bound.as_deref() {
            if !b.contains(name) {
                continue; // a global
            }
        } else {
            continue;
        }
        ste.symbols.insert(name.clone(), Symbol { flags: 0, scope: NameScope::Free });
    }
    // Free names that are globals here stop propagating; the rest go up.
    for name in newfree {
        let propagate = match ste.symbols.get(&name) {
            Some(sym) => sym.scope == NameScope::Free || sym.flags & DEF_FREE_CLASS != 0,
            None => false,
        };
        if propagate {
            free.insert(name);
        }
    }
    Ok(())
}

fn analyze_name(
    ste: &mut Scope,
    name: &str,
    flags: u32,
    bound: Option<&mut Names>,
    local: &mut Names,
    free: &mut Names,
    global: &mut Names,
) -> Result<NameScope, SymError> {
    let directive = |ste: &Scope| ste.directives.get(name).copied().unwrap_or_default();
    if flags & DEF_GLOBAL != 0 {
        if flags & DEF_NONLOCAL != 0 {
            return Err(err(format!("name '{name}' is nonlocal and global"), directive(ste)));
        }
        global.insert(name.to_string());
        if let Some(b) = bound {
            b.remove(name);
        }
        return Ok(NameScope::GlobalExplicit);
    }
    if flags & DEF_NONLOCAL != 0 {
        let Some(b) = bound else {
            return Err(err("nonlocal declaration not allowed at module level", directive(ste)));
        };
        if !b.contains(name) {
            return Err(err(format!("no binding for nonlocal '{name}' found"), directive(ste)));
        }
        free.insert(name.to_string());
        return Ok(NameScope::Free);
    }
    if flags & DEF_BOUND != 0 {
        local.insert(name.to_string());
        global.remove(name);
        return Ok(NameScope::Local);
    }
    if let Some(b) = bound.as_deref() {
        if b.contains(name) {
            free.insert(name.to_string());
            return Ok(NameScope::Free);
        }
    }
    Ok(NameScope::GlobalImplicit)
}
