//! ruff's parse errors translated into CPython 3.11's SyntaxError messages and locations,
//! looking at the tokens and the partial tree around the error as CPython's parser's
//! error rules do (`invalid_*` rules of the PEG grammar).

use super::*;

pub(super) struct Cx<'a> {
    pub(super) src: &'a str,
    pub(super) lines: &'a LineIndex<'a>,
    pub(super) toks: &'a [Tok],
    pub(super) module: &'a ModModule,
}

pub(super) const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

impl<'a> Cx<'a> {
    pub(super) fn text(&self, t: &Tok) -> &'a str {
        &self.src[t.start..t.end]
    }

    /// Index of the token at or after `offset` (not counting the zero-width
    /// INDENT/DEDENT tokens that start there).
    pub(super) fn tok_index(&self, offset: usize) -> usize {
        let found = self
            .toks
            .iter()
            .position(|t| t.end > offset || (t.start >= offset && !matches!(t.kind, TK::Indent | TK::Dedent)));
        found.unwrap_or(self.toks.len().saturating_sub(1))
    }

    pub(super) fn err(&self, etype: &'static str, msg: impl Into<String>, r: TextRange) -> PyErr {
        err_range(self.lines, etype, &msg.into(), r)
    }

    /// "invalid syntax" at the token at `offset` (CPython points at the first token it
    /// could not parse).
    pub(super) fn generic(&self, offset: usize) -> PyErr {
        if self.toks.is_empty() {
            return self.err("SyntaxError", "invalid syntax", range(offset, offset));
        }
        let t = self.toks[self.tok_index(offset)];
        let r = match t.kind {
            TK::Newline | TK::End | TK::Dedent | TK::Indent => {
                // The newline CPython's tokenizer supplies at the end of the line.
                let line = self.lines.line_col(t.start.min(offset.max(t.start))).0;
                let line = if t.kind == TK::Newline { self.lines.line_col(t.start).0 } else { line };
                let end = self.lines.line_start(line) + self.lines.line_text(line).len();
                let at = if t.kind == TK::Newline { t.start } else { end.min(self.src.len()) };
                range(at, at + 1)
            }
            _ => range(t.start, t.end),
        };
        self.err("SyntaxError", "invalid syntax", r)
    }

    pub(super) fn is_kw(&self, t: &Tok, words: &[&str]) -> bool {
        t.kind == TK::Name && words.contains(&self.text(t))
    }

    /// The first token of the logical line containing token `i`.
    pub(super) fn line_start_tok(&self, i: usize) -> usize {
        let mut j = i;
        while j > 0 && !matches!(self.toks[j - 1].kind, TK::Newline | TK::Indent | TK::Dedent) {
            j -= 1;
        }
        j
    }

    /// The innermost bracket open at token `i`: its token index.
    pub(super) fn open_bracket(&self, i: usize) -> Option<usize> {
        let mut stack = Vec::new();
        for (k, t) in self.toks[..i.min(self.toks.len())].iter().enumerate() {
            if t.kind == TK::Op {
                match self.text(t) {
                    "(" | "[" | "{" => stack.push(k),
                    ")" | "]" | "}" => {
                        stack.pop();
                    }
                    _ => {}
                }
            }
        }
        stack.pop()
    }

    /// The token closing the bracket opened at token `open`.
    pub(super) fn closing(&self, open: usize) -> Option<usize> {
        let mut depth = 0i32;
        for (k, t) in self.toks.iter().enumerate().skip(open) {
            if t.kind == TK::Op {
                match self.text(t) {
                    "(" | "[" | "{" => depth += 1,
                    ")" | "]" | "}" => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(k);
                        }
                    }
                    _ => {}
                }
            }
        }
        None
    }

    pub(super) fn ends_expr(&self, t: &Tok) -> bool {
        match t.kind {
            TK::Name => {
                let w = self.text(t);
                !KEYWORDS.contains(&w) || matches!(w, "True" | "False" | "None")
            }
            TK::Number | TK::Str => true,
            TK::Op => matches!(self.text(t), ")" | "]" | "}"),
            _ => false,
        }
    }

    pub(super) fn starts_expr(&self, t: &Tok) -> bool {
        match t.kind {
            TK::Name => {
                let w = self.text(t);
                !KEYWORDS.contains(&w) || matches!(w, "True" | "False" | "None" | "not" | "lambda" | "await")
            }
            TK::Number | TK::Str => true,
            TK::Op => matches!(self.text(t), "(" | "[" | "{" | "~" | "..."),
            _ => false,
        }
    }

    /// End of the expression starting at token `i` (CPython's `bitwise_or` when
    /// `bitwise_only`, else a full expression), scanning at bracket depth 0.
    pub(super) fn expr_end(&self, i: usize, bitwise_only: bool) -> Option<usize> {
        let mut depth = 0i32;
        let mut last = None;
        let mut prev: Option<&Tok> = None;
        for t in &self.toks[i..] {
            let s = self.text(t);
            if depth == 0 {
                // Two atoms side by side end the expression (`[1 2 3]`), except for
                // implicitly concatenated strings and `not in`.
                if let Some(pv) = prev {
                    let adjacent = self.ends_expr(pv)
                        && self.starts_expr(t)
                        && !matches!(s, "(" | "[")
                        && !(pv.kind == TK::Str && t.kind == TK::Str)
                        && s != "not";
                    if adjacent {
                        break;
                    }
                }
                let stop = match t.kind {
                    TK::Newline | TK::End | TK::Indent | TK::Dedent => true,
                    TK::Op => {
                        matches!(s, "," | ";" | ":" | "=" | ":=" | ")" | "]" | "}")
                            || (bitwise_only && matches!(s, "<" | ">" | "==" | "!=" | "<=" | ">=" | "<>"))
                    }
                    TK::Name => {
                        matches!(s, "for" | "async")
                            || (bitwise_only
                                && matches!(s, "and" | "or" | "not" | "if" | "else" | "in" | "is" | "lambda"))
                    }
                    _ => false,
                };
                if stop {
                    break;
                }
            }
            if t.kind == TK::Op {
                match s {
                    "(" | "[" | "{" => depth += 1,
                    ")" | "]" | "}" => depth -= 1,
                    _ => {}
                }
            }
            if depth == 0 {
                prev = Some(t);
            }
            last = Some(t.end);
        }
        last
    }
}

