//! Code generation for `match` statements (PEP 634), in CPython's design: the subject stays
//! on the stack while the cases are tried in order; a pattern consumes the copy on top of the
//! stack and either falls through (matched) or jumps to a failure label that first pops what
//! it left on the stack. The structural checks that need the object model (is it a sequence,
//! a mapping, an instance with `__match_args__`) are the VM's hidden helpers `.match_seq`,
//! `.match_map` and `.match_class` (`vm::modules::matching`), loaded with `LoadBuiltin`; their
//! names cannot be written in Python, so no program sees them.
//!
//! Invariant: at a failure jump the stack holds exactly `depth` items above the case's base,
//! and `fail[depth]` pops exactly those before reaching the next case.

use super::*;
use ast::Pattern;

/// Failure labels of one case (or one alternative of an or-pattern): `labels[k]` pops `k`
/// items, then goes on to `labels[0]`'s target.
struct Fail {
    labels: Vec<Label>,
}

impl<'a> Compiler<'a> {
    pub(super) fn compile_match(&mut self, m: &'a ast::StmtMatch) -> CResult<()> {
        let end = self.new_label();
        self.compile_expr(&m.subject)?;
        let n = m.cases.len();
        for (i, case) in m.cases.iter().enumerate() {
            let last = i + 1 == n;
            if !last && case.guard.is_none() {
                if let Some(msg) = irrefutable(&case.pattern) {
                    return Err(self.error(case.pattern.range(), msg));
                }
            }
            self.check_names(&case.pattern)?;
            let saved = self.set_pos(case.pattern.range());
            if !last {
                self.emit(Instr::DupTop);
            }
            let mut fail = Fail { labels: vec![self.new_label()] };
            self.pattern(&case.pattern, &mut fail, 1)?;
            if let Some(g) = &case.guard {
                let l0 = fail.labels[0];
                self.jump_if(g, false, l0)?;
            }
            if !last {
                self.emit(Instr::PopTop);
            }
            self.restore_pos(saved);
            self.compile_body(&case.body)?;
            self.emit_jump(Instr::Jump, end);
            self.emit_fail_pops(&fail);
        }
        self.bind(end);
        Ok(())
    }

    /// CPython's compile-time checks of the names a pattern binds: each once, and the same
    /// ones in every alternative of an or-pattern.
    fn check_names(&self, p: &'a Pattern) -> CResult<()> {
        let mut names = Vec::new();
        self.pattern_names(p, &mut names)?;
        for (i, (n, r)) in names.iter().enumerate() {
            if names[..i].iter().any(|(o, _)| o == n) {
                return Err(self.error(*r, format!("multiple assignments to name '{n}' in pattern")));
            }
        }
        Ok(())
    }

