//! brochure: packs a finished PDF's non-stream objects into compressed object
//! streams (PDF 32000-1:2008, 7.5.7) and replaces its cross-reference table by a
//! cross-reference stream (7.5.8).
//!
//! pdf-writer writes only the classic table, so this works on its output: the
//! table gives every object's offset exactly (no guessing where an object ends,
//! whatever bytes its streams hold), each object is copied either verbatim (a
//! stream) or into an object stream (everything else: structure elements,
//! annotations, outlines, fonts' dictionaries, pages, the catalog, the document
//! information), and the trailer's entries (`/Root`, `/Info`, `/ID`) move
//! unchanged into the cross-reference stream's dictionary. Object numbers stay
//! as they were; the object streams and the cross-reference stream are numbered
//! after the last object.

use std::collections::VecDeque;
use std::io::Write;


/// How many objects one object stream holds at most. A reader inflates a whole
/// object stream to get one object in it; 200 keeps that under about 40 KB on
/// the structure elements while the deflate window still sees many alike
/// dictionaries (measured on the 1,000-item corpus: 100 objects 9.05 MB,
/// 200 objects 9.01 MB, 1,000 objects 8.99 MB).
const OBJECTS_PER_STREAM: usize = 200;

/// The deflate level of object streams and of the cross-reference stream. They
/// are a small part of the work (about 3 MB of dictionaries for 1,000 items), so
/// a higher level than page content's costs little: see `vendor/README.md`.
pub(crate) const OBJECT_STREAM_LEVEL: u32 = 6;

/// One indirect object of the input: its number and where it lies.
struct Object {
    id: u32,
    start: usize,
    end: usize,
}

/// Rewrites `pdf` (as written by pdf-writer's `Pdf::finish`, with a classic
/// cross-reference table) with object streams and a cross-reference stream.
///
/// Returns the input unchanged when it cannot be read as such a file or when
/// its header says PDF 1.4 or older (object streams are PDF 1.5).
///
/// The file is rewritten in its own buffer: what is written never passes what
/// is still to be read, since objects only move towards the start (the
/// dictionaries leave for object streams, which are smaller than what they
/// hold). An object stream that would not fit yet waits for room, and at the
/// latest goes at the end. So packing a file takes no second copy of it.
pub(crate) fn pack(mut pdf: Vec<u8>, level: u32) -> Vec<u8> {
    let Some(plan) = read_objects(&pdf) else { return pdf };
    let Plan { objects, trailer, size } = plan;
    let Some(first) = objects.first().map(|o| o.start) else { return pdf };

    // Per object number: (type, field 2, field 3) of its cross-reference entry.
    let mut entries: Vec<(u8, u64, u16)> = vec![(0, 0, 0); size as usize];
    entries[0] = (0, 0, 65535);
    let mut next_id = size;
    // The object streams are made first, all at once (in parallel with
    // `rayon`), from the file as it is; below they go where the loop would
    // have made them, so the file is the same bytes.
    let mut streams = object_streams(&pdf, &objects, &mut entries, &mut next_id, level).into_iter();
    let mut in_batch = 0;
    // Objects made or read and not yet written, in the order they go.
    let mut waiting: VecDeque<Waiting> = VecDeque::new();
    let mut out = first;

    for &Object { id, start, end } in &objects {
        // Read before: it splits.
        let Some((generation, _, is_stream)) = split_at(&pdf, start, end) else { continue };
        if is_stream || generation != 0 {
            flush(&mut pdf, &mut out, &mut entries, &mut waiting, start);
            if waiting.is_empty() {
                entries[id as usize] = (1, out as u64, generation);
                pdf.copy_within(start..end, out);
                out += end - start;
            } else {
                // A stream does not pass an object stream that waits: the
                // order stays that of a copy made in a second buffer.
                waiting.push_back(Waiting { id, generation, bytes: pdf[start..end].to_vec() });
            }
        } else {
            in_batch += 1;
            if in_batch == OBJECTS_PER_STREAM {
                in_batch = 0;
                waiting.extend(streams.next());
                flush(&mut pdf, &mut out, &mut entries, &mut waiting, end);
            }
        }
    }
    waiting.extend(streams);
    // Past the last object everything is free: the rest goes at the end.
    pdf.truncate(out);
    for w in waiting {
        entries[w.id as usize] = (1, pdf.len() as u64, w.generation);
        pdf.extend_from_slice(&w.bytes);
    }

    let xref_id = next_id;
    let xref_offset = pdf.len();
    debug_assert_eq!(entries.len(), xref_id as usize);
    entries.push((1, xref_offset as u64, 0));

    let max_field = entries.iter().map(|e| e.1).max().unwrap_or(0);
    let width = (u64::BITS - max_field.leading_zeros()).div_ceil(8).max(1) as usize;
    let mut table = Vec::with_capacity(entries.len() * (3 + width));
    for (kind, field, index) in &entries {
        table.push(*kind);
        table.extend_from_slice(&field.to_be_bytes()[8 - width..]);
        table.extend_from_slice(&index.to_be_bytes());
    }
    let table = deflate(&table, level);

    let _ = write!(
        pdf,
        "{xref_id} 0 obj\n<</Type/XRef/Size {}/W[1 {width} 2]/Filter/FlateDecode/Length {}",
        entries.len(),
        table.len()
    );
    pdf.extend_from_slice(&trailer);
    pdf.extend_from_slice(b">>\nstream\n");
    pdf.extend_from_slice(&table);
    let _ = write!(pdf, "\nendstream\nendobj\n\nstartxref\n{xref_offset}\n%%EOF");
    pdf
}

