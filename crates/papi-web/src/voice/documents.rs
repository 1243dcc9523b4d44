//! The Decree-30 documents of a matter, for download.
