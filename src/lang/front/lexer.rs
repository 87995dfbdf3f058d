//! CPython's tokenizer checks, over the source: tokens with their kinds and spans, bracket
//! and indentation limits, invalid characters, string prefixes, f-string nesting, and the
//! nesting weight that stops deep programs before the recursive parser runs.

use super::*;

pub(super) struct Lexed {
    pub(super) toks: Vec<Tok>,
    pub(super) error: Option<TokErr>,
    pub(super) too_deep: Option<TokErr>,
}

pub(super) struct Lexer<'s> {
    pub(super) src: &'s str,
    pub(super) b: &'s [u8],
    pub(super) lines: &'s LineIndex<'s>,
    pub(super) pos: usize,
    pub(super) toks: Vec<Tok>,
    /// Indentation stack: (column with tabs to 8, column with tabs to 1).
    pub(super) indents: Vec<(u32, u32)>,
    /// Open brackets: (char, offset).
    pub(super) parens: Vec<(u8, usize)>,
    pub(super) error: Option<TokErr>,
    pub(super) too_deep: Option<TokErr>,
    pub(super) at_bol: bool,
    pub(super) line_has_tokens: bool,
    /// Nesting estimate per bracket level: (weight since the last comma, open lambdas),
    /// and the sum of the weights.
    pub(super) levels: Vec<(u64, u32)>,
    pub(super) weight_total: u64,
    /// Where the current logical line began (CPython's token buffer).
    pub(super) logical_start: usize,
}

pub(super) fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

pub(super) fn is_string_prefix(w: &str) -> bool {
    matches!(w.to_ascii_lowercase().as_str(), "r" | "u" | "b" | "br" | "rb" | "f" | "fr" | "rf" | "t" | "tr" | "rt")
}

/// Python's `str.isprintable` for one character, approximately.
pub(super) fn printable(ch: char) -> bool {
    let c = ch as u32;
    !(ch.is_control()
        || (ch.is_whitespace() && ch != ' ')
        || c == 0xAD
        || (0x600..=0x605).contains(&c)
        || c == 0x61C
        || c == 0x6DD
        || c == 0x70F
        || c == 0x180E
        || (0x200B..=0x200F).contains(&c)
        || (0x202A..=0x202E).contains(&c)
        || (0x2060..=0x206F).contains(&c)
        || c == 0xFEFF
        || (0xFFF9..=0xFFFB).contains(&c)
        || (0xE000..=0xF8FF).contains(&c))
}

pub(super) fn ident_continue(ch: char) -> bool {
    let c = ch as u32;
    ch.is_alphanumeric()
        || ch == '_'
        || (0x300..=0x36F).contains(&c)
        || (0x1AB0..=0x1AFF).contains(&c)
        || (0x1DC0..=0x1DFF).contains(&c)
        || (0x20D0..=0x20FF).contains(&c)
        || (0xFE20..=0xFE2F).contains(&c)
        || ch == '\u{b7}'
}

pub(super) const OPS3: [&str; 5] = ["**=", "//=", ">>=", "<<=", "..."];
pub(super) const OPS2: [&str; 20] = [
    "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", ":=",
    "<>",
];
pub(super) const HEAVY_KEYWORDS: [&str; 6] = ["not", "lambda", "await", "yield", "if", "else"];
pub(super) const LIGHT_KEYWORDS: [&str; 5] = ["and", "or", "in", "is", "for"];

impl<'s> Lexer<'s> {
    pub(super) fn run(src: &'s str, lines: &'s LineIndex<'s>) -> Lexed {
        let mut lx = Lexer {
            src,
            b: src.as_bytes(),
            lines,
            pos: 0,
            toks: Vec::new(),
            indents: vec![(0, 0)],
            parens: Vec::new(),
            error: None,
            too_deep: None,
            at_bol: true,
            line_has_tokens: false,
            levels: vec![(0, 0)],
            weight_total: 0,
            logical_start: 0,
        };
        // A UTF-8 byte order mark is not part of the program.
        if src.starts_with('\u{feff}') {
            lx.pos = 3;
        }
        lx.scan();
        Lexed { toks: lx.toks, error: lx.error, too_deep: lx.too_deep }
    }

