//! The six subjects residents decide (Điều 15), who may put one to them (Điều 16) and the
//! forms of deciding (Điều 17), with their codes and Vietnamese labels.

use serde::Serialize;

/// A subject of Luật Thực hiện dân chủ ở cơ sở 2022, Điều 15, numbered as the law numbers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// 1. Policy and level of contributions for infrastructure and public works.
    Contribution,
    /// 2. Collecting, spending and managing contributions and funds the community manages.
    CommunityMoney,
    /// 3. Hương ước, quy ước.
    Covenant,
    /// 4. Electing or dismissing the village head.
    VillageHead,
    /// 5. Electing or dismissing members of the BTTND or the BGSĐTCĐ.
    BoardMembers,
    /// 6. Other self-governance matters.
    Other,
}

/// Who recognises a decision before it takes effect (Điều 21 khoản 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Recogniser {
    /// Ủy ban nhân dân xã: items 3 and 4.
    Ubnd,
    /// Ủy ban Mặt trận Tổ quốc Việt Nam xã: item 5.
    Mttq,
}

impl Recogniser {
    pub fn label(self) -> &'static str {
        match self {
            Recogniser::Ubnd => "UBND xã",
            Recogniser::Mttq => "Ủy ban MTTQ Việt Nam xã",
        }
    }
}

impl Subject {
    pub const ALL: [Subject; 6] = [
        Subject::Contribution,
        Subject::CommunityMoney,
        Subject::Covenant,
        Subject::VillageHead,
        Subject::BoardMembers,
        Subject::Other,
    ];

    /// The item number of Điều 15.
    pub fn item(self) -> u8 {
        match self {
            Subject::Contribution => 1,
            Subject::CommunityMoney => 2,
            Subject::Covenant => 3,
            Subject::VillageHead => 4,
            Subject::BoardMembers => 5,
            Subject::Other => 6,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Subject::Contribution => "contribution",
            Subject::CommunityMoney => "community_money",
            Subject::Covenant => "covenant",
            Subject::VillageHead => "village_head",
            Subject::BoardMembers => "board_members",
            Subject::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Subject> {
        Subject::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Subject::Contribution => {
                "Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, công trình công cộng"
            }
            Subject::CommunityMoney => {
                "Thu, chi, quản lý khoản đóng góp và kinh phí, tài sản do cộng đồng quản lý"
            }
            Subject::Covenant => "Hương ước, quy ước",
            Subject::VillageHead => "Bầu, cho thôi làm Trưởng thôn",
            Subject::BoardMembers => {
                "Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban giám sát đầu tư của cộng đồng"
            }
            Subject::Other => "Công việc tự quản khác trong nội bộ cộng đồng",
        }
    }

    /// Money the residents give or the community manages (items 1–2): two thirds of all
    /// households (Điều 21 khoản 1).
    pub fn is_money(self) -> bool {
        matches!(self, Subject::Contribution | Subject::CommunityMoney)
    }

    /// Items 3–5 are decided in a meeting (Điều 17 khoản 2).
    pub fn meeting_only(self) -> bool {
        matches!(
            self,
            Subject::Covenant | Subject::VillageHead | Subject::BoardMembers
        )
    }

    /// Items 1–3: the documents reach each household at least 2 days before the meeting
    /// (Điều 18; Nghị định 59/2023 Điều 3).
    pub fn needs_documents(self) -> bool {
        matches!(
            self,
            Subject::Contribution | Subject::CommunityMoney | Subject::Covenant
        )
    }

    /// Who must recognise the decision (Điều 21 khoản 2), if anyone.
    pub fn recogniser(self) -> Option<Recogniser> {
        match self {
            Subject::Covenant | Subject::VillageHead => Some(Recogniser::Ubnd),
            Subject::BoardMembers => Some(Recogniser::Mttq),
            _ => None,
        }
    }
}

/// Who put the matter to the residents (Điều 16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Proposer {
    /// The commune chairman, for a commune-wide matter, after agreeing with the MTTQ chair.
    Chairman,
    /// The village head, for a village matter, after agreeing with the village Front.
    VillageHead,
    /// Residents' initiative backed by at least 10 % of households.
    Initiative,
}

impl Proposer {
    pub const ALL: [Proposer; 3] = [
        Proposer::Chairman,
        Proposer::VillageHead,
        Proposer::Initiative,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Proposer::Chairman => "chairman",
            Proposer::VillageHead => "village_head",
            Proposer::Initiative => "initiative",
        }
    }

    pub fn parse(code: &str) -> Option<Proposer> {
        Proposer::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Proposer::Chairman => {
                "Chủ tịch UBND xã (sau khi thống nhất với Chủ tịch Ủy ban MTTQ xã)"
            }
            Proposer::VillageHead => {
                "Trưởng thôn (sau khi thống nhất với Ban công tác Mặt trận thôn)"
            }
            Proposer::Initiative => "Sáng kiến của Nhân dân (ít nhất 10% số hộ đồng thuận)",
        }
    }
}

/// How the residents decide (Điều 17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// A meeting of the community (Điều 18).
    Meeting,
    /// Ballots sent to each household (Điều 19).
    Ballot,
    /// An online vote (Nghị định 59/2023 Điều 5), item 6 only.
    Online,
}

impl Form {
    pub const ALL: [Form; 3] = [Form::Meeting, Form::Ballot, Form::Online];

    pub fn code(self) -> &'static str {
        match self {
            Form::Meeting => "meeting",
            Form::Ballot => "ballot",
            Form::Online => "online",
        }
    }

    pub fn parse(code: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Form::Meeting => "Họp cộng đồng dân cư",
            Form::Ballot => "Phát phiếu lấy ý kiến hộ gia đình",
            Form::Online => "Biểu quyết trực tuyến",
        }
    }

    /// The notice rule of the form (Nghị định 59/2023 Điều 3–4), if it has one.
    pub fn notice_rule(self) -> Option<&'static str> {
        match self {
            Form::Meeting => Some("COMM-MEETING-NOTICE"),
            Form::Ballot => Some("COMM-BALLOT-NOTICE"),
            Form::Online => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in Subject::ALL {
            assert_eq!(Subject::parse(s.code()), Some(s));
        }
        for f in Form::ALL {
            assert_eq!(Form::parse(f.code()), Some(f));
        }
        for p in Proposer::ALL {
            assert_eq!(Proposer::parse(p.code()), Some(p));
        }
        assert_eq!(Subject::parse("x"), None);
    }

    /// Điều 21 khoản 2: "nội dung quy định tại khoản 3 và khoản 4 Điều 15 ... Ủy ban nhân dân
    /// cấp xã công nhận; khoản 5 ... Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã".
    #[test]
    fn recognition_follows_article_21() {
        assert_eq!(Subject::Covenant.recogniser(), Some(Recogniser::Ubnd));
        assert_eq!(Subject::VillageHead.recogniser(), Some(Recogniser::Ubnd));
        assert_eq!(Subject::BoardMembers.recogniser(), Some(Recogniser::Mttq));
        assert_eq!(Subject::Contribution.recogniser(), None);
        assert_eq!(Subject::Other.recogniser(), None);
    }
}
