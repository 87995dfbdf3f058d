//! The `builtins` module: the classes of `Types`, the functions of `vm::builtins`, and the
//! builtins that need the VM itself (`print`, `super`, `property`, `staticmethod`,
//! `classmethod`, `exit`). Invariant: built once per process from shared classes; `print`
//! writes only through `Interp::write`, so the kernel sees every byte in order.

use super::{arg, builtin};
use crate::limits::STDOUT_BUFFER;
use crate::vm::native::NativeData;
use crate::vm::request::Request;
use crate::vm::types::new_class;
use crate::vm::value::{ClassKind, Module, NativeObj, Value};
use crate::vm::Stream;
use crate::vm::{builtins, Dict, Flow, Interp, Kwargs, Types};
use std::rc::Rc;

pub fn make_builtins(types: &Types) -> Rc<Module> {
    // Every process (and every schedule explore runs) gets its own module, built from one
    // template per set of classes: filling it name by name cost a tenth of an explore run.
    // The values are immutable (functions, classes shared anyway), so sharing them is safe.
    thread_local! {
        static TEMPLATE: std::cell::RefCell<Option<(Rc<crate::vm::value::Class>, crate::vm::value::Globals)>> =
            const { std::cell::RefCell::new(None) };
    }
    TEMPLATE.with(|t| {
        let mut t = t.borrow_mut();
        if !matches!(&*t, Some((object, _)) if Rc::ptr_eq(object, &types.object)) {
            let built = build_builtins(types);
            let globals = built.globals.borrow().clone();
            *t = Some((types.object.clone(), globals));
        }
        let globals = t.as_ref().map(|(_, g)| g.clone()).unwrap_or_default();
        Rc::new(Module { name: Rc::from("builtins"), globals: std::cell::RefCell::new(globals) })
    })
}

fn build_builtins(types: &Types) -> Rc<Module> {
    let m = Module::new("builtins", &[]);
    for (name, f) in builtins::FUNCTIONS {
        m.set(name, builtin(name, *f));
    }
    let classes = [
        &types.object,
        &types.type_,
        &types.bool,
        &types.int,
        &types.float,
        &types.str,
        &types.bytes,
        &types.tuple,
        &types.list,
        &types.dict,
        &types.set,
        &types.frozenset,
        &types.range,
        &types.slice,
    ];
    for c in classes {
        m.set(&c.name, Value::Class(c.clone()));
    }
    for (name, c) in &types.exceptions {
        if &*c.module == "builtins" {
            m.set(name, Value::Class(c.clone()));
        }
    }
    m.set("EnvironmentError", Value::Class(types.exceptions["OSError"].clone()));
    m.set("IOError", Value::Class(types.exceptions["OSError"].clone()));
    for name in ["property", "staticmethod", "classmethod", "super"] {
        if let Some(c) = types.natives.get(name) {
            m.set(name, Value::Class(c.clone()));
        }
    }
    m.set("print", builtin("print", print));
    m.set("globals", builtin("globals", super::frames::globals));
    m.set("locals", builtin("locals", super::frames::locals));
    m.set("exit", builtin("exit", exit));
    m.set("quit", builtin("quit", exit));
    m.set("NotImplemented", Value::NotImplemented);
    m.set("Ellipsis", Value::Ellipsis);
    m.set("__name__", Value::str("builtins"));
    m
}

/// Classes for the descriptors and `super`, added to `Types::natives`.
pub fn descriptor_classes(object: &Rc<crate::vm::value::Class>) -> Vec<(&'static str, Rc<crate::vm::value::Class>)> {
    let mk = |name: &'static str, methods: &[(&'static str, crate::vm::value::NativeFn)]| {
        let mut d = Dict::new();
        for (n, f) in methods {
            d.set_str(n, builtin(n, *f));
        }
        (name, new_class(name, "builtins", vec![object.clone()], ClassKind::Object, d, true))
    };
    vec![
        mk("property", &[("__new__", property_new), ("setter", property_setter), ("getter", property_getter)]),
        mk("staticmethod", &[("__new__", staticmethod_new)]),
        mk("classmethod", &[("__new__", classmethod_new)]),
        mk("super", &[("__new__", super_new)]),
    ]
}

pub fn new_descriptor(it: &mut Interp, class: &str, fields: &[(&str, Value)]) -> Value {
    let c = it.types.natives[class].clone();
    let inst = it.new_instance(&c, Vec::new());
    if let Value::Instance(i) = &inst {
        for (k, v) in fields {
            i.dict.borrow_mut().set_str(k, v.clone());
        }
    }
    inst
}