    /// CPython's tokenizer reports columns in characters (and prints them as bytes).
    pub(super) fn col0(&self, offset: usize) -> u32 {
        let (line, col) = self.lines.line_col(offset);
        let start = self.lines.line_start(line);
        match self.src.get(start..offset) {
            Some(t) => t.chars().count() as u32,
            None => col,
        }
    }

    pub(super) fn line(&self, offset: usize) -> u32 {
        self.lines.line_col(offset).0
    }

    /// Records the first tokenizer error. `col` is CPython's 1-based offset.
    pub(super) fn fail(&mut self, prio: Prio, etype: &'static str, msg: String, at: usize, col: u32, end_col: u32) {
        if self.error.is_none() {
            let line = self.line(at);
            self.error = Some(TokErr { err: PyErr { etype, msg, line, col, end_col, text: None }, at, prio });
        }
    }

    pub(super) fn push(&mut self, kind: TK, start: usize, end: usize) {
        self.toks.push(Tok { kind, start, end });
        if !matches!(kind, TK::Newline | TK::Indent | TK::Dedent | TK::End) {
            self.line_has_tokens = true;
            self.weigh(kind, start, end);
        }
    }

    /// The nesting estimate: an upper bound on how deeply the statement's AST (and so
    /// the parser's and compiler's recursion) can nest. Every token adds weight to its
    /// bracket level (operators and prefix keywords more, brackets most); a comma resets
    /// its level (unless inside a lambda's parameters), a statement end resets all.
    pub(super) fn weigh(&mut self, kind: TK, start: usize, end: usize) {
        let text = &self.src[start..end];
        let mut w = 1;
        match (kind, text) {
            (TK::Op, "(" | "[" | "{") => {
                self.add_weight(4, start);
                self.levels.push((0, 0));
                return;
            }
            (TK::Op, ")" | "]" | "}") => {
                if self.levels.len() > 1 {
                    if let Some((w, _)) = self.levels.pop() {
                        self.weight_total -= w;
                    }
                }
                return;
            }
            (TK::Op, ",") => {
                if let Some(top) = self.levels.last_mut() {
                    if top.1 == 0 {
                        self.weight_total -= top.0;
                        top.0 = 0;
                    }
                }
                return;
            }
            (TK::Op, ";") => {
                self.reset_weights();
                return;
            }
            (TK::Op, ":") => {
                if let Some(top) = self.levels.last_mut() {
                    top.1 = top.1.saturating_sub(1);
                }
            }
            (TK::Op, "-" | "+" | "~" | "**") => w = 3,
            (TK::Op, _) => w = 2,
            (TK::Name, "lambda") => {
                if let Some(top) = self.levels.last_mut() {
                    top.1 += 1;
                }
                w = 3;
            }
            (TK::Name, t) if HEAVY_KEYWORDS.contains(&t) => w = 3,
            (TK::Name, t) if LIGHT_KEYWORDS.contains(&t) => w = 2,
            (TK::Str, _) if self.toks.len() >= 2 && self.toks[self.toks.len() - 2].kind == TK::Str => {
                w = 0; // implicit concatenation: parsed as a list, not nested
            }
            (TK::Str, t) => {
                let prefix_f =
                    t.bytes().take_while(|c| c.is_ascii_alphabetic()).any(|c| matches!(c | 0x20, b'f' | b't'));
                if prefix_f {
                    w = 1 + fstring_weight(t);
                }
            }
            _ => {}
        }
        self.add_weight(w, start);
    }

    pub(super) fn reset_weights(&mut self) {
        self.levels.clear();
        self.levels.push((0, 0));
        self.weight_total = 0;
    }

    pub(super) fn add_weight(&mut self, w: u32, at: usize) {
        let w = w.min(MAX_PARSE_WEIGHT + 1) as u64;
        if let Some(top) = self.levels.last_mut() {
            top.0 += w;
            self.weight_total += w;
        }
        if self.weight_total > MAX_PARSE_WEIGHT as u64 && self.too_deep.is_none() {
            let line = self.line(at);
            let col = self.col0(at) + 1;
            self.too_deep = Some(TokErr {
                err: PyErr {
                    etype: "RecursionError",
                    msg: "maximum recursion depth exceeded during compilation".into(),
                    line,
                    col,
                    end_col: col,
                    text: None,
                },
                at,
                prio: Prio::Raised,
            });
        }
    }

