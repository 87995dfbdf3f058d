//! `concsim-web`: the web page's entry point in wasm32 (trunk builds this binary, see
//! index.html's `data-bin`). It is a separate binary because trunk picks its artifact by
//! name and the library and the `concsim` CLI share the name `concsim`; keeping the start
//! hook out of the library also lets the library's wasm test suites load without a page.

#[cfg(target_arch = "wasm32")]
fn main() {
    concsim::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "concsim-web is the web page's wasm entry point: run `bash scripts/serve.sh` to build and serve the page"
    );
    std::process::exit(2);
}
