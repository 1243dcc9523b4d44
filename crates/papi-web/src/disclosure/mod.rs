//! Disclosure (công khai): the staff register (`staff`), its JSON API (`api`) and the public
//! pages residents read (`public`). Handlers read the form, call one papi-app function and
//! render; the rules and their messages are papi-core's.

pub mod api;
pub mod public;
pub mod staff;
mod upload;
mod view;
