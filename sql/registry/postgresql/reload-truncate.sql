-- Empties a link table and the table it refers to, in one statement as PostgreSQL requires for tables
-- joined by a foreign key, before both are reloaded from their copies.
TRUNCATE ${link}, ${table};
