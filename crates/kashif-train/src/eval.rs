//! Entity-level evaluation, conlleval-style: an entity counts as found only when its type and
//! both its boundaries match the gold one exactly.
//!
//! ```
//! use kashif_core::conll::parse;
//! use kashif_train::eval::Scores;
//! let gold = parse("زار B-PER\nبوتين I-PER\nموسكو B-LOC\n");
//! let found = parse("زار B-PER\nبوتين I-PER\nموسكو B-ORG\n");
//! let mut scores = Scores::default();
//! scores.add(&gold[0].tags, &found[0].tags);
//! assert_eq!(scores.micro().f1(), 0.5);
//! ```

use kashif_core::conll::{Sentence, Tag, TYPES};
use kashif_core::{Analyzer, Label};

/// Entities of a tag sequence as `(first, last exclusive, type)`. An entity opens at `B-X`, and
/// at an `I-X` that does not continue an entity of type X (a stray `I-X`, as conlleval counts it).
pub fn entities(tags: &[Tag]) -> Vec<(usize, usize, Label)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (index, &tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Tag::I(label), Some((_, current))) if label == current);
        if continues {
            continue;
        }
        if let Some((first, label)) = open.take() {
            out.push((first, index, label));
        }
        if let Some(label) = tag.label() {
            open = Some((index, label));
        }
    }
    if let Some((first, label)) = open {
        out.push((first, tags.len(), label));
    }
    out
}

/// Counts for one type (or all): entities in the gold data, entities found, and found correctly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold entities.
    pub gold: usize,
    /// Entities the system found.
    pub found: usize,
    /// Found entities that match a gold entity exactly.
    pub correct: usize,
}

impl Counts {
    /// Correct / found (0 when nothing was found).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.found)
    }

    /// Correct / gold (0 when there is no gold entity).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores per type, accumulated over sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    /// Counts per type, in the order of [`TYPES`].
    pub per_type: [Counts; 4],
    /// Tokens seen.
    pub tokens: usize,
    /// Tokens whose predicted tag equals the gold tag.
    pub tokens_correct: usize,
    /// Only these types are counted (all four when empty).
    pub only: Vec<Label>,
}

impl Scores {
    /// Scores that count only the given types (others are ignored in gold and predictions).
    pub fn only(types: &[Label]) -> Scores {
        Scores { only: types.to_vec(), ..Scores::default() }
    }

    fn counts(&self, label: Label) -> bool {
        self.only.is_empty() || self.only.contains(&label)
    }

    /// Adds one sentence: gold tags and predicted tags, of the same length.
    pub fn add(&mut self, gold: &[Tag], predicted: &[Tag]) {
        debug_assert_eq!(gold.len(), predicted.len());
        self.tokens += gold.len();
        self.tokens_correct += gold.iter().zip(predicted).filter(|(g, p)| g == p).count();
        let gold_entities: Vec<_> = entities(gold).into_iter().filter(|e| self.counts(e.2)).collect();
        let found: Vec<_> = entities(predicted).into_iter().filter(|e| self.counts(e.2)).collect();
        for entity in &gold_entities {
            self.per_type[type_index(entity.2)].gold += 1;
        }
        for entity in &found {
            let counts = &mut self.per_type[type_index(entity.2)];
            counts.found += 1;
            if gold_entities.contains(entity) {
                counts.correct += 1;
            }
        }
    }

    /// Adds the counts of `other` (scored on more sentences) to these.
    ///
    /// ```
    /// use kashif_core::conll::parse;
    /// use kashif_train::eval::Scores;
    /// let gold = parse("بوتين B-PER\n");
    /// let (mut total, mut part) = (Scores::default(), Scores::default());
    /// part.add(&gold[0].tags, &gold[0].tags);
    /// total.merge(&part);
    /// total.merge(&part);
    /// assert_eq!(total.micro().correct, 2);
    /// ```
    pub fn merge(&mut self, other: &Scores) {
        self.tokens += other.tokens;
        self.tokens_correct += other.tokens_correct;
        for (sum, counts) in self.per_type.iter_mut().zip(&other.per_type) {
            sum.gold += counts.gold;
            sum.found += counts.found;
            sum.correct += counts.correct;
        }
    }

    /// Counts summed over the types (micro-average).
    pub fn micro(&self) -> Counts {
        self.per_type.iter().fold(Counts::default(), |sum, c| Counts {
            gold: sum.gold + c.gold,
            found: sum.found + c.found,
            correct: sum.correct + c.correct,
        })
    }

