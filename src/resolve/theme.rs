//! The theme resolved: page size, margins, columns, fonts, colours, date
//! format, running heads and the print settings, with the defaults
//! applied and every value checked against the others.

use std::fmt::Write as _;

use chrono::NaiveDate;
use chrono::format::{Item as FmtItem, StrftimeItems};

use crate::diag::{Diagnostic, did_you_mean};
use crate::locale::Digits;
use crate::model::{self, MarginSpec, PageSpec, Spanned};
use crate::units::{Color, Pt, parse_length};

use super::{FigureCap, ItemStart, Order, Resolver, Theme};

impl Resolver {
    pub(super) fn theme(&mut self, t: &model::Theme, item_count: usize) -> Theme {
        let (page_width, page_height) = match &t.page {
            None => (Pt::mm(210.0), Pt::mm(297.0)),
            Some(PageSpec::Named(n)) => {
                const PAGES: &[(&str, f32, f32)] = &[
                    ("A3", 297.0, 420.0),
                    ("A4", 210.0, 297.0),
                    ("A5", 148.0, 210.0),
                    ("Letter", 215.9, 279.4),
                    ("Legal", 215.9, 355.6),
                ];
                match PAGES.iter().find(|(name, _, _)| name.eq_ignore_ascii_case(n.value.trim())) {
                    Some((_, w, h)) => (Pt::mm(*w), Pt::mm(*h)),
                    None => {
                        let names: Vec<&str> = PAGES.iter().map(|p| p.0).collect();
                        let mut d = Diagnostic::error(n.span, "theme.page", format!("unknown page size `{}`", n.value.trim()))
                            .with_hint(format!("use one of {}, or `{{width: 210mm, height: 297mm}}`", names.join(", ")));
                        if let Some(m) = did_you_mean(n.value.trim(), &names) {
                            d.hints.insert(0, format!("did you mean `{m}`?"));
                        }
                        self.diags.push(d);
                        (Pt::mm(210.0), Pt::mm(297.0))
                    }
                }
            }
            Some(PageSpec::Size { width, height }) => {
                let w = self.length(width, "theme.page.width", Pt::mm(210.0));
                let h = self.length(height, "theme.page.height", Pt::mm(297.0));
                for (v, s, p) in [(w, width, "theme.page.width"), (h, height, "theme.page.height")] {
                    if v < Pt::mm(50.0) || v > Pt::mm(2000.0) {
                        self.error(s.span, p, format!("a page side of {:.0}mm cannot hold a brochure", v.get() * 25.4 / 72.0), "use a size between 50mm and 2000mm");
                    }
                }
                (w, h)
            }
        };
        let (mut top, mut bottom, mut inside, mut outside) = (Pt::mm(20.0), Pt::mm(22.0), Pt::mm(18.0), Pt::mm(18.0));
        match &t.margins {
            None => {}
            Some(MarginSpec::All(v)) => {
                let m = self.length(v, "theme.margins", top);
                (top, bottom, inside, outside) = (m, m, m, m);
            }
            Some(MarginSpec::Sides { top: t1, bottom: b1, inside: i1, outside: o1 }) => {
                if let Some(v) = t1 {
                    top = self.length(v, "theme.margins.top", top);
                }
                if let Some(v) = b1 {
                    bottom = self.length(v, "theme.margins.bottom", bottom);
                }
                if let Some(v) = i1 {
                    inside = self.length(v, "theme.margins.inside", inside);
                }
                if let Some(v) = o1 {
                    outside = self.length(v, "theme.margins.outside", outside);
                }
            }
        }
        let columns = match &t.columns {
            None => 2,
            Some(v) => match v.value.trim().parse::<u32>() {
                Ok(n) if (1..=4).contains(&n) => n,
                _ => {
                    self.error(v.span, "theme.columns", format!("`{}` is not a number of columns", v.value.trim()), "write a whole number from 1 to 4");
                    2
                }
            },
        };
        let gutter = t.gutter.as_ref().map_or(Pt::mm(6.0), |v| self.length(v, "theme.gutter", Pt::mm(6.0)));
        let base_size = t.base_size.as_ref().map_or(Pt(9.5), |v| self.length(v, "theme.base_size", Pt(9.5)));
        if let Some(v) = &t.base_size {
            if !(4.0..=36.0).contains(&base_size.get()) {
                self.error(v.span, "theme.base_size", format!("a body size of {:.1}pt cannot be read comfortably", base_size.get()), "use a size between 4pt and 36pt; about 10pt is usual");
            }
        }
        let frame_w = page_width - inside - outside;
        let frame_h = page_height - top - bottom;
        let col_w = (frame_w - gutter * (columns as f32 - 1.0)) / columns as f32;
        if frame_h < Pt(72.0) || col_w < base_size * 6.0 {
            self.error(
                t.margins.as_ref().and_then(|m| match m {
                    MarginSpec::All(v) => v.span,
                    MarginSpec::Sides { top, .. } => top.as_ref().and_then(|v| v.span),
                }),
                "theme",
                format!("the page leaves no room for text (columns {:.0}pt wide, frame {:.0}pt high)", col_w.get(), frame_h.get()),
                "use smaller margins or gutter, fewer columns or a larger page",
            );
        }
        let body = self.family(&t.body_font, "theme.fonts.body", "Noto Serif");
        let heading = self.family(&t.heading_font, "theme.fonts.heading", "Noto Sans");
        let date_format = match &t.date_format {
            None => None,
            Some(v) => {
                // A format may be well-formed yet ask for a time or a zone,
                // which a date does not have (`%H`, `%+`): try it.
                let sample = NaiveDate::from_ymd_opt(2021, 3, 15).unwrap_or_default();
                let mut probe = String::new();
                let unusable = StrftimeItems::new(&v.value).any(|i| matches!(i, FmtItem::Error)) || write!(probe, "{}", sample.format(&v.value)).is_err();
                if v.value.trim().is_empty() || unusable {
                    self.error(v.span, "theme.date_format", format!("`{}` is not a date format", v.value), "use chrono's strftime codes for dates, e.g. `%d.%m.%Y` or `%e %B %Y` (no times or time zones)");
                    None
                } else {
                    Some(v.value.clone())
                }
            }
        };
        let bools = [("true", true), ("false", false), ("yes", true), ("no", false)];
        let template = |v: &Option<Spanned<String>>, diags: &mut Vec<Diagnostic>, path: &str| -> Option<String> {
            let v = v.as_ref()?;
            let mut rest = v.value.as_str();
            while let Some(open) = rest.find('{') {
                let Some(close) = rest[open..].find('}') else { break };
                let key = &rest[open + 1..open + close];
                if !["title", "page", "pages", "date"].contains(&key) {
                    let mut d = Diagnostic::error(v.span, path, format!("unknown placeholder `{{{key}}}`")).with_hint("use {title}, {page}, {pages} or {date}");
                    if let Some(m) = did_you_mean(key, &["title", "page", "pages", "date"]) {
                        d.hints.insert(0, format!("did you mean `{{{m}}}`?"));
                    }
                    diags.push(d);
                }
                rest = &rest[open + close..];
            }
            Some(v.value.clone()).filter(|s| !s.trim().is_empty())
        };
        let header = template(&t.header, &mut self.diags, "theme.header");
        let footer = if t.footer.is_some() { template(&t.footer, &mut self.diags, "theme.footer") } else { Some("{page}".to_string()) };
        Theme {
            page_width,
            page_height,
            margin_top: top,
            margin_bottom: bottom,
            margin_inside: inside,
            margin_outside: outside,
            columns,
            gutter,
            base_size,
            body,
            heading,
            text: self.color(&t.text_color, "theme.colors.text", Color::rgb(0x1d, 0x1d, 0x1b)),
            accent: self.color(&t.accent_color, "theme.colors.accent", Color::rgb(0x00, 0x5c, 0x97)),
            muted: self.color(&t.muted_color, "theme.colors.muted", Color::rgb(0x5f, 0x63, 0x68)),
            date_format,
            digits: self.choice(&t.digits, "theme.digits", &[("latin", Digits::Latin), ("arabic-indic", Digits::ArabicIndic), ("persian", Digits::Persian)], Digits::Latin),
            order: self.choice(&t.order, "theme.order", &[("as-written", Order::AsWritten), ("newest-first", Order::NewestFirst), ("oldest-first", Order::OldestFirst)], Order::AsWritten),
            toc: self.choice(&t.toc, "theme.toc", &bools, item_count > 3),
            item_start: self.choice(&t.item_start, "theme.item_start", &[("flow", ItemStart::Flow), ("new-column", ItemStart::NewColumn), ("new-page", ItemStart::NewPage)], ItemStart::Flow),
            header,
            footer,
            bleed: t.bleed.as_ref().map_or(Pt::ZERO, |v| self.length(v, "theme.bleed", Pt::ZERO)),
            crop_marks: self.choice(&t.crop_marks, "theme.crop_marks", &bools, false),
            kashida: self.choice(&t.kashida, "theme.kashida", &bools, true),
            drop_cap: self.choice(&t.drop_cap, "theme.drop_cap", &bools, false),
            image_dpi: match &t.image_dpi {
                None => 300,
                Some(v) => match v.value.trim().parse::<u32>() {
                    Ok(n) if (72..=2400).contains(&n) => n,
                    _ => {
                        self.error(v.span, "theme.image_dpi", format!("`{}` is not a resolution", v.value.trim()), "write a whole number of dots per inch from 72 to 2400; 300 suits print");
                        300
                    }
                },
            },
            max_figure_height: match &t.max_figure_height {
                None => FigureCap::Share(0.4),
                Some(v) => {
                    let s = v.value.trim();
                    match s.strip_suffix('%').map(|n| n.trim().parse::<f32>()) {
                        Some(Ok(n)) if (10.0..=100.0).contains(&n) => FigureCap::Share(n / 100.0),
                        Some(_) => {
                            self.error(v.span, "theme.max_figure_height", format!("`{s}` is not a share of the column (10% to 100%)"), "write a percentage such as `40%`, or a length such as `80mm`");
                            FigureCap::Share(0.4)
                        }
                        None => match parse_length(s) {
                            Ok(l) if l > Pt(0.0) => FigureCap::Length(l),
                            _ => {
                                self.error(v.span, "theme.max_figure_height", format!("`{s}` is not a height"), "write a percentage of the column's height such as `40%`, or a length such as `80mm`");
                                FigureCap::Share(0.4)
                            }
                        },
                    }
                }
            },
            pages: self.count(&t.pages, "theme.pages", "write the whole number of pages the brochure should have, such as 8"),
            page_multiple: self.count(&t.page_multiple, "theme.page_multiple", "write a whole number such as 4 (a saddle-stitched booklet) or 2"),
            keep_lines: match &t.keep_lines {
                None => 2,
                Some(v) => match v.value.trim().parse::<u32>() {
                    Ok(n) if (1..=5).contains(&n) => n,
                    _ => {
                        self.error(v.span, "theme.keep_lines", format!("`{}` is not a number of lines", v.value.trim()), "write a whole number from 1 to 5; 2 avoids widows and orphans");
                        2
                    }
                },
            },
            output_profile: t.output_profile.as_ref().and_then(|v| self.output_profile(v)),
            qr_codes: self.choice(&t.qr_codes, "theme.qr_codes", &bools, false),
            colors_set: [t.text_color.is_some(), t.accent_color.is_some(), t.muted_color.is_some()],
        }
    }
}
