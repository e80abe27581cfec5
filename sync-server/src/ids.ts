// Ids of server records: ULIDs, sortable by creation time and valid channel ids.
import { monotonicFactory } from "ulid";

export const newId: () => string = monotonicFactory();