/// An object waiting to be written: its number, generation and bytes.
struct Waiting {
    id: u32,
    generation: u16,
    bytes: Vec<u8>,
}

/// Writes at `out` the waiting objects that fit before `limit` (where what
/// is still to be read begins), in order.
fn flush(pdf: &mut [u8], out: &mut usize, entries: &mut [(u8, u64, u16)], waiting: &mut VecDeque<Waiting>, limit: usize) {
    while let Some(w) = waiting.front() {
        if *out + w.bytes.len() > limit {
            break;
        }
        entries[w.id as usize] = (1, *out as u64, w.generation);
        pdf[*out..*out + w.bytes.len()].copy_from_slice(&w.bytes);
        *out += w.bytes.len();
        waiting.pop_front();
    }
}

/// What packing needs to know of a file before it changes a byte of it.
struct Plan {
    objects: Vec<Object>,
    trailer: Vec<u8>,
    /// One more than the highest object number.
    size: u32,
}

/// Reads every object of `pdf` (see [`read_table`]); `None` when the file
/// cannot be packed.
fn read_objects(pdf: &[u8]) -> Option<Plan> {
    // `%PDF-1.x`: object streams need 1.5 or newer.
    let version = pdf.get(5..8)?;
    if version[0] == b'1' && version[2] < b'5' {
        return None;
    }
    let (objects, trailer) = read_table(pdf)?;
    let size = 1 + objects.iter().map(|o| o.id).max()?;
    if !objects.iter().all(|o| split_at(pdf, o.start, o.end).is_some()) {
        return None;
    }
    Some(Plan { objects, trailer: trailer.to_vec(), size })
}

/// [`split_object`] of the object at `start..end`, its interior as a range.
fn split_at(pdf: &[u8], start: usize, end: usize) -> Option<(u16, (usize, usize), bool)> {
    let (generation, body, is_stream) = split_object(&pdf[start..end])?;
    let at = body.as_ptr() as usize - pdf.as_ptr() as usize;
    Some((generation, (at, at + body.len()), is_stream))
}

