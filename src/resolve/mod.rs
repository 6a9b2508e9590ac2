//! From the source as written to a brochure ready for layout: defaults
//! applied, lengths in points, colours parsed, dates checked and formatted,
//! Markdown parsed, fonts and images loaded once and referred to by id.
//!
//! Every problem is collected; [`resolve`] returns a [`Doc`] only when there
//! is no error.
//!
//! This file holds the resolver and puts the brochure and its items
//! together; its parts each do one job:
//!
//! - `types`: the resolved brochure ([`Doc`], [`Item`], [`Theme`], …);
//! - `values`: single values (dates, counts, lengths, choices, colours);
//! - `theme`: the theme, with its defaults;
//! - `language`: the language tag, the printed words, script fonts;
//! - `markdown`: text fields as Markdown or plain text;
//! - `fonts`: bundled fonts, fallbacks and font files;
//! - `images`: images, figures and the output colour profile;
//! - `gallery`: galleries and the focus of images;
//! - `files`: finding the files a source names, and path hints.

mod boxes;
mod files;
mod fonts;
mod gallery;
mod images;
mod language;
mod markdown;
mod theme;
mod types;
mod values;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Span};
use crate::locale::{self, Labels, format_date};
use crate::model::{self, Block};
use crate::text::hyphenate;
use crate::text::inline::{Quotes, StyledText};
use crate::text::shape::{FontData, FontId};

#[cfg_attr(not(feature = "unstable-stages"), expect(unused_imports, reason = "the limits and names for the stage's users; the crate uses them in place"))]
pub use fonts::{MAX_FONT_BYTES, bundled_families};
#[cfg_attr(not(feature = "unstable-stages"), expect(unused_imports, reason = "the limits and names for the stage's users; the crate uses them in place"))]
pub use images::MAX_PIXELS;
pub use types::{Assets, BodyBlock, Doc, Family, Figure, FigureCap, Gallery, ImageData, ImageId, ImageKind, Item, ItemStart, Order, Side, Theme};

/// Resolves a parsed brochure. `base` is the folder that relative paths in
/// the source start from.
#[cfg_attr(not(feature = "unstable-stages"), expect(dead_code, reason = "the stage for its users (tests, examples); the crate calls resolve_in"))]
pub fn resolve(b: &model::Brochure, base: &Path) -> (Option<Doc>, Vec<Diagnostic>) {
    resolve_in(b, base, base)
}

/// Like [`resolve`], reading images and fonts only from `root` and the
/// folders below it (as Typst's project root): a source cannot make the
/// program read `/etc/passwd` or `../../secrets.png`.
pub fn resolve_in(b: &model::Brochure, base: &Path, root: &Path) -> (Option<Doc>, Vec<Diagnostic>) {
    let root = root.canonicalize().ok();
    let mut r = Resolver {
        base: base.to_path_buf(),
        root,
        diags: Vec::new(),
        fonts: Vec::new(),
        font_keys: BTreeMap::new(),
        images: Vec::new(),
        image_keys: BTreeMap::new(),
        ahead: markdown::Ahead::default(),
        inside: BTreeMap::new(),
    };
    let doc = r.doc(b);
    let ok = !r.diags.iter().any(Diagnostic::is_error);
    (if ok { Some(doc) } else { None }, r.diags)
}

struct Resolver {
    base: PathBuf,
    /// The folder files must be in (canonical); `None` when it does not exist.
    root: Option<PathBuf>,
    diags: Vec<Diagnostic>,
    fonts: Vec<FontData>,
    font_keys: BTreeMap<String, FontId>,
    images: Vec<ImageData>,
    image_keys: BTreeMap<PathBuf, ImageId>,
    /// The items' paragraphs and quotes, read ahead in parallel.
    ahead: markdown::Ahead,
    /// Files found to exist, and whether they lie inside the root folder.
    inside: BTreeMap<PathBuf, bool>,
}

fn plain_text(t: &StyledText) -> String {
    t.text.clone()
}

