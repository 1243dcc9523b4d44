//! A plan as Markdown or plain text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use papi_docs::plan_import::parse_plan_text_checked;

fuzz_target!(init: papi_fuzz::init(), |data: &[u8]| {
    papi_fuzz::run(|| {
        let _ = parse_plan_text_checked(&String::from_utf8_lossy(data));
    });
});
