-- The tags, comments, properties or ratings that a kept link row refers to, copied aside (the table is
-- then truncated and reloaded from the copy).
CREATE TABLE ${keep} AS
SELECT O.* FROM ${table} O WHERE EXISTS (SELECT 1 FROM ${keepLinks} L
    WHERE L.${idColumn} = O.REG_ID AND L.REG_TENANT_ID = O.REG_TENANT_ID);
