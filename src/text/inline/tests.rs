//! Unit tests of inline Markdown: punctuation, blocks, HTML and links.

use super::*;

fn en() -> Quotes {
    Quotes::for_language("en")
}

#[test]
fn quotes_follow_the_language() {
    let mut p = None;
    assert_eq!(smarten("\"Hi\" it's 'ok'", &mut p, &en()), "“Hi” it’s ‘ok’");
    let mut p = None;
    assert_eq!(smarten("\"Salut\"", &mut p, &Quotes::for_language("fr")), "«\u{202F}Salut\u{202F}»");
    let mut p = None;
    assert_eq!(smarten("\"Hallo\"", &mut p, &Quotes::for_language("de-AT")), "„Hallo“");
    let mut p = None;
    assert_eq!(smarten("\"Привет\"", &mut p, &Quotes::for_language("ru")), "«Привет»");
    let mut p = None;
    assert_eq!(smarten("\"مرحبا\"", &mut p, &Quotes::for_language("ar")), "«مرحبا»");
    let mut p = None;
    assert_eq!(smarten("他说：\"没有。\"“甲”、\"乙\"", &mut p, &Quotes::for_language("zh")), "他说：“没有。”“甲”、“乙”");
    let mut p = None;
    assert_eq!(smarten("\"は\"", &mut p, &Quotes::for_language("ja")), "「は」");
}

#[test]
fn dashes() {
    let mut p = None;
    assert_eq!(smarten("2020--2021 --- done", &mut p, &en()), "2020–2021 — done");
}

#[test]
fn quotes_close_across_spans() {
    let p = markdown("\"**WHO**\" said", &en());
    assert_eq!(p[0].text, "“WHO” said");
}

#[test]
fn paragraphs_links_and_breaks() {
    let p = markdown("One [link](https://x.org) here.\n\nTwo  \nlines", &en());
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].spans[1].link.as_deref(), Some("https://x.org"));
    assert_eq!(&p[0].text[p[0].spans[1].range.clone()], "link");
    assert_eq!(p[1].text, "Two\nlines");
}

fn blocks(src: &str) -> Vec<MdBlock> {
    markdown_blocks(src, &en()).0
}

#[test]
fn body_markdown_becomes_blocks() {
    let b = blocks("## Results so far\n\nSome *text*.\n\n- one\n- two\n  - nested\n\n3. three\n4. four\n\n> Quoted\n> words.\n\n---\n\nAfter  \nbreak");
    let kinds: Vec<String> = b
        .iter()
        .map(|b| match b {
            MdBlock::Paragraph(t) => format!("p:{}", t.text),
            MdBlock::Heading(t) => format!("h:{}", t.text),
            MdBlock::List { start, entries } => format!("l{start:?}:{}", entries.iter().map(|e| e.text.as_str()).collect::<Vec<_>>().join("|")),
            MdBlock::Quote(q) => format!("q:{}", q[0].text),
            MdBlock::Image { src, .. } => format!("i:{src}"),
        })
        .collect();
    assert_eq!(kinds, ["h:Results so far", "p:Some text.", "lNone:one|two|nested", "lSome(3):three|four", "q:Quoted words.", "p:After\nbreak"]);
}

#[test]
fn a_markdown_image_is_a_figure_between_the_words() {
    let src = "Before.\n\n![An emblem](images/a.png \"The caption\")\n\nAfter.";
    let b = blocks(src);
    assert_eq!(b.len(), 3);
    let MdBlock::Image { src: file, alt, caption, at } = &b[1] else { panic!("{b:?}") };
    assert_eq!((file.as_str(), alt.as_str(), caption.as_str(), *at), ("images/a.png", "An emblem", "The caption", 9));
    assert_eq!(&src[*at..*at + 2], "![");
}

#[test]
fn html_is_understood_or_dropped_and_listed() {
    let (b, dropped) = markdown_blocks("A <b>bold</b> <em>word</em>,<br>a <a href=\"https://x.org\">link</a> and <span style=\"color:red\">red</span>&nbsp;&amp;&#8217;&eacute;", &en());
    let MdBlock::Paragraph(t) = &b[0] else { panic!("{b:?}") };
    assert_eq!(t.text, "A bold word,\na link and red\u{a0}&’é");
    let bold = t.spans.iter().find(|s| &t.text[s.range.clone()] == "bold").unwrap();
    assert!(bold.emphasis.bold && !bold.emphasis.italic);
    assert!(t.spans.iter().any(|s| &t.text[s.range.clone()] == "word" && s.emphasis.italic));
    assert!(t.spans.iter().any(|s| &t.text[s.range.clone()] == "link" && s.link.as_deref() == Some("https://x.org")));
    let tags: Vec<(usize, &str)> = dropped.iter().map(|d| (d.at, d.tag.as_str())).collect();
    assert_eq!(tags, [(71, "<span style=\"color:red\">"), (98, "</span>")]);
    // An HTML block (a line that starts with a tag) too.
    let (b, dropped) = markdown_blocks("<div class=\"x\">Pasted <b>text</b></div>", &en());
    assert!(matches!(&b[0], MdBlock::Paragraph(t) if t.text == "Pasted text"), "{b:?}");
    assert_eq!(dropped.iter().map(|d| d.tag.as_str()).collect::<Vec<_>>(), ["<div class=\"x\">", "</div>"]);
    // In inline fields and plain ones.
    let (p, dropped) = markdown_report("<p>One</p><p>Two &lt;3</p>", &en());
    assert_eq!(p.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(), ["One", "Two <3"]);
    assert!(dropped.is_empty());
    let (t, dropped) = plain_report("Pasted <b>news</b> &amp; <font face=x>notes</font>", &en());
    assert_eq!(t.text, "Pasted news & notes");
    assert_eq!(dropped.len(), 2);
    // A `<` that opens no tag is text.
    assert_eq!(plain("a < b and c>d", &en()).text, "a < b and c>d");
}

#[test]
fn bare_addresses_become_links() {
    let p = markdown("See https://www.unodc.org/en/page.html, www.unodc.org or write to info@unodc.org. Not [this](https://x.org) again.", &en());
    let links: Vec<(&str, &str)> = p[0].spans.iter().filter_map(|s| s.link.as_deref().map(|l| (&p[0].text[s.range.clone()], l))).collect();
    assert_eq!(
        links,
        [
            ("https://www.unodc.org/en/page.html", "https://www.unodc.org/en/page.html"),
            ("www.unodc.org", "https://www.unodc.org"),
            ("info@unodc.org", "mailto:info@unodc.org"),
            ("this", "https://x.org"),
        ]
    );
    assert_eq!(p[0].text, "See https://www.unodc.org/en/page.html, www.unodc.org or write to info@unodc.org. Not this again.");
}

#[test]
fn block_markers_stay_text() {
    assert_eq!(markdown("- 2020 was a year", &en())[0].text, "- 2020 was a year");
    assert_eq!(markdown("1. first", &en())[0].text, "1. first");
    assert_eq!(markdown("# not a heading", &en())[0].text, "# not a heading");
}
