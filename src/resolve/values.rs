//! Single values of the source as written, checked and converted: dates,
//! counts, lengths, choices from a list and colours, each error reported
//! where the value was written.

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Span, did_you_mean};
use crate::model::Spanned;
use crate::units::{Color, Pt, parse_length};

use super::Resolver;

impl Resolver {
    pub(super) fn date(&mut self, d: &Spanned<String>, path: &str) -> Option<NaiveDate> {
        let s = d.value.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let shape_ok = parts.len() == 3
            && parts[0].len() == 4
            && parts[1].len() == 2
            && parts[2].len() == 2
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
        if !shape_ok {
            self.error(d.span, path, format!("`{s}` is not a date"), "write dates as YYYY-MM-DD, e.g. 2021-03-15");
            return None;
        }
        let (y, m, day): (i32, u32, u32) = (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?);
        if !(1..=12).contains(&m) {
            self.error(d.span, path, format!("impossible date `{s}` (there is no month {m})"), "write dates as YYYY-MM-DD, e.g. 2021-03-15");
            return None;
        }
        match NaiveDate::from_ymd_opt(y, m, day) {
            Some(date) => Some(date),
            None => {
                let first = NaiveDate::from_ymd_opt(y, m, 1)?;
                let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(y, m + 1, 1)? };
                let days = (next - first).num_days();
                self.error(
                    d.span,
                    path,
                    format!("impossible date `{s}` ({} {y} has {days} days)", first.format("%B")),
                    "check the day of the month",
                );
                None
            }
        }
    }

    /// A whole number from 1 to 1,000, with where it was written.
    pub(super) fn count(&mut self, v: &Option<Spanned<String>>, path: &str, hint: &str) -> Option<(u32, Option<Span>)> {
        let v = v.as_ref()?;
        match v.value.trim().parse::<u32>() {
            Ok(n) if (1..=1000).contains(&n) => Some((n, v.span)),
            _ => {
                self.error(v.span, path, format!("`{}` is not a number of pages (1 to 1000)", v.value.trim()), hint);
                None
            }
        }
    }

    pub(super) fn length(&mut self, v: &Spanned<String>, path: &str, default: Pt) -> Pt {
        match parse_length(&v.value) {
            Ok(l) => l,
            Err(e) => {
                self.error(v.span, path, format!("`{}` is not a length ({e})", v.value.trim()), "write a number with a unit: `18mm`, `1.5cm`, `0.5in` or `10pt`");
                default
            }
        }
    }

    pub(super) fn choice<T: Copy>(&mut self, v: &Option<Spanned<String>>, path: &str, options: &[(&str, T)], default: T) -> T {
        let Some(v) = v else { return default };
        let s = v.value.trim();
        if let Some((_, t)) = options.iter().find(|(n, _)| n.eq_ignore_ascii_case(s)) {
            return *t;
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let mut d = Diagnostic::error(v.span, path, format!("`{s}` is not one of {}", names.join(", ")));
        match did_you_mean(s, &names).or_else(|| names.iter().find(|n| n.starts_with(&s.to_lowercase()) && !s.is_empty()).copied()) {
            Some(m) => d = d.with_hint(format!("did you mean `{m}`?")),
            None => d = d.with_hint(format!("write one of {}", names.join(", "))),
        }
        self.diags.push(d);
        default
    }

    pub(super) fn color(&mut self, v: &Option<Spanned<String>>, path: &str, default: Color) -> Color {
        let Some(v) = v else { return default };
        Color::parse(&v.value).unwrap_or_else(|| {
            self.error(v.span, path, format!("`{}` is not a colour", v.value.trim()), "write a colour as `#rrggbb`, e.g. `#0b5394`, or for print as `cmyk(c, m, y, k)` in per cent, e.g. `cmyk(0, 0, 0, 100)`");
            default
        })
    }
}