    pub(super) fn scan(&mut self) {
        let n = self.b.len();
        loop {
            if self.too_deep.is_some() {
                return;
            }
            if self.at_bol {
                self.at_bol = false;
                self.indentation();
            }
            while self.pos < n && matches!(self.b[self.pos], b' ' | b'\t' | b'\x0c') {
                self.pos += 1;
            }
            if self.pos >= n {
                self.eof();
                return;
            }
            let start = self.pos;
            let c = self.b[start];
            match c {
                b'#' => {
                    while self.pos < n && !matches!(self.b[self.pos], b'\n' | b'\r') {
                        self.pos += 1;
                    }
                }
                b'\n' | b'\r' => self.newline(),
                b'\\' => self.continuation(),
                b'0'..=b'9' => self.number(),
                b'.' if self.b.get(start + 1).is_some_and(u8::is_ascii_digit) => self.number(),
                b'\'' | b'"' => self.string(start, false),
                c if is_ident_byte(c) => self.name(),
                b'(' | b'[' | b'{' => {
                    self.pos += 1;
                    if self.parens.len() >= MAX_PARENS {
                        let col = self.col0(self.pos);
                        self.fail(Prio::Raised, "SyntaxError", "too many nested parentheses".into(), start, col, col);
                        if self.too_deep.is_none() {
                            self.too_deep = self.error.clone();
                        }
                    }
                    self.parens.push((c, start));
                    self.push(TK::Op, start, self.pos);
                }
                b')' | b']' | b'}' => {
                    self.pos += 1;
                    let col = self.col0(start) + 1;
                    match self.parens.pop() {
                        None => {
                            let msg = format!("unmatched '{}'", c as char);
                            self.fail(Prio::Raised, "SyntaxError", msg, start, col, col);
                        }
                        Some((open, at)) => {
                            let expected = match open {
                                b'(' => b')',
                                b'[' => b']',
                                _ => b'}',
                            };
                            if expected != c {
                                let mut msg = format!(
                                    "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                    c as char, open as char
                                );
                                let open_line = self.line(at);
                                if open_line != self.line(start) {
                                    msg.push_str(&format!(" on line {open_line}"));
                                }
                                self.fail(Prio::Raised, "SyntaxError", msg, start, col, col);
                            }
                        }
                    }
                    self.push(TK::Op, start, self.pos);
                }
                c if c < 0x20 || c == 0x7f => {
                    self.pos += 1;
                    let col = self.col0(start) + 1;
                    let msg = format!("invalid non-printable character U+{:04X}", c);
                    self.fail(Prio::Raised, "SyntaxError", msg, start, col, col);
                }
                _ => {
                    let rest = &self.src[start..];
                    let len =
                        OPS3.iter().chain(OPS2.iter()).find(|op| rest.starts_with(*op)).map(|op| op.len()).unwrap_or(1);
                    self.pos += len;
                    self.push(TK::Op, start, self.pos);
                }
            }
        }
    }

