CREATE TABLE `context_items` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`scope` text NOT NULL,
	`channel_id` text,
	`thread_id` text,
	`source` text NOT NULL,
	`source_channel_id` text,
	`source_thread_id` text,
	`source_message_fork_id` text,
	`source_message_id` text,
	`source_fork_id` text,
	`source_task_id` text,
	`author_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `context_items_channel` ON `context_items` (`channel_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `context_items_fork` ON `context_items` (`source_fork_id`);