//! The result of analyzing one document: mentions with spans into the original text.

use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The kind of thing a mention names.
///
/// ```
/// use kashif_core::Label;
/// assert_eq!(Label::Per.as_str(), "PER");
/// assert_eq!("LOC".parse::<Label>(), Ok(Label::Loc));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// A person.
    Per,
    /// An organization: a state body, an alliance, an armed group, a company, a news agency.
    Org,
    /// A place: a country, a city, a village, a mountain, a region.
    Loc,
    /// Another named thing: an agreement, an event, a conference.
    Misc,
    /// A date or a time expression.
    Date,
    /// A number or a quantity.
    Num,
}

impl Label {
    /// Every label, in the order the interface lists them.
    ///
    /// ```
    /// use kashif_core::Label;
    /// let tags: Vec<&str> = Label::ALL.iter().map(|label| label.as_str()).collect();
    /// assert_eq!(tags, ["PER", "ORG", "LOC", "MISC", "DATE", "NUM"]);
    /// ```
    pub const ALL: [Label; 6] = [Label::Per, Label::Org, Label::Loc, Label::Misc, Label::Date, Label::Num];

    /// The short tag used in JSON, CSV and the page (`PER`, `ORG`, …).
    ///
    /// ```
    /// assert_eq!(kashif_core::Label::Num.as_str(), "NUM");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Num => "NUM",
        }
    }

    /// The Arabic name of the label, for the interface.
    ///
    /// ```
    /// assert_eq!(kashif_core::Label::Loc.arabic_name(), "مكان");
    /// ```
    pub fn arabic_name(self) -> &'static str {
        match self {
            Label::Per => "شخص",
            Label::Org => "منظمة",
            Label::Loc => "مكان",
            Label::Misc => "متفرقات",
            Label::Date => "تاريخ",
            Label::Num => "رقم",
        }
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Label {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Label::ALL.into_iter().find(|label| label.as_str() == s).ok_or_else(|| format!("unknown label {s:?}"))
    }
}

/// One mention of an entity in a document.
///
/// `start` and `end` count Unicode scalar values (chars) into the original text, end exclusive,
/// and `text` is exactly that slice of the original.
///
/// ```
/// use kashif_core::{Analyzer, Label};
/// let text = "وقال وزير الخارجية الروسي سيرجي لافروف إن الوضع خطير";
/// let lavrov = &Analyzer::new().analyze(text).entities[0];
/// assert_eq!((lavrov.label, lavrov.start, lavrov.end), (Label::Per, 26, 38));
/// assert_eq!(lavrov.text, text.chars().skip(26).take(12).collect::<String>());
/// // Written سيرجي here, the entity has one display name and one id however it is spelled.
/// assert_eq!((lavrov.text.as_str(), lavrov.canonical.as_str()), ("سيرجي لافروف", "سيرغي لافروف"));
/// assert_eq!(lavrov.id, "per:sergey-lavrov");
/// assert_eq!(lavrov.title.as_deref(), Some("وزير الخارجية الروسي"));
/// assert!(lavrov.confidence > 0.5 && lavrov.confidence <= 1.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// What kind of thing is mentioned.
    pub label: Label,
    /// The surface exactly as it stands in the input.
    pub text: String,
    /// First char of the mention (inclusive), in chars from the start of the input.
    pub start: usize,
    /// One past the last char of the mention, in chars from the start of the input.
    pub end: usize,
    /// The display name of the entity this mention refers to.
    pub canonical: String,
    /// The entity id, the same for every spelling of the same entity.
    pub id: String,
    /// For a person, the title or role the text gives right before the name (or in apposition
    /// after it), as written: `وزير الخارجية الروسي`, `المتحدث باسم الكرملين`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    /// How sure Kashif is of the mention, from 0 to 1, calibrated: of the names at 0.9, about
    /// 90% are right (on the news dev set, `data/calibration.tsv`). For a name, whatever found
    /// it, the tagger's mean log-odds for its tokens and type, mapped through the logistic curve
    /// fitted for its `source`; for dates and numbers (rules), 1.
    #[serde(default = "full_confidence")]
    pub confidence: f32,
    /// What found it: `tagger`, `lexicon`, `rule:NAME` (the rule that added or last changed it,
    /// see `kashif rules`), `date`, `number`, or `user` (a correction).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

