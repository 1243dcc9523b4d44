//! The CSV import of answers, in parallel: the file comes as pieces of whole records
//! ([`crate::table::Chunks`] from a stream, [`crate::table::split_text`] from memory); the
//! pieces are checked and scored on every core, then merged in file order — rows numbered
//! across pieces, `_uuid`s compared across the whole file, errors in the order of the rows —
//! so the outcome is the one a single pass gives: the same respondents, or the same errors.
//! At most one batch of pieces (a few megabytes per core) is held beside the scores.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::mpsc::sync_channel;

use chrono::{Datelike, NaiveDateTime};
use papi_index::Respondents;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::errors::{quoted, FormatError, ImportErrors, MAX_ERRORS};
use super::form::SurveyForm;
use super::responses::{ImportedResponses, ResponseMeta};
use super::row_check::Checker;
use super::spec::ImportSpec;
use crate::limits::{check_year, thousands, MAX_CSV_ROWS};
use crate::table::{check_byte_record, delimiter, parse_cell_date, trim, ReadError};

/// Progress of an import: bytes of the file read and checked so far.
pub type Progress<'a> = &'a (dyn Fn(u64) + Sync);

fn csv_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

fn cell(rec: &csv::ByteRecord, i: usize) -> &str {
    rec.get(i)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("")
        .trim()
}

/// A cell of a record of a piece, trimmed. `text` is the record's bytes as text: the piece is
/// text and cells are cut at ASCII bytes, so it is checked once per record (not per cell, which
/// took a tenth of a million-row import) and cells are slices of it.
fn text_cell<'a>(rec: &csv::ByteRecord, text: &'a str, i: usize) -> &'a str {
    trim(rec.range(i).and_then(|r| text.get(r)).unwrap_or(""))
}

fn is_blank(rec: &csv::ByteRecord) -> bool {
    rec.iter()
        .all(|f| std::str::from_utf8(f).is_ok_and(|s| s.trim().is_empty()))
}

/// What one piece gives, its rows numbered from 1 within the piece.
struct Piece {
    records: usize,
    read_error: Option<ReadError>,
    errs: ImportErrors,
    /// (row, `_uuid`) of every row whose `_uuid` is new to what is stored.
    uuids: Vec<(usize, String)>,
    respondents: Respondents,
    meta: Vec<ResponseMeta>,
}

struct Engine<'s> {
    checker: Checker,
    spec: &'s ImportSpec<'s>,
    delimiter: u8,
}

