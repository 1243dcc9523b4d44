//! What a matter is (feedback, complaint, denunciation) and how it reached the commune.

use serde::{Deserialize, Serialize};

/// The three kinds the law treats differently: a mixed letter is split into one of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatterKind {
    /// Phản ánh, kiến nghị: no statute fixes the answer time; the commune or province does.
    Feedback,
    /// Khiếu nại (Luật Khiếu nại 2011).
    Complaint,
    /// Tố cáo (Luật Tố cáo 2018): the denouncer's identity is sealed.
    Denunciation,
}

impl MatterKind {
    pub const ALL: [MatterKind; 3] = [
        MatterKind::Feedback,
        MatterKind::Complaint,
        MatterKind::Denunciation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MatterKind::Feedback => "feedback",
            MatterKind::Complaint => "complaint",
            MatterKind::Denunciation => "denunciation",
        }
    }

    pub fn parse(code: &str) -> Option<MatterKind> {
        MatterKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            MatterKind::Feedback => "Phản ánh, kiến nghị",
            MatterKind::Complaint => "Khiếu nại",
            MatterKind::Denunciation => "Tố cáo",
        }
    }

    /// The prefix of the tracking code on the receipt.
    pub fn code_prefix(self) -> &'static str {
        match self {
            MatterKind::Feedback => "PA",
            MatterKind::Complaint => "KN",
            MatterKind::Denunciation => "TC",
        }
    }

    /// Residents may follow it on the public page by its code. Never a denunciation: even its
    /// existence is kept from the public.
    pub fn publicly_trackable(self) -> bool {
        !matches!(self, MatterKind::Denunciation)
    }
}

/// Every way a matter arrives; each is entered into the same register (QĐ 31/2021 Điều 43
/// khoản 2: feedback received off the portal is entered by the agency too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// In person at the reception place (tiếp công dân).
    Reception,
    Letter,
    /// The public form of papi.
    WebForm,
    Phone,
    /// Brought by the village head.
    VillageHead,
    /// Cổng Dịch vụ công quốc gia: carries its tracking code (PAKN.yyyymmdd.nnnn).
    NationalPortal,
    /// Referred by another body, the press, or a deputy.
    Referral,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::Reception,
        Channel::Letter,
        Channel::WebForm,
        Channel::Phone,
        Channel::VillageHead,
        Channel::NationalPortal,
        Channel::Referral,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Reception => "reception",
            Channel::Letter => "letter",
            Channel::WebForm => "web",
            Channel::Phone => "phone",
            Channel::VillageHead => "village_head",
            Channel::NationalPortal => "national_portal",
            Channel::Referral => "referral",
        }
    }

    pub fn parse(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::Reception => "Trực tiếp tại nơi tiếp công dân",
            Channel::Letter => "Đơn, thư gửi qua bưu điện",
            Channel::WebForm => "Biểu mẫu trên cổng thông tin của xã",
            Channel::Phone => "Điện thoại",
            Channel::VillageHead => "Qua trưởng thôn, tổ trưởng tổ dân phố",
            Channel::NationalPortal => "Cổng Dịch vụ công quốc gia",
            Channel::Referral => "Cơ quan, tổ chức khác chuyển đến",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in MatterKind::ALL {
            assert_eq!(MatterKind::parse(k.code()), Some(k));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.code()), Some(c));
        }
        assert!(!MatterKind::Denunciation.publicly_trackable());
        assert!(MatterKind::Complaint.publicly_trackable());
    }
}