fn full_confidence() -> f32 {
    1.0
}

/// An entity of a document with the number of times it is mentioned (see
/// [`Analysis::entity_summaries`]).
///
/// ```
/// let text = "التقى فلاديمير بوتين نظيره التركي في موسكو، وقال بوتين إن المحادثات كانت مثمرة.";
/// let analysis = kashif_core::Analyzer::new().analyze(text);
/// let putin = &analysis.entity_summaries()[0];
/// assert_eq!((putin.id.as_str(), putin.label), ("per:vladimir-putin", kashif_core::Label::Per));
/// assert_eq!(putin.mentions, 2);
/// assert_eq!(putin.surfaces, ["فلاديمير بوتين", "بوتين"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitySummary {
    /// The entity id.
    pub id: String,
    /// The entity's label.
    pub label: Label,
    /// The display name.
    pub canonical: String,
    /// How many mentions the document has of it.
    pub mentions: usize,
    /// The distinct surfaces seen, in order of first appearance.
    pub surfaces: Vec<String>,
}

/// What a figure counts: the victims of an event (`killed` … `missing`) or a group of people
/// (`refugees` … `people`).
///
/// ```
/// use kashif_core::{Counted, Event};
/// assert_eq!(Counted::Civilians.as_str(), "civilians");
/// assert_eq!(Counted::Killed.event(), Some(Event::Killed));
/// assert_eq!(Counted::Soldiers.event(), None);
/// assert_eq!(serde_json::to_string(&Counted::People).unwrap(), r#""people""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counted {
    /// The dead (`قتلى`، `شهداء`، `ضحايا`).
    Killed,
    /// The wounded (`جرحى`، `مصابين`).
    Wounded,
    /// The displaced (`نازحين`، `مهجرين`).
    Displaced,
    /// The detained, prisoners and hostages (`معتقلين`، `أسرى`، `رهائن`).
    Detained,
    /// The missing (`مفقودين`).
    Missing,
    /// Refugees (`لاجئين`).
    Refugees,
    /// Soldiers, police and security forces (`جنود`، `عناصر من قوات النظام`).
    Soldiers,
    /// Fighters of armed groups (`مقاتلين`، `مسلحين`).
    Fighters,
    /// Civilians (`مدنيين`).
    Civilians,
    /// Children (`أطفال`، `قاصرين`).
    Children,
    /// Women (`نساء`).
    Women,
    /// People, with nothing more said of them (`أشخاص`، `مواطنين`، `فلسطينيين`).
    People,
}

impl Counted {
    /// Everything a figure may count: the victims of the five events, then the groups.
    ///
    /// ```
    /// use kashif_core::Counted;
    /// assert_eq!(Counted::ALL.len(), 12);
    /// assert_eq!(Counted::ALL.iter().filter(|c| c.event().is_some()).count(), 5);
    /// ```
    pub const ALL: [Counted; 12] = [
        Counted::Killed,
        Counted::Wounded,
        Counted::Displaced,
        Counted::Detained,
        Counted::Missing,
        Counted::Refugees,
        Counted::Soldiers,
        Counted::Fighters,
        Counted::Civilians,
        Counted::Children,
        Counted::Women,
        Counted::People,
    ];

