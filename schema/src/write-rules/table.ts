// Who may write where in a channel document: one rule per root map, each defined next to its
// record. The server's write guard asks these for every entry a peer's update touches; a root
// that is not listed here does not exist, and nothing may be written into it.
//
// | root            | entries | who writes                                                     |
// |-----------------|---------|----------------------------------------------------------------|
// | threads         | map     | a member creates, as createdBy; creator or moderator: status    |
// | forks           | map     | a member creates; creator, moderator or its summary's agent closes |
// | messages        | map     | a member posts as author; author edits/deletes; moderator tombstones; agent: its task |
// | reactions       | value   | anyone writable (guests too): own key only                      |
// | pins            | value   | a member pins as `by`; pinner or moderator unpins               |
// | stopRequests    | value   | a member: own key only                                         |
// | summaryRequests | value   | a member: own key; for a fork, its creator or a moderator       |
// | lateArrivals    | value   | the server only                                                |
// | toolSteps       | value   | the agent holding the reply's task: starts, then ends a step once |
// | toolDecisions   | value   | a person who may write: own key only (approve or deny a call)   |
// | messageVersions | value   | the author, with each edit; removed only with the tombstone     |
// | meta            | value   | the server only (schemaVersion, channelId)                      |
// | threadIndex     | array   | the server only (split layout: the thread digests, a YKeyValue)  |
import { ROOT_NAMES, type RootName } from "../layout.ts";
import { forkWrites } from "../records/fork.ts";
import { messageWrites } from "../records/message.ts";
import { messageVersionWrites } from "../records/message-version.ts";
import { pinWrites } from "../records/pin.ts";
import { reactionWrites } from "../records/reaction.ts";
import { stopRequestWrites } from "../records/stop-request.ts";
import { summaryRequestWrites } from "../records/summary-request.ts";
import { threadWrites } from "../records/thread.ts";
import { toolDecisionWrites } from "../records/tool-decision.ts";
import { toolStepWrites } from "../records/tool-step.ts";
import type { RootWriteRule } from "./entry-write.ts";

function serverOnly(root: RootName): RootWriteRule {
  return { entries: "value", check: () => `only the server writes ${root}` };
}

export const WRITE_RULES: Readonly<Record<RootName, RootWriteRule>> = {
  [ROOT_NAMES.meta]: serverOnly(ROOT_NAMES.meta),
  [ROOT_NAMES.threads]: threadWrites,
  [ROOT_NAMES.forks]: forkWrites,
  [ROOT_NAMES.messages]: messageWrites,
  [ROOT_NAMES.reactions]: reactionWrites,
  [ROOT_NAMES.pins]: pinWrites,
  [ROOT_NAMES.stopRequests]: stopRequestWrites,
  [ROOT_NAMES.summaryRequests]: summaryRequestWrites,
  [ROOT_NAMES.lateArrivals]: serverOnly(ROOT_NAMES.lateArrivals),
  [ROOT_NAMES.toolSteps]: toolStepWrites,
  [ROOT_NAMES.toolDecisions]: toolDecisionWrites,
  [ROOT_NAMES.messageVersions]: messageVersionWrites,
  // An array: the guard refuses any peer item in it as outside the layout before asking this.
  [ROOT_NAMES.threadIndex]: serverOnly(ROOT_NAMES.threadIndex),
};
