//! The analyzer on Arabic news sentences: what it finds, where, and under which id.

use kashif_core::{Analyzer, Label};
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::new)
}

/// (label, surface, id) of every mention.
fn mentions(text: &str) -> Vec<(Label, String, String)> {
    analyzer().analyze(text).entities.into_iter().map(|m| (m.label, m.text, m.id)).collect()
}

fn has(text: &str, label: Label, surface: &str) -> bool {
    mentions(text).iter().any(|(l, s, _)| *l == label && s == surface)
}

fn id_of(text: &str, surface: &str) -> String {
    mentions(text)
        .into_iter()
        .find(|(_, s, _)| s == surface)
        .unwrap_or_else(|| panic!("{surface:?} not found in {text:?}: {:?}", mentions(text)))
        .2
}

#[test]
fn clitics_before_a_name_keep_the_name_and_drop_the_clitic_from_the_span() {
    let cases = [
        ("وصلت التعزيزات وبمنبج انتشرت", "منبج"),
        ("أرسلت روسيا رسالة لإيران", "إيران"),
        ("في الحسكة والقامشلي", "القامشلي"),
        ("عاد فبحلب", "حلب"),
        ("قال مسؤول كدمشق", "دمشق"),
        ("زيارة للعراق", "عراق"),
        ("عاد إلى بغداد", "بغداد"),
    ];
    for (text, surface) in cases {
        assert!(has(text, Label::Loc, surface), "{surface:?} as LOC in {text:?}: {:?}", mentions(text));
    }
}

#[test]
fn a_name_that_starts_like_a_clitic_keeps_its_first_letter() {
    // `كارين` and `كارل` are names; ك + `ارين` is not what the text says.
    let text = "وقالت السفيرة كارين بيرس إن المجلس سيجتمع، وقال زميلها كارل فان دام إن الاجتماع ضروري";
    assert!(has(text, Label::Per, "كارين بيرس"), "{:?}", mentions(text));
    assert!(mentions(text).iter().all(|(_, s, _)| !s.starts_with("ارين") && !s.starts_with("ارل")), "{:?}", mentions(text));
    // A surname found again alone keeps its ب: `بوتن`, not ب + `وتن`.
    let text = "التقى الرئيس فلاديمير بوتن نظيره في موسكو. وقال بوتن إن اللقاء كان مثمرا";
    let alone: Vec<_> = mentions(text).into_iter().filter(|(l, _, _)| *l == Label::Per).map(|(_, s, _)| s).collect();
    assert!(alone.iter().all(|s| s != "وتن"), "{alone:?}");
}

#[test]
fn a_hyphenated_given_name_stays_in_the_name() {
    let text = "وصلت كيم يو-جونغ إلى سول ثم التقى الرئيس مون جاي-إن الوفد";
    let people: Vec<String> = mentions(text).into_iter().filter(|(l, _, _)| *l == Label::Per).map(|(_, s, _)| s).collect();
    assert!(people.contains(&"كيم يو-جونغ".to_owned()), "{people:?}");
    assert!(people.contains(&"مون جاي-إن".to_owned()), "{people:?}");
}

#[test]
fn spelling_variants_share_one_id() {
    let pairs = [
        ("قال سيرغي لافروف", "سيرغي لافروف", "قال سيرجي لافروف", "سيرجي لافروف"),
        ("زار أحمد داود أوغلو", "أحمد داود أوغلو", "زار أحمد داوود أوغلو", "أحمد داوود أوغلو"),
        ("التقى أردوغان", "أردوغان", "التقى إردوغان", "إردوغان"),
        ("التقى أردوغان", "أردوغان", "التقى اردوغان", "اردوغان"),
        ("في أنقرة", "أنقرة", "في انقره", "انقره"),
        ("في حماة", "حماة", "في حماه", "حماه"),
        ("قال بوتين", "بوتين", "قال فلاديمير بوتين", "فلاديمير بوتين"),
        ("أعلن حلف الناتو", "حلف الناتو", "أعلن حلف شمالي الأطلسي", "حلف شمالي الأطلسي"),
        ("ذكرت وكالة الأناضول", "وكالة الأناضول", "ذكرت وكالة أنباء الأناضول", "وكالة أنباء الأناضول"),
        ("قال كيم جونغ أون", "كيم جونغ أون", "قال كيم جونغ-أون", "كيم جونغ-أون"),
    ];
    for (text_a, surface_a, text_b, surface_b) in pairs {
        assert_eq!(id_of(text_a, surface_a), id_of(text_b, surface_b), "{surface_a} / {surface_b}");
    }
}

