//! Finding a survey file's columns and reading its respondent metadata the same way in every
//! reader (answers, population, the web form): a question's column by name, a metadata
//! column ignoring case, the sex and the age band as people write them.

use papi_core::text::fold;

/// Column / question names of the respondent metadata every response file carries.
pub const VILLAGE: &str = "village";
pub const SEX: &str = "sex";
pub const AGE_BAND: &str = "age_band";
/// The age bands of the default questionnaire (choice names of its `age_band` list).
pub use papi_core::survey_setup::DEFAULT_AGE_BANDS;

/// Column of a question: an exact header, else a `group/…/name` header — the rule of
/// `papi_index::RowScorer`, so both agree on which column a question is.
pub(crate) fn find_column(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| h == name).or_else(|| {
        header
            .iter()
            .position(|h| h.rsplit('/').next() == Some(name))
    })
}

/// Column of a metadata field: as [`find_column`], else ignoring case.
pub(crate) fn find_meta(header: &[String], name: &str) -> Option<usize> {
    find_column(header, name).or_else(|| {
        header.iter().position(|h| {
            h.eq_ignore_ascii_case(name)
                || h.rsplit('/')
                    .next()
                    .is_some_and(|l| l.eq_ignore_ascii_case(name))
        })
    })
}

/// An age band as compared: `18–29 tuổi` and `18-29` are the same band.
pub(crate) fn band_key(s: &str) -> String {
    fold(s)
        .replace(['–', '—'], "-")
        .replace("tuoi", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The sex as `papi_index::Cells` numbers it (0 = F, 1 = M): `F`, `nữ`, `female`, `M`,
/// `nam`, `male` in any case.
pub(crate) fn sex_index(s: &str) -> Option<usize> {
    match fold(s.trim()).as_str() {
        "f" | "nu" | "female" => Some(0),
        "m" | "nam" | "male" => Some(1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_and_sexes() {
        assert_eq!(band_key("18–29 tuổi"), band_key("18-29"));
        assert_eq!(band_key("60+"), "60+");
        assert_eq!(sex_index(" Nữ "), Some(0));
        assert_eq!(sex_index("MALE"), Some(1));
        assert_eq!(sex_index("?"), None);
    }

    #[test]
    fn columns_by_name_or_path() {
        let header: Vec<String> = ["Village", "civic/knows_slogan", "sex"]
            .map(String::from)
            .to_vec();
        assert_eq!(find_column(&header, "knows_slogan"), Some(1));
        assert_eq!(find_column(&header, "village"), None);
        assert_eq!(find_meta(&header, "village"), Some(0));
    }
}
