//! The builtin classes, built once per run and shared by every process. Invariant: a builtin
//! class's dict is complete when `Types::new` returns and is never mutated afterwards, which
//! is what makes sharing it between process heaps sound.

use super::builtins;
use super::dict::Dict;
use super::value::{Builtin, Class, ClassKind, Value};
use rustc_hash::FxHashMap;
use std::rc::Rc;

pub struct Types {
    pub object: Rc<Class>,
    pub type_: Rc<Class>,
    pub none: Rc<Class>,
    pub bool: Rc<Class>,
    pub int: Rc<Class>,
    pub float: Rc<Class>,
    pub str: Rc<Class>,
    pub bytes: Rc<Class>,
    pub tuple: Rc<Class>,
    pub list: Rc<Class>,
    pub dict: Rc<Class>,
    pub set: Rc<Class>,
    pub frozenset: Rc<Class>,
    pub range: Rc<Class>,
    pub slice: Rc<Class>,
    pub function: Rc<Class>,
    pub builtin_function: Rc<Class>,
    pub method: Rc<Class>,
    pub module: Rc<Class>,
    pub iterator: Rc<Class>,
    pub code: Rc<Class>,
    pub cell: Rc<Class>,
    pub not_implemented: Rc<Class>,
    pub ellipsis: Rc<Class>,
    pub base_exception: Rc<Class>,
    /// Every builtin exception class by name.
    pub exceptions: FxHashMap<&'static str, Rc<Class>>,
    /// Classes of native objects (`lock`, `RLock`, `_thread._local`, `TextIOWrapper`...).
    pub natives: FxHashMap<&'static str, Rc<Class>>,
}