pub(super) fn range(start: usize, end: usize) -> TextRange {
    let s = TextSize::try_from(start).unwrap_or_default();
    let e = TextSize::try_from(end.max(start)).unwrap_or(s);
    TextRange::new(s, e)
}

/// ruff's first error → CPython's error, and whether a tokenizer error found later in
/// the file may override it (CPython does not tokenize on after "unexpected indent").
pub(super) fn translate(e: &ParseError, cx: &Cx<'_>) -> (PyErr, bool) {
    let p = e.location.start().to_usize();
    let loc = e.location;
    let se = |msg: &str, r: TextRange| cx.err("SyntaxError", msg, r);
    if let Some(err) = fstring_error(cx, e).or_else(|| unicode_name_error(cx, e)) {
        return (err, true);
    }
    let out = match &e.error {
        ParseErrorType::SimpleStatementsOnSameLine => legacy_print(cx, p).unwrap_or_else(|| cx.generic(p)),
        ParseErrorType::UnexpectedIndentation => {
            let (line, _) = cx.lines.line_col(p);
            let width = loc.end().to_usize().saturating_sub(cx.lines.line_start(line)) as u32;
            let err = PyErr {
                etype: "IndentationError",
                msg: "unexpected indent".into(),
                line,
                col: width,
                end_col: 0,
                text: None,
            };
            return (err, false);
        }
        ParseErrorType::OtherError(m) if m.starts_with("Expected an indented block after ") => indented_block(cx, m, p),
        ParseErrorType::ExpectedToken { expected: TokenKind::Colon, found } => colon(cx, p, *found),
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Comma | TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace,
            ..
        } => missing_comma(cx, p).or_else(|| comprehension_target(cx, p)).unwrap_or_else(|| cx.generic(p)),
        ParseErrorType::ExpectedToken { expected: TokenKind::Else, .. } => {
            match find_expr(cx.module, |x| matches!(x, Expr::If(_)) && x.range().contains_inclusive(loc.start())) {
                Some(Expr::If(i)) => {
                    se("expected 'else' after 'if' expression", TextRange::new(i.body.start(), i.test.end()))
                }
                _ => cx.generic(p),
            }
        }
        ParseErrorType::InvalidAssignmentTarget => assign_target(cx, loc),
        ParseErrorType::InvalidAugmentedAssignmentTarget => match find_expr(cx.module, |x| x.range() == loc) {
            Some(x) => se(&format!("'{}' is an illegal expression for augmented assignment", expr_name(x)), loc),
            None => cx.generic(p),
        },
        ParseErrorType::InvalidDeleteTarget => match find_expr(cx.module, |x| x.range() == loc) {
            Some(x) => se(&format!("cannot delete {}", expr_name(x)), loc),
            None => cx.generic(p),
        },
        ParseErrorType::InvalidNamedAssignmentTarget => match find_expr(cx.module, |x| x.range() == loc) {
            Some(x) => se(&format!("cannot use assignment expressions with {}", expr_name(x)), loc),
            None => cx.generic(p),
        },
        ParseErrorType::PositionalAfterKeywordArgument | ParseErrorType::PositionalAfterKeywordUnpacking => {
            let msg = if matches!(e.error, ParseErrorType::PositionalAfterKeywordArgument) {
                "positional argument follows keyword argument"
            } else {
                "positional argument follows keyword argument unpacking"
            };
            let i = cx.tok_index(p);
            match cx.open_bracket(i).and_then(|o| cx.closing(o)) {
                Some(c) => {
                    let t = cx.toks[c];
                    se(msg, range(t.start, t.end))
                }
                None => se(msg, loc),
            }
        }
        ParseErrorType::InvalidArgumentUnpackingOrder => {
            se("iterable argument unpacking follows keyword argument unpacking", range(p, p + 1))
        }
        ParseErrorType::UnparenthesizedGeneratorExpression => se("Generator expression must be parenthesized", loc),
        ParseErrorType::NonDefaultParamAfterDefaultParam => se("non-default argument follows default argument", loc),
        ParseErrorType::DuplicateKeywordArgumentError(name) => se(&format!("keyword argument repeated: {name}"), loc),
        ParseErrorType::OtherError(m) if m.starts_with("Only single target (not ") => {
            let what = if m.contains("(not list)") { "list" } else { "tuple" };
            let msg = format!("only single target (not {what}) can be annotated");
            // An unparenthesized tuple is reported at its first element.
            let r = match find_expr(cx.module, |x| x.range() == loc) {
                Some(Expr::Tuple(t)) if !t.parenthesized => t.elts.first().map_or(loc, |e| e.range()),
                _ => loc,
            };
            se(&msg, r)
        }
        ParseErrorType::InvalidAnnotatedAssignmentTarget => se("illegal target for annotation", loc),
        ParseErrorType::ExpectedKeywordParam => {
            // At the bare `*` itself.
            let i = cx.tok_index(p);
            let star = cx.toks[..=i].iter().rev().find(|t| t.kind == TK::Op && cx.text(t) == "*");
            let r = star.map(|t| range(t.start, t.end)).unwrap_or(loc);
            se("named arguments must follow bare *", r)
        }
        ParseErrorType::ParamAfterVarKeywordParam => se("arguments cannot follow var-keyword argument", loc),
        ParseErrorType::OtherError(m) if m.starts_with("Expected `except` or `finally`") => missing_except(cx, p),
        ParseErrorType::UnparenthesizedTupleExpression => {
            let i = cx.tok_index(p);
            let comma =
                cx.toks[i..].iter().find(|t| t.start >= p && t.kind == TK::Op && cx.text(t) == ",").map(|t| t.start);
            cx.generic(comma.unwrap_or(p))
        }
        ParseErrorType::OtherError(m) if m == "Trailing comma not allowed" => {
            let i = cx.tok_index(p);
            let next = cx.toks.get(i + 1).map(|t| t.start).unwrap_or(p);
            if cx.is_kw(&cx.toks[cx.line_start_tok(i)], &["from"]) {
                let mut e = cx.generic(next);
                e.msg = "trailing comma not allowed without surrounding parentheses".into();
                e
            } else {
                cx.generic(next)
            }
        }
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
            let line = cx.lines.line_col(p).0;
            let len = cx.lines.line_text(line).len() as u32;
            PyErr {
                etype: "IndentationError",
                msg: "unindent does not match any outer indentation level".into(),
                line,
                col: len + 1,
                end_col: 0,
                text: None,
            }
        }
        _ => cx.generic(p),
    };
    (out, true)
}

