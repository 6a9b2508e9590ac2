//! Fonts and shaping: rustybuzz turns text into positioned glyphs with
//! kerning and ligatures; words are cached because news text repeats them.

use std::collections::HashMap;
use std::sync::Arc;

use rustybuzz::ttf_parser;

/// Index of a font in the brochure's font list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub u32);

/// Vertical metrics in em (fractions of the font size).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Height above the baseline.
    pub ascender: f32,
    /// Depth below the baseline, positive.
    pub descender: f32,
    /// Height of capitals.
    pub cap_height: f32,
}

/// A loaded font: its bytes and metrics.
#[derive(Debug, Clone)]
pub struct FontData {
    /// Where it came from (family and style, or a file path), for messages.
    pub name: String,
    /// The font file.
    pub data: Arc<Vec<u8>>,
    /// Vertical metrics.
    pub metrics: Metrics,
}

impl FontData {
    /// Checks that `data` is a usable font (index 0) and reads its metrics.
    pub fn new(name: impl Into<String>, data: Arc<Vec<u8>>) -> Result<FontData, String> {
        let face = ttf_parser::Face::parse(&data, 0).map_err(|e| format!("not a usable font ({e})"))?;
        let upem = f32::from(face.units_per_em());
        if face.glyph_index(' ').is_none() || face.glyph_index('a').is_none() {
            return Err("the font has no Latin letters".into());
        }
        let metrics = Metrics {
            ascender: f32::from(face.ascender()) / upem,
            descender: -f32::from(face.descender()) / upem,
            cap_height: face.capital_height().map_or(0.7, |h| f32::from(h) / upem),
        };
        Ok(FontData { name: name.into(), data, metrics })
    }
}

/// One glyph as the shaper placed it, in em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    /// Glyph id in the font.
    pub id: u16,
    /// Horizontal advance, em.
    pub advance: f32,
    /// Horizontal offset, em.
    pub x_offset: f32,
    /// Vertical offset, em (up is positive, as in fonts).
    pub y_offset: f32,
    /// Byte offset in the shaped text of the first character of its cluster.
    pub cluster: u32,
}

/// For each glyph, the byte range of the text it shows: from its cluster to
/// where the next higher cluster begins (ligatures cover several characters,
/// marks share their base's cluster).
pub fn cluster_ranges(glyphs: &[ShapedGlyph], text_len: usize) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    glyphs.iter().enumerate().map(move |(i, g)| {
        let c0 = g.cluster as usize;
        let c1 = glyphs[i + 1..].iter().map(|n| n.cluster as usize).find(|&c| c > c0).unwrap_or(text_len);
        c0..c1
    })
}

/// Shapes text with the brochure's fonts, caching whole words (and their
/// hyphenation points), since news text repeats its words.
pub struct Shaper<'a> {
    faces: Vec<rustybuzz::Face<'a>>,
    /// Per font: word → glyphs. Looked up by `&str`, so a hit allocates nothing.
    cache: Vec<HashMap<String, Arc<[ShapedGlyph]>>>,
    hyphens: HashMap<hypher::Lang, HashMap<String, Arc<[usize]>>>,
    /// Shaping plans: building one walks the font's feature tables, which
    /// costs more than shaping a word, so each is built once.
    plans: HashMap<(FontId, rustybuzz::Direction, rustybuzz::Script), rustybuzz::ShapePlan>,
    /// Per font: the glyph and advance of an added hyphen.
    hyphen_glyphs: HashMap<FontId, (u16, f32)>,
}

impl<'a> Shaper<'a> {
    /// A shaper over `fonts`; fonts that fail to parse were refused when loading.
    pub fn new(fonts: &'a [FontData]) -> Self {
        let faces = fonts
            .iter()
            .filter_map(|f| rustybuzz::Face::from_slice(&f.data, 0))
            .collect::<Vec<_>>();
        debug_assert_eq!(faces.len(), fonts.len());
        let cache = faces.iter().map(|_| HashMap::new()).collect();
        Shaper { faces, cache, hyphens: HashMap::new(), plans: HashMap::new(), hyphen_glyphs: HashMap::new() }
    }

    /// Whether `font` has a glyph for `c`.
    pub fn has_char(&self, font: FontId, c: char) -> bool {
        self.faces[font.0 as usize].glyph_index(c).is_some()
    }