    pub(super) fn indentation(&mut self) {
        let n = self.b.len();
        let (mut col, mut alt) = (0u32, 0u32);
        let start = self.pos;
        while self.pos < n {
            match self.b[self.pos] {
                b' ' => {
                    col += 1;
                    alt += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                b'\x0c' => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            self.pos += 1;
        }
        let blank = self.pos >= n || matches!(self.b[self.pos], b'#' | b'\n' | b'\r');
        if blank || !self.parens.is_empty() {
            return;
        }
        self.logical_start = start;
        let tab_error = |lx: &mut Lexer<'_>| {
            lx.fail(
                Prio::Reached,
                "TabError",
                "inconsistent use of tabs and spaces in indentation".into(),
                start,
                1,
                0,
            );
        };
        let (top, top_alt) = *self.indents.last().expect("indent stack never empty");
        if col == top {
            if alt != top_alt {
                tab_error(self);
            }
        } else if col > top {
            if self.indents.len() >= MAX_INDENT {
                self.fail(Prio::Reached, "IndentationError", "too many levels of indentation".into(), start, 1, 0);
                if self.too_deep.is_none() {
                    self.too_deep = self.error.clone();
                }
            }
            if alt <= top_alt {
                tab_error(self);
            }
            self.indents.push((col, alt));
            self.push(TK::Indent, start, self.pos);
        } else {
            while self.indents.len() > 1 && col < self.indents.last().map_or(0, |t| t.0) {
                self.indents.pop();
                self.push(TK::Dedent, self.pos, self.pos);
            }
            let (top, top_alt) = *self.indents.last().expect("indent stack never empty");
            if col != top {
                let line = self.line(start);
                let len = self.lines.line_text(line).chars().count() as u32;
                self.fail(
                    Prio::Reached,
                    "IndentationError",
                    "unindent does not match any outer indentation level".into(),
                    start,
                    len + 1,
                    0,
                );
            } else if alt != top_alt {
                tab_error(self);
            }
        }
    }

    pub(super) fn newline(&mut self) {
        let at = self.pos;
        if self.b[at] == b'\r' && self.b.get(at + 1) == Some(&b'\n') {
            self.pos += 2;
        } else {
            self.pos += 1;
        }
        if self.parens.is_empty() && self.line_has_tokens {
            self.push(TK::Newline, at, at + 1);
            self.line_has_tokens = false;
            self.reset_weights();
        }
        self.at_bol = true;
    }

    pub(super) fn continuation(&mut self) {
        let at = self.pos;
        let n = self.b.len();
        // CPython counts from the start of the logical line, clamped to this line.
        let line_len = self.lines.line_text(self.line(at)).chars().count() as u32;
        let from_logical = self.src.get(self.logical_start..at).map_or(0, |t| t.chars().count()) as u32;
        let col = (from_logical + 2).min(line_len + 1);
        match self.b.get(at + 1) {
            None => {
                self.pos = n;
                self.fail(Prio::Reached, "SyntaxError", "unexpected EOF while parsing".into(), at, col, 0);
            }
            Some(b'\n') | Some(b'\r') => {
                self.pos = at + 1;
                if self.b[self.pos] == b'\r' && self.b.get(self.pos + 1) == Some(&b'\n') {
                    self.pos += 1;
                }
                self.pos += 1;
                if self.pos >= n {
                    // CPython shows no caret when the file ends with the newline.
                    self.fail(Prio::Reached, "SyntaxError", "unexpected EOF while parsing".into(), at, 0, 0);
                }
            }
            Some(_) => {
                self.pos = at + 1;
                self.fail(
                    Prio::Reached,
                    "SyntaxError",
                    "unexpected character after line continuation character".into(),
                    at,
                    col,
                    0,
                );
            }
        }
    }

    pub(super) fn eof(&mut self) {
        let n = self.b.len();
        if let Some(&(c, at)) = self.parens.last() {
            let col = self.col0(at) + 1;
            let paren_line = self.line(at);
            self.fail(
                Prio::Unclosed { paren_line },
                "SyntaxError",
                format!("'{}' was never closed", c as char),
                n,
                col,
                0,
            );
            // Report it at the bracket, not at the end of the file.
            if let Some(e) = &mut self.error {
                if e.at == n && matches!(e.prio, Prio::Unclosed { .. }) {
                    e.err.line = paren_line;
                }
            }
        }
        if self.line_has_tokens {
            self.push(TK::Newline, n, n);
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(TK::Dedent, n, n);
        }
        self.push(TK::End, n, n);
    }

    pub(super) fn name(&mut self) {
        let start = self.pos;
        let n = self.b.len();
        while self.pos < n && is_ident_byte(self.b[self.pos]) {
            self.pos += 1;
        }
        while !self.src.is_char_boundary(self.pos) {
            self.pos += 1;
        }
        let word = &self.src[start..self.pos];
        if self.pos < n && matches!(self.b[self.pos], b'\'' | b'"') && is_string_prefix(word) {
            self.string(start, true);
            return;
        }
        for (i, ch) in word.char_indices() {
            if ch.is_ascii() {
                continue;
            }
            let ok = if i == 0 { ch.is_alphabetic() } else { ident_continue(ch) };
            if !ok {
                let at = start + i;
                let col = self.col0(at) + 1;
                let msg = if printable(ch) {
                    format!("invalid character '{ch}' (U+{:04X})", ch as u32)
                } else {
                    format!("invalid non-printable character U+{:04X}", ch as u32)
                };
                self.fail(Prio::Raised, "SyntaxError", msg, at, col, col);
                break;
            }
        }
        self.push(TK::Name, start, self.pos);
    }

    /// A string literal starting at `start` (its prefix, if `prefixed`, runs up to the
    /// quote at `self.pos`).
    pub(super) fn string(&mut self, start: usize, prefixed: bool) {
        let n = self.b.len();
        if !prefixed {
            self.pos = start;
        }
        let q = self.b[self.pos];
        let triple = self.b.get(self.pos + 1) == Some(&q) && self.b.get(self.pos + 2) == Some(&q);
        self.pos += if triple { 3 } else { 1 };
        let col = self.col0(start) + 1;
        loop {
            if self.pos >= n {
                let msg = if triple {
                    let last = self.lines.line_count().max(self.line(start));
                    format!("unterminated triple-quoted string literal (detected at line {last})")
                } else {
                    format!("unterminated string literal (detected at line {})", self.line(n))
                };
                self.fail(Prio::Raised, "SyntaxError", msg, start, col, col);
                break;
            }
            let c = self.b[self.pos];
            if c == b'\\' {
                self.pos += 1;
                if self.pos < n {
                    if self.b[self.pos] == b'\r' && self.b.get(self.pos + 1) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.pos += 1;
                }
                continue;
            }
            if !triple && matches!(c, b'\n' | b'\r') {
                let msg = format!("unterminated string literal (detected at line {})", self.line(self.pos));
                self.fail(Prio::Raised, "SyntaxError", msg, start, col, col);
                break;
            }
            if c == q {
                if !triple {
                    self.pos += 1;
                    break;
                }
                if self.b.get(self.pos + 1) == Some(&q) && self.b.get(self.pos + 2) == Some(&q) {
                    self.pos += 3;
                    break;
                }
            }
            self.pos += 1;
        }
        while !self.src.is_char_boundary(self.pos) {
            self.pos += 1;
        }
        self.push(TK::Str, start, self.pos);
    }

    pub(super) fn number(&mut self) {
        let start = self.pos;
        let b = self.b;
        let n = b.len();
        let digit_ok = |c: u8, radix: u8| match radix {
            16 => c.is_ascii_hexdigit(),
            8 => (b'0'..=b'7').contains(&c),
            2 => c == b'0' || c == b'1',
            _ => c.is_ascii_digit(),
        };
        let mut p = start;
        let mut bad = false;
        if b[p] == b'0' && p + 1 < n && matches!(b[p + 1] | 0x20, b'x' | b'o' | b'b') {
            let (radix, name) = match b[p + 1] | 0x20 {
                b'x' => (16, "hexadecimal"),
                b'o' => (8, "octal"),
                _ => (2, "binary"),
            };
            p += 2;
            loop {
                if p < n && b[p] == b'_' {
                    p += 1;
                }
                if p >= n || !digit_ok(b[p], radix) {
                    if radix != 16 && p < n && b[p].is_ascii_digit() {
                        let col = self.col0(p) + 1;
                        let msg = format!("invalid digit '{}' in {name} literal", b[p] as char);
                        self.fail(Prio::Raised, "SyntaxError", msg, p, col, col);
                    } else {
                        let col = self.col0(p);
                        self.fail(Prio::Raised, "SyntaxError", format!("invalid {name} literal"), p, col, col);
                    }
                    bad = true;
                    break;
                }
                while p < n && digit_ok(b[p], radix) {
                    p += 1;
                }
                if !(p < n && b[p] == b'_') {
                    break;
                }
            }
            if !bad && radix != 16 && p < n && b[p].is_ascii_digit() {
                let col = self.col0(p) + 1;
                let msg = format!("invalid digit '{}' in {name} literal", b[p] as char);
                self.fail(Prio::Raised, "SyntaxError", msg, p, col, col);
            } else if !bad {
                self.verify_end(p, name);
            }
        } else {
            // Decimal digits with single underscores between them.
            let digits = |lx: &mut Lexer<'_>, mut p: usize| -> (usize, bool) {
                loop {
                    while p < n && b[p].is_ascii_digit() {
                        p += 1;
                    }
                    if p < n && b[p] == b'_' {
                        if p + 1 < n && b[p + 1].is_ascii_digit() {
                            p += 1;
                            continue;
                        }
                        let col = lx.col0(p + 1);
                        lx.fail(Prio::Raised, "SyntaxError", "invalid decimal literal".into(), p, col, col);
                        return (p + 1, false);
                    }
                    return (p, true);
                }
            };
            let mut ok;
            let mut is_float = false;
            if b[p] == b'.' {
                p += 1;
                (p, ok) = digits(self, p);
            } else {
                let leading_zero = b[p] == b'0';
                (p, ok) = digits(self, p);
                if ok && p < n && b[p] == b'.' {
                    is_float = true;
                    p += 1;
                    if p < n && b[p].is_ascii_digit() {
                        (p, ok) = digits(self, p);
                    }
                }
                if ok && leading_zero && !is_float {
                    let text = &self.src[start..p];
                    let nonzero = text.bytes().any(|c| c.is_ascii_digit() && c != b'0');
                    let exp_or_imag = p < n && matches!(b[p] | 0x20, b'e' | b'j');
                    if nonzero && !exp_or_imag {
                        let col = self.col0(start) + 1;
                        self.fail(
                            Prio::Raised,
                            "SyntaxError",
                            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into(),
                            start,
                            col,
                            col + 1,
                        );
                        ok = false;
                    }
                }
            }
            if ok && p < n && (b[p] | 0x20) == b'e' {
                let e = p;
                let mut q = p + 1;
                let signed = q < n && matches!(b[q], b'+' | b'-');
                if signed {
                    q += 1;
                }
                if signed && !(q < n && b[q].is_ascii_digit()) {
                    let col = self.col0(q);
                    self.fail(Prio::Raised, "SyntaxError", "invalid decimal literal".into(), q, col, col);
                    ok = false;
                    p = q;
                } else if q < n && b[q].is_ascii_digit() {
                    (p, ok) = digits(self, q);
                } else if !self.verify_end(e, "decimal") {
                    ok = false;
                    p = e;
                } else {
                    p = e;
                    self.pos = p;
                    self.push(TK::Number, start, p);
                    return;
                }
            }
            if ok && p < n && (b[p] | 0x20) == b'j' {
                p += 1;
                self.verify_end(p, "imaginary");
            } else if ok {
                self.verify_end(p, "decimal");
            }
        }
        // Swallow the rest of a malformed literal.
        while p < n && (b[p].is_ascii_alphanumeric() || b[p] == b'_') {
            p += 1;
        }
        self.pos = p;
        self.push(TK::Number, start, p);
    }