impl Engine<'_> {
    fn piece(&self, text: &str) -> Piece {
        let n = self.checker.n;
        let mut out = Piece {
            records: 0,
            read_error: None,
            errs: ImportErrors::default(),
            uuids: Vec::new(),
            respondents: Respondents::new(n),
            meta: Vec::new(),
        };
        let mut rdr = csv_reader(text, self.delimiter);
        let mut rec = csv::ByteRecord::new();
        let mut scratch = Vec::new();
        let mut scores = vec![0f32; n];
        loop {
            match rdr.read_byte_record(&mut rec) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    out.records += 1;
                    out.read_error = Some(ReadError::new(format!("CSV lỗi: {e}")).row(out.records));
                    break;
                }
            }
            out.records += 1;
            let row = out.records;
            if let Err(e) = check_byte_record(row, &rec) {
                out.read_error = Some(e);
                break;
            }
            let Ok(text) = std::str::from_utf8(rec.as_slice()) else {
                out.read_error = Some(ReadError::new("CSV lỗi: dòng không phải UTF-8").row(row));
                break;
            };
            if (0..rec.len()).all(|c| text_cell(&rec, text, c).is_empty()) {
                continue;
            }
            let field = |c: usize| text_cell(&rec, text, c);
            self.uuid(row, &field, &mut out);
            let submitted = self.submitted(row, &field, &mut out.errs);
            let parsed =
                self.checker
                    .row_into(Some(row), &field, &mut out.errs, &mut scratch, &mut scores);
            if out.errs.total > 0 {
                // nothing of the file will be taken: keep checking, stop keeping
                out.meta = Vec::new();
                out.respondents = Respondents::new(0);
                continue;
            }
            if let Some((village, cell)) = parsed {
                out.respondents.push(village, cell, &scores);
                out.meta.push(ResponseMeta {
                    row,
                    uuid: String::new(),
                    submitted,
                    village,
                    cell,
                });
            }
        }
        out
    }

    /// The row's `_uuid`: refused here when missing or already stored; kept to be compared
    /// with the rest of the file otherwise.
    fn uuid<'a>(&self, row: usize, field: &dyn Fn(usize) -> &'a str, out: &mut Piece) {
        let ucol = self.checker.uuid.expect("checked in Checker::new");
        let uname = &self.checker.header[ucol];
        let raw = field(ucol);
        let uuid = raw.strip_prefix("uuid:").unwrap_or(raw);
        if uuid.is_empty() {
            out.errs
                .push(FormatError::at(row, uname, "thiếu mã phiếu (`_uuid`)"));
        } else if !self.spec.existing_uuids.is_empty()
            && (self.spec.existing_uuids.contains(uuid) || self.spec.existing_uuids.contains(raw))
        {
            out.errs.push(FormatError::at(
                row,
                uname,
                format!("phiếu {} đã được nhập trước đây", quoted(uuid)),
            ));
        } else {
            out.uuids.push((row, uuid.to_string()));
        }
    }

    fn submitted<'a>(
        &self,
        row: usize,
        field: &dyn Fn(usize) -> &'a str,
        errs: &mut ImportErrors,
    ) -> Option<NaiveDateTime> {
        let c = self.checker.time?;
        let t = field(c);
        if t.is_empty() {
            return None;
        }
        let at = |msg: String| FormatError::at(row, &self.checker.header[c], msg);
        let Some(parsed) = parse_cell_date(t) else {
            errs.push(at(format!(
                "thời điểm gửi phiếu {} không đọc được",
                quoted(t)
            )));
            return None;
        };
        if let Err(why) = check_year(parsed.year()) {
            errs.push(at(format!("thời điểm gửi phiếu {}: {why}", quoted(t))));
            return None;
        }
        Some(parsed)
    }
}

/// The pieces merged in file order.
struct Merge {
    rows_before: usize,
    /// (row, 0 for a repeated `_uuid` else 1, error): sorted and cut to [`MAX_ERRORS`].
    errors: Vec<(usize, u8, FormatError)>,
    total: usize,
    respondents: Respondents,
    meta: Vec<ResponseMeta>,
    uuids: Vec<String>,
    uuid_rows: Vec<usize>,
    by_hash: FxHashMap<u64, usize>,
    /// `_uuid`s whose hash another one has.
    collided: HashMap<String, usize>,
    uuid_column: String,
}

