//! Exceptions: creating them from `raise` operands, matching `except` clauses, recording
//! traceback entries while unwinding, chaining (`__context__`, `__cause__`) and printing
//! them the way CPython 3.11 does. Invariant: `ExcData::traceback` is outermost first, the
//! order CPython prints, and each frame adds at most one entry per pass of the exception (a
//! prelude's frame adds one only at a line marked as CPython's, under CPython's file name).

use super::frame::Frame;
use super::value::{ClassKind, TracebackEntry, Value};
use super::{Flow, Interp};
use std::rc::Rc;

impl Interp {
    /// `raise X` / `raise X from Y`: X may be a class (instantiated with no arguments) or an
    /// instance.
    pub(super) fn make_exception(&mut self, e: Value, cause: Option<Value>) -> Result<Value, Flow> {
        let exc = self.exception_instance(e)?;
        if let Some(cause) = cause {
            let cause = if cause.is_none() {
                None
            } else {
                Some(
                    self.exception_instance(cause)
                        .map_err(|_| self.err("TypeError", "exception causes must derive from BaseException"))?,
                )
            };
            if let Value::Instance(i) = &exc {
                if let Some(d) = &i.exc {
                    let mut d = d.borrow_mut();
                    d.cause = cause;
                    d.suppress_context = true;
                }
            }
        }
        Ok(exc)
    }

    fn exception_instance(&mut self, e: Value) -> Result<Value, Flow> {
        match &e {
            Value::Class(c) if c.kind == ClassKind::Exception => {
                let v = self.call(&e, vec![])?;
                Ok(v)
            }
            Value::Instance(i) if i.exc.is_some() => Ok(e),
            _ => Err(self.err("TypeError", "exceptions must derive from BaseException")),
        }
    }

