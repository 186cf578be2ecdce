//! brat standoff: the text (`.txt`) and its annotations (`.ann`).
//!
//! One text-bound annotation per mention, `T1<TAB>PER 10 19<TAB>سيرغي لافروف`, with offsets in
//! chars (brat counts as Python does, as Kashif's spans do), followed by a note
//! `#1<TAB>AnnotatorNotes T1<TAB>canonical: …; id: …` giving the entity.

use crate::analysis::Analysis;

/// The brat `.txt` and `.ann` of an analyzed text.
///
/// The `.txt` is the text with Windows line ends (`\r\n`) and lone `\r` made `\n`, as brat reads
/// them; offsets are moved accordingly. A mention running over a line break or a tab (which a
/// brat annotation cannot hold) is written as discontinuous fragments, `start end;start end`.
///
/// ```
/// let text = "قال سيرغي لافروف في أنقرة";
/// let analysis = kashif_core::Analyzer::new().analyze(text);
/// let (txt, ann) = kashif_core::export::to_brat(text, &analysis);
/// assert_eq!(txt, text);
/// let mut lines = ann.lines();
/// assert_eq!(lines.next(), Some("T1\tPER 4 16\tسيرغي لافروف"));
/// assert!(lines.next().unwrap().starts_with("#1\tAnnotatorNotes T1\tcanonical: سيرغي لافروف; id: "));
/// ```
pub fn to_brat(text: &str, analysis: &Analysis) -> (String, String) {
    let original: Vec<char> = text.chars().collect();
    // removed[i]: how many chars before original char i the .txt drops (the \r of each \r\n).
    let mut chars = Vec::with_capacity(original.len());
    let mut removed = Vec::with_capacity(original.len() + 1);
    for (i, &c) in original.iter().enumerate() {
        removed.push(i - chars.len());
        match c {
            '\r' if original.get(i + 1) == Some(&'\n') => {}
            '\r' => chars.push('\n'),
            _ => chars.push(c),
        }
    }
    removed.push(original.len() - chars.len());
    let txt: String = chars.iter().collect();
    let mut ann = String::new();
    let mut number = 0;
    for mention in &analysis.entities {
        if mention.start >= mention.end || mention.end > original.len() {
            continue;
        }
        let (start, end) = (mention.start - removed[mention.start], mention.end - removed[mention.end]);
        let fragments = fragments(&chars, start, end);
        if fragments.is_empty() {
            continue;
        }
        number += 1;
        let spans: Vec<String> = fragments.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let surfaces: Vec<String> = fragments.iter().map(|&(s, e)| chars[s..e].iter().collect()).collect();
        ann.push_str(&format!("T{number}\t{} {}\t{}\n", mention.label, spans.join(";"), surfaces.join(" ")));
        let mut note = format!("canonical: {}; id: {}", mention.canonical, mention.id);
        if let Some(title) = &mention.title {
            note.push_str("; title: ");
            note.push_str(title);
        }
        let note: String = note.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        ann.push_str(&format!("#{number}\tAnnotatorNotes T{number}\t{note}\n"));
    }
    (txt, ann)
}

/// The pieces of `[start, end)` between line breaks and tabs, each trimmed of white space.
fn fragments(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let breaks = |c: char| matches!(c, '\n' | '\t' | '\x0B' | '\x0C' | '\u{85}' | '\u{2028}' | '\u{2029}');
    let mut pieces = Vec::new();
    let mut piece_start = start;
    for i in start..=end {
        if i == end || breaks(chars[i]) {
            let (mut s, mut e) = (piece_start, i);
            while s < e && chars[s].is_whitespace() {
                s += 1;
            }
            while e > s && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            if s < e {
                pieces.push((s, e));
            }
            piece_start = i + 1;
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Label, Mention};

    /// A mention whose notes need escaping (a tab in its name) and carry a title.
    fn mention(label: Label, text: &str, start: usize, end: usize) -> Mention {
        Mention {
            canonical: "الاسم\tالكامل".to_owned(),
            id: "per:x".to_owned(),
            title: Some("وزير".to_owned()),
            ..crate::export::test_mention(label, text, start, end)
        }
    }

    /// Every T line's fragments, re-sliced from the .txt, give its text.
    fn check_reslices(txt: &str, ann: &str) {
        let chars: Vec<char> = txt.chars().collect();
        for line in ann.lines().filter(|l| l.starts_with('T')) {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "{line}");
            let (_, spans) = fields[1].split_once(' ').unwrap();
            let pieces: Vec<String> = spans
                .split(';')
                .map(|span| {
                    let (s, e) = span.split_once(' ').unwrap();
                    chars[s.parse::<usize>().unwrap()..e.parse::<usize>().unwrap()].iter().collect()
                })
                .collect();
            assert_eq!(pieces.join(" "), fields[2], "{line}");
        }
    }

    #[test]
    fn mentions_over_line_breaks_are_fragments() {
        let text = "قال يوهان\nفادفول إن";
        let analysis =
            Analysis { entities: vec![mention(Label::Per, "يوهان\nفادفول", 4, 16)], ..Analysis::default() };
        let (txt, ann) = to_brat(text, &analysis);
        assert_eq!(
            ann,
            "T1\tPER 4 9;10 16\tيوهان فادفول\n#1\tAnnotatorNotes T1\tcanonical: الاسم الكامل; id: per:x; title: وزير\n"
        );
        check_reslices(&txt, &ann);
    }

    #[test]
    fn windows_line_ends_move_the_offsets() {
        let text = "حلب\r\nحمص\rإدلب";
        let analysis = Analysis {
            entities: vec![
                mention(Label::Loc, "حمص", 5, 8),
                mention(Label::Loc, "إدلب", 9, 13),
                mention(Label::Loc, "x", 9, 99),
            ],
            ..Analysis::default()
        };
        let (txt, ann) = to_brat(text, &analysis);
        assert_eq!(txt, "حلب\nحمص\nإدلب");
        assert!(ann.starts_with("T1\tLOC 4 7\tحمص\n"), "{ann}");
        assert!(ann.contains("T2\tLOC 8 12\tإدلب\n"), "{ann}");
        assert!(!ann.contains("T3"), "{ann}");
        check_reslices(&txt, &ann);
    }

    #[test]
    fn analyzer_output_reslices() {
        let text = "قال وزير الخارجية الروسي سيرغي لافروف في موسكو، في 15 آذار 2011، إن نحو 200 ألف نازح عادوا إلى حلب.\r\nوقال بوتين ذلك.";
        let analysis = crate::Analyzer::new().analyze(text);
        let (txt, ann) = to_brat(text, &analysis);
        assert_eq!(ann.lines().filter(|l| l.starts_with('T')).count(), analysis.entities.len());
        assert!(ann.contains("\tDATE ") && ann.contains("\tNUM ") && ann.contains("\tLOC "), "{ann}");
        check_reslices(&txt, &ann);
    }
}
