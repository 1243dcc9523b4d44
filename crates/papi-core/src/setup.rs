//! Setting up a commune: which unit of the official list (or a historic commune linked to the
//! unit that succeeded it), its first administrator, villages, units and due-soon window, as
//! typed on the first-run page, by `papi init` or by a province administrator. One check for
//! all three, each refusal naming its field.

use serde::Serialize;

use crate::admin_units::{self, AdminUnit};
use crate::agenda::DueSoon;
use crate::org::validate_username;
use crate::password::check_password;
use crate::text::visible;
use crate::CommuneKind;

/// The offices and organisations of a commune after the 2025 reform (two-level local
/// government: Nghị định 150/2025/NĐ-CP on the commune's specialised offices; the Front and
/// the mass organisations it now includes), name and short name. Editable before saving.
pub const DEFAULT_UNITS_XA: [(&str, &str); 11] = [
    ("Văn phòng HĐND và UBND", "VP HĐND-UBND"),
    ("Phòng Kinh tế", "P. Kinh tế"),
    ("Phòng Văn hóa - Xã hội", "P. VH-XH"),
    ("Trung tâm Phục vụ hành chính công", "TT PVHCC"),
    ("Công an xã", "Công an"),
    ("Ban Chỉ huy quân sự", "BCH QS"),
    ("Ủy ban MTTQ Việt Nam", "MTTQ"),
    ("Hội Liên hiệp Phụ nữ", "Hội PN"),
    ("Hội Nông dân", "Hội ND"),
    ("Hội Cựu chiến binh", "Hội CCB"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn TN"),
];

/// A ward's economy office also covers infrastructure and urban affairs
/// (Nghị định 150/2025/NĐ-CP).
pub const WARD_ECONOMY_OFFICE: (&str, &str) = ("Phòng Kinh tế, Hạ tầng và Đô thị", "P. KT-HT-ĐT");

/// The default units of a commune of this kind, as lines "Tên | Tên viết tắt" for the form.
pub fn default_units(kind: CommuneKind) -> Vec<(String, String)> {
    DEFAULT_UNITS_XA
        .iter()
        .map(|&(name, short)| match (kind, name) {
            (CommuneKind::Phuong, "Phòng Kinh tế") => WARD_ECONOMY_OFFICE,
            (CommuneKind::Phuong, "Công an xã") => ("Công an phường", "Công an"),
            _ => (name, short),
        })
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect()
}

/// The units as the form shows them, one per line.
pub fn units_text(units: &[(String, String)]) -> String {
    units
        .iter()
        .map(|(n, s)| format!("{n} | {s}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A commune's setup as typed (every field a string, as forms and flags give them).
#[derive(Debug, Default, Clone)]
pub struct SetupForm {
    /// The unit's statistics-office code in the official list (the successor, for a historic
    /// commune).
    pub commune_code: String,
    /// For a commune that existed before 01/07/2025: its old name ("Lương Tài"); empty
    /// otherwise.
    pub historic_name: String,
    /// Its old kind: "xa" or "phuong" (default xã).
    pub historic_kind: String,
    /// Its old statistics-office code, if known.
    pub historic_code: String,
    pub admin_username: String,
    pub admin_full_name: String,
    pub admin_email: String,
    pub admin_password: String,
    /// One village or residential group per line.
    pub villages: String,
    /// One unit per line: "Tên | Tên viết tắt" (the short name may be left out).
    pub units: String,
    pub due_soon: String,
}

/// The commune to create, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommuneSetup {
    pub gso_code: String,
    pub name: String,
    pub kind: CommuneKind,
    pub province: String,
    /// The unit of the official list that succeeded a historic commune.
    pub successor_code: Option<String>,
    pub admin: Option<FirstAdmin>,
    pub villages: Vec<String>,
    pub units: Vec<(String, String)>,
    pub due_soon: DueSoon,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirstAdmin {
    pub username: String,
    pub full_name: String,
    pub email: String,
    #[serde(skip)]
    pub password: String,
}

/// The longest name a village, unit or commune may have.
pub const MAX_NAME_CHARS: usize = 200;
/// A guard against a wrong file, not a real bound: the largest merged communes have some 60
/// villages, and the survey is built to score 800 (issue 13's scale).
pub const MAX_VILLAGES: usize = 1000;

/// Checks a typed setup. `admin_required`: the first run and `papi init` need the first
/// administrator; a province administrator may add communes without one yet. Every refusal
/// names its field.
pub fn check(form: &SetupForm, admin_required: bool) -> Result<CommuneSetup, Vec<String>> {
    let mut errors = Vec::new();
    let unit = admin_units::by_code(&form.commune_code);
    if unit.is_none() {
        errors.push(if form.commune_code.trim().is_empty() {
            "Xã, phường: chưa chọn đơn vị trong danh mục.".to_string()
        } else {
            format!(
                "Xã, phường: mã “{}” không có trong danh mục đơn vị hành chính từ {}.",
                form.commune_code.trim(),
                admin_units::IN_FORCE_FROM
            )
        });
    }
    let historic = visible(&form.historic_name).trim().to_string();
    let historic_kind = match form.historic_kind.trim() {
        "" | "xa" => CommuneKind::Xa,
        "phuong" => CommuneKind::Phuong,
        other => {
            errors.push(format!(
                "Loại đơn vị cũ: “{other}” không phải xã hay phường."
            ));
            CommuneKind::Xa
        }
    };
    if historic.chars().count() > MAX_NAME_CHARS {
        errors.push(format!("Tên cũ: dài quá {MAX_NAME_CHARS} ký tự."));
    }
    let admin = if !admin_required
        && form.admin_username.trim().is_empty()
        && form.admin_password.is_empty()
    {
        None
    } else {
        let commune = unit.map(|u| u.name).unwrap_or_default();
        match check_first_admin(form, commune) {
            Ok(a) => Some(a),
            Err(e) => {
                errors.extend(e);
                None
            }
        }
    };
    let villages = lines(&form.villages)
        .map(|l| l.to_string())
        .collect::<Vec<_>>();
    check_names("Thôn, tổ dân phố", &villages, &mut errors);
    if villages.len() > MAX_VILLAGES {
        errors.push(format!(
            "Thôn, tổ dân phố: {} dòng, nhiều hơn {MAX_VILLAGES}.",
            villages.len()
        ));
    }
    let units: Vec<(String, String)> = lines(&form.units).map(split_unit).collect();
    if units.is_empty() {
        errors.push("Đơn vị: cần ít nhất một đơn vị (Văn phòng HĐND và UBND).".into());
    }
    let names: Vec<String> = units.iter().map(|(n, _)| n.clone()).collect();
    check_names("Đơn vị", &names, &mut errors);
    let due_soon = if form.due_soon.trim().is_empty() {
        DueSoon::default()
    } else {
        DueSoon::parse(&form.due_soon).unwrap_or_else(|e| {
            errors.push(format!("Số ngày báo trước: {e}"));
            DueSoon::default()
        })
    };
    let Some(unit) = unit.filter(|_| errors.is_empty()) else {
        return Err(errors);
    };
    Ok(build(
        unit,
        historic,
        historic_kind,
        form,
        admin,
        villages,
        units,
        due_soon,
    ))
}

#[allow(clippy::too_many_arguments)]
fn build(
    unit: &AdminUnit,
    historic: String,
    historic_kind: CommuneKind,
    form: &SetupForm,
    admin: Option<FirstAdmin>,
    villages: Vec<String>,
    units: Vec<(String, String)>,
    due_soon: DueSoon,
) -> CommuneSetup {
    let (gso_code, name, kind, successor_code) = if historic.is_empty() {
        (
            unit.code.to_string(),
            unit.name.to_string(),
            unit.kind,
            None,
        )
    } else {
        let old = form.historic_code.trim();
        let code = if old.is_empty() {
            format!(
                "{}-cu-{}",
                unit.code,
                crate::admin_units::fold(&historic).replace(' ', "-")
            )
        } else {
            old.to_string()
        };
        (code, historic, historic_kind, Some(unit.code.to_string()))
    };
    CommuneSetup {
        gso_code,
        name,
        kind,
        province: unit.province.to_string(),
        successor_code,
        admin,
        villages,
        units,
        due_soon,
    }
}

/// Checks the first administrator's fields of `form` (the password must not be built from the
/// username, the full name or the commune's name).
pub fn check_first_admin(form: &SetupForm, commune_name: &str) -> Result<FirstAdmin, Vec<String>> {
    let mut errors = Vec::new();
    let username = form.admin_username.trim().to_lowercase();
    if let Err(e) = validate_username(&username) {
        errors.push(format!("Tên đăng nhập của người quản trị: {e}"));
    }
    let full_name = visible(&form.admin_full_name).trim().to_string();
    if full_name.is_empty() {
        errors.push("Họ và tên người quản trị: không được để trống.".into());
    }
    if let Err(e) = check_password(&form.admin_password, &[&username, &full_name, commune_name]) {
        errors.push(format!("Mật khẩu người quản trị: {e}"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(FirstAdmin {
        username,
        full_name,
        email: form.admin_email.trim().to_string(),
        password: form.admin_password.clone(),
    })
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn split_unit(line: &str) -> (String, String) {
    let (name, short) = line.split_once('|').unwrap_or((line, ""));
    let name = visible(name).trim().to_string();
    let short = visible(short).trim().to_string();
    let short = if short.is_empty() {
        name.clone()
    } else {
        short
    };
    (name, short)
}

fn check_names(field: &str, names: &[String], errors: &mut Vec<String>) {
    for (i, n) in names.iter().enumerate() {
        if n.chars().count() > MAX_NAME_CHARS {
            errors.push(format!(
                "{field}, dòng {}: dài quá {MAX_NAME_CHARS} ký tự.",
                i + 1
            ));
        }
        let folded = admin_units::fold(n);
        if let Some(j) = names[..i]
            .iter()
            .position(|m| admin_units::fold(m) == folded)
        {
            errors.push(format!(
                "{field}, dòng {}: “{n}” trùng với dòng {}.",
                i + 1,
                j + 1
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SetupForm {
        SetupForm {
            commune_code: "11953".into(),
            admin_username: "quantri".into(),
            admin_full_name: "Nguyễn Văn An".into(),
            admin_password: "Cay-bang-truoc-san-2025".into(),
            villages: "Tổ dân phố 1\n\n Tổ dân phố 2 \n".into(),
            units: units_text(&default_units(CommuneKind::Phuong)),
            ..SetupForm::default()
        }
    }

    #[test]
    fn a_ward_of_the_list_with_its_admin_villages_and_units() {
        let s = check(&form(), true).unwrap();
        assert_eq!(s.gso_code, "11953");
        assert_eq!((s.name.as_str(), s.kind), ("Phố Hiến", CommuneKind::Phuong));
        assert_eq!(s.province, "Hưng Yên");
        assert_eq!(s.villages, ["Tổ dân phố 1", "Tổ dân phố 2"]);
        assert_eq!(s.units.len(), 11);
        assert!(s
            .units
            .iter()
            .any(|(n, _)| n == "Phòng Kinh tế, Hạ tầng và Đô thị"));
        assert!(s.units.iter().any(|(n, _)| n == "Công an phường"));
        assert_eq!(s.due_soon, DueSoon::default());
        assert_eq!(s.admin.unwrap().username, "quantri");
    }

    #[test]
    fn each_refusal_names_its_field() {
        let bad = SetupForm {
            commune_code: "99999".into(),
            admin_password: "123456".into(),
            villages: "Thôn Đông\nthon dong".into(),
            units: String::new(),
            due_soon: "0".into(),
            ..form()
        };
        let errors = check(&bad, true).unwrap_err();
        let all = errors.join("\n");
        assert!(all.contains("mã “99999” không có trong danh mục"), "{all}");
        assert!(all.contains("Mật khẩu người quản trị"), "{all}");
        assert!(
            all.contains("dòng 2: “thon dong” trùng với dòng 1"),
            "{all}"
        );
        assert!(all.contains("Đơn vị: cần ít nhất một đơn vị"), "{all}");
        assert!(all.contains("Số ngày báo trước"), "{all}");
    }

    #[test]
    fn a_historic_commune_is_linked_to_its_successor() {
        let f = SetupForm {
            commune_code: "11953".into(),
            historic_name: "Lương Tài".into(),
            ..form()
        };
        let s = check(&f, true).unwrap();
        assert_eq!(s.name, "Lương Tài");
        assert_eq!(s.kind, CommuneKind::Xa);
        assert_eq!(s.successor_code.as_deref(), Some("11953"));
        assert_eq!(s.gso_code, "11953-cu-luong-tai");
    }

    #[test]
    fn a_province_admin_may_add_a_commune_without_its_admin_yet() {
        let f = SetupForm {
            admin_username: String::new(),
            admin_full_name: String::new(),
            admin_password: String::new(),
            ..form()
        };
        assert!(check(&f, false).unwrap().admin.is_none());
        assert!(check(&f, true).is_err());
    }
}
