//! Quotes with their speakers.
//!
//! - **Direct**: the content of «…», “…” or "…" (the outermost pair; nested quotes stay inside
//!   the content, an unclosed mark quotes nothing) with a speech verb before it in the same
//!   sentence (`قال لافروف: «…»`) or right after it (`«…»، قال لافروف`); or what follows the
//!   colon after a speech verb (`وقال: الوضع خطير.`). Short content after no colon (`«داعش»`)
//!   is a name in quote marks, not a quote.
//! - **Indirect**: the إن/أن clause after a speech verb, to the end of the sentence (or to a
//!   quote mark, or to `، فيما …`).
//!
//! - **Relayed**: `نقلت وكالة تاس عن لافروف قوله إن …`: the speaker is the one after `عن`,
//!   not the agency that relays.
//! - **Attributed**: a clause with its source after `بحسب`، `حسب`، `وفقا لـ`، `نقلا عن`:
//!   `قتل 20 مدنيا، بحسب المرصد السوري.` (the clause before, up to the comma) or
//!   `وبحسب المرصد، فإن 20 مدنيا قتلوا.` (the clause after the comma); the source must be a
//!   mention of a person, organization or place right after the attribution word.
//!
//! The speaker is the person (or organization, or a country right after the verb) that is the
//! subject of the verb: after it (`قال لافروف`), or before it (`لافروف قال`). A verb with no
//! named subject (`وأضاف`، `وتابع في بيان`، `مضيفاً`) takes the speaker of the previous quote,
//! else the last person named in the sentences before, of the verb's gender where the text tells
//! a person's (a title such as `وزيرة`, a first name only women or only men have): `وقالت` after
//! a man was named speaks for the woman named before him. Every scan is bounded: linear.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::context::Context;
use crate::analysis::{Label, Quote, QuoteKind};
use crate::text::normalize::fold;
use crate::text::tokenize::TokenKind;
use crate::word_tables::quote_words::QuoteWords;

/// How many tokens may separate a verb from its quote.
const VERB_WINDOW: usize = 16;
/// A direct quote without a colon needs this many tokens of content.
const MIN_DIRECT_TOKENS: usize = 3;
/// How many sentences back an unnamed speaker is looked for.
const SENTENCES_BACK: usize = 4;
/// The longest indirect quote or quote after a colon, in tokens.
const MAX_CLAUSE_TOKENS: usize = 200;
/// The longest direct quote, in tokens (an unbalanced mark must not swallow an article).
const MAX_QUOTE_TOKENS: usize = 600;

fn is_open(text: &str) -> bool {
    matches!(text, "«" | "“" | "\"")
}

fn is_sentence_end(text: &str) -> bool {
    matches!(text, "." | "!" | "?" | "؟" | "…")
}

/// A speech verb at token `i` (alone or after و/ف): (is a participle).
fn verb_at(cx: &Context<'_>, i: usize) -> Option<bool> {
    verb_reading(cx, i).map(|(participle, _)| participle)
}

/// The speech verb at token `i`: (is a participle, the verb without clitics and object pronoun;
/// [`QuoteWords::speech_form`]), read as it is or after و/ف. Read once per token and kept
/// ([`Context::speech_verbs`]).
fn verb_reading(cx: &Context<'_>, i: usize) -> Option<(bool, &'static str)> {
    match cx.speech_verbs.get(i) {
        Some(kept) => *kept.get_or_init(|| read_verb(cx, i)),
        None => read_verb(cx, i),
    }
}

/// The speech verb at token `i`, read from its readings ([`verb_reading`]).
fn read_verb(cx: &Context<'_>, i: usize) -> Option<(bool, &'static str)> {
    let token = cx.text(i);
    let conj = token.starts_with('و') || token.starts_with('ف');
    let mut readings = cx.words.readings(i).iter().take(if conj { 2 } else { 1 });
    readings.find_map(|r| cx.tables.quote_words.speech_form(&r.stem))
}

/// A quote found, before its speaker is known.
struct Found {
    verb: usize,
    /// Where the quote (its mark, colon or complementizer) begins, for the subject window.
    opener: usize,
    /// Content tokens `[first, last)`.
    first: usize,
    last: usize,
    direct: bool,
    /// The verb comes after the quote (`«…»، قال لافروف`).
    verb_after: bool,
    /// The speaker, when the way the quote was found names it (attributions): a mention, or
    /// none for an unnamed source (`وفق مصادر`).
    source: Option<Option<usize>>,
}

/// The outermost quote-mark pairs: (open token, close token).
fn quote_pairs(cx: &Context<'_>) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut stack: Vec<(usize, &str)> = Vec::new();
    let chars = cx.folded.original_chars();
    for i in 0..cx.len() {
        // A paragraph break closes nothing: forget what was open.
        if i > 0 && chars[cx.spans[i - 1].1..cx.spans[i].0].contains(&'\n') {
            stack.clear();
        }
        if stack.first().is_some_and(|&(open, _)| i - open > MAX_QUOTE_TOKENS) {
            stack.clear();
        }
        let text = cx.text(i);
        let closes = match stack.last() {
            Some((_, "«")) => text == "»",
            Some((_, "“")) => text == "”",
            Some((_, "\"")) => text == "\"",
            _ => false,
        };
        if closes {
            let (open, _) = stack.pop().unwrap_or((i, ""));
            if stack.is_empty() {
                pairs.push((open, i));
            }
        } else if is_open(text) && stack.len() < 8 {
            let mark = match text {
                "«" => "«",
                "“" => "“",
                _ => "\"",
            };
            stack.push((i, mark));
        }
    }
    pairs
}

/// The quote marks of a document and what they tell the other steps.
struct Marks {
    /// The outermost quote-mark pairs: (open token, close token).
    pairs: Vec<(usize, usize)>,
    /// Tokens inside quote marks (verbs there belong to the quoted speech).
    inside: Vec<bool>,
    close_of: HashMap<usize, usize>,
    /// One past the last token of each sentence.
    sentence_end: Vec<usize>,
    /// Open tokens of names in quote marks in a verb's subject (`وذكرت مجلة "درع الوطن" أنه`).
    names: HashSet<usize>,
}

impl Marks {
    fn new(cx: &Context<'_>) -> Self {
        let pairs = quote_pairs(cx);
        let mut inside = vec![false; cx.len()];
        for &(open, close) in &pairs {
            inside[open..=close].iter_mut().for_each(|x| *x = true);
        }
        let close_of: HashMap<usize, usize> = pairs.iter().copied().collect();
        let sentence_end = sentence_ends(cx);
        let names = quoted_names(cx, &close_of, &inside, &sentence_end);
        Marks { pairs, inside, close_of, sentence_end, names }
    }

    /// Where a clause after the verb at `v` must end: its sentence's end, or, when that end is
    /// inside quote marks (`أن موسكو "ستواصل دعمها. ولن تتخلى" في إدلب.`), the end of the
    /// sentence where the marks close; at most [`MAX_CLAUSE_TOKENS`] tokens.
    fn clause_limit(&self, cx: &Context<'_>, v: usize) -> usize {
        let mut end = self.sentence_end[cx.sentence_of[v]];
        if end > v + 1 && self.inside[end - 1] {
            let at = self.pairs.partition_point(|&(_, close)| close < end - 1);
            if let Some(&(open, close)) = self.pairs.get(at) {
                if open > v && open < end - 1 && close >= end - 1 {
                    end = self.sentence_end[cx.sentence_of[close]];
                }
            }
        }
        end.min(v + MAX_CLAUSE_TOKENS)
    }
}

/// Quotes of a document, in text order, with their speakers.
pub(crate) fn find(cx: &Context<'_>, titles: &[(usize, String)]) -> Vec<Quote> {
    let marks = Marks::new(cx);
    let mut found = direct_quotes(cx, &marks);
    // The tokens of the direct quotes: an indirect clause stops there, and passes over the
    // other quote marks (`إن "شكوكا قوية" تشير إلى …`).
    let mut direct = vec![false; cx.len()];
    for f in &found {
        direct[f.opener..(f.last + 1).min(cx.len())].iter_mut().for_each(|x| *x = true);
    }
    clause_quotes(cx, &marks, &direct, &mut found);
    attributed(cx, &marks.inside, &direct, &marks.close_of, &marks.sentence_end, &mut found);
    found.sort_by_key(|f| (f.first, f.last));
    found.dedup_by_key(|f| f.first);
    with_speakers(cx, titles, found)
}

