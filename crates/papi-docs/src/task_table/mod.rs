//! Task table (placeholder).
