//! `descriptor-names`: a head noun of a name (`وزارة`، `مطار`، `لواء`، `الجيش`: `data/name_heads.tsv`)
//! followed by the words of a name is one name with its head, as a news reader reads it: `وزارة
//! الداخلية الكويتية`، `مطار بيروت الدولي`، `شرطة أبوظبي`، `المجلس الأعلى للقضاء`، `منظمة حظر
//! الأسلحة الكيميائية`. The words of a name are definite words, words with `لل`, names already
//! found (absorbed whole: the city of an airport is inside the airport's name), and one
//! indefinite noun right after an indefinite head (`مجلس نواب الشعب`). A definite word of time or a
//! relative pronoun (`STOP` in the file) ends it; so does anything else. A few heads name bodies
//! only with a common noun after them (`قوات التحالف`، `قوات الدفاع الذاتي`), not a generic one
//! (`قوات النظام`، `قوات الأمن`: `GENERIC` in the file) nor a name found (`قوات الأسد`).

use super::*;
use crate::word_tables::name_heads::Kind;

/// Words a name of this kind never runs past, however many: the head and six more.
const MAX_NAME_TOKENS: usize = 7;

/// The clitics (`و`، `ب`، `ل`…) and type of a head at `at`; none for a head with the article
/// added by a clitic reading (`الوزارة` is "the ministry", not a head).
fn head_at(words: &Words<'_>, heads: &Heads, at: usize) -> Option<Head> {
    let text = words.text(at)?;
    words.readings(at).iter().find_map(|reading| {
        let (label, definite, needs_name) = match *heads.get(reading.stem.as_str())? {
            Kind::Head(label, definite) => (label, definite, false),
            Kind::HeadBeforeAdjective(label) => {
                let next = words.text(at + 1)?;
                (heads.get(next) == Some(&Kind::Adjective)).then_some((label, true, false))?
            }
            Kind::HeadBeforeName(label) => (label, true, true),
            Kind::HeadBeforeNoun(label) => {
                let next = words.text(at + 1).filter(|_| is_arabic(words, at + 1))?;
                // A definite common noun or a head of its own (`قوات التحالف`، `قوات خفر السواحل`),
                // not an adjective, a word that ends names or a generic noun (`قوات الجيش`).
                let noun = match heads.get(next) {
                    None => next.starts_with("ال") && next.chars().count() >= 4 && !is_adjective(heads, next),
                    Some(Kind::Head(Label::Org, _) | Kind::HeadBeforeAdjective(_)) => true,
                    _ => false,
                };
                if !noun || heads.generic.contains(next) {
                    return None;
                }
                let clitics: String = text.chars().take(reading.prefix).collect();
                return (!clitics.ends_with("ال")).then_some(Head {
                    prefix: reading.prefix,
                    label,
                    definite: false,
                    needs_name: false,
                    before_noun: true,
                });
            }
            _ => return None,
        };
        let clitics: String = text.chars().take(reading.prefix).collect();
        (!clitics.ends_with("ال")).then_some(Head { prefix: reading.prefix, label, definite, needs_name, before_noun: false })
    })
}

/// A head noun found in the text.
#[derive(Debug, Clone, Copy)]
struct Head {
    /// Its clitic chars (`و`، `ب`، `ل`…).
    prefix: usize,
    /// The type of the name it begins.
    label: Label,
    /// Whether it has the article.
    definite: bool,
    /// Whether it is a name only with a name found after it ([`Kind::HeadBeforeName`]).
    needs_name: bool,
    /// Whether its name must start with a common noun ([`Kind::HeadBeforeNoun`]).
    before_noun: bool,
}

/// Whether the Arabic word is definite (`ال…`, or `لل…` of four letters or more).
fn is_definite(text: &str) -> bool {
    text.starts_with("ال") || (text.starts_with("لل") && text.chars().count() >= 4)
}

