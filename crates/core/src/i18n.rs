//! Languages: the message files a translator edits (`crates/core/locales/<lang>/*.ftl`, Fluent syntax),
//! looked up by id with named arguments, and numbers written the way the language writes them.
//!
//! Every visible string of the page is a message id here; texts that belong to a model (labels,
//! reasons, decisions) travel in its manifest's `translations` instead
//! ([`crate::manifest::Manifest::localized`]). English is the fallback for a missing message, so
//! a half-translated file shows English rather than nothing; `tests/i18n.rs` makes sure no
//! shipped file is half-translated.

use std::borrow::Cow;
use std::cell::RefCell;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

/// A language the page is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

/// The message files, one per area of the page, in the same order for every language.
macro_rules! areas {
    ($($area:literal),* $(,)?) => {
        /// The area files' names (without `.ftl`).
        pub const AREAS: &[&str] = &[$($area),*];
        const EN: &[&str] = &[$(include_str!(concat!("../locales/en/", $area, ".ftl"))),*];
        const ZH_CN: &[&str] = &[$(include_str!(concat!("../locales/zh-CN/", $area, ".ftl"))),*];
    };
}

areas!(
    "app", "form", "decision", "support", "batch", "byo", "compat", "teach", "core", "manifest",
    "cli"
);

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag (`<html lang>`, manifests' `translations` keys, the folder in `locales/`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language's name in itself, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|lang| lang.tag().eq_ignore_ascii_case(tag))
    }

    /// The best of our languages for a browser's preference list (`navigator.languages`):
    /// `zh`, `zh-Hans`, `zh-SG` ask for Simplified Chinese; anything unknown gets English.
    pub fn negotiate<S: AsRef<str>>(requested: &[S]) -> Lang {
        let requested: Vec<LanguageIdentifier> = requested
            .iter()
            .filter_map(|tag| tag.as_ref().parse().ok())
            .collect();
        let available: Vec<LanguageIdentifier> = Lang::ALL
            .iter()
            .filter_map(|lang| lang.tag().parse().ok())
            .collect();
        let default: LanguageIdentifier = Lang::En.tag().parse().unwrap_or_default();
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&default),
            fluent_langneg::NegotiationStrategy::Filtering,
        );
        chosen
            .first()
            .and_then(|tag| Lang::from_tag(&tag.to_string()))
            .unwrap_or_default()
    }

    fn sources(self) -> &'static [&'static str] {
        match self {
            Lang::En => EN,
            Lang::ZhCn => ZH_CN,
        }
    }

    /// The message `id` without arguments.
    pub fn text(self, id: &str) -> String {
        self.format(id, &[])
    }

    /// The message `id` with its named arguments; English when this language lacks it, the id
    /// itself when no language has it (both are caught by `tests/i18n.rs`).
    pub fn format(self, id: &str, args: &[(&str, Arg)]) -> String {
        // A message given as an argument is written first, in this language (outside the
        // bundles' borrow, which its own lookup needs).
        let args: Vec<(&str, FluentValue<'static>)> = args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(text) => FluentValue::from(text.clone()),
                    Arg::Number(x) => FluentValue::from(*x),
                    Arg::Message(message) => FluentValue::from(message.in_lang(self)),
                };
                (*name, value)
            })
            .collect();
        with_bundle(self, |bundle| render(bundle, id, &args))
            .or_else(|| with_bundle(Lang::En, |bundle| render(bundle, id, &args)))
            .unwrap_or_else(|| id.to_string())
    }

    /// Whether this language's files define `id`.
    pub fn has(self, id: &str) -> bool {
        with_bundle(self, |bundle| bundle.has_message(id).then_some(())).is_some()
    }

    /// `x` with `decimals` digits after the point and the language's grouping of thousands.
    pub fn number(self, x: f64, decimals: usize) -> String {
        let format = self.number_format();
        if !x.is_finite() {
            return x.to_string();
        }
        let fixed = fixed_point(x.abs(), decimals);
        let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
        let mut grouped = String::new();
        let digits: Vec<char> = whole.chars().collect();
        for (i, digit) in digits.iter().enumerate() {
            let left = digits.len() - i;
            grouped.push(*digit);
            if left > 1 && left % 3 == 1 && digits.len() >= format.min_grouping {
                grouped.push(format.group);
            }
        }
        let negative = x < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0');
        let mut out = String::new();
        if negative {
            out.push('-');
        }
        out.push_str(&grouped);
        if !fraction.is_empty() {
            out.push(format.decimal);
            out.push_str(fraction);
        }
        out
    }

    /// `share` (a fraction, 0.25) as a percentage with `decimals` digits ("25.0%").
    pub fn percent(self, share: f64, decimals: usize) -> String {
        format!("{}%", self.number(share * 100.0, decimals))
    }

    fn number_format(self) -> NumberFormat {
        match self {
            // Both write 1,234.5 (CLDR): Chinese groups by thousands with a comma too.
            Lang::En | Lang::ZhCn => NumberFormat {
                decimal: '.',
                group: ',',
                min_grouping: 4,
            },
        }
    }
}

