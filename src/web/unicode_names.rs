//! The page's `\N{...}` name table, fetched on demand. The parser resolves `\N{NAME}` with
//! the vendored `unicode_names2`, whose wasm32 build links no table (it was a ninth of the
//! page's download, for an escape few programs use) and asks the loader set here instead,
//! once, at a program's first escape. Invariant: the bytes handed over are the file
//! `unicode_names.bin` beside the page (trunk copies `www/unicode_names.bin`, which a native
//! test keeps equal to the crate's own table), or nothing when it cannot be fetched, and then
//! the escape is an unknown name, as the console says.
//!
//! The parser is synchronous, so the fetch is too: a synchronous XMLHttpRequest, with the
//! `x-user-defined` charset that maps each byte to one UTF-16 unit (the low byte is the byte),
//! since a synchronous request on the main thread may not ask for an `ArrayBuffer`.

use web_sys::XmlHttpRequest;

/// Where the table lies, relative to the page.
const TABLE_URL: &str = "unicode_names.bin";

/// Hands the loader to the parser's name look-up.
pub fn install() {
    unicode_names2::set_table_loader(load);
}

fn load() -> Option<Vec<u8>> {
    let fetched = fetch(TABLE_URL);
    if fetched.is_none() {
        web_sys::console::warn_1(
            &format!("concsim: could not fetch {TABLE_URL}; \\N{{...}} escapes will be unknown names").into(),
        );
    }
    fetched
}

/// The bytes of the file at `url` (relative to the page), fetched synchronously.
pub(super) fn fetch(url: &str) -> Option<Vec<u8>> {
    let request = XmlHttpRequest::new().ok()?;
    request.open_with_async("GET", url, false).ok()?;
    request.override_mime_type("text/plain; charset=x-user-defined").ok()?;
    request.send().ok()?;
    if request.status().ok()? != 200 {
        return None;
    }
    let text = request.response_text().ok()??;
    Some(text.encode_utf16().map(|unit| unit as u8).collect())
}