    /// Glyphs for `text` in `font`, left to right, advances in em.
    pub fn shape(&mut self, font: FontId, text: &str) -> Arc<[ShapedGlyph]> {
        if let Some(hit) = self.cache[font.0 as usize].get(text) {
            return hit.clone();
        }
        let face = &self.faces[font.0 as usize];
        let upem = face.units_per_em() as f32;
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let key = (font, buffer.direction(), buffer.script());
        let plan = self.plans.entry(key).or_insert_with(|| rustybuzz::ShapePlan::new(face, key.1, Some(key.2), None, &[]));
        let out = rustybuzz::shape_with_plan(face, plan, buffer);
        let glyphs: Arc<[ShapedGlyph]> = out
            .glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| ShapedGlyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance as f32 / upem,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                cluster: info.cluster,
            })
            .collect();
        // Long texts (whole lines of a code span) are rarely repeated.
        if text.len() <= 64 {
            self.cache[font.0 as usize].insert(text.to_string(), glyphs.clone());
        }
        glyphs
    }

    /// Where `word` may be hyphenated ([`crate::text::hyphenate::points`]), cached.
    pub fn hyphenation(&mut self, word: &str, lang: Option<hypher::Lang>) -> Arc<[usize]> {
        let Some(lang) = lang else { return crate::text::hyphenate::points(word, None).into() };
        let cache = self.hyphens.entry(lang).or_default();
        if let Some(hit) = cache.get(word) {
            return hit.clone();
        }
        let points: Arc<[usize]> = crate::text::hyphenate::points(word, Some(lang)).into();
        cache.insert(word.to_string(), points.clone());
        points
    }

    /// The glyph to show a hyphen added at a line end, and its advance in em.
    ///
    /// The font's own soft-hyphen glyph when it draws one: a PDF maps each
    /// glyph to one text, so if the added hyphen shared the glyph of `-`
    /// (drawn first in "COVID-19"), copying "coor-dinator" would give a hard
    /// hyphen. With its own glyph it maps to U+00AD, which readers drop.
    pub fn hyphen_glyph(&mut self, font: FontId) -> (u16, f32) {
        if let Some(hit) = self.hyphen_glyphs.get(&font) {
            return *hit;
        }
        let found = self.find_hyphen_glyph(font);
        self.hyphen_glyphs.insert(font, found);
        found
    }

    fn find_hyphen_glyph(&mut self, font: FontId) -> (u16, f32) {
        let face = &self.faces[font.0 as usize];
        let upem = face.units_per_em() as f32;
        if let Some(id) = face.glyph_index('\u{AD}') {
            if face.glyph_bounding_box(id).is_some() {
                if let Some(adv) = face.glyph_hor_advance(id) {
                    return (id.0, adv as f32 / upem);
                }
            }
        }
        let g = self.shape(font, "-");
        (g.first().map_or(0, |g| g.id), g.iter().map(|g| g.advance).sum())
    }

    /// Width of `text` in em.
    pub fn width(&mut self, font: FontId, text: &str) -> f32 {
        self.shape(font, text).iter().map(|g| g.advance).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serif() -> Vec<FontData> {
        let data = Arc::new(include_bytes!("../../fonts/NotoSerif-Regular.ttf").to_vec());
        vec![FontData::new("Noto Serif", data).unwrap()]
    }

    #[test]
    fn ligatures_and_kerning_apply() {
        let fonts = serif();
        let mut s = Shaper::new(&fonts);
        // "ffi" becomes one glyph whose cluster starts at the first f.
        let office = s.shape(FontId(0), "office");
        assert_eq!(office.len(), 4, "{office:?}");
        assert_eq!(office.iter().map(|g| g.cluster).collect::<Vec<_>>(), vec![0, 1, 4, 5]);
        // Kerning makes "AV" narrower than "A" and "V" apart.
        let av = s.width(FontId(0), "AV");
        let apart = s.width(FontId(0), "A") + s.width(FontId(0), "V");
        assert!(av < apart - 0.01, "{av} vs {apart}");
    }

    #[test]
    fn refuses_non_fonts() {
        assert!(FontData::new("x", Arc::new(b"not a font".to_vec())).is_err());
    }
}
