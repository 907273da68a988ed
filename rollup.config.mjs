// Builds dist/custom-auth-login.js: one self-contained, minified ES module (Lit and Amplify inside) that a page
// can load with a plain <script type="module">.
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

export default {
  input: 'src/custom-auth-login.ts',
  output: {
    file: 'dist/custom-auth-login.js',
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    // `browser: true` picks the packages' browser builds; without it Amplify pulls in Node's `buffer` and the
    // element never renders.
    nodeResolve({ browser: true }),
    // Only the element's sources go into the bundle; the tests are type-checked by the test runner's build.
    typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], outDir: 'dist', sourceMap: true }),
    terser({ format: { comments: false } }),
  ],
};
