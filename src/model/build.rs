//! Builders for a brochure made in code (brochure, item, image, link) and
//! [`Brochure::check`], the reader's checks for a model that skipped it.

use super::values::text;
use super::{Block, Brochure, Gallery, Image, ImageBytes, Item, Link, Spanned, Theme};
use crate::diag::Diagnostic;

impl Image {
    /// An image file (JPEG or PNG), relative to the folder given to
    /// [`crate::compile`] and inside it.
    pub fn file(path: impl Into<Spanned<String>>) -> Self {
        Image { src: path.into(), ..Image::default() }
    }
    /// An image the program has in memory, JPEG or PNG, at most 100 million
    /// pixels; `name` stands for it in messages (`failed to load image
    /// `name` (…)`). No file is read or written.
    ///
    /// ```
    /// use brochure::model::{Brochure, Image, Item};
    /// let png = std::fs::read("data/showcase/images/emblem.png").unwrap();
    /// let model = Brochure::new("Charts").item(Item::new("This week").image(Image::from_bytes("chart.png", png).alt("A chart")).paragraph("Text."));
    /// let out = brochure::compile(&model, std::path::Path::new("/nonexistent"), &Default::default()).unwrap();
    /// assert_eq!(out.pages, 1);
    /// ```
    pub fn from_bytes(name: impl Into<Spanned<String>>, bytes: impl Into<ImageBytes>) -> Self {
        Image { src: name.into(), bytes: Some(bytes.into()), ..Image::default() }
    }
    /// Credit line, printed "Image © …" under the image.
    #[must_use]
    pub fn credit(mut self, credit: impl Into<Spanned<String>>) -> Self {
        self.credit = Some(credit.into());
        self
    }
    /// Caption, Markdown.
    #[must_use]
    pub fn caption(mut self, caption: impl Into<Spanned<String>>) -> Self {
        self.caption = Some(caption.into());
        self
    }
    /// Text alternative for readers who cannot see it; `""` marks a
    /// decorative image.
    #[must_use]
    pub fn alt(mut self, alt: impl Into<Spanned<String>>) -> Self {
        self.alt = Some(alt.into());
        self
    }
    /// Across the whole page instead of one column (figures in the body).
    #[must_use]
    pub fn full_width(mut self) -> Self {
        self.width = text("full");
        self
    }
    /// An inset figure `share` of the column wide (25–60 %), at the `left`
    /// or `right` of the column, which the next paragraph wraps round.
    #[must_use]
    pub fn inset(mut self, side: &str, percent: u32) -> Self {
        self.float = text(side);
        self.width = text(&format!("{percent}%"));
        self
    }
    /// Where the picture's subject is, `x` and `y` from its top-left
    /// corner, each 0–1: where a crop (a gallery's cell) centres.
    #[must_use]
    pub fn focus(mut self, x: f32, y: f32) -> Self {
        self.focus = Some(Spanned::new(vec![Spanned::new(x.to_string()), Spanned::new(y.to_string())]));
        self
    }
}

impl Gallery {
    /// A gallery of 2 to 6 images, in a column.
    pub fn new(images: impl IntoIterator<Item = Image>) -> Self {
        Gallery { images: images.into_iter().collect(), ..Gallery::default() }
    }
    /// The caption under the grid and its credits.
    #[must_use]
    pub fn caption(mut self, caption: impl Into<Spanned<String>>) -> Self {
        self.caption = Some(caption.into());
        self
    }
    /// Across the whole page instead of one column.
    #[must_use]
    pub fn full_width(mut self) -> Self {
        self.width = text("full");
        self
    }
}

impl Link {
    /// A link: the words shown and the address.
    pub fn new(text: impl Into<Spanned<String>>, url: impl Into<Spanned<String>>) -> Self {
        Link { text: text.into(), url: url.into() }
    }
}

