//! The tagger's hottest loops, compiled a second time for processors with AVX2 and chosen at
//! run time, so that one binary runs on every x86-64 processor and uses the wider vectors where
//! they are.
//!
//! A build for any x86-64 processor has 128-bit vectors and no instruction that widens eight
//! bytes to eight 32-bit integers at once: the sums of the model's `i8` weights into 17 `i32`
//! lanes (the tagger's first pass, `Tagger::one_pass`) and the max over 17 tags of Viterbi's
//! forward pass take more instructions than they do with AVX2. Compiled both ways, in the
//! release build of `kashif analyze` on the 1 MB corpus (callgrind): the analysis 969.6 → 922.9 M
//! instructions, of which the tagger's scores 486.6 → 453.3 M and Viterbi 46.7 → 33.2 M. The 10 MB
//! corpus, 16 alternating runs of the CLI: paired ratio median 0.955 (faster in 11). The whole
//! program built for AVX2 processors (`-C target-cpu=x86-64-v3`, without LTO) took a further 3%
//! fewer instructions for the analysis: the rest of the code gains little from the wider vectors.
//!
//! The functions these loops call are inlined into them (`#[inline(always)]`), and written as
//! plain loops where a library call was left out of line: a function left out is compiled for any
//! processor, whoever calls it.
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
