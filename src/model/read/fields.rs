//! The walk of the YAML tree: each field of each mapping read into its
//! model type, with every problem collected as a diagnostic.

use marked_yaml::Node;

use super::{describe, is_null, key_span, span_of, suggestion};
use crate::diag::{Diagnostic, Span};
use crate::model::{Block, Brochure, FontSpec, Gallery, Image, Item, Link, MarginSpec, PageSpec, Spanned, Theme};

/// Walks the YAML tree, collecting diagnostics.
pub(super) struct Reader {
    pub(super) diags: Vec<Diagnostic>,
}

/// A mapping whose keys have been checked against the allowed names.
struct Fields<'a> {
    map: &'a marked_yaml::types::MarkedMappingNode,
    path: String,
}

impl<'a> Fields<'a> {
    /// The value of `key`; YAML's null (`null`, `~` or nothing) is "not given".
    fn get(&self, key: &str) -> Option<&'a Node> {
        self.map.get_node(key).filter(|n| !is_null(n))
    }
    /// The value of `key` as written, null included (for the fields where
    /// an empty value has a meaning of its own, as `footer:` for none).
    fn raw(&self, key: &str) -> Option<&'a Node> {
        self.map.get_node(key)
    }
    fn sub(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }
}

impl Reader {
    fn err(&mut self, node: &Node, path: &str, msg: impl Into<String>, hint: &str) {
        let mut d = Diagnostic::error(span_of(node), path, msg);
        if !hint.is_empty() {
            d = d.with_hint(hint);
        }
        self.diags.push(d);
    }

