CREATE TABLE `link_previews` (
	`url` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`title` text,
	`description` text,
	`image_type` text,
	`image` blob,
	`fetched_at` integer NOT NULL
);
