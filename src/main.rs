//! The `concsim` command (native only; the wasm build is a library for the web page).

/// Counts the heap's bytes for the memory budget (`vm::memory`).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOC: concsim::vm::memory::Counting = concsim::vm::memory::Counting;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(concsim::cli::main());
}

#[cfg(target_arch = "wasm32")]
fn main() {}
