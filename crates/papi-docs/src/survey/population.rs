//! The commune's population table (CSV or XLSX, columns `village`, `sex`, `age_band`,
//! `population`: adults of one village, sex and age band per row) → the village adult
//! totals (base weights) and the sex × age-band cells (calibration) of `papi_index::Frame`.

use std::collections::HashMap;

use papi_core::text::fold;
use papi_index::{Cells, Frame};

use super::errors::{guard_import, kind_of, quoted, FormatError, ImportErrors};
use super::form::slug;
use super::table::{blank, csv_grid, extension, open_xlsx, unsupported, xlsx_grid, Grid};
use super::{AGE_BAND, SEX, VILLAGE};
use crate::limits::check_count;

/// The population table, summed the way the estimation needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    /// Villages in frame order (the caller's list, or the order of first appearance).
    pub villages: Vec<String>,
    /// Age bands in cell order (the caller's list, or the order of first appearance).
    pub age_bands: Vec<String>,
    /// Adults per village (sum over sex and age band).
    pub adults: Vec<f64>,
    /// Commune population per cell `sex * n_age + age` (sex 0 = F, 1 = M).
    pub cells: Cells,
    /// Population per village × cell, row-major (`village * n_cells + cell`).
    pub by_village: Vec<f64>,
}

impl Population {
    /// The frame for `papi_index::Survey`: base weights from village adults, calibration to
    /// the commune's sex × age cells.
    pub fn frame(&self) -> Frame {
        Frame {
            villages: self.villages.clone(),
            adults: Some(self.adults.clone()),
            cells: self.cells.clone(),
        }
    }
}

