//! What the examples share: the command's allocator, set as it is, and a
//! peak-memory reading.

#[path = "../../src/allocator.rs"]
pub mod allocator;

/// Peak resident memory of this process so far, in MB (Linux).
pub fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
