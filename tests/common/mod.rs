//! Reading a built PDF back for the tests: the text each page shows (through
//! the fonts' ToUnicode CMaps and `/ActualText` spans), where each glyph
//! sits on the page and where each image is drawn.
//!
//! lopdf 0.38 cannot parse the ToUnicode CMaps krilla writes
//! (`ToUnicodeCMap(Parse(Error))`), so `Document::extract_text` is of no
//! use; the small decoder below reads them. Only what krilla emits is
//! handled: `cm`, `q`/`Q`, `BT`/`ET`, `Tf`, `Tm`, `Td`, `Tz`, `Tj`, `TJ`,
//! marked content with `/ActualText` or `/ReversedChars` (right-to-left
//! glyphs drawn left to right: their texts are read in reverse), and form
//! XObjects.

#![allow(dead_code, reason = "each test file compiles its own copy and uses only part of it")]

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// The object itself, or what a reference points to.
pub fn deref<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    doc.dereference(obj).map(|(_, o)| o).unwrap_or(obj)
}

/// A dictionary, or a stream's dictionary.
pub fn dict<'a>(doc: &'a Document, obj: &'a Object) -> &'a Dictionary {
    match deref(doc, obj) {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        other => panic!("expected a dictionary, found {other:?}"),
    }
}

/// The name stored under `key`, if there is one.
pub fn name_of(d: &Dictionary, key: &[u8]) -> Option<String> {
    d.get(key).ok().and_then(|o| o.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned())
}

/// The code → text table of a font's ToUnicode CMap (bfchar and bfrange).
pub fn to_unicode(cmap: &[u8]) -> BTreeMap<u32, String> {
    let text = String::from_utf8_lossy(cmap);
    let mut map = BTreeMap::new();
    let hex = |t: &str| -> Vec<u8> {
        let t = t.trim_matches(|c| c == '<' || c == '>');
        (0..t.len() / 2).map(|i| u8::from_str_radix(&t[2 * i..2 * i + 2], 16).unwrap()).collect()
    };
    let code = |t: &str| hex(t).iter().fold(0u32, |c, b| c << 8 | u32::from(*b));
    let utf16 = |bytes: Vec<u8>| {
        let units: Vec<u16> = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        String::from_utf16_lossy(&units)
    };
    // Tokenise: hex strings, brackets, words.
    let mut chars = text.chars().peekable();
    let mut words: Vec<String> = Vec::new();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                let mut t = String::from("<");
                for d in chars.by_ref() {
                    t.push(d);
                    if d == '>' {
                        break;
                    }
                }
                words.push(t);
            }
            '[' | ']' => words.push(c.to_string()),
            '%' => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => {}
            c => {
                let mut t = String::from(c);
                while let Some(&d) = chars.peek() {
                    if d.is_whitespace() || d == '<' || d == '[' || d == ']' {
                        break;
                    }
                    t.push(d);
                    chars.next();
                }
                words.push(t);
            }
        }
    }
    let mut section = "";
    let mut tokens: Vec<String> = Vec::new();
    for w in words {
        match w.as_str() {
            "beginbfchar" => section = "char",
            "beginbfrange" => section = "range",
            "endbfchar" => {
                for pair in tokens.chunks(2) {
                    map.insert(code(&pair[0]), utf16(hex(&pair[1])));
                }
                tokens.clear();
                section = "";
            }
            "endbfrange" => {
                let mut i = 0;
                while i + 2 < tokens.len() {
                    let (lo, hi) = (code(&tokens[i]), code(&tokens[i + 1]));
                    if tokens[i + 2] == "[" {
                        let mut k = i + 3;
                        for c in lo..=hi {
                            map.insert(c, utf16(hex(&tokens[k])));
                            k += 1;
                        }
                        i = k + 1; // past "]"
                    } else {
                        let mut dst = hex(&tokens[i + 2]);
                        for c in lo..=hi {
                            map.insert(c, utf16(dst.clone()));
                            if let Some(last) = dst.last_mut() {
                                *last = last.wrapping_add(1);
                            }
                        }
                        i += 3;
                    }
                }
                tokens.clear();
                section = "";
            }
            _ if !section.is_empty() => tokens.push(w),
            _ => {}
        }
    }
    map
}