impl Resolver {
    fn error(&mut self, span: Option<Span>, path: &str, msg: impl Into<String>, hint: impl Into<String>) {
        let hint = hint.into();
        let mut d = Diagnostic::error(span, path, msg);
        if !hint.is_empty() {
            d = d.with_hint(hint);
        }
        self.diags.push(d);
    }

    fn doc(&mut self, b: &model::Brochure) -> Doc {
        let language = match &b.language {
            Some(l) => self.language(l, "language"),
            None => "en".to_string(),
        };
        let quotes = Quotes::for_language(&language);
        let theme = self.theme(&b.theme, b.items.len());
        self.fallbacks();
        let date = b.date.as_ref().and_then(|d| self.date(d, "date"));
        let date_text = date.map(|d| theme.digits.apply(&format_date(d, theme.date_format.as_deref(), &language)));
        let labels = self.labels(b, &language);
        self.script_font(b.language.as_ref(), "language", &language, &theme);
        for (i, it) in b.items.iter().enumerate() {
            if let Some(l) = &it.language {
                self.script_font(Some(l), &format!("items[{i}].language"), &l.value, &theme);
            }
        }
        let title = self.pl(&b.title, "title", &quotes);
        let cover = b.cover.as_ref().and_then(|img| self.lead_figure(img, "cover.image", &quotes));
        self.ahead = markdown::Ahead::read(&b.items, &language);
        let mut items: Vec<Item> = b
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| self.item(it, &format!("items[{i}]"), &language, &labels, &theme))
            .collect();
        match theme.order {
            Order::AsWritten => {}
            // Stable sorts: undated items keep their place relative to each other, at the end.
            Order::NewestFirst => items.sort_by_key(|it| (it.date.is_none(), std::cmp::Reverse(it.date))),
            Order::OldestFirst => items.sort_by_key(|it| (it.date.is_none(), it.date)),
        }
        let mut keywords: Vec<String> = Vec::new();
        for t in items.iter().flat_map(|i| i.tags.iter()) {
            if !keywords.contains(t) {
                keywords.push(t.clone());
            }
        }
        Doc {
            title_text: plain_text(&title),
            title,
            subtitle: b.subtitle.as_ref().map(|s| self.pl(s, "subtitle", &quotes)),
            publisher: b.publisher.as_ref().map(|s| self.pl(s, "publisher", &quotes)),
            date,
            date_text,
            intro: b.intro.as_ref().map(|s| self.md(s, "intro", &quotes)).unwrap_or_default(),
            closing: b.closing.as_ref().map(|s| self.md(s, "closing", &quotes)).unwrap_or_default(),
            language,
            labels,
            cover,
            items,
            theme,
            fonts: std::mem::take(&mut self.fonts),
            images: std::mem::take(&mut self.images),
            keywords,
        }
    }

    fn item(&mut self, it: &model::Item, path: &str, doc_lang: &str, doc_labels: &Labels, theme: &Theme) -> Item {
        let language = it.language.as_ref().map_or_else(|| doc_lang.to_string(), |l| self.language(l, &format!("{path}.language")));
        let q = Quotes::for_language(&language);
        let date = it.date.as_ref().and_then(|d| self.date(d, &format!("{path}.date")));
        let title = self.pl(&it.title, &format!("{path}.title"), &q);
        let body = self.body_blocks(&it.body, &format!("{path}.body"), &q);
        let mut links = Vec::new();
        for (k, l) in it.links.iter().enumerate() {
            let url = l.url.value.trim();
            // A missing `url` was reported when the source was read.
            if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:")) {
                self.error(l.url.span, &format!("{path}.links[{k}].url"), format!("`{url}` is not a web address"), "write a full address starting with https://");
            }
            links.push((self.pl(&l.text, &format!("{path}.links[{k}].text"), &q), url.to_string()));
        }
        let qr = match &it.qr {
            Some(v) => {
                let url = v.value.trim();
                if !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:")) {
                    self.error(v.span, &format!("{path}.qr"), format!("`{url}` is not a web address"), "write a full address starting with https://");
                }
                if !theme.qr_codes {
                    self.diags.push(
                        Diagnostic::warning(v.span, format!("{path}.qr"), "`qr:` is not printed (QR codes are off)").with_hint("add `qr_codes: true` to the theme"),
                    );
                }
                Some(url.to_string())
            }
            None => links.first().map(|(_, u)| u.clone()),
        }
        .filter(|_| theme.qr_codes);
        Item {
            title_text: plain_text(&title),
            title,
            date_text: date.map(|d| theme.digits.apply(&format_date(d, theme.date_format.as_deref(), &language))),
            date,
            location: it.location.as_ref().map(|l| self.pl(l, &format!("{path}.location"), &q)),
            hyphenation: hyphenate::language(&language),
            // The theme's labels are words of the brochure's language.
            labels: if crate::text::primary_language(&language) == crate::text::primary_language(doc_lang) { doc_labels.clone() } else { locale::labels(&language).0 },
            language,
            image: it.image.as_ref().and_then(|img| self.lead_figure(img, &format!("{path}.image"), &q)),
            summary: it.summary.as_ref().map(|s| self.md(s, &format!("{path}.summary"), &q)).unwrap_or_default(),
            body,
            links,
            qr,
            drop_cap: self.choice(&it.drop_cap, &format!("{path}.drop_cap"), &[("true", true), ("false", false), ("yes", true), ("no", false)], theme.drop_cap),
            tags: it.tags.iter().enumerate().map(|(k, t)| self.bare(t, &format!("{path}.tags[{k}]"), &q)).filter(|t| !t.is_empty()).collect(),
            path: path.to_string(),
            span: it.title.span,
        }
    }

    /// Body blocks at `prefix[0]`, `prefix[1]` …, in source order (an
    /// item's body, or a box's).
    fn body_blocks(&mut self, blocks: &[Block], prefix: &str, q: &Quotes) -> Vec<BodyBlock> {
        let mut body = Vec::new();
        for (j, block) in blocks.iter().enumerate() {
            let bpath = format!("{prefix}[{j}]");
            match block {
                Block::Paragraph(p) => self.md_blocks(p, &bpath, q, &mut body),
                Block::Quote { quote, by, style } => {
                    let text = self.md(quote, &format!("{bpath}.quote"), q);
                    let by = by.as_ref().map(|b| self.pl(b, &format!("{bpath}.by"), q));
                    let pull = style.as_ref().is_some_and(|s| self.quote_style(s, &format!("{bpath}.style")));
                    body.push(BodyBlock::Quote { text, by, pull });
                }
                Block::Heading(h) => body.push(BodyBlock::Heading(self.pl(h, &format!("{bpath}.heading"), q))),
                Block::Image(img) => {
                    if let Some(f) = self.figure(img, &format!("{bpath}.image"), q) {
                        body.push(BodyBlock::Figure(f));
                    }
                }
                Block::List(entries) => {
                    let entries = entries.iter().enumerate().flat_map(|(k, e)| self.md(e, &format!("{bpath}.list[{k}]"), q)).collect();
                    body.push(BodyBlock::List(entries));
                }
                Block::Gallery(g) => {
                    if let Some(g) = self.gallery(g, &format!("{bpath}.gallery"), q) {
                        body.push(BodyBlock::Gallery(g));
                    }
                }
                Block::Box { title, body: inner, tone, .. } => {
                    let b = self.sidebar(title, inner, tone.as_ref(), &bpath, q);
                    body.push(b);
                }
            }
        }
        body
    }

    /// Whether a quote's `style` asks for a pull quote: `pull` (any case,
    /// around spaces); anything else is reported, and the quote stays in
    /// the column.
    fn quote_style(&mut self, style: &model::Spanned<String>, path: &str) -> bool {
        let pull = style.value.trim().eq_ignore_ascii_case("pull");
        if !pull {
            self.error(style.span, path, format!("unknown quote style `{}`", style.value.trim()), "write `style: pull` for a pull quote, or leave `style` out for a quote in the column");
        }
        pull
    }
}
