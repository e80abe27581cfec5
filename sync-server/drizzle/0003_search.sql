CREATE TABLE `search_messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`thread_title` text NOT NULL,
	`fork_id` text,
	`author_id` text NOT NULL,
	`author_kind` text NOT NULL,
	`created_at` text NOT NULL,
	`created_ms` integer NOT NULL,
	`pinned` integer NOT NULL,
	`has_fork` integer NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_messages_message` ON `search_messages` (`message_id`);--> statement-breakpoint
CREATE INDEX `search_messages_channel_time` ON `search_messages` (`channel_id`,`created_ms`);--> statement-breakpoint
-- Hand-written (drizzle cannot declare virtual tables or triggers): the full-text index over
-- search_messages.body. unicode61 folds case and accents (remove_diacritics 2); categories adds
-- symbols (So: emoji) and combining marks to word characters; prefix indexes make 2- and
-- 3-character prefix queries cheap. CJK is split into one-character tokens by the indexer.
CREATE VIRTUAL TABLE `search_fts` USING fts5(
	`body`,
	content='search_messages',
	content_rowid='id',
	tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co So Mn Mc'",
	prefix='2 3'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_vocab` USING fts5vocab('search_fts', 'row');
--> statement-breakpoint
CREATE TRIGGER `search_messages_ai` AFTER INSERT ON `search_messages` BEGIN
	INSERT INTO `search_fts`(rowid, `body`) VALUES (new.`id`, new.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_messages_ad` AFTER DELETE ON `search_messages` BEGIN
	INSERT INTO `search_fts`(`search_fts`, rowid, `body`) VALUES ('delete', old.`id`, old.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_messages_au` AFTER UPDATE OF `body` ON `search_messages`
WHEN old.`body` IS NOT new.`body` BEGIN
	INSERT INTO `search_fts`(`search_fts`, rowid, `body`) VALUES ('delete', old.`id`, old.`body`);
	INSERT INTO `search_fts`(rowid, `body`) VALUES (new.`id`, new.`body`);
END;
