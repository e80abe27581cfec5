CREATE TABLE `read_positions` (
	`user_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`thread_id` text DEFAULT '' NOT NULL,
	`stamp` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `channel_id`, `thread_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
