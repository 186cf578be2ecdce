//! The user's corrections, kept apart from the analysis and re-applied to it every time: remove a
//! wrong highlight, add or relabel one, merge two entities, and a user lexicon of names to find
//! everywhere. Corrections point at char spans of the original text; one whose span no longer
//! fits the text (the text was edited) is skipped, never misapplied.
//!
//! In the flow they come right after the analysis of a document: [`apply`] changes the
//! [`Analysis`] the analyzer made, and the views and exports read what it leaves.
//!
//! ```
//! use kashif_core::corrections::{apply, Correction, UserLexicon};
//! use kashif_core::{Analyzer, Label};
//!
//! let text = "قال المتحدث أبو محمد الجولاني إن الهجوم فشل";
//! let mut analysis = Analyzer::new().analyze(text);
//! let fixes = [Correction::Add { start: 12, end: 29, label: Label::Per, text: "أبو محمد الجولاني".into() }];
//! apply(text, &mut analysis, &fixes, &UserLexicon::default());
//! assert!(analysis.entities.iter().any(|m| m.text == "أبو محمد الجولاني" && m.label == Label::Per));
//! ```

use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, Label, Mention};
use crate::extract::lexicon::Lexicon;
use crate::extract::Words;
use crate::link::unknown_entity;
use crate::text::normalize::{fold, Folded};
use crate::text::tokenize::tokenize;
use crate::word_tables::name_heads::Heads;

/// One correction of one document's mentions, or (`Merge`) of entities everywhere. Kept as
/// JSON (the page stores them so), tagged by `kind`.
///
/// ```
/// use kashif_core::corrections::{apply, Correction, UserLexicon};
/// use kashif_core::{Analyzer, Label};
///
/// let text = "زار لافروف أنقرة";
/// let mut analysis = Analyzer::new().analyze(text);
/// let fixes = [
///     Correction::Relabel { start: 11, end: 16, label: Label::Org, text: "أنقرة".into() },
///     // Its span no longer reads «دمشق»: skipped, never misapplied.
///     Correction::Remove { start: 4, end: 10, text: "دمشق".into() },
/// ];
/// apply(text, &mut analysis, &fixes, &UserLexicon::default());
/// let found: Vec<(&str, Label)> = analysis.entities.iter().map(|m| (m.text.as_str(), m.label)).collect();
/// assert_eq!(found, [("لافروف", Label::Per), ("أنقرة", Label::Org)]);
/// let json = serde_json::to_string(&fixes[1]).unwrap();
/// assert_eq!(json, r#"{"kind":"remove","start":4,"end":10,"text":"دمشق"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Correction {
    /// The mention at exactly `start..end` (which must read `text`) is wrong: drop it.
    Remove {
        /// First char.
        start: usize,
        /// One past the last char.
        end: usize,
        /// The text the span must hold, so an edited document does not lose another mention.
        text: String,
    },
    /// `start..end` (which must read `text`) is a mention of `label`; mentions it overlaps go.
    Add {
        /// First char.
        start: usize,
        /// One past the last char.
        end: usize,
        /// Its type.
        label: Label,
        /// The text the span must hold, so an edited document does not get a shifted mention.
        text: String,
    },
    /// The mention at exactly `start..end` (which must read `text`) is of type `label`.
    Relabel {
        /// First char.
        start: usize,
        /// One past the last char.
        end: usize,
        /// The right type.
        label: Label,
        /// The text the span must hold.
        text: String,
    },
    /// Entity `from` is entity `into`: its mentions take `into`'s id and display name.
    Merge {
        /// The id that goes.
        from: String,
        /// The id that stays.
        into: String,
        /// `into`'s display name, used where `into` has no mention (empty: keep the names).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        into_name: String,
        /// `from`'s display name when the merge was made, to say what was merged (a lexicon id
        /// such as `gn:170654` says nothing to a reader); empty in older merges.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        from_name: String,
    },
}

