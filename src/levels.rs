//! Levels (issue 18): small Python programs with a goal, in the spirit of The Deadlock Empire,
//! checked by the schedule search (`explore::Search`). Three kinds: *break it* (reach the
//! target outcome by scheduling; par is the fewest preemptions the search needs), *fix it*
//! (edit the program until no schedule has a forbidden outcome) and *predict* (choose every
//! possible output before running).
//!
//! The levels are data: `levels/levels.json` (goals, par, texts in English and Chinese) and
//! one program per level, `levels/ID.py`, with its reference fix `levels/ID.fix.py` for a fix
//! level. The native build embeds them (`builtin`); the page fetches them when the learner
//! first opens a level (`web::level_files`, about 7 KB gzipped kept out of its first load), and
//! carries only `COUNT`, the number of levels.
//! Invariant: every verdict here comes from the search — par, the answer set of a predict
//! level and a fix's verdict are computed, and `tests/levels.rs` fails when a stored value
//! differs from what the search computes.

use crate::explore::{Budget, ExploreOptions, Outcome, OutcomeKind, Report, Search, Strategy};
use crate::sim::Policy;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn get(&self, zh: bool) -> &str {
        if zh {
            &self.zh
        } else {
            &self.en
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Reach `target` by scheduling (manual mode).
    Break,
    /// Edit the program until every schedule's outcome matches `expect`.
    Fix,
    /// Choose every possible outcome among `choices`.
    Predict,
}

impl Kind {
    pub fn name(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Kind::Break, false) => "break it",
            (Kind::Fix, false) => "fix it",
            (Kind::Predict, false) => "predict",
            (Kind::Break, true) => "弄坏它",
            (Kind::Fix, true) => "修好它",
            (Kind::Predict, true) => "预测",
        }
    }
}

/// Which outcomes a goal means: every condition given must hold (none given: any outcome).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matcher {
    /// How the program ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<OutcomeKind>,
    /// The whole output is this (trailing newlines aside).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdout: Option<String>,
    /// The whole output is not this (trailing newlines aside).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_stdout: Option<String>,
    /// stderr holds this text (an exception's name, a message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stderr_has: Option<String>,
}

impl Matcher {
    pub fn matches(&self, o: &Outcome) -> bool {
        self.matches_run(o.kind, &o.stdout, &o.stderr)
    }

    /// The same for one run's ending (the page's run of a break level).
    pub fn matches_run(&self, kind: OutcomeKind, stdout: &str, stderr: &str) -> bool {
        let out = stdout.trim_end_matches('\n');
        self.kind.is_none_or(|k| k == kind)
            && self.stdout.as_deref().is_none_or(|s| out == s.trim_end_matches('\n'))
            && self.not_stdout.as_deref().is_none_or(|s| out != s.trim_end_matches('\n'))
            && self.stderr_has.as_deref().is_none_or(|s| stderr.contains(s))
    }
}

/// One level of `levels/levels.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// `NN_name`: its program is `levels/ID.py` (and `levels/ID.fix.py`, a fix level's
    /// reference fix); the page's link is `#level=ID`.
    pub id: String,
    pub kind: Kind,
    /// The primitive it is about (Lock, RLock, Condition, Semaphore, Event, Barrier, Queue,
    /// Pipe, fork, thread-local, GIL, Thread).
    pub primitive: String,
    /// Where threads may switch (`cpython` where the lesson is the GIL).
    #[serde(default = "preempt_any")]
    pub policy: Policy,
    pub title: Text,
    /// What the program does and why it matters.
    pub story: Text,
    /// What the learner must do.
    pub goal: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
    /// Break: the outcomes that win.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Matcher>,
    /// Break: the fewest preemptions the search needs to reach `target` (computed: the test
    /// fails when it differs; `concsim level check ID` prints it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub par: Option<u32>,
    /// Fix: the outcomes allowed; every other outcome (a deadlock included) is forbidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Matcher>,
    /// Predict: the outcomes offered, as `outcome_label` writes them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    /// Predict: the possible ones (the search's set of outcome labels; the test checks it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<String>,
}

fn preempt_any() -> Policy {
    Policy::PreemptAny
}