/// Direct quotes between marks, with the verb before them in their sentence or right after them.
fn direct_quotes(cx: &Context<'_>, marks: &Marks) -> Vec<Found> {
    let mut found = Vec::new();
    for &(open, close) in &marks.pairs {
        if close == open + 1 || marks.names.contains(&open) {
            continue;
        }
        let verb = verb_before_quote(cx, marks, open, close).or_else(|| verb_after_quote(cx, open, close));
        if let Some((verb, verb_after)) = verb {
            found.push(Found {
                verb,
                opener: open,
                first: open + 1,
                last: close,
                direct: true,
                verb_after,
                source: None,
            });
        }
    }
    found
}

/// The speech verb before the quote marks `open`…`close`, in their sentence and not inside
/// other marks, when the quote is one: after a colon, long enough, or introduced by the verb or
/// its particle. Returns (verb, false).
fn verb_before_quote(cx: &Context<'_>, marks: &Marks, open: usize, close: usize) -> Option<(usize, bool)> {
    let t = &cx.tables.quote_words;
    let sentence = cx.sentence_of[open];
    let colon = open > 0 && cx.is(open - 1, ":");
    let long = close - open > MIN_DIRECT_TOKENS;
    // `وصفه بـ«الماكر»`، `دعا إلى «التهدئة»`: a short quote right after a verb or its particle.
    // After a complementizer, only a quote that ends the clause: `إن «شكوكا قوية» تشير …` is
    // one indirect clause.
    let introduced = open > 0
        && (verb_at(cx, open - 1).is_some()
            || (t.introducers.contains(cx.text(open - 1))
                && (!t.that.contains(cx.text(open - 1))
                    || close + 1 >= cx.len()
                    || cx.words.tokens[close + 1].kind == TokenKind::Punct)));
    // A name alone in quote marks is no quote (`بحسب ما ذكرت "رويترز"`).
    let one_name =
        cx.mention_of[open + 1].is_some() && (open + 1..close).all(|k| cx.mention_of[k] == cx.mention_of[open + 1]);
    if !(colon || long || (introduced && !one_name)) {
        return None;
    }
    let mut that = None;
    for k in (open.saturating_sub(VERB_WINDOW)..open).rev() {
        let text = cx.text(k);
        if cx.sentence_of[k] != sentence || is_sentence_end(text) || marks.inside[k] {
            return None;
        }
        if cx.words.tokens[k].kind == TokenKind::Arabic && t.that.contains(text) {
            that.get_or_insert(k);
        }
        if verb_at(cx, k).is_some() {
            // `إن واشنطن "تقف مع أنقرة" في هذه الأزمة`: quote marks inside a clause that goes on
            // after them are part of the indirect quote.
            let inside_clause = that.is_some_and(|c| c + 1 < open) && clause_goes_on(cx, close);
            return (!inside_clause).then_some((k, false));
        }
    }
    None
}

/// True when words of the sentence follow the quote mark `close` (`"…" في إدلب.`).
fn clause_goes_on(cx: &Context<'_>, close: usize) -> bool {
    close + 1 < cx.len() && cx.words.tokens[close + 1].kind != TokenKind::Punct && {
        let chars = cx.folded.original_chars();
        !chars[cx.spans[close].1..cx.spans[close + 1].0].contains(&'\n')
    }
}

/// The speech verb after the quote marks `open`…`close`: after the lead's demonstrative
/// (`"…".. بهذه الكلمات تحدث السفير`), or after a comma (`"الوضع كارثي"، قال`). Returns
/// (verb, true).
fn verb_after_quote(cx: &Context<'_>, open: usize, close: usize) -> Option<(usize, bool)> {
    let demonstratives = &cx.tables.quote_words.demonstratives;
    let lead = (close + 1..(close + 4).min(cx.len()))
        .find(|&k| cx.words.tokens[k].kind != TokenKind::Punct)
        .filter(|&k| demonstratives.contains(cx.text(k)) && k + 2 < cx.len())
        .map(|k| k + 2)
        .filter(|&k| cx.words.tokens[k].kind == TokenKind::Arabic);
    if let Some(k) = lead {
        return Some((k, true));
    }
    let k = close + 1;
    // After the quote, a verb after a comma is proof enough.
    let comma = k < cx.len() && matches!(cx.text(k), "،" | "," | "-");
    (comma && k + 1 < cx.len() && close - open > 2 && verb_at(cx, k + 1) == Some(false)).then_some((k + 1, true))
}

/// Quotes after the colon or the complementizer that follows a speech verb (`وقال: …`،
/// `وأكد أن …`), up to the end of the sentence or the clause.
fn clause_quotes(cx: &Context<'_>, marks: &Marks, direct: &[bool], found: &mut Vec<Found>) {
    let t = &cx.tables.quote_words;
    for v in 0..cx.len() {
        if marks.inside[v] || verb_at(cx, v).is_none() {
            continue;
        }
        let end = marks.clause_limit(cx, v);
        let mut k = v + 1;
        while k < end && k <= v + VERB_WINDOW {
            let text = cx.text(k);
            if marks.names.contains(&k) {
                k = marks.close_of.get(&k).map_or(k, |&close| close) + 1;
                continue;
            }
            if is_open(text) || marks.inside[k] || is_sentence_end(text) {
                break;
            }
            if text == ":" {
                if k + 1 < end && !is_open(cx.text(k + 1)) {
                    let last = trim_end(cx, k + 1, end);
                    found.push(Found {
                        verb: v,
                        opener: k,
                        first: k + 1,
                        last,
                        direct: true,
                        verb_after: false,
                        source: None,
                    });
                }
                break;
            }
            let that = cx.words.tokens[k].kind == TokenKind::Arabic
                && t.that.contains(text)
                && !(k > 0 && t.not_reported.contains(cx.text(k - 1)));
            if that {
                if let Some(last) = that_clause(cx, k, end, direct) {
                    found.push(Found {
                        verb: v,
                        opener: k,
                        first: k + 1,
                        last,
                        direct: false,
                        verb_after: false,
                        source: None,
                    });
                }
                break;
            }
            // Another speech verb: the quote, if any, is its own.
            if verb_at(cx, k).is_some() {
                break;
            }
            k += 1;
        }
    }
}

/// The end of the indirect clause after the complementizer at `k`, unless there is none or a
/// direct quote says it (`إن بلاده «…»`).
fn that_clause(cx: &Context<'_>, k: usize, end: usize, direct: &[bool]) -> Option<usize> {
    if k + 1 >= end || direct[k + 1] {
        return None;
    }
    let last = clause_end(cx, k + 1, end, direct);
    let cut_by_quote = last < end && direct[last];
    (last > k + 1 && !(cut_by_quote && last - (k + 1) < MIN_DIRECT_TOKENS)).then_some(last)
}

/// The previous quote, for the speaker of a verb with no subject of its own.
#[derive(Clone, Copy)]
struct Previous {
    verb: usize,
    /// One past its last token.
    end: usize,
    speaker: Option<usize>,
    /// Its subject was a phrase no mention covers (`مصدر عسكري`).
    unknown: bool,
}

/// What the speakers are resolved with.
struct Speakers<'s> {
    genders: HashMap<&'s str, bool>,
    titled: Titled,
    /// The tokens of what is said in quote marks: the names there do not speak it.
    said: Vec<bool>,
    /// The tokens of every quote's content, direct or indirect.
    quoted: Vec<bool>,
}

/// The quotes found, with their speakers, as the analysis gives them.
fn with_speakers(cx: &Context<'_>, titles: &[(usize, String)], found: Vec<Found>) -> Vec<Quote> {
    let mut said = vec![false; cx.len()];
    for f in found.iter().filter(|f| f.direct) {
        said[f.first..f.last.min(cx.len())].iter_mut().for_each(|x| *x = true);
    }
    let mut quoted = vec![false; cx.len()];
    for f in &found {
        quoted[f.first.min(f.last)..f.last.min(cx.len())].iter_mut().for_each(|x| *x = true);
    }
    let speakers = Speakers { genders: person_genders(cx, titles), titled: Titled::new(cx, titles), said, quoted };
    let mut quotes: Vec<Quote> = Vec::with_capacity(found.len());
    let mut previous: Option<Previous> = None;
    for f in found {
        if f.last <= f.first {
            continue; // nothing was said (`قال : . .`)
        }
        let named = match f.source {
            Some(Some(m)) => Subject::Named(m),
            Some(None) => Subject::Unknown,
            None => subject(cx, &f, &speakers.titled),
        };
        let unknown = matches!(named, Subject::Unknown);
        let speaker = match named {
            Subject::Named(m) => Some(m),
            Subject::Unnamed => unnamed_speaker(cx, &speakers, &f, previous),
            Subject::Unknown => None,
            Subject::Statement => previous
                .filter(|p| cx.sentence_of[f.verb].saturating_sub(cx.sentence_of[p.verb]) <= SENTENCES_BACK)
                .and_then(|p| p.speaker),
            Subject::OfSentence => sentence_subject(cx, f.verb, &speakers.said, true),
        };
        previous = Some(Previous { verb: f.verb, end: f.last, speaker, unknown });
        let (start, end) = cx.span(f.first, f.last, 0);
        let (vs, ve) = cx.span(f.verb, f.verb + 1, 0);
        quotes.push(Quote {
            speaker: speaker.map(|m| cx.mentions[m].id.clone()),
            speaker_name: speaker.map(|m| cx.mentions[m].canonical.clone()),
            verb: cx.original(vs, ve),
            text: cx.original(start, end),
            start,
            end,
            kind: if f.direct { QuoteKind::Direct } else { QuoteKind::Indirect },
        });
    }
    quotes
}