/// A name to find in every document, with its type (the user's "add this name everywhere").
///
/// ```
/// use kashif_core::corrections::{apply, UserLexicon, UserName};
/// use kashif_core::{Analyzer, Label};
///
/// let text = "اشتباكات عنيفة في جبل الزاوية";
/// let mut analysis = Analyzer::new().analyze(text);
/// let names = UserLexicon { names: vec![UserName { text: "جبل الزاوية".into(), label: Label::Loc }] };
/// apply(text, &mut analysis, &[], &names);
/// let mountain = analysis.entities.iter().find(|m| m.text == "جبل الزاوية").unwrap();
/// assert_eq!((mountain.label, mountain.source.as_str(), mountain.confidence), (Label::Loc, "user", 1.0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserName {
    /// The name as the user wrote it (also its display name).
    pub text: String,
    /// Its type.
    pub label: Label,
}

/// The user's names, exported and imported as a JSON file.
///
/// ```
/// use kashif_core::corrections::{UserLexicon, UserName};
/// use kashif_core::Label;
///
/// let lexicon = UserLexicon { names: vec![UserName { text: "جبل الزاوية".into(), label: Label::Loc }] };
/// let file = lexicon.to_json();
/// assert_eq!(UserLexicon::from_json(&file).unwrap(), lexicon);
/// assert!(UserLexicon::from_json("not json").is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserLexicon {
    /// The names, in the order they were added.
    pub names: Vec<UserName>,
}

impl UserLexicon {
    /// The file form: `{"kashif_user_lexicon": 1, "names": [{"text": …, "label": "PER"}, …]}`.
    ///
    /// ```
    /// use kashif_core::corrections::{UserLexicon, UserName};
    /// let lexicon = UserLexicon { names: vec![UserName { text: "أبو محمد الجولاني".into(), label: kashif_core::Label::Per }] };
    /// let file: serde_json::Value = serde_json::from_str(&lexicon.to_json()).unwrap();
    /// assert_eq!(file["kashif_user_lexicon"], 1);
    /// assert_eq!(file["names"][0]["text"], "أبو محمد الجولاني");
    /// assert_eq!(file["names"][0]["label"], "PER");
    /// ```
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct File<'a> {
            kashif_user_lexicon: u32,
            names: &'a [UserName],
        }
        serde_json::to_string_pretty(&File { kashif_user_lexicon: 1, names: &self.names }).unwrap_or_default()
    }

    /// Reads the file form; a clear message when it is not one. Names that are blank are dropped.
    ///
    /// ```
    /// use kashif_core::corrections::UserLexicon;
    /// let file = r#"{"kashif_user_lexicon": 1, "names": [{"text": "جبل الزاوية", "label": "LOC"}, {"text": " ", "label": "PER"}]}"#;
    /// let lexicon = UserLexicon::from_json(file).unwrap();
    /// assert_eq!(lexicon.names.len(), 1);
    /// assert_eq!(lexicon.names[0].label, kashif_core::Label::Loc);
    /// assert!(UserLexicon::from_json(r#"{"kashif_user_lexicon": 2, "names": []}"#).unwrap_err().contains("version 2"));
    /// assert!(UserLexicon::from_json("[]").unwrap_err().starts_with("not a Kashif user lexicon"));
    /// ```
    pub fn from_json(json: &str) -> Result<UserLexicon, String> {
        #[derive(Deserialize)]
        struct File {
            kashif_user_lexicon: u32,
            names: Vec<UserName>,
        }
        let file: File = serde_json::from_str(json).map_err(|e| format!("not a Kashif user lexicon: {e}"))?;
        if file.kashif_user_lexicon != 1 {
            return Err(format!("user lexicon version {} is not supported", file.kashif_user_lexicon));
        }
        let names = file.names.into_iter().filter(|n| !n.text.trim().is_empty()).collect();
        Ok(UserLexicon { names })
    }

    /// The names as a lexicon the matcher reads (ids `user:<folded name>`).
    fn lexicon(&self) -> Option<Lexicon> {
        let mut tsv = String::new();
        let mut seen = std::collections::HashSet::new();
        for name in &self.names {
            let folded = fold(&name.text).split_whitespace().collect::<Vec<_>>().join(" ");
            if folded.is_empty() || !seen.insert(folded.clone()) || name.text.contains(['\t', '\n']) {
                continue;
            }
            tsv.push_str(&format!("user:{folded}\t{}\t{}\t\n", name.label.as_str(), name.text.trim()));
        }
        Lexicon::parse(&tsv).ok()
    }
}

