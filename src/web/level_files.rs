//! The levels' files, fetched from beside the page when the learner first needs them: the
//! manifest `levels/levels.json` when the list or a level opens, a level's program
//! `levels/ID.py` when that level opens (trunk copies `levels/` into dist/, see index.html).
//! They are kept out of the wasm so the first load stays small; the native build embeds them
//! (`crate::levels::builtin`), and only the number of levels is compiled into the page
//! (`crate::levels::COUNT`, for the header's button). Invariant: a manifest handed out is
//! `levels::parse` of the file beside the page, fetched once and kept for the page's life; a
//! failed fetch is not kept (the next use tries again) and the error says which file and why.
//! Synchronous, like the standard-library modules (`stdlib_loader`): a level opens from a
//! link while the model is built.

use crate::levels::{self, Level};
use std::cell::RefCell;
use std::rc::Rc;

/// Where the level files lie, relative to the page.
const DIR: &str = "levels";

thread_local! {
    static MANIFEST: RefCell<Option<Rc<[Level]>>> = const { RefCell::new(None) };
}

/// The levels, fetched and parsed at the first call.
pub fn manifest() -> Result<Rc<[Level]>, String> {
    if let Some(m) = MANIFEST.with(|m| m.borrow().clone()) {
        return Ok(m);
    }
    let parsed: Rc<[Level]> = levels::parse(&fetch_text(&format!("{DIR}/levels.json"))?)?.into();
    MANIFEST.with(|m| *m.borrow_mut() = Some(parsed.clone()));
    Ok(parsed)
}

/// The program of a level of the manifest.
pub fn program(level: &Level) -> Result<String, String> {
    fetch_text(&format!("{DIR}/{}", level.file_name()))
}

fn fetch_text(url: &str) -> Result<String, String> {
    let text = super::unicode_names::fetch(url).and_then(|bytes| String::from_utf8(bytes).ok());
    text.ok_or_else(|| {
        let e = format!("could not fetch {url}");
        web_sys::console::warn_1(&format!("concsim: {e}").into());
        e
    })
}