/// Builders for an item made in code; texts are Markdown.
///
/// ```
/// use brochure::model::{Item, Link};
/// let item = Item::new("We moved")
///     .date(chrono::NaiveDate::from_ymd_opt(2021, 3, 1).unwrap())
///     .paragraph("Our office is now *downtown*.")
///     .list(["Bus 12", "Tram 3"])
///     .link(Link::new("Map", "https://example.org/map"));
/// assert_eq!(item.date.unwrap().value, "2021-03-01");
/// assert_eq!(item.body.len(), 2);
/// ```
impl Item {
    /// An item with its title (not empty); it needs at least one body block.
    pub fn new(title: impl Into<Spanned<String>>) -> Self {
        Item { title: title.into(), ..Item::default() }
    }
    /// Date of the news.
    #[must_use]
    pub fn date(mut self, date: chrono::NaiveDate) -> Self {
        self.date = Some(date.into());
        self
    }
    /// Whether its first paragraph opens with a drop cap, instead of the
    /// theme's `drop_cap`.
    #[must_use]
    pub fn drop_cap(mut self, on: bool) -> Self {
        self.drop_cap = Some((if on { "true" } else { "false" }).into());
        self
    }
    /// Place of the news.
    #[must_use]
    pub fn location(mut self, place: impl Into<Spanned<String>>) -> Self {
        self.location = Some(place.into());
        self
    }
    /// BCP 47 language tag, when it differs from the brochure's.
    #[must_use]
    pub fn language(mut self, tag: impl Into<Spanned<String>>) -> Self {
        self.language = Some(tag.into());
        self
    }
    /// Lead image.
    #[must_use]
    pub fn image(mut self, image: Image) -> Self {
        self.image = Some(image);
        self
    }
    /// Standfirst.
    #[must_use]
    pub fn summary(mut self, text: impl Into<Spanned<String>>) -> Self {
        self.summary = Some(text.into());
        self
    }
    /// Adds a body block.
    #[must_use]
    pub fn block(mut self, block: Block) -> Self {
        self.body.push(block);
        self
    }
    /// Adds a paragraph (not empty).
    #[must_use]
    pub fn paragraph(self, text: impl Into<Spanned<String>>) -> Self {
        self.block(Block::Paragraph(text.into()))
    }
    /// Adds a sub-heading (not empty).
    #[must_use]
    pub fn heading(self, text: impl Into<Spanned<String>>) -> Self {
        self.block(Block::Heading(text.into()))
    }
    /// Adds a pull quote (not empty) and who said it.
    #[must_use]
    pub fn quote(self, quote: impl Into<Spanned<String>>, by: Option<&str>) -> Self {
        self.block(Block::Quote { quote: quote.into(), by: by.map(Into::into), style: None })
    }
    /// Adds a bulleted list (at least one entry).
    #[must_use]
    pub fn list<S: Into<Spanned<String>>>(self, entries: impl IntoIterator<Item = S>) -> Self {
        self.block(Block::List(entries.into_iter().map(Into::into).collect()))
    }
    /// Adds a figure.
    #[must_use]
    pub fn figure(self, image: Image) -> Self {
        self.block(Block::Image(image))
    }
    /// Adds a box (sidebar): its heading and its blocks, in the muted tone.
    ///
    /// ```
    /// use brochure::model::{Block, Item};
    /// let item = Item::new("Results").sidebar("Key facts", vec![Block::List(vec!["12 countries".into()])]).paragraph("Text.");
    /// assert_eq!(item.body.len(), 2);
    /// ```
    #[must_use]
    pub fn sidebar(self, title: impl Into<Spanned<String>>, body: Vec<Block>) -> Self {
        self.block(Block::Box { title: title.into(), body, tone: None, span: None })
    }
    /// Adds a gallery (2 to 6 images).
    ///
    /// ```
    /// use brochure::model::{Brochure, Gallery, Image, Item};
    /// let png = std::fs::read("data/showcase/images/emblem.png").unwrap();
    /// let pictures = [Image::from_bytes("a.png", png.clone()).alt("One"), Image::from_bytes("b.png", png).alt("Two").focus(0.5, 0.2)];
    /// let model = Brochure::new("Pictures").item(Item::new("A visit").gallery(Gallery::new(pictures).caption("Two views")));
    /// let out = brochure::compile(&model, std::path::Path::new("/nonexistent"), &Default::default()).unwrap();
    /// assert_eq!(out.pages, 1);
    /// ```
    #[must_use]
    pub fn gallery(self, gallery: Gallery) -> Self {
        self.block(Block::Gallery(gallery))
    }
    /// Adds a "More information" link.
    #[must_use]
    pub fn link(mut self, link: Link) -> Self {
        self.links.push(link);
        self
    }
    /// Adds a tag.
    #[must_use]
    pub fn tag(mut self, tag: impl Into<Spanned<String>>) -> Self {
        self.tags.push(tag.into());
        self
    }
}

