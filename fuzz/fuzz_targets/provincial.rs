//! Provincial PAPI scores: the user's XLSX when the input is a zip, the shared CSV layout
//! otherwise.
#![no_main]
use libfuzzer_sys::fuzz_target;
use papi_docs::survey::read_provincial;
use papi_fuzz::is_zip;

fuzz_target!(init: papi_fuzz::init(), |data: &[u8]| {
    papi_fuzz::run(|| {
        let name = if is_zip(data) { "tinh.xlsx" } else { "2024.csv" };
        let _ = read_provincial(data, name, Some(2024));
        if is_zip(data) {
            let _ = read_provincial(data, name, None);
        }
    });
});