    /// The word used in JSON, CSV and the page (`killed`, `civilians`, …).
    ///
    /// ```
    /// use kashif_core::Counted;
    /// assert_eq!(Counted::Civilians.as_str(), "civilians");
    /// assert_eq!(serde_json::to_string(&Counted::Civilians).unwrap(), r#""civilians""#);
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Counted::Killed => "killed",
            Counted::Wounded => "wounded",
            Counted::Displaced => "displaced",
            Counted::Detained => "detained",
            Counted::Missing => "missing",
            Counted::Refugees => "refugees",
            Counted::Soldiers => "soldiers",
            Counted::Fighters => "fighters",
            Counted::Civilians => "civilians",
            Counted::Children => "children",
            Counted::Women => "women",
            Counted::People => "people",
        }
    }

    /// The Arabic name, for the interface.
    ///
    /// ```
    /// assert_eq!(kashif_core::Counted::Killed.arabic_name(), "قتلى");
    /// ```
    pub fn arabic_name(self) -> &'static str {
        match self {
            Counted::Killed => "قتلى",
            Counted::Wounded => "جرحى",
            Counted::Displaced => "نازحون",
            Counted::Detained => "معتقلون",
            Counted::Missing => "مفقودون",
            Counted::Refugees => "لاجئون",
            Counted::Soldiers => "جنود",
            Counted::Fighters => "مقاتلون",
            Counted::Civilians => "مدنيون",
            Counted::Children => "أطفال",
            Counted::Women => "نساء",
            Counted::People => "أشخاص",
        }
    }

    /// The event that made the counted its victims (`killed` → [`Event::Killed`]); `None` for a
    /// group of people.
    ///
    /// ```
    /// use kashif_core::{Counted, Event};
    /// assert_eq!(Counted::Killed.event(), Some(Event::Killed));
    /// assert_eq!(Counted::Children.event(), None);
    /// ```
    pub fn event(self) -> Option<Event> {
        Event::ALL.into_iter().find(|&event| Counted::from(event) == self)
    }
}

/// What happened to the people a figure counts.
///
/// ```
/// use kashif_core::{Counted, Event};
/// assert_eq!(Event::Detained.as_str(), "detained");
/// assert_eq!(Counted::from(Event::Killed), Counted::Killed);
/// assert_eq!(serde_json::to_string(&Event::Wounded).unwrap(), r#""wounded""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    /// Killed (`قُتل`، `لقي حتفه`، `مقتل`).
    Killed,
    /// Wounded (`أصيب`، `بجروح`).
    Wounded,
    /// Displaced (`نزح`، `فروا`).
    Displaced,
    /// Detained (`اعتُقل`، `احتجز`).
    Detained,
    /// Missing (`فُقد`، `في عداد المفقودين`).
    Missing,
}

impl Event {
    /// The five events.
    ///
    /// ```
    /// use kashif_core::Event;
    /// assert_eq!(Event::ALL.map(Event::as_str), ["killed", "wounded", "displaced", "detained", "missing"]);
    /// ```
    pub const ALL: [Event; 5] = [Event::Killed, Event::Wounded, Event::Displaced, Event::Detained, Event::Missing];

    /// The word used in JSON, CSV and the page: the word of its victims (`killed`, …).
    ///
    /// ```
    /// assert_eq!(kashif_core::Event::Missing.as_str(), "missing");
    /// ```
    pub fn as_str(self) -> &'static str {
        Counted::from(self).as_str()
    }

    /// The Arabic name, for the interface: its victims' (`قتلى`).
    ///
    /// ```
    /// assert_eq!(kashif_core::Event::Wounded.arabic_name(), "جرحى");
    /// ```
    pub fn arabic_name(self) -> &'static str {
        Counted::from(self).arabic_name()
    }
}

impl From<Event> for Counted {
    /// The victims of the event: [`Event::Killed`] → [`Counted::Killed`].
    fn from(event: Event) -> Counted {
        match event {
            Event::Killed => Counted::Killed,
            Event::Wounded => Counted::Wounded,
            Event::Displaced => Counted::Displaced,
            Event::Detained => Counted::Detained,
            Event::Missing => Counted::Missing,
        }
    }
}

