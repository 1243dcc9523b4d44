pub mod plan_docx;
