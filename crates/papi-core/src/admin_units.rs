//! The official list of commune-level units in force from 01/07/2025 (3,321 xã, phường and đặc
//! khu in 34 provinces), built into the binary so that setting up a commune needs no download.
//! Source and columns: `data/admin-units-2025/README.md`.

use std::sync::LazyLock;

use serde::Serialize;

use crate::text::capitalise_first;
use crate::CommuneKind;

const CSV: &str = include_str!("../data/admin-units-2025/communes.csv");

/// The date from which the list is in force (Nghị quyết 202/2025/QH15 and the Standing
/// Committee's resolutions on the reorganisation).
pub const IN_FORCE_FROM: &str = "01/07/2025";

/// One commune-level unit of the official list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdminUnit {
    pub province_code: &'static str,
    /// "Hưng Yên", without "Tỉnh"/"Thành phố".
    pub province: &'static str,
    /// 5-digit code of the national statistics office.
    pub code: &'static str,
    /// The name without its kind: "Phố Hiến" for "Phường Phố Hiến".
    pub name: &'static str,
    pub kind: CommuneKind,
}

impl AdminUnit {
    /// "Phường Phố Hiến", as the list writes it.
    pub fn official_name(&self) -> String {
        format!("{} {}", capitalise_first(self.kind.label()), self.name)
    }
}

/// A province of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Province {
    pub code: &'static str,
    pub name: &'static str,
    /// "tỉnh" or "thành phố trung ương".
    pub kind: &'static str,
    pub units: usize,
}

static UNITS: LazyLock<Vec<AdminUnit>> = LazyLock::new(|| {
    CSV.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| parse_line(l).unwrap_or_else(|| panic!("built-in unit list: bad line {l}")))
        .collect()
});

fn parse_line(line: &'static str) -> Option<AdminUnit> {
    let mut f = line.split(',');
    let (province_code, province, _kind, code, name, kind) = (
        f.next()?,
        f.next()?,
        f.next()?,
        f.next()?,
        f.next()?,
        f.next()?,
    );
    let kind = match kind.trim() {
        "xã" => CommuneKind::Xa,
        "phường" => CommuneKind::Phuong,
        "đặc khu" => CommuneKind::DacKhu,
        _ => return None,
    };
    let bare = name
        .split_once(' ')
        .filter(|(k, _)| {
            matches!(
                k.to_lowercase().as_str(),
                "xã" | "phường" | "đặc" | "đặc khu"
            )
        })
        .map(|(_, rest)| rest.strip_prefix("khu ").unwrap_or(rest))
        .unwrap_or(name);
    Some(AdminUnit {
        province_code,
        province,
        code,
        name: bare,
        kind,
    })
}

/// Every unit of the list, in the list's order (province by province).
pub fn all() -> &'static [AdminUnit] {
    &UNITS
}

/// The unit with this statistics-office code.
pub fn by_code(code: &str) -> Option<&'static AdminUnit> {
    let code = code.trim();
    UNITS.iter().find(|u| u.code == code)
}

/// The provinces, in the list's order, with how many units each has.
pub fn provinces() -> Vec<Province> {
    let mut out: Vec<Province> = Vec::new();
    for line in CSV.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let mut f = line.split(',');
        let (Some(code), Some(name), Some(kind)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        match out.last_mut() {
            Some(p) if p.code == code => p.units += 1,
            _ => out.push(Province {
                code,
                name,
                kind,
                units: 1,
            }),
        }
    }
    out
}

/// The province named or coded `query` ("33", "Hưng Yên", "tỉnh hưng yên", "Hung Yen").
pub fn province(query: &str) -> Option<Province> {
    let q = fold(query);
    let q = q
        .strip_prefix("tinh ")
        .or_else(|| q.strip_prefix("thanh pho "))
        .unwrap_or(&q)
        .to_string();
    provinces()
        .into_iter()
        .find(|p| p.code == query.trim() || fold(p.name) == q)
}

/// The units of a province.
pub fn of_province(province_code: &str) -> Vec<&'static AdminUnit> {
    UNITS
        .iter()
        .filter(|u| u.province_code == province_code)
        .collect()
}

/// Units of a province whose name matches `query`, with or without diacritics or kind
/// ("Phố Hiến", "pho hien", "Phường Phố Hiến", or the code).
pub fn find_in_province(province_code: &str, query: &str) -> Vec<&'static AdminUnit> {
    let q = fold(query);
    of_province(province_code)
        .into_iter()
        .filter(|u| u.code == query.trim() || fold(u.name) == q || fold(&u.official_name()) == q)
        .collect()
}

pub use crate::text::fold;

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts announced for the reorganisation: 34 provinces, 3,321 units of which 2,621
    /// xã, 687 phường and 13 đặc khu; Hưng Yên has 104.
    #[test]
    fn counts_match_the_announced_figures() {
        assert_eq!(all().len(), 3321);
        assert_eq!(provinces().len(), 34);
        let count = |k| all().iter().filter(|u| u.kind == k).count();
        assert_eq!(count(CommuneKind::Xa), 2621);
        assert_eq!(count(CommuneKind::Phuong), 687);
        assert_eq!(count(CommuneKind::DacKhu), 13);
        let hy = province("Hưng Yên").unwrap();
        assert_eq!((hy.code, hy.units), ("33", 104));
        assert_eq!(of_province("33").len(), 104);
    }

    #[test]
    fn codes_are_unique_and_names_lose_their_kind() {
        let mut codes: Vec<_> = all().iter().map(|u| u.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 3321);
        let u = by_code("11953").unwrap();
        assert_eq!((u.name, u.kind), ("Phố Hiến", CommuneKind::Phuong));
        assert_eq!(u.official_name(), "Phường Phố Hiến");
        assert!(all().iter().all(|u| !u.name.starts_with("Xã ")
            && !u.name.starts_with("Phường ")
            && !u.name.starts_with("Đặc khu ")));
    }

    #[test]
    fn people_type_names_without_diacritics() {
        assert_eq!(province("tinh hung yen").unwrap().code, "33");
        assert_eq!(province("33").unwrap().name, "Hưng Yên");
        assert!(province("Hưng Yen Bắc").is_none());
        let found = find_in_province("33", "phuong pho hien");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "11953");
        assert_eq!(fold("  Đặc  KHU Côn Đảo "), "dac khu con dao");
    }
}
