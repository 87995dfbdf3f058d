//! Syntax classes for displaying a program (the page's source view), from the same parser's
//! tokens the compiler uses, so the colours agree with how concsim reads the program.
//! Invariant: spans are sorted, do not overlap, and lie on char boundaries of the source; a
//! program that does not parse still gets spans for the tokens before and after the error.

use ruff_python_ast::token::TokenKind;
use ruff_python_ast::PySourceType;
use ruff_text_size::Ranged;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Keyword,
    String,
    Number,
    Comment,
    /// A builtin function the tutorials use (`print`, `range`, …).
    Builtin,
}

impl Class {
    /// The CSS class the page uses.
    pub fn css(self) -> &'static str {
        match self {
            Class::Keyword => "kw",
            Class::String => "str",
            Class::Number => "num",
            Class::Comment => "com",
            Class::Builtin => "bi",
        }
    }
}

const BUILTINS: &[&str] = &[
    "print",
    "range",
    "len",
    "str",
    "int",
    "float",
    "list",
    "dict",
    "set",
    "tuple",
    "repr",
    "isinstance",
    "sorted",
    "sum",
    "min",
    "max",
    "enumerate",
    "zip",
    "map",
    "filter",
    "open",
    "super",
    "Exception",
];

/// `(start, end, class)` byte ranges of the source worth colouring, in order.
pub fn highlight(source: &str) -> Vec<(usize, usize, Class)> {
    let parsed = ruff_python_parser::parse_unchecked_source(source, PySourceType::Python);
    let mut out = Vec::new();
    for tok in parsed.tokens().iter() {
        let kind = tok.kind();
        let r = tok.range();
        let (start, end) = (usize::from(r.start()), usize::from(r.end()));
        let class = match kind {
            TokenKind::String | TokenKind::FStringStart | TokenKind::FStringMiddle | TokenKind::FStringEnd => {
                Class::String
            }
            TokenKind::Int | TokenKind::Float | TokenKind::Complex => Class::Number,
            TokenKind::Comment => Class::Comment,
            TokenKind::Name if BUILTINS.contains(&&source[start..end]) => Class::Builtin,
            k if k.is_non_soft_keyword() => Class::Keyword,
            _ => continue,
        };
        out.push((start, end, class));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_a_small_program() {
        let src = "import os  # hi\nif x == 0:\n    print('a', 1.5)\n";
        let got: Vec<(&str, Class)> = highlight(src).into_iter().map(|(a, b, c)| (&src[a..b], c)).collect();
        assert_eq!(
            got,
            [
                ("import", Class::Keyword),
                ("# hi", Class::Comment),
                ("if", Class::Keyword),
                ("0", Class::Number),
                ("print", Class::Builtin),
                ("'a'", Class::String),
                ("1.5", Class::Number),
            ]
        );
    }

    #[test]
    fn a_program_with_a_syntax_error_still_gets_classes() {
        let src = "x = (\nprint('still')\n";
        assert!(highlight(src).iter().any(|&(a, b, c)| c == Class::String && &src[a..b] == "'still'"));
    }
}
