//! Outreach (tuyên truyền): the log of communication work per channel, topic and village.
//!
//! The plan (part II.3) asks the commune to explain the democracy law, the complaints law and
//! what PAPI measures to every village. The log records each piece of that work; the coverage
//! table shows which villages heard about which dimension this year, so the gaps show. A
//! loudspeaker entry may be linked to a disclosure: the broadcast is then that disclosure's
//! radio form (Luật 10/2022/QH15 Điều 13 khoản 3).

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::Dimension;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Loudspeaker,
    VillageMeeting,
    Zalo,
    Portal,
    Leaflet,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Channel::Loudspeaker,
        Channel::VillageMeeting,
        Channel::Zalo,
        Channel::Portal,
        Channel::Leaflet,
        Channel::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Loudspeaker => "loudspeaker",
            Channel::VillageMeeting => "village_meeting",
            Channel::Zalo => "zalo",
            Channel::Portal => "portal",
            Channel::Leaflet => "leaflet",
            Channel::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::Loudspeaker => "Loa truyền thanh",
            Channel::VillageMeeting => "Họp thôn",
            Channel::Zalo => "Nhóm Zalo",
            Channel::Portal => "Cổng thông tin điện tử",
            Channel::Leaflet => "Tờ rơi",
            Channel::Other => "Hình thức khác",
        }
    }
}

/// What an entry was about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Topic {
    Dimension(Dimension),
    /// Luật Thực hiện dân chủ ở cơ sở 2022.
    DemocracyLaw,
    /// Luật Khiếu nại, Luật Tố cáo.
    ComplaintsLaw,
    Other(String),
}

impl Topic {
    /// As stored: `dim:N`, `democracy`, `complaints`, or `other:text`.
    pub fn code(&self) -> String {
        match self {
            Topic::Dimension(d) => format!("dim:{}", d.number()),
            Topic::DemocracyLaw => "democracy".into(),
            Topic::ComplaintsLaw => "complaints".into(),
            Topic::Other(t) => format!("other:{t}"),
        }
    }

    /// Reads a stored code or a form's choice (`other` with `text` beside it).
    pub fn parse(code: &str, text: &str) -> Result<Topic, String> {
        let code = code.trim();
        if let Some(n) = code.strip_prefix("dim:") {
            return n
                .parse::<u8>()
                .ok()
                .and_then(Dimension::new)
                .map(Topic::Dimension)
                .ok_or_else(|| format!("Chủ đề: «{code}» không phải chỉ số PAPI."));
        }
        match code {
            "democracy" => Ok(Topic::DemocracyLaw),
            "complaints" => Ok(Topic::ComplaintsLaw),
            "other" if !text.trim().is_empty() => Ok(Topic::Other(text.trim().to_string())),
            "other" => Err("Chủ đề khác: hãy ghi nội dung tuyên truyền.".into()),
            c if c.starts_with("other:") => Ok(Topic::Other(c["other:".len()..].to_string())),
            "" => Err("Chủ đề: chưa chọn chủ đề.".into()),
            c => Err(format!("Chủ đề: không rõ chủ đề «{c}».")),
        }
    }

    pub fn label(&self) -> String {
        match self {
            Topic::Dimension(d) => format!("Chỉ số {}: {}", d.number(), d.short_name_vi()),
            Topic::DemocracyLaw => "Luật Thực hiện dân chủ ở cơ sở".into(),
            Topic::ComplaintsLaw => "Luật Khiếu nại, Luật Tố cáo".into(),
            Topic::Other(t) => t.clone(),
        }
    }
}

/// One piece of outreach work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: i64,
    pub commune_id: i64,
    pub channel: Channel,
    pub topic: Topic,
    pub title: String,
    pub village_ids: Vec<i64>,
    pub dates: Vec<NaiveDate>,
    pub reach: Option<u32>,
    /// Who did it (a name or a unit), as typed.
    pub by: String,
    /// The disclosure a loudspeaker entry broadcast.
    pub disclosure_id: Option<i64>,
    /// The evidence file's name, empty when none was uploaded.
    pub evidence_name: String,
}

impl Entry {
    pub fn first_date(&self) -> Option<NaiveDate> {
        self.dates.iter().min().copied()
    }
}

/// Checks an entry before it is recorded: a village, a date (none after today), a link to a
/// disclosure only for a loudspeaker broadcast.
pub fn check(e: &Entry, today: NaiveDate) -> Result<(), String> {
    if e.village_ids.is_empty() {
        return Err("Thôn: chọn ít nhất một thôn được tuyên truyền.".into());
    }
    if e.dates.is_empty() {
        return Err("Ngày thực hiện: nhập ít nhất một ngày dạng dd/mm/yyyy.".into());
    }
    if e.dates.iter().any(|d| *d > today) {
        return Err("Ngày thực hiện: sổ ghi việc đã làm, không ghi ngày sau hôm nay.".into());
    }
    if e.disclosure_id.is_some() && e.channel != Channel::Loudspeaker {
        return Err(
            "Nội dung công khai: chỉ buổi phát trên loa truyền thanh mới được tính là hình thức \
             công khai qua hệ thống truyền thanh (Luật 10/2022/QH15 Điều 13 khoản 3)."
                .into(),
        );
    }
    if e.title.trim().is_empty() {
        return Err("Nội dung: chưa nhập nội dung tuyên truyền.".into());
    }
    Ok(())
}

