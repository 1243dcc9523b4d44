//! The thresholds of Điều 21 khoản 1, counted against ALL households of the village (not
//! those present): two thirds for money (items 1–2) and, commune-wide, two thirds of the
//! villages, each passing by its own threshold; more than half for everything else. Integer
//! arithmetic only, so 133,33… households never rounds the wrong way.

use serde::Serialize;

use super::{Form, Subject};

/// The count of one village in one meeting, ballot or online vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub village_id: i64,
    /// The village's name, for messages and pages (not typed: read with the tally).
    pub village: String,
    /// Every household of the village, present or not (Điều 20: "tổng số hộ gia đình").
    pub total_households: i64,
    /// Household representatives present at the meeting, or ballots returned.
    pub present: i64,
    pub votes_for: i64,
    pub votes_against: i64,
    pub abstain: i64,
    /// Households that agreed to vote online (Nghị định 59/2023 Điều 5 khoản 2).
    pub online_agreed: i64,
}

impl Tally {
    /// Households not present (Điều 20 lists them in the record).
    pub fn absent(&self) -> i64 {
        self.total_households - self.present
    }

    /// The figures make sense: something to count, nobody counted twice.
    pub fn check(&self) -> Result<(), String> {
        let v = &self.village;
        if self.total_households <= 0 {
            return Err(format!("{v}: tổng số hộ gia đình phải lớn hơn 0."));
        }
        if [
            self.present,
            self.votes_for,
            self.votes_against,
            self.abstain,
            self.online_agreed,
        ]
        .iter()
        .any(|n| *n < 0)
        {
            return Err(format!("{v}: các số hộ không được âm."));
        }
        if self.present > self.total_households {
            return Err(format!(
                "{v}: số hộ tham dự ({}) lớn hơn tổng số hộ ({}).",
                self.present, self.total_households
            ));
        }
        let voted = self.votes_for + self.votes_against + self.abstain;
        if voted > self.present {
            return Err(format!(
                "{v}: số hộ đồng ý, không đồng ý và không biểu quyết ({voted}) lớn hơn số hộ tham \
                 dự ({}).",
                self.present
            ));
        }
        if self.online_agreed > self.total_households {
            return Err(format!(
                "{v}: số hộ đồng ý biểu quyết trực tuyến ({}) lớn hơn tổng số hộ ({}).",
                self.online_agreed, self.total_households
            ));
        }
        Ok(())
    }
}

/// The least number of households "for" that passes in a village of `total` households.
pub fn needed(subject: Subject, total: i64) -> i64 {
    if subject.is_money() {
        // ≥ 2/3: the least n with 3n ≥ 2·total.
        (2 * total + 2) / 3
    } else {
        // > 50 %: the least n with 2n > total.
        total / 2 + 1
    }
}

/// Whether the village passes by its own threshold.
pub fn village_passes(subject: Subject, t: &Tally) -> bool {
    if subject.is_money() {
        3 * t.votes_for >= 2 * t.total_households
    } else {
        2 * t.votes_for > t.total_households
    }
}

/// How the threshold is said when reached and when missed.
fn share(subject: Subject) -> (&'static str, &'static str) {
    if subject.is_money() {
        ("đạt 2/3", "chưa đạt 2/3")
    } else {
        ("trên 50%", "chưa quá 50%")
    }
}

const ARTICLE: &str = "Điều 21 khoản 1 Luật Thực hiện dân chủ ở cơ sở";

/// One village's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VillageResult {
    pub village_id: i64,
    pub village: String,
    pub votes_for: i64,
    pub total_households: i64,
    pub needed: i64,
    pub passed: bool,
}

/// What the tallies decide, with the sentence that says why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub passed: bool,
    pub villages: Vec<VillageResult>,
    pub explanation: String,
}

