//! concsim: name to character in the page's wasm32 build (see VENDORED.md).
//!
//! Upstream's perfect hash needs its character-to-name tables too (a hit is checked by
//! rebuilding the name): 839 KB in the wasm, 396 KB gzipped. This table is the names in code
//! point order, front-coded (build.rs, `compact_names`): 378 KB raw but 112 KB gzipped. A
//! look-up scans it, about a millisecond per `\N{...}` escape in Chromium.
//!
//! On wasm32 the table is not linked in: the embedding program hands over a loader
//! (`set_table_loader`), called once, at the first `\N{...}` escape, so the page fetches the
//! table only for the few programs that have one (it was a ninth of the page's download).
//! Invariant: on wasm32, without a loader or when the loader fails, every tabulated name is
//! unknown (computed names and aliases still resolve); on other targets the table is
//! embedded and `table()` is the build script's file.

#[cfg(not(target_arch = "wasm32"))]
static NAMES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/compact_names.bin"));

/// The table as build.rs writes it (`compact_names`); concsim checks that the copy its page
/// serves is this one.
#[cfg(not(target_arch = "wasm32"))]
pub fn table() -> &'static [u8] {
    NAMES
}

#[cfg(target_arch = "wasm32")]
static LOADER: std::sync::OnceLock<fn() -> Option<Vec<u8>>> = std::sync::OnceLock::new();
#[cfg(target_arch = "wasm32")]
static LOADED: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();

/// Sets the function that fetches the table (the bytes `table()` gives natively); the first
/// one set stays. Its answer is kept for the life of the program, a failure (`None`) too.
#[cfg(target_arch = "wasm32")]
pub fn set_table_loader(load: fn() -> Option<Vec<u8>>) {
    let _ = LOADER.set(load);
}

#[cfg(target_arch = "wasm32")]
fn table() -> &'static [u8] {
    LOADED.get_or_init(|| LOADER.get().and_then(|load| load()).unwrap_or_default())
}

/// Longer than any name line (the longest name has 88 bytes).
const MAX_NAME: usize = 128;

/// The code point whose name is exactly `name` (upper case), among the names that upstream's
/// generator tabulates (not the CJK unified ideographs or Hangul syllables, nor the aliases).
pub(crate) fn lookup(name: &[u8]) -> Option<char> {
    let mut next = 0u32;
    // The current name line, rebuilt from the previous one's first bytes and its own rest.
    let mut current = [0u8; MAX_NAME];
    for raw in table().split(|&b| b == b'\n') {
        let Some((&head, rest)) = raw.split_first() else { continue };
        if head == b'@' {
            next = parse_hex(rest);
            continue;
        }
        let shared = usize::from(head - 0x80);
        let len = shared + rest.len();
        current[shared..len].copy_from_slice(rest);
        let cp = next;
        next += 1;
        let line = &current[..len];
        let found = match line.strip_suffix(b"*") {
            Some(stem) => match name.strip_prefix(stem) {
                Some(number) => number == hex4(cp, &mut [0; 6]),
                None => false,
            },
            None => line == name,
        };
        if found {
            return char::from_u32(cp);
        }
    }
    None
}

/// The table's `@HEX` (upper-case hex digits, written by build.rs).
fn parse_hex(hex: &[u8]) -> u32 {
    hex.iter().fold(0, |v, &d| v * 16 + (d as char).to_digit(16).expect("build.rs writes hex") as u32)
}

/// `format!("{:04X}", cp)` without an allocation (the crate also builds for `no_std`).
fn hex4(cp: u32, buf: &mut [u8; 6]) -> &[u8] {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut start = buf.len();
    let mut rest = cp;
    while rest != 0 || buf.len() - start < 4 {
        start -= 1;
        buf[start] = DIGITS[(rest % 16) as usize];
        rest /= 16;
    }
    &buf[start..]
}