/// How many tokens back in its sentence a verb with no subject looks for the speech verb it
/// carries on.
const CARRY_WINDOW: usize = 40;

/// The named subject of the speech verb nearest before `verb` in its sentence, outside every
/// quote, whether or not that verb has a quote of its own: `نفى الجيش السوري استهداف المدنيين،
/// مؤكدا أنه …`، `ونفى الجيش التركي في بيان ذلك، وأكد أن …`.
fn subject_of_verb_before(cx: &Context<'_>, speakers: &Speakers<'_>, verb: usize) -> Option<usize> {
    let sentence = cx.sentence_of[verb];
    let before = (verb.saturating_sub(CARRY_WINDOW)..verb)
        .rev()
        .take_while(|&k| cx.sentence_of[k] == sentence)
        .filter(|&k| !speakers.quoted[k])
        .find(|&k| verb_at(cx, k) == Some(false))?;
    let f = Found {
        verb: before,
        opener: verb,
        first: verb,
        last: verb,
        direct: false,
        verb_after: false,
        source: None,
    };
    match subject(cx, &f, &speakers.titled) {
        Subject::Named(m) => Some(m),
        _ => None,
    }
}

/// The speaker of a verb with no subject of its own (`وأضاف`، `مضيفا`).
fn unnamed_speaker(cx: &Context<'_>, speakers: &Speakers<'_>, f: &Found, previous: Option<Previous>) -> Option<usize> {
    let sentence = cx.sentence_of[f.verb];
    let recent = |s: usize| sentence.saturating_sub(s) <= SENTENCES_BACK;
    let recent_previous = previous.filter(|p| recent(cx.sentence_of[p.verb]));
    // A participle in the sentence of a quote carries that quote's speaker; else the verb
    // speaks for the person its sentence names first (`ودخل خاشقجي على الخط مع رد كاسن، معتبرا
    // أنها …`، `وسعى ترامب …، وقال إن …`).
    let participle = verb_at(cx, f.verb) == Some(true);
    let same_sentence = recent_previous.filter(|p| cx.sentence_of[p.verb] == sentence);
    // Words of an unnamed source go on (`قال مصدر إن … وأضاف أن …`) while no person is named in
    // between.
    let unnamed_before = recent_previous.is_some_and(|p| {
        p.unknown && !(p.verb..f.verb).any(|k| cx.mention(k).is_some_and(|(_, label)| label == Label::Per))
    });
    if let Some(m) = subject_of_verb_before(cx, speakers, f.verb) {
        return Some(m);
    }
    if participle && same_sentence.is_some_and(|p| p.speaker.is_some()) {
        return same_sentence.and_then(|p| p.speaker);
    }
    if let Some(m) = sentence_subject(cx, f.verb, &speakers.said, false) {
        return Some(m);
    }
    if unnamed_before {
        return None;
    }
    // The previous speaker, then the persons named before, nearest first; the verb's gender
    // rules out those of the other one (`وقالت` after a man was named speaks for the woman
    // named before him), and a feminine verb, the marked form, prefers a woman known as such to
    // a name of unknown gender.
    let feminine = verb_is_feminine(cx, f.verb);
    let gender = |m: usize| speakers.genders.get(cx.mentions[m].id.as_str()).copied();
    // An organization's words are not carried past a person of the verb's gender named since
    // (`وقال تقرير للأمم المتحدة إن …. وزار الوزير خلوصي أكار …. وقال عبر تويتر إن …`).
    let person_since = |p: &Previous| {
        (p.end..f.verb).any(|k| {
            !speakers.quoted[k]
                && cx.mention(k).is_some_and(|(m, label)| label == Label::Per && gender(m) != Some(!feminine))
        })
    };
    let carried = recent_previous
        .filter(|p| p.speaker.is_some_and(|m| cx.mentions[m].label == Label::Per) || !person_since(p))
        .and_then(|p| p.speaker);
    let mut candidates = carried.into_iter().chain(
        (0..f.verb)
            .rev()
            .take_while(|&k| recent(cx.sentence_of[k]))
            .filter(|&k| !speakers.said[k])
            .filter_map(|k| cx.mention(k).filter(|&(_, label)| label == Label::Per))
            .map(|(m, _)| m),
    );
    if feminine {
        let candidates: Vec<usize> = candidates.collect();
        let known = candidates.iter().copied().find(|&m| gender(m) == Some(true));
        known.or_else(|| candidates.into_iter().find(|&m| gender(m).is_none()))
    } else {
        candidates.find(|&m| gender(m) != Some(true))
    }
}

/// Clauses attributed to a source (`…، بحسب المرصد.` or `وبحسب المرصد، …`), unless a quote
/// already covers them. The source is a mention right after the attribution word or after the
/// words that carry it (`بحسب ما ذكرت رويترز`، `بحسب تحقيق أجرته محطة …`), or a noun of an
/// unnamed source (`وفق سياسيين`، `حسب ما أفادت به مصادر`): then the clause has no speaker.
fn attributed(
    cx: &Context<'_>,
    inside: &[bool],
    direct: &[bool],
    close_of: &HashMap<usize, usize>,
    sentence_end: &[usize],
    found: &mut Vec<Found>,
) {
    let t = &cx.tables.quote_words;
    let open_of: HashMap<usize, usize> = close_of.iter().map(|(&open, &close)| (close, open)).collect();
    for a in 0..cx.len() {
        if inside[a] || cx.reading_in(a, &t.attribution).is_none() {
            continue;
        }
        let Some((source, source_end)) = attribution_source(cx, a) else { continue };
        let first_token = clause_start(cx, a);
        let comma_before = a > first_token && matches!(cx.text(a - 1), "،" | "," | "-");
        let clause = if comma_before {
            clause_before(cx, a, first_token, &open_of, inside)
        } else if a <= first_token + 1 {
            let end = sentence_end[cx.sentence_of[a]];
            clause_after(cx, t, a, source_end, end, direct).map(|(first, last)| (first, last, false))
        } else {
            None
        };
        let Some((first, last, quoted)) = clause else { continue };
        if !found.iter().any(|f| f.first < last && first < f.last) {
            found.push(Found {
                verb: a,
                opener: a,
                first,
                last,
                direct: quoted,
                verb_after: comma_before,
                source: Some(source),
            });
        }
    }
}

/// The first token of the clause of an attribution word at `a`: the sentence's, or the
/// paragraph's when that is later.
fn clause_start(cx: &Context<'_>, a: usize) -> usize {
    let sentence = cx.sentence_of[a];
    let chars = cx.folded.original_chars();
    (0..a)
        .rev()
        .take_while(|&k| cx.sentence_of[k] == sentence && !chars[cx.spans[k].1..cx.spans[k + 1].0].contains(&'\n'))
        .last()
        .unwrap_or(a)
}

/// The clause before the comma before an attribution word at `a` (`قتل 20 مدنيا، بحسب
/// المرصد.`), or the quote there (`… «ضربة قاصمة»، وفق سياسيين.`): its tokens and whether it is
/// a quote.
fn clause_before(
    cx: &Context<'_>,
    a: usize,
    first_token: usize,
    open_of: &HashMap<usize, usize>,
    inside: &[bool],
) -> Option<(usize, usize, bool)> {
    let quoted = if a >= 2 { open_of.get(&(a - 2)).copied() } else { None };
    let (first, last) = match quoted {
        Some(open) => (open + 1, a - 2),
        None => (first_token, trim_end(cx, first_token, a - 1)),
    };
    let clean = quoted.is_some() || !(first..last).any(|k| inside[k]);
    (last > first && (quoted.is_some() || last > first + 1) && clean).then_some((first, last, quoted.is_some()))
}