    pub(super) fn exception_matches(&mut self, exc: &Value, ty: &Value) -> Result<bool, Flow> {
        match ty {
            Value::Class(c) => {
                if c.kind != ClassKind::Exception {
                    return Err(
                        self.err("TypeError", "catching classes that do not inherit from BaseException is not allowed")
                    );
                }
                Ok(self.isinstance(exc, c))
            }
            Value::Tuple(items) => {
                for t in items.iter() {
                    if self.exception_matches(exc, t)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.err("TypeError", "catching classes that do not inherit from BaseException is not allowed")),
        }
    }

    /// Calls a function of the `_concsim_eg` prelude (exception groups), nested: the steps of
    /// `except*` that split and recombine groups.
    pub(super) fn eg_helper(&mut self, name: &str, args: Vec<Value>) -> Result<Value, Flow> {
        let m = self.import_nested("_concsim_eg")?;
        let f = self.get_attr(&m, name)?;
        self.call_nested(&f, args, Vec::new())
    }

    /// Adds `frame`'s current line to the front of the traceback. A prelude's frame
    /// (`<frozen threading>`) is shown only at a line marked with CPython's line number
    /// (`modules::CPYTHON_LINE_MARK`), as CPython's frame there: its stdlib file and line.
    /// Other prelude frames stay out, like CPython's frozen importlib frames.
    pub(super) fn add_traceback(&self, exc: &Value, frame: &Frame, _front: bool) {
        let Value::Instance(i) = exc else { return };
        let Some(d) = &i.exc else { return };
        let pc = frame.pc.saturating_sub(1);
        let pos = frame.code.positions.get(pc).copied().unwrap_or_default();
        let mut entry = TracebackEntry {
            filename: frame.code.filename.clone(),
            line: frame.code.line_at(pc),
            func: frame.code.name.clone(),
            end_line: pos.end_line,
            col: pos.col,
            end_col: pos.end_col,
        };
        if let Some(name) = entry.filename.strip_prefix("<frozen ").and_then(|n| n.strip_suffix('>')) {
            let Some(marks) = super::modules::cpython_lines(name) else { return };
            let Some((path, line)) = marks.cpython_line(entry.line) else { return };
            if entry.end_line >= entry.line {
                entry.end_line = entry.end_line - entry.line + line;
            }
            entry.line = line;
            entry.filename = path;
        }
        let mut d = d.borrow_mut();
        // The innermost frame (the first to record itself) is where CPython's NameError hint
        // looks for names.
        if d.traceback.is_empty() && Rc::ptr_eq(&i.class.borrow(), &self.types.exceptions["NameError"]) {
            d.scope = Some((frame.code.clone(), frame.globals.clone()));
        }
        d.traceback.insert(0, entry);
    }

    /// The source text a traceback shows for `filename`: the program's files, or the marked
    /// lines of a prelude's CPython file.
    pub(super) fn source_of(&self, filename: &str) -> Option<std::rc::Rc<str>> {
        self.sources.get(filename).cloned().or_else(|| super::modules::cpython_source(filename))
    }

    /// Implicit chaining: an exception raised while handling another records it.
    pub(super) fn set_context(&self, exc: &Value, handling: Option<&Value>) {
        let Some(ctx) = handling else { return };
        if ctx.is(exc) {
            return;
        }
        if let Value::Instance(i) = exc {
            if let Some(d) = &i.exc {
                let mut d = d.borrow_mut();
                if d.context.is_none() {
                    d.context = Some(ctx.clone());
                }
            }
        }
    }

    /// The text CPython prints for an uncaught exception, chained exceptions first, exception
    /// groups drawn in their boxes (`+-+---- 1 ----`) as CPython 3.11's `print_exception_group`.
    pub fn format_exception(&mut self, exc: &Value) -> String {
        let mut out = String::new();
        let mut ctx = PrintCtx::default();
        self.format_chain(exc, &mut out, &mut ctx, 0);
        out
    }

    /// The sub-exceptions of an exception group (`_concsim_eg`'s instances), None for others.
    fn group_members(&self, exc: &Value) -> Option<Vec<Value>> {
        let Value::Instance(i) = exc else { return None };
        let Some(Value::Module(m)) = self.modules.get("_concsim_eg") else { return None };
        let Some(Value::Class(base)) = m.get("BaseExceptionGroup") else { return None };
        if !i.class.borrow().is_subclass_of(&base) {
            return None;
        }
        match i.dict.borrow().get_str("_exceptions") {
            Some(Value::Tuple(t)) => Some(t.to_vec()),
            _ => None,
        }
    }

    fn format_chain(&mut self, exc: &Value, out: &mut String, ctx: &mut PrintCtx, depth: usize) {
        let Value::Instance(i) = exc else {
            ctx.emit(out, &format!("{exc:?}\n"), '|');
            return;
        };
        let Some(d) = &i.exc else { return };
        let data = d.borrow().clone();
        ctx.seen.push(exc.clone());
        let unseen = |v: &Value, ctx: &PrintCtx| !ctx.seen.iter().any(|s| s.is(v));
        if depth < 20 {
            if let Some(cause) = data.cause.as_ref().filter(|c| unseen(c, ctx)) {
                self.format_chain(cause, out, ctx, depth + 1);
                ctx.emit(out, "\nThe above exception was the direct cause of the following exception:\n\n", '|');
            } else if let (Some(c), false) = (data.context.as_ref().filter(|c| unseen(c, ctx)), data.suppress_context) {
                self.format_chain(c, out, ctx, depth + 1);
                ctx.emit(out, "\nDuring handling of the above exception, another exception occurred:\n\n", '|');
            }
        }
        let members = self.group_members(exc);
        if members.is_some() && ctx.group_depth > MAX_GROUP_DEPTH {
            ctx.emit(out, &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"), '|');
            return;
        }
        let toplevel = members.is_some() && ctx.group_depth == 0;
        if toplevel {
            ctx.group_depth += 1;
        }
        if !data.traceback.is_empty() {
            let header = if members.is_some() { "Exception Group Traceback" } else { "Traceback" };
            ctx.emit(out, &format!("{header} (most recent call last):\n"), if toplevel { '+' } else { '|' });
            for e in &data.traceback {
                let mut text = format!("  File \"{}\", line {}, in {}\n", e.filename, e.line, e.func);
                if let Some(src) = self.source_of(&e.filename) {
                    if let Some(line) = src.lines().nth((e.line as usize).wrapping_sub(1)) {
                        text.push_str(&super::carets::source_lines(line, e));
                    }
                }
                ctx.emit(out, &text, '|');
            }
        }
        let mut last = self.exception_last_line(exc);
        if let Some(hint) = self.suggestion_for(exc) {
            last.push_str(&format!(". Did you mean: '{hint}'?"));
        }
        ctx.emit(out, &format!("{last}\n"), '|');
        let Some(members) = members else { return };
        let n = members.len().min(MAX_GROUP_WIDTH + 1);
        ctx.need_close = false;
        for (k, member) in members.iter().take(n).enumerate() {
            let last_one = k + 1 == n;
            if last_one {
                ctx.need_close = true;
            }
            let truncated = k >= MAX_GROUP_WIDTH;
            let title = if truncated { "...".to_string() } else { (k + 1).to_string() };
            let lead = if k == 0 { "+-" } else { "  " };
            out.push_str(&format!("{}{lead}+---------------- {title} ----------------\n", ctx.indent()));
            ctx.group_depth += 1;
            if truncated {
                let more = members.len() - MAX_GROUP_WIDTH;
                ctx.emit(out, &format!("and {more} more exception{}\n", if more > 1 { "s" } else { "" }), '|');
            } else {
                self.format_chain(member, out, ctx, depth + 1);
            }
            if last_one && ctx.need_close {
                out.push_str(&format!("{}+------------------------------------\n", ctx.indent()));
                ctx.need_close = false;
            }
            ctx.group_depth -= 1;
        }
        if toplevel {
            ctx.group_depth = 0;
        }
    }

    /// `ValueError: message`, `KeyError: 'k'`, or just the type name when str(exc) is empty.
    pub fn exception_last_line(&mut self, exc: &Value) -> String {
        let cls = self.class_of(exc);
        let name = if &*cls.module == "builtins" || &*cls.module == "__main__" {
            cls.qualname.to_string()
        } else {
            format!("{}.{}", cls.module, cls.qualname)
        };
        let msg = match self.str_of(exc) {
            Ok(s) => s.to_string(),
            Err(_) => "<exception str() failed>".to_string(),
        };
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }
}

/// CPython's limits on printing nested exception groups.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

/// Where the printing of an exception (group) stands: how deep in groups (each level indents
/// by two and draws a margin), whether the current group's closing line is still owed, and the
/// exceptions already printed (a cycle of contexts is printed once).
#[derive(Default)]
struct PrintCtx {
    group_depth: usize,
    need_close: bool,
    seen: Vec<Value>,
}

impl PrintCtx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.group_depth)
    }

    /// Appends `text`, each of its lines behind the margin of the current depth.
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        if self.group_depth == 0 {
            out.push_str(text);
            return;
        }
        let prefix = format!("{}{margin} ", self.indent());
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

