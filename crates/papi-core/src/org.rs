//! The commune and its people: villages, units, users and their roles (DESIGN.md §1).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommuneKind {
    Xa,
    Phuong,
    DacKhu,
}

impl CommuneKind {
    pub fn label(self) -> &'static str {
        match self {
            CommuneKind::Xa => "xã",
            CommuneKind::Phuong => "phường",
            CommuneKind::DacKhu => "đặc khu",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            CommuneKind::Xa => "xa",
            CommuneKind::Phuong => "phuong",
            CommuneKind::DacKhu => "dac_khu",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "xa" => Some(CommuneKind::Xa),
            "phuong" => Some(CommuneKind::Phuong),
            "dac_khu" => Some(CommuneKind::DacKhu),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Commune {
    pub id: i64,
    /// Mã đơn vị hành chính of the General Statistics Office.
    pub gso_code: String,
    pub name: String,
    pub kind: CommuneKind,
    pub province: String,
    /// When its deadlines start to show as falling due.
    pub due_soon: crate::agenda::DueSoon,
}

impl Commune {
    /// "xã Lương Tài", as the commune is named in running text.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.kind.label(), self.name)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Village {
    pub id: i64,
    pub commune_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unit {
    pub id: i64,
    pub commune_id: i64,
    pub name: String,
    /// Short name used in tables, e.g. "VP UBND".
    pub short_name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Chairman,
    Office,
    UnitHead,
    Officer,
    Front,
    VillageHead,
    Province,
    Admin,
    /// Runs a deployment shared by a province's communes: adds communes and their first
    /// administrators, reads the roll-up; never a commune's own work.
    ProvinceAdmin,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Chairman,
        Role::Office,
        Role::UnitHead,
        Role::Officer,
        Role::Front,
        Role::VillageHead,
        Role::Province,
        Role::Admin,
        Role::ProvinceAdmin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Chairman => "chairman",
            Role::Office => "office",
            Role::UnitHead => "unit_head",
            Role::Officer => "officer",
            Role::Front => "front",
            Role::VillageHead => "village_head",
            Role::Province => "province",
            Role::Admin => "admin",
            Role::ProvinceAdmin => "province_admin",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Chairman => "Chủ tịch UBND",
            Role::Office => "Văn phòng UBND",
            Role::UnitHead => "Trưởng ban, ngành",
            Role::Officer => "Công chức",
            Role::Front => "Ủy ban MTTQ, Ban TTND",
            Role::VillageHead => "Trưởng thôn",
            Role::Province => "Cấp tỉnh (xem)",
            Role::Admin => "Quản trị hệ thống",
            Role::ProvinceAdmin => "Quản trị cấp tỉnh",
        }
    }

    /// Roles that carry out tasks for a unit and so must belong to one.
    pub fn needs_unit(self) -> bool {
        matches!(self, Role::UnitHead | Role::Officer)
    }

    /// Province roles read every commune of the deployment and belong to none of them.
    pub fn is_province(self) -> bool {
        matches!(self, Role::Province | Role::ProvinceAdmin)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub commune_id: i64,
    pub username: String,
    pub full_name: String,
    pub email: String,
    pub role: Role,
    pub unit_id: Option<i64>,
    pub village_id: Option<i64>,
    pub active: bool,
}

/// Checks a username: 3–32 characters of a–z, 0–9, `.`, `_`, `-`.
pub fn validate_username(name: &str) -> Result<(), String> {
    let ok_len = (3..=32).contains(&name.chars().count());
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c));
    if ok_len && ok_chars {
        Ok(())
    } else {
        Err("Tên đăng nhập phải dài 3–32 ký tự, chỉ gồm chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang.".into())
    }
}

/// Whether an admin may lock the account `target`: never their own, or nobody could get back in.
pub fn may_deactivate(actor_user_id: i64, target_user_id: i64) -> Result<(), String> {
    if actor_user_id == target_user_id {
        Err("Không thể tự khóa tài khoản của mình.".into())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn admins_do_not_lock_themselves_out() {
        assert!(may_deactivate(1, 1).is_err());
        assert!(may_deactivate(1, 2).is_ok());
    }

    #[test]
    fn usernames() {
        assert!(validate_username("vanphong").is_ok());
        assert!(validate_username("ab").is_err());
        assert!(validate_username("Văn").is_err());
    }
}
