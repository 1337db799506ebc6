-- What the lock protects: this instance and this database (application locks are per database).
SELECT @@SERVERNAME + '/' + DB_NAME();
