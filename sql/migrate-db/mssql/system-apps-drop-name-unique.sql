-- SQL Server generates the name (UQ__AM_SYSTE__<hex>); it is read from the catalog.
ALTER TABLE AM_SYSTEM_APPS DROP CONSTRAINT [${constraintName}]
GO
