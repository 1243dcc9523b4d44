//! Survey answers (Kobo/ODK export) against the default questionnaire: XLSX when the input is
//! a zip, CSV otherwise.
#![no_main]
use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use papi_docs::survey::{read_responses, ImportSpec};
use papi_fuzz::{age_bands, form, is_zip, villages};

fuzz_target!(init: papi_fuzz::init(), |data: &[u8]| {
    papi_fuzz::run(|| {
        let none = HashSet::new();
        let spec = ImportSpec {
            villages: villages(),
            age_bands: age_bands(),
            existing_uuids: &none,
        };
        let name = if is_zip(data) { "kobo.xlsx" } else { "kobo.csv" };
        let _ = read_responses(form(), data, name, &spec);
    });
});
