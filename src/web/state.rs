//! The page's state and every change to it: one `Reducible` model, changed only by `Action`s
//! (components dispatch, they never mutate). Stepping, running a slice and stepping back are
//! actions like any other. Invariant: what the page shows of the run is a view of a `Stepper`
//! whose run is fixed by (scenario, options, manual choices) alone; the timer that drives
//! Run only decides how many decisions a slice takes, never which.

use super::find::{self, Marks, Search};
use super::level_files;
use super::levels::{FixCheck, LevelPlay};
use super::share::{self, Shared};
use crate::lang::CompileError;
use crate::levels::Level;
use crate::scenarios::{self, Scenario};
use crate::sim::stepper::{Budget, StepBy, Stepper};
use crate::sim::timeline::Timeline;
use crate::sim::view::{ThreadStatus, View};
use crate::sim::HostProgram;
use crate::sim::{Buffering, Gil, Policy, RunOptions};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The text in this language.
    pub fn t(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system (`prefers-color-scheme`).
    Auto,
    Light,
    Dark,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Paused,
    /// Animated: `speed` decisions per tick.
    Running,
    /// As fast as the page stays responsive: large slices until the end.
    ToEnd,
}

/// Decisions per tick of Run, from slow to fast (the speed control picks one).
pub const SPEEDS: [u64; 5] = [1, 5, 25, 200, 2_000];
/// One slice of Run to end: large enough to finish the Lock program in a few slices,
/// small enough that the page repaints and reads input between them.
pub const TO_END_SLICE: Budget = Budget { decisions: 20_000, instructions: 4_000_000 };

/// A program the learner edited or loaded, in place of the scenario's (of its first host).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    pub file: String,
    pub source: String,
}

pub enum Action {
    Pick(usize),
    /// The program's text changed in the editor (restarts the run).
    Edit(String),
    /// A file was dropped or chosen: its name and text become the program.
    Load(String, String),
    /// Back to the scenario's own program.
    Revert,
    /// Show the editor (true) or the highlighted program with thread markers (false).
    SetEditing(bool),
    SetSeed(u64),
    SetCores(u32),
    SetPolicy(Policy),
    /// `--gil off`: a free-threaded CPython.
    SetGil(Gil),
    SetStdout(Buffering),
    SetSpeed(usize),
    SetManual(bool),
    SetLang(Lang),
    SetTheme(Theme),
    /// How far Step, Step back and "run next" go (see `StepBy`).
    SetStepBy(StepBy),
    /// Stop inside the library preludes' code too (off: it runs through as one step).
    SetLibrary(bool),
    Step,
    /// Manual scheduling: this ready thread runs the next slice.
    Choose(u32),
    /// Freeze this thread (or thaw it): the scheduler runs it only when no other can.
    Freeze(u32),
    /// Run this thread alone while it can (freeze every other), or end its solo.
    Solo(u32),
    Back,
    /// Go to this decision (a click on the timeline): back by replay, forwards along the
    /// timeline's horizon (so the choices it shows are the ones taken).
    Seek(usize),
    Run,
    Pause,
    /// Run if paused, pause if running (the space key).
    Toggle,
    RunToEnd,
    /// One slice of Run or Run to end (the page's timer dispatches it).
    Tick,
    Reset,
    /// Start searching schedules for distinct outcomes (in slices, see `find`).
    FindStart,
    /// One slice of the search (the page's timer dispatches it while it runs).
    FindTick,
    FindStop,
    /// Replay the schedule of the search's outcome number i (from 0), from the start.
    LoadOutcome(usize),
    /// A real run's trace was dropped or chosen: (file name, text).
    LoadTrace(String, String),
    /// Show the list of levels (or hide it).
    ShowLevels(bool),
    /// Open the level with this id: its program, manual mode (break) or the editor (fix).
    OpenLevel(String),
    /// Back to the scenarios.
    CloseLevel,
    /// Fix level: search the level's program and the learner's (in slices, see `levels`).
    CheckFix,
    /// One slice of the fix check (the page's timer dispatches it while it runs).
    CheckFixTick,
    /// Predict level: choice i ticked or not.
    PredictPick(usize, bool),
    /// Predict level: compare the ticked choices with the answer.
    CheckPredict,
}

