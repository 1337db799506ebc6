-- One statement, so that a crash cannot leave the table without its foreign key.
ALTER TABLE AM_SECURITY_AUDIT_UUID_MAPPING
  DROP FOREIGN KEY `${foreignKeyName}`,
  ADD FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID) ON UPDATE CASCADE ON DELETE RESTRICT;
