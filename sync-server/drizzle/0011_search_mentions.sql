CREATE TABLE `search_mentions` (
	`handle` text NOT NULL,
	`message_row` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`handle`, `message_row`)
);
--> statement-breakpoint
CREATE INDEX `search_mentions_newest` ON `search_mentions` (`handle`,`created_at`,`message_row`);--> statement-breakpoint
CREATE INDEX `search_mentions_row` ON `search_mentions` (`message_row`);--> statement-breakpoint
ALTER TABLE `search_messages` ADD `mentions` text;--> statement-breakpoint
-- Hand-written: search_mentions follows search_messages.mentions (a JSON array of handles).
CREATE TRIGGER `search_mentions_ai` AFTER INSERT ON `search_messages` WHEN new.`mentions` IS NOT NULL BEGIN
	INSERT OR IGNORE INTO `search_mentions` (`handle`, `message_row`, `created_at`)
		SELECT DISTINCT value, new.`id`, new.`created_at` FROM json_each(new.`mentions`);
END;--> statement-breakpoint
CREATE TRIGGER `search_mentions_ad` AFTER DELETE ON `search_messages` BEGIN
	DELETE FROM `search_mentions` WHERE `message_row` = old.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `search_mentions_au` AFTER UPDATE OF `mentions`, `created_at` ON `search_messages` BEGIN
	DELETE FROM `search_mentions` WHERE `message_row` = old.`id`;
	INSERT OR IGNORE INTO `search_mentions` (`handle`, `message_row`, `created_at`)
		SELECT DISTINCT value, new.`id`, new.`created_at` FROM json_each(coalesce(new.`mentions`, '[]'));
END;