impl Merge {
    /// Adds a piece; `Err` is the file's first reading error (then nothing else counts).
    fn add(&mut self, p: Piece) -> Result<(), ReadError> {
        let offset = self.rows_before;
        let limit_row = MAX_CSV_ROWS + 1;
        let read_error = p.read_error.map(|mut e| {
            e.row = e.row.map(|r| r + offset);
            e
        });
        if offset + p.records >= limit_row
            && read_error
                .as_ref()
                .is_none_or(|e| e.row.unwrap_or(0) >= limit_row)
        {
            return Err(ReadError::new(format!(
                "tệp CSV vượt giới hạn {} dòng",
                thousands(MAX_CSV_ROWS as u64)
            ))
            .row(limit_row));
        }
        if let Some(e) = read_error {
            return Err(e);
        }
        let hasher = FxBuildHasher;
        for (row, uuid) in p.uuids {
            let row = row + offset;
            let h = hasher.hash_one(uuid.as_str());
            let first = match self.by_hash.get(&h) {
                None => {
                    self.by_hash.insert(h, self.uuids.len());
                    None
                }
                Some(&i) if self.uuids[i] == uuid => Some(self.uuid_rows[i]),
                Some(_) => match self.collided.get(&uuid) {
                    Some(&r) => Some(r),
                    None => {
                        self.collided.insert(uuid.clone(), row);
                        None
                    }
                },
            };
            match first {
                Some(first) => {
                    self.total += 1;
                    self.errors.push((
                        row,
                        0,
                        FormatError::at(
                            row,
                            &self.uuid_column,
                            format!(
                                "phiếu {} trùng với phiếu ở dòng {first}: một phiếu chỉ được nhập một lần",
                                quoted(&uuid)
                            ),
                        ),
                    ));
                }
                None => {
                    self.uuids.push(uuid);
                    self.uuid_rows.push(row);
                }
            }
        }
        self.total += p.errs.total;
        for mut e in p.errs.errors {
            e.row = e.row.map(|r| r + offset);
            self.errors.push((e.row.unwrap_or(0), 1, e));
        }
        if self.errors.len() > MAX_ERRORS {
            self.errors.sort_by_key(|(r, slot, _)| (*r, *slot));
            self.errors.truncate(MAX_ERRORS);
        }
        if self.total == 0 {
            self.respondents.append(p.respondents);
            self.meta.extend(p.meta.into_iter().map(|mut m| {
                m.row += offset;
                m
            }));
        } else if !self.meta.is_empty() {
            self.meta = Vec::new();
            self.respondents = Respondents::new(0);
        }
        self.rows_before += p.records;
        Ok(())
    }

    fn finish(mut self) -> Result<ImportedResponses, ImportErrors> {
        if self.total > 0 {
            self.errors.sort_by_key(|(r, slot, _)| (*r, *slot));
            self.errors.truncate(MAX_ERRORS);
            return Err(ImportErrors {
                errors: self.errors.into_iter().map(|(_, _, e)| e).collect(),
                total: self.total,
            });
        }
        if self.meta.is_empty() {
            return Err(FormatError::new("tệp không có phiếu trả lời nào").into());
        }
        // without errors every row kept is a row with a new `_uuid`, in the same order
        debug_assert_eq!(self.meta.len(), self.uuids.len());
        for (m, u) in self.meta.iter_mut().zip(self.uuids) {
            m.uuid = u;
        }
        Ok(ImportedResponses {
            respondents: self.respondents,
            meta: self.meta,
        })
    }
}

