//! CoNLL with BIO tags: one token per line, `token<TAB>tag`, a blank line after each sentence,
//! and a `# doc: NAME` line before each document ([`crate::conll::parse`] reads it back).

use super::NamedAnalysis;
use crate::analysis::Mention;
use crate::conll::Tag;
use crate::text::normalize::Folded;
use crate::text::{sentences, tokenize};

/// The documents as CoNLL: the tokens of Kashif's tokenizer, each written as it stands in the
/// text (diacritics and all), tagged `B-`/`I-` with the label of the mention it falls in (a
/// token a mention only partly covers, such as `وبمنبج` for the mention `منبج`, is tagged
/// too), `O` otherwise. Sentences are those of the analyzer's (`text::sentences::split`).
///
/// A document given without its text ([`NamedAnalysis::new`]) has only its `# doc:` line.
///
/// ```
/// use kashif_core::export::{to_conll, NamedAnalysis};
/// let text = "زار سيرغي لافروف أنقرة. ثم عاد.";
/// let analysis = kashif_core::Analyzer::new().analyze(text);
/// let conll = to_conll(&[NamedAnalysis::with_text("a.txt", text, &analysis)]);
/// assert!(conll.starts_with("# doc: a.txt\nزار\tO\nسيرغي\tB-PER\nلافروف\tI-PER\nأنقرة\tB-LOC\n.\tO\n\nثم\tO\n"));
/// let sentences = kashif_core::conll::parse(&conll);
/// assert_eq!(sentences.len(), 2);
/// assert_eq!(sentences[0].tags[1], kashif_core::conll::Tag::B(kashif_core::Label::Per));
/// ```
pub fn to_conll(documents: &[NamedAnalysis<'_>]) -> String {
    let mut out = String::new();
    for document in documents {
        let name: String = document.name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        out.push_str("# doc: ");
        out.push_str(if name.trim().is_empty() { "-" } else { name.trim() });
        out.push('\n');
        if let Some(text) = document.text {
            write_document(&mut out, text, document.entities);
        }
    }
    out
}

fn write_document(out: &mut String, text: &str, mentions: &[Mention]) {
    let folded = Folded::new(text);
    let chars = folded.original_chars();
    let sentences = sentences::split(chars);
    let mut mentions: Vec<&Mention> = mentions.iter().filter(|m| m.start < m.end).collect();
    mentions.sort_by_key(|m| m.start);
    let (mut sentence, mut next_mention) = (0, 0);
    let mut open_sentence = None;
    let mut last_tagged = None;
    for token in tokenize::tokenize(&folded) {
        let (start, end) = folded.original_span(token.start, token.end);
        while sentence < sentences.len() && sentences[sentence].1 <= start {
            sentence += 1;
        }
        if open_sentence != Some(sentence) {
            if open_sentence.is_some() {
                out.push('\n');
            }
            open_sentence = Some(sentence);
        }
        while next_mention < mentions.len() && mentions[next_mention].end <= start {
            next_mention += 1;
        }
        let tag = match mentions.get(next_mention) {
            Some(mention) if mention.start < end => {
                let inside = last_tagged == Some(next_mention);
                last_tagged = Some(next_mention);
                if inside {
                    Tag::I(mention.label)
                } else {
                    Tag::B(mention.label)
                }
            }
            _ => Tag::O,
        };
        out.extend(&chars[start..end]);
        out.push('\t');
        out.push_str(&tag.to_string());
        out.push('\n');
    }
    if open_sentence.is_some() {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Label;
    use crate::Analysis;

    use crate::export::test_mention as mention;

    #[test]
    fn tokens_keep_their_surface_and_clitics_take_the_tag() {
        let text = "قَالَ بوتينُ:\nوَبِمَنْبِجَ ٣ قتلى";
        let analysis = Analysis {
            entities: vec![
                mention(Label::Per, "بوتينُ", 6, 12),
                mention(Label::Loc, "مَنْبِجَ", 18, 26),
                mention(Label::Num, "٣", 27, 28),
            ],
            ..Analysis::default()
        };
        let conll = to_conll(&[NamedAnalysis::with_text("a\nb", text, &analysis)]);
        assert_eq!(conll, "# doc: a b\nقَالَ\tO\nبوتينُ\tB-PER\n:\tO\n\nوَبِمَنْبِجَ\tB-LOC\n٣\tB-NUM\nقتلى\tO\n\n");
    }

    #[test]
    fn round_trip_through_the_conll_reader() {
        let analyzer = crate::Analyzer::new();
        let texts = ["قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن الحل سياسي.\n\nوزار الأمين العام للأمم المتحدة أنطونيو غوتيريش دمشق.", "حلب"];
        let analyses: Vec<Analysis> = texts.iter().map(|t| analyzer.analyze(t)).collect();
        let named: Vec<NamedAnalysis> =
            texts.iter().zip(&analyses).map(|(t, a)| NamedAnalysis::with_text("doc", t, a)).collect();
        let conll = to_conll(&named);
        let sentences = crate::conll::parse(&conll);
        assert_eq!(sentences.len(), 3);
        // Entities read back: the labels of the mentions, in order (DATE and NUM read as O), on
        // the tokens holding their first word (`للأمم` for `أمم المتحدة`).
        let read: Vec<(Label, String)> = sentences
            .iter()
            .flat_map(|s| s.tokens.iter().zip(&s.tags))
            .filter_map(|(token, tag)| match tag {
                Tag::B(label) => Some((*label, token.clone())),
                _ => None,
            })
            .collect();
        let expected: Vec<(Label, &str)> = analyses
            .iter()
            .flat_map(|a| &a.entities)
            .filter(|m| crate::conll::TYPES.contains(&m.label))
            .map(|m| (m.label, m.text.split(' ').next().unwrap()))
            .collect();
        assert!(expected.len() >= 4, "{expected:?}");
        assert_eq!(read.len(), expected.len(), "{conll}");
        for ((label, token), (expected_label, word)) in read.iter().zip(&expected) {
            assert_eq!(label, expected_label, "{conll}");
            assert!(token.contains(word), "{token} {word}");
        }
    }

    #[test]
    fn a_document_without_text_has_its_comment_only() {
        let analysis = Analysis::default();
        assert_eq!(to_conll(&[NamedAnalysis::new("", &analysis)]), "# doc: -\n");
    }
}
