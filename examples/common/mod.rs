//! What the examples share: the command's allocator, set as it is, and a
//! peak-memory reading.

/// The command's allocator (see src/main.rs), so that the times and peak
/// memory an example prints are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Sets the allocator as the command does (src/main.rs): freed memory goes
/// back to the system at once. Called first in `main`.
pub fn allocate_like_the_command() {
    // SAFETY: as in src/main.rs: one setting stored (`mi_option_purge_delay`
    // is 15 in mimalloc.h), before any other thread runs.
    unsafe { libmimalloc_sys::mi_option_set(15, 0) }
}

/// Peak resident memory of this process so far, in MB (Linux).
pub fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
