use std::{env, fs, path::PathBuf};
use unicode_names2_generator as generator;

/// [UnicodeData.txt] contains Unicode Character Data
///
/// [UnicodeData.txt]: https://www.unicode.org/Public/16.0.0/ucd/UnicodeData.txt
const UNICODE_DATA: &str = include_str!("data/UnicodeData.txt");
/// Unicode aliases
///
/// [NamesList.txt] contents contains a map of unicode aliases to their corresponding values.
///
/// [NamesList.txt]: https://www.unicode.org/Public/16.0.0/ucd/NameAliases.txt
const NAME_ALIASES: &str = include_str!("data/NameAliases.txt");

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=data/");
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").unwrap());
    {
        let mut generated_path = out_dir.clone();
        generated_path.push("generated.rs");
        generator::generate(UNICODE_DATA, Some(&generated_path), None);
    }
    {
        let mut generated_phf_path = out_dir.clone();
        generated_phf_path.push("generated_phf.rs");
        generator::generate_phf(UNICODE_DATA, Some(&generated_phf_path), None, 3, 2);
    }
    {
        let mut compact_path = out_dir.clone();
        compact_path.push("compact_names.bin");
        fs::write(compact_path, compact_names(UNICODE_DATA)).unwrap();
    }
    {
        let mut generated_alias_path = out_dir;
        generated_alias_path.push("generated_alias.rs");
        generator::generate_aliases(NAME_ALIASES, &generated_alias_path);
    }
}

/// concsim: the name table of `src/compact.rs` (the page's wasm32 build; see VENDORED.md).
///
/// The names that upstream's generator puts in its tables (every line of UnicodeData.txt up
/// to the first empty one, less the `<...>` ones: controls and the ranges of CJK unified
/// ideographs and Hangul syllables, which `character` computes), one a line in code point
/// order. A line `@HEX` sets the next name's code point; otherwise it is one more than the
/// last. A name that ends in `-` and its own code point (`{:04X}`, as in
/// `CJK COMPATIBILITY IDEOGRAPH-F900`) is written with `*` in place of the number: 6,000
/// names, 17 KB less once gzipped. Each name line is front-coded: one byte `0x80 + k` says
/// that its first `k` bytes are the previous name line's, then the rest follows (names in
/// code point order share long prefixes: 141 KB gzipped as plain text, 112 KB so). The page
/// is served gzipped, and gzip does the rest of the compressing.
fn compact_names(unicode_data: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut next = None;
    let mut previous: Vec<u8> = Vec::new();
    for line in unicode_data.lines() {
        let line = line.trim();
        if line.is_empty() {
            break;
        }
        let mut fields = line.split(';');
        let cp = u32::from_str_radix(fields.next().unwrap(), 16).unwrap();
        let name = fields.next().unwrap();
        if char::from_u32(cp).is_none() || name.starts_with('<') {
            continue;
        }
        assert!(
            name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ' || b == b'-'),
            "{}: a name outside [A-Z0-9 -] would clash with the table's `@` and `*`",
            name
        );
        if next != Some(cp) {
            out.extend_from_slice(format!("@{cp:X}\n").as_bytes());
        }
        next = Some(cp + 1);
        let entry = match name.strip_suffix(&format!("-{cp:04X}")) {
            Some(stem) => format!("{stem}-*").into_bytes(),
            None => name.as_bytes().to_vec(),
        };
        let shared = entry.iter().zip(&previous).take_while(|(a, b)| a == b).count().min(127);
        out.push(0x80 + shared as u8);
        out.extend_from_slice(&entry[shared..]);
        out.push(b'\n');
        previous = entry;
    }
    out
}
