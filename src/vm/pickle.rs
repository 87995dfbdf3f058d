//! What crosses between processes (queues, pipes, pool tasks): a process-neutral copy of a
//! value, made as `pickle` would. Invariant: a `Pickled` holds no reference into any process
//! heap — classes and functions travel by (module, qualname) and are looked up again in the
//! receiving process, so what pickle refuses (lambdas, nested functions, locks, iterators)
//! fails here too, with CPython's messages.

use super::native::NativeData;
use super::value::{ClassKind, Value};
use super::{Dict, Flow, Interp};
use crate::limits::PICKLE_MAX_DEPTH;
use num_bigint::BigInt;
use std::rc::Rc;

/// Serializable (serde) for the real backend, whose processes exchange items over sockets.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Pickled {
    None,
    Bool(bool),
    Int(i64),
    BigInt(Rc<BigInt>),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Ellipsis,
    Tuple(Vec<Pickled>),
    List(Vec<Pickled>),
    Dict(Vec<(Pickled, Pickled)>),
    Set(Vec<Pickled>),
    FrozenSet(Vec<Pickled>),
    Range(i64, i64, i64),
    /// `slice(start, stop, step)` (a manager's list proxy sends `l[1:3]`'s key).
    Slice(Box<[Pickled; 3]>),
    /// A class or function, by reference.
    Global {
        module: Rc<str>,
        qualname: Rc<str>,
    },
    /// An instance: its class by reference, its attributes, and exception args if any.
    Object {
        module: Rc<str>,
        qualname: Rc<str>,
        attrs: Vec<(Rc<str>, Pickled)>,
        exc_args: Option<Vec<Pickled>>,
        /// The builtin value of an instance of a builtin type's subclass (`Instance::base`);
        /// absent from the serialized form when None, which stays what it was before.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        base: Option<Box<Pickled>>,
    },
    /// A kernel object handle (a queue or pipe end) — shared, not copied.
    Handle {
        class: Rc<str>,
        id: u32,
        end: u8,
    },
}

impl Interp {
    /// `pickle.dumps` for the values concsim can move between processes.
    pub fn pickle(&mut self, v: &Value) -> Result<Pickled, Flow> {
        self.pickle_at(v, 0)
    }

