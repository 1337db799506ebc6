-- Drops the index the clean-up added for its run.
DROP INDEX ${name};
