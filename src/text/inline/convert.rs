//! Reading Markdown: pulldown-cmark's events become styled paragraphs and
//! blocks (headings, lists, quotes, images), with pasted HTML applied or
//! listed as dropped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::html::{HtmlPiece, TagMeaning, html_pieces, tag_meaning};
use super::{Dropped, Emphasis, MdBlock, Quotes, StyledText, autolink, decode_entities, smarten};

/// What a container being read collects its text into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Paragraph,
    Heading,
    Code { indented: bool },
}

/// Turns pulldown-cmark's events into styled paragraphs and blocks.
pub(super) struct Conv<'q> {
    quotes: &'q Quotes,
    blocks_allowed: bool,
    pub(super) blocks: Vec<MdBlock>,
    pub(super) dropped: Vec<Dropped>,
    cur: StyledText,
    open: Open,
    bold: u32,
    italic: u32,
    link: Option<String>,
    prev: Option<char>,
    /// The outermost open list and how deep lists are nested.
    list: Option<(Option<u64>, Vec<StyledText>)>,
    list_depth: u32,
    /// The outermost open quote and how deep quotes are nested.
    quote: Option<Vec<StyledText>>,
    quote_depth: u32,
    /// Images met inside a list or quote, set after it.
    later: Vec<MdBlock>,
    /// The image being read: src, caption, offset, and its alt text so far.
    image: Option<(String, String, usize, String)>,
}

impl<'q> Conv<'q> {
    pub(super) fn new(quotes: &'q Quotes, blocks_allowed: bool) -> Self {
        Conv {
            quotes,
            blocks_allowed,
            blocks: Vec::new(),
            dropped: Vec::new(),
            cur: StyledText::default(),
            open: Open::Paragraph,
            bold: 0,
            italic: 0,
            link: None,
            prev: None,
            list: None,
            list_depth: 0,
            quote: None,
            quote_depth: 0,
            later: Vec::new(),
            image: None,
        }
    }

    fn emph(&self) -> Emphasis {
        Emphasis { bold: self.bold > 0, italic: self.italic > 0, code: false }
    }

    fn text(&mut self, t: &str) {
        if let Some(img) = &mut self.image {
            img.3.push_str(t);
            return;
        }
        let s = smarten(t, &mut self.prev, self.quotes);
        let e = self.emph();
        self.cur.push(&s, e, self.link.as_deref());
    }

    /// Ends the text being collected and files it where it belongs.
    fn flush(&mut self) {
        let mut t = std::mem::take(&mut self.cur);
        self.prev = None;
        autolink(&mut t);
        if t.is_blank() {
            return;
        }
        if let Some((_, entries)) = &mut self.list {
            match entries.last_mut() {
                // A second paragraph of an entry goes on a new line of it.
                Some(e) if !e.text.is_empty() => {
                    e.push("\n", Emphasis::default(), None);
                    for sp in t.spans {
                        e.push(&t.text[sp.range.clone()], sp.emphasis, sp.link.as_deref());
                    }
                }
                Some(e) => *e = t,
                None => entries.push(t),
            }
        } else if let Some(q) = &mut self.quote {
            q.push(t);
        } else if self.open == Open::Heading {
            self.blocks.push(MdBlock::Heading(t));
        } else {
            self.blocks.push(MdBlock::Paragraph(t));
        }
    }

    pub(super) fn run(&mut self, src: &str) {
        let parser = Parser::new_ext(src, Options::empty()).into_offset_iter();
        for (event, range) in parser {
            self.event(event, range.start, src);
        }
        self.flush();
        self.blocks.append(&mut self.later);
    }

