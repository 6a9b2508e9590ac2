//! The line breaker's working buffers, kept by each thread from one
//! paragraph to the next instead of allocated anew for each.
//!
//! A paragraph's items, glyph pool, running sums and search nodes are tens
//! of kilobytes that live only while it is broken. Allocated per paragraph,
//! they came from pages the allocator had just given back to the system
//! (the command returns freed memory at once, `src/allocator.rs`), so each
//! paragraph paid for returning them and for faulting them in again: a
//! twentieth of a 1,000-item build's CPU time. The buffers hold nothing
//! from one paragraph to the next (each is emptied when taken), so the
//! lines are the same.

use std::cell::RefCell;

use super::breaker::Node;
use super::{Item, PoolGlyph};

/// A buffer of more elements than this is not kept: one huge paragraph
/// does not hold its memory for the rest of the thread's life.
const KEEP_AT_MOST: usize = 1 << 16;

#[derive(Default)]
pub(super) struct Scratch {
    pub items: Vec<Item>,
    pub pool: Vec<PoolGlyph>,
    pub sums: Vec<[f32; 6]>,
    pub next_box: Vec<usize>,
    pub nodes: Vec<Node>,
    pub active: Vec<usize>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The thread's buffer `field`, empty, with room for at least `room`
/// elements (a new one when another caller on this thread holds it).
pub(super) fn take<T>(field: fn(&mut Scratch) -> &mut Vec<T>, room: usize) -> Vec<T> {
    let mut v = SCRATCH.with(|s| s.try_borrow_mut().map(|mut s| std::mem::take(field(&mut s))).unwrap_or_default());
    v.clear();
    v.reserve(room);
    v
}

/// Gives `v` back to the thread for the next paragraph.
pub(super) fn give<T>(field: fn(&mut Scratch) -> &mut Vec<T>, mut v: Vec<T>) {
    if v.capacity() > KEEP_AT_MOST {
        return;
    }
    v.clear();
    SCRATCH.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            let slot = field(&mut s);
            if slot.capacity() < v.capacity() {
                *slot = v;
            }
        }
    });
}