    /// A conlleval-like table: one line per type and the micro-average, in percent.
    pub fn table(&self) -> String {
        let micro = self.micro();
        let mut out = format!(
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.\naccuracy: {:6.2}%\n",
            self.tokens,
            micro.gold,
            micro.found,
            micro.correct,
            100.0 * ratio(self.tokens_correct, self.tokens)
        );
        out.push_str("type     precision   recall       F1    gold   found correct\n");
        let line = |name: &str, c: &Counts| {
            format!(
                "{name:<8} {:>9.2} {:>8.2} {:>8.2} {:>7} {:>7} {:>7}\n",
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.gold,
                c.found,
                c.correct
            )
        };
        for (label, counts) in TYPES.iter().zip(&self.per_type) {
            if self.counts(*label) {
                out.push_str(&line(label.as_str(), counts));
            }
        }
        out.push_str(&line("micro", &micro));
        out
    }
}

fn type_index(label: Label) -> usize {
    TYPES.iter().position(|&t| t == label).unwrap_or(3)
}

/// Tags gold tokens with the analyzer: the tokens are joined with single spaces, analyzed, and
/// every PER/LOC/ORG/MISC mention tags the whole tokens it overlaps (clitics included, as
/// ANERcorp tags them). DATE and NUM mentions are left out: the corpora do not tag them.
pub fn tag_tokens(analyzer: &Analyzer, tokens: &[String]) -> Vec<Tag> {
    tag_window(analyzer, &[tokens]).pop().unwrap_or_default()
}

/// Tags consecutive gold sentences as one document (their tokens joined with single spaces, so
/// the tagger sees them as neighbouring text), and returns the tags of each sentence, as
/// [`tag_tokens`] does for one.
pub fn tag_window(analyzer: &Analyzer, sentences: &[&[String]]) -> Vec<Vec<Tag>> {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut position = 0;
    for token in sentences.iter().flat_map(|s| s.iter()) {
        if !text.is_empty() {
            text.push(' ');
            position += 1;
        }
        let length = token.chars().count();
        text.push_str(token);
        spans.push((position, position + length));
        position += length;
    }
    let mut tags = vec![Tag::O; spans.len()];
    for mention in analyzer.analyze(&text).entities {
        if !TYPES.contains(&mention.label) {
            continue;
        }
        let first = spans.partition_point(|span| span.1 <= mention.start);
        let covered: Vec<usize> = (first..spans.len()).take_while(|&i| spans[i].0 < mention.end).collect();
        // Mentions never overlap, but two may touch one token; the first keeps it.
        let free: Vec<usize> = covered.into_iter().filter(|&i| tags[i] == Tag::O).collect();
        for (n, &i) in free.iter().enumerate() {
            tags[i] = if n == 0 { Tag::B(mention.label) } else { Tag::I(mention.label) };
        }
    }
    let mut out = Vec::with_capacity(sentences.len());
    let mut rest = tags.as_slice();
    for sentence in sentences {
        let (own, next) = rest.split_at(sentence.len());
        out.push(own.to_vec());
        rest = next;
    }
    out
}

/// Scores the analyzer on gold `sentences`, `window` consecutive sentences analyzed as one text
/// (Kashif reads whole articles: a surname alone stands for the person named in full sentences
/// before). `each(sentence, found tags)` sees every sentence, for error listings.
pub fn score_sentences(
    analyzer: &Analyzer,
    sentences: &[Sentence],
    types: &[Label],
    window: usize,
    mut each: impl FnMut(&Sentence, &[Tag]),
) -> Scores {
    let mut scores = Scores::only(types);
    for group in sentences.chunks(window.max(1)) {
        let tokens: Vec<&[String]> = group.iter().map(|s| s.tokens.as_slice()).collect();
        for (sentence, tags) in group.iter().zip(tag_window(analyzer, &tokens)) {
            scores.add(&sentence.tags, &tags);
            each(sentence, &tags);
        }
    }
    scores
}