/// A font as far as reading text back cares: how wide its codes are, what
/// they mean and how far each advances (in 1/1000 of the size).
pub struct TextFont {
    /// Two-byte codes (a Type0 font) rather than one.
    pub two_byte: bool,
    /// Code → text.
    pub map: BTreeMap<u32, String>,
    /// Code → advance, 1/1000 of the font size.
    pub widths: BTreeMap<u32, f32>,
    /// Advance of codes not in `widths`.
    pub default_width: f32,
}

fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("expected a number, found {other:?}"),
    }
}

/// The advances of a font: `/W` of a Type0 font's descendant, or
/// `/FirstChar` and `/Widths` of a simple font.
fn widths(doc: &Document, font: &Dictionary) -> (BTreeMap<u32, f32>, f32) {
    let mut out = BTreeMap::new();
    if let Ok(d) = font.get(b"DescendantFonts") {
        let cid = dict(doc, &deref(doc, d).as_array().unwrap()[0]);
        let dw = cid.get(b"DW").map(number).unwrap_or(1000.0);
        if let Ok(w) = cid.get(b"W") {
            let w = deref(doc, w).as_array().unwrap();
            let mut i = 0;
            while i + 1 < w.len() {
                let first = number(&w[i]) as u32;
                match deref(doc, &w[i + 1]) {
                    Object::Array(list) => {
                        for (k, v) in list.iter().enumerate() {
                            out.insert(first + k as u32, number(v));
                        }
                        i += 2;
                    }
                    last => {
                        let (last, v) = (number(last) as u32, number(&w[i + 2]));
                        for c in first..=last {
                            out.insert(c, v);
                        }
                        i += 3;
                    }
                }
            }
        }
        return (out, dw);
    }
    let first = font.get(b"FirstChar").map(number).unwrap_or(0.0) as u32;
    if let Ok(w) = font.get(b"Widths") {
        for (k, v) in deref(doc, w).as_array().unwrap().iter().enumerate() {
            out.insert(first + k as u32, number(deref(doc, v)));
        }
    }
    (out, 0.0)
}

/// The fonts of a resource dictionary, by resource name.
pub fn text_fonts(doc: &Document, resources: &Dictionary) -> BTreeMap<Vec<u8>, TextFont> {
    let mut fonts = BTreeMap::new();
    let Ok(list) = resources.get(b"Font") else { return fonts };
    for (key, font) in dict(doc, list).iter() {
        let font = dict(doc, font);
        let two_byte = name_of(font, b"Subtype").as_deref() == Some("Type0");
        let map = match font.get(b"ToUnicode") {
            Ok(r) => {
                let stream = deref(doc, r).as_stream().expect("ToUnicode is a stream");
                to_unicode(&stream.decompressed_content().unwrap_or_else(|_| stream.content.clone()))
            }
            Err(_) => BTreeMap::new(),
        };
        let (widths, default_width) = widths(doc, font);
        fonts.insert(key.clone(), TextFont { two_byte, map, widths, default_width });
    }
    fonts
}

/// An affine transform `[a b c d e f]`, as PDF writes it.
#[derive(Clone, Copy, Debug)]
pub struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn from_operands(ops: &[Object]) -> Matrix {
        let v: Vec<f32> = ops.iter().map(number).collect();
        Matrix([v[0], v[1], v[2], v[3], v[4], v[5]])
    }

    /// `self` then `then` (PDF's `self × then`).
    fn then(self, then: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2])
    }

    fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }
}

/// A glyph as drawn: what it says and where, in PDF user space of the page
/// (y up, from the media box's origin).
#[derive(Clone, Debug)]
pub struct PlacedGlyph {
    /// The text its code maps to (`\u{FFFD}` when none).
    pub text: String,
    /// Baseline start.
    pub x0: f32,
    /// Baseline end (start + advance).
    pub x1: f32,
    /// Baseline height.
    pub y: f32,
    /// Font size in user space.
    pub size: f32,
}

