//! The page's root component: owns the model (`use_reducer`) and connects it to the
//! browser — the timer that drives Run, the keyboard shortcuts, the URL (a link to the
//! current moment, manual mode included), the document's language and theme attributes (kept
//! in localStorage), and the page's layout (`<header>`, then `<main>` with the run on the
//! left and the machine on the right). Invariant: these effects only dispatch actions or
//! mirror the model; the model never reads the browser except for the starting language,
//! theme and link.

use super::compare::ComparePanel;
use super::controls::{Controls, Picker};
use super::find::FindPanel;
use super::levels::{self, LevelCard, LevelsList};
use super::panels::{Console, Panels};
use super::share;
use super::source::SourceView;
use super::state::{Action, Lang, Mode, Model, Theme};
use super::timeline::TimelineView;
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Chinese first when the browser prefers it.
fn browser_lang() -> Lang {
    let lang = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    if lang.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

const THEME_KEY: &str = "concsim.theme";
const LANG_KEY: &str = "concsim.lang";
/// The solved levels' ids, comma-separated.
const SOLVED_KEY: &str = "concsim.levels.solved";

/// A preference kept in the browser's localStorage (None when storage is unavailable).
fn stored(key: &str) -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(key).ok()?
}

fn store(key: &str, value: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(key, value);
    }
}

/// How long Run waits between two ticks, so a learner can follow; Run to end does not wait.
const RUN_TICK_MS: u32 = 120;

