//! The commune's population table (CSV or XLSX, columns `village`, `sex`, `age_band`,
//! `population`: adults of one village, sex and age band per row) → the village adult
//! totals (base weights) and the sex × age-band cells (calibration) of `papi_index::Frame`.

use std::collections::HashMap;

use papi_index::{Cells, Frame};

use super::columns::{band_key, find_meta, sex_index, AGE_BAND, SEX, VILLAGE};
use super::errors::{by_format, guard_import, quoted, FormatError, ImportErrors};
use super::form::slug;
use crate::limits::check_count;
use crate::table::{blank, first_sheet, Format, Grid};

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

/// A list of names a file's rows are matched against: the caller's (fixed: another name is an
/// error) or the file's own, grown in order of first appearance.
struct Names {
    names: Vec<String>,
    fixed: bool,
}

impl Names {
    fn new(given: Option<&[String]>) -> Self {
        Names {
            names: given.map(<[String]>::to_vec).unwrap_or_default(),
            fixed: given.is_some(),
        }
    }

    /// The index of `name`: the first equal to it under the first of `rules` that finds
    /// one; else added when the list is the file's own.
    fn index(&mut self, name: &str, rules: &[fn(&str, &str) -> bool]) -> Option<usize> {
        let found = rules
            .iter()
            .find_map(|same| self.names.iter().position(|n| same(n, name)));
        if found.is_some() {
            return found;
        }
        if self.fixed {
            return None;
        }
        self.names.push(name.to_string());
        Some(self.names.len() - 1)
    }
}

/// The columns of the table: village, sex, age band, population.
struct Columns {
    village: usize,
    sex: usize,
    age: usize,
    population: usize,
}

fn columns(header: &[String], header_row: usize) -> Result<Columns, ImportErrors> {
    let mut errs = ImportErrors::default();
    let mut col = |name: &str, what: &str| {
        let c = find_meta(header, name);
        if c.is_none() {
            errs.push(FormatError::new(format!("thiếu cột `{name}` ({what})")).row(header_row));
        }
        c.unwrap_or(0)
    };
    let columns = Columns {
        village: col(VILLAGE, "thôn, tổ dân phố"),
        sex: col(SEX, "F hoặc M"),
        age: col(AGE_BAND, "nhóm tuổi"),
        population: col("population", "số người"),
    };
    errs.into_result(columns)
}

/// One row read: (row, village, sex, age band, people).
type Entry = (usize, usize, usize, usize, f64);

/// Reads the rows after the header, every problem into `errs`.
struct RowReader<'g> {
    header: &'g [String],
    cols: Columns,
    villages: Names,
    bands: Names,
}

impl RowReader<'_> {
    fn entry(&mut self, row: usize, cells: &[String], errs: &mut ImportErrors) -> Option<Entry> {
        let get = |c: usize| cells.get(c).map_or("", |s| s.trim());
        let at = |c: usize, msg: String| FormatError::at(row, &self.header[c], msg);
        let c = &self.cols;
        let (v, s, a, p) = (get(c.village), get(c.sex), get(c.age), get(c.population));
        let village = village(&mut self.villages, v).map_err(|m| errs.push(at(c.village, m)));
        let sex = sex_index(s).ok_or_else(|| {
            let m = format!(
                "giới tính {} không hợp lệ: dùng F (nữ) hoặc M (nam)",
                quoted(s)
            );
            errs.push(at(c.sex, m))
        });
        let age = band(&mut self.bands, a).map_err(|m| errs.push(at(c.age, m)));
        let people = people(p).map_err(|m| errs.push(at(c.population, m)));
        Some((row, village.ok()?, sex.ok()?, age.ok()?, people.ok()?))
    }
}

fn village(villages: &mut Names, v: &str) -> Result<usize, String> {
    if v.is_empty() {
        return Err("thiếu thôn, tổ dân phố".into());
    }
    villages
        .index(v, &[|n, v| n.trim() == v, |n, v| slug(n) == slug(v)])
        .ok_or_else(|| {
            format!(
                "thôn, tổ dân phố {} không có trong danh sách của xã",
                quoted(v)
            )
        })
}

