//! Outreach (tuyên truyền): the log of communication work.