/// The broadcast days that count for a disclosure, sorted and without repeats.
pub fn loudspeaker_days(entries: &[Entry], disclosure_id: i64) -> Vec<NaiveDate> {
    entries
        .iter()
        .filter(|e| e.channel == Channel::Loudspeaker && e.disclosure_id == Some(disclosure_id))
        .flat_map(|e| e.dates.iter().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// One village's line of the coverage table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageRow {
    pub village_id: i64,
    pub village: String,
    /// Entries per PAPI dimension 1..=8.
    pub by_dimension: Vec<usize>,
    /// Entries on the two laws and other topics.
    pub laws: usize,
    pub other: usize,
    pub total: usize,
    pub reach: u64,
}

impl CoverageRow {
    /// No outreach at all in the year: the gap the table is for.
    pub fn is_gap(&self) -> bool {
        self.total == 0
    }
}

/// Village × topic coverage of the entries with a date in `year`.
pub fn coverage(entries: &[Entry], villages: &[(i64, String)], year: i32) -> Vec<CoverageRow> {
    villages
        .iter()
        .map(|(id, name)| {
            let mut row = CoverageRow {
                village_id: *id,
                village: name.clone(),
                by_dimension: vec![0; usize::from(Dimension::COUNT)],
                laws: 0,
                other: 0,
                total: 0,
                reach: 0,
            };
            for e in entries
                .iter()
                .filter(|e| e.village_ids.contains(id) && e.dates.iter().any(|d| d.year() == year))
            {
                row.total += 1;
                row.reach += u64::from(e.reach.unwrap_or(0));
                match &e.topic {
                    Topic::Dimension(d) => row.by_dimension[usize::from(d.number() - 1)] += 1,
                    Topic::DemocracyLaw | Topic::ComplaintsLaw => row.laws += 1,
                    Topic::Other(_) => row.other += 1,
                }
            }
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn entry(channel: Channel, topic: Topic, villages: Vec<i64>, dates: Vec<NaiveDate>) -> Entry {
        Entry {
            id: 1,
            commune_id: 1,
            channel,
            topic,
            title: "Tuyên truyền".into(),
            village_ids: villages,
            dates,
            reach: Some(100),
            by: "Văn phòng".into(),
            disclosure_id: None,
            evidence_name: String::new(),
        }
    }

    #[test]
    fn topics_round_trip_and_refuse_unknown_codes() {
        for t in [
            Topic::Dimension(Dimension::new(3).unwrap()),
            Topic::DemocracyLaw,
            Topic::ComplaintsLaw,
            Topic::Other("Phòng chống cháy nổ".into()),
        ] {
            assert_eq!(Topic::parse(&t.code(), "").unwrap(), t);
        }
        assert!(Topic::parse("dim:9", "").is_err());
        assert!(Topic::parse("other", " ").is_err());
        assert!(Topic::parse("", "").is_err());
    }

    #[test]
    fn only_a_loudspeaker_entry_counts_for_a_disclosure() {
        // Luật 10/2022/QH15 Điều 13 khoản 3: công khai qua hệ thống truyền thanh cấp xã.
        let mut e = entry(Channel::Zalo, Topic::DemocracyLaw, vec![1], vec![d(5, 2)]);
        e.disclosure_id = Some(7);
        assert!(check(&e, d(6, 1)).unwrap_err().contains("loa"));
        e.channel = Channel::Loudspeaker;
        assert!(check(&e, d(6, 1)).is_ok());
        let mut f = e.clone();
        f.dates = vec![d(5, 1), d(5, 2)];
        assert_eq!(loudspeaker_days(&[e, f], 7), vec![d(5, 1), d(5, 2)]);
    }

    #[test]
    fn entries_need_a_village_and_a_past_date() {
        let e = entry(
            Channel::Leaflet,
            Topic::ComplaintsLaw,
            vec![],
            vec![d(5, 2)],
        );
        assert!(check(&e, d(6, 1)).unwrap_err().starts_with("Thôn"));
        let e = entry(Channel::Leaflet, Topic::ComplaintsLaw, vec![1], vec![]);
        assert!(check(&e, d(6, 1)).is_err());
        let e = entry(
            Channel::Leaflet,
            Topic::ComplaintsLaw,
            vec![1],
            vec![d(7, 2)],
        );
        assert!(check(&e, d(6, 1)).is_err());
    }

    #[test]
    fn coverage_shows_villages_without_outreach() {
        let villages = vec![(1, "Thôn Đông".to_string()), (2, "Thôn Tây".to_string())];
        let entries = vec![
            entry(
                Channel::Loudspeaker,
                Topic::Dimension(Dimension::new(2).unwrap()),
                vec![1],
                vec![d(3, 1)],
            ),
            entry(Channel::Zalo, Topic::DemocracyLaw, vec![1], vec![d(4, 1)]),
            // Last year's work does not cover this year.
            entry(
                Channel::Zalo,
                Topic::DemocracyLaw,
                vec![2],
                vec![NaiveDate::from_ymd_opt(2024, 4, 1).unwrap()],
            ),
        ];
        let rows = coverage(&entries, &villages, 2025);
        assert_eq!(rows[0].total, 2);
        assert_eq!(rows[0].by_dimension[1], 1);
        assert_eq!(rows[0].laws, 1);
        assert_eq!(rows[0].reach, 200);
        assert!(rows[1].is_gap());
    }
}
