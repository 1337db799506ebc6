-- One batch (a JDBC split per statement would lose @pk), in one transaction that XACT_ABORT rolls
-- back on any error, so the old key stays if the new one cannot be made. Fixes the runbook's
-- "APILASTACCESSSUMMARYADD" typo. NONCLUSTERED: the 4 x VARCHAR(254) key is up to 1016 bytes,
-- over SQL Server's 900-byte limit for a clustered key but under 1700 for a nonclustered one.
SET XACT_ABORT ON;
BEGIN TRANSACTION;
DECLARE @pk NVARCHAR(256);
SELECT @pk = name FROM sys.key_constraints WHERE parent_object_id = OBJECT_ID('${table}') AND type = 'PK';
IF @pk IS NOT NULL EXEC('ALTER TABLE ${table} DROP CONSTRAINT [' + @pk + ']');
ALTER TABLE ${table} ALTER COLUMN APIVERSION VARCHAR(254) NOT NULL;
ALTER TABLE ${table} ADD CONSTRAINT PK_APILASTACCESSSUMMARY PRIMARY KEY NONCLUSTERED (APINAME, APICREATOR, APIVERSION, APICREATORTENANTDOMAIN);
COMMIT TRANSACTION;
GO
