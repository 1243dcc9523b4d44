//! Field collection with ODK Collect / KoboCollect: the OpenRosa 1.0 server under
//! `/openrosa/{gso}` (form list, form download, manifest, submissions), authenticated per
//! enumerator, and the staff pages (enumerators, fieldwork window, submissions).

pub mod openrosa;
pub mod staff;
