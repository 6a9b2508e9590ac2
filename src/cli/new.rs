//! `brochure new DIR`: a project that builds at once and shows every field
//! of the format, with a comment on each, for people who start by changing
//! an example.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use super::pictures;

/// The brochure of a new project. Its first line points editors that use
/// the YAML language server at the schema written beside it.
pub const BROCHURE: &str = r##"# yaml-language-server: $schema=brochure.schema.json
#
# A brochure for `brochure`: news items written in YAML, made into a PDF.
#
#     brochure build brochure.yaml     writes brochure.pdf beside this file
#     brochure watch brochure.yaml     and writes it again on every save
#
# Every field of the format is used below, with what it does. Paths (images,
# fonts) are relative to this file's folder. Text marked Markdown takes
# *italic*, **bold**, [links](https://example.org) and `code`. Straight
# "quotes" and apostrophes become the typographic ones of the language, and
# -- and --- become dashes. With the schema (first line), an editor such as
# VS Code with its YAML extension completes the field names as you type.

title: Riverside Library News               # required
subtitle: Spring newsletter                 # optional
publisher: Riverside Community Library      # optional: on the cover, and the PDF's author
date: 2025-04-01                            # optional: the edition date, YYYY-MM-DD
language: en                                # optional: hyphenation, quotes, the PDF's language
intro: |                                    # optional, Markdown; a blank line starts a paragraph
  Welcome to the spring edition of our newsletter. This season the library
  reopens its **reading room**, starts a series of *summer workshops* and
  welcomes a French conversation group.

  Tell us what you would like to read about next: write to
  [news@example.org](mailto:news@example.org).

cover:                                      # optional
  image:                                    # a path, or {src, credit, caption, alt}
    src: images/dawn.jpg
    alt: Hills and a river under a rising sun   # what the picture shows, for screen readers

