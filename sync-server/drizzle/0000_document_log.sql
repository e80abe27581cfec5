CREATE TABLE `document_updates` (
	`document_name` text NOT NULL,
	`seq` integer NOT NULL,
	`update` blob NOT NULL,
	`stored_at` integer NOT NULL,
	PRIMARY KEY(`document_name`, `seq`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `documents` (
	`name` text PRIMARY KEY NOT NULL,
	`snapshot` blob,
	`snapshot_through` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`compacted_at` integer
);