    fn event(&mut self, event: Event<'_>, at: usize, src: &str) {
        match event {
            Event::Start(Tag::Paragraph) => {
                self.flush();
                self.open = Open::Paragraph;
            }
            Event::Start(Tag::Heading { .. }) => {
                self.flush();
                self.open = Open::Heading;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.flush();
                self.open = Open::Code { indented: matches!(kind, pulldown_cmark::CodeBlockKind::Indented) };
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                self.flush();
                self.open = Open::Paragraph;
            }
            Event::Start(Tag::List(start)) => {
                self.flush();
                self.list_depth += 1;
                if self.list.is_none() && self.quote.is_none() {
                    self.list = Some((start, Vec::new()));
                }
            }
            Event::End(TagEnd::List(_)) => {
                self.flush();
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.list_depth == 0 {
                    if let Some((start, entries)) = self.list.take() {
                        let entries: Vec<StyledText> = entries.into_iter().filter(|e| !e.is_blank()).collect();
                        if !entries.is_empty() {
                            self.blocks.push(MdBlock::List { start, entries });
                        }
                        self.blocks.append(&mut self.later);
                    }
                }
            }
            Event::Start(Tag::Item) => {
                self.flush();
                if let Some((_, entries)) = &mut self.list {
                    entries.push(StyledText::default());
                }
            }
            Event::End(TagEnd::Item) => self.flush(),
            Event::Start(Tag::BlockQuote(_)) => {
                self.flush();
                self.quote_depth += 1;
                if self.quote.is_none() && self.list.is_none() {
                    self.quote = Some(Vec::new());
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
                if self.quote_depth == 0 {
                    if let Some(q) = self.quote.take() {
                        if !q.is_empty() {
                            self.blocks.push(MdBlock::Quote(q));
                        }
                        self.blocks.append(&mut self.later);
                    }
                }
            }
            Event::Rule => self.flush(),
            Event::Start(Tag::Image { dest_url, title, .. }) if self.blocks_allowed => {
                self.image = Some((dest_url.to_string(), title.to_string(), at, String::new()));
            }
            Event::End(TagEnd::Image) => {
                if let Some((src, caption, at, alt)) = self.image.take() {
                    let img = MdBlock::Image { src, alt: alt.trim().to_string(), caption, at };
                    if self.list.is_some() || self.quote.is_some() {
                        self.later.push(img);
                    } else {
                        // The figure stands between the text before and after it.
                        let open = self.open;
                        self.flush();
                        self.blocks.push(img);
                        self.open = open;
                    }
                }
            }
            Event::Start(Tag::Emphasis) => self.italic += 1,
            Event::End(TagEnd::Emphasis) => self.italic = self.italic.saturating_sub(1),
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => self.link = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => self.link = None,
            Event::Text(t) => {
                if let Open::Code { indented } = self.open {
                    // Indented text pasted into a body is text, not code.
                    let t = if indented { t.replace('\n', " ") } else { t.trim_end_matches('\n').to_string() };
                    self.text(&t);
                } else {
                    self.text(&t);
                }
            }
            Event::Code(t) => {
                let e = Emphasis { code: true, ..self.emph() };
                self.cur.push(&t, e, self.link.as_deref());
                self.prev = t.chars().last();
            }
            Event::Html(t) | Event::InlineHtml(t) => self.html(&t, at, src),
            Event::SoftBreak => {
                let e = self.emph();
                self.cur.push(" ", e, self.link.as_deref());
                self.prev = Some(' ');
            }
            Event::HardBreak => {
                let e = self.emph();
                self.cur.push("\n", e, self.link.as_deref());
                self.prev = Some(' ');
            }
            _ => {}
        }
    }

    /// HTML as pasted from a CMS or a word processor: the tags that have a
    /// meaning here are applied, every other one is dropped and listed;
    /// text between tags is kept, with its entities decoded.
    fn html(&mut self, t: &str, at: usize, src: &str) {
        // `at` is where the event starts; an HTML block may begin with blanks.
        let base = src.get(at..).and_then(|rest| rest.find(t.trim_start()).map(|i| at + i)).unwrap_or(at);
        let t = t.trim_start();
        for piece in html_pieces(t) {
            match piece {
                HtmlPiece::Text(s) => {
                    let s = decode_entities(&s.replace('\n', " "));
                    self.text(&s);
                }
                HtmlPiece::Tag(tag, off) => match tag_meaning(tag) {
                    TagMeaning::Bold(open) => self.bold = if open { self.bold + 1 } else { self.bold.saturating_sub(1) },
                    TagMeaning::Italic(open) => self.italic = if open { self.italic + 1 } else { self.italic.saturating_sub(1) },
                    TagMeaning::Break => {
                        let e = self.emph();
                        self.cur.push("\n", e, self.link.as_deref());
                        self.prev = Some(' ');
                    }
                    TagMeaning::Paragraph => self.flush(),
                    TagMeaning::Link(href) => self.link = href,
                    TagMeaning::Other => self.dropped.push(Dropped { at: base + off, tag: tag.to_string() }),
                },
            }
        }
    }
}
