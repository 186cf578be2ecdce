//! Text handling: decoding bytes, folding for matching, tokenizing, clitics.
//!
//! The first steps of the flow. [`decode`] turns a file's bytes into text (what
//! [`ingest`](crate::ingest) does for text, Markdown and HTML); [`normalize`] folds the text
//! for matching and maps every folded position back to the text as given. Tokenizing, clitics,
//! sentences and the parts of long texts are the analyzer's own and not public.
//!
//! ```
//! use kashif_core::text::{decode::decode_bytes, normalize::fold};
//! // «إدلب» in Windows-1256, as older Arabic files hold it.
//! let text = decode_bytes(&[0xC5, 0xCF, 0xE1, 0xC8]).unwrap();
//! assert_eq!(text, "إدلب");
//! assert_eq!(fold(&text), "ادلب");
//! ```

pub(crate) mod byte_offsets;
pub(crate) mod clitics;
pub(crate) mod parts;
pub mod decode;
pub mod normalize;
pub(crate) mod sentences;
pub(crate) mod tokenize;