/// `وبحسب المرصد، فإن …`: the clause after the source's comma (the source ends at
/// `source_end`, the sentence at `end`); with no comma that closes the source (`وبحسب المنظمين
/// شارك …، في حين …`), the clause right after it.
fn clause_after(
    cx: &Context<'_>,
    t: &QuoteWords,
    a: usize,
    source_end: usize,
    end: usize,
    direct: &[bool],
) -> Option<(usize, usize)> {
    let comma = (source_end..end.min(a + 12)).find(|&k| cx.is(k, "،"));
    let closes = comma
        .is_some_and(|c| c + 1 < end && cx.reading_in(c + 1, &t.clause_break).is_none() && verb_at(cx, c + 1).is_none());
    let mut first = match comma {
        Some(c) if closes => c + 1,
        _ if source_end < end && cx.words.tokens[source_end].kind == TokenKind::Arabic => source_end,
        _ => return None,
    };
    if first < end && t.clause_openers.contains(cx.text(first)) {
        first += 1;
    }
    let last = clause_end(cx, first, end, direct);
    (last > first + 1).then_some((first, last))
}

/// How many tokens after an attribution word its source may be.
const SOURCE_WINDOW: usize = 6;

/// The source after the attribution word at `a`: (the mention, or none for an unnamed source;
/// the token after it). The words before it may only carry it: a carrier (`ما`، `به`), a speech
/// verb, a platform or medium (`تحقيق`، `صحيفة`), quote marks.
fn attribution_source(cx: &Context<'_>, a: usize) -> Option<(Option<usize>, usize)> {
    let t = &cx.tables.quote_words;
    let sentence = cx.sentence_of[a];
    for k in a + 1..(a + 1 + SOURCE_WINDOW).min(cx.len()) {
        if cx.sentence_of[k] != sentence {
            return None;
        }
        if let Some((m, label)) = cx.mention(k) {
            // After a medium (`محطة "…"`), any name is the medium's.
            let named_medium = label == Label::Misc && k > a + 1;
            if !matches!(label, Label::Per | Label::Org | Label::Loc) && !named_medium {
                return None;
            }
            let (_, last) = cx.mention_tokens(m, k);
            return Some((Some(m), last));
        }
        let text = cx.text(k);
        if unnamed_source(cx, k) {
            return Some((None, k + 1));
        }
        let carries = t.carriers.contains(text)
            || is_open(text)
            || verb_at(cx, k) == Some(false)
            || cx.reading_in(k, &t.platforms).is_some()
            || cx.words.readings(k).iter().any(|r| {
                let stem = r.stem.as_str();
                t.media.contains(stem) || stem.strip_prefix("ال").is_some_and(|bare| t.media.contains(bare))
            });
        if !carries {
            return None;
        }
    }
    None
}

/// A noun of an unnamed source at `k` (`مصدر`، `الناشطين`، `لمسؤولين`).
fn unnamed_source(cx: &Context<'_>, k: usize) -> bool {
    let t = &cx.tables.quote_words;
    cx.words.tokens[k].kind == TokenKind::Arabic
        && cx.words.readings(k).iter().any(|r| {
            let stem = r.stem.as_str();
            t.unnamed.contains(stem) || stem.strip_prefix("ال").is_some_and(|bare| t.unnamed.contains(bare))
        })
}

/// Names in quote marks in the subject of a speech verb, found by what follows them: the scan
/// from the verb meets the pair before its colon or complementizer (`قال المتحدث باسم تحالف
/// "دعم الشرعية"، تركي المالكي، إنه …`، `وذكرت مجلة "درع الوطن" أنه …`). A pair right after
/// the verb, a colon or a particle is what is said. Returns the pairs' open tokens.
fn quoted_names(
    cx: &Context<'_>,
    close_of: &HashMap<usize, usize>,
    inside: &[bool],
    sentence_end: &[usize],
) -> HashSet<usize> {
    let t = &cx.tables.quote_words;
    let mut names = HashSet::default();
    let mut skipped = Vec::new();
    for v in 0..cx.len() {
        if inside[v] || verb_at(cx, v).is_none() {
            continue;
        }
        let end = sentence_end[cx.sentence_of[v]];
        skipped.clear();
        let mut k = v + 1;
        while k < end && k <= v + VERB_WINDOW {
            let text = cx.text(k);
            if let Some(&close) = close_of.get(&k) {
                let before = cx.text(k - 1);
                if k == v + 1 || before == ":" || t.introducers.contains(before) || verb_at(cx, k - 1).is_some() {
                    break;
                }
                skipped.push(k);
                k = close + 1;
                continue;
            }
            if is_open(text) || inside[k] || is_sentence_end(text) || (k > v + 1 && verb_at(cx, k).is_some()) {
                break;
            }
            let that = text == ":"
                || (cx.words.tokens[k].kind == TokenKind::Arabic
                    && t.that.contains(text)
                    && !t.not_reported.contains(cx.text(k - 1)));
            if that {
                names.extend(skipped.iter().copied());
                break;
            }
            k += 1;
        }
    }
    names
}

/// One past the last token of each sentence.
fn sentence_ends(cx: &Context<'_>) -> Vec<usize> {
    let mut ends = vec![0; cx.sentences.len()];
    for (i, &s) in cx.sentence_of.iter().enumerate() {
        ends[s] = i + 1;
    }
    ends
}

/// The end of content `[first, end)` without trailing punctuation.
fn trim_end(cx: &Context<'_>, first: usize, mut end: usize) -> usize {
    while end > first
        && cx.words.tokens[end - 1].kind == TokenKind::Punct
        && !matches!(cx.text(end - 1), "»" | "”" | "\"" | ")" | "%")
    {
        end -= 1;
    }
    end
}

/// Where an indirect clause starting at `first` ends: the sentence end, a direct quote (other
/// quote marks are part of the clause), or a comma before `فيما`/`بينما`/another speech verb.
fn clause_end(cx: &Context<'_>, first: usize, end: usize, direct: &[bool]) -> usize {
    let t = &cx.tables.quote_words;
    let mut k = first;
    while k < end {
        let text = cx.text(k);
        if direct[k] {
            break;
        }
        if matches!(text, "،" | "," | "؛" | ";")
            && k + 1 < end
            && (cx.reading_in(k + 1, &t.clause_break).is_some() || verb_at(cx, k + 1).is_some())
        {
            break;
        }
        k += 1;
    }
    trim_end(cx, first, k)
}

enum Subject {
    /// A mention names the speaker.
    Named(usize),
    /// The verb has no subject of its own: the speaker is the one before.
    Unnamed,
    /// The subject is a phrase no mention covers (`مصدر عسكري`).
    Unknown,
    /// A relative verb (`بما وصفته`): the subject is the one its sentence names first.
    OfSentence,
    /// The statement quoted before (`وأضاف البيان`): its speaker.
    Statement,
}

/// How many tokens back the subject of a sentence is looked for.
const SUBJECT_WINDOW: usize = 120;

/// The first person its sentence names before token `verb` (or organization or place, with
/// `any`), not in what is said and not after a preposition.
fn sentence_subject(cx: &Context<'_>, verb: usize, said: &[bool], any: bool) -> Option<usize> {
    let t = &cx.tables.quote_words;
    let sentence = cx.sentence_of[verb];
    (verb.saturating_sub(SUBJECT_WINDOW)..verb)
        .filter(|&k| cx.sentence_of[k] == sentence && !said[k])
        .filter(|&k| k == 0 || cx.mention_of[k - 1] != cx.mention_of[k])
        .filter(|&k| !(k > 0 && cx.reading_in(k - 1, &t.prepositions).is_some()))
        .find_map(|k| speaker_at(cx, k, true).filter(|&m| any || cx.mentions[m].label == Label::Per))
}

/// True when the speech verb at `i` is a present form (`يقول`، `تقول`، `تصف`), not a past one
/// that starts with ت (`تابع`، `تحدث`): a present in ت has its form in ي in the list.
fn verb_is_present(cx: &Context<'_>, i: usize) -> bool {
    match verb_reading(cx, i) {
        Some((false, verb)) => {
            verb.starts_with('ي')
                || verb
                    .strip_prefix('ت')
                    .is_some_and(|rest| cx.tables.quote_words.verbs.contains(format!("ي{rest}").as_str()))
        }
        _ => false,
    }
}

