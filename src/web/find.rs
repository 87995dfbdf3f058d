//! "Find a breaking schedule" and "Open a real trace": the page's search for distinct
//! outcomes and its replay of a real run.
//!
//! The search is `explore::live::Search` (native code, tested and measured natively): DPOR
//! first while the program's schedules are short, which settles many programs exhaustively,
//! then PCT sampling stepped a few milliseconds per timer tick (one schedule of a program
//! like `no_lock` is millions of instructions); it stops by itself at a time, memory or
//! schedule budget and says why (`SearchStop`, shown in the progress line).
//! Invariant: the search never touches the model's stepper; a found outcome is loaded as a
//! replayed schedule (`RunOptions::replay`), the same as `concsim run --replay`.

use super::state::{Action, Model};
pub use crate::explore::live::Search;
use crate::sim::Decision;
use crate::trace::{Event as TraceEvent, EventKind};
use std::rc::Rc;
use yew::prelude::*;

/// How long one tick of the search may run (the page repaints and reads input between).
pub const SEARCH_SLICE_MS: f64 = 25.0;
/// A real run's trace as the page replays it: the decisions of its `run` events, what the
/// real world answered before each (clock readings, commands), and its main program's name.
pub struct RealTrace {
    pub events: Vec<TraceEvent>,
    pub decisions: Vec<Decision>,
    pub inputs: Vec<crate::sim::RealInputs>,
    pub program: Option<String>,
}

pub fn parse_trace(text: &str) -> Result<RealTrace, String> {
    let events = crate::trace::from_jsonl(text)?;
    let (decisions, inputs) = crate::check::replay_plan(&events);
    let program = events.iter().find_map(|e| match &e.kind {
        EventKind::ProcStart { name, .. } => Some(name.clone()),
        _ => None,
    });
    Ok(RealTrace { events, decisions, inputs, program })
}

/// Where the shown run came from, when it is not the policy's: a found schedule or a real
/// trace, with the decisions the timeline marks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// What is replayed (shown above the outcomes).
    pub label: String,
    /// All the preemptions of the schedule (the running thread changed while the previous one
    /// could go on).
    pub preemptions: u32,
    /// The decisions of those that matter (marked on the timeline).
    pub matter_at: Vec<usize>,
    /// A real trace's first divergence from the simulator: (decision, what differs).
    pub divergence: Option<(usize, String)>,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<Model>,
    pub on: Callback<Action>,
}

/// The search's button, progress and outcomes, and the real trace's file input and verdict.
#[component]
pub fn FindPanel(p: &Props) -> Html {
    let m = &p.model;
    let l = m.lang;
    let on = &p.on;
    let multi_host = m.scenario().hosts.len() > 1;
    let search = m.search.as_ref().map(|s| s.borrow());
    let running = search.as_ref().is_some_and(|s| s.running);
    let button = if running {
        html! { <button onclick={ let on = on.clone(); move |_| on.emit(Action::FindStop) }>{ l.t("Stop searching", "停止搜索") }</button> }
    } else {
        html! {
            <button disabled={multi_host} onclick={ let on = on.clone(); move |_| on.emit(Action::FindStart) }>
                { l.t("Find a breaking schedule", "寻找出错的调度") }
            </button>
        }
    };
    let progress = search.as_ref().map(|s| {
        html! {
            <span class="sub" data-testid="search-progress">
                { format!("{} {} · {} {}", s.schedules, l.t("schedules tried", "个调度已尝试"), s.outcomes.len(), l.t("distinct outcomes", "种不同结果")) }
                { format!(" · {:.0} {}", s.per_second(), l.t("schedules/s", "个调度/秒")) }
                { if s.cut > 0 { format!(" · {} {}", s.cut, l.t("cut by the per-schedule budget", "个被单个调度的预算截断")) } else { String::new() } }
                { if s.running { l.t(" · searching…", " · 搜索中…") } else { "" } }
                { for s.stop_reason().map(|r| html! { <span data-testid="search-stop">{ format!(" · {}", r.text(l == super::state::Lang::Zh)) }</span> }) }
            </span>
        }
    });
    let outcomes = search.as_ref().map(|s| {
        html! {
            <ol class="outcomes" data-testid="outcomes">
                { for s.outcomes.iter().enumerate().map(|(i, o)| html! {
                    <li>
                        <button class="ghost outcome" data-stdout={o.stdout.clone()}
                            onclick={ let on = on.clone(); move |_| on.emit(Action::LoadOutcome(i)) }>
                            { format!("#{} {} — {} {} · {} {}", i + 1, o.summary(), o.count, l.t("schedules", "个调度"), o.preemptions, l.t("preemptions", "次抢占")) }
                        </button>
                    </li>
                }) }
            </ol>
        }
    });
    let onchange = {
        let on = on.clone();
        move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|fs| fs.get(0)) {
                super::source::load_file(f, on.clone());
            }
            input.set_value("");
        }
    };
    let marks = m.marks.as_deref().map(|k| {
        let div = k.divergence.as_ref().map(|(d, what)| {
            let d = *d;
            html! {
                <p class="divergence" data-testid="divergence">
                    <strong>{ format!("{} {d}: ", l.t("Diverges from the simulator at decision", "与模拟器分歧于第几次决定：")) }</strong>
                    { what.clone() }
                    { " " }
                    <button class="ghost" onclick={ let on = on.clone(); move |_| on.emit(Action::Seek(d)) }>{ l.t("Go there", "跳到那里") }</button>
                </p>
            }
        });
        html! {
            <div class="replaying" data-testid="replaying">
                <span>{ format!("{} {}", l.t("Replaying", "正在重放"), k.label) }</span>
                { for (k.preemptions > 0).then(|| html! {
                    <span class="sub" data-testid="preemptions">{ format!(
                        " · {} {}, {} {}",
                        k.preemptions,
                        l.t("preemptions", "次抢占"),
                        k.matter_at.len(),
                        l.t("that matter (marked ▼ on the timeline: they reorder steps that do not commute)", "次关键（时间线上以 ▼ 标出：它们调换了不可交换的步骤）")
                    ) }</span>
                }) }
                { for div }
            </div>
        }
    });
    html! {
        <section class="card find" aria-label={ l.t("Search and real traces", "搜索与真实轨迹") }>
            <div class="find-row">
                { button }
                { for progress }
                <label class="button small trace-pick">
                    { l.t("Open a real trace (.jsonl)", "打开真实运行轨迹（.jsonl）") }
                    <input type="file" accept=".jsonl,application/jsonl" {onchange} />
                </label>
            </div>
            { for marks }
            { for outcomes }
        </section>
    }
}
