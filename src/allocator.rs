//! The command's allocator and its one setting, shared by `src/main.rs` and
//! the examples (which include this file by path), so that the times and
//! peak memory an example prints are the command's.
#![allow(unsafe_code)]

/// The allocator: mimalloc. The layout's threads make the pages and the
/// renderer's thread frees them; glibc's malloc spent about a sixth of the
/// layout threads' time in locking and coalescing (two heaps shared by four
/// threads), and more with a heap per thread, which also grew the peak.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (15 in `mi_option_e` of mimalloc.h,
/// v2 and v3 alike; libmimalloc-sys names no constant for it).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Memory freed goes back to the system at once, not 10 ms later: layout
/// frees as fast as it allocates, and with the delay a 10,000-item brochure
/// peaked at 405-415 MB instead of 361-367 MB (1,000 items: 122-130 MB
/// instead of 86-91 MB) for about 0.1 s more system time on 1,000 items.
pub fn purge_freed_memory_at_once() {
    // SAFETY: `mi_option_set` stores one of mimalloc's settings (it ignores
    // an option number out of range); called first in `main`, before any
    // other thread runs.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}