/// A mention that can speak, starting at token `k` with no preposition glued to it.
fn speaker_at(cx: &Context<'_>, k: usize, allow_place: bool) -> Option<usize> {
    let (m, label) = cx.mention(k)?;
    let speaks = matches!(label, Label::Per | Label::Org) || (allow_place && label == Label::Loc);
    // `لوكالة`، `بلافروف`: a clitic preposition makes it an object.
    let glued = cx.mentions[m].start > cx.spans[k].0 && {
        let first = cx.text(k).chars().next();
        matches!(first, Some('ل' | 'ب' | 'ك'))
            || cx.words.readings(k).iter().any(|r| r.prefix > 1 && cx.mentions[m].start > cx.spans[k].0 + 1)
    };
    (speaks && !glued).then_some(m)
}

fn subject(cx: &Context<'_>, f: &Found, titled: &Titled) -> Subject {
    let t = &cx.tables.quote_words;
    if verb_at(cx, f.verb) == Some(true) {
        return Subject::Unnamed;
    }
    if let Some(relayed) = relayed_subject(cx, t, f) {
        return relayed;
    }
    // After the verb: up to the quote (or a few tokens when the verb follows the quote), not
    // past a complementizer, not after a preposition (`وقال على تويتر`), never a platform. An
    // organization after a title (`مدير شركة …، عمار …،`، `المتحدثة باسم الوزارة، ريبيكا …`)
    // gives way to the person in apposition right after it.
    let window_end = if f.verb_after { (f.verb + VERB_WINDOW).min(cx.len()) } else { f.opener };
    if let Some(statement) = statement_subject(cx, f, window_end) {
        return statement;
    }
    if let Some(after) = subject_after(cx, t, f, titled, window_end) {
        return after;
    }
    // A title the article gives a person: `قال الرئيس الأمريكي` for `الرئيس الأمريكي دونالد ترامب`.
    if let Some(m) = titled.person(cx, f.verb + 1, f.verb, true) {
        return Subject::Named(m);
    }
    if let Some(before) = subject_before(cx, t, f, titled) {
        return before;
    }
    subject_not_named(cx, t, f)
}

/// `نقلت وكالة تاس عن لافروف قوله`: with a verb of relaying, the speaker is the one after `عن`;
/// none when the verb relays nothing.
fn relayed_subject(cx: &Context<'_>, t: &QuoteWords, f: &Found) -> Option<Subject> {
    cx.reading_in(f.verb, &t.relay)?;
    let from = (f.verb + 1..f.opener).find(|&k| cx.is(k, "عن"));
    Some(match from.and_then(|k| speaker_at(cx, k + 1, true)) {
        Some(m) => Subject::Named(m),
        None if from.is_some() => Subject::Unknown,
        None => Subject::Unnamed,
    })
}

/// The speaker the words after the verb name, before `window_end` (see [`subject`]).
fn subject_after(cx: &Context<'_>, t: &QuoteWords, f: &Found, titled: &Titled, window_end: usize) -> Option<Subject> {
    let sentence = cx.sentence_of[f.verb];
    let mut k = f.verb + 1;
    let mut titled_org: Option<(usize, usize)> = None; // (mention, token after it)
    while k < window_end && cx.sentence_of[k] == sentence {
        let text = cx.text(k);
        let that = cx.words.tokens[k].kind == TokenKind::Arabic && t.that.contains(text);
        if text == ":" || is_sentence_end(text) || that {
            break;
        }
        // `وقالت السفيرة الأميركية` with `السفيرة` read as a place: the title of a person.
        let place_first = k == f.verb + 1 && cx.mention(k).is_some_and(|(_, label)| label == Label::Loc);
        if let Some(m) = titled.person(cx, k, f.verb, true).filter(|_| place_first) {
            return Some(Subject::Named(m));
        }
        if let Some(m) = speaker_at(cx, k, k == f.verb + 1) {
            let (_, last) = cx.mention_tokens(m, k);
            let after_preposition = k > f.verb + 1 && cx.reading_in(k - 1, &t.prepositions).is_some();
            if after_preposition || is_platform(cx, m) {
                k = last;
                continue;
            }
            match titled_org {
                None if cx.mentions[m].label == Label::Per || k == f.verb + 1 => return Some(Subject::Named(m)),
                None => titled_org = Some((m, last)),
                Some((_, end)) => {
                    let apposition = k <= end + 3 && (k == end || cx.is(k - 1, "،") || cx.is(k - 1, ","));
                    if apposition && cx.mentions[m].label == Label::Per {
                        return Some(Subject::Named(m));
                    }
                    break;
                }
            }
            k = last;
            continue;
        }
        k += 1;
    }
    titled_org.map(|(m, _)| Subject::Named(m))
}

/// The subject before the verb, when the verb carries no conjunction.
fn subject_before(cx: &Context<'_>, t: &QuoteWords, f: &Found, titled: &Titled) -> Option<Subject> {
    let conj = cx.text(f.verb).starts_with('و') && verb_at_stem_len(cx, f.verb);
    if conj || f.verb == 0 {
        return None;
    }
    speaker_before(cx, t, f, titled).or_else(|| clause_subject(cx, t, f))
}

/// The speaker right before the verb: `لافروف قال`، `لافروف قد قال`.
fn speaker_before(cx: &Context<'_>, t: &QuoteWords, f: &Found, titled: &Titled) -> Option<Subject> {
    let mut k = f.verb - 1;
    if t.auxiliaries.contains(cx.text(k)) && k > 0 {
        k -= 1;
    }
    let after_preposition = k > 0 && cx.reading_in(k - 1, &t.prepositions).is_some();
    if cx.sentence_of[k] != cx.sentence_of[f.verb] || after_preposition {
        return None;
    }
    speaker_at(cx, k, true).or_else(|| titled.person(cx, k, f.verb, false)).map(Subject::Named)
}

/// The subject of a verb that a relative or a noun right before it governs.
fn clause_subject(cx: &Context<'_>, t: &QuoteWords, f: &Found) -> Option<Subject> {
    if cx.sentence_of[f.verb - 1] != cx.sentence_of[f.verb] {
        return None;
    }
    let before = cx.text(f.verb - 1);
    // `بما وصفته`، `ما تقول إنه`: a relative verb; its subject is the sentence's.
    if t.relatives.contains(before) {
        return Some(Subject::OfSentence);
    }
    // A present verb right after a noun describes it (`سؤال من أحد متابعيه يقول: …`):
    // the noun, named by no mention, is the subject.
    let noun = cx.words.tokens[f.verb - 1].kind == TokenKind::Arabic
        && cx.mention(f.verb - 1).is_none()
        && !(t.auxiliaries.contains(before) || t.verb_particles.contains(before));
    (noun && verb_is_present(cx, f.verb)).then_some(Subject::Unknown)
}

/// The subject when no one before or after the verb is named: none when the verb is followed by
/// no subject, an organization a word right after it names, else someone unknown.
fn subject_not_named(cx: &Context<'_>, t: &QuoteWords, f: &Found) -> Subject {
    let next = f.verb + 1;
    let first_free = next >= cx.len()
        || next == f.opener
        || (cx.words.tokens[next].kind == TokenKind::Arabic && t.that.contains(cx.text(next)))
        || cx.reading_in(next, &t.no_subject).is_some()
        || verb_at(cx, next) == Some(true)
        || cx.words.readings(next).iter().any(|r| r.prefix == 1 && cx.text(next).starts_with('ل'))
        || matches!(cx.text(next), "،" | "," | ":" | "«" | "“" | "\"");
    if first_free {
        Subject::Unnamed
    } else if let Some(m) = organization_named_by(cx, next) {
        Subject::Named(m)
    } else {
        Subject::Unknown
    }
}

/// The subject when it is a statement (`وقال بيان صادر عن البيت الأبيض`، `وذكر تقرير للأمم
/// المتحدة`): the institution or person named with it before the quote, whatever the
/// preposition; `البيان` (definite, no one named) is the statement quoted before.
fn statement_subject(cx: &Context<'_>, f: &Found, window_end: usize) -> Option<Subject> {
    let t = &cx.tables.quote_words;
    let first = f.verb + 1;
    if first >= window_end || cx.words.tokens[first].kind != TokenKind::Arabic {
        return None;
    }
    let word = cx.text(first);
    let bare = word.strip_prefix("ال");
    if !t.statements.contains(bare.unwrap_or(word)) {
        return None;
    }
    let sentence = cx.sentence_of[f.verb];
    let named = (first + 1..window_end)
        .take_while(|&k| {
            let text = cx.text(k);
            cx.sentence_of[k] == sentence && text != ":" && !is_sentence_end(text) && !t.that.contains(text)
        })
        .filter_map(|k| cx.mention(k))
        .find(|&(m, label)| matches!(label, Label::Per | Label::Org) && !is_platform(cx, m));
    Some(match named {
        Some((m, _)) => Subject::Named(m),
        None if bare.is_some() => Subject::Statement,
        None => Subject::Unknown,
    })
}

