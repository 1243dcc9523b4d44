//! A plan as DOCX bytes (the web's upload path): text, then the plan parser.
#![no_main]
use libfuzzer_sys::fuzz_target;
use papi_docs::plan_import::{docx_to_text, parse_plan_text};

fuzz_target!(init: papi_fuzz::init(), |data: &[u8]| {
    papi_fuzz::run(|| {
        if let Ok(text) = docx_to_text(data) {
            let _ = parse_plan_text(&text);
        }
    });
});
