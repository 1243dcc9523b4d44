//! papi-calendar: the Vietnamese lunisolar calendar, holidays, official yearly schedules,
//! working-day arithmetic and statutory time limits. Pure: no I/O, no clock (today is always a
//! parameter).

mod astro;
pub mod lunar;

pub use lunar::{can_chi_year, leap_month, tet, tet_info, to_lunar, to_solar, LunarDate, TetInfo};
