//! Survey file formats of the resident self-assessment (issue 4): the questionnaire as our own
//! TOML and as XLSForm (KoboToolbox / ODK), the default Vietnamese commune questionnaire,
//! respondents' answers from Kobo/ODK exports (CSV, XLSX) or from the web form, the commune's
//! population table, and a user's own XLSX of provincial scores. The computations live in
//! `papi-index`; this module only turns bytes into its types and back.
//!
//! The model here is a [`SurveyForm`]: the whole form as an enumerator sees it (every row of
//! XLSForm's `survey` sheet, the choice lists, the settings), where some questions carry a
//! PAPI indicator mapping. [`SurveyForm::questionnaire`] derives `papi_index::Questionnaire`
//! from it (the part scoring needs); [`SurveyForm::from_questionnaire`] goes the other way for a
//! bare questionnaire. Every error is Vietnamese and names where it is (sheet, row, column,
//! question or indicator).

mod answer_table;
mod benchmark;
mod columns;
mod errors;
mod form;
mod parallel;
mod population;
mod questionnaire_toml;
mod responses;
mod row_check;
mod spec;
mod xform;
mod xlsform;

pub use benchmark::{read_provincial, read_provincial_csv, read_provincial_xlsx};
pub use columns::{AGE_BAND, DEFAULT_AGE_BANDS, SEX, VILLAGE};
pub use errors::{FormatError, ImportErrors, MAX_ERRORS};
pub use form::{Choice, ChoiceList, IndicatorSpec, Question, SurveyForm};
pub use parallel::Progress;
pub use population::{read_population, read_population_csv, read_population_xlsx, Population};
pub use questionnaire_toml::{read_toml, write_toml};
pub use responses::{
    check_answer, parse_answers, read_responses, read_responses_csv, read_responses_from,
    read_responses_xlsx, ImportedResponses, ResponseMeta,
};
pub use spec::{ImportSpec, ParsedAnswers};
pub use xform::{read_submission, write_xform, SubmittedInstance, MAX_SUBMISSION_XML};
pub use xlsform::{read_xlsform, write_xlsform};

use papi_index::Questionnaire;

/// The default questionnaire, as shipped (TOML source).
pub const DEFAULT_QUESTIONNAIRE_TOML: &str = include_str!("../../data/questionnaire-vi.toml");

/// The default Vietnamese commune questionnaire as a whole form (labels, choices, groups,
/// respondent metadata). Its `village` list holds two placeholder villages: replace them with
/// the commune's own by [`SurveyForm::set_villages`] before handing the form out.
pub fn default_form() -> SurveyForm {
    read_toml(DEFAULT_QUESTIONNAIRE_TOML).expect("embedded data/questionnaire-vi.toml is valid")
}

/// A questionnaire file, uploaded or named on the command line: an XLSForm (an `.xlsx`, which
/// is a zip) or our TOML. A form whose indicators do not make a questionnaire is refused here,
/// each error named by where it is.
pub fn read_form_file(name: &str, bytes: &[u8]) -> Result<SurveyForm, ImportErrors> {
    let form = if name.to_lowercase().ends_with(".xlsx") || bytes.starts_with(b"PK") {
        read_xlsform(bytes)?
    } else {
        let text = std::str::from_utf8(bytes).map_err(|_| {
            FormatError::new("tệp phiếu không phải XLSForm (.xlsx) cũng không phải TOML (UTF-8)")
        })?;
        read_toml(text.strip_prefix('\u{feff}').unwrap_or(text))?
    };
    form.questionnaire()?;
    Ok(form)
}

/// The indicators of the default questionnaire (PAPI 2024 structure, every sub-dimension
/// covered).
pub fn default_questionnaire() -> Questionnaire {
    default_form()
        .questionnaire()
        .expect("embedded data/questionnaire-vi.toml maps to a questionnaire")
}

#[cfg(test)]
mod tests {
    use super::*;
    use papi_index::YearStructure;

    #[test]
    fn default_questionnaire_covers_2024() {
        let q = default_questionnaire();
        let st = YearStructure::for_year(2024).unwrap();
        q.validate(&st).unwrap();
        assert!(q.uncovered(&st).is_empty(), "{:?}", q.uncovered(&st));
        default_form().check().unwrap();
    }
}
