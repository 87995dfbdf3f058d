//! "Find a breaking schedule" and "Open a real trace": the page's search for distinct
//! outcomes and its replay of a real run.
//!
//! The search samples schedules with `explore`'s PCT (`explore::sample::Pct`: random thread
//! priorities, two priority change points among the steps that may race, a decision before
//! every visible instruction under `preempt-any`, threads whose next step would only block
//! held back), but resumably: one schedule of a program like `no_lock` is millions of
//! instructions (seconds), and `explore::search` can only stop between two schedules, so the
//! page keeps the running `Session` and steps it for a few milliseconds per timer tick.
//! Invariant: the search never touches the model's stepper; a found outcome is loaded as a
//! replayed schedule (`RunOptions::replay`), the same as `concsim run --replay`.

use super::state::{Action, Model};
use crate::explore::relevance::Relevance;
use crate::explore::sample::{Pct, PctRun};
use crate::sim::{Decision, Policy, RunOptions, Session};
use crate::trace::{Event as TraceEvent, EventKind};
use std::rc::Rc;
use yew::prelude::*;

/// How long one tick of the search may run (the page repaints and reads input between).
pub const SEARCH_SLICE_MS: f64 = 25.0;
/// Instructions budget of one searched schedule.
const SEARCH_MAX_STEPS: u64 = 20_000_000;

/// One distinct outcome found (by stdout, stderr and exit status).
#[derive(Clone, Debug)]
pub struct Found {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
    /// Schedules that ended this way.
    pub count: u64,
    /// Preemptions of `schedule` (the fewest seen for this outcome).
    pub preemptions: u32,
    pub schedule: Vec<Decision>,
    /// The decisions (indices into `schedule`) of the preemptions that matter: they reorder
    /// steps that do not commute (`explore::relevance`).
    pub matter_at: Vec<usize>,
}

impl Found {
    /// One line: the exit status and the last line of output.
    pub fn summary(&self) -> String {
        let last = self.stdout.lines().last().or_else(|| self.stderr.lines().last()).unwrap_or("");
        format!("exit {} · {}", self.exit_code, last)
    }
}

/// The schedule being run.
struct Current {
    session: Session,
    pct: PctRun,
    prev: Option<u32>,
    preemptions: u32,
    relevance: Relevance,
}

/// A search in progress (or finished): the sampler's state and what it found.
pub struct Search {
    filename: String,
    source: String,
    opts: RunOptions,
    pct: Pct,
    current: Option<Current>,
    pub running: bool,
    /// Schedules run to their end.
    pub schedules: u64,
    pub outcomes: Vec<Found>,
}

impl Search {
    pub fn new(filename: &str, source: &str, base: &RunOptions) -> Search {
        let opts = RunOptions {
            policy: Policy::PreemptAny,
            record_trace: false,
            replay: None,
            replay_real: false,
            max_steps: SEARCH_MAX_STEPS.min(base.max_steps),
            ..base.clone()
        };
        Search {
            filename: filename.into(),
            source: source.into(),
            opts,
            pct: Pct::new(base.seed, 3),
            current: None,
            running: true,
            schedules: 0,
            outcomes: Vec::new(),
        }
    }

    /// The options a found schedule replays with on the page.
    pub fn replay_options(&self, schedule: &[Decision]) -> RunOptions {
        RunOptions { replay: Some(schedule.to_vec()), record_trace: true, ..self.opts.clone() }
    }

    /// Runs the search for about `ms` milliseconds of wall time (`now` reads the clock).
    pub fn work(&mut self, ms: f64, now: &dyn Fn() -> f64) {
        let start = now();
        let mut n = 0u32;
        while self.running {
            n += 1;
            if n.is_multiple_of(64) && now() - start > ms {
                return;
            }
            if self.current.is_none() {
                let mut session = Session::new(&self.filename, &self.source, &self.opts);
                if session.compile_error().is_some() {
                    self.running = false;
                    return;
                }
                session.machine_mut().set_explore(true);
                let pct = self.pct.run();
                self.current =
                    Some(Current { session, pct, prev: None, preemptions: 0, relevance: Relevance::default() });
            }
            let cur = self.current.as_mut().expect("a run");
            let s = &mut cur.session;
            let (enabled, _) = if s.stop().is_none() { s.machine_mut().offered() } else { (Vec::new(), Vec::new()) };
            if enabled.is_empty() {
                if s.stop().is_none() {
                    s.step(None);
                }
                self.finish();
                continue;
            }
            let tid = cur.pct.choose(&enabled);
            let at = cur.session.machine().schedule.len();
            if cur.prev.is_some_and(|p| p != tid && enabled.contains(&p)) {
                cur.preemptions += 1;
            }
            cur.session.step(Some(tid));
            if let Some(access) = cur.session.machine_mut().take_slice_access() {
                self.pct.observe(&mut cur.pct, tid, &access);
                cur.relevance.step(at, tid, &enabled, &access);
                cur.prev = Some(tid);
            }
        }
    }

    fn finish(&mut self) {
        let Some(cur) = self.current.take() else { return };
        self.schedules += 1;
        let result = cur.session.finish();
        let (stdout, stderr, exit_code) = (result.stdout(), result.stderr(), result.exit_code);
        if let Some(o) =
            self.outcomes.iter_mut().find(|o| o.stdout == stdout && o.stderr == stderr && o.exit_code == exit_code)
        {
            o.count += 1;
            if cur.preemptions < o.preemptions {
                o.preemptions = cur.preemptions;
                o.schedule = result.schedule;
                o.matter_at = cur.relevance.that_matter();
            }
            return;
        }
        self.outcomes.push(Found {
            stdout,
            stderr,
            exit_code,
            count: 1,
            preemptions: cur.preemptions,
            schedule: result.schedule,
            matter_at: cur.relevance.that_matter(),
        });
    }
}

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
                { if s.running { l.t(" · searching…", " · 搜索中…") } else { "" } }
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