#[derive(Clone)]
pub struct Model {
    pub lang: Lang,
    pub theme: Theme,
    pub scenario: usize,
    /// The learner's program, when it is not the scenario's.
    pub program: Option<Rc<Program>>,
    pub editing: bool,
    /// Bumped when the program is replaced from outside the editor (load, revert, pick), so
    /// the editor takes the new text.
    pub loads: u64,
    /// Where the program fails to compile (its SyntaxError), if it does.
    pub compile_error: Option<Rc<CompileError>>,
    pub opts: RunOptions,
    pub manual: bool,
    /// How far one Step goes.
    pub step_by: StepBy,
    /// Show (and stop in) the library preludes' code.
    pub library: bool,
    pub speed: usize,
    pub mode: Mode,
    /// Shared with older models on purpose: a model's `view` is its own snapshot, so an old
    /// model still renders what it showed; only the newest one steps.
    stepper: Rc<RefCell<Stepper>>,
    pub view: Rc<View>,
    /// The run's horizon (see `sim::timeline`), shared like the stepper: only the newest
    /// model changes it, and a model's `view.step` says where it stands on it.
    pub timeline: Rc<RefCell<Timeline>>,
    /// The threads the learner may pick next (manual mode).
    pub runnable: Rc<Vec<u32>>,
    /// The search for distinct outcomes, if one was started for this program.
    pub search: Option<Rc<RefCell<Search>>>,
    /// What is replayed (a found schedule, a real trace) and the decisions to mark.
    pub marks: Option<Rc<Marks>>,
    /// Why the last dropped trace could not be loaded.
    pub trace_error: Option<String>,
    /// The list of levels is shown.
    pub levels_open: bool,
    /// The levels, once fetched (`level_files`: when the list or a level first opens).
    pub catalog: Option<Rc<[Level]>>,
    /// Why the levels or a level's program could not be fetched (the list shows it).
    pub levels_error: Option<String>,
    /// The open level, if the program is a level's.
    pub level: Option<Rc<LevelPlay>>,
    /// The levels solved (kept in localStorage by `app`).
    pub solved: Rc<BTreeSet<String>>,
    /// Bumped by every action: models compare by it, and the run timer re-arms on it.
    pub version: u64,
}

impl PartialEq for Model {
    fn eq(&self, other: &Model) -> bool {
        self.version == other.version
    }
}

impl Model {
    pub fn new(lang: Lang, scenario: usize) -> Model {
        let opts = scenarios::all()[scenario].options();
        let s = &scenarios::all()[scenario];
        let stepper = Stepper::new_hosts(s.programs(), &opts);
        // The built-in programs compile (tests check it); `restart` finds errors of others.
        let view = Rc::new(stepper.view());
        let mut m = Model {
            lang,
            theme: Theme::Auto,
            scenario,
            program: None,
            editing: false,
            loads: 0,
            compile_error: None,
            opts,
            manual: false,
            step_by: StepBy::Line,
            library: false,
            speed: 2,
            mode: Mode::Paused,
            stepper: Rc::new(RefCell::new(stepper)),
            view,
            timeline: Rc::default(),
            runnable: Rc::new(Vec::new()),
            search: None,
            marks: None,
            trace_error: None,
            levels_open: false,
            catalog: None,
            levels_error: None,
            level: None,
            solved: Rc::default(),
            version: 0,
        };
        m.refresh();
        m
    }

    /// The page as a shared link describes it (see `share`): unknown scenarios fall back to
    /// the first one, and the recorded decisions are replayed.
    pub fn from_shared(lang: Lang, shared: &Shared) -> Model {
        let scenario = scenarios::all().iter().position(|s| s.name == shared.scenario).unwrap_or(0);
        let mut m = Model::new(lang, scenario);
        if let Some(id) = &shared.level {
            m.open_level(id);
        }
        if let Some(source) = &shared.source {
            let file = shared.file.clone().unwrap_or_else(|| m.scenario().file_name());
            m.program = Some(Rc::new(Program { file, source: source.clone() }));
        }
        let o = &mut m.opts;
        o.seed = shared.seed.unwrap_or(o.seed);
        o.cores = shared.cores.unwrap_or(o.cores).clamp(1, 64);
        o.policy = shared.policy.unwrap_or(o.policy);
        o.gil = shared.gil.unwrap_or(o.gil);
        o.stdout = shared.stdout.unwrap_or(o.stdout);
        m.restart();
        {
            let mut st = m.stepper.borrow_mut();
            let decisions = shared.moment.choices.len();
            st.go_to(shared.moment.clone());
            // The link was taken at the end: the step after the last decision finds it.
            if shared.over && st.position() as usize == decisions && st.place().1 == 0 {
                st.step(None);
            }
            m.manual = shared.manual.unwrap_or(m.manual) || shared.moment.choices.iter().any(|c| c.is_some());
        }
        m.sync_timeline(0);
        m.refresh();
        m.mark_solved();
        m
    }

