-- The collation of the migrated ApiLastAccessSummary, for verify's copy of the 3.1.0 table: the 3.1.0 key only fits
-- a single-byte character set (LastAccessKeyStep refuses the others), so the copy is made in the table's own.
SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
