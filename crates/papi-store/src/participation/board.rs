//! Supervision boards: the people's inspection board (BTTND) and the community investment
//! supervision boards (BGSĐTCĐ), their members, plans, notices and recommendations.
