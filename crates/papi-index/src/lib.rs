//! papi-index: the computational core of the resident self-assessment (issue 4): PAPI
//! structure per year, the questionnaire model and XLSForm relevance, scoring the PAPI way,
//! survey weights, standard errors and 95 % intervals by Taylor linearisation and by the Rao–Wu
//! bootstrap, and benchmarks against the official provincial scores. Pure: no I/O; formulas
//! follow `shared/reference/papi-method.md` (sections cited in each module).
//!
//! ```
//! use papi_index::*;
//! let st = YearStructure::for_year(2024).unwrap();
//! assert_eq!(st.k("D5"), Some(3)); // construction permits dropped from 2021
//! let q = Questionnaire {
//!     year: 2024,
//!     indicators: vec![Indicator {
//!         id: "voted".into(), subdimension: "SC12".into(), question: "voted".into(),
//!         min: 0.0, max: 1.0, direction: Direction::Up, missing: vec![], relevant: None,
//!         values: Default::default(),
//!     }],
//! };
//! q.validate(&st).unwrap();
//! let frame = Frame {
//!     villages: vec!["Thôn 1".into(), "Thôn 2".into()],
//!     adults: Some(vec![400.0, 600.0]),
//!     cells: Cells { n_age: 1, population: vec![] },
//! };
//! let mut data = Respondents::new(1);
//! for (v, x) in [(0, 10.0), (0, 1.0), (1, 10.0), (1, 10.0), (1, 1.0)] {
//!     data.push(v, 0, &[x]);
//! }
//! let survey = Survey::new(Hierarchy::new(&st, &q), frame, data, Options::default()).unwrap();
//! let res = linearise(&survey, Design::Strata);
//! // 0.4 · 5.5 + 0.6 · 7 = 6.4
//! assert!((res.commune.indicators["voted"].estimate - 6.4).abs() < 1e-12);
//! ```

// Numerical loops index several parallel arrays (village × cell × indicator); index loops
// say that more plainly than zipped iterators.
#![allow(clippy::needless_range_loop)]

pub mod benchmark;
pub mod questionnaire;
pub mod relevance;
pub mod results;
pub mod scoring;
pub mod stats;
pub mod structure;
pub mod survey;
pub mod variance;
pub mod weights;

pub use benchmark::{
    change_test, parse_provincial_csv, BenchmarkError, ChangeTest, ProvincialScore,
    ProvincialTable, QuartileGroup,
};
pub use questionnaire::{
    AnswerError, Direction, HeaderError, Indicator, Questionnaire, QuestionnaireError, RowScorer,
};
pub use relevance::{BoundExpr, Expr, RelevanceError};
pub use results::{
    intervals_overlap, Design, DomainResults, Estimate, Method, SubdimensionEstimate,
    SurveyResults, VarianceMethod, VillageInterval, VillageResults,
};
pub use scoring::{AggregationPlan, Hierarchy};
pub use structure::{StructureError, SubDimension, YearDimension, YearStructure};
pub use survey::{
    CiMethod, Frame, Options, Respondents, Survey, SurveyError, MIN_VILLAGE_RESPONDENTS,
};
pub use variance::bootstrap::{bootstrap, cluster_replicates, rao_wu_multipliers};
pub use variance::linearise::linearise;
pub use weights::{Calibration, Cells, RakeOptions, WeightError, MIN_CELL_RESPONDENTS};

/// How to estimate: the design, and the bootstrap when `replicates` is set (else linearisation).
#[derive(Debug, Clone, Copy)]
pub struct EstimateOptions {
    pub design: Design,
    /// `(replicates, seed)` for the Rao–Wu bootstrap.
    pub bootstrap: Option<(usize, u64)>,
}

/// The whole pipeline in one call: structure of the questionnaire's year, weights and
/// calibration from `frame`, estimates with standard errors and 95 % intervals.
pub fn estimate(
    questionnaire: &Questionnaire,
    frame: Frame,
    data: Respondents,
    opts: EstimateOptions,
) -> Result<SurveyResults, String> {
    let structure = YearStructure::for_year(questionnaire.year).map_err(|e| e.to_string())?;
    questionnaire.validate(&structure).map_err(|errs| {
        errs.iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let survey = Survey::new(
        Hierarchy::new(&structure, questionnaire),
        frame,
        data,
        Options::default(),
    )
    .map_err(|e| e.to_string())?;
    match opts.bootstrap {
        Some((replicates, seed)) => {
            bootstrap(&survey, opts.design, replicates, seed).map_err(|e| e.to_string())
        }
        None => Ok(linearise(&survey, opts.design)),
    }
}
