//! The standard-library modules the page fetches the first time a program imports one
//! (`vm::modules`' on-demand preludes: modules no scenario uses, kept out of the wasm so the
//! first load stays small). Invariant: the text handed over is the file `py/NAME` beside the
//! page (trunk copies `src/vm/modules/py`, the tree the native build embeds), or nothing when
//! it cannot be fetched, and then the import fails as for an unknown module and the browser's
//! console says why. Synchronous, like the `\N{...}` table (`unicode_names`): an import is.

/// Hands the loader to the VM's import.
pub fn install() {
    crate::vm::modules::set_on_demand_loader(load);
}

fn load(file: &str) -> Option<String> {
    let url = format!("py/{file}");
    let text = super::unicode_names::fetch(&url).and_then(|bytes| String::from_utf8(bytes).ok());
    if text.is_none() {
        web_sys::console::warn_1(&format!("concsim: could not fetch {url}; importing it fails").into());
    }
    text
}
