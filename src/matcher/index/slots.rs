//! The record store of the index: each record in a numbered slot, the numbers reused after
//! removal so posting lists stay small, and a map from each record's key to its slot.

use std::collections::HashMap;

use crate::matcher::quick_hash::QuickHash;

type KeyMap = HashMap<u128, u32, QuickHash>;

/// Records, with slots reused after removal so postings hold small numbers.
pub(super) struct Slots<T> {
    pub(super) items: Vec<Option<T>>,
    free: Vec<u32>,
    pub(super) by_key: KeyMap,
}

impl<T> Slots<T> {
    pub(super) fn new() -> Self {
        Slots { items: Vec::new(), free: Vec::new(), by_key: KeyMap::default() }
    }

    pub(super) fn reserve(&mut self, n: usize) {
        self.items.reserve(n);
        self.by_key.reserve(n);
    }

    pub(super) fn insert(&mut self, key: u128, item: T) -> u32 {
        let slot = match self.free.pop() {
            Some(slot) => {
                self.items[slot as usize] = Some(item);
                slot
            }
            None => {
                self.items.push(Some(item));
                (self.items.len() - 1) as u32
            }
        };
        self.by_key.insert(key, slot);
        slot
    }

    pub(super) fn remove(&mut self, key: u128) -> Option<(u32, T)> {
        let slot = self.by_key.remove(&key)?;
        let item = self.items[slot as usize].take()?;
        self.free.push(slot);
        Some((slot, item))
    }

    /// The slot the next `insert` will use.
    pub(super) fn next_slot(&self) -> u32 {
        self.free.last().copied().unwrap_or(self.items.len() as u32)
    }

    pub(super) fn get(&self, slot: u32) -> Option<&T> {
        self.items.get(slot as usize).and_then(Option::as_ref)
    }

    pub(super) fn find(&self, key: u128) -> Option<&T> {
        self.by_key.get(&key).and_then(|&s| self.get(s))
    }

    pub(super) fn len(&self) -> usize {
        self.by_key.len()
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &T> {
        self.items.iter().flatten()
    }
}
