//! The tagger's hottest loops, compiled a second time for processors with AVX2 and chosen at
//! run time, so that one binary runs on every x86-64 processor and uses the wider vectors where
//! they are.
//!
//! A build for any x86-64 processor has 128-bit vectors and no instruction that widens eight
//! bytes to eight 32-bit integers at once: the sums of the model's `i8` weights into 17 `i32`
//! lanes (the tagger's first pass, `Tagger::one_pass`) and the max over 17 tags of Viterbi's
//! forward pass take more instructions than they do with AVX2. Compiled both ways, on the 1 MB
//! corpus (callgrind): the first pass 230.8 → 195.3 M instructions, Viterbi 47.1 → 30.8 M, the
//! tagger 557.5 → 504.1 M and the whole analysis 996.0 → 942.5 M. Of the 10 MB corpus, 20
//! alternating runs each: the tagger alone, paired ratio median 0.944 (faster in 13); the
//! analysis 0.963 (faster in 13). The whole program built for AVX2 processors
//! (`-C target-cpu=x86-64-v3`) took 913.5 M for the analysis, 29 M (3%) fewer than these two
//! versioned loops: the rest of the code gains little from the wider vectors.
//!
//! Both versions give the same results: the sums are of integers, and the float operations
//! are the same, lane by lane, in the same order (Rust never fuses a multiply and an add unless
//! asked). The tests run both (`one_pass_versions`, `versions` of Viterbi's tests).

/// Whether the processor has AVX2 (std asks it once and keeps the answer). Only on x86-64: the
/// page's WebAssembly has one version of each loop.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn has_avx2() -> bool {
    std::arch::is_x86_feature_detected!("avx2")
}