    /// The URL fragment that reopens this exact moment.
    pub fn fragment(&self) -> String {
        let mut program = self.program.as_deref().map(|p| (p.file.as_str(), p.source.as_str()));
        // A level's own program travels as its id.
        if self.level.as_ref().is_some_and(|l| Some(&*l.program) == program.map(|p| p.1)) {
            program = None;
        }
        let level = self.level.as_ref().map(|l| format!("level={}&", l.level.id)).unwrap_or_default();
        level
            + &share::encode(
                self.scenario().name,
                &self.opts,
                &self.stepper.borrow().moment(),
                self.over(),
                self.manual,
                program,
            )
    }

    /// The programs this run boots: the scenario's, the first replaced by the learner's.
    pub fn programs(&self) -> Vec<HostProgram> {
        let mut programs = self.scenario().programs();
        if let (Some(p), Some(first)) = (&self.program, programs.first_mut()) {
            first.filename = p.file.clone();
            first.source = p.source.clone();
        }
        programs
    }

    /// The text of the first host's program (the one the editor edits).
    pub fn source(&self) -> &str {
        match &self.program {
            Some(p) => &p.source,
            None => self.scenario().source,
        }
    }

    pub fn file_name(&self) -> String {
        match &self.program {
            Some(p) => p.file.clone(),
            None => self.scenario().file_name(),
        }
    }