/// True when mention `m` is a platform or medium (`تويتر`): it carries words, never says them.
fn is_platform(cx: &Context<'_>, m: usize) -> bool {
    let name = fold(&cx.mentions[m].canonical);
    name.split_whitespace().next().is_some_and(|first| cx.tables.quote_words.platforms.contains(first))
}

/// How many persons of one title's first word are compared with a subject (bounded work).
const MAX_TITLED: usize = 32;

/// The titles of two words or more that the article gives persons (`الرئيس الأمريكي`), folded,
/// by first word: (the words, the person's mention).
struct Titled {
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
}

/// A title's word as compared: folded, one spelling of `أمريكي`/`أميركي`.
fn title_word(word: &str) -> String {
    word.replace("اميرك", "امريك")
}

impl Titled {
    fn new(cx: &Context<'_>, titles: &[(usize, String)]) -> Self {
        let mut by_first: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::default();
        for &(m, ref title) in titles {
            let folded = fold(title);
            let words: Vec<String> = folded.split_whitespace().map(title_word).collect();
            if words.len() < 2 || cx.mentions[m].label != Label::Per {
                continue;
            }
            // The title up to its last nationality is the person's too: `السفير الروسي` for
            // `السفير الروسي لدى الأمم المتحدة`.
            let plain: Vec<&str> = folded.split_whitespace().collect();
            let national = plain
                .iter()
                .rposition(|w| cx.tables.demonyms.is_nationality(w))
                .filter(|&j| j > 0 && j + 1 < words.len());
            let entry = by_first.entry(words[0].clone()).or_default();
            for words in national.map(|j| words[..=j].to_vec()).into_iter().chain([words]) {
                if entry.len() < MAX_TITLED {
                    entry.push((words, m));
                }
            }
        }
        Titled { by_first }
    }

    /// The person whose title starts at token `at` (`forward`) or ends there, as a whole
    /// phrase (no definite word goes on after it: `وزير الخارجية` is not `وزير الخارجية
    /// الروسي`); the longest title, then the person named nearest before `verb`.
    fn person(&self, cx: &Context<'_>, at: usize, verb: usize, forward: bool) -> Option<usize> {
        if self.by_first.is_empty() || at >= cx.len() {
            return None;
        }
        let verb_start = cx.spans[verb].0;
        let mut best: Option<(usize, (bool, usize), usize)> = None;
        // Backward, the title's first word is up to four tokens before `at`.
        let starts: Vec<usize> = if forward { vec![at] } else { (at.saturating_sub(4)..at).collect() };
        for first in starts {
            let Some(entries) = self.by_first.get(&title_word(cx.text(first))) else { continue };
            for (words, m) in entries {
                let end = first + words.len();
                let fits = if forward {
                    end <= cx.len() && (end == cx.len() || !cx.text(end).starts_with("ال"))
                } else {
                    end == at + 1
                };
                if !fits || !(1..words.len()).all(|j| title_word(cx.text(first + j)) == words[j]) {
                    continue;
                }
                let start = cx.mentions[*m].start;
                let distance =
                    if start <= verb_start { (false, verb_start - start) } else { (true, start - verb_start) };
                let better = best.is_none_or(|(len, d, _)| words.len() > len || (words.len() == len && distance < d));
                if better {
                    best = Some((words.len(), distance, *m));
                }
            }
        }
        best.map(|(_, _, m)| m)
    }
}

/// An organization named shortly before by its head noun: `الوزارة` after `وزارة الصحة`,
/// `المرصد` after `المرصد السوري لحقوق الإنسان`. Looks back over a bounded number of mentions.
fn organization_named_by(cx: &Context<'_>, at: usize) -> Option<usize> {
    let word = cx.text(at);
    if !word.starts_with("ال") || word.chars().count() < 4 {
        return None;
    }
    let bare = &word["ال".len()..];
    let sentence = cx.sentence_of[at];
    let before = cx.mention_of[at.saturating_sub(400)..at].iter().rev().flatten().next().copied()?;
    (0..=before).rev().take(40).find(|&m| {
        let mention = &cx.mentions[m];
        let recent =
            cx.sentences.get(sentence.saturating_sub(SENTENCES_BACK)).is_some_and(|&(s, _)| mention.start >= s);
        recent && mention.label == Label::Org && {
            let head = fold(&mention.canonical);
            let head = head.split_whitespace().next().unwrap_or("");
            head == word || head == bare
        }
    })
}

/// True when the verb at `i` is read through a و clitic (`وقال`), not a verb starting with و
/// (`وصفته`).
fn verb_at_stem_len(cx: &Context<'_>, i: usize) -> bool {
    verb_reading(cx, i).is_some_and(|(_, verb)| !cx.text(i).starts_with(verb))
}

/// True when the speech verb at `i` has a feminine subject (`قالت`، `وأضافت`، `مضيفةً`).
fn verb_is_feminine(cx: &Context<'_>, i: usize) -> bool {
    match verb_reading(cx, i) {
        Some((false, verb)) => verb.ends_with('ت'),
        Some((true, participle)) => participle.ends_with('ه'),
        None => false,
    }
}

/// The grammatical gender (true: feminine) of each person entity whose text tells it: a title
/// (`وزيرة الخارجية`، `الرئيس`) or a first name only one gender has (`فاطمة`، `محمد`); keyed by
/// entity id, so that every mention of the person has it.
fn person_genders<'a>(cx: &Context<'a>, titles: &[(usize, String)]) -> HashMap<&'a str, bool> {
    let mut genders: HashMap<&'a str, bool> = HashMap::default();
    for &(m, ref title) in titles {
        let mention = &cx.mentions[m];
        let head = fold(title);
        let Some(head) = head.split_whitespace().next() else { continue };
        if mention.label == Label::Per {
            genders.entry(mention.id.as_str()).or_insert(head.ends_with('ه'));
        }
    }
    // An organization named by a feminine noun (`حركة`، `وزارة`) takes feminine verbs.
    for mention in cx.mentions.iter().filter(|m| m.label == Label::Org) {
        let name = fold(&mention.canonical);
        if name.split_whitespace().next().is_some_and(|head| head.ends_with('ه')) {
            genders.entry(mention.id.as_str()).or_insert(true);
        }
    }
    for mention in cx.mentions.iter().filter(|m| m.label == Label::Per) {
        let first = fold(&mention.text);
        let Some(feminine) = first.split_whitespace().next().and_then(|w| cx.lists.first_name_gender(w)) else {
            continue;
        };
        genders.entry(mention.id.as_str()).or_insert(feminine);
    }
    genders
}

#[cfg(test)]
mod tests {
    use crate::analyzer::shared_for_tests as analyzer;

    /// (speaker name, verb, text, kind) of every quote, checking its span.
    fn quotes(text: &str) -> Vec<(String, String, String, String)> {
        let chars: Vec<char> = text.chars().collect();
        analyzer()
            .analyze(text)
            .quotes
            .into_iter()
            .map(|q| {
                assert!(q.start < q.end && q.end <= chars.len(), "{q:?}");
                assert_eq!(chars[q.start..q.end].iter().collect::<String>(), q.text);
                assert_eq!(q.speaker.is_some(), q.speaker_name.is_some());
                (q.speaker_name.unwrap_or_default(), q.verb, q.text, q.kind.as_str().to_owned())
            })
            .collect()
    }

    fn q(speaker: &str, verb: &str, text: &str, kind: &str) -> (String, String, String, String) {
        (speaker.into(), verb.into(), text.into(), kind.into())
    }

