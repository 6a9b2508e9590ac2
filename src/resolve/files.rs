//! Finding the files a source names: only inside the root folder, with
//! hints for a path that names no file and a reason for a file that
//! cannot be read.

use std::path::{Path, PathBuf};

use crate::diag::did_you_mean;
use crate::model::Spanned;

use super::Resolver;

impl Resolver {
    /// The file a source path names, if it lies inside the root folder.
    /// Whether a file lies inside is found out once per path: a brochure
    /// names its few pictures again and again (1,000 items, 30 files), and
    /// each look costs a system call per folder of the path.
    pub(super) fn locate(&mut self, v: &Spanned<String>, path: &str, what: &str) -> Option<PathBuf> {
        let rel = v.value.trim();
        let file = self.base.join(rel);
        let inside = match self.inside.get(&file) {
            Some(&inside) => inside,
            None => {
                // A file that does not exist is reported when it is read.
                let Ok(real) = file.canonicalize() else { return Some(file) };
                let inside = self.root.as_ref().is_some_and(|root| real.starts_with(root));
                self.inside.insert(file.clone(), inside);
                inside
            }
        };
        if inside {
            return Some(file);
        }
        self.error(
            v.span,
            path,
            format!("{what} `{rel}` is outside the brochure's folder"),
            "images and fonts are read only from the brochure's folder and the folders below it: move the file there, or widen the folder with `Options::root`",
        );
        None
    }
}

/// What may be wrong with a path that names no file: backslashes, a
/// Windows path, or a name that differs from a file's in case or by a slip
/// (compared with the files in the brochure's folder and its subfolders).
pub(super) fn path_hints(rel: &str, base: &Path) -> Vec<String> {
    let mut hints = Vec::new();
    let bytes = rel.as_bytes();
    let windows_absolute = bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && matches!(bytes[2], b'\\' | b'/');
    if windows_absolute || rel.starts_with("\\\\") {
        hints.push("this is a path on a Windows computer: copy the image into the brochure's folder (or a folder below it, such as `images/`) and write the path from there, e.g. `images/photo.jpg`".to_string());
    }
    if rel.contains('\\') {
        hints.push("use `/` between folder names, not `\\`".to_string());
    }
    // The last part of a Windows path, with `/` for `\`, is what the
    // author most likely meant.
    let wanted = if windows_absolute { rel.rsplit(['\\', '/']).next().unwrap_or(rel).to_string() } else { rel.replace('\\', "/") };
    let files = files_below(base, 3);
    if files.iter().any(|f| f == &wanted) && wanted != rel {
        hints.push(format!("did you mean `{wanted}`?"));
        return hints;
    }
    let lower = wanted.to_lowercase();
    let name_of = |f: &str| f.rsplit('/').next().unwrap_or(f).to_lowercase();
    let wanted_name = name_of(&wanted);
    let best = files
        .iter()
        .find(|f| f.to_lowercase() == lower)
        .or_else(|| files.iter().find(|f| name_of(f) == wanted_name))
        .or_else(|| {
            let names: Vec<&str> = files.iter().map(String::as_str).collect();
            did_you_mean(&wanted, &names).and_then(|m| files.iter().find(|f| *f == m))
        })
        .or_else(|| {
            // The file name alone, wherever it is below the folder.
            let names: Vec<String> = files.iter().map(|f| name_of(f)).collect();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            did_you_mean(&wanted_name, &refs).and_then(|m| files.iter().find(|f| name_of(f) == m))
        });
    if let Some(f) = best {
        hints.push(format!("did you mean `{f}`?"));
    }
    hints
}

/// The files in `base` and the folders below it, `depth` levels deep, as
/// paths relative to `base` with `/`, sorted (so hints never depend on the
/// order the file system lists them in).
fn files_below(base: &Path, depth: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs = vec![(base.to_path_buf(), String::new(), 0)];
    while let Some((dir, prefix, d)) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = format!("{prefix}{name}");
            match e.file_type() {
                Ok(t) if t.is_dir() && d + 1 < depth => dirs.push((e.path(), format!("{rel}/"), d + 1)),
                Ok(t) if t.is_file() => out.push(rel),
                _ => {}
            }
            // A folder of thousands of files is not searched further.
            if out.len() > 2000 {
                break;
            }
        }
    }
    out.sort();
    out
}

pub(super) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ if e.raw_os_error() == Some(21) => "it is a folder".into(),
        _ => e.to_string(),
    }
}