/// Whether a definite word reads as an adjective: a nisba (`الدولي`، `الكويتية`) or an
/// adjective of names (`ADJ` in the file: `الأعلى`، `العليا`، `المسلحة`، `المتحدة`).
fn is_adjective(heads: &Heads, text: &str) -> bool {
    text.ends_with('ي') || text.ends_with("يه") || heads.get(text) == Some(&Kind::Adjective)
}

/// Whether the word at `at` is a preposition of an object (`OBJECT_PREPOSITION` of
/// `data/rule_words.tsv`: `على`، `إلى`) or an indefinite word with `ب` glued to it that is no name: after a word with `ل` it makes that word a verbal noun of purpose with
/// its object (`الجيش الليبي للقيام بدوره`، `حلف شمالي الأطلسي للإطاحة به`، `للتعرف إلى`), not the
/// complement of a name (`المجلس الأعلى للقضاء`، `المجلس الجهوي للصحة بالمهدية`).
fn governs_object(rule_words: &RuleWords, words: &Words<'_>, starting: &[Option<usize>], at: usize) -> bool {
    words.text(at).is_some_and(|text| {
        rule_words.object_prepositions.contains(text)
            || (text.starts_with('ب') && !text.starts_with("بال") && starting.get(at).is_some_and(Option::is_none) && text.chars().count() >= 3)
    })
}

/// Whether a definite word is a nationality (`data/demonyms.tsv`) or the nisba of a land in
/// -ستان (`الكردستاني`، `الباكستانية`).
fn is_nationality_of_name(demonyms: &Demonyms, text: &str) -> bool {
    demonyms.is_nationality(text) || text.ends_with("ستاني") || text.ends_with("ستانيه")
}

/// One past the last token of the name a head at `at` begins, or `at + 1` when no name follows.
/// The name of a head of common nouns ([`Kind::HeadBeforeNoun`]) takes no name found (`حررت قوات
/// الثورة العربية دمشق`: the city is what they took).
fn name_end(tables: &WordTables, words: &Words<'_>, out: &[(Candidate, f32)], starting: &[Option<usize>], at: usize, head: Head) -> usize {
    let mut scan = NameScan::new(words, tables, starting, at, head);
    let n = words.tokens.len();
    while scan.end < n && scan.end - at < MAX_NAME_TOKENS {
        let step = match starting[scan.end] {
            Some(k) => scan.found_name(&out[k].0),
            None => scan.word(),
        };
        match step {
            Step::Next => {}
            Step::Stop => break,
            Step::Placed(last) => return last,
        }
    }
    scan.named_end
}

/// What [`name_end`] does after a token: read the next, stop, or end the name at a token (a
/// facility with the place it is in).
enum Step {
    Next,
    Stop,
    Placed(usize),
}

/// [`name_end`] under way: where it is and what it has read since the head.
struct NameScan<'s, 'w> {
    words: &'s Words<'w>,
    heads: &'s Heads,
    rule_words: &'s RuleWords,
    demonyms: &'s Demonyms,
    starting: &'s [Option<usize>],
    at: usize,
    head: Head,
    facility: bool,
    /// One past the last token read.
    end: usize,
    /// One past the last token of the name so far.
    named_end: usize,
    /// Whether only adjectives followed the head (`المستشفى الجهوي`): such a facility's name goes
    /// on with the place it is in, after `ب` (`المستشفى الجهوي بالجم`).
    only_adjectives: bool,
    /// After a name or a definite head only adjectives go on (`مطار بيروت الدولي`, `المحكمة
    /// العليا`), not a noun in apposition or an object (`ميناء الحديدة البوابة`، `ألقت الشرطة القبض`).
    after_name: bool,
    /// After a proper name only the adjectives of names go on: a nationality describes the name
    /// (`وكالة الأناضول التركية`، `ميناء الحديدة اليمني`).
    after_proper: bool,
    /// One nationality describes a name (`حزب العمال الكردستاني`); a second one describes the
    /// named body (`وحدات حماية الشعب الكردية السورية`: the Syrian YPG). The adjectives of names
    /// (`العربية`، `الدولي`) are no nationality here (`الوكالة العربية السورية للأنباء`).
    nationality_seen: bool,
    in_complement: bool,
}

