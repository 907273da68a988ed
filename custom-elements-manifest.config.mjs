// Generates dist/custom-elements.json (the package's `customElements` entry) from the element's JSDoc:
// `npx cem analyze --litelement` picks this file up. IDEs and Storybook read the manifest to offer the
// element's attributes, events, slots, parts and custom properties.

/** Modules that hold only types for frameworks: nothing in them is an element. */
const typeOnlyFolders = ['src/frameworks/**'];

/**
 * Published paths: the manifest ships with the bundler build, so it names `dist/lib/…js` rather than the
 * TypeScript sources, which are not in the package.
 */
function toPublishedPath(path) {
  return path.replace(/^src\//, 'dist/lib/').replace(/\.ts$/, '.js');
}

/**
 * The analyzer records `customElements.define(tagName, …)` with the variable's name as the tag; this plugin
 * replaces such a name with the string the module's variable holds, so tools see `custom-auth-login`.
 */
function resolveTagNameVariables() {
  return {
    name: 'resolve-tag-name-variables',
    packageLinkPhase({ customElementsManifest }) {
      const constants = new Map();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const literal = /^(['"])([a-z][\w.-]*-[\w.-]*)\1$/.exec(declaration.default ?? '');
          if (declaration.kind === 'variable' && literal) constants.set(declaration.name, literal[2]);
        }
      }
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.customElement && constants.has(declaration.tagName)) {
            declaration.tagName = constants.get(declaration.tagName);
          }
        }
        for (const entry of module.exports ?? []) {
          if (entry.kind === 'custom-element-definition' && constants.has(entry.name)) {
            entry.name = constants.get(entry.name);
          }
        }
      }
    },
  };
}

/** Rewrites every module path and cross-reference to its published location. */
function publishedPaths() {
  return {
    name: 'published-paths',
    packageLinkPhase({ customElementsManifest }) {
      const visit = (value) => {
        if (Array.isArray(value)) return value.forEach(visit);
        if (!value || typeof value !== 'object') return;
        for (const [key, child] of Object.entries(value)) {
          if ((key === 'path' || key === 'module') && typeof child === 'string') {
            value[key] = toPublishedPath(child.replace(/^\.\//, 'src/').replace(/\.js$/, '.ts'));
          } else {
            visit(child);
          }
        }
      };
      visit(customElementsManifest.modules);
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: typeOnlyFolders,
  outdir: 'dist',
  litelement: true,
  // The package.json field is written by hand; the analyzer must not rewrite the file.
  packagejson: false,
  plugins: [resolveTagNameVariables(), publishedPaths()],
};