items:                                      # required: at least one news item
  - title: The reading room reopens         # required
    date: 2025-03-24                        # optional
    location: Riverside, main building      # optional
    image:                                  # optional (left empty or `null`: none): the picture, long form
      src: images/shelves.jpg
      credit: © Riverside Library           # printed as "Image © Riverside Library"
      caption: The new shelves of the reading room
      alt: Books of many colours on two wooden shelves    # for readers who cannot see it
    summary: >-                             # optional standfirst, Markdown
      After six months of work, the reading room is open again, with new
      shelves, more daylight and forty more seats.
    body:                                   # required: one Markdown text, or a list of blocks;
                                            # a text may hold `## headings`, `- lists`, `1. lists`,
                                            # `> quotes`, `![alt](images/a.jpg "caption")` and <b>, <i>, <br>
      - image:                              # an inset: the next paragraph runs beside it
          src: images/emblem.png
          alt: The library's emblem, a round wheel
          float: right                      # left or right (mirrored in right-to-left items)
          width: 30%                        # 25% to 60% of the column
      - The reading room on the first floor has been rebuilt from the floor up.
        The old metal shelves have made way for oak ones that reach only as high
        as a hand can, so that every book can be taken without a ladder, and the
        windows on the river side are twice as tall as they were. The floor is
        new as well, of cork, which is warm underfoot and quiet, so that a dropped
        book or a pushed chair no longer makes the whole room look up. Along
        the walls, low benches with cushions give room to sit for a few
        minutes with a book before taking it home, and the tables by the
        windows have lamps of their own for the winter afternoons.
      - quote: It feels like a new library, and it is still our library.
        by: A reader on the opening day     # `by` goes only with a quote
      - heading: What is new                # a sub-heading, kept with what follows it
      - list:                               # a bulleted list; each entry is Markdown
          - forty more seats, twelve of them at tables with sockets
          - daylight lamps above every table
          - a quiet corner with *picture books* for the youngest readers
      - The catalogue has moved too. Search it from any computer in the room,
        or from home, by typing `riverside` and a title or an author's name.
      - box:                                # a box (sidebar): a tinted panel with its heading, at column width
          title: The room in numbers
          tone: accent                      # muted (the default) or accent
          body:                             # a Markdown text, or a list of blocks (no box in a box)
            - list:
                - 120 seats, 40 of them new
                - 18,000 books on open shelves
            - Open Tuesday to Saturday, 10:00 to 18:00.
    links:                                  # optional: "More information"
      - text: Opening hours and a plan of the room
        url: https://example.org/reading-room
    tags: [Building, Reading room]          # optional
    # qr: https://example.org/plan          # with theme qr_codes: true, the QR code's address (default: the first link)
    # drop_cap: false                       # this item without the theme's drop cap (or true: with one)

  - title: Summer workshops on the river
    date: 2025-03-10
    location: Riverside, the boathouse
    summary: Six Saturday mornings to learn **photography**, from the first light to the printed page.
    body:
      - Last year's photography workshops were full within a week, so this summer
        there are two groups. Each meets on three Saturday mornings at the boathouse
        -- bring a camera or a phone, and clothes that do not mind the river bank.
      - quote: I had walked past this river for years; now I see it.
        by: A participant in last year's workshops
        style: pull                         # a pull quote: larger, between rules; across two columns with 3 or 4
      - image:                              # a figure; `width: full` sets it across the columns
          src: images/dawn.jpg
          caption: The river at dawn, by one of last year's participants (also on our cover)
          alt: Hills and a river under a rising sun
          width: full                       # column (the default) or full
      - gallery:                            # 2 to 6 images in a grid, or just a list: `gallery: [a.jpg, b.jpg]`
          images:                           #   each in any form `image:` takes; cropped to its cell
            - src: images/dawn.jpg
              credit: © Sam Lee             # credits are gathered under the grid: "Images © Sam Lee, Riverside Library"
              alt: The sun rising over the hills
              focus: [0.7, 0.6]             # where the subject is, 0 to 1 from the top-left: the crop centres there
            - src: images/shelves.jpg
              credit: © Riverside Library
              alt: Books of many colours on two wooden shelves
            - src: images/dawn.jpg
              credit: © Sam Lee
              alt: The river winding through the valley
              focus: [0.3, 0.8]
          caption: Three of last year's prints   # one caption under the grid
          width: column                     # column (the default: kept whole in a column) or full
      - The workshops end with an exhibition in the entrance hall, where every
        participant shows three prints. Places are free for members of the library;
        ask at the desk or sign up online.
    links:
      - text: Dates and sign-up
        url: https://example.org/workshops
      - text: Write to the organisers
        url: mailto:workshops@example.org
    tags: [Workshops, Photography]

  - title: Un café de conversation en français
    date: 2025-02-20
    language: fr                            # this item is in French: French quotes and hyphenation
    body:
      - >-                                  # `>-`: a text that may hold `: ` (as French does)
        Chaque jeudi à 18 heures, la bibliothèque accueille un café de conversation
        en français. Débutants et confirmés sont les bienvenus : "on apprend en
        parlant", dit l'animatrice, qui propose chaque semaine un thème différent.
      - image: {src: images/emblem.png, alt: ""}   # alt "": only decoration, screen readers skip it
      - Le café a lieu dans la salle de lecture ; l'entrée est libre.
    tags: [Français, Conversation]

