//! Who may see a matter, and the denouncer's sealed identity (Luật Tố cáo 2018 Điều 8 khoản 3,
//! Điều 9 khoản 1 b, Điều 29 khoản 3, Điều 40 khoản 3, Điều 47–56).
//!
//! The identity — name, address, ID number, handwriting and any scan that shows them — lives
//! in a sealed record apart from the case. Only the custodian (the handler assigned to the
//! case) may open it; every opening is logged to a restricted log. Verifiers work on the
//! redacted copy (Điều 56 khoản 2). A person named in the denunciation never sees the case.

use serde::Serialize;

use super::kind::MatterKind;
use super::matter::Matter;
use crate::permission::Actor;
use crate::Role;

/// How much of a matter a user may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Visibility {
    /// Not even that it exists.
    None,
    /// The case without any identity (the verifier's copy, the chairman's oversight).
    Redacted,
    /// The case, and for a denunciation the right to open the sealed identity.
    Full,
}

/// What `actor` may see of `m`.
pub fn can_view(actor: &Actor, m: &Matter) -> Visibility {
    if actor.commune_id != m.commune_id {
        return Visibility::None;
    }
    let assigned_unit = actor.unit_id.is_some() && actor.unit_id == m.unit_id;
    match m.kind {
        MatterKind::Denunciation => {
            if m.accused_user_ids.contains(&actor.user_id) {
                return Visibility::None;
            }
            if m.handler_id == Some(actor.user_id) {
                return Visibility::Full;
            }
            // The chairman oversees, unless the denunciation is against the leadership (then
            // the provincial chairman resolves it, Luật Tố cáo Điều 13 khoản 4 a as amended).
            if actor.role == Role::Chairman && !m.against_leadership {
                return Visibility::Redacted;
            }
            if assigned_unit && matches!(actor.role, Role::UnitHead | Role::Officer) {
                return Visibility::Redacted;
            }
            Visibility::None
        }
        MatterKind::Complaint => match actor.role {
            Role::Chairman | Role::Office => Visibility::Full,
            Role::UnitHead | Role::Officer if assigned_unit => Visibility::Full,
            _ => Visibility::None,
        },
        MatterKind::Feedback => match actor.role {
            Role::Chairman | Role::Office => Visibility::Full,
            Role::UnitHead | Role::Officer if assigned_unit => Visibility::Full,
            // Whoever brought it in follows it (a village head, the one-stop desk).
            Role::VillageHead | Role::UnitHead | Role::Officer
                if m.entered_by == Some(actor.user_id) =>
            {
                Visibility::Full
            }
            _ => Visibility::None,
        },
    }
}

/// Whether `actor` may take steps on `m` (classify, accept, decide…): the office and the
/// chairman for feedback and complaints; for a denunciation only its handler.
pub fn can_handle(actor: &Actor, m: &Matter) -> bool {
    if can_view(actor, m) == Visibility::None {
        return false;
    }
    match m.kind {
        MatterKind::Denunciation => m.handler_id == Some(actor.user_id),
        _ => matches!(actor.role, Role::Chairman | Role::Office),
    }
}

/// Whether `actor` may answer feedback assigned to their unit.
pub fn can_answer(actor: &Actor, m: &Matter) -> bool {
    m.kind == MatterKind::Feedback
        && (can_handle(actor, m)
            || (actor.unit_id.is_some()
                && actor.unit_id == m.unit_id
                && matches!(actor.role, Role::UnitHead | Role::Officer)))
}

/// Only the custodian opens the sealed identity.
pub fn can_open_identity(actor: &Actor, m: &Matter) -> bool {
    m.kind == MatterKind::Denunciation
        && actor.commune_id == m.commune_id
        && m.handler_id == Some(actor.user_id)
        && !m.accused_user_ids.contains(&actor.user_id)
}

/// The mark that replaces a hidden identity.
pub const REDACTED: &str = "[đã che thông tin người tố cáo]";

/// `text` with every occurrence of each identity value replaced, matched without regard to
/// case or diacritics, so "NGUYEN VAN A" and "Nguyễn Văn A" are both hidden. Values shorter than
/// three characters are ignored (they would match everywhere).
pub fn redact(text: &str, identity: &[&str]) -> String {
    let mut out = text.to_string();
    for value in identity {
        let value = value.trim();
        if value.chars().count() < 3 {
            continue;
        }
        out = replace_folded(&out, value);
    }
    out
}

