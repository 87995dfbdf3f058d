//! The spawn and forkserver start methods: a child that starts from a fresh interpreter
//! instead of a copy of its parent. `multiprocessing` forks (so the child gets its pid and
//! its kernel handles, as the real `spawn` passes them) and the child asks to be replaced
//! (`Request::Spawn`): `Interp::spawned` builds the new heap — same identity, program,
//! clock and settings, none of the parent's objects — and a thread state that runs
//! `multiprocessing._spawn_main()` as `__main__` from `<string>`, as CPython's
//! `python -c 'from multiprocessing.spawn import spawn_main; spawn_main(...)'` does; that
//! re-imports the program as `__mp_main__` and unpickles the process object.
//! Invariant: nothing of the old heap is reachable from the new one; only the pickled
//! preparation data and process object cross.

use super::frame::{Frame, OnReturn};
use super::pickle::Pickled;
use super::value::{Module, Value};
use super::{Flow, Interp, ThreadState};
use std::rc::Rc;

/// The modules a pickled value names (its classes and functions), but the main module: the
/// bootstrap imports them first, as unpickling would.
fn modules_of(p: &Pickled, out: &mut Vec<Rc<str>>) {
    match p {
        Pickled::Tuple(v) | Pickled::List(v) | Pickled::Set(v) | Pickled::FrozenSet(v) => {
            v.iter().for_each(|x| modules_of(x, out))
        }
        Pickled::Dict(items) => items.iter().for_each(|(k, v)| {
            modules_of(k, out);
            modules_of(v, out)
        }),
        Pickled::Global { module, .. } | Pickled::Object { module, .. } => {
            if !matches!(&**module, "__main__" | "__mp_main__" | "builtins") && !out.contains(module) {
                out.push(module.clone());
            }
            if let Pickled::Object { attrs, exc_args, base, .. } = p {
                attrs.iter().for_each(|(_, v)| modules_of(v, out));
                exc_args.iter().flatten().for_each(|x| modules_of(x, out));
                base.iter().for_each(|x| modules_of(x, out));
            }
        }
        _ => {}
    }
}

impl Interp {
    /// The interpreter and main thread a spawned child continues as.
    pub fn spawned(&mut self, prep: Pickled, obj: Pickled) -> Result<(Interp, ThreadState), String> {
        let mut it = Interp::new(
            self.types.clone(),
            self.pid,
            self.ppid,
            self.run_seed,
            self.cores,
            self.argv.clone(),
            self.sources.clone(),
        );
        it.tid = self.tid;
        it.now_ns = self.now_ns;
        it.run_steps = self.run_steps;
        it.nested_steps = self.nested_steps;
        it.next_serial = self.next_serial;
        it.out = std::mem::take(&mut self.out);
        it.clock_log = std::mem::take(&mut self.clock_log);
        it.file_log = std::mem::take(&mut self.file_log);
        it.command_feed = std::mem::take(&mut self.command_feed);
        it.preempt_any = self.preempt_any;
        it.explore = self.explore;
        it.stdout_block = self.stdout_block;
        it.urandom_draws = self.urandom_draws;
        it.ordered_ppid = self.ordered_ppid;
        // The host's files and the process's directory and stdin stay; signal handlers are
        // a fresh interpreter's defaults, the main thread the same.
        it.fs = self.fs.clone();
        it.cwd = self.cwd.clone();
        it.script_dir = self.script_dir.clone();
        it.main_path = self.main_path.clone();
        it.stdin = self.stdin.clone();
        it.signals.main_tid = self.signals.main_tid;
        it.signals.version = self.signals.version + 1;
        it.real_commands = self.real_commands;
        let seed = it.fresh_seed();
        it.rng.seed_u64(seed);
        it.spawn_payload = Some((prep, obj));
        let mut names = Vec::new();
        if let Some((_, obj)) = &it.spawn_payload {
            modules_of(obj, &mut names);
        }
        // One line, as CPython's `python -c '...'`: its frame reads `File "<string>", line 1`.
        let mut source = String::new();
        for m in names.iter().filter(|m| m.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')) {
            source.push_str(&format!("import {m}; "));
        }
        source.push_str("from multiprocessing import _spawn_main; _spawn_main()\n");
        let compiled = crate::lang::compile_module("<string>", &source).map_err(|e| e.msg)?;
        let module = Module::new("__main__", &compiled.global_names);
        module.set("__name__", Value::str("__main__"));
        module.set("__builtins__", Value::Module(it.builtins.clone()));
        it.register_main(&module);
        let mut ts = ThreadState::default();
        ts.frames.push(Frame {
            code: compiled.code,
            pc: 0,
            locals: Vec::new(),
            cells: Vec::new(),
            globals: module,
            ns: None,
            blocks: Vec::new(),
            base: 0,
            on_return: OnReturn::Push,
        });
        Ok((it, ts))
    }

    /// `_concsim.spawn_data(i)`: the spawned child's preparation data (0) or process object
    /// (1), unpickled here (the object once `__mp_main__` is imported, so its classes and
    /// functions are found).
    pub(crate) fn spawn_data(&mut self, which: usize) -> Result<Value, Flow> {
        let p = match &self.spawn_payload {
            Some((prep, obj)) => {
                if which == 0 {
                    prep.clone()
                } else {
                    obj.clone()
                }
            }
            None => return Err(self.err("RuntimeError", "this process was not spawned")),
        };
        self.unpickle(&p)
    }

    /// `import __mp_main__` in a spawned child: the program, run again under that name,
    /// then also `sys.modules['__main__']` (CPython's `_fixup_main_from_path`).
    pub(super) fn mp_main_source(&self) -> Option<(String, Rc<str>)> {
        let filename = self.main_path.clone();
        let source = self.sources.get(filename.as_str())?.clone();
        Some((filename, source))
    }
}
