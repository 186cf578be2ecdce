//! Compact forms of the large embedded tables, for the wasm worker (the wire): `build.rs`
//! encodes `data/*.tsv` and `data/tagger.bin` with this module at compile time, and the wasm
//! build decodes them once, lazily, back to exactly the committed bytes (see `src/embedded.rs`).
//! The forms are made to be compressed again: the page is served gzipped, and gzip finds far
//! more to share in them than in the files themselves.
//!
//! **Text** (`KCT1`): each line is cut after its first `key_fields` tab-separated fields. The
//! keys are front-coded against the previous line's (a byte: how many bytes they share, then
//! the rest, then 0 when a tab and the rest of the line follow, 1 when the line ends there);
//! the rests follow, after all the keys, one a line. Letters of the Arabic block U+0600 to
//! U+067E take one byte (0x80 to 0xFE), any other char above ASCII is 0xFF and its UTF-8.
//! Layout: magic, `u32` text length, `u32` line count, `u32` key-stream length, keys, rests.
//!
//! **Model** (`KCM1`, of the tagger's form described in `extract/tagger/model.rs`): the header
//! and transitions as they are; the 32-bit feature keys (sorted) as how many fall in each of the
//! 65,536 buckets of their high 16 bits (LEB128) and their low 16 bits; each feature's mask of
//! the tags with a weight that is not 0 (`ceil(tags / 8)` bytes, stored byte-plane by plane);
//! then those weights, feature by feature. Decoding gives back the model file byte for byte.
//!
//! This file is also compiled into `build.rs` (by path), so it uses `std` only.

#![allow(dead_code)]

const TEXT_MAGIC: &[u8; 4] = b"KCT1";
const MODEL_MAGIC: &[u8; 4] = b"KCM1";
/// First Arabic char given one byte, and the byte escaping any other non-ASCII char.
const ARABIC_FIRST: u32 = 0x600;
const ESCAPE: u8 = 0xFF;

fn push_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn read_u32(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let v = u32::from_le_bytes(bytes.get(*at..*at + 4)?.try_into().ok()?);
    *at += 4;
    Some(v)
}

fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v = 0u32;
    let mut shift = 0u32;
    loop {
        let byte = *bytes.get(*at)?;
        *at += 1;
        v |= u32::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
}

/// `s` with Arabic letters as one byte each (see the module documentation).
fn pack(s: &str, out: &mut Vec<u8>) {
    for c in s.chars() {
        let code = c as u32;
        if code < 0x80 {
            out.push(code as u8);
        } else if (ARABIC_FIRST..ARABIC_FIRST + 0x7F).contains(&code) {
            out.push((code - ARABIC_FIRST + 0x80) as u8);
        } else {
            out.push(ESCAPE);
            let mut buffer = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
        }
    }
}

/// Appends the UTF-8 of packed bytes to `out`; `None` when they are not a packed string.
fn unpack(packed: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let mut at = 0;
    while at < packed.len() {
        let byte = packed[at];
        at += 1;
        if byte < 0x80 {
            out.push(byte);
        } else if byte != ESCAPE {
            let code = ARABIC_FIRST + u32::from(byte - 0x80);
            // U+0600..U+067E: two UTF-8 bytes.
            out.push(0xC0 | (code >> 6) as u8);
            out.push(0x80 | (code & 0x3F) as u8);
        } else {
            let lead = *packed.get(at)?;
            let len = match lead {
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                _ => return None,
            };
            out.extend_from_slice(packed.get(at..at + len)?);
            at += len;
        }
    }
    Some(())
}

/// The compact form of `text`, its lines keyed by their first `key_fields` (at least 1) fields.
/// `None` when the text holds a control char below tab (the key stream uses 0 and 1 as markers).
pub(crate) fn encode_text(text: &str, key_fields: usize) -> Option<Vec<u8>> {
    if key_fields == 0 || text.bytes().any(|b| b < b'\t') || text.len() > u32::MAX as usize {
        return None;
    }
    let mut keys = Vec::with_capacity(text.len() / 2);
    let mut rests = Vec::with_capacity(text.len() / 4);
    let mut previous: Vec<u8> = Vec::new();
    let mut packed = Vec::new();
    let mut lines = 0u32;
    for line in text.split('\n') {
        lines += 1;
        // The byte offset of the tab after the key, if any.
        let cut = line.match_indices('\t').nth(key_fields.saturating_sub(1)).map(|(i, _)| i);
        let (key, rest) = match cut {
            Some(i) => (&line[..i], Some(&line[i + 1..])),
            None => (line, None),
        };
        packed.clear();
        pack(key, &mut packed);
        let shared = packed.iter().zip(&previous).take(255).take_while(|(a, b)| a == b).count();
        keys.push(shared as u8);
        keys.extend_from_slice(&packed[shared..]);
        keys.push(if rest.is_some() { 0 } else { 1 });
        if let Some(rest) = rest {
            pack(rest, &mut rests);
            rests.push(b'\n');
        }
        std::mem::swap(&mut previous, &mut packed);
    }
    let mut out = Vec::with_capacity(16 + keys.len() + rests.len());
    out.extend_from_slice(TEXT_MAGIC);
    push_u32(&mut out, text.len() as u32);
    push_u32(&mut out, lines);
    push_u32(&mut out, keys.len() as u32);
    out.extend_from_slice(&keys);
    out.extend_from_slice(&rests);
    Some(out)
}

