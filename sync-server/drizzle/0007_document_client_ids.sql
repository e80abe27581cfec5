CREATE TABLE `document_client_ids` (
	`document_name` text NOT NULL,
	`client_id` integer NOT NULL,
	`owner_id` text NOT NULL,
	`claimed_at` integer NOT NULL,
	PRIMARY KEY(`document_name`, `client_id`)
) WITHOUT ROWID;
