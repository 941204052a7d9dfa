import { defineConfig } from "vitest/config";

export default defineConfig({
  // Tests import the packages by name; this condition resolves them to their sources, so the
  // suite runs without a prior build.
  resolve: { conditions: ["@grantledger/source"] },
  ssr: { resolve: { conditions: ["@grantledger/source"], externalConditions: ["@grantledger/source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
