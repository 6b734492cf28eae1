//! The user's models kept on this device, each with a button that removes it, and those that
//! could not be read back.

use super::*;

#[derive(Properties, PartialEq)]
pub(super) struct KeptListProps {
    pub(super) kept: Vec<(String, String)>,
    pub(super) unreadable: Vec<Unreadable>,
    pub(super) on_remove: Callback<String>,
}

#[component]
pub(super) fn KeptList(props: &KeptListProps) -> Html {
    let tr = use_tr();
    if props.kept.is_empty() && props.unreadable.is_empty() {
        return Html::default();
    }
    let remove = |id: &str| {
        let (id, on_remove) = (id.to_owned(), props.on_remove.clone());
        Callback::from(move |_: MouseEvent| on_remove.emit(id.clone()))
    };
    html! {
        <section class="byo-kept" id="byo-kept" aria-labelledby="byo-kept-title">
            <h3 id="byo-kept-title">{ tr!(tr, "byo-kept-title") }</h3>
            <ul>
                { for props.kept.iter().map(|(id, title)| html! {
                    <li data-id={id.clone()}>
                        <span>{ title }</span>{ " " }
                        <button type="button" id={format!("byo-remove-{id}")} onclick={remove(id)}
                            aria-label={tr!(tr, "byo-kept-remove-label", title = title.as_str())}>
                            { tr!(tr, "byo-kept-remove") }
                        </button>
                    </li>
                }) }
                { for props.unreadable.iter().map(|u| html! {
                    <li data-id={u.id.clone()} class="field-error">
                        <span>{ tr!(tr, "byo-kept-unreadable", id = u.id.as_str(), reason = tr.m(&u.reason)) }</span>{ " " }
                        <button type="button" id={format!("byo-remove-{}", u.id)} onclick={remove(&u.id)}
                            aria-label={tr!(tr, "byo-kept-remove-label", title = u.id.as_str())}>
                            { tr!(tr, "byo-kept-remove") }
                        </button>
                    </li>
                }) }
            </ul>
        </section>
    }
}
