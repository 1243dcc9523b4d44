//! The Decree-30 documents of a matter, for download.

use papi_app::voice::MatterView;

/// The documents of a matter the page lists, as (link, label).
pub fn links(_view: &MatterView) -> Vec<(String, String)> {
    Vec::new()
}
