// The batch worker: loads the page's own wasm binary, whose entry point sees it is in a worker
// and runs the batch job's message loop instead of the UI (src/batch/worker.rs).
import init from "./riskscope-web.js";

await init({ module_or_path: new URL("./riskscope-web_bg.wasm", import.meta.url) });
