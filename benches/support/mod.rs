//! What the benchmarks share.

/// Resident memory of this process, in megabytes (Linux; 0 where it cannot be read).
pub fn resident_mb() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|field| field.parse().ok())
        .unwrap_or(0);
    pages * 4096 / (1024 * 1024)
}
