-- Hand-written (drizzle cannot declare virtual tables or triggers): the word-pair index. Each
-- search_messages row has one document in search_pairs (rowid = its id): its adjacent words
-- joined by U+E000 ("deploy\uE000friday friday\uE000night", search/word-pairs.ts), so a
-- quoted phrase of two words is one short doclist instead of two long ones intersected with
-- their positions checked. Same tokenizer as search_fts, so the pairs fold case and accents as
-- the words do. Contentless (the pairs are never read back), contentless_delete so a row's
-- pairs can be replaced; detail=none (which rows hold a pair, not where: a quarter smaller than
-- detail=full, and about half its added write cost); no prefix index.
-- The server writes the pairs (SQL cannot split words as unicode61 does); rows indexed before
-- this migration get theirs at the server's next start (search/pairs-backfill.ts), and until
-- every row has its pairs phrases are answered from search_fts as before.
CREATE VIRTUAL TABLE `search_pairs` USING fts5(
	`pairs`,
	content='',
	contentless_delete=1,
	detail=none,
	tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co So Mn Mc'"
);
--> statement-breakpoint
-- Segments are merged 16 at a time, not 4: a message's pairs are mostly tokens no other message
-- of its transaction holds, so each merge rewrites more than search_fts' do. At 300k messages
-- (two runs each) ingest went from 4,354-5,389 to 8,112-9,608 messages/s, the pairs' share of
-- a live write from +10-38% to +2-11%, the table from 36 to 38 MB.
INSERT INTO `search_pairs` (`search_pairs`, `rank`) VALUES ('automerge', 16);
--> statement-breakpoint
CREATE TRIGGER `search_pairs_ad` AFTER DELETE ON `search_messages` BEGIN
	DELETE FROM `search_pairs` WHERE rowid = old.`id`;
END;
