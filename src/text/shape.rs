//! Fonts and shaping: rustybuzz turns text into positioned glyphs with
//! kerning and ligatures; words are cached because news text repeats them.
//! Each font has a fallback chain, and every character is set in the first
//! font of the chain that has it.

// Words are short and hashed once per word of the text: the Fx hash is
// several times faster than SipHash on them (the words are the user's own
// brochure, not input picked to collide).
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex};

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
    /// The face in the file: 0, or one of a collection's (`.ttc`, `.otc`).
    pub index: u32,
    /// Vertical metrics.
    pub metrics: Metrics,
    /// Fonts to try, in order, for characters this one lacks.
    pub fallbacks: Vec<FontId>,
}

impl FontData {
    /// Checks that `data` is a usable font (index 0) and reads its metrics.
    pub fn new(name: impl Into<String>, data: Arc<Vec<u8>>) -> Result<FontData, String> {
        Self::face(name, data, 0)
    }

    /// Like [`FontData::new`], for face `index` of a font collection.
    pub fn face(name: impl Into<String>, data: Arc<Vec<u8>>, index: u32) -> Result<FontData, String> {
        let face = ttf_parser::Face::parse(&data, index).map_err(|e| format!("not a usable font ({e})"))?;
        let upem = face.units_per_em() as f32;
        // A Chinese, Japanese or Korean font may lack Latin letters; those
        // are then reported where they are missing.
        let cjk = ['中', 'の', '한'].iter().any(|&c| face.glyph_index(c).is_some());
        if face.glyph_index(' ').is_none() || (face.glyph_index('a').is_none() && !cjk) {
            return Err("the font has no Latin letters".into());
        }
        let metrics = Metrics {
            ascender: f32::from(face.ascender()) / upem,
            descender: -f32::from(face.descender()) / upem,
            cap_height: face.capital_height().map_or(0.7, |h| f32::from(h) / upem),
        };
        Ok(FontData { name: name.into(), data, index, metrics, fallbacks: Vec::new() })
    }

