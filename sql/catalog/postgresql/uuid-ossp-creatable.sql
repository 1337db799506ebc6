-- 1 when WSO2's identity migration can run its CREATE EXTENSION IF NOT EXISTS "uuid-ossp" here as this user:
-- the extension is there already, or the user may create it (a superuser; or, since PostgreSQL 13, a trusted
-- extension and the CREATE privilege on the database).
SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'uuid-ossp')
              OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
              OR (EXISTS (SELECT 1 FROM pg_available_extension_versions WHERE name = 'uuid-ossp' AND trusted)
                  AND has_database_privilege(current_database(), 'CREATE'))
            THEN 1 ELSE 0 END;