/// The object streams of `pdf`: its objects that are neither streams nor of
/// another generation than 0, in their order, [`OBJECTS_PER_STREAM`] to a
/// stream, numbered from `next_id` on. Records where each object went (a
/// stream's own entry is made when it is written).
fn object_streams(pdf: &[u8], objects: &[Object], entries: &mut Vec<(u8, u64, u16)>, next_id: &mut u32, level: u32) -> Vec<Waiting> {
    let mut batches: Vec<(u32, Vec<(u32, (usize, usize))>)> = Vec::new();
    let mut batch = Vec::with_capacity(OBJECTS_PER_STREAM);
    for o in objects {
        let Some((generation, body, is_stream)) = split_at(pdf, o.start, o.end) else { continue };
        if is_stream || generation != 0 {
            continue;
        }
        batch.push((o.id, body));
        if batch.len() == OBJECTS_PER_STREAM {
            batches.push((0, std::mem::replace(&mut batch, Vec::with_capacity(OBJECTS_PER_STREAM))));
        }
    }
    if !batch.is_empty() {
        batches.push((0, batch));
    }
    for (stream_id, batch) in &mut batches {
        *stream_id = *next_id;
        *next_id += 1;
        debug_assert_eq!(entries.len(), *stream_id as usize);
        entries.push((1, 0, 0));
        for (index, (id, _)) in batch.iter().enumerate() {
            entries[*id as usize] = (2, *stream_id as u64, index as u16);
        }
    }
    let make = |(stream_id, batch): &(u32, Vec<(u32, (usize, usize))>)| object_stream(pdf, *stream_id, batch, level);
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        batches.par_iter().map(make).collect()
    }
    #[cfg(not(feature = "rayon"))]
    batches.iter().map(make).collect()
}

/// The objects of `batch` (numbers and where their interiors lie in `pdf`)
/// as one object stream numbered `stream_id`.
fn object_stream(pdf: &[u8], stream_id: u32, batch: &[(u32, (usize, usize))], level: u32) -> Waiting {
    let mut header = Vec::new();
    let mut objects = Vec::new();
    for (id, (start, end)) in batch {
        write!(header, "{} {} ", id, objects.len()).unwrap();
        objects.extend_from_slice(&pdf[*start..*end]);
        objects.push(b'\n');
    }
    let first = header.len();
    header.extend_from_slice(&objects);
    let data = deflate(&header, level);

    let mut out = Vec::with_capacity(data.len() + 100);
    write!(
        out,
        "{stream_id} 0 obj\n<</Type/ObjStm/N {}/First {first}/Filter/FlateDecode/Length {}>>\nstream\n",
        batch.len(),
        data.len()
    )
    .unwrap();
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n\n");
    Waiting { id: stream_id, generation: 0, bytes: out }
}

fn deflate(data: &[u8], level: u32) -> Vec<u8> {
    crate::stream::deflate_encode_with_level(data, level)
}

/// Reads the classic cross-reference table at the end of `pdf`: the objects in
/// the order they lie in the file, and the trailer's entries after `/Size`.
fn read_table(pdf: &[u8]) -> Option<(Vec<Object>, &[u8])> {
    let tail_start = pdf.len().saturating_sub(64);
    let at = rfind(&pdf[tail_start..], b"startxref")? + tail_start;
    let xref_offset: usize = number(&pdf[at + 9..])?.0 as usize;

    let mut rest = pdf.get(xref_offset..)?.strip_prefix(b"xref")?;
    let mut objects = vec![];
    // Subsections: `first count` then `count` entries of 20 bytes each.
    loop {
        rest = skip_whitespace(rest);
        if rest.starts_with(b"trailer") {
            break;
        }
        let (first, after) = number(rest)?;
        let (count, after) = number(skip_whitespace(after))?;
        rest = skip_whitespace(after);
        for i in 0..count {
            let entry = rest.get(..20)?;
            if entry[17] == b'n' {
                let offset = number(entry)?.0 as usize;
                objects.push(Object { id: (first + i) as u32, start: offset, end: 0 });
            }
            rest = &rest[20..];
        }
    }

    // The trailer dictionary begins with `/Size n` (pdf-writer writes it first);
    // the rest of it is kept as written.
    let dict = skip_whitespace(rest.strip_prefix(b"trailer")?);
    let dict = skip_whitespace(dict.strip_prefix(b"<<")?);
    let dict = dict.strip_prefix(b"/Size")?;
    let (_, dict) = number(skip_whitespace(dict))?;
    let close = rfind(dict, b">>")?;
    let trailer = trim_end(&dict[..close]);

    objects.sort_by_key(|o| o.start);
    let ends: Vec<usize> = objects.iter().skip(1).map(|o| o.start).chain([xref_offset]).collect();
    for (object, end) in objects.iter_mut().zip(ends) {
        if end < object.start {
            return None;
        }
        object.end = end;
    }
    Some((objects, trailer))
}

