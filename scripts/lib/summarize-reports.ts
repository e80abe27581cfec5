// Prints the suite's closing line, "N passed, N failed", from vitest's JSON
// report plus the lint/typecheck checks counted by scripts/test, and exits
// non-zero when anything failed or the report is missing.
import { existsSync, readFileSync } from "node:fs";

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const [reportPath, checksPassedArg, checksFailedArg, vitestStatusArg] = process.argv.slice(2);
const checksPassed = Number(checksPassedArg ?? 0);
const checksFailed = Number(checksFailedArg ?? 0);
const vitestStatus = Number(vitestStatusArg ?? 1);

let passed = checksPassed;
let failed = checksFailed;
let skipped = 0;
if (reportPath !== undefined && existsSync(reportPath)) {
  const report = JSON.parse(readFileSync(reportPath, "utf8")) as VitestReport;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
} else {
  console.error("vitest wrote no report: counting the test run as one failure");
  failed += 1;
}
// vitest can fail without a failed test (a crashed file, an unhandled error).
if (vitestStatus !== 0 && failed === checksFailed) {
  console.error(`vitest exited with status ${vitestStatus} outside any test: counting one failure`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
