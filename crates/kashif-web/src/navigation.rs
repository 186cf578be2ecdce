//! Moving around the workspace: the views ([`Tab`]), and jumping from a table cell to the place
//! in a document it counts ([`Navigator`]).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::Msg;
use super::state::DocId;

/// The views of the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The reading view: the text with its mentions marked.
    Text,
    /// The cross-document entity table.
    Entities,
    /// The quotes by speaker.
    Quotes,
    /// The figures side by side.
    Figures,
    /// The framing descriptors per actor and document.
    Framing,
}

impl Tab {
    /// Every view, in tab order.
    pub const ALL: [Tab; 5] = [Tab::Text, Tab::Entities, Tab::Quotes, Tab::Figures, Tab::Framing];

    /// The tab's title.
    pub fn title(self) -> Msg {
        match self {
            Tab::Text => Msg::TabText,
            Tab::Entities => Msg::TabEntities,
            Tab::Quotes => Msg::TabQuotes,
            Tab::Figures => Msg::TabFigures,
            Tab::Framing => Msg::TabFraming,
        }
    }

    /// A stable key for test ids (`tab-entities`).
    pub fn key(self) -> &'static str {
        match self {
            Tab::Text => "text",
            Tab::Entities => "entities",
            Tab::Quotes => "quotes",
            Tab::Figures => "figures",
            Tab::Framing => "framing",
        }
    }
}

/// The signals a jump to a place in a document moves: which document is shown, which view, the
/// span to light up, the entity to follow and the mention the stepper is on.
#[derive(Debug, Clone, Copy)]
pub struct Navigator {
    /// The document shown.
    pub selected: RwSignal<Option<DocId>>,
    /// The view shown.
    pub tab: RwSignal<Tab>,
    /// A span of a document to light up (a quote, a figure, a descriptor): the document, start
    /// and end.
    pub spotlight: RwSignal<Option<(DocId, usize, usize)>>,
    /// The entity whose mentions are highlighted and stepped through.
    pub focus: RwSignal<Option<String>>,
    /// The start of the mention the stepper is on.
    pub current: RwSignal<Option<usize>>,
}

impl Navigator {
    /// Shows document `doc` in the reading view and moves the keyboard focus to the span
    /// `[start, end)`: onto its mention when it starts one (and follows that entity), else onto
    /// the lit-up span.
    pub fn jump(self, doc: DocId, start: usize, end: usize) {
        self.selected.set(Some(doc));
        self.tab.set(Tab::Text);
        self.spotlight.set(Some((doc, start, end)));
        // The text is rendered by effects of the signals above; look for it once it is there.
        request_animation_frame(move || {
            request_animation_frame(move || {
                if let Some(mark) = mention_element(start) {
                    if let Some(entity) = mark.get_attribute("data-entity") {
                        self.current.set(Some(start));
                        self.focus.set(Some(entity));
                    }
                    focus_element(&mark);
                } else if let Some(spot) = document().get_element_by_id(SPOTLIGHT_ID) {
                    focus_element(&spot);
                }
            })
        });
    }
}

/// The element id of the first piece of the lit-up span.
pub const SPOTLIGHT_ID: &str = "kashif-spot";

/// The element id of the mention starting at char `start` of the shown document.
pub fn mention_element_id(start: usize) -> String {
    format!("kashif-m-{start}")
}

/// The mark of the mention starting at `start`, if it is rendered.
pub fn mention_element(start: usize) -> Option<web_sys::Element> {
    document().get_element_by_id(&mention_element_id(start))
}

/// Moves the keyboard focus to `element` (which scrolls it into view).
pub fn focus_element(element: &web_sys::Element) {
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}
