//! One scoring engine for any satisfaction questionnaire, after SIPAS's working model:
//! an item's score is the share of valid answers that are 4 or 5 ("hài lòng", "rất hài lòng");
//! a factor's score is the mean of its items' scores; the overall score is the mean of the
//! factors'. The same three levels are also given as mean scores on the 1–5 scale, and the
//! "comprehensive satisfaction" of the health ministry's method: the share of respondents
//! every one of whose answers is 4 or 5.
//!
//! Respondents are a sample of the service's users, so every figure carries a standard error
//! and a 95 % interval. The errors are Taylor-linearised for a simple random sample of
//! respondents taken with replacement (what R's `survey` package computes for
//! `svydesign(ids = ~1)`): an item's score is a ratio (satisfied answers over valid answers,
//! since not everyone answers every item), a factor's and the overall score are linear
//! combinations of those ratios, and each respondent's influence on the combination is summed
//! once, so the items' correlations are counted. A single proportion (an item, the
//! comprehensive share, a yes/no statement) gets Wilson's score interval, which behaves near
//! 100 %; combinations get the linearised normal interval, clipped to the scale.

use std::collections::BTreeMap;

use serde::Serialize;

use super::questionnaire::{ItemKind, Questionnaire};

/// One respondent's answers: item code → 1–5 on the satisfaction scale, or 1 (đúng) / 0
/// (không đúng) for a statement. An item not answered is absent.
pub type Answers = BTreeMap<String, u8>;

