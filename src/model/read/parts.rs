//! Loading a long source's YAML in parts, in parallel: the `items:` list is
//! cut at its entries into a few runs of items, each loaded on a thread of
//! its own, and the rest of the file loaded as one more part; the list is
//! then put back in the place of `items:`. Each part is padded with the
//! empty lines before it, so every value keeps its line and column.
//!
//! Only a plain layout of the file is cut (the `items:` key once, at the
//! start of a line, its entries each starting a line at one indentation, no
//! tab in any indentation, no document markers or directives). When any
//! part does not load, [`load`] gives up and the file is loaded whole, so
//! that every message is the one a whole load gives: a quoted text or
//! `[...]` list that runs across an entry's start leaves a part that does
//! not load. marked-yaml refuses anchors and aliases, so no part can need
//! another's.

use marked_yaml::{Node, types::MarkedSequenceNode, types::Span as YamlSpan};
use rayon::prelude::*;

/// Sources shorter than this are loaded whole: cutting them saves less than
/// it costs.
pub(super) const PARTS_FROM: usize = 256 * 1024;

/// The file's YAML tree as a whole load gives it, or `None`
/// when the file is not cut (short, not laid out plainly, or a part that
/// does not load).
pub(super) fn load(source: &str) -> Option<Node> {
    if source.len() < PARTS_FROM {
        return None;
    }
    // Two runs per thread, as layout sets items: runs are not all as slow.
    load_in(source, rayon::current_num_threads().max(1) * 2)
}

/// [`load`] in about `parts` runs of entries (at least one entry each).
fn load_in(source: &str, parts: usize) -> Option<Node> {
    use super::loader_options as options;
    let plan = plan(source, parts)?;
    let (head, runs) = rayon::join(
        || marked_yaml::parse_yaml_with_options(0, plan.head(source), options()).ok(),
        || plan.runs.par_iter().map(|r| marked_yaml::parse_yaml_with_options(0, r.text(source), options()).ok()).collect::<Option<Vec<Node>>>(),
    );
    let (Node::Mapping(mut root), runs) = (head?, runs?) else { return None };
    let mut span = YamlSpan::new_blank();
    let mut entries = Vec::new();
    for run in runs {
        let Node::Mapping(mut run) = run else { return None };
        let Some(Node::Sequence(mut seq)) = run.remove("items") else { return None };
        if entries.is_empty() {
            span.set_start(seq.span().start().copied());
        }
        span.set_end(seq.span().end().copied());
        entries.append(&mut seq);
    }
    // The key is there with nothing after it (its entries were left out).
    match root.get_mut("items") {
        Some(value @ Node::Scalar(_)) if value.as_scalar().is_some_and(|s| s.as_str().is_empty()) => {
            *value = Node::Sequence(MarkedSequenceNode::new(span, entries));
        }
        _ => return None,
    }
    Some(Node::Mapping(root))
}

/// Where the file is cut: the lines of the entries (`from..to`, byte
/// offsets of whole lines) and the runs of entries each part has.
struct Plan {
    from: usize,
    to: usize,
    runs: Vec<Run>,
}

/// A run of entries: its bytes and how many lines come before it (at
/// least one: the `items:` key's).
struct Run {
    start: usize,
    end: usize,
    line: usize,
}

impl Run {
    fn text(&self, source: &str) -> String {
        let mut s = String::with_capacity(self.line + 7 + self.end - self.start);
        // Under a key of its own, as in the file, so that the list starts
        // where a whole load says it does (the first entry's value).
        s.extend(std::iter::repeat_n('\n', self.line - 1));
        s.push_str("items:\n");
        s.push_str(&source[self.start..self.end]);
        s
    }
}

impl Plan {
    /// The file with the entries' lines left empty.
    fn head(&self, source: &str) -> String {
        let lines = source[self.from..self.to].bytes().filter(|&b| b == b'\n').count();
        let mut s = String::with_capacity(source.len() - (self.to - self.from) + lines);
        s.push_str(&source[..self.from]);
        s.extend(std::iter::repeat_n('\n', lines));
        s.push_str(&source[self.to..]);
        s
    }
}

/// Lines with their byte offsets.
fn lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    source.split_inclusive('\n').map(move |l| {
        let start = at;
        at += l.len();
        (start, l)
    })
}