#[test]
fn a_newspaper_keeps_its_own_words_and_a_movement_its_head_noun() {
    // The known names are `صحيفة يديعوت أحرونوت` and `حركة حماس`. A newspaper is highlighted
    // without `صحيفة`; a movement with its head noun `حركة`, as a news reader reads the name
    // (`descriptor-names`, data/news/GUIDE.md); both keep the known entity's id.
    let text = "زعمت صحيفة يديعوت أحرونوت الإسرائيلية أن حركة حماس تستعد";
    assert_eq!(id_of(text, "يديعوت أحرونوت"), "org:yedioth-ahronoth", "{:?}", mentions(text));
    assert_eq!(id_of(text, "حركة حماس"), "org:hamas", "{:?}", mentions(text));
}

#[test]
fn a_generic_word_before_a_name_or_a_nationality_after_a_club_is_left_out_of_the_highlight() {
    // `فريق`, `قناة`, `قطاع` name the kind of thing; `الإيطالي` says whose: the news corpora
    // tag the name alone, and the mention still links to the known entity.
    let cases = [
        ("وقال فريق برشلونة في بيان إن اللاعب سيغيب", "برشلونة", "org:fc-barcelona"),
        ("وذكرت قناة الجزيرة أن القصف استمر", "الجزيرة", "org:al-jazeera"),
        ("استمر القصف في قطاع غزة أمس", "غزة", "loc:gaza-strip"),
        ("وفاز ميلان الإيطالي على ليون", "ميلان", "org:ac-milan"),
    ];
    for (text, surface, id) in cases {
        assert_eq!(id_of(text, surface), id, "{:?}", mentions(text));
    }
    // A descriptor that begins a longer name stays in it.
    let text = "ونقلت وكالة الأنباء السورية عن مصدر عسكري";
    assert_eq!(id_of(text, "وكالة الأنباء السورية"), "org:sana", "{:?}", mentions(text));
    // A known organization's longer name wins over the place inside it.
    let text = "وبررت وكالة أنباء الشرق الأوسط الرسمية القرار";
    assert_eq!(id_of(text, "وكالة أنباء الشرق الأوسط"), "org:mena", "{:?}", mentions(text));
}

#[test]
fn a_place_named_by_its_head_noun_is_no_club_and_ends_before_where_it_lies() {
    let text = "شن التحالف هجوما على ميناء الحديدة اليمني";
    assert!(has(text, Label::Loc, "ميناء الحديدة"), "{:?}", mentions(text));
    let text = "أقلعت الطائرة من مطار برج العرب القريب من الإسكندرية";
    assert!(has(text, Label::Loc, "مطار برج العرب"), "{:?}", mentions(text));
}

#[test]
fn a_quoted_name_of_a_known_newspaper_is_the_newspaper() {
    let text = "لندن: «الشرق الأوسط» هددت الحكومة بالاستقالة، وقالت صحيفة «الحياة» إن";
    assert_eq!(id_of(text, "الشرق الأوسط"), "org:asharq-al-awsat", "{:?}", mentions(text));
    assert_eq!(id_of(text, "الحياة"), "org:al-hayat", "{:?}", mentions(text));
    // Unquoted, the region stays a place.
    assert!(has("تشهد منطقة الشرق الأوسط توترا", Label::Loc, "الشرق الأوسط"));
    // One quoted word after مع: whom one spoke with.
    let text = "وقال في لقاء مع \"العربية\" إن الشركة تنمو";
    assert!(has(text, Label::Org, "العربية"), "{:?}", mentions(text));
    // A quoted agency after وكالة أنباء.
    let text = "وفقا لما نقلته وكالة أنباء \"الأناضول\" التركية الرسمية";
    assert_eq!(id_of(text, "الأناضول"), "org:anadolu-agency", "{:?}", mentions(text));
}

