-- Empties a link table and the table it refers to, before both are reloaded from their copies (this
-- session has foreign-key checks off: the rows reloaded are rows that satisfied them).
TRUNCATE TABLE ${link};
TRUNCATE TABLE ${table};