/// `x` (not negative) with `decimals` digits, rounded as `Intl.NumberFormat` (ICU) rounds: the
/// shortest decimal that reads back as the same double (0.7915, not 0.79149999…), rounded half
/// away from zero ("0.792"; "3" for 2.5, where Rust's `{:.N}` rounds half to even on the exact
/// binary value and gives "0.791" and "2"). `tests/wasm.rs` compares with the browser.
fn fixed_point(x: f64, decimals: usize) -> String {
    // Display writes the shortest round-trip decimal, never in exponent form.
    let shortest = x.to_string();
    let (whole, fraction) = shortest.split_once('.').unwrap_or((&shortest, ""));
    let mut digits: Vec<u8> = whole.bytes().chain(fraction.bytes()).collect();
    let keep = whole.len() + decimals;
    let round_up = digits.get(keep).is_some_and(|d| *d >= b'5');
    digits.resize(keep, b'0');
    if round_up {
        let mut carry = true;
        for d in digits.iter_mut().rev() {
            if *d == b'9' {
                *d = b'0';
            } else {
                *d += 1;
                carry = false;
                break;
            }
        }
        if carry {
            digits.insert(0, b'1');
        }
    }
    let split = digits.len() - decimals;
    let (whole, fraction) = digits.split_at(split);
    let whole = String::from_utf8_lossy(whole);
    if decimals == 0 {
        whole.into_owned()
    } else {
        format!("{whole}.{}", String::from_utf8_lossy(fraction))
    }
}

/// How a language writes a decimal number.
struct NumberFormat {
    decimal: char,
    group: char,
    /// Fewer whole digits than this are not grouped (CLDR's minimum grouping digits + 3).
    min_grouping: usize,
}

/// A message argument: text is inserted as is; a number also selects plural forms; a message
/// is written in the language of the message it is given to (a problem inside its frame).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Arg {
    Text(String),
    Number(f64),
    Message(Message),
}

impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg::Message(message)
    }
}

impl From<&Message> for Arg {
    fn from(message: &Message) -> Arg {
        Arg::Message(message.clone())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(text: Cow<'_, str>) -> Arg {
        Arg::Text(text.into_owned())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(x: $t) -> Arg {
                Arg::Number(x as f64)
            }
        }
    )*};
}
number_arg!(f64, f32, usize, u64, u32, i64, i32);

/// A message to be written in whatever language the reader picks: an id and its arguments.
/// Plain data: it crosses the worker boundary as it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub id: Cow<'static, str>,
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

impl Message {
    pub fn new(id: &'static str) -> Message {
        Message {
            id: Cow::Borrowed(id),
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    pub fn in_lang(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(k, v)| (k.as_ref(), v.clone()))
            .collect();
        lang.format(&self.id, &args)
    }
}

impl Message {
    /// Another part's own words (tract's, a CSV or JSON reader's, the browser's), quoted as they
    /// are: technical detail that no translation would make clearer.
    pub fn quoted(text: impl std::fmt::Display) -> Message {
        Message::new("core-quoted").arg("text", text.to_string())
    }

