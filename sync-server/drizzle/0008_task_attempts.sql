CREATE TABLE `agent_task_attempts` (
	`task_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`claimed_by` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`model` text,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`usage_recorded_at` integer,
	PRIMARY KEY(`task_id`, `attempt`),
	FOREIGN KEY (`task_id`) REFERENCES `agent_tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `agent_tasks` ADD `reply_attempt` integer;