//! The paragraph as Knuth–Plass items: words shaped in pieces of one style,
//! font and direction (boxes, with hyphenation penalties between syllables),
//! spaces and the stretch between Chinese or Japanese characters (glue), and
//! the breaks UAX #14 allows, with those inside web and e-mail addresses
//! moved to where they read well (penalties).

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::kashida::kashida_at;
use super::{ADDRESS_PENALTY, CJK_SHRINK, CJK_STRETCH, EMERGENCY_PENALTY, EXPLICIT_PENALTY, GlyphText, HYPHEN_PENALTY, INF, Item, Paragraph, PoolGlyph, RunStyle, SPACE_SHRINK, SPACE_STRETCH, is_cjk, protrusion};
use crate::text::bidi::{Levels, is_default_ignorable};
use crate::text::shape::{FontId, Shaper, cluster_ranges};

/// Splits `range` of the text (one style) into pieces of one font and one
/// embedding level, noting characters no font has in `missing`.
///
/// A character stays in the font of the piece before it when that font has
/// it, so punctuation, digits and marks inside Arabic words are set in the
/// Arabic font, and in the style's own font otherwise.
fn font_pieces(shaper: &Shaper<'_>, text: &str, range: Range<usize>, font: FontId, levels: &Levels, missing: &mut Vec<char>, pieces: &mut Vec<(Range<usize>, FontId, u8)>) {
    pieces.clear();
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        let level = levels.at(at);
        let current = pieces.last().filter(|(_, _, l)| *l == level).map(|(_, f, _)| *f);
        let chosen = match current {
            Some(f) if shaper.has_char(f, c) || is_default_ignorable(c) => f,
            _ => match shaper.font_for(font, c) {
                Some(f) => f,
                None => {
                    if !is_default_ignorable(c) && !c.is_control() && !missing.contains(&c) {
                        missing.push(c);
                    }
                    current.unwrap_or(font)
                }
            },
        };
        match pieces.last_mut() {
            Some((r, f, l)) if *f == chosen && *l == level => r.end = at + c.len_utf8(),
            _ => pieces.push((at..at + c.len_utf8(), chosen, level)),
        }
    }
}

