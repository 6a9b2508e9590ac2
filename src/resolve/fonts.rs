//! Fonts: the bundled families and fallbacks, a theme's font files read
//! and checked, each font loaded once and referred to by [`FontId`].

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, did_you_mean};
use crate::model::{FontSpec, Spanned};
use crate::text::shape::{FontData, FontId};

use super::files::io_reason;
use super::{Family, Resolver};

/// A bundled face: its style name and the font file's bytes.
type Face = (&'static str, &'static [u8]);

/// The bundled font families, embedded in the program so that output never
/// depends on the fonts of the machine.
const BUNDLED: &[(&str, [Face; 4])] = &[
    (
        "Noto Serif",
        [
            ("Regular", include_bytes!("../../fonts/NotoSerif-Regular.ttf")),
            ("Bold", include_bytes!("../../fonts/NotoSerif-Bold.ttf")),
            ("Italic", include_bytes!("../../fonts/NotoSerif-Italic.ttf")),
            ("Bold Italic", include_bytes!("../../fonts/NotoSerif-BoldItalic.ttf")),
        ],
    ),
    (
        "Noto Sans",
        [
            ("Regular", include_bytes!("../../fonts/NotoSans-Regular.ttf")),
            ("Bold", include_bytes!("../../fonts/NotoSans-Bold.ttf")),
            ("Italic", include_bytes!("../../fonts/NotoSans-Italic.ttf")),
            ("Bold Italic", include_bytes!("../../fonts/NotoSans-BoldItalic.ttf")),
        ],
    ),
];

