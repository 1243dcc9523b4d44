#![allow(dead_code)]
use papi_index::*;
use std::collections::BTreeMap;

pub fn indicator(id: &str, sc: &str, min: f64, max: f64) -> Indicator {
    Indicator {
        id: id.into(),
        subdimension: sc.into(),
        question: id.into(),
        min,
        max,
        direction: Direction::Up,
        missing: vec![],
        relevant: None,
        values: BTreeMap::new(),
    }
}

/// The golden example of papi-method.md §4.3: (village, weight, y1, y2), sex alternating F, M.
pub const GOLDEN: [(usize, f64, f64, f64); 20] = [
    (0, 1.2, 1.0, 3.0),
    (0, 0.8, 0.0, 2.0),
    (0, 1.0, 1.0, 4.0),
    (0, 1.1, 1.0, 3.0),
    (0, 0.9, 0.0, 1.0),
    (1, 1.5, 0.0, 2.0),
    (1, 1.3, 0.0, 2.0),
    (1, 0.7, 1.0, 3.0),
    (1, 1.0, 0.0, 1.0),
    (1, 1.2, 1.0, 2.0),
    (2, 0.6, 1.0, 4.0),
    (2, 0.9, 1.0, 3.0),
    (2, 1.1, 1.0, 4.0),
    (2, 0.8, 0.0, 3.0),
    (2, 1.0, 1.0, 4.0),
    (3, 1.4, 0.0, 1.0),
    (3, 1.0, 0.0, 2.0),
    (3, 0.9, 0.0, 2.0),
    (3, 1.2, 1.0, 3.0),
    (3, 1.1, 0.0, 1.0),
];

/// The golden survey: sub-dimension SC11 with indicators y1 (0–1) and y2 (1–4).
pub fn golden_survey(population: Vec<f64>, ci: CiMethod) -> Survey {
    let st = YearStructure::for_year(2024).unwrap();
    let q = Questionnaire {
        year: 2024,
        indicators: vec![
            indicator("y1", "SC11", 0.0, 1.0),
            indicator("y2", "SC11", 1.0, 4.0),
        ],
    };
    q.validate(&st).unwrap();
    let frame = Frame {
        villages: vec!["A".into(), "B".into(), "C".into(), "D".into()],
        adults: None,
        cells: Cells {
            n_age: 1,
            population,
        },
    };
    let mut data = Respondents::new(2);
    for (i, &(v, w, y1, y2)) in GOLDEN.iter().enumerate() {
        let r = [
            q.indicators[0].rescale(y1) as f32,
            q.indicators[1].rescale(y2) as f32,
        ];
        data.push_weighted(v, i % 2, w, &r);
    }
    let opts = Options {
        ci,
        ..Options::default()
    };
    Survey::new(Hierarchy::new(&st, &q), frame, data, opts).unwrap()
}

/// Whether the shared provincial data stands beside the clone (it is never copied into the
/// repository); the tests that need it say so and skip when it does not.
pub fn shared_present() -> bool {
    let present = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/papi-provincial/2024.csv"
    ))
    .exists();
    if !present {
        eprintln!("data/papi-provincial missing from the checkout: skipped");
    }
    present
}

pub fn shared(file: &str) -> String {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/papi-provincial/");
    std::fs::read_to_string(format!("{p}{file}")).unwrap_or_else(|e| panic!("{p}{file}: {e}"))
}
