//! A new resident survey: the year it measures, its title and the age bands of its weighting
//! frame, checked before they are stored.
//! The questionnaire itself is read and checked by `papi-docs`.

/// Years a commune may survey: PAPI's first national survey was in 2009; a year far ahead is
/// a typing error.
pub const FIRST_YEAR: i64 = 2009;
pub const LAST_YEAR: i64 = 2100;
/// The longest title kept (it heads pages and reports).
pub const MAX_TITLE_CHARS: usize = 200;
/// The age bands PAPI's own weighting uses.
pub const DEFAULT_AGE_BANDS: [&str; 4] = ["18-29", "30-44", "45-59", "60+"];
/// More bands than any population table splits adults into.
pub const MAX_AGE_BANDS: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSurvey {
    pub year: i64,
    pub title: String,
    pub age_bands: Vec<String>,
}

/// The usual title of a year's survey.
pub fn default_title(year: i64) -> String {
    format!("Khảo sát ý kiến người dân về quản trị và hành chính công năm {year}")
}

/// How pages name a survey: its title, with the year in brackets unless the title says it.
pub fn heading(title: &str, year: i64) -> String {
    if title.contains(&year.to_string()) {
        title.to_string()
    } else {
        format!("{title} ({year})")
    }
}

/// Age bands as typed, separated by commas, semicolons or lines (blank = [`DEFAULT_AGE_BANDS`]):
/// each named once, at most [`MAX_AGE_BANDS`], the labels the population table and the answers
/// use ("18-29", "60+").
pub fn parse_age_bands(typed: &str) -> Result<Vec<String>, String> {
    let bands: Vec<String> = typed
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(str::to_string)
        .collect();
    if bands.is_empty() {
        return Ok(DEFAULT_AGE_BANDS.iter().map(|b| b.to_string()).collect());
    }
    if bands.len() > MAX_AGE_BANDS {
        return Err(format!(
            "Nhóm tuổi: {} nhóm, nhiều hơn {MAX_AGE_BANDS}.",
            bands.len()
        ));
    }
    for (i, b) in bands.iter().enumerate() {
        if bands[..i].contains(b) {
            return Err(format!("Nhóm tuổi: “{b}” được nhập hai lần."));
        }
        if b.chars().count() > 20 {
            return Err(format!("Nhóm tuổi: “{b}” dài quá 20 ký tự."));
        }
    }
    Ok(bands)
}

/// The year, title and age bands as typed: the year a whole number between [`FIRST_YEAR`]
/// and [`LAST_YEAR`], an empty title replaced by [`default_title`], the bands by
/// [`parse_age_bands`].
pub fn check_new(year: &str, title: &str, age_bands: &str) -> Result<NewSurvey, String> {
    let year = year.trim();
    if year.is_empty() {
        return Err("Năm khảo sát: chưa nhập.".into());
    }
    let y: i64 = year
        .parse()
        .map_err(|_| format!("Năm khảo sát: “{year}” không phải là một năm (ví dụ 2026)."))?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&y) {
        return Err(format!(
            "Năm khảo sát: {y} nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}."
        ));
    }
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(format!(
            "Tên cuộc khảo sát: dài quá {MAX_TITLE_CHARS} ký tự."
        ));
    }
    Ok(NewSurvey {
        age_bands: parse_age_bands(age_bands)?,
        year: y,
        title: if title.is_empty() {
            default_title(y)
        } else {
            title
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_and_an_empty_title_give_the_usual_title() {
        let s = check_new(" 2026 ", "  ", "").unwrap();
        assert_eq!(s.year, 2026);
        assert_eq!(
            s.title,
            "Khảo sát ý kiến người dân về quản trị và hành chính công năm 2026"
        );
        assert_eq!(
            check_new("2026", " Khảo sát   đợt 2 ", "").unwrap().title,
            "Khảo sát đợt 2"
        );
    }

    #[test]
    fn age_bands_as_typed_or_papis_own() {
        assert_eq!(parse_age_bands(" ").unwrap(), DEFAULT_AGE_BANDS);
        assert_eq!(
            parse_age_bands("18-29, 30-39;40-49\n50-59 ,60-70").unwrap(),
            ["18-29", "30-39", "40-49", "50-59", "60-70"]
        );
        assert!(parse_age_bands("18-29,18-29")
            .unwrap_err()
            .contains("hai lần"));
        let many = (0..13).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
        assert!(parse_age_bands(&many).unwrap_err().contains("13 nhóm"));
        let s = check_new("2026", "", "18-39;40+").unwrap();
        assert_eq!(s.age_bands, ["18-39", "40+"]);
    }

    #[test]
    fn a_heading_names_the_year_once() {
        assert_eq!(heading("Khảo sát năm 2025", 2025), "Khảo sát năm 2025");
        assert_eq!(heading("Khảo sát đợt 2", 2026), "Khảo sát đợt 2 (2026)");
    }

    #[test]
    fn bad_years_and_long_titles_are_refused_in_vietnamese() {
        assert!(check_new("", "", "").unwrap_err().contains("chưa nhập"));
        assert!(check_new("hai nghìn", "", "")
            .unwrap_err()
            .contains("không phải là một năm"));
        assert!(check_new("2008", "", "").unwrap_err().contains("2009–2100"));
        assert!(check_new("2101", "", "")
            .unwrap_err()
            .contains("ngoài khoảng"));
        assert!(check_new("2009", "", "").is_ok() && check_new("2100", "", "").is_ok());
        let long = "a".repeat(MAX_TITLE_CHARS + 1);
        assert!(check_new("2026", &long, "").unwrap_err().contains("200"));
        assert!(check_new("2026", &"ả".repeat(MAX_TITLE_CHARS), "").is_ok());
    }
}
