//! A request run in a fresh worker of its own (the batch worker's binary), which a hostile
//! file may kill: the answer, the worker's panic, its death or its silence.

use super::*;

/// Runs one request in a fresh worker and returns its answer; the worker is ended either way.
pub(super) async fn in_fresh_worker(request: &Request) -> Result<Response, CheckFailure> {
    let message = protocol::encode(request, None).map_err(CheckFailure::Text)?;
    let worker = protocol::start_worker("byo-worker-not-started").map_err(CheckFailure::Text)?;
    // The handlers must outlive the promise; they are dropped when it settles.
    type Handler = Closure<dyn FnMut(JsValue)>;
    let keep: Rc<RefCell<Vec<Handler>>> = Rc::default();
    let timer = Rc::new(std::cell::Cell::new(None::<i32>));
    let promise = Promise::new(&mut |resolve, reject| {
        let on_message = {
            let (worker, message, resolve) = (worker.clone(), message.clone(), resolve.clone());
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                let data = event.unchecked_into::<MessageEvent>().data();
                match protocol::decode::<Response>(&data) {
                    Ok((Response::Started, _)) => {
                        let _ = worker.post_message(&message);
                    }
                    _ => {
                        let _ = resolve.call1(&JsValue::NULL, &data);
                    }
                }
            })
        };
        // Rejected with the browser's message (empty without one), or null on the timeout.
        let on_error = {
            let reject = reject.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                let text = event
                    .dyn_ref::<ErrorEvent>()
                    .map(|e| e.message())
                    .unwrap_or_default();
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&text));
            })
        };
        let on_timeout = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let _ = reject.call1(&JsValue::NULL, &JsValue::NULL);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        if let Some(window) = web_sys::window() {
            timer.set(
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        on_timeout.as_ref().unchecked_ref(),
                        TIMEOUT_MS,
                    )
                    .ok(),
            );
        }
        keep.borrow_mut().extend([on_message, on_error, on_timeout]);
    });
    let outcome = JsFuture::from(promise).await;
    // Nothing may call the handlers once they are dropped: unhook them and stop the timer.
    worker.set_onmessage(None);
    worker.set_onerror(None);
    worker.terminate();
    if let (Some(window), Some(id)) = (web_sys::window(), timer.get()) {
        window.clear_timeout_with_handle(id);
    }
    drop(keep);
    match outcome {
        Ok(data) => Ok(protocol::decode::<Response>(&data)
            .map_err(CheckFailure::Text)?
            .0),
        Err(e) if e.is_null() => Err(CheckFailure::TimedOut),
        Err(e) => Err(CheckFailure::Stopped(
            e.as_string().filter(|m| !m.is_empty()),
        )),
    }
}

/// A panic in the checking worker (it died of it) gets the finding the check gives natively
/// for the same panic, with its fix.
pub(super) fn died(panic: String) -> CheckFailure {
    let error = ModelError::Panicked(panic).to_string();
    CheckFailure::Panicked(Box::new(riskscope_core::compat::load_failure(&error)))
}

pub(super) fn files_of(list: &web_sys::FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

pub(super) async fn file_bytes(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{}: {e:?}", file.name()))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