/// An unknown `\N{name}` in a (non-f, non-bytes) string: CPython 3.11 decodes the literal
/// with the `unicodeescape` codec and reports the bytes of the escape in the literal's
/// body — where each non-ASCII character counts 10, as 3.11 first rewrites it as a
/// `\UXXXXXXXX` escape — pointing just past the string (the last of an implicit
/// concatenation).
pub(super) fn unicode_name_error(cx: &Cx<'_>, e: &ParseError) -> Option<PyErr> {
    if !matches!(e.error, ParseErrorType::Lexical(LexicalErrorType::UnicodeError)) {
        return None;
    }
    // ruff's range is the name, between the braces.
    let (name_start, name_end) = (e.location.start().to_usize(), e.location.end().to_usize());
    let esc = name_start.checked_sub(3)?;
    if cx.src.get(esc..name_start)? != "\\N{" || cx.src.as_bytes().get(name_end) != Some(&b'}') {
        return None;
    }
    let i = cx.toks.iter().position(|t| t.kind == TK::Str && t.start <= esc && esc < t.end)?;
    let tok = cx.toks[i];
    let text = cx.text(&tok);
    let prefix = text.bytes().take_while(u8::is_ascii_alphabetic).count();
    if text[..prefix].bytes().any(|c| matches!(c | 0x20, b'f' | b'b' | b'r')) {
        return None;
    }
    let quotes = if text[prefix..].starts_with("\"\"\"") || text[prefix..].starts_with("'''") { 3 } else { 1 };
    let weight = |s: &str| s.chars().map(|c| if c.is_ascii() { 1 } else { 10 }).sum::<usize>();
    let first = weight(cx.src.get(tok.start + prefix + quotes..esc)?);
    let last = first + weight(&cx.src[esc..=name_end]) - 1;
    let end = cx.toks[i..].iter().take_while(|t| t.kind == TK::Str).last()?.end;
    let msg = format!(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position {first}-{last}: unknown Unicode character name"
    );
    Some(cx.err("SyntaxError", msg, range(end, end + 1)))
}

/// Errors inside an f-string: CPython 3.11 words them "f-string: ..." and points just
/// past the string.
pub(super) fn fstring_error(cx: &Cx<'_>, e: &ParseError) -> Option<PyErr> {
    use ruff_python_parser::InterpolatedStringErrorType as F;
    let p = e.location.start().to_usize();
    let tok = cx.toks.iter().find(|t| t.kind == TK::Str && t.start <= p && p < t.end)?;
    let text = cx.text(tok);
    if !text.bytes().take_while(u8::is_ascii_alphabetic).any(|c| (c | 0x20) == b'f') {
        return None;
    }
    if let Some(err) = fstring_field_error(cx, tok, p) {
        return Some(err);
    }
    let fe = match &e.error {
        ParseErrorType::FStringError(f) => Some(f),
        ParseErrorType::Lexical(LexicalErrorType::FStringError(f)) => Some(f),
        _ => None,
    };
    let msg = match fe {
        Some(F::InvalidConversionFlag) => "f-string: invalid conversion character: expected 's', 'r', or 'a'",
        Some(F::UnclosedLbrace) => "f-string: expecting '}'",
        Some(F::SingleRbrace) => "f-string: single '}' is not allowed",
        Some(_) => return None,
        None => match (&e.error, cx.src.as_bytes().get(p)) {
            (ParseErrorType::ExpectedExpression, Some(b'}')) => "f-string: empty expression not allowed",
            (ParseErrorType::ExpectedExpression, Some(b'!')) => "f-string: expression required before '!'",
            (ParseErrorType::ExpectedExpression, Some(b':')) => "f-string: expression required before ':'",
            _ => return None,
        },
    };
    Some(after_token(cx, tok, msg))
}

