//! Reading one file out of a ZIP archive held in memory (what a `.docx` is).
//!
//! Only what word processors write is supported: entries stored or compressed with deflate,
//! found through the central directory. Every offset and size is checked against the bytes at
//! hand, and inflating stops at a limit, so a damaged file or a zip bomb gives an error, never a
//! panic or an exhausted memory.

/// Why an entry could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ZipError {
    /// The archive is damaged or is not a ZIP archive; the text says what was wrong.
    Corrupt(&'static str),
    /// The entry would be larger than the limit once unpacked.
    TooLarge,
    /// The entry is encrypted (general purpose flag bit 0): it cannot be read without the password.
    Encrypted,
}

/// The signature that starts a local file header, and so a ZIP file.
pub(crate) const LOCAL_HEADER: &[u8; 4] = b"PK\x03\x04";
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: &[u8; 4] = b"PK\x05\x06";

/// One entry of the central directory.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    method: u16,
    /// Bit 0 of the general purpose flags: the entry is encrypted.
    encrypted: bool,
    compressed_size: usize,
    header_offset: usize,
}

/// The entries of an archive.
pub(crate) struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

impl<'a> Archive<'a> {
    /// Reads the central directory of an archive.
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Self, ZipError> {
        // The end record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
        let search_from = bytes.len().saturating_sub(22 + 0xFFFF);
        let end = (search_from..bytes.len().saturating_sub(21))
            .rev()
            .find(|&at| bytes[at..].starts_with(END_OF_CENTRAL_DIRECTORY))
            .ok_or(ZipError::Corrupt("no central directory (the file is cut short or is not a ZIP archive)"))?;
        let truncated = ZipError::Corrupt("the central directory is cut short");
        let count = u16_at(bytes, end + 10).ok_or(truncated.clone())?;
        let directory_at = u32_at(bytes, end + 16).ok_or(truncated.clone())? as usize;
        if directory_at == 0xFFFF_FFFF || count == 0xFFFF {
            return Err(ZipError::Corrupt("ZIP64 archives are not supported"));
        }
        let mut entries = Vec::with_capacity(usize::from(count).min(4096));
        let mut at = directory_at;
        for _ in 0..count {
            if u32_at(bytes, at) != Some(CENTRAL_HEADER) {
                return Err(ZipError::Corrupt("a central directory entry is damaged"));
            }
            let field = |offset: usize| u16_at(bytes, at + offset).map(usize::from).ok_or(truncated.clone());
            let encrypted = field(8)? & 1 == 1;
            let method = field(10)? as u16;
            let compressed_size = u32_at(bytes, at + 20).ok_or(truncated.clone())? as usize;
            let (name_len, extra_len, comment_len) = (field(28)?, field(30)?, field(32)?);
            let header_offset = u32_at(bytes, at + 42).ok_or(truncated.clone())? as usize;
            let name = bytes.get(at + 46..at + 46 + name_len).ok_or(truncated.clone())?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                method,
                encrypted,
                compressed_size,
                header_offset,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { bytes, entries })
    }

    /// True when the archive has an entry of that name (ASCII case-insensitive).
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.entries.iter().any(|entry| entry.name.eq_ignore_ascii_case(name))
    }

    /// The unpacked content of the entry `name` (ASCII case-insensitive), `None` when there is no
    /// such entry; an error when it is damaged or would be larger than `limit` bytes.
    pub(crate) fn read(&self, name: &str, limit: usize) -> Option<Result<Vec<u8>, ZipError>> {
        let entry = self.entries.iter().find(|entry| entry.name.eq_ignore_ascii_case(name))?;
        Some(self.read_entry(entry, limit))
    }

    fn read_entry(&self, entry: &Entry, limit: usize) -> Result<Vec<u8>, ZipError> {
        if entry.encrypted {
            return Err(ZipError::Encrypted);
        }
        let bytes = self.bytes;
        let at = entry.header_offset;
        if bytes.get(at..at.saturating_add(4)) != Some(&LOCAL_HEADER[..]) {
            return Err(ZipError::Corrupt("an entry's header is not where the directory says"));
        }
        let truncated = ZipError::Corrupt("an entry is cut short");
        let name_len = usize::from(u16_at(bytes, at + 26).ok_or(truncated.clone())?);
        let extra_len = usize::from(u16_at(bytes, at + 28).ok_or(truncated.clone())?);
        let data_at = at + 30 + name_len + extra_len;
        let data = data_at
            .checked_add(entry.compressed_size)
            .and_then(|data_end| bytes.get(data_at..data_end))
            .ok_or(truncated)?;
        match entry.method {
            0 if data.len() > limit => Err(ZipError::TooLarge),
            0 => Ok(data.to_vec()),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|error| match error.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ZipError::TooLarge,
                _ => ZipError::Corrupt("an entry's compressed data is damaged"),
            }),
            _ => Err(ZipError::Corrupt("an entry uses a compression method other than deflate")),
        }
    }
}

/// The ZIP writer of the integration tests (`tests/common`: `(name, content, deflate?)`
/// entries), for this crate's unit tests too: one writer, not two.
#[cfg(test)]
#[path = "../../tests/common/mod.rs"]
#[allow(unreachable_pub)]
mod test_inputs;
#[cfg(test)]
pub(crate) use test_inputs::zip as write_for_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_and_deflated_entries_are_read() {
        let text = "قال لافروف ".repeat(100);
        let zip = write_for_tests(&[("a.txt", b"stored", false), ("Word/B.xml", text.as_bytes(), true)]);
        let archive = Archive::open(&zip).unwrap();
        assert!(archive.contains("word/b.xml"));
        assert_eq!(archive.read("a.txt", 100), Some(Ok(b"stored".to_vec())));
        assert_eq!(archive.read("word/b.xml", 1 << 20), Some(Ok(text.into_bytes())));
        assert!(archive.read("missing", 100).is_none());
    }

    #[test]
    fn the_unpacked_size_is_capped() {
        let zeros = vec![0u8; 1 << 20];
        let zip = write_for_tests(&[("bomb", &zeros, true), ("stored", &zeros, false)]);
        let archive = Archive::open(&zip).unwrap();
        assert_eq!(archive.read("bomb", 1000), Some(Err(ZipError::TooLarge)));
        assert_eq!(archive.read("stored", 1000), Some(Err(ZipError::TooLarge)));
    }

    #[test]
    fn damaged_archives_are_errors() {
        let zip = write_for_tests(&[("a.xml", "نص".repeat(50).as_bytes(), true)]);
        for cut in 0..zip.len() {
            if let Ok(archive) = Archive::open(&zip[..cut]) {
                let _ = archive.read("a.xml", 1 << 20);
            }
        }
        assert!(Archive::open(b"PK\x03\x04 not really").is_err());
        // Offsets pointing past the end.
        let mut bad = zip.clone();
        let end = bad.len() - 22;
        bad[end + 16..end + 20].copy_from_slice(&u32::MAX.to_le_bytes()[..]);
        assert!(Archive::open(&bad).is_err());
        let mut bad = zip;
        let end = bad.len() - 22;
        let directory_at = u32_at(&bad, end + 16).unwrap() as usize;
        bad[directory_at + 42..directory_at + 46].copy_from_slice(&0x7FFF_FFF0u32.to_le_bytes());
        assert!(matches!(Archive::open(&bad).unwrap().read("a.xml", 100), Some(Err(ZipError::Corrupt(_)))));
    }
}
