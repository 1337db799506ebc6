-- Read from the catalog (am_system_apps_name_key on a 3.0.0 schema made by WSO2's script).
ALTER TABLE AM_SYSTEM_APPS DROP CONSTRAINT "${constraintName}";
