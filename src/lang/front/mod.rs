//! The front end: parses a program with ruff's parser and turns every program CPython 3.11
//! would reject into CPython's exact SyntaxError report: CPython's tokenizer checks
//! (unclosed brackets, indentation, invalid characters, f-string rules) re-implemented
//! over the source, nesting limits checked before the recursive parser runs, and ruff's
//! parse errors translated into CPython's messages. Invariant: `parse` returns a module only
//! when CPython would parse it too; it never panics and never recurses without a budget.

mod lexer;
mod translate;

use super::lines::LineIndex;
use crate::lang::CompileError;
use crate::limits::{MAX_INDENT, MAX_PARENS, MAX_PARSE_WEIGHT};
use lexer::*;
use ruff_python_ast::token::TokenKind;
use ruff_python_ast::visitor::{walk_expr, walk_stmt, Visitor};
use ruff_python_ast::{self as ast, Expr, ModModule, Stmt};
use ruff_python_parser::LexicalErrorType;
use ruff_python_parser::{parse_unchecked, Mode, ParseError, ParseErrorType, ParseOptions};
use ruff_text_size::{Ranged, TextRange, TextSize};
use translate::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum TK {
    Name,
    Number,
    Str,
    Op,
    Newline,
    Indent,
    Dedent,
    End,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    pub(super) kind: TK,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// A SyntaxError as CPython reports it: 1-based line, 1-based byte columns (`col` 0
/// means "no caret", as CPython prints none for some errors).
#[derive(Clone, Debug)]
pub(super) struct PyErr {
    pub(super) etype: &'static str,
    pub(super) msg: String,
    pub(super) line: u32,
    pub(super) col: u32,
    pub(super) end_col: u32,
    /// The source line shown, when not the file's own line (f-string expressions).
    pub(super) text: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Prio {
    /// CPython's tokenizer raises it itself: it wins over any parser error.
    Raised,
    /// An error token, reported only if the parser gets that far.
    Reached,
    /// End of file inside brackets.
    Unclosed { paren_line: u32 },
}

#[derive(Clone, Debug)]
pub(super) struct TokErr {
    pub(super) err: PyErr,
    pub(super) at: usize,
    pub(super) prio: Prio,
}

pub(super) fn parse(filename: &str, source: &str, lines: &LineIndex<'_>) -> Result<ModModule, CompileError> {
    let finish = |e: PyErr| -> CompileError {
        CompileError {
            kind: e.etype,
            msg: e.msg,
            filename: filename.to_string(),
            line: e.line,
            col: e.col,
            end_col: e.end_col,
            text: e.text.unwrap_or_else(|| lines.line_text(e.line).to_string()),
        }
    };
    if let Some(i) = source.find('\0') {
        let (line, col) = lines.line_col(i);
        let text = lines.line_text(line);
        let mut cut = (col as usize).min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        return Err(CompileError {
            kind: "SyntaxError",
            msg: "source code cannot contain null bytes".into(),
            filename: filename.to_string(),
            line,
            col: 0,
            end_col: 0,
            text: text[..cut].to_string(),
        });
    }
    let lexed = Lexer::run(source, lines);
    if let Some(deep) = &lexed.too_deep {
        if let Some(te) = &lexed.error {
            if te.at <= deep.at {
                return Err(finish(te.err.clone()));
            }
        }
        return Err(finish(deep.err.clone()));
    }
    let parsed = parse_unchecked(source, ParseOptions::from(Mode::Module));
    // ruff's first error in detection order (its lexical errors are merged in by
    // position) is the closest to the point where CPython's parser gives up.
    let first = parsed.errors().first().cloned();
    let module = match parsed.into_syntax() {
        ast::Mod::Module(m) => m,
        ast::Mod::Expression(e) => return Err(finish(err_range(lines, "SyntaxError", "invalid syntax", e.range))),
    };
    let Some(first) = first else {
        // ruff accepts inconsistent tabs, any indentation depth and 3.12 f-strings
        // (newlines and nested quotes inside); CPython 3.11's tokenizer does not.
        if let Some(te) = lexed.error {
            if !matches!(te.prio, Prio::Unclosed { .. }) {
                return Err(finish(te.err));
            }
        }
        let cx = Cx { src: source, lines, toks: &lexed.toks, module: &module };
        if let Some(e) = fstring_311_error(&cx, usize::MAX) {
            return Err(finish(e));
        }
        if let Some(e) = grammar_checks(&module, lines) {
            return Err(finish(e));
        }
        return Ok(module);
    };
    let cx = Cx { src: source, lines, toks: &lexed.toks, module: &module };
    // An f-string CPython 3.11 rejects, before ruff's error, is reached first.
    if let Some(e) = fstring_311_error(&cx, first.location.start().to_usize()) {
        if lexed.error.as_ref().is_none_or(|te| te.prio != Prio::Raised) {
            return Err(finish(e));
        }
    }
    let (cp, overridable) = translate(&first, &cx);
    let p = first.location.start().to_usize();
    if let Some(te) = lexed.error {
        let wins = match te.prio {
            _ if te.at <= p => true,
            Prio::Raised => overridable,
            Prio::Unclosed { paren_line } => overridable && paren_line < lines.line_col(p).0,
            Prio::Reached => false,
        };
        if wins {
            return Err(finish(te.err));
        }
    }
    Err(finish(cp))
}

pub(super) fn err_range(lines: &LineIndex<'_>, etype: &'static str, msg: &str, r: TextRange) -> PyErr {
    let e = lines.error("", etype, msg, r);
    PyErr { etype, msg: msg.to_string(), line: e.line, col: e.col, end_col: e.end_col, text: None }
}

/// What ruff accepts but CPython's grammar rejects: `except A, B:` (an unparenthesized
/// tuple) and `class C(x for x in y):`.
pub(super) fn grammar_checks(m: &ModModule, lines: &LineIndex<'_>) -> Option<PyErr> {
    struct V<'l> {
        lines: &'l LineIndex<'l>,
        found: Option<PyErr>,
    }
    impl<'a> Visitor<'a> for V<'_> {
        fn visit_stmt(&mut self, s: &'a Stmt) {
            if self.found.is_some() {
                return;
            }
            if let Stmt::ClassDef(c) = s {
                for b in c.arguments.iter().flat_map(|a| a.args.iter()) {
                    if let Expr::Generator(g) = b {
                        if let (false, Some(first)) = (g.parenthesized, g.generators.first()) {
                            if self.found.is_none() {
                                let at = first.range.start();
                                let r = TextRange::new(at, at + TextSize::from(3));
                                self.found = Some(err_range(self.lines, "SyntaxError", "invalid syntax", r));
                            }
                        }
                    }
                }
            }
            if let Stmt::Try(t) = s {
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(Expr::Tuple(tu)) = h.type_.as_deref() {
                        if !tu.parenthesized && self.found.is_none() {
                            self.found = Some(err_range(
                                self.lines,
                                "SyntaxError",
                                "multiple exception types must be parenthesized",
                                tu.range,
                            ));
                        }
                    }
                }
            }
            walk_stmt(self, s);
        }
        fn visit_expr(&mut self, e: &'a Expr) {
            if self.found.is_some() {
                return;
            }
            if let Expr::FString(f) = e {
                for part in f.value.iter() {
                    if let ast::FStringPart::FString(fs) = part {
                        if too_deep_spec(&fs.elements, 0) {
                            let (line, col) = self.lines.line_col(fs.range.end().to_usize());
                            self.found = Some(PyErr {
                                etype: "SyntaxError",
                                msg: "f-string: expressions nested too deeply".into(),
                                line,
                                col: col + 1,
                                end_col: col + 2,
                                text: None,
                            });
                            return;
                        }
                    }
                }
            }
            walk_expr(self, e);
        }
    }
    /// A replacement field inside two levels of format specs (CPython 3.11's limit).
    pub(super) fn too_deep_spec(elements: &ast::InterpolatedStringElements, level: u32) -> bool {
        elements.iter().any(|el| match el {
            ast::InterpolatedStringElement::Interpolation(i) => {
                level >= 2 || i.format_spec.as_ref().is_some_and(|s| too_deep_spec(&s.elements, level + 1))
            }
            ast::InterpolatedStringElement::Literal(_) => false,
        })
    }
    let mut v = V { lines, found: None };
    for s in &m.body {
        v.visit_stmt(s);
    }
    v.found
}

/// CPython's `_PyPegen_get_expr_name`, for "cannot assign to ..." messages.
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => "literal",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        Expr::Slice(_) | Expr::IpyEscapeCommand(_) => "expression",
    }
}
