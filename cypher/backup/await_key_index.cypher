// Wait until backup/key_index is online (at once on the empty database a restore starts from).
CALL db.awaitIndex('restore_key', 300)
