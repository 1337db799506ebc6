-- One batch of registry tags, comments, properties or ratings (REG_ID >= ? AND REG_ID < ?), committed
-- by itself: those no link row refers to any more are deleted. Run after every batch of versions, with
-- an index on the link table's id column (the clean-up adds one for the run where the schema has none,
-- so that neither this check nor the foreign key's scans the link table per row).

DELETE FROM REG_TAG WHERE REG_ID >= ? AND REG_ID < ? AND NOT EXISTS (SELECT 1 FROM REG_RESOURCE_TAG L
    WHERE L.REG_TAG_ID = REG_TAG.REG_ID AND L.REG_TENANT_ID = REG_TAG.REG_TENANT_ID);

DELETE FROM REG_COMMENT WHERE REG_ID >= ? AND REG_ID < ? AND NOT EXISTS (SELECT 1 FROM REG_RESOURCE_COMMENT L
    WHERE L.REG_COMMENT_ID = REG_COMMENT.REG_ID AND L.REG_TENANT_ID = REG_COMMENT.REG_TENANT_ID);

DELETE FROM REG_PROPERTY WHERE REG_ID >= ? AND REG_ID < ? AND NOT EXISTS (SELECT 1 FROM REG_RESOURCE_PROPERTY L
    WHERE L.REG_PROPERTY_ID = REG_PROPERTY.REG_ID AND L.REG_TENANT_ID = REG_PROPERTY.REG_TENANT_ID);

DELETE FROM REG_RATING WHERE REG_ID >= ? AND REG_ID < ? AND NOT EXISTS (SELECT 1 FROM REG_RESOURCE_RATING L
    WHERE L.REG_RATING_ID = REG_RATING.REG_ID AND L.REG_TENANT_ID = REG_RATING.REG_TENANT_ID);