/// CPython 3.11 reports f-string errors at the token after the string.
pub(super) fn after_token(cx: &Cx<'_>, tok: &Tok, msg: &str) -> PyErr {
    let i = cx.tok_index(tok.end);
    let r = match cx.toks.get(i) {
        Some(t) if t.start >= tok.end && !matches!(t.kind, TK::Newline | TK::End | TK::Dedent) => range(t.start, t.end),
        _ => range(tok.end, tok.end),
    };
    cx.err("SyntaxError", msg, r)
}

/// The first f-string (starting before `limit`) that CPython 3.11's f-string parser
/// rejects. Its tokenizer ends an f-string at the first matching quote, so 3.12-style
/// nested quotes (`f"{d["k"]}"`) fail here even though ruff accepts them.
pub(super) fn fstring_311_error(cx: &Cx<'_>, limit: usize) -> Option<PyErr> {
    for tok in cx.toks.iter().filter(|t| t.kind == TK::Str && t.start < limit) {
        let text = cx.text(tok);
        let prefix_len = text.bytes().take_while(u8::is_ascii_alphabetic).count();
        if !text[..prefix_len].bytes().any(|c| (c | 0x20) == b'f') {
            continue;
        }
        let b = text.as_bytes();
        let q = prefix_len;
        let triple = b.len() >= q + 6 && b[q + 1] == b[q] && b[q + 2] == b[q];
        let qlen = if triple { 3 } else { 1 };
        if b.len() < q + 2 * qlen {
            continue; // unterminated: the tokenizer reports it
        }
        let body = &b[q + qlen..b.len() - qlen];
        if let Err(msg) = fstring_311(body, 0).map(|_| ()) {
            return Some(after_token(cx, tok, &msg));
        }
    }
    None
}

/// CPython 3.11's `fstring_find_literal_and_expr` over an f-string body (or a format
/// spec when `level` > 0, which ends at its closing `}`): returns where it stopped.
pub(super) fn fstring_311(b: &[u8], level: u32) -> Result<usize, String> {
    let n = b.len();
    let mut i = 0;
    loop {
        // Literal text.
        while i < n {
            match b[i] {
                b'{' if level == 0 && b.get(i + 1) == Some(&b'{') => i += 2,
                b'}' if level == 0 && b.get(i + 1) == Some(&b'}') => i += 2,
                b'}' if level == 0 => return Err("f-string: single '}' is not allowed".into()),
                b'}' => return Ok(i),
                b'{' => break,
                _ => i += 1,
            }
        }
        if i >= n {
            return Ok(n);
        }
        // A replacement field.
        if level >= 2 {
            return Err("f-string: expressions nested too deeply".into());
        }
        i += 1;
        let start = i;
        let mut stack: Vec<u8> = Vec::new();
        let mut quote: Option<(u8, bool)> = None;
        loop {
            if i >= n {
                if quote.is_some() {
                    return Err("f-string: unterminated string".into());
                }
                return Err(match stack.last() {
                    Some(&c) => format!("f-string: unmatched '{}'", c as char),
                    None => "f-string: expecting '}'".into(),
                });
            }
            let c = b[i];
            if c == b'\\' {
                return Err("f-string expression part cannot include a backslash".into());
            }
            if let Some((qc, tri)) = quote {
                if c == qc && (!tri || (b.get(i + 1) == Some(&qc) && b.get(i + 2) == Some(&qc))) {
                    quote = None;
                    i += if tri { 3 } else { 1 };
                } else {
                    i += 1;
                }
                continue;
            }
            match c {
                b'\'' | b'"' => {
                    let tri = b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
                    quote = Some((c, tri));
                    i += if tri { 3 } else { 1 };
                    continue;
                }
                b'(' | b'[' | b'{' => {
                    if stack.len() >= 200 {
                        return Err("f-string: too many nested parenthesis".into());
                    }
                    stack.push(c);
                }
                b'}' if stack.is_empty() => break,
                b')' | b']' | b'}' => {
                    let Some(open) = stack.pop() else {
                        return Err(format!("f-string: unmatched '{}'", c as char));
                    };
                    let want = match open {
                        b'(' => b')',
                        b'[' => b']',
                        _ => b'}',
                    };
                    if c != want {
                        return Err(format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            c as char, open as char
                        ));
                    }
                }
                b'#' => return Err("f-string expression part cannot include '#'".into()),
                b'!' if stack.is_empty() && b.get(i + 1) != Some(&b'=') => break,
                b':' if stack.is_empty() => break,
                b'=' if stack.is_empty()
                    && b.get(i + 1) != Some(&b'=')
                    && !matches!(b.get(i.wrapping_sub(1)), Some(b'=' | b'!' | b'<' | b'>')) =>
                {
                    break
                }
                _ => {}
            }
            i += 1;
        }
        if b[start..i].iter().all(|c| c.is_ascii_whitespace()) {
            return Err(match b[i] {
                b'}' => "f-string: empty expression not allowed".into(),
                c => format!("f-string: expression required before '{}'", c as char),
            });
        }
        if b[i] == b'=' {
            // `{x = }`: whitespace may follow the `=`.
            i += 1;
            while i < n && b[i].is_ascii_whitespace() {
                i += 1;
            }
        }
        if i < n && b[i] == b'!' {
            i += 1;
            match b.get(i) {
                Some(b's' | b'r' | b'a') => i += 1,
                Some(_) => return Err("f-string: invalid conversion character: expected 's', 'r', or 'a'".into()),
                None => return Err("f-string: expecting '}'".into()),
            }
        }
        if i < n && b[i] == b':' {
            i += 1;
            i += fstring_311(&b[i..], level + 1)?;
        }
        if i >= n || b[i] != b'}' {
            return Err("f-string: expecting '}'".into());
        }
        i += 1;
    }
}