/// Splits an indirect object (`n g obj … endobj`) into its generation, its
/// interior and whether it is a stream.
fn split_object(bytes: &[u8]) -> Option<(u16, &[u8], bool)> {
    let (_, rest) = number(bytes)?;
    let (generation, rest) = number(skip_whitespace(rest))?;
    let rest = skip_whitespace(rest).strip_prefix(b"obj")?;
    let body = trim_end(trim_end(rest).strip_suffix(b"endobj")?);
    let body = skip_whitespace(body);
    // A stream's interior ends with `endstream`; a dictionary, array, string,
    // number or reference cannot (a name would, but one is never an object of
    // its own here, and it would start with `/`).
    let is_stream = body.ends_with(b"endstream") && !body.starts_with(b"/");
    Some((u16::try_from(generation).ok()?, body, is_stream))
}

fn number(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let bytes = skip_whitespace(bytes);
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 19 {
        return None;
    }
    let value = std::str::from_utf8(&bytes[..digits]).ok()?.parse().ok()?;
    Some((value, &bytes[digits..]))
}

fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn skip_whitespace(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|&&b| is_whitespace(b)).count();
    &bytes[n..]
}

fn trim_end(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().rev().take_while(|&&b| is_whitespace(b)).count();
    &bytes[..bytes.len() - n]
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_writer::{Pdf, Ref};

    fn sample() -> Vec<u8> {
        let mut pdf = Pdf::new();
        pdf.catalog(Ref::new(1)).pages(Ref::new(2));
        pdf.pages(Ref::new(2)).kids([Ref::new(3)]).count(1);
        pdf.page(Ref::new(3)).parent(Ref::new(2)).contents(Ref::new(4));
        pdf.stream(Ref::new(4), b"endobj endstream (");
        pdf.document_info(Ref::new(5)).title(pdf_writer::TextStr("a (b) endobj"));
        pdf.set_file_id((b"one".to_vec(), b"two".to_vec()));
        pdf.finish()
    }

    #[test]
    fn packs_dictionaries_and_keeps_streams() {
        let packed = pack(sample(), 6);
        let text = String::from_utf8_lossy(&packed);
        assert!(text.starts_with("%PDF-1.7"));
        assert!(!text.contains("\nxref\n") && !text.contains("trailer"));
        assert!(text.contains("stream\nendobj endstream (\nendstream"));
        assert!(text.contains("6 0 obj\n<</Type/ObjStm/N 4/First "));
        assert!(text.contains("7 0 obj\n<</Type/XRef/Size 8/W[1 "));
        assert!(text.contains("/Root 1 0 R") && text.contains("/Info 5 0 R"));
        assert!(text.ends_with("%%EOF"));
    }

    #[test]
    fn leaves_old_versions_alone() {
        let mut bytes = sample();
        bytes[7] = b'4';
        assert_eq!(pack(bytes.clone(), 6), bytes);
    }
}
