//! The interface language: Arabic (the default, right to left) or English (left to right).
//!
//! Every piece of interface text is a [`Msg`]; [`text`] gives it in a [`Lang`]. Texts with
//! numbers or names in them are templates with `{}` holes, filled by [`fill`]. The page's
//! language is the `lang` setting ([`settings::LANG`](super::settings::LANG)); [`I18n`], provided as context by
//! [`App`](super::App), reads it reactively, so switching re-renders the labels and nothing else.
//! The article text is not interface text: it keeps its own right-to-left direction whatever
//! the language. Names and Arabic words put into a text are wrapped in Unicode isolates (FSI or
//! RLI … PDI), so they do not reorder the sentence around them.

use std::fmt::Display;

use leptos::prelude::*;

use kashif_core::corpus::Category;
use kashif_core::{Counted, Label};

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Arabic, right to left (the default).
    #[default]
    Ar,
    /// English, left to right.
    En,
}

impl Lang {
    /// The language's code, for `<html lang>` and the saved setting (`ar`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// The language of `code`, Arabic for anything else (nothing saved, an unknown code).
    pub fn from_code(code: Option<&str>) -> Lang {
        match code {
            Some("en") => Lang::En,
            _ => Lang::Ar,
        }
    }

    /// The writing direction of the interface (`rtl`, `ltr`).
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }

    /// The other language (what the switch offers).
    pub fn other(self) -> Lang {
        match self {
            Lang::Ar => Lang::En,
            Lang::En => Lang::Ar,
        }
    }
}

/// Declares [`Msg`] and [`text`] from one table: key, Arabic, English.
macro_rules! messages {
    ($($key:ident => $ar:literal, $en:literal;)*) => {
        /// A piece of interface text (its English form is its documentation).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $(#[doc = $en] $key,)*
        }

        /// `msg` in `lang`.
        pub fn text(lang: Lang, msg: Msg) -> &'static str {
            match msg {
                $(Msg::$key => match lang { Lang::Ar => $ar, Lang::En => $en },)*
            }
        }
    };
}

