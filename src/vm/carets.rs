//! CPython 3.11's traceback source lines: the stripped line, and under it the caret line
//! (`^^^^`, or `~~^~~` for binary operators and `~~~^^^^` for subscripts) when the failing
//! expression does not span the whole line. A port of `traceback.StackSummary
//! .format_frame_summary` and `_extract_caret_anchors_from_line_segment`. Invariant: output
//! depends only on the source line and the recorded span.

use super::value::TracebackEntry;
use ruff_python_ast::Expr;
use ruff_text_size::Ranged;

/// Byte offset in `line` → character offset (CPython reports byte columns).
fn char_offset(line: &str, byte: usize) -> usize {
    let b = byte.min(line.len());
    let mut b = b;
    while b > 0 && !line.is_char_boundary(b) {
        b -= 1;
    }
    line[..b].chars().count()
}

/// `(left_end, right_start)` in characters of `segment`, for BinOp and Subscript segments.
fn anchors(segment: &str) -> Option<(usize, usize)> {
    let parsed = ruff_python_parser::parse_expression(segment).ok()?;
    let expr = parsed.into_syntax().body;
    let chars: Vec<char> = segment.chars().collect();
    let norm = |byte: u32| char_offset(segment, byte as usize);
    match *expr {
        Expr::BinOp(b) => {
            let op_start = norm(b.left.range().end().into());
            let op_end = norm(b.right.range().start().into());
            let op_str: String = chars[op_start..op_end.max(op_start)].iter().collect();
            let offset = op_str.chars().count() - op_str.trim_start().chars().count();
            let mut left = op_start + offset;
            let mut right = left + 1;
            let op_chars: Vec<char> = op_str.chars().collect();
            if offset + 1 < op_chars.len() && !op_chars[offset + 1].is_whitespace() {
                right += 1;
            }
            while left < chars.len() && (chars[left].is_whitespace() || chars[left] == ')' || chars[left] == '#') {
                left += 1;
                right += 1;
            }
            Some((left, right))
        }
        Expr::Subscript(s) => {
            let mut left = norm(s.value.range().end().into());
            let mut right = norm(s.slice.range().end().into()) + 1;
            while left < chars.len() && (chars[left].is_whitespace() || chars[left] != '[') {
                left += 1;
            }
            while right < chars.len() && (chars[right].is_whitespace() || chars[right] != ']') {
                right += 1;
            }
            if right < chars.len() {
                right += 1;
            }
            Some((left, right))
        }
        _ => None,
    }
}

/// The `    source` line and, when CPython shows one, the caret line under it.
pub fn source_lines(line: &str, e: &TracebackEntry) -> String {
    let stripped = line.trim();
    if stripped.is_empty() {
        return String::new();
    }
    let mut out = format!("    {stripped}\n");
    if e.end_line == 0 || e.end_col == 0 && e.col == 0 {
        return out;
    }
    let stripped_chars = line.chars().count() - line.trim_start().chars().count();
    let stripped_len = stripped.chars().count();
    let start = char_offset(line, e.col as usize);
    let mut end = char_offset(line, e.end_col as usize);
    let mut anch = None;
    if e.line == e.end_line {
        if start < end {
            let segment: String = line.chars().skip(start).take(end - start).collect();
            anch = anchors(&segment);
        }
    } else {
        end = stripped_chars + stripped_len;
    }
    if end <= start {
        return out;
    }
    let anchored = anch.is_some_and(|(l, r)| r > l);
    if end - start < stripped_len || anchored {
        out.push_str("    ");
        out.push_str(&" ".repeat(start.saturating_sub(stripped_chars)));
        match anch {
            Some((l, r)) => {
                let l = l.min(end - start);
                let r = r.clamp(l, end - start);
                out.push_str(&"~".repeat(l));
                out.push_str(&"^".repeat(r - l));
                out.push_str(&"~".repeat(end - start - r));
            }
            None => out.push_str(&"^".repeat(end - start)),
        }
        out.push('\n');
    }
    out
}