/// CPython 3.11 compiles each replacement field's expression on its own, wrapped in
/// parentheses, and reports its errors against that text: `(a b)`.
pub(super) fn fstring_field_error(cx: &Cx<'_>, tok: &Tok, p: usize) -> Option<PyErr> {
    let text = cx.text(tok);
    let b = text.as_bytes();
    let q = b.iter().position(|c| matches!(c, b'\'' | b'"'))?;
    let triple = b.get(q + 1) == Some(&b[q]) && b.get(q + 2) == Some(&b[q]);
    let qlen = if triple { 3 } else { 1 };
    let body_end = if b.len() >= q + 2 * qlen && b.ends_with(&b[q..q + qlen]) { b.len() - qlen } else { b.len() };
    let mut i = q + qlen;
    while i < body_end {
        if b[i] != b'{' {
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&b'{') {
            i += 2;
            continue;
        }
        let start = i + 1;
        let (mut depth, mut j, mut expr_end) = (0i32, start, None);
        while j < body_end {
            match b[j] {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' => depth -= 1,
                b'}' if depth == 0 => break,
                b'}' => depth -= 1,
                b'!' if depth == 0 && expr_end.is_none() && b.get(j + 1) != Some(&b'=') => expr_end = Some(j),
                b':' if depth == 0 && expr_end.is_none() => expr_end = Some(j),
                b'=' if depth == 0
                    && expr_end.is_none()
                    && b.get(j + 1) != Some(&b'=')
                    && !matches!(b[j - 1], b'=' | b'!' | b'<' | b'>') =>
                {
                    expr_end = Some(j)
                }
                _ => {}
            }
            j += 1;
        }
        if tok.start + start <= p && p <= tok.start + j {
            let expr = text.get(start..expr_end.unwrap_or(j))?;
            let sub = format!("({expr})");
            let sub_lines = LineIndex::new(&sub);
            let e = parse("", &sub, &sub_lines).err()?;
            // The tokenizer's own errors keep their words; the parser's get a prefix.
            let msg = if is_tokenizer_message(&e.msg) { e.msg } else { format!("f-string: {}", e.msg) };
            return Some(PyErr {
                etype: e.kind,
                msg,
                line: cx.lines.line_col(tok.start).0,
                col: e.col,
                end_col: e.end_col,
                text: Some(sub),
            });
        }
        i = j + 1;
    }
    None
}

/// Messages `Lexer` produces (CPython's tokenizer raises them, not its parser).
pub(super) fn is_tokenizer_message(msg: &str) -> bool {
    const PREFIXES: [&str; 13] = [
        "invalid decimal literal",
        "invalid hexadecimal literal",
        "invalid octal literal",
        "invalid binary literal",
        "invalid imaginary literal",
        "invalid digit",
        "leading zeros",
        "invalid character",
        "invalid non-printable",
        "unterminated ",
        "unmatched '",
        "closing parenthesis",
        "too many nested parentheses",
    ];
    PREFIXES.iter().any(|p| msg.starts_with(p))
        || msg.ends_with("was never closed")
        || msg.starts_with("unexpected character after line continuation")
}

/// A `try` block without handlers: CPython points at what follows the block.
pub(super) fn missing_except(cx: &Cx<'_>, p: usize) -> PyErr {
    let msg = "expected 'except' or 'finally' block";
    let try_stmt = find_stmt_where(
        &cx.module.body,
        &|s| matches!(s, Stmt::Try(t) if t.handlers.is_empty() && t.finalbody.is_empty() && t.start().to_usize() < p.max(1)),
    );
    let after = try_stmt
        .and_then(|s| match s {
            Stmt::Try(t) => t.body.last().map(|b| b.end().to_usize()),
            _ => None,
        })
        .and_then(|end| {
            cx.toks.iter().find(|t| t.start >= end && !matches!(t.kind, TK::Newline | TK::Indent | TK::Dedent))
        });
    match after {
        Some(t) if t.kind != TK::End => cx.err("SyntaxError", msg, range(t.start, t.end)),
        _ => PyErr {
            etype: "SyntaxError",
            msg: msg.into(),
            line: cx.lines.line_count().max(1),
            col: 0,
            end_col: 0,
            text: None,
        },
    }
}