messages! {
    // The page and its header.
    PageTitle => "كاشف — محلّل الكيانات في الأخبار العربية", "Kashif — entities in Arabic news";
    AppName => "كاشف", "Kashif";
    Tagline => "يكشف الأشخاص والمنظمات والأماكن والتواريخ والأرقام في نصوص الأخبار العربية.",
        "Finds the people, organizations, places, dates and figures in Arabic news text.";
    Privacy => "تُحلَّل النصوص في متصفحك ولا يُرسَل شيء إلى أي خادم.",
        "Texts are analyzed in your browser; nothing is sent to any server.";
    Credits => "المصادر والتراخيص", "Sources and licences";
    LangName => "العربية", "English";
    SwitchLang => "اعرض الواجهة بالعربية", "Show the interface in English";
    ThemeTitle => "تبديل الوضع الفاتح والداكن", "Switch between the light and dark modes";
    LightMode => "الوضع الفاتح", "Light mode";
    DarkMode => "الوضع الداكن", "Dark mode";
    // Getting text in.
    InputRegion => "إدخال النص", "Text input";
    PasteLabel => "الصق نص خبر أو اكتبه هنا", "Paste or type a news text here";
    PastedName => "نص ملصق", "Pasted text";
    PickFiles => "اختر ملفات", "Choose files";
    PickFolder => "اختر مجلدا", "Choose a folder";
    DropHintBefore => "أو اسحب ملفات أو مجلدات وأفلتها في أي مكان من الصفحة: ",
        "or drag files or folders and drop them anywhere on the page: ";
    DropHintAfter => "، بترميز UTF-8 أو UTF-16 أو Windows-1256.", ", in UTF-8, UTF-16 or Windows-1256.";
    DropHere => "أفلت الملفات أو المجلدات هنا لتحليلها", "Drop files or folders here to analyze them";
    Analyzing => "جارٍ التحليل: ", "Analyzing: ";
    FileUnreadableBefore => "تعذّرت قراءة الملف «", "Could not read the file “";
    FileUnreadableAfter => "»: ", "”: ";
    Dismiss => "إخفاء", "Dismiss";
    // Status notes ({} is the reason, in English).
    NotSaved => "لم يُحفظ بعدُ {} من التغييرات في المتصفح (\u{2068}{}\u{2069})؛ هي باقية في هذه الصفحة، وتُعاد محاولة حفظها كل بضع ثوانٍ، فأبقِ الصفحة مفتوحة.",
        "{} changes are not saved in the browser yet (\u{2068}{}\u{2069}); they are kept on this page and saving is tried again every few seconds, so keep the page open.";
    RecordsUnreadable => "تعذّرت قراءة بعض المستندات المحفوظة (المفتاح: \u{2068}{}\u{2069}) فتُركت؛ حُمّل الباقي.",
        "Some saved documents could not be read (key: \u{2068}{}\u{2069}) and were skipped; the rest loaded.";
    StorageWaiting => "ينتظر كاشف تخزين المتصفح: أغلق ألسنة كاشف القديمة المفتوحة إن وُجدت…",
        "Kashif is waiting for the browser's storage: close any older Kashif tabs that are open…";
    SavingUnavailable => "الحفظ في المتصفح غير متاح هنا ({})، فلن تبقى المستندات بعد إعادة تحميل الصفحة.",
        "Saving in the browser is not available here ({}), so the documents will not outlive a reload.";
    BadReply => "ردّ غير مفهوم من عامل التحليل: {}", "Unreadable reply from the analysis worker: {}";
    EngineFailed => "تعذّر تشغيل عامل التحليل (Web Worker) في هذا المتصفح، فلا يمكن تحليل النصوص: {}",
        "The analysis worker (Web Worker) could not start in this browser, so no text can be analyzed: {}";
    WorkerCrashed => "توقف عامل التحليل وهو يحلل «\u{2068}{}\u{2069}» (\u{2066}{}\u{2069})، فلم يُحلَّل هذا المستند. أُعيد تشغيل العامل وتمضي بقية المستندات؛ اضغط «أعد المحاولة» لتحليله من جديد.",
        "The analysis worker stopped while analyzing “\u{2068}{}\u{2069}” (\u{2066}{}\u{2069}), so that document was not analyzed. The worker was restarted and the other documents go on; press “Retry” to analyze it again.";
    // A document's analysis that failed or was cancelled, in the list of documents.
    StateRunning => "جارٍ تحليله…", "Being analyzed…";
    StateFailed => "تعذّر التحليل", "Analysis failed";
    StateCancelled => "أُلغي التحليل", "Analysis cancelled";
    Retry => "أعد المحاولة", "Retry";
    RetryNamed => "أعد محاولة تحليل «\u{2068}{}\u{2069}»", "Retry analyzing “\u{2068}{}\u{2069}”";
    CancelAnalysis => "إلغاء", "Cancel";
    CancelNamed => "ألغِ تحليل «\u{2068}{}\u{2069}»", "Cancel analyzing “\u{2068}{}\u{2069}”";
    // The reading view.
    AnalyzedText => "النص المحلَّل", "Analyzed text";
    EmptyDocument => "هذا المستند فارغ: لا نص فيه لتحليله.", "This document is empty: there is no text to analyze.";
    NoTextYet => "لا يوجد نص بعد.", "No text yet.";
    NoTextHintBefore => "الصق نص خبر في المربع أعلاه، أو أفلت ملفات ", "Paste a news text into the box above, or drop ";
    NoTextHintAfter => " على الصفحة، فتظهر هنا الأسماء والأماكن والتواريخ ملوّنة.",
        " files on the page: the names, places and dates then show here in colour.";
    Stepper => "التنقل بين الإشارات", "Step through the mentions";
    PreviousMention => "الإشارة السابقة", "Previous mention";
    Previous => "→ السابقة", "← Previous";
    NextMention => "الإشارة التالية", "Next mention";
    Next => "التالية ←", "Next →";
    StepKeys => "المفاتيح: n / p أو الأسهم، Esc للإلغاء", "Keys: n / p or the arrows, Esc to stop";
    StopFollowing => "إلغاء", "Stop";
    OtherSpellings => "تهجئات أخرى: ", "Other spellings: ";
    MentionsHereOne => "{} إشارة في هذا المستند", "{} mention in this document";
    MentionsHereMany => "{} إشارات في هذا المستند", "{} mentions in this document";
    // Skip links, first in the tab order.
    SkipToViews => "انتقل إلى النتائج", "Skip to the results";
    SkipToDocuments => "انتقل إلى المستندات", "Skip to the documents";
    // The sidebar.
    Documents => "المستندات", "Documents";
    RemoveAll => "حذف الكل", "Remove all";
    NoDocumentsYet => "لا مستندات بعد.", "No documents yet.";
    RemoveNamed => "حذف «\u{2068}{}\u{2069}»", "Remove “\u{2068}{}\u{2069}”";
    DeletedOne => "حُذف «\u{2068}{}\u{2069}»", "Deleted “\u{2068}{}\u{2069}”";
    DeletedAll => "حُذفت المستندات كلها ({})", "Deleted all documents ({})";
    Entities => "الكيانات", "Entities";
    NoEntities => "لا كيانات في النص المعروض.", "No entities in the text shown.";
    MentionCount => "عدد الإشارات", "Number of mentions";
    Legend => "دليل الألوان", "Colour key";
    LegendHint => "انقر نوعًا لإخفاء تلوينه أو إظهاره.", "Click a type to hide or show its colour.";
    Export => "تصدير", "Export";
    Format => "الصيغة", "Format";
    Download => "تنزيل", "Download";
    Copy => "نسخ", "Copy";
    FormatJson => "JSON", "JSON";
    FormatEntitiesCsv => "CSV للكيانات", "CSV of entities";
    FormatFiguresCsv => "CSV للأرقام", "CSV of figures";
    FormatConll => "CoNLL/BIO", "CoNLL/BIO";
    FormatBrat => "brat (.ann)", "brat (.ann)";
    FormatHtml => "تقرير HTML", "HTML report";
    NothingToExport => "لا توجد وثائق محلَّلة للتصدير بعد.", "No analyzed document to export yet.";
    ChooseForBrat => "اختر وثيقة لتصديرها بصيغة brat.", "Choose a document to export as brat.";
    Copied => "نُسخ {} إلى الحافظة.", "Copied {} to the clipboard.";
    CopyFailed => "تعذّر النسخ إلى الحافظة: المتصفح لم يسمح بذلك.",
        "Could not copy to the clipboard: the browser did not allow it.";
    Downloaded => "نُزّل {}.", "Downloaded {}.";
    DownloadFailed => "تعذّر تنزيل الملف.", "Could not download the file.";
    // The workspace views.
    Views => "طرق العرض", "Views";
    TabText => "النص", "Text";
    TabEntities => "الكيانات", "Entities";
    TabQuotes => "الاقتباسات", "Quotes";
    TabFigures => "الأرقام", "Figures";
    TabFraming => "التأطير", "Framing";
    FilterPlaceholder => "تصفية…", "Filter…";
    FilterTable => "تصفية الجدول", "Filter the table";
    NoDocumentsHint => "أضف مستندًا أو أكثر ليظهر هنا ما فيها مجتمعةً.",
        "Add one or more documents to see what they hold side by side here.";
    Total => "المجموع", "Total";
    MoreRows => "اعرض {} صفًا آخر (من أصل {})", "Show {} more rows (of {})";
    Type => "النوع", "Type";
    AllTypes => "كل الأنواع", "All types";
    EntitiesTitle => "الكيانات في كل المستندات", "Entities in all documents";
    Entity => "الكيان", "Entity";
    FirstMentionIn => "أول إشارة في «\u{2068}{}\u{2069}»", "First mention in “\u{2068}{}\u{2069}”";
    AlsoWritten => "يُكتب أيضًا: ", "Also written: ";
    Speaker => "القائل", "Speaker";
    Said => "ما قاله", "What was said";
    Document => "المستند", "Document";
    UnknownSpeaker => "غير معروف", "unknown";
    Direct => "مباشر", "direct";
    Indirect => "غير مباشر", "indirect";
    FiguresTitle => "الأرقام في كل المستندات", "Figures in all documents";
    FiguresNote => "كل رقم ادعاء: ماذا حدث، لمن، أين، متى، وبحسب من. تُجمع الادعاءات عن الحدث والفئة والمكان والفترة نفسها، داخل المستند الواحد وبين المستندات، وتُعلَّم بـ«تباين» حين يتعارض ادعاءان منها؛ ولا يُقارن رقمان عن فئتين أو مكانين أو فترتين مختلفة.",
        "Each figure is a claim: what happened, to whom, where, when, and according to whom. Claims about the same event, group, place and period are grouped, within and across documents, and marked “differ” when two of them conflict; figures about different groups, places or periods are never compared.";
    ClaimsBySource => "الادعاءات في كل مستند", "Claims in each document";
    AccordingTo => "بحسب {}", "according to {}";
    TheOutlet => "المستند نفسه", "the outlet itself";
    PlaceIs => "المكان: {}", "place: {}";
    PeriodIs => "الفترة: {}", "period: {}";
    Counted => "ما يُعدّ", "What is counted";
    Agreement => "الاتفاق", "Agreement";
    Differ => "تباين", "differ";
    DifferTitle => "ادعاءان على الأقل في هذه المجموعة يتعارضان", "At least two claims of this group conflict";
    Spread => "من {} إلى {}", "from {} to {}";
    Agree => "متفق", "agree";
    OneSource => "مصدر واحد", "one source";
    FramingTitle => "التأطير: كيف تصف المستندات الأطراف", "Framing: how the documents describe the actors";
    FramingNote => "يُنسب الوصف إلى الطرف المذكور بجانبه مباشرة (اسمًا أو صفة نسبة مثل «السوري»)، وإلا يظهر «—».",
        "A descriptor is attributed to the actor named right beside it (by name or by a demonym such as «\u{2067}السوري\u{2069}»); otherwise “—” is shown.";
    Connotation => "الدلالة", "Connotation";
    AllConnotations => "كل الدلالات", "All connotations";
    Actor => "الطرف", "Actor";
    Descriptor => "الوصف", "Descriptor";
    AddDescriptor => "أضف وصفًا تتتبّعه", "Add a descriptor to track";
    DescriptorExample => "مثال: البغاة", "البغاة";
    DescriptorConnotation => "دلالة الوصف", "Connotation of the descriptor";
    Add => "أضف", "Add";
    YourDescriptors => "أوصافك", "Your descriptors";
    AlreadyKnown => "«{}» يُعدّ أصلًا ضمن الوصف «{}».",
        "«\u{2067}{}\u{2069}» is already counted, as the descriptor «\u{2067}{}\u{2069}».";
    // Corrections ({} holes are names from the text, isolated).
    CorrectionsUnreadable => "تعذّرت قراءة بعض التصحيحات المحفوظة ({}) فتُركت.",
        "Some saved corrections could not be read ({}) and were left out.";
    CorrectRemoved => "حذف «\u{2067}{}\u{2069}»", "removed «\u{2067}{}\u{2069}»";
    CorrectAdded => "إضافة «\u{2067}{}\u{2069}» ({})", "added «\u{2067}{}\u{2069}» ({})";
    CorrectRelabelled => "«\u{2067}{}\u{2069}» صار {}", "«\u{2067}{}\u{2069}» is now {}";
    CorrectMerged => "دمج «\u{2067}{}\u{2069}» في «\u{2067}{}\u{2069}»",
        "merged «\u{2067}{}\u{2069}» into «\u{2067}{}\u{2069}»";
    Selection => "التحديد: ", "Selection: ";
    AddHere => "أضف هنا", "Add here";
    AddEverywhere => "أضف في كل المستندات", "Add in every document";
    CancelPick => "إلغاء", "Cancel";
    NotAnEntity => "ليس كيانا: احذف", "Not an entity: remove";
    TypeColon => "النوع: ", "Type: ";
    MergeInto => "ادمجه في: ", "Merge into: ";
    AddToNames => "أضفه إلى أسمائي", "Add to my names";
    DocCorrections => "تصحيحات هذا المستند: {}", "Corrections of this document: {}";
    Undo => "تراجع", "Undo";
    YourNames => "أسمائي", "My names";
    NamesHint => "أسماء تُعلَّم في كل المستندات، وعمليات الدمج.", "Names marked in every document, and merges.";
    RemoveName => "احذف الاسم", "Remove the name";
    ExportNames => "تصدير الأسماء", "Export names";
    ImportNames => "استيراد أسماء", "Import names";
    NamesDownloaded => "نُزّل ملف الأسماء.", "The names file was downloaded.";
    FileUnreadable => "تعذّرت قراءة الملف «\u{2068}{}\u{2069}».", "Could not read the file “\u{2068}{}\u{2069}”.";
    NamesImported => "استُورد {} اسما من «\u{2068}{}\u{2069}».", "Imported {} names from “\u{2068}{}\u{2069}”.";
    NameRemoved => "حُذف الاسم «\u{2068}{}\u{2069}»", "Removed the name “\u{2068}{}\u{2069}”";
    DescriptorRemoved => "حُذف الوصف «\u{2067}{}\u{2069}»", "Removed the descriptor «\u{2067}{}\u{2069}»";
    // The workspace file ({} holes: the file name, then numbers or a reason in English).
    WorkspaceTitle => "مساحة العمل", "Workspace";
    WorkspaceHint => "احفظ المستندات وتصحيحاتها وعمليات الدمج وأسماءك في ملف واحد، ثم افتحه هنا أو في متصفح آخر. الفتح يُضيف إلى ما في الصفحة ولا يحذف منه شيئًا.",
        "Save the documents, their corrections, the merges and your names in one file, then open it here or in another browser. Opening adds to what the page holds and removes nothing.";
    SaveWorkspace => "حفظ مساحة العمل", "Save the workspace";
    OpenWorkspace => "فتح مساحة عمل", "Open a workspace";
    WorkspaceSaved => "حُفظت مساحة العمل في «\u{2068}{}\u{2069}» (المستندات: {}).",
        "Saved the workspace to “\u{2068}{}\u{2069}” ({} documents).";
    WorkspaceOpened => "فُتح «\u{2068}{}\u{2069}»: أُضيف من المستندات {}، وكان {} منها هنا أصلًا.",
        "Opened “\u{2068}{}\u{2069}”: {} documents added, {} already here.";
    WorkspaceTooLarge => "لم يُفتح «\u{2068}{}\u{2069}»: حجمه {} م.ب والحد 50 م.ب. لم يتغيّر شيء في الصفحة.",
        "“\u{2068}{}\u{2069}” was not opened: it is {} MB, the limit is 50 MB. Nothing on the page changed.";
    WorkspaceNotJson => "لم يُفتح «\u{2068}{}\u{2069}»: ليس ملف مساحة عمل من كاشف (ليس JSON: \u{2066}{}\u{2069}). لم يتغيّر شيء في الصفحة.",
        "“\u{2068}{}\u{2069}” was not opened: it is not a Kashif workspace file (not JSON: {}). Nothing on the page changed.";
    WorkspaceForeign => "لم يُفتح «\u{2068}{}\u{2069}»: ليس ملف مساحة عمل من كاشف. لم يتغيّر شيء في الصفحة.",
        "“\u{2068}{}\u{2069}” was not opened: it is not a Kashif workspace file. Nothing on the page changed.";
    WorkspaceNewer => "لم يُفتح «\u{2068}{}\u{2069}»: حفظه إصدار أحدث من كاشف (الصيغة {}). حدّث الصفحة ثم افتحه. لم يتغيّر شيء في الصفحة.",
        "“\u{2068}{}\u{2069}” was not opened: a newer Kashif saved it (format {}). Reload the page, then open it. Nothing on the page changed.";
    WorkspaceDamaged => "لم يُفتح «\u{2068}{}\u{2069}»: ملف مساحة العمل تالف (\u{2066}{}\u{2069}). لم يتغيّر شيء في الصفحة.",
        "“\u{2068}{}\u{2069}” was not opened: the workspace file is damaged ({}). Nothing on the page changed.";
    NotANamesFile => "الملف «\u{2068}{}\u{2069}» ليس ملف أسماء من كاشف: {}",
        "The file “\u{2068}{}\u{2069}” is not a Kashif names file: {}";
}