impl Level {
    /// The program's file name (shown in tracebacks).
    pub fn file_name(&self) -> String {
        format!("{}.py", self.id)
    }

    /// Whether the outcome is forbidden: for a fix level, any outcome `expect` does not
    /// match; for a break level, the target (what the program's author wanted to avoid).
    pub fn forbidden(&self, o: &Outcome) -> bool {
        match self.kind {
            Kind::Fix => !self.expect.as_ref().is_some_and(|e| e.matches(o)),
            Kind::Break => self.target.as_ref().is_some_and(|t| t.matches(o)),
            Kind::Predict => false,
        }
    }

    /// The search options for this level's programs.
    pub fn explore_options(&self) -> ExploreOptions {
        let mut options = ExploreOptions { strategy: Strategy::Dpor, ..ExploreOptions::default() };
        options.run.policy = self.policy;
        options
    }
}

/// The levels of a manifest (`levels/levels.json`).
pub fn parse(json: &str) -> Result<Vec<Level>, String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Manifest {
        levels: Vec<Level>,
    }
    serde_json::from_str::<Manifest>(json).map(|m| m.levels).map_err(|e| format!("levels.json: {e}"))
}

/// One line naming an outcome, the same in predict's choices and in the histograms:
/// `deadlock`, `AssertionError`, an uncaught exception's type, or the output (lines joined
/// by ` / `; `(no output)` when empty).
pub fn outcome_label(o: &Outcome) -> String {
    match o.kind {
        OutcomeKind::Deadlock => "deadlock".into(),
        OutcomeKind::AssertionFailed => "AssertionError".into(),
        OutcomeKind::Exception => {
            let last = o.stderr.lines().rev().find(|l| !l.starts_with(' ') && !l.trim().is_empty()).unwrap_or("");
            last.split(':').next().unwrap_or("exception").trim().to_string()
        }
        OutcomeKind::Budget => "budget".into(),
        OutcomeKind::CompileError => "SyntaxError".into(),
        OutcomeKind::Exit => {
            let out = o.stdout.trim_end_matches('\n');
            if out.is_empty() {
                "(no output)".into()
            } else {
                out.replace('\n', " / ")
            }
        }
    }
}

/// Whether the outcome is the one `text` names (for `explore --forbid/--expect`): its label,
/// its output, or its kind's name (`exit`, `exception`, `assertion_failed`, `deadlock`).
pub fn names(o: &Outcome, text: &str) -> bool {
    let t = text.trim_end_matches('\n');
    outcome_label(o) == t
        || o.stdout.trim_end_matches('\n') == t
        || serde_json::to_value(o.kind).ok().and_then(|v| v.as_str().map(|k| k == t)).unwrap_or(false)
}

/// The search's distinct outcome labels (several outcomes may share one: the same output
/// with different tracebacks).
pub fn labels(report: &Report) -> BTreeSet<String> {
    report.outcomes.iter().map(outcome_label).collect()
}

/// Runs the search to its end (or until `budget` stops it).
pub fn explore(level: &Level, source: &str, options: &ExploreOptions, budget: &mut Budget) -> Report {
    let mut s = Search::new(&level.file_name(), source, options);
    s.work(budget);
    s.finish()
}

/// Par: the smallest preemption bound k (0..=max) whose DPOR pass reaches an outcome
/// `target` matches, with that outcome. None when no pass up to `max` reaches it (or the
/// budget stopped the search first).
pub fn par(level: &Level, source: &str, max: u32, budget: &mut Budget) -> Option<(u32, Outcome)> {
    let target = level.target.as_ref()?;
    for k in 0..=max {
        let mut options = level.explore_options();
        options.max_preemptions = Some(k);
        let report = explore(level, source, &options, budget);
        if let Some(o) = report.outcomes.iter().filter(|o| target.matches(o)).min_by_key(|o| o.preemptions) {
            return Some((o.preemptions, o.clone()));
        }
        // Every schedule covered without reaching it, or cut by something else than the bound.
        if report.exhaustive || report.bounded_by.iter().any(|b| !b.starts_with("preemption bound")) {
            return None;
        }
    }
    None
}

/// One row of an outcome histogram.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// The outcome's number in the report (1, 2, …).
    pub id: usize,
    pub label: String,
    pub count: u64,
    /// Preemptions of its minimal schedule.
    pub preemptions: u32,
    pub forbidden: bool,
}

