//! The evaluation loop's attribute and method instructions (`StoreAttr`, `DeleteAttr`,
//! `LoadMethod`), out of `Interp::run`'s match. Invariant: a helper either completes the
//! instruction (`Then::Next`), or has pushed a Python frame (`__setattr__`, a property) with
//! the caller's `pc` saved (`Then::Frame`), or fails without having pushed anything.

use super::super::frame::{OnReturn, ThreadState};
use super::super::value::Value;
use super::super::{Flow, Interp};
use super::Then;
use std::rc::Rc;

impl Interp {
    /// `obj.name = v`: a class's Python `__setattr__`, or else a Python property setter, runs
    /// as a frame (so it may block); anything else is set at once.
    #[inline]
    pub(super) fn store_attr_instr(
        &mut self,
        ts: &mut ThreadState,
        fi: usize,
        pc: usize,
        name: &Rc<str>,
    ) -> Result<Then, Flow> {
        let obj = ts.stack.pop().unwrap();
        let v = ts.stack.pop().unwrap();
        // The common case, an instance with neither a Python `__setattr__` nor a property
        // `name`: two lookups on the class where the general path below makes four.
        if let Value::Instance(i) = &obj {
            let cls = i.class.borrow().clone();
            if !matches!(cls.lookup_static("__setattr__"), Some(Value::Function(_))) {
                let found = cls.lookup_rc(name);
                if !found.as_ref().is_some_and(|f| self.is_property(f)) {
                    return self.set_instance_attr(&obj, i, &cls, name, v, found, Some(name)).map(|()| Then::Next);
                }
            }
        }
        let setattr = match &obj {
            Value::Instance(_) => self.python_dunder(&obj, "__setattr__"),
            _ => None,
        };
        if let Some(sa) = setattr {
            ts.frames[fi].pc = pc;
            let name = Value::Str(name.clone());
            self.push_python_call(ts, &sa, vec![obj, name, v], OnReturn::Discard)?;
            Ok(Then::Frame)
        } else if let Some(fset) = self.python_setter(&obj, name) {
            ts.frames[fi].pc = pc;
            self.push_python_call(ts, &fset, vec![obj, v], OnReturn::Discard)?;
            Ok(Then::Frame)
        } else {
            self.set_attr(&obj, name, v).map(|()| Then::Next)
        }
    }

    /// `del obj.name`: a class's Python `__delattr__` runs as a frame.
    #[inline]
    pub(super) fn delete_attr_instr(
        &mut self,
        ts: &mut ThreadState,
        fi: usize,
        pc: usize,
        name: &Rc<str>,
    ) -> Result<Then, Flow> {
        let obj = ts.stack.pop().unwrap();
        let delattr = match &obj {
            Value::Instance(_) => self.python_dunder(&obj, "__delattr__"),
            _ => None,
        };
        if let Some(da) = delattr {
            ts.frames[fi].pc = pc;
            let name = Value::Str(name.clone());
            self.push_python_call(ts, &da, vec![obj, name], OnReturn::Discard)?;
            Ok(Then::Frame)
        } else {
            self.del_attr(&obj, name).map(|()| Then::Next)
        }
    }

    /// `LoadMethod`: pushes the function and `obj` (a method), or the attribute and the
    /// marker (no self to pass); a Python property on an instance runs its getter as a frame.
    #[inline]
    pub(super) fn load_method_instr(
        &mut self,
        ts: &mut ThreadState,
        fi: usize,
        pc: usize,
        name: &Rc<str>,
    ) -> Result<Then, Flow> {
        let obj = ts.stack.pop().unwrap();
        match self.load_method(&obj, name)? {
            Some(func) => {
                ts.stack.push(func);
                ts.stack.push(obj);
                Ok(Then::Next)
            }
            None if matches!(obj, Value::Instance(_)) && self.python_property(&obj, name).is_some() => {
                let fget = self.python_property(&obj, name).unwrap();
                ts.frames[fi].pc = pc;
                self.push_python_call(ts, &fget, vec![obj], OnReturn::PushAttr)?;
                Ok(Then::Frame)
            }
            None => {
                let v = self.get_attr(&obj, name)?;
                ts.stack.push(v);
                ts.stack.push(Value::Cell(self.marker.clone()));
                Ok(Then::Next)
            }
        }
    }
}
