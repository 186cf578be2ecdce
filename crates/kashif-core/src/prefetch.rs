//! Asking the processor for memory before it is read.
//!
//! The tagger's tables are larger than the processor's caches, and most of their lookups wait
//! on memory. Where the address of a later lookup is known early (the entry a place's search
//! starts at, a few tokens ahead), a prefetch lets that wait overlap with the work in between.

/// Asks the processor to bring the cache line of `item` close (a hint: nothing else changes).
/// On targets other than x86-64 (the page's WebAssembly), it does nothing.
#[inline(always)]
pub(crate) fn prefetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees and cannot fault, whatever the address;
    // this one is of a live reference. `_mm_prefetch` is unsafe only for its target feature, SSE,
    // which every x86-64 processor has.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((item as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}