    /// CPython's `verify_end_of_number`: a letter right after a number is an error,
    /// unless it starts a keyword that may follow a number (`1if x else 2`).
    pub(super) fn verify_end(&mut self, p: usize, kind: &str) -> bool {
        let b = self.b;
        let Some(&c) = b.get(p) else { return true };
        let rest = &b[p + 1..];
        let keyword = match c {
            b'a' => rest.starts_with(b"nd"),
            b'e' => rest.starts_with(b"lse"),
            b'f' => rest.starts_with(b"or"),
            b'i' => matches!(rest.first(), Some(b'f' | b'n' | b's')),
            b'o' => rest.starts_with(b"r"),
            b'n' => rest.starts_with(b"ot"),
            _ => false,
        };
        if keyword {
            return true;
        }
        let letter = if c >= 0x80 {
            self.src[p..].chars().next().is_some_and(|ch| ch.is_alphanumeric())
        } else {
            c.is_ascii_alphanumeric() || c == b'_'
        };
        if letter {
            let col = self.col0(p);
            self.fail(Prio::Raised, "SyntaxError", format!("invalid {kind} literal"), p, col, col);
            return false;
        }
        true
    }
}

/// Nesting estimate of the expressions inside an f-string's text (ruff parses them).
pub(super) fn fstring_weight(text: &str) -> u32 {
    let mut levels: Vec<u64> = vec![0];
    let (mut total, mut max) = (0u64, 0u64);
    for c in text.bytes() {
        let w = match c {
            b'(' | b'[' | b'{' => {
                if let Some(t) = levels.last_mut() {
                    *t += 4;
                }
                total += 4;
                levels.push(0);
                0
            }
            b')' | b']' | b'}' => {
                if levels.len() > 1 {
                    total -= levels.pop().unwrap_or(0);
                }
                0
            }
            b',' => {
                if let Some(t) = levels.last_mut() {
                    total -= *t;
                    *t = 0;
                }
                0
            }
            b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'~' | b'<' | b'>' | b'=' | b'.' | b'@' | b'!'
            | b':' => 3,
            _ => 1,
        };
        if let Some(t) = levels.last_mut() {
            *t += w;
            total += w;
        }
        max = max.max(total);
    }
    max.min(u32::MAX as u64) as u32
}