    /// `items` as one list, joined one at a time by the message `joiner` (whose arguments are
    /// `list`, the items so far, and `item`, the next); `None` when there is no item.
    pub fn list(items: impl IntoIterator<Item = Message>, joiner: &'static str) -> Option<Message> {
        items
            .into_iter()
            .reduce(|list, item| Message::new(joiner).arg("list", list).arg("item", item))
    }
}

/// The one way a core type becomes words for a reader: a language-free [`Message`] that
/// whoever shows it writes in the reader's language (so nothing crosses the worker boundary
/// already translated). Every error type of the core implements it; `Display` stays English,
/// for logs and tests.
pub trait Localized {
    fn message(&self) -> Message;
}

impl Localized for Message {
    fn message(&self) -> Message {
        self.clone()
    }
}

/// English, for logs, tests and `Display`.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

/// Every message file of a language parsed into one bundle, with the errors of the parse.
pub struct Bundle {
    bundle: FluentBundle<FluentResource>,
    pub errors: Vec<String>,
}

impl Bundle {
    pub fn new(lang: Lang) -> Bundle {
        let tag: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![tag]);
        // Both languages run left to right: no bidi isolation marks around arguments.
        bundle.set_use_isolating(false);
        let mut errors = Vec::new();
        for (area, source) in AREAS.iter().zip(lang.sources()) {
            let resource = match FluentResource::try_new(source.to_string()) {
                Ok(resource) => resource,
                Err((resource, parse_errors)) => {
                    for e in parse_errors {
                        errors.push(format!("{}/{area}.ftl: {e:?}", lang.tag()));
                    }
                    resource
                }
            };
            if let Err(clashes) = bundle.add_resource(resource) {
                for e in clashes {
                    errors.push(format!("{}/{area}.ftl: {e:?}", lang.tag()));
                }
            }
        }
        Bundle { bundle, errors }
    }

    /// The ids of every message, in file order.
    pub fn ids(lang: Lang) -> Vec<(String, &'static str)> {
        let mut ids = Vec::new();
        for (area, source) in AREAS.iter().zip(lang.sources()) {
            let resource = match FluentResource::try_new(source.to_string()) {
                Ok(resource) | Err((resource, _)) => resource,
            };
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(message) = entry {
                    ids.push((message.id.name.to_string(), *area));
                }
            }
        }
        ids
    }
}

thread_local! {
    static BUNDLES: RefCell<Vec<(Lang, Bundle)>> = const { RefCell::new(Vec::new()) };
}

fn with_bundle<T>(
    lang: Lang,
    f: impl FnOnce(&FluentBundle<FluentResource>) -> Option<T>,
) -> Option<T> {
    BUNDLES.with(|bundles| {
        let mut bundles = bundles.borrow_mut();
        if !bundles.iter().any(|(l, _)| *l == lang) {
            bundles.push((lang, Bundle::new(lang)));
        }
        let (_, bundle) = bundles.iter().find(|(l, _)| *l == lang)?;
        f(&bundle.bundle)
    })
}

fn render(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: &[(&str, FluentValue<'static>)],
) -> Option<String> {
    let message = bundle.get_message(id)?;
    let pattern = message.value()?;
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    Some(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_thousands_and_round() {
        assert_eq!(Lang::En.number(1234567.891, 2), "1,234,567.89");
        assert_eq!(Lang::ZhCn.number(-1234.5, 0), "-1,235");
        assert_eq!(Lang::En.number(999.0, 1), "999.0");
        assert_eq!(Lang::En.number(1000.0, 0), "1,000");
        assert_eq!(Lang::En.number(-0.0001, 2), "0.00");
        assert_eq!(Lang::En.percent(0.256, 1), "25.6%");
        // The shortest decimal decides (0.7915 is a tie there), ties go away from zero.
        assert_eq!(Lang::En.number(0.7915, 3), "0.792");
        assert_eq!(Lang::En.number(2.5, 0), "3");
        assert_eq!(Lang::En.number(0.125, 2), "0.13");
        assert_eq!(Lang::En.number(999.95, 1), "1,000.0");
        assert_eq!(Lang::En.number(9.5, 0), "10");
    }

    #[test]
    fn a_message_given_as_an_argument_is_written_in_the_outer_language() {
        let error = Message::new("manifest-invalid")
            .arg(
                "at",
                Message::new("manifest-at-field").arg("field", "features"),
            )
            .arg("problem", Message::new("manifest-empty"));
        assert_eq!(error.to_string(), "manifest features: is empty");
        assert_eq!(error.in_lang(Lang::ZhCn), "清单有误（features）：为空");
    }

    #[test]
    fn browsers_asking_for_chinese_get_simplified_chinese() {
        assert_eq!(Lang::negotiate(&["zh-CN", "en"]), Lang::ZhCn);
        assert_eq!(Lang::negotiate(&["zh"]), Lang::ZhCn);
        assert_eq!(Lang::negotiate(&["en-GB", "zh-CN"]), Lang::En);
        assert_eq!(Lang::negotiate(&["fr", "de"]), Lang::En);
        assert_eq!(Lang::negotiate::<&str>(&[]), Lang::En);
    }
}
