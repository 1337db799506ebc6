-- WITH VALUES: without it SQL Server leaves existing rows NULL instead of carbon.super.
ALTER TABLE AM_SYSTEM_APPS ADD TENANT_DOMAIN VARCHAR(255) DEFAULT 'carbon.super' WITH VALUES
GO
