//! The column flow: every part of the brochure as a stream of elements
//! (lines of text, figures, spaces, breaks) that [`super::paginate`] pours
//! into columns. Keep rules live here, on the elements: a heading keeps with
//! the lines after it, a paragraph keeps two lines on each side of a break.

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::resolve::{BodyBlock, Doc, Family, Figure, Item as DocItem, ItemStart};
use crate::text::inline::StyledText;
use crate::text::bidi::is_rtl_language;
use crate::text::linebreak::{GlyphText, Line, LineGlyph, Paragraph, RunStyle, break_paragraph, run_bounds, run_text};
use crate::text::shape::{Shaper, cluster_ranges};
use crate::units::{Color, Pt};

use super::{Glyph, Item, Point, Role, StructNode, Tag, Target, TextRun};

/// Something the paginator places in a column (or across all columns).
#[derive(Debug, Clone, PartialEq)]
pub struct Elem {
    /// Height it takes.
    pub height: Pt,
    /// What it is.
    pub kind: Kind,
    /// Whether a column break right after it is forbidden.
    pub keep_with_next: bool,
    /// Whether it is a line of body text, set on the baseline grid: its top
    /// is moved down to the next multiple of the body leading, so body lines
    /// line up across columns whatever stands above them.
    pub grid: bool,
}

/// The kinds of flow elements.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Drawn content, positioned from the element's top-left corner.
    Content(Vec<(Point, Item)>),
    /// Vertical space; dropped at the top of a column.
    Space,
    /// Continue in the next column.
    ColumnBreak,
    /// Continue on the next page.
    PageBreak,
    /// Content across all columns, placed at the top of a page.
    Wide(Vec<(Point, Item)>),
    /// A figure in the column (its image first, then credit and caption):
    /// the paginator may set the image up to `shrink` shorter (narrower in
    /// proportion, centred) to fill a column.
    Figure {
        /// The image, then the credit and caption lines below it.
        items: Vec<(Point, Item)>,
        /// The most the image may lose in height.
        shrink: Pt,
        /// An item's lead image: it may start the next column while the
        /// item's title and first lines stay in this one.
        float: bool,
    },
    /// A figure across all columns, like [`Kind::Wide`]: its image may be
    /// set up to `shrink` shorter to fit under the columns above it.
    WideFigure {
        /// The image, then the credit and caption lines below it.
        items: Vec<(Point, Item)>,
        /// The most the image may lose in height.
        shrink: Pt,
    },
    /// The rule that ends an item: dropped at the top of a column and right
    /// after another rule.
    Rule(Vec<(Point, Item)>),
    /// The start of an item or heading, for bookmarks and the contents.
    Mark(Mark),
    /// A page of its own (the cover), positioned from the trim box's
    /// top-left corner; it may reach into the bleed.
    FullPage(Vec<(Point, Item)>),
    /// The body begins on the next page: pages before it are front matter,
    /// numbered i, ii, …; the body is numbered from 1.
    BodyStart,
    /// From here on, this many columns.
    SetColumns(u32),
}

/// What a [`Kind::Mark`] marks.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// The start of item `index`.
    Item {
        /// Index of the item in [`Doc::items`].
        index: usize,
        /// Its title.
        title: String,
    },
    /// A heading inside the current item.
    Heading(String),
}

/// Horizontal alignment of ragged text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    #[cfg_attr(not(feature = "unstable-stages"), expect(dead_code, reason = "no source asks for centred text yet; the stages' users can"))]
    Center,
    /// Flush right.
    Right,
}

/// How a piece of text is set.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    /// Font family.
    pub family: Family,
    /// Size.
    pub size: Pt,
    /// Distance between baselines.
    pub leading: Pt,
    /// Colour.
    pub color: Color,
    /// Bold throughout.
    pub bold: bool,
    /// Italic throughout.
    pub italic: bool,
    /// Justified (else ragged, aligned by `align`).
    pub justify: bool,
    /// Alignment of ragged lines.
    pub align: Align,
    /// Hyphenation patterns.
    pub hyphenate: Option<hypher::Lang>,
}

/// Numbers the nodes of the logical structure and the content in them,
/// from one counter, in source order.
#[derive(Debug, Default)]
struct Tagger {
    nodes: Vec<StructNode>,
    next: u32,
    /// The node that text set now belongs to; `None` for decoration.
    cur: Option<u32>,
    /// A link that ended the last line set, with its address: when the
    /// next line starts with the same link, it is one link node (a wrapped
    /// link is one link with two areas).
    carry: Option<(String, u32)>,
}

impl Tagger {
    fn seq(&mut self) -> u32 {
        self.next += 1;
        self.next - 1
    }

    fn tag(&mut self) -> Option<Tag> {
        let node = self.cur?;
        Some(Tag { node, seq: self.seq() })
    }
}

/// Moves the tags of chunk-local numbering by `delta`.
fn shift_tags(elems: &mut [Elem], delta: u32) {
    for e in elems {
        let (Kind::Content(items) | Kind::Wide(items) | Kind::FullPage(items) | Kind::Figure { items, .. } | Kind::WideFigure { items, .. }) = &mut e.kind else { continue };
        for (_, item) in items {
            if let Some(t) = super::tag_mut(item).and_then(|t| t.as_mut()) {
                t.node += delta;
                t.seq += delta;
            }
        }
    }
}

/// Builds the flow of a brochure, keeping the shaper (and its cache) alive
/// between the runs that the contents list needs.
pub struct Flow<'a, 's> {
    doc: &'a Doc,
    shaper: &'s mut Shaper<'a>,
    warnings: Vec<Diagnostic>,
    tags: Tagger,
    /// Width of one column.
    pub col_width: Pt,
    /// Width of the whole text frame.
    pub frame_width: Pt,
    /// Height of the text frame.
    pub frame_height: Pt,
    /// Path of the field being set, for warnings.
    path: String,
    /// Paragraph direction: right to left in an item (or brochure) in a
    /// right-to-left language, else `None`, from each paragraph's text.
    rtl: Option<bool>,
    /// The item being set, if any: whose words (labels) to print.
    item: Option<usize>,
}

