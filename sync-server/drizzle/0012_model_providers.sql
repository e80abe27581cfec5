ALTER TABLE `agent_configs` ADD `provider` text DEFAULT 'anthropic' NOT NULL;--> statement-breakpoint
ALTER TABLE `agent_configs` ADD `base_url` text;--> statement-breakpoint
ALTER TABLE `agent_configs` ADD `api_key_sealed` text;--> statement-breakpoint
ALTER TABLE `agent_tasks` ADD `provider` text;--> statement-breakpoint
-- Before providers, every model call went to Anthropic: tasks that consumed tokens are its.
UPDATE `agent_tasks` SET `provider` = 'anthropic' WHERE `input_tokens` + `output_tokens` > 0;