impl<'s, 'w> NameScan<'s, 'w> {
    fn new(words: &'s Words<'w>, tables: &'s WordTables, starting: &'s [Option<usize>], at: usize, head: Head) -> Self {
        NameScan {
            words,
            heads: tables.heads,
            rule_words: &tables.rule_words,
            demonyms: tables.demonyms,
            starting,
            at,
            head,
            facility: head.label == Label::Loc,
            end: at + 1,
            named_end: at + 1,
            only_adjectives: true,
            after_name: head.definite,
            after_proper: false,
            nationality_seen: false,
            in_complement: false,
        }
    }

    /// Reads `count` more tokens into the name.
    fn take(&mut self, count: usize) {
        self.end += count;
        self.named_end = self.end;
    }

    /// A name found at the scan's token (`name`).
    fn found_name(&mut self, name: &Candidate) -> Step {
        let (end, at, words) = (self.end, self.at, self.words);
        let (last, label, prefix) = (name.last, name.label, name.prefix);
        let placed = self.facility
            && self.only_adjectives
            && end > at + 1
            && label == Label::Loc
            && prefix == 1
            && words.text(end).is_some_and(|t| t.starts_with('ب'))
            && last - at <= MAX_NAME_TOKENS;
        if placed {
            return Step::Placed(last);
        }
        // Not a name joined by a clitic (`والقدس`، `بسيدني`), a person after the first word
        // or after a definite head (`المجلس كارين بيرس`: the council, then who spoke),
        // a place with its own descriptor (`مركز مدينة عفرين`), or past the longest name.
        let joinable = prefix == 0
            && !self.head.before_noun
            && (label != Label::Per || (end == at + 1 && !self.head.definite))
            && !self.rule_words.is_descriptor(words, end)
            && last - at <= MAX_NAME_TOKENS;
        if !joinable {
            return Step::Stop;
        }
        (self.end, self.named_end, self.after_name, self.after_proper) = (last, last, true, true);
        self.only_adjectives = false;
        Step::Next
    }

    /// A word no name found starts at the scan's token.
    fn word(&mut self) -> Step {
        let (end, words) = (self.end, self.words);
        let Some(text) = words.text(end).filter(|_| is_arabic(words, end)) else { return Step::Stop };
        if self.heads.get(text) == Some(&Kind::Stop) {
            return Step::Stop;
        }
        let adjective_of_names = self.heads.get(text) == Some(&Kind::Adjective);
        let adjective = if self.after_proper { adjective_of_names } else { is_adjective(self.heads, text) };
        self.only_adjectives &= adjective && is_definite(text) && !text.starts_with("لل");
        // A word with `لل` is a complement that goes on any name (`المجلس الأعلى للقضاء`), but
        // makes none of a bare head (`مركز للتصويت`، `مكتب جديد للحزب`).
        if text.starts_with("لل")
            && (self.named_end == self.at + 1 || governs_object(self.rule_words, words, self.starting, end + 1))
        {
            return Step::Stop;
        }
        if self.complement_with_l(text) {
            self.take(2);
            return Step::Next;
        }
        // Inside a complement with `لل`, a definite word joined by و goes on with it (`للاستيراد
        // والتصدير`، `للأسلحة الكيميائية والبيولوجية`).
        let coordinated = self.in_complement
            && text.starts_with("وال")
            && text.chars().count() >= 6
            && self.heads.get(text) != Some(&Kind::Stop);
        if coordinated {
            self.take(1);
            return Step::Next;
        }
        if is_definite(text) && (!self.after_name || adjective || text.starts_with("لل")) {
            return self.definite(text, adjective_of_names);
        }
        self.construct(text)
    }

