//! The `concsim` command (native only; the wasm build is a library for the web page).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(concsim::cli::main());
}

#[cfg(target_arch = "wasm32")]
fn main() {}