impl<'a, 's> Flow<'a, 's> {
    /// A flow for `doc`.
    pub fn new(doc: &'a Doc, shaper: &'s mut Shaper<'a>) -> Self {
        let t = &doc.theme;
        let frame_width = t.page_width - t.margin_inside - t.margin_outside;
        let col_width = (frame_width - t.gutter * (t.columns as f32 - 1.0)) / t.columns as f32;
        let frame_height = t.page_height - t.margin_top - t.margin_bottom;
        let rtl = is_rtl_language(&doc.language).then_some(true);
        Flow { doc, shaper, warnings: Vec::new(), tags: Tagger::default(), col_width, frame_width, frame_height, path: String::new(), rtl, item: None }
    }

    /// Opens a structure node inside the current one: text set from now on
    /// belongs to it. Returns the node to go back to with [`Flow::close`].
    pub fn open(&mut self, role: Role) -> Option<u32> {
        self.open_with(role, None)
    }

    /// Like [`Flow::open`], with the node's language (when it differs from
    /// the brochure's).
    fn open_with(&mut self, role: Role, lang: Option<String>) -> Option<u32> {
        let id = self.tags.seq();
        self.tags.nodes.push(StructNode { id, parent: self.tags.cur, role, lang, path: None, span: None });
        self.tags.cur.replace(id)
    }

    /// Gives the current node its place in the source (the first one it
    /// gets), for problems the PDF writer finds in it: a character no font
    /// has, an image without alt text.
    fn note_source(&mut self, span: Option<crate::diag::Span>) {
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
    fn tag_line(&mut self, items: &mut [(Point, Item)]) {
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
            if let Some(t) = super::tag_mut(&mut items[k].1) {
                *t = tag;
            }
            if let Some((j, node)) = link.take() {
                let tag = Some(Tag { node, seq: self.tags.seq() });
                if let Some(t) = super::tag_mut(&mut items[j].1) {
                    *t = tag;
                }
            }
        }
    }

