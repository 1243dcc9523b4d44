//! A CSV file as pieces of whole records, for importers that work on the pieces in parallel:
//! cut only after a line break outside quotes, decoded as [`super::text::decode`] decodes a
//! whole file (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1258), read from a
//! stream a piece at a time so a file of hundreds of megabytes is never held whole.

use std::io::Read;

use encoding_rs::WINDOWS_1258;
use unicode_normalization::UnicodeNormalization;

use super::grid::ReadError;
use super::text;
use crate::limits::{check_size, MAX_CSV_BYTES};

/// The size a piece is cut at (the end of the record this size falls in).
pub(crate) const CHUNK_BYTES: usize = 4 << 20;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where the last whole record of `bytes` ends: just after its last line break outside
/// quotes; 0 when there is none.
pub(crate) fn record_cut(bytes: &[u8]) -> usize {
    if memchr::memchr(b'"', bytes).is_none() {
        return memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
    }
    let mut quoted = false;
    let mut cut = 0;
    for i in memchr::memchr2_iter(b'"', b'\n', bytes) {
        if bytes[i] == b'"' {
            quoted = !quoted;
        } else if !quoted {
            cut = i + 1;
        }
    }
    cut
}

/// A text already in memory cut into pieces of about `size` bytes, each ending with a record.
pub(crate) fn split_text(text: &str, size: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while rest.len() > size {
        let cut = record_cut(&rest.as_bytes()[..size]);
        let cut = if cut > 0 {
            cut
        } else {
            // one record longer than a piece: up to the end of the next record
            match record_cut(rest.as_bytes()) {
                0 => rest.len(),
                c => c,
            }
        };
        let (piece, tail) = rest.split_at(cut);
        out.push(piece);
        rest = tail;
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Encoding {
    /// Not yet known: no byte read.
    Unknown,
    /// A UTF-8 BOM: the file must be UTF-8.
    Utf8,
    /// No BOM: UTF-8 while it is, Windows-1258 when a piece is not and all before was ASCII.
    Utf8OrLegacy {
        ascii_so_far: bool,
    },
    Legacy,
}

/// The pieces of a CSV stream, each a text of whole records with the bytes it was read from.
pub(crate) struct Chunks<R> {
    reader: R,
    buf: Vec<u8>,
    eof: bool,
    read: usize,
    encoding: Encoding,
    failed: bool,
}

impl<R: Read> Chunks<R> {
    pub(crate) fn new(reader: R) -> Self {
        Chunks {
            reader,
            buf: Vec::new(),
            eof: false,
            read: 0,
            encoding: Encoding::Unknown,
            failed: false,
        }
    }

    /// Reads until `buf` holds `want` bytes or the stream ends.
    fn fill(&mut self, want: usize) -> Result<(), ReadError> {
        while !self.eof && self.buf.len() < want {
            let start = self.buf.len();
            self.buf.resize(want, 0);
            match self.reader.read(&mut self.buf[start..]) {
                Ok(0) => {
                    self.buf.truncate(start);
                    self.eof = true;
                }
                Ok(n) => {
                    self.buf.truncate(start + n);
                    self.read += n;
                    check_size("tệp CSV", self.read, MAX_CSV_BYTES)?;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                    self.buf.truncate(start);
                }
                Err(e) => {
                    self.buf.truncate(start);
                    return Err(ReadError::new(format!("không đọc được tệp: {e}")));
                }
            }
        }
        Ok(())
    }

    fn next_piece(&mut self) -> Result<Option<(String, u64)>, ReadError> {
        if self.encoding == Encoding::Unknown {
            self.fill(CHUNK_BYTES)?;
            if self.buf.starts_with(b"\xFF\xFE") || self.buf.starts_with(b"\xFE\xFF") {
                // UTF-16: two bytes a character, decoded whole as before
                self.reader
                    .read_to_end(&mut self.buf)
                    .map_err(|e| ReadError::new(format!("không đọc được tệp: {e}")))?;
                self.eof = true;
                let all = std::mem::take(&mut self.buf);
                let n = all.len() as u64;
                self.encoding = Encoding::Legacy;
                let t = text::decode(&all)?.into_owned();
                return Ok(Some((t, n)));
            }
            self.encoding = if self.buf.starts_with(UTF8_BOM) {
                self.buf.drain(..UTF8_BOM.len());
                Encoding::Utf8
            } else {
                Encoding::Utf8OrLegacy { ascii_so_far: true }
            };
        }
        let mut want = CHUNK_BYTES;
        let cut = loop {
            self.fill(want)?;
            if self.eof {
                break self.buf.len();
            }
            match record_cut(&self.buf) {
                0 => want = self.buf.len() * 2,
                c => break c,
            }
        };
        if cut == 0 {
            return Ok(None);
        }
        let rest = self.buf.split_off(cut);
        let piece = std::mem::replace(&mut self.buf, rest);
        let n = piece.len() as u64;
        let text = match self.encoding {
            Encoding::Legacy => legacy(&piece),
            Encoding::Utf8 => String::from_utf8(piece).map_err(|e| {
                ReadError::new(format!(
                    "tệp CSV phải lưu dạng UTF-8 (byte không hợp lệ ở vị trí {})",
                    self.read - self.buf.len() - n as usize + e.utf8_error().valid_up_to()
                ))
            })?,
            Encoding::Utf8OrLegacy { ascii_so_far } => match String::from_utf8(piece) {
                Ok(t) => {
                    if ascii_so_far && !t.is_ascii() {
                        self.encoding = Encoding::Utf8OrLegacy {
                            ascii_so_far: false,
                        };
                    }
                    t
                }
                Err(e) if ascii_so_far => {
                    self.encoding = Encoding::Legacy;
                    legacy(e.as_bytes())
                }
                Err(e) => {
                    return Err(ReadError::new(format!(
                        "tệp CSV phải lưu dạng UTF-8 (byte không hợp lệ ở vị trí {})",
                        self.read - self.buf.len() - n as usize + e.utf8_error().valid_up_to()
                    )))
                }
            },
            Encoding::Unknown => unreachable!("set above"),
        };
        Ok(Some((text, n)))
    }
}

/// Windows-1258 text, its tones composed (as [`super::text::decode`] does).
fn legacy(bytes: &[u8]) -> String {
    let (t, _) = WINDOWS_1258.decode_without_bom_handling(bytes);
    t.nfc().collect()
}

impl<R: Read> Iterator for Chunks<R> {
    type Item = Result<(String, u64), ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        match self.next_piece() {
            Ok(Some(p)) => Some(Ok(p)),
            Ok(None) => None,
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_between_records() {
        assert_eq!(record_cut(b"a,b\nc,d\ne"), 8);
        assert_eq!(record_cut(b"a,\"b\nc\",d\ne"), 10);
        assert_eq!(record_cut(b"a,\"b\nc"), 0);
        assert_eq!(record_cut(b"abc"), 0);
        let text = "h\n1,\"x\ny\"\n2,z\n3,w\n";
        for size in 1..text.len() + 2 {
            let pieces = split_text(text, size);
            assert_eq!(pieces.concat(), text, "{size}");
            assert!(
                pieces.iter().all(|p| p.ends_with('\n')),
                "{size}: {pieces:?}"
            );
            assert!(!pieces.iter().any(|p| p.starts_with("y\"")), "{size}");
        }
    }

    #[test]
    fn streamed_pieces_decode_as_the_whole_file() {
        let text = "thôn,giới tính\nĐông Xá,Nữ\n";
        let with_bom = [UTF8_BOM, text.as_bytes()].concat();
        let whole: String = Chunks::new(&with_bom[..]).map(|p| p.unwrap().0).collect();
        assert_eq!(whole, text);
        let legacy: String = Chunks::new(&b"\xD0\xF4ng,N\xFD\xDE\n"[..])
            .map(|p| p.unwrap().0)
            .collect();
        assert_eq!(legacy, "Đông,Nữ\n");
        let e = Chunks::new(&b"\xEF\xBB\xBFa,\xFF"[..])
            .next()
            .unwrap()
            .unwrap_err();
        assert_eq!(
            e.message,
            "tệp CSV phải lưu dạng UTF-8 (byte không hợp lệ ở vị trí 5)"
        );
    }
}