/// The normal quantile of a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// An estimate with its standard error, 95 % interval and the number of answers behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    pub value: f64,
    pub se: f64,
    pub low: f64,
    pub high: f64,
    pub n: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemResult {
    pub code: String,
    pub text: String,
    pub kind: ItemKind,
    pub to_check: bool,
    /// Share satisfied (4–5) for the scale, share "đúng" for a statement; `None` if no one
    /// answered.
    pub share: Option<Estimate>,
    /// Mean score 1–5 (scale items only).
    pub mean: Option<Estimate>,
    /// Answers 1..5 (scale) or [không, đúng] (statements).
    pub counts: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorResult {
    pub code: String,
    pub title: String,
    pub share: Option<Estimate>,
    pub mean: Option<Estimate>,
    pub items: Vec<ItemResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    /// Respondents who answered at least one item.
    pub respondents: usize,
    pub factors: Vec<FactorResult>,
    /// Mean of the factors' shares.
    pub overall: Option<Estimate>,
    /// Mean of the factors' mean scores.
    pub mean: Option<Estimate>,
    /// Respondents whose every scale answer is 4 or 5, among those with a scale answer.
    pub comprehensive: Option<Estimate>,
}

/// Wilson's score interval for `k` successes out of `n`.
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Per item: each respondent's value (after `y`) when the item was answered validly.
type Column = Vec<Option<f64>>;

/// θ = Σ cᵢ·(Σⱼ yᵢⱼ / nᵢ) over the columns with their coefficients, and its linearised SE
/// under simple random sampling with replacement of `n` respondents: each respondent's
/// influence is zⱼ = Σᵢ cᵢ (yᵢⱼ − pᵢ)/nᵢ over the items they answered, and
/// var θ = n/(n−1) Σⱼ zⱼ².
fn combination(columns: &[(&Column, f64)], n: usize) -> Option<(f64, f64, usize)> {
    let mut theta = 0.0;
    let mut z = vec![0.0; n];
    let mut answers = 0;
    for (col, c) in columns {
        let valid: Vec<(usize, f64)> = col
            .iter()
            .enumerate()
            .filter_map(|(j, v)| v.map(|v| (j, v)))
            .collect();
        if valid.is_empty() {
            return None;
        }
        let ni = valid.len() as f64;
        let p = valid.iter().map(|(_, v)| v).sum::<f64>() / ni;
        theta += c * p;
        for (j, v) in valid {
            z[j] += c * (v - p) / ni;
        }
        answers = answers.max(col.iter().flatten().count());
    }
    if n < 2 {
        return Some((theta, f64::NAN, answers));
    }
    let var = n as f64 / (n as f64 - 1.0) * z.iter().map(|v| v * v).sum::<f64>();
    Some((theta, var.sqrt(), answers))
}

fn wald(value: f64, se: f64, n: usize, lo: f64, hi: f64) -> Estimate {
    let (low, high) = if se.is_finite() {
        ((value - Z95 * se).max(lo), (value + Z95 * se).min(hi))
    } else {
        (lo, hi)
    };
    Estimate {
        value,
        se,
        low,
        high,
        n,
    }
}

/// Scores `responses` against `q`. Answers outside an item's scale count as not given.
pub fn score(q: &Questionnaire, responses: &[Answers]) -> Results {
    let valid = |kind: ItemKind, v: u8| match kind {
        ItemKind::Likert5 => (1..=5).contains(&v),
        ItemKind::YesNo => v <= 1,
    };
    // Only respondents who answered something are in the sample.
    let rows: Vec<&Answers> = responses
        .iter()
        .filter(|a| {
            q.items()
                .any(|(_, i)| a.get(&i.code).is_some_and(|v| valid(i.kind, *v)))
        })
        .collect();
    let n = rows.len();
    let column = |code: &str, kind: ItemKind, y: &dyn Fn(u8) -> f64| -> Column {
        rows.iter()
            .map(|a| a.get(code).filter(|v| valid(kind, **v)).map(|v| y(*v)))
            .collect()
    };
    let satisfied = |v: u8| if v >= 4 { 1.0 } else { 0.0 };
    let raw = |v: u8| f64::from(v);
    // Per factor: the scale items' columns (satisfied, raw).
    let mut factor_cols: Vec<Vec<(Column, Column)>> = Vec::new();
    let mut factors = Vec::new();
    for f in &q.factors {
        let mut items = Vec::new();
        let mut cols = Vec::new();
        for i in &f.items {
            match i.kind {
                ItemKind::Likert5 => {
                    let s = column(&i.code, i.kind, &satisfied);
                    let r = column(&i.code, i.kind, &raw);
                    let mut counts = vec![0; 5];
                    for v in r.iter().flatten() {
                        counts[*v as usize - 1] += 1;
                    }
                    let k = s.iter().flatten().filter(|v| **v > 0.5).count();
                    let share = combination(&[(&s, 1.0)], n).map(|(p, se, m)| {
                        let (low, high) = wilson(k, m);
                        Estimate {
                            value: p,
                            se,
                            low,
                            high,
                            n: m,
                        }
                    });
                    let mean =
                        combination(&[(&r, 1.0)], n).map(|(v, se, m)| wald(v, se, m, 1.0, 5.0));
                    items.push(ItemResult {
                        code: i.code.clone(),
                        text: i.text.clone(),
                        kind: i.kind,
                        to_check: i.to_check,
                        share,
                        mean,
                        counts,
                    });
                    if r.iter().any(Option::is_some) {
                        cols.push((s, r));
                    }
                }
                ItemKind::YesNo => {
                    let c = column(&i.code, i.kind, &raw);
                    let yes = c.iter().flatten().filter(|v| **v > 0.5).count();
                    let m = c.iter().flatten().count();
                    let share = combination(&[(&c, 1.0)], n).map(|(p, se, _)| {
                        let (low, high) = wilson(yes, m);
                        Estimate {
                            value: p,
                            se,
                            low,
                            high,
                            n: m,
                        }
                    });
                    items.push(ItemResult {
                        code: i.code.clone(),
                        text: i.text.clone(),
                        kind: i.kind,
                        to_check: i.to_check,
                        share,
                        mean: None,
                        counts: vec![m - yes, yes],
                    });
                }
            }
        }
        let k = cols.len() as f64;
        let share_cols: Vec<(&Column, f64)> = cols.iter().map(|(s, _)| (s, 1.0 / k)).collect();
        let mean_cols: Vec<(&Column, f64)> = cols.iter().map(|(_, r)| (r, 1.0 / k)).collect();
        factors.push(FactorResult {
            code: f.code.clone(),
            title: f.title.clone(),
            share: combination(&share_cols, n).map(|(v, se, m)| wald(v, se, m, 0.0, 1.0)),
            mean: combination(&mean_cols, n).map(|(v, se, m)| wald(v, se, m, 1.0, 5.0)),
            items,
        });
        factor_cols.push(cols);
    }
    // Overall: each factor with answers weighs 1/F, shared among its items.
    let scored: Vec<&Vec<(Column, Column)>> =
        factor_cols.iter().filter(|c| !c.is_empty()).collect();
    let f = scored.len() as f64;
    let weights = |pick: fn(&(Column, Column)) -> &Column| -> Vec<(&Column, f64)> {
        scored
            .iter()
            .flat_map(|cols| {
                let k = cols.len() as f64;
                cols.iter().map(move |c| (pick(c), 1.0 / (f * k)))
            })
            .collect()
    };
    let overall = combination(&weights(|c| &c.0), n).map(|(v, se, _)| wald(v, se, n, 0.0, 1.0));
    let mean = combination(&weights(|c| &c.1), n).map(|(v, se, _)| wald(v, se, n, 1.0, 5.0));
    // Comprehensive: among respondents with a scale answer, those with every one 4 or 5.
    let scale: Vec<&str> = q
        .items()
        .filter(|(_, i)| i.kind == ItemKind::Likert5)
        .map(|(_, i)| i.code.as_str())
        .collect();
    let all_satisfied: Column = rows
        .iter()
        .map(|a| {
            let given: Vec<u8> = scale
                .iter()
                .filter_map(|c| a.get(*c).copied().filter(|v| (1..=5).contains(v)))
                .collect();
            (!given.is_empty()).then(|| {
                if given.iter().all(|v| *v >= 4) {
                    1.0
                } else {
                    0.0
                }
            })
        })
        .collect();
    let k = all_satisfied.iter().flatten().filter(|v| **v > 0.5).count();
    let comprehensive = combination(&[(&all_satisfied, 1.0)], n).map(|(p, se, m)| {
        let (low, high) = wilson(k, m);
        Estimate {
            value: p,
            se,
            low,
            high,
            n: m,
        }
    });
    Results {
        respondents: n,
        factors,
        overall,
        mean,
        comprehensive,
    }
}

/// The change of a share between two periods' independent samples.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change {
    pub previous: f64,
    pub current: f64,
    /// In percentage points.
    pub points: f64,
    /// Standard error of the difference, in percentage points.
    pub se_points: f64,
    /// The 95 % interval of the difference excludes zero.
    pub significant: bool,
}

