CREATE TABLE `agent_configs` (
	`agent_id` text PRIMARY KEY NOT NULL,
	`model` text NOT NULL,
	`system_prompt` text NOT NULL,
	`max_output_tokens` integer NOT NULL,
	`temperature` real,
	`enabled` integer NOT NULL,
	`monthly_token_budget` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agent_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agent_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`agent_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`fork_id` text,
	`trigger_message_id` text NOT NULL,
	`requested_by` text NOT NULL,
	`depth` integer NOT NULL,
	`status` text NOT NULL,
	`reply_message_id` text,
	`claimed_by` text,
	`lease_expires_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`model` text,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`stop_reason` text,
	`error` text,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`agent_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_tasks_once` ON `agent_tasks` (`kind`,`trigger_message_id`,`agent_id`);--> statement-breakpoint
CREATE INDEX `agent_tasks_queue` ON `agent_tasks` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `agent_tasks_usage` ON `agent_tasks` (`agent_id`,`finished_at`);--> statement-breakpoint
ALTER TABLE `api_keys` ADD `scope` text DEFAULT 'user' NOT NULL;