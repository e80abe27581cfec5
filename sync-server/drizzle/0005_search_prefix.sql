-- Hand-written (drizzle cannot declare virtual tables or triggers): search_fts rebuilt with
-- - a 4-character prefix index (prefix='2 3 4'): the word being typed is usually 4+ letters, and
--   without it FTS5 merges every indexed word with that prefix, for the ranking query and again
--   for the snippets;
-- - the channel id as a second column, so a search narrowed to a few channels is one FTS5
--   intersection (`channel_id : "…"`) instead of reading every match and checking its row.
--   Words are matched in `body` only; bm25 weights `channel_id` 0; search_vocab reads `body`.
DROP TRIGGER `search_messages_ai`;
--> statement-breakpoint
DROP TRIGGER `search_messages_ad`;
--> statement-breakpoint
DROP TRIGGER `search_messages_au`;
--> statement-breakpoint
DROP TABLE `search_vocab`;
--> statement-breakpoint
DROP TABLE `search_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts` USING fts5(
	`body`,
	`channel_id`,
	content='search_messages',
	content_rowid='id',
	tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co So Mn Mc'",
	prefix='2 3 4'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_vocab` USING fts5vocab('search_fts', 'col');
--> statement-breakpoint
INSERT INTO `search_fts`(`search_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `search_messages_ai` AFTER INSERT ON `search_messages` BEGIN
	INSERT INTO `search_fts`(rowid, `body`, `channel_id`) VALUES (new.`id`, new.`body`, new.`channel_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_messages_ad` AFTER DELETE ON `search_messages` BEGIN
	INSERT INTO `search_fts`(`search_fts`, rowid, `body`, `channel_id`)
	VALUES ('delete', old.`id`, old.`body`, old.`channel_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_messages_au` AFTER UPDATE OF `body`, `channel_id` ON `search_messages`
WHEN old.`body` IS NOT new.`body` OR old.`channel_id` IS NOT new.`channel_id` BEGIN
	INSERT INTO `search_fts`(`search_fts`, rowid, `body`, `channel_id`)
	VALUES ('delete', old.`id`, old.`body`, old.`channel_id`);
	INSERT INTO `search_fts`(rowid, `body`, `channel_id`) VALUES (new.`id`, new.`body`, new.`channel_id`);
END;
