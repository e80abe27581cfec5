-- Hand-written: the document log becomes a rowid table with a unique index on (document, seq).
-- It was WITHOUT ROWID, clustered on (document_name, seq). Such a B-tree keeps whole rows in its
-- interior pages too, and an update is a few hundred bytes to a few kilobytes: five rows to an
-- interior page, a tree five levels deep at 100,000 messages, and an append anywhere but the
-- tree's right edge (every channel document and every thread but the last) rebalanced three
-- leaves and their parent, often more: 4-13 pages of 4 KB per durable commit (strace of benchmark
-- 3b). A rowid table appends at its right edge, and the index's rows are a few dozen bytes: about
-- two pages per commit. Rows are copied in the order they were stored.
CREATE TABLE `document_updates_by_rowid` (
	`id` integer PRIMARY KEY NOT NULL,
	`document_name` text NOT NULL,
	`seq` integer NOT NULL,
	`update` blob NOT NULL,
	`stored_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `document_updates_by_rowid` (`document_name`, `seq`, `update`, `stored_at`)
	SELECT `document_name`, `seq`, `update`, `stored_at` FROM `document_updates`
	ORDER BY `stored_at`, `document_name`, `seq`;
--> statement-breakpoint
DROP TABLE `document_updates`;
--> statement-breakpoint
ALTER TABLE `document_updates_by_rowid` RENAME TO `document_updates`;
--> statement-breakpoint
CREATE UNIQUE INDEX `document_updates_document_seq` ON `document_updates` (`document_name`, `seq`);