#[test]
fn an_organization_with_arabic_after_it_is_its_arabic_edition() {
    let text = "وقال لبي بي سي عربي إن القصف مستمر";
    assert!(has(text, Label::Org, "بي بي سي عربي"), "{:?}", mentions(text));
}

#[test]
fn a_surname_alone_later_in_the_text_is_the_person_named_before() {
    for (text, full, alone) in [
        ("قال الباحث سامر طلاس إن النزوح مستمر. وكتب النقاد عن طلاس كثيرا.", "سامر طلاس", "طلاس"),
        ("قال الطبيب منير حداد إن الجرحى كثر. وعالج حداد عشرات المصابين.", "منير حداد", "حداد"),
    ] {
        let found = mentions(text);
        let ids: Vec<&str> = found.iter().filter(|(_, s, _)| s == full || s == alone).map(|(_, _, id)| id.as_str()).collect();
        assert_eq!(ids.len(), 2, "{found:?}");
        assert_eq!(ids[0], ids[1], "{found:?}");
        assert!(has(text, Label::Per, alone), "{found:?}");
    }
}

#[test]
fn places_the_tagger_never_saw_stay_and_common_words_it_is_sure_of_go() {
    for (text, place) in [("نزح ٢٠٠ ألف شخص من إدلب", "إدلب"), ("في الحسكة والقامشلي", "القامشلي")]
    {
        assert!(has(text, Label::Loc, place), "{place:?} in {text:?}: {:?}", mentions(text));
    }
    let text = "واعتقل عددا كبيرا منهم أمس";
    assert!(!mentions(text).iter().any(|(l, _, _)| *l == Label::Loc), "{:?}", mentions(text));
}

#[test]
fn diacritics_and_tatweel_do_not_hide_a_name() {
    assert_eq!(id_of("وصلَ إلى دِمَشْقَ", "دِمَشْقَ"), id_of("وصل إلى دمشق", "دمشق"));
    assert_eq!(id_of("قال بـوتـيـن", "بـوتـيـن"), id_of("قال بوتين", "بوتين"));
}

#[test]
fn labels_of_a_news_paragraph() {
    let text = "التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو يوم الخميس \
                5 آذار/مارس 2020، بحضور وزير الخارجية سيرغي لافروف، بعد مقتل 33 جنديا تركيا في إدلب. \
                وأعلن مجلس الأمن الدولي أن نحو ٢٠٠ ألف نازح فروا من جبل الزاوية.";
    let expected = [
        (Label::Per, "فلاديمير بوتين"),
        (Label::Per, "رجب طيب أردوغان"),
        (Label::Loc, "موسكو"),
        (Label::Date, "يوم الخميس 5 آذار/مارس 2020"),
        (Label::Per, "سيرغي لافروف"),
        (Label::Num, "33"),
        (Label::Loc, "إدلب"),
        (Label::Org, "مجلس الأمن الدولي"),
        (Label::Num, "٢٠٠ ألف"),
        (Label::Loc, "جبل الزاوية"),
    ];
    for (label, surface) in expected {
        assert!(has(text, label, surface), "{label} {surface:?} missing: {:?}", mentions(text));
    }
}

#[test]
fn dates_and_numbers_link_by_value() {
    assert_eq!(id_of("في 15 آذار 2011", "15 آذار 2011"), id_of("في 15 مارس 2011", "15 مارس 2011"));
    assert_eq!(id_of("قتل ثلاثة آلاف", "ثلاثة آلاف"), id_of("قتل 3 آلاف", "3 آلاف"));
    assert_eq!(id_of("قتل ٣٠٠٠ شخص", "٣٠٠٠"), id_of("قتل 3000 شخص", "3000"));
}

#[test]
fn empty_and_odd_input_give_no_mentions_and_no_panic() {
    for text in ["", " ", "\n\n", "\u{200F}\u{202E}", "ـــ", "ًٌٍ", "<script>alert('x')</script>", "\u{FFFD}\u{0}"]
    {
        assert!(analyzer().analyze(text).entities.is_empty(), "{text:?}");
    }
}