    fn pickle_at(&mut self, v: &Value, depth: usize) -> Result<Pickled, Flow> {
        if depth > PICKLE_MAX_DEPTH {
            return Err(self.err("RecursionError", "maximum recursion depth exceeded while pickling an object"));
        }
        let d = depth + 1;
        Ok(match v {
            Value::None => Pickled::None,
            Value::Bool(b) => Pickled::Bool(*b),
            Value::Int(i) => Pickled::Int(*i),
            Value::BigInt(b) => Pickled::BigInt(b.clone()),
            Value::Float(f) => Pickled::Float(*f),
            Value::Str(s) => Pickled::Str(s.clone()),
            Value::Bytes(b) => Pickled::Bytes(b.clone()),
            Value::Ellipsis => Pickled::Ellipsis,
            Value::Range(r) => Pickled::Range(r.start, r.stop, r.step),
            Value::Slice(s) => Pickled::Slice(Box::new([
                self.pickle_at(&s.start, d)?,
                self.pickle_at(&s.stop, d)?,
                self.pickle_at(&s.step, d)?,
            ])),
            Value::Tuple(t) => Pickled::Tuple(t.iter().map(|x| self.pickle_at(x, d)).collect::<Result<_, _>>()?),
            Value::List(l) => {
                let items = l.borrow().clone();
                Pickled::List(items.iter().map(|x| self.pickle_at(x, d)).collect::<Result<_, _>>()?)
            }
            Value::Dict(m) => {
                let items: Vec<(Value, Value)> = m.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
                let mut out = Vec::with_capacity(items.len());
                for (k, v) in items {
                    out.push((self.pickle_at(&k, d)?, self.pickle_at(&v, d)?));
                }
                Pickled::Dict(out)
            }
            Value::Set(s) => {
                let items: Vec<Value> = s.borrow().iter().map(|k| k.0.clone()).collect();
                Pickled::Set(items.iter().map(|x| self.pickle_at(x, d)).collect::<Result<_, _>>()?)
            }
            Value::FrozenSet(s) => {
                let items: Vec<Value> = s.iter().map(|k| k.0.clone()).collect();
                Pickled::FrozenSet(items.iter().map(|x| self.pickle_at(x, d)).collect::<Result<_, _>>()?)
            }
            Value::Class(c) => Pickled::Global { module: c.module.clone(), qualname: c.qualname.clone() },
            Value::Function(f) => {
                let qualname = f.qualname.borrow().clone();
                let module = f.globals.name.clone();
                if qualname.contains('<') || self.lookup_global(&module, &qualname).is_none_or(|g| !g.is(v)) {
                    let repr = self.repr(v)?;
                    let what = qualname.rsplit('.').next().unwrap_or(&qualname).to_string();
                    return Err(self.err(
                        "PicklingError",
                        format!("Can't pickle {repr}: attribute lookup {what} on {module} failed"),
                    ));
                }
                Pickled::Global { module, qualname }
            }
            Value::Builtin(b) if b.bound.is_none() => {
                // Like CPython's `__module__` of a builtin function: the module that holds it
                // (`time.sleep` travels as time.sleep, not builtins.sleep).
                let module = if self.builtins.get(b.name).is_some_and(|g| g.is(v)) {
                    Rc::from("builtins")
                } else {
                    let mut holders: Vec<Rc<str>> = self
                        .modules
                        .iter()
                        .filter(|(_, m)| matches!(m, Value::Module(m) if m.get(b.name).is_some_and(|g| g.is(v))))
                        .map(|(name, _)| name.clone())
                        .collect();
                    holders.sort();
                    holders.into_iter().next().unwrap_or_else(|| Rc::from("builtins"))
                };
                Pickled::Global { module, qualname: Rc::from(b.name) }
            }
            Value::Instance(i) => {
                let cls = i.class.borrow().clone();
                if cls.builtin && cls.kind != ClassKind::Exception {
                    return Err(self.err("TypeError", format!("cannot pickle '{}' object", cls.name)));
                }
                // AttributeError's `name` and `obj` and NameError's `name` are not in CPython's
                // `__dict__`, so they do not travel (they arrive as None); ImportError's do.
                let unpickled: &[&str] = match super::builtins::object::keyword_attrs(self, &cls) {
                    Some(("AttributeError" | "NameError", attrs)) if cls.kind == ClassKind::Exception => attrs,
                    _ => &[],
                };
                let attrs: Vec<(Rc<str>, Value)> = i
                    .dict
                    .borrow()
                    .iter()
                    .filter_map(|(k, v)| if let Value::Str(s) = &k.0 { Some((s.clone(), v.clone())) } else { None })
                    .filter(|(k, _)| !unpickled.contains(&&**k))
                    .collect();
                let mut out = Vec::with_capacity(attrs.len());
                for (k, v) in attrs {
                    out.push((k, self.pickle_at(&v, d)?));
                }
                let exc_args = match &i.exc {
                    Some(e) => {
                        let args = e.borrow().args.clone();
                        Some(args.iter().map(|x| self.pickle_at(x, d)).collect::<Result<_, _>>()?)
                    }
                    None => None,
                };
                let base = match &i.base {
                    Some(b) => Some(Box::new(self.pickle_at(b, d)?)),
                    None => None,
                };
                Pickled::Object {
                    module: cls.module.clone(),
                    qualname: cls.qualname.clone(),
                    attrs: out,
                    exc_args,
                    base,
                }
            }
            Value::Native(n) => match &*n.data.borrow() {
                NativeData::Kernel { id, end } => Pickled::Handle { class: n.class.name.clone(), id: *id, end: *end },
                _ => {
                    let name = n.class.name.to_string();
                    return Err(self.err("TypeError", format!("cannot pickle '{name}' object")));
                }
            },
            other => return Err(self.err("TypeError", format!("cannot pickle '{}' object", other.type_name()))),
        })
    }