fn field(v: &Value, name: &str) -> Value {
    match v {
        Value::Instance(i) => i.dict.borrow().get_str(name).unwrap_or(Value::None),
        _ => Value::None,
    }
}

fn property_new(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let fget = arg(args, kw, 0, "fget").cloned().unwrap_or(Value::None);
    let fset = arg(args, kw, 1, "fset").cloned().unwrap_or(Value::None);
    Ok(new_descriptor(it, "property", &[("fget", fget), ("fset", fset)]))
}

fn property_setter(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let fget = field(&args[0], "fget");
    let fset = args.get(1).cloned().unwrap_or(Value::None);
    Ok(new_descriptor(it, "property", &[("fget", fget), ("fset", fset)]))
}

fn property_getter(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let fset = field(&args[0], "fset");
    let fget = args.get(1).cloned().unwrap_or(Value::None);
    Ok(new_descriptor(it, "property", &[("fget", fget), ("fset", fset)]))
}

fn staticmethod_new(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let f = args.first().cloned().unwrap_or(Value::None);
    Ok(new_descriptor(it, "staticmethod", &[("__func__", f)]))
}

fn classmethod_new(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let f = args.first().cloned().unwrap_or(Value::None);
    Ok(new_descriptor(it, "classmethod", &[("__func__", f)]))
}

fn super_new(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    match args {
        [Value::Class(c), obj] => {
            let cls = it.types.natives["super"].clone();
            let serial = it.next_serial();
            Ok(Value::Native(NativeObj::new(
                cls,
                serial,
                NativeData::Opaque(Value::tuple(vec![Value::Class(c.clone()), obj.clone()])),
            )))
        }
        [] => Err(it.err("RuntimeError", "super(): no arguments")),
        _ => Err(it.err("TypeError", "super() argument 1 must be a type")),
    }
}

/// `super(C, obj).name`: the attribute from the classes after C in type(obj)'s MRO.
pub fn super_getattr(it: &mut Interp, pair: &Value, name: &str) -> Result<Value, Flow> {
    let Value::Tuple(t) = pair else { return Err(it.err("SystemError", "bad super")) };
    let (Value::Class(start), obj) = (&t[0], &t[1]) else { return Err(it.err("SystemError", "bad super")) };
    // `super(C, cls)` in a classmethod searches cls's MRO; in a metaclass's method
    // (`cls` an instance of the metaclass, not a subclass of C) it searches type(cls)'s.
    let (obj_cls, binds) = match obj {
        Value::Class(c) if c.is_subclass_of(start) => (c.clone(), false),
        other => (it.class_of(other), true),
    };
    let mut after = false;
    for c in obj_cls.mro() {
        if after {
            let found = c.dict.borrow().get_str(name);
            if let Some(v) = found {
                let obj_class = if binds { Value::Class(it.class_of(obj)) } else { obj.clone() };
                return Ok(match v {
                    // `super().__new__(cls)`: a static method, never bound.
                    Value::Builtin(_) if name == "__new__" => crate::vm::builtins::subclass::bound_new(it, c, v),
                    Value::Instance(ref i) if i.class.borrow().builtin && &*i.class.borrow().name == "staticmethod" => {
                        field(&v, "__func__")
                    }
                    Value::Instance(ref i) if i.class.borrow().builtin && &*i.class.borrow().name == "classmethod" => {
                        Value::BoundMethod(Rc::new(crate::vm::value::BoundMethod {
                            receiver: obj_class,
                            func: field(&v, "__func__"),
                        }))
                    }
                    Value::Function(_) if binds => {
                        Value::BoundMethod(Rc::new(crate::vm::value::BoundMethod { receiver: obj.clone(), func: v }))
                    }
                    Value::Builtin(b) if b.bound.is_none() => Value::Builtin(Rc::new(crate::vm::value::Builtin {
                        name: b.name,
                        func: b.func,
                        bound: Some(obj.clone()),
                    })),
                    other => other,
                });
            }
        }
        if Rc::ptr_eq(c, start) {
            after = true;
        }
    }
    Err(it.err("AttributeError", format!("'super' object has no attribute '{name}'")))
}