fn band(bands: &mut Names, a: &str) -> Result<usize, String> {
    if a.is_empty() {
        return Err("thiếu nhóm tuổi".into());
    }
    bands
        .index(a, &[|b, a| band_key(b) == band_key(a)])
        .ok_or_else(|| format!("nhóm tuổi {} không có trong danh sách nhóm tuổi", quoted(a)))
}

/// A population cell: a whole number of people.
fn people(p: &str) -> Result<f64, String> {
    match parse_count(p) {
        Some(x) if x >= 0.0 => check_count(x)
            .map(|()| x)
            .map_err(|why| format!("{} không hợp lệ: {why}", quoted(p))),
        _ if p.is_empty() => Err("thiếu số người".to_string()),
        _ => Err(format!("số người {} không phải là số không âm", quoted(p))),
    }
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
    let mut reader = RowReader {
        header,
        cols: columns(header, *hrow)?,
        villages: Names::new(villages),
        bands: Names::new(age_bands),
    };
    let mut errs = ImportErrors::default();
    let entries: Vec<Entry> = rows
        .filter_map(|(row, cells)| reader.entry(*row, cells, &mut errs))
        .collect();
    let (vnames, bnames) = (reader.villages.names, reader.bands.names);
    let village_column = &header[reader.cols.village];
    let by_village = tabulate(&entries, &vnames, &bnames, village_column, &mut errs);
    let n_age = bnames.len();
    let nc = 2 * n_age;
    let adults: Vec<f64> = (0..vnames.len())
        .map(|v| by_village[v * nc..(v + 1) * nc].iter().sum())
        .collect();
    check_totals(&adults, &vnames, nc, &mut errs);
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

/// People per village × cell (row-major); a village, sex and band given twice is an error.
fn tabulate(
    entries: &[Entry],
    vnames: &[String],
    bnames: &[String],
    village_column: &str,
    errs: &mut ImportErrors,
) -> Vec<f64> {
    let n_age = bnames.len();
    let nc = 2 * n_age;
    let mut by_village = vec![0.0; vnames.len() * nc];
    let mut seen: HashMap<(usize, usize, usize), usize> = HashMap::new();
    for &(row, v, s, a, p) in entries {
        if let Some(first) = seen.insert((v, s, a), row) {
            errs.push(FormatError::at(
                row,
                village_column,
                format!(
                    "thôn {}, giới tính {}, nhóm tuổi {} đã có ở dòng {first}",
                    quoted(&vnames[v]),
                    if s == 0 { "F" } else { "M" },
                    quoted(&bnames[a])
                ),
            ));
            continue;
        }
        by_village[v * nc + papi_index::Cells::cell(s, a, n_age)] = p;
    }
    by_village
}

/// Every village has people, and the table has rows (checked once nothing else is wrong).
fn check_totals(adults: &[f64], vnames: &[String], nc: usize, errs: &mut ImportErrors) {
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
}

/// Read a population table from CSV. `villages` / `age_bands`: the lists the file must use
/// (None: taken from the file in order of first appearance).
pub fn read_population_csv(
    bytes: &[u8],
    villages: Option<&[String]>,
    age_bands: Option<&[String]>,
) -> Result<Population, ImportErrors> {
    read_as(bytes, Format::Csv, villages, age_bands)
}

/// The same from XLSX (first sheet).
pub fn read_population_xlsx(
    bytes: &[u8],
    villages: Option<&[String]>,
    age_bands: Option<&[String]>,
) -> Result<Population, ImportErrors> {
    read_as(bytes, Format::Xlsx, villages, age_bands)
}

fn read_as(
    bytes: &[u8],
    format: Format,
    villages: Option<&[String]>,
    age_bands: Option<&[String]>,
) -> Result<Population, ImportErrors> {
    guard_import(format.name(), || {
        from_grid(&first_sheet(bytes, format)?, villages, age_bands)
    })
}

/// CSV or XLSX, told apart by the content.
pub fn read_population(
    bytes: &[u8],
    file_name: &str,
    villages: Option<&[String]>,
    age_bands: Option<&[String]>,
) -> Result<Population, ImportErrors> {
    by_format(
        bytes,
        file_name,
        || read_population_csv(bytes, villages, age_bands),
        || read_population_xlsx(bytes, villages, age_bands),
    )
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
