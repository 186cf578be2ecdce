//! Text handling: decoding bytes, folding for matching, tokenizing, clitics.

pub(crate) mod clitics;
pub(crate) mod parts;
pub mod decode;
pub mod normalize;
pub(crate) mod sentences;
pub(crate) mod tokenize;