    /// Checks that `node` is a mapping with only `allowed` keys and all `required` ones.
    fn fields<'a>(&mut self, node: &'a Node, path: &str, what: &str, allowed: &[&str], required: &[&str]) -> Option<Fields<'a>> {
        let Some(map) = node.as_mapping() else {
            self.err(node, path, format!("expected {what}, found {}", describe(node)), "");
            return None;
        };
        // A required field written under another name is reported once, as
        // the unknown name with its fix, not also as missing.
        let mut meant: Vec<&str> = Vec::new();
        for key in map.keys() {
            let name = key.as_str();
            if !allowed.contains(&name) {
                let span = key.span().start().map(|m| Span { line: m.line() as u32, col: m.column() as u32, len: name.chars().count().max(1) as u32 });
                let full = if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
                if name.contains(' ') {
                    // `- The agenda: a tour`: a text with `: ` read as a field.
                    let dash = if map.len() == 1 { "- " } else { "" };
                    self.diags.push(
                        Diagnostic::error(span, path, format!("a `: ` inside a text (YAML reads `{name}` as a field name)"))
                            .with_hint(format!(
                                "write `{dash}>-` and the text on the next line, indented further: a `>-` text may hold `: ` (as `brochure new` shows)"
                            ))
                            .with_hint("or put the whole text in quotes"),
                    );
                    continue;
                }
                let mut d = Diagnostic::error(span, full, format!("unknown field `{name}`"));
                if let Some(s) = suggestion(name, allowed) {
                    d = d.with_hint(format!("did you mean `{s}`?"));
                    meant.push(s);
                }
                d = d.with_hint(format!("allowed here: {}", allowed.join(", ")));
                self.diags.push(d);
            }
        }
        for req in required {
            match map.get_node(req) {
                None if meant.contains(req) => {}
                None => self.err(node, path, format!("missing field `{req}`"), &format!("add `{req}: …` to {what}")),
                Some(n) if is_null(n) => {
                    let full = if path.is_empty() { req.to_string() } else { format!("{path}.{req}") };
                    self.diags.push(
                        Diagnostic::error(key_span(map, req), full, format!("`{req}` is required (it has no value)"))
                            .with_hint(format!("write the {} after `{req}:`", req.replace('_', " "))),
                    );
                }
                Some(_) => {}
            }
        }
        Some(Fields { map, path: path.to_string() })
    }

    /// A text value. Empty text is an error for required fields.
    fn text(&mut self, node: &Node, path: &str) -> Option<Spanned<String>> {
        match node {
            Node::Scalar(s) => Some(Spanned { value: s.as_str().to_string(), span: span_of(node) }),
            _ => {
                self.err(
                    node,
                    path,
                    format!("expected text, found {}", describe(node)),
                    "put the text on the same line after the colon, or use `|` for several lines",
                );
                None
            }
        }
    }

    fn opt_text(&mut self, f: &Fields<'_>, key: &str) -> Option<Spanned<String>> {
        // `key:` with nothing after it means "not given", as in YAML's null.
        let node = f.get(key)?;
        self.text(node, &f.sub(key))
    }

    fn req_text(&mut self, f: &Fields<'_>, key: &str) -> Spanned<String> {
        let Some(node) = f.get(key) else { return Spanned::default() };
        let path = f.sub(key);
        match self.text(node, &path) {
            Some(t) if t.value.trim().is_empty() => {
                self.err(node, &path, format!("`{key}` is empty"), &format!("write the {key} after `{key}:`"));
                t
            }
            Some(t) => t,
            None => Spanned::default(),
        }
    }

    pub(super) fn brochure(&mut self, root: &Node) -> Option<Brochure> {
        const TOP: &[&str] = &["title", "subtitle", "publisher", "date", "language", "intro", "cover", "items", "closing", "theme"];
        let f = self.fields(root, "", "the brochure", TOP, &["title", "items"])?;
        let mut b = Brochure {
            title: self.req_text(&f, "title"),
            subtitle: self.opt_text(&f, "subtitle"),
            publisher: self.opt_text(&f, "publisher"),
            date: self.opt_text(&f, "date"),
            language: self.opt_text(&f, "language"),
            intro: self.opt_text(&f, "intro"),
            closing: self.opt_text(&f, "closing"),
            ..Brochure::default()
        };
        if let Some(cover) = f.get("cover") {
            if cover.as_scalar().is_some() {
                self.err(cover, "cover", "expected the cover's fields, found text", "write `cover: {image: images/cover.jpg}`");
            } else if let Some(cf) = self.fields(cover, "cover", "the cover", &["image"], &["image"]) {
                b.cover = cf.get("image").and_then(|n| self.image(n, "cover.image"));
            }
        }
        if let Some(items) = f.get("items") {
            match items.as_sequence() {
                Some(seq) if seq.is_empty() => self.err(items, "items", "the brochure has no items", "add at least one item: `- title: …`"),
                Some(seq) => {
                    // Items are read in parallel, each with a reader of its
                    // own, and their problems told in the items' order.
                    use rayon::prelude::*;
                    let read: Vec<(Option<Item>, Vec<Diagnostic>)> = seq
                        .par_iter()
                        .enumerate()
                        .with_min_len(32)
                        .map(|(i, node)| {
                            let mut r = Reader { diags: Vec::new() };
                            (r.item(node, &format!("items[{i}]")), r.diags)
                        })
                        .collect();
                    for (item, mut diags) in read {
                        b.items.extend(item);
                        self.diags.append(&mut diags);
                    }
                }
                None => self.err(
                    items,
                    "items",
                    format!("expected a list of items, found {}", describe(items)),
                    "write each item on a line starting with `- title: …`",
                ),
            }
        }
        if let Some(theme) = f.get("theme") {
            b.theme = self.theme(theme).unwrap_or_default();
        }
        Some(b)
    }

    fn item(&mut self, node: &Node, path: &str) -> Option<Item> {
        const ITEM: &[&str] = &["title", "date", "location", "language", "image", "summary", "body", "links", "tags", "qr", "drop_cap"];
        let f = self.fields(node, path, "an item", ITEM, &["title", "body"])?;
        let mut item = Item {
            title: self.req_text(&f, "title"),
            date: self.opt_text(&f, "date"),
            location: self.opt_text(&f, "location"),
            language: self.opt_text(&f, "language"),
            summary: self.opt_text(&f, "summary"),
            qr: self.opt_text(&f, "qr"),
            drop_cap: self.opt_text(&f, "drop_cap"),
            ..Item::default()
        };
        item.image = f.get("image").and_then(|n| self.image(n, &f.sub("image")));
        if let Some(body) = f.get("body") {
            let bpath = f.sub("body");
            match body {
                Node::Scalar(_) => {
                    if let Some(t) = self.text(body, &bpath) {
                        if t.value.trim().is_empty() {
                            self.err(body, &bpath, "the body is empty", "write the item's text after `body:`");
                        }
                        item.body.push(Block::Paragraph(t));
                    }
                }
                Node::Sequence(seq) => {
                    if seq.is_empty() {
                        self.err(body, &bpath, "the body is empty", "write the item's text after `body:`");
                    }
                    for (i, b) in seq.iter().enumerate() {
                        if let Some(block) = self.block(b, &format!("{bpath}[{i}]")) {
                            item.body.push(block);
                        }
                    }
                }
                Node::Mapping(_) => {
                    self.err(body, &bpath, "expected text or a list of blocks, found a set of fields", "start each block with `- `");
                }
            }
        }
        if let Some(links) = f.get("links") {
            let lpath = f.sub("links");
            if let Some(seq) = self.list(links, &lpath) {
                for (i, l) in seq.iter().enumerate() {
                    let p = format!("{lpath}[{i}]");
                    if let Node::Scalar(s) = l {
                        // A bare address, as pasted from a browser.
                        let text = s.as_str().trim();
                        let url = if text.contains("://") || text.starts_with("mailto:") { text } else { "https://…" };
                        let mut d = Diagnostic::error(span_of(l), p, "expected a link, found text (a link has words to show and an address)");
                        d = d.with_hint(format!(
                            "write it in the `{{text, url}}` form: `- {{text: Read more, url: {url}}}`, or `text:` and `url:` on two lines"
                        ));
                        self.diags.push(d);
                        continue;
                    }
                    if let Some(lf) = self.fields(l, &p, "a link", &["text", "url"], &["text", "url"]) {
                        item.links.push(Link { text: self.req_text(&lf, "text"), url: self.req_text(&lf, "url") });
                    }
                }
            }
        }
        if let Some(tags) = f.get("tags") {
            let tpath = f.sub("tags");
            if let Some(seq) = self.list(tags, &tpath) {
                for (i, t) in seq.iter().enumerate() {
                    if is_null(t) {
                        continue;
                    }
                    if let Some(t) = self.text(t, &format!("{tpath}[{i}]")) {
                        item.tags.push(t);
                    }
                }
            }
        }
        Some(item)
    }

    fn list<'a>(&mut self, node: &'a Node, path: &str) -> Option<&'a marked_yaml::types::MarkedSequenceNode> {
        let seq = node.as_sequence();
        if seq.is_none() {
            self.err(node, path, format!("expected a list, found {}", describe(node)), "write each entry on its own line starting with `- `");
        }
        seq
    }

    fn block(&mut self, node: &Node, path: &str) -> Option<Block> {
        const KINDS: &[&str] = &["quote", "heading", "image", "list", "box", "gallery"];
        const KEYS: &[&str] = &["quote", "by", "style", "heading", "image", "list", "box", "gallery"];
        match node {
            Node::Scalar(_) => {
                let t = self.text(node, path)?;
                if t.value.trim().is_empty() {
                    self.err(node, path, "the paragraph is empty", "write its text, or remove the line");
                    return None;
                }
                Some(Block::Paragraph(t))
            }
            Node::Sequence(_) => {
                self.err(node, path, "expected a paragraph or a block, found a list", "a list block is written `- list: [...]`");
                None
            }
            Node::Mapping(map) => {
                let f = self.fields(node, path, "a block", KEYS, &[])?;
                let kinds: Vec<&str> = KINDS.iter().copied().filter(|k| map.get_node(k).is_some()).collect();
                match kinds.as_slice() {
                    [] => {
                        // Unknown keys were reported already; only say more when there were none.
                        if map.keys().all(|k| KEYS.contains(&k.as_str())) {
                            self.err(
                                node,
                                path,
                                "a block needs one of `quote`, `heading`, `image`, `list`, `box` or `gallery`",
                                "a plain paragraph is written as text, without a field name",
                            );
                        }
                        None
                    }
                    [kind] if map.get_node(kind).is_some_and(is_null) => {
                        // A script's "no image here": left out, and said so.
                        self.diags.push(
                            Diagnostic::warning(key_span(map, kind), f.sub(kind), format!("the `{kind}` block has no value; it is left out"))
                                .with_hint(format!("write the {kind} after `{kind}:`, or remove the block")),
                        );
                        None
                    }
                    [kind] => {
                        for key in ["by", "style"] {
                            if *kind != "quote" && map.get_node(key).is_some() {
                                self.diags.push(
                                    Diagnostic::error(key_span(map, key), f.sub(key), format!("`{key}` belongs to a quote"))
                                        .with_hint(format!("remove `{key}`, or make this block a `quote:`")),
                                );
                            }
                        }
                        match *kind {
                            "quote" => Some(Block::Quote { quote: self.req_text(&f, "quote"), by: self.opt_text(&f, "by"), style: self.opt_text(&f, "style") }),
                            "heading" => Some(Block::Heading(self.req_text(&f, "heading"))),
                            "image" => f.get("image").and_then(|n| self.image(n, &f.sub("image"))).map(Block::Image),
                            "gallery" => f.get("gallery").and_then(|n| self.gallery(n, &f.sub("gallery"), key_span(map, "gallery"))).map(Block::Gallery),
                            "box" => f.get("box").and_then(|n| self.sidebar(n, &f.sub("box"), key_span(map, "box"))),
                            _ => {
                                let n = f.get("list")?;
                                let lpath = f.sub("list");
                                let seq = self.list(n, &lpath)?;
                                let entries: Vec<_> = seq.iter().enumerate().filter_map(|(i, e)| self.text(e, &format!("{lpath}[{i}]"))).collect();
                                if entries.is_empty() {
                                    self.err(n, &lpath, "the list is empty", "add entries, each on a line starting with `- `");
                                }
                                Some(Block::List(entries))
                            }
                        }
                    }
                    _ => {
                        let both = kinds.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and ");
                        self.err(
                            node,
                            path,
                            format!("this block is both {both}; a block is one kind only"),
                            "split it into separate blocks, each starting with `- `",
                        );
                        None
                    }
                }
            }
        }
    }

    /// A box: `{title, body, tone}`, its body a text or a list of blocks
    /// (no box inside a box).
    fn sidebar(&mut self, node: &Node, path: &str, at: Option<Span>) -> Option<Block> {
        if node.as_scalar().is_some() {
            self.err(node, path, "expected the box's fields, found text", "write `box: {title: Key facts, body: …}`");
            return None;
        }
        let f = self.fields(node, path, "a box", &["title", "body", "tone"], &["title", "body"])?;
        let title = self.req_text(&f, "title");
        let tone = self.opt_text(&f, "tone");
        let mut body = Vec::new();
        if let Some(n) = f.get("body") {
            let bpath = f.sub("body");
            match n {
                Node::Scalar(_) => {
                    if let Some(t) = self.text(n, &bpath) {
                        if t.value.trim().is_empty() {
                            self.err(n, &bpath, "the box's body is empty", "write the box's text after `body:`");
                        } else {
                            body.push(Block::Paragraph(t));
                        }
                    }
                }
                Node::Sequence(seq) => {
                    if seq.is_empty() {
                        self.err(n, &bpath, "the box's body is empty", "write the box's text after `body:`, or its blocks each on a line starting with `- `");
                    }
                    for (i, b) in seq.iter().enumerate() {
                        let p = format!("{bpath}[{i}]");
                        if let Some(m) = b.as_mapping().filter(|m| m.get_node("box").is_some()) {
                            self.diags.push(
                                Diagnostic::error(key_span(m, "box"), format!("{p}.box"), "a box cannot hold another box")
                                    .with_hint("put the inner box after this one, in the item's body"),
                            );
                            continue;
                        }
                        if let Some(block) = self.block(b, &p) {
                            body.push(block);
                        }
                    }
                }
                Node::Mapping(_) => self.err(n, &bpath, "expected text or a list of blocks, found a set of fields", "start each block with `- `"),
            }
        }
        Some(Block::Box { title, body, tone, span: at })
    }

    fn image(&mut self, node: &Node, path: &str) -> Option<Image> {
        match node {
            Node::Scalar(_) => {
                let src = self.text(node, path)?;
                if src.value.trim().is_empty() {
                    self.err(node, path, "the image path is empty", "write the path of a JPEG or PNG file");
                    return None;
                }
                Some(Image { src, ..Image::default() })
            }
            _ => {
                let f = self.fields(node, path, "an image", &["src", "credit", "caption", "alt", "width", "float", "focus"], &["src"])?;
                Some(Image {
                    src: self.req_text(&f, "src"),
                    credit: self.opt_text(&f, "credit"),
                    caption: self.opt_text(&f, "caption"),
                    alt: f.get("alt").and_then(|n| self.text(n, &f.sub("alt"))),
                    width: self.opt_text(&f, "width"),
                    focus: f.get("focus").and_then(|n| self.focus(n, &f.sub("focus"))),
                    float: self.opt_text(&f, "float"),
                    bytes: None,
                })
            }
        }
    }

    /// `focus: [x, y]`: the shape here (a list of two numbers), their
    /// range when the image is resolved.
    fn focus(&mut self, node: &Node, path: &str) -> Option<Spanned<Vec<Spanned<String>>>> {
        let hint = "write where the picture's subject is, from its top-left corner, each 0–1: `focus: [0.5, 0.3]`";
        let Some(seq) = node.as_sequence() else {
            self.err(node, path, format!("expected `[x, y]`, found {}", describe(node)), hint);
            return None;
        };
        if seq.len() != 2 || seq.iter().any(|n| n.as_scalar().is_none()) {
            self.err(node, path, format!("expected two numbers `[x, y]`, found a list of {}", seq.len()), hint);
            return None;
        }
        let values = seq.iter().enumerate().filter_map(|(i, n)| self.text(n, &format!("{path}[{i}]"))).collect();
        Some(Spanned { value: values, span: span_of(node) })
    }

    /// `gallery:` as a list of images or as `{images, caption, width}`.
    fn gallery(&mut self, node: &Node, path: &str, span: Option<Span>) -> Option<Gallery> {
        let mut g = Gallery { span, ..Gallery::default() };
        let (list, lpath) = match node {
            Node::Sequence(seq) => (seq, path.to_string()),
            Node::Mapping(_) => {
                let f = self.fields(node, path, "a gallery", &["images", "caption", "width"], &["images"])?;
                g.caption = self.opt_text(&f, "caption");
                g.width = self.opt_text(&f, "width");
                let n = f.get("images")?;
                let lpath = f.sub("images");
                (self.list(n, &lpath)?, lpath)
            }
            Node::Scalar(_) => {
                self.err(node, path, "expected a list of images, found text", "write `gallery: [images/a.jpg, images/b.jpg]`, 2 to 6 images");
                return None;
            }
        };
        if !(2..=6).contains(&list.len()) {
            let n = list.len();
            let (what, hint) = if n < 2 {
                (format!("a gallery needs 2 to 6 images (it has {n})"), "add an image, or write a single one as `- image: …`")
            } else {
                (format!("a gallery holds 2 to 6 images (it has {n})"), "split it into two galleries, or leave some images out")
            };
            let at = match node {
                Node::Mapping(_) => key_span(node.as_mapping()?, "images"),
                _ => span,
            };
            self.diags.push(Diagnostic::error(at.or_else(|| span_of(node)), lpath.clone(), what).with_hint(hint));
        }
        for (i, n) in list.iter().enumerate() {
            if let Some(img) = self.image(n, &format!("{lpath}[{i}]")) {
                g.images.push(img);
            }
        }
        Some(g)
    }

    fn theme(&mut self, node: &Node) -> Option<Theme> {
        const THEME: &[&str] = &[
            "page",
            "margins",
            "columns",
            "gutter",
            "base_size",
            "fonts",
            "colors",
            "date_format",
            "order",
            "toc",
            "item_start",
            "header",
            "footer",
            "bleed",
            "crop_marks",
            "keep_lines",
            "image_dpi",
            "labels",
            "digits",
            "output_profile",
            "qr_codes",
            "max_figure_height",
            "pages",
            "page_multiple",
            "kashida",
            "drop_cap",
        ];
        let f = self.fields(node, "theme", "the theme", THEME, &[])?;
        let mut t = Theme {
            columns: self.opt_text(&f, "columns"),
            gutter: self.opt_text(&f, "gutter"),
            base_size: self.opt_text(&f, "base_size"),
            date_format: self.opt_text(&f, "date_format"),
            order: self.opt_text(&f, "order"),
            toc: self.opt_text(&f, "toc"),
            item_start: self.opt_text(&f, "item_start"),
            header: self.opt_text(&f, "header"),
            footer: f.raw("footer").and_then(|n| self.text(n, "theme.footer")),
            bleed: self.opt_text(&f, "bleed"),
            crop_marks: self.opt_text(&f, "crop_marks"),
            keep_lines: self.opt_text(&f, "keep_lines"),
            image_dpi: self.opt_text(&f, "image_dpi"),
            digits: self.opt_text(&f, "digits"),
            output_profile: self.opt_text(&f, "output_profile"),
            qr_codes: self.opt_text(&f, "qr_codes"),
            max_figure_height: self.opt_text(&f, "max_figure_height"),
            pages: self.opt_text(&f, "pages"),
            page_multiple: self.opt_text(&f, "page_multiple"),
            kashida: self.opt_text(&f, "kashida"),
            drop_cap: self.opt_text(&f, "drop_cap"),
            ..Theme::default()
        };
        if let Some(page) = f.get("page") {
            t.page = match page {
                Node::Mapping(_) => self
                    .fields(page, "theme.page", "a page size", &["width", "height"], &["width", "height"])
                    .map(|pf| PageSpec::Size { width: self.req_text(&pf, "width"), height: self.req_text(&pf, "height") }),
                _ => self.text(page, "theme.page").map(PageSpec::Named),
            };
        }
        if let Some(m) = f.get("margins") {
            t.margins = match m {
                Node::Mapping(_) => self.fields(m, "theme.margins", "margins", &["top", "bottom", "inside", "outside"], &[]).map(|mf| MarginSpec::Sides {
                    top: self.opt_text(&mf, "top"),
                    bottom: self.opt_text(&mf, "bottom"),
                    inside: self.opt_text(&mf, "inside"),
                    outside: self.opt_text(&mf, "outside"),
                }),
                _ => self.text(m, "theme.margins").map(MarginSpec::All),
            };
        }
        if let Some(fonts) = f.get("fonts") {
            if let Some(ff) = self.fields(fonts, "theme.fonts", "fonts", &["body", "heading"], &[]) {
                t.body_font = ff.get("body").and_then(|n| self.font(n, "theme.fonts.body"));
                t.heading_font = ff.get("heading").and_then(|n| self.font(n, "theme.fonts.heading"));
            }
        }
        if let Some(colors) = f.get("colors") {
            if let Some(cf) = self.fields(colors, "theme.colors", "colours", &["text", "accent", "muted"], &[]) {
                t.text_color = self.opt_text(&cf, "text");
                t.accent_color = self.opt_text(&cf, "accent");
                t.muted_color = self.opt_text(&cf, "muted");
            }
        }
        if let Some(labels) = f.get("labels") {
            if let Some(lf) = self.fields(labels, "theme.labels", "labels", &["contents", "image_credit", "images_credit", "more_information"], &[]) {
                t.label_contents = self.opt_text(&lf, "contents");
                t.label_image_credit = self.opt_text(&lf, "image_credit");
                t.label_images_credit = self.opt_text(&lf, "images_credit");
                t.label_more_information = self.opt_text(&lf, "more_information");
            }
        }
        Some(t)
    }

    fn font(&mut self, node: &Node, path: &str) -> Option<FontSpec> {
        match node {
            Node::Mapping(_) => {
                let f = self.fields(node, path, "font files", &["regular", "bold", "italic", "bold_italic"], &["regular"])?;
                Some(FontSpec::Files {
                    regular: self.req_text(&f, "regular"),
                    bold: self.opt_text(&f, "bold"),
                    italic: self.opt_text(&f, "italic"),
                    bold_italic: self.opt_text(&f, "bold_italic"),
                })
            }
            _ => self.text(node, path).map(FontSpec::Family),
        }
    }
}
