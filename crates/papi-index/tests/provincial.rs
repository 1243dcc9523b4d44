//! The shared official provincial data (read at test time, never copied into the repo).
mod common;
use common::{shared, shared_present};
use papi_index::*;

fn table() -> ProvincialTable {
    let mut t = ProvincialTable::default();
    for y in 2018..=2024u16 {
        t.extend(parse_provincial_csv(y, &shared(&format!("{y}.csv"))).unwrap());
    }
    t
}

#[test]
fn sums_reproduce_published_totals() {
    if !shared_present() {
        return;
    }
    let t = table();
    // papi-method.md §2.1 / issue 4: full-precision sums, and the published form (sum of the
    // dimensions rounded to 4 decimals), which gives the official 46.0414 for Huế.
    assert_eq!(format!("{:.4}", t.total("P31", 2023).unwrap()), "46.0415");
    assert_eq!(
        format!("{:.4}", t.published_total("P31", 2023).unwrap()),
        "46.0414"
    );
    assert_eq!(format!("{:.4}", t.total("P21", 2024).unwrap()), "44.4042");
    assert_eq!(
        format!("{:.4}", t.published_total("P21", 2024).unwrap()),
        "44.4041"
    );
    let d = t.dimensions("P31", 2023).unwrap();
    for (dim, v) in [
        ("D1", "5.3435"),
        ("D3", "4.3688"),
        ("D4", "7.5740"),
        ("D6", "8.3041"),
    ] {
        assert_eq!(format!("{:.4}", d[dim]), v, "{dim}");
    }
    // Hưng Yên §2.2
    for (y, total) in [(2022, "44.1832"), (2023, "44.2282"), (2024, "44.4041")] {
        assert_eq!(
            format!("{:.4}", t.published_total("P21", y).unwrap()),
            total
        );
    }
    let d = t.dimensions("P21", 2024).unwrap();
    let want = [
        "5.4520", "5.5162", "4.3691", "7.1959", "7.3097", "7.5498", "3.5847", "3.4267",
    ];
    for (i, w) in want.iter().enumerate() {
        assert_eq!(format!("{:.4}", d[&format!("D{}", i + 1)]), *w);
    }
    // Quảng Ninh 2024 tops at 47.821; incomplete provinces have no total
    assert_eq!(format!("{:.3}", t.ranking(2024)[0].1), "47.821");
    assert_eq!(t.ranking(2024)[0].0, "P14");
    assert_eq!(t.total("P14", 2023), None);
}

#[test]
fn quartile_groups_and_ranks() {
    if !shared_present() {
        return;
    }
    let t = table();
    assert_eq!(t.ranking(2023).len(), 61);
    assert_eq!(t.ranking(2024).len(), 61);
    let rank = |y| t.ranking(y).iter().position(|(p, _)| p == "P21").unwrap() + 1;
    assert_eq!((rank(2022), rank(2023), rank(2024)), (11, 12, 19));
    assert_eq!(t.quartile_group("P21", 2023), Some(QuartileGroup::Highest));
    assert_eq!(
        t.quartile_group("P21", 2024),
        Some(QuartileGroup::HighAverage)
    );
    // 2023: 15/15/15/16 and the 2nd group spans 42.40–43.95 (published "42.39 to 43.95")
    let r = t.ranking(2023);
    let groups: Vec<QuartileGroup> = r
        .iter()
        .map(|(p, _)| t.quartile_group(p, 2023).unwrap())
        .collect();
    let count = |g| groups.iter().filter(|x| **x == g).count();
    assert_eq!(
        [
            count(QuartileGroup::Highest),
            count(QuartileGroup::HighAverage),
            count(QuartileGroup::LowAverage),
            count(QuartileGroup::Lowest)
        ],
        [15, 15, 15, 16]
    );
    assert_eq!(format!("{:.2}", r[15].1), "43.95");
    assert_eq!(format!("{:.2}", r[29].1), "42.40");
}

#[test]
fn structure_matches_codebook_and_data() {
    if !shared_present() {
        return;
    }
    let codebook = shared("codebook_subcriteria.csv");
    let st24 = YearStructure::for_year(2019).unwrap(); // 2019 has all 29
    let mut n = 0;
    for line in codebook.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let (code, name, crit) = (f[0], f[1], f[f.len() - 1]);
        let dim = st24
            .dimension_of(code)
            .unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(dim.code, format!("D{}", &crit[2..]), "{code}");
        let sub = dim.subdimensions.iter().find(|s| s.code == code).unwrap();
        assert_eq!(sub.name_en, name);
        n += 1;
    }
    assert_eq!(n, 29);
    let criteria = shared("codebook_criteria.csv");
    for line in criteria.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let (code, name) = line.split_once(',').unwrap();
        let d = st24
            .dimensions
            .iter()
            .find(|d| d.code == format!("D{}", &code[2..]))
            .unwrap();
        assert_eq!(d.name_en, name);
    }
    // a column has data in a year exactly when the structure has it that year
    for y in 2018..=2024u16 {
        let st = YearStructure::for_year(y).unwrap();
        let rows = parse_provincial_csv(y, &shared(&format!("{y}.csv"))).unwrap();
        let mut with_data: Vec<&str> = rows.iter().map(|r| r.subdimension.as_str()).collect();
        with_data.sort_unstable();
        with_data.dedup();
        let mut expected = st.subdimension_codes();
        expected.sort_unstable();
        assert_eq!(with_data, expected, "{y}");
    }
    let k = |y, d| YearStructure::for_year(y).unwrap().k(d).unwrap();
    assert_eq!(
        (k(2018, "D8"), k(2019, "D8"), k(2020, "D5"), k(2021, "D5")),
        (2, 3, 4, 3)
    );
    assert_eq!(
        YearStructure::for_year(2018)
            .unwrap()
            .subdimension_codes()
            .len(),
        28
    );
    assert_eq!(
        YearStructure::for_year(2020)
            .unwrap()
            .subdimension_codes()
            .len(),
        29
    );
    assert_eq!(
        YearStructure::for_year(2024)
            .unwrap()
            .subdimension_codes()
            .len(),
        28
    );
    let cur = YearStructure::for_year(2025).unwrap();
    assert!(cur.provisional && cur.subdimension_codes().len() == 28);
    assert!(YearStructure::for_year(2017).is_err());
}

#[test]
fn parse_errors_name_line_and_column() {
    let e = parse_provincial_csv(2024, "Province,SC11\nP01,abc\n").unwrap_err();
    assert_eq!(
        e,
        BenchmarkError::BadNumber {
            line: 2,
            column: "SC11".into(),
            value: "abc".into()
        }
    );
    assert!(parse_provincial_csv(2024, "Tinh,SC11\n").is_err());
    assert!(parse_provincial_csv(2024, "Province,SC11\nP01,1,2\n").is_err());
}

#[test]
fn change_test_z_and_p() {
    // 1.96 SE apart → p = 0.05
    let c = change_test(
        (5.0 + 1.959963984540054 * 2f64.sqrt() * 0.5, 0.5),
        (5.0, 0.5),
    );
    assert!((c.z - 1.959963984540054).abs() < 1e-12);
    assert!((c.p_value - 0.05).abs() < 1e-12);
    let c = change_test((44.4041, 0.3), (44.2282, 0.4));
    assert!((c.se - 0.5).abs() < 1e-12);
    assert!(!c.significant);
    assert!((c.p_value - 0.7250).abs() < 1e-3); // z = 0.3518
}
