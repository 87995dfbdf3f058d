//! Copies the Python preludes (`src/vm/modules/py/*.py`) into `OUT_DIR` with their comment-only
//! lines blanked, for `prelude_source` to include. Why: the preludes ride inside the page's wasm,
//! and their comments are a seventh of its compressed size (the page must stay under 1 MB
//! gzipped). Invariant: a copy has the same lines as its source, in the same places, and the
//! same code: only a line whose first token is a comment becomes empty (a `#` inside a
//! triple-quoted string is text, not a comment, and is kept), so line numbers in tracebacks and
//! `caller_frames` stay those of the file in the tree. A native test
//! (`vm::modules::tests::stripped_preludes_compile_alike`) compiles both and compares them.

use std::fs;
use std::path::Path;

fn main() {
    embed_levels();
    let source_dir = Path::new("src/vm/modules/py");
    println!("cargo:rerun-if-changed={}", source_dir.display());
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let target_dir = Path::new(&out_dir).join("py");
    fs::create_dir_all(&target_dir).expect("create OUT_DIR/py");
    let mut entries: Vec<_> = fs::read_dir(source_dir)
        .expect("read src/vm/modules/py")
        .map(|entry| entry.expect("list src/vm/modules/py").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .collect();
    entries.sort();
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("read a prelude");
        let name = path.file_name().expect("a prelude has a file name");
        fs::write(target_dir.join(name), blank_comment_lines(&text)).expect("write a prelude");
    }
}

/// Writes `OUT_DIR/levels.rs`: `FILES`, every `levels/*.py` (name, text), which
/// `levels::builtin` embeds in the native build (the page fetches them, `web::level_files`),
/// and `COUNT`, the number of levels (one program `levels/ID.py` each, besides the fixes
/// `ID.fix.py`; `tests/levels.rs` checks it against the manifest).
fn embed_levels() {
    let dir = Path::new("levels");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read levels/")
        .map(|e| e.expect("list levels/").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py"))
        .collect();
    names.sort();
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let count = names.iter().filter(|n| !n.ends_with(".fix.py")).count();
    let mut out =
        format!("/// The number of levels (of programs `levels/ID.py`).\npub const COUNT: usize = {count};\n");
    out.push_str("/// Every `levels/*.py`: (file name, text).\n#[cfg(not(target_arch = \"wasm32\"))]\nstatic FILES: &[(&str, &str)] = &[\n");
    for n in names {
        println!("cargo:rerun-if-changed=levels/{n}");
        out.push_str(&format!("    ({n:?}, include_str!({:?})),\n", format!("{root}/levels/{n}")));
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    fs::write(Path::new(&out_dir).join("levels.rs"), out).expect("write levels.rs");
}

/// `text` with every line that holds only a comment (outside a triple-quoted string) made empty.
fn blank_comment_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open_triple: Option<char> = None;
    for line in text.split_inclusive('\n') {
        let is_comment = open_triple.is_none() && line.trim_start().starts_with('#');
        if is_comment {
            out.push_str(if line.ends_with('\n') { "\n" } else { "" });
        } else {
            out.push_str(line);
            open_triple = triple_quote_state_after(line, open_triple);
        }
    }
    out
}

/// Which triple quote (if any) is still open at the end of `line`, given the one open at its
/// start. Single-quoted strings end on their line (or by a backslash continuation, which the
/// preludes do not use inside strings), so only triple quotes carry state across lines.
fn triple_quote_state_after(line: &str, mut open_triple: Option<char>) -> Option<char> {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let is_triple = |i: usize, q: char| chars.get(i..i + 3).is_some_and(|s| s.iter().all(|&c| c == q));
    while i < chars.len() {
        let c = chars[i];
        match open_triple {
            Some(q) => {
                if c == '\\' {
                    i += 2;
                    continue;
                }
                if is_triple(i, q) {
                    open_triple = None;
                    i += 3;
                    continue;
                }
                i += 1;
            }
            None => {
                if c == '#' {
                    break;
                }
                if c == '"' || c == '\'' {
                    if is_triple(i, c) {
                        open_triple = Some(c);
                        i += 3;
                        continue;
                    }
                    i += 1;
                    while i < chars.len() && chars[i] != c {
                        i += if chars[i] == '\\' { 2 } else { 1 };
                    }
                }
                i += 1;
            }
        }
    }
    open_triple
}