/// The chars `start..end` of `text`, if the span fits.
fn slice(chars: &[char], start: usize, end: usize) -> Option<String> {
    (start < end && end <= chars.len()).then(|| chars[start..end].iter().collect())
}

fn overlaps(m: &Mention, start: usize, end: usize) -> bool {
    m.start < end && start < m.end
}

/// Applies the user lexicon, then the corrections in order, to the analysis of `text`. Mentions
/// the user made or changed get confidence 1; the result stays in text order.
///
/// ```
/// use kashif_core::corrections::{apply, Correction, UserLexicon, UserName};
/// use kashif_core::{Analyzer, Label};
///
/// let texts = ["وصل لافروف إلى أنقرة", "قال سيرغي لافروف إن المحادثات مستمرة"];
/// let mut analyses: Vec<_> = texts.iter().map(|t| Analyzer::new().analyze(t)).collect();
/// kashif_core::link::link_corpus(&mut analyses);
/// // The user merges the entity of «أنقرة» into one of their own, in every document.
/// let ankara = analyses[0].entities.iter().find(|m| m.text == "أنقرة").unwrap().id.clone();
/// let merge = Correction::Merge { from: ankara, into: "user:ankara".into(), into_name: "أنقرة (تركيا)".into(), from_name: String::new() };
/// for (text, analysis) in texts.iter().zip(&mut analyses) {
///     apply(text, analysis, std::slice::from_ref(&merge), &UserLexicon::default());
/// }
/// let ankara = analyses[0].entities.iter().find(|m| m.text == "أنقرة").unwrap();
/// assert_eq!((ankara.id.as_str(), ankara.canonical.as_str()), ("user:ankara", "أنقرة (تركيا)"));
/// // The other document has no mention of it: nothing changes there.
/// assert!(analyses[1].entities.iter().all(|m| m.id != "user:ankara"));
/// ```
pub fn apply(text: &str, analysis: &mut Analysis, corrections: &[Correction], lexicon: &UserLexicon) {
    let chars: Vec<char> = text.chars().collect();
    if !lexicon.names.is_empty() {
        if let Some(user) = lexicon.lexicon() {
            add_user_names(text, analysis, &user);
        }
    }
    // The ids of names the user made or retyped are those of unknown names.
    let heads = &crate::word_tables::name_tables().heads;
    for correction in corrections {
        match correction {
            Correction::Remove { start, end, text: expected } => {
                remove_mention(&chars, analysis, *start, *end, expected)
            }
            Correction::Relabel { start, end, label, text: expected } => {
                relabel_mention(heads, &chars, analysis, *start, *end, *label, expected);
            }
            Correction::Add { start, end, label, text: expected } => {
                add_mention(heads, &chars, analysis, *start, *end, *label, expected);
            }
            Correction::Merge { from, into, into_name, .. } => merge_entities(analysis, from, into, into_name),
        }
    }
    analysis.entities.sort_by_key(|m| (m.start, m.end));
}

