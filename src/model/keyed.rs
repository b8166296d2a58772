//! Lists of things with ids (notes, flows), kept in order with an index from id to position. The
//! board changes both the same way, and each change hands back what undoes it.

use std::collections::HashSet;
use std::hash::Hash;

use super::flow::{Flow, FlowId};
use super::note::{Note, NoteId};

/// Something with a stable id in an ordered list.
pub trait Keyed: Clone + PartialEq {
    type Id: Copy + Eq + Hash;
    fn key(&self) -> Self::Id;
}

impl Keyed for Note {
    type Id = NoteId;
    fn key(&self) -> NoteId {
        self.id
    }
}

impl Keyed for Flow {
    type Id = FlowId;
    fn key(&self) -> FlowId {
        self.id
    }
}

/// The position of each item of a list by id.
#[derive(Clone, Debug)]
pub struct Index<Id>(foldhash::HashMap<Id, usize>);

impl<Id> Default for Index<Id> {
    fn default() -> Self {
        Self(foldhash::HashMap::default())
    }
}

impl<Id: Copy + Eq + Hash> Index<Id> {
    pub fn rebuild<T: Keyed<Id = Id>>(&mut self, list: &[T]) {
        self.0.clear();
        self.0
            .extend(list.iter().enumerate().map(|(i, t)| (t.key(), i)));
    }

    pub fn get(&self, id: Id) -> Option<usize> {
        self.0.get(&id).copied()
    }

    /// Inserts items at their positions (in ascending order), skipping ids already there and items
    /// `admit` refuses (it may also tidy an item). Returns the ids inserted.
    pub fn insert<T: Keyed<Id = Id>>(
        &mut self,
        list: &mut Vec<T>,
        mut items: Vec<(usize, T)>,
        mut admit: impl FnMut(&mut T) -> bool,
    ) -> Vec<Id> {
        items.sort_by_key(|(i, _)| *i);
        let mut ids = Vec::with_capacity(items.len());
        let mut seen = HashSet::with_capacity(items.len());
        for (i, mut item) in items {
            let id = item.key();
            if self.0.contains_key(&id) || seen.contains(&id) || !admit(&mut item) {
                continue;
            }
            seen.insert(id);
            ids.push(id);
            list.insert(i.min(list.len()), item);
        }
        self.rebuild(list);
        ids
    }

    /// Removes the items with these ids (missing ones are skipped); returns them with their
    /// positions, ready to insert back.
    pub fn remove<T: Keyed<Id = Id>>(&mut self, list: &mut Vec<T>, ids: &[Id]) -> Vec<(usize, T)> {
        let mut positions: Vec<usize> = ids.iter().filter_map(|id| self.get(*id)).collect();
        positions.sort_unstable();
        positions.dedup();
        let mut removed: Vec<(usize, T)> = positions
            .iter()
            .rev()
            .map(|&i| (i, list.remove(i)))
            .collect();
        removed.reverse();
        self.rebuild(list);
        removed
    }

    /// Replaces items by the values with the same ids, tidied by `fix`; returns the old values of
    /// those that changed.
    pub fn update<T: Keyed<Id = Id>>(
        &self,
        list: &mut [T],
        items: Vec<T>,
        fix: impl Fn(&mut T),
    ) -> Vec<T> {
        let mut old = Vec::with_capacity(items.len());
        for mut item in items {
            if let Some(i) = self.get(item.key()) {
                fix(&mut item);
                if list[i] != item {
                    old.push(std::mem::replace(&mut list[i], item));
                }
            }
        }
        old
    }
}

/// Two lists of earlier values as one: for an item in both, the earlier list's value wins.
pub fn fold_earlier<T: Keyed>(mut first: Vec<T>, second: Vec<T>) -> Vec<T> {
    let known: HashSet<T::Id> = first.iter().map(Keyed::key).collect();
    first.extend(second.into_iter().filter(|t| !known.contains(&t.key())));
    first
}

/// The items `change` changes, changed.
pub fn changed<'a, T: Keyed + 'a>(
    items: impl Iterator<Item = &'a T>,
    change: impl Fn(&mut T),
) -> Vec<T> {
    items
        .filter_map(|item| {
            let mut new = item.clone();
            change(&mut new);
            (new != *item).then_some(new)
        })
        .collect()
}
