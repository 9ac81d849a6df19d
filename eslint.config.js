// The one linter for the code: ESLint's and typescript-eslint's recommended rules, plus the few
// stylistic rules the code keeps (double quotes, semicolons, trailing commas, line length).
// Biome was the first choice, but its per-platform binaries are not all on the registry this
// project installs from, so `npm ci` could not install it from the lock file.
import js from "@eslint/js";
import stylistic from "@stylistic/eslint-plugin";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "src/generated/", "test/clients/*/schema.ts", "node_modules/", "coverage/", "bench/.work/", ".tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { "@stylistic": stylistic },
    rules: {
      "no-console": "error",
      // The pipeline's journal closure reads variables that later stages assign.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@stylistic/quotes": ["error", "double", { avoidEscape: true }],
      "@stylistic/semi": ["error", "always"],
      "@stylistic/comma-dangle": ["error", "always-multiline"],
      "@stylistic/eol-last": "error",
      "@stylistic/no-trailing-spaces": "error",
      "@stylistic/no-multiple-empty-lines": ["error", { max: 1 }],
      "@stylistic/max-len": ["error", { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreComments: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    files: ["src/cli.ts", "scripts/**", "bench/**", "examples/**"],
    rules: { "no-console": "off" },
  },
  // The dashboard's script runs in the browser.
  {
    files: ["ui/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
  },
);