/// Replaces `needle` in `hay`, comparing folded characters one by one (fold keeps one
/// character per character for Vietnamese letters, so positions line up).
fn replace_folded(hay: &str, needle: &str) -> String {
    let fold_char = |c: char| crate::text::fold(&c.to_string());
    let hay_chars: Vec<char> = hay.chars().collect();
    let hay_folded: Vec<String> = hay_chars.iter().map(|c| fold_char(*c)).collect();
    let needle_folded: Vec<String> = needle.chars().map(fold_char).collect();
    let n = needle_folded.len();
    let mut out = String::new();
    let mut i = 0;
    while i < hay_chars.len() {
        if i + n <= hay_chars.len() && hay_folded[i..i + n] == needle_folded[..] {
            out.push_str(REDACTED);
            i += n;
        } else {
            out.push(hay_chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voice::kind::Channel;
    use crate::voice::matter::{CaseFlags, Requester};
    use crate::voice::stage::Stage;
    use chrono::NaiveDate;

    pub(crate) fn denunciation() -> Matter {
        Matter {
            id: 1,
            commune_id: 7,
            code: "TC-2026-ABCD2345".into(),
            kind: MatterKind::Denunciation,
            channel: Channel::Letter,
            round: 1,
            received_on: NaiveDate::from_ymd_opt(2026, 7, 6).unwrap(),
            title: "Tố cáo cán bộ địa chính".into(),
            content: "…".into(),
            village_id: None,
            place: String::new(),
            dimension: None,
            portal_code: String::new(),
            referrer: String::new(),
            stage: Stage::Accepted,
            flags: CaseFlags::default(),
            unit_id: Some(3),
            handler_id: Some(10),
            entered_by: Some(20),
            parent_id: None,
            duplicate_of: None,
            requester: Requester::default(),
            publish_consent: false,
            answer: String::new(),
            rating: None,
            accused_user_ids: vec![11],
            respondent: "Công chức địa chính".into(),
            against_leadership: false,
            signs_of_crime: false,
        }
    }

    fn actor(user_id: i64, role: Role, unit_id: Option<i64>) -> Actor {
        Actor {
            user_id,
            commune_id: 7,
            role,
            unit_id,
        }
    }

    #[test]
    fn only_the_custodian_sees_the_identity_and_the_accused_sees_nothing() {
        let m = denunciation();
        assert_eq!(
            can_view(&actor(10, Role::Office, None), &m),
            Visibility::Full
        );
        assert!(can_open_identity(&actor(10, Role::Office, None), &m));
        // The accused, even as a member of the verifying unit.
        assert_eq!(
            can_view(&actor(11, Role::Officer, Some(3)), &m),
            Visibility::None
        );
        // A verifier of the unit: redacted copy, no identity.
        let verifier = actor(12, Role::Officer, Some(3));
        assert_eq!(can_view(&verifier, &m), Visibility::Redacted);
        assert!(!can_open_identity(&verifier, &m));
        // Another office member, an admin, another commune: nothing.
        assert_eq!(
            can_view(&actor(13, Role::Office, None), &m),
            Visibility::None
        );
        assert_eq!(
            can_view(&actor(14, Role::Admin, None), &m),
            Visibility::None
        );
        let mut other = actor(10, Role::Office, None);
        other.commune_id = 8;
        assert_eq!(can_view(&other, &m), Visibility::None);
        // The chairman oversees without identity, unless he is among the leadership denounced.
        assert_eq!(
            can_view(&actor(1, Role::Chairman, None), &m),
            Visibility::Redacted
        );
        let mut against = denunciation();
        against.against_leadership = true;
        assert_eq!(
            can_view(&actor(1, Role::Chairman, None), &against),
            Visibility::None
        );
    }

    #[test]
    fn redaction_ignores_case_and_diacritics() {
        let text =
            "Tôi là NGUYEN VAN MAT, ở Thôn Kín; Nguyễn Văn Mật xin giấu tên. CCCD 001234567890.";
        let r = redact(text, &["Nguyễn Văn Mật", "thôn kín", "001234567890", "A"]);
        assert!(!crate::text::fold(&r).contains("nguyen van mat"), "{r}");
        assert!(!crate::text::fold(&r).contains("thon kin"), "{r}");
        assert!(!r.contains("001234567890"));
        assert!(r.starts_with("Tôi là [đã che"));
    }
}