    fn pattern_names(&self, p: &'a Pattern, out: &mut Vec<(&'a str, TextRange)>) -> CResult<()> {
        match p {
            Pattern::MatchValue(_) | Pattern::MatchSingleton(_) => {}
            Pattern::MatchAs(a) => {
                if let Some(sub) = &a.pattern {
                    self.pattern_names(sub, out)?;
                }
                if let Some(n) = &a.name {
                    out.push((n.id.as_str(), n.range));
                }
            }
            Pattern::MatchStar(s) => {
                if let Some(n) = &s.name {
                    out.push((n.id.as_str(), n.range));
                }
            }
            Pattern::MatchOr(o) => {
                let mut first: Option<Vec<&str>> = None;
                for alt in &o.patterns {
                    let mut mine = Vec::new();
                    self.pattern_names(alt, &mut mine)?;
                    let mut set: Vec<&str> = mine.iter().map(|(n, _)| *n).collect();
                    set.sort_unstable();
                    match &first {
                        None => {
                            first = Some(set);
                            out.extend(mine);
                        }
                        Some(f) if *f != set => {
                            return Err(self.error(alt.range(), "alternative patterns bind different names"))
                        }
                        Some(_) => {}
                    }
                }
            }
            Pattern::MatchSequence(s) => {
                for sub in &s.patterns {
                    self.pattern_names(sub, out)?;
                }
            }
            Pattern::MatchMapping(m) => {
                for sub in &m.patterns {
                    self.pattern_names(sub, out)?;
                }
                if let Some(n) = &m.rest {
                    out.push((n.id.as_str(), n.range));
                }
            }
            Pattern::MatchClass(c) => {
                for sub in c.arguments.patterns.iter().chain(c.arguments.keywords.iter().map(|k| &k.pattern)) {
                    self.pattern_names(sub, out)?;
                }
            }
        }
        Ok(())
    }

    /// The labels that pop what a failed pattern left, deepest first, falling through to
    /// the code after them.
    fn emit_fail_pops(&mut self, fail: &Fail) {
        for k in (1..fail.labels.len()).rev() {
            self.bind(fail.labels[k]);
            self.emit(Instr::PopTop);
        }
        self.bind(fail.labels[0]);
    }

    fn fail_label(&mut self, fail: &mut Fail, depth: usize) -> Label {
        while fail.labels.len() <= depth {
            let l = self.new_label();
            fail.labels.push(l);
        }
        fail.labels[depth]
    }

    /// Matches the subject on top of the stack (`depth` items above the base, the subject
    /// included) against `p`, consuming it.
    fn pattern(&mut self, p: &'a Pattern, fail: &mut Fail, depth: usize) -> CResult<()> {
        match p {
            Pattern::MatchValue(v) => {
                self.compile_expr(&v.value)?;
                self.emit(Instr::Compare(CmpOp::Eq));
                let l = self.fail_label(fail, depth - 1);
                self.emit_jump(Instr::PopJumpIfFalse, l);
            }
            Pattern::MatchSingleton(s) => {
                self.load_const(match s.value {
                    ast::Singleton::None => Value::None,
                    ast::Singleton::True => Value::Bool(true),
                    ast::Singleton::False => Value::Bool(false),
                });
                self.emit(Instr::Compare(CmpOp::Is));
                let l = self.fail_label(fail, depth - 1);
                self.emit_jump(Instr::PopJumpIfFalse, l);
            }
            Pattern::MatchAs(a) => match (&a.pattern, &a.name) {
                (None, None) => self.emit(Instr::PopTop),
                (None, Some(n)) => self.name_op(n, Ctx::Store, n.range)?,
                (Some(sub), name) => {
                    self.emit(Instr::DupTop);
                    self.pattern(sub, fail, depth + 1)?;
                    match name {
                        Some(n) => self.name_op(n, Ctx::Store, n.range)?,
                        None => self.emit(Instr::PopTop),
                    }
                }
            },
            Pattern::MatchStar(s) => return Err(self.error(s.range, "can't use starred name here")),
            Pattern::MatchOr(o) => {
                let ok = self.new_label();
                let n = o.patterns.len();
                for (i, alt) in o.patterns.iter().enumerate() {
                    if i + 1 == n {
                        self.pattern(alt, fail, depth)?;
                        break;
                    }
                    if let Some(msg) = irrefutable(alt) {
                        return Err(self.error(alt.range(), msg));
                    }
                    // Each alternative but the last works on a copy; a failed one pops back
                    // to the subject and tries the next.
                    self.emit(Instr::DupTop);
                    let mut alt_fail = Fail { labels: vec![self.new_label()] };
                    self.pattern(alt, &mut alt_fail, 1)?;
                    self.emit(Instr::PopTop);
                    self.emit_jump(Instr::Jump, ok);
                    self.emit_fail_pops(&alt_fail);
                }
                self.bind(ok);
            }
            Pattern::MatchSequence(s) => {
                let stars: Vec<usize> =
                    s.patterns.iter().enumerate().filter(|(_, p)| p.is_match_star()).map(|(i, _)| i).collect();
                if stars.len() > 1 {
                    return Err(self.error(s.range, "multiple starred names in sequence pattern"));
                }
                let n = s.patterns.len();
                let (before, after) = match stars.first() {
                    Some(&i) => (i as i64, (n - i - 1) as i64),
                    None => (n as i64, -1),
                };
                self.helper(".match_seq");
                self.load_const(Value::Int(before));
                self.load_const(Value::Int(after));
                self.emit(Instr::Call(3));
                self.unpack_helper_result(fail, depth, n as u32);
                let mut d = depth - 1 + n;
                for sub in &s.patterns {
                    match sub {
                        Pattern::MatchStar(st) => match &st.name {
                            Some(name) => self.name_op(name, Ctx::Store, name.range)?,
                            None => self.emit(Instr::PopTop),
                        },
                        _ => self.pattern(sub, fail, d)?,
                    }
                    d -= 1;
                }
            }
            Pattern::MatchMapping(mp) => {
                self.helper(".match_map");
                for k in &mp.keys {
                    self.compile_expr(k)?;
                }
                self.emit(Instr::BuildTuple(mp.keys.len() as u32));
                self.load_const(Value::Bool(mp.rest.is_some()));
                self.emit(Instr::Call(3));
                let n = mp.patterns.len() + usize::from(mp.rest.is_some());
                self.unpack_helper_result(fail, depth, n as u32);
                let mut d = depth - 1 + n;
                for sub in &mp.patterns {
                    self.pattern(sub, fail, d)?;
                    d -= 1;
                }
                if let Some(rest) = &mp.rest {
                    self.name_op(rest, Ctx::Store, rest.range)?;
                }
            }
            Pattern::MatchClass(c) => {
                let kws = &c.arguments.keywords;
                for (i, k) in kws.iter().enumerate() {
                    if kws[..i].iter().any(|o| o.attr.id == k.attr.id) {
                        return Err(self
                            .error(k.attr.range, format!("attribute name repeated in class pattern: {}", k.attr.id)));
                    }
                }
                self.helper(".match_class");
                self.compile_expr(&c.cls)?;
                self.load_const(Value::Int(c.arguments.patterns.len() as i64));
                let names = kws.iter().map(|k| Value::str(k.attr.id.as_str())).collect();
                self.load_const(Value::tuple(names));
                self.emit(Instr::Call(4));
                let n = c.arguments.patterns.len() + kws.len();
                self.unpack_helper_result(fail, depth, n as u32);
                let mut d = depth - 1 + n;
                for sub in c.arguments.patterns.iter().chain(kws.iter().map(|k| &k.pattern)) {
                    self.pattern(sub, fail, d)?;
                    d -= 1;
                }
            }
        }
        Ok(())
    }

    /// Puts the helper under the subject on top of the stack, ready to be called with it.
    fn helper(&mut self, name: &str) {
        let idx = self.name_idx(name);
        self.emit(Instr::LoadBuiltin(idx));
        self.emit(Instr::RotTwo);
    }

    /// A helper's answer replaced the subject: None fails; a tuple is spread on the stack,
    /// its first item on top.
    fn unpack_helper_result(&mut self, fail: &mut Fail, depth: usize, n: u32) {
        self.emit(Instr::DupTop);
        self.load_const(Value::None);
        self.emit(Instr::Compare(CmpOp::Is));
        let l = self.fail_label(fail, depth);
        self.emit_jump(Instr::PopJumpIfTrue, l);
        self.emit(Instr::UnpackSequence(n));
    }
}

/// CPython's message when an irrefutable pattern hides the cases after it.
fn irrefutable(p: &Pattern) -> Option<String> {
    match p {
        Pattern::MatchAs(a) if a.pattern.is_none() => Some(match &a.name {
            Some(n) => format!("name capture '{}' makes remaining patterns unreachable", n.id),
            None => "wildcard makes remaining patterns unreachable".to_string(),
        }),
        Pattern::MatchAs(a) => a.pattern.as_deref().and_then(irrefutable),
        Pattern::MatchOr(o) => o.patterns.iter().find_map(irrefutable),
        _ => None,
    }
}
