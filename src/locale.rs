//! Everything the program prints that depends on a language: its own words
//! (labels), month and day names, quotation marks, default date formats and
//! digits. Every table keyed by language lives here and nowhere else.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::text::inline::Quotes;
use crate::text::primary_language;

/// The words the program writes itself, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// The contents list's heading ("Contents").
    pub contents: String,
    /// The word put before a credit that does not start with one ("Image",
    /// printed as "Image © UNODC").
    pub image_credit: String,
    /// The words put before a gallery's gathered credits ("Images",
    /// printed as "Images © A, B").
    pub images_credit: String,
    /// The heading of an item's links ("More information").
    pub more_information: String,
}

/// A script whose characters no bundled font has, and how to get a font
/// that has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissingScript {
    /// A character of the script, to ask a font whether it has it.
    pub sample: char,
    /// The script's name in a message ("Chinese").
    pub name: &'static str,
    /// A font file that has it.
    pub file: &'static str,
    /// The face to name in that file, after `#`, with what it is.
    pub face: &'static str,
}

/// The script of `tag` that the bundled fonts cannot set (Chinese, Japanese,
/// Korean), or `None` when they can.
pub fn missing_script(tag: &str) -> Option<MissingScript> {
    let (sample, name, face) = match primary_language(tag).as_str() {
        "zh" => ('中', "Chinese", "#2 (Simplified Chinese; #3 Traditional)"),
        "ja" => ('の', "Japanese", "#0"),
        "ko" => ('한', "Korean", "#1"),
        _ => return None,
    };
    Some(MissingScript { sample, name, file: "NotoSansCJK-Regular.ttc", face })
}

/// The program's words for `tag`, and whether the language has them (an
/// unknown language gets the English words).
pub fn labels(tag: &str) -> (Labels, bool) {
    let (contents, image_credit, images_credit, more_information, known) = match primary_language(tag).as_str() {
        "en" => ("Contents", "Image", "Images", "More information", true),
        "fr" => ("Sommaire", "Image", "Images", "Plus d’informations", true),
        "de" => ("Inhalt", "Bild", "Bilder", "Weitere Informationen", true),
        "es" => ("Índice", "Imagen", "Imágenes", "Más información", true),
        "it" => ("Sommario", "Immagine", "Immagini", "Maggiori informazioni", true),
        "pt" => ("Sumário", "Imagem", "Imagens", "Mais informações", true),
        "ru" => ("Содержание", "Фото", "Фото", "Подробнее", true),
        "ar" => ("المحتويات", "الصورة", "الصور", "لمزيد من المعلومات", true),
        "he" => ("תוכן העניינים", "תמונה", "תמונות", "מידע נוסף", true),
        "zh" => ("目录", "图片", "图片", "更多信息", true),
        "ja" => ("目次", "画像", "画像", "詳細情報", true),
        _ => ("Contents", "Image", "Images", "More information", false),
    };
    (Labels { contents: contents.into(), image_credit: image_credit.into(), images_credit: images_credit.into(), more_information: more_information.into() }, known)
}

/// What separates the names of a list run into a line ("Images © A, B"):
/// the Arabic comma in Arabic, Persian and Urdu, the ideographic one in
/// Chinese and Japanese, else a comma and a space.
pub fn list_separator(tag: &str) -> &'static str {
    match primary_language(tag).as_str() {
        "ar" | "fa" | "ur" => "، ",
        "zh" | "ja" => "、",
        _ => ", ",
    }
}

/// Words that, starting a credit, already say what it credits: "Photo ©
/// UNODC" is printed as written, not as "Image Photo © UNODC".
pub fn credit_has_word(credit: &str, label: &str) -> bool {
    let lower = credit.to_lowercase();
    const WORDS: &[&str] = &["image", "photo", "bilder", "imágenes", "immagini", "imagens", "الصور", "תמונות", "bild", "foto", "imagen", "immagine", "imagem", "фото", "изображение", "الصورة", "صورة", "תמונה", "图片", "照片", "画像", "写真"];
    lower.starts_with(&label.to_lowercase()) || WORDS.iter().any(|w| lower.starts_with(w))
}

/// Quotation marks of a language; English marks for unknown languages.
pub fn quotes(tag: &str) -> Quotes {
    let q = |open, close, open_single, close_single| Quotes { open, close, open_single, close_single };
    match primary_language(tag).as_str() {
        // French sets a narrow no-break space inside the guillemets.
        "fr" => q("«\u{202F}", "\u{202F}»", "“", "”"),
        "de" => q("„", "“", "‚", "‘"),
        "es" | "it" | "pt" | "ca" => q("«", "»", "“", "”"),
        "ru" | "uk" | "be" => q("«", "»", "„", "“"),
        // Guillemets are mirrored in right-to-left text, so they point
        // the right way; English quotes are not, and would face inwards.
        "ar" | "fa" => q("«", "»", "“", "”"),
        "pl" | "cs" | "sk" | "hr" | "ro" | "hu" | "nl" => q("„", "”", "‚", "’"),
        "ja" => q("「", "」", "『", "』"),
        _ => q("“", "”", "‘", "’"),
    }
}

