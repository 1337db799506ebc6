-- What the lock protects: this cluster (its system identifier) and this database.
SELECT (SELECT system_identifier FROM pg_control_system())::text || '/' || current_database();
