//! A questionnaire: XLSForm when the input is a zip, our TOML otherwise.
#![no_main]
use libfuzzer_sys::fuzz_target;
use papi_docs::survey::{read_toml, read_xlsform};
use papi_fuzz::is_zip;

fuzz_target!(init: papi_fuzz::init(), |data: &[u8]| {
    papi_fuzz::run(|| {
        if is_zip(data) {
            let _ = read_xlsform(data);
        } else {
            let _ = read_toml(&String::from_utf8_lossy(data));
        }
    });
});