/// The first statement (in source order, at any depth) satisfying `pred`.
pub(super) fn find_stmt_where<'m>(body: &'m [Stmt], pred: &dyn Fn(&Stmt) -> bool) -> Option<&'m Stmt> {
    for s in body {
        if pred(s) {
            return Some(s);
        }
        let inner = match s {
            Stmt::FunctionDef(f) => find_stmt_where(&f.body, pred),
            Stmt::ClassDef(c) => find_stmt_where(&c.body, pred),
            Stmt::For(f) => find_stmt_where(&f.body, pred).or_else(|| find_stmt_where(&f.orelse, pred)),
            Stmt::While(w) => find_stmt_where(&w.body, pred).or_else(|| find_stmt_where(&w.orelse, pred)),
            Stmt::If(i) => find_stmt_where(&i.body, pred)
                .or_else(|| i.elif_else_clauses.iter().find_map(|c| find_stmt_where(&c.body, pred))),
            Stmt::With(w) => find_stmt_where(&w.body, pred),
            Stmt::Try(t) => find_stmt_where(&t.body, pred)
                .or_else(|| {
                    t.handlers.iter().find_map(|h| {
                        let ast::ExceptHandler::ExceptHandler(h) = h;
                        find_stmt_where(&h.body, pred)
                    })
                })
                .or_else(|| find_stmt_where(&t.orelse, pred))
                .or_else(|| find_stmt_where(&t.finalbody, pred)),
            _ => None,
        };
        if inner.is_some() {
            return inner;
        }
    }
    None
}

/// Python 2's `print 'x'` / `exec 'code'`: CPython highlights from the keyword to the end
/// of what follows it.
pub(super) fn legacy_print(cx: &Cx<'_>, p: usize) -> Option<PyErr> {
    let (prev, next) = find_pair(&cx.module.body, p)?;
    let Stmt::Expr(pe) = prev else { return None };
    let Expr::Name(n) = &*pe.value else {
        return None;
    };
    let word = n.id.as_str();
    if !matches!(word, "print" | "exec") {
        return None;
    }
    if cx.lines.line_col(prev.end().to_usize()).0 != cx.lines.line_col(p).0 {
        return None;
    }
    let end = next.end();
    Some(cx.err(
        "SyntaxError",
        format!("Missing parentheses in call to '{word}'. Did you mean {word}(...)?"),
        TextRange::new(prev.start(), end),
    ))
}