/// The line without its line end.
fn content(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Blank, or only a comment.
fn is_filler(line: &str) -> bool {
    let t = content(line).trim_start_matches(' ');
    t.is_empty() || t.starts_with('#')
}

/// An entry of a list at `at` spaces: `- …` or a lone `-`.
fn is_entry(line: &str, at: usize) -> bool {
    let l = content(line);
    indent(l) == at && (l[at..] == *"-" || l[at..].starts_with("- "))
}

fn plan(source: &str, parts: usize) -> Option<Plan> {
    let mut key = None;
    for (n, (_, line)) in lines(source).enumerate() {
        let l = content(line);
        let lead = &l[..l.len() - l.trim_start_matches([' ', '\t']).len()];
        if lead.contains('\t') || l.starts_with("---") || l.starts_with("...") || l.starts_with('%') {
            return None;
        }
        if let Some(rest) = l.strip_prefix("items") {
            let rest = rest.trim_start_matches(' ');
            // Another `items` key at the start of a line: left to a whole load.
            if key.is_some() || !rest.starts_with(':') || !is_filler(&rest[1..]) {
                return None;
            }
            key = Some(n);
        }
    }
    let mut it = lines(source).enumerate().skip(key? + 1).skip_while(|(_, (_, l))| is_filler(l)).peekable();
    let &(first_line, (from, first)) = it.peek()?;
    let at = indent(first);
    if !is_entry(first, at) {
        return None;
    }
    let mut entries = Vec::new();
    let mut to = source.len();
    for (n, (start, line)) in it {
        if is_entry(line, at) {
            entries.push((n, start));
        } else if !(is_filler(line) || indent(line) > at) {
            to = start;
            break;
        }
    }
    // A short list is not worth cutting.
    if entries.len() < 16 {
        return None;
    }
    // Runs of about equal size, cut at entries.
    let share = (to - from).div_ceil(parts.max(1));
    let mut runs = Vec::new();
    let (mut run_line, mut run_start) = (first_line, from);
    for &(n, start) in &entries[1..] {
        if start - run_start >= share {
            runs.push(Run { start: run_start, end: start, line: run_line });
            (run_line, run_start) = (n, start);
        }
    }
    runs.push(Run { start: run_start, end: to, line: run_line });
    Some(Plan { from, to, runs })
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::loader_options as options;

    /// The tree's values, each with where it starts.
    fn walk(node: &Node, out: &mut Vec<String>) {
        let at = |s: &YamlSpan| s.start().map(|m| (m.line(), m.column()));
        match node {
            Node::Scalar(s) => out.push(format!("{:?} {:?}", s.as_str(), at(s.span()))),
            Node::Sequence(q) => {
                out.push(format!("[ {:?}", at(q.span())));
                q.iter().for_each(|n| walk(n, out));
            }
            Node::Mapping(m) => {
                out.push(format!("{{ {:?}", at(m.span())));
                for (k, v) in m.iter() {
                    out.push(format!("key {:?} {:?}", k.as_str(), at(k.span())));
                    walk(v, out);
                }
            }
        }
    }

    fn tree(node: &Node) -> Vec<String> {
        let mut out = Vec::new();
        walk(node, &mut out);
        out
    }

    /// Loaded in parts, the file gives what a whole load gives, or the
    /// parts give up; returns whether they were used.
    fn same_as_whole(source: &str) -> bool {
        let whole = marked_yaml::parse_yaml_with_options(0, source, options());
        // Every entry a run of its own, so that each is cut.
        match load_in(source, usize::MAX) {
            Some(parts) => {
                assert_eq!(tree(&parts), tree(&whole.expect("the parts loaded, the whole did not")), "{source}");
                true
            }
            None => false,
        }
    }

    fn items(n: usize, indent: &str) -> String {
        (0..n).map(|i| format!("{indent}- title: News {i}\n{indent}  body:\n{indent}  - Some text {i}\n{indent}    on two lines.\n\n{indent}  - |\n{indent}    - a block text\n{indent}    - that looks like a list\n")).collect()
    }

    #[test]
    fn a_plain_list_is_loaded_in_parts_as_it_is_whole() {
        let src = format!("title: Hello\n# the items\nitems:\n# first\n{}theme:\n  columns: 2\n", items(40, ""));
        assert!(same_as_whole(&src));
        // Indented entries, line ends of Windows, the list last.
        assert!(same_as_whole(&format!("title: Hello\nitems:\n{}", items(40, "  "))));
        assert!(same_as_whole(&format!("title: Hello\r\nitems:\r\n{}", items(40, "").replace('\n', "\r\n"))));
    }

    #[test]
    fn what_a_cut_could_change_is_left_to_a_whole_load() {
        let list = items(40, "");
        // A quoted text whose next line starts like an entry.
        let quoted = format!("title: Hello\nitems:\n{list}- title: \"a\n- b\"\n  body: x\n{list}");
        assert!(!same_as_whole(&quoted));
        // A list in brackets across lines.
        assert!(!same_as_whole(&format!("title: Hello\nitems:\n{list}- title: x\n  tags: [a,\n- b]\n  body: x\n{list}")));
        // Two `items` keys: the whole load reports them.
        assert!(!same_as_whole(&format!("title: Hello\nitems:\n{list}items:\n{list}")));
        // Tabs, markers, a list written on the key's line, too few items.
        assert!(!same_as_whole(&format!("title: Hello\nitems:\n{list}\t- x\n")));
        assert!(!same_as_whole(&format!("---\ntitle: Hello\nitems:\n{list}")));
        assert!(!same_as_whole(&format!("title: Hello\nitems: []\n{list}")));
        assert!(!same_as_whole(&format!("title: Hello\nitems:\n{}", items(15, ""))));
        assert!(same_as_whole(&format!("title: Hello\nitems:\n{}", items(16, ""))));
        // An entry that does not load: the whole load tells where.
        assert!(!same_as_whole(&format!("title: Hello\nitems:\n{list}- title: x\n  title: y\n{list}")));
    }

    #[test]
    fn the_bench_corpus_is_loaded_in_parts_as_it_is_whole() {
        // The samples are short; a long source made of them is not.
        let sample = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/eu-unodc/brochure.yaml")).unwrap();
        let key = sample.find("\nitems:\n").expect("the sample has items") + 1;
        let (head, list) = sample.split_at(key);
        let list = &list["items:\n".len()..];
        // The list ends at the next key at the start of a line.
        let end = list.match_indices('\n').map(|(i, _)| i + 1).find(|&i| list[i..].starts_with(|c: char| c.is_ascii_alphabetic())).unwrap_or(list.len());
        let (list, tail) = list.split_at(end);
        let long = format!("{head}items:\n{}{tail}", list.repeat(8));
        assert!(same_as_whole(&long), "the sample's layout is plain and should be cut");
    }
}