/// `template` with each `{}` replaced by the next of `args` (holes left over stay empty):
/// `fill("from {} to {}", &[&12, &20])` is `"from 12 to 20"`.
pub fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut args = args.iter();
    let mut pieces = template.split("{}");
    if let Some(first) = pieces.next() {
        out.push_str(first);
    }
    for piece in pieces {
        if let Some(arg) = args.next() {
            out.push_str(&arg.to_string());
        }
        out.push_str(piece);
    }
    out
}

/// The name of an entity label in `lang` (`مكان`, `Place`).
pub fn label_name(lang: Lang, label: Label) -> &'static str {
    match lang {
        Lang::Ar => label.arabic_name(),
        Lang::En => match label {
            Label::Per => "Person",
            Label::Org => "Organization",
            Label::Loc => "Place",
            Label::Misc => "Other",
            Label::Date => "Date",
            Label::Num => "Number",
        },
    }
}

/// The name of a descriptor category in `lang` (`قدحي`, `pejorative`).
pub fn category_name(lang: Lang, category: Category) -> &'static str {
    match lang {
        Lang::Ar => category.arabic_name(),
        Lang::En => category.as_str(),
    }
}

/// The name of what a figure counts in `lang`: the core's Arabic name, or its word (`killed`,
/// `civilians`), which is English.
pub fn counted_name(lang: Lang, counted: Counted) -> &'static str {
    match lang {
        Lang::Ar => counted.arabic_name(),
        Lang::En => counted.as_str(),
    }
}

