//! What the examples share: the command's memory setting and a peak-memory
//! reading.

/// Sets the allocator as the command line does (see `keep_large_blocks_apart`
/// in src/main.rs), so that the peak memory an example prints is the
/// command's. Call it first, before any other thread exists.
pub fn allocate_like_the_command() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: sets an allocator parameter before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Peak resident memory of this process so far, in MB (Linux).
pub fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