impl Interp {
    /// What an uncaught exception in a main thread makes of the process, as CPython: the
    /// exit code, and the text it prints to stderr (a traceback, or `SystemExit`'s message).
    pub fn exit_status_of(&mut self, exc: &Value) -> (i32, Option<String>) {
        let system_exit = self.types.exceptions["SystemExit"].clone();
        if self.isinstance(exc, &system_exit) {
            let code = match self.get_attr(exc, "args") {
                Ok(Value::Tuple(t)) => t.first().cloned().unwrap_or(Value::None),
                _ => Value::None,
            };
            return match code {
                Value::None => (0, None),
                Value::Int(i) => (i as i32, None),
                Value::Bool(b) => (b as i32, None),
                other => {
                    let s = self.str_of(&other).map(|s| s.to_string()).unwrap_or_default();
                    (1, Some(format!("{s}\n")))
                }
            };
        }
        // CPython re-raises an uncaught KeyboardInterrupt's SIGINT: the process dies by it.
        let interrupt = self.types.exceptions.get("KeyboardInterrupt").cloned();
        if interrupt.is_some_and(|k| self.isinstance(exc, &k)) {
            return (-2, Some(self.format_exception(exc)));
        }
        (1, Some(self.format_exception(exc)))
    }
}

fn exc_data(v: &Value) -> Option<&std::cell::RefCell<super::value::ExcData>> {
    match v {
        Value::Instance(i) => i.exc.as_ref(),
        _ => None,
    }
}

/// `_concsim.exc_copy_meta(src, dst)`: what a derived exception group takes from the group it
/// was split from (CPython's split copies `__traceback__`, `__cause__`, `__context__`).
pub fn exc_copy_meta(it: &mut Interp, args: &[Value], _kw: &super::Kwargs) -> Result<Value, Flow> {
    let (Some(src), Some(dst)) = (args.first().and_then(exc_data), args.get(1).and_then(exc_data)) else {
        return Err(it.err("TypeError", "exc_copy_meta() expects two exceptions"));
    };
    let s = src.borrow().clone();
    let mut d = dst.borrow_mut();
    d.traceback = s.traceback;
    d.cause = s.cause;
    d.context = s.context;
    d.suppress_context = s.suppress_context;
    Ok(Value::None)
}

/// `_concsim.exc_same_meta(a, b)`: whether `a` carries `b`'s traceback, cause, context and notes
/// (CPython's test for "this part of an `except*`'s exception was re-raised, not raised anew").
pub fn exc_same_meta(it: &mut Interp, args: &[Value], _kw: &super::Kwargs) -> Result<Value, Flow> {
    let (Some(a), Some(b)) = (args.first().and_then(exc_data), args.get(1).and_then(exc_data)) else {
        return Err(it.err("TypeError", "exc_same_meta() expects two exceptions"));
    };
    let same = |x: &Option<Value>, y: &Option<Value>| match (x, y) {
        (None, None) => true,
        (Some(x), Some(y)) => x.is(y),
        _ => false,
    };
    let notes = |v: &Value| match v {
        Value::Instance(i) => i.dict.borrow().get_str("__notes__"),
        _ => None,
    };
    let (a, b) = (a.borrow(), b.borrow());
    let meta = a.traceback == b.traceback && same(&a.cause, &b.cause) && same(&a.context, &b.context);
    Ok(Value::Bool(meta && same(&notes(&args[0]), &notes(&args[1]))))
}