/// The outcome of the tallies: one village (`commune_wide` false, one tally) or the whole
/// commune (one tally per village). Money commune-wide passes when at least two thirds of the
/// villages pass; anything else commune-wide passes with more than half of all the commune's
/// households. An online vote counts like the rest against all households (Nghị định 59/2023
/// Điều 5 khoản 5).
pub fn outcome(subject: Subject, _form: Form, commune_wide: bool, tallies: &[Tally]) -> Outcome {
    let villages: Vec<VillageResult> = tallies
        .iter()
        .map(|t| VillageResult {
            village_id: t.village_id,
            village: t.village.clone(),
            votes_for: t.votes_for,
            total_households: t.total_households,
            needed: needed(subject, t.total_households),
            passed: village_passes(subject, t),
        })
        .collect();
    let (reached, missed) = share(subject);
    if !commune_wide || tallies.len() == 1 {
        let Some(v) = villages.first() else {
            return Outcome {
                passed: false,
                villages,
                explanation: "Chưa có kết quả kiểm phiếu, biểu quyết.".into(),
            };
        };
        let explanation = if v.passed {
            format!(
                "{}/{} hộ đồng ý, {reached} tổng số hộ gia đình (cần ít nhất {} hộ) theo {ARTICLE}: \
                 thông qua.",
                v.votes_for, v.total_households, v.needed
            )
        } else {
            format!(
                "Chỉ có {}/{} hộ đồng ý, {missed} tổng số hộ gia đình ({} hộ) theo {ARTICLE}: \
                 không thông qua.",
                v.votes_for, v.total_households, v.needed
            )
        };
        return Outcome {
            passed: v.passed,
            villages,
            explanation,
        };
    }
    let n = villages.len() as i64;
    if subject.is_money() {
        let p = villages.iter().filter(|v| v.passed).count() as i64;
        let need = (2 * n + 2) / 3;
        let passed = 3 * p >= 2 * n;
        let explanation = if passed {
            format!(
                "{p}/{n} thôn đạt 2/3 số hộ đồng ý, đạt 2/3 số thôn (cần ít nhất {need} thôn) theo \
                 {ARTICLE}: thông qua."
            )
        } else {
            format!(
                "Chỉ có {p}/{n} thôn đạt 2/3 số hộ đồng ý, chưa đạt 2/3 số thôn ({need} thôn) theo \
                 {ARTICLE}: không thông qua."
            )
        };
        Outcome {
            passed,
            villages,
            explanation,
        }
    } else {
        let votes: i64 = villages.iter().map(|v| v.votes_for).sum();
        let total: i64 = villages.iter().map(|v| v.total_households).sum();
        let need = total / 2 + 1;
        let passed = 2 * votes > total;
        let explanation = if passed {
            format!(
                "{votes}/{total} hộ của {n} thôn đồng ý, quá 50% tổng số hộ gia đình (cần ít nhất \
                 {need} hộ) theo {ARTICLE}: thông qua."
            )
        } else {
            format!(
                "Chỉ có {votes}/{total} hộ của {n} thôn đồng ý, chưa quá 50% tổng số hộ gia đình \
                 ({need} hộ) theo {ARTICLE}: không thông qua."
            )
        };
        Outcome {
            passed,
            villages,
            explanation,
        }
    }
}

