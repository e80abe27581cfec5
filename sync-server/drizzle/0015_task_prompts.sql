CREATE TABLE `agent_task_prompts` (
	`task_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`reply_message_id` text NOT NULL,
	`content` text NOT NULL,
	`recorded_at` integer NOT NULL,
	PRIMARY KEY(`task_id`, `attempt`),
	FOREIGN KEY (`task_id`) REFERENCES `agent_tasks`(`id`) ON UPDATE no action ON DELETE no action
);