/// The change from `previous` to `current` (independent samples: the variances add).
pub fn change(previous: &Estimate, current: &Estimate) -> Change {
    let se = (previous.se.powi(2) + current.se.powi(2)).sqrt() * 100.0;
    let points = (current.value - previous.value) * 100.0;
    Change {
        previous: previous.value,
        current: current.value,
        points,
        se_points: se,
        significant: se.is_finite() && points.abs() > Z95 * se,
    }
}

impl Change {
    /// "tăng 3,2 điểm %" / "giảm …" / "không đổi", with whether it may be chance.
    pub fn describe(&self) -> String {
        let size = format!("{:.1}", self.points.abs()).replace('.', ",");
        let dir = if self.points.abs() < 0.05 {
            return "không đổi so với kỳ trước".into();
        } else if self.points > 0.0 {
            "tăng"
        } else {
            "giảm"
        };
        let sure = if self.significant {
            "khác biệt có ý nghĩa thống kê (khoảng tin cậy 95 %)"
        } else {
            "chưa đủ để khẳng định khác biệt (có thể do chọn mẫu)"
        };
        format!("{dir} {size} điểm % so với kỳ trước; {sure}")
    }
}

/// A share as Vietnamese write it: "83,4 %".
pub fn percent(v: f64) -> String {
    format!("{:.1} %", v * 100.0).replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::super::questionnaire::{Factor, Item};
    use super::*;

    fn item(code: &str, kind: ItemKind) -> Item {
        Item {
            code: code.into(),
            text: code.into(),
            kind,
            to_check: false,
        }
    }

    /// Two factors: F1 = {a, b}, F2 = {c} plus a statement s.
    fn q() -> Questionnaire {
        Questionnaire {
            source: String::new(),
            factors: vec![
                Factor {
                    code: "f1".into(),
                    title: "F1".into(),
                    items: vec![item("a", ItemKind::Likert5), item("b", ItemKind::Likert5)],
                },
                Factor {
                    code: "f2".into(),
                    title: "F2".into(),
                    items: vec![item("c", ItemKind::Likert5), item("s", ItemKind::YesNo)],
                },
            ],
        }
    }

    fn r(pairs: &[(&str, u8)]) -> Answers {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    /// Four respondents, worked by hand:
    ///   1: a5 b4 c4 s1   2: a4 b2 c5 s0   3: a3 — c4 s1   4: a5 b5 c2 —
    /// a: 3 of 4 satisfied = 0.75; b: 2 of 3 = 2/3; c: 3 of 4 = 0.75.
    /// F1 = (0.75 + 2/3)/2 = 0.708333…; F2 = 0.75; overall = 0.7291666…
    /// Mean scores: a 17/4 = 4.25, b 11/3, c 15/4 = 3.75; F1 = (4.25 + 11/3)/2 = 3.958333…;
    /// overall = (3.958333… + 3.75)/2 = 3.8541666…
    /// Comprehensive: respondent 1 only (2 has b2, 3 has a3, 4 has c2) → 1 of 4.
    /// Statement s: 2 of 3 say đúng.
    fn data() -> Vec<Answers> {
        vec![
            r(&[("a", 5), ("b", 4), ("c", 4), ("s", 1)]),
            r(&[("a", 4), ("b", 2), ("c", 5), ("s", 0)]),
            r(&[("a", 3), ("c", 4), ("s", 1)]),
            r(&[("a", 5), ("b", 5), ("c", 2)]),
        ]
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }

    #[test]
    fn shares_and_means_follow_the_hand_computation() {
        let res = score(&q(), &data());
        assert_eq!(res.respondents, 4);
        let f1 = &res.factors[0];
        close(f1.items[0].share.unwrap().value, 0.75);
        close(f1.items[1].share.unwrap().value, 2.0 / 3.0);
        assert_eq!(f1.items[1].share.unwrap().n, 3);
        close(f1.share.unwrap().value, (0.75 + 2.0 / 3.0) / 2.0);
        close(res.factors[1].share.unwrap().value, 0.75);
        close(
            res.overall.unwrap().value,
            ((0.75 + 2.0 / 3.0) / 2.0 + 0.75) / 2.0,
        );
        close(f1.items[0].mean.unwrap().value, 4.25);
        close(
            res.mean.unwrap().value,
            ((4.25 + 11.0 / 3.0) / 2.0 + 3.75) / 2.0,
        );
        close(res.comprehensive.unwrap().value, 0.25);
        let s = &res.factors[1].items[1];
        close(s.share.unwrap().value, 2.0 / 3.0);
        assert_eq!(s.counts, vec![1, 2]);
        assert_eq!(f1.items[0].counts, vec![0, 0, 1, 1, 2]);
    }

    #[test]
    fn a_single_items_se_is_the_proportions_with_n_minus_one() {
        // Item c answered by all: var = p(1 − p)/(n − 1) = 0.1875/3.
        let res = score(&q(), &data());
        close(
            res.factors[1].items[0].share.unwrap().se,
            (0.1875f64 / 3.0).sqrt(),
        );
        // Item b, a ratio over 3 of the 4 respondents: z = (y − p)/3 for those who answered,
        // 0 for the other: (1/3)², (−2/3)², (1/3)² over 9 → Σz² = 6/81; × 4/3 = 8/81.
        close(
            res.factors[0].items[1].share.unwrap().se,
            (8.0f64 / 81.0).sqrt(),
        );
    }

    #[test]
    fn wilson_matches_the_textbook_example() {
        // 81 of 263 (Newcombe 1998, example): 0.2553 to 0.3662.
        let (lo, hi) = wilson(81, 263);
        assert!((lo - 0.2553).abs() < 5e-5, "{lo}");
        assert!((hi - 0.3662).abs() < 5e-5, "{hi}");
        // All satisfied still leaves room below 100 %.
        let (lo, hi) = wilson(20, 20);
        assert!(lo < 0.85 && hi == 1.0);
    }

    #[test]
    fn out_of_scale_answers_count_as_not_given() {
        let mut d = data();
        d.push(r(&[("a", 9), ("s", 7)]));
        let res = score(&q(), &d);
        assert_eq!(res.respondents, 4);
    }

    #[test]
    fn change_says_whether_it_may_be_chance() {
        let e = |v: f64, se: f64| Estimate {
            value: v,
            se,
            low: 0.0,
            high: 1.0,
            n: 100,
        };
        let c = change(&e(0.80, 0.02), &e(0.86, 0.02));
        close(c.points, 6.0);
        close(c.se_points, (0.0008f64).sqrt() * 100.0);
        assert!(c.significant);
        assert!(c.describe().starts_with("tăng 6,0 điểm %"));
        assert!(!change(&e(0.80, 0.04), &e(0.83, 0.04)).significant);
    }
}
