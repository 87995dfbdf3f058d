//! Dict and set storage with Python's key semantics: `1`, `1.0` and `True` are the same key,
//! tuples compare element-wise, other objects by identity. Instances of classes with a Python
//! `__hash__` are filed under that hash (cached in the instance by `Interp::key`); their
//! equality needs Python (`__eq__`), which `Hash`/`Eq` cannot run, so `Interp` first swaps
//! such a key for the stored key it equals (`same_hash_in_map`/`same_hash_in_set` list the
//! candidates), and the map then finds it by identity. Invariant: iteration is in
//! insertion order (CPython's dict order; for sets a documented difference, see
//! ARCHITECTURE.md), never in hash or address order, so runs stay deterministic.

use super::value::Value;
use indexmap::{Equivalent, IndexMap, IndexSet};
use rustc_hash::FxBuildHasher;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// A hashable value used as a dict key or set element.
#[derive(Clone)]
pub struct Key(pub Value);

/// The error for `{[]: 1}`: carries the type name for `TypeError: unhashable type: 'list'`.
pub struct Unhashable(pub Rc<str>);

impl Key {
    pub fn new(v: Value) -> Result<Key, Unhashable> {
        check_hashable(&v)?;
        Ok(Key(v))
    }

    pub fn str(s: &str) -> Key {
        Key(Value::str(s))
    }
}

fn check_hashable(v: &Value) -> Result<(), Unhashable> {
    match v {
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => Err(Unhashable(v.type_name())),
        Value::Tuple(items) => items.iter().try_for_each(check_hashable),
        _ => Ok(()),
    }
}

/// The integer a numeric value equals, if any (for cross-type key equality).
fn as_exact_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        Value::Float(f) if f.fract() == 0.0 && *f >= -9.2e18 && *f <= 9.2e18 => Some(*f as i64),
        _ => None,
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_value(&self.0, state)
    }
}

fn hash_value<H: Hasher>(v: &Value, state: &mut H) {
    if let Some(i) = as_exact_int(v) {
        i.hash(state);
        return;
    }
    match v {
        Value::Str(s) => s.hash(state),
        Value::Float(f) => f.to_bits().hash(state),
        Value::BigInt(b) => b.hash(state),
        Value::Bytes(b) => b.hash(state),
        Value::None => 0x6e6f6e65u32.hash(state),
        Value::Tuple(items) => {
            items.len().hash(state);
            for it in items.iter() {
                hash_value(it, state);
            }
        }
        Value::FrozenSet(s) => {
            // Order-independent: combine element hashes commutatively.
            let mut acc: u64 = 0;
            for k in s.iter() {
                let mut h = rustc_hash::FxHasher::default();
                k.hash(&mut h);
                acc = acc.wrapping_add(h.finish());
            }
            acc.hash(state);
        }
        Value::Instance(i) => match (i.user_hash.get(), &i.base) {
            (Some(h), _) => h.hash(state),
            // A builtin type's subclass hashes as its value (`MyStr('a')` and 'a' are one key).
            (None, Some(b)) => hash_value(b, state),
            (None, None) => v.identity_ptr().hash(state),
        },
        other => other.identity_ptr().hash(state),
    }
}

/// Whether `v`'s equality with another key needs Python: an instance filed under its
/// Python `__hash__`, or a tuple holding one.
pub fn needs_eq(v: &Value) -> bool {
    match v {
        Value::Instance(i) => i.user_hash.get().is_some(),
        Value::Tuple(items) => items.iter().any(needs_eq),
        _ => false,
    }
}

fn full_hash(k: &Key) -> u64 {
    use std::hash::BuildHasher;
    FxBuildHasher.hash_one(k)
}

/// A lookup that collects, in probe order, the stored keys with the probe's hash that may
/// equal it by Python's `__eq__` (the keys CPython would call `__eq__` on); it stops, with
/// nothing collected, at a stored key plainly equal to a plain probe.
struct Probe<'a> {
    key: &'a Key,
    hash: u64,
    found: std::cell::RefCell<Vec<Value>>,
}

impl Hash for Probe<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state)
    }
}

impl Equivalent<Key> for Probe<'_> {
    fn equivalent(&self, stored: &Key) -> bool {
        // An instance probe may equal any stored key of its hash (`{1: x}[Key(1)]`); a plain
        // probe only the stored instances, after the stored key equal to it, if any.
        let probe_eq = needs_eq(&self.key.0);
        if !probe_eq && keys_equal(&stored.0, &self.key.0) {
            self.found.borrow_mut().clear();
            return true;
        }
        if (probe_eq || needs_eq(&stored.0)) && full_hash(stored) == self.hash {
            self.found.borrow_mut().push(stored.0.clone());
        }
        false
    }
}