    /// Like [`FontData::new`], for a font that only fills in the characters
    /// of other fonts (Arabic, Hebrew): it need not have Latin letters.
    pub fn fallback(name: impl Into<String>, data: Arc<Vec<u8>>) -> Result<FontData, String> {
        let face = ttf_parser::Face::parse(&data, 0).map_err(|e| format!("not a usable font ({e})"))?;
        let upem = face.units_per_em() as f32;
        let metrics = Metrics {
            ascender: f32::from(face.ascender()) / upem,
            descender: -f32::from(face.descender()) / upem,
            cap_height: face.capital_height().map_or(0.7, |h| f32::from(h) / upem),
        };
        Ok(FontData { name: name.into(), data, index: 0, metrics, fallbacks: Vec::new() })
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
    /// Where the characters it shows end: the start of the next higher
    /// cluster, or the end of the text (see [`cluster_ranges`]).
    pub cluster_end: u32,
}

/// For each glyph, the byte range of the text it shows: from its cluster to
/// where the next higher cluster begins (ligatures cover several characters,
/// marks share their base's cluster). Worked out once when a word is shaped.
pub fn cluster_ranges(glyphs: &[ShapedGlyph]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    glyphs.iter().map(|g| g.cluster as usize..g.cluster_end as usize)
}

/// Sets each glyph's [`ShapedGlyph::cluster_end`].
///
/// The next higher cluster is looked for among all glyphs, not only those
/// after the glyph: in right-to-left text shaped in visual order clusters
/// decrease, and looking only ahead gave each glyph the rest of the word.
fn set_cluster_ends(glyphs: &mut [ShapedGlyph], text_len: usize) {
    let mut starts: Vec<u32> = glyphs.iter().map(|g| g.cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    for g in glyphs {
        let next = starts.partition_point(|&c| c <= g.cluster);
        g.cluster_end = starts.get(next).copied().unwrap_or(text_len as u32);
    }
}

/// Shapes text with the brochure's fonts, caching whole words (and their
/// hyphenation points), since news text repeats its words.
pub struct Shaper<'a> {
    faces: Vec<rustybuzz::Face<'a>>,
    /// Per font, its fallback chain.
    fallbacks: Vec<&'a [FontId]>,
    /// Per font and direction (index `2 * font + rtl`): word → glyphs.
    /// Looked up by `&str`, so a hit allocates nothing.
    cache: Vec<HashMap<String, Arc<[ShapedGlyph]>>>,
    hyphens: HashMap<hypher::Lang, HashMap<String, Arc<[usize]>>>,
    /// Shaping plans: building one walks the font's feature tables, which
    /// costs more than shaping a word, so each is built once.
    plans: HashMap<(FontId, rustybuzz::Direction, rustybuzz::Script), rustybuzz::ShapePlan>,
    /// Per font: the glyph and advance of an added hyphen.
    hyphen_glyphs: HashMap<FontId, (u16, f32)>,
    /// Per font, which of the first [`COVERAGE`] characters it has, looked
    /// up once: every character of the text is checked against the fonts.
    coverage: Vec<std::cell::OnceCell<Box<[u64; COVERAGE / 64]>>>,
    /// The words its siblings (shapers of the same layout on other threads)
    /// have shaped, asked when a word is not in this one's own cache.
    shared: Option<&'a Words>,
}

/// Words shaped and hyphenation points found by any of a layout's shapers,
/// shared between the threads that set items in parallel: each shaper asks
/// its own cache first, then this one, and shapes a word only when neither
/// has it. A word's glyphs depend on the font, direction and text alone, so
/// what a sibling found is what this shaper would have made.
pub struct Words {
    /// Per font and direction (as [`Shaper`]'s cache), [`SHARDS`] maps.
    glyphs: Vec<Mutex<HashMap<String, Arc<[ShapedGlyph]>>>>,
    hyphens: [Mutex<HashMap<hypher::Lang, Points>>; SHARDS],
}

/// Hyphenation points by word.
type Points = HashMap<String, Arc<[usize]>>;

/// Locks per map of [`Words`], picked by a hash of the word, so that two
/// threads seldom wait for each other.
const SHARDS: usize = 16;

fn shard(word: &str) -> usize {
    use std::hash::BuildHasher;
    (rustc_hash::FxBuildHasher.hash_one(word) >> 40) as usize % SHARDS
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Words {
    /// Shared caches for `fonts`.
    pub fn new(fonts: &[FontData]) -> Words {
        Words { glyphs: (0..fonts.len() * 2 * SHARDS).map(|_| Mutex::default()).collect(), hyphens: Default::default() }
    }
}

/// The characters whose coverage is kept per font (Latin, Greek, Cyrillic).
const COVERAGE: usize = 0x0580;

impl<'a> Shaper<'a> {
    /// A shaper over `fonts`; fonts that fail to parse were refused when loading.
    pub fn new(fonts: &'a [FontData]) -> Self {
        let faces = fonts
            .iter()
            .filter_map(|f| rustybuzz::Face::from_slice(&f.data, f.index))
            .collect::<Vec<_>>();
        debug_assert_eq!(faces.len(), fonts.len());
        Shaper { faces, ..Shaper::empty(fonts) }
    }

    /// A shaper with no faces yet and empty caches, sized for `fonts`.
    fn empty(fonts: &'a [FontData]) -> Self {
        let cache = fonts.iter().flat_map(|_| [HashMap::default(), HashMap::default()]).collect();
        let fallbacks = fonts.iter().map(|f| f.fallbacks.as_slice()).collect();
        let coverage = fonts.iter().map(|_| std::cell::OnceCell::new()).collect();
        Shaper { faces: Vec::new(), fallbacks, cache, hyphens: HashMap::default(), plans: HashMap::default(), hyphen_glyphs: HashMap::default(), coverage, shared: None }
    }

    /// A shaper over `fonts` that shares what it shapes with the other
    /// shapers made with `words` ([`Words`]).
    pub fn with_words(fonts: &'a [FontData], words: &'a Words) -> Self {
        Shaper { shared: Some(words), ..Shaper::new(fonts) }
    }

    /// Another shaper over the same fonts and shared words, with caches of
    /// its own: for a thread of its own.
    pub fn sibling(&self, fonts: &'a [FontData]) -> Self {
        // The faces are copied, not parsed again (reading their layout
        // tables was most of making a shaper).
        debug_assert_eq!(fonts.len(), self.faces.len());
        Shaper { faces: self.faces.clone(), shared: self.shared, ..Shaper::empty(fonts) }
    }

    /// Whether `font` has a glyph for `c`.
    pub fn has_char(&self, font: FontId, c: char) -> bool {
        let face = &self.faces[font.0 as usize];
        let i = c as usize;
        if i >= COVERAGE {
            return face.glyph_index(c).is_some();
        }
        let bits = self.coverage[font.0 as usize].get_or_init(|| {
            let mut bits = Box::new([0u64; COVERAGE / 64]);
            for k in 0..COVERAGE {
                if char::from_u32(k as u32).is_some_and(|ch| face.glyph_index(ch).is_some()) {
                    bits[k / 64] |= 1 << (k % 64);
                }
            }
            bits
        });
        bits[i / 64] & (1 << (i % 64)) != 0
    }

    /// The font to set `c` in: `font` when it has it, else the first of its
    /// fallbacks that does; `None` when no font of the chain has it.
    pub fn font_for(&self, font: FontId, c: char) -> Option<FontId> {
        if self.has_char(font, c) {
            return Some(font);
        }
        self.fallbacks[font.0 as usize].iter().copied().find(|&f| self.has_char(f, c))
    }

    /// Glyphs for `text` in `font`, set left to right, advances in em.
    pub fn shape(&mut self, font: FontId, text: &str) -> Arc<[ShapedGlyph]> {
        self.shape_dir(font, text, false)
    }

    /// Glyphs for `text` in `font`, set right to left when `rtl` (Arabic
    /// joins, brackets are mirrored), advances in em.
    ///
    /// The glyphs come in logical order either way, clusters increasing, so
    /// that line breaking, hyphenation and text ranges need not know the
    /// direction; [`crate::text::bidi`] puts each line in visual order.
    /// Right-to-left glyphs come out of the shaper in visual order, so they
    /// are reversed here, and reversing them again for display restores the
    /// shaper's order exactly (marks and their offsets included).
    pub fn shape_dir(&mut self, font: FontId, text: &str, rtl: bool) -> Arc<[ShapedGlyph]> {
        let slot = 2 * font.0 as usize + usize::from(rtl);
        if let Some(hit) = self.cache[slot].get(text) {
            return hit.clone();
        }
        // Long texts (whole lines of a code span) are rarely repeated.
        let kept = text.len() <= 64;
        let shared = self.shared.filter(|_| kept).map(|w| &w.glyphs[slot * SHARDS + shard(text)]);
        if let Some(hit) = shared.and_then(|m| locked(m).get(text).cloned()) {
            self.cache[slot].insert(text.to_string(), hit.clone());
            return hit;
        }
        let face = &self.faces[font.0 as usize];
        let upem = face.units_per_em() as f32;
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl { rustybuzz::Direction::RightToLeft } else { rustybuzz::Direction::LeftToRight });
        let key = (font, buffer.direction(), buffer.script());
        let plan = self.plans.entry(key).or_insert_with(|| rustybuzz::ShapePlan::new(face, key.1, Some(key.2), None, &[]));
        let out = rustybuzz::shape_with_plan(face, plan, buffer);
        let mut glyphs: Vec<ShapedGlyph> = out
            .glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| ShapedGlyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance as f32 / upem,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                cluster: info.cluster,
                cluster_end: 0,
            })
            .collect();
        set_cluster_ends(&mut glyphs, text.len());
        if rtl {
            glyphs.reverse();
        }
        let glyphs: Arc<[ShapedGlyph]> = glyphs.into();
        if kept {
            self.cache[slot].insert(text.to_string(), glyphs.clone());
        }
        if let Some(m) = shared {
            locked(m).entry(text.to_string()).or_insert_with(|| glyphs.clone());
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
        let shared = self.shared.map(|w| &w.hyphens[shard(word)]);
        let points: Arc<[usize]> = match shared.and_then(|m| locked(m).get(&lang).and_then(|c| c.get(word)).cloned()) {
            Some(hit) => hit,
            None => {
                let points: Arc<[usize]> = crate::text::hyphenate::points(word, Some(lang)).into();
                if let Some(m) = shared {
                    locked(m).entry(lang).or_default().entry(word.to_string()).or_insert_with(|| points.clone());
                }
                points
            }
        };
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

    /// The bar of the font's tatweel (U+0640, the kashida), bottom and top
    /// in em above the baseline, when it has one that draws something: it
    /// lengthens the joins of justified Arabic words.
    pub fn tatweel_bar(&self, font: FontId) -> Option<(f32, f32)> {
        let face = &self.faces[font.0 as usize];
        let id = face.glyph_index('\u{640}')?;
        let b = face.glyph_bounding_box(id)?;
        let upem = face.units_per_em() as f32;
        (b.y_max > b.y_min).then(|| (f32::from(b.y_min) / upem, f32::from(b.y_max) / upem))
    }

    /// The left and right edges of glyph `id`'s ink, in em from its pen
    /// position, when it draws something (a drop cap's initial is placed
    /// by its ink, not by its side bearings).
    pub fn ink_x(&self, font: FontId, id: u16) -> Option<(f32, f32)> {
        let face = &self.faces[font.0 as usize];
        let b = face.glyph_bounding_box(ttf_parser::GlyphId(id))?;
        let upem = face.units_per_em() as f32;
        Some((f32::from(b.x_min) / upem, f32::from(b.x_max) / upem))
    }

    /// Width of `text` in em.
    #[cfg_attr(not(feature = "unstable-stages"), expect(dead_code, reason = "for the stages' users and the unit tests"))]
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
    fn siblings_share_the_words_they_shape() {
        let fonts = serif();
        let words = Words::new(&fonts);
        let mut a = Shaper::with_words(&fonts, &words);
        let mut b = a.sibling(&fonts);
        let first = a.shape_dir(FontId(0), "coordination", false);
        // The sibling is handed the same glyphs, not a shaping of its own.
        assert!(Arc::ptr_eq(&first, &b.shape_dir(FontId(0), "coordination", false)));
        // Which are what a shaper of its own makes.
        assert_eq!(*first, *Shaper::new(&fonts).shape_dir(FontId(0), "coordination", false));
        // Each direction is kept apart.
        assert!(!Arc::ptr_eq(&first, &b.shape_dir(FontId(0), "coordination", true)));
        let cuts = a.hyphenation("coordination", Some(hypher::Lang::English));
        assert!(!cuts.is_empty());
        assert!(Arc::ptr_eq(&cuts, &b.hyphenation("coordination", Some(hypher::Lang::English))));
        assert!(!Arc::ptr_eq(&cuts, &b.hyphenation("coordination", Some(hypher::Lang::French))));
        // A shaper made alone shares nothing; its sibling's faces shape alike.
        let alone = Shaper::new(&fonts).sibling(&fonts).shape_dir(FontId(0), "coordination", false);
        assert!(!Arc::ptr_eq(&first, &alone));
        assert_eq!(*first, *alone);
    }

    #[test]
    fn refuses_non_fonts() {
        assert!(FontData::new("x", Arc::new(b"not a font".to_vec())).is_err());
    }
}
