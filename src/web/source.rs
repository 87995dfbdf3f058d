//! The program's source, one row per line, with a marker at each live thread's current line
//! (one colour per thread), coloured by the parser's tokens. Invariant: markers come only
//! from the view model's thread lines.

use super::state::Model;
use super::thread_class;
use crate::lang::highlight::{highlight, Class};
use crate::sim::view::ThreadStatus;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<Model>,
}

#[component]
pub fn SourceView(p: &Props) -> Html {
    let m = &p.model;
    let l = m.lang;
    let src = m.scenario().source;
    let live: Vec<_> = m
        .view
        .threads
        .iter()
        .filter(|t| !matches!(t.state, ThreadStatus::Finished))
        .filter_map(|t| t.line.map(|line| (line, t)))
        .collect();
    let spans = use_memo(m.scenario, move |_| highlight(src));
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
        let here: Vec<_> = live.iter().filter(|(line, _)| *line == n).map(|(_, t)| *t).collect();
        let running = here.iter().any(|t| t.state == ThreadStatus::Running);
        let class = classes!("line", (!here.is_empty()).then_some("has-thread"), running.then_some("running"));
        let markers = here.iter().map(|t| {
            let title = format!("{} {} ({})", l.t("thread", "线程"), t.tid, t.name);
            html! { <span class={classes!("marker", thread_class(t.tid))} {title}>{ format!("T{}", t.tid) }</span> }
        });
        html! {
            <div {class}>
                <span class="ln">{ n }</span>
                <span class="marks">{ for markers }</span>
                <code class="code">{ if text.is_empty() { html! { " " } } else { coloured(text, start, &spans) } }</code>
            </div>
        }
    });
    let file = m.scenario().file_name();
    html! {
        <section class="source card" aria-label={l.t("Program", "程序")}>
            <h2>{ l.t("Program", "程序") }<span class="sub">{ file }</span></h2>
            <div class="lines">{ for rows }</div>
        </section>
    }
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
