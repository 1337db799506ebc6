-- The rows of a link table that the clean-up keeps, with their path id and name, copied aside (the table
-- is then truncated and reloaded from the copy): the links of current versions, and the links that
-- already use path ids. Versions are matched on tenant id too. The copy is indexed on the id column for
-- the objects' copy, which looks the kept ids up.
CREATE TABLE ${keep} AS
SELECT L.${idColumn}, L.REG_VERSION, R.REG_PATH_ID, R.REG_NAME AS REG_RESOURCE_NAME, L.REG_TENANT_ID
  FROM ${link} L JOIN REG_RESOURCE R ON R.REG_VERSION = L.REG_VERSION AND R.REG_TENANT_ID = L.REG_TENANT_ID;

INSERT INTO ${keep} (${idColumn}, REG_VERSION, REG_PATH_ID, REG_RESOURCE_NAME, REG_TENANT_ID)
SELECT L.${idColumn}, L.REG_VERSION, L.REG_PATH_ID, L.REG_RESOURCE_NAME, L.REG_TENANT_ID
  FROM ${link} L WHERE L.REG_VERSION IS NULL;

CREATE INDEX ${keep}_ID ON ${keep} (${idColumn}, REG_TENANT_ID);
