//! The browser entry point that Trunk builds: it only starts the yew app.

fn main() {
    riskscope::web::start();
}
