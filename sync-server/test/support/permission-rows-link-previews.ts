// Permission-matrix rows for link previews: anyone signed in may ask (a link to a loopback
// address, which the SSRF guard refuses at once: no preview), and the image route answers 404
// for a page never previewed.
import { at, type Row, signedIn } from "./permission-table.ts";

const refusedLink = encodeURIComponent("http://127.0.0.1:9/page");

export const LINK_PREVIEW_ROWS: Row[] = [
  {
    route: "GET /link-previews",
    expect: signedIn(),
    request: at(`/link-previews?url=${refusedLink}`),
  },
  {
    route: "GET /link-previews/image",
    expect: signedIn({ admin: 404, member: 404, guest: 404, outsider: 404, agent: 404 }),
    request: at(`/link-previews/image?url=${refusedLink}`),
  },
];