/// Imports the pieces of a CSV file (each whole records, in file order, with the bytes it
/// was read from); `progress` hears the bytes done after each batch.
pub(super) fn import_pieces<T, I>(
    form: &SurveyForm,
    spec: &ImportSpec,
    pieces: I,
    progress: Progress,
) -> Result<ImportedResponses, ImportErrors>
where
    T: AsRef<str> + Send + Sync,
    I: Iterator<Item = Result<(T, u64), ReadError>> + Send,
{
    let threads = rayon::current_num_threads().max(1);
    let (tx, rx) = sync_channel::<Result<(T, u64), ReadError>>(threads);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for p in pieces {
                if tx.send(p).is_err() {
                    break;
                }
            }
        });
        // the header: the first record that is not blank
        let mut rows_before = 0;
        let mut done = 0u64;
        let (engine, first, start) = loop {
            let Ok(piece) = rx.recv() else {
                return Err(FormatError::new("tệp trống: không có dòng tiêu đề").into());
            };
            let (text, bytes) = piece?;
            done += bytes;
            let t = text.as_ref();
            let mut rdr = csv_reader(t, delimiter(t));
            let mut rec = csv::ByteRecord::new();
            let mut found = None;
            while rdr
                .read_byte_record(&mut rec)
                .map_err(|e| ReadError::new(format!("CSV lỗi: {e}")).row(rows_before + 1))?
            {
                rows_before += 1;
                check_byte_record(rows_before, &rec)?;
                if is_blank(&rec) {
                    continue;
                }
                let header: Vec<String> =
                    (0..rec.len()).map(|c| cell(&rec, c).to_string()).collect();
                let checker = Checker::new(form, &header, spec, true, rows_before)?;
                found = Some((checker, rdr.position().byte() as usize));
                break;
            }
            if let Some((checker, start)) = found {
                let uuid_column = checker.header[checker.uuid.expect("checked")].clone();
                let engine = Engine {
                    checker,
                    spec,
                    delimiter: delimiter(t),
                };
                break ((engine, uuid_column), text, start);
            }
        };
        let ((engine, uuid_column), first) = (engine, first);
        let mut merge = Merge {
            rows_before,
            errors: Vec::new(),
            total: 0,
            respondents: Respondents::new(engine.checker.n),
            meta: Vec::new(),
            uuids: Vec::new(),
            uuid_rows: Vec::new(),
            by_hash: FxHashMap::default(),
            collided: HashMap::new(),
            uuid_column,
        };
        let mut batch: Vec<(T, usize)> = vec![(first, start)];
        loop {
            let mut closed = false;
            while batch.len() < threads {
                match rx.recv() {
                    Ok(p) => {
                        let (text, bytes) = p?;
                        done += bytes;
                        batch.push((text, 0));
                    }
                    Err(_) => {
                        closed = true;
                        break;
                    }
                }
            }
            if batch.is_empty() {
                break;
            }
            let pieces: Vec<Piece> = batch
                .par_iter()
                .map(|(t, start)| engine.piece(&t.as_ref()[*start..]))
                .collect();
            batch.clear();
            for p in pieces {
                merge.add(p)?;
            }
            progress(done);
            if closed {
                break;
            }
        }
        merge.finish()
    })
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashSet};

    use papi_index::{Direction, Indicator, Questionnaire};

    use super::*;
    use crate::survey::responses::Import;
    use crate::table::split_text;

    fn form() -> SurveyForm {
        let ind = |k: usize, relevant: Option<&str>| Indicator {
            id: format!("i{k}"),
            subdimension: ["SC11", "SC21", "SC31"][k % 3].into(),
            question: format!("q{k}"),
            min: 1.0,
            max: 4.0,
            direction: if k == 1 {
                Direction::Down
            } else {
                Direction::Up
            },
            missing: vec!["98".into()],
            relevant: relevant.map(str::to_string),
            values: (1..=4)
                .map(|v| (v.to_string(), v as f64))
                .collect::<BTreeMap<_, _>>(),
        };
        let q = Questionnaire {
            year: 2024,
            indicators: vec![ind(0, None), ind(1, Some("${used} = 'yes'")), ind(2, None)],
        };
        SurveyForm::from_questionnaire(&q).unwrap()
    }

    /// The file read one row after the other (the import of XLSX over the `csv` crate's
    /// records of the whole text).
    fn serial(
        form: &SurveyForm,
        text: &str,
        spec: &ImportSpec,
    ) -> Result<ImportedResponses, ImportErrors> {
        let mut rdr = csv_reader(text, delimiter(text));
        let mut import = None;
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.unwrap();
            if rec.iter().all(|s| s.trim().is_empty()) {
                continue;
            }
            match &mut import {
                None => {
                    let cells: Vec<String> = rec.iter().map(|s| s.trim().to_string()).collect();
                    import = Some(Import::new(form, &cells, i + 1, spec)?);
                }
                Some(imp) => imp.row(i + 1, &|c| rec.get(c).unwrap_or("").trim()),
            }
        }
        import.unwrap().finish()
    }

    fn pieces(
        form: &SurveyForm,
        text: &str,
        size: usize,
        spec: &ImportSpec,
    ) -> Result<ImportedResponses, ImportErrors> {
        let p = split_text(text, size)
            .into_iter()
            .map(|p| Ok((p, p.len() as u64)));
        import_pieces(form, spec, p, &|_| {})
    }

    fn same(
        a: &Result<ImportedResponses, ImportErrors>,
        b: &Result<ImportedResponses, ImportErrors>,
    ) -> bool {
        match (a, b) {
            (Ok(a), Ok(b)) => {
                a.meta == b.meta
                    && a.respondents.len() == b.respondents.len()
                    && (0..a.respondents.len()).all(|i| {
                        a.respondents.village(i) == b.respondents.village(i)
                            && a.respondents.cell(i) == b.respondents.cell(i)
                            && a.respondents
                                .row(i)
                                .iter()
                                .zip(b.respondents.row(i))
                                .all(|(x, y)| x.to_bits() == y.to_bits())
                    })
            }
            (Err(a), Err(b)) => a == b,
            _ => false,
        }
    }

    fn file(rows: usize, edit: impl Fn(usize, &mut Vec<String>)) -> String {
        let mut out =
            String::from("\n_uuid,village,sex,age_band,used,g/q0,g/q1,q2,_submission_time,note\n");
        for i in 0..rows {
            let mut r: Vec<String> = vec![
                format!("uuid:u{i}"),
                ["Thôn Đông", "thon-tay"][i % 2].into(),
                ["F", "nam", "M"][i % 3].into(),
                ["18-29", "30–44 tuổi", "60+"][i % 3].into(),
                ["yes", "no"][i % 2].into(),
                ["1", "2", "98", ""][i % 4].into(),
                [" 3 ", "4", "1"][i % 3].into(),
                ["4", "2"][i % 2].into(),
                format!("2025-03-{:02}T08:00:00+07:00", 1 + i % 28),
                if i % 7 == 0 {
                    "\"hai\ndòng, \"\"trích\"\"\"".into()
                } else {
                    "".into()
                },
            ];
            edit(i, &mut r);
            out.push_str(&r.join(","));
            out.push_str(if i % 5 == 0 { "\r\n" } else { "\n" });
            if i % 11 == 3 {
                out.push_str(",,,\n");
            }
        }
        out
    }

    #[test]
    fn pieces_give_what_one_pass_gives() {
        let form = form();
        let villages = vec!["Thôn Đông".to_string(), "Thôn Tây".into()];
        let bands = vec![
            "18-29".to_string(),
            "30-44".into(),
            "45-59".into(),
            "60+".into(),
        ];
        let stored: HashSet<String> = ["u40".to_string()].into();
        let none = HashSet::new();
        let files = [
            file(60, |_, _| {}),
            // errors everywhere: bad values, a missing and a repeated uuid, a bad date
            file(60, |i, r| match i {
                3 => r[5] = "7".into(),
                9 => r[0] = "".into(),
                17 | 44 => r[0] = "uuid:u2".into(),
                23 => r[8] = "hôm qua".into(),
                30 => r[1] = "Thôn Bắc".into(),
                31 => r[2] = "?".into(),
                52 => r[0] = "u17".into(),
                _ => {}
            }),
        ];
        for (f, text) in files.iter().enumerate() {
            for existing in [&none, &stored] {
                let spec = ImportSpec {
                    villages: &villages,
                    age_bands: &bands,
                    existing_uuids: existing,
                };
                let want = serial(&form, text, &spec);
                if f == 0 && existing.is_empty() {
                    assert_eq!(want.as_ref().unwrap().meta.len(), 60);
                } else {
                    assert!(want.is_err());
                }
                for size in [1, 7, 64, 200, 1000, text.len()] {
                    let got = pieces(&form, text, size, &spec);
                    assert!(
                        same(&got, &want),
                        "file {f}, pieces of {size}: {got:?}\nwant {want:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn errors_past_the_cap_keep_the_first_rows() {
        let form = form();
        let villages = vec!["Thôn Đông".to_string(), "Thôn Tây".into()];
        let bands = vec!["18-29".to_string(), "30-44".into(), "60+".into()];
        let none = HashSet::new();
        let spec = ImportSpec {
            villages: &villages,
            age_bands: &bands,
            existing_uuids: &none,
        };
        let text = file(700, |i, r| {
            r[6] = "x".into();
            if i % 3 == 0 {
                r[0] = "uuid:u1".into();
            }
        });
        let want = serial(&form, &text, &spec).unwrap_err();
        assert_eq!(want.errors.len(), MAX_ERRORS);
        for size in [50, 4096] {
            assert_eq!(pieces(&form, &text, size, &spec).unwrap_err(), want);
        }
    }
}
