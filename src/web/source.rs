//! The program's source, one row per line, with a marker at each live thread's current line
//! (one colour per thread), coloured by the parser's tokens; or, in edit mode, a textarea
//! beside a gutter of line numbers. A compile error is marked at its line in either mode and
//! shown below as CPython prints the SyntaxError. A file chosen here (or dropped on the page,
//! see `app`) becomes the program. Invariant: markers come only from the view model's thread
//! lines; the editor only dispatches `Edit`, `Load`, `Revert` and `SetEditing`.

use super::state::{Action, Lang, Model};
use super::{proc_class, thread_class};
use crate::lang::highlight::{highlight, Class};
use crate::sim::host_of_pid;
use crate::sim::view::ThreadStatus;
use crate::sim::view::{ThreadView, View};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<Model>,
    pub on: Callback<Action>,
}

/// Reads a chosen or dropped file as text and loads it as the program.
pub fn load_file(file: web_sys::File, on: Callback<Action>) {
    let Ok(reader) = web_sys::FileReader::new() else { return };
    let name = file.name();
    let r = reader.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(text) = r.result().ok().and_then(|v| v.as_string()) {
            // A real run's trace (`concsim real --trace`) is replayed; anything else is a program.
            if name.ends_with(".jsonl") || text.starts_with("{\"schema\":\"concsim-trace\"") {
                on.emit(Action::LoadTrace(name, text));
            } else {
                on.emit(Action::Load(name, text));
            }
        }
    });
    reader.set_onload(Some(onload.unchecked_ref()));
    let _ = reader.read_as_text(&file);
}

#[component]
pub fn SourceView(p: &Props) -> Html {
    let m = &p.model;
    let l = m.lang;
    let on = &p.on;
    let src: Rc<str> = Rc::from(m.source());
    let err = m.compile_error.clone();
    let err_line = err.as_ref().filter(|e| e.filename == m.file_name()).map(|e| e.line);
    let err_title = err.as_ref().map(|e| format!("{}: {}", e.kind, e.msg));
    let programs = m.programs();
    let sources: Rc<Vec<String>> = Rc::new(programs.iter().map(|p| p.source.clone()).collect());
    let spans = use_memo(sources.clone(), |s| s.iter().map(|x| highlight(x)).collect::<Vec<_>>());
    // The line a compile error points at, in the program it is in.
    let err_at =
        |file: &str| err.as_ref().filter(|e| e.filename == file).map(|e| (e.line, format!("{}: {}", e.kind, e.msg)));
    let multi = programs.len() > 1 && !m.editing;
    let rows = if multi {
        // One column per host: its processes, then its program with its threads' markers.
        let v = &m.view;
        let cols = programs.iter().enumerate().map(|(h, prog)| {
            let procs = v.processes.iter().filter(|q| host_of_pid(q.pid) == h).map(|q| {
                let state = if q.exit_code.is_some() { "finished" } else { "running" };
                html! {
                    <span class={classes!("host-proc", state)} title={q.name.clone()}>
                        <span class={classes!("pid", proc_class(q.pid))}>{ q.pid }</span>{ " " }{ &q.name }
                        { for q.exit_code.map(|c| html! { <span class="muted">{ format!(" ({} {c})", l.t("exited", "已退出")) }</span> }) }
                    </span>
                }
            });
            html! {
                <div class="host-col" role="group" aria-label={format!("{} {}", l.t("host", "主机"), prog.host)}>
                    <div class="host-head"><b>{ &prog.host }</b><span class="muted">{ format!(" · {}", prog.filename) }</span></div>
                    <div class="host-procs">{ for procs }</div>
                    <div class="lines" tabindex="0" role="group" aria-label={format!("{} {}", l.t("Program of host", "主机程序"), prog.host)}>
                        { program_rows(l, &prog.source, &spans[h], &live_on(v, Some(h)), err_at(&prog.filename)) }
                    </div>
                </div>
            }
        });
        html! { <div class="hosts">{ for cols }</div> }
    } else {
        let file = programs.first().map(|p| p.filename.clone()).unwrap_or_default();
        html! {
            <div class="lines" tabindex="0" role="group" aria-label={l.t("Program with the threads' lines", "程序及各线程所在行")}>
                { program_rows(l, &src, &spans[0], &live_on(&m.view, None), err_at(&file)) }
            </div>
        }
    };
    let file = m.file_name();
    let edit_toggle = {
        let on = on.clone();
        let editing = m.editing;
        move |_: MouseEvent| on.emit(Action::SetEditing(!editing))
    };
    let revert = m.program.is_some().then(|| {
        let on = on.clone();
        html! {
            <button class="ghost small" onclick={move |_| on.emit(Action::Revert)}>
                { l.t("Revert to the scenario's program", "恢复为场景自带的程序") }
            </button>
        }
    });
    let choose = {
        let on = on.clone();
        move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|fs| fs.get(0)) {
                load_file(f, on.clone());
            }
            input.set_value("");
        }
    };
    let body = if m.editing {
        let oninput = {
            let on = on.clone();
            move |e: InputEvent| {
                let ta: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
                on.emit(Action::Edit(ta.value()));
            }
        };
        // Tab indents (four spaces) instead of leaving the editor.
        let onkeydown = {
            let on = on.clone();
            move |e: KeyboardEvent| {
                if e.key() != "Tab" || e.shift_key() || e.ctrl_key() || e.alt_key() || e.meta_key() {
                    return;
                }
                e.prevent_default();
                let ta: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
                let at = ta.selection_start().ok().flatten().unwrap_or(0);
                if ta.set_range_text("    ").is_ok() {
                    let _ = ta.set_selection_range(at + 4, at + 4);
                    on.emit(Action::Edit(ta.value()));
                }
            }
        };
        let count = src.split('\n').count();
        let gutter = (1..=count as u32).map(|n| {
            if err_line == Some(n) {
                html! { <div class="err-line" title={err_title.clone()}><span class="err-mark">{ "✖ " }</span>{ n }</div> }
            } else {
                html! { <div>{ n }</div> }
            }
        });
        html! {
            <div class="editor">
                <div class="gutter" aria-hidden="true">{ for gutter }</div>
                <textarea key={m.loads.to_string()} aria-label={l.t("Program text", "程序文本")} spellcheck="false"
                    autocomplete="off" wrap="off" rows={(count + 1).to_string()} value={src.to_string()} {oninput} {onkeydown} />
            </div>
        }
    } else {
        rows
    };
    let error = err.map(|e| {
        html! { <pre class="compile-error" data-testid="compile-error" role="alert">{ e.render() }</pre> }
    });
    html! {
        <section class="source card" aria-label={l.t("Program", "程序")}>
            <h2>{ l.t("Program", "程序") }<span class="sub">{ file }{ m.program.is_some().then_some(l.t(" (edited)", "（已修改）")) }</span>
                <span class="src-buttons">
                    <button class="small" aria-pressed={m.editing.to_string()} onclick={edit_toggle}>
                        { if m.editing { l.t("Done editing", "完成编辑") } else { l.t("Edit", "编辑") } }
                    </button>
                    <label class="button small file-pick">
                        { l.t("Open file…", "打开文件…") }
                        <input type="file" accept=".py,text/x-python,text/plain" onchange={choose} />
                    </label>
                    { revert.unwrap_or_default() }
                </span>
            </h2>
            { body }
            { error.unwrap_or_default() }
        </section>
    }
}

