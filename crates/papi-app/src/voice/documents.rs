//! The Decree-30 documents of a matter, built from the case by papi-docs.
