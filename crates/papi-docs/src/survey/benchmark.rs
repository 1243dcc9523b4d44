//! Official provincial PAPI scores from a user's own file: the CSV layout of the shared data
//! (`Province,SC11,…,SC83`, one file per year; parsed by `papi_index::parse_provincial_csv`)
//! or an XLSX with a province column (`province` / `tỉnh`), a year column (`year` / `năm`)
//! and one column per sub-dimension (`SC11` …), one row per province and year.

use std::collections::HashMap;

use papi_core::text::fold;
use papi_index::{parse_provincial_csv, BenchmarkError, ProvincialScore, YearStructure};

use super::errors::{guard_import, kind_of, quoted, FormatError, ImportErrors};
use super::table::{blank, extension, open_xlsx, unsupported, utf8, xlsx_grid};
use crate::limits::check_score;

/// The shared CSV layout for one `year`, with Vietnamese errors.
pub fn read_provincial_csv(year: u16, bytes: &[u8]) -> Result<Vec<ProvincialScore>, ImportErrors> {
    guard_import("CSV", || provincial_csv(year, bytes))
}

fn provincial_csv(year: u16, bytes: &[u8]) -> Result<Vec<ProvincialScore>, ImportErrors> {
    let text = utf8(bytes)?;
    let scores = parse_provincial_csv(year, text).map_err(|e| {
        ImportErrors::from(match e {
            BenchmarkError::Empty => FormatError::new("tệp điểm PAPI cấp tỉnh trống"),
            BenchmarkError::NoProvinceColumn(c) => FormatError::new(format!(
                "cột đầu tiên phải là `Province`, không phải {}",
                quoted(&c)
            ))
            .row(1),
            BenchmarkError::BadNumber {
                line,
                column,
                value,
            } => FormatError::at(
                line,
                &column,
                format!("{} không phải là số", quoted(&value)),
            ),
            BenchmarkError::FieldCount {
                line,
                got,
                expected,
            } => FormatError::new(format!("có {got} ô, dòng tiêu đề có {expected} cột")).row(line),
        })
    })?;
    // the parser gives no row: name the province and the column instead
    let mut errs = ImportErrors::default();
    for s in &scores {
        if let Err(why) = check_score(s.score) {
            errs.push(
                FormatError::new(format!("{:?} không hợp lệ: {why}", s.score))
                    .context(format!("Tỉnh {}", quoted(&s.province)))
                    .column(&s.subdimension),
            );
        }
    }
    errs.into_result(scores)
}

fn sub_code(h: &str) -> Option<String> {
    let u = h.trim().to_uppercase().replace(['.', ' '], "");
    let digits = u.strip_prefix("SC")?;
    (digits.len() == 2 && digits.chars().all(|c| c.is_ascii_digit())).then_some(u)
}

/// A user's XLSX (first sheet). `default_year` is used when the sheet has no year column.
/// Sub-dimension columns must exist in the PAPI structure of the row's year; other columns
/// (totals, names) are ignored; blank cells are "no data".
pub fn read_provincial_xlsx(
    bytes: &[u8],
    default_year: Option<u16>,
) -> Result<Vec<ProvincialScore>, ImportErrors> {
    guard_import("XLSX", || provincial_xlsx(bytes, default_year))
}

fn provincial_xlsx(
    bytes: &[u8],
    default_year: Option<u16>,
) -> Result<Vec<ProvincialScore>, ImportErrors> {
    let mut book = open_xlsx(bytes)?;
    let grid = xlsx_grid(&mut book, None)?.unwrap_or_default();
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
    // the header: the first row with a province column (title rows above are skipped)
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
    let cp = header.iter().position(|c| is_province(c)).unwrap_or(0);
    let cy = header
        .iter()
        .position(|c| ["year", "nam"].contains(&fold(c).as_str()));
    let subs: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| sub_code(h).map(|c| (i, c)))
        .collect();
    let mut errs = ImportErrors::default();
    if subs.is_empty() {
        errs.push(
            FormatError::new("không có cột nội dung thành phần nào (SC11 … SC83)").row(*hrow),
        );
    }
    if cy.is_none() && default_year.is_none() {
        errs.push(FormatError::new("thiếu cột `year` (năm)").row(*hrow));
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let mut out = Vec::new();
    let mut seen: HashMap<(String, u16), usize> = HashMap::new();
    let mut structures: HashMap<u16, Option<YearStructure>> = HashMap::new();
    for (row, cells) in grid[hpos + 1..].iter().filter(|(_, r)| !blank(r)) {
        let get = |c: usize| cells.get(c).map_or("", |s| s.trim());
        let province = get(cp);
        if province.is_empty() {
            errs.push(FormatError::at(*row, &header[cp], "thiếu tên hoặc mã tỉnh"));
            continue;
        }
        let year = match cy {
            None => default_year.unwrap_or_default(),
            Some(c) => match get(c).parse::<u16>() {
                Ok(y) => y,
                Err(_) => {
                    errs.push(FormatError::at(
                        *row,
                        &header[c],
                        format!("{} không phải là một năm", quoted(get(c))),
                    ));
                    continue;
                }
            },
        };
        let st = structures
            .entry(year)
            .or_insert_with(|| YearStructure::for_year(year).ok());
        let Some(st) = st.as_ref() else {
            errs.push(
                FormatError::new(format!(
                    "năm {year}: PAPI chỉ có cấu trúc 8 lĩnh vực từ năm 2018"
                ))
                .row(*row),
            );
            continue;
        };
        if let Some(first) = seen.insert((province.to_string(), year), *row) {
            errs.push(FormatError::at(
                *row,
                &header[cp],
                format!("tỉnh {} năm {year} đã có ở dòng {first}", quoted(province)),
            ));
            continue;
        }
        for (c, code) in &subs {
            let v = get(*c);
            if v.is_empty() {
                continue;
            }
            let Ok(score) = v.replace(',', ".").parse::<f64>() else {
                errs.push(FormatError::at(
                    *row,
                    &header[*c],
                    format!("{} không phải là số", quoted(v)),
                ));
                continue;
            };
            if let Err(why) = check_score(score) {
                errs.push(FormatError::at(
                    *row,
                    &header[*c],
                    format!("{} không hợp lệ: {why}", quoted(v)),
                ));
                continue;
            }
            if st.dimension_of(code).is_none() {
                errs.push(FormatError::at(
                    *row,
                    &header[*c],
                    format!("nội dung thành phần {code} không có trong cấu trúc PAPI năm {year}"),
                ));
                continue;
            }
            out.push(ProvincialScore {
                province: province.to_string(),
                year,
                subdimension: code.clone(),
                score,
            });
        }
    }
    errs.into_result(out)
}

/// By the file's extension: `.csv` (the shared layout; needs `year`) or `.xlsx`.
pub fn read_provincial(
    bytes: &[u8],
    file_name: &str,
    year: Option<u16>,
) -> Result<Vec<ProvincialScore>, ImportErrors> {
    guard_import(kind_of(file_name), || match extension(file_name).as_str() {
        "csv" => match year {
            Some(y) => provincial_csv(y, bytes),
            None => Err(FormatError::new(
                "tệp CSV điểm PAPI cấp tỉnh không có cột năm: hãy cho biết năm của tệp",
            )
            .into()),
        },
        "xlsx" | "xlsm" => provincial_xlsx(bytes, year),
        _ => Err(unsupported(file_name).into()),
    })
}
