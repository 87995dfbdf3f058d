//! The web page (wasm32 only): a Yew app that steps a simulated run and draws every view of
//! it. Only this module touches the DOM. `state` owns the model and its actions; `app` wires
//! the browser (timer, keyboard, document attributes, the URL via `share`) to it; `controls`, `source`, `find` (the search for breaking schedules, real traces),
//! `levels` (the Levels view, its files fetched by `level_files`), `timeline` and `panels` draw it and only dispatch actions; `zh` translates the kernel's
//! English wait reasons.
//!
//! Entry point: `start()`, called from the `concsim` binary's wasm32 `main` (trunk builds
//! that binary, see index.html), so the library itself has no start hook and its wasm test
//! suites run without a document.

mod app;
mod compare;
mod controls;
mod event_loop;
mod find;
mod frames;
mod level_files;
mod levels;
mod panels;
mod services;
mod share;
mod source;
pub mod state;
mod stdlib_loader;
mod timeline;
mod unicode_names;
mod zh;

/// Mounts the page on `<body>`.
pub fn start() {
    unicode_names::install();
    stdlib_loader::install();
    yew::Renderer::<app::App>::new().render();
}

/// `12.345 ms`-style text for a virtual duration.
pub(crate) fn fmt_ns(ns: u64) -> String {
    if ns >= 1_000_000_000 {
        format!("{:.3} s", ns as f64 / 1e9)
    } else if ns >= 1_000_000 {
        format!("{:.3} ms", ns as f64 / 1e6)
    } else if ns >= 1_000 {
        format!("{:.1} µs", ns as f64 / 1e3)
    } else {
        format!("{ns} ns")
    }
}

/// The colour class of a thread (one colour per thread, cycling through the palette).
pub(crate) fn thread_class(tid: u32) -> String {
    format!("t{}", (tid.max(1) - 1) % 8)
}

/// The colour class of a process: one per process of a host, and another host's processes
/// start elsewhere in the palette (pids 1000, 2000… would all be the first colour).
pub(crate) fn proc_class(pid: u32) -> String {
    let host = crate::sim::host_of_pid(pid) as u32;
    let local = pid.saturating_sub(crate::sim::kernel::MAIN_PID) % 1000;
    format!("p{}", (local + host * 5) % 8)
}