/// Adds the names of the user's lexicon found in `text`, each in place of the shorter mentions
/// it overlaps.
fn add_user_names(text: &str, analysis: &mut Analysis, user: &Lexicon) {
    let folded = Folded::new(text);
    let tokens = tokenize(&folded);
    let words = Words::new(&tokens);
    for candidate in user.find(&words) {
        let folded_start = tokens[candidate.first].start + candidate.prefix;
        let (start, end) = folded.original_span(folded_start, tokens[candidate.last - 1].end);
        // The user's name wins over shorter mentions it overlaps, not over longer ones; one
        // longer only by the name's proclitic (`وتل الزعتر` for `تل الزعتر`) is not longer.
        let (word_start, _) = folded.original_span(tokens[candidate.first].start, tokens[candidate.first].end);
        if analysis.entities.iter().any(|m| overlaps(m, start, end) && m.end - m.start > end - word_start) {
            continue;
        }
        analysis.entities.retain(|m| !overlaps(m, start, end));
        let surface = folded.original_text(start, end);
        analysis.entities.push(Mention {
            label: candidate.label,
            text: surface,
            start,
            end,
            canonical: candidate.canonical,
            id: candidate.id,
            title: None,
            confidence: 1.0,
            source: "user".to_owned(),
        });
    }
}

/// [`Correction::Remove`]: drops the mention at exactly `start..end`, if the span still reads
/// `expected`.
fn remove_mention(chars: &[char], analysis: &mut Analysis, start: usize, end: usize, expected: &str) {
    if slice(chars, start, end).as_deref() == Some(expected) {
        analysis.entities.retain(|m| !(m.start == start && m.end == end));
    }
}

/// [`Correction::Relabel`]: gives the mention at exactly `start..end` the type `label`, if the
/// span still reads `expected`.
fn relabel_mention(heads: &Heads, chars: &[char], analysis: &mut Analysis, start: usize, end: usize, label: Label, expected: &str) {
    if slice(chars, start, end).as_deref() != Some(expected) {
        return;
    }
    for m in analysis.entities.iter_mut().filter(|m| m.start == start && m.end == end) {
        if m.label != label {
            m.label = label;
            (m.id, m.canonical) = unknown_entity(heads, label, &m.text);
            m.confidence = 1.0;
        }
    }
}

/// [`Correction::Add`]: a mention of `label` at `start..end` in place of those it overlaps, if
/// the span still reads `expected`.
fn add_mention(heads: &Heads, chars: &[char], analysis: &mut Analysis, start: usize, end: usize, label: Label, expected: &str) {
    if slice(chars, start, end).as_deref() != Some(expected) {
        return; // the text changed under the correction
    }
    analysis.entities.retain(|m| !overlaps(m, start, end));
    let (id, canonical) = unknown_entity(heads, label, expected);
    analysis.entities.push(Mention {
        label,
        text: expected.to_owned(),
        start,
        end,
        canonical,
        id,
        title: None,
        confidence: 1.0,
        source: "user".to_owned(),
    });
}

/// [`Correction::Merge`]: the mentions of `from` (and the quotes it speaks) take `into`'s id,
/// and its display name: that of a mention of `into`, else `into_name`, else their own.
fn merge_entities(analysis: &mut Analysis, from: &str, into: &str, into_name: &str) {
    let named = (!into_name.is_empty()).then(|| into_name.to_owned());
    let Some(target) = analysis.entities.iter().find(|m| m.id == into).map(|m| m.canonical.clone()).or(named) else {
        // `into` has no mention here and no name was given: take the id, keep the names.
        analysis.entities.iter_mut().filter(|m| m.id == from).for_each(|m| into.clone_into(&mut m.id));
        rename_speakers(analysis, from, into, None);
        return;
    };
    for m in analysis.entities.iter_mut().filter(|m| m.id == from) {
        into.clone_into(&mut m.id);
        m.canonical.clone_from(&target);
    }
    rename_speakers(analysis, from, into, Some(&target));
}

