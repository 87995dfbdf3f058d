//! The comparison card: the program run three ways — threads under the GIL, threads without
//! it (free-threaded 3.13t), processes — over a few seeds (`sim::compare`), with each way's
//! virtual time, speed-up and distinct outcomes, those the GIL never had marked. Invariant:
//! it runs only when the learner asks, and what it shows is for the program and cores it
//! ran with (stale results are dropped, never shown against another program).

use super::state::Model;
use crate::sim::compare::{compare, Comparison, Way};
use crate::sim::RunOptions;
use std::rc::Rc;
use yew::prelude::*;

/// Seeds per way: enough to show a race's spread, few enough to answer at once.
const SEEDS: u64 = 5;
/// Instructions per run: a long program is cut (its outcome then says so) rather than
/// freezing the page.
const MAX_STEPS: u64 = 5_000_000;

type Key = (String, String, u32, crate::sim::Policy);

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<Model>,
}

#[component]
pub fn ComparePanel(p: &Props) -> Html {
    let m = &p.model;
    let l = m.lang;
    let zh = l == super::state::Lang::Zh;
    let programs = m.programs();
    // What a comparison was run on: file, source, cores, policy.
    let key = (m.file_name(), m.source().to_string(), m.opts.cores, m.opts.policy);
    let result = use_state(|| None::<(Key, Rc<Comparison>)>);
    if programs.len() != 1 {
        return Html::default();
    }
    let shown = result.as_ref().filter(|(k, _)| *k == key).map(|(_, c)| c.clone());
    let run = {
        let result = result.clone();
        let base = RunOptions { max_steps: MAX_STEPS, ..m.opts.clone() };
        move |_: MouseEvent| {
            let c = compare(&key.0, &key.1, &base, SEEDS);
            result.set(Some((key.clone(), Rc::new(c))));
        }
    };
    let table = shown.map(|c| {
        let cols = c.ways.iter().map(|w| {
            let speedup = c.speedup(w.way).map(|s| format!("{s:.2}×")).unwrap_or_default();
            let outcomes = w.outcomes.iter().map(|o| {
                let fresh = c.never_with_gil(o);
                let last = o.stdout.lines().last().unwrap_or("").to_string();
                let text = if o.error.is_empty() { last } else { format!("{last} ({})", o.error) };
                html! {
                    <li class={classes!(fresh.then_some("fresh"))}>
                        <code>{ text }</code>
                        <span class="muted">{ format!(" × {}", o.runs) }</span>
                        { if fresh { html! { <span class="tag differs">{ l.t("never with the GIL", "有 GIL 时从未出现") }</span> } } else { Html::default() } }
                    </li>
                }
            });
            html! {
                <div class="way" data-testid="way" data-way={format!("{:?}", w.way)}>
                    <h3>{ w.way.name(zh) }</h3>
                    <p class="sub">{ format!("{:.3} ms {}", w.median_ns() as f64 / 1e6, l.t("of virtual time (median)", "虚拟时间（中位数）")) }
                        { " · " }<strong data-testid="speedup">{ speedup }</strong></p>
                    <ul class="way-outcomes">{ for outcomes }</ul>
                </div>
            }
        });
        let no_processes = c.way(Way::Processes).is_none().then(|| {
            html! { <p class="muted">{ l.t("No threading.Thread in the program: nothing to run as processes.", "程序里没有 threading.Thread：没有可以改成进程运行的部分。") }</p> }
        });
        html! {
            <>
                <div class="ways">{ for cols }</div>
                { no_processes.unwrap_or_default() }
            </>
        }
    });
    html! {
        <section class="card compare" aria-label={l.t("GIL, no GIL, processes", "有 GIL、无 GIL、进程")}>
            <div class="find-row">
                <button onclick={run} title={l.t("Outcomes: the last line printed × how many seeds ended so", "结果：最后一行输出 × 以此结束的种子数")}>{ l.t("Compare: GIL, no GIL, processes", "比较：有 GIL、无 GIL、进程") }</button>
                <span class="sub">{ format!("{SEEDS} {}", l.t("seeds each; processes: threading.Thread run as multiprocessing.Process", "个种子；进程：把 threading.Thread 换成 multiprocessing.Process 运行")) }</span>
            </div>
            { table.unwrap_or_default() }
        </section>
    }
}