    /// Warnings collected so far, taken out.
    pub fn take_warnings(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.warnings)
    }

    fn base(&self) -> Pt {
        self.doc.theme.base_size
    }

    /// Body text style.
    pub fn body_style(&self, hyphenate: Option<hypher::Lang>) -> TextStyle {
        let t = &self.doc.theme;
        // Ragged right when the measure holds fewer than about 40 characters
        // (a character is about half an em): justified narrow columns open
        // rivers of space.
        let narrow = self.col_width < t.base_size * 0.5 * 40.0;
        TextStyle {
            family: t.body,
            size: t.base_size,
            leading: self.grid(),
            color: t.text,
            bold: false,
            italic: false,
            justify: !narrow,
            align: Align::Left,
            hyphenate,
        }
    }

    /// A sans style of `scale` × the body size.
    pub fn sans(&self, scale: f32, bold: bool, color: Color) -> TextStyle {
        let t = &self.doc.theme;
        let size = t.base_size * scale;
        TextStyle {
            family: t.heading,
            size,
            leading: size * 1.3,
            color,
            bold,
            italic: false,
            justify: false,
            align: Align::Left,
            hyphenate: None,
        }
    }

    /// Sets `text` in lines of `width`; returns each line's items, positioned
    /// from the line box's top-left.
    pub fn set(&mut self, text: &StyledText, st: &TextStyle, width: Pt) -> Vec<Vec<(Point, Item)>> {
        self.set_lines(text, st, width).into_iter().map(|(items, _)| items).collect()
    }

    /// Like [`Flow::set`], with whether each line ends with an added hyphen.
    pub fn set_lines(&mut self, text: &StyledText, st: &TextStyle, width: Pt) -> Vec<(Vec<(Point, Item)>, bool)> {
        let doc = self.doc;
        let mut styles = Vec::with_capacity(text.spans.len());
        let mut looks = Vec::with_capacity(text.spans.len());
        let mut spans = Vec::with_capacity(text.spans.len());
        for (k, span) in text.spans.iter().enumerate() {
            let e = span.emphasis;
            let family = if e.code { doc.theme.heading } else { st.family };
            styles.push(RunStyle { font: family.pick(st.bold || e.bold, st.italic ^ e.italic), size: st.size });
            looks.push((if span.link.is_some() { doc.theme.accent } else { st.color }, span.link.clone()));
            spans.push((span.range.clone(), k));
        }
        if styles.is_empty() {
            return Vec::new();
        }
        let par = Paragraph { text: &text.text, spans, styles: &styles, width, justify: st.justify, hyphenate: st.hyphenate, rtl: self.rtl, kashida: doc.theme.kashida };
        let broken = break_paragraph(self.shaper, &par);
        for word in &broken.overlong {
            self.warnings.push(
                Diagnostic::warning(text.source, self.path.clone(), format!("`{word}` is wider than the column and was broken without a hyphen"))
                    .with_hint("add a soft hyphen (U+00AD) or a space where it may break, or use fewer columns"),
            );
        }
        if !broken.missing.is_empty() {
            let chars: String = broken.missing.iter().collect();
            let codes: Vec<String> = broken.missing.iter().map(|c| format!("U+{:04X}", u32::from(*c))).collect();
            self.warnings.push(
                Diagnostic::warning(text.source, self.path.clone(), format!("no font has `{chars}` ({}); shown as empty boxes", codes.join(", ")))
                    .with_hint("the bundled fonts cover Latin, Greek, Cyrillic, Arabic and Hebrew; give theme fonts that have these characters, or leave them out"),
            );
        }
        let metrics = &doc.fonts[styles[0].font.0 as usize].metrics;
        let baseline = (st.leading + st.size * (metrics.ascender - metrics.descender)) / 2.0;
        self.note_source(text.source);
        self.tags.carry = None;
        let mut out = Vec::with_capacity(broken.lines.len());
        for line in &broken.lines {
            // Right-to-left lines start at the right.
            let shift = match (st.justify, st.align, line.rtl) {
                (false, Align::Center, _) => (width - line.width) / 2.0,
                (false, Align::Right, _) | (_, Align::Left, true) => width - line.width,
                _ => Pt::ZERO,
            };
            let mut items = line_items(&text.text, line, &styles, &looks, Point::new(shift, baseline), st);
            // Lines that end at a space keep it, as an invisible glyph
            // without advance: text taken from the PDF (and read out from
            // its tags) then has its word boundaries. (Left-to-right lines
            // only: a right-to-left run is read backwards, and the space
            // would land at its start.)
            if !line.rtl {
                let end = line.glyphs.iter().filter_map(|g| if let GlyphText::Source(r) = &g.text { Some(r.end) } else { None }).max();
                if let Some(c) = end.and_then(|e| text.text[e..].chars().next()).filter(|c| c.is_whitespace()) {
                    self.end_with_space(&mut items, c);
                }
            }
            self.tag_line(&mut items);
            out.push((items, line.hyphenated));
        }
        out
    }

    /// Lines of a paragraph as flow elements, with widow and orphan control.
    pub fn para(&mut self, text: &StyledText, st: &TextStyle, width: Pt, indent: Pt, out: &mut Vec<Elem>) {
        let lines = self.set_lines(text, st, width);
        let n = lines.len();
        let k = self.doc.theme.keep_lines as usize;
        let grid = (st.leading - self.grid()).get().abs() < 0.01;
        for (i, (mut items, hyphenated)) in lines.into_iter().enumerate() {
            if indent != Pt::ZERO {
                for (p, _) in &mut items {
                    p.x += indent;
                }
            }
            // At least `keep_lines` lines on each side of a column break
            // (no orphans, no widows), and no column ends with a hyphen.
            let keep = i + 1 < n && (i + 1 < k || i + k >= n || hyphenated);
            out.push(Elem { height: st.leading, kind: Kind::Content(items), keep_with_next: keep, grid });
        }
    }

    /// Lines of text that must stay together (titles, quotes).
    fn block(&mut self, text: &StyledText, st: &TextStyle, width: Pt, out: &mut Vec<Elem>, keep_after: bool) {
        let lines = self.set(text, st, width);
        let n = lines.len();
        for (i, items) in lines.into_iter().enumerate() {
            out.push(Elem { height: st.leading, kind: Kind::Content(items), keep_with_next: keep_after || i + 1 < n, grid: false });
        }
    }

    /// Sets what follows in `n` columns.
    fn set_columns(&mut self, n: u32, out: &mut Vec<Elem>) {
        let n = n.max(1);
        self.col_width = (self.frame_width - self.doc.theme.gutter * (n as f32 - 1.0)) / n as f32;
        out.push(Elem { height: Pt::ZERO, kind: Kind::SetColumns(n), keep_with_next: false, grid: false });
    }

    /// The baseline grid: the body text's leading.
    pub fn grid(&self) -> Pt {
        self.doc.theme.base_size * 1.4
    }

    fn space(out: &mut Vec<Elem>, h: Pt, keep: bool) {
        out.push(Elem { height: h, kind: Kind::Space, keep_with_next: keep, grid: false });
    }

    /// The whole brochure as a flow.
    pub fn build(&mut self) -> Vec<Elem> {
        let doc = self.doc;
        let mut out = Vec::new();
        self.path = "title".into();
        if doc.cover.is_some() {
            self.cover_page(&mut out);
            // The introduction and a short contents list read best across
            // the page; a long list keeps the columns.
            let front = if doc.items.len() <= 30 { 1 } else { doc.theme.columns };
            self.set_columns(front, &mut out);
        } else {
            self.title_block(&mut out);
        }
        let body = self.body_style(crate::text::hyphenate::language(&doc.language));
        self.path = "intro".into();
        let intro = TextStyle { size: self.base() * 1.1, leading: self.base() * 1.1 * 1.4, ..body };
        // At most about 70 characters to the line, when the front matter
        // runs across the page.
        let intro_width = self.col_width.min(intro.size * 36.0);
        // Against the edge the text starts from.
        let intro_x = if self.rtl == Some(true) { self.col_width - intro_width } else { Pt::ZERO };
        for p in &doc.intro {
            let prev = self.open(Role::Paragraph);
            self.para(p, &intro, intro_width, intro_x, &mut out);
            self.close(prev);
            Self::space(&mut out, intro.leading * 0.5, false);
        }
        if doc.theme.toc {
            self.path = "items".into();
            super::toc::contents(self, &mut out);
        }
        if doc.cover.is_some() {
            out.push(Elem { height: Pt::ZERO, kind: Kind::BodyStart, keep_with_next: false, grid: false });
            self.set_columns(doc.theme.columns, &mut out);
        }
        // Items are independent of each other once the column width is
        // known: they are set in parallel, in chunks that each have their own
        // shaper and word cache, and joined in order (so the result does not
        // depend on the number of threads). Two chunks per thread: each
        // starts with an empty word cache, and with four, shaping the same
        // words again was a tenth of the layout time.
        let lead_break = doc.cover.is_none() && (doc.theme.toc || !doc.intro.is_empty());
        let chunk = (doc.items.len() / (rayon::current_num_threads() * 2)).clamp(8, 256);
        let parts: Vec<(Vec<Elem>, Vec<Diagnostic>, Tagger)> = doc
            .items
            .par_chunks(chunk)
            .enumerate()
            .map(|(c, items)| {
                let mut shaper = Shaper::new(&doc.fonts);
                let mut fl = Flow::new(doc, &mut shaper);
                let mut out = Vec::new();
                for (k, item) in items.iter().enumerate() {
                    let i = c * chunk + k;
                    fl.path = item.path.clone();
                    if i > 0 || lead_break {
                        match doc.theme.item_start {
                            ItemStart::Flow => {}
                            ItemStart::NewColumn => out.push(Elem { height: Pt::ZERO, kind: Kind::ColumnBreak, keep_with_next: false, grid: false }),
                            ItemStart::NewPage => out.push(Elem { height: Pt::ZERO, kind: Kind::PageBreak, keep_with_next: false, grid: false }),
                        }
                    }
                    fl.item(i, item, &mut out);
                }
                (out, fl.take_warnings(), std::mem::take(&mut fl.tags))
            })
            .collect();
        for (mut elems, warnings, tags) in parts {
            // Each chunk numbered its structure from 0: move it after ours.
            let delta = self.tags.next;
            shift_tags(&mut elems, delta);
            self.tags.nodes.extend(tags.nodes.into_iter().map(|mut n| {
                n.id += delta;
                n.parent = n.parent.map(|p| p + delta);
                n
            }));
            self.tags.next += tags.next;
            out.extend(elems);
            self.warnings.extend(warnings);
        }
        if !doc.closing.is_empty() {
            self.path = "closing".into();
            // The last item's rule already sets the closing apart (a second
            // rule here made a double one). Across the frame in the
            // introduction's size, at most about 70 characters to the line;
            // the columns above it are balanced.
            let st = TextStyle { italic: true, ..intro };
            if doc.theme.columns > 1 {
                self.set_columns(1, &mut out);
            }
            let width = self.col_width.min(st.size * 36.0);
            for p in &doc.closing {
                let prev = self.open(Role::Paragraph);
                self.para(p, &st, width, Pt::ZERO, &mut out);
                self.close(prev);
                Self::space(&mut out, st.leading * 0.5, false);
            }
        }
        out
    }

    fn title_block(&mut self, out: &mut Vec<Elem>) {
        let doc = self.doc;
        let t = &doc.theme;
        let mut wide: Vec<(Point, Item)> = Vec::new();
        let mut y = Pt::ZERO;
        let w = self.frame_width;
        let mut add = |lines: Vec<Vec<(Point, Item)>>, leading: Pt, y: &mut Pt| {
            for items in lines {
                wide.extend(items.into_iter().map(|(p, it)| (Point::new(p.x, p.y + *y), it)));
                *y += leading;
            }
        };
        let title = self.sans(2.8, true, t.accent);
        let prev = self.open(Role::Heading(1, doc.title_text.clone()));
        let lines = self.set(&doc.title, &TextStyle { leading: title.size * 1.15, ..title }, w);
        self.close(prev);
        add(lines, title.size * 1.15, &mut y);
        if let Some(sub) = &doc.subtitle {
            self.path = "subtitle".into();
            let st = self.sans(1.45, false, t.text);
            let prev = self.open(Role::Paragraph);
            let lines = self.set(sub, &st, w);
            self.close(prev);
            add(lines, st.leading, &mut y);
        }
        let mut byline = Vec::new();
        if let Some(p) = &doc.publisher {
            byline.push(p.text.clone());
        }
        if let Some(d) = &doc.date_text {
            byline.push(d.clone());
        }
        if !byline.is_empty() {
            self.path = "publisher".into();
            y += self.base() * 0.4;
            let st = self.sans(1.05, false, t.muted);
            let text = StyledText::plain(&byline.join("  ·  "));
            let prev = self.open(Role::Paragraph);
            let lines = self.set(&text, &st, w);
            self.close(prev);
            add(lines, st.leading, &mut y);
        }
        y += self.base() * 0.6;
        wide.push((Point::new(Pt::ZERO, y), Item::Rect { width: w, height: Pt(1.5), color: t.accent }));
        y += self.base() * 1.2;
        out.push(Elem { height: y, kind: Kind::Wide(wide), keep_with_next: false, grid: false });
    }

    /// The cover: the cover image across the top of the page, out to the
    /// trim edge (and into the bleed when there is one), then the title,
    /// subtitle, publisher and date.
    fn cover_page(&mut self, out: &mut Vec<Elem>) {
        let doc = self.doc;
        let t = &doc.theme;
        let left = t.margin_inside;
        let w = self.frame_width;
        // The words first: the image takes the room they leave.
        let mut words: Vec<(Vec<Vec<(Point, Item)>>, Pt, Pt)> = Vec::new(); // lines, leading, space before
        self.path = "title".into();
        let title = self.sans(3.4, true, t.accent);
        let title = TextStyle { leading: title.size * 1.12, ..title };
        let prev = self.open(Role::Heading(1, doc.title_text.clone()));
        words.push((self.set(&doc.title, &title, w), title.leading, Pt::ZERO));
        self.close(prev);
        if let Some(sub) = &doc.subtitle {
            self.path = "subtitle".into();
            let st = self.sans(1.7, false, t.text);
            let prev = self.open(Role::Paragraph);
            words.push((self.set(sub, &st, w), st.leading, self.base() * 0.3));
            self.close(prev);
        }
        let rule_gap = self.base() * 2.6;
        for (path, text) in [("publisher", doc.publisher.as_ref().map(|p| p.text.clone())), ("date", doc.date_text.clone())] {
            let Some(text) = text else { continue };
            self.path = path.into();
            let st = self.sans(1.15, false, t.muted);
            let prev = self.open(Role::Paragraph);
            words.push((self.set(&StyledText::plain(&text), &st, w), st.leading, Pt::ZERO));
            self.close(prev);
        }
        let words_h: Pt = words.iter().map(|(lines, leading, before)| *before + *leading * lines.len() as f32).sum::<Pt>() + rule_gap;
        let mut items: Vec<(Point, Item)> = Vec::new();
        let mut y = t.margin_top;
        if let Some(cover) = &doc.cover {
            self.path = "cover.image".into();
            let img = &doc.images[cover.image.0 as usize];
            let aspect = img.height as f32 / img.width as f32;
            let st = TextStyle { align: Align::Right, ..self.sans(0.72, false, t.muted) };
            let mut notes = Vec::new();
            if let Some(c) = &cover.credit {
                notes.push(self.credit_words(c));
            }
            if let Some(c) = &cover.caption {
                notes.push(c.clone());
            }
            let image_tag = self.figure_tag(cover);
            let prev = self.open(Role::Caption);
            let mut note_lines: Vec<Vec<(Point, Item)>> = Vec::new();
            for n in &notes {
                note_lines.extend(self.set(n, &st, w));
                if let Some(last) = note_lines.last_mut() {
                    self.trailing_space(last);
                }
            }
            self.close(prev);
            let notes_h = st.leading * note_lines.len() as f32 + self.base() * 0.4;
            // Never cropped and never distorted: as wide as the page and
            // its bleed, unless that makes it taller than 60 % of the page
            // or than the room the words leave.
            let full = t.page_width + t.bleed * 2.0;
            let room = t.page_height - t.margin_bottom - words_h - notes_h - self.base() * 3.0;
            let (mut iw, mut ih) = (full, full * aspect);
            let max_h = (t.page_height * 0.6 + t.bleed).min(room + t.bleed).max(Pt::ZERO);
            if ih > max_h {
                ih = max_h;
                iw = ih / aspect;
            }
            let top = if iw >= full - Pt(0.01) { -t.bleed } else { t.margin_top };
            if ih > Pt(1.0) {
                self.check_resolution(cover, iw, iw);
                items.push((Point::new((t.page_width - iw) / 2.0, top), Item::Image { image: cover.image, width: iw, height: ih, alt: cover.alt.clone(), tag: image_tag }));
                y = top + ih + self.base() * 0.4;
            }
            for line in note_lines {
                items.extend(line.into_iter().map(|(p, it)| (Point::new(p.x + left, p.y + y), it)));
                y += st.leading;
            }
            // The words start in the lower half when there is room for them there.
            let lower_half = t.page_height * 0.5 + self.base() * 3.0;
            y = if lower_half + words_h <= t.page_height - t.margin_bottom { y.max(lower_half) } else { y + self.base() * 1.5 };
        }
        for (k, (lines, leading, before)) in words.into_iter().enumerate() {
            y += before;
            // The accent rule between the titles and the byline.
            if k > 0 && leading == self.sans(1.15, false, t.muted).leading && !items.iter().any(|(_, it)| matches!(it, Item::Rect { .. })) {
                y += self.base() * 1.2;
                // Under the start of the title block: on the right, right to left.
                let x = if self.rtl == Some(true) { left + w * 0.75 } else { left };
                items.push((Point::new(x, y), Item::Rect { width: w * 0.25, height: Pt(2.0), color: t.accent }));
                y += self.base() * 1.4;
            }
            for line in lines {
                items.extend(line.into_iter().map(|(p, it)| (Point::new(p.x + left, p.y + y), it)));
                y += leading;
            }
        }
        out.push(Elem { height: Pt::ZERO, kind: Kind::FullPage(items), keep_with_next: false, grid: false });
    }

    /// Warns when an image printed `width` wide has less than 150 dpi, or
    /// when it is set narrower than the `wanted` width because it has too
    /// few pixels to fill it at 150 dpi.
    fn check_resolution(&mut self, f: &Figure, width: Pt, wanted: Pt) {
        let img = &self.doc.images[f.image.0 as usize];
        if width < wanted - Pt(0.5) && width >= max_print_width(img.width) - Pt(0.01) {
            let need = (MIN_DPI * wanted.get() / 72.0).ceil();
            let mm = |w: Pt| w.get() * 25.4 / 72.0;
            self.warnings.push(
                Diagnostic::warning(
                    f.source,
                    self.path.clone(),
                    format!("image `{}` is set {:.0} mm wide, centred, instead of {:.0} mm (its {} pixels are too few to print wider at 150 dpi)", img.path, mm(width), mm(wanted), img.width),
                )
                .with_hint(format!("use an image at least {need:.0} pixels wide to fill the column")),
            );
            return;
        }
        let dpi = img.width as f32 / (width.get() / 72.0);
        if dpi < MIN_DPI {
            let need = (MIN_DPI * width.get() / 72.0).ceil();
            self.warnings.push(
                Diagnostic::warning(f.source, self.path.clone(), format!("image `{}` is printed at {dpi:.0} dpi (below 150 dpi it looks soft in print)", img.path))
                    .with_hint(format!("use an image at least {need:.0} pixels wide ({} now)", img.width)),
            );
        }
    }

    /// "Image © …": the credit as printed, with the word of the item's (or
    /// brochure's) language.
    fn credit_words(&self, credit: &StyledText) -> StyledText {
        let word = &self.labels().image_credit;
        if crate::locale::credit_has_word(&credit.text, word) {
            credit.clone()
        } else {
            let mut s = StyledText::plain(&format!("{word} "));
            s.push(&credit.text, Default::default(), None);
            s.source = credit.source;
            s
        }
    }

    /// The program's words for what is being set: the item's, or the
    /// brochure's outside items.
    pub fn labels(&self) -> &'a crate::locale::Labels {
        let doc = self.doc;
        self.item.map_or(&doc.labels, |i| &doc.items[i].labels)
    }

    fn rule(&self, out: &mut Vec<Elem>) {
        let t = &self.doc.theme;
        Self::space(out, self.base() * 0.8, false);
        out.push(Elem {
            height: self.base() * 1.2,
            kind: Kind::Rule(vec![(Point::new(Pt::ZERO, Pt::ZERO), Item::Rect { width: self.col_width, height: Pt(0.5), color: t.muted })]),
            keep_with_next: false,
            grid: false,
        });
    }

    /// A figure (image, credit, caption) no wider than `width` and no taller
    /// than `max_h` for the image itself; returns its items and height.
    pub fn figure(&mut self, f: &Figure, width: Pt, max_h: Pt) -> (Vec<(Point, Item)>, Pt) {
        let doc = self.doc;
        let t = &doc.theme;
        let img = &doc.images[f.image.0 as usize];
        let aspect = img.height as f32 / img.width as f32;
        // Never enlarged past its pixels at 150 dpi: a small image is set
        // smaller, centred.
        let mut w = width.min(max_print_width(img.width));
        let mut h = w * aspect;
        // A portrait image is no taller than the column is wide: at full
        // width it would take most of a column for one picture.
        let max_h = if aspect > 1.0 { max_h.min(width) } else { max_h };
        if h > max_h {
            // Too tall: scale down, keeping the aspect ratio, and centre.
            h = max_h;
            w = h / aspect;
        }
        self.check_resolution(f, w, width);
        let tag = self.figure_tag(f);
        let mut items = vec![(Point::new((width - w) / 2.0, Pt::ZERO), Item::Image { image: f.image, width: w, height: h, alt: f.alt.clone(), tag })];
        let prev = self.open(Role::Caption);
        let mut y = h + self.base() * 0.3;
        if let Some(credit) = &f.credit {
            let st = TextStyle { align: Align::Right, ..self.sans(0.72, false, t.muted) };
            let words = self.credit_words(credit);
            let mut lines = self.set(&words, &st, width);
            if let Some(last) = lines.last_mut() {
                self.trailing_space(last);
            }
            for items_line in lines {
                items.extend(items_line.into_iter().map(|(p, it)| (Point::new(p.x, p.y + y), it)));
                y += st.leading;
            }
        }
        if let Some(caption) = &f.caption {
            let st = TextStyle { italic: true, family: t.body, ..self.sans(0.85, false, t.muted) };
            for items_line in self.set(caption, &st, width) {
                items.extend(items_line.into_iter().map(|(p, it)| (Point::new(p.x, p.y + y), it)));
                y += st.leading;
            }
        }
        self.close(prev);
        (items, y)
    }

    /// The tag of a figure's image: a figure node with its text
    /// alternative, or none for a decorative image (`alt: ""`).
    fn figure_tag(&mut self, f: &Figure) -> Option<Tag> {
        if f.alt.as_deref() == Some("") {
            return None;
        }
        let prev = self.open(Role::Figure(f.alt.clone()));
        self.note_source(f.source);
        let tag = self.tag();
        self.close(prev);
        tag
    }

    fn item(&mut self, index: usize, item: &DocItem, out: &mut Vec<Elem>) {
        let doc = self.doc;
        let t = &doc.theme;
        let w = self.col_width;
        let body = self.body_style(item.hyphenation);
        self.rtl = is_rtl_language(&item.language).then_some(true);
        self.item = Some(index);
        out.push(Elem { height: Pt::ZERO, kind: Kind::Mark(Mark::Item { index, title: item.title_text.clone() }), keep_with_next: true, grid: false });
        // A section only where it carries a language of its own: each
        // structure element costs about 100 bytes, and the headings already
        // give the outline.
        let section = match (item.language != doc.language).then(|| item.language.clone()) {
            Some(lang) => self.open_with(Role::Section, Some(lang)),
            None => self.tags.cur,
        };
        // Title, date and place, and the lead image are kept together.
        let title = self.sans(1.5, true, t.text);
        let title = TextStyle { leading: title.size * 1.2, ..title };
        let prev = self.open(Role::Heading(2, item.title_text.clone()));
        self.block(&item.title, &title, w, out, true);
        self.close(prev);
        let mut dateline = Vec::new();
        if let Some(d) = &item.date_text {
            dateline.push(d.clone());
        }
        if let Some(l) = &item.location {
            dateline.push(l.text.clone());
        }
        if !dateline.is_empty() {
            Self::space(out, self.base() * 0.15, true);
            let st = self.sans(0.8, true, t.accent);
            let prev = self.open(Role::Paragraph);
            self.block(&StyledText::plain(&dateline.join("  ·  ")), &st, w, out, true);
            self.close(prev);
        }
        Self::space(out, self.base() * 0.5, true);
        if let Some(fig) = &item.image {
            self.path = format!("{}.image", item.path);
            self.figure_elem(fig, out, true);
        }
        if !item.summary.is_empty() {
            self.path = format!("{}.summary", item.path);
            let st = TextStyle { size: self.base() * 1.08, leading: self.base() * 1.08 * 1.4, bold: true, ..body };
            for p in &item.summary {
                let prev = self.open(Role::Paragraph);
                self.para(p, &st, w, Pt::ZERO, out);
                self.close(prev);
                Self::space(out, body.leading * 0.5, false);
            }
        }
        for (j, block) in item.body.iter().enumerate() {
            self.path = format!("{}.body[{j}]", item.path);
            match block {
                BodyBlock::Paragraph(p) => {
                    let prev = self.open(Role::Paragraph);
                    self.para(p, &body, w, Pt::ZERO, out);
                    self.close(prev);
                    Self::space(out, body.leading * 0.5, false);
                }
                BodyBlock::Heading(h) => {
                    Self::space(out, body.leading * 0.3, false);
                    out.push(Elem { height: Pt::ZERO, kind: Kind::Mark(Mark::Heading(h.text.clone())), keep_with_next: true, grid: false });
                    let st = self.sans(1.1, true, t.accent);
                    let prev = self.open(Role::Heading(3, h.text.clone()));
                    self.block(h, &st, w, out, true);
                    self.close(prev);
                    Self::space(out, body.leading * 0.2, true);
                }
                BodyBlock::Quote { text, by } => {
                    Self::space(out, body.leading * 0.3, false);
                    let indent = self.base() * 1.2;
                    // Right to left, the bar and the indent are on the right.
                    let (text_x, bar_x) = if self.rtl == Some(true) { (Pt::ZERO, w - Pt(2.5)) } else { (indent, Pt::ZERO) };
                    let st = TextStyle { size: self.base() * 1.2, leading: self.base() * 1.2 * 1.35, italic: true, justify: false, color: t.accent, hyphenate: None, ..body };
                    // The quotation's words and attribution go straight into
                    // the quote node (a paragraph node each would double
                    // its cost for nothing a reader hears).
                    let quote = self.open(Role::Quote);
                    let mut lines = Vec::new();
                    for p in text {
                        let mut set = self.set(p, &st, w - indent);
                        if let Some(last) = set.last_mut() {
                            self.trailing_space(last);
                        }
                        lines.extend(set);
                    }
                    let mut items = Vec::new();
                    let mut y = Pt::ZERO;
                    for l in lines {
                        items.extend(l.into_iter().map(|(p, it)| (Point::new(p.x + text_x, p.y + y), it)));
                        y += st.leading;
                    }
                    if let Some(by) = by {
                        y += self.base() * 0.2;
                        let st = self.sans(0.8, false, t.muted);
                        let mut words = StyledText::plain("— ");
                        words.push(&by.text, Default::default(), None);
                        for l in self.set(&words, &st, w - indent) {
                            items.extend(l.into_iter().map(|(p, it)| (Point::new(p.x + text_x, p.y + y), it)));
                            y += st.leading;
                        }
                    }
                    self.close(quote);
                    items.insert(0, (Point::new(bar_x, Pt(2.0)), Item::Rect { width: Pt(2.5), height: y - Pt(2.0), color: t.accent }));
                    out.push(Elem { height: y, kind: Kind::Content(items), keep_with_next: false, grid: false });
                    Self::space(out, body.leading * 0.6, false);
                }
                BodyBlock::Figure(f) => {
                    self.figure_elem(f, out, false);
                }
                BodyBlock::List(entries) | BodyBlock::NumberedList { entries, .. } => {
                    // A numbered list counts on from its first number; the
                    // numbers, like bullets, are drawn as decoration.
                    let start = if let BodyBlock::NumberedList { start, .. } = block { Some(*start) } else { None };
                    let widest = start.map_or(0, |s| (s + entries.len() as u64 - 1).to_string().len());
                    let indent = self.base() * if start.is_some() { 0.6 + 0.55 * widest as f32 } else { 1.1 };
                    // Right to left, the bullets hang on the right.
                    let (text_x, mark_x) = if self.rtl == Some(true) { (Pt::ZERO, w - indent) } else { (indent, Pt::ZERO) };
                    let list = self.open(Role::List);
                    for (k, e) in entries.iter().enumerate() {
                        let mut el = Vec::new();
                        let entry = self.list_entry();
                        self.para(e, &body, w - indent, text_x, &mut el);
                        self.close(entry);
                        if let Some(Elem { kind: Kind::Content(items), .. }) = el.first_mut() {
                            let prev = self.tags.cur.take();
                            let mark = start.map_or_else(|| "•".to_string(), |s| format!("{}.", s + k as u64));
                            let bullet = self.set(&StyledText::plain(&mark), &TextStyle { justify: false, ..body }, indent);
                            self.tags.cur = prev;
                            items.extend(bullet.into_iter().flatten().map(|(p, it)| (Point::new(p.x + mark_x, p.y), it)));
                        }
                        // Not split after the first entry.
                        if k == 0 {
                            if let Some(last) = el.last_mut() {
                                last.keep_with_next = entries.len() > 1;
                            }
                        }
                        // No space between entries: on the baseline grid
                        // any would open a whole blank line.
                        out.extend(el);
                    }
                    self.close(list);
                    Self::space(out, body.leading * 0.35, false);
                }
            }
        }
        if !item.links.is_empty() {
            self.path = format!("{}.links", item.path);
            Self::space(out, body.leading * 0.2, false);
            let label = self.sans(0.85, true, t.text);
            let prev = self.open(Role::Paragraph);
            self.block(&StyledText::plain(&item.labels.more_information), &label, w, out, true);
            self.close(prev);
            let st = self.sans(0.85, false, t.accent);
            let indent = self.base();
            let rtl = self.rtl == Some(true);
            let (text_x, mark_x) = if rtl { (Pt::ZERO, w - indent) } else { (indent, Pt::ZERO) };
            let list = self.open(Role::List);
            for (text, url) in &item.links {
                let mut linked = StyledText::default();
                linked.push(&text.text, Default::default(), Some(url));
                let mut el = Vec::new();
                let entry = self.list_entry();
                self.para(&linked, &st, w - indent, text_x, &mut el);
                self.close(entry);
                if let Some(Elem { kind: Kind::Content(items), .. }) = el.first_mut() {
                    let prev = self.tags.cur.take();
                    // The arrow points the way the text reads.
                    let arrow = self.set(&StyledText::plain(if rtl { "‹" } else { "›" }), &st, indent);
                    self.tags.cur = prev;
                    items.extend(arrow.into_iter().flatten().map(|(p, it)| (Point::new(p.x + mark_x, p.y), it)));
                }
                out.extend(el);
            }
            self.close(list);
        }
        // theme.qr_codes: the QR code of `qr:` or the first link, kept with
        // the list.
        if let Some(qr) = item.qr.as_deref().and_then(|url| super::qr::element(self, url, Pt::mm(0.5), w, t.text, self.rtl == Some(true))) {
            if let Some(last) = out.last_mut() {
                last.keep_with_next = true;
            }
            out.push(qr);
        }
        if !item.tags.is_empty() {
            self.path = format!("{}.tags", item.path);
            Self::space(out, body.leading * 0.3, false);
            let st = self.sans(0.75, false, t.muted);
            let prev = self.open(Role::Paragraph);
            self.block(&StyledText::plain(&item.tags.join("  ·  ")), &st, w, out, false);
            self.close(prev);
        }
        self.close(section);
        self.rule(out);
    }

    /// Opens a list entry and its body node; returns the node to close to.
    /// The bullet is decoration (a list entry is announced as one; a label
    /// node would cost another structure element per entry).
    fn list_entry(&mut self) -> Option<u32> {
        let entry = self.open(Role::ListItem);
        self.open(Role::ListBody);
        entry
    }

    fn figure_elem(&mut self, f: &Figure, out: &mut Vec<Elem>, keep: bool) {
        // A figure never fills a whole column by itself: its image is at
        // most `theme.max_figure_height` of the frame's height.
        let cap = self.doc.theme.max_figure_height.of(self.frame_height);
        if f.full_width && self.doc.theme.columns > 1 {
            let (items, h) = self.figure(f, self.frame_width, cap);
            let shrink = image_height(&items) * FIGURE_SHRINK;
            out.push(Elem { height: h + self.base() * 0.8, kind: Kind::WideFigure { items, shrink }, keep_with_next: false, grid: false });
        } else {
            let (items, h) = self.figure(f, self.col_width, cap);
            // The paginator may set the image down to half its height (and
            // width) where that fills a column that would be left short.
            let image_h = image_height(&items);
            out.push(Elem { height: h, kind: Kind::Figure { items, shrink: image_h * FIGURE_SHRINK, float: keep }, keep_with_next: keep, grid: false });
            Self::space(out, self.base() * 0.8, keep);
        }
    }

    /// Sets one line of `text` with no breaking (headers, footers, numbers).
    pub fn one_line(&mut self, text: &str, st: &TextStyle) -> (Vec<(Point, Item)>, Pt) {
        let lines = self.set(&StyledText::plain(text), &TextStyle { justify: false, ..*st }, Pt(100_000.0));
        let mut items: Vec<(Point, Item)> = lines.into_iter().flatten().collect();
        // A right-to-left line is set flush right in the wide measure: move
        // it back to the start.
        let left = items.iter().map(|(p, _)| p.x).reduce(Pt::min).unwrap_or(Pt::ZERO);
        for (p, _) in &mut items {
            p.x -= left;
        }
        let width = super::text_end(&items);
        (items, width)
    }

    /// One run of text in one font, unbroken (numbers, short labels).
    /// Set in the first font of `font`'s fallback chain that has the first
    /// character (Arabic-Indic page numbers are not in the Latin faces).
    pub fn shape_run(&mut self, text: &str, font: crate::text::shape::FontId, size: Pt, color: Color) -> TextRun {
        let font = text.chars().next().and_then(|c| self.shaper.font_for(font, c)).unwrap_or(font);
        let glyphs = self.shaper.shape(font, text);
        let mut run = TextRun::new(font, size, color, text.to_string(), glyphs.len());
        for (g, range) in glyphs.iter().zip(cluster_ranges(&glyphs)) {
            run.push(Glyph::new(g.id, size * g.advance, range), size * g.x_offset, size * g.y_offset);
        }
        run
    }

    /// Ends the last run of `items` with an invisible space, so that the
    /// words of the next run (a caption after a credit, a page number after
    /// a title) are not glued to it in the extracted text.
    pub fn trailing_space(&mut self, items: &mut [(Point, Item)]) {
        self.end_with_space(items, ' ');
    }

    /// Ends the last run of `items` with the blank `c` (drawn with the
    /// font's space glyph, without advance), unless it ends with one.
    fn end_with_space(&mut self, items: &mut [(Point, Item)], c: char) {
        if let Some((_, Item::Text(run))) = items.iter_mut().rev().find(|(_, it)| matches!(it, Item::Text(_))) {
            if !run.text.ends_with(char::is_whitespace) {
                if let Some(g) = self.shaper.shape(run.font, " ").first() {
                    push_space(run, g.id, c);
                }
            }
        }
    }

    /// The document being laid out.
    pub fn doc(&self) -> &'a Doc {
        self.doc
    }
}

