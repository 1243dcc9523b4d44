//! The zip check run before a DOCX or XLSX reaches calamine or our DOCX reader: the number of
//! entries, and every part's real unpacked size, found by streaming its decompression through
//! a fixed buffer and stopping as soon as a limit is passed. The sizes a zip declares are not
//! trusted (they can lie; the zip crate does not stop at them), nothing is allocated for a part.

use std::io::{Cursor, Read};

use super::bounds::{
    megabytes, thousands, LimitError, MAX_PART_UNPACKED, MAX_TOTAL_UNPACKED, MAX_ZIP_ENTRIES,
};

/// Checks a DOCX/XLSX package (`kind`: `DOCX` or `XLSX`, for the message) against
/// [`MAX_ZIP_ENTRIES`], [`MAX_PART_UNPACKED`] and [`MAX_TOTAL_UNPACKED`].
///
/// A package that is not a readable zip, or a part that fails to decompress, passes: the
/// reader that comes next reports it in its own words, and can read no more of it than this
/// check did.
pub fn check_zip(bytes: &[u8], kind: &str) -> Result<(), LimitError> {
    check(
        bytes,
        kind,
        MAX_ZIP_ENTRIES,
        MAX_PART_UNPACKED,
        MAX_TOTAL_UNPACKED,
    )
}

/// The check with its limits given (the tests use small ones).
fn check(
    bytes: &[u8],
    kind: &str,
    max_entries: usize,
    max_part: u64,
    max_total: u64,
) -> Result<(), LimitError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if zip.len() > max_entries {
        return Err(LimitError(format!(
            "tệp {kind} có quá nhiều phần: {} phần, vượt giới hạn {} phần",
            thousands(zip.len() as u64),
            thousands(max_entries as u64)
        )));
    }
    let mut buf = vec![0u8; 64 * 1024];
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else {
            continue;
        };
        let name = part.name().to_string();
        let mut size: u64 = 0;
        loop {
            let n = match part.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n as u64,
            };
            size += n;
            total += n;
            if size > max_part {
                return Err(LimitError(format!(
                    "tệp {kind} quá lớn khi giải nén: phần “{name}” vượt giới hạn {}",
                    megabytes(max_part)
                )));
            }
            if total > max_total {
                return Err(LimitError(format!(
                    "tệp {kind} quá lớn khi giải nén: tổng dung lượng các phần vượt giới hạn {}",
                    megabytes(max_total)
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;
    use crate::limits::MIB;

    /// A zip of `parts` (name, size in MiB of spaces), deflated.
    fn package(parts: &[(&str, usize)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let chunk = vec![b' '; MIB as usize];
        for (name, mib) in parts {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            for _ in 0..*mib {
                w.write_all(&chunk).unwrap();
            }
        }
        w.finish().unwrap().into_inner()
    }

    /// Sets the uncompressed size every header of the package declares to `size`.
    fn lie_about_sizes(zip: &mut [u8], size: u32) {
        let mut i = 0;
        while i + 4 <= zip.len() {
            let at = match &zip[i..i + 4] {
                b"PK\x03\x04" => Some(i + 22),
                b"PK\x01\x02" => Some(i + 24),
                _ => None,
            };
            if let Some(at) = at {
                zip[at..at + 4].copy_from_slice(&size.to_le_bytes());
            }
            i += 1;
        }
    }

    #[test]
    fn parts_and_totals_are_measured() {
        let zip = package(&[("a.xml", 3), ("b.xml", 3)]);
        assert!(check(&zip, "XLSX", 10, 4 * MIB, 8 * MIB).is_ok());
        let e = check(&zip, "XLSX", 10, 2 * MIB, 8 * MIB).unwrap_err();
        assert!(e.0.contains("phần “a.xml” vượt giới hạn 2 MB"), "{e}");
        let e = check(&zip, "DOCX", 10, 4 * MIB, 5 * MIB).unwrap_err();
        assert!(
            e.0.contains("tệp DOCX quá lớn khi giải nén: tổng dung lượng"),
            "{e}"
        );
        let e = check(&zip, "XLSX", 1, 4 * MIB, 8 * MIB).unwrap_err();
        assert!(e.0.contains("quá nhiều phần: 2 phần"), "{e}");
    }

    #[test]
    fn declared_sizes_are_not_believed() {
        let mut zip = package(&[("word/document.xml", 3)]);
        lie_about_sizes(&mut zip, 100);
        let mut archive = zip::ZipArchive::new(Cursor::new(&zip[..])).unwrap();
        assert_eq!(
            archive.by_index(0).unwrap().size(),
            100,
            "the lie is in place"
        );
        let e = check(&zip, "DOCX", 10, MIB, 8 * MIB).unwrap_err();
        assert!(
            e.0.contains("“word/document.xml” vượt giới hạn 1 MB"),
            "{e}"
        );
    }

    #[test]
    fn not_a_zip_is_left_to_the_reader() {
        assert!(check_zip(b"not a zip", "XLSX").is_ok());
    }
}