    #[test]
    #[allow(clippy::type_complexity)]
    fn quote_table() {
        let cases: Vec<(&str, Vec<(String, String, String, String)>)> = vec![
            (
                "وقال بوتين للصحفيين: «لن نسمح بذلك أبداً».",
                vec![q("فلاديمير بوتين", "وقال", "لن نسمح بذلك أبداً", "direct")],
            ),
            (
                "«الوضع في إدلب خطير جدا»، قال أردوغان أمس.",
                vec![q("رجب طيب أردوغان", "قال", "الوضع في إدلب خطير جدا", "direct")],
            ),
            (
                "وأكد لافروف أن موسكو لن تتراجع عن موقفها.",
                vec![q("سيرغي لافروف", "وأكد", "موسكو لن تتراجع عن موقفها", "indirect")],
            ),
            (
                "أعلنت وزارة الدفاع الروسية أن قواتها دمرت مستودعا للأسلحة.",
                vec![q("وزارة الدفاع الروسية", "أعلنت", "قواتها دمرت مستودعا للأسلحة", "indirect")],
            ),
            ("قال مصدر عسكري إن الهجوم فشل.", vec![q("", "قال", "الهجوم فشل", "indirect")]),
            (
                "أصدرت وزارة الدفاع الروسية بيانا. وذكرت الوزارة أن الهجوم صُدّ.",
                vec![q("وزارة الدفاع الروسية", "وذكرت", "الهجوم صُدّ", "indirect")],
            ),
            ("أعلن تنظيم «داعش» مسؤوليته عن الهجوم.", vec![]),
            (
                "\"الوضع كارثي\"، قال المتحدث باسم الأمم المتحدة.",
                vec![q("الأمم المتحدة", "قال", "الوضع كارثي", "direct")],
            ),
            ("لافروف قال إن المفاوضات مستمرة.", vec![q("سيرغي لافروف", "قال", "المفاوضات مستمرة", "indirect")]),
            ("وصل لافروف بعد أن انتهى الاجتماع.", vec![]),
            (
                "وقال بوتين، في مقابلة مع وكالة تاس الروسية، إن بلاده \"لن تقبل بأي وجود أجنبي\".",
                vec![q("فلاديمير بوتين", "وقال", "لن تقبل بأي وجود أجنبي", "direct")],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(quotes(text), expected, "quotes in {text:?}");
        }
    }

    #[test]
    fn relayed_and_attributed_speech() {
        let text = "ونقلت وكالة تاس عن لافروف قوله إن المفاوضات مستمرة.";
        assert_eq!(quotes(text), [q("سيرغي لافروف", "ونقلت", "المفاوضات مستمرة", "indirect")]);
        let text = "قتل 20 مدنيا في قصف على إدلب، بحسب المرصد السوري لحقوق الإنسان.";
        assert_eq!(quotes(text), [q("المرصد السوري لحقوق الإنسان", "بحسب", "قتل 20 مدنيا في قصف على إدلب", "indirect")]);
        let text = "ووفقا للأمم المتحدة، فإن مليون شخص نزحوا منذ بداية العام.";
        assert_eq!(quotes(text), [q("الأمم المتحدة", "ووفقا", "مليون شخص نزحوا منذ بداية العام", "indirect")]);
        // No source named right after: no quote; a number is not a source.
        assert_eq!(quotes("ارتفعت الأسعار، بحسب التقديرات."), []);
        assert_eq!(quotes("وزعت المساعدات حسب 3 معايير."), []);
    }

    #[test]
    fn speech_verbs_before_nothing_give_no_quote_and_no_panic() {
        let verbs = ["قال", "وأضاف", "أكد", "قالت"];
        let tails = [" : . . اححح", ":", " : «»", " إن .", " «", " \"\"", ": ،", " أن", " :\n\n.", "، بحسب"];
        for verb in verbs {
            for tail in tails {
                let text = format!("{verb}{tail}");
                let analysis = analyzer().analyze(&text);
                assert!(analysis.quotes.iter().all(|q| !q.text.trim().is_empty()), "{text}: {:?}", analysis.quotes);
            }
        }
    }

    #[test]
    fn unnamed_verbs_take_the_previous_speaker() {
        let text = "التقى بوتين أردوغان في موسكو يوم الخميس. وقال لافروف إن المحادثات كانت صعبة. \
                    وأضاف أن الطرفين اتفقا على وقف إطلاق النار. وتابع: «سنواصل العمل معا».";
        let found = quotes(text);
        let speakers: Vec<&str> = found.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(speakers, ["سيرغي لافروف"; 3], "{found:?}");
        assert_eq!(found[2].3, "direct");
    }

    #[test]
    fn an_unnamed_speaker_agrees_with_the_verb_in_gender() {
        // The last person named is a man: `وقالت` speaks for the woman named before him.
        let text = "التقت وزيرة الخارجية الأمريكية كوندوليزا رايس الرئيس الفلسطيني محمود عباس في رام الله. \
                    وقالت إن الطرفين اتفقا على استئناف المفاوضات.";
        let found = quotes(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0.contains("رايس"), "{found:?}");
        // And `وأضاف` after a woman named last speaks for the man before her.
        let text = "قال الرئيس محمود عباس إن المفاوضات ستستأنف، واستقبل في مكتبه فاطمة الزهراء. \
                    وأضاف أن الاتفاق قريب.";
        let found = quotes(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|q| q.0.contains("عباس")), "{found:?}");
        // The previous speaker does not carry over to a verb of the other gender.
        let text = "قال محمود عباس إن المفاوضات ستستأنف. واستقبل مريم الصادق. وقالت إن الحوار مستمر.";
        let found = quotes(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[1].0.contains("مريم"), "{found:?}");
    }

    #[test]
    fn a_speaker_named_sentences_earlier() {
        let text = "وصل وزير الخارجية الروسي سيرغي لافروف إلى أنقرة صباح اليوم. واستقبله نظيره في المطار. \
                    وأضاف في مؤتمر صحفي أن الحل في سوريا سياسي.";
        let found = quotes(text);
        assert_eq!(found, [q("سيرغي لافروف", "وأضاف", "الحل في سوريا سياسي", "indirect")]);
    }

    #[test]
    fn nested_unclosed_and_multi_sentence_quotes_stay_in_the_text() {
        let text = "قال بوتين: «قال لي أردوغان “لن نتراجع”. ونحن كذلك. سنرى».";
        let found = quotes(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, "قال لي أردوغان “لن نتراجع”. ونحن كذلك. سنرى");
        for text in [
            "قال بوتين: «لن",
            "»قال«",
            "قال: \"",
            "وأضاف: ",
            "قال إن",
            "«««»»»",
            "قال «",
            "\"\"\"",
            "\"نعم\".. بهذه",
            "«لا».. بهذه الكلمات",
            "وبحسب مصادر",
            "بحسب تحقيق أجرته \"",
            "ما تقول",
            "ووصفته بـ\"",
        ] {
            let _ = quotes(text);
        }
    }

    #[test]
    fn short_quotes_after_a_verb_or_its_particle() {
        // `وصفه بـ"…"`: a verb with an object pronoun, then a short quote.
        let found = quotes("ووصف لافروف الاتفاق بـ\"الإنجاز\" أمس.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, "الإنجاز");
        let found = quotes("وانتقد لافروف الخطة، واعتبرها \"غير واقعية\".");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, "غير واقعية");
        // A name in quote marks after a noun is still no quote.
        assert_eq!(quotes("أعلن تنظيم «داعش» مسؤوليته عن الهجوم."), []);
    }

