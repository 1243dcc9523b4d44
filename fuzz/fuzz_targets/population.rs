//! The population table: XLSX when the input is a zip, CSV otherwise; with the commune's
//! lists and without them.
#![no_main]
use libfuzzer_sys::fuzz_target;
use papi_docs::survey::read_population;
use papi_fuzz::{age_bands, is_zip, villages};

fuzz_target!(init: papi_fuzz::init(), |data: &[u8]| {
    papi_fuzz::run(|| {
        let name = if is_zip(data) { "dan-so.xlsx" } else { "dan-so.csv" };
        let _ = read_population(data, name, None, None);
        let _ = read_population(data, name, Some(villages()), Some(age_bands()));
    });
});
