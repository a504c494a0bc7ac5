// Scores pages of a local server with the MDN HTTP Observatory's own scanner (audit/run.py runs it).
//
//   NODE_EXTRA_CA_CERTS=ca.pem node audit/observatory.mjs --host localhost --https-port 8443 \
//     --http-port 8080 / /treatments/ketamine-therapy/ /admin/login/
//
// The package's command line (and its scan() function) always scans ports 80 and 443 and the
// path "/". Its retriever takes the ports and a path, so this script calls the retriever and then
// scores the result exactly as scan() does (node_modules/@mdn/mdn-http-observatory/src/scanner/
// index.js, version pinned in package.json): the same tests, the same score table, the same rule
// that the bonus points count only once the score without them is 90 or more.
//
// Prints one JSON object per path, one per line: {path, grade, score, statusCode, tests}, where
// tests maps each test's name to {pass, result, scoreModifier}.

import { retrieve } from "@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { ALL_TESTS, NUM_TESTS } from "@mdn/mdn-http-observatory/src/constants.js";
import {
  getGradeForScore,
  getScoreDescription,
  getScoreModifier,
} from "@mdn/mdn-http-observatory/src/grader/grader.js";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";

function parseArguments(argv) {
  const options = { host: "localhost", httpsPort: 443, httpPort: 80, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === "--host") options.host = argv[++i];
    else if (argument === "--https-port") options.httpsPort = Number(argv[++i]);
    else if (argument === "--http-port") options.httpPort = Number(argv[++i]);
    else options.paths.push(argument);
  }
  if (options.paths.length === 0) options.paths.push("/");
  return options;
}

async function scanPath(host, httpPort, httpsPort, path) {
  const requests = await retrieve(host, { httpPort, httpsPort, path });
  if (!requests.responses.auto) {
    return { path, error: "the site did not answer" };
  }
  const { status } = requests.responses.auto;
  if (status < 200 || (status >= 400 && ![401, 403].includes(status))) {
    return { path, error: `unexpected HTTP status ${status}`, statusCode: status };
  }
  let testsPassed = 0;
  let scoreWithExtraCredit = 100;
  let uncurvedScore = 100;
  const tests = {};
  for (const test of ALL_TESTS) {
    const result = test(requests);
    if (result.result) {
      result.scoreDescription = getScoreDescription(result.result);
      result.scoreModifier = getScoreModifier(result.result);
      testsPassed += result.pass ? 1 : 0;
      scoreWithExtraCredit += result.scoreModifier;
      if (result.scoreModifier < 0) uncurvedScore += result.scoreModifier;
    }
    tests[result.constructor.name] = {
      pass: result.pass,
      result: result.result,
      scoreModifier: result.scoreModifier,
    };
  }
  const score = uncurvedScore >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? scoreWithExtraCredit : uncurvedScore;
  const final = getGradeForScore(score);
  return {
    path,
    grade: final.grade,
    score: final.score,
    statusCode: status,
    testsPassed,
    testsQuantity: NUM_TESTS,
    tests,
  };
}

const { host, httpPort, httpsPort, paths } = parseArguments(process.argv.slice(2));
let failed = false;
for (const path of paths) {
  let line;
  try {
    line = await scanPath(host, httpPort, httpsPort, path);
  } catch (error) {
    line = { path, error: String(error?.message ?? error) };
  }
  failed ||= Boolean(line.error);
  console.log(JSON.stringify(line));
}
process.exitCode = failed ? 1 : 0;
