//! Inspections and self-checks: the year's plan and its list (`staff`), one check with its
//! checklist, findings and conclusion (`check`), the finding forms (`finding`), the public list
//! (`public`) and the JSON API (`api`). Handlers read the form, call one papi-app function and
//! render; the rules and who may see an unannounced check are decided below.

pub mod api;
pub mod check;
pub mod finding;
pub mod public;
pub mod staff;

/// What was typed in a refused form, to show it again: nothing is lost.
#[derive(Debug, Clone, Default)]
pub struct Typed(Vec<(String, String)>);

impl Typed {
    pub fn from_pairs(f: &crate::plan::edit::FormPairs, keys: &[&str]) -> Typed {
        Typed(
            keys.iter()
                .map(|k| (k.to_string(), f.get(k).to_string()))
                .collect(),
        )
    }

    /// The typed value of `key`, or empty.
    pub fn v(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}
