//! The language front end: Python source → parse (ruff's parser) → scopes (`symtable`) →
//! bytecode (`compile`). Invariant: every program either compiles to a `CompiledModule` or
//! yields a `CompileError` that renders exactly like CPython's SyntaxError report (file,
//! line, source line, carets); unsupported constructs are named with their line, never a
//! panic.

pub mod bytecode;
mod compile;
mod front;
pub mod highlight;
mod lines;
mod symtable;
#[cfg(test)]
mod tests;

pub use bytecode::CompiledModule;

/// A SyntaxError (or a feature concsim does not support) found before the program runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// "SyntaxError", "IndentationError" or "TabError" (or "RecursionError" for programs
    /// nested too deeply to compile).
    pub kind: &'static str,
    pub msg: String,
    pub filename: String,
    /// 1-based line and byte column; `end_col` is one past the last highlighted column.
    /// `col` 0 means no caret (CPython prints none for some errors, e.g. at end of file).
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
    ///
    /// Like CPython, no caret is printed when the column points into the line's
    /// indentation (e.g. "unexpected indent"), and a RecursionError is one line.
    pub fn render(&self) -> String {
        if !matches!(self.kind, "SyntaxError" | "IndentationError" | "TabError") {
            return format!("{}: {}\n", self.kind, self.msg);
        }
        let mut out = format!("  File \"{}\", line {}\n", self.filename, self.line);
        let text = self.text.trim_end_matches(['\n', '\r']);
        let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
        let indent = text.len() - stripped.len();
        out.push_str(&format!("    {stripped}\n"));
        let offset = self.col as i64 - 1 - indent as i64;
        if self.col > 0 && offset >= 0 {
            let start = (offset as usize).min(stripped.len());
            let width = if self.end_col > self.col { (self.end_col - self.col) as usize } else { 1 };
            let width = width.min(stripped.len() + 1 - start).max(1);
            out.push_str(&format!("    {}{}\n", " ".repeat(start), "^".repeat(width)));
        }
        out.push_str(&format!("{}: {}\n", self.kind, self.msg));
        out
    }
}

/// Compiles a module's source. `filename` appears in tracebacks.
pub fn compile_module(filename: &str, source: &str) -> Result<CompiledModule, CompileError> {
    compile::compile_module(filename, source)
}