    #[test]
    fn quote_marks_inside_a_clause_or_a_subject() {
        // A short quote inside an indirect clause is part of it: the clause goes on.
        let found = quotes("وقال لافروف إن \"مخاوف جدية\" تدفع موسكو إلى التريث.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, "\"مخاوف جدية\" تدفع موسكو إلى التريث");
        // A quoted name in the subject: the quote is the clause after إن.
        let found = quotes("وقال المتحدث باسم حملة \"معا من أجل السلام\" إن المسيرة ستنطلق غدا.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, "المسيرة ستنطلق غدا");
        assert_eq!(found[0].3, "indirect");
    }

    #[test]
    fn unnamed_and_carried_sources_of_attributions() {
        // An unnamed source: a quote with no speaker.
        let found = quotes("وصلت التعزيزات إلى المدينة صباح اليوم، وفق مصادر محلية.");
        assert_eq!(found, [q("", "وفق", "وصلت التعزيزات إلى المدينة صباح اليوم", "indirect")]);
        // The words that carry the source come before it.
        let found = quotes("قتل 20 مدنيا في قصف على إدلب، بحسب ما ذكر المرصد السوري لحقوق الإنسان.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "المرصد السوري لحقوق الإنسان");
        // A quote before the comma is what the source says.
        let found = quotes("وتعد المعركة \"نقطة تحول في الحرب\"، وفق محللين.");
        assert_eq!(found, [q("", "وفق", "نقطة تحول في الحرب", "direct")]);
    }

    #[test]
    fn the_subject_of_the_verb_is_the_speaker() {
        let speakers = |text: &str| -> Vec<String> { quotes(text).into_iter().map(|q| q.0).collect() };
        // A platform after a preposition is no subject: the speaker is the one before.
        let text = "وصل سيرغي لافروف إلى أنقرة صباح اليوم. وقال على تويتر إن الزيارة كانت مثمرة.";
        assert_eq!(speakers(text), ["سيرغي لافروف"]);
        // The subject ends at the complementizer: a name after إن is what is said.
        let text = "وقال أردوغان إن بوتين \"يلعب بالنار والوقت ينفد\".";
        assert_eq!(speakers(text), ["رجب طيب أردوغان"]);
        // A title the article gives a person is that person.
        let text = "التقى الرئيس الأمريكي دونالد ترامب نظيره الفرنسي في باريس. \
                    وقال الرئيس الأميركي إن المحادثات كانت مثمرة.";
        assert_eq!(speakers(text), ["دونالد ترامب"]);
        // An organization after a title gives way to the person in apposition.
        let text = "وقال المتحدث باسم وزارة الخارجية الروسية، سيرغي لافروف، إن الحوار مستمر.";
        assert_eq!(speakers(text), ["سيرغي لافروف"]);
    }

    #[test]
    fn ambassadors_by_their_title_with_a_demonym() {
        let speakers = |text: &str| -> Vec<String> { quotes(text).into_iter().map(|q| q.0).collect() };
        // The title up to its nationality names the person the text gave it to.
        let text = "حضر الجلسة السفير الروسي لدى الأمم المتحدة فاسيلي نيبينزيا. \
                    وقال السفير الروسي إن موسكو لن تقبل بأي قرار.";
        assert_eq!(speakers(text), ["فاسيلي نيبينزيا"]);
        // `السفيرة` read as a place (a town of that name) is still the title of the person.
        let text = "حضرت الجلسة السفيرة الأميركية لدى الأمم المتحدة كيلي كرافت. \
                    وقالت السفيرة الأميركية إن الهجمات يجب أن تتوقف.";
        assert_eq!(speakers(text), ["كيلي كرافت"]);
    }

    #[test]
    fn a_denial_and_what_carries_it_on_are_the_deniers() {
        let speakers = |text: &str| -> Vec<String> { quotes(text).into_iter().map(|q| q.0).collect() };
        let text = "وقال مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية إن مليون شخص نزحوا، فيما نفى \
                    الجيش التركي استهداف المدنيين، مؤكدا أنه يستهدف المسلحين فقط.";
        assert_eq!(speakers(text), ["مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية", "الجيش التركي"]);
        let text = "وقال مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية إن مليون شخص نزحوا. ونفى الجيش \
                    التركي في بيان ذلك، وأكد أن قواته لم تستهدف أي مواقع مدنية.";
        assert_eq!(speakers(text), ["مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية", "الجيش التركي"]);
    }

    #[test]
    fn an_institutions_statement_is_the_institutions() {
        let speakers = |text: &str| -> Vec<String> { quotes(text).into_iter().map(|q| q.0).collect() };
        let text = "وقال بيان صادر عن البيت الأبيض إن الرئيس ترامب أعرب عن قلقه. \
                    وأضاف البيان أن الجانبين اتفقا على التنسيق.";
        assert_eq!(speakers(text), ["البيت الأبيض", "البيت الأبيض"]);
        // A platform named with the statement is not its speaker; no one named: no speaker.
        assert_eq!(speakers("وقال بيان نشر على تويتر إن الهجوم فشل."), [""]);
    }

    #[test]
    fn quote_marks_inside_a_clause_that_goes_on() {
        let found = quotes("وقال لافروف إن واشنطن \"تقف مع أنقرة\" في هذه الأزمة.");
        assert_eq!(found, [q("سيرغي لافروف", "وقال", "واشنطن \"تقف مع أنقرة\" في هذه الأزمة", "indirect")]);
        let found = quotes("وأضاف لافروف أن موسكو \"ستواصل دعمها. ولن تتخلى عن حلفائها\" في إدلب.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, "موسكو \"ستواصل دعمها. ولن تتخلى عن حلفائها\" في إدلب");
    }

    #[test]
    fn continuations_of_an_unnamed_source_or_of_a_participle() {
        let speakers = |text: &str| -> Vec<String> { quotes(text).into_iter().map(|q| q.0).collect() };
        // The words of an unnamed source go on with no speaker.
        let text = "التقى بوتين أردوغان في موسكو. وقال مصدر عسكري إن الهجوم فشل. وأضاف أن القوات صدت المهاجمين.";
        assert_eq!(speakers(text), ["", ""]);
        // A participle speaks for the person its sentence names first.
        let text = "قال بوتين إن الحل سياسي. ورد أردوغان على تصريح بوتين، معتبرا أنه \"غير واقعي\".";
        assert_eq!(speakers(text), ["فلاديمير بوتين", "رجب طيب أردوغان"]);
    }

    #[test]
    fn relative_and_descriptive_verbs() {
        let speakers = |text: &str| -> Vec<String> { quotes(text).into_iter().map(|q| q.0).collect() };
        // `بما وصفته`: the subject is the one the sentence names first.
        let text = "نددت وزارة الخارجية الروسية في بيان بما وصفته بـ\"التصعيد الخطير\".";
        assert_eq!(speakers(text), ["وزارة الخارجية الروسية"]);
        // A present verb after a noun describes it: the noun says it, no one named.
        let text = "قال بوتين إن الحل سياسي. وتلقى بوتين رسالة من أحد المواطنين يقول فيها: \"نريد السلام الآن\".";
        assert_eq!(speakers(text), ["فلاديمير بوتين", ""]);
        // A verb with no subject of its own after another one's sentence: the person its
        // sentence names.
        let text = "وقالت وزارة الخارجية الروسية إن الحوار مستمر. وزار لافروف أنقرة أمس، وقال إن العلاقات جيدة.";
        assert_eq!(speakers(text), ["وزارة الخارجية الروسية", "سيرغي لافروف"]);
    }

    #[test]
    fn leads_media_and_names_in_quote_marks() {
        let speakers = |text: &str| -> Vec<(String, String)> { quotes(text).into_iter().map(|q| (q.0, q.2)).collect() };
        // A quote that leads, then `بهذه الكلمات` and the verb with its subject.
        let text = "\"لن نتراجع عن موقفنا\".. بهذه الكلمات ختم أردوغان كلمته أمام البرلمان.";
        assert_eq!(speakers(text), [("رجب طيب أردوغان".into(), "لن نتراجع عن موقفنا".into())]);
        // The words that carry a source: a medium and what it did.
        let text = "نقلت الشركة أسلحة إلى المنطقة، بحسب تحقيق أجرته وكالة رويترز.";
        let found = quotes(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, "نقلت الشركة أسلحة إلى المنطقة");
        // At the start, with no comma that closes the source: the clause right after it.
        let text = "وبحسب المنظمين شارك ألف شخص في المسيرة، في حين تحدثت الشرطة عن المئات.";
        assert_eq!(speakers(text), [(String::new(), "شارك ألف شخص في المسيرة".into())]);
        // A name alone in quote marks after a verb is no quote.
        let text = "وتراجعت الأسهم، بحسب ما ذكرت \"رويترز\".";
        assert!(quotes(text).iter().all(|q| q.2 != "رويترز"), "{:?}", quotes(text));
    }

    #[test]
    fn organizations_of_feminine_nouns_and_participles_after_unnamed_sources() {
        let speakers = |text: &str| -> Vec<String> { quotes(text).into_iter().map(|q| q.0).collect() };
        // `وأضاف` does not carry `وزارة …` (a feminine noun): it speaks for the man named.
        let text =
            "وقالت وزارة الخارجية الروسية إن الحوار مستمر. واستقبل سيرغي لافروف الوفد. وأضاف أن اللقاء كان مثمرا.";
        assert_eq!(speakers(text), ["وزارة الخارجية الروسية", "سيرغي لافروف"]);
        // A participle after an unnamed source's quote in its sentence: the person it names.
        let text = "وذكر ناشطون أن بوتين زار المدينة، وسأل أحد السكان قائلا: \"كيف حالكم؟\"";
        assert_eq!(speakers(text), ["", "فلاديمير بوتين"]);
    }
}
