//! Where words may be hyphenated: hypher's patterns for the text's language,
//! or the author's soft hyphens, which take precedence.

/// The smallest number of letters left before a hyphen.
pub const LEFT_MIN: usize = 2;
/// The smallest number of letters carried after a hyphen.
pub const RIGHT_MIN: usize = 3;

/// The hyphenation patterns for a BCP 47 tag, when hypher has them.
pub fn language(tag: &str) -> Option<hypher::Lang> {
    let primary = super::primary_language(tag);
    let b = primary.as_bytes();
    if b.len() != 2 {
        return None;
    }
    hypher::Lang::from_iso([b[0], b[1]])
}

/// Byte offsets inside `word` after which a hyphen may be inserted.
///
/// Words with a soft hyphen (U+00AD) break only there; words with digits,
/// capitals throughout (acronyms) or too few letters are not hyphenated.
///
/// ```
/// let en = brochure::text::hyphenate::language("en").unwrap();
/// let w = "coordinated";
/// let cuts = brochure::text::hyphenate::points(w, Some(en));
/// let parts: Vec<&str> = std::iter::once(0).chain(cuts.iter().copied())
///     .zip(cuts.iter().copied().chain(std::iter::once(w.len())))
///     .map(|(a, b)| &w[a..b]).collect();
/// assert_eq!(parts.concat(), w);
/// assert!(parts.len() > 1);
/// ```
pub fn points(word: &str, lang: Option<hypher::Lang>) -> Vec<usize> {
    if word.contains('\u{AD}') {
        return word.match_indices('\u{AD}').map(|(i, _)| i + '\u{AD}'.len_utf8()).filter(|&i| i < word.len()).collect();
    }
    let Some(lang) = lang else { return Vec::new() };
    // Hyphenate the letters between leading and trailing punctuation, and
    // leave a possessive ending (’s) out: "Organization’s," is "Organization".
    let start = word.find(char::is_alphabetic).unwrap_or(word.len());
    let mut core = &word[start..];
    core = core.trim_end_matches(|c: char| !c.is_alphabetic());
    for possessive in ["’s", "'s"] {
        core = core.strip_suffix(possessive).unwrap_or(core);
    }
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    if letters < LEFT_MIN + RIGHT_MIN || letters != core.chars().count() {
        return Vec::new();
    }
    if core.chars().all(char::is_uppercase) {
        return Vec::new();
    }
    let mut cuts = Vec::new();
    let mut at = start;
    let syllables: Vec<&str> = hypher::hyphenate_bounded(core, lang, LEFT_MIN, RIGHT_MIN).collect();
    for s in &syllables[..syllables.len().saturating_sub(1)] {
        at += s.len();
        cuts.push(at);
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_kept() {
        let en = language("en");
        for w in ["coordinated", "international", "transportation", "equipment"] {
            for cut in points(w, en) {
                assert!(w[..cut].chars().count() >= LEFT_MIN, "{w} at {cut}");
                assert!(w[cut..].chars().count() >= RIGHT_MIN, "{w} at {cut}");
            }
        }
        assert!(!points("international", en).is_empty());
    }

    #[test]
    fn soft_hyphens_win_and_acronyms_stay_whole() {
        assert_eq!(points("Mercure\u{AD}software", language("en")), vec![9]);
        assert!(points("UNODC", language("en")).is_empty());
        assert!(points("COVID-19", language("en")).is_empty());
        assert!(points("word", None).is_empty());
        // Punctuation and possessives around a word do not stop hyphenation.
        let plain = points("Organization", language("en"));
        assert_eq!(points("Organization’s,", language("en")), plain);
        assert_eq!(points("(Organization", language("en")), plain.iter().map(|c| c + 1).collect::<Vec<_>>());
    }

    #[test]
    fn languages() {
        assert!(language("fr-CH").is_some());
        assert!(language("de").is_some());
        assert!(language("xx").is_none());
    }
}
