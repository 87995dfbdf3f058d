//! The page's `\N{...}` look-up equals the native one. The page's wasm32 build resolves names
//! with vendor/unicode_names2's compact table (`character_compact`), native builds with
//! upstream's perfect hash (`character`); see vendor/unicode_names2/VENDORED.md. Both run here
//! on every name and alias, on the lines of UnicodeData.txt that are not names and on near
//! misses. tests/wasm_parity.rs checks the wasm build itself on a program
//! (tests/py/unicode_names.py).
//!
//! The page's look-up scans its table (about a millisecond, once per `\N{...}` escape in a
//! program), so lower-case spellings and near misses, which exercise code both paths share or
//! cost a full scan each, are checked on every 16th name only.

use unicode_names2::{character, character_compact, name};

const UNICODE_DATA: &str = include_str!("../vendor/unicode_names2/data/UnicodeData.txt");
const NAME_ALIASES: &str = include_str!("../vendor/unicode_names2/data/NameAliases.txt");

/// Both look-ups give `want` for `query`.
fn check(query: &str, want: Option<char>, problems: &mut Vec<String>) {
    let (native, page) = (character(query), character_compact(query));
    if native != want || page != want {
        problems.push(format!("{query:?}: want {want:?}, native {native:?}, page {page:?}"));
    }
}

/// Every 16th item (see the module's comment).
fn sample(i: usize) -> bool {
    i.is_multiple_of(16)
}

fn report(problems: Vec<String>) {
    let shown: Vec<&String> = problems.iter().take(20).collect();
    assert!(problems.is_empty(), "{} differences, the first:\n{shown:#?}", problems.len());
}

#[test]
fn every_name_resolves_to_its_character_on_both_paths() {
    let mut problems = Vec::new();
    let mut names = 0;
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        if let Some(n) = name(c) {
            let n = n.to_string();
            check(&n, Some(c), &mut problems);
            if sample(names) {
                check(&n.to_ascii_lowercase(), Some(c), &mut problems);
            }
            names += 1;
        }
    }
    report(problems);
    // Unicode 16: 40,013 tabulated names, 11,172 Hangul syllables, 98,687 CJK unified ideographs.
    assert!(names > 140_000, "only {names} names: is name() broken?");
}

#[test]
fn every_alias_resolves_on_both_paths() {
    let mut problems = Vec::new();
    let mut aliases = 0;
    for line in NAME_ALIASES.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut fields = line.split(';');
        let cp = u32::from_str_radix(fields.next().unwrap(), 16).unwrap();
        let alias = fields.next().unwrap();
        // An alias that is also another character's name resolves to that character.
        let want = unicode_names2::character(alias).filter(|&c| name(c).is_some_and(|n| n.to_string() == alias));
        let want = want.or(char::from_u32(cp));
        check(alias, want, &mut problems);
        check(&alias.to_ascii_lowercase(), want, &mut problems);
        aliases += 1;
    }
    report(problems);
    assert!(aliases > 400, "only {aliases} aliases read");
}

