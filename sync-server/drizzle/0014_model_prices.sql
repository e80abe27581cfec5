CREATE TABLE `model_prices` (
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`input_per_million` real NOT NULL,
	`output_per_million` real NOT NULL,
	`currency` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `model_prices_model` ON `model_prices` (`provider`,`model`);