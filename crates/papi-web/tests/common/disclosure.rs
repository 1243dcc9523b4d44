//! The disclosure register of the test commune, and how the route × role test fills and calls their
//! routes.

use papi_core::Role;

use super::{Client, Reply, World};

/// The objects the routes' `{id}`s point to.
#[derive(Debug, Default, Clone)]
pub struct Objects {}

/// Adds the objects to the test commune (after everything else exists).
pub async fn seed(_w: &World) -> Objects {
    Objects::default()
}

/// The path with its placeholders filled, for the routes of this process; `None` for others.
pub fn fill(_path: &str, _w: &World, _role: Option<Role>) -> Option<String> {
    None
}

/// Calls a route of this process with a valid body; `None` for the default call.
pub async fn call(
    _w: &World,
    _c: &Client,
    _method: &str,
    _path: &str,
    _template: &str,
) -> Option<Reply> {
    None
}

/// The object-level rule for the routes of this process; `None` for other routes.
pub async fn object_allowed(_w: &World, _role: Role, _spec: &papi_web::RouteSpec) -> Option<bool> {
    None
}
