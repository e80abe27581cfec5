-- The thread index of split channels (threads/thread-index-rows.ts): one row per thread document.
-- Numbered 0023 (0022 is another branch's); its `when` is later than any 0022 can be.
CREATE TABLE `thread_index` (
	`channel_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`document_name` text NOT NULL,
	`digest` text,
	`last_activity_at` text,
	`stored_through` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`channel_id`, `thread_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `thread_index_document` ON `thread_index` (`document_name`);--> statement-breakpoint
CREATE INDEX `thread_index_activity` ON `thread_index` (`channel_id`,`last_activity_at`,`thread_id`);