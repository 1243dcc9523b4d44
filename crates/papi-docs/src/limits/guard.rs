//! A panic inside a dependency (calamine indexes its shared-string table with a number taken
//! from the file) must not end the command or drop the web connection: every public reader
//! runs its work through [`guarded`], which turns a panic into the reader's own error.

use std::panic::{catch_unwind, AssertUnwindSafe};

/// The message of a reader that panicked: `kind` is `XLSX`, `DOCX`, `CSV`…
pub fn panic_message(kind: &str) -> String {
    format!("tệp {kind} bị hỏng, không đọc được (lỗi bên trong thư viện đọc tệp)")
}

/// Runs `read`; a panic becomes `on_panic(panic_message(kind))`. The process's panic hook
/// still prints the panic (to stderr), which is what a maintainer wants to see.
pub(crate) fn guarded<T, E>(
    kind: &str,
    on_panic: impl FnOnce(String) -> E,
    read: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    catch_unwind(AssertUnwindSafe(read)).unwrap_or_else(|_| Err(on_panic(panic_message(kind))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_the_error() {
        let r: Result<(), String> = guarded("XLSX", |m| m, || panic!("index out of bounds"));
        assert_eq!(
            r.unwrap_err(),
            "tệp XLSX bị hỏng, không đọc được (lỗi bên trong thư viện đọc tệp)"
        );
        let ok: Result<u8, String> = guarded("XLSX", |m| m, || Ok(1));
        assert_eq!(ok, Ok(1));
    }
}
