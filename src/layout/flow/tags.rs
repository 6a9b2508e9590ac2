//! The logical structure of the flow: a tagger that numbers structure nodes
//! and the content in them from one counter, in source order, and the
//! flow's methods that open and close nodes and tag each line's text and
//! link areas.

use crate::layout::{Item, Point, Role, StructNode, Tag, Target};

use super::{Elem, Flow, Kind};

/// Numbers the nodes of the logical structure and the content in them,
/// from one counter, in source order.
#[derive(Debug, Default)]
pub(super) struct Tagger {
    pub(super) nodes: Vec<StructNode>,
    pub(super) next: u32,
    /// The node that text set now belongs to; `None` for decoration.
    pub(super) cur: Option<u32>,
    /// A link that ended the last line set, with its address: when the
    /// next line starts with the same link, it is one link node (a wrapped
    /// link is one link with two areas).
    pub(super) carry: Option<(String, u32)>,
}

impl Tagger {
    pub(super) fn seq(&mut self) -> u32 {
        self.next += 1;
        self.next - 1
    }

    pub(super) fn tag(&mut self) -> Option<Tag> {
        let node = self.cur?;
        Some(Tag { node, seq: self.seq() })
    }
}

/// Moves the tags of chunk-local numbering by `delta`.
pub(super) fn shift_tags(elems: &mut [Elem], delta: u32) {
    for e in elems {
        let (Kind::Content(items) | Kind::Wide(items) | Kind::Span(items) | Kind::FullPage(items) | Kind::Figure { items, .. } | Kind::WideFigure { items, .. }) = &mut e.kind else { continue };
        for (_, item) in items {
            if let Some(t) = crate::layout::tag_mut(item).and_then(|t| t.as_mut()) {
                t.node += delta;
                t.seq += delta;
            }
        }
    }
}

impl<'a, 's> Flow<'a, 's> {
    /// Opens a structure node inside the current one: text set from now on
    /// belongs to it. Returns the node to go back to with [`Flow::close`].
    pub fn open(&mut self, role: Role) -> Option<u32> {
        self.open_with(role, None)
    }

    /// Like [`Flow::open`], with the node's language (when it differs from
    /// the brochure's).
    pub(super) fn open_with(&mut self, role: Role, lang: Option<String>) -> Option<u32> {
        let id = self.tags.seq();
        self.tags.nodes.push(StructNode { id, parent: self.tags.cur, role, lang, path: None, span: None });
        self.tags.cur.replace(id)
    }

    /// Gives the current node its place in the source (the first one it
    /// gets), for problems the PDF writer finds in it: a character no font
    /// has, an image without alt text.
    pub(super) fn note_source(&mut self, span: Option<crate::diag::Span>) {
        let Some(cur) = self.tags.cur else { return };
        if let Ok(k) = self.tags.nodes.binary_search_by_key(&cur, |n| n.id) {
            let node = &mut self.tags.nodes[k];
            if node.span.is_none() && span.is_some() {
                node.span = span;
                node.path = Some(self.path.clone());
            }
        }
    }

    /// Goes back to the node [`Flow::open`] returned.
    pub fn close(&mut self, prev: Option<u32>) {
        self.tags.cur = prev;
    }

    /// A tag for content of the current node (`None` outside any node).
    pub fn tag(&mut self) -> Option<Tag> {
        self.tags.tag()
    }

    /// The structure made so far, taken out.
    pub fn take_structure(&mut self) -> Vec<StructNode> {
        self.tags.cur = None;
        std::mem::take(&mut self.tags.nodes)
    }

    /// Tags a line's items for the current node; a link area opens a link
    /// node that holds it and the words after it.
    pub(super) fn tag_line(&mut self, items: &mut [(Point, Item)]) {
        if self.tags.cur.is_none() {
            return;
        }
        // A link area comes just before the words it covers.
        let mut link: Option<(usize, u32)> = None;
        let carry = self.tags.carry.take();
        let last_text = items.iter().rposition(|(_, it)| matches!(it, Item::Text(_)));
        for k in 0..items.len() {
            match &items[k].1 {
                Item::Rect { .. } => continue,
                Item::Link { target, .. } => {
                    let words = match items.get(k + 1) {
                        Some((_, Item::Text(r))) if !r.text.trim().is_empty() => r.text.trim().to_string(),
                        _ => match target {
                            Target::Url(u) => u.clone(),
                            Target::Item(i) => self.doc.items.get(*i).map(|it| it.title_text.clone()).unwrap_or_default(),
                        },
                    };
                    let url = match target {
                        Target::Url(u) => Some(u.clone()),
                        Target::Item(_) => None,
                    };
                    let continued = match (&carry, &url) {
                        (Some((u, node)), Some(url)) if k == 0 && u == url => Some(*node),
                        _ => None,
                    };
                    let node = match continued {
                        Some(node) => {
                            // The words read out for the link: all of them.
                            if let Ok(i) = self.tags.nodes.binary_search_by_key(&node, |n| n.id) {
                                if let Role::Link(w) = &mut self.tags.nodes[i].role {
                                    w.push(' ');
                                    w.push_str(&words);
                                }
                            }
                            Some(node)
                        }
                        None => {
                            let prev = self.open(Role::Link(words));
                            let node = self.tags.cur;
                            self.close(prev);
                            node
                        }
                    };
                    link = node.map(|n| (k, n));
                    if let (Some(url), Some(n), Some(lt)) = (url, node, last_text) {
                        if lt == k + 1 {
                            self.tags.carry = Some((url, n));
                        }
                    }
                    continue;
                }
                _ => {}
            }
            let tag = match link {
                Some((_, node)) => Some(Tag { node, seq: self.tags.seq() }),
                None => self.tags.tag(),
            };
            if let Some(t) = crate::layout::tag_mut(&mut items[k].1) {
                *t = tag;
            }
            if let Some((j, node)) = link.take() {
                let tag = Some(Tag { node, seq: self.tags.seq() });
                if let Some(t) = crate::layout::tag_mut(&mut items[j].1) {
                    *t = tag;
                }
            }
        }
    }
}
