//! Gold sentences on Kashif's tokens: what training and the clusters read a CoNLL corpus as.

use crate::conll::Tag;
use crate::text::normalize::Folded;
use crate::text::tokenize::Token;

/// The text of a gold sentence (its tokens joined with single spaces), folded, with the gold
/// token each of its chars comes from. Its Kashif tokens are `tokenize` of `folded`.
pub(crate) struct GoldText {
    pub folded: Folded,
    /// The gold token of each original char (`usize::MAX` for the spaces between them).
    owner: Vec<usize>,
}

impl GoldText {
    /// The text of the gold tokens `tokens`.
    pub(crate) fn of(tokens: &[String]) -> GoldText {
        let mut text = String::new();
        let mut owner = Vec::new();
        for (index, token) in tokens.iter().enumerate() {
            if index > 0 {
                text.push(' ');
                owner.push(usize::MAX);
            }
            text.push_str(token);
            owner.extend(std::iter::repeat_n(index, token.chars().count()));
        }
        GoldText { folded: Folded::new(&text), owner }
    }

    /// The gold tags `tags` moved onto the text's Kashif tokens `kashif`: a Kashif token takes
    /// the tag of the gold token it starts in, `B-X` only on the first Kashif token of a gold
    /// `B-X` token.
    pub(crate) fn project(&self, kashif: &[Token<'_>], tags: &[Tag]) -> Vec<Tag> {
        let mut previous_owner = usize::MAX;
        kashif
            .iter()
            .map(|token| {
                let (start, _) = self.folded.original_span(token.start, token.end);
                let gold = self.owner.get(start).copied().unwrap_or(usize::MAX);
                let same = gold == previous_owner;
                previous_owner = gold;
                match tags.get(gold) {
                    Some(Tag::B(label)) if same => Tag::I(*label),
                    Some(&tag) => tag,
                    None => Tag::O,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Label;
    use crate::text::tokenize::tokenize;

    #[test]
    fn projection_splits_tokens_and_keeps_bio() {
        let tokens: Vec<String> = ["في", "2019م", "زار", "U.S.", "بوتين"].iter().map(|s| s.to_string()).collect();
        let tags = [Tag::O, Tag::O, Tag::O, Tag::B(Label::Loc), Tag::B(Label::Per)];
        let text = GoldText::of(&tokens);
        let kashif = tokenize(&text.folded);
        let projected = text.project(&kashif, &tags);
        let texts: Vec<&str> = kashif.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["في", "2019", "م", "زار", "U", ".", "S", ".", "بوتين"]);
        let loc = [Tag::B(Label::Loc), Tag::I(Label::Loc), Tag::I(Label::Loc), Tag::I(Label::Loc)];
        assert_eq!(projected[4..8], loc);
        assert_eq!(projected[8], Tag::B(Label::Per));
    }
}
