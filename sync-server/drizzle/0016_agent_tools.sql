CREATE TABLE `agent_tools` (
	`agent_id` text PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`header_values_sealed` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agent_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