/// The text of a page, its glyphs and its images.
#[derive(Default)]
pub struct PageText {
    /// The text, in drawing order, `/ActualText` replacing the glyphs it spans.
    pub text: String,
    /// Every glyph drawn, with its place.
    pub glyphs: Vec<PlacedGlyph>,
    /// Every image drawn: `[x0, y0, x1, y1]` in user space.
    pub images: Vec<[f32; 4]>,
    /// For each of `images`, its image object and its size in pixels.
    pub image_objects: Vec<(ObjectId, i64, i64)>,
    /// The text of each marked-content sequence with an `/MCID`.
    pub marked: BTreeMap<i64, String>,
}

struct State<'f> {
    ctm: Matrix,
    font: Option<&'f TextFont>,
    size: f32,
    h_scale: f32,
    tm: Matrix,
    line: Matrix,
}

/// Follows a content stream, form XObjects included.
fn run_stream(doc: &Document, content: &[u8], resources: &Dictionary, ctm: Matrix, out: &mut PageText) {
    let fonts = text_fonts(doc, resources);
    let ops = Content::decode(content).expect("the content stream parses").operations;
    let mut st = State { ctm, font: None, size: 0.0, h_scale: 1.0, tm: Matrix::IDENTITY, line: Matrix::IDENTITY };
    let mut saved: Vec<Matrix> = Vec::new();
    // Open marked-content sequences: the `/ActualText` of each, if any,
    // and its `/MCID`.
    let mut marked: Vec<Option<String>> = Vec::new();
    let mut mcids: Vec<Option<i64>> = Vec::new();
    // Open `/ReversedChars` sequences (by depth in `marked`), each with the
    // texts of its glyphs so far.
    let mut reversed: Vec<(usize, Vec<String>)> = Vec::new();
    // A right-to-left run drawn in visual order comes in pieces (one
    // `/ReversedChars` sequence each, or an `/ActualText` span around
    // one): a reader reverses the characters of the pieces together, as
    // poppler and MuPDF do with a line's right-to-left characters. The
    // pieces of the text object so far, in visual order.
    let mut pieces: Vec<String> = Vec::new();
    // Open `/ActualText` spans (by depth in `marked`), each with its text
    // and whether right-to-left pieces are inside it.
    let mut spans: Vec<(usize, String, bool)> = Vec::new();
    let flush = |pieces: &mut Vec<String>, out: &mut PageText, mcids: &[Option<i64>]| {
        if !pieces.is_empty() {
            let text: String = pieces.concat().chars().rev().collect();
            pieces.clear();
            let before = out.text.len();
            out.text.push_str(&text);
            note_marked(out, mcids, before);
        }
    };
    for op in &ops {
        let o = &op.operands;
        match op.operator.as_str() {
            "q" => saved.push(st.ctm),
            "Q" => st.ctm = saved.pop().unwrap_or(st.ctm),
            "cm" => st.ctm = Matrix::from_operands(o).then(st.ctm),
            "BT" | "ET" => {
                flush(&mut pieces, out, &mcids);
                st.tm = Matrix::IDENTITY;
                st.line = Matrix::IDENTITY;
            }
            "Tf" => {
                st.font = o.first().and_then(|n| n.as_name().ok()).and_then(|n| fonts.get(n));
                st.size = o.get(1).map(number).unwrap_or(0.0);
            }
            "Tz" => st.h_scale = o.first().map(number).unwrap_or(100.0) / 100.0,
            "Tm" => {
                st.tm = Matrix::from_operands(o);
                st.line = st.tm;
            }
            "Td" | "TD" => {
                let (tx, ty) = (number(&o[0]), number(&o[1]));
                st.line = Matrix([1.0, 0.0, 0.0, 1.0, tx, ty]).then(st.line);
                st.tm = st.line;
            }
            "Tj" | "'" | "\"" => {
                if reversed.is_empty() && !marked.iter().any(Option::is_some) {
                    flush(&mut pieces, out, &mcids);
                }
                if let Some(Object::String(s, _)) = o.last() {
                    let before = out.text.len();
                    show(&mut st, s, &marked, &mut reversed, out);
                    note_marked(out, &mcids, before);
                }
            }
            "TJ" => {
                if reversed.is_empty() && !marked.iter().any(Option::is_some) {
                    flush(&mut pieces, out, &mcids);
                }
                if let Some(Object::Array(parts)) = o.first() {
                    let before = out.text.len();
                    for p in parts {
                        match p {
                            Object::String(s, _) => show(&mut st, s, &marked, &mut reversed, out),
                            n => {
                                let tx = -number(n) / 1000.0 * st.size * st.h_scale;
                                st.tm = Matrix([1.0, 0.0, 0.0, 1.0, tx, 0.0]).then(st.tm);
                            }
                        }
                    }
                    note_marked(out, &mcids, before);
                }
            }
            "BMC" => {
                if o.first().and_then(|n| n.as_name().ok()) == Some(b"ReversedChars".as_slice()) {
                    reversed.push((marked.len(), Vec::new()));
                    if let Some(span) = spans.last_mut() {
                        span.2 = true;
                    }
                }
                marked.push(None);
                mcids.push(None);
            }
            "BDC" => {
                let props = match o.get(1) {
                    Some(Object::Name(n)) => resources.get(b"Properties").ok().and_then(|p| dict(doc, p).get(n).ok()).map(|p| dict(doc, p).clone()),
                    Some(other) => Some(dict(doc, other).clone()),
                    None => None,
                };
                mcids.push(props.as_ref().and_then(|p| p.get(b"MCID").ok()).and_then(|m| m.as_i64().ok()));
                let actual =
                    props.and_then(|p| p.get(b"ActualText").ok().map(|t| lopdf::decode_text_string(deref(doc, t)).expect("ActualText is a text string")));
                if let Some(t) = &actual {
                    if !marked.iter().any(Option::is_some) {
                        spans.push((marked.len(), t.clone(), false));
                    }
                }
                marked.push(actual);
            }
            "EMC" => {
                marked.pop();
                mcids.pop();
                if spans.last().is_some_and(|(depth, _, _)| *depth == marked.len()) {
                    if let Some((_, t, rtl)) = spans.pop() {
                        if rtl {
                            pieces.push(t);
                        } else {
                            flush(&mut pieces, out, &mcids);
                            let before = out.text.len();
                            out.text.push_str(&t);
                            note_marked(out, &mcids, before);
                        }
                    }
                }
                if reversed.last().is_some_and(|(depth, _)| *depth == marked.len()) {
                    if let Some((_, texts)) = reversed.pop() {
                        // Character by character, as poppler and MuPDF read
                        // it: a ligature's text is reversed too.
                        match reversed.last_mut() {
                            Some((_, outer)) => outer.push(texts.concat().chars().rev().collect()),
                            // Inside a span its text stands for the glyphs.
                            None if marked.iter().any(Option::is_some) => {}
                            None => pieces.push(texts.concat()),
                        }
                    }
                }
            }
            "Do" => {
                let Some(Ok(key)) = o.first().map(Object::as_name) else { continue };
                let Ok(xobjects) = resources.get(b"XObject") else { continue };
                let Ok(x) = dict(doc, xobjects).get(key) else { continue };
                let Ok(stream) = deref(doc, x).as_stream() else { continue };
                if name_of(&stream.dict, b"Subtype").as_deref() == Some("Image") {
                    // An image fills the unit square of the current matrix.
                    let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| st.ctm.apply(x, y));
                    let (xs, ys) = (corners.map(|c| c.0), corners.map(|c| c.1));
                    let (min, max) = (|v: [f32; 4]| v.into_iter().fold(f32::MAX, f32::min), |v: [f32; 4]| v.into_iter().fold(f32::MIN, f32::max));
                    out.images.push([min(xs), min(ys), max(xs), max(ys)]);
                    let px = |k: &[u8]| stream.dict.get(k).ok().and_then(|v| deref(doc, v).as_i64().ok()).unwrap_or(0);
                    out.image_objects.push((x.as_reference().unwrap_or((0, 0)), px(b"Width"), px(b"Height")));
                }
                if name_of(&stream.dict, b"Subtype").as_deref() == Some("Form") {
                    let res = stream.dict.get(b"Resources").map(|r| dict(doc, r).clone()).unwrap_or_default();
                    let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
                    let m = stream.dict.get(b"Matrix").ok().and_then(|m| m.as_array().ok()).map_or(Matrix::IDENTITY, |m| Matrix::from_operands(m));
                    run_stream(doc, &data, &res, m.then(st.ctm), out);
                }
            }
            _ => {}
        }
    }
}