closing: |                                  # optional, Markdown; a \ at the end of a line breaks it
  Riverside Community Library\
  12 River Street, open Tuesday to Saturday, 10:00--18:00

  All our news and the full programme are on [our website](https://example.org).

theme:                                      # optional design settings
  page: A4                                  # A4, A5, A3, Letter, Legal, or {width: 170mm, height: 240mm}
  margins: {top: 20mm, bottom: 22mm, inside: 18mm, outside: 18mm}   # or one length for all four
  columns: 2                                # 1 to 4
  gutter: 6mm                               # between the columns; lengths take mm, cm, in or pt
  base_size: 9.5pt                          # the size of the body text
  fonts:                                    # the bundled Noto Serif and Noto Sans, or files:
    body: Noto Serif                        #   {regular: fonts/a.ttf, bold: …, italic: …, bold_italic: …}
    heading: Noto Sans
  colors: {text: "#1d1d1b", accent: "#005c97", muted: "#5f6368"}   # or for print: "cmyk(0, 0, 0, 100)"
  date_format: "%-d %B %Y"                  # chrono strftime codes (%-d: the day without a leading zero);
                                            #   without it, each language's own: "1 April 2025", "1er avril 2025"
  digits: latin                             # for page numbers, dates and contents: latin, arabic-indic or persian
  kashida: true                             # justified Arabic stretches words (lengthened joins) before spaces
  drop_cap: true                            # each item's first paragraph opens with a letter three lines tall
  labels: {contents: In this issue}         # the program's own words: contents, image_credit ("Image" ©),
                                            #   images_credit (a gallery's "Images" ©), more_information;
                                            #   each language has its own without this
  order: newest-first                       # as-written (the default), newest-first or oldest-first
  toc: true                                 # a contents list; without this, only for 4 items or more
  item_start: flow                          # flow, new-column or new-page
  header: "{title}"                         # {title}, {page}, {pages} and {date}; none by default
  footer: "{page} / {pages}"                # the default is "{page}"
  bleed: 0mm                                # for a printer: bleed around the trimmed page
  crop_marks: false                         # for a printer: crop marks
  keep_lines: 2                             # fewest lines of a paragraph on either side of a column break, 1 to 5
  image_dpi: 300                            # finer images are scaled down to this resolution, 72 to 2400
  qr_codes: false                           # true: a QR code of each item's first link, for paper readers
  # output_profile: press.icc               # with --standard x4: the print shop's CMYK profile (default: coated FOGRA39)
  max_figure_height: 40%                    # tallest a figure's image is set: a share of the column, or a length
  # pages: 8                                # the number of pages to aim at (figures are set smaller or larger)
  page_multiple: 2                          # or a multiple of it: 4 for a saddle-stitched booklet
"##;

/// The project's README: the one command that builds it.
pub const README: &str = "\
# Riverside Library News

Build the PDF (it is written beside the source, as `brochure.pdf`):

    brochure build brochure.yaml

While you edit, `brochure watch brochure.yaml` builds it again on every save.

- `brochure.yaml`: the text and the settings; every field of the format is
  used, with a comment on what it does.
- `images/`: the pictures it shows (JPEG or PNG).
- `brochure.schema.json`: the format's JSON Schema. The first line of
  `brochure.yaml` points editors at it, so that VS Code with its YAML
  extension (and other editors with the YAML language server) complete field
  names and mark mistakes as you type.
";

/// Makes a new project in `dir`, which must not exist or be empty. Returns
/// the names of the files written, relative to `dir`.
pub fn scaffold(dir: &Path) -> anyhow::Result<Vec<String>> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                anyhow::bail!("`{}` is not empty; give a new folder, or an empty one", dir.display());
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
        }
        Err(_) if dir.exists() => anyhow::bail!("`{}` is a file, not a folder", dir.display()),
        Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", dir.display())),
    }
    std::fs::create_dir(dir.join("images")).with_context(|| format!("cannot create `{}`", dir.join("images").display()))?;
    let files: [(&str, Vec<u8>); 6] = [
        ("brochure.yaml", BROCHURE.as_bytes().to_vec()),
        ("brochure.schema.json", super::SCHEMA.as_bytes().to_vec()),
        ("README.md", README.as_bytes().to_vec()),
        ("images/dawn.jpg", pictures::dawn()),
        ("images/shelves.jpg", pictures::shelves()),
        ("images/emblem.png", pictures::emblem()),
    ];
    for (name, bytes) in &files {
        let path = dir.join(name);
        // `create_new`: a file that appeared meanwhile is never overwritten.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| f.write_all(bytes))
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok(files.iter().map(|(name, _)| name.to_string()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_builds_without_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("news");
        scaffold(&project).unwrap();
        let out = brochure::compile_str(BROCHURE, &project, &brochure::Options::default()).unwrap();
        let warnings: Vec<String> = out.warnings.iter().map(|w| w.render("brochure.yaml", BROCHURE)).collect();
        assert!(warnings.is_empty(), "{}", warnings.join("\n\n"));
        assert_eq!(out.items, 3);
    }

    #[test]
    fn a_folder_with_something_in_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let e = scaffold(dir.path()).unwrap_err().to_string();
        assert!(e.contains("is not empty"), "{e}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let file = dir.path().join("notes.txt");
        assert!(scaffold(&file).unwrap_err().to_string().contains("is a file"));
    }

    #[test]
    fn an_empty_folder_is_used() {
        let dir = tempfile::tempdir().unwrap();
        let files = scaffold(dir.path()).unwrap();
        assert!(files.contains(&"brochure.schema.json".to_string()));
        for f in files {
            assert!(dir.path().join(&f).is_file(), "{f}");
        }
    }
}
