import { defineConfig } from "vitest/config";

export default defineConfig({
  // Tests import the packages by name; this condition resolves them to their sources, so the
  // suite runs without a prior build.
  resolve: { conditions: ["@grantledger/source"] },
  ssr: { resolve: { conditions: ["@grantledger/source"], externalConditions: ["@grantledger/source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 30_000,
    // The CLI suites' beforeAll hooks start tens of real grantledger processes (tsx, a second or
    // more each); on two shared cores with the rest of the suite running they have taken 60 s.
    hookTimeout: 180_000,
  },
});