/// Refuses to record "passed" when the tallies do not reach the threshold: the outcome is
/// the tallies', and nobody may record it upward.
pub fn check_claim(claimed_passed: bool, o: &Outcome) -> Result<(), String> {
    if claimed_passed && !o.passed {
        let why = o.explanation.trim_end_matches(": không thông qua.");
        return Err(format!(
            "{why}. Không thể ghi nhận «thông qua»: kết quả được tính từ số phiếu, biểu quyết."
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(id: i64, total: i64, votes_for: i64) -> Tally {
        Tally {
            village_id: id,
            village: format!("Thôn {id}"),
            total_households: total,
            present: total,
            votes_for,
            votes_against: total - votes_for,
            abstain: 0,
            online_agreed: 0,
        }
    }

    /// Điều 21 khoản 1 điểm a: contributions pass with "ít nhất 2/3 tổng số hộ gia đình" —
    /// of all households, not of those present. 200 households need 134 (133,33… rounds up).
    #[test]
    fn money_needs_two_thirds_of_all_households() {
        assert_eq!(needed(Subject::Contribution, 200), 134);
        assert_eq!(needed(Subject::Contribution, 300), 200);
        assert!(!village_passes(Subject::Contribution, &t(1, 200, 133)));
        assert!(village_passes(Subject::Contribution, &t(1, 200, 134)));
        assert!(village_passes(Subject::CommunityMoney, &t(1, 300, 200)));
        // Everyone present voted for, but present is only half the village.
        let mut half = t(1, 200, 100);
        half.present = 100;
        half.votes_against = 0;
        assert!(!village_passes(Subject::Contribution, &half));
    }

    /// Điều 21 khoản 1 điểm b: other matters pass with "trên 50% tổng số hộ gia đình":
    /// exactly half does not pass.
    #[test]
    fn others_need_more_than_half() {
        assert_eq!(needed(Subject::Covenant, 200), 101);
        assert_eq!(needed(Subject::Other, 201), 101);
        assert!(!village_passes(Subject::VillageHead, &t(1, 200, 100)));
        assert!(village_passes(Subject::VillageHead, &t(1, 200, 101)));
    }

    #[test]
    fn the_refusal_names_the_figures() {
        let o = outcome(
            Subject::Contribution,
            Form::Meeting,
            false,
            &[t(1, 200, 120)],
        );
        assert!(!o.passed);
        let e = check_claim(true, &o).unwrap_err();
        assert!(
            e.starts_with("Chỉ có 120/200 hộ đồng ý, chưa đạt 2/3 tổng số hộ gia đình (134 hộ) theo Điều 21 khoản 1"),
            "{e}"
        );
        assert!(check_claim(false, &o).is_ok());
        let ok = outcome(
            Subject::Contribution,
            Form::Meeting,
            false,
            &[t(1, 200, 150)],
        );
        assert!(ok.passed && check_claim(true, &ok).is_ok());
    }

    /// Commune-wide money: at least two thirds of the villages, each by its own 2/3.
    #[test]
    fn commune_wide_money_counts_villages() {
        let four_of_six = [
            t(1, 100, 70),
            t(2, 100, 67),
            t(3, 100, 80),
            t(4, 100, 90),
            t(5, 100, 60),
            t(6, 100, 10),
        ];
        let o = outcome(Subject::Contribution, Form::Ballot, true, &four_of_six);
        assert!(o.passed, "{}", o.explanation);
        assert_eq!(o.villages.iter().filter(|v| v.passed).count(), 4);
        let mut three = four_of_six.clone();
        three[1].votes_for = 66;
        let o = outcome(Subject::Contribution, Form::Ballot, true, &three);
        assert!(!o.passed);
        assert!(o.explanation.contains("3/6 thôn"), "{}", o.explanation);
        assert!(o.explanation.contains("(4 thôn)"), "{}", o.explanation);
    }

    #[test]
    fn commune_wide_other_counts_households() {
        let o = outcome(
            Subject::Other,
            Form::Online,
            true,
            &[t(1, 100, 60), t(2, 100, 41)],
        );
        assert!(o.passed);
        let o = outcome(
            Subject::Other,
            Form::Online,
            true,
            &[t(1, 100, 60), t(2, 100, 40)],
        );
        assert!(!o.passed);
    }

    #[test]
    fn impossible_tallies_are_refused() {
        let mut x = t(1, 100, 60);
        assert!(x.check().is_ok());
        x.present = 101;
        assert!(x.check().unwrap_err().contains("lớn hơn tổng số hộ"));
        let mut y = t(1, 100, 60);
        y.present = 50;
        assert!(y.check().unwrap_err().contains("lớn hơn số hộ tham dự"));
        let z = t(1, 0, 0);
        assert!(z.check().is_err());
    }
}