fn probe(key: &Key) -> Probe<'_> {
    Probe { key, hash: full_hash(key), found: std::cell::RefCell::new(Vec::new()) }
}

/// The stored keys of `map` that `key` may equal by `__eq__`, in insertion order.
pub fn same_hash_in_map<V>(map: &IndexMap<Key, V, FxBuildHasher>, key: &Key) -> Vec<Value> {
    let p = probe(key);
    map.get_index_of(&p);
    let mut found = p.found.into_inner();
    if found.len() > 1 {
        found.sort_by_key(|v| map.get_index_of(&Key(v.clone())));
    }
    found
}

/// The elements of `set` that `key` may equal by `__eq__`, in insertion order.
pub fn same_hash_in_set(set: &Set, key: &Key) -> Vec<Value> {
    let p = probe(key);
    set.get_index_of(&p);
    let mut found = p.found.into_inner();
    if found.len() > 1 {
        found.sort_by_key(|v| set.get_index_of(&Key(v.clone())));
    }
    found
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        keys_equal(&self.0, &other.0)
    }
}

impl Eq for Key {}

pub fn keys_equal(a: &Value, b: &Value) -> bool {
    if let (Some(x), Some(y)) = (as_exact_int(a), as_exact_int(b)) {
        return x == y;
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Rc::ptr_eq(x, y) || x == y,
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && x.to_bits() == y.to_bits()),
        (Value::BigInt(x), Value::BigInt(y)) => x == y,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::Tuple(x), Value::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| keys_equal(p, q))
        }
        (Value::FrozenSet(x), Value::FrozenSet(y)) => x.len() == y.len() && x.iter().all(|k| y.contains(k)),
        _ => {
            let (x, y) = (key_view(a), key_view(b));
            if std::ptr::eq(x, a) && std::ptr::eq(y, b) {
                a.is(b)
            } else {
                keys_equal(x, y)
            }
        }
    }
}

/// The value a key compares by: an instance of a builtin type's subclass without a Python
/// `__hash__` compares as the value it holds.
fn key_view(v: &Value) -> &Value {
    match v {
        Value::Instance(i) if i.user_hash.get().is_none() => i.base.as_ref().unwrap_or(v),
        _ => v,
    }
}

/// Looks up a str key without allocating a `Value`.
pub struct StrKey<'a>(pub &'a str);

impl Hash for StrKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state)
    }
}

impl Equivalent<Key> for StrKey<'_> {
    #[inline]
    fn equivalent(&self, key: &Key) -> bool {
        // The same string (an attribute name stored by the instruction that reads it: the
        // compiler shares one `Rc` per name and module) needs no byte comparison.
        matches!(&key.0, Value::Str(s) if std::ptr::eq(&**s, self.0) || &**s == self.0)
    }
}

pub type Set = IndexSet<Key, FxBuildHasher>;

#[derive(Clone, Default)]
pub struct Dict {
    pub map: IndexMap<Key, Value, FxBuildHasher>,
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn with_capacity(n: usize) -> Dict {
        Dict { map: IndexMap::with_capacity_and_hasher(n, FxBuildHasher) }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn get(&self, k: &Key) -> Option<Value> {
        self.map.get(k).cloned()
    }

    pub fn get_str(&self, k: &str) -> Option<Value> {
        self.map.get(&StrKey(k)).cloned()
    }

    pub fn contains_str(&self, k: &str) -> bool {
        self.map.contains_key(&StrKey(k))
    }

    pub fn insert(&mut self, k: Key, v: Value) {
        self.map.insert(k, v);
    }

    pub fn set_str(&mut self, k: &str, v: Value) {
        if let Some(slot) = self.map.get_mut(&StrKey(k)) {
            *slot = v;
        } else {
            self.map.insert(Key::str(k), v);
        }
    }

    /// `set_str` keeping the caller's string as the key when the key is new (no copy).
    pub fn set_rc(&mut self, k: &Rc<str>, v: Value) {
        if let Some(slot) = self.map.get_mut(&StrKey(k)) {
            *slot = v;
        } else {
            self.map.insert(Key(Value::Str(k.clone())), v);
        }
    }

    /// Removes keeping the order of the others (CPython's dicts stay ordered on delete).
    pub fn remove(&mut self, k: &Key) -> Option<Value> {
        self.map.shift_remove(k)
    }

    pub fn remove_str(&mut self, k: &str) -> Option<Value> {
        self.map.shift_remove(&StrKey(k))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Key, &Value)> {
        self.map.iter()
    }

    pub fn keys(&self) -> impl Iterator<Item = &Value> {
        self.map.keys().map(|k| &k.0)
    }
}