/// A small deterministic generator, so the property test needs no extra crate.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Pieces of text that stress offsets: names, clitics, diacritics, bidi controls, digits of
/// both kinds, punctuation, astral chars, combining marks from other scripts.
const PIECES: &[&str] = &[
    "بوتين",
    "وبمنبج",
    "لإيران",
    "والقامشلي",
    "للعراق",
    "إدلب",
    "دِمَشْقَ",
    "سيرجي لافروف",
    "مجلس الأمن",
    "آذار/مارس",
    "2011",
    "٢٠٠",
    "ألف",
    "ثلاثة",
    "آلاف",
    "«",
    "»",
    "\"",
    "،",
    ".",
    " ",
    "\n",
    "\u{200F}",
    "\u{202B}",
    "قتل",
    "مدنيا",
    "أكثر من",
    "عشرات",
    "الجرحى",
    "قال",
    "وأضاف",
    "إن",
    "“",
    "”",
    ":",
    "الرئيس الروسي",
    "وزير الخارجية",
    "\u{2067}",
    "ـ",
    "ّ",
    "َ",
    "😀",
    "e\u{301}",
    "𝔸",
    "\u{FEFF}",
    "%",
    "/",
    "يوم",
    "الخميس",
    "Reuters",
    "\r\n",
    "\t",
    "أ",
    "ل",
    "و",
];

#[test]
fn every_span_slices_the_original_text() {
    let mut random = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..2000 {
        let length = (random.next() % 40) as usize;
        let text: String = (0..length).map(|_| PIECES[(random.next() % PIECES.len() as u64) as usize]).collect();
        let chars: Vec<char> = text.chars().collect();
        let analysis = analyzer().analyze(&text);
        let mut previous_end = 0;
        for mention in &analysis.entities {
            assert!(mention.start < mention.end && mention.end <= chars.len(), "{mention:?} in {text:?}");
            assert!(mention.start >= previous_end, "overlap at {mention:?} in {text:?}");
            let slice: String = chars[mention.start..mention.end].iter().collect();
            assert_eq!(slice, mention.text, "in {text:?}");
            assert!(!mention.id.is_empty() && !mention.canonical.is_empty(), "{mention:?}");
            previous_end = mention.end;
        }
        for figure in &analysis.figures {
            assert!(figure.start < figure.end && figure.end <= chars.len(), "{figure:?} in {text:?}");
            assert!(figure.sentence_start <= figure.start && figure.end <= figure.sentence_end, "{figure:?}");
            assert!(figure.sentence_end <= chars.len(), "{figure:?} in {text:?}");
            assert!(figure.value.is_finite(), "{figure:?}");
        }
        for quote in &analysis.quotes {
            assert!(quote.start < quote.end && quote.end <= chars.len(), "{quote:?} in {text:?}");
            let slice: String = chars[quote.start..quote.end].iter().collect();
            assert_eq!(slice, quote.text, "in {text:?}");
        }
    }
}

#[test]
fn figures_count_people_with_their_category_and_approximation() {
    let text = "وقال المرصد إن أكثر من 20 مدنياً قتلوا في إدلب، فيما نزح نحو ٢٠٠ ألف شخص. \
                وأصيب عشرات الجنود.";
    let analysis = analyzer().analyze(text);
    let got: Vec<(f64, Option<&str>, &str)> =
        analysis.figures.iter().map(|f| (f.value, f.qualifier.as_deref(), f.counts.as_str())).collect();
    assert_eq!(
        got,
        [(20.0, Some("أكثر من"), "civilians"), (200000.0, Some("نحو"), "displaced"), (10.0, Some("عشرات"), "soldiers")]
    );
    // The NUM mentions keep their own spans.
    assert!(has(text, Label::Num, "20"));
    assert!(has(text, Label::Num, "٢٠٠ ألف"));
}