/// The resolution below which an image looks soft in print.
const MIN_DPI: f32 = 150.0;

/// The share of its height a column figure's image may lose when the
/// paginator sets it smaller to fill a column.
const FIGURE_SHRINK: f32 = 0.5;

/// The height of a figure's image (its first item).
fn image_height(items: &[(Point, Item)]) -> Pt {
    match items.first() {
        Some((_, Item::Image { height, .. })) => *height,
        _ => Pt::ZERO,
    }
}

/// The widest an image of `pixels` across is printed: 150 dpi.
fn max_print_width(pixels: u32) -> Pt {
    Pt(pixels as f32 * 72.0 / MIN_DPI)
}

/// Appends a blank that takes no room: the space `c` of the source.
/// A run that reads backwards (right to left, drawn in visual order) gets
/// it at its visual start, so that its text still runs backwards and the
/// run is read as one reversed word, not as its letters left to right.
pub fn push_space(run: &mut TextRun, id: u16, c: char) {
    let start = run.text.len();
    run.text.push(c);
    let glyph = Glyph::new(id, Pt::ZERO, start..run.text.len());
    let backwards = run.glyphs.len() > 1 && run.glyphs.windows(2).all(|w| w[0].range().start >= w[1].range().end);
    if backwards {
        run.glyphs.insert(0, glyph);
        if !run.offsets.is_empty() {
            run.offsets.insert(0, (Pt::ZERO, Pt::ZERO));
        }
    } else {
        run.push(glyph, Pt::ZERO, Pt::ZERO);
    }
}