/// Lines of UnicodeData.txt whose "name" is not one (`<control>`, range ends) and near misses
/// of real names: both paths agree, on nothing or on the same character.
#[test]
fn non_names_and_near_misses_agree() {
    let mut problems = Vec::new();
    let mut queries: Vec<String> = [
        "",
        "x",
        "öäå",
        "SPAACE",
        "SNOWMA",
        "SNOW MAN",
        "CJK COMPATIBILITY IDEOGRAPH-",
        "CJK COMPATIBILITY IDEOGRAPH-0F900",
        "CJK COMPATIBILITY IDEOGRAPH-F90",
        "CJK COMPATIBILITY IDEOGRAPH-FA6E",
        "CJK COMPATIBILITY IDEOGRAPH-*",
        "CJK UNIFIED IDEOGRAPH-",
        "CJK UNIFIED IDEOGRAPH-4E00 ",
        "CJK UNIFIED IDEOGRAPH-110000",
        "HANGUL SYLLABLE ",
        "HANGUL SYLLABLE X",
        "@20",
        "-*",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    queries.push("X".repeat(100));
    for (i, line) in UNICODE_DATA.lines().enumerate() {
        let n = line.split(';').nth(1).unwrap();
        if n.starts_with('<') {
            queries.push(n.to_string());
        }
        if !sample(i) {
            continue;
        }
        // A name cut short by a word: the prefix is rarely a name itself.
        if let Some((head, _)) = n.rsplit_once(' ') {
            queries.push(head.to_string());
        }
        if let Some((head, _)) = n.rsplit_once('-') {
            queries.push(format!("{head}-"));
        }
    }
    queries.sort();
    queries.dedup();
    for q in &queries {
        check(q, character(q), &mut problems);
    }
    report(problems);
}

/// A name with text appended is no name, on both paths, as in CPython. Upstream's perfect hash
/// accepted such a search name when it hashed to the code point whose name it starts with;
/// these are the 18 that a sweep of every name with 12 suffixes found (the vendored copy now
/// checks the whole name), then a sample of names with suffixes, whose answer comes from a
/// map of every name and alias built here.
#[test]
fn names_with_text_appended_are_not_names() {
    let mut problems = Vec::new();
    for q in [
        "NKO DIGIT TWO B",
        "ORIYA VOWEL SIGN VOCALIC LLS",
        "SINHALA LETTER ALPAPRAANA KAYANNA A",
        "DOWNWARDS DOUBLE ARROW ",
        "YI SYLLABLE TIEX-1",
        "LATIN SMALL LETTER F WITH STROKE WITH X",
        "HALFWIDTH HANGUL LETTER EU2",
        "HATRAN LETTER HETH B",
        "CUNEIFORM SIGN AMAR TIMES SHEE",
        "CUNEIFORM SIGN SAL1",
        "EGYPTIAN HIEROGLYPH-13C38Z",
        "ANATOLIAN HIEROGLYPH A288 A",
        "MIAO VOWEL SIGN ROUNDED ERRS",
        "HENTAIGANA LETTER WE-1 WITH X",
        "MATHEMATICAL BOLD RHO SYMBOL B",
        "SIGNWRITING MOVEMENT-WALLPLANE LOOP HITTING FRONT WALL WITH X",
        "TAG LEFT SQUARE BRACKETE",
        "VARIATION SELECTOR-150 WITH X",
    ] {
        check(q, None, &mut problems);
    }

    let mut known = std::collections::HashMap::new();
    let mut tabulated = Vec::new();
    for line in NAME_ALIASES.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut fields = line.split(';');
        let cp = u32::from_str_radix(fields.next().unwrap(), 16).unwrap();
        known.insert(fields.next().unwrap().to_string(), char::from_u32(cp).unwrap());
    }
    for line in UNICODE_DATA.lines() {
        let mut fields = line.split(';');
        let cp = u32::from_str_radix(fields.next().unwrap(), 16).unwrap();
        let n = fields.next().unwrap();
        if !n.starts_with('<') {
            // A name wins over an equal alias (BELL is U+1F514, the alias of U+0007).
            known.insert(n.to_string(), char::from_u32(cp).unwrap());
            tabulated.push(n);
        }
    }
    for (i, n) in tabulated.iter().enumerate().filter(|&(i, _)| sample(i)) {
        // Rotate the suffixes over the sample so that each is tried on a spread of names.
        let suffix = ["S", "X", " A", "1", "-1", " WITH X", "E", " ", "-", "Z", "2", " B"][i / 16 % 12];
        let q = format!("{n}{suffix}");
        check(&q, known.get(&q).copied(), &mut problems);
    }
    report(problems);
}

/// The table the page serves beside itself (`www/unicode_names.bin`, fetched by
/// src/web/unicode_names.rs at a program's first `\N{...}`) is the one the vendored crate's
/// build script writes, so the page and `character_compact` read the same names. Bless with
/// `CONCSIM_BLESS=1 cargo test --release --test unicode_names`.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_pages_table_file_is_the_crates_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/unicode_names.bin");
    let table = unicode_names2::compact_table();
    if std::env::var_os("CONCSIM_BLESS").is_some() {
        std::fs::write(path, table).expect("write www/unicode_names.bin");
    }
    let served = std::fs::read(path).expect("read www/unicode_names.bin");
    assert!(served == table, "{path} differs from the crate's table: bless it (see this test's comment)");
}
