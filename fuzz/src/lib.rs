//! What every fuzz target shares. papi-docs catches panics of its reading libraries on purpose
//! (they become errors), but libFuzzer's panic hook aborts before any unwinding, which would
//! count those as crashes. So the hook here only remembers the message, and a panic is a crash
//! when it escapes the public reader: then it is printed and the process aborts.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::OnceLock;

use papi_docs::survey::{default_form, SurveyForm, DEFAULT_AGE_BANDS};

thread_local! {
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Replaces libFuzzer's aborting panic hook (call from `fuzz_target!(init: …)`).
pub fn init() {
    panic::set_hook(Box::new(|info| {
        LAST_PANIC.with(|l| *l.borrow_mut() = info.to_string());
    }));
}

/// Runs one input through `read`; a panic escaping it is a crash.
pub fn run(read: impl FnOnce()) {
    if panic::catch_unwind(AssertUnwindSafe(read)).is_err() {
        LAST_PANIC.with(|l| eprintln!("panic escaped a papi-docs reader: {}", l.borrow()));
        std::process::abort();
    }
}

/// True for a zip package (DOCX, XLSX): the targets that take both read it as XLSX.
pub fn is_zip(data: &[u8]) -> bool {
    data.starts_with(b"PK")
}

/// The commune's lists the survey readers check against: two villages, the default bands.
pub fn villages() -> &'static [String] {
    static V: OnceLock<Vec<String>> = OnceLock::new();
    V.get_or_init(|| vec!["Thôn Đông".to_string(), "Thôn Tây".to_string()])
}

pub fn age_bands() -> &'static [String] {
    static B: OnceLock<Vec<String>> = OnceLock::new();
    B.get_or_init(|| DEFAULT_AGE_BANDS.iter().map(|s| s.to_string()).collect())
}

/// The default questionnaire with [`villages`], built once.
pub fn form() -> &'static SurveyForm {
    static F: OnceLock<SurveyForm> = OnceLock::new();
    F.get_or_init(|| {
        let mut f = default_form();
        f.set_villages(villages());
        f
    })
}
