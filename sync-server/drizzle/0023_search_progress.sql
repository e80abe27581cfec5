-- Hand-written: how far the search index is known complete (search/index-catch-up.ts). The
-- search projection writes it with every batch of rows, in the same transaction: every document
-- update stored before `complete_before` (epoch ms) has its messages in the index. After a
-- crash, the documents stored since then are indexed again at the next start. A new row says
-- "complete now": what an earlier version left unwritten is beyond recovery here.
CREATE TABLE `search_progress` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`complete_before` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `search_progress` (`id`, `complete_before`) VALUES (1, CAST(strftime('%s', 'now') AS INTEGER) * 1000);
