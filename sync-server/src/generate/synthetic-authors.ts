// The people who write a generated conversation: real accounts (without a password, so nobody
// signs in as them) and members of the channel, told apart from real people by their email
// domain, and found again by their email when generating again.
import type { UserRecord } from "../accounts/principal.ts";
import { findUserByEmail, insertUser, listUsers, prepareUser } from "../accounts/users.ts";
import { addMember } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";

const SYNTHETIC_DOMAIN = "synthetic.invalid";

const FIRST_NAMES = [
  "Ada",
  "Ben",
  "Chloe",
  "Dmitri",
  "Emeka",
  "Fatima",
  "Grace",
  "Hiro",
  "Ines",
  "Jonas",
  "Keiko",
  "Luis",
  "Maya",
  "Nils",
  "Olu",
  "Priya",
  "Quinn",
  "Rosa",
  "Sven",
  "Tara",
  "Umar",
  "Vera",
  "Wei",
  "Yara",
  "Zoe",
];
const LAST_NAMES = [
  "Lindqvist",
  "Okafor",
  "Moreau",
  "Petrov",
  "Nakamura",
  "Haddad",
  "Silva",
  "Kowalski",
  "Berg",
  "Mensah",
  "Tanaka",
  "Garcia",
  "Novak",
  "Ahmed",
];

export function isSyntheticPerson(user: UserRecord): boolean {
  return user.email?.endsWith(`@${SYNTHETIC_DOMAIN}`) === true;
}

/** People (not agents) of the workspace other than `admin` and the synthetic authors. */
export function otherPeople(ctx: AppContext, admin: UserRecord): UserRecord[] {
  return listUsers(ctx).filter(
    (user) => user.kind === "human" && user.id !== admin.id && !isSyntheticPerson(user),
  );
}

function authorIdentity(index: number) {
  const first = FIRST_NAMES[index % FIRST_NAMES.length] ?? "Sam";
  const last = LAST_NAMES[(index * 7) % LAST_NAMES.length] ?? "Doe";
  return {
    email: `generated-${index + 1}@${SYNTHETIC_DOMAIN}`,
    displayName: `${first} ${last}`,
    handle: `${first.toLowerCase()}.gen${index + 1}`,
  };
}

export interface SyntheticAuthors {
  authors: UserRecord[];
  /** How many of them were created now (the others were made by an earlier run). */
  created: number;
}

/** The first `count` synthetic authors, created when missing, all members of the channel. */
export async function syntheticAuthors(
  ctx: AppContext,
  admin: UserRecord,
  channelId: string,
  count: number,
): Promise<SyntheticAuthors> {
  let created = 0;
  const authors: UserRecord[] = [];
  for (let index = 0; index < count; index++) {
    const identity = authorIdentity(index);
    let author = findUserByEmail(ctx, identity.email);
    if (author === undefined) {
      author = insertUser(ctx, await prepareUser({ kind: "human", role: "member", ...identity }));
      created += 1;
    }
    addMember(ctx, admin, channelId, author.id);
    authors.push(author);
  }
  return { authors, created };
}