    /// Whether the word is `ل` with a construct chain (`الاتحاد السعودي لكرة القدم`، `المرصد
    /// السوري لحقوق الإنسان`) after a name has begun: a complement, as with `لل`.
    fn complement_with_l(&self, text: &str) -> bool {
        let (end, at, words) = (self.end, self.at, self.words);
        let next_definite = words.text(end + 1).is_some_and(|t| t.starts_with("ال")) && is_arabic(words, end + 1);
        text.starts_with('ل')
            && !text.starts_with("لل")
            && text.chars().count() >= 4
            && self.named_end > at + 1
            && next_definite
            && end + 2 - at <= MAX_NAME_TOKENS
            && !governs_object(self.rule_words, words, self.starting, end + 2)
    }

    /// A definite word that goes on with the name: an adjective or a complement, or any after a
    /// bare head; a second nationality stops it.
    fn definite(&mut self, text: &str, adjective_of_names: bool) -> Step {
        // After a complement only adjectives and complements go on (`للاستيراد والتصدير
        // البضائع`: the goods are what was seized).
        self.in_complement |= text.starts_with("لل");
        self.after_name |= self.in_complement;
        if is_nationality_of_name(self.demonyms, text) && !adjective_of_names {
            if self.nationality_seen {
                return Step::Stop;
            }
            self.nationality_seen = true;
        }
        self.take(1);
        Step::Next
    }

    /// An indefinite word: it goes on only as a noun of a construct chain after the head.
    fn construct(&mut self, text: &str) -> Step {
        let (end, at, words) = (self.end, self.at, self.words);
        // One indefinite noun of a construct chain right after an indefinite head (`وكالة أنباء
        // الإمارات`), not a verb in the imperfect or the future (`حزب يدعو`) nor a settlement noun
        // (`مركز مدينة عفرين`: the centre of the town).
        let construct = end == at + 1
            && !self.head.definite
            && !self.rule_words.is_descriptor(words, end)
            && text.chars().count() >= 3
            && !matches!(text.chars().next(), Some('ي' | 'ت' | 'س'));
        // A facility named after someone by his kunya (`قاعدة أبو ستة البحرية`): the kunya and
        // the word after it are a proper name.
        let kunya =
            self.rule_words.kunya_words.contains(text) && is_arabic(words, end + 1) && self.starting[end + 1].is_none();
        if construct && self.facility && kunya {
            self.take(2);
            (self.after_name, self.after_proper) = (true, true);
            self.only_adjectives = false;
            return Step::Next;
        }
        if !construct {
            return Step::Stop;
        }
        self.only_adjectives = false;
        self.end += 1;
        Step::Next
    }
}

/// Whether the name from `at` to `end` ends on a bare head with the article that no name found
/// there begins (`رئاسة المجلس`، `مكتب إعلام المفوضية`، `مجلس إدارة الاتحاد`، `مركز القيادة`): a
/// part or an office of a body the text named before, no name of its own, when it is an
/// organization's; a place may be named after a body (`ساحة الاتحاد`), and forces after the
/// body they serve (`قوات التحالف`).
fn ends_on_a_body(words: &Words<'_>, heads: &Heads, starting: &[Option<usize>], at: usize, end: usize) -> bool {
    let last = end - 1;
    let bare_head = words.text(last).and_then(|text| heads.get(text)).is_some_and(|kind| match *kind {
        Kind::Head(_, definite) => definite,
        Kind::HeadBeforeAdjective(_) => true,
        _ => false,
    });
    last > at && bare_head && starting[last].is_none()
}