/// `12.345`, `12,345`, `12 345` (thousands separators) or a plain number.
fn parse_count(s: &str) -> Option<f64> {
    let t = s.trim();
    let grouped = |sep: char| {
        let parts: Vec<&str> = t.split(sep).collect();
        parts.len() > 1
            && (1..=3).contains(&parts[0].len())
            && parts[1..].iter().all(|p| p.len() == 3)
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
    };
    for sep in ['.', ',', ' ', '\u{a0}'] {
        if grouped(sep) {
            return t.replace(sep, "").parse().ok();
        }
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn band_key(s: &str) -> String {
    fold(s)
        .replace(['–', '—'], "-")
        .replace("tuoi", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn from_grid(
    grid: &Grid,
    villages: Option<&[String]>,
    age_bands: Option<&[String]>,
) -> Result<Population, ImportErrors> {
    let mut rows = grid.iter().filter(|(_, r)| !blank(r));
    let Some((hrow, header)) = rows.next() else {
        return Err(FormatError::new("bảng dân số trống").into());
    };
    let mut errs = ImportErrors::default();
    let mut col = |name: &str, what: &str| {
        let c = super::table::find_meta(header, name);
        if c.is_none() {
            errs.push(FormatError::new(format!("thiếu cột `{name}` ({what})")).row(*hrow));
        }
        c.unwrap_or(0)
    };
    let (cv, cs, ca, cp) = (
        col(VILLAGE, "thôn, tổ dân phố"),
        col(SEX, "F hoặc M"),
        col(AGE_BAND, "nhóm tuổi"),
        col("population", "số người"),
    );
    if !errs.is_empty() {
        return Err(errs);
    }
    let fixed_villages = villages.is_some();
    let fixed_bands = age_bands.is_some();
    let mut vnames: Vec<String> = villages.map(<[String]>::to_vec).unwrap_or_default();
    let mut bnames: Vec<String> = age_bands.map(<[String]>::to_vec).unwrap_or_default();
    // first pass: names in order
    let mut entries = Vec::new();
    for (row, cells) in rows {
        let get = |c: usize| cells.get(c).map_or("", |s| s.trim());
        let at = |c: usize, msg: String| FormatError::at(*row, &header[c], msg);
        let (v, s, a, p) = (get(cv), get(cs), get(ca), get(cp));
        let village = if v.is_empty() {
            errs.push(at(cv, "thiếu thôn, tổ dân phố".into()));
            None
        } else if let Some(i) = vnames
            .iter()
            .position(|n| n.trim() == v)
            .or_else(|| vnames.iter().position(|n| slug(n) == slug(v)))
        {
            Some(i)
        } else if fixed_villages {
            errs.push(at(
                cv,
                format!(
                    "thôn, tổ dân phố {} không có trong danh sách của xã",
                    quoted(v)
                ),
            ));
            None
        } else {
            vnames.push(v.to_string());
            Some(vnames.len() - 1)
        };
        let sex = match fold(s).as_str() {
            "f" | "nu" | "female" => Some(0),
            "m" | "nam" | "male" => Some(1),
            _ => {
                errs.push(at(
                    cs,
                    format!(
                        "giới tính {} không hợp lệ: dùng F (nữ) hoặc M (nam)",
                        quoted(s)
                    ),
                ));
                None
            }
        };
        let age = if a.is_empty() {
            errs.push(at(ca, "thiếu nhóm tuổi".into()));
            None
        } else if let Some(i) = bnames.iter().position(|b| band_key(b) == band_key(a)) {
            Some(i)
        } else if fixed_bands {
            errs.push(at(
                ca,
                format!("nhóm tuổi {} không có trong danh sách nhóm tuổi", quoted(a)),
            ));
            None
        } else {
            bnames.push(a.to_string());
            Some(bnames.len() - 1)
        };
        let pop = match parse_count(p) {
            Some(x) if x >= 0.0 => match check_count(x) {
                Ok(()) => Some(x),
                Err(why) => {
                    errs.push(at(cp, format!("{} không hợp lệ: {why}", quoted(p))));
                    None
                }
            },
            _ => {
                errs.push(at(
                    cp,
                    if p.is_empty() {
                        "thiếu số người".to_string()
                    } else {
                        format!("số người {} không phải là số không âm", quoted(p))
                    },
                ));
                None
            }
        };
        if let (Some(v), Some(s), Some(a), Some(p)) = (village, sex, age, pop) {
            entries.push((*row, v, s, a, p));
        }
    }
    let n_age = bnames.len();
    let nc = 2 * n_age;
    let mut by_village = vec![0.0; vnames.len() * nc];
    let mut seen: HashMap<(usize, usize, usize), usize> = HashMap::new();
    for (row, v, s, a, p) in entries {
        if let Some(first) = seen.insert((v, s, a), row) {
            errs.push(FormatError::at(
                row,
                &header[cv],
                format!(
                    "thôn {}, giới tính {}, nhóm tuổi {} đã có ở dòng {first}",
                    quoted(&vnames[v]),
                    if s == 0 { "F" } else { "M" },
                    quoted(&bnames[a])
                ),
            ));
            continue;
        }
        by_village[v * nc + s * n_age + a] = p;
    }
    let adults: Vec<f64> = (0..vnames.len())
        .map(|v| by_village[v * nc..(v + 1) * nc].iter().sum())
        .collect();
    for (v, total) in adults.iter().enumerate() {
        if *total <= 0.0 && errs.is_empty() {
            errs.push(FormatError::new(format!(
                "thôn {} không có dòng nào trong bảng dân số (hoặc tổng bằng 0)",
                quoted(&vnames[v])
            )));
        }
    }
    if nc == 0 && errs.is_empty() {
        errs.push(FormatError::new("bảng dân số không có dòng số liệu nào"));
    }
    let population = (0..nc)
        .map(|c| (0..vnames.len()).map(|v| by_village[v * nc + c]).sum())
        .collect();
    errs.into_result(Population {
        villages: vnames,
        age_bands: bnames,
        adults,
        cells: Cells { n_age, population },
        by_village,
    })
}

/// Read a population table from CSV. `villages` / `age_bands`: the lists the file must use
/// (None: taken from the file in order of first appearance).
pub fn read_population_csv(
    bytes: &[u8],
    villages: Option<&[String]>,
    age_bands: Option<&[String]>,
) -> Result<Population, ImportErrors> {
    guard_import("CSV", || from_grid(&csv_grid(bytes)?, villages, age_bands))
}

/// The same from XLSX (first sheet).
pub fn read_population_xlsx(
    bytes: &[u8],
    villages: Option<&[String]>,
    age_bands: Option<&[String]>,
) -> Result<Population, ImportErrors> {
    guard_import("XLSX", || {
        let mut book = open_xlsx(bytes)?;
        let grid = xlsx_grid(&mut book, None)?.unwrap_or_default();
        from_grid(&grid, villages, age_bands)
    })
}

/// By the file's extension.
pub fn read_population(
    bytes: &[u8],
    file_name: &str,
    villages: Option<&[String]>,
    age_bands: Option<&[String]>,
) -> Result<Population, ImportErrors> {
    guard_import(kind_of(file_name), || match extension(file_name).as_str() {
        "csv" | "txt" => read_population_csv(bytes, villages, age_bands),
        "xlsx" | "xlsm" => read_population_xlsx(bytes, villages, age_bands),
        _ => Err(unsupported(file_name).into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(parse_count("1.234"), Some(1234.0));
        assert_eq!(parse_count("12 345"), Some(12345.0));
        assert_eq!(parse_count("350"), Some(350.0));
        assert_eq!(parse_count("abc"), None);
    }
}