/// Fonts for the scripts the families lack, in pairs (regular, bold): the
/// serif and sans Arabic, then the serif and sans Hebrew. Each font of the
/// brochure falls back on the pair that matches its style.
const FALLBACKS: &[(&str, &[u8])] = &[
    ("Noto Naskh Arabic Regular", include_bytes!("../../fonts/NotoNaskhArabic-Regular.ttf")),
    ("Noto Naskh Arabic Bold", include_bytes!("../../fonts/NotoNaskhArabic-Bold.ttf")),
    ("Noto Sans Arabic Regular", include_bytes!("../../fonts/NotoSansArabic-Regular.ttf")),
    ("Noto Sans Arabic Bold", include_bytes!("../../fonts/NotoSansArabic-Bold.ttf")),
    ("Noto Serif Hebrew Regular", include_bytes!("../../fonts/NotoSerifHebrew-Regular.ttf")),
    ("Noto Serif Hebrew Bold", include_bytes!("../../fonts/NotoSerifHebrew-Bold.ttf")),
    ("Noto Sans Hebrew Regular", include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf")),
    ("Noto Sans Hebrew Bold", include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf")),
];

/// Names of the bundled families, as a theme may give them.
pub fn bundled_families() -> Vec<&'static str> {
    BUNDLED.iter().map(|(n, _)| *n).collect()
}

impl Resolver {
    pub(super) fn family(&mut self, spec: &Option<FontSpec>, path: &str, default: &str) -> Family {
        match spec {
            None => self.bundled(default),
            Some(FontSpec::Family(name)) => {
                let names = bundled_families();
                match names.iter().find(|n| n.eq_ignore_ascii_case(name.value.trim())) {
                    Some(n) => self.bundled(n),
                    None => {
                        let mut d = Diagnostic::error(name.span, path, format!("unknown font family `{}`", name.value.trim()))
                            .with_hint(format!("the bundled families are {}; or give font files as {{regular: …, bold: …}}", names.join(" and ")));
                        if let Some(m) = did_you_mean(name.value.trim(), &names) {
                            d.hints.insert(0, format!("did you mean `{m}`?"));
                        }
                        self.diags.push(d);
                        self.bundled(default)
                    }
                }
            }
            Some(FontSpec::Files { regular, bold, italic, bold_italic }) => {
                let fallback = self.bundled(default);
                let r = self.font_file(regular, &format!("{path}.regular")).unwrap_or(fallback.regular);
                let mut pick = |v: &Option<Spanned<String>>, key: &str| v.as_ref().and_then(|v| self.font_file(v, &format!("{path}.{key}"))).unwrap_or(r);
                Family { regular: r, bold: pick(bold, "bold"), italic: pick(italic, "italic"), bold_italic: pick(bold_italic, "bold_italic") }
            }
        }
    }

    fn bundled(&mut self, family: &str) -> Family {
        let (_, styles) = BUNDLED.iter().find(|(n, _)| *n == family).unwrap_or(&BUNDLED[0]);
        let mut ids = [FontId(0); 4];
        for (k, (style, bytes)) in styles.iter().enumerate() {
            let key = format!("bundled:{family} {style}");
            ids[k] = match self.font_keys.get(&key) {
                Some(id) => *id,
                None => {
                    let Ok(font) = FontData::new(format!("{family} {style}"), Arc::new(bytes.to_vec())) else {
                        // The bundled fonts are checked by the test suite.
                        continue;
                    };
                    self.push_font(key, font)
                }
            };
        }
        Family { regular: ids[0], bold: ids[1], italic: ids[2], bold_italic: ids[3] }
    }

    /// Loads the fallback fonts and gives each font of the theme its chain:
    /// Arabic then Hebrew, sans for the bundled sans family, serif for
    /// the others, bold for bold fonts. They come after the theme's fonts,
    /// so adding them changes no font id, and only fonts whose glyphs are
    /// drawn are embedded in the PDF.
    pub(super) fn fallbacks(&mut self) {
        let themed = self.fonts.len();
        let mut ids = Vec::with_capacity(FALLBACKS.len());
        for (name, bytes) in FALLBACKS {
            match FontData::fallback(*name, Arc::new(bytes.to_vec())) {
                Ok(font) => ids.push(Some(self.push_font(format!("fallback:{name}"), font))),
                // The bundled fonts are checked by the test suite.
                Err(_) => ids.push(None),
            }
        }
        // A theme font without Latin letters (a Chinese or Japanese one)
        // sets Latin words, digits and the program's marks (· ›) in the
        // bundled sans of its weight.
        let mut latin: Vec<Option<FontId>> = vec![None; themed];
        for (k, slot) in latin.iter_mut().enumerate() {
            let lacks = rustybuzz::ttf_parser::Face::parse(&self.fonts[k].data, self.fonts[k].index).is_ok_and(|f| f.glyph_index('a').is_none());
            if lacks {
                let bold = rustybuzz::ttf_parser::Face::parse(&self.fonts[k].data, self.fonts[k].index).is_ok_and(|f| f.weight().to_number() >= 600);
                let sans = self.bundled("Noto Sans");
                *slot = Some(if bold { sans.bold } else { sans.regular });
            }
        }
        for (k, &latin) in latin.iter().enumerate() {
            let font = &self.fonts[k];
            let sans = font.name.starts_with("Noto Sans");
            let bold = rustybuzz::ttf_parser::Face::parse(&font.data, font.index).is_ok_and(|f| f.weight().to_number() >= 600);
            let pick = |first: usize| ids.get(first + usize::from(sans) * 2 + usize::from(bold)).copied().flatten();
            self.fonts[k].fallbacks = [latin, pick(0), pick(4)].into_iter().flatten().collect();
        }
    }

    fn push_font(&mut self, key: String, font: FontData) -> FontId {
        let id = FontId(self.fonts.len() as u32);
        self.fonts.push(font);
        self.font_keys.insert(key, id);
        id
    }

    fn font_file(&mut self, v: &Spanned<String>, path: &str) -> Option<FontId> {
        // `fonts/NotoSansCJK-Regular.ttc#2`: face 2 of a collection.
        let (v, index) = match v.value.trim().rsplit_once('#') {
            Some((file, n)) if !file.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                (&Spanned { value: file.to_string(), span: v.span }, n.parse::<u32>().unwrap_or(u32::MAX))
            }
            _ => (v, 0),
        };
        let file = self.locate(v, path, "font")?;
        let key = format!("file:{}#{index}", file.display());
        if let Some(id) = self.font_keys.get(&key) {
            return Some(*id);
        }
        match read_at_most(&file, MAX_FONT_BYTES) {
            Ok(bytes) if bytes.len() as u64 > MAX_FONT_BYTES => {
                let msg = format!("failed to load font `{}` (the file is larger than {} MB)", v.value.trim(), MAX_FONT_BYTES >> 20);
                self.error(v.span, path, msg, "give a font file of one style; a subset with the scripts the brochure uses is enough");
                None
            }
            Ok(bytes) => {
                let faces = rustybuzz::ttf_parser::fonts_in_collection(&bytes);
                match font_file_problem(&bytes, index).map_or_else(|| FontData::face(v.value.trim(), Arc::new(bytes), index), Err) {
                    Ok(f) => Some(self.push_font(key, f)),
                    Err(e) => {
                        let mut d = Diagnostic::error(v.span, path, format!("failed to load font `{}` ({e})", v.value.trim())).with_hint("give a TrueType (.ttf) or OpenType (.otf) font file");
                        if faces.is_some() || index > 0 {
                            d = d.with_hint(format!("in a collection (.ttc, .otc), name the face after the path: `{}#0` is the first", v.value.trim()));
                        }
                        self.diags.push(d);
                        None
                    }
                }
            }
            Err(e) => {
                self.error(v.span, path, format!("failed to load font `{}` ({})", v.value.trim(), io_reason(&e)), "paths are relative to the brochure's folder");
                None
            }
        }
    }
}