fn print(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let mut sep: Rc<str> = Rc::from(" ");
    let mut end: Rc<str> = Rc::from("\n");
    let mut file = Value::None;
    let mut flush = false;
    for (k, v) in kw {
        match (&**k, v) {
            ("sep", Value::Str(s)) => sep = s.clone(),
            ("end", Value::Str(s)) => end = s.clone(),
            ("sep" | "end", Value::None) => {}
            ("sep" | "end", other) => {
                return Err(it.err("TypeError", format!("{k} must be None or a string, not {}", other.type_name())));
            }
            ("file", v) => file = v.clone(),
            ("flush", v) => flush = it.truthy(v)?,
            _ => return Err(it.err("TypeError", format!("'{k}' is an invalid keyword argument for print()"))),
        }
    }
    if file.is_none() {
        file = it.sys_attr("stdout");
    }
    // CPython writes each argument, each separator and `end` with its own `write`; a write
    // to a stream is a system call that releases the GIL, so another thread may write
    // between them. A retried call (after such a release) goes on with the parts left.
    let stashed = it.print_rest.iter().position(|(tid, _, _)| *tid == it.tid).map(|i| it.print_rest.swap_remove(i));
    let mut parts = match stashed {
        Some((_, a, rest)) if a.len() == args.len() && a.iter().zip(args).all(|(x, y)| x.is(y)) => rest,
        _ => {
            let mut parts = std::collections::VecDeque::with_capacity(args.len() * 2 + 1);
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    parts.push_back(sep.clone());
                }
                parts.push_back(it.str_of(a)?);
            }
            parts.push_back(end);
            parts
        }
    };
    let mut released = false;
    while let Some(part) = parts.pop_front() {
        released = it.write_to(&file, &part)?;
        if released && !parts.is_empty() {
            it.print_rest.push((it.tid, args.to_vec(), parts));
            return Err(Flow::Request(Box::new(Request::Released { value: None })));
        }
    }
    if flush {
        if let Value::Native(_) = &file {
            it.flush_stdout();
        } else {
            let f = it.get_attr(&file, "flush")?;
            it.call(&f, vec![])?;
        }
    }
    if released {
        return Err(Flow::Request(Box::new(Request::Released { value: Some(Value::None) })));
    }
    Ok(Value::None)
}

fn exit(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    Err(it.err_args("SystemExit", args.to_vec()))
}

impl Interp {
    /// `sys.<name>` as the program sees it now (it may have replaced `sys.stdout`).
    pub fn sys_attr(&mut self, name: &str) -> Value {
        match self.modules.get("sys") {
            Some(Value::Module(m)) => m.get(name).unwrap_or(Value::None),
            _ => match name {
                "stdout" => self.stdout_obj.clone(),
                "stderr" => self.stderr_obj.clone(),
                _ => Value::None,
            },
        }
    }

    /// Writes to a file object: the process's stdout/stderr, or anything with `write`.
    /// True when the write was a system call that released the GIL to a thread waiting for
    /// it (`released_gil`): the caller then ends its call with `Request::Released`.
    pub fn write_to(&mut self, file: &Value, text: &str) -> Result<bool, Flow> {
        if let Value::Native(n) = file {
            let fd = match &*n.data.borrow() {
                NativeData::File { fd } => Some(*fd),
                _ => None,
            };
            if let Some(fd) = fd {
                let stream = if fd == 2 { Stream::Stderr } else { Stream::Stdout };
                self.write(stream, text);
                return Ok(!text.is_empty() && self.released_gil(stream));
            }
        }
        let w = self.get_attr(file, "write")?;
        self.call(&w, vec![Value::str(text)])?;
        Ok(false)
    }

    /// Whether a write to `stream` just now released the GIL (`IoRelease`): it went out at
    /// once (not into a block buffer) and the thread runs at the top level (a nested run
    /// cannot suspend).
    pub fn released_gil(&self, stream: Stream) -> bool {
        if self.depth != 0 || (stream == Stream::Stdout && self.stdout_block) {
            return false;
        }
        match self.io_release {
            crate::vm::IoRelease::Never => false,
            crate::vm::IoRelease::Contended => self.call_steps.1 <= crate::vm::WRITE_NS / crate::vm::NS_PER_STEP,
            crate::vm::IoRelease::Always => true,
        }
    }

    /// Appends program output for the kernel to collect after the slice.
    pub fn write(&mut self, stream: Stream, text: &str) {
        if text.is_empty() {
            return;
        }
        if stream == Stream::Stdout && self.stdout_block {
            self.stdout_buf.push_str(text);
            if self.stdout_buf.len() >= STDOUT_BUFFER {
                self.flush_stdout();
            }
            return;
        }
        self.emit(stream, text);
    }

    /// `sys.stdout.flush()`: hands buffered stdout to the terminal.
    pub fn flush_stdout(&mut self) {
        let text = std::mem::take(&mut self.stdout_buf);
        self.emit(Stream::Stdout, &text);
    }

    fn emit(&mut self, stream: Stream, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.out.last_mut() {
            Some((s, t)) if *s == stream => t.push_str(text),
            _ => self.out.push((stream, text.to_string())),
        }
    }
}