/// Every distinct outcome with how many schedules reach it, most frequent first, forbidden
/// ones marked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Histogram {
    pub rows: Vec<Row>,
    pub schedules: u64,
    pub exhaustive: bool,
}

impl Histogram {
    pub fn new(report: &Report, forbidden: &dyn Fn(&Outcome) -> bool) -> Histogram {
        let mut rows: Vec<Row> = report
            .outcomes
            .iter()
            .map(|o| Row {
                id: o.id,
                label: outcome_label(o),
                count: o.count,
                preemptions: o.preemptions,
                forbidden: forbidden(o),
            })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
        Histogram { rows, schedules: report.outcomes.iter().map(|o| o.count).sum(), exhaustive: report.exhaustive }
    }

    /// Schedules that end in a forbidden outcome.
    pub fn forbidden(&self) -> u64 {
        self.rows.iter().filter(|r| r.forbidden).map(|r| r.count).sum()
    }

    pub fn deadlocks(&self) -> u64 {
        self.rows.iter().filter(|r| r.label == "deadlock").map(|r| r.count).sum()
    }

    /// "forbidden outcome in 37 of 1,260 schedules" (or its Chinese), "(not exhaustive)"
    /// when the search was cut.
    pub fn sentence(&self, zh: bool) -> String {
        let (f, n) = (thousands(self.forbidden()), thousands(self.schedules));
        let mut s = if zh {
            format!("{n} 个调度中有 {f} 个出现禁止的结果")
        } else {
            format!("forbidden outcome in {f} of {n} schedules")
        };
        if !self.exhaustive {
            s.push_str(if zh { "（未穷尽）" } else { " (not exhaustive)" });
        }
        s
    }

    /// The histogram as text lines: count, bar, mark, label, minimal preemptions.
    pub fn lines(&self, zh: bool) -> Vec<String> {
        let width = self.rows.iter().map(|r| thousands(r.count).len()).max().unwrap_or(1);
        self.rows
            .iter()
            .map(|r| {
                let bar = "#".repeat(((r.count * 30).div_ceil(self.schedules.max(1))) as usize);
                let mark = match (r.forbidden, zh) {
                    (true, false) => "FORBIDDEN ",
                    (false, false) => "acceptable",
                    (true, true) => "禁止      ",
                    (false, true) => "可接受    ",
                };
                let unit = match (zh, r.preemptions) {
                    (true, _) => "次抢占",
                    (false, 1) => "preemption",
                    (false, _) => "preemptions",
                };
                format!(
                    "{:>width$} {bar:<30} {mark} #{} {} ({} {unit})",
                    thousands(r.count),
                    r.id,
                    r.label,
                    r.preemptions
                )
            })
            .collect()
    }
}

/// 1260 → "1,260".
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A fix level's verdict on a program: its histogram and whether it is fixed (exhaustive,
/// no forbidden outcome).
pub struct FixVerdict {
    pub histogram: Histogram,
    pub fixed: bool,
}

pub fn check_fix(level: &Level, source: &str, budget: &mut Budget) -> FixVerdict {
    let report = explore(level, source, &level.explore_options(), budget);
    let histogram = Histogram::new(&report, &|o| level.forbidden(o));
    let fixed = histogram.exhaustive && histogram.forbidden() == 0 && !histogram.rows.is_empty();
    FixVerdict { histogram, fixed }
}

/// The levels the native build carries, with their programs: (level, program, reference fix).
#[cfg(not(target_arch = "wasm32"))]
pub fn builtin() -> Vec<(Level, &'static str, Option<&'static str>)> {
    let levels = parse(include_str!("../levels/levels.json")).expect("levels/levels.json parses");
    levels
        .into_iter()
        .map(|l| {
            let file = |name: String| FILES.iter().find(|(f, _)| *f == name).map(|(_, text)| *text);
            let program = file(format!("{}.py", l.id)).unwrap_or_else(|| panic!("levels/{}.py is missing", l.id));
            let fix = file(format!("{}.fix.py", l.id));
            (l, program, fix)
        })
        .collect()
}

include!(concat!(env!("OUT_DIR"), "/levels.rs"));
