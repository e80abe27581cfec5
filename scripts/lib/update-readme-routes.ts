// Usage: node scripts/lib/update-readme-routes.ts
// Rewrites README.md's route table (between the api-routes markers) from the
// route catalogue, so a new or changed route reaches the README in one step;
// sync-server/test/openapi.int.test.ts checks the two agree.
import { readFileSync, writeFileSync } from "node:fs";
import { routeTableMarkdown } from "../../sync-server/src/http/openapi-document.ts";

const readmeUrl = new URL("../../README.md", import.meta.url);
const markers = /(<!-- api-routes:begin -->\n)[\s\S]*?(\n<!-- api-routes:end -->)/;
const readme = readFileSync(readmeUrl, "utf8");
if (!markers.test(readme)) {
  console.error("README.md has no <!-- api-routes:begin --> … <!-- api-routes:end --> section");
  process.exit(1);
}
writeFileSync(
  readmeUrl,
  readme.replace(markers, (_, begin, end) => `${begin}${routeTableMarkdown()}${end}`),
);
console.log("README.md route table updated");
