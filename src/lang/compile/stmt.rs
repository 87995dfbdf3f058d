//! Code generation for statements: definitions, assignments, control flow, `try`/`with`
//! unwinding (CPython 3.9's `compiler_unwind_fblock`), imports.

use super::*;

impl<'a> Compiler<'a> {
    // ----- statements --------------------------------------------------------------------

    pub(super) fn compile_stmt(&mut self, s: &'a Stmt) -> CResult<()> {
        self.enter_depth(s.range())?;
        let saved = self.set_pos(s.range());
        let r = self.compile_stmt_inner(s);
        self.restore_pos(saved);
        self.depth -= 1;
        r
    }

    pub(super) fn compile_stmt_inner(&mut self, s: &'a Stmt) -> CResult<()> {
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
                if w.is_async && self.unit_ref().flags & CO_COROUTINE == 0 {
                    return Err(self.error(w.range, "'async with' outside async function"));
                }
                self.compile_with(w, 0)
            }
            Stmt::Match(m) => self.compile_match(m),
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
                if t.finalbody.is_empty() && t.is_star {
                    self.compile_try_star(t)
                } else if t.finalbody.is_empty() {
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

    pub(super) fn compile_funcdef(&mut self, f: &'a ast::StmtFunctionDef) -> CResult<()> {
        if let Some(tp) = &f.type_params {
            return Err(self.unsupported(tp.range, "type parameters"));
        }
        for d in &f.decorator_list {
            self.compile_expr(&d.expression)?;
        }
        let flags =
            self.compile_defaults(&f.parameters)? | self.compile_annotations(&f.parameters, f.returns.as_deref())?;
        let scope = self
            .st
            .lookup(f.range, ScopeKind::Function)
            .ok_or_else(|| self.internal(f.range, "function scope missing"))?;
        self.enter_unit(scope, CodeKind::Function, &f.name, f.range);
        if f.is_async {
            self.unit().flags |= CO_COROUTINE;
        }
        self.set_signature(&f.parameters);
        let doc = docstring(&f.body);
        self.unit().doc = doc.map(Rc::from);
        let body: &'a [Stmt] = if doc.is_some() { &f.body[1..] } else { &f.body };
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

    pub(super) fn set_signature(&mut self, p: &ast::Parameters) {
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
    pub(super) fn compile_defaults(&mut self, p: &'a ast::Parameters) -> CResult<u32> {
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

    /// Pushes the `__annotations__` dict of a `def` (parameters in order, then `return`),
    /// when it has any; returns MakeFunction's flag 4 then.
    pub(super) fn compile_annotations(&mut self, p: &'a ast::Parameters, returns: Option<&'a Expr>) -> CResult<u32> {
        let params = p
            .posonlyargs
            .iter()
            .chain(&p.args)
            .map(|a| &a.parameter)
            .chain(p.vararg.as_deref())
            .chain(p.kwonlyargs.iter().map(|a| &a.parameter))
            .chain(p.kwarg.as_deref());
        let mut items: Vec<(&'a str, &'a Expr)> =
            params.filter_map(|a| a.annotation.as_deref().map(|e| (a.name.as_str(), e))).collect();
        if let Some(r) = returns {
            items.push(("return", r));
        }
        if items.is_empty() {
            return Ok(0);
        }
        for (name, e) in &items {
            let m = mangle(self.unit_ref().private.as_deref(), name).into_owned();
            self.load_const(Value::Str(Rc::from(m)));
            if self.future_annotations {
                let text = &self.source[e.range().start().to_usize()..e.range().end().to_usize()];
                self.load_const(Value::str(text));
            } else {
                self.compile_expr(e)?;
            }
        }
        self.emit(Instr::BuildMap(items.len() as u32));
        Ok(4)
    }

    /// Pushes the closure tuple (if the code has free variables) and the code, then
    /// `MakeFunction`.
    pub(super) fn make_closure(&mut self, code: Rc<Code>, mut flags: u32, range: TextRange) -> CResult<()> {
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

    pub(super) fn compile_classdef(&mut self, c: &'a ast::StmtClassDef) -> CResult<()> {
        if let Some(tp) = &c.type_params {
            return Err(self.unsupported(tp.range, "type parameters"));
        }
        if let Some(args) = &c.arguments {
            if let Some(k) = args.keywords.iter().find(|k| k.arg.is_none()) {
                return Err(self.unsupported(k.range, "'**' in class keyword arguments"));
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
        // A class body with annotations starts with `__annotations__ = {}` (CPython's
        // SETUP_ANNOTATIONS); each `name: T` then records T there (dataclasses read it).
        if c.body.iter().any(|st| matches!(st, Stmt::AnnAssign(a) if a.simple && a.target.is_name_expr())) {
            self.emit(Instr::BuildMap(0));
            self.name_op("__annotations__", Ctx::Store, c.range)?;
        }
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
            if !args.keywords.is_empty() {
                for k in args.keywords.iter() {
                    let name = k.arg.as_ref().map(|a| a.as_str()).unwrap_or("");
                    self.load_const(Value::Str(Rc::from(name)));
                    self.compile_expr(&k.value)?;
                }
                self.emit(Instr::BuildMap(args.keywords.len() as u32));
                nbases |= crate::lang::bytecode::CLASS_KEYWORDS;
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

    pub(super) fn compile_return(&mut self, r: &'a ast::StmtReturn) -> CResult<()> {
        let kind = self.unit_ref().kind;
        if !matches!(kind, CodeKind::Function | CodeKind::Lambda) {
            return Err(self.error(r.range, "'return' outside function"));
        }
        if r.value.is_some() {
            if self.unit_ref().flags & CO_ASYNC_GENERATOR != 0 {
                return Err(self.error(r.range, "'return' with value in async generator"));
            }
            if self.unit_ref().return_value.is_none() {
                self.unit().return_value = Some(r.range);
            }
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
        // CPython reports it where the return value is, when there is one.
        self.check_except_star(r.value.as_ref().map_or(r.range, |v| v.range()), false)?;
        self.unwind_fblock_stack(preserve, false)?;
        match &r.value {
            None => self.load_const(Value::None),
            Some(v) if !preserve => self.compile_expr(v)?,
            Some(_) => {}
        }
        self.emit(Instr::ReturnValue);
        Ok(())
    }

    pub(super) fn compile_break(&mut self, range: TextRange) -> CResult<()> {
        self.check_except_star(range, true)?;
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

    pub(super) fn compile_continue(&mut self, range: TextRange) -> CResult<()> {
        self.check_except_star(range, true)?;
        let Some(lp) = self.unwind_fblock_stack(false, true)? else {
            return Err(self.error(range, "'continue' not properly in loop"));
        };
        match lp {
            FBlock::WhileLoop { start, .. } | FBlock::ForLoop { start, .. } => self.emit_jump(Instr::Jump, start),
            _ => return Err(self.internal(range, "continue target")),
        }
        Ok(())
    }

    /// CPython's SyntaxError for a `break`, `continue` (`to_loop`: up to their loop) or
    /// `return` that would leave an `except*` clause.
    fn check_except_star(&self, range: TextRange, to_loop: bool) -> CResult<()> {
        for fb in self.unit_ref().fblocks.iter().rev() {
            match fb {
                FBlock::WhileLoop { .. } | FBlock::ForLoop { .. } if to_loop => return Ok(()),
                FBlock::ExceptStarHandler => {
                    return Err(self.error(range, "'break', 'continue' and 'return' cannot appear in an except* block"))
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Emits what leaving one block requires. With `preserve_tos`, a value (the return
    /// value) sits on top of the stack and must stay there.
    pub(super) fn unwind_fblock(&mut self, fb: FBlock<'a>, preserve_tos: bool) -> CResult<()> {
        match fb {
            FBlock::WhileLoop { .. } | FBlock::ExceptionHandler | FBlock::ExceptStarHandler => {}
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
            FBlock::With | FBlock::AsyncWith => {
                // [exit, (value)]: call exit(None, None, None) (awaited for `async with`) and
                // drop its result.
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.emit(Instr::RotTwo);
                }
                self.call_exit_with_nones();
                if matches!(fb, FBlock::AsyncWith) {
                    self.emit_await();
                }
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
    pub(super) fn unwind_fblock_stack(&mut self, preserve_tos: bool, to_loop: bool) -> CResult<Option<FBlock<'a>>> {
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

    pub(super) fn call_exit_with_nones(&mut self) {
        self.load_const(Value::None);
        self.load_const(Value::None);
        self.load_const(Value::None);
        self.emit(Instr::Call(3));
    }

    pub(super) fn clear_handler_name(&mut self, name: &str) -> CResult<()> {
        let r = TextRange::default();
        self.load_const(Value::None);
        self.name_op(name, Ctx::Store, r)?;
        self.name_op(name, Ctx::Del, r)
    }

    pub(super) fn compile_assign(&mut self, a: &'a ast::StmtAssign) -> CResult<()> {
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

    pub(super) fn compile_augassign(&mut self, a: &'a ast::StmtAugAssign) -> CResult<()> {
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

    pub(super) fn compile_annassign(&mut self, a: &'a ast::StmtAnnAssign) -> CResult<()> {
        if let (true, Expr::Name(n), CodeKind::Class) = (a.simple, &*a.target, self.unit_ref().kind) {
            // In a class body: store the value, then `__annotations__['name'] = T`.
            if let Some(v) = &a.value {
                self.compile_expr(v)?;
                self.compile_store(&a.target)?;
            }
            self.compile_expr(&a.annotation)?;
            self.name_op("__annotations__", Ctx::Load, n.range)?;
            self.load_const(Value::Str(Rc::from(n.id.as_str())));
            self.emit(Instr::StoreSubscr);
            return Ok(());
        }
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

    pub(super) fn compile_store(&mut self, t: &'a Expr) -> CResult<()> {
        let saved = self.set_pos(t.range());
        let r = self.compile_store_inner(t);
        self.restore_pos(saved);
        r
    }

    pub(super) fn compile_store_inner(&mut self, t: &'a Expr) -> CResult<()> {
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

    pub(super) fn unpack(&mut self, elts: &[Expr], range: TextRange) -> CResult<()> {
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

    pub(super) fn compile_delete(&mut self, t: &'a Expr) -> CResult<()> {
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

    pub(super) fn compile_if(&mut self, i: &'a ast::StmtIf) -> CResult<()> {
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

    pub(super) fn compile_while(&mut self, w: &'a ast::StmtWhile) -> CResult<()> {
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

    pub(super) fn compile_for(&mut self, f: &'a ast::StmtFor) -> CResult<()> {
        if f.is_async && self.unit_ref().flags & CO_COROUTINE == 0 {
            return Err(self.error(f.range, "'async for' outside async function"));
        }
        let start = self.new_label();
        let cleanup = self.new_label();
        let exit = self.new_label();
        self.compile_expr(&f.iter)?;
        self.emit(if f.is_async { Instr::GetAIter } else { Instr::GetIter });
        self.bind(start);
        if f.is_async {
            let saved = self.set_pos(f.iter.range());
            self.emit_anext(cleanup);
            self.restore_pos(saved);
        } else {
            self.emit_jump(Instr::ForIter, cleanup);
        }
        self.unit().fblocks.push(FBlock::ForLoop { start, exit });
        self.compile_store(&f.target)?;
        self.compile_body(&f.body)?;
        self.emit_jump(Instr::Jump, start);
        self.unit().fblocks.pop();
        self.bind(cleanup);
        if f.is_async {
            self.emit(Instr::EndAsyncFor);
        }
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
    pub(super) fn compile_with(&mut self, w: &'a ast::StmtWith, idx: usize) -> CResult<()> {
        let Some(item) = w.items.get(idx) else {
            return self.compile_body(&w.body);
        };
        let handler = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        let is_async = w.is_async;
        self.compile_expr(&item.context_expr)?;
        self.emit(Instr::DupTop);
        let exit_idx = self.name_idx(if is_async { "__aexit__" } else { "__exit__" });
        self.emit(Instr::LoadAttr(exit_idx));
        self.emit(Instr::RotTwo);
        let enter_idx = self.name_idx(if is_async { "__aenter__" } else { "__enter__" });
        self.emit(Instr::LoadMethod(enter_idx));
        self.emit(Instr::CallMethod(0));
        if is_async {
            self.emit_await();
        }
        match &item.optional_vars {
            Some(t) => self.compile_store(t)?,
            None => self.emit(Instr::PopTop),
        }
        self.emit_jump(Instr::SetupFinally, handler);
        self.unit().fblocks.push(if is_async { FBlock::AsyncWith } else { FBlock::With });
        self.compile_with(w, idx + 1)?;
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.call_exit_with_nones();
        if is_async {
            self.emit_await();
        }
        self.emit(Instr::PopTop);
        self.emit_jump(Instr::Jump, end);
        self.bind(handler);
        self.emit(Instr::WithExceptStart);
        if is_async {
            self.emit_await();
        }
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
    pub(super) fn compile_try_except(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
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

    /// `try`/`except*` (PEP 654), CPython 3.11's layout with its two steps as instructions:
    /// ```text
    ///   SetupFinally except
    ///   <body>; PopBlock; Jump orelse
    /// except:                                [prev, orig]
    ///   DupTop; BuildList 0; RotTwo          [prev, orig, raised, rest]
    ///   SetupFinally cleanup
    ///   per clause:
    ///     <type>; CheckEgMatch               [.., raised, rest, match]  (match handled now)
    ///     match is None -> PopTop, next clause
    ///     store name; SetupFinally herr; <handler>; PopBlock; clear name; next clause
    ///   herr:                                [.., raised, rest, match, exc]
    ///     clear name; ListAppend 3; PopExcept; next clause
    ///   ListAppend 1; PrepReraiseStar        [prev, result]
    ///   PopBlock; result is None -> PopTop; PopExcept; Jump end
    ///   Reraise                              (result, keeping its traceback)
    /// cleanup: Reraise
    /// orelse: <else>
    /// end:
    /// ```
    pub(super) fn compile_try_star(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        let except = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        self.emit_jump(Instr::SetupFinally, except);
        self.unit().fblocks.push(FBlock::TryExcept);
        self.compile_body(&t.body)?;
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.emit_jump(Instr::Jump, orelse);
        self.bind(except);
        self.unit().fblocks.push(FBlock::ExceptionHandler);
        self.emit(Instr::DupTop);
        self.emit(Instr::BuildList(0));
        self.emit(Instr::RotTwo);
        self.emit_jump(Instr::SetupFinally, cleanup);
        for h in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            let saved = self.set_pos(h.range);
            let next = self.new_label();
            let handle = self.new_label();
            let Some(ty) = &h.type_ else {
                return Err(self.error(h.range, "expected one or more exception types"));
            };
            if let Expr::Tuple(tu) = &**ty {
                if !tu.parenthesized {
                    return Err(self.error(tu.range, "multiple exception types must be parenthesized"));
                }
            }
            self.compile_expr(ty)?;
            self.emit(Instr::CheckEgMatch);
            self.emit(Instr::DupTop);
            self.load_const(Value::None);
            self.emit(Instr::Compare(CmpOp::Is));
            self.emit_jump(Instr::PopJumpIfFalse, handle);
            self.emit(Instr::PopTop);
            self.emit_jump(Instr::Jump, next);
            self.bind(handle);
            let herr = self.new_label();
            match &h.name {
                Some(name) => self.name_op(name, Ctx::Store, name.range)?,
                None => self.emit(Instr::PopTop),
            }
            self.emit_jump(Instr::SetupFinally, herr);
            self.unit().fblocks.push(FBlock::ExceptStarHandler);
            self.compile_body(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Instr::PopBlock);
            if let Some(name) = &h.name {
                self.clear_handler_name(name)?;
            }
            self.emit_jump(Instr::Jump, next);
            // An exception out of the handler: [.., raised, rest, match, exc] under an
            // except-handler block; it joins the raised list.
            self.bind(herr);
            if let Some(name) = &h.name {
                self.clear_handler_name(name)?;
            }
            self.emit(Instr::ListAppend(3));
            self.emit(Instr::PopExcept);
            self.restore_pos(saved);
            self.bind(next);
        }
        self.emit(Instr::ListAppend(1));
        self.emit(Instr::PrepReraiseStar);
        self.emit(Instr::PopBlock);
        let reraise = self.new_label();
        self.emit(Instr::DupTop);
        self.load_const(Value::None);
        self.emit(Instr::Compare(CmpOp::Is));
        self.emit_jump(Instr::PopJumpIfFalse, reraise);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.emit_jump(Instr::Jump, end);
        self.bind(reraise);
        self.emit(Instr::Reraise);
        self.bind(cleanup);
        self.emit(Instr::Reraise);
        self.unit().fblocks.pop();
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
    pub(super) fn compile_try_finally(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        let fin = self.new_label();
        let exit = self.new_label();
        self.emit_jump(Instr::SetupFinally, fin);
        self.unit().fblocks.push(FBlock::FinallyTry { body: &t.finalbody });
        if t.handlers.is_empty() {
            self.compile_body(&t.body)?;
            self.compile_body(&t.orelse)?;
        } else if t.is_star {
            self.compile_try_star(t)?;
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
    pub(super) fn compile_assert(&mut self, a: &'a ast::StmtAssert) -> CResult<()> {
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

    pub(super) fn compile_import(&mut self, i: &'a ast::StmtImport) -> CResult<()> {
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

    pub(super) fn compile_import_from(&mut self, i: &'a ast::StmtImportFrom) -> CResult<()> {
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
}
