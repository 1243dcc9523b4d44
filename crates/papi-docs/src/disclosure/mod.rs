//! Disclosure documents: the quarterly list of what was disclosed and the annual report.
