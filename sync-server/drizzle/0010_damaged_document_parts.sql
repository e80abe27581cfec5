CREATE TABLE `damaged_document_parts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_name` text NOT NULL,
	`kind` text NOT NULL,
	`seq` integer NOT NULL,
	`data` blob NOT NULL,
	`reason` text NOT NULL,
	`found_at` integer NOT NULL
);