#[test]
fn titles_are_attached_to_the_person_they_introduce() {
    let text = "استقبل الرئيس التركي رجب طيب أردوغان وزير الخارجية الروسي سيرغي لافروف في أنقرة.";
    let analysis = analyzer().analyze(text);
    let titles: Vec<(&str, Option<&str>)> = analysis
        .entities
        .iter()
        .filter(|m| m.label == Label::Per)
        .map(|m| (m.text.as_str(), m.title.as_deref()))
        .collect();
    assert_eq!(titles, [("رجب طيب أردوغان", Some("الرئيس التركي")), ("سيرغي لافروف", Some("وزير الخارجية الروسي"))]);
}

#[test]
fn quotes_have_their_speakers_even_sentences_later() {
    let text = "وصل وزير الخارجية الروسي سيرغي لافروف إلى أنقرة. وقال لافروف للصحفيين: «نريد حلا سياسيا في سوريا». \
                ونقلت الوكالة عن مسؤول تركي قوله إن اللقاء كان بناء. وأضاف أن الاتفاق سيوقع قريبا.";
    let analysis = analyzer().analyze(text);
    let chars: Vec<char> = text.chars().collect();
    let got: Vec<(Option<&str>, &str, &str)> =
        analysis.quotes.iter().map(|q| (q.speaker_name.as_deref(), q.kind.as_str(), q.text.as_str())).collect();
    assert_eq!(got[0], (Some("سيرغي لافروف"), "direct", "نريد حلا سياسيا في سوريا"));
    assert_eq!(got.last().unwrap().2, "الاتفاق سيوقع قريبا");
    for quote in &analysis.quotes {
        assert_eq!(chars[quote.start..quote.end].iter().collect::<String>(), quote.text);
    }
}

#[test]
fn new_fields_round_trip_through_json() {
    let text = "قال بوتين إن أكثر من 100 مقاتل انسحبوا.";
    let analysis = analyzer().analyze(text);
    let json = serde_json::to_string(&analysis).unwrap();
    let back: kashif_core::Analysis = serde_json::from_str(&json).unwrap();
    assert_eq!(back, analysis);
    assert_eq!(analysis.figures.len(), 1);
    assert_eq!(analysis.quotes.len(), 1);
    // Older JSON without the new fields still reads.
    let old: kashif_core::Analysis = serde_json::from_str(r#"{"entities": []}"#).unwrap();
    assert!(old.figures.is_empty() && old.quotes.is_empty());
}

#[test]
fn a_name_several_people_share_is_the_one_named_before_it() {
    let text = "سيصبح كيم جونغ-أون أول رئيس يعبر الحدود. وسيلتقي كيم الرئيس مون. وسيرافقه وفد بينهم شقيقته كيم يو-جونغ.";
    let found = mentions(text);
    let kim = found.iter().find(|(_, surface, _)| surface == "كيم").map(|(_, _, id)| id.clone());
    assert_eq!(kim.as_deref(), Some(id_of(text, "كيم جونغ-أون").as_str()), "{found:?}");
}

/// Linking in the page's worker (the names sent over, what changed sent back) gives what
/// `link_corpus` gives, on the snapshot articles and texts that share people by surname.
#[test]
fn corpus_relinks_give_what_link_corpus_gives() {
    let mut texts: Vec<String> = ["gulf", "maghreb", "sport", "wire"]
        .iter()
        .map(|name| std::fs::read_to_string(format!("tests/snapshots/{name}.txt")).unwrap())
        .collect();
    texts.push("قال المهندس سامر الخطيب مدير شركة النور للتجارة إن الأسعار سترتفع.".to_owned());
    texts.push("وأضاف الخطيب أن الشركة ستفتح فرعا في عمان.".to_owned());
    texts.push("وقال سامر الخطيب للصحفيين في بيروت إن الشركة لن تغلق.".to_owned());
    let mut linked: Vec<_> = texts.iter().map(|text| analyzer().analyze(text)).collect();
    let mut relinked = linked.clone();
    kashif_core::link::link_corpus(&mut linked);
    let relinks = kashif_core::link::corpus_relinks(relinked.iter().map(kashif_core::link::linked_mentions).collect());
    assert!(relinks.iter().any(|r| !r.is_empty()), "nothing was relinked: the test shows nothing");
    for (analysis, relinks) in relinked.iter_mut().zip(&relinks) {
        kashif_core::link::apply_relinks(analysis, relinks);
    }
    assert_eq!(relinked, linked);
}
