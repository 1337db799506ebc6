-- On MySQL a unique constraint is an index; its name (NAME on 3.0.0) is read from the catalog.
ALTER TABLE AM_SYSTEM_APPS DROP INDEX `${constraintName}`;
