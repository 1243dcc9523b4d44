//! Official provincial PAPI scores from a user's own file: the CSV layout of the shared data
//! (`Province,SC11,…,SC83`, one file per year; read as any table, giving what
//! `papi_index::parse_provincial_csv` gives)
//! or an XLSX with a province column (`province` / `tỉnh`), a year column (`year` / `năm`)
//! and one column per sub-dimension (`SC11` …), one row per province and year.

use std::collections::HashMap;

use papi_core::text::fold;
use papi_index::{ProvincialScore, YearStructure};

use super::errors::{by_format, guard_import, quoted, FormatError, ImportErrors};
use crate::limits::check_score;
use crate::table::{blank, first_sheet, Format, Grid};

/// The shared CSV layout for one `year` (`Province,SC11,…,SC83`), with Vietnamese errors; read
/// as any table is ([`crate::table`]), so also with `;` or tab, in UTF-16 or Windows-1258.
pub fn read_provincial_csv(year: u16, bytes: &[u8]) -> Result<Vec<ProvincialScore>, ImportErrors> {
    guard_import("CSV", || {
        provincial_grid(&first_sheet(bytes, Format::Csv)?, Some(year))
    })
}

fn sub_code(h: &str) -> Option<String> {
    let u = h.trim().to_uppercase().replace(['.', ' '], "");
    let digits = u.strip_prefix("SC")?;
    (digits.len() == 2 && digits.chars().all(|c| c.is_ascii_digit())).then_some(u)
}

/// A user's XLSX (first sheet). `default_year` is used when the sheet has no year column.
pub fn read_provincial_xlsx(
    bytes: &[u8],
    default_year: Option<u16>,
) -> Result<Vec<ProvincialScore>, ImportErrors> {
    guard_import("XLSX", || {
        provincial_grid(&first_sheet(bytes, Format::Xlsx)?, default_year)
    })
}

/// A table of provincial scores: a header row with a province column (title rows above it
/// are skipped), a year column or `default_year`, one column per sub-dimension. Sub-dimension
/// columns must exist in the PAPI structure of the row's year; other columns (totals, names)
/// are ignored; blank cells are "no data".
fn provincial_grid(
    grid: &Grid,
    default_year: Option<u16>,
) -> Result<Vec<ProvincialScore>, ImportErrors> {
    let (hpos, columns) = header(grid, default_year)?;
    let mut reader = ScoreRows {
        header: &grid[hpos].1,
        columns,
        default_year,
        seen: HashMap::new(),
        structures: HashMap::new(),
        errs: ImportErrors::default(),
        out: Vec::new(),
    };
    for (row, cells) in grid[hpos + 1..].iter().filter(|(_, r)| !blank(r)) {
        reader.row(*row, cells);
    }
    reader.errs.into_result(reader.out)
}

/// Where the header row names the province, the year and each sub-dimension.
struct ScoreColumns {
    province: usize,
    year: Option<usize>,
    subs: Vec<(usize, String)>,
}

/// The header row (the first with a province column) and its columns.
fn header(grid: &Grid, default_year: Option<u16>) -> Result<(usize, ScoreColumns), ImportErrors> {
    let is_province = |h: &str| {
        let f = fold(h);
        [
            "province",
            "tinh",
            "tinh/thanh pho",
            "tinh, thanh pho",
            "ma tinh",
        ]
        .contains(&f.as_str())
    };
    let Some(hpos) = grid
        .iter()
        .position(|(_, r)| r.iter().any(|c| is_province(c)))
    else {
        return Err(FormatError::new(
            "không tìm thấy dòng tiêu đề có cột `province` (hoặc `tỉnh`)",
        )
        .into());
    };
    let (hrow, header) = &grid[hpos];
    let columns = ScoreColumns {
        province: header.iter().position(|c| is_province(c)).unwrap_or(0),
        year: header
            .iter()
            .position(|c| ["year", "nam"].contains(&fold(c).as_str())),
        subs: header
            .iter()
            .enumerate()
            .filter_map(|(i, h)| sub_code(h).map(|c| (i, c)))
            .collect(),
    };
    let mut errs = ImportErrors::default();
    if columns.subs.is_empty() {
        errs.push(
            FormatError::new("không có cột nội dung thành phần nào (SC11 … SC83)").row(*hrow),
        );
    }
    if columns.year.is_none() && default_year.is_none() {
        errs.push(FormatError::new("thiếu cột `year` (năm)").row(*hrow));
    }
    errs.into_result((hpos, columns))
}