pub(super) fn build_items(shaper: &mut Shaper<'_>, par: &Paragraph<'_>, levels: &Levels, width: f32) -> (Vec<Item>, Vec<PoolGlyph>, Vec<String>, Vec<char>) {
    let text = par.text;
    // About one item per word and a glyph per character, and a few more.
    let mut items = super::scratch::take(|s| &mut s.items, text.len() / 3 + 4);
    let mut pool: Vec<PoolGlyph> = super::scratch::take(|s| &mut s.pool, text.len() + text.len() / 8 + 4);
    let mut overlong = Vec::new();
    let mut missing = Vec::new();
    // A word's pieces (one font and direction each), reused word after word.
    let mut pieces = Vec::new();
    let style_at = |pos: usize| -> usize {
        par.spans
            .iter()
            .find(|(r, _)| r.start <= pos && pos < r.end)
            .map_or(0, |(_, s)| *s)
    };
    // Inside web and e-mail addresses, breaks go where they read well
        // (after `/`, `.`, `-`, before `?`) instead of where UAX #14 puts them.
    let addresses = address_ranges(text);
    let inside = |at: usize| addresses.iter().any(|r| r.start < at && at < r.end);
    let mut opportunities: Vec<(usize, BreakOpportunity)> = linebreaks(text).filter(|&(at, _)| !inside(at)).collect();
    if !addresses.is_empty() {
        for r in &addresses {
            opportunities.extend(address_breaks(&text[r.clone()]).into_iter().map(|b| (r.start + b, BreakOpportunity::Allowed)));
        }
        opportunities.sort_by_key(|&(at, _)| at);
    }
    let mut prev = 0;
    for (at, op) in opportunities {
        let segment = &text[prev..at];
        let word_end = prev + segment.trim_end_matches([' ', '\n', '\r', '\t']).len();
        let first_item = items.len();
        // The word part, split where the style changes.
        let mut pos = prev;
        while pos < word_end {
            let style = style_at(pos);
            let end = par
                .spans
                .iter()
                .find(|(r, _)| r.start <= pos && pos < r.end)
                .map_or(word_end, |(r, _)| r.end.min(word_end));
            let end = end.max(pos + text[pos..].chars().next().map_or(1, char::len_utf8));
            font_pieces(shaper, text, pos..end, par.styles[style].font, levels, &mut missing, &mut pieces);
            let hyphenate = if inside(pos) || addresses.iter().any(|r| r.start == pos) { None } else { par.hyphenate };
            for (piece, font, level) in pieces.drain(..) {
                push_word(shaper, par, style, font, level, piece, hyphenate, &mut items, &mut pool);
            }
            pos = end;
        }
        // An overlong word is split between clusters, and reported.
        let word_width: f32 = items[first_item..]
            .iter()
            .map(|i| match i {
                Item::Box { width, .. } => *width,
                _ => 0.0,
            })
            .sum();
        if word_width > width {
            overlong.push(text[prev..word_end].to_string());
            let tail = items.split_off(first_item);
            for it in tail {
                match it {
                    Item::Box { glyphs, .. } => {
                        let mut start = glyphs.start;
                        while start < glyphs.end {
                            let cluster = pool[start].text.clone();
                            let mut end = start + 1;
                            while end < glyphs.end && pool[end].text == cluster {
                                end += 1;
                            }
                            if matches!(items.last(), Some(Item::Box { .. })) {
                                items.push(Item::Penalty { width: 0.0, cost: EMERGENCY_PENALTY, flagged: false, hyphen: None });
                            }
                            let w = pool[start..end].iter().map(|g| g.advance).sum();
                            items.push(Item::Box { width: w, glyphs: start..end, hang: 0.0, kashida: None });
                            start = end;
                        }
                    }
                    other => items.push(other),
                }
            }
        }
        // The break opportunity after the word.
        let spaces = &text[word_end..at];
        let space_count = spaces.chars().filter(|c| *c == ' ' || *c == '\t').count();
        if space_count > 0 {
            let style = style_at(word_end);
            let st = &par.styles[style];
            // After a word in a fallback font (Arabic), the space is that
            // font's, so that word spacing matches the words.
            let font = match pool.last() {
                Some(g) if g.style == style && g.font != st.font && shaper.has_char(g.font, ' ') => g.font,
                _ => st.font,
            };
            let glyph_start = pool.len();
            let mut w = 0.0;
            for (i, c) in spaces.char_indices() {
                if c != ' ' && c != '\t' {
                    continue;
                }
                let g = shaper.shape(font, " ");
                let adv = g.iter().map(|g| g.advance).sum::<f32>() * st.size.get();
                w += adv;
                pool.push(PoolGlyph {
                    style,
                    font,
                    level: levels.at(word_end + i),
                    id: g.first().map_or(0, |g| g.id),
                    advance: adv,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    text: GlyphText::Source(word_end + i..word_end + i + c.len_utf8()),
                });
            }
            let (stretch, shrink) = if par.justify { (w * SPACE_STRETCH, w * SPACE_SHRINK) } else { (0.0, 0.0) };
            items.push(Item::Glue { width: w, stretch, shrink, glyphs: glyph_start..pool.len() });
        }
        match op {
            BreakOpportunity::Mandatory if at < text.len() || spaces.contains('\n') => {
                if space_count == 0 {
                    items.push(Item::Glue { width: 0.0, stretch: 1e6, shrink: 0.0, glyphs: 0..0 });
                } else if let Some(Item::Glue { stretch, .. }) = items.last_mut() {
                    *stretch = 1e6;
                }
                items.push(Item::Penalty { width: 0.0, cost: -INF, flagged: false, hyphen: None });
            }
            BreakOpportunity::Allowed if space_count == 0 && at < text.len() && inside(at) => {
                items.push(Item::Penalty { width: 0.0, cost: ADDRESS_PENALTY, flagged: false, hyphen: None });
            }
            // Between Chinese or Japanese characters, where UAX #14 allows a
            // break (never before closing punctuation, never after opening),
            // justified text stretches: the space between characters is the
            // glue (Chinese and Japanese put no spaces between words).
            BreakOpportunity::Allowed if space_count == 0 && at < text.len() && par.justify && (text[..at].chars().next_back().is_some_and(is_cjk) || text[at..].chars().next().is_some_and(is_cjk)) => {
                let size = par.styles[style_at(at)].size.get();
                items.push(Item::Glue { width: 0.0, stretch: size * CJK_STRETCH, shrink: size * CJK_SHRINK, glyphs: pool.len()..pool.len() });
            }
            BreakOpportunity::Allowed if space_count == 0 && at < text.len() => {
                let explicit = text[..word_end].ends_with(['-', '\u{2010}', '–', '—']);
                let cost = if explicit { EXPLICIT_PENALTY } else { 0.0 };
                items.push(Item::Penalty { width: 0.0, cost, flagged: explicit, hyphen: None });
            }
            _ => {}
        }
        prev = at;
    }
    if !items.is_empty() {
        // The paragraph ends with infinitely stretchable glue and a forced break.
        if let Some(Item::Penalty { cost, .. }) = items.last() {
            if *cost <= -INF {
                items.pop();
                items.pop();
            }
        }
        items.push(Item::Glue { width: 0.0, stretch: 1e6, shrink: 0.0, glyphs: 0..0 });
        items.push(Item::Penalty { width: 0.0, cost: -INF, flagged: false, hyphen: None });
    }
    (items, pool, overlong, missing)
}

