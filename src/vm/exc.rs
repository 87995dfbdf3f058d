//! Exceptions: creating them from `raise` operands, matching `except` clauses, recording
//! traceback entries while unwinding, chaining (`__context__`, `__cause__`) and printing
//! them the way CPython 3.11 does. Invariant: `ExcData::traceback` is outermost first, the
//! order CPython prints, and each frame adds exactly one entry per pass of the exception.

use super::frame::Frame;
use super::value::{ClassKind, TracebackEntry, Value};
use super::{Flow, Interp};

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

    /// Adds `frame`'s current line to the front of the traceback.
    pub(super) fn add_traceback(&self, exc: &Value, frame: &Frame, _front: bool) {
        // Prelude modules (`<frozen threading>`...) stay out of tracebacks, like CPython's
        // frozen importlib frames.
        if frame.code.filename.starts_with("<frozen") {
            return;
        }
        if let Value::Instance(i) = exc {
            if let Some(d) = &i.exc {
                let pos = frame.code.positions.get(frame.pc.saturating_sub(1)).copied().unwrap_or_default();
                let entry = TracebackEntry {
                    filename: frame.code.filename.clone(),
                    line: frame.code.line_at(frame.pc.saturating_sub(1)),
                    func: frame.code.name.clone(),
                    end_line: pos.end_line,
                    col: pos.col,
                    end_col: pos.end_col,
                };
                d.borrow_mut().traceback.insert(0, entry);
            }
        }
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

    /// The text CPython prints for an uncaught exception, chained exceptions first.
    pub fn format_exception(&mut self, exc: &Value) -> String {
        let mut out = String::new();
        self.format_chain(exc, &mut out, 0);
        out
    }

    fn format_chain(&mut self, exc: &Value, out: &mut String, depth: usize) {
        let Value::Instance(i) = exc else {
            out.push_str(&format!("{exc:?}\n"));
            return;
        };
        let Some(d) = &i.exc else { return };
        let data = d.borrow().clone();
        if depth < 20 {
            if let Some(cause) = &data.cause {
                self.format_chain(cause, out, depth + 1);
                out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
            } else if let (Some(ctx), false) = (&data.context, data.suppress_context) {
                self.format_chain(ctx, out, depth + 1);
                out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
            }
        }
        if !data.traceback.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for e in &data.traceback {
                out.push_str(&format!("  File \"{}\", line {}, in {}\n", e.filename, e.line, e.func));
                if let Some(src) = self.sources.get(&e.filename) {
                    if let Some(line) = src.lines().nth((e.line as usize).wrapping_sub(1)) {
                        out.push_str(&super::carets::source_lines(line, e));
                    }
                }
            }
        }
        out.push_str(&self.exception_last_line(exc));
        out.push('\n');
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
