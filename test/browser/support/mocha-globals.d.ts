// The BDD functions the test runner's mocha puts on the page, typed just as far as these tests use them
// (the project has no mocha type package).
type MochaDone = (error?: unknown) => void;
type MochaTest = (() => void | Promise<void>) | ((done: MochaDone) => void);

declare function describe(title: string, body: () => void): void;
declare function it(title: string, test: MochaTest): void;
declare function before(hook: MochaTest): void;
declare function after(hook: MochaTest): void;
declare function beforeEach(hook: MochaTest): void;
declare function afterEach(hook: MochaTest): void;
