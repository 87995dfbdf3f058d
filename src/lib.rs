//! concsim: runs Python programs that use processes and threads on a deterministic
//! simulated machine (see ARCHITECTURE.md for the map).
//!
//! Pipeline: `lang` (parse + compile to bytecode) → `vm` (runs one thread's frames until it
//! blocks, ends or spends its budget) → `sim` (the kernel: scheduler, cores, clock, IPC) →
//! `trace` (one event schema) → consumers (`cli`, tests, `explore`: the schedule search, `web`: the page, wasm32 only).

pub mod check;
pub mod explore;
pub mod lang;
pub mod levels;
pub mod limits;
pub mod scenarios;
pub mod sim;
pub mod trace;
pub mod vm;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(not(target_arch = "wasm32"))]
pub mod real;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use sim::{run_source, OutputChunk, Policy, RunOptions, RunResult, StopReason, Stream};
