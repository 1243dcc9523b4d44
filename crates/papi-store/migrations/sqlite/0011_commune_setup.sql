-- A commune that existed before 01/07/2025 keeps its old name for its historic plans and
-- names the unit of the official list that succeeded it (papi_core::setup).
ALTER TABLE communes ADD COLUMN successor_code TEXT;