/// CPython's builtin exception tree (the part programs meet), parents first.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("Exception", "BaseException"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("FloatingPointError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileExistsError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("InterruptedError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("PickleError", "Exception"),
    ("PicklingError", "PickleError"),
    ("UnpicklingError", "PickleError"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("BytesWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("EncodingWarning", "Warning"),
];

/// Native object classes: (name, module, methods).
const NATIVES: &[(&str, &str)] = &[
    ("lock", "_thread"),
    ("RLock", "_thread"),
    ("_local", "_thread"),
    ("TextIOWrapper", "_io"),
    ("Random", "random"),
    ("generator", "builtins"),
    ("coroutine", "builtins"),
    ("async_generator", "builtins"),
    ("async_generator_asend", "builtins"),
    ("async_generator_athrow", "builtins"),
];

fn methods_dict(methods: &[(&'static str, super::value::NativeFn)]) -> Dict {
    let mut d = Dict::new();
    for (name, func) in methods {
        d.set_str(name, Value::Builtin(Rc::new(Builtin { name, func: *func, bound: None })));
    }
    d
}

pub fn new_class(
    name: &str,
    module: &str,
    bases: Vec<Rc<Class>>,
    kind: ClassKind,
    dict: Dict,
    builtin: bool,
) -> Rc<Class> {
    let mro_rest = merge_mro(&bases);
    Rc::new(Class {
        name: Rc::from(name),
        qualname: Rc::from(name),
        mro_rest,
        bases,
        dict: super::value::ClassDict::new(dict),
        module: Rc::from(module),
        kind,
        builtin,
        meta: None,
        value_base: None,
    })
}

/// C3 linearisation of the bases' MROs (the class itself excluded).
pub fn merge_mro(bases: &[Rc<Class>]) -> Vec<Rc<Class>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases.iter().map(|b| b.mro().cloned().collect()).collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return out;
        }
        let candidate =
            seqs.iter().map(|s| s[0].clone()).find(|c| !seqs.iter().any(|s| s[1..].iter().any(|x| Rc::ptr_eq(x, c))));
        // An inconsistent hierarchy falls back to depth-first order rather than failing here;
        // `class` statements check consistency first and raise CPython's TypeError.
        let c = candidate.unwrap_or_else(|| seqs[0][0].clone());
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

impl Types {
    pub fn new() -> Types {
        let object = new_class(
            "object",
            "builtins",
            vec![],
            ClassKind::Object,
            methods_dict(builtins::type_methods("object")),
            true,
        );
        let mk = |name: &str| {
            new_class(
                name,
                "builtins",
                vec![object.clone()],
                ClassKind::Builtin,
                methods_dict(builtins::type_methods(name)),
                true,
            )
        };
        let int = mk("int");
        let bool_ = new_class(
            "bool",
            "builtins",
            vec![int.clone()],
            ClassKind::Builtin,
            methods_dict(builtins::type_methods("bool")),
            true,
        );
        let mut exceptions: FxHashMap<&'static str, Rc<Class>> = FxHashMap::default();
        for (name, parent) in EXCEPTIONS {
            let bases = if parent.is_empty() { vec![object.clone()] } else { vec![exceptions[parent].clone()] };
            let methods = builtins::type_methods(name);
            let module = if name.contains("Pickl") { "_pickle" } else { "builtins" };
            exceptions.insert(name, new_class(name, module, bases, ClassKind::Exception, methods_dict(methods), true));
        }
        let mut natives = FxHashMap::default();
        for (name, module) in NATIVES {
            // CPython's type names for these include the module: '_thread.lock'.
            let shown = if *module == "_thread" { format!("_thread.{name}") } else { name.to_string() };
            natives.insert(
                *name,
                new_class(
                    &shown,
                    module,
                    vec![object.clone()],
                    ClassKind::Builtin,
                    methods_dict(super::modules::native_methods(name)),
                    true,
                ),
            );
        }
        for (name, class) in super::modules::descriptor_classes(&object) {
            natives.insert(name, class);
        }
        let types = Types {
            type_: mk("type"),
            none: mk("NoneType"),
            bool: bool_,
            int,
            float: mk("float"),
            str: mk("str"),
            bytes: mk("bytes"),
            tuple: mk("tuple"),
            list: mk("list"),
            dict: mk("dict"),
            set: mk("set"),
            frozenset: mk("frozenset"),
            range: mk("range"),
            slice: mk("slice"),
            function: mk("function"),
            builtin_function: mk("builtin_function_or_method"),
            method: mk("method"),
            module: mk("module"),
            iterator: mk("iterator"),
            code: mk("code"),
            cell: mk("cell"),
            not_implemented: mk("NotImplementedType"),
            ellipsis: mk("ellipsis"),
            base_exception: exceptions["BaseException"].clone(),
            exceptions,
            natives,
            object,
        };
        // The value types' slot methods (`dict.__getitem__`, `list.__init__`...), which their
        // subclasses inherit; added before the classes are shared (the dict invariant).
        for c in [
            &types.int,
            &types.float,
            &types.str,
            &types.bytes,
            &types.tuple,
            &types.list,
            &types.dict,
            &types.set,
            &types.frozenset,
        ] {
            let (slots, unhashable) = builtins::subclass::slots(&c.name);
            let mut d = c.dict.borrow_mut();
            for (name, func) in slots {
                d.set_str(name, Value::Builtin(Rc::new(Builtin { name, func, bound: None })));
            }
            if unhashable {
                d.set_str("__hash__", Value::None);
            }
        }
        types
    }
}

impl Types {
    /// Whether `c` is one of the builtin value types a class written in Python may derive
    /// from (its instances then hold a value of it in `Instance::base`).
    pub fn is_value_type(&self, c: &Rc<Class>) -> bool {
        [
            &self.int,
            &self.float,
            &self.str,
            &self.bytes,
            &self.tuple,
            &self.list,
            &self.dict,
            &self.set,
            &self.frozenset,
        ]
        .iter()
        .any(|t| Rc::ptr_eq(t, c))
    }

    /// Whether instances of value type `c` change in place (list, dict, set): their
    /// subclasses' instances start empty and are filled by `__init__`.
    pub fn is_mutable_value_type(&self, c: &Rc<Class>) -> bool {
        Rc::ptr_eq(c, &self.list) || Rc::ptr_eq(c, &self.dict) || Rc::ptr_eq(c, &self.set)
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}