/// The digits dates and page numbers are printed with (`theme.digits`);
/// body text keeps the digits the author typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Digits {
    /// 0123456789.
    #[default]
    Latin,
    /// ٠١٢٣٤٥٦٧٨٩ (U+0660–U+0669), as in Arabic.
    ArabicIndic,
    /// ۰۱۲۳۴۵۶۷۸۹ (U+06F0–U+06F9), as in Persian and Urdu.
    Persian,
}

impl Digits {
    /// `s` with its ASCII digits in these digits.
    pub fn apply(self, s: &str) -> String {
        let zero = match self {
            Digits::Latin => return s.to_string(),
            Digits::ArabicIndic => 0x0660,
            Digits::Persian => 0x06F0,
        };
        s.chars().map(|c| if c.is_ascii_digit() { char::from_u32(zero + (c as u32 - '0' as u32)).unwrap_or(c) } else { c }).collect()
    }
}

/// How a date is printed when the theme gives no `date_format`: day, month
/// name and year in the language's order, never a form such as 01.03.2021
/// that reads as 3 January in half of the world. A language without month
/// names here gets ISO 8601 (2021-03-01).
pub fn default_date_format(tag: &str, d: NaiveDate) -> &'static str {
    match primary_language(tag).as_str() {
        "en" | "it" | "ru" | "ar" => "%-d %B %Y",
        // "1er mars 2021": the first of the month is an ordinal in French.
        "fr" if d.day() == 1 => "%-der %B %Y",
        "fr" => "%-d %B %Y",
        "de" => "%-d. %B %Y",
        "es" | "pt" => "%-d de %B de %Y",
        "he" => "%-d ב%B %Y",
        "zh" | "ja" => "%Y年%-m月%-d日",
        _ => "%Y-%m-%d",
    }
}

/// A date in `fmt` (chrono strftime, checked beforehand), or in the
/// language's default format when there is none; month and day names
/// (`%B`, `%b`, `%A`, `%a`) in `language`, and `%e` without the space that
/// pads single-digit days (a date stands on its own line or between
/// separators, where the space would show). Never panics.
pub fn format_date(d: NaiveDate, fmt: Option<&str>, language: &str) -> String {
    let fmt = fmt.unwrap_or_else(|| default_date_format(language, d));
    let n = names(language);
    // The names replace their fields before chrono sees the format.
    let (month, day) = (d.month0() as usize, d.weekday().num_days_from_monday() as usize);
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut flags = String::new();
        while let Some(&f) = chars.peek().filter(|f| matches!(f, '-' | '_' | '0' | '^' | '#')) {
            flags.push(f);
            chars.next();
        }
        match (chars.next(), n) {
            (Some('B'), Some(n)) => out.push_str(n.months[month]),
            (Some('b' | 'h'), Some(n)) => out.push_str(n.months_short[month]),
            (Some('A'), Some(n)) => out.push_str(n.days[day]),
            (Some('a'), Some(n)) => out.push_str(n.days_short[day]),
            (Some('e'), _) if flags.is_empty() => out.push_str("%-e"),
            (Some(other), _) => {
                out.push('%');
                out.push_str(&flags);
                out.push(other);
            }
            (None, _) => out.push('%'),
        }
    }
    // A name holds no `%`, so chrono reads it as text.
    let mut text = String::new();
    if write!(text, "{}", d.format(&out)).is_err() {
        text = d.format("%Y-%m-%d").to_string();
    }
    text
}