/// The name with the entity of the one name of its type it holds, if it holds one (`ميليشيات
/// الحوثي` is the Houthis of the lexicon, `وكالة رويترز` Reuters): linking then sees one entity.
/// Reads only the candidates starting inside the name (`starting`): a few tokens, whatever the
/// length of the text.
fn named_after(out: &[(Candidate, f32)], starting: &[Option<usize>], mut name: Candidate) -> Candidate {
    let mut inside = (name.first + 1..name.last)
        .filter_map(|j| starting[j].map(|k| &out[k].0))
        .filter(|c| c.last <= name.last && c.label == name.label);
    if let (Some(known), None) = (inside.next(), inside.next()) {
        if !known.id.is_empty() {
            name.id = known.id.clone();
            name.canonical = known.canonical.clone();
        }
    }
    name
}

/// See the module's documentation.
pub(super) fn descriptor_names(tables: &WordTables, words: &Words<'_>, out: &mut Vec<(Candidate, f32)>) {
    let heads = &tables.heads;
    let n = words.tokens.len();
    // The candidate starting at each token, and whether a name covers it from before.
    let mut starting: Vec<Option<usize>> = vec![None; n + 1];
    let mut covered_from_before = vec![false; n + 1];
    for (k, (candidate, _)) in out.iter().enumerate() {
        starting[candidate.first] = Some(k);
        covered_from_before[candidate.first + 1..candidate.last].iter_mut().for_each(|c| *c = true);
    }
    let mut found: Vec<Candidate> = Vec::new();
    let mut at = 0;
    while at < n {
        let head = (!covered_from_before[at]).then(|| head_at(words, heads, at)).flatten();
        // A head of common nouns before a name found (`قوات الأسد`) heads no name.
        let head = head.filter(|h| !h.before_noun || starting[at + 1].is_none());
        let Some(head @ Head { prefix, label, .. }) = head else {
            at += 1;
            continue;
        };
        let end = name_end(tables, words, out, &starting, at, head);
        // A head that needs a name is none without a name found inside (`المستشفى الميداني`).
        let named = !head.needs_name || (at + 1..end).any(|j| starting[j].is_some());
        let longer_known = starting[at].is_some_and(|k| out[k].0.last >= end);
        if end > at + 1 && named && !longer_known && !(label == Label::Org && !head.before_noun && ends_on_a_body(words, heads, &starting, at, end)) {
            found.push(named_after(out, &starting, unnamed(at, end, prefix, label)));
            at = end;
        } else {
            at += 1;
        }
    }
    if found.is_empty() {
        return;
    }
    // The found name covering each token: a candidate inside one gives way to it.
    let mut found_at: Vec<Option<usize>> = vec![None; n + 1];
    for (k, name) in found.iter().enumerate() {
        found_at[name.first..name.last].iter_mut().for_each(|f| *f = Some(k));
    }
    out.retain(|(c, _)| found_at[c.first].is_none_or(|k| c.last > found[k].last));
    add_in_order(out, found.into_iter().map(|c| (c, LEXICON_CONFIDENCE)).collect());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, found: &[(usize, usize, Label)]) -> Vec<(String, Label)> {
        rule_output(text, found, |words, out| descriptor_names(crate::word_tables::tables(), words, out))
    }

    #[test]
    fn a_head_noun_and_the_words_of_a_name_are_one_name() {
        let text = "أعلنت وزارة الداخلية الكويتية السبت أن مطار بيروت الدولي مغلق";
        // The tagger found Beirut.
        let found = names(text, &[(7, 8, Label::Loc)]);
        assert_eq!(
            found,
            [("وزاره الداخليه الكويتيه".to_owned(), Label::Org), ("مطار بيروت الدولي".to_owned(), Label::Loc)]
        );
    }

    #[test]
    fn a_construct_chain_and_lil_words_go_on_the_name_but_not_a_verb() {
        let found = names("وقال مجلس نواب الشعب إن المجلس الأعلى للقضاء وحزب يدعو الحكومة", &[]);
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["مجلس نواب الشعب", "المجلس الاعلي للقضاء"]);
    }

    #[test]
    fn after_a_proper_name_only_adjectives_of_names_go_on() {
        // The tagger found Anadolu (2) and Beirut (7): a nationality describes the agency, an
        // international airport is the airport's name.
        let text = "نقلت وكالة الأناضول التركية أن مطار بيروت الدولي مغلق";
        let found = names(text, &[(2, 3, Label::Org), (6, 7, Label::Loc)]);
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["وكاله الاناضول", "مطار بيروت الدولي"]);
    }

    #[test]
    fn a_definite_head_takes_no_person_after_it() {
        // `المجلس كارين بيرس`: the council, then the ambassador who spoke in it.
        let found = names("وقالت سفيرة بريطانيا في المجلس كارين بيرس إن", &[(5, 7, Label::Per)]);
        assert_eq!(found, [("كارين بيرس".to_owned(), Label::Per)]);
    }

    #[test]
    fn a_head_whose_hamza_folds_to_the_article_is_indefinite() {
        // `ألوية` folds to `الويه`: it still takes the definite words of a name after it.
        let found = names("وتقدمت ألوية العمالقة نحو المدينة", &[]);
        assert_eq!(found, [("الويه العمالقه".to_owned(), Label::Org)]);
    }

    #[test]
    fn armed_forces_are_named_by_an_adjective_of_names_not_a_nationality() {
        let found = names("أعلنت القوات المسلحة الإماراتية أن القوات التركية انسحبت", &[]);
        assert_eq!(found, [("القوات المسلحه الاماراتيه".to_owned(), Label::Org)]);
    }

    #[test]
    fn a_head_with_al_inside_it_is_no_definite_head() {
        // `وكالة` is indefinite: a construct noun may follow it; `والجيش` is definite.
        let found = names("ذكرت وكالة أنباء رويترز أن والجيش الوطني", &[(3, 4, Label::Org)]);
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["وكاله انباء رويترز", "والجيش الوطني"]);
    }

    #[test]
    fn a_bare_head_with_a_complement_or_a_town_is_no_name() {
        assert!(names("افتتح مركز للتصويت ومكتب جديد للحزب", &[]).is_empty());
        // The tagger found Afrin (3): the centre of the town is no body.
        let found = names("وصلت إلى مركز مدينة عفرين", &[(4, 5, Label::Loc)]);
        assert_eq!(found, [("عفرين".to_owned(), Label::Loc)]);
    }

    #[test]
    fn a_name_goes_on_with_a_complement_in_lam() {
        let found = names("قرر الاتحاد السعودي لكرة القدم تأجيل المباراة", &[]);
        assert_eq!(found, [("الاتحاد السعودي لكره القدم".to_owned(), Label::Org)]);
    }

    #[test]
    fn a_complement_with_lil_goes_on_across_and() {
        let found = names("صادرت شركة الأندلس للاستيراد والتصدير البضائع", &[]);
        assert_eq!(found, [("شركه الاندلس للاستيراد والتصدير".to_owned(), Label::Org)]);
        // Not before the complement: two bodies.
        let found = names("اجتمع مجلس الوزراء والبرلمان", &[]);
        assert_eq!(found, [("مجلس الوزراء".to_owned(), Label::Org)]);
    }

    #[test]
    fn a_second_nationality_describes_the_body_not_its_name() {
        let found = names("تستهدف وحدات حماية الشعب الكردية السورية", &[]);
        assert_eq!(found, [("وحدات حمايه الشعب الكرديه".to_owned(), Label::Org)]);
        let found = names("ذكرت الوكالة العربية السورية للأنباء", &[]);
        assert_eq!(found, [("الوكاله العربيه السوريه للانباء".to_owned(), Label::Org)]);
    }

    #[test]
    fn a_lam_word_with_its_object_is_a_purpose_not_a_complement() {
        let found = names("دعا إلى وحدة الجيش الليبي للقيام بدوره، ودعا حلف شمالي الأطلسي للتعرف على", &[]);
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["الجيش الليبي", "حلف شمالي الاطلسي"]);
        let found = names("اجتمع المجلس الجهوي للصحة بالمهدية", &[]);
        assert_eq!(found, [("المجلس الجهوي للصحه".to_owned(), Label::Org)]);
    }

    #[test]
    fn a_competition_holds_its_country() {
        // The tagger found Europe (3) and Germany (8): they name competitions, not places.
        let found = names("بلغ نهائي دوري أبطال أوروبا وفاز بلقب كأس ألمانيا", &[(4, 5, Label::Loc), (8, 9, Label::Loc)]);
        assert_eq!(found, [("دوري ابطال اوروبا".to_owned(), Label::Misc), ("كاس المانيا".to_owned(), Label::Misc)]);
    }

    #[test]
    fn a_part_of_a_body_named_before_is_no_name() {
        let found = names("قال مدير مكتب إعلام المفوضية إن رئاسة المجلس دعت مجلس إدارة الاتحاد", &[]);
        assert!(found.is_empty());
        // Unless the body is a name found there.
        let found = names("قالت مفوضية الاتحاد الإفريقي", &[]);
        assert_eq!(found, [("مفوضيه الاتحاد الافريقي".to_owned(), Label::Org)]);
        // A place may be named after a body.
        let found = names("تجمعوا في ساحة الاتحاد", &[]);
        assert_eq!(found, [("ساحه الاتحاد".to_owned(), Label::Loc)]);
    }

    #[test]
    fn a_facility_of_a_head_and_adjectives_takes_its_place_after_ba() {
        // The tagger found El Jem (3) and Mahdia (8), each after its clitic `ب`.
        let text = "أشغال المستشفى الجهوي بالجم ونقل إلى المستشفى الجهوي بالمهدية";
        let found = rule_output(text, &[(3, 4, Label::Loc), (8, 9, Label::Loc)], |words, out| {
            out.iter_mut().for_each(|(c, _)| c.prefix = 1);
            descriptor_names(crate::word_tables::tables(), words, out)
        });
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["المستشفي الجهوي بالجم", "المستشفي الجهوي بالمهديه"]);
        // Without a name, `المستشفى` and adjectives are no name.
        assert!(names("نقل إلى المستشفى الميداني", &[]).is_empty());
    }

    #[test]
    fn a_facility_named_by_a_kunya_or_a_church_is_a_place() {
        let found = names("وصلت إلى قاعدة أبو ستة البحرية أمس", &[]);
        assert_eq!(found, [("قاعده ابو سته البحريه".to_owned(), Label::Loc)]);
        // The tagger found Mar Girgis (1, MISC).
        let found = names("كنيسة مار جرجس والكاتدرالية المرقسية في بيت السلام", &[(1, 3, Label::Misc)]);
        let found: Vec<(&str, Label)> = found.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        assert_eq!(found, [("كنيسه مار جرجس", Label::Loc), ("والكاتدراليه المرقسيه", Label::Loc), ("بيت السلام", Label::Loc)]);
    }

    #[test]
    fn forces_are_named_by_a_common_noun_not_a_generic_one_nor_a_name() {
        let found = names("بإسناد من قوات التحالف، وقوات الدفاع الذاتي وقوات خفر السواحل الوطنية", &[]);
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["قوات التحالف", "وقوات الدفاع الذاتي", "وقوات خفر السواحل الوطنيه"]);
        // Any regime's forces, the army's, and forces named by a name found (Assad, 6) are no name;
        // nor do they take the city they took (Damascus, 9).
        let found = names("هاجمت قوات النظام وقوات الجيش قوات الأسد وحررت قوات الثورة العربية دمشق", &[(6, 7, Label::Per), (11, 12, Label::Loc)]);
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["الاسد", "قوات الثوره العربيه", "دمشق"]);
    }

    #[test]
    fn the_article_is_no_head() {
        assert!(names("قالت الوزارة الاثنين", &[]).is_empty());
        assert!(names("وصل وفد الوزارة الخارجية", &[]).is_empty());
    }
}
