//! Asking the processor for memory before it is read.
//!
//! The tagger's tables are larger than the processor's caches, and most of their lookups wait
//! on memory. Where the address of a later lookup is known early (the entry a place's search
//! starts at, a few tokens ahead), a prefetch lets that wait overlap with the work in between.

/// The bytes of a cache line.
const LINE: usize = 64;

/// Asks the processor to bring the cache lines of `item` close (a hint: nothing else changes).
/// On targets other than x86-64 (the page's WebAssembly), it does nothing.
#[inline(always)]
pub(crate) fn prefetch<T>(item: &T) {
    let start = (item as *const T).cast::<i8>();
    for offset in (0..std::mem::size_of::<T>()).step_by(LINE) {
        line(start.wrapping_add(offset));
    }
}

/// Asks for the cache line of the byte at `address`.
#[inline(always)]
fn line(address: *const i8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees and cannot fault, whatever the address;
    // these are of a live reference's bytes. `_mm_prefetch` is unsafe only for its target
    // feature, SSE, which every x86-64 processor has.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(address);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}
