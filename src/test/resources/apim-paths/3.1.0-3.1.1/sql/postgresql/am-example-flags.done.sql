SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND UPPER(table_name) = 'AM_EXAMPLE_FLAGS';