/// The errors of one sentence among the scored `types` (all when empty): each missed (`MISS`)
/// and false (`FALSE`) entity as `kind TAB type TAB words TAB context`, with two tokens of
/// context on each side.
///
/// ```
/// use kashif_core::conll::{parse, Tag};
/// use kashif_core::Label;
/// let gold = &parse("زار O\nبوتين B-PER\nموسكو B-LOC\n")[0];
/// let found = [Tag::O, Tag::B(Label::Per), Tag::B(Label::Org)];
/// let lines = kashif_train::eval::errors(gold, &found, &[]);
/// assert_eq!(lines, ["MISS\tLOC\tموسكو\tزار بوتين موسكو", "FALSE\tORG\tموسكو\tزار بوتين موسكو"]);
/// ```
pub fn errors(sentence: &Sentence, found: &[Tag], types: &[Label]) -> Vec<String> {
    let scored = |e: &&(usize, usize, Label)| types.is_empty() || types.contains(&e.2);
    let gold = entities(&sentence.tags);
    let found = entities(found);
    let tokens = &sentence.tokens;
    let line = |kind: &str, &(a, b, label): &(usize, usize, Label)| {
        let context = tokens[a.saturating_sub(2)..(b + 2).min(tokens.len())].join(" ");
        format!("{kind}\t{label}\t{}\t{context}", tokens[a..b].join(" "))
    };
    let missed = gold.iter().filter(scored).filter(|g| !found.contains(g)).map(|g| line("MISS", g));
    let false_ = found.iter().filter(scored).filter(|f| !gold.contains(f)).map(|f| line("FALSE", f));
    missed.chain(false_).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kashif_core::conll::parse;

    #[test]
    fn stray_inside_tags_open_entities() {
        let tags = [Tag::I(Label::Per), Tag::I(Label::Per), Tag::O, Tag::B(Label::Loc), Tag::I(Label::Org)];
        assert_eq!(entities(&tags), [(0, 2, Label::Per), (3, 4, Label::Loc), (4, 5, Label::Org)]);
    }

    #[test]
    fn known_scores_on_a_tiny_corpus() {
        // Gold: PER(2 tokens), LOC, ORG(2), LOC.  Predicted: PER exact, LOC exact, ORG cut short,
        // a spurious MISC, the last LOC missed.
        let gold = parse(
            "قال O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\n\n\
             مجلس B-ORG\nالأمن I-ORG\nو O\nدمشق B-LOC\n",
        );
        let predicted = parse(
            "قال B-MISC\nفلاديمير B-PER\nبوتين I-PER\nفي O\nموسكو B-LOC\n\n\
             مجلس B-ORG\nالأمن O\nو O\nدمشق O\n",
        );
        let mut scores = Scores::default();
        for (g, p) in gold.iter().zip(&predicted) {
            scores.add(&g.tags, &p.tags);
        }
        let micro = scores.micro();
        assert_eq!(micro, Counts { gold: 4, found: 4, correct: 2 });
        assert_eq!(micro.precision(), 0.5);
        assert_eq!(micro.recall(), 0.5);
        assert_eq!(scores.per_type[1], Counts { gold: 2, found: 1, correct: 1 });
        assert!((scores.per_type[1].f1() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(scores.per_type[2], Counts { gold: 1, found: 1, correct: 0 });
        assert_eq!(scores.tokens, 9);
        assert_eq!(scores.tokens_correct, 6);

        let mut three = Scores::only(&[Label::Per, Label::Loc, Label::Org]);
        for (g, p) in gold.iter().zip(&predicted) {
            three.add(&g.tags, &p.tags);
        }
        assert_eq!(three.micro(), Counts { gold: 4, found: 3, correct: 2 });
        assert!(!three.table().contains("MISC"));
    }

    #[test]
    fn analyzer_mentions_tag_whole_tokens() {
        let analyzer = Analyzer::new();
        let tokens: Vec<String> = ["وصل", "فلاديمير", "بوتين", "وبمنبج"].iter().map(|s| s.to_string()).collect();
        let tags = tag_tokens(&analyzer, &tokens);
        assert_eq!(tags, [Tag::O, Tag::B(Label::Per), Tag::I(Label::Per), Tag::B(Label::Loc)]);
        // Two sentences analyzed as one document give each sentence its own tags.
        let second: Vec<String> = ["زار", "بوتين", "دمشق"].iter().map(|s| s.to_string()).collect();
        let window = tag_window(&analyzer, &[&tokens, &second]);
        assert_eq!(window.len(), 2);
        assert_eq!(window[0], tags);
        assert_eq!(window[1].len(), 3);
        assert_eq!(window[1][2], Tag::B(Label::Loc));
    }
}
