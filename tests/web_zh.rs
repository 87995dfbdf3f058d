//! The page's Chinese for the kernel's wait reasons (src/web/zh.rs), tested natively: the
//! page itself builds only for wasm32, but this table is plain Rust.

#[path = "../src/web/zh.rs"]
#[allow(dead_code)]
mod zh;