#[component]
pub fn App() -> Html {
    let model = use_reducer(|| {
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        let lang = match stored(LANG_KEY).as_deref() {
            Some("zh") => Lang::Zh,
            Some("en") => Lang::En,
            _ => browser_lang(),
        };
        let mut m = Model::from_shared(lang, &share::decode(&hash));
        let mut solved = levels::parse_solved(&stored(SOLVED_KEY).unwrap_or_default());
        solved.extend(m.solved.iter().cloned());
        m.solved = std::rc::Rc::new(solved);
        m.theme = match stored(THEME_KEY).as_deref() {
            Some("dark") => Theme::Dark,
            Some("light") => Theme::Light,
            _ => Theme::Auto,
        };
        m
    });

    // The page is up: the loading notice of index.html goes.
    use_effect_with((), |_| {
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("loading")) {
            el.remove();
        }
    });

    // The URL always reopens this moment (updated when paused, not at every tick of a run).
    use_effect_with((model.version, model.mode), {
        let fragment = (model.mode == Mode::Paused).then(|| model.fragment());
        move |_| {
            if let (Some(f), Some(w)) = (fragment, web_sys::window()) {
                if let Ok(h) = w.history() {
                    let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{f}")));
                }
            }
        }
    });

    // Run and Run to end: one slice per tick. The effect re-arms after every action (the
    // version changes), and dropping the timeout cancels a tick a newer action overtook.
    {
        let d = model.dispatcher();
        use_effect_with((model.mode, model.version), move |(mode, _)| {
            let delay = match mode {
                Mode::Paused => None,
                Mode::Running => Some(RUN_TICK_MS),
                Mode::ToEnd => Some(0),
            };
            let timeout = delay.map(|ms| Timeout::new(ms, move || d.dispatch(Action::Tick)));
            move || drop(timeout)
        });
    }

    // The search for a breaking schedule: one slice per tick (see `find`), so the page
    // repaints and reads input between two slices.
    {
        let d = model.dispatcher();
        let searching = model.search.as_ref().is_some_and(|s| s.borrow().running);
        use_effect_with((searching, model.version), move |(searching, _)| {
            let timeout = searching.then(|| Timeout::new(0, move || d.dispatch(Action::FindTick)));
            move || drop(timeout)
        });
    }

    // A fix level's check: one slice per tick, like the search.
    {
        let d = model.dispatcher();
        let checking = model.level.as_ref().and_then(|p| p.check.as_ref()).is_some_and(|c| c.borrow().running());
        use_effect_with((checking, model.version), move |(checking, _)| {
            let timeout = checking.then(|| Timeout::new(0, move || d.dispatch(Action::CheckFixTick)));
            move || drop(timeout)
        });
    }

    // Progress: the solved levels are kept for the next visit.
    use_effect_with(model.solved.clone(), |solved| store(SOLVED_KEY, &levels::format_solved(solved)));

    // A level link followed in this tab (`#level=ID`) opens the level.
    {
        let d = model.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
                    if let Some(id) = share::decode(&hash).level {
                        d.dispatch(Action::OpenLevel(id));
                    }
                })
            });
            move || drop(listener)
        });
    }

    // → step, ← back, space run/pause — except while typing in a field.
    {
        let d = model.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                // Not passive: the space key's default (scrolling) must be preventable.
                EventListener::new_with_options(
                    &doc,
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                        if e.ctrl_key() || e.alt_key() || e.meta_key() {
                            return;
                        }
                        let tag = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .map(|el| el.tag_name())
                            .unwrap_or_default();
                        // The timeline (a focusable canvas) takes the arrows itself.
                        if matches!(tag.as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "CANVAS") {
                            return;
                        }
                        match e.key().as_str() {
                            "ArrowRight" => d.dispatch(Action::Step),
                            "ArrowLeft" => d.dispatch(Action::Back),
                            // A focused button would also take the space as a click.
                            " " if tag != "BUTTON" => {
                                e.prevent_default();
                                d.dispatch(Action::Toggle);
                            }
                            _ => {}
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    // The document follows the chosen language (screen readers, fonts) and theme, and both
    // are kept for the next visit.
    use_effect_with((model.lang, model.theme), |(lang, theme)| {
        store(LANG_KEY, if *lang == Lang::Zh { "zh" } else { "en" });
        store(
            THEME_KEY,
            match theme {
                Theme::Auto => "auto",
                Theme::Light => "light",
                Theme::Dark => "dark",
            },
        );
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", if *lang == Lang::Zh { "zh-CN" } else { "en" });
            match theme {
                Theme::Auto => {
                    let _ = root.remove_attribute("data-theme");
                }
                Theme::Light => {
                    let _ = root.set_attribute("data-theme", "light");
                }
                Theme::Dark => {
                    let _ = root.set_attribute("data-theme", "dark");
                }
            }
        }
    });

    let on: Callback<Action> = {
        let d = model.dispatcher();
        Callback::from(move |a| d.dispatch(a))
    };
    let m: std::rc::Rc<Model> = std::rc::Rc::new((*model).clone());
    let l = m.lang;
    let next_theme = match m.theme {
        Theme::Auto => Theme::Dark,
        Theme::Dark => Theme::Light,
        Theme::Light => Theme::Auto,
    };
    let theme_label = match m.theme {
        Theme::Auto => l.t("Theme: system", "主题：跟随系统"),
        Theme::Dark => l.t("Theme: dark", "主题：深色"),
        Theme::Light => l.t("Theme: light", "主题：浅色"),
    };
    let multi_host = m.scenario().hosts.len() > 1;
    let other_lang = if l == Lang::En { Lang::Zh } else { Lang::En };
    // A file dropped anywhere on the page becomes the program.
    let ondragover = |e: DragEvent| e.prevent_default();
    let ondrop = {
        let on = on.clone();
        move |e: DragEvent| {
            e.prevent_default();
            if let Some(f) = e.data_transfer().and_then(|d| d.files()).and_then(|fs| fs.get(0)) {
                super::source::load_file(f, on.clone());
            }
        }
    };
    html! {
        <div class="page" {ondragover} {ondrop}>
            <header class="top">
                <h1>{ "concsim" }<span class="tagline">{ l.t(" — watch Python processes and threads run", " — 观察 Python 的进程与线程如何运行") }</span></h1>
                <div class="top-buttons">
                    <button class="ghost" data-testid="levels-button" aria-pressed={m.levels_open.to_string()}
                        onclick={ let on = on.clone(); let open = m.levels_open; move |_| on.emit(Action::ShowLevels(!open)) }>
                        { l.t("Levels", "关卡") }{ format!(" ({}/{})", m.solved.len(), crate::levels::COUNT) }
                    </button>
                    <button class="ghost" lang={ if other_lang == Lang::Zh { "zh-CN" } else { "en" } }
                        onclick={ let on = on.clone(); move |_| on.emit(Action::SetLang(other_lang)) }>
                        { if other_lang == Lang::Zh { "中文" } else { "English" } }
                    </button>
                    <button class="ghost" onclick={ let on = on.clone(); move |_| on.emit(Action::SetTheme(next_theme)) }>
                        { theme_label }
                    </button>
                </div>
            </header>
            // Wide: the run (controls, program, console, timeline) on the left, the scenario
            // and the machine on the right. Narrow: one column, its order set in style.css so
            // the controls (sticky), the program and the threads come together.
            <main class="work">
                // Several hosts: their programs side by side, across the page.
                { if multi_host { html! { <SourceView model={m.clone()} on={on.clone()} /> } } else { Html::default() } }
                <div class="left">
                    { if m.levels_open { html! { <LevelsList model={m.clone()} on={on.clone()} /> } } else { Html::default() } }
                    <LevelCard model={m.clone()} on={on.clone()} />
                    <Controls model={m.clone()} on={on.clone()} />
                    { if !multi_host { html! { <SourceView model={m.clone()} on={on.clone()} /> } } else { Html::default() } }
                    <Console model={m.clone()} />
                    <TimelineView model={m.clone()} on={on.clone()} />
                    <FindPanel model={m.clone()} on={on.clone()} />
                    <ComparePanel model={m.clone()} />
                </div>
                <div class="right">
                    <Picker model={m.clone()} on={on.clone()} />
                    <Panels model={m} on={on} />
                </div>
            </main>
        </div>
    }
}
