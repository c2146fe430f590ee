import { describeRunnableExamples } from './runDocExamples.js';

// The doc-test of README.md's runnable examples (runDocExamples.ts); the markers of every block
// and the examples of docs/ are checked in shellExamples.test.ts.
describeRunnableExamples(['README.md']);