/// The rows after the header, read into scores, every problem into `errs`.
struct ScoreRows<'g> {
    header: &'g [String],
    columns: ScoreColumns,
    default_year: Option<u16>,
    /// (province, year) → the row that gave it.
    seen: HashMap<(String, u16), usize>,
    structures: HashMap<u16, Option<YearStructure>>,
    errs: ImportErrors,
    out: Vec<ProvincialScore>,
}

impl ScoreRows<'_> {
    fn row(&mut self, row: usize, cells: &[String]) {
        let get = |c: usize| cells.get(c).map_or("", |s| s.trim());
        let cp = self.columns.province;
        let province = get(cp);
        if province.is_empty() {
            self.errs.push(FormatError::at(
                row,
                &self.header[cp],
                "thiếu tên hoặc mã tỉnh",
            ));
            return;
        }
        let Some(year) = self.year(row, get) else {
            return;
        };
        let st = self
            .structures
            .entry(year)
            .or_insert_with(|| YearStructure::for_year(year).ok());
        let Some(st) = st.as_ref() else {
            self.errs.push(
                FormatError::new(format!(
                    "năm {year}: PAPI chỉ có cấu trúc 8 lĩnh vực từ năm 2018"
                ))
                .row(row),
            );
            return;
        };
        if let Some(first) = self.seen.insert((province.to_string(), year), row) {
            self.errs.push(FormatError::at(
                row,
                &self.header[cp],
                format!("tỉnh {} năm {year} đã có ở dòng {first}", quoted(province)),
            ));
            return;
        }
        for (c, code) in &self.columns.subs {
            let v = get(*c);
            if v.is_empty() {
                continue;
            }
            match score(v, code, year, st) {
                Ok(score) => self.out.push(ProvincialScore {
                    province: province.to_string(),
                    year,
                    subdimension: code.clone(),
                    score,
                }),
                Err(m) => self.errs.push(FormatError::at(row, &self.header[*c], m)),
            }
        }
    }

    /// The row's year: its cell, or the default when the table has no year column.
    fn year<'c>(&mut self, row: usize, get: impl Fn(usize) -> &'c str) -> Option<u16> {
        let Some(c) = self.columns.year else {
            return Some(self.default_year.unwrap_or_default());
        };
        let y = get(c).parse::<u16>().ok();
        if y.is_none() {
            self.errs.push(FormatError::at(
                row,
                &self.header[c],
                format!("{} không phải là một năm", quoted(get(c))),
            ));
        }
        y
    }
}

/// One score cell (`6.5` or `6,5`) of sub-dimension `code` in `year`.
fn score(v: &str, code: &str, year: u16, st: &YearStructure) -> Result<f64, String> {
    let score = v
        .replace(',', ".")
        .parse::<f64>()
        .map_err(|_| format!("{} không phải là số", quoted(v)))?;
    check_score(score).map_err(|why| format!("{} không hợp lệ: {why}", quoted(v)))?;
    if st.dimension_of(code).is_none() {
        return Err(format!(
            "nội dung thành phần {code} không có trong cấu trúc PAPI năm {year}"
        ));
    }
    Ok(score)
}

/// CSV (the shared layout; needs `year`) or XLSX, told apart by the content.
pub fn read_provincial(
    bytes: &[u8],
    file_name: &str,
    year: Option<u16>,
) -> Result<Vec<ProvincialScore>, ImportErrors> {
    by_format(
        bytes,
        file_name,
        || match year {
            Some(y) => read_provincial_csv(y, bytes),
            None => Err(FormatError::new(
                "tệp CSV điểm PAPI cấp tỉnh không có cột năm: hãy cho biết năm của tệp",
            )
            .into()),
        },
        || read_provincial_xlsx(bytes, year),
    )
}