/// Builders for a brochure made in code.
///
/// ```
/// use brochure::model::{Brochure, Item, Length, Theme};
/// let model = Brochure::new("Spring news")
///     .language("en")
///     .date(chrono::NaiveDate::from_ymd_opt(2021, 4, 1).unwrap())
///     .item(Item::new("We moved").paragraph("Our office is now *downtown*."))
///     .theme(Theme::default().columns(1).base_size(Length::pt(10.5)));
/// let out = brochure::compile(&model, std::path::Path::new("."), &Default::default()).unwrap();
/// assert_eq!((out.pages, out.items), (1, 1));
/// ```
impl Brochure {
    /// A brochure with its title (not empty); it needs at least one item.
    pub fn new(title: impl Into<Spanned<String>>) -> Self {
        Brochure { title: title.into(), ..Brochure::default() }
    }
    /// Subtitle.
    #[must_use]
    pub fn subtitle(mut self, text: impl Into<Spanned<String>>) -> Self {
        self.subtitle = Some(text.into());
        self
    }
    /// Publisher, printed on the title block and written as the PDF author.
    #[must_use]
    pub fn publisher(mut self, text: impl Into<Spanned<String>>) -> Self {
        self.publisher = Some(text.into());
        self
    }
    /// Edition date.
    #[must_use]
    pub fn date(mut self, date: chrono::NaiveDate) -> Self {
        self.date = Some(date.into());
        self
    }
    /// BCP 47 language tag (default `en`).
    #[must_use]
    pub fn language(mut self, tag: impl Into<Spanned<String>>) -> Self {
        self.language = Some(tag.into());
        self
    }
    /// Introduction, Markdown.
    #[must_use]
    pub fn intro(mut self, text: impl Into<Spanned<String>>) -> Self {
        self.intro = Some(text.into());
        self
    }
    /// Cover image: makes a cover page.
    #[must_use]
    pub fn cover(mut self, image: Image) -> Self {
        self.cover = Some(image);
        self
    }
    /// Adds an item.
    #[must_use]
    pub fn item(mut self, item: Item) -> Self {
        self.items.push(item);
        self
    }
    /// Closing text, Markdown.
    #[must_use]
    pub fn closing(mut self, text: impl Into<Spanned<String>>) -> Self {
        self.closing = Some(text.into());
        self
    }
    /// Design settings.
    #[must_use]
    pub fn theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    /// The checks the YAML reader makes on what it reads, made on this
    /// model: a title, at least one item, each with a title and a body, no
    /// empty paragraph, heading, quote, list, link or image path. Returns
    /// the problems, each with its field path; [`crate::compile`] refuses a
    /// model with any. A model [`parse`](super::parse) returned without errors has none.
    ///
    /// ```
    /// use brochure::model::{Brochure, Item};
    /// let problems = Brochure::new("").item(Item::new("News")).check();
    /// let lines: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    /// assert_eq!(lines, ["error: title: `title` is empty", "error: items[0].body: the body is empty"]);
    /// ```
    pub fn check(&self) -> Vec<Diagnostic> {
        let mut d = Vec::new();
        let mut empty = |v: &Spanned<String>, path: &str, msg: &str, hint: &str| {
            if v.value.trim().is_empty() {
                d.push(Diagnostic::error(v.span, path, msg).with_hint(hint));
            }
        };
        empty(&self.title, "title", "`title` is empty", "give the brochure a title: `Brochure::new(\"…\")`");
        let image = |img: &Image, path: &str, d: &mut Vec<Diagnostic>| {
            if img.bytes.is_none() && img.src.value.trim().is_empty() {
                d.push(
                    Diagnostic::error(img.src.span, format!("{path}.src"), "the image path is empty")
                        .with_hint("give the path of a JPEG or PNG file, or its bytes: `Image::from_bytes(name, bytes)`"),
                );
            }
        };
        if let Some(c) = &self.cover {
            image(c, "cover.image", &mut d);
        }
        if self.items.is_empty() {
            d.push(
                Diagnostic::error(None, "items", "the brochure has no items").with_hint("add at least one item: `.item(Item::new(\"…\").paragraph(\"…\"))`"),
            );
        }
        for (i, item) in self.items.iter().enumerate() {
            let p = format!("items[{i}]");
            let mut empty = |v: &Spanned<String>, path: String, msg: &str, hint: &str| {
                if v.value.trim().is_empty() {
                    d.push(Diagnostic::error(v.span, path, msg).with_hint(hint));
                }
            };
            empty(&item.title, format!("{p}.title"), "`title` is empty", "give the item a title: `Item::new(\"…\")`");
            for (j, l) in item.links.iter().enumerate() {
                empty(&l.text, format!("{p}.links[{j}].text"), "`text` is empty", "give the words to show: `Link::new(\"Read more\", url)`");
                empty(&l.url, format!("{p}.links[{j}].url"), "`url` is empty", "give the address the link leads to");
            }
            if let Some(img) = &item.image {
                image(img, &format!("{p}.image"), &mut d);
            }
            if item.body.is_empty() {
                d.push(Diagnostic::error(None, format!("{p}.body"), "the body is empty").with_hint("give the item its text: `.paragraph(\"…\")`"));
            }
            let mut blocks: Vec<(String, &Block)> = item.body.iter().enumerate().map(|(j, b)| (format!("{p}.body[{j}]"), b)).collect();
            let mut k = 0;
            while k < blocks.len() {
                let (bp, b) = blocks[k].clone();
                k += 1;
                if let Block::Box { body, .. } = b {
                    blocks.extend(body.iter().enumerate().map(|(j, b)| (format!("{bp}.box.body[{j}]"), b)));
                }
                let mut empty = |v: &Spanned<String>, path: String, msg: &str, hint: &str| {
                    if v.value.trim().is_empty() {
                        d.push(Diagnostic::error(v.span, path, msg).with_hint(hint));
                    }
                };
                match b {
                    Block::Paragraph(t) => empty(t, bp, "the paragraph is empty", "give its text, or leave the block out"),
                    Block::Heading(t) => empty(t, format!("{bp}.heading"), "`heading` is empty", "give the heading's words, or leave the block out"),
                    Block::Quote { quote, .. } => empty(quote, format!("{bp}.quote"), "`quote` is empty", "give the quoted words, or leave the block out"),
                    Block::List(entries) if entries.is_empty() => {
                        d.push(Diagnostic::error(None, format!("{bp}.list"), "the list is empty").with_hint("give at least one entry, or leave the block out"));
                    }
                    Block::List(_) => {}
                    Block::Image(img) => image(img, &format!("{bp}.image"), &mut d),
                    Block::Gallery(g) => {
                        if !(2..=6).contains(&g.images.len()) {
                            d.push(
                                Diagnostic::error(g.span, format!("{bp}.gallery"), format!("a gallery holds 2 to 6 images (it has {})", g.images.len()))
                                    .with_hint("give 2 to 6 images, or a single one as a figure"),
                            );
                        }
                        for (k, img) in g.images.iter().enumerate() {
                            image(img, &format!("{bp}.gallery[{k}]"), &mut d);
                        }
                    }
                    Block::Box { title, body, span, .. } => {
                        empty(title, format!("{bp}.box.title"), "the box's `title` is empty", "give the box a heading, e.g. `Key facts`");
                        if body.is_empty() {
                            d.push(
                                Diagnostic::error(*span, format!("{bp}.box.body"), "the box's body is empty")
                                    .with_hint("give the box its text or blocks, or leave the box out"),
                            );
                        }
                    }
                }
            }
        }
        d
    }
}
