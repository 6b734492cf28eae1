//! The page's language: a context every view reads with [`use_tr`], switched in the masthead,
//! remembered on this device, and first taken from the browser's preferences.

use yew::prelude::*;

pub use riskscope_core::i18n::{Arg, Lang, Localized, Message};

/// Writes messages and numbers in the page's language. Cheap to copy; views take it by hook.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tr(pub Lang);

impl Tr {
    pub fn lang(self) -> Lang {
        self.0
    }

    /// The message `id` without arguments.
    pub fn t(self, id: &str) -> String {
        self.0.text(id)
    }

    /// The message `id` with named arguments (see the [`tr!`] macro).
    pub fn f(self, id: &str, args: &[(&str, Arg)]) -> String {
        self.0.format(id, args)
    }

    /// A message a core function built, or the message of anything [`Localized`] (every error
    /// of the core and of the page).
    pub fn m(self, what: &impl Localized) -> String {
        what.message().in_lang(self.0)
    }

    /// `x` with `decimals` digits and the language's grouping.
    pub fn num(self, x: f64, decimals: usize) -> String {
        self.0.number(x, decimals)
    }

    /// A figure and, when known, its 95 % interval: "0.790 (0.704–0.873)".
    pub fn num_within(self, x: f64, interval: Option<[f64; 2]>, decimals: usize) -> String {
        match interval {
            Some([low, high]) => crate::tr!(
                self,
                "form-metric-interval",
                value = self.num(x, decimals),
                low = self.num(low, decimals),
                high = self.num(high, decimals)
            ),
            None => self.num(x, decimals),
        }
    }

    /// A fraction as a percentage ("25.6%").
    pub fn pct(self, share: f64, decimals: usize) -> String {
        self.0.percent(share, decimals)
    }
}

/// `tr!(tr, "id")` or `tr!(tr, "id", name = value, ...)`: the message in the page's language.
#[macro_export]
macro_rules! tr {
    ($tr:expr, $id:literal) => {
        $tr.t($id)
    };
    ($tr:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $tr.f($id, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

/// The page's language, for any view under the app's provider.
#[hook]
pub fn use_tr() -> Tr {
    use_context::<Tr>().unwrap_or_default()
}

const STORAGE_KEY: &str = "riskscope.lang";

/// The language to start in: the one picked on this device before, else the browser's.
pub fn initial() -> Lang {
    let Some(window) = web_sys::window() else {
        return Lang::En;
    };
    if let Some(saved) = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|tag| Lang::from_tag(&tag))
    {
        return saved;
    }
    let requested: Vec<String> = window
        .navigator()
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    Lang::negotiate(&requested)
}

/// Remembers the pick on this device (it never leaves it) and labels the document with it,
/// so screen readers pronounce the page in the right language.
pub fn apply(lang: Lang) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(storage) = window.local_storage().ok().flatten() {
        // Private windows may refuse storage: the pick then lasts for this visit only.
        let _ = storage.set_item(STORAGE_KEY, lang.tag());
    }
    if let Some(document) = window.document() {
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
        document.set_title(&lang.text("app-document-title"));
    }
}

#[derive(Properties, PartialEq)]
pub struct LanguageSwitchProps {
    pub lang: Lang,
    pub on_change: Callback<Lang>,
}

/// The language picker: each language named in itself.
#[component]
pub fn LanguageSwitch(props: &LanguageSwitchProps) -> Html {
    let tr = Tr(props.lang);
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(lang) = Lang::from_tag(&select.value()) {
                on_change.emit(lang);
            }
        })
    };
    html! {
        <div class="language">
            <label for="lang">{ tr!(tr, "app-language") }</label>
            <select id="lang" {onchange}>
                { for Lang::ALL.iter().map(|lang| html! {
                    <option value={lang.tag()} lang={lang.tag()} selected={*lang == props.lang}>
                        { lang.native_name() }
                    </option>
                }) }
            </select>
        </div>
    }
}
