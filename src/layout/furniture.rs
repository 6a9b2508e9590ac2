//! Page furniture: the running header and footer, and the page labels they
//! print (roman numerals in the front matter, arabic from the body on).

use crate::resolve::Doc;
use crate::text::inline::StyledText;

use super::flow::Flow;
use super::{Page, Point};

/// Lower-case roman numerals, for front matter.
pub(crate) fn roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 13] =
        [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut out = String::new();
    for (v, s) in DIGITS {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Running header and footer on every page but the cover: `pages`, the
/// first of which has index `first`, of a brochure with `totals` pages in
/// its front matter and its body (what `{pages}` prints).
pub(super) fn furniture(doc: &Doc, flow: &mut Flow<'_, '_>, pages: &mut [Page], first: usize, cover: bool, totals: (usize, usize)) {
    let t = &doc.theme;
    let (front_total, body_total) = totals;
    let st = flow.sans(0.8, false, t.muted);
    for (k, page) in (first..).zip(pages.iter_mut()) {
        if cover && k == 0 {
            continue;
        }
        let label = if page.front { roman(page.number) } else { t.digits.apply(&page.number.to_string()) };
        let total = if page.front { roman(front_total) } else { t.digits.apply(&body_total.to_string()) };
        let fill = |tpl: &str| {
            tpl.replace("{title}", &doc.title_text)
                .replace("{pages}", &total)
                .replace("{page}", &label)
                .replace("{date}", doc.date_text.as_deref().unwrap_or(""))
        };
        let left = if k % 2 == 0 { t.margin_inside } else { t.margin_outside };
        let frame_w = t.page_width - t.margin_inside - t.margin_outside;
        // In the margins, but never off the page when the margins are thin.
        let header_y = (t.margin_top - t.base_size * 2.0).max(st.size * 1.2);
        let footer_y = (t.page_height - t.margin_bottom + t.base_size * 2.0).min(t.page_height - st.size * 0.6);
        for (tpl, y) in [(&t.header, header_y), (&t.footer, footer_y)] {
            let Some(tpl) = tpl else { continue };
            let text = fill(tpl);
            if text.trim().is_empty() {
                continue;
            }
            let (items, w) = flow.one_line(&StyledText::plain(&text).text, &st);
            let x = left + (frame_w - w) / 2.0;
            // Baseline at `y`: the line box's baseline sits at its own offset.
            let base = super::baseline(&items);
            page.items.extend(items.into_iter().map(|(p, it)| (Point::new(p.x + x, p.y - base + y), it)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "i");
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(9), "ix");
        assert_eq!(roman(14), "xiv");
        assert_eq!(roman(1994), "mcmxciv");
    }
}