/// The text [`encode_text`] encoded; `None` when `bytes` are not such a form.
pub(crate) fn decode_text(bytes: &[u8]) -> Option<String> {
    if bytes.get(..4)? != TEXT_MAGIC {
        return None;
    }
    let mut at = 4;
    let len = read_u32(bytes, &mut at)? as usize;
    let lines = read_u32(bytes, &mut at)?;
    let key_len = read_u32(bytes, &mut at)? as usize;
    let keys = bytes.get(at..at.checked_add(key_len)?)?;
    let mut rests = bytes.get(at + key_len..)?;
    let mut out = Vec::with_capacity(len);
    let mut key: Vec<u8> = Vec::new();
    let mut k = 0;
    for line in 0..lines {
        if line > 0 {
            out.push(b'\n');
        }
        let shared = usize::from(*keys.get(k)?);
        k += 1;
        let end = k + keys.get(k..)?.iter().position(|&b| b <= 1)?;
        if shared > key.len() {
            return None;
        }
        key.truncate(shared);
        key.extend_from_slice(&keys[k..end]);
        unpack(&key, &mut out)?;
        let has_rest = keys[end] == 0;
        k = end + 1;
        if has_rest {
            let stop = rests.iter().position(|&b| b == b'\n')?;
            out.push(b'\t');
            unpack(&rests[..stop], &mut out)?;
            rests = &rests[stop + 1..];
        }
    }
    if k != keys.len() || !rests.is_empty() || out.len() != len {
        return None;
    }
    String::from_utf8(out).ok()
}

/// The compact form of a tagger model file; `None` when `model` is not one (it is then
/// embedded as it is).
pub(crate) fn encode_model(model: &[u8]) -> Option<Vec<u8>> {
    let tags = usize::from(*model.get(5)?);
    let count = u32::from_le_bytes(model.get(10..14)?.try_into().ok()?) as usize;
    let head = 14 + 2 * (tags + 1) * tags;
    let mut at = head;
    let mut keys = Vec::with_capacity(count);
    let mut previous = 0u32;
    for _ in 0..count {
        previous = previous.checked_add(read_varint(model, &mut at)?)?;
        keys.push(previous);
    }
    let weights = model.get(at..)?;
    if weights.len() != count * tags || tags == 0 {
        return None;
    }
    let mut out = Vec::with_capacity(model.len() / 2);
    out.extend_from_slice(MODEL_MAGIC);
    out.extend_from_slice(&model[..head]);
    let mut buckets = vec![0u32; 1 << 16];
    for &key in &keys {
        buckets[(key >> 16) as usize] += 1;
    }
    for &n in &buckets {
        push_varint(&mut out, n);
    }
    for &key in &keys {
        out.extend_from_slice(&(key as u16).to_le_bytes());
    }
    let mask_bytes = tags.div_ceil(8);
    for plane in 0..mask_bytes {
        for row in 0..count {
            let mut byte = 0u8;
            for bit in 0..8 {
                let t = plane * 8 + bit;
                if t < tags && weights[t * count + row] != 0 {
                    byte |= 1 << bit;
                }
            }
            out.push(byte);
        }
    }
    for row in 0..count {
        for t in 0..tags {
            let w = weights[t * count + row];
            if w != 0 {
                out.push(w);
            }
        }
    }
    Some(out)
}

/// The model file [`encode_model`] encoded; `None` when `bytes` are not such a form.
pub(crate) fn decode_model(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..4)? != MODEL_MAGIC {
        return None;
    }
    let model = &bytes[4..];
    let tags = usize::from(*model.get(5)?);
    let count = u32::from_le_bytes(model.get(10..14)?.try_into().ok()?) as usize;
    let head = 14 + 2 * (tags + 1) * tags;
    let mut at = head;
    let mut out = Vec::with_capacity(head + count * (tags + 3));
    out.extend_from_slice(model.get(..head)?);
    let mut buckets = Vec::with_capacity(1 << 16);
    for _ in 0..1 << 16 {
        buckets.push(read_varint(model, &mut at)?);
    }
    let lows = model.get(at..at.checked_add(count.checked_mul(2)?)?)?;
    at += 2 * count;
    let mut previous = 0u32;
    let mut row = 0;
    for (high, &n) in buckets.iter().enumerate() {
        for _ in 0..n {
            let low = u16::from_le_bytes([*lows.get(2 * row)?, *lows.get(2 * row + 1)?]);
            let key = (high as u32) << 16 | u32::from(low);
            push_varint(&mut out, key.checked_sub(previous)?);
            previous = key;
            row += 1;
        }
    }
    if row != count {
        return None;
    }
    let mask_bytes = tags.div_ceil(8);
    let masks = model.get(at..at.checked_add(count.checked_mul(mask_bytes)?)?)?;
    at += count * mask_bytes;
    let start = out.len();
    out.resize(start + count * tags, 0);
    for row in 0..count {
        for t in 0..tags {
            if masks[(t / 8) * count + row] >> (t % 8) & 1 == 1 {
                out[start + t * count + row] = *model.get(at)?;
                at += 1;
            }
        }
    }
    (at == model.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_as_they_were() {
        for text in [
            "",
            "\n",
            "# comment\nقال\t7\nقالت\t6\n",
            "w\tقال\t1\t2\ne\tPER\tسيرغي لافروف\t3\n\n",
            "a\t\tb\n\tx\nپیام\t😀\t\n",
            "no tab\nplain",
        ] {
            for fields in 1..4 {
                let encoded = encode_text(text, fields).unwrap();
                assert_eq!(decode_text(&encoded).as_deref(), Some(text), "{text:?} keyed by {fields}");
            }
        }
        assert_eq!(encode_text("a\u{1}b", 1), None);
        assert_eq!(encode_text("a", 0), None);
    }

    #[test]
    fn damaged_forms_are_refused() {
        let encoded = encode_text("قال\t7\nقالت\t6\n", 1).unwrap();
        for cut in 0..encoded.len() {
            assert_eq!(decode_text(&encoded[..cut]), None);
        }
        assert_eq!(decode_model(&encoded), None);
    }
}
