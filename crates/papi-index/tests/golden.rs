//! papi-method.md §4.3, reproduced to the printed precision (8 decimals; 5–6 where printed so).
mod common;
use common::*;
use papi_index::*;

fn p8(x: f64) -> String {
    format!("{x:.8}")
}

#[test]
fn golden_clusters() {
    let s = golden_survey(vec![], CiMethod::StudentT);
    let r = linearise(&s, Design::Clusters);
    let e = r.commune.subdimensions["SC11"].score;
    assert_eq!(p8(e.estimate), "5.31884058");
    assert_eq!(p8(e.se), "1.19465146");
    assert_eq!(
        (p8(e.ci[0]), p8(e.ci[1])),
        ("1.51692644".into(), "9.12075472".into())
    );
    let s = golden_survey(vec![], CiMethod::Normal);
    let e = linearise(&s, Design::Clusters).commune.subdimensions["SC11"].score;
    assert_eq!(
        (p8(e.ci[0]), p8(e.ci[1])),
        ("2.97736674".into(), "7.66031442".into())
    );
    // PAPI presentation: SC11 / k with k = 4 in 2024
    let papi = linearise(&s, Design::Clusters).commune.subdimensions["SC11"].papi;
    assert!((papi.estimate - 5.31884058 / 4.0).abs() < 1e-8);
}

#[test]
fn golden_strata_and_villages() {
    let s = golden_survey(vec![], CiMethod::Normal);
    let r = linearise(&s, Design::Strata);
    let e = r.commune.subdimensions["SC11"].score;
    assert_eq!(p8(e.estimate), "5.31884058");
    assert_eq!(p8(e.se), "0.74428135");
    assert_eq!(
        (p8(e.ci[0]), p8(e.ci[1])),
        ("3.86007594".into(), "6.77760522".into())
    );
    let expected = [
        ("A", "6.49000000", "1.69747916"),
        ("B", "3.92105263", "1.24693746"),
        ("C", "8.60227273", "1.09543086"),
        ("D", "3.11607143", "1.50231403"),
    ];
    for (v, est, se) in expected {
        let e = r.villages[v].scores.subdimensions["SC11"].score;
        assert_eq!(
            (p8(e.estimate), p8(e.se)),
            (est.to_string(), se.to_string()),
            "village {v}"
        );
        assert!(!r.villages[v].enough_answers, "5 answers < 30");
    }
    let s = golden_survey(vec![], CiMethod::StudentT);
    let e = linearise(&s, Design::Strata).commune.subdimensions["SC11"].score;
    assert_eq!(
        (p8(e.ci[0]), p8(e.ci[1])),
        ("3.74103461".into(), "6.89664655".into())
    );
    // the dimension of a single covered sub-dimension equals it; the total sums dimensions
    assert_eq!(r.commune.dimensions["D1"].estimate, e.estimate);
    assert_eq!(r.commune.total.estimate, e.estimate);
    assert_eq!(r.commune.missing_subdimensions.len(), 27);
}

#[test]
fn golden_post_stratified() {
    // post-stratified to sex F/M = 55/45 (one age band)
    let s = golden_survey(vec![55.0, 45.0], CiMethod::Normal);
    assert_eq!(s.calibration(), Calibration::PostStratified);
    let e = linearise(&s, Design::Strata).commune.subdimensions["SC11"].score;
    assert_eq!(format!("{:.7}", e.estimate), "5.4228225");
    assert_eq!(format!("{:.5}", e.se), "0.74247");
    // the weights reproduce the cell totals
    let t = s.calibrated_cell_totals();
    assert!((t[0] - 55.0).abs() < 1e-12 && (t[1] - 45.0).abs() < 1e-12);
}

#[test]
fn linearised_se_of_simple_weighted_mean_by_hand() {
    // 4 respondents in one stratum, weights 1,2,1,2, values 1,4,7,10 (one indicator, 1–10).
    // mean = (1+8+7+20)/6 = 6; z_i = w_i (y_i − 6)/6 = −5/6, −4/6, 1/6, 8/6; Σz = 0;
    // Var = 4/3 · Σ z² = 4/3 · (25+16+1+64)/36 = 106/27.
    let st = YearStructure::for_year(2024).unwrap();
    let q = Questionnaire {
        year: 2024,
        indicators: vec![indicator("x", "SC21", 1.0, 10.0)],
    };
    let frame = Frame {
        villages: vec!["V".into()],
        adults: None,
        cells: Cells {
            n_age: 1,
            population: vec![],
        },
    };
    let mut d = Respondents::new(1);
    for (w, y) in [(1.0, 1.0), (2.0, 4.0), (1.0, 7.0), (2.0, 10.0)] {
        d.push_weighted(0, 0, w, &[y]);
    }
    let s = Survey::new(Hierarchy::new(&st, &q), frame, d, Options::default()).unwrap();
    let e = linearise(&s, Design::Strata).commune.indicators["x"];
    assert!((e.estimate - 6.0).abs() < 1e-12);
    assert!((e.se - (106.0f64 / 27.0).sqrt()).abs() < 1e-12, "{}", e.se);
    assert!((e.ci[1] - (6.0 + 1.959963984540054 * e.se)).abs() < 1e-12);
}

#[test]
fn json_shape() {
    let s = golden_survey(vec![], CiMethod::Normal);
    let r = linearise(&s, Design::Clusters);
    let v: serde_json::Value = serde_json::to_value(&r).unwrap();
    assert!(v["commune"]["total"]["estimate"].is_number());
    assert!(v["commune"]["total"]["se"].is_number());
    assert_eq!(v["commune"]["total"]["ci"].as_array().unwrap().len(), 2);
    assert!(v["commune"]["dimensions"]["D1"]["ci"].is_array());
    assert!(v["commune"]["subdimensions"]["SC11"]["papi"]["estimate"].is_number());
    assert!(v["commune"]["indicators"]["y1"]["se"].is_number());
    assert!(v["villages"]["A"]["total"]["estimate"].is_number());
    assert_eq!(v["villages"]["A"]["enough_answers"], false);
    assert!(
        v["commune"]["dimensions"]["D2"]["estimate"].is_null(),
        "no data → null"
    );
}
