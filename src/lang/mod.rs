//! The language front end: Python source → parse (ruff's parser) → scopes (`symtable`) →
//! bytecode (`compile`). Invariant: every program either compiles to a `CompiledModule` or
//! yields a `CompileError` that renders exactly like CPython's SyntaxError report (file,
//! line, source line, carets); unsupported constructs are named with their line, never a
//! panic.

pub mod bytecode;
mod compile;
mod symtable;

pub use bytecode::CompiledModule;

/// A SyntaxError (or a feature concsim does not support) found before the program runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// "SyntaxError" or "IndentationError".
    pub kind: &'static str,
    pub msg: String,
    pub filename: String,
    /// 1-based line and column; `end_col` is one past the last highlighted column.
    pub line: u32,
    pub col: u32,
    pub end_col: u32,
    /// The offending source line (without its newline).
    pub text: String,
}

impl CompileError {
    /// CPython 3.11's report on stderr for an uncaught SyntaxError:
    ///
    /// ```text
    ///   File "x.py", line 1
    ///     print 'x'
    ///     ^^^^^^^^^
    /// SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?
    /// ```
    pub fn render(&self) -> String {
        let mut out = format!("  File \"{}\", line {}\n", self.filename, self.line);
        let trimmed = self.text.trim_start();
        if !trimmed.is_empty() {
            let indent = self.text.len() - trimmed.len();
            let text = trimmed.trim_end();
            out.push_str(&format!("    {text}\n"));
            let start = (self.col as usize).saturating_sub(1).saturating_sub(indent);
            let width = (self.end_col.max(self.col + 1) - self.col) as usize;
            let width = width.min(text.len().saturating_sub(start).max(1));
            out.push_str(&format!("    {}{}\n", " ".repeat(start), "^".repeat(width.max(1))));
        }
        out.push_str(&format!("{}: {}\n", self.kind, self.msg));
        out
    }
}

/// Compiles a module's source. `filename` appears in tracebacks.
pub fn compile_module(filename: &str, source: &str) -> Result<CompiledModule, CompileError> {
    compile::compile_module(filename, source)
}