/// A message to show later, in whatever language is in effect then: a [`Msg`] and the words
/// that fill its holes (reasons, names; not translated).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Message {
    /// The template.
    pub msg: Msg,
    /// What fills its holes, in order.
    pub args: Vec<String>,
}

impl Message {
    /// `msg` with `args` for its holes.
    pub fn new(msg: Msg, args: &[&str]) -> Self {
        Message { msg, args: args.iter().map(|a| (*a).to_owned()).collect() }
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<&dyn Display> = self.args.iter().map(|a| a as &dyn Display).collect();
        fill(text(lang, self.msg), &args)
    }
}

/// The page's language, reactively (`Copy`). Get it with [`use_i18n`].
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: Signal<Lang>,
}

impl I18n {
    /// The language `lang` says (the `lang` setting: [`Settings::lang`](super::settings::Settings::lang)).
    pub fn new(lang: Signal<Lang>) -> Self {
        I18n { lang }
    }

    /// Always `lang` (for components shown outside [`App`](super::App)).
    pub fn fixed(lang: Lang) -> Self {
        I18n { lang: Signal::stored(lang) }
    }

    /// The language in effect (reactive).
    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    /// `msg` in the language in effect (reactive).
    pub fn text(self, msg: Msg) -> &'static str {
        text(self.lang(), msg)
    }

    /// A view or attribute that shows `msg` and follows the language.
    pub fn t(self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.text(msg)
    }

    /// `msg` with its holes filled by `args` (reactive).
    pub fn fill(self, msg: Msg, args: &[&dyn Display]) -> String {
        fill(self.text(msg), args)
    }
}

/// The page's [`I18n`] (Arabic when no [`App`](super::App) provides one).
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n::fixed(Lang::Ar))
}

/// Puts `lang` on the page's root element: `lang`, `dir` (which lays the interface out right to
/// left or left to right) and the document's title.
pub fn apply_to_root(lang: Lang) {
    let document = document();
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.code());
        let _ = root.set_attribute("dir", lang.dir());
    }
    document.set_title(text(lang, Msg::PageTitle));
}
