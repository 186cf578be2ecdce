//! Cutting a text into plain runs and mentions by char offsets, and finding the bidi controls
//! that must be shown rather than obeyed.
//!
//! Mentions count Unicode scalar values (chars), never bytes nor UTF-16 units, so the cut walks
//! the text once with a char cursor and slices on char boundaries only.

use kashif_core::Mention;

/// A piece of the analyzed text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Segment<'a> {
    /// Text outside any mention.
    Plain(&'a str),
    /// The surface of a mention, exactly as it stands in the text.
    Mention {
        /// The slice of the text the mention covers.
        surface: &'a str,
        /// The mention it comes from.
        mention: &'a Mention,
    },
}

/// Splits `text` into plain runs and mention surfaces, in text order.
///
/// Mentions must be in text order and must not overlap; one that is out of order, overlaps the
/// previous one, is empty or runs past the end of the text is skipped (its text stays plain), so
/// the segments always concatenate back to `text`.
pub fn segments<'a>(text: &'a str, mentions: &'a [Mention]) -> Vec<Segment<'a>> {
    let mut out = Vec::with_capacity(mentions.len() * 2 + 1);
    let mut cursor = CharCursor::new(text);
    let mut done = 0; // byte offset of the end of the last segment pushed
    for mention in mentions {
        if mention.start >= mention.end || mention.start < cursor.chars {
            continue;
        }
        let Some(start) = cursor.seek(mention.start) else { break };
        let mut probe = cursor.clone();
        let Some(end) = probe.seek(mention.end) else { continue };
        cursor = probe;
        if start > done {
            out.push(Segment::Plain(&text[done..start]));
        }
        out.push(Segment::Mention { surface: &text[start..end], mention });
        done = end;
    }
    if done < text.len() {
        out.push(Segment::Plain(&text[done..]));
    }
    out
}

/// Walks a text forward, turning char offsets into byte offsets.
#[derive(Clone)]
struct CharCursor<'a> {
    text: &'a str,
    chars: usize,
    bytes: usize,
}

impl<'a> CharCursor<'a> {
    fn new(text: &'a str) -> Self {
        CharCursor { text, chars: 0, bytes: 0 }
    }

    /// Moves to char offset `target` (not before the current one) and returns its byte offset,
    /// or `None` if the text is shorter.
    fn seek(&mut self, target: usize) -> Option<usize> {
        debug_assert!(target >= self.chars);
        let mut rest = self.text[self.bytes..].chars();
        while self.chars < target {
            self.bytes += rest.next()?.len_utf8();
            self.chars += 1;
        }
        Some(self.bytes)
    }
}

/// A piece of text as displayed: ordinary characters, or one bidi control made visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyphs<'a> {
    /// Characters shown as they are.
    Text(&'a str),
    /// A directional control character, shown as a tag instead of reordering the text around it.
    Control(BidiControl),
}

/// A Unicode directional formatting character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BidiControl {
    /// The character itself.
    pub ch: char,
    /// Its usual abbreviation (`RLO`, `LRI`, `RLM`, …).
    pub abbr: &'static str,
    /// True for the embeddings, overrides and isolates, which can reorder the text around them;
    /// false for the marks (LRM, RLM, ALM), which only act like a strong letter.
    pub reorders: bool,
}

impl BidiControl {
    /// The control for `ch`, if `ch` is one.
    pub fn of(ch: char) -> Option<Self> {
        let (abbr, reorders) = match ch {
            '\u{061C}' => ("ALM", false),
            '\u{200E}' => ("LRM", false),
            '\u{200F}' => ("RLM", false),
            '\u{202A}' => ("LRE", true),
            '\u{202B}' => ("RLE", true),
            '\u{202C}' => ("PDF", true),
            '\u{202D}' => ("LRO", true),
            '\u{202E}' => ("RLO", true),
            '\u{2066}' => ("LRI", true),
            '\u{2067}' => ("RLI", true),
            '\u{2068}' => ("FSI", true),
            '\u{2069}' => ("PDI", true),
            _ => return None,
        };
        Some(BidiControl { ch, abbr, reorders })
    }

    /// `U+202E` style code point.
    pub fn code_point(self) -> String {
        format!("U+{:04X}", self.ch as u32)
    }
}

/// Splits `text` into runs of ordinary characters and single bidi controls.
pub fn glyphs(text: &str) -> Vec<Glyphs<'_>> {
    let mut out = Vec::new();
    let mut run_start = 0;
    for (at, ch) in text.char_indices() {
        if let Some(control) = BidiControl::of(ch) {
            if at > run_start {
                out.push(Glyphs::Text(&text[run_start..at]));
            }
            out.push(Glyphs::Control(control));
            run_start = at + ch.len_utf8();
        }
    }
    if run_start < text.len() {
        out.push(Glyphs::Text(&text[run_start..]));
    }
    out
}

/// Which mark an arrow key moves to from the focused one: in text order (right to left), ←
/// and ↓ go on, → and ↑ go back, Home and End to the first and the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkStep {
    /// The next mark.
    Next,
    /// The previous mark.
    Previous,
    /// The first mark.
    First,
    /// The last mark.
    Last,
}

impl MarkStep {
    /// The step a key asks for (`KeyboardEvent.key`), in right-to-left text.
    pub fn of_key(key: &str) -> Option<MarkStep> {
        Some(match key {
            "ArrowLeft" | "ArrowDown" => MarkStep::Next,
            "ArrowRight" | "ArrowUp" => MarkStep::Previous,
            "Home" => MarkStep::First,
            "End" => MarkStep::Last,
            _ => return None,
        })
    }

    /// The index it leads to from `at` among `count` marks (it stops at either end).
    pub fn from(self, at: usize, count: usize) -> usize {
        let last = count.saturating_sub(1);
        match self {
            MarkStep::Next => (at + 1).min(last),
            MarkStep::Previous => at.saturating_sub(1),
            MarkStep::First => 0,
            MarkStep::Last => last,
        }
    }
}