/// Adds the text shown since `before` to the innermost marked-content
/// sequence with an MCID.
fn note_marked(out: &mut PageText, mcids: &[Option<i64>], before: usize) {
    if let Some(m) = mcids.iter().rev().find_map(|m| *m) {
        let added = out.text[before..].to_string();
        out.marked.entry(m).or_default().push_str(&added);
    }
}

/// An element of a tagged PDF's structure tree, flattened in tree order.
#[derive(Debug, Clone)]
pub struct StructElem {
    /// How deep it is (0 for the document element).
    pub depth: usize,
    /// Its type (`P`, `H2`, `Figure` …).
    pub role: String,
    /// Its own text (its marked content's), not its children's.
    pub text: String,
    /// `/Alt`.
    pub alt: Option<String>,
    /// `/T` (heading titles).
    pub title: Option<String>,
    /// `/Lang`.
    pub lang: Option<String>,
    /// How many annotations (`/OBJR`) it holds.
    pub annotations: usize,
}

/// The structure tree, depth first; empty when the PDF is not tagged.
pub fn structure(doc: &Document) -> Vec<StructElem> {
    let pages_text = pages(doc);
    let page_index: BTreeMap<ObjectId, usize> = doc.page_iter().enumerate().map(|(i, id)| (id, i)).collect();
    let catalog = doc.catalog().unwrap();
    let Ok(root) = catalog.get(b"StructTreeRoot") else { return Vec::new() };
    let root = dict(doc, root);
    let mut out = Vec::new();
    #[allow(clippy::too_many_arguments, reason = "a recursive walk's state; a struct would only rename it")]
    fn walk(
        doc: &Document,
        obj: &Object,
        page: Option<ObjectId>,
        depth: usize,
        pages: &[PageText],
        index: &BTreeMap<ObjectId, usize>,
        out: &mut Vec<StructElem>,
        owner: Option<usize>,
    ) {
        let text_of =
            |page: Option<ObjectId>, mcid: i64| page.and_then(|p| index.get(&p)).and_then(|&i| pages[i].marked.get(&mcid)).cloned().unwrap_or_default();
        match deref(doc, obj) {
            Object::Array(items) => {
                for k in items {
                    walk(doc, k, page, depth, pages, index, out, owner);
                }
            }
            Object::Integer(mcid) => {
                if let Some(o) = owner {
                    let t = text_of(page, *mcid);
                    out[o].text.push_str(&t);
                }
            }
            Object::Dictionary(d) => {
                let pg = d.get(b"Pg").ok().and_then(|p| p.as_reference().ok()).or(page);
                match name_of(d, b"Type").as_deref() {
                    Some("MCR") => {
                        if let (Some(o), Ok(m)) = (owner, d.get(b"MCID").and_then(|m| m.as_i64())) {
                            let t = text_of(pg, m);
                            out[o].text.push_str(&t);
                        }
                    }
                    Some("OBJR") => {
                        if let Some(o) = owner {
                            out[o].annotations += 1;
                        }
                    }
                    _ => {
                        let s = |k: &[u8]| d.get(k).ok().map(|v| lopdf::decode_text_string(deref(doc, v)).unwrap_or_default());
                        out.push(StructElem {
                            depth,
                            role: name_of(d, b"S").unwrap_or_default(),
                            text: String::new(),
                            alt: s(b"Alt"),
                            title: s(b"T"),
                            lang: s(b"Lang"),
                            annotations: 0,
                        });
                        let me = out.len() - 1;
                        if let Ok(k) = d.get(b"K") {
                            walk(doc, k, pg, depth + 1, pages, index, out, Some(me));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if let Ok(k) = root.get(b"K") {
        walk(doc, k, None, 0, &pages_text, &page_index, &mut out, None);
    }
    out
}

/// Shows a string: each code's text (unless an `/ActualText` stands for
/// it) and its place; moves the text matrix by the advances.
fn show(st: &mut State<'_>, bytes: &[u8], marked: &[Option<String>], reversed: &mut [(usize, Vec<String>)], out: &mut PageText) {
    let font = st.font.expect("text is shown with a font set");
    let codes: Vec<u32> = if font.two_byte {
        bytes.chunks(2).map(|c| u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0))).collect()
    } else {
        bytes.iter().map(|b| u32::from(*b)).collect()
    };
    let spanned = marked.iter().any(Option::is_some);
    for c in codes {
        let text = font.map.get(&c).cloned().unwrap_or_else(|| "\u{FFFD}".to_string());
        let advance = font.widths.get(&c).copied().unwrap_or(font.default_width) / 1000.0 * st.size * st.h_scale;
        let m = st.tm.then(st.ctm);
        let (x0, y) = m.apply(0.0, 0.0);
        let (x1, _) = m.apply(advance, 0.0);
        let (_, top) = m.apply(0.0, st.size);
        if !spanned {
            match reversed.last_mut() {
                Some((_, texts)) => texts.push(text.clone()),
                None => out.text.push_str(&text),
            }
        }
        out.glyphs.push(PlacedGlyph { text, x0: x0.min(x1), x1: x0.max(x1), y, size: (top - y).abs() });
        st.tm = Matrix([1.0, 0.0, 0.0, 1.0, advance, 0.0]).then(st.tm);
    }
}

/// The resources of a page, inherited ones included.
pub fn page_resources(doc: &Document, page: ObjectId) -> Dictionary {
    let mut node = doc.get_dictionary(page).unwrap();
    loop {
        if let Ok(r) = node.get(b"Resources") {
            return dict(doc, r).clone();
        }
        match node.get(b"Parent") {
            Ok(p) => node = dict(doc, p),
            Err(_) => return Dictionary::new(),
        }
    }
}

/// A page box (`MediaBox`, `TrimBox`, …) as `[x0, y0, x1, y1]`, inherited
/// from the page tree when the page has none.
pub fn page_box(doc: &Document, page: ObjectId, key: &[u8]) -> Option<[f32; 4]> {
    let mut node = doc.get_dictionary(page).unwrap();
    loop {
        if let Ok(b) = node.get(key) {
            let v: Vec<f32> = deref(doc, b).as_array().unwrap().iter().map(|o| number(deref(doc, o))).collect();
            return Some([v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])]);
        }
        match node.get(b"Parent") {
            Ok(p) => node = dict(doc, p),
            Err(_) => return None,
        }
    }
}

/// Each page's text and glyphs, in drawing order.
pub fn pages(doc: &Document) -> Vec<PageText> {
    doc.page_iter()
        .map(|page| {
            let mut out = PageText::default();
            let content = doc.get_page_content(page).unwrap();
            run_stream(doc, &content, &page_resources(doc, page), Matrix::IDENTITY, &mut out);
            out
        })
        .collect()
}

/// Each page's text, in drawing order.
pub fn pages_text(doc: &Document) -> Vec<String> {
    pages(doc).into_iter().map(|p| p.text).collect()
}

/// Letters and digits only, lowercase: what must survive any typesetting
/// (line breaks, hyphens, soft hyphens, typographic quotes, ligatures).
pub fn normalise(s: &str) -> String {
    s.replace('\u{FB00}', "ff")
        .replace('\u{FB01}', "fi")
        .replace('\u{FB02}', "fl")
        .replace('\u{FB03}', "ffi")
        .replace('\u{FB04}', "ffl")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