fn rename_speakers(analysis: &mut Analysis, from: &str, into: &str, name: Option<&str>) {
    for quote in analysis.quotes.iter_mut().filter(|q| q.speaker.as_deref() == Some(from)) {
        quote.speaker = Some(into.to_owned());
        if let Some(name) = name {
            quote.speaker_name = Some(name.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::shared_for_tests as analyzer;

    fn spans(analysis: &Analysis) -> Vec<(Label, &str)> {
        analysis.entities.iter().map(|m| (m.label, m.text.as_str())).collect()
    }

    #[test]
    fn remove_relabel_add_and_merge() {
        let text = "التقى الرئيس بوتين في موسكو نظيره أردوغان، ثم زار المبعوث غير بيدرسون دمشق.";
        let mut analysis = analyzer().analyze(text);
        let find = |surface: &str| analysis.entities.iter().find(|m| m.text == surface).cloned();
        let (sochi, putin, erdogan) = (find("موسكو").unwrap(), find("بوتين").unwrap(), find("أردوغان").unwrap());
        let chars: Vec<char> = text.chars().collect();
        let geir = text.find("غير بيدرسون").map(|b| text[..b].chars().count()).unwrap();
        let fixes = vec![
            Correction::Remove { start: sochi.start, end: sochi.end, text: sochi.text.clone() },
            Correction::Relabel { start: putin.start, end: putin.end, label: Label::Org, text: putin.text.clone() },
            Correction::Add {
                start: geir,
                end: geir + 11,
                label: Label::Per,
                text: chars[geir..geir + 11].iter().collect(),
            },
            Correction::Merge { from: erdogan.id.clone(), into: "per:someone-else".into(), into_name: "غيره".into(), from_name: String::new() },
        ];
        apply(text, &mut analysis, &fixes, &UserLexicon::default());
        let found = spans(&analysis);
        assert!(!found.contains(&(Label::Loc, "موسكو")), "{found:?}");
        assert!(found.contains(&(Label::Org, "بوتين")), "{found:?}");
        assert!(found.contains(&(Label::Per, "غير بيدرسون")), "{found:?}");
        assert!(analysis.entities.iter().any(|m| m.text == "أردوغان" && m.id == "per:someone-else" && m.canonical == "غيره"));
        assert!(analysis.entities.windows(2).all(|w| w[0].start <= w[1].start));
    }

    #[test]
    fn corrections_that_no_longer_fit_are_skipped() {
        let text = "وصل الوفد إلى حلب";
        let mut analysis = analyzer().analyze(text);
        let before = analysis.clone();
        let fixes = vec![
            Correction::Add { start: 4, end: 8, label: Label::Org, text: "كلمة أخرى".into() },
            Correction::Add { start: 10, end: 400, label: Label::Org, text: "x".into() },
            Correction::Remove { start: 1, end: 2, text: "ص".into() },
            Correction::Relabel { start: 0, end: 1, label: Label::Per, text: "و".into() },
            Correction::Remove { start: 14, end: 17, text: "حمص".into() },
        ];
        apply(text, &mut analysis, &fixes, &UserLexicon::default());
        assert_eq!(analysis, before);
    }

    #[test]
    fn user_names_are_found_everywhere_with_clitics() {
        let lexicon = UserLexicon { names: vec![UserName { text: "تل الزعتر".into(), label: Label::Loc }] };
        let text = "وصلت القافلة إلى تل الزعتر، ثم غادرت وتل الزعتر بقي فيه الجرحى.";
        let mut analysis = analyzer().analyze(text);
        apply(text, &mut analysis, &[], &lexicon);
        let places: Vec<&str> =
            analysis.entities.iter().filter(|m| m.id == "user:تل الزعتر").map(|m| m.text.as_str()).collect();
        assert_eq!(places, ["تل الزعتر", "تل الزعتر"]);
    }

    #[test]
    fn corrections_round_trip_as_json() {
        let fixes = vec![
            Correction::Remove { start: 1, end: 3, text: "اب".into() },
            Correction::Merge { from: "per:a".into(), into: "per:b".into(), into_name: String::new(), from_name: String::new() },
        ];
        let json = serde_json::to_string(&fixes).unwrap();
        assert!(json.contains("\"kind\":\"remove\""), "{json}");
        assert_eq!(serde_json::from_str::<Vec<Correction>>(&json).unwrap(), fixes);
    }
}
