CREATE TABLE `attachment_refs` (
	`attachment_id` text NOT NULL,
	`message_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`removed_at` integer,
	PRIMARY KEY(`attachment_id`, `message_id`)
);
--> statement-breakpoint
CREATE INDEX `attachment_refs_message` ON `attachment_refs` (`message_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`uploader_id` text NOT NULL,
	`name` text NOT NULL,
	`declared_type` text NOT NULL,
	`type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`width` integer,
	`height` integer,
	`thumbnail_sha256` text,
	`created_at` integer NOT NULL,
	`stored_at` integer
);
--> statement-breakpoint
CREATE INDEX `attachments_sha256` ON `attachments` (`sha256`);--> statement-breakpoint
CREATE INDEX `attachments_thumbnail` ON `attachments` (`thumbnail_sha256`);--> statement-breakpoint
CREATE INDEX `attachments_channel` ON `attachments` (`channel_id`);--> statement-breakpoint
CREATE TABLE `blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer NOT NULL
);

--> statement-breakpoint
ALTER TABLE `search_messages` ADD `has_file` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `search_messages` ADD `has_image` integer DEFAULT false NOT NULL;