/// A counted figure: a number with the thing it counts (`أكثر من 20 مدنيا`, `عشرات الجرحى`).
///
/// `start`/`end` cover the number and its noun (not the qualifier before it), in chars into the
/// original text; `sentence_start`/`sentence_end` the sentence it stands in.
///
/// ```
/// let text = "قتل أكثر من 20 مدنيا في غارات على ريف حلب.";
/// let analysis = kashif_core::Analyzer::new().analyze(text);
/// let figure = &analysis.figures[0];
/// assert_eq!((figure.value, figure.value_max, figure.approximate), (20.0, None, true));
/// assert_eq!(figure.qualifier.as_deref(), Some("أكثر من"));
/// assert_eq!(figure.noun, "مدنيا");
/// // The number and its noun, not the qualifier: "20 مدنيا".
/// assert_eq!((figure.start, figure.end), (12, 20));
/// assert_eq!((figure.sentence_start, figure.sentence_end), (0, text.chars().count()));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The value; for a vague quantity (`عشرات`، `مئات`، `آلاف`) its lower bound (10, 100, 1000).
    pub value: f64,
    /// The upper bound of a range (`بين 20 و30`، `من 5 إلى 7 آلاف`، `10-15`); `value` is then
    /// the lower bound.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub value_max: Option<f64>,
    /// True when the text gives the number as an approximation or a bound, a range, or a vague
    /// quantity.
    pub approximate: bool,
    /// The approximation as written: `أكثر من`، `نحو`، `على الأقل`، `عشرات`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub qualifier: Option<String>,
    /// What is counted: `killed`, `wounded`, `displaced`, `refugees`, `soldiers`, `fighters`,
    /// `civilians`, `children`, `women`, `detained`, `missing` or `people`.
    pub counts: Counted,
    /// The counted noun as written (`مدنيا`، `الجرحى`); empty when only a verb says what is
    /// counted (`قتل 5 في …`).
    pub noun: String,
    /// What happened to them when a verb or noun around says so: `killed`, `wounded`,
    /// `displaced`, `detained`, `missing`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub event: Option<Event>,
    /// First char of the number (inclusive).
    pub start: usize,
    /// One past the last char of the noun (or of the number when there is no noun).
    pub end: usize,
    /// First char of the sentence.
    pub sentence_start: usize,
    /// One past the last char of the sentence.
    pub sentence_end: usize,
}

/// How a quote is given.
///
/// ```
/// use kashif_core::QuoteKind;
/// assert_eq!(QuoteKind::Indirect.as_str(), "indirect");
/// assert_eq!(serde_json::to_string(&QuoteKind::Direct).unwrap(), r#""direct""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// The speaker's words between quote marks, or after a colon.
    Direct,
    /// Reported speech: an إن/أن clause, or a clause attributed to a source (`بحسب المرصد`).
    Indirect,
}

impl QuoteKind {
    /// Both kinds.
    ///
    /// ```
    /// use kashif_core::QuoteKind;
    /// assert_eq!(QuoteKind::ALL.map(QuoteKind::as_str), ["direct", "indirect"]);
    /// ```
    pub const ALL: [QuoteKind; 2] = [QuoteKind::Direct, QuoteKind::Indirect];

    /// The word used in JSON, CSV and the page: `direct` or `indirect`.
    ///
    /// ```
    /// assert_eq!(kashif_core::QuoteKind::Direct.as_str(), "direct");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
        }
    }

    /// The Arabic name of the kind, for reports.
    ///
    /// ```
    /// assert_eq!(kashif_core::QuoteKind::Direct.arabic_name(), "مباشر");
    /// ```
    pub fn arabic_name(self) -> &'static str {
        match self {
            QuoteKind::Direct => "مباشر",
            QuoteKind::Indirect => "غير مباشر",
        }
    }
}

