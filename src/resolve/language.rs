//! What the brochure's language decides in resolving: its tag checked,
//! the words the program prints (the theme's in their place), and a font
//! for a script no bundled font has. The tables keyed by language are in
//! [`crate::locale`].

use crate::diag::Diagnostic;
use crate::locale::{self, Labels};
use crate::model::{self, Spanned};
use crate::text::shape::FontId;

use super::{Resolver, Theme};

impl Resolver {
    pub(super) fn language(&mut self, l: &Spanned<String>, path: &str) -> String {
        let tag = l.value.trim();
        let valid = !tag.is_empty()
            && tag.split('-').all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
            && tag.split('-').next().is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
        if !valid {
            self.error(l.span, path, format!("`{tag}` is not a language tag"), "write a BCP 47 tag such as `en`, `fr`, `de-CH` or `ar`");
            return "en".into();
        }
        tag.to_string()
    }

    /// The brochure's labels: the language's words, each replaced by the
    /// theme's when it gives one; a language without words of its own is
    /// reported unless the theme gives all three.
    pub(super) fn labels(&mut self, b: &model::Brochure, language: &str) -> Labels {
        let (mut labels, known) = locale::labels(language);
        let t = &b.theme;
        let given = [(&t.label_contents, "contents"), (&t.label_image_credit, "image_credit"), (&t.label_more_information, "more_information")];
        for (v, key) in given {
            let Some(v) = v else { continue };
            let text = v.value.trim().to_string();
            if text.is_empty() {
                self.error(v.span, &format!("theme.labels.{key}"), "the label is empty", "write the words to print, or leave the key out to use the language's own");
                continue;
            }
            match key {
                "contents" => labels.contents = text,
                "image_credit" => labels.image_credit = text,
                _ => labels.more_information = text,
            }
        }
        if let Some(v) = &t.label_images_credit {
            let text = v.value.trim().to_string();
            if text.is_empty() {
                self.error(v.span, "theme.labels.images_credit", "the label is empty", "write the words to print, or leave the key out to use the language's own");
            } else {
                labels.images_credit = text;
            }
        }
        if !known && given.iter().any(|(v, _)| v.is_none()) {
            let span = b.language.as_ref().and_then(|l| l.span);
            self.diags.push(
                Diagnostic::warning(span, "language", format!("the program has no words of its own in `{language}` (English ones are printed)"))
                    .with_hint("give them in `theme.labels: {contents: …, image_credit: …, more_information: …}`"),
            );
        }
        labels
    }

    /// A language whose script no bundled font has (Chinese, Japanese,
    /// Korean) needs a theme font that has it: without one, every character
    /// would print as an empty box. Reported at the language's tag.
    pub(super) fn script_font(&mut self, tag: Option<&Spanned<String>>, path: &str, language: &str, theme: &Theme) {
        let Some(locale::MissingScript { sample, name: script, file, face }) = locale::missing_script(language) else {
            return;
        };
        // A theme font that failed to load is reported already.
        if self.diags.iter().any(|d| d.is_error() && d.path.starts_with("theme.fonts")) {
            return;
        }
        let has = |id: FontId| self.fonts.get(id.0 as usize).is_some_and(|f| rustybuzz::ttf_parser::Face::parse(&f.data, f.index).is_ok_and(|face| face.glyph_index(sample).is_some()));
        if has(theme.body.regular) {
            return;
        }
        self.diags.push(
            Diagnostic::error(tag.and_then(|t| t.span), path, format!("`{language}` text needs a font with {script} characters (the bundled fonts have none)"))
                .with_hint(format!("copy a font that has them beside the source and name it in the theme: `fonts: {{body: {{regular: fonts/{file}{}}}, heading: …}}`", face.split(' ').next().unwrap_or("")))
                .with_hint(format!("Noto Sans CJK (Debian's fonts-noto-cjk, or github.com/notofonts/noto-cjk) is one; in its .ttc, the face after `#` is {face}")),
        );
    }
}
