CREATE TABLE `document_updates` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_name` text NOT NULL,
	`update` blob NOT NULL,
	`stored_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `document_updates_by_document` ON `document_updates` (`document_name`,`seq`);--> statement-breakpoint
CREATE TABLE `documents` (
	`name` text PRIMARY KEY NOT NULL,
	`snapshot` blob,
	`snapshot_through` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`compacted_at` integer
);