/// The largest font file read, in bytes (32 MiB): a Latin, Greek and
/// Cyrillic face is well under 1 MB, and the largest single faces (CJK) are
/// about 20 MB.
pub const MAX_FONT_BYTES: u64 = 32 * 1024 * 1024;

/// The first `limit` and one bytes of a file, so that a file over the limit
/// is refused without being read whole.
fn read_at_most(file: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let file = std::fs::File::open(file)?;
    // Room for the whole file (and the byte that tells it is too large) at
    // once: `take` hides the size, and the buffer grew from 32 bytes by
    // doubling, 15 reads and 14 copies for a 500 KB font.
    let size = file.metadata().map_or(0, |m| m.len()).min(limit) + 1;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What makes a font file unusable before its tables are read: the shaper
/// and the PDF writer trust the table directory, and a table that ends past
/// the end of the file (a download cut short) would give blank letters.
fn font_file_problem(bytes: &[u8], index: u32) -> Option<String> {
    let faces = rustybuzz::ttf_parser::fonts_in_collection(bytes);
    match faces {
        Some(n) if index >= n => return Some(format!("the collection has {n} faces, `#0` to `#{}`; there is no `#{index}`", n - 1)),
        None if index > 0 => return Some(format!("the file is one font, not a collection: there is no face `#{index}`")),
        _ => {}
    }
    let Ok(raw) = rustybuzz::ttf_parser::RawFace::parse(bytes, index) else {
        return None; // told by `FontData::new`, with the parser's reason
    };
    let cut = raw.table_records.into_iter().any(|t| u64::from(t.offset) + u64::from(t.length) > bytes.len() as u64);
    if cut {
        return Some("the file is damaged or cut short".into());
    }
    let face = rustybuzz::ttf_parser::Face::parse(bytes, index).ok()?;
    let t = face.tables();
    if t.glyf.is_none() && t.cff.is_none() && t.cff2.is_none() {
        return Some("the font has no glyph outlines".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::read_at_most;

    #[test]
    fn a_file_is_read_whole_up_to_the_limit_and_one_byte() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.ttf");
        std::fs::write(&file, (0..=255u8).cycle().take(70_000).collect::<Vec<u8>>()).unwrap();
        let whole = read_at_most(&file, 1 << 20).unwrap();
        assert_eq!(whole.len(), 70_000);
        assert!(whole.iter().enumerate().all(|(i, b)| *b == (i % 256) as u8));
        // Over the limit: the limit and one byte, which tells it is over.
        assert_eq!(read_at_most(&file, 1000).unwrap().len(), 1001);
        assert_eq!(read_at_most(&file, 70_000).unwrap().len(), 70_000);
    }
}