/// The byte ranges of web and e-mail addresses in `text`: words that start
/// with `http://`, `https://` or `www.`, or have the shape `name@host.tld`,
/// without the punctuation that ends a sentence after them.
pub(super) fn address_ranges(text: &str) -> Vec<Range<usize>> {
    if !(text.contains("://") || text.contains("www.") || text.contains('@')) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for word in text.split(|c: char| c.is_whitespace()) {
        let start = pos;
        pos += word.len() + text[start + word.len()..].chars().next().map_or(0, char::len_utf8);
        let lead = word.len() - word.trim_start_matches(['(', '[', '“', '‘', '«', '"', '\'']).len();
        let w = word[lead..].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '”', '’', '»', '"', '\'']);
        let lower = w.to_ascii_lowercase();
        let web = lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.");
        let mail = w.split_once('@').is_some_and(|(u, h)| !u.is_empty() && h.contains('.') && !h.contains('@'));
        if (web || mail) && w.len() > 4 {
            out.push(start + lead..start + lead + w.len());
        }
    }
    out
}

/// Where an address may break, as offsets into it (a break before each):
/// after `/` (after the last of `//`), `.`, `-`, `_` and `@`, and before
/// `?`, `#`, `&` and `=`, never within the scheme (`https://`) or so that
/// one character is left alone at the end.
pub(super) fn address_breaks(addr: &str) -> Vec<usize> {
    let scheme_end = addr.find("://").map_or(0, |i| i + 3);
    let bytes = addr.as_bytes();
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        let at = match b {
            b'/' | b'.' | b'-' | b'_' | b'@' if bytes.get(i + 1) != Some(&b) => i + 1,
            b'?' | b'#' | b'&' | b'=' => i,
            _ => continue,
        };
        if at >= scheme_end.max(2) && at + 1 < addr.len() && out.last() != Some(&at) {
            out.push(at);
        }
    }
    out
}

/// Shapes one word piece in one style, font and direction and pushes its
/// boxes, with a hyphenation penalty between syllables.
#[expect(clippy::too_many_arguments, reason = "one call site, in build_items; the arguments are the piece's properties")]
fn push_word(shaper: &mut Shaper<'_>, par: &Paragraph<'_>, style: usize, font: FontId, level: u8, range: Range<usize>, hyphenate: Option<hypher::Lang>, items: &mut Vec<Item>, pool: &mut Vec<PoolGlyph>) {
    let st = &par.styles[style];
    let word = &par.text[range.clone()];
    let size = st.size.get();
    let rtl = level % 2 == 1;
    let glyphs = shaper.shape_dir(font, word, rtl);
    let start = pool.len();
    for (g, r) in glyphs.iter().zip(cluster_ranges(&glyphs)) {
        pool.push(PoolGlyph {
            style,
            font,
            level,
            id: g.id,
            advance: g.advance * size,
            x_offset: g.x_offset * size,
            y_offset: g.y_offset * size,
            text: GlyphText::Source(range.start + r.start..range.start + r.end),
        });
    }
    let end = pool.len();
    // Right-to-left scripts are not hyphenated.
    let cuts = if rtl { Vec::new().into() } else { shaper.hyphenation(word, hyphenate) };
    let soft = word.contains('\u{AD}');
    let hyphen = hyphen_glyph(shaper, font, level, st, style);
    let mut from = start;
    for &cut in cuts.iter() {
        // A cut inside a ligature cannot be taken.
        let Some(at) = (from..end).find(|&i| matches!(&pool[i].text, GlyphText::Source(r) if r.start == range.start + cut)) else {
            continue;
        };
        if at == from {
            continue;
        }
        let w = pool[from..at].iter().map(|g| g.advance).sum();
        items.push(Item::Box { width: w, glyphs: from..at, hang: 0.0, kashida: None });
        let mut h = hyphen.clone();
        if soft {
            // The author's soft hyphen is shown as the hyphen and keeps its text.
            if let Some(shy) = pool[from..at].iter().rposition(|g| matches!(&g.text, GlyphText::Source(r) if &par.text[r.clone()] == "\u{AD}")) {
                h.text = pool[from + shy].text.clone();
            }
        }
        items.push(Item::Penalty {
            width: h.advance,
            cost: if soft { HYPHEN_PENALTY / 2.0 } else { HYPHEN_PENALTY },
            flagged: true,
            hyphen: Some(h),
        });
        from = at;
    }
    let w = pool[from..end].iter().map(|g| g.advance).sum();
    // A box that ends a word may hang its last mark into the margin.
    let hang = match pool[from..end].last() {
        Some(PoolGlyph { text: GlyphText::Source(r), advance, .. }) => par.text[r.clone()].chars().last().map_or(0.0, protrusion) * advance,
        _ => 0.0,
    };
    let kashida = if rtl && par.justify && par.kashida && from == start { kashida_at(shaper, font, level, st, style, word, range.start, &pool[start..end], start) } else { None };
    items.push(Item::Box { width: w, glyphs: from..end, hang, kashida });
}

fn hyphen_glyph(shaper: &mut Shaper<'_>, font: FontId, level: u8, st: &RunStyle, style: usize) -> PoolGlyph {
    let (id, advance) = shaper.hyphen_glyph(font);
    PoolGlyph { style, font, level, id, advance: advance * st.size.get(), x_offset: 0.0, y_offset: 0.0, text: GlyphText::AddedHyphen }
}