/// A quotation with its speaker.
///
/// `start`/`end` cover the quoted content only (inside the quote marks for a direct quote; the
/// clause after إن/أن for an indirect one), in chars into the original text.
///
/// ```
/// let text = "وقال المتحدث باسم الكرملين ديمتري بيسكوف: «لن نقبل بذلك».";
/// let analysis = kashif_core::Analyzer::new().analyze(text);
/// let quote = &analysis.quotes[0];
/// assert_eq!(quote.text, "لن نقبل بذلك");
/// assert_eq!((quote.start, quote.end), (43, 55));
/// assert_eq!(quote.verb, "وقال");
/// // The speaker is the entity of the mention, by its id and display name.
/// assert_eq!(quote.speaker.as_deref(), Some("per:dmitry-peskov"));
/// assert_eq!(quote.speaker_name.as_deref(), Some("دميتري بيسكوف"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The entity id of the speaker, when the text names one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker: Option<String>,
    /// The speaker's display name.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker_name: Option<String>,
    /// The speech verb as written (`قال`، `وأضافت`، `أكد`).
    pub verb: String,
    /// The quoted content, exactly as in the input.
    pub text: String,
    /// First char of the content (inclusive).
    pub start: usize,
    /// One past the last char of the content.
    pub end: usize,
    /// `direct` (between quote marks, or after a colon) or `indirect` (an إن/أن clause).
    pub kind: QuoteKind,
}

/// Everything Kashif found in one document: what [`Analyzer::analyze`](crate::Analyzer::analyze)
/// returns, and what every export format writes. It is serialized as the JSON exports write a
/// document, and read back from it.
///
/// ```
/// let text = "قتل 5 مدنيين في قصف على إدلب";
/// let analysis = kashif_core::Analyzer::new().analyze(text);
/// assert_eq!((analysis.entities.len(), analysis.figures.len(), analysis.quotes.len()), (2, 1, 0));
/// let json = serde_json::to_string(&analysis).unwrap();
/// assert_eq!(serde_json::from_str::<kashif_core::Analysis>(&json).unwrap(), analysis);
/// assert_eq!(kashif_core::Analyzer::new().analyze(""), kashif_core::Analysis::default());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Mentions in text order, never overlapping.
    pub entities: Vec<Mention>,
    /// Counted figures, in text order.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Quotations with their speakers, in text order.
    #[serde(default)]
    pub quotes: Vec<Quote>,
}

impl Analysis {
    /// The analyses of consecutive parts of a text as one, each part's spans moved by the char
    /// where it starts in the text (`offsets`, one per part).
    pub(crate) fn join(parts: Vec<Analysis>, offsets: &[usize]) -> Analysis {
        let mut whole = Analysis::default();
        whole.entities.reserve_exact(parts.iter().map(|part| part.entities.len()).sum());
        whole.figures.reserve_exact(parts.iter().map(|part| part.figures.len()).sum());
        whole.quotes.reserve_exact(parts.iter().map(|part| part.quotes.len()).sum());
        for (part, &offset) in parts.into_iter().zip(offsets) {
            whole.append(part, offset);
        }
        whole
    }

    fn append(&mut self, part: Analysis, offset: usize) {
        self.entities.extend(part.entities.into_iter().map(|mut mention| {
            mention.start += offset;
            mention.end += offset;
            mention
        }));
        self.figures.extend(part.figures.into_iter().map(|mut figure| {
            figure.start += offset;
            figure.end += offset;
            figure.sentence_start += offset;
            figure.sentence_end += offset;
            figure
        }));
        self.quotes.extend(part.quotes.into_iter().map(|mut quote| {
            quote.start += offset;
            quote.end += offset;
            quote
        }));
    }

