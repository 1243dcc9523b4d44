//! Consultations (tham gia ý kiến, Đ.25–28): drafts, forms, the 20-day window, comments,
//! the summary and the explanation.