/// Month and day names of a language (English is chrono's own).
struct Names {
    months: [&'static str; 12],
    months_short: [&'static str; 12],
    /// Monday first.
    days: [&'static str; 7],
    days_short: [&'static str; 7],
}

fn names(language: &str) -> Option<&'static Names> {
    Some(match primary_language(language).as_str() {
        "fr" => &Names {
            months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            months_short: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
            days: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
            days_short: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
        },
        "de" => &Names {
            months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
            months_short: ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
            days: ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
            days_short: ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
        },
        "es" => &Names {
            months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            months_short: ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."],
            days: ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
            days_short: ["lun.", "mar.", "mié.", "jue.", "vie.", "sáb.", "dom."],
        },
        "it" => &Names {
            months: ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
            months_short: ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
            days: ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
            days_short: ["lun", "mar", "mer", "gio", "ven", "sab", "dom"],
        },
        "pt" => &Names {
            months: ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
            months_short: ["jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."],
            days: ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"],
            days_short: ["seg.", "ter.", "qua.", "qui.", "sex.", "sáb.", "dom."],
        },
        // Russian dates name the month in the genitive: 1 марта 2021.
        "ru" => &Names {
            months: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
            months_short: ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."],
            days: ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"],
            days_short: ["пн", "вт", "ср", "чт", "пт", "сб", "вс"],
        },
        "ar" => &Names {
            months: ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
            months_short: ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
            days: ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
            days_short: ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
        },
        "he" => &Names {
            months: ["ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר"],
            months_short: ["ינו׳", "פבר׳", "מרץ", "אפר׳", "מאי", "יוני", "יולי", "אוג׳", "ספט׳", "אוק׳", "נוב׳", "דצמ׳"],
            days: ["יום שני", "יום שלישי", "יום רביעי", "יום חמישי", "יום שישי", "שבת", "יום ראשון"],
            days_short: ["יום ב׳", "יום ג׳", "יום ד׳", "יום ה׳", "יום ו׳", "שבת", "יום א׳"],
        },
        "zh" => &Names {
            months: ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
            months_short: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
            days: ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
            days_short: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
        },
        "ja" => &Names {
            months: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
            months_short: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
            days: ["月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"],
            days_short: ["月", "火", "水", "木", "金", "土", "日"],
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn march_1() -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, 3, 1).unwrap()
    }

    #[test]
    fn month_and_day_names_follow_the_language() {
        let d = march_1();
        let f = |fmt, lang| format_date(d, Some(fmt), lang);
        assert_eq!(f("%-d %B %Y", "fr"), "1 mars 2021");
        assert_eq!(f("%A %-d %B %Y", "fr-CH"), "lundi 1 mars 2021");
        assert_eq!(f("%-d. %B %Y", "de"), "1. März 2021");
        assert_eq!(f("%-d %B %Y", "ru"), "1 марта 2021");
        assert_eq!(f("%-d de %B de %Y", "es"), "1 de marzo de 2021");
        assert_eq!(f("%-d %B %Y", "ar"), "1 مارس 2021");
        assert_eq!(f("%a %-d %b %Y", "it"), "lun 1 mar 2021");
        assert_eq!(f("%-d %B %Y", "en"), "1 March 2021");
        assert_eq!(f("%d.%m.%Y", "ru"), "01.03.2021");
        // `%%B` is a literal `%B`.
        assert_eq!(f("%%B %B", "pt"), "%B março");
    }

    #[test]
    fn default_dates_are_unambiguous() {
        let d = march_1();
        let f = |lang| format_date(d, None, lang);
        assert_eq!(f("en"), "1 March 2021");
        assert_eq!(f("fr"), "1er mars 2021");
        assert_eq!(format_date(NaiveDate::from_ymd_opt(2021, 3, 2).unwrap(), None, "fr-CA"), "2 mars 2021");
        assert_eq!(f("ru"), "1 марта 2021");
        assert_eq!(f("es"), "1 de marzo de 2021");
        assert_eq!(f("pt"), "1 de março de 2021");
        assert_eq!(f("de"), "1. März 2021");
        assert_eq!(f("it"), "1 marzo 2021");
        assert_eq!(f("ar"), "1 مارس 2021");
        assert_eq!(f("zh"), "2021年3月1日");
        assert_eq!(f("ja"), "2021年3月1日");
        assert_eq!(f("he"), "1 במרץ 2021");
        assert_eq!(f("sw"), "2021-03-01");
    }

    #[test]
    fn e_does_not_pad_but_explicit_flags_do() {
        let d = march_1();
        assert_eq!(format_date(d, Some("%e %B %Y"), "en"), "1 March 2021");
        assert_eq!(format_date(d, Some("%A %e %B"), "fr"), "lundi 1 mars");
        assert_eq!(format_date(d, Some("%_e|%-e|%d"), "en"), " 1|1|01");
    }

    #[test]
    fn digits_change_only_ascii_digits() {
        assert_eq!(Digits::Latin.apply("p. 12"), "p. 12");
        assert_eq!(Digits::ArabicIndic.apply("1 مارس 2021"), "١ مارس ٢٠٢١");
        assert_eq!(Digits::Persian.apply("iv 10"), "iv ۱۰");
    }

    #[test]
    fn every_un_language_has_its_own_words() {
        for tag in ["ar", "zh", "en", "fr", "ru", "es", "de", "it", "pt"] {
            let (l, known) = labels(tag);
            assert!(known, "{tag}");
            if tag != "en" {
                assert_ne!(l.contents, "Contents", "{tag}");
                assert_ne!(l.more_information, "More information", "{tag}");
            }
        }
        assert_eq!(labels("ar-EG").0.contents, "المحتويات");
        assert_eq!(labels("sw"), (labels("en").0, false));
    }

    #[test]
    fn lists_run_into_a_line_with_the_language_comma() {
        assert_eq!([list_separator("en"), list_separator("ar-EG"), list_separator("zh-Hans"), list_separator("fr")], [", ", "، ", "、", ", "]);
    }

    #[test]
    fn credits_that_name_themselves_are_kept() {
        assert!(credit_has_word("Photo: UN", "Image"));
        assert!(credit_has_word("الصورة © UNODC", "الصورة"));
        assert!(!credit_has_word("© UNODC", "Image"));
    }
}