    /// The entities of the document, each once, most mentioned first (ties: first seen first).
    ///
    /// ```
    /// let analyzer = kashif_core::Analyzer::new();
    /// let analysis = analyzer.analyze("زار بوتين أنقرة ثم عاد بوتين إلى موسكو");
    /// let summary = analysis.entity_summaries();
    /// assert_eq!(summary[0].canonical, "فلاديمير بوتين");
    /// assert_eq!(summary[0].mentions, 2);
    /// ```
    pub fn entity_summaries(&self) -> Vec<EntitySummary> {
        let mut summaries: Vec<EntitySummary> = Vec::new();
        let mut index_of: HashMap<&str, usize> = HashMap::new();
        for mention in &self.entities {
            match index_of.get(mention.id.as_str()) {
                Some(&index) => {
                    let summary = &mut summaries[index];
                    summary.mentions += 1;
                    if !summary.surfaces.contains(&mention.text) {
                        summary.surfaces.push(mention.text.clone());
                    }
                }
                None => {
                    index_of.insert(&mention.id, summaries.len());
                    summaries.push(EntitySummary {
                        id: mention.id.clone(),
                        label: mention.label,
                        canonical: mention.canonical.clone(),
                        mentions: 1,
                        surfaces: vec![mention.text.clone()],
                    });
                }
            }
        }
        // A stable sort keeps first-seen order among equal counts.
        summaries.sort_by_key(|s| std::cmp::Reverse(s.mentions));
        summaries
    }
}

/// Serde for a closed set written as its words (`Label::as_str` and the like): one table of
/// words for JSON, CSV and the page, and no derived visitor for each set in the page's wasm.
macro_rules! serde_as_word {
    ($($set:ty),*) => {$(
        impl Serialize for $set {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $set {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                word_of(deserializer, &<$set>::ALL, <$set>::as_str)
            }
        }
    )*};
}

serde_as_word!(Label, Counted, Event, QuoteKind);

/// The member of `all` whose word is the next string; another string is an error worded as
/// serde words it for a derived enum (`unknown variant `x`, expected `a` or `b``).
fn word_of<'de, D: Deserializer<'de>, T: Copy>(deserializer: D, all: &[T], word: fn(T) -> &'static str) -> Result<T, D::Error> {
    let text = String::deserialize(deserializer)?;
    all.iter().copied().find(|&member| word(member) == text).ok_or_else(|| {
        let words: Vec<String> = all.iter().map(|&member| format!("`{}`", word(member))).collect();
        let expected = match words.as_slice() {
            [one] => format!("expected {one}"),
            [one, two] => format!("expected {one} or {two}"),
            _ => format!("expected one of {}", words.join(", ")),
        };
        serde::de::Error::custom(format_args!("unknown variant `{text}`, {expected}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of a closed set is written as its word (`as_str`) in JSON and read back from
    /// it; a word outside the set is refused with an error that names it.
    fn words_round_trip<T>(all: &[T], word: fn(T) -> &'static str, unknown: &str)
    where
        T: Copy + std::fmt::Debug + PartialEq + Serialize + serde::de::DeserializeOwned,
    {
        for &value in all {
            let json = format!("\"{}\"", word(value));
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), value);
        }
        let error = serde_json::from_str::<T>(&format!("\"{unknown}\"")).unwrap_err().to_string();
        assert!(error.contains(&format!("unknown variant `{unknown}`")), "{error}");
    }

    #[test]
    fn closed_sets_are_written_as_their_words() {
        words_round_trip(&QuoteKind::ALL, QuoteKind::as_str, "reported");
        words_round_trip(&Counted::ALL, Counted::as_str, "Killed");
        words_round_trip(&Event::ALL, Event::as_str, "people");
    }

    #[test]
    fn the_victims_of_each_event_are_counted_and_lead_back_to_it() {
        for event in Event::ALL {
            assert_eq!(Counted::from(event).event(), Some(event));
            assert_eq!(event.as_str(), Counted::from(event).as_str());
        }
        let groups: Vec<Counted> = Counted::ALL.into_iter().filter(|c| c.event().is_none()).collect();
        assert_eq!(groups.len(), Counted::ALL.len() - Event::ALL.len(), "{groups:?}");
    }
}