/// The live threads with a line in their program, on host `host` (every host if None).
fn live_on(v: &View, host: Option<usize>) -> Vec<(u32, ThreadView)> {
    v.threads
        .iter()
        .filter(|t| !matches!(t.state, ThreadStatus::Finished))
        .filter(|t| host.is_none_or(|h| host_of_pid(t.pid) == h))
        .filter_map(|t| t.line.map(|line| (line, t.clone())))
        .collect()
}

/// A program, one row per line: line number (or the compile error's mark), the markers of
/// the threads at that line, the coloured code.
fn program_rows(
    l: Lang,
    src: &str,
    spans: &[(usize, usize, Class)],
    live: &[(u32, ThreadView)],
    err: Option<(u32, String)>,
) -> Html {
    let mut offset = 0;
    let lines: Vec<(usize, &str)> = src
        .split_inclusive('\n')
        .map(|l| {
            let start = offset;
            offset += l.len();
            (start, l.trim_end_matches(['\n', '\r']))
        })
        .collect();
    let rows = lines.iter().enumerate().map(|(i, &(start, text))| {
        let n = i as u32 + 1;
        let here: Vec<&ThreadView> = live.iter().filter(|(line, _)| *line == n).map(|(_, t)| t).collect();
        let running = here.iter().any(|t| t.state == ThreadStatus::Running);
        let is_err = err.as_ref().is_some_and(|(line, _)| *line == n);
        let class = classes!(
            "line",
            (!here.is_empty()).then_some("has-thread"),
            running.then_some("running"),
            is_err.then_some("err-line")
        );
        let markers = here.iter().map(|t| {
            let title = format!("{} {} ({})", l.t("thread", "线程"), t.tid, t.name);
            html! { <span class={classes!("marker", thread_class(t.tid))} {title}>{ format!("T{}", t.tid) }</span> }
        });
        let mark = if is_err {
            html! { <span class="err-mark" aria-label={l.t("error", "错误")}>{ "✖" }</span> }
        } else {
            html! { n }
        };
        html! {
            <div {class}>
                <span class="ln" title={err.as_ref().filter(|_| is_err).map(|(_, t)| t.clone())}>{ mark }</span>
                <span class="marks">{ for markers }</span>
                <code class="code">{ if text.is_empty() { html! { " " } } else { coloured(text, start, spans) } }</code>
            </div>
        }
    });
    rows.collect()
}

/// One line's text (starting at byte `start` of the program) with the highlight spans that
/// fall on it; a span crossing lines (a triple-quoted string) is cut at the line's ends.
fn coloured(text: &str, start: usize, spans: &[(usize, usize, Class)]) -> Html {
    let end = start + text.len();
    let mut out = Vec::new();
    let mut at = start;
    for &(a, b, class) in spans.iter().filter(|(a, b, _)| *b > start && *a < end) {
        let (a, b) = (a.max(start), b.min(end));
        if a > at {
            out.push(html! { { &text[at - start..a - start] } });
        }
        out.push(html! { <span class={class.css()}>{ &text[a - start..b - start] }</span> });
        at = b;
    }
    if at < end {
        out.push(html! { { &text[at - start..] } });
    }
    out.into_iter().collect()
}
