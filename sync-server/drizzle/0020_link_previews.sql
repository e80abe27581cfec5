CREATE TABLE `link_previews` (
	`url` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`title` text,
	`description` text,
	`image_type` text,
	`image` blob,
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `search_messages` ADD `has_link` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-written: rows indexed before has:link get the flag from their indexed text (a web
-- address survives toIndexText); rows written from now on get it from linksIn.
UPDATE `search_messages` SET `has_link` = 1 WHERE `body` LIKE '%http://_%' OR `body` LIKE '%https://_%';
--> statement-breakpoint
-- The facets column gains ' haslink' (search/facets.ts): search_fts, its triggers and its
-- vocabulary are rebuilt around the new column, as in 0013.
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
ALTER TABLE `search_messages` DROP COLUMN `facets`;
--> statement-breakpoint
ALTER TABLE `search_messages` ADD `facets` text GENERATED ALWAYS AS ('c' || hex(channel_id) || ' a' || hex(author_id) || ' dd' || (max(0, min(created_ms, 3455999999999)) / 864000000000) || ' dc' || (max(0, min(created_ms, 3455999999999)) / 86400000000) || ' db' || (max(0, min(created_ms, 3455999999999)) / 8640000000) || ' da' || (max(0, min(created_ms, 3455999999999)) / 864000000) || iif(pinned, ' pinned', '') || iif(has_fork, ' hasfork', '') || iif(fork_id IS NOT NULL, ' infork', '') || iif(has_link, ' haslink', '')) VIRTUAL;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts` USING fts5(
	`body`,
	`facets`,
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
	INSERT INTO `search_fts`(rowid, `body`, `facets`) VALUES (new.`id`, new.`body`, new.`facets`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_messages_ad` AFTER DELETE ON `search_messages` BEGIN
	INSERT INTO `search_fts`(`search_fts`, rowid, `body`, `facets`)
	VALUES ('delete', old.`id`, old.`body`, old.`facets`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_messages_au` AFTER UPDATE OF `body`, `channel_id`, `author_id`, `created_ms`,
	`pinned`, `has_fork`, `fork_id`, `has_link` ON `search_messages`
WHEN old.`body` IS NOT new.`body` OR old.`facets` IS NOT new.`facets` BEGIN
	INSERT INTO `search_fts`(`search_fts`, rowid, `body`, `facets`)
	VALUES ('delete', old.`id`, old.`body`, old.`facets`);
	INSERT INTO `search_fts`(rowid, `body`, `facets`) VALUES (new.`id`, new.`body`, new.`facets`);
END;
