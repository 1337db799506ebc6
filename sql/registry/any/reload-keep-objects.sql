-- The tags, comments, properties or ratings that a kept link row refers to, copied aside (the table is
-- then truncated and reloaded from the copy). Driven from the distinct kept ids, each looked up by the
-- table's primary key: a scan of the whole table with a lookup per row is many times slower on MariaDB.
CREATE TABLE ${keep} AS
SELECT O.* FROM (SELECT DISTINCT ${idColumn}, REG_TENANT_ID FROM ${keepLinks}) L
  JOIN ${table} O ON O.REG_ID = L.${idColumn} AND O.REG_TENANT_ID = L.REG_TENANT_ID;