/// Two consecutive statements of one body, the second starting at `p`.
pub(super) fn find_pair(body: &[Stmt], p: usize) -> Option<(&Stmt, &Stmt)> {
    for w in body.windows(2) {
        if w[1].start().to_usize() == p {
            return Some((&w[0], &w[1]));
        }
    }
    for s in body {
        if !(s.start().to_usize() <= p && p <= s.end().to_usize()) {
            continue;
        }
        let found = match s {
            Stmt::FunctionDef(f) => find_pair(&f.body, p),
            Stmt::ClassDef(c) => find_pair(&c.body, p),
            Stmt::For(f) => find_pair(&f.body, p).or_else(|| find_pair(&f.orelse, p)),
            Stmt::While(w) => find_pair(&w.body, p).or_else(|| find_pair(&w.orelse, p)),
            Stmt::If(i) => {
                find_pair(&i.body, p).or_else(|| i.elif_else_clauses.iter().find_map(|c| find_pair(&c.body, p)))
            }
            Stmt::With(w) => find_pair(&w.body, p),
            Stmt::Try(t) => find_pair(&t.body, p)
                .or_else(|| {
                    t.handlers.iter().find_map(|h| {
                        let ast::ExceptHandler::ExceptHandler(h) = h;
                        find_pair(&h.body, p)
                    })
                })
                .or_else(|| find_pair(&t.orelse, p))
                .or_else(|| find_pair(&t.finalbody, p)),
            Stmt::Match(m) => m.cases.iter().find_map(|c| find_pair(&c.body, p)),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// "expected an indented block after 'if' statement on line N".
pub(super) fn indented_block(cx: &Cx<'_>, m: &str, p: usize) -> PyErr {
    let clause = m.trim_start_matches("Expected an indented block after ");
    let clause = match clause {
        "`if` statement" => "'if' statement",
        "`else` clause" => "'else' statement",
        "`elif` clause" => "'elif' statement",
        "`for` statement" => "'for' statement",
        "`with` statement" => "'with' statement",
        "`class` definition" => "class definition",
        "`while` statement" => "'while' statement",
        "`case` block" => "'case' statement",
        "`try` statement" => "'try' statement",
        "`except` clause" => "'except' statement",
        "`finally` clause" => "'finally' statement",
        "`match` statement" => "'match' statement",
        other => other,
    };
    // The header's NEWLINE is the last one at or before the error.
    let nl = cx.toks.iter().rposition(|t| t.kind == TK::Newline && t.start <= p);
    let header_line = match nl {
        Some(i) => {
            let s = cx.line_start_tok(i);
            cx.lines.line_col(cx.toks[s].start).0
        }
        None => cx.lines.line_col(p).0,
    };
    let msg = format!("expected an indented block after {clause} on line {header_line}");
    let at_eof = match nl {
        Some(i) => cx.toks[i + 1..].iter().all(|t| matches!(t.kind, TK::Newline | TK::Dedent | TK::End)),
        None => false,
    };
    if at_eof {
        // CPython reports the file's last line, without a caret.
        let line = cx.lines.line_count().max(1);
        return PyErr { etype: "IndentationError", msg, line, col: 0, end_col: 0, text: None };
    }
    let (line, col) = cx.lines.line_col(p);
    PyErr { etype: "IndentationError", msg, line, col: col + 1, end_col: col + 2, text: None }
}

/// ruff expected a `:`.
pub(super) fn colon(cx: &Cx<'_>, p: usize, found: TokenKind) -> PyErr {
    let i = cx.tok_index(p);
    if let Some(open) = cx.open_bracket(i) {
        if cx.text(&cx.toks[open]) == "{" && i > 0 {
            // After a dictionary key: CPython points at the key's last character.
            let end = cx.toks[i - 1].end;
            let (line, col) = cx.lines.line_col(end);
            return PyErr {
                etype: "SyntaxError",
                msg: "':' expected after dictionary key".into(),
                line,
                col,
                end_col: 0,
                text: None,
            };
        }
        return cx.generic(p);
    }
    if found == TokenKind::Newline {
        return cx.err("SyntaxError", "expected ':'", range(p, p + 1));
    }
    let head = cx.line_start_tok(i);
    let head_tok = cx.toks[head];
    if found == TokenKind::Equal && cx.is_kw(&head_tok, &["if", "elif", "while"]) {
        if let Some(e) = maybe_meant_eq(cx, head + 1, i) {
            return e;
        }
    }
    if cx.is_kw(&head_tok, &["def", "else", "try", "finally"]) {
        let t = cx.toks[i];
        return cx.err("SyntaxError", "expected ':'", range(t.start, t.end));
    }
    cx.generic(p)
}

/// `if x = 1:` → "invalid syntax. Maybe you meant '==' or ':=' instead of '='?".
pub(super) fn maybe_meant_eq(cx: &Cx<'_>, a: usize, eq: usize) -> Option<PyErr> {
    if a >= eq {
        return None;
    }
    let a_start = cx.toks[a].start;
    let a_end = cx.toks[eq - 1].end;
    let target = find_expr(cx.module, |x| x.start().to_usize() == a_start && x.end().to_usize() == a_end)?;
    let b_end = cx.expr_end(eq + 1, true)?;
    match target {
        Expr::Name(_) => Some(cx.err(
            "SyntaxError",
            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            range(a_start, b_end),
        )),
        Expr::List(_) | Expr::Tuple(_) | Expr::Generator(_) | Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) => None,
        x => Some(cx.err(
            "SyntaxError",
            format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(x)),
            range(a_start, a_end),
        )),
    }
}

/// Two expressions side by side inside brackets: "Perhaps you forgot a comma?".
pub(super) fn missing_comma(cx: &Cx<'_>, p: usize) -> Option<PyErr> {
    let i = cx.tok_index(p);
    if i == 0 || cx.toks[i].start != p {
        return None;
    }
    let open = cx.open_bracket(i)?;
    if open >= 2 && cx.is_kw(&cx.toks[open - 2], &["def"]) {
        return None;
    }
    let (prev, found) = (cx.toks[i - 1], cx.toks[i]);
    if !cx.ends_expr(&prev) || !cx.starts_expr(&found) {
        return None;
    }
    if prev.kind == TK::Name && found.kind == TK::Str {
        return None;
    }
    // Back to the start of the expression before: after `,`, `:`, `=` or the bracket.
    let mut depth = 0i32;
    let mut a = i - 1;
    loop {
        let t = cx.toks[a];
        let s = cx.text(&t);
        if t.kind == TK::Op {
            match s {
                ")" | "]" | "}" => depth += 1,
                "(" | "[" | "{" if depth == 0 => {
                    a += 1;
                    break;
                }
                "(" | "[" | "{" => depth -= 1,
                "," | ":" | "=" if depth == 0 => {
                    a += 1;
                    break;
                }
                _ => {}
            }
        }
        if t.kind == TK::Name && depth == 0 && matches!(s, "lambda" | "else" | "if" | "for" | "in") {
            a += 1;
            break;
        }
        if a == 0 {
            break;
        }
        a -= 1;
    }
    if a + 1 == i && cx.is_kw(&cx.toks[a], &["print", "exec"]) {
        return None;
    }
    let b_end = cx.expr_end(i, false)?;
    Some(cx.err("SyntaxError", "invalid syntax. Perhaps you forgot a comma?", range(cx.toks[a].start, b_end)))
}

/// `[1, 2 for x in y]`: "did you forget parentheses around the comprehension target?".
pub(super) fn comprehension_target(cx: &Cx<'_>, p: usize) -> Option<PyErr> {
    let i = cx.tok_index(p);
    if !cx.is_kw(&cx.toks[i], &["for"]) {
        return None;
    }
    let open = cx.open_bracket(i)?;
    if !matches!(cx.text(&cx.toks[open]), "[" | "{") || open + 1 >= i {
        return None;
    }
    let mut depth = 0i32;
    let mut comma = false;
    for t in &cx.toks[open + 1..i] {
        match (t.kind, cx.text(t)) {
            (TK::Op, "(" | "[" | "{") => depth += 1,
            (TK::Op, ")" | "]" | "}") => depth -= 1,
            (TK::Op, ",") if depth == 0 => comma = true,
            _ => {}
        }
    }
    if !comma {
        return None;
    }
    Some(cx.err(
        "SyntaxError",
        "did you forget parentheses around the comprehension target?",
        range(cx.toks[open + 1].start, cx.toks[i - 1].end),
    ))
}

/// Invalid assignment targets: "cannot assign to X" (with "here. Maybe you meant '=='
/// instead of '='?" when `X = y` could have been a comparison).
pub(super) fn assign_target(cx: &Cx<'_>, loc: TextRange) -> PyErr {
    let p = loc.start().to_usize();
    let Some(target) = find_expr(cx.module, |x| x.range() == loc) else {
        return cx.generic(p);
    };
    if matches!(target, Expr::Yield(_) | Expr::YieldFrom(_)) {
        return cx.err("SyntaxError", "assignment to yield expression not possible", loc);
    }
    let enclosing = find_stmt(&cx.module.body, p);
    if let Some(Stmt::With(w)) = enclosing {
        let is_item_target = w.items.iter().any(|i| i.optional_vars.as_ref().is_some_and(|v| v.range() == loc));
        let i = cx.tok_index(loc.end().to_usize());
        let next_ok = cx.toks.get(i).is_some_and(|t| matches!(cx.text(t), "," | ")" | ":"));
        if is_item_target && !next_ok {
            return cx.generic(loc.end().to_usize());
        }
    }
    let name = expr_name(target);
    // A parenthesized expression is an atom (`(a := 1) = 2` gets the "here" variant).
    let start_i = cx.tok_index(p);
    let end_i = cx.tok_index(loc.end().to_usize());
    let parenthesized =
        start_i > 0 && cx.text(&cx.toks[start_i - 1]) == "(" && cx.toks.get(end_i).is_some_and(|t| cx.text(t) == ")");
    let excluded = matches!(target, Expr::Tuple(_) | Expr::Generator(_))
        || !parenthesized
            && matches!(
                target,
                Expr::Tuple(_)
                    | Expr::List(_)
                    | Expr::Generator(_)
                    | Expr::BooleanLiteral(_)
                    | Expr::NoneLiteral(_)
                    | Expr::Starred(_)
                    | Expr::Compare(_)
                    | Expr::BoolOp(_)
                    | Expr::If(_)
                    | Expr::Lambda(_)
                    | Expr::Named(_)
            )
        || matches!(target, Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not);
    let in_first_target = enclosing.is_some_and(|s| match s {
        Stmt::Assign(a) => a.targets.first().is_some_and(|t| t.range().contains_range(loc)),
        _ => false,
    });
    if !excluded && in_first_target {
        let i = if parenthesized { end_i + 1 } else { end_i };
        let is_eq = cx.toks.get(i).is_some_and(|t| t.kind == TK::Op && cx.text(t) == "=");
        if is_eq {
            if let Some(b_end) = cx.expr_end(i + 1, true) {
                let after = cx.toks.iter().find(|t| t.start >= b_end);
                let chained = after.is_some_and(|t| matches!(cx.text(t), "=" | ":="));
                if !chained {
                    return cx.err(
                        "SyntaxError",
                        format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?"),
                        loc,
                    );
                }
            }
        }
    }
    cx.err("SyntaxError", format!("cannot assign to {name}"), loc)
}

/// The innermost statement containing `p`.
pub(super) fn find_stmt(body: &[Stmt], p: usize) -> Option<&Stmt> {
    let s = body.iter().find(|s| s.start().to_usize() <= p && p < s.end().to_usize())?;
    let inner = match s {
        Stmt::FunctionDef(f) => find_stmt(&f.body, p),
        Stmt::ClassDef(c) => find_stmt(&c.body, p),
        Stmt::For(f) => find_stmt(&f.body, p).or_else(|| find_stmt(&f.orelse, p)),
        Stmt::While(w) => find_stmt(&w.body, p).or_else(|| find_stmt(&w.orelse, p)),
        Stmt::If(i) => find_stmt(&i.body, p).or_else(|| i.elif_else_clauses.iter().find_map(|c| find_stmt(&c.body, p))),
        Stmt::With(w) => find_stmt(&w.body, p),
        Stmt::Try(t) => find_stmt(&t.body, p)
            .or_else(|| {
                t.handlers.iter().find_map(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    find_stmt(&h.body, p)
                })
            })
            .or_else(|| find_stmt(&t.orelse, p))
            .or_else(|| find_stmt(&t.finalbody, p)),
        _ => None,
    };
    inner.or(Some(s))
}

/// The outermost expression satisfying `pred` (statement ranges prune the search).
pub(super) fn find_expr(m: &ModModule, pred: impl Fn(&Expr) -> bool) -> Option<&Expr> {
    struct F<'m, P> {
        pred: P,
        found: Option<&'m Expr>,
    }
    impl<'m, P: Fn(&Expr) -> bool> Visitor<'m> for F<'m, P> {
        fn visit_stmt(&mut self, s: &'m Stmt) {
            if self.found.is_none() {
                walk_stmt(self, s);
            }
        }
        fn visit_expr(&mut self, e: &'m Expr) {
            if self.found.is_some() {
                return;
            }
            if (self.pred)(e) {
                self.found = Some(e);
                return;
            }
            walk_expr(self, e);
        }
    }
    let mut f = F { pred, found: None };
    for s in &m.body {
        f.visit_stmt(s);
    }
    f.found
}
