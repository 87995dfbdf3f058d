//! Source positions: byte offsets ↔ (1-based line, 0-based byte column), the source line
//! shown under an error, and `CompileError`s at a range. Shared by the front end and the
//! code generator. Invariant: lines end at `\n`, `\r\n` or `\r`, as CPython's tokenizer
//! counts them.

use super::bytecode::Position;
use super::CompileError;
use ruff_text_size::TextRange;

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
