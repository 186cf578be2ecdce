//! Character references of HTML and XML: numeric (`&#1575;`, `&#x627;`) and the named ones news
//! pages use (`&amp;`, `&nbsp;`, `&laquo;`, `&rlm;`, …). Unknown names are left as written.

use std::borrow::Cow;

/// Replaces the character references of `text` by the chars they stand for.
pub(crate) fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The char of the reference at the start of `text` (which starts with `&`) and its length in
/// bytes, semicolon included.
fn reference(text: &str) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(1) == Some(&b'#') {
        let (digits_at, radix) = if matches!(bytes.get(2), Some(b'x' | b'X')) { (3, 16) } else { (2, 10) };
        let digits = bytes[digits_at..].iter().take_while(|b| (**b as char).is_digit(radix)).count();
        if digits == 0 {
            return None;
        }
        let end = digits_at + digits;
        let value = text[digits_at..end]
            .chars()
            .try_fold(0u32, |acc, d| acc.checked_mul(radix).and_then(|acc| acc.checked_add(d.to_digit(radix)?)));
        let c = value.and_then(char::from_u32).filter(|&c| c != '\0').unwrap_or(char::REPLACEMENT_CHARACTER);
        let len = if bytes.get(end) == Some(&b';') { end + 1 } else { end };
        return Some((c, len));
    }
    let name_len = bytes[1..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_len == 0 {
        return None;
    }
    let name = &text[1..1 + name_len];
    if bytes.get(1 + name_len) == Some(&b';') {
        return named(name).map(|c| (c, name_len + 2));
    }
    // Without a semicolon, only the oldest names are recognized (as browsers do).
    match name {
        "amp" | "lt" | "gt" | "quot" | "nbsp" => named(name).map(|c| (c, name_len + 1)),
        _ => None,
    }
}

/// The named references known, with their chars (names are case-sensitive: `Dagger` is not `dagger`).
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("AMP", '&'),
    ("lt", '<'),
    ("LT", '<'),
    ("gt", '>'),
    ("GT", '>'),
    ("quot", '"'),
    ("QUOT", '"'),
    ("apos", '\''),
    ("nbsp", '\u{A0}'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("minus", '−'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("shy", '\u{AD}'),
    ("thinsp", '\u{2009}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("bull", '•'),
    ("middot", '·'),
    ("prime", '′'),
    ("Prime", '″'),
    ("deg", '°'),
    ("times", '×'),
    ("divide", '÷'),
    ("plusmn", '±'),
    ("percnt", '%'),
    ("permil", '‰'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("sup1", '¹'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("sect", '§'),
    ("para", '¶'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("euro", '€'),
    ("pound", '£'),
    ("cent", '¢'),
    ("yen", '¥'),
    ("curren", '¤'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("larr", '←'),
    ("rarr", '→'),
    ("uarr", '↑'),
    ("darr", '↓'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("auml", 'ä'),
    ("ccedil", 'ç'),
    ("egrave", 'è'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("ocirc", 'ô'),
    ("ouml", 'ö'),
    ("ugrave", 'ù'),
    ("ucirc", 'û'),
    ("uuml", 'ü'),
    ("Eacute", 'É'),
    ("szlig", 'ß'),
];

/// The char of a named reference, if known ([`NAMED`]).
fn named(name: &str) -> Option<char> {
    NAMED.iter().find(|&&(known, _)| known == name).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_table() {
        let cases = [
            ("", ""),
            ("دمشق", "دمشق"),
            ("&#1575;&#x644;&#X639;", "الع"),
            ("&laquo;نعم&raquo;&hellip;", "«نعم»…"),
            ("a&amp;b &lt;c&gt; &quot;d&quot; &apos;", "a&b <c> \"d\" '"),
            ("&rlm;حلب&lrm;", "\u{200F}حلب\u{200E}"),
            ("&nbsp", "\u{A0}"),
            ("&amp co", "& co"),
            ("&unknown; & &; &#; &#x;", "&unknown; & &; &#; &#x;"),
            ("&#0; &#99999999999; &#xD800;", "\u{FFFD} \u{FFFD} \u{FFFD}"),
            ("&#1575", "ا"),
            ("&copy2024", "&copy2024"),
        ];
        for (input, expected) in cases {
            assert_eq!(decode(input), expected, "decode({input:?})");
        }
    }
}