    /// A global of a loaded module by dotted qualname.
    fn lookup_global(&mut self, module: &str, qualname: &str) -> Option<Value> {
        let m =
            if module == "builtins" { Value::Module(self.builtins.clone()) } else { self.modules.get(module)?.clone() };
        let mut cur = m;
        for part in qualname.split('.') {
            cur = self.get_attr(&cur, part).ok()?;
        }
        Some(cur)
    }

    /// `pickle.loads` in this process.
    pub fn unpickle(&mut self, p: &Pickled) -> Result<Value, Flow> {
        Ok(match p {
            Pickled::None => Value::None,
            Pickled::Bool(b) => Value::Bool(*b),
            Pickled::Int(i) => Value::Int(*i),
            Pickled::BigInt(b) => Value::BigInt(b.clone()),
            Pickled::Float(f) => Value::Float(*f),
            Pickled::Str(s) => Value::Str(s.clone()),
            Pickled::Bytes(b) => Value::Bytes(b.clone()),
            Pickled::Ellipsis => Value::Ellipsis,
            Pickled::Range(a, b, c) => Value::Range(Rc::new(super::value::RangeObj { start: *a, stop: *b, step: *c })),
            Pickled::Slice(parts) => {
                let [start, stop, step] = &**parts;
                Value::Slice(Rc::new(super::value::SliceObj {
                    start: self.unpickle(start)?,
                    stop: self.unpickle(stop)?,
                    step: self.unpickle(step)?,
                }))
            }
            Pickled::Tuple(t) => Value::tuple(t.iter().map(|x| self.unpickle(x)).collect::<Result<_, _>>()?),
            Pickled::List(t) => Value::list(t.iter().map(|x| self.unpickle(x)).collect::<Result<_, _>>()?),
            Pickled::Dict(items) => {
                let mut d = Dict::new();
                for (k, v) in items {
                    let k = self.unpickle(k)?;
                    let key = self.key(&k)?;
                    let v = self.unpickle(v)?;
                    d.insert(key, v);
                }
                Value::dict(d)
            }
            Pickled::Set(items) | Pickled::FrozenSet(items) => {
                let vals: Vec<Value> = items.iter().map(|x| self.unpickle(x)).collect::<Result<_, _>>()?;
                let s = self.build_set(vals)?;
                match (p, s) {
                    (Pickled::FrozenSet(_), Value::Set(s)) => Value::FrozenSet(Rc::new(s.borrow().clone())),
                    (_, s) => s,
                }
            }
            Pickled::Global { module, qualname } => match self.lookup_global(module, qualname) {
                Some(v) => v,
                None => {
                    return Err(
                        self.err("AttributeError", format!("Can't get attribute '{qualname}' on <module '{module}'>"))
                    )
                }
            },
            Pickled::Object { module, qualname, attrs, exc_args, base } => {
                let cls = match self.lookup_global(module, qualname) {
                    Some(Value::Class(c)) => c,
                    _ => {
                        return Err(self
                            .err("AttributeError", format!("Can't get attribute '{qualname}' on <module '{module}'>")))
                    }
                };
                let args = match exc_args {
                    Some(a) => a.iter().map(|x| self.unpickle(x)).collect::<Result<_, _>>()?,
                    None => Vec::new(),
                };
                let inst = match base {
                    Some(b) => Value::Instance(super::value::Instance::with_base(cls.clone(), self.unpickle(b)?)),
                    None => self.new_instance(&cls, args),
                };
                if let Value::Instance(i) = &inst {
                    for (k, v) in attrs {
                        let v = self.unpickle(v)?;
                        i.dict.borrow_mut().set_str(k, v);
                    }
                }
                inst
            }
            Pickled::Handle { class, id, end } => {
                let cls = match self.types.natives.get(&**class) {
                    Some(c) => c.clone(),
                    None => return Err(self.err("TypeError", "unknown kernel handle")),
                };
                let serial = self.next_serial();
                Value::Native(super::value::NativeObj::new(cls, serial, NativeData::Kernel { id: *id, end: *end }))
            }
        })
    }
}
