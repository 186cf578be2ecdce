//! Text handling: decoding bytes, folding for matching, tokenizing.

pub mod decode;