    pub fn scenario(&self) -> &'static Scenario {
        &scenarios::all()[self.scenario]
    }

    pub fn over(&self) -> bool {
        self.view.stop.is_some()
    }

    /// The threads the learner froze (see `Action::Freeze`).
    pub fn frozen(&self) -> Vec<u32> {
        self.stepper.borrow().frozen()
    }

    /// The threads that have not finished (those a freeze or a solo can concern).
    pub fn live_threads(&self) -> impl Iterator<Item = u32> + '_ {
        self.view.threads.iter().filter(|t| t.state != ThreadStatus::Finished).map(|t| t.tid)
    }

    /// A fresh run of the current scenario with the current options (step 0); its timeline
    /// starts empty, except after Reset (the same run: the horizon stays valid).
    fn restart(&mut self) {
        let programs = self.programs();
        self.compile_error = programs
            .iter()
            .find_map(|p| crate::lang::compile_module(&p.shown_path(&self.opts.files), &p.source).err())
            .map(Rc::new);
        // Event loops offer every task choice: manual mode picks the next task, and each
        // task's step is a slice of its own on the timeline.
        let opts = RunOptions { task_choices: true, ..self.opts.clone() };
        let mut stepper = Stepper::new_hosts(programs, &opts);
        // A break level (not a replayed schedule): the learner's choices are the decisions
        // of the search that computed its par, so a par schedule can be played by hand (under
        // cpython, switching at eval-breaker points inside a switch interval).
        if self.opts.replay.is_none() && self.level.as_ref().is_some_and(|l| l.level.kind == crate::levels::Kind::Break)
        {
            stepper = stepper.exploring();
        }
        self.stepper = Rc::new(RefCell::new(stepper));
        self.timeline = Rc::default();
        self.mode = Mode::Paused;
    }

    /// Keeps the timeline's horizon in step with the stepper after it moved on from
    /// decision `from`: extended when it went past it, replaced when it took other choices.
    fn sync_timeline(&mut self, from: usize) {
        let st = self.stepper.borrow();
        let mut tl = self.timeline.borrow_mut();
        if !tl.follows(st.choices(), from) {
            *tl = Timeline::default();
        }
        tl.ingest(st.trace(), st.choices());
        if st.is_over() && st.position() as usize == tl.decisions {
            tl.over = true;
        }
    }

    fn seek(&mut self, n: usize) {
        let mut st = self.stepper.borrow_mut();
        let pos = st.position() as usize;
        if n <= pos {
            st.seek(n);
            return;
        }
        let tl = self.timeline.borrow();
        for i in pos..n {
            if !st.step(tl.choice(i)) {
                return;
            }
        }
        // At the end of a finished run: one more step finds that it stopped.
        if tl.over && n >= tl.decisions {
            st.step(None);
        }
    }

    fn refresh(&mut self) {
        let mut st = self.stepper.borrow_mut();
        self.view = Rc::new(st.view());
        self.runnable = Rc::new(st.runnable());
        drop(st);
        if self.over() {
            self.mode = Mode::Paused;
        }
    }

    /// Replays outcome `i` of the search from the start (paused at step 0).
    fn load_outcome(&mut self, i: usize) {
        let Some(search) = self.search.clone() else { return };
        let s = search.borrow();
        let Some(o) = s.outcomes().get(i) else { return };
        self.opts = s.replay_options(&o.schedule.decisions);
        self.restart();
        self.marks = Some(Rc::new(Marks {
            label: format!("#{} ({} {})", i + 1, self.lang.t("exit status", "退出状态"), o.exit_code),
            preemptions: o.preemptions,
            matter_at: o.preemptions_that_matter.clone(),
            divergence: None,
        }));
    }

    /// Replays a real run's trace: its program (the scenario its main file names, else the
    /// current one), its decisions and clock readings; flags where `check_trace` finds the
    /// first divergence.
    fn load_trace(&mut self, name: &str, text: &str) {
        let t = match find::parse_trace(text) {
            Ok(t) => t,
            Err(e) => {
                self.trace_error = Some(format!("{name}: {e}"));
                return;
            }
        };
        if let Some(i) = t.program.as_ref().and_then(|p| scenarios::all().iter().position(|s| s.file_name() == *p)) {
            if i != self.scenario || self.program.is_some() {
                self.scenario = i;
                self.program = None;
                self.loads += 1;
                self.opts = self.scenario().options();
            }
        }
        let base = RunOptions { replay: None, replay_real: false, ..self.opts.clone() };
        let verdict = crate::check::check_hosts(&self.programs(), &base, &t.events);
        self.opts = RunOptions {
            replay: Some(t.decisions.clone()),
            replay_real: true,
            record_trace: true,
            max_steps: u64::MAX,
            ..base
        };
        self.restart();
        self.stepper.borrow_mut().set_real_inputs(t.inputs);
        self.marks = Some(Rc::new(Marks {
            label: format!("{name} ({} {})", t.decisions.len(), self.lang.t("decisions", "次决定")),
            preemptions: 0,
            matter_at: Vec::new(),
            divergence: verdict.divergence.map(|d| (d.decision.unwrap_or(0), d.to_string())),
        }));
    }

    /// The levels, fetched at the first call (an error shows the list, which says why).
    fn load_catalog(&mut self) -> Option<Rc<[Level]>> {
        if self.catalog.is_none() {
            match level_files::manifest() {
                Ok(c) => {
                    self.catalog = Some(c);
                    self.levels_error = None;
                }
                Err(e) => {
                    self.levels_error = Some(e);
                    self.levels_open = true;
                }
            }
        }
        self.catalog.clone()
    }

    /// Opens level `id` (nothing when there is none): its program on the first scenario's
    /// host with the level's policy, manual mode for a break level, the editor for a fix level.
    fn open_level(&mut self, id: &str) {
        let Some(catalog) = self.load_catalog() else { return };
        let Some(level) = catalog.iter().find(|l| l.id == id) else { return };
        let play = match LevelPlay::open(level) {
            Ok(play) => play,
            Err(e) => {
                self.levels_error = Some(e);
                self.levels_open = true;
                return;
            }
        };
        self.scenario = 0;
        self.opts = self.scenario().options();
        self.opts.policy = play.level.policy;
        self.program = Some(Rc::new(Program { file: play.level.file_name(), source: play.program.to_string() }));
        self.levels_error = None;
        self.loads += 1;
        self.manual = play.level.kind == crate::levels::Kind::Break;
        self.editing = play.level.kind == crate::levels::Kind::Fix;
        self.levels_open = false;
        self.level = Some(Rc::new(play));
        self.restart();
    }

    /// A break level: the run ended as its target says.
    pub fn level_goal_reached(&self) -> bool {
        let Some(play) = &self.level else { return false };
        let (Some(target), Some(stop)) = (play.level.target.as_ref(), self.view.stop.as_ref()) else { return false };
        if play.level.kind != crate::levels::Kind::Break {
            return false;
        }
        let text = |s: crate::sim::Stream| -> String {
            self.view.console.iter().filter(|c| c.stream == s).map(|c| c.text.as_str()).collect()
        };
        let (stdout, stderr) = (text(crate::sim::Stream::Stdout), text(crate::sim::Stream::Stderr));
        target.matches_run(crate::explore::kind_of(stop, &stderr), &stdout, &stderr)
    }

    /// Adds the open level to the solved ones when the learner solved it.
    fn mark_solved(&mut self) {
        let Some(play) = &self.level else { return };
        let solved = match play.level.kind {
            crate::levels::Kind::Break => self.level_goal_reached(),
            crate::levels::Kind::Fix => play.check.as_ref().is_some_and(|c| c.borrow().verdict() == Some(true)),
            crate::levels::Kind::Predict => play.predicted && play.predicted_right(),
        };
        if solved && !self.solved.contains(&play.level.id) {
            let mut s = (*self.solved).clone();
            s.insert(play.level.id.clone());
            self.solved = Rc::new(s);
        }
    }

    fn slice(&mut self) {
        let budget = match self.mode {
            Mode::Paused => return,
            Mode::Running => Budget { decisions: SPEEDS[self.speed], instructions: u64::MAX },
            Mode::ToEnd => TO_END_SLICE,
        };
        self.stepper.borrow_mut().run_for(budget);
    }
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut m = (*self).clone();
        m.version += 1;
        let from = m.stepper.borrow().position() as usize;
        let keep = matches!(action, Action::Reset);
        // A new program or new options: what was replayed and what was found no longer apply.
        let forget = match &action {
            Action::Edit(source) => source != m.source(),
            Action::Pick(_)
            | Action::Load(..)
            | Action::Revert
            | Action::SetSeed(_)
            | Action::SetCores(_)
            | Action::SetPolicy(_)
            | Action::SetGil(_)
            | Action::SetStdout(_)
            | Action::LoadTrace(..) => true,
            _ => false,
        };
        if matches!(action, Action::Pick(_) | Action::Load(..) | Action::Revert | Action::LoadTrace(..)) {
            m.level = None;
        }
        if forget {
            m.opts.replay = None;
            m.opts.replay_real = false;
            m.marks = None;
            m.trace_error = None;
            if !matches!(
                action,
                Action::SetSeed(_)
                    | Action::SetCores(_)
                    | Action::SetPolicy(_)
                    | Action::SetGil(_)
                    | Action::SetStdout(_)
            ) {
                m.search = None;
            }
        }
        let timeline = m.timeline.clone();
        match action {
            Action::Pick(i) if i < scenarios::all().len() => {
                m.scenario = i;
                m.program = None;
                m.loads += 1;
                m.opts = m.scenario().options();
                m.restart();
            }
            Action::Pick(_) => {}
            Action::Edit(source) => {
                if source != m.source() {
                    // A fix check was of the text before.
                    if let Some(play) = &m.level {
                        let mut play = (**play).clone();
                        play.check = None;
                        m.level = Some(Rc::new(play));
                    }
                    let file = m.file_name();
                    m.program = Some(Rc::new(Program { file, source }));
                    m.restart();
                }
            }
            Action::Load(file, source) => {
                m.program = Some(Rc::new(Program { file, source }));
                m.loads += 1;
                m.editing = true;
                m.restart();
            }
            Action::Revert => {
                m.program = None;
                m.loads += 1;
                m.restart();
            }
            Action::SetEditing(on) => m.editing = on,
            Action::SetSeed(seed) => {
                m.opts.seed = seed;
                m.restart();
            }
            Action::SetCores(n) => {
                m.opts.cores = n.clamp(1, 64);
                m.restart();
            }
            Action::SetPolicy(p) => {
                m.opts.policy = p;
                m.restart();
            }
            Action::SetGil(g) => {
                m.opts.gil = g;
                m.restart();
            }
            Action::SetStdout(b) => {
                m.opts.stdout = b;
                m.restart();
            }
            Action::SetSpeed(i) => m.speed = i.min(SPEEDS.len() - 1),
            Action::SetManual(on) => {
                m.manual = on;
                if on {
                    m.mode = Mode::Paused;
                }
            }
            Action::SetLang(l) => m.lang = l,
            Action::SetTheme(t) => m.theme = t,
            Action::SetStepBy(by) => m.step_by = by,
            Action::SetLibrary(on) => m.library = on,
            Action::Step => {
                m.mode = Mode::Paused;
                m.stepper.borrow_mut().step_by(m.step_by, m.library, None);
            }
            Action::Choose(tid) => {
                m.mode = Mode::Paused;
                m.stepper.borrow_mut().step_by(m.step_by, m.library, Some(tid));
            }
            Action::Freeze(tid) => {
                let mut frozen = m.stepper.borrow().frozen();
                match frozen.iter().position(|&t| t == tid) {
                    Some(i) => {
                        frozen.remove(i);
                    }
                    None => frozen.push(tid),
                }
                frozen.sort_unstable();
                m.stepper.borrow_mut().set_frozen(frozen);
                // The horizon ahead was scheduled without this freeze.
                m.timeline = Rc::default();
            }
            Action::Solo(tid) => {
                let others: Vec<u32> = m.live_threads().filter(|&t| t != tid).collect();
                let frozen = m.stepper.borrow().frozen();
                let solo = !others.is_empty() && others.iter().all(|t| frozen.contains(t)) && !frozen.contains(&tid);
                m.stepper.borrow_mut().set_frozen(if solo { Vec::new() } else { others });
                m.timeline = Rc::default();
            }
            Action::Back => {
                m.mode = Mode::Paused;
                m.stepper.borrow_mut().back_by(m.step_by, m.library);
            }
            Action::Run if !m.over() => m.mode = Mode::Running,
            Action::RunToEnd if !m.over() => m.mode = Mode::ToEnd,
            Action::Run | Action::RunToEnd => {}
            Action::Pause => m.mode = Mode::Paused,
            Action::Toggle => {
                m.mode = if m.mode == Mode::Paused && !m.over() { Mode::Running } else { Mode::Paused };
            }
            Action::Seek(n) => {
                m.mode = Mode::Paused;
                m.seek(n);
            }
            Action::Tick => m.slice(),
            Action::Reset => m.restart(),
            Action::FindStart => {
                let file = m.file_name();
                m.search = Some(Rc::new(RefCell::new(Search::new(&file, m.source(), &m.opts))));
            }
            Action::FindTick => {
                if let Some(s) = &m.search {
                    s.borrow_mut().work(find::SEARCH_SLICE_MS, &js_sys::Date::now);
                }
            }
            Action::FindStop => {
                if let Some(s) = &m.search {
                    s.borrow_mut().running = false;
                }
            }
            Action::LoadOutcome(i) => m.load_outcome(i),
            Action::LoadTrace(name, text) => m.load_trace(&name, &text),
            Action::ShowLevels(on) => {
                m.levels_open = on;
                if on {
                    m.load_catalog();
                }
            }
            Action::OpenLevel(id) => {
                m.opts.replay = None;
                m.opts.replay_real = false;
                m.marks = None;
                m.search = None;
                m.open_level(&id);
            }
            Action::CloseLevel => m.level = None,
            Action::CheckFix => {
                if let Some(play) = &m.level {
                    let mut play = (**play).clone();
                    let check = FixCheck::new(play.level.clone(), &play.program, m.source());
                    play.check = Some(Rc::new(RefCell::new(check)));
                    m.level = Some(Rc::new(play));
                }
            }
            Action::CheckFixTick => {
                if let Some(c) = m.level.as_ref().and_then(|p| p.check.clone()) {
                    c.borrow_mut().work(super::levels::CHECK_SLICE_MS, &js_sys::Date::now);
                }
            }
            Action::PredictPick(i, on) => {
                if let Some(play) = &m.level {
                    let mut play = (**play).clone();
                    if let Some(p) = play.picks.get_mut(i) {
                        *p = on;
                    }
                    play.predicted = false;
                    m.level = Some(Rc::new(play));
                }
            }
            Action::CheckPredict => {
                if let Some(play) = &m.level {
                    let mut play = (**play).clone();
                    play.predicted = true;
                    m.level = Some(Rc::new(play));
                }
            }
        }
        if keep {
            m.timeline = timeline;
        }
        let pos = m.stepper.borrow().position() as usize;
        m.sync_timeline(from.min(pos));
        m.refresh();
        m.mark_solved();
        Rc::new(m)
    }
}