/// Turns a broken line into text runs (one per style, font and direction)
/// and link areas, in the order the text is read.
fn line_items(text: &str, line: &Line, styles: &[RunStyle], looks: &[(Color, Option<String>)], origin: Point, st: &TextStyle) -> Vec<(Point, Item)> {
    let glyphs = &line.glyphs;
    let bounds = run_bounds(text, glyphs);
    // Lines are kept until drawn: their item lists are sized exactly (a
    // run, and a link area for a run that is a link).
    let links = bounds.iter().filter(|b| looks[glyphs[b.start].style].1.is_some()).count();
    let mut items: Vec<(Point, Item)> = Vec::with_capacity(bounds.len() + links);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut bars: Vec<(Point, Item)> = Vec::new();
    for bounds in bounds {
        let (i, j) = (bounds.start, bounds.end);
        let (style, font) = (glyphs[i].style, glyphs[i].font);
        // Kashidas are bars on the baseline (decoration, not text); the
        // glyph to their left on the page takes their advance, so the run
        // holds only the word's letters.
        let size = styles[style].size;
        let mut kept: Vec<LineGlyph> = Vec::with_capacity(j - i);
        for g in &glyphs[i..j] {
            if let GlyphText::Kashida { bottom, top } = g.text {
                let (bottom, top) = (size * f32::from(bottom) / 1000.0, size * f32::from(top) / 1000.0);
                // A hair longer on each side, as the tatweel's outline is, so
                // that no seam shows where the bar meets the letters.
                let overlap = size * 0.008;
                bars.push((Point::new(origin.x + g.x - overlap, origin.y - top), Item::Rect { width: g.advance + overlap * 2.0, height: top - bottom, color: looks[style].0 }));
                if let Some(prev) = kept.last_mut() {
                    prev.advance += g.advance;
                }
                continue;
            }
            kept.push(g.clone());
        }
        if kept.is_empty() {
            continue;
        }
        let (run_text, ranges) = run_text(text, &kept);
        // Room for the space a line may end with.
        let mut run = TextRun::new(font, size, looks[style].0, run_text, kept.len() + 1);
        run.h_scale = line.expansion;
        for (g, range) in kept.iter().zip(ranges) {
            run.push(Glyph::new(g.id, g.advance, range), g.x_offset, g.y_offset);
        }
        let x = origin.x + kept[0].x;
        let first = items.len();
        if let Some(url) = &looks[style].1 {
            let w = run.width();
            items.push((Point::new(x, origin.y - st.size * 0.95), Item::Link { width: w, height: st.size * 1.25, target: Target::Url(url.clone()), tag: None }));
        }
        items.push((Point::new(x, origin.y), Item::Text(run)));
        let start = kept.iter().filter_map(|g| if let crate::text::linebreak::GlyphText::Source(r) = &g.text { Some(r.start) } else { None }).min();
        runs.push((start.unwrap_or(usize::MAX), first));
    }
    // Runs of mixed-direction lines stand in visual order; they are drawn
    // in reading order, so that text extraction reads them in that order.
    if line.glyphs.iter().any(|g| g.rtl) {
        let mut order: Vec<(usize, Vec<(Point, Item)>)> = Vec::with_capacity(runs.len());
        for (start, first) in runs.iter().rev() {
            order.push((*start, items.split_off(*first)));
        }
        order.sort_by_key(|(start, _)| *start);
        items = order.into_iter().flat_map(|(_, it)| it).collect();
    }
    // The kashida bars after the words: decoration, drawn together.
    items.append(&mut bars);
    items
}
