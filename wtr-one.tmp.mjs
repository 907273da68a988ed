import base from './web-test-runner.config.mjs';
const { groups: _groups, ...rest } = base;
export default { ...rest, files: [process.env.ONE] };
