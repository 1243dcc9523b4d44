//! Outreach (tuyên truyền): the log of communication work per channel, topic and village.
