-- How many working days before a deadline the commune's pages and reminders show it as
-- falling due (papi_core::agenda::DueSoon); 10 unless the commune's administrator changes it.
ALTER TABLE communes ADD COLUMN due_soon_working_days INTEGER NOT NULL DEFAULT 10;
