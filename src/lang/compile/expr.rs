//! Code generation for expressions: operators, calls, displays, comprehensions and
//! generator expressions, `yield`, f-strings, constant folding of literals.

use super::*;

impl<'a> Compiler<'a> {
    // ----- expressions -------------------------------------------------------------------

    pub(super) fn compile_expr(&mut self, e: &'a Expr) -> CResult<()> {
        self.enter_depth(e.range())?;
        let saved = self.set_pos(e.range());
        let r = self.compile_expr_inner(e);
        self.restore_pos(saved);
        self.depth -= 1;
        r
    }

    /// Dispatch only: each construct compiles in its own function, so the frames on the
    /// recursive path stay small (deeply nested expressions must not exhaust the stack).
    pub(super) fn compile_expr_inner(&mut self, e: &'a Expr) -> CResult<()> {
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

    pub(super) fn compile_binop(&mut self, b: &'a ast::ExprBinOp) -> CResult<()> {
        self.compile_expr(&b.left)?;
        self.compile_expr(&b.right)?;
        self.emit(Instr::Binary(binop(b.op)));
        Ok(())
    }

    pub(super) fn compile_unary(&mut self, u: &'a ast::ExprUnaryOp) -> CResult<()> {
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

    pub(super) fn compile_attribute(&mut self, a: &'a ast::ExprAttribute) -> CResult<()> {
        self.compile_expr(&a.value)?;
        let idx = self.attr_idx(&a.attr);
        self.emit(Instr::LoadAttr(idx));
        Ok(())
    }

    pub(super) fn compile_subscript(&mut self, s: &'a ast::ExprSubscript) -> CResult<()> {
        self.compile_expr(&s.value)?;
        self.compile_expr(&s.slice)?;
        self.emit(Instr::BinarySubscr);
        Ok(())
    }

    pub(super) fn compile_boolop(&mut self, b: &'a ast::ExprBoolOp) -> CResult<()> {
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

    pub(super) fn compile_ifexp(&mut self, i: &'a ast::ExprIf) -> CResult<()> {
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

    pub(super) fn compile_tuple(&mut self, e: &'a Expr, elts: &'a [Expr]) -> CResult<()> {
        if let Some(v) = self.const_value(e)? {
            self.load_const(v);
            return Ok(());
        }
        self.starunpack(elts, Seq::Tuple)
    }

    pub(super) fn compile_expr_rest(&mut self, e: &'a Expr) -> CResult<()> {
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
            Expr::Await(a) => {
                if self.unit_ref().flags & CO_COROUTINE == 0 {
                    return Err(self.outside_or_unsupported(a.range, "await"));
                }
                self.compile_expr(&a.value)?;
                self.emit_await();
            }
            Expr::Yield(y) => {
                self.enter_generator(y.range, "yield")?;
                match &y.value {
                    Some(v) => self.compile_expr(v)?,
                    None => self.load_const(Value::None),
                }
                let is_async = self.unit_ref().flags & CO_ASYNC_GENERATOR != 0;
                self.emit(if is_async { Instr::YieldAsync } else { Instr::YieldValue });
            }
            Expr::YieldFrom(y) => {
                self.enter_generator(y.range, "yield from")?;
                self.compile_expr(&y.value)?;
                self.emit(Instr::GetIter);
                self.emit_yield_from();
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
            Expr::NumberLiteral(n) => {
                // Only complex literals get here (the others are constants): the builtin
                // `complex` (a prelude class) called with the two parts.
                let ast::Number::Complex { real, imag } = n.value else {
                    return Err(self.internal(n.range, "unexpected number"));
                };
                let idx = self.name_idx("complex");
                self.emit(Instr::LoadBuiltin(idx));
                self.load_const(Value::Float(real));
                self.load_const(Value::Float(imag));
                self.emit(Instr::Call(2));
            }
            Expr::IpyEscapeCommand(c) => return Err(self.error(c.range, "invalid syntax")),
            _ => return Err(self.internal(e.range(), "unexpected expression")),
        }
        Ok(())
    }

    /// A `yield` makes the function being compiled a generator; outside a function (or in
    /// a comprehension) it is CPython's SyntaxError.
    /// `await` of the value on top: `GetAwaitable`, then the `yield from` loop.
    pub(super) fn emit_await(&mut self) {
        self.emit(Instr::GetAwaitable);
        self.emit_yield_from();
    }

    /// `[iter] -> [result]`: delegates to the iterator until it returns.
    pub(super) fn emit_yield_from(&mut self) {
        self.load_const(Value::None);
        let again = self.new_label();
        let done = self.new_label();
        self.bind(again);
        self.emit_jump(Instr::YieldFrom, done);
        self.emit(Instr::YieldValue);
        self.emit_jump(Instr::Jump, again);
        self.bind(done);
    }

    pub(super) fn enter_generator(&mut self, range: TextRange, what: &str) -> CResult<()> {
        if self.unit_ref().flags & CO_COROUTINE != 0 && self.unit_ref().kind == CodeKind::Function {
            if what == "yield from" {
                return Err(self.error(range, "'yield from' inside async function"));
            }
            if let Some(r) = self.unit_ref().return_value {
                return Err(self.error(r, "'return' with value in async generator"));
            }
            self.unit().flags |= CO_ASYNC_GENERATOR;
            return Ok(());
        }
        match self.unit_ref().kind {
            CodeKind::Function | CodeKind::Lambda => {
                self.unit().flags |= CO_GENERATOR;
                Ok(())
            }
            _ => Err(self.outside_or_unsupported(range, what)),
        }
    }

    pub(super) fn outside_or_unsupported(&self, range: TextRange, what: &str) -> Box<CompileError> {
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
            _ if what == "await" => self.error(range, "'await' outside async function"),
            _ => self.unsupported(range, &format!("'{what}' (generators)")),
        }
    }

    /// `-<number literal>` folded to a constant.
    pub(super) fn negated_number(&self, operand: &Expr) -> CResult<Option<Value>> {
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
    pub(super) fn const_value(&self, e: &Expr) -> CResult<Option<Value>> {
        Ok(Some(match e {
            Expr::NoneLiteral(_) => Value::None,
            Expr::BooleanLiteral(b) => Value::Bool(b.value),
            Expr::EllipsisLiteral(_) => Value::Ellipsis,
            Expr::StringLiteral(s) => Value::Str(Rc::from(s.value.to_str())),
            Expr::BytesLiteral(b) => Value::Bytes(b.value.bytes().collect::<Vec<u8>>().into()),
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => int_value(i).ok_or_else(|| self.error(n.range, "invalid integer literal"))?,
                ast::Number::Float(f) => Value::Float(*f),
                // `complex(real, imag)` at run time (`compile_expr_rest`).
                ast::Number::Complex { .. } => return Ok(None),
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
    pub(super) fn jump_if(&mut self, e: &'a Expr, cond: bool, label: Label) -> CResult<()> {
        self.enter_depth(e.range())?;
        let saved = self.set_pos(e.range());
        let r = self.jump_if_inner(e, cond, label);
        self.restore_pos(saved);
        self.depth -= 1;
        r
    }

    pub(super) fn jump_if_inner(&mut self, e: &'a Expr, cond: bool, label: Label) -> CResult<()> {
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
    pub(super) fn compile_compare(&mut self, c: &'a ast::ExprCompare) -> CResult<()> {
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
    pub(super) fn starunpack(&mut self, elts: &'a [Expr], seq: Seq) -> CResult<()> {
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

    pub(super) fn star_list(&mut self, elts: &'a [Expr]) -> CResult<()> {
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
    pub(super) fn compile_dict(&mut self, d: &'a ast::ExprDict) -> CResult<()> {
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

    pub(super) fn compile_call(&mut self, c: &'a ast::ExprCall) -> CResult<()> {
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
    pub(super) fn call_helper(&mut self, args: &'a [Expr], keywords: &'a [ast::Keyword]) -> CResult<()> {
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
    pub(super) fn try_zero_arg_super(&mut self, c: &'a ast::ExprCall) -> CResult<bool> {
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

    pub(super) fn compile_lambda(&mut self, l: &'a ast::ExprLambda) -> CResult<()> {
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
    pub(super) fn compile_comprehension(
        &mut self,
        e: &'a Expr,
        kind: CompKind,
        generators: &'a [ast::Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> CResult<()> {
        let Some(first) = generators.first() else {
            return Err(self.internal(e.range(), "comprehension without generators"));
        };
        let scope = self
            .st
            .lookup(e.range(), ScopeKind::Comprehension)
            .ok_or_else(|| self.internal(e.range(), "comprehension scope missing"))?;
        // `async for` or `await` inside: a coroutine the enclosing code awaits, or for a
        // generator expression an async generator (built, not awaited).
        let is_async = self.st.scopes[scope].awaits;
        let outer_async = self.unit_ref().flags & CO_COROUTINE != 0;
        if is_async && kind != CompKind::Gen && !outer_async {
            return Err(self.error(e.range(), "asynchronous comprehension outside of an asynchronous function"));
        }
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
            CompKind::Gen if is_async => self.unit().flags |= CO_COROUTINE | CO_ASYNC_GENERATOR,
            CompKind::Gen => self.unit().flags |= CO_GENERATOR,
        }
        if is_async {
            self.unit().flags |= CO_COROUTINE;
        }
        self.comprehension_generator(generators, 0, 0, elt, value, kind)?;
        if kind == CompKind::Gen {
            self.load_const(Value::None);
        }
        self.emit(Instr::ReturnValue);
        let code = self.finish_unit()?;
        self.make_closure(code, 0, e.range())?;
        self.compile_expr(&first.iter)?;
        self.emit(if first.is_async { Instr::GetAIter } else { Instr::GetIter });
        self.emit(Instr::Call(1));
        if is_async && kind != CompKind::Gen {
            self.emit_await();
        }
        Ok(())
    }

    pub(super) fn comprehension_generator(
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
            self.emit(if g.is_async { Instr::GetAIter } else { Instr::GetIter });
        }
        let depth = depth + 1;
        self.bind(start);
        if g.is_async {
            self.emit_anext(anchor);
        } else {
            self.emit_jump(Instr::ForIter, anchor);
        }
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
                    let is_async = self.unit_ref().flags & CO_ASYNC_GENERATOR != 0;
                    self.emit(if is_async { Instr::YieldAsync } else { Instr::YieldValue });
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
        if g.is_async {
            self.emit(Instr::EndAsyncFor);
        }
        Ok(())
    }

    /// The head of an `async for` over the `aiter` on top: `[aiter] -> [aiter, item]`, or,
    /// once `__anext__()` raises StopAsyncIteration, to `handler` with `[aiter, prev_exc,
    /// exc]`, where the caller puts `EndAsyncFor`.
    pub(super) fn emit_anext(&mut self, handler: Label) {
        self.emit_jump(Instr::SetupFinally, handler);
        self.emit(Instr::GetANext);
        self.emit_yield_from();
        self.emit(Instr::PopBlock);
    }

    /// f-strings: literal parts as constants, each `{x!r:spec}` as `FormatValue`, joined by
    /// `BuildString n` (no BuildString for a single part).
    pub(super) fn compile_fstring(&mut self, f: &'a ast::ExprFString) -> CResult<()> {
        let mut pieces: Vec<Piece<'a>> = Vec::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => push_lit(&mut pieces, &s.value),
                ast::FStringPart::FString(fs) => self.collect_pieces(&fs.elements, &mut pieces),
            }
        }
        self.emit_pieces(&pieces)
    }

    pub(super) fn collect_pieces(&self, elements: &'a ast::InterpolatedStringElements, pieces: &mut Vec<Piece<'a>>) {
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

    pub(super) fn emit_pieces(&mut self, pieces: &[Piece<'a>]) -> CResult<()> {
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

    pub(super) fn compile_field(&mut self, i: &'a ast::InterpolatedElement) -> CResult<()> {
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